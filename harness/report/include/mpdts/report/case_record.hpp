// One executed test case, as stored in <results>/cases/<sanitized>.json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mpdts::report {

enum class CaseStatus { kPassed, kFailed, kSkipped };

std::string_view to_string(CaseStatus status);                       // "passed", ...
std::optional<CaseStatus> parse_case_status(std::string_view text);  // inverse; nullopt if unknown

struct Failure {
  std::string file;  // empty when gtest does not know (e.g. a crash)
  int line = -1;     // -1 when unknown
  std::string message;

  bool operator==(const Failure&) const = default;
};

struct CaseRecord {
  std::string suite;      // gtest test suite name, "HotplugMp/Plan"
  std::string name;       // gtest test name, "Case/RepeatVirtual_FromPrimary"
  std::string full_name;  // suite + "." + name
  std::string plan;       // "hotplug_mp"
  std::string plan_case;  // the test plan's own title for the case
  std::vector<std::string> labels;
  CaseStatus status = CaseStatus::kPassed;
  std::vector<Failure> failures;  // empty unless failed
  std::vector<std::string> failed_checks;  // ids of the checks that failed ("hotplug.list-exact"), in order
  std::string skip_reason;        // empty unless skipped
  std::string started;            // ISO 8601 UTC with milliseconds
  double duration_s = 0.0;
  std::string transcript_file;  // relative to the results dir; empty if none
  std::map<std::string, std::string> properties;  // RecordProperty keys not lifted above

  bool operator==(const CaseRecord&) const = default;
};

nlohmann::json to_json(const CaseRecord& record);

// Reads a record back. Throws std::invalid_argument saying what is wrong when the
// JSON is not a record (missing names, unknown status, fields of the wrong type).
CaseRecord case_record_from_json(const nlohmann::json& json);

}  // namespace mpdts::report
