#include "mpdts/report/build_case_record.hpp"

#include <algorithm>

#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {
namespace {

bool is_failure(const TestPart& part) {
  return part.kind == TestPart::Kind::kNonFatalFailure ||
         part.kind == TestPart::Kind::kFatalFailure;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string join_skip_messages(const std::vector<TestPart>& parts) {
  std::string reason;
  for (const TestPart& part : parts) {
    if (part.kind != TestPart::Kind::kSkip) continue;
    const std::string_view message = trim(part.message);
    if (message.empty()) continue;
    if (!reason.empty()) reason += '\n';
    reason += message;
  }
  return reason;
}

}  // namespace

std::vector<std::string> split_labels(std::string_view comma_separated) {
  std::vector<std::string> labels;
  while (true) {
    const auto comma = comma_separated.find(',');
    const std::string_view label = trim(comma_separated.substr(0, comma));
    if (!label.empty()) labels.emplace_back(label);
    if (comma == std::string_view::npos) break;
    comma_separated.remove_prefix(comma + 1);
  }
  return labels;
}

CaseRecord build_case_record(const FinishedTest& test) {
  CaseRecord record;
  record.suite = test.suite;
  record.name = test.name;
  record.full_name = test.suite + "." + test.name;
  record.started = format_utc_timestamp(test.start_ms);
  record.duration_s = static_cast<double>(test.elapsed_ms) / 1000.0;

  for (const TestPart& part : test.parts) {
    if (is_failure(part)) record.failures.push_back({part.file, part.line, part.message});
  }
  for (const TestPart& part : test.suite_parts) {
    if (is_failure(part)) {
      record.failures.push_back({part.file, part.line, "[SetUpTestSuite] " + part.message});
    }
  }

  if (!record.failures.empty()) {
    record.status = CaseStatus::kFailed;
  } else if (std::any_of(test.parts.begin(), test.parts.end(), [](const TestPart& part) {
               return part.kind == TestPart::Kind::kSkip;
             })) {
    record.status = CaseStatus::kSkipped;
    // GTEST_SKIP() in SetUpTestSuite() gives each test an empty skip part; the reason
    // is on the suite.
    record.skip_reason = join_skip_messages(test.parts);
    if (record.skip_reason.empty()) record.skip_reason = join_skip_messages(test.suite_parts);
  } else {
    record.status = CaseStatus::kPassed;
  }

  for (const auto& [key, value] : test.properties) {
    if (key == property::kPlan) {
      record.plan = value;
    } else if (key == property::kPlanCase) {
      record.plan_case = value;
    } else if (key == property::kLabels) {
      record.labels = split_labels(value);
    } else if (key == property::kTranscriptFile) {
      record.transcript_file = value;
    } else if (key == property::kFailedChecks) {
      record.failed_checks = split_labels(value);
    } else {
      record.properties[key] = value;
    }
  }
  return record;
}

CaseRecord unfinished_case_record(const std::string& suite, const std::string& name,
                                  std::int64_t start_ms) {
  CaseRecord record;
  record.suite = suite;
  record.name = name;
  record.full_name = suite + "." + name;
  record.status = CaseStatus::kFailed;
  record.failures.push_back(
      {"", -1,
       "The test did not finish: its process ended inside the test (crash, abort, "
       "exit, or killed by a timeout)."});
  record.started = format_utc_timestamp(start_ms);
  // The harness names transcripts this way; the property that would say so is lost
  // with the process.
  record.transcript_file = transcript_relative_path(record.full_name);
  return record;
}

}  // namespace mpdts::report
