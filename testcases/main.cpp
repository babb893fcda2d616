// The conformance cases' entry point: loads and validates the topology before any side effect,
// undoes what earlier runs that died (SIGKILL) left, journals every side effect of this run, records
// every case for the reports, and undoes everything if interrupted.
//
//   mpdts_cases [--topology=FILE] [--results=DIR] [--journal-dir=DIR] [--dpdk=SPEC] [gtest flags]
//   (or MPDTS_TOPOLOGY / MPDTS_RESULTS / MPDTS_JOURNAL_DIR / MPDTS_DPDK in the environment)
//   mpdts_cases [--topology=FILE] --list-cases
//     prints every case as JSON (name, plan, labels, whether the topology can run it and why not)
//     from the case catalogue, after validating the topology; runs nothing, needs no root.
// Exit codes: 0 all cases passed (or skipped), 1 a case failed, 2 invalid topology or set-up error,
// 128+signal when interrupted (everything undone first).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/case_facts.hpp"
#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "core/journal.hpp"
#include "dpdk/dpdk_under_test.hpp"
#include "journal/recovery.hpp"
#include "mpdts/report/case_recorder.hpp"
#include "case_catalog.hpp"
#include "environment_snapshot.hpp"
#include "suite_context.hpp"
#include "topology/topology.hpp"

namespace {

std::string option(int argc, char** argv, const std::string& name, const char* env, const std::string& fallback) {
  const std::string flag = "--" + name + "=";
  for (int i = 1; i < argc; ++i)
    if (std::strncmp(argv[i], flag.c_str(), flag.size()) == 0) return argv[i] + flag.size();
  if (const char* v = std::getenv(env); v && *v) return v;
  return fallback;
}

bool has_flag(int argc, char** argv, const char* flag) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], flag) == 0) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  mpdts::install_signal_cleanup();  // before any thread starts
  testing::InitGoogleTest(&argc, argv);
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();  // listing needs no testbed

  const std::string topology_file = option(argc, argv, "topology", "MPDTS_TOPOLOGY", MPDTS_DEFAULT_TOPOLOGY);
  const std::string results_dir = option(argc, argv, "results", "MPDTS_RESULTS", MPDTS_DEFAULT_RESULTS);
  mpdts::Topology topology;
  try {
    topology = mpdts::load_topology(topology_file);
  } catch (const mpdts::ConfigError& e) {
    std::cerr << "mpdts: invalid topology: " << e.what() << "\n";
    return 2;
  }
  if (has_flag(argc, argv, "--list-cases")) {
    std::cout << mpdts::suite::list_cases(topology).dump(1) << std::endl;
    return 0;
  }
  if (geteuid() != 0) {
    std::cerr << "mpdts: the cases need root (hugetlbfs mounts, network namespaces, DPDK)\n";
    return 2;
  }
  // The DPDK under test: the topology's `dpdk:`, or this run's --dpdk; built (or taken from the
  // cache) before any case, and every target without a path of its own runs from it.
  mpdts::PreparedDpdk dpdk;
  try {
    if (const std::string spec = option(argc, argv, "dpdk", "MPDTS_DPDK", ""); !spec.empty())
      topology.dpdk = mpdts::parse_dpdk_spec(spec);
    mpdts::PrepareOptions prepare;
    prepare.say = [](const std::string& line) { std::cerr << "mpdts: " << line << "\n"; };
    dpdk = mpdts::prepare_dpdk(topology.dpdk, prepare);
    mpdts::run_targets_from(dpdk, topology);
    if (!dpdk.spec.is_system())
      std::cerr << "mpdts: DPDK under test: " << dpdk.describe() << (dpdk.built_now ? ", built" : ", from the cache")
                << " in " << mpdts::format_seconds(dpdk.took) << "\n";
  } catch (const mpdts::ConfigError& e) {
    std::cerr << "mpdts: DPDK under test: " << e.what() << "\n";
    return 2;
  } catch (const mpdts::HarnessError& e) {
    std::cerr << "mpdts: DPDK under test: " << e.what() << "\n";
    return 2;
  }
  // What dead runs left (their journals; never a live run's), then this run's own journal.
  const std::string journal_dir =
      option(argc, argv, "journal-dir", "MPDTS_JOURNAL_DIR", mpdts::Journal::default_dir().string());
  try {
    mpdts::recovery::Options recover;
    recover.dir = journal_dir;
    recover.say = [](const std::string& line) { std::cerr << "mpdts: recover: " << line << "\n"; };
    const auto r = mpdts::recovery::recover(recover);
    if (r.failed > 0)
      std::cerr << "mpdts: recover: " << r.failed << " leftover(s) of earlier runs could not be undone (see above)\n";
    mpdts::Journal::start(journal_dir);
  } catch (const mpdts::HarnessError& e) {
    std::cerr << "mpdts: side-effect journal: " << e.what() << "\n";
    return 2;
  }
  mpdts::suite::init(topology, results_dir);
  // What the harness learns in a case (a VM's accelerator) goes into the case's record.
  mpdts::set_case_fact_sink([](const std::string& key, const std::string& value) {
    if (testing::UnitTest::GetInstance()->current_test_info()) testing::Test::RecordProperty(key, value);
  });
  testing::UnitTest::GetInstance()->listeners().Append(
      new mpdts::report::CaseRecorder(results_dir, mpdts::suite::environment_snapshot(topology, dpdk)));

  const int rc = RUN_ALL_TESTS();
  mpdts::suite::close_nodes();  // ssh master connections, while nothing is being undone
  mpdts::CleanupStack::instance().run_all();  // nothing should be left; if something is, undo it
  if (mpdts::Journal* journal = mpdts::Journal::active()) journal->finish();
  return rc;
}
