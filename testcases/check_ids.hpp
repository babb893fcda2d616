// Every check the suite makes has a stable id ("hotplug.list-exact"): the registry below (one line
// each, in check_ids.cpp) says what each one means. A failed check is raised through
// MPDTS_CHECK_FAILED(id), which tags the GoogleTest failure message with "[id] " and records the id
// in the case record ("failed_checks", a JSON array in cases/*.json), so a run says which checks
// failed by id. testcases/selftest/catalogue.yaml names, for every id, a faulty target that makes
// it fail; `ctest -L selftest` proves it, and a unit test (check_ids_test.cpp) keeps the registry,
// the catalogue and the sources in step.
//
//   MPDTS_CHECK_FAILED("hotplug.list-exact") << "after " << step << ":\n" << problems;
//
// An id that is not registered fails the case (with the id in the message) instead of passing silently.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace mpdts::suite {

struct CheckInfo {
  // "<plan>.<check>": hotplug., rollback., testpmd., symmetric., vm., and case. (the harness's own)
  std::string_view id;
  std::string_view meaning;  // one line: what passing the check means
  // Who still owes the faulty target that makes it fail ("" when the catalogue has one). The
  // catalogue test lists pending ids instead of failing on them.
  std::string_view pending = {};
};

// Every check id, in catalogue order.
const std::vector<CheckInfo>& check_registry();
// The registered check, or nullptr.
const CheckInfo* find_check(std::string_view id);

// Called by MPDTS_CHECK_FAILED: records `id` as failed in the running case (property
// "failed_checks", comma-separated, in the order they failed; once each) and returns the message
// prefix "[id] ". An unregistered id is recorded as failed too, and says so in the message.
testing::Message check_failed(std::string_view id);

// The ids that failed in the running case so far.
std::vector<std::string> failed_checks_of_current_case();

// The id of a harness error (an exception a case caught): "case.timeout" when a process did not
// answer in time, "case.process-ended" when one exited, was killed or closed its output while the
// case waited for it, else "case.harness-error".
std::string_view harness_error_check(std::string_view what);

}  // namespace mpdts::suite

// A non-fatal GoogleTest failure of check `id`; stream the message into it like ADD_FAILURE().
#define MPDTS_CHECK_FAILED(id)                                                                              \
  ::testing::internal::AssertHelper(::testing::TestPartResult::kNonFatalFailure, __FILE__, __LINE__, "Failed") = \
      ::mpdts::suite::check_failed(id)
