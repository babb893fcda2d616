#include "mpdts/report/case_recorder.hpp"

#include <cstdio>
#include <stdexcept>
#include <system_error>

#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/build_case_record.hpp"
#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {
namespace {

TestPart to_test_part(const testing::TestPartResult& result) {
  TestPart part;
  switch (result.type()) {
    case testing::TestPartResult::kSuccess: part.kind = TestPart::Kind::kSuccess; break;
    case testing::TestPartResult::kNonFatalFailure:
      part.kind = TestPart::Kind::kNonFatalFailure;
      break;
    case testing::TestPartResult::kFatalFailure:
      part.kind = TestPart::Kind::kFatalFailure;
      break;
    case testing::TestPartResult::kSkip: part.kind = TestPart::Kind::kSkip; break;
  }
  part.file = result.file_name() != nullptr ? result.file_name() : "";
  part.line = result.line_number();
  part.message = result.message() != nullptr ? result.message() : "";
  return part;
}

std::vector<TestPart> parts_of(const testing::TestResult& result, int first = 0) {
  std::vector<TestPart> parts;
  for (int i = first; i < result.total_part_count(); ++i) {
    parts.push_back(to_test_part(result.GetTestPartResult(i)));
  }
  return parts;
}

void append_properties(const testing::TestResult& result,
                       std::vector<std::pair<std::string, std::string>>& properties) {
  for (int i = 0; i < result.test_property_count(); ++i) {
    const testing::TestProperty& property = result.GetTestProperty(i);
    properties.emplace_back(property.key(), property.value());
  }
}

bool has_failure(const std::vector<TestPart>& parts) {
  for (const TestPart& part : parts) {
    if (part.kind == TestPart::Kind::kNonFatalFailure ||
        part.kind == TestPart::Kind::kFatalFailure) {
      return true;
    }
  }
  return false;
}

std::string g_repeat_suffix;

}  // namespace

const std::string& CaseRecorder::repeat_suffix() { return g_repeat_suffix; }

void CaseRecorder::OnTestIterationStart(const testing::UnitTest&, int iteration) {
  g_repeat_suffix = GTEST_FLAG_GET(repeat) == 1 ? "" : "#" + std::to_string(iteration + 1);
}

CaseRecorder::CaseRecorder(std::filesystem::path results_dir, nlohmann::json environment)
    : results_dir_(std::move(results_dir)) {
  std::filesystem::create_directories(results_dir_ / kCasesDir);
  const auto environment_path = results_dir_ / kEnvironmentFile;
  std::error_code error;
  if (!std::filesystem::exists(environment_path, error)) {
    write_file_atomically(environment_path, environment.dump(2) + "\n");
  }
}

void CaseRecorder::write_record_or_complain(const CaseRecord& record) const {
  // A listener must not throw into gtest; a record that cannot be written is a
  // problem for whoever reads the run's output, so say it loudly there.
  try {
    write_file_atomically(case_record_path(results_dir_, record.full_name),
                          to_json(record).dump(2) + "\n");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "mpdts: cannot record the result of %s: %s\n",
                 record.full_name.c_str(), error.what());
  }
}

void CaseRecorder::OnTestStart(const testing::TestInfo& test_info) {
  current_test_start_ms_ = now_ms_since_epoch();
  write_record_or_complain(unfinished_case_record(test_info.test_suite_name(),
                                                  test_info.name() + g_repeat_suffix,
                                                  current_test_start_ms_));
}

void CaseRecorder::OnTestEnd(const testing::TestInfo& test_info) {
  const testing::TestResult& result = *test_info.result();
  FinishedTest test;
  test.suite = test_info.test_suite_name();
  test.name = test_info.name() + g_repeat_suffix;
  test.parts = parts_of(result);
  // Tests skipped because SetUpTestSuite() failed have no start time of their own.
  test.start_ms = result.start_timestamp() != 0 ? result.start_timestamp()
                                                : current_test_start_ms_;
  test.elapsed_ms = result.elapsed_time();

  if (const testing::TestSuite* suite = testing::UnitTest::GetInstance()->current_test_suite()) {
    const testing::TestResult& suite_result = suite->ad_hoc_test_result();
    test.suite_parts = parts_of(suite_result);
    suite_parts_seen_ = suite_result.total_part_count();
    append_properties(suite_result, test.properties);
  }
  append_properties(result, test.properties);
  write_record_or_complain(build_case_record(test));
}

void CaseRecorder::OnTestSuiteEnd(const testing::TestSuite& test_suite) {
  const std::vector<TestPart> teardown_parts =
      parts_of(test_suite.ad_hoc_test_result(), suite_parts_seen_);
  suite_parts_seen_ = 0;
  if (!has_failure(teardown_parts)) return;

  FinishedTest teardown;
  teardown.suite = test_suite.name();
  teardown.name = "TearDownTestSuite";
  teardown.parts = teardown_parts;
  teardown.start_ms = now_ms_since_epoch();
  write_record_or_complain(build_case_record(teardown));
}

void CaseRecorder::OnTestProgramEnd(const testing::UnitTest& unit_test) {
  std::vector<TestPart> parts = parts_of(unit_test.ad_hoc_test_result());
  if (!has_failure(parts)) return;

  FinishedTest environment;
  environment.suite = "GlobalTestEnvironment";
  environment.name = "SetUpOrTearDown";
  environment.parts = std::move(parts);
  environment.start_ms = unit_test.start_timestamp();
  environment.elapsed_ms = unit_test.elapsed_time();
  write_record_or_complain(build_case_record(environment));
}

}  // namespace mpdts::report
