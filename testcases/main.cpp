// The conformance cases' entry point: loads and validates the topology before any side effect,
// records every case for the reports, and undoes everything if interrupted.
//
//   mpdts_cases [--topology=FILE] [--results=DIR] [gtest flags]
//   (or MPDTS_TOPOLOGY / MPDTS_RESULTS in the environment)
#include <gtest/gtest.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include <nlohmann/json.hpp>

#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
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
  mpdts::suite::init(topology, results_dir);
  testing::UnitTest::GetInstance()->listeners().Append(
      new mpdts::report::CaseRecorder(results_dir, describe_run(topology)));

  const int rc = RUN_ALL_TESTS();
  mpdts::CleanupStack::instance().run_all();  // nothing should be left; if something is, undo it
  return rc;
}
