#include "mpdts/report/bench_section.hpp"

#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "mpdts/report/markup_escape.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {
namespace {

// Everything from the bench directory goes through here on its way into the page; the plot
// itself is the one exception, and svg_for_page() checked it.
std::string h(std::string_view text) { return escape_markup(text); }

std::string written(const BenchFile& file) {
  return readable_time(format_utc_timestamp(file.modified_ms));
}

std::string link(const BenchFile& file) {
  return fmt::format("<a href=\"{}\">{}</a>", h(file.href), h(file.name));
}

// A field of hotplug-scaling.json as text, empty when it is missing: what an older or
// hand-edited file lacks is left out of the caption rather than shown as "null".
std::string field(const nlohmann::json& run, const char* pointer) {
  const nlohmann::json::json_pointer at(pointer);
  if (!run.contains(at)) return {};
  const nlohmann::json& value = run[at];
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_float()) return fmt::format("{:.1f}", value.get<double>());
  if (value.is_null()) return {};
  if (value.is_array()) {
    std::string list;
    for (const nlohmann::json& item : value) list += (list.empty() ? "" : ", ") + item.dump();
    return list;
  }
  return value.dump();
}

// "2 CPUs (AMD EPYC), Linux 6.1.0 x86_64, DPDK 22.11.11", leaving out what is not known.
std::string machine(const nlohmann::json& run) {
  std::string text;
  auto add = [&](const std::string& part) {
    if (!part.empty()) text += (text.empty() ? "" : ", ") + part;
  };
  const std::string cpus = field(run, "/machine/cpus");
  const std::string model = field(run, "/machine/cpu_model");
  if (!cpus.empty()) add(cpus + " CPUs" + (model.empty() ? "" : " (" + model + ")"));
  else add(model);
  add(field(run, "/machine/kernel"));
  if (const std::string dpdk = field(run, "/machine/dpdk"); !dpdk.empty()) add("DPDK " + dpdk);
  return text;
}

// What the plot shows and under which conditions it was measured: the numbers mean little
// without the machine and its load.
std::string scaling_caption(const BenchFigures& figures) {
  std::string caption =
      "<b>Hotplug scaling</b> (<code>mpdts-bench hotplug</code>): attach and detach latency against "
      "the number of secondary processes. ";
  const nlohmann::json& run = figures.scaling_run;
  if (run.is_null()) {
    caption += fmt::format("No readable <code>{}</code> next to it: the machine and the load it was "
                           "measured under are not known. ",
                           kBenchScalingJson);
  } else {
    const std::string started = field(run, "/machine/started");
    const std::string on = machine(run);
    if (!started.empty() || !on.empty()) {
      caption += "Measured";
      if (!started.empty()) caption += " " + h(readable_time(started));
      if (!on.empty()) caption += " on " + h(on);
      caption += ". ";
    }
    const std::string before = field(run, "/machine/load1_before");
    const std::string after = field(run, "/machine/load1_after");
    if (!before.empty() || !after.empty()) {
      caption += fmt::format("Load average (1 min): {} before, {} after. ", h(before.empty() ? "?" : before),
                             h(after.empty() ? "?" : after));
    }
    const std::string repetitions = field(run, "/repetitions");
    const std::string warmup = field(run, "/warmup");
    if (!repetitions.empty()) {
      caption += h(repetitions) + " repetitions per point" +
                 (warmup.empty() ? "" : " after " + h(warmup) + " warm-up") + ". ";
    }
    const std::string device = field(run, "/device");
    const std::string secondaries = field(run, "/secondaries");
    if (!device.empty()) caption += "Device <code>" + h(device) + "</code>";
    if (!secondaries.empty()) caption += (device.empty() ? "Secondaries " : ", secondaries ") + h(secondaries);
    if (!device.empty() || !secondaries.empty()) caption += ". ";
  }
  if (const BenchFile* svg = figures.file(kBenchScalingSvg)) caption += "Plot written " + h(written(*svg)) + ".";
  std::string data;
  for (const char* name : {kBenchScalingCsv, kBenchScalingSamplesCsv}) {
    if (const BenchFile* csv = figures.file(name)) data += (data.empty() ? "" : ", ") + link(*csv);
  }
  if (!data.empty()) caption += " Data: " + data + ".";
  return caption;
}

