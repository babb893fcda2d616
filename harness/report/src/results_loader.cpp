#include "mpdts/report/results_loader.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/results_layout.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report {
namespace {

namespace fs = std::filesystem;

// Parses a JSON file or says, in `why`, what stopped it.
std::optional<nlohmann::json> read_json(const fs::path& path, std::string& why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    why = "cannot be opened";
    return std::nullopt;
  }
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& error) {
    why = std::string("is not valid JSON: ") + error.what();
    return std::nullopt;
  }
}

void load_environment(RunResults& run) {
  const fs::path path = run.dir / kEnvironmentFile;
  std::error_code error;
  if (!fs::exists(path, error)) {
    run.warnings.push_back(path.string() + ": missing; the report has no environment");
    return;
  }
  std::string why;
  std::optional<nlohmann::json> json = read_json(path, why);
  if (!json) {
    run.warnings.push_back(path.string() + ": " + why + "; the report has no environment");
  } else if (!json->is_object()) {
    run.warnings.push_back(path.string() + ": not a JSON object; the report has no environment");
  } else {
    run.environment = std::move(*json);
  }
}

void load_cases(RunResults& run) {
  const fs::path cases_dir = run.dir / kCasesDir;
  std::error_code error;
  if (!fs::is_directory(cases_dir, error)) {
    run.warnings.push_back(cases_dir.string() + ": missing; no case has recorded a result");
    return;
  }

  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(cases_dir, error)) {
    // Skips the *.tmp files of writers that are still writing (or died doing so).
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (error) run.warnings.push_back(cases_dir.string() + ": cannot list: " + error.message());
  std::sort(files.begin(), files.end());  // deterministic warnings and tie order

  for (const fs::path& file : files) {
    std::string why;
    std::optional<nlohmann::json> json = read_json(file, why);
    if (!json) {
      run.warnings.push_back(file.string() + ": " + why + "; case left out of the report");
      continue;
    }
    try {
      run.cases.push_back(case_record_from_json(*json));
    } catch (const std::exception& invalid) {
      run.warnings.push_back(file.string() + ": not a case record (" + invalid.what() +
                             "); case left out of the report");
    }
  }

  // Execution order reads most naturally ("this failed right after that"); records
  // without a parsable start time go last, by name.
  std::stable_sort(run.cases.begin(), run.cases.end(),
                   [](const CaseRecord& a, const CaseRecord& b) {
                     const auto a_start = parse_utc_timestamp(a.started);
                     const auto b_start = parse_utc_timestamp(b.started);
                     if (a_start.has_value() != b_start.has_value()) return a_start.has_value();
                     if (a_start != b_start) return a_start < b_start;
                     return a.full_name < b.full_name;
                   });
}

// The DPDK under test, as the cases' processes reported it: the distinct dpdk_version properties of
// the cases ("DPDK 22.11.11", or several joined with " | "). When no case reported one (no DPDK
// process ran, or results of an older mpdts), what environment.json says is kept, marked as such.
void derive_dpdk_version(RunResults& run) {
  std::set<std::string> seen;
  for (const auto& c : run.cases)
    if (const auto it = c.properties.find(property::kDpdkVersion); it != c.properties.end() && !it->second.empty())
      seen.insert(it->second);
  const std::string key(environment_key::kDpdkVersion);
  if (!seen.empty()) {
    std::string joined;
    for (const auto& v : seen) joined += (joined.empty() ? "" : " | ") + v;
    run.environment[key] = joined + " (reported by the processes that ran)";
  } else if (run.environment.contains(key) && run.environment[key].is_string()) {
    run.environment[key] = run.environment[key].get<std::string>() + " (recorded at the start of the run)";
  } else {
    run.environment[key] = "not reported: no DPDK process printed its version";
  }
}

}  // namespace

RunResults load_results(const fs::path& dir) {
  std::error_code error;
  if (!fs::exists(dir, error)) {
    throw ResultsDirError("results directory " + dir.string() + " does not exist");
  }
  if (!fs::is_directory(dir, error)) {
    throw ResultsDirError("results directory " + dir.string() + " is not a directory");
  }
  RunResults run;
  run.dir = dir;
  load_environment(run);
  load_cases(run);
  derive_dpdk_version(run);
  return run;
}

}  // namespace mpdts::report
