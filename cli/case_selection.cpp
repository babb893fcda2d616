#include "case_selection.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <stdexcept>

namespace mpdts::cli {
namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (true) {
    const auto end = text.find(sep, start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) return out;
    start = end + 1;
  }
}

bool any_matches(const std::string& name, const std::string& patterns) {
  for (const auto& p : split(patterns, ':'))
    if (!p.empty() && fnmatch(p.c_str(), name.c_str(), 0) == 0) return true;
  return false;
}

}  // namespace

std::vector<CaseInfo> parse_case_list(const nlohmann::json& json) {
  if (!json.is_array()) throw std::invalid_argument("the case list is not a JSON array");
  std::vector<CaseInfo> out;
  for (const auto& item : json) {
    try {
      CaseInfo c;
      c.name = item.at("name").get<std::string>();
      c.plan = item.value("plan", "");
      c.plan_case = item.value("plan_case", "");
      c.labels = item.value("labels", std::vector<std::string>{});
      c.runnable = item.at("runnable").get<bool>();
      c.reason = item.value("reason", "");
      out.push_back(std::move(c));
    } catch (const nlohmann::json::exception& e) {
      throw std::invalid_argument("a case list entry is malformed: " + std::string(e.what()) + ": " + item.dump());
    }
  }
  return out;
}

bool matches_filter(const std::string& name, const std::string& filter) {
  if (filter.empty()) return true;
  const auto dash = filter.find('-');
  const std::string positive = filter.substr(0, dash);
  const std::string negative = dash == std::string::npos ? "" : filter.substr(dash + 1);
  // gtest: an empty positive part ("-X") means "everything but X".
  if (!positive.empty() && !any_matches(name, positive)) return false;
  return !any_matches(name, negative);
}

std::vector<CaseInfo> select_cases(const std::vector<CaseInfo>& all, const Selection& selection) {
  std::vector<CaseInfo> out;
  for (const auto& c : all) {
    if (!matches_filter(c.name, selection.filter)) continue;
    const bool has_labels = std::all_of(selection.labels.begin(), selection.labels.end(), [&](const std::string& l) {
      return std::find(c.labels.begin(), c.labels.end(), l) != c.labels.end();
    });
    if (has_labels) out.push_back(c);
  }
  return out;
}

std::string exact_filter(const std::vector<CaseInfo>& cases) {
  std::string out;
  for (const auto& c : cases) out += (out.empty() ? "" : ":") + c.name;
  return out;
}

}  // namespace mpdts::cli
