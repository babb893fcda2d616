#!/bin/sh
# A hotplug_mp that hangs: started in a network namespace (the af_packet cases) it prints a line and
# then never prompts, reading its input forever; anywhere else it is the real target, so the case
# after the hung one shows that the suite goes on cleanly.
#
#   MPDTS_HOTPLUG_MP=build/bin/hotplug_mp build/mpdts_cases \
#     --topology=testcases/faults/fake/hangs_without_prompt.yaml \
#     --gtest_filter='HotplugMp/Plan.Case/AttachVirtual_FromPrimary:HotplugMp/Plan.Case/RepeatVhostUser_FromPrimary'
#
# MPDTS_HOTPLUG_MP names the real target (default: the project's build next to the sources).
real="${MPDTS_HOTPLUG_MP:-$(dirname "$0")/../../../build/bin/hotplug_mp}"
# The harness starts its targets directly: our parent's namespace is the harness's own.
if [ "$(readlink /proc/self/ns/net)" = "$(readlink "/proc/$PPID/ns/net")" ]; then
  exec "$real" "$@"
fi
echo "fake hotplug_mp: started in a network namespace; it will never prompt"
while IFS= read -r line; do :; done
