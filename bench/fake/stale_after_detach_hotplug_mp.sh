#!/bin/sh
# A hotplug_mp whose third detach reports success but leaves the device listed in every process,
# to show that the scaling benchmark checks every repetition: it must stop there (exit 1, saying
# which step and what each process listed) instead of timing it. It speaks the output contract but
# no DPDK: the processes of one --file-prefix share their devices through a file next to their
# --huge-dir (removed with the benchmark's sandbox).
#
#   build/mpdts-bench hotplug --topology=bench/fake/stale_after_detach.yaml --secondaries 1 --repetitions 3
state=
for arg in "$@"; do
  case "$arg" in
    --huge-dir=*) state="$(dirname "${arg#--huge-dir=}")/fake_hotplug_mp.devices" ;;
  esac
done
[ -n "$state" ] || { echo "fake hotplug_mp: no --huge-dir" >&2; exit 1; }
touch "$state" "$state.detaches"

echo "fake hotplug_mp (third detach leaves the device), state in $state"
printf 'example> '
while IFS= read -r line; do
  set -- $line
  case "$1" in
    list)
      echo "list all etherdev"
      port=0
      while IFS= read -r name; do
        printf '%s\t%s\n' "$port" "$name"
        port=$((port + 1))
      done < "$state" ;;
    attach)
      name="${2%%,*}"
      if grep -qx "$name" "$state"; then
        echo "failed to attached device $name"
      else
        echo "$name" >> "$state"
        echo "attached device $name"
      fi ;;
    detach)
      echo detach >> "$state.detaches"
      if [ "$(wc -l < "$state.detaches")" -ne 3 ]; then
        grep -vx "$2" "$state" > "$state.new"
        mv "$state.new" "$state"
      fi
      echo "detached device $2" ;;
    quit)
      exit 0 ;;
  esac
  printf 'example> '
done
