#!/bin/sh
# A hotplug_mp that ignores failure, to show that the rollback cases catch one and say which process
# kept what. It speaks the output contract but no DPDK: the processes of one --file-prefix share the
# attached devices through a file next to their --huge-dir (removed with the case's sandbox). An
# attach always reports success, even where the device cannot be opened (a pcap/af_packet device
# whose iface= is not in this process's network namespace); each process lists the shared devices it
# can open, so the processes that could open the device keep it although a peer failed. A detach
# always reports success and removes the device from every process, although a peer refused it.
#
#   build/mpdts_cases --topology=testcases/rollback/fake/ignores_failure.yaml --gtest_filter='Rollback/*'
state=
for arg in "$@"; do
  case "$arg" in
    --huge-dir=*) state="$(dirname "${arg#--huge-dir=}")/fake_hotplug_mp.devices" ;;
  esac
done
[ -n "$state" ] || { echo "fake hotplug_mp: no --huge-dir" >&2; exit 1; }
touch "$state"

# True when this process could open the device given by devargs $1 (its iface= is in our netns).
can_open() {
  case "$1" in
    *iface=*)
      iface="${1#*iface=}"
      iface="${iface%%,*}"
      grep -q "^ *$iface:" /proc/net/dev ;;
    *) true ;;
  esac
}

echo "fake hotplug_mp (ignores failure), state in $state"
printf 'example> '
while IFS= read -r line; do
  set -- $line
  case "$1" in
    list)
      echo "list all etherdev"
      port=0
      while IFS= read -r devargs; do
        can_open "$devargs" && printf '%s\t%s\n' "$port" "${devargs%%,*}"
        port=$((port + 1))
      done < "$state"
      ;;
    attach)
      name="${2%%,*}"
      if grep -q "^$name\(,\|\$\)" "$state"; then
        echo "failed to attach device $name"
      else
        can_open "$2" || echo "fake: cannot open $name in this process; reporting success anyway"
        echo "$2" >> "$state"
        echo "attached device $name"
      fi
      ;;
    detach)
      if grep -q "^$2\(,\|\$\)" "$state"; then
        grep -v "^$2\(,\|\$\)" "$state" > "$state.new"; mv "$state.new" "$state"
        echo "detached device $2"
      else
        echo "failed to detach device $2"
      fi
      ;;
    quit) exit 0 ;;
    "") ;;
    *) echo "unknown command: $1" ;;
  esac
  printf 'example> '
done
