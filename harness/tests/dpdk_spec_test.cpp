// The DPDK under test as a spec: parsing (and its errors), versions, and where the targets run from.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "dpdk/dpdk_under_test.hpp"
#include "topology/topology.hpp"

namespace mpdts {
namespace {

namespace fs = std::filesystem;

std::string error_of(const std::string& spec, const fs::path& base = "/") {
  try {
    parse_dpdk_spec(spec, base);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

TEST(DpdkSpec, ParsesTheThreeKindsWithPathsFromTheBase) {
  EXPECT_TRUE(parse_dpdk_spec("system").is_system());
  const auto tmp = fs::temp_directory_path();
  const auto s = parse_dpdk_spec("source:" + tmp.string());
  EXPECT_EQ(s.kind, DpdkSpec::Kind::Source);
  EXPECT_EQ(s.text(), "source:" + tmp.lexically_normal().string());
  const auto b = parse_dpdk_spec("build_dir:.", tmp);
  EXPECT_EQ(b.kind, DpdkSpec::Kind::BuildDir);
  EXPECT_EQ(b.path, (tmp / ".").lexically_normal());
}

TEST(DpdkSpec, NamesWhatIsWrong) {
  EXPECT_NE(error_of("source:/no/such/dpdk.tar.xz").find("/no/such/dpdk.tar.xz does not exist"), std::string::npos);
  EXPECT_NE(error_of("source:").find("no path after 'source:'"), std::string::npos);
  EXPECT_NE(error_of("debian:trixie").find("not supported yet"), std::string::npos);
  EXPECT_NE(error_of("tarball:/x").find("expected 'system', 'source:PATH'"), std::string::npos);
  EXPECT_NE(error_of("System").find("expected 'system'"), std::string::npos);
  const auto file = fs::temp_directory_path() / "mpdts-dpdk-spec-test-file";
  std::ofstream(file) << "x";
  EXPECT_NE(error_of("build_dir:" + file.string()).find("is not a directory"), std::string::npos);
  fs::remove(file);
}

TEST(DpdkVersion, NumbersCompareAsReleases) {
  EXPECT_EQ(dpdk_version_numbers("22.11.11"), (std::vector<int>{22, 11, 11}));
  EXPECT_EQ(dpdk_version_numbers("24.11.0-rc2"), (std::vector<int>{24, 11, 0}));
  EXPECT_EQ(dpdk_version_numbers("25.11"), (std::vector<int>{25, 11, 0}));
  EXPECT_EQ(dpdk_version_numbers("junk"), (std::vector<int>{0, 0, 0}));
  EXPECT_LT(dpdk_version_numbers("21.11.9"), dpdk_version_numbers("22.11.0"));
  EXPECT_LT(dpdk_version_numbers("22.11.11"), dpdk_version_numbers("23.03.0"));
}

TEST(DpdkBuildOptions, AreStaticGenericAndOnlyWhatThePlansNeed) {
  const auto o = default_dpdk_build_options();
  auto has = [&](const std::string& s) { return std::find(o.begin(), o.end(), s) != o.end(); };
  EXPECT_TRUE(has("-Ddefault_library=static"));
  EXPECT_TRUE(has("-Dplatform=generic"));  // runs in a TCG guest too
  EXPECT_TRUE(has("-Denable_apps=test-pmd"));
  EXPECT_TRUE(has("-Dexamples=multi_process/hotplug_mp,multi_process/symmetric_mp"));
  const auto drivers = std::find_if(o.begin(), o.end(), [](const std::string& s) { return s.rfind("-Denable_drivers=", 0) == 0; });
  ASSERT_NE(drivers, o.end());
  for (const char* d : {"net/null", "net/ring", "net/af_packet", "net/pcap", "net/vhost", "net/virtio", "bus/vdev"})
    EXPECT_NE(drivers->find(d), std::string::npos) << d;
}

// Targets without a path run from the DPDK under test; a named path is kept; an example is DPDK's own.
TEST(RunTargetsFrom, PlacesTargetsWithoutAPathOnTheDpdkUnderTest) {
  PreparedDpdk dpdk;
  dpdk.spec.kind = DpdkSpec::Kind::BuildDir;
  dpdk.testpmd = "/cache/x/build/app/dpdk-testpmd";
  dpdk.targets_dir = "/cache/x/targets/bin";
  dpdk.examples_dir = fs::temp_directory_path() / "mpdts-examples-test";
  fs::create_directories(dpdk.examples_dir);
  std::ofstream(dpdk.examples_dir / "dpdk-symmetric_mp") << "";

  Topology t;
  t.hotplug_mp.path = "/mine/hotplug_mp";
  t.hotplug_mp.path_named = true;
  t.symmetric_mp.dpdk_example = true;
  run_targets_from(dpdk, t);
  EXPECT_EQ(t.hotplug_mp.path, "/mine/hotplug_mp");
  EXPECT_EQ(t.symmetric_mp.path, dpdk.examples_dir / "dpdk-symmetric_mp");
  EXPECT_EQ(t.testpmd.path, dpdk.testpmd);

  Topology u;
  run_targets_from(dpdk, u);
  EXPECT_EQ(u.hotplug_mp.path, "/cache/x/targets/bin/hotplug_mp");
  u.hotplug_mp.dpdk_example = true;
  EXPECT_THROW(run_targets_from(dpdk, u), ConfigError) << "this DPDK built no hotplug_mp example";
  fs::remove_all(dpdk.examples_dir);
}

}  // namespace
}  // namespace mpdts
