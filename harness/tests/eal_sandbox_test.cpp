// EAL isolation: each sandbox has its own prefix and hugetlbfs mount, host processes never probe PCI
// unless the topology allows exactly its devices, and nothing remains after the sandbox.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "eal/eal_sandbox.hpp"
#include "process/transcript.hpp"

namespace mpdts {
namespace {

bool mounted(const std::filesystem::path& dir) {
  std::ifstream in("/proc/mounts");
  std::string dev, at, type, rest;
  while (in >> dev >> at >> type && std::getline(in, rest))
    if (at == dir.string() && type == "hugetlbfs") return true;
  return false;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

TEST(EalSandbox, GivesEachSandboxItsOwnPrefix) {
  Transcript t;
  EalSandbox a("x", false, t), b("x", false, t);
  EXPECT_NE(a.prefix(), b.prefix());
  EXPECT_TRUE(contains(a.args(), "--file-prefix=" + a.prefix()));
}

TEST(EalSandbox, NeverLetsAHostProcessProbePciUnlessAllowed) {
  Transcript t;
  EalSandbox s("x", false, t);
  EXPECT_TRUE(contains(s.args(), "--no-pci"));
  const auto allowed = s.args({"0000:00:05.0"});
  EXPECT_FALSE(contains(allowed, "--no-pci"));
  const auto it = std::find(allowed.begin(), allowed.end(), "-a");
  ASSERT_NE(it, allowed.end());
  EXPECT_EQ(*(it + 1), "0000:00:05.0");
}

TEST(EalSandbox, MountsPrivateHugepagesAndRemovesEverything) {
  if (geteuid() != 0) GTEST_SKIP() << "mounting hugetlbfs needs root";
  Transcript t;
  std::filesystem::path work, huge, runtime;
  {
    EalSandbox s("x", true, t);
    work = s.work_dir();
    huge = s.huge_dir();
    runtime = "/var/run/dpdk/" + s.prefix();
    EXPECT_TRUE(mounted(huge));
    EXPECT_TRUE(contains(s.args(), "--huge-dir=" + huge.string()));
    // What a DPDK process of the sandbox leaves: a runtime dir and a page file.
    std::filesystem::create_directories(runtime);
    std::ofstream(runtime / "config") << "x";
  }
  EXPECT_FALSE(mounted(huge));
  EXPECT_FALSE(std::filesystem::exists(work));
  EXPECT_FALSE(std::filesystem::exists(runtime));
}

TEST(EalSandbox, WithoutHugepagesRunsWithNoHuge) {
  Transcript t;
  EalSandbox s("x", false, t);
  EXPECT_TRUE(contains(s.args(), "--no-huge"));
  EXPECT_FALSE(mounted(s.huge_dir()));
}

}  // namespace
}  // namespace mpdts
