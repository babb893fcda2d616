// The "Virtio-pmd primary/secondary process" test plan, in a QEMU guest whose two virtio-net-pci
// ports (0000:00:05.0 and 0000:00:06.0) are backed by the vhost-user ports of a host dpdk-testpmd
// (the VM topology's lab, booted once for this suite). Each case reads like the plan's steps:
//
//   Case 1 (symmetric_mp): testpmd sends (the plan's `set fwd txonly`, as `set fwd flowgen`, which
//     also counts what comes back) + `start`; bind both ports to their DPDK driver in the guest;
//     primary `--proc-id 0` and secondary `--proc-id 1` with `-p 3 --num-procs 2`; quit both;
//     every process received on both ports, its counts add up and agree with what testpmd received
//     (the strict checks of the host cases). Once with DPDK's unmodified offload request (RSS and the RX
//     checksum offload the plan's source edit removes) and once with the target's fallback.
//   Case 2 (hotplug_mp): bind both ports; primary and secondary list exactly both ports; detach
//     0000:00:05.0 from the primary: gone from both; attach it from the secondary: back in both;
//     the duplicate detach and attach fail; repeated as the plan says (2 times).
//
// After each case both ports are re-bound to their kernel driver and checked, and the lab must be
// back in its clean state.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "apps/hotplug_app.hpp"
#include "case_catalog.hpp"
#include "case_record.hpp"
#include "core/error.hpp"
#include "hotplug/hotplug_checks.hpp"
#include "phase_clock.hpp"
#include "suite_context.hpp"
#include "symmetric/symmetric_bench.hpp"
#include "symmetric/symmetric_plan.hpp"
#include "symmetric/symmetric_run.hpp"
#include "vm/guest_binding.hpp"
#include "vm/guest_sandbox.hpp"
#include "vm/lab_case.hpp"

