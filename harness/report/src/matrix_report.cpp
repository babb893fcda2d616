#include "mpdts/report/matrix_report.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "mpdts/report/markup_escape.hpp"
#include "mpdts/report/record_keys.hpp"

namespace mpdts::report {
namespace {

std::string h(std::string_view s) { return escape_markup(s); }
std::string a(std::string_view s) { return escape_xml_attribute(s); }

// The verdict a cell shows: "passed", "passed (known finding)", "failed", "skipped", or "not run".
std::string verdict(const CaseRecord* c) {
  if (!c) return "not run";
  if (c->status == CaseStatus::kPassed) {
    for (const auto& [key, value] : c->properties)
      if (key.rfind(property::kKnownFindingPrefix, 0) == 0) return "passed (known finding)";
    return "passed";
  }
  return std::string(to_string(c->status));
}

std::vector<std::string> findings(const CaseRecord& c) {
  std::vector<std::string> out;
  const std::string prefix = property::kKnownFindingPrefix;
  for (const auto& [key, value] : c.properties)
    if (key.rfind(prefix, 0) == 0) out.push_back(key.substr(prefix.size(), key.size() - prefix.size() - 1));
  return out;
}

std::string cell_html(const CaseRecord* c, const std::string& dir_name) {
  const std::string v = verdict(c);
  const std::string cls = !c                                  ? "none"
                          : c->status == CaseStatus::kFailed  ? "failed"
                          : c->status == CaseStatus::kSkipped ? "skipped"
                          : v == "passed"                     ? "passed"
                                                              : "finding";
  std::string html = fmt::format("<td class=\"{}\"><b>{}</b>", cls, h(v));
  if (c) {
    for (const auto& f : findings(*c)) html += "<br><span class=\"detail\">finding: " + h(f) + "</span>";
    for (const auto& id : c->failed_checks) html += "<br><span class=\"detail\">check " + h(id) + "</span>";
    if (c->status == CaseStatus::kSkipped && !c->skip_reason.empty())
      html += "<br><span class=\"detail\">" + h(c->skip_reason) + "</span>";
    if (!c->transcript_file.empty())
      html += fmt::format("<br><a href=\"{}/{}\">transcript</a>", a(dir_name), a(c->transcript_file));
  }
  return html + "</td>";
}

}  // namespace

std::string column_title(const MatrixColumn& column) {
  const auto it = column.run.environment.find(std::string(environment_key::kDpdkVersion));
  std::string version = it != column.run.environment.end() && it->is_string() ? it->get<std::string>() : "";
  // "DPDK 22.11.11 (reported by the processes that ran)" → "DPDK 22.11.11".
  if (const auto p = version.find(" ("); p != std::string::npos) version = version.substr(0, p);
  if (version.empty()) version = "DPDK ?";
  return version + " (" + column.spec + ")";
}

std::vector<MatrixRow> matrix_rows(const std::vector<MatrixColumn>& columns) {
  std::set<std::string> names;
  for (const auto& col : columns)
    for (const auto& c : col.run.cases) names.insert(c.full_name);
  std::vector<MatrixRow> rows;
  for (const auto& name : names) {
    MatrixRow row{name, {}, false};
    std::set<std::string> verdicts;
    for (const auto& col : columns) {
      const CaseRecord* found = nullptr;
      for (const auto& c : col.run.cases)
        if (c.full_name == name) found = &c;
      row.cells.push_back(found);
      verdicts.insert(verdict(found));
    }
    row.differs = verdicts.size() > 1;
    rows.push_back(std::move(row));
  }
  std::stable_partition(rows.begin(), rows.end(), [](const MatrixRow& r) { return r.differs; });
  return rows;
}

std::string matrix_html(const std::vector<MatrixColumn>& columns) {
  const auto rows = matrix_rows(columns);
  const auto differing = std::count_if(rows.begin(), rows.end(), [](const MatrixRow& r) { return r.differs; });
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>mpdts version matrix</title>\n<style>\n"
      "body { font-family: sans-serif; margin: 1.5rem; }\n"
      "table { border-collapse: collapse; }\n"
      "th, td { border: 1px solid #bbb; padding: .3rem .5rem; vertical-align: top; text-align: left; }\n"
      "td.passed { background: #e3f5e1; } td.finding { background: #fff4cc; } td.failed { background: #f9d6d5; }\n"
      "td.skipped, td.none { background: #eee; color: #555; } tr.differs th { border-left: 4px solid #c0392b; }\n"
      ".detail { font-size: .85em; color: #444; }\n"
      "</style>\n</head>\n<body>\n<h1>mpdts version matrix</h1>\n";
  html += fmt::format("<p id=\"matrix-summary\">{} cases on {} DPDKs; {} with a verdict that differs between them "
                      "(listed first).</p>\n",
                      rows.size(), columns.size(), differing);
  html += "<table id=\"matrix\">\n<thead>\n<tr><th>case</th>";
  for (const auto& col : columns) {
    int failed = 0;
    for (const auto& c : col.run.cases) failed += c.status == CaseStatus::kFailed;
    html += fmt::format("<th class=\"dpdk\">{}<br><span class=\"detail\">{} cases, {} failed{}; <a "
                        "href=\"{}/report.html\">report</a></span></th>",
                        h(column_title(col)), col.run.cases.size(), failed,
                        col.exit_code >= 0 ? fmt::format(", exit {}", col.exit_code) : "", a(col.dir_name));
  }
  html += "</tr>\n</thead>\n<tbody>\n";
  for (const auto& row : rows) {
    html += fmt::format("<tr{}><th>{}</th>", row.differs ? " class=\"differs\"" : "", h(row.full_name));
    for (std::size_t i = 0; i < row.cells.size(); ++i) html += cell_html(row.cells[i], columns[i].dir_name);
    html += "</tr>\n";
  }
  html += "</tbody>\n</table>\n</body>\n</html>\n";
  return html;
}

std::string matrix_junit(const std::vector<MatrixColumn>& columns) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"mpdts version matrix\">\n";
  for (const auto& col : columns) {
    int failed = 0, skipped = 0;
    double time = 0;
    for (const auto& c : col.run.cases) {
      failed += c.status == CaseStatus::kFailed;
      skipped += c.status == CaseStatus::kSkipped;
      time += c.duration_s;
    }
    xml += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n",
                       a(column_title(col)), col.run.cases.size(), failed, skipped, time);
    xml += fmt::format("    <properties>\n      <property name=\"dpdk_spec\" value=\"{}\"/>\n    </properties>\n",
                       a(col.spec));
    for (const auto& c : col.run.cases) {
      xml += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3f}\"", a(c.suite), a(c.name), c.duration_s);
      if (c.status == CaseStatus::kPassed) {
        xml += "/>\n";
        continue;
      }
      xml += ">\n";
      if (c.status == CaseStatus::kSkipped) {
        xml += fmt::format("      <skipped message=\"{}\"/>\n", a(c.skip_reason));
      } else {
        std::string text;
        for (const auto& f : c.failures) text += f.message + "\n";
        std::string ids;
        for (const auto& id : c.failed_checks) ids += (ids.empty() ? "" : ", ") + id;
        xml += fmt::format("      <failure message=\"{}\">{}</failure>\n", a(ids.empty() ? "failed" : ids), h(text));
      }
      xml += "    </testcase>\n";
    }
    xml += "  </testsuite>\n";
  }
  return xml + "</testsuites>\n";
}

}  // namespace mpdts::report
