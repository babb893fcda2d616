#include "testpmd/testpmd_plan.hpp"

namespace mpdts::testpmd {
namespace {

// What DPDK 22.11 (Debian's 22.11.11 dpdk-testpmd) does instead of what the rules say, each tied to
// the one check it fails, to the exact way it fails it, to the DPDK releases it was seen on and to the
// upstream code that explains it (see the README's testpmd section). On any other DPDK the same
// failure is a plain failure: a finding seen on 22.11 says nothing about another release.
const DpdkRange kSeenOn2211{"22.11", "22.11"};

// rte_dev_probe() returns 0 for a device that is already probed: EAL logs
// "EAL: Failed to attach device on primary process" (from a primary) and then swallows -EEXIST.
// testpmd, told the attach worked, prints "Attaching a new port..." and no result at all: no port,
// and not its own failure line.
KnownFinding duplicate_attach_not_refused() {
  return {"duplicate-attach-fails", R"(^printed no failure result \(.*\) and attached no port)",
          "a duplicate `port attach` is not refused. EAL's rte_dev_probe() swallows -EEXIST and returns "
          "success, so testpmd prints no failure ('Failed to attach port ...'); it prints only 'Attaching a new "
          "port...' (and, in a primary, EAL's log 'Failed to attach device on primary process'). No port is added.",
          false, kSeenOn2211,
          "lib/eal/common/eal_common_dev.c rte_dev_probe(): when local_dev_probe() fails with -EEXIST (the device "
          "is already probed) the primary logs 'Failed to attach device on primary process' but goes on ('for "
          "-EEXIST case, we still need to sync with secondary process') and returns 0; app/test-pmd/testpmd.c "
          "attach_port() prints 'Failed to attach port' only when rte_dev_probe() < 0, and sets up only the ports a "
          "RTE_ETH_EVENT_NEW announced (none). Seen on Debian's 22.11.11; no upstream bug reference found."};
}

// `port close N` releases the ethdev port (rte_eth_dev_close() frees it since DPDK 20.11): the id is
// gone, so the detach the rule asks for next cannot name it.
KnownFinding detach_after_close_invalid() {
  return {"detach-after-close", R"(^did not detach: testpmd printed 'Invalid port_id=\d+')",
          "after `port stop N` and `port close N`, `port detach N` prints 'Invalid port_id=N'. Closing releases the "
          "ethdev port, so the port is already gone from the summary, but the device is not detached.",
          false, kSeenOn2211,
          "lib/ethdev/rte_ethdev.c rte_eth_dev_close() ends with rte_eth_dev_release_port() (lib/ethdev/"
          "ethdev_driver.c), which marks the port RTE_ETH_DEV_UNUSED; app/test-pmd/testpmd.c detach_port_device() "
          "starts with port_id_is_invalid(port_id, ENABLED_WARN), which prints 'Invalid port_id=N'. Seen on "
          "Debian's 22.11.11; no upstream bug reference found."};
}

// ... and the device stays probed on its bus with no port: attaching it again is a duplicate.
KnownFinding device_kept_after_close() {
  return {"device-free-after-detach", R"(^attached no port and printed no failure result)",
          "after stop + close (+ the refused detach) the device is still probed, with no port: `port attach` of the "
          "same devargs adds nothing (EAL: 'Failed to attach device on primary process'). Only `device detach "
          "<name>` frees it.",
          false, kSeenOn2211,
          "rte_eth_dev_close() releases only the ethdev port (lib/ethdev/ethdev_driver.c "
          "rte_eth_dev_release_port()); the rte_device keeps its driver (lib/eal/common/eal_common_dev.c "
          "rte_dev_is_probed()), so the next attach takes rte_dev_probe()'s -EEXIST path, as a duplicate attach "
          "does. Seen on Debian's 22.11.11; no upstream bug reference found."};
}

// In a testpmd pair, a port attached by one process is announced to the other by a "new port" event
// that testpmd only notes; that process never sets the port up, so it stays "not stopped" there.
KnownFinding detach_from_other_process_refused() {
  return {"detach-from-other-process", R"(^did not detach: testpmd printed 'Port not stopped')",
          "a testpmd cannot detach a port that the other process of the pair attached. It lists the port, but never "
          "set it up (testpmd only marks ports announced by the new-port event), so `port stop N` does nothing and "
          "`port detach N` prints 'Port not stopped'; `device detach` refuses the same way.",
          true, kSeenOn2211,
          "app/test-pmd/testpmd.c eth_event_callback(): RTE_ETH_EVENT_NEW sets ports[N].need_setup and "
          "port_status = RTE_PORT_HANDLING; detach_port_device() refuses any status but RTE_PORT_STOPPED or "
          "RTE_PORT_CLOSED with 'Port not stopped' (detach_device(): 'Port N not stopped'). Seen on Debian's "
          "22.11.11; no upstream bug reference found."};
}

// ... and that process sets such ports up at its next own attach, reporting them as attached too.
KnownFinding attach_reports_foreign_port() {
  return {"attach-reports-only-its-port", R"(^reported ports 0, 1 as attached, expected exactly the one new port)",
          "in a testpmd pair, `port attach` in one process also reports 'Port N is attached' for the port the other "
          "process attached earlier: testpmd sets up every port announced by the new-port event at its next attach.",
          false, kSeenOn2211,
          "app/test-pmd/testpmd.c attach_port(), 'first attach mode: event' (setup_on_probe_event, true by "
          "default): it calls setup_attached_port(), which prints 'Port N is attached', for every port with "
          "port_status == RTE_PORT_HANDLING and need_setup, including the one the other process attached (marked "
          "by eth_event_callback() on RTE_ETH_EVENT_NEW). Seen on Debian's 22.11.11; no upstream bug reference "
          "found."};
}

// After the primary closed a port, the secondary still counts it and dies reading it.
KnownFinding secondary_dies_after_primary_close() {
  return {"secondary-answers-after-close", R"(^died: killed by signal 11 \(SIGSEGV\))",
          "after the primary's `port stop N` and `port close N`, `show port summary all` in the secondary testpmd "
          "kills it with SIGSEGV: it still counts the port ('Number of available ports: 1') and reads the port's "
          "data, which the primary has freed and zeroed.",
          true, kSeenOn2211,
          "lib/ethdev/ethdev_driver.c rte_eth_dev_release_port() (called by rte_eth_dev_close()): in the primary it "
          "frees data->dev_private and data->mac_addrs and memsets the shared rte_eth_dev_data; nothing tells the "
          "secondary, whose own rte_eth_devices[N].state stays RTE_ETH_DEV_ATTACHED, so its port summary still "
          "counts the port and rte_eth_dev_info_get() calls the PMD's dev_infos_get on the zeroed data "
          "(drivers/net/null/rte_eth_null.c eth_dev_info() reads internals = dev->data->dev_private, now NULL). "
          "gdb on Debian's 22.11.11 (net_null): SIGSEGV in librte_net_null.so <- rte_eth_dev_info_get() <- "
          "testpmd's `show port summary all`. No upstream bug reference found."};
}

}  // namespace

std::vector<TestpmdCase> all_cases() {
  const Direction from_primary{"FromPrimary", Side::Primary, Side::Primary};
  const Direction from_secondary{"FromSecondary", Side::Secondary, Side::Secondary};
  const Direction cross_ps{"AttachPrimaryDetachSecondary", Side::Primary, Side::Secondary};
  const Direction cross_sp{"AttachSecondaryDetachPrimary", Side::Secondary, Side::Primary};

  std::vector<TestpmdCase> out;
  for (Device d : {Device::NullVdev, Device::AfPacketVdev, Device::Physical}) {
    out.push_back({"Attach", "Attach returns the new port's id; attaching the same device again fails and changes nothing",
                   Rule::Attach, d, std::nullopt, {duplicate_attach_not_refused()}});
    out.push_back({"DetachAfterStopClose",
                   "A started port cannot be detached; once stopped and closed it can, and its device is free again",
                   Rule::DetachAfterStopClose, d, std::nullopt,
                   {detach_after_close_invalid(), device_kept_after_close()}});
    out.push_back({"DetachStoppedPort", "Detaching a stopped port closes it first, then removes its device",
                   Rule::DetachStoppedPort, d, std::nullopt, {}});
    out.push_back({"Repeat", "Attach and detach repeated: the same port id every round, no port left behind",
                   Rule::Repeat, d, std::nullopt, {}});
    for (const auto& dir : {from_primary, from_secondary, cross_ps, cross_sp}) {
      std::vector<KnownFinding> findings;
      if (dir.attach_from != dir.detach_from) findings.push_back(detach_from_other_process_refused());
      out.push_back({"MultiProcess",
                     "Primary and secondary testpmd: a port one attaches or detaches is listed or gone in both",
                     Rule::MultiProcess, d, dir, findings});
    }
    // The process under test attaches the device after the other one attached the anchor device.
    for (const auto& dir : {from_primary, from_secondary})
      out.push_back({"MultiProcessAttachReply",
                     "Primary and secondary testpmd: an attach reports the one port it added",
                     Rule::MultiProcessAttachReply, d, dir, {attach_reports_foreign_port()}});
    // Virtual devices only: the crash is in the secondary's ethdev bookkeeping, whatever the device; a
    // PCI variant would add a guest case (~30 s) and show nothing more.
    if (d != Device::Physical)
      out.push_back({"SecondaryAfterPrimaryClose",
                     "Primary and secondary testpmd: after the primary closes a port, the secondary answers and "
                     "lists what the primary lists",
                     Rule::SecondaryAfterPrimaryClose, d, std::nullopt, {secondary_dies_after_primary_close()}});
  }
  return out;
}

std::string test_name(const TestpmdCase& c) {
  return c.id + (c.direction ? "_" + c.direction->id : "") + "_" + device_name(c.device);
}

std::string side_name(Side s) { return s == Side::Primary ? "primary" : "secondary"; }

std::string device_name(Device d) {
  switch (d) {
    case Device::NullVdev: return "NullVdev";
    case Device::AfPacketVdev: return "AfPacketVdev";
    case Device::Physical: return "Physical";
  }
  return "";
}

}  // namespace mpdts::testpmd