std::string scaling_figure(const BenchFigures& figures) {
  if (figures.file(kBenchScalingSvg) == nullptr && figures.file(kBenchScalingJson) == nullptr) {
    if (figures.file(kBenchScalingSamplesCsv) == nullptr && figures.file(kBenchScalingCsv) == nullptr) return {};
    // mpdts-bench hotplug writes the plot only when every step was right.
    return fmt::format("<p id=\"bench-no-plot\">No <code>{}</code>: the hotplug scaling run that wrote these "
                       "files did not finish with every step right.</p>\n",
                       kBenchScalingSvg);
  }
  std::string html = "<figure id=\"bench-hotplug-scaling\">\n";
  if (!figures.scaling_svg.empty()) {
    html += figures.scaling_svg + "\n";
  } else {
    const std::string why = figures.file(kBenchScalingSvg) == nullptr
                                ? std::string("there is no such file")
                                : figures.scaling_svg_refused;
    html += fmt::format("<p class=\"refused\" id=\"bench-svg-refused\">The plot <code>{}</code> is not shown: {}.</p>\n",
                        kBenchScalingSvg, h(why));
  }
  return html + "<figcaption id=\"bench-scaling-caption\">" + scaling_caption(figures) + "</figcaption>\n</figure>\n";
}

bool is_number(const std::string& cell) {
  if (cell.empty()) return false;
  char* end = nullptr;
  std::strtod(cell.c_str(), &end);
  return *end == '\0';
}

std::string symmetric_table(const BenchFigures& figures) {
  const BenchFile* file = figures.file(kBenchSymmetricCsv);
  if (file == nullptr) return {};
  std::string html = fmt::format(
      "<h3>Symmetric forwarding</h3>\n<p class=\"muted\">{} (<code>mpdts-bench symmetric</code>), written {}: "
      "packets/s through each process's queue and its share of testpmd's own rate in the same window.</p>\n",
      link(*file), h(written(*file)));
  const CsvRows& rows = figures.symmetric_rates;
  if (rows.empty()) return html + "<p class=\"muted\">The file is empty.</p>\n";

  // A column is right-aligned when every filled cell below the header is a number.
  std::vector<bool> numeric;
  for (std::size_t row = 1; row < rows.size(); ++row) {
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      if (column >= numeric.size()) numeric.resize(column + 1, true);
      const std::string& cell = rows[row][column];
      if (!cell.empty() && !is_number(cell)) numeric[column] = false;
    }
  }
  auto cell_class = [&](std::size_t column) {
    return column < numeric.size() && numeric[column] ? " class=\"num\"" : "";
  };
  html += "<table id=\"bench-symmetric-rates\">\n<thead><tr>";
  for (std::size_t column = 0; column < rows[0].size(); ++column) {
    html += fmt::format("<th{}>{}</th>", cell_class(column), h(rows[0][column]));
  }
  html += "</tr></thead>\n<tbody>\n";
  for (std::size_t row = 1; row < rows.size(); ++row) {
    html += "<tr>";
    for (std::size_t column = 0; column < rows[row].size(); ++column) {
      html += fmt::format("<td{}>{}</td>", cell_class(column), h(rows[row][column]));
    }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

std::string files_table(const BenchFigures& figures) {
  std::string html =
      "<table id=\"bench-files\">\n<thead><tr><th>File</th><th>Written</th></tr></thead>\n<tbody>\n";
  for (const BenchFile& file : figures.files) {
    html += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", link(file), h(written(file)));
  }
  return html + "</tbody>\n</table>\n";
}

}  // namespace

std::string benchmarks_section(const BenchFigures& figures) {
  if (figures.empty()) return {};
  std::string html = fmt::format(
      "<section id=\"benchmarks\">\n<h2>Benchmarks</h2>\n"
      "<p id=\"bench-note\">Measurements, not verdicts: nothing here passes or fails, and nothing here "
      "is in the counts above. Read from <code id=\"bench-dir\">{}</code>, not from this run: each "
      "file says when it was written, so a figure older than the run shows.</p>\n",
      h(figures.dir.string()));
  if (!figures.problems.empty()) {
    html += "<ul class=\"bench-problems\">\n";
    for (const std::string& problem : figures.problems) html += "<li><code>" + h(problem) + "</code></li>\n";
    html += "</ul>\n";
  }
  html += scaling_figure(figures);
  html += symmetric_table(figures);
  html += "<h3>Files</h3>\n" + files_table(figures);
  return html + "</section>\n";
}

}  // namespace mpdts::report
