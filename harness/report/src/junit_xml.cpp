#include "mpdts/report/junit_xml.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "mpdts/report/markup_escape.hpp"
#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/run_summary.hpp"

namespace mpdts::report {
namespace {

std::string attribute(std::string_view text) { return escape_xml_attribute(text); }

// Seconds the way the Ant schema wants them: a plain decimal, no exponent.
std::string seconds(double value) { return fmt::format("{:.3f}", value); }

// The Ant schema's timestamp has no zone and no fraction; our times are UTC.
std::string ant_timestamp(const std::string& iso) {
  return iso.size() >= 19 ? iso.substr(0, 19) : iso;
}

// The one line Jenkins shows for a failure: the first non-blank line of the first
// failure, except gtest's bare "Failed" (ADD_FAILURE() << "why" says "Failed\nwhy").
std::string headline(const std::string& message) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= message.size() && lines.size() < 2) {
    const auto end = std::min(message.find('\n', start), message.size());
    const std::string line = message.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.push_back(line);
    start = end + 1;
  }
  if (lines.empty()) return "failed";
  if (lines.size() == 2 && lines[0] == "Failed") return lines[1];
  return lines[0];
}

std::string environment_value(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// Environment values as <properties>: named ones first, the topology as its file
// name (its text is too big for an attribute and is in the HTML report), then the rest.
std::string properties_element(const nlohmann::json& environment) {
  std::vector<std::pair<std::string, std::string>> properties;
  auto add = [&](std::string_view key, std::string_view shown_as) {
    if (const auto it = environment.find(key); it != environment.end()) {
      properties.emplace_back(shown_as, environment_value(*it));
    }
  };
  add(environment_key::kDpdkVersion, "dpdk_version");
  add(environment_key::kKernel, "kernel");
  add(environment_key::kTopologyFile, "topology");
  for (const auto& [key, value] : environment.items()) {
    if (key == environment_key::kDpdkVersion || key == environment_key::kKernel ||
        key == environment_key::kTopologyFile || key == environment_key::kTopologyText) {
      continue;
    }
    properties.emplace_back(key, environment_value(value));
  }
  if (properties.empty()) return {};

  std::string xml = "    <properties>\n";
  for (const auto& [name, value] : properties) {
    xml += fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", attribute(name),
                       attribute(value));
  }
  xml += "    </properties>\n";
  return xml;
}

std::string failure_text(const CaseRecord& record) {
  std::string text;
  for (const Failure& failure : record.failures) {
    if (!text.empty()) text += "\n\n";
    if (!failure.file.empty()) {
      text += failure.line >= 0 ? fmt::format("{}:{}\n", failure.file, failure.line)
                                : failure.file + "\n";
    }
    text += failure.message;
  }
  return text;
}

std::string testcase_element(const CaseRecord& record, const TranscriptSource& transcripts) {
  std::string xml = fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\">\n",
                                attribute(record.suite), attribute(record.name),
                                seconds(record.duration_s));
  // A case that passed because a recorded DPDK finding occurred says so where CI keeps it (Jenkins:
  // junit keepProperties); the HTML report shows it as a FINDING badge.
  if (const auto findings = known_findings(record); !findings.empty()) {
    xml += "      <properties>\n";
    for (const auto& [check, text] : findings)
      xml += fmt::format("        <property name=\"{}{}]\" value=\"{}\"/>\n", property::kKnownFindingPrefix,
                         attribute(check), attribute(text));
    xml += "      </properties>\n";
  }
  if (record.status == CaseStatus::kFailed) {
    const std::string message =
        record.failures.empty() ? "failed" : headline(record.failures.front().message);
    xml += fmt::format("      <failure message=\"{}\" type=\"assertion\">{}</failure>\n",
                       attribute(message), escape_markup(failure_text(record)));
  } else if (record.status == CaseStatus::kSkipped) {
    xml += fmt::format("      <skipped message=\"{}\"/>\n", attribute(record.skip_reason));
  }
  const Transcript transcript = transcripts(record);
  xml += fmt::format("      <system-out>{}</system-out>\n", escape_markup(transcript.text));
  xml += "    </testcase>\n";
  return xml;
}

struct Suite {
  std::string name;
  std::vector<const CaseRecord*> cases;
};

// Suites in order of first appearance, which follows execution order.
std::vector<Suite> group_by_suite(const std::vector<CaseRecord>& records) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t> index;
  for (const CaseRecord& record : records) {
    auto [it, inserted] = index.try_emplace(record.suite, suites.size());
    if (inserted) suites.push_back({record.suite, {}});
    suites[it->second].cases.push_back(&record);
  }
  return suites;
}

}  // namespace

std::string render_junit_xml(const RunResults& run, const TranscriptSource& transcripts) {
  const Tally total = tally(run.cases);
  std::string hostname;
  if (const auto it = run.environment.find(environment_key::kHostname);
      it != run.environment.end()) {
    hostname = environment_value(*it);
  }
  const std::string properties = properties_element(run.environment);

  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += fmt::format(
      "<testsuites name=\"mpdts\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" "
      "time=\"{}\">\n",
      total.total(), total.failed, total.skipped, seconds(total.seconds));
  for (const Suite& suite : group_by_suite(run.cases)) {
    Tally suite_total;
    for (const CaseRecord* record : suite.cases) suite_total.add(*record);
    xml += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" "
        "time=\"{}\" timestamp=\"{}\" hostname=\"{}\">\n",
        attribute(suite.name), suite_total.total(), suite_total.failed, suite_total.skipped,
        seconds(suite_total.seconds), attribute(ant_timestamp(suite.cases.front()->started)),
        attribute(hostname));
    xml += properties;
    for (const CaseRecord* record : suite.cases) xml += testcase_element(*record, transcripts);
    xml += "  </testsuite>\n";
  }
  xml += "</testsuites>\n";
  return xml;
}

}  // namespace mpdts::report
