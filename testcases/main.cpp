// The conformance cases' entry point: loads and validates the topology before any side effect,
// undoes what earlier runs that died (SIGKILL) left, journals every side effect of this run, records
// every case for the reports, and undoes everything if interrupted.
//
//   mpdts_cases [--topology=FILE] [--results=DIR] [--journal-dir=DIR] [gtest flags]
//   (or MPDTS_TOPOLOGY / MPDTS_RESULTS / MPDTS_JOURNAL_DIR in the environment)
#include <gtest/gtest.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "core/journal.hpp"
#include "journal/recovery.hpp"
#include "mpdts/report/case_recorder.hpp"
#include "mpdts/report/record_keys.hpp"
#include "mpdts/report/timestamps.hpp"
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

nlohmann::json describe_run(const mpdts::Topology& t) {
  utsname u{};
  uname(&u);
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  namespace key = mpdts::report::environment_key;
  return {
      {std::string(key::kDpdkVersion), MPDTS_DPDK_VERSION},
      {std::string(key::kKernel), std::string(u.sysname) + " " + u.release + " " + u.machine},
      {std::string(key::kHostname), host},
      {std::string(key::kStarted), mpdts::report::format_utc_timestamp(mpdts::report::now_ms_since_epoch())},
      {"topology_name", t.name},
      {std::string(key::kTopologyFile), t.file.string()},
      {std::string(key::kTopologyText), t.text},
      {"hotplug_mp", t.hotplug_mp.path.string()},
      {"symmetric_mp", t.symmetric_mp.path.string()},
      {"testpmd", t.testpmd.path.string()},
  };
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
  if (geteuid() != 0) {
    std::cerr << "mpdts: the cases need root (hugetlbfs mounts, network namespaces, DPDK)\n";
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
  testing::UnitTest::GetInstance()->listeners().Append(
      new mpdts::report::CaseRecorder(results_dir, describe_run(topology)));

  const int rc = RUN_ALL_TESTS();
  mpdts::suite::close_nodes();  // ssh master connections, while nothing is being undone
  mpdts::CleanupStack::instance().run_all();  // nothing should be left; if something is, undo it
  if (mpdts::Journal* journal = mpdts::Journal::active()) journal->finish();
  return rc;
}
