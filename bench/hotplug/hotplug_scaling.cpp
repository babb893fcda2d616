#include "hotplug/hotplug_scaling.hpp"

#include <memory>
#include <set>

#include <fmt/format.h>

#include "eal/eal_sandbox.hpp"
#include "hotplug/list_compare.hpp"
#include "hotplug/timed_hotplug_process.hpp"
#include "process/child_process.hpp"

namespace mpdts::bench {

std::string to_string(Requester r) { return r == Requester::Primary ? "primary" : "secondary"; }

std::string to_string(HotplugOp op) {
  switch (op) {
    case HotplugOp::Attach: return "attach";
    case HotplugOp::Detach: return "detach";
    case HotplugOp::List: return "list";
  }
  return "?";
}

namespace {

class Run {
 public:
  Run(const Topology& topology, const HotplugScalingOptions& options, Transcript& transcript)
      : topology_(topology), options_(options), transcript_(transcript) {}

  ~Run() {
    // Secondaries before the primary; a process that does not quit is stopped by its owner.
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) it->process.reset();
    processes_.clear();
    sandbox_.reset();
  }

  HotplugScalingResult run(const std::function<void(const std::string&)>& progress) {
    require_free_hugepages(16);
    sandbox_ = std::make_unique<EalSandbox>("bn", true, transcript_);
    result_.primary_start_ms = start("primary");
    for (int level : options_.secondaries) {
      while (secondaries() < level) result_.secondary_start_ms.push_back(start(fmt::format("secondary{}", secondaries() + 1)));
      check_lists({}, fmt::format("starting {} secondaries (no device yet)", level));
      for (int rep = -options_.warmup; rep < options_.repetitions; ++rep)
        for (Requester who : {Requester::Primary, Requester::Secondary}) one_pair(level, who, rep);
      progress(fmt::format("{} secondaries: {} checked attach/detach pairs from each side", level,
                           options_.repetitions + options_.warmup));
    }
    quit_all();
    return result_;
  }

  HotplugScalingResult partial() const { return result_; }

 private:
  struct Proc {
    std::unique_ptr<TimedHotplugProcess> process;
  };

  int secondaries() const { return static_cast<int>(processes_.size()) - 1; }

  double start(const std::string& role) {
    const auto& target = topology_.hotplug_mp;
    std::vector<std::string> argv{target.path.string()};
    for (auto& a : sandbox_->args()) argv.push_back(a);  // --no-pci: a benchmark never needs PCI
    argv.push_back("--proc-type=auto");
    argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
    auto child = std::make_unique<ChildProcess>(SpawnOptions{argv, role, true, std::nullopt, {}}, transcript_);
    auto& p = processes_.emplace_back(
        Proc{std::make_unique<TimedHotplugProcess>(std::move(child), target.contract, topology_.timeouts)});
    return p.process->wait_ready();
  }

  TimedHotplugProcess& requester(Requester who) { return *processes_[who == Requester::Primary ? 0 : 1].process; }

  // Every process lists exactly `expected`; the requester's own list round-trip is kept as a sample.
  void check_lists(const std::set<std::string>& expected, const std::string& after, const LatencySample* list_sample = nullptr,
                   TimedHotplugProcess* timed = nullptr) {
    std::vector<std::pair<std::string, std::vector<ListedPort>>> lists;
    for (auto& p : processes_) {
      double ms = 0;
      lists.emplace_back(p.process->name(), p.process->list(&ms));
      if (list_sample && p.process.get() == timed) {
        LatencySample s = *list_sample;
        s.to_result_ms = s.to_prompt_ms = ms;
        result_.samples.push_back(s);
      }
    }
    result_.checked_lists += static_cast<int>(lists.size());
    if (auto problems = hotplug::compare_lists(lists, expected); !problems.empty())
      throw BenchBroken(fmt::format("after {}:\n{}", after, problems), result_);
  }

  void require(const TimedReply& r, const std::string& what) {
    if (r.success && !r.failure) return;
    throw BenchBroken(fmt::format("{} must succeed, but it printed {}:\n{}", what,
                                  r.failure ? "the failure result" : "no success result", r.text),
                      result_);
  }

  void one_pair(int level, Requester who, int rep) {
    const bool timed = rep >= 0;  // warm-up repetitions are negative: checked, not kept
    auto& p = requester(who);
    const auto step = [&](const char* verb) {
      return fmt::format("{} {} from the {} ({} secondaries, repetition {})", verb, options_.device_name,
                         p.name(), level, rep);
    };
    const TimedReply a = p.attach(options_.devargs);
    require(a, step("attach"));
    if (timed) result_.samples.push_back({level, who, HotplugOp::Attach, rep, a.to_result_ms, a.to_prompt_ms});
    const LatencySample list_sample{level, who, HotplugOp::List, rep, 0, 0};
    check_lists({options_.device_name}, step("attaching"), timed ? &list_sample : nullptr, &p);
    const TimedReply d = p.detach(options_.device_name);
    require(d, step("detach"));
    if (timed) result_.samples.push_back({level, who, HotplugOp::Detach, rep, d.to_result_ms, d.to_prompt_ms});
    check_lists({}, step("detaching"));
  }

  void quit_all() {
    for (auto it = processes_.rbegin(); it != processes_.rend(); ++it) {
      const auto st = it->process->quit();
      if (st.code != 0 || st.signal != 0)
        throw BenchBroken(fmt::format("the {} {} on quit", it->process->name(), st.describe()), result_);
      it->process.reset();
    }
    processes_.clear();
  }

  const Topology& topology_;
  const HotplugScalingOptions& options_;
  Transcript& transcript_;
  std::unique_ptr<EalSandbox> sandbox_;
  std::vector<Proc> processes_;  // [0] primary, then secondaries in start order
  HotplugScalingResult result_;
};

}  // namespace

HotplugScalingResult run_hotplug_scaling(const Topology& topology, const HotplugScalingOptions& options,
                                         Transcript& transcript,
                                         const std::function<void(const std::string&)>& progress) {
  Run run(topology, options, transcript);
  return run.run(progress);
}

}  // namespace mpdts::bench
