#include "symmetric/symmetric_rates.hpp"

#include <gtest/gtest.h>

namespace mpdts::bench {
namespace {

// testpmd 22.11's `show port stats all`, two ports (trimmed to what matters, blank lines kept).
constexpr const char* kStats = R"(
  ######################## NIC statistics for port 0  ########################
  RX-packets: 0          RX-missed: 0          RX-bytes:  0
  RX-errors: 0
  RX-nombuf:  0
  TX-packets: 123456     TX-errors: 0          TX-bytes:  7901184

  Throughput (since last show)
  Rx-pps:            0          Rx-bps:            0
  Tx-pps:       812345          Tx-bps:    415920640
  ############################################################################
VHOST_CONFIG: (/tmp/mpdts/x/vhost-net1) read message VHOST_USER_GET_VRING_BASE
  ######################## NIC statistics for port 1  ########################
  TX-packets: 99         TX-errors: 0          TX-bytes:  6336

  Throughput (since last show)
  Rx-pps:            0          Rx-bps:            0
  Tx-pps:          7          Tx-bps:         3584
  ############################################################################
)";

TEST(SymmetricRates, TestpmdsOwnTxRatePerPort) {
  const auto pps = parse_tx_pps(kStats);
  ASSERT_EQ(pps.size(), 2u);
  EXPECT_EQ(pps.at(0), 812345u);
  EXPECT_EQ(pps.at(1), 7u);
}

TEST(SymmetricRates, CsvSaysEachProcessShareAndTheSum) {
  SymmetricRates r;
  r.window_s = 2;
  r.testpmd_tx_pps = 1000;
  r.sum_window_pps = 990;
  r.processes = {{"primary", 0, 500, 0.5, 1000, 2, 500}, {"secondary1", 1, 490, 0.49, 900, 1.5, 600}};
  const auto csv = symmetric_rates_csv(r);
  EXPECT_NE(csv.find("primary,0,500,1000,0.500,1000,2.000,500,2.000\r\n"), std::string::npos);
  EXPECT_NE(csv.find("all,,990,1000,0.990,"), std::string::npos);
  EXPECT_NE(symmetric_rates_table(r).find("secondary1"), std::string::npos);
}

}  // namespace
}  // namespace mpdts::bench
