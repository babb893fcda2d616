// Which cases a command works on: the cases binary's catalogue (`mpdts_cases --list-cases`),
// filtered by name (gtest filter syntax) and by labels. Pure: unit-tested without DPDK.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mpdts::cli {

struct CaseInfo {
  std::string name;  // gtest full name
  std::string plan;
  std::string plan_case;
  std::vector<std::string> labels;
  bool runnable = true;  // the topology can run it
  std::string reason;    // why not, when not
};

// Parses what `mpdts_cases --list-cases` prints. Throws std::invalid_argument when it is not that.
std::vector<CaseInfo> parse_case_list(const nlohmann::json& json);

struct Selection {
  std::string filter;               // gtest syntax: "POS1:POS2-NEG1:NEG2", '*' and '?'; empty = all
  std::vector<std::string> labels;  // a case must carry every one of them; empty = all
};

// Whether `name` matches a gtest-style filter.
bool matches_filter(const std::string& name, const std::string& filter);
std::vector<CaseInfo> select_cases(const std::vector<CaseInfo>& all, const Selection& selection);

// The --gtest_filter that runs exactly `cases` (names joined with ':').
std::string exact_filter(const std::vector<CaseInfo>& cases);

}  // namespace mpdts::cli
