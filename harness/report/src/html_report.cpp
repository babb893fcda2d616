#include "mpdts/report/html_report.hpp"

#include <cctype>

#include <fmt/format.h>

#include "mpdts/report/bench_section.hpp"
#include "mpdts/report/markup_escape.hpp"
#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/run_summary.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {
namespace {

// Everything from the results directory goes through here on its way into the page.
std::string h(std::string_view text) { return escape_markup(text); }

// No '<' or '&' in here: the page is also well-formed XML, and its tests parse it so.
constexpr std::string_view kStyle = R"css(
:root { --passed: #1a7f37; --failed: #cf222e; --skipped: #9a6700; --muted: #57606a;
        --line: #d0d7de; --code-bg: #f6f8fa; --finding: #8250df; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 0 auto; max-width: 80rem; padding: 0 1.5rem 3rem; color: #1f2328; }
h1 { margin: 0; font-size: 1.6rem; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
pre { background: var(--code-bg); border: 1px solid var(--line); border-radius: 6px;
      padding: .6rem .8rem; margin: .3rem 0; white-space: pre-wrap; overflow-wrap: anywhere;
      max-height: 36rem; overflow: auto; }
header { margin: 1.5rem 0 0; padding: 1rem 1.2rem; border-radius: 8px; color: #fff; }
header.passed { background: var(--passed); }
header.failed { background: var(--failed); }
header.empty { background: var(--muted); }
header p { margin: .3rem 0 0; font-size: 1.1rem; font-weight: 600; }
ul.counts { display: flex; flex-wrap: wrap; gap: .8rem; list-style: none; padding: 0; margin: 1rem 0; }
ul.counts li { border: 1px solid var(--line); border-radius: 8px; padding: .5rem 1rem; min-width: 7rem; }
ul.counts .number { display: block; font-size: 1.8rem; font-weight: 700; }
ul.counts li.passed .number { color: var(--passed); }
ul.counts li.failed .number { color: var(--failed); }
ul.counts li.skipped .number { color: var(--skipped); }
p.summary-line { font-weight: 600; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: var(--code-bg); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.cases { table-layout: fixed; }
table.cases col.status { width: 6.5rem; }
table.cases col.plan-case { width: 30%; }
table.cases col.labels { width: 11rem; }
table.cases col.duration { width: 6.5rem; }
td.name code { overflow-wrap: anywhere; }
.badge { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-size: .8rem;
         font-weight: 700; color: #fff; }
.badge.passed { background: var(--passed); }
.badge.failed { background: var(--failed); }
.badge.skipped { background: var(--skipped); }
.badge.finding { background: var(--finding); margin-left: .3rem; }
ul.counts li.finding .number { color: var(--finding); }
article.finding { border: 1px solid var(--finding); border-left-width: 5px; border-radius: 6px;
                  padding: .6rem 1rem; margin: .8rem 0; }
table.expected-seen td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
                         font-size: 13px; white-space: pre-wrap; }
tr.failed td { background: #fff5f5; }
.label { display: inline-block; border: 1px solid var(--line); border-radius: 1rem;
         padding: 0 .45rem; margin: 0 .2rem .2rem 0; font-size: .8rem; }
article.failure { border: 1px solid var(--failed); border-left-width: 5px; border-radius: 6px;
                  padding: .8rem 1rem; margin: 1rem 0; }
.where { margin: .6rem 0 0; font-size: .9rem; }
details { margin: .3rem 0; }
summary { cursor: pointer; color: var(--muted); }
dl.environment, dl.properties { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.environment dt, dl.properties dt { font-weight: 600; }
dl.environment dd, dl.properties dd { margin: 0; }
nav { margin: .8rem 0 0; }
nav a { margin-right: 1rem; }
section.warnings { border: 1px solid var(--skipped); border-radius: 6px; padding: 0 1rem .5rem; }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .5rem; }
#benchmarks figure { margin: 1rem 0; }
#benchmarks svg { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
#benchmarks figcaption { margin-top: .4rem; font-size: .9rem; }
#bench-symmetric-rates th { white-space: normal; overflow-wrap: anywhere; }
p.refused { border-left: 5px solid var(--skipped); padding: .3rem .8rem; }
)css";

// A case that passed only because a recorded DPDK finding occurred: visible in every row.
std::string finding_badge(const CaseRecord& record) {
  const auto findings = known_findings(record);
  if (findings.empty()) return {};
  std::string checks;
  for (const auto& [check, text] : findings) checks += (checks.empty() ? "" : ", ") + check;
  return fmt::format("<span class=\"badge finding\" title=\"known DPDK finding: {}\">FINDING</span>", h(checks));
}

std::string status_badge(CaseStatus status) {
  const std::string_view name = to_string(status);
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return fmt::format("<span class=\"badge {}\">{}</span>", name, upper);
}

std::string case_anchor(const CaseRecord& record) {
  return "case-" + sanitize_file_name(record.full_name);
}
std::string failure_anchor(const CaseRecord& record) {
  return "failure-" + sanitize_file_name(record.full_name);
}

std::string or_dash(const std::string& text) { return text.empty() ? "\xE2\x80\x94" : h(text); }

std::string labels_html(const std::vector<std::string>& labels) {
  if (labels.empty()) return "\xE2\x80\x94";
  std::string html;
  for (const std::string& label : labels) html += "<span class=\"label\">" + h(label) + "</span>";
  return html;
}

std::string env_string(const nlohmann::json& environment, std::string_view key) {
  const auto it = environment.find(key);
  if (it == environment.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string transcript_details(const CaseRecord& record, const TranscriptSource& transcripts,
                               bool open) {
  const Transcript transcript = transcripts(record);
  const std::string label =
      record.transcript_file.empty() ? "Transcript" : "Transcript: " + record.transcript_file;
  return fmt::format("<details{}><summary>{}</summary><pre class=\"transcript\">{}</pre></details>\n",
                     open ? " open=\"open\"" : "", h(label), h(transcript.text));
}

// "1 case", "2 cases"
std::string cases(int count) { return fmt::format("{} case{}", count, count == 1 ? "" : "s"); }

std::string verdict_header(const RunResults& run, const Tally& total) {
  std::string css_class, verdict;
  if (total.failed > 0) {
    css_class = "failed";
    verdict = fmt::format("FAILED: {} of {} failed", total.failed, cases(total.total()));
  } else if (total.total() == 0) {
    css_class = "empty";
    verdict = "NO RESULTS: no case recorded a result";
  } else if (total.passed == 0) {
    css_class = "empty";
    verdict = fmt::format("NOTHING RAN: all {} skipped", cases(total.skipped));
  } else if (total.skipped > 0) {
    css_class = "passed";
    verdict = fmt::format("PASSED: {} passed, {} skipped", cases(total.passed), total.skipped);
  } else {
    css_class = "passed";
    verdict = fmt::format("PASSED: all {} passed", cases(total.passed));
  }
  if (!run.warnings.empty()) {
    verdict += fmt::format(" (and {} result file{} could not be used)", run.warnings.size(),
                           run.warnings.size() == 1 ? "" : "s");
  }
  return fmt::format(
      "<header class=\"{}\">\n<h1>mpdts conformance report</h1>\n<p id=\"verdict\">{}</p>\n"
      "</header>\n",
      css_class, h(verdict));
}

std::string summary_section(const RunResults& run, const Tally& total) {
  std::string html = "<section id=\"summary\">\n<h2>Summary</h2>\n<ul class=\"counts\">\n";
  auto count = [&](std::string_view status, int number, std::string_view noun) {
    html += fmt::format(
        "<li class=\"{0}\"><span class=\"number\" id=\"count-{0}\">{1}</span> {2}</li>\n",
        status, number, noun);
  };
  count("passed", total.passed, "passed");
  count("failed", total.failed, "failed");
  count("skipped", total.skipped, "skipped");
  count("total", total.total(), "cases in total");
  count("finding", total.with_findings, "passed with a known DPDK finding");
  html += "</ul>\n";

  std::string timing = "Time spent in cases: <span id=\"total-time\">" +
                       h(human_duration(total.seconds)) + "</span>";
  if (const auto wall = wall_clock_seconds(run.cases)) {
    timing += "; first start to last end: " + h(human_duration(*wall));
  }
  html += "<p>" + timing + ".</p>\n";
  if (const std::string dpdk = env_string(run.environment, environment_key::kDpdkVersion); !dpdk.empty())
    html += "<p id=\"dpdk-under-test\">DPDK under test: <b>" + h(dpdk) + "</b></p>\n";
  const std::string started = env_string(run.environment, environment_key::kStarted);
  const std::string host = env_string(run.environment, environment_key::kHostname);
  if (!started.empty() || !host.empty()) {
    html += "<p>Run";
    if (!host.empty()) html += " on <b>" + h(host) + "</b>";
    if (!started.empty()) html += ", started " + h(readable_time(started));
    html += ".</p>\n";
  }
  html += fmt::format("<p class=\"muted\">Results read from <code>{}</code>; report written {}.</p>\n",
                      h(run.dir.string()), h(readable_time(format_utc_timestamp(now_ms_since_epoch()))));
  html += "<p class=\"summary-line\" id=\"summary-line\">" + h(summary_line(total)) + "</p>\n";
  html += "</section>\n";
  return html;
}

std::string warnings_section(const RunResults& run) {
  if (run.warnings.empty()) return {};
  std::string html =
      "<section class=\"warnings\" id=\"warnings\">\n<h2>Result files that could not be used</h2>\n"
      "<p>Cases whose record is listed here are missing from every count and table below.</p>\n<ul>\n";
  for (const std::string& warning : run.warnings) html += "<li><code>" + h(warning) + "</code></li>\n";
  html += "</ul>\n</section>\n";
  return html;
}

std::string tally_table(std::string_view id, std::string_view title, std::string_view key_heading,
                        const std::map<std::string, Tally>& tallies) {
  std::string html = fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", id, title);
  if (tallies.empty()) return html + "<p class=\"muted\">No cases.</p>\n</section>\n";
  html += fmt::format(
      "<table>\n<thead><tr><th>{}</th><th class=\"num\">Passed</th><th class=\"num\">Failed</th>"
      "<th class=\"num\">Skipped</th><th class=\"num\">Total</th><th class=\"num\">Time</th></tr></thead>\n<tbody>\n",
      key_heading);
  for (const auto& [key, t] : tallies) {
    html += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        h(key), t.passed, t.failed, t.skipped, t.total(), h(human_duration(t.seconds)));
  }
  return html + "</tbody>\n</table>\n</section>\n";
}

std::string environment_section(const nlohmann::json& environment, const std::vector<CaseRecord>& cases) {
  std::string html = "<section id=\"environment\">\n<h2>Environment</h2>\n";
  if (environment.empty()) return html + "<p class=\"muted\">No environment was recorded.</p>\n</section>\n";

  html += "<dl class=\"environment\">\n";
  auto row = [&](std::string_view title, const std::string& value) {
    html += fmt::format("<dt>{}</dt><dd>{}</dd>\n", title, or_dash(value));
  };
  row("DPDK version", env_string(environment, environment_key::kDpdkVersion));
  if (environment.contains(environment_key::kDpdkBuiltAgainst))
    row("Built against", env_string(environment, environment_key::kDpdkBuiltAgainst));
  row("Kernel", env_string(environment, environment_key::kKernel));
  row("Topology file", env_string(environment, environment_key::kTopologyFile));
  if (environment.contains(environment_key::kAccelerator)) {
    row("Accelerator", env_string(environment, environment_key::kAccelerator));
  } else if (const auto used = accelerators(cases); !used.empty()) {
    std::string list;
    for (const auto& a : used) list += (list.empty() ? "" : ", ") + a;
    row("VM accelerator", list);
  } else {
    row("VM accelerator", "no VM ran");
  }
  if (environment.contains(environment_key::kCpu)) row("CPU", env_string(environment, environment_key::kCpu));
  if (environment.contains(environment_key::kHugepages)) {
    row("Hugepages", env_string(environment, environment_key::kHugepages));
  }
  row("Host", env_string(environment, environment_key::kHostname));
  row("Started", readable_time(env_string(environment, environment_key::kStarted)));
  for (const auto& [key, value] : environment.items()) {
    if (key == environment_key::kDpdkVersion || key == environment_key::kDpdkBuiltAgainst ||
        key == environment_key::kKernel ||
        key == environment_key::kTopologyFile || key == environment_key::kTopologyText ||
        key == environment_key::kAccelerator || key == environment_key::kHostname ||
        key == environment_key::kStarted || key == environment_key::kCpu ||
        key == environment_key::kHugepages) {
      continue;
    }
    const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    html += fmt::format("<dt><code>{}</code></dt><dd>{}</dd>\n", h(key), or_dash(text));
  }
  html += "</dl>\n";
  const std::string topology = env_string(environment, environment_key::kTopologyText);
  if (!topology.empty()) {
    html += "<details><summary>Topology file text</summary><pre id=\"topology-text\">" +
            h(topology) + "</pre></details>\n";
  }
  return html + "</section>\n";
}

std::string case_meta(const CaseRecord& record) {
  std::string meta = "<p class=\"muted\">";
  if (!record.plan_case.empty()) meta += h(record.plan_case) + " \xC2\xB7 ";
  meta += "plan " + or_dash(record.plan) + " \xC2\xB7 " + labels_html(record.labels) +
          " \xC2\xB7 " + h(human_duration(record.duration_s)) + " \xC2\xB7 started " +
          h(readable_time(record.started)) + "</p>\n";
  return meta;
}

std::string failure_article(const CaseRecord& record, const TranscriptSource& transcripts) {
  std::string html = fmt::format(
      "<article class=\"failure\" id=\"{}\">\n<h3><a href=\"#{}\"><code>{}</code></a></h3>\n",
      h(failure_anchor(record)), h(case_anchor(record)), h(record.full_name));
  html += case_meta(record);
  if (!record.failed_checks.empty()) {  // the ids of testcases/check_ids.cpp, as the README's catalogue names them
    std::string ids;
    for (const auto& id : record.failed_checks) ids += (ids.empty() ? "" : ", ") + ("<code>" + h(id) + "</code>");
    html += "<p class=\"failed-checks\">Failed checks: " + ids + "</p>\n";
  }
  if (record.failures.empty()) html += "<pre>(failed without a message)</pre>\n";
  for (const Failure& failure : record.failures) {
    if (!failure.file.empty()) {
      const std::string where =
          failure.line >= 0 ? fmt::format("{}:{}", failure.file, failure.line) : failure.file;
      html += "<p class=\"where\"><code>" + h(where) + "</code></p>\n";
    }
    // Verbatim, so gtest's aligned "Expected ... Which is: ..." lines stay aligned.
    html += "<pre class=\"failure-message\">" + h(failure.message) + "</pre>\n";
  }
  const auto expected = record.properties.find("expected");
  const auto seen = record.properties.find("seen");
  if (expected != record.properties.end() && seen != record.properties.end()) {
    html += "<table class=\"expected-seen\"><thead><tr><th>Expected</th><th>Seen</th></tr></thead>\n<tbody><tr><td>" +
            h(expected->second) + "</td><td>" + h(seen->second) + "</td></tr></tbody></table>\n";
  }
  if (!record.properties.empty()) {
    html += "<dl class=\"properties\">\n";
    for (const auto& [key, value] : record.properties) {
      html += "<dt><code>" + h(key) + "</code></dt><dd>" + or_dash(value) + "</dd>\n";
    }
    html += "</dl>\n";
  }
  html += transcript_details(record, transcripts, false);
  return html + "</article>\n";
}

std::string failures_section(const RunResults& run, const Tally& total,
                             const TranscriptSource& transcripts) {
  std::string html = fmt::format("<section id=\"failures\">\n<h2>Failures ({})</h2>\n", total.failed);
  if (total.failed == 0) return html + "<p>No case failed.</p>\n</section>\n";
  for (const CaseRecord& record : run.cases) {
    if (record.status == CaseStatus::kFailed) html += failure_article(record, transcripts);
  }
  return html + "</section>\n";
}

std::string findings_section(const RunResults& run, const Tally& total) {
  std::string html = fmt::format(
      "<section id=\"findings\">\n<h2>Known DPDK findings ({})</h2>\n"
      "<p class=\"muted\">Cases that passed because a check failed exactly as recorded for this DPDK "
      "version; they fail once the finding stops occurring.</p>\n",
      total.with_findings);
  if (total.with_findings == 0) return html + "<p>No case passed on a known finding.</p>\n</section>\n";
  for (const CaseRecord& record : run.cases) {
    const auto findings = known_findings(record);
    if (findings.empty() || record.status != CaseStatus::kPassed) continue;
    html += fmt::format("<article class=\"finding\">\n<h3><a href=\"#{}\"><code>{}</code></a></h3>\n<dl class=\"properties\">\n",
                        h(case_anchor(record)), h(record.full_name));
    for (const auto& [check, text] : findings)
      html += "<dt><code>" + h(check) + "</code></dt><dd><pre>" + h(text) + "</pre></dd>\n";
    html += "</dl>\n</article>\n";
  }
  return html + "</section>\n";
}

std::string case_row(const CaseRecord& record, const TranscriptSource& transcripts) {
  std::string html = fmt::format("<tr class=\"{}\" id=\"{}\">\n<td>{}</td>\n<td class=\"name\"><code>{}</code>",
                                 to_string(record.status), h(case_anchor(record)),
                                 status_badge(record.status) + finding_badge(record), h(record.full_name));
  if (record.status == CaseStatus::kFailed) {
    html += fmt::format(" <a href=\"#{}\">(failure)</a>", h(failure_anchor(record)));
  } else if (record.status == CaseStatus::kSkipped) {
    html += "<br/><span class=\"muted\">Skipped: " +
            (record.skip_reason.empty() ? std::string("no reason given") : h(record.skip_reason)) +
            "</span>";
  }
  html += "\n" + transcript_details(record, transcripts, false) + "</td>\n";
  html += fmt::format("<td>{}</td>\n<td>{}</td>\n<td class=\"num\">{}</td>\n</tr>\n",
                      or_dash(record.plan_case), labels_html(record.labels),
                      h(human_duration(record.duration_s)));
  return html;
}

std::string cases_section(const RunResults& run, const TranscriptSource& transcripts) {
  std::string html = fmt::format("<section id=\"cases\">\n<h2>All cases ({})</h2>\n", run.cases.size());
  if (run.cases.empty()) return html + "<p class=\"muted\">No case recorded a result.</p>\n</section>\n";
  html +=
      "<p class=\"muted\">In the order they started.</p>\n"
      "<table class=\"cases\">\n<colgroup><col class=\"status\"/><col class=\"name\"/>"
      "<col class=\"plan-case\"/><col class=\"labels\"/><col class=\"duration\"/></colgroup>\n"
      "<thead><tr><th>Status</th><th>Case</th><th>Plan case</th><th>Labels</th>"
      "<th class=\"num\">Duration</th></tr></thead>\n<tbody>\n";
  for (const CaseRecord& record : run.cases) html += case_row(record, transcripts);
  return html + "</tbody>\n</table>\n</section>\n";
}

}  // namespace

std::string render_html_report(const RunResults& run, const TranscriptSource& transcripts,
                               const BenchFigures& bench) {
  const Tally total = tally(run.cases);
  const std::string benchmarks = benchmarks_section(bench);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n<meta name=\"generator\" content=\"mpdts-report\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  html += "<title>mpdts: " + h(summary_line(total)) + "</title>\n";
  html += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  html += verdict_header(run, total);
  html += fmt::format(
      "<nav><a href=\"#summary\">Summary</a><a href=\"#by-plan\">By plan</a>"
      "<a href=\"#by-label\">By label</a><a href=\"#environment\">Environment</a>{}"
      "<a href=\"#failures\">Failures ({})</a><a href=\"#findings\">Findings ({})</a>"
      "<a href=\"#cases\">All cases ({})</a></nav>\n",
      benchmarks.empty() ? "" : "<a href=\"#benchmarks\">Benchmarks</a>", total.failed, total.with_findings,
      total.total());
  html += "<main>\n";
  html += summary_section(run, total);
  html += warnings_section(run);
  html += tally_table("by-plan", "By plan", "Plan", tally_by_plan(run.cases));
  html += tally_table("by-label", "By label", "Label", tally_by_label(run.cases));
  html += environment_section(run.environment, run.cases);
  html += benchmarks;
  html += failures_section(run, total, transcripts);
  html += findings_section(run, total);
  html += cases_section(run, transcripts);
  html += "</main>\n";
  html += "<footer class=\"muted\">" + h(summary_line(total)) +
          " \xC2\xB7 written by mpdts-report</footer>\n</body>\n</html>\n";
  return html;
}

}  // namespace mpdts::report
