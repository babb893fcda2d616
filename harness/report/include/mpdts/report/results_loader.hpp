// Reading a results directory back (see results_layout.hpp).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mpdts/report/case_record.hpp"

namespace mpdts::report {

struct RunResults {
  std::filesystem::path dir;
  nlohmann::json environment = nlohmann::json::object();
  std::vector<CaseRecord> cases;  // ordered by start time, then full name
  // One line per file that could not be used, naming the file and why. These cases
  // are missing from the counts, so the reports show the warnings too.
  std::vector<std::string> warnings;
};

// The results directory itself is missing or is not a directory.
class ResultsDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Loads environment.json and cases/*.json. Unreadable or invalid files are skipped
// with a warning; a missing environment.json or cases/ is a warning too. Throws
// ResultsDirError if `dir` is not an existing directory.
RunResults load_results(const std::filesystem::path& dir);

}  // namespace mpdts::report
