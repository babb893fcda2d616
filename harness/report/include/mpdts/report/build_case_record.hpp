// How a finished gtest test becomes a CaseRecord. Kept free of gtest types so that
// unit tests can describe a finished test directly instead of running one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mpdts/report/case_record.hpp"

namespace mpdts::report {

// Mirrors testing::TestPartResult.
struct TestPart {
  enum class Kind { kSuccess, kNonFatalFailure, kFatalFailure, kSkip };
  Kind kind = Kind::kSuccess;
  std::string file;  // empty if unknown
  int line = -1;     // -1 if unknown
  std::string message;
};

// What gtest knows about a test when it has ended.
struct FinishedTest {
  std::string suite;
  std::string name;
  std::vector<TestPart> parts;  // the test's own results, in order
  // Results recorded on the test suite outside any test, i.e. in SetUpTestSuite().
  // gtest reports every test of a suite whose SetUpTestSuite() failed as *skipped*
  // with no message; these parts let the record say failed, and why.
  std::vector<TestPart> suite_parts;
  // RecordProperty() pairs, suite-level ones first; a later key overrides an earlier one.
  std::vector<std::pair<std::string, std::string>> properties;
  std::int64_t start_ms = 0;  // since the Unix epoch
  std::int64_t elapsed_ms = 0;
};

// failed if any part (own or suite) failed, else skipped if any part is a skip,
// else passed. Suite-level failures are listed after the test's own, their message
// prefixed with "[SetUpTestSuite] ".
CaseRecord build_case_record(const FinishedTest& test);

// The record written when a test starts, so that a process that dies inside a test
// (crash, abort, ctest timeout kill) still leaves a failed record behind. OnTestEnd
// overwrites it.
CaseRecord unfinished_case_record(const std::string& suite, const std::string& name,
                                  std::int64_t start_ms);

// "a, b,,c " -> {"a", "b", "c"}
std::vector<std::string> split_labels(std::string_view comma_separated);

}  // namespace mpdts::report
