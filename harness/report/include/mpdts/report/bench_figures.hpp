// What mpdts-bench left in its output directory (reports/bench/ by default), read for the
// HTML report: measurements of another moment than the run, so each file keeps its time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "mpdts/report/csv_table.hpp"

namespace mpdts::report {

// The names mpdts-bench writes (bench/hotplug/scaling_report.hpp, bench/hotplug/hotplug_command.cpp,
// bench/symmetric/symmetric_rates.hpp); the report library cannot include the bench's headers,
// which depend on it.
inline constexpr const char* kBenchScalingSvg = "hotplug-scaling.svg";
inline constexpr const char* kBenchScalingJson = "hotplug-scaling.json";
inline constexpr const char* kBenchScalingCsv = "hotplug-scaling.csv";
inline constexpr const char* kBenchScalingSamplesCsv = "hotplug-scaling-samples.csv";
inline constexpr const char* kBenchSymmetricCsv = "symmetric-rates.csv";

struct BenchFile {
  std::string name;                 // e.g. "hotplug-scaling.csv"
  std::string href;                 // relative to the HTML report's directory, URL-encoded
  std::int64_t modified_ms = 0;     // since the epoch
};

struct BenchFigures {
  std::filesystem::path dir;        // absolute; empty when there is no bench directory
  std::vector<BenchFile> files;     // the known files that exist, in the order of the names above
  std::string scaling_svg;          // the plot's <svg> element, checked safe to embed
  std::string scaling_svg_refused;  // why hotplug-scaling.svg is not embedded, if it exists
  nlohmann::json scaling_run;       // hotplug-scaling.json; null if missing or unreadable
  CsvRows symmetric_rates;          // symmetric-rates.csv, header row first
  std::vector<std::string> problems;  // known files that exist but could not be read, and why

  bool empty() const { return files.empty(); }
  const BenchFile* file(std::string_view name) const;
};

// A bench directory that was asked for does not exist or is not a directory.
class BenchDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the known files in `dir`; links are made relative to `html_dir`, where the report goes.
// Throws BenchDirError when `dir` is not an existing directory.
BenchFigures load_bench_figures(const std::filesystem::path& dir, const std::filesystem::path& html_dir);

}  // namespace mpdts::report
