// Input made to get past the harness's rules (label adversarial): EAL arguments in the forms EAL
// accepts but a literal comparison misses, and topology files that are not topologies — an alias
// bomb, /dev/zero, a FIFO, a file of megabytes. Each is refused with a clear error, quickly, with
// memory bounded; nothing is started.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "topology/topology.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::string& yaml) {
  try {
    parse_topology(yaml, "/labs/test.yaml");
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string load_error(const fs::path& file) {
  try {
    load_topology(file);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string with_eal_args(const std::string& args) {
  return "name: x\ndevices: {}\ntargets:\n  hotplug_mp:\n    eal_args: [" + args + "]\n";
}

TEST(EalArgsBypass, AbbreviatedJoinedAndGroupedFormsAreRefusedWithLineAndColumn) {
  for (const char* bypass : {"-a0000:00:03.0", "--allo=0000:00:03.0", "--al=0000:00:03.0", "--file=mine",
                             "--file-pre=mine", "--huge-d=/tmp", "--no-p", "--proc=primary", "-b0000:00:04.0",
                             "--bl=0000:00:04.0", "-va0000:00:03.0", "-vb0000:00:04.0", "--pci-white=0000:00:03.0"}) {
    const auto e = error_of(with_eal_args(std::string("'") + bypass + "'"));
    EXPECT_EQ(e.rfind("/labs/test.yaml:5:15: 'targets.hotplug_mp.eal_args' may not contain '", 0), 0u)
        << bypass << ": " << e;
  }
}

TEST(EalArgsBypass, OrdinaryEalArgumentsStillPass) {
  EXPECT_EQ(error_of(with_eal_args("-l, '0', '--lcores=0@0', '--log-level=eal:8', --huge-unlink, -v, "
                                   "'--vdev=net_null0', -m, '64', -n, '4', '--in-memory'")),
            "(no error)");
  EXPECT_EQ(eal_option_owned_by_harness("-l"), "");
  EXPECT_EQ(eal_option_owned_by_harness("-d/usr/lib/dpdk"), "") << "-d takes the rest as its value";
  EXPECT_EQ(eal_option_owned_by_harness("--allow"), "--allow");
  EXPECT_EQ(eal_option_owned_by_harness("-a"), "-a (--allow)");
}

TEST(TopologyFile, AnAliasBombIsRefusedQuickly) {
  std::string bomb = "name: x\ndevices: {}\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c, ++prev)
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  const auto start = std::chrono::steady_clock::now();
  const auto e = error_of(bomb);  // 10^10 nodes once expanded
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_NE(e.find("once aliases are expanded: not a topology"), std::string::npos) << e;
}

TEST(TopologyFile, DevicesFifosAndHugeFilesAreRefusedBeforeReading) {
  EXPECT_NE(load_error("/dev/zero").find("not a regular file"), std::string::npos);
  const fs::path dir = fs::temp_directory_path() / ("mpdts-adversarial-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path fifo = dir / "topology.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(load_error(fifo).find("not a regular file"), std::string::npos) << "a FIFO would block the read";
  EXPECT_NE(load_error(dir).find("not a regular file"), std::string::npos);
  const fs::path big = dir / "big.yaml";
  std::ofstream(big) << "name: x\ndevices: {}\n# " << std::string(2 << 20, 'x') << "\n";
  EXPECT_NE(load_error(big).find("a topology is at most 1048576 bytes"), std::string::npos);
  EXPECT_NE(load_error(dir / "missing.yaml").find("cannot read the topology file"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mpdts
