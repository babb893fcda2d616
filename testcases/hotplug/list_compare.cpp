#include "hotplug/list_compare.hpp"

#include <map>

#include <fmt/format.h>

namespace mpdts::hotplug {
namespace {

std::string render(const std::set<std::string>& names) {
  if (names.empty()) return "{} (no device)";
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "{" : ", ") + n;
  return s + "}";
}

}  // namespace

std::string compare_lists(const Lists& lists, const std::set<std::string>& expected) {
  std::string problems;
  for (const auto& [who, ports] : lists) {
    std::multiset<std::string> names;
    for (const auto& p : ports) names.insert(p.name);
    const std::set<std::string> unique(names.begin(), names.end());
    if (unique != expected || names.size() != unique.size())
      problems += fmt::format("  the {} lists {}, expected exactly {}\n", who, to_string(ports), render(expected));
  }
  return problems + port_id_conflicts(lists);
}

std::string port_id_conflicts(const Lists& lists) {
  std::string problems;
  std::map<std::string, std::pair<std::string, int>> port_of;  // device → (first process listing it, its port)
  for (const auto& [who, ports] : lists)
    for (const auto& p : ports) {
      auto [it, inserted] = port_of.try_emplace(p.name, who, p.port);
      if (!inserted && it->second.second != p.port)
        problems += fmt::format("  {} is port {} in the {} but port {} in the {}: a shared device has one port id\n",
                                p.name, it->second.second, it->second.first, p.port, who);
    }
  return problems;
}

}  // namespace mpdts::hotplug
