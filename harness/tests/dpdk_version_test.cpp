// The DPDK version a case records is read from what its processes printed (EAL -v), per process.
#include <gtest/gtest.h>

#include "eal/dpdk_version.hpp"

namespace mpdts {
namespace {

TEST(ReportedDpdkVersions, ReadsEachProcessLineOfATranscript) {
  const std::string transcript =
      "+   0.002s harness    # EAL prefix mpdts-1-hp, hugetlbfs mounted on /tmp/x\n"
      "+   0.110s primary    | EAL: Detected CPU lcores: 2\n"
      "+   0.111s primary    | EAL: RTE Version: 'DPDK 22.11.11'\n"
      "+   0.420s secondary1 | EAL: RTE Version: 'DPDK 22.11.11'\n"
      "+   1.000s testpmd    | EAL: RTE Version: 'DPDK 24.11.0-rc2'\r\n"
      "+   1.100s case       # something that quotes RTE Version: 'DPDK 1.0' is a note, not a process\n";
  const auto v = reported_dpdk_versions(transcript);
  EXPECT_EQ(v, (std::map<std::string, std::string>{
                   {"primary", "DPDK 22.11.11"}, {"secondary1", "DPDK 22.11.11"}, {"testpmd", "DPDK 24.11.0-rc2"}}));
  EXPECT_EQ(summarize_dpdk_versions(v), "DPDK 22.11.11 (primary, secondary1); DPDK 24.11.0-rc2 (testpmd)");
}

TEST(ReportedDpdkVersions, OneVersionIsSaidOnceAndNoneIsEmpty) {
  EXPECT_EQ(summarize_dpdk_versions({{"primary", "DPDK 25.11.0"}, {"secondary1", "DPDK 25.11.0"}}), "DPDK 25.11.0");
  EXPECT_EQ(summarize_dpdk_versions(reported_dpdk_versions("+   0.1s primary    | hotplug_mp> \n")), "");
}

}  // namespace
}  // namespace mpdts
