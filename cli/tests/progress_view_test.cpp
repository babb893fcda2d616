#include "progress_view.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mpdts::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;

struct Fixture : ::testing::Test {
  ProgressView::Clock::time_point t0 = ProgressView::Clock::now();
  std::vector<std::string> out;
  ProgressView view{3, false, t0, [this](const std::string& l) { out.push_back(l); }};
};

TEST_F(Fixture, OneLinePerCaseWithVerdictDurationAndElapsedTime) {
  view.line("[==========] Running 3 tests from 2 test suites.", t0);
  view.line("[ RUN      ] A/B.Case/One", t0 + 1s);
  view.line("some transcript line", t0 + 2s);
  view.line("[       OK ] A/B.Case/One (1000 ms)", t0 + 3s);
  view.line("[ RUN      ] A/B.Case/Two", t0 + 3s);
  view.line("/src/x.cpp:12: Skipped", t0 + 3s);
  view.line("topology 'embedded' lists no PCI device", t0 + 3s);
  view.line("[  SKIPPED ] A/B.Case/Two (0 ms)", t0 + 3s);
  view.line("[ RUN      ] C/D.Case/Three", t0 + 3s);
  view.line("/src/y.cpp:7: Failure", t0 + 4s);
  view.line("Expected: 2 ports", t0 + 4s);
  view.line("[  FAILED  ] C/D.Case/Three, where GetParam() = x (70000 ms)", t0 + 73s);
  view.line("[  FAILED  ] C/D.Case/Three, where GetParam() = x", t0 + 73s);  // gtest's summary: not a case
  ASSERT_EQ(out.size(), 5u) << ::testing::PrintToString(out);
  EXPECT_EQ(out[0], "[   0:03] [1/3] PASS  A/B.Case/One  (2.0 s)");
  EXPECT_EQ(out[1], "[   0:03] [2/3] SKIP  A/B.Case/Two  (0.0 s): topology 'embedded' lists no PCI device");
  EXPECT_EQ(out[2], "[   1:13] [3/3] FAIL  C/D.Case/Three  (70.0 s)");
  EXPECT_EQ(out[3], "          /src/y.cpp:7: Failure");
  EXPECT_EQ(out[4], "          Expected: 2 ports");
  EXPECT_EQ(view.passed(), 1);
  EXPECT_EQ(view.skipped(), 1);
  EXPECT_EQ(view.failed(), 1);
}

TEST_F(Fixture, LongStepsAndQuietCasesAreShownWithTheirTime) {
  view.line("[ RUN      ] V/M.Case/Boot", t0);
  view.line("@mpdts-progress begin booting guest g under tcg", t0 + 1s);
  view.tick(t0 + 10s);  // less than 15 s since the last line: quiet
  view.tick(t0 + 17s);
  view.tick(t0 + 20s);  // 3 s after the last line: quiet
  view.line("@mpdts-progress end 25.3 booting guest g under tcg", t0 + 26s);
  view.line("[       OK ] V/M.Case/Boot (30000 ms)", t0 + 30s);
  view.tick(t0 + 60s);  // between cases: nothing to say
  EXPECT_THAT(out, ElementsAre("[   0:01]           booting guest g under tcg ...",
                               "[   0:17]           still running V/M.Case/Boot (17 s): booting guest g under tcg for 16 s",
                               "[   0:26]           booting guest g under tcg: done in 25.3 s",
                               "[   0:30] [1/3] PASS  V/M.Case/Boot  (30.0 s)"));
}

TEST_F(Fixture, HarnessMessagesBetweenCasesAreShownGtestBannersAreNot) {
  view.line("[----------] 2 tests from A/B", t0);
  view.line("mpdts: recover: removed /tmp/mpdts/x (scratch)", t0);
  view.line("Note: Google Test filter = A.*", t0);
  EXPECT_THAT(out, ElementsAre("mpdts: recover: removed /tmp/mpdts/x (scratch)"));
}

TEST(ProgressViewVerbose, PassesEveryLineThrough) {
  std::vector<std::string> out;
  const auto t0 = ProgressView::Clock::now();
  ProgressView view(1, true, t0, [&](const std::string& l) { out.push_back(l); });
  view.line("[ RUN      ] A.B", t0);
  view.line("detail", t0);
  view.line("[  FAILED  ] A.B (1 ms)", t0);
  EXPECT_THAT(out, ElementsAre("[ RUN      ] A.B", "detail", "[  FAILED  ] A.B (1 ms)", StartsWith("[   0:00] [1/1] FAIL  A.B")));
}

TEST(ClockText, MinutesAndHours) {
  EXPECT_EQ(clock_text(7s), "0:07");
  EXPECT_EQ(clock_text(754s), "12:34");
  EXPECT_EQ(clock_text(3723s), "1:02:03");
}

}  // namespace
}  // namespace mpdts::cli
