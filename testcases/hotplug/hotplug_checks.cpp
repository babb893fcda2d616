#include "hotplug/hotplug_checks.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "check_ids.hpp"

namespace mpdts::hotplug {

void expect_every_list(const std::vector<HotplugApp*>& processes, const std::set<std::string>& expected,
                       const std::string& after_step) {
  std::vector<std::pair<std::string, std::vector<ListedPort>>> lists;
  for (auto* p : processes) lists.emplace_back(p->name(), p->list());
  // Which devices each process lists, then whether a shared device has one port id (each its own check).
  const auto conflicts = port_id_conflicts(lists);
  const auto problems = compare_lists(lists, expected);
  const auto wrong_lists = problems.substr(0, problems.size() - conflicts.size());
  if (!wrong_lists.empty()) MPDTS_CHECK_FAILED("hotplug.list-exact") << "after " << after_step << ":\n" << problems;
  if (!conflicts.empty() && wrong_lists.empty())
    MPDTS_CHECK_FAILED("hotplug.same-port-id") << "after " << after_step << ":\n" << problems;
  if (!problems.empty()) throw CaseAbort{};
}

void require_success(const HotplugReply& reply, const std::string& what) {
  if (reply.success && !reply.failure) return;
  // `what` names the command first: "attach ..." or "detach ...".
  MPDTS_CHECK_FAILED(what.starts_with("detach") ? "hotplug.detach-succeeds" : "hotplug.attach-succeeds")
      << what << " must succeed, but it printed " << (reply.failure ? "the failure result" : "no success result")
      << ":\n" << reply.text;
  throw CaseAbort{};
}

void expect_refused(const HotplugReply& reply, const std::string& what) {
  if (reply.failure && !reply.success) return;
  const bool attach = what.find("attach") != std::string::npos;
  MPDTS_CHECK_FAILED(attach ? "hotplug.duplicate-attach-fails" : "hotplug.duplicate-detach-fails")
      << what << " must fail (the device is " << (attach ? "already attached" : "already detached")
      << "), but it printed " << (reply.success ? "the success result" : "no failure result") << ":\n"
      << reply.text;
}

}  // namespace mpdts::hotplug
