#include "mpdts/report/html_report.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "mpdts/report/xml_checker.hpp"
#include "sample_run.hpp"

namespace mpdts::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kFailedTranscript = "transcripts/HotplugMp_Plan.Case_RepeatVirtual_FromSecondary.log";
using namespace std::string_literals;  // "\0"s keeps the NUL
const std::string kHostileTranscript =
    "EAL: \x1b[31mport 0 gone\x1b[0m\n<script>alert(1)</script>\nend\0NUL\n"s;

class HtmlReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    html_ = render_html_report(
        test::sample_run(),
        test::transcripts_from({{kFailedTranscript, kHostileTranscript}}));
    // The page is polyglot markup, so the XML checker can read it.
    parsed_ = parse_xml(html_);
    ASSERT_TRUE(parsed_.well_formed) << parsed_.error;
  }

  std::string text_of(std::string_view id) const {
    const XmlElement* element = parsed_.root.find_by_id(id);
    return element == nullptr ? "<no element with id " + std::string(id) + ">" : element->all_text();
  }

  std::string html_;
  XmlParse parsed_;
};

TEST_F(HtmlReportTest, IsOneSelfContainedPage) {
  EXPECT_THAT(html_, StartsWith("<!DOCTYPE html>\n"));
  EXPECT_THAT(html_, HasSubstr("<meta charset=\"utf-8\"/>"));
  EXPECT_THAT(html_, Not(HasSubstr("<link")));
  EXPECT_THAT(html_, Not(HasSubstr("src=")));
  EXPECT_THAT(html_, Not(HasSubstr("url(")));
  EXPECT_THAT(html_, Not(HasSubstr("https://")));
  EXPECT_EQ(parsed_.root.descendants("script").size(), 0u);
}

TEST_F(HtmlReportTest, SummaryCountsHaveStableIds) {
  EXPECT_EQ(text_of("count-passed"), "1");
  EXPECT_EQ(text_of("count-failed"), "1");
  EXPECT_EQ(text_of("count-skipped"), "1");
  EXPECT_EQ(text_of("count-total"), "3");
  EXPECT_EQ(text_of("summary-line"), "1 passed, 1 failed, 1 skipped");
  EXPECT_EQ(text_of("total-time"), "4.76 s");
  EXPECT_THAT(text_of("verdict"), HasSubstr("FAILED: 1 of 3 cases failed"));
}

TEST_F(HtmlReportTest, TranscriptScriptTagIsTextNotMarkup) {
  EXPECT_THAT(html_, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html_, Not(HasSubstr("<script>")));
  EXPECT_THAT(html_, HasSubstr("\\x1b[31mport 0 gone\\x1b[0m"));
  EXPECT_THAT(html_, HasSubstr("end\\x00NUL"));
}

TEST_F(HtmlReportTest, FailuresComeBeforeTheCaseTableWithMessagesVerbatim) {
  const auto failures_at = html_.find("id=\"failures\"");
  const auto cases_at = html_.find("id=\"cases\"");
  ASSERT_NE(failures_at, std::string::npos);
  ASSERT_NE(cases_at, std::string::npos);
  EXPECT_LT(failures_at, cases_at);

  const std::string failures = text_of("failures");
  EXPECT_THAT(failures, HasSubstr("Failures (1)"));
  EXPECT_THAT(failures, HasSubstr("hotplug_mp_test.cpp:42"));
  EXPECT_THAT(failures, HasSubstr("Expected equality of these values:\n  secondary.port_count()\n    Which is: 1\n  2"));
  EXPECT_THAT(failures, HasSubstr("detach left \"net_tap0\" <still> attached & running"));
  EXPECT_THAT(failures, HasSubstr("2 ports"));  // the case's "expected" property
  EXPECT_THAT(failures, HasSubstr("<script>alert(1)</script>"));  // its transcript, as text
  EXPECT_THAT(failures, Not(HasSubstr("AttachVirtual")));  // passed cases are not failures
}

TEST_F(HtmlReportTest, EveryCaseHasARowWithACollapsedTranscript) {
  const XmlElement* table = parsed_.root.find_by_id("cases");
  ASSERT_NE(table, nullptr);
  const auto rows = table->descendants("tbody").front()->descendants("tr");
  ASSERT_EQ(rows.size(), 3u);
  for (const XmlElement* row : rows) {
    ASSERT_EQ(row->descendants("details").size(), 1u) << *row->attribute("id");
    EXPECT_EQ(row->descendants("details")[0]->attribute("open"), nullptr);
  }
  EXPECT_EQ(*rows[0]->attribute("class"), "passed");
  EXPECT_THAT(rows[0]->all_text(), HasSubstr("Attach virtual device from primary"));
  EXPECT_THAT(rows[1]->all_text(), HasSubstr("3.25 s"));
  EXPECT_THAT(rows[2]->all_text(), HasSubstr("Skipped: topology has only one NIC"));
  EXPECT_THAT(rows[0]->all_text(), HasSubstr("transcript missing"));
}

TEST_F(HtmlReportTest, ShowsTalliesByPlanAndLabel) {
  EXPECT_THAT(text_of("by-plan"), HasSubstr("hotplug_mp"));
  EXPECT_THAT(text_of("by-plan"), HasSubstr("symmetric_mp"));
  EXPECT_THAT(text_of("by-label"), HasSubstr("forwarding"));
  EXPECT_THAT(text_of("by-label"), HasSubstr("virtual"));
}

