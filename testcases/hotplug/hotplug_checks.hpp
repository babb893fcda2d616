// The plan's checks, strictly: after every step `list` in EVERY running process equals the expected
// set of devices exactly (no more, no fewer, no duplicates, same port ids everywhere); an attach or
// detach that must work prints the success result and no failure result; a duplicate prints the
// failure result and no success result and changes no list.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "apps/hotplug_app.hpp"
#include "hotplug/list_compare.hpp"

namespace mpdts::hotplug {

// Thrown after a fatal check failed (already reported to GoogleTest): the case stops there.
struct CaseAbort {};

// Checks every process's list against `expected` (device names); reports and aborts on a mismatch.
void expect_every_list(const std::vector<HotplugApp*>& processes, const std::set<std::string>& expected,
                       const std::string& after_step);

// An attach/detach that must succeed: aborts the case when it does not.
void require_success(const HotplugReply& reply, const std::string& what);
// A duplicate that must fail: reported (non-fatal), the case goes on.
void expect_refused(const HotplugReply& reply, const std::string& what);

}  // namespace mpdts::hotplug