namespace mpdts::vm {
namespace {

constexpr const char* kPlan = "vdev_primary_secondary";
constexpr const char* kCase2 = "Virtio-pmd primary and secondary process hotplug test";

enum class Kind { Symmetric, Hotplug };
enum class Offload { DpdkRequest, Fallback, None };

struct VdevCase {
  std::string id;
  Kind kind;
  Offload offload = Offload::None;
};

std::vector<VdevCase> vdev_cases() {
  return {{"Case1_SymmetricMp_DpdkOffloadRequest", Kind::Symmetric, Offload::DpdkRequest},
          {"Case1_SymmetricMp_OffloadFallback", Kind::Symmetric, Offload::Fallback},
          {"Case2_HotplugMp", Kind::Hotplug}};
}

void PrintTo(const VdevCase& c, std::ostream* os) { *os << c.id; }

// The primary's port set-up lines ("Port 0: 2 queues, ..."), not its count lines.
std::vector<std::string> setup_lines(const std::string& output) {
  static const boost::regex setup(R"(^Port \d+: (?!RX - )[^\n]*)");
  std::vector<std::string> lines;
  for (boost::sregex_iterator it(output.begin(), output.end(), setup), end; it != end; ++it) {
    std::string line = it->str();
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

class InVm : public testing::TestWithParam<VdevCase> {
 public:
  static void TearDownTestSuite() { release_lab(); }

  void SetUp() override { suite::record_catalogued_case(); }

  void TearDown() override {
    phases_.enter("cleanup");
    for (const auto& problem : finish()) MPDTS_CHECK_FAILED("vm.lab-clean") << "after the case: " << problem;
    phases_.record();
    suite::write_transcript(transcript_);
  }

  // A failed check (CaseAbort, already reported) or a harness error ends the case as FAIL.
  void run(void (InVm::*steps)()) {
    try {
      (this->*steps)();
    } catch (const hotplug::CaseAbort&) {
    } catch (const std::exception& e) {
      suite::harness_error(e);
    }
  }

  // ---- Case 1 -------------------------------------------------------------------------------------

  void symmetric_case() {
    const auto& topology = suite::topology();
    const auto& c = GetParam();
    symmetric_.emplace(topology, 2, transcript_, symmetric::SymmetricBench::Where::Guest);
    record_lab(*symmetric_->lab_case(), phases_);
    phases_.enter("steps");
    symmetric::RunOptions options;
    if (c.offload == Offload::DpdkRequest) options.app_args = topology.symmetric_mp.dpdk_offload_args;
    options.start_timeout = Seconds(topology.timeouts.start);
    options.quit_timeout = Seconds(topology.timeouts.quit);
    options.traffic_budget = Seconds(std::max(60.0, topology.timeouts.start));
    transcript_.note("case", fmt::format("{}: -p 3 --num-procs 2, {}", symmetric::kPlanCase,
                                         c.offload == Offload::DpdkRequest
                                             ? "DPDK's unmodified offload request (" +
                                                   fmt::format("{}", fmt::join(options.app_args, " ")) + ")"
                                             : "the target's own request, with its fallback"));
    const auto result = symmetric::run_forwarding_case(*symmetric_, 2, transcript_, options);

    // What the primary asked its ports for, as it said it.
    if (result.outputs.empty()) return;
    const auto lines = setup_lines(result.outputs.front());
    testing::Test::RecordProperty("port_setup", fmt::format("{}", fmt::join(lines, "\n")));
    const bool ours = std::find(options.app_args.begin(), options.app_args.end(), "--offload-request=dpdk") !=
                      options.app_args.end();
    if (ours)
      for (int port : symmetric_->ports()) {
        const std::string said = fmt::format("Port {}: requested as DPDK's example does:", port);
        if (std::none_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(said, 0) == 0; }))
          MPDTS_CHECK_FAILED("vm.offload-request-said")
              << "the primary did not say it asked port " << port << " for DPDK's example's offloads ('" << said
              << "...'); its set-up lines:\n"
              << fmt::format("{}", fmt::join(lines, "\n"));
      }
  }

  // ---- Case 2 -------------------------------------------------------------------------------------

  void hotplug_case() {
    const auto& topology = suite::topology();
    lab_case_.emplace(topology, transcript_);
    record_lab(*lab_case_, phases_);
    auto& lab = lab_case_->lab();
    auto& shell = lab_case_->shell();
    const std::string port0 = lab.settings().vhost_user.at(0).pci.address;
    const std::string port1 = lab.settings().vhost_user.at(1).pci.address;

    // 1. testpmd `set fwd txonly`, `start` (2. the VM is up: the lab).
    lab.traffic().start_txonly();
    // 3. "Bind virtio port to <DPDK driver>" — both, before the processes start.
    sandbox_ = std::make_unique<GuestSandbox>(shell, "hp", transcript_);
    std::vector<PciDevice> ports;
    for (const auto& p : lab.settings().vhost_user) ports.push_back(p.pci);
    binding_ = std::make_unique<GuestPciBinding>(shell, ports, transcript_);
    binding_->bind_dpdk();
    phases_.enter("steps");
    // 4./5. Primary, then secondary; both list both ports, as the plan shows them.
    const std::map<int, std::string> both{{0, port0}, {1, port1}};
    const std::map<int, std::string> only1{{1, port1}};
    primary_ = &start_hotplug("primary", "--proc-type=auto", 0);
    expect_lists(both, "starting the primary");
    secondary_ = &start_hotplug("secondary", "--proc-type=secondary", 1);
    expect_lists(both, "starting the secondary");

    // 6.-8. Detach from the primary, attach from the secondary, duplicates refused; repeated.
    for (int round = 1; round <= topology.repeat; ++round) {
      const auto which = fmt::format("round {} of {}", round, topology.repeat);
      transcript_.note("case", which);
      SCOPED_TRACE(which);
      hotplug::require_success(primary_->detach(port0), "detach " + port0 + " from the primary");
      expect_lists(only1, "detaching " + port0 + " from the primary");
      hotplug::expect_refused(primary_->detach(port0), "the duplicate detach " + port0 + " from the primary");
      expect_lists(only1, "the duplicate detach from the primary");
      hotplug::require_success(secondary_->attach(port0), "attach " + port0 + " from the secondary");
      expect_lists(both, "attaching " + port0 + " from the secondary");
      hotplug::expect_refused(secondary_->attach(port0), "the duplicate attach " + port0 + " from the secondary");
      expect_lists(both, "the duplicate attach from the secondary");
    }
    // Quit the secondary, then the primary.
    for (auto* app : {secondary_, primary_}) {
      suite::expect_clean_quit(app->quit(), "the " + app->name());
    }
  }

  HotplugApp& start_hotplug(const std::string& role, const std::string& proc_type, int proc_id) {
    const auto& topology = suite::topology();
    const auto& target = topology.hotplug_mp;
    std::vector<std::string> argv{GuestLab::guest_program(target.path)};
    std::vector<std::string> allow;
    for (const auto& p : topology.vm->vhost_user) allow.push_back(p.pci.address);
    for (auto& a : sandbox_->args(allow)) argv.push_back(a);
    argv.push_back(proc_type);
    argv.insert(argv.end(), target.eal_args.begin(), target.eal_args.end());
    // The plan passes symmetric_mp's application arguments to hotplug_mp too.
    argv.insert(argv.end(), {"--", "-p", "3", "--num-procs=2", fmt::format("--proc-id={}", proc_id)});
    auto process = lab_case_->lab().spawn(argv, role, transcript_, Seconds(topology.timeouts.command));
    apps_.push_back(std::make_unique<HotplugApp>(std::move(process), target.contract, topology.timeouts));
    apps_.back()->wait_ready();
    return *apps_.back();
  }

  // Every process lists exactly `expected` — the same devices (hotplug checks) and the port ids the
  // plan shows.
  void expect_lists(const std::map<int, std::string>& expected, const std::string& after_step) {
    std::vector<HotplugApp*> all;
    for (auto& a : apps_) all.push_back(a.get());
    std::set<std::string> names;
    for (const auto& [id, name] : expected) names.insert(name);
    hotplug::expect_every_list(all, names, after_step);
    for (auto* app : all) {
      std::map<int, std::string> listed;
      for (const auto& p : app->list()) listed[p.port] = p.name;
      if (listed != expected) {
        std::string want, got;
        for (const auto& [id, name] : expected) want += fmt::format(" {} {};", id, name);
        for (const auto& [id, name] : listed) got += fmt::format(" {} {};", id, name);
        MPDTS_CHECK_FAILED("vm.plan-port-ids") << "after " << after_step << ": the " << app->name() << " lists" << got
                      << " but the plan shows" << want;
        throw hotplug::CaseAbort{};
      }
    }
  }

  // ---- The end of every case ---------------------------------------------------------------------

  std::vector<std::string> finish() {
    std::vector<std::string> problems;
    if (symmetric_) {
      problems = symmetric_->finish();
      symmetric_.reset();
    }
    apps_.clear();  // the hotplug_mp processes end (in the guest)
    primary_ = secondary_ = nullptr;
    if (lab_case_) {
      for (auto& p : lab_case_->finish(binding_, sandbox_)) problems.push_back(p);
      lab_case_.reset();
    }
    return problems;
  }

  Transcript transcript_;
  suite::PhaseClock phases_;
  // Case 1
  std::optional<symmetric::SymmetricBench> symmetric_;
  // Case 2 (teardown order: processes, bindings, sandbox, then the lab's check)
  std::optional<LabCase> lab_case_;
  std::unique_ptr<GuestSandbox> sandbox_;
  std::unique_ptr<GuestPciBinding> binding_;
  std::vector<std::unique_ptr<HotplugApp>> apps_;
  HotplugApp* primary_ = nullptr;
  HotplugApp* secondary_ = nullptr;
};

TEST_P(InVm, Case) {
  const auto& c = GetParam();
  if (auto why = suite::missing_requirement(); !why.empty()) GTEST_SKIP() << why;
  transcript_.note("case", fmt::format("{} — {}", kPlan, c.id));
  phases_.enter("start");  // the lab (booted by a suite's first case), sandbox, bindings
  run(c.kind == Kind::Symmetric ? &InVm::symmetric_case : &InVm::hotplug_case);
}

const bool kCatalogued = suite::catalogue_params(
    "VdevPlan", "InVm", "Case", vdev_cases(), [](const VdevCase& c) { return c.id; }, [](const VdevCase& c) {
      const bool symmetric = c.kind == Kind::Symmetric;
      return suite::CatalogEntry{kPlan, symmetric ? symmetric::kPlanCase : kCase2,
                                 {"vm", symmetric ? "symmetric" : "hotplug"},
                                 [](const Topology& t) { return missing_lab_reason(t); }};
    });
INSTANTIATE_TEST_SUITE_P(VdevPlan, InVm, testing::ValuesIn(vdev_cases()),
                         [](const testing::TestParamInfo<VdevCase>& info) { return info.param.id; });

}  // namespace
}  // namespace mpdts::vm
