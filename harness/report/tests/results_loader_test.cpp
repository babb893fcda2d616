#include "mpdts/report/results_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string record_json(const std::string& full_name, const std::string& status,
                        const std::string& started) {
  return nlohmann::json{{"full_name", full_name}, {"status", status}, {"started", started}}.dump();
}

TEST(LoadResultsTest, ReadsEnvironmentAndCasesInStartOrder) {
  test::ScratchDir dir;
  dir.write("environment.json", R"({"dpdk_version": "DPDK 22.11.11", "kernel": "6.1.0"})");
  dir.write("cases/B.second.json", record_json("B.second", "failed", "2026-11-21T13:00:02.000Z"));
  dir.write("cases/A.first.json", record_json("A.first", "passed", "2026-11-21T13:00:01.000Z"));

  const RunResults run = load_results(dir.path());
  EXPECT_THAT(run.warnings, IsEmpty());
  // No case said which DPDK ran: the start-of-run value is kept, marked as not seen running.
  EXPECT_EQ(run.environment["dpdk_version"], "DPDK 22.11.11 (recorded at the start of the run)");
  ASSERT_THAT(run.cases, SizeIs(2));
  EXPECT_EQ(run.cases[0].full_name, "A.first");
  EXPECT_EQ(run.cases[1].full_name, "B.second");
  EXPECT_EQ(run.cases[1].status, CaseStatus::kFailed);
}

// The DPDK under test is what the processes reported, not what the build machine had: a run whose
// cases ran DPDK 24.11 says so, whatever environment.json was written with.
TEST(LoadResultsTest, TheDpdkVersionIsWhatTheCasesProcessesReported) {
  test::ScratchDir dir;
  dir.write("environment.json", R"({"dpdk_built_against": "DPDK 22.11.11"})");
  auto with_version = [](const std::string& name, const std::string& version) {
    return nlohmann::json{{"full_name", name}, {"status", "passed"}, {"properties", {{"dpdk_version", version}}}}
        .dump();
  };
  dir.write("cases/A.one.json", with_version("A.one", "DPDK 24.11.0"));
  dir.write("cases/A.two.json", with_version("A.two", "DPDK 24.11.0"));
  EXPECT_EQ(load_results(dir.path()).environment["dpdk_version"], "DPDK 24.11.0 (reported by the processes that ran)");

  dir.write("cases/A.three.json", with_version("A.three", "DPDK 22.11.11 (primary); DPDK 24.11.0 (testpmd)"));
  EXPECT_EQ(load_results(dir.path()).environment["dpdk_version"],
            "DPDK 22.11.11 (primary); DPDK 24.11.0 (testpmd) | DPDK 24.11.0 (reported by the processes that ran)");
}

TEST(LoadResultsTest, SkipsACorruptRecordWithAWarningNamingTheFile) {
  test::ScratchDir dir;
  dir.write("environment.json", "{}");
  dir.write("cases/Good.case.json", record_json("Good.case", "passed", ""));
  dir.write("cases/Torn.case.json", R"({"full_name": "Torn.case", "sta)");

  const RunResults run = load_results(dir.path());
  ASSERT_THAT(run.cases, SizeIs(1));
  EXPECT_EQ(run.cases[0].full_name, "Good.case");
  EXPECT_THAT(run.warnings, ElementsAre(AllOf(HasSubstr("Torn.case.json"),
                                              HasSubstr("not valid JSON"))));
}

TEST(LoadResultsTest, SkipsValidJsonThatIsNotARecord) {
  test::ScratchDir dir;
  dir.write("environment.json", "{}");
  dir.write("cases/Odd.case.json", R"({"full_name": "Odd.case", "status": "green"})");

  const RunResults run = load_results(dir.path());
  EXPECT_THAT(run.cases, IsEmpty());
  EXPECT_THAT(run.warnings, ElementsAre(AllOf(HasSubstr("Odd.case.json"), HasSubstr("green"))));
}

TEST(LoadResultsTest, IgnoresTemporaryFilesOfWritersStillWriting) {
  test::ScratchDir dir;
  dir.write("environment.json", "{}");
  dir.write("cases/A.b.json.1234.0.tmp", "{\"half");
  const RunResults run = load_results(dir.path());
  EXPECT_THAT(run.cases, IsEmpty());
  EXPECT_THAT(run.warnings, IsEmpty());
}

TEST(LoadResultsTest, WarnsAboutMissingOrCorruptEnvironment) {
  test::ScratchDir missing;
  missing.write("cases/.keep", "");
  EXPECT_THAT(load_results(missing.path()).warnings,
              ElementsAre(AllOf(HasSubstr("environment.json"), HasSubstr("missing"))));

  test::ScratchDir corrupt;
  corrupt.write("environment.json", "[1, 2");
  corrupt.write("cases/.keep", "");
  const RunResults run = load_results(corrupt.path());
  EXPECT_TRUE(run.environment.is_object());
  EXPECT_THAT(run.warnings, ElementsAre(HasSubstr("environment.json")));
}

TEST(LoadResultsTest, MissingDirectoryIsAnErrorNamingIt) {
  test::ScratchDir dir;
  const auto missing = dir.path() / "no-such-results";
  EXPECT_THAT([&] { load_results(missing); },
              ::testing::ThrowsMessage<ResultsDirError>(HasSubstr(missing.string())));
}

}  // namespace
}  // namespace mpdts::report
