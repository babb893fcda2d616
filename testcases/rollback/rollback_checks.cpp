#include "rollback/rollback_checks.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "check_ids.hpp"
#include "core/error.hpp"

namespace mpdts::rollback {
namespace {

std::string join(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::multiset<std::string> names_of(const std::vector<ListedPort>& ports) {
  std::multiset<std::string> names;
  for (const auto& p : ports) names.insert(p.name);
  return names;
}

}  // namespace

std::string compare_with_before(const Lists& before, const Lists& after) {
  if (before.size() != after.size())
    throw HarnessError(fmt::format("compare_with_before: {} lists before, {} after", before.size(), after.size()));
  std::string problems;
  for (std::size_t i = 0; i < before.size(); ++i) {
    const auto& [who, was] = before[i];
    const auto& is = after[i].second;
    const auto had = names_of(was), has = names_of(is);
    std::vector<std::string> kept, lost, twice, moved;
    for (const auto& n : std::set<std::string>(has.begin(), has.end())) {
      if (!had.contains(n)) kept.push_back(n);
      if (has.count(n) > 1) twice.push_back(n);
    }
    for (const auto& n : std::set<std::string>(had.begin(), had.end()))
      if (!has.contains(n)) lost.push_back(n);
    for (const auto& p : is)
      for (const auto& q : was)
        if (p.name == q.name && p.port != q.port && had.count(p.name) == 1 && has.count(p.name) == 1)
          moved.push_back(fmt::format("{} moved from port {} to port {}", p.name, q.port, p.port));

    std::vector<std::string> what;
    if (!kept.empty()) what.push_back("is left with " + join(kept));
    if (!lost.empty()) what.push_back("is left without " + join(lost));
    if (!twice.empty()) what.push_back("lists " + join(twice) + " more than once");
    if (!moved.empty()) what.push_back(join(moved));
    if (!what.empty())
      problems += fmt::format("  the {} {}: it lists {}, before it listed {}\n", who, join(what), to_string(is),
                              to_string(was));
  }
  return problems + port_id_conflicts(after);
}

std::string compare_with_expected(const Lists& lists, const std::vector<std::vector<std::string>>& expected) {
  if (lists.size() != expected.size())
    throw HarnessError(fmt::format("compare_with_expected: {} lists, {} expectations", lists.size(), expected.size()));
  std::string problems;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    const auto& [who, listed] = lists[i];
    const auto has = names_of(listed);
    std::multiset<std::string> want(expected[i].begin(), expected[i].end());
    if (has == want) continue;
    std::string exactly;
    for (const auto& n : want) exactly += (exactly.empty() ? "" : ", ") + n;
    problems += fmt::format("  the {} lists {}, expected exactly {{{}}}{}\n", who, to_string(listed), exactly,
                            want.empty() ? " (no device)" : "");
  }
  return problems + port_id_conflicts(lists);
}

void expect_failure_result(const HotplugReply& reply, const std::string& what, const std::string& why) {
  if (reply.failure && !reply.success) return;
  MPDTS_CHECK_FAILED("rollback.hotplug-fails") << what << " must fail (" << why << "), but it printed "
                << (reply.success ? "the success result" : "no failure result") << ":\n"
                << reply.text;
}

}  // namespace mpdts::rollback
