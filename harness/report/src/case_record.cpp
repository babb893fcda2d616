#include "mpdts/report/case_record.hpp"

#include <stdexcept>

namespace mpdts::report {

std::string_view to_string(CaseStatus status) {
  switch (status) {
    case CaseStatus::kPassed: return "passed";
    case CaseStatus::kFailed: return "failed";
    case CaseStatus::kSkipped: return "skipped";
  }
  return "failed";  // unreachable; a corrupt enum is not a pass
}

std::optional<CaseStatus> parse_case_status(std::string_view text) {
  if (text == "passed") return CaseStatus::kPassed;
  if (text == "failed") return CaseStatus::kFailed;
  if (text == "skipped") return CaseStatus::kSkipped;
  return std::nullopt;
}

nlohmann::json to_json(const CaseRecord& record) {
  nlohmann::json failures = nlohmann::json::array();
  for (const Failure& failure : record.failures) {
    failures.push_back(
        {{"file", failure.file}, {"line", failure.line}, {"message", failure.message}});
  }
  // Every key is always present, so that consumers other than this library (jq, a
  // dashboard) need no defaults.
  return {
      {"suite", record.suite},
      {"name", record.name},
      {"full_name", record.full_name},
      {"plan", record.plan},
      {"plan_case", record.plan_case},
      {"labels", record.labels},
      {"status", to_string(record.status)},
      {"failures", std::move(failures)},
      {"failed_checks", record.failed_checks},
      {"skip_reason", record.skip_reason},
      {"started", record.started},
      {"duration_s", record.duration_s},
      {"transcript_file", record.transcript_file},
      {"properties", record.properties},
  };
}

namespace {

[[noreturn]] void reject(const std::string& why) { throw std::invalid_argument(why); }

// Optional string field: absent or null reads as empty, anything else but a string
// is an error.
std::string string_field(const nlohmann::json& json, const char* key) {
  const auto it = json.find(key);
  if (it == json.end() || it->is_null()) return {};
  if (!it->is_string()) reject(std::string("\"") + key + "\" is not a string");
  return it->get<std::string>();
}

std::vector<Failure> failures_field(const nlohmann::json& json) {
  std::vector<Failure> failures;
  const auto it = json.find("failures");
  if (it == json.end() || it->is_null()) return failures;
  if (!it->is_array()) reject("\"failures\" is not an array");
  for (const nlohmann::json& entry : *it) {
    if (!entry.is_object()) reject("an entry of \"failures\" is not an object");
    Failure failure;
    failure.file = string_field(entry, "file");
    failure.message = string_field(entry, "message");
    if (const auto line = entry.find("line"); line != entry.end() && !line->is_null()) {
      if (!line->is_number_integer()) reject("a failure's \"line\" is not an integer");
      failure.line = line->get<int>();
    }
    failures.push_back(std::move(failure));
  }
  return failures;
}

}  // namespace

CaseRecord case_record_from_json(const nlohmann::json& json) {
  if (!json.is_object()) reject("not a JSON object");
  CaseRecord record;
  record.suite = string_field(json, "suite");
  record.name = string_field(json, "name");
  record.full_name = string_field(json, "full_name");
  if (record.full_name.empty()) {
    if (record.suite.empty() || record.name.empty()) {
      reject("no \"full_name\", nor both \"suite\" and \"name\"");
    }
    record.full_name = record.suite + "." + record.name;
  }
  if (record.suite.empty() && record.name.empty()) {
    // Recover the parts: gtest suite names may contain '/', test names may too, but
    // neither contains '.', so the first '.' separates them.
    const auto dot = record.full_name.find('.');
    record.suite = record.full_name.substr(0, dot);
    if (dot != std::string::npos) record.name = record.full_name.substr(dot + 1);
  }

  const auto status_text = string_field(json, "status");
  const auto status = parse_case_status(status_text);
  if (!status) reject("\"status\" is \"" + status_text + "\", not passed, failed or skipped");
  record.status = *status;

  record.plan = string_field(json, "plan");
  record.plan_case = string_field(json, "plan_case");
  if (const auto it = json.find("labels"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) reject("\"labels\" is not an array");
    for (const nlohmann::json& label : *it) {
      if (!label.is_string()) reject("a label is not a string");
      record.labels.push_back(label.get<std::string>());
    }
  }
  record.failures = failures_field(json);
  if (const auto it = json.find("failed_checks"); it != json.end() && !it->is_null()) {
    if (!it->is_array()) reject("\"failed_checks\" is not an array");
    for (const nlohmann::json& id : *it) {
      if (!id.is_string()) reject("a failed check id is not a string");
      record.failed_checks.push_back(id.get<std::string>());
    }
  }
  record.skip_reason = string_field(json, "skip_reason");
  record.started = string_field(json, "started");
  if (const auto it = json.find("duration_s"); it != json.end() && !it->is_null()) {
    if (!it->is_number()) reject("\"duration_s\" is not a number");
    record.duration_s = it->get<double>();
  }
  record.transcript_file = string_field(json, "transcript_file");
  if (const auto it = json.find("properties"); it != json.end() && !it->is_null()) {
    if (!it->is_object()) reject("\"properties\" is not an object");
    for (const auto& [key, value] : it->items()) {
      // Properties are strings when CaseRecorder writes them; a hand-written record
      // may hold numbers: keep them as their JSON text rather than rejecting the case.
      record.properties[key] = value.is_string() ? value.get<std::string>() : value.dump();
    }
  }
  return record;
}

}  // namespace mpdts::report
