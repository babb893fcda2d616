#!/bin/sh
# A hotplug_mp that crashes: started in a network namespace (the af_packet cases) it prompts, answers
# `list` with no device and dies of SIGSEGV on `attach`; anywhere else it is the real target, so the
# case after the crashed one shows that the suite goes on cleanly.
#
#   MPDTS_HOTPLUG_MP=build/bin/hotplug_mp build/mpdts_cases \
#     --topology=testcases/faults/fake/crashes_on_attach.yaml \
#     --gtest_filter='HotplugMp/Plan.Case/AttachVirtual_FromPrimary:HotplugMp/Plan.Case/RepeatVhostUser_FromPrimary'
#
# MPDTS_HOTPLUG_MP names the real target (default: the project's build next to the sources).
real="${MPDTS_HOTPLUG_MP:-$(dirname "$0")/../../../build/bin/hotplug_mp}"
# The harness starts its targets directly: our parent's namespace is the harness's own.
if [ "$(readlink /proc/self/ns/net)" = "$(readlink "/proc/$PPID/ns/net")" ]; then
  exec "$real" "$@"
fi
echo "fake hotplug_mp: started in a network namespace; it crashes on attach"
printf 'example> '
while IFS= read -r line; do
  set -- $line
  case "$1" in
    list) echo "list all etherdev" ;;
    attach) echo "fake hotplug_mp: attach: crashing"; ulimit -c 0; kill -SEGV $$ ;;
    quit) exit 0 ;;
  esac
  printf 'example> '
done