TEST_F(HtmlReportTest, ShowsTheEnvironmentAndTopologyText) {
  const std::string environment = text_of("environment");
  EXPECT_THAT(environment, HasSubstr("DPDK 22.11.11"));
  EXPECT_THAT(environment, HasSubstr("6.1.0-27-amd64"));
  EXPECT_THAT(environment, HasSubstr("topologies/two-vms.yaml"));
  EXPECT_THAT(environment, HasSubstr("kvm"));
  EXPECT_EQ(text_of("topology-text"), "vms:\n  - name: vm0\n");
}

TEST(HtmlReportCountsTest, EachCountIsItsOwn) {
  const XmlParse parsed =
      parse_xml(render_html_report(test::run_with_counts(3, 2, 1), test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.find_by_id("count-passed")->all_text(), "3");
  EXPECT_EQ(parsed.root.find_by_id("count-failed")->all_text(), "2");
  EXPECT_EQ(parsed.root.find_by_id("count-skipped")->all_text(), "1");
  EXPECT_EQ(parsed.root.find_by_id("count-total")->all_text(), "6");
  EXPECT_EQ(parsed.root.find_by_id("summary-line")->all_text(), "3 passed, 2 failed, 1 skipped");
  EXPECT_EQ(parsed.root.find_by_id("failures")->descendants("article").size(), 2u);
}

TEST(HtmlReportWarningsTest, ListsUnreadableFilesAndSaysSoInTheVerdict) {
  RunResults run = test::sample_run();
  run.warnings = {"/results/cases/Torn.case.json: is not valid JSON"};
  const XmlParse parsed = parse_xml(render_html_report(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  ASSERT_NE(parsed.root.find_by_id("warnings"), nullptr);
  EXPECT_THAT(parsed.root.find_by_id("warnings")->all_text(), HasSubstr("Torn.case.json"));
  EXPECT_THAT(parsed.root.find_by_id("verdict")->all_text(), HasSubstr("could not be used"));
}

TEST(HtmlReportEmptyRunTest, SaysThereAreNoResults) {
  RunResults run;
  const XmlParse parsed = parse_xml(render_html_report(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.find_by_id("count-total")->all_text(), "0");
  EXPECT_THAT(parsed.root.find_by_id("verdict")->all_text(), HasSubstr("NO RESULTS"));
}

TEST(HtmlReportAllPassedTest, VerdictIsPassed) {
  RunResults run = test::sample_run();
  run.cases.erase(run.cases.begin() + 1);
  const XmlParse parsed = parse_xml(render_html_report(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.find_by_id("verdict")->all_text(), "PASSED: 1 case passed, 1 skipped");
  EXPECT_THAT(parsed.root.find_by_id("failures")->all_text(), HasSubstr("No case failed."));
}

TEST(HtmlReportAllSkippedTest, VerdictDoesNotSayPassed) {
  const XmlParse parsed =
      parse_xml(render_html_report(test::run_with_counts(0, 0, 2), test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.find_by_id("verdict")->all_text(), "NOTHING RAN: all 2 cases skipped");
}

TEST(HtmlReportFindingTest, APassOnAKnownFindingIsBadgedAndCounted) {
  RunResults run = test::sample_run();
  run.cases[0].properties = {{"known_finding[duplicate-attach]", "not refused"}};
  const XmlParse parsed = parse_xml(render_html_report(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(parsed.root.find_by_id("count-finding")->all_text(), "1");
  EXPECT_EQ(parsed.root.find_by_id("count-passed")->all_text(), "1");  // still a pass
  EXPECT_THAT(parsed.root.find_by_id("findings")->all_text(), HasSubstr("not refused"));
  int badges = 0;
  for (const XmlElement* span : parsed.root.descendants("span"))
    if (const std::string* c = span->attribute("class"); c && *c == "badge finding") ++badges;
  EXPECT_EQ(badges, 1);

  run.cases[0].properties.clear();
  const XmlParse plain = parse_xml(render_html_report(run, test::transcripts_from({})));
  EXPECT_EQ(plain.root.find_by_id("count-finding")->all_text(), "0");
}

}  // namespace
}  // namespace mpdts::report

namespace mpdts::report {
namespace {
using ::testing::HasSubstr;

TEST(HtmlReportFailedChecksTest, AFailureNamesItsFailedCheckIds) {
  RunResults run = test::sample_run();
  CaseRecord* failed = nullptr;
  for (auto& c : run.cases)
    if (c.status == CaseStatus::kFailed) failed = &c;
  ASSERT_NE(failed, nullptr);
  failed->failed_checks = {"hotplug.list-exact", "case.quit-exit-code"};
  const XmlParse parsed = parse_xml(render_html_report(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  const auto text = parsed.root.find_by_id("failures")->all_text();
  EXPECT_THAT(text, HasSubstr("Failed checks:"));
  EXPECT_THAT(text, HasSubstr("hotplug.list-exact"));
  EXPECT_THAT(text, HasSubstr("case.quit-exit-code"));
}

}  // namespace
}  // namespace mpdts::report
