#include "hotplug/hotplug_checks.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

namespace mpdts::hotplug {

void expect_every_list(const std::vector<HotplugApp*>& processes, const std::set<std::string>& expected,
                       const std::string& after_step) {
  std::vector<std::pair<std::string, std::vector<ListedPort>>> lists;
  for (auto* p : processes) lists.emplace_back(p->name(), p->list());
  const auto problems = compare_lists(lists, expected);
  if (!problems.empty()) {
    ADD_FAILURE() << "after " << after_step << ":\n" << problems;
    throw CaseAbort{};
  }
}

void require_success(const HotplugReply& reply, const std::string& what) {
  if (reply.success && !reply.failure) return;
  ADD_FAILURE() << what << " must succeed, but it printed "
                << (reply.failure ? "the failure result" : "no success result") << ":\n"
                << reply.text;
  throw CaseAbort{};
}

void expect_refused(const HotplugReply& reply, const std::string& what) {
  if (reply.failure && !reply.success) return;
  ADD_FAILURE() << what << " must fail (the device is "
                << (what.find("attach") != std::string::npos ? "already attached" : "already detached")
                << "), but it printed " << (reply.success ? "the success result" : "no failure result") << ":\n"
                << reply.text;
}

}  // namespace mpdts::hotplug
