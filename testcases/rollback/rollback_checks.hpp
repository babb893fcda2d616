// The rollback checks: a hotplug that failed somewhere must be reported as a failure to whoever asked
// for it, and must leave EVERY process exactly as it was before — the same devices at the same port
// ids — whatever each process had (a process may rightly differ from the others, e.g. one whose
// start-up probe of a device failed). A failure names each process that kept, lost or moved what.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "apps/hotplug_app.hpp"
#include "hotplug/hotplug_checks.hpp"
#include "hotplug/list_compare.hpp"

namespace mpdts::rollback {

// The hotplug plan's: a fatal check stops the case by CaseAbort; the hotplug must have worked
// (require_success, fatal); the port-id check of shared devices.
using hotplug::CaseAbort;
using hotplug::Lists;
using hotplug::port_id_conflicts;
using hotplug::require_success;

// What differs between each process's list before and after a failed hotplug (lists in the same
// process order), or "" when every process is back to its state before. Exposed for unit tests.
std::string compare_with_before(const Lists& before, const Lists& after);

// What is wrong with each process's list against the devices it must show exactly (expected[i] for
// lists[i]; any order), or "" when every process shows exactly those. Exposed for unit tests.
std::string compare_with_expected(const Lists& lists, const std::vector<std::vector<std::string>>& expected);

// The hotplug must have failed: the failure result and no success result. Non-fatal: the lists are
// checked after it whatever it printed.
void expect_failure_result(const HotplugReply& reply, const std::string& what, const std::string& why);

}  // namespace mpdts::rollback
