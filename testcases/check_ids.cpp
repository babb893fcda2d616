#include "check_ids.hpp"

#include <algorithm>

#include "mpdts/report/record_keys.hpp"

namespace mpdts::suite {

const std::vector<CheckInfo>& check_registry() {
  static const std::vector<CheckInfo> registry = {
      // The harness's own, at the end of (or around) every case of every plan.
      {"case.quit-exit-code", "every process the case quits exits with code 0 (no signal)"},
      {"case.nothing-left", "once the case's bench is gone, none of the paths it made is left"},
      {"case.timeout", "every process answers each command (its prompt, its exit) within the topology's timeouts"},
      {"case.process-ended", "no process exits, dies of a signal or closes its output while the case waits for it"},
      {"case.harness-error", "the bench carries out every step: set-up, commands, and the target's output parses"},

      // hotplug_mp plan (testcases/hotplug/).
      {"hotplug.list-exact",
       "after every step, `list` in every process shows exactly the expected devices, none twice"},
      {"hotplug.same-port-id", "a device listed by several processes has the same port id in all of them"},
      {"hotplug.attach-succeeds", "an attach that must work prints the success result and no failure result"},
      {"hotplug.detach-succeeds", "a detach that must work prints the success result and no failure result"},
      {"hotplug.duplicate-attach-fails",
       "attaching an attached device prints the failure result and no success result"},
      {"hotplug.duplicate-detach-fails", "detaching a detached device prints the failure result and no success result"},

      // Rollback of a hotplug that fails in one process (testcases/rollback/).
      {"rollback.list-exact", "outside the failed hotplug, every process lists exactly the expected devices"},
      {"rollback.hotplug-fails",
       "the requester of a hotplug that failed in a peer prints the failure result, not success"},
      {"rollback.list-unchanged",
       "after the failed hotplug every process lists what it listed before, at the same ports"},
      {"rollback.fault-took-effect", "a process started where the device cannot be opened does not list it"},

      // Port hotplug through dpdk-testpmd (testcases/testpmd/; the ids after "testpmd." are the case table's).
      {"testpmd.lists-expected-ports", "`show port summary all` in every testpmd lists exactly the expected ports"},
      {"testpmd.attach-adds-port", "`port attach` reports exactly one new port, 'Done', and no failure"},
      {"testpmd.new-port-id", "an attach gives a port id that no attached port has"},
      {"testpmd.duplicate-attach-fails", "a duplicate `port attach` prints testpmd's failure line and adds no port"},
      {"testpmd.duplicate-changes-nothing", "a duplicate `port attach` leaves the port summary unchanged"},
      {"testpmd.detach-started-refused", "`port detach` of a started port is refused and detaches nothing"},
      {"testpmd.started-port-unchanged", "a refused detach leaves the port summary unchanged"},
      {"testpmd.port-start", "`port start N` prints 'Done' and no error"},
      {"testpmd.port-stop", "`port stop N` prints 'Done' and no error"},
      {"testpmd.port-close", "`port close N` prints 'Done', 'Port N is closed' and no error"},
      {"testpmd.detach-after-close", "`port detach` of a stopped and closed port detaches its device"},
      {"testpmd.device-free-after-detach", "a detached device can be attached again as a new port"},
      {"testpmd.detach-stopped-port", "`port detach` of a stopped port detaches its device"},
      {"testpmd.closed-before-detach",
       "detaching a stopped port says 'Port N is closed' before the device is detached"},
      {"testpmd.same-port-id", "attach/detach rounds give the same port id every round"},
      {"testpmd.detach", "`port detach` of a stopped port prints 'Device is detached' and 'Done'"},
      {"testpmd.detach-from-other-process", "a testpmd detaches a port the other process of the pair attached"},
      {"testpmd.attach-reports-only-its-port", "in a testpmd pair, an attach reports only the one port it added"},
      {"testpmd.secondary-answers-after-close",
       "after the primary closed a port, the secondary testpmd answers `show port summary all` with its prompt"},
      {"testpmd.finding-occurred", "every known finding recorded for the case occurs (else the DPDK no longer has it)"},

      // Symmetric multi-process forwarding (testcases/symmetric/; host cases and the guest's case 1).
      {"symmetric.exit-clean", "every symmetric_mp process exits cleanly on SIGINT"},
      {"symmetric.one-line-per-port", "every process prints one counter line per port"},
      {"symmetric.received-on-every-port", "every process received on every port"},
      {"symmetric.pair-balance", "RX on a port equals TX + Drop on its paired port, in every process"},
      {"symmetric.not-more-than-sent", "the processes together received no more than the traffic side sent"},
      {"symmetric.forwarding-starts", "every process is seen forwarding before the traffic deadline"},
      {"symmetric.traffic-completes", "the traffic (and each one-way probe) runs through every process within its deadline"},
      {"symmetric.wire-agrees", "what the targets say they sent on a port is what the traffic side received from it"},
      {"symmetric.every-process-forwards", "a process that received on a port sent on its pair"},
      {"symmetric.one-way-probe", "traffic sent to one port alone does not come back out of that port"},

      // The vdev primary/secondary plan in the QEMU guest (testcases/vm/). Its faulty targets need a
      // guest boot each, so the selftest (virtual devices, seconds a row) has none yet.
      {"vm.plan-port-ids", "in the guest, every hotplug_mp process lists the plan's port ids", "vm (a guest per row)"},
      {"vm.offload-request-said", "the primary says per port that it asked for DPDK's example's offloads",
       "vm (a guest per row)"},
      {"vm.lab-clean", "after a guest case, its ports are back on their kernel driver and the lab is clean",
       "vm (a guest per row)"},
      {"vm.lab-released", "the VM lab, stopped at the end of the suite, leaves nothing behind", "vm (a guest per row)"},
  };
  return registry;
}

const CheckInfo* find_check(std::string_view id) {
  const auto& r = check_registry();
  const auto it = std::find_if(r.begin(), r.end(), [&](const CheckInfo& c) { return c.id == id; });
  return it == r.end() ? nullptr : &*it;
}

namespace {

// The failed ids of the running case; reset when another case runs.
struct FailedChecks {
  std::string test;  // full name of the case they belong to
  std::vector<std::string> ids;
};

FailedChecks& failed_checks_store() {
  static FailedChecks store;
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  const std::string test = info ? std::string(info->test_suite_name()) + "." + info->name() : std::string();
  if (store.test != test) store = {test, {}};
  return store;
}

}  // namespace

testing::Message check_failed(std::string_view id) {
  auto& store = failed_checks_store();
  if (std::find(store.ids.begin(), store.ids.end(), id) == store.ids.end()) {
    store.ids.emplace_back(id);
    std::string joined;
    for (const auto& i : store.ids) joined += (joined.empty() ? "" : ",") + i;
    testing::Test::RecordProperty(report::property::kFailedChecks, joined);
  }
  testing::Message m;
  m << "[" << id << "] ";
  if (!find_check(id)) m << "(check id not in the registry, testcases/check_ids.cpp) ";
  return m;
}

std::vector<std::string> failed_checks_of_current_case() { return failed_checks_store().ids; }

std::string_view harness_error_check(std::string_view what) {
  const auto first_line = what.substr(0, what.find('\n'));
  if (first_line.find("timed out") != std::string_view::npos) return "case.timeout";
  if (first_line.find(" while waiting for ") != std::string_view::npos) return "case.process-ended";
  return "case.harness-error";
}

}  // namespace mpdts::suite
