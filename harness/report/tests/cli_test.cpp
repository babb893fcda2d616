// mpdts-report as a user runs it, on a copy of tests/sample_results.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mpdts/report/xml_checker.hpp"
#include "run_program.hpp"
#include "sample_bench.hpp"
#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Not;

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::copy(MPDTS_REPORT_SAMPLE_RESULTS, results_,
                          std::filesystem::copy_options::recursive);
  }

  test::ProgramRun report(std::vector<std::string> args) {
    args.insert(args.begin(), MPDTS_REPORT_CLI);
    return test::run_program(args, scratch_.path());
  }

  test::ScratchDir scratch_;
  std::filesystem::path results_ = scratch_.path() / "results";
};

TEST_F(CliTest, WritesBothReportsAndEndsWithTheCounts) {
  const test::ProgramRun run = report({"--results", results_.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr((results_ / "junit.xml").string()));
  EXPECT_THAT(run.out, HasSubstr((results_ / "report.html").string()));
  EXPECT_THAT(run.out, EndsWith("\n3 passed, 1 failed, 2 skipped\n"));

  const XmlParse junit = parse_xml(test::read_file(results_ / "junit.xml"));
  ASSERT_TRUE(junit.well_formed) << junit.error;
  EXPECT_EQ(*junit.root.attribute("tests"), "6");
  EXPECT_EQ(*junit.root.attribute("skipped"), "2");
  const XmlParse html = parse_xml(test::read_file(results_ / "report.html"));
  ASSERT_TRUE(html.well_formed) << html.error;
  EXPECT_EQ(html.root.find_by_id("count-failed")->all_text(), "1");
}

TEST_F(CliTest, WarnsAboutTheTornRecordByName) {
  const test::ProgramRun run = report({"--results", results_.string()});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.err, AllOf(HasSubstr("warning"),
                             HasSubstr("SymmetricMp_Plan.Case_FourProcessesForward.json")));
}

TEST_F(CliTest, WritesWhereItIsTold) {
  const auto junit = scratch_.path() / "out" / "ci" / "mpdts.xml";
  const auto html = scratch_.path() / "out" / "mpdts.html";
  const test::ProgramRun run =
      report({"--results", results_.string(), "--junit", junit.string(), "--html", html.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(junit));
  EXPECT_TRUE(std::filesystem::exists(html));
  EXPECT_FALSE(std::filesystem::exists(results_ / "junit.xml"));
}

TEST_F(CliTest, FailedVerdictsStillExitZero) {
  // Whether the run passed is the cases' exit status; the report only reports.
  EXPECT_EQ(report({"--results", results_.string()}).exit_code, 0);
}

TEST_F(CliTest, MissingResultsDirectoryIsBadInputNamingIt) {
  const auto missing = scratch_.path() / "no-such-dir";
  const test::ProgramRun run = report({"--results", missing.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr(missing.string()), HasSubstr("does not exist")));
  EXPECT_THAT(run.out, Not(HasSubstr("passed")));
}

TEST_F(CliTest, ABenchDirectoryBesideTheResultsIsInTheReport) {
  const auto bench = test::write_sample_bench(scratch_, "bench");
  const test::ProgramRun run = report({"--results", results_.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, HasSubstr("Benchmarks from: " + std::filesystem::canonical(bench).string() + "\n"));
  EXPECT_THAT(run.out, EndsWith("\n3 passed, 1 failed, 2 skipped\n"));

  const XmlParse html = parse_xml(test::read_file(results_ / "report.html"));
  ASSERT_TRUE(html.well_formed) << html.error;
  EXPECT_EQ(html.root.find_by_id("bench-dir")->text, std::filesystem::canonical(bench).string());
  EXPECT_EQ(html.root.find_by_id("bench-hotplug-scaling")->children.front().name, "svg");
}

TEST_F(CliTest, NoBenchDirectoryNoBenchmarksSection) {
  const test::ProgramRun run = report({"--results", results_.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_THAT(run.out, Not(HasSubstr("Benchmarks")));
  EXPECT_THAT(test::read_file(results_ / "report.html"), Not(HasSubstr("id=\"benchmarks\"")));
}

TEST_F(CliTest, BenchTakesADirectoryAnywhere) {
  test::write_sample_bench(scratch_, "bench");  // beside the results, and not the one asked for
  const auto asked_for = test::write_sample_bench(scratch_, "other/bench");
  const test::ProgramRun run = report({"--results", results_.string(), "--bench", asked_for.string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  const XmlParse html = parse_xml(test::read_file(results_ / "report.html"));
  ASSERT_TRUE(html.well_formed) << html.error;
  EXPECT_EQ(html.root.find_by_id("bench-dir")->text, std::filesystem::canonical(asked_for).string());
}

TEST_F(CliTest, MissingBenchDirectoryIsBadInputNamingIt) {
  const auto missing = scratch_.path() / "no-such-bench";
  const test::ProgramRun run = report({"--results", results_.string(), "--bench", missing.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_THAT(run.err, AllOf(HasSubstr(missing.string()), HasSubstr("does not exist")));
  EXPECT_FALSE(std::filesystem::exists(results_ / "report.html"));
}

TEST_F(CliTest, MissingOrUnknownOptionsAreBadInput) {
  EXPECT_EQ(report({}).exit_code, 2);
  EXPECT_EQ(report({"--results", results_.string(), "--colour"}).exit_code, 2);
}

TEST_F(CliTest, HelpExitsZero) {
  const test::ProgramRun run = report({"--help"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_THAT(run.out, AllOf(HasSubstr("--results"), HasSubstr("--bench")));
}

}  // namespace
}  // namespace mpdts::report
