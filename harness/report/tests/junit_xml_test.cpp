#include "mpdts/report/junit_xml.hpp"

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

class JunitXmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    xml_ = render_junit_xml(
        test::sample_run(),
        test::transcripts_from({{kFailedTranscript,
                                 "EAL: \x1b[31mport 0 gone\x1b[0m\n<script>]]></script>\n"}}));
    parsed_ = parse_xml(xml_);
    ASSERT_TRUE(parsed_.well_formed) << parsed_.error << "\n" << xml_;
  }

  const XmlElement& testcase(std::string_view name) const {
    for (const XmlElement* element : parsed_.root.descendants("testcase")) {
      if (*element->attribute("name") == name) return *element;
    }
    throw std::runtime_error("no testcase " + std::string(name));
  }

  std::string xml_;
  XmlParse parsed_;
};

TEST_F(JunitXmlTest, StartsWithAnUtf8Declaration) {
  EXPECT_THAT(xml_, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
}

TEST_F(JunitXmlTest, RootCountsEveryCase) {
  const XmlElement& root = parsed_.root;
  EXPECT_EQ(root.name, "testsuites");
  EXPECT_EQ(*root.attribute("name"), "mpdts");
  EXPECT_EQ(*root.attribute("tests"), "3");
  EXPECT_EQ(*root.attribute("failures"), "1");
  EXPECT_EQ(*root.attribute("errors"), "0");
  EXPECT_EQ(*root.attribute("skipped"), "1");
  EXPECT_EQ(*root.attribute("time"), "4.760");
}

TEST_F(JunitXmlTest, OneTestsuitePerGtestSuiteWithItsOwnCounts) {
  const auto suites = parsed_.root.descendants("testsuite");
  ASSERT_EQ(suites.size(), 2u);
  const XmlElement& hotplug = *suites[0];
  EXPECT_EQ(*hotplug.attribute("name"), "HotplugMp/Plan");
  EXPECT_EQ(*hotplug.attribute("tests"), "2");
  EXPECT_EQ(*hotplug.attribute("failures"), "1");
  EXPECT_EQ(*hotplug.attribute("skipped"), "0");
  EXPECT_EQ(*hotplug.attribute("errors"), "0");
  EXPECT_EQ(*hotplug.attribute("time"), "4.750");
  EXPECT_EQ(*hotplug.attribute("timestamp"), "2026-11-21T13:00:00");
  EXPECT_EQ(*hotplug.attribute("hostname"), "ci-runner-7");
  EXPECT_EQ(hotplug.descendants("testcase").size(), 2u);
  EXPECT_EQ(*suites[1]->attribute("name"), "SymmetricMp/Plan");
  EXPECT_EQ(*suites[1]->attribute("skipped"), "1");
}

TEST_F(JunitXmlTest, SuitesCarryTheEnvironmentAsProperties) {
  const XmlElement& suite = *parsed_.root.descendants("testsuite").front();
  std::map<std::string, std::string> properties;
  for (const XmlElement* property : suite.descendants("property")) {
    properties[*property->attribute("name")] = *property->attribute("value");
  }
  EXPECT_EQ(properties["dpdk_version"], "DPDK 22.11.11");
  EXPECT_EQ(properties["kernel"], "6.1.0-27-amd64");
  EXPECT_EQ(properties["topology"], "topologies/two-vms.yaml");
  EXPECT_EQ(properties.count("topology_text"), 0u);  // too big for an attribute
  // Properties come before the test cases, as the Ant schema orders them.
  EXPECT_EQ(suite.children.front().name, "properties");
}

TEST_F(JunitXmlTest, PassedCaseHasNoVerdictElement) {
  const XmlElement& passed = testcase("Case/AttachVirtual_FromPrimary");
  EXPECT_EQ(*passed.attribute("classname"), "HotplugMp/Plan");
  EXPECT_EQ(*passed.attribute("time"), "1.500");
  EXPECT_TRUE(passed.descendants("failure").empty());
  EXPECT_TRUE(passed.descendants("skipped").empty());
}

TEST_F(JunitXmlTest, FailedCaseHasOneFailureWithFirstLineAsMessageAndAllFailuresAsText) {
  const auto failures = testcase("Case/RepeatVirtual_FromSecondary").descendants("failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(*failures[0]->attribute("message"), "Expected equality of these values:");
  EXPECT_EQ(*failures[0]->attribute("type"), "assertion");
  EXPECT_THAT(failures[0]->text, HasSubstr("hotplug_mp_test.cpp:42\nExpected equality"));
  EXPECT_THAT(failures[0]->text, HasSubstr("    Which is: 1\n"));
  EXPECT_THAT(failures[0]->text,
              HasSubstr("hotplug_mp_test.cpp:57\ndetach left \"net_tap0\" <still> attached & running"));
}

TEST_F(JunitXmlTest, SkippedCaseSaysWhy) {
  const auto skipped = testcase("Case/TwoQueues").descendants("skipped");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(*skipped[0]->attribute("message"), "topology has only one NIC");
}

TEST_F(JunitXmlTest, SystemOutHoldsTheTranscriptWithControlsMadeVisible) {
  const auto out = testcase("Case/RepeatVirtual_FromSecondary").descendants("system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->text, "EAL: \\x1b[31mport 0 gone\\x1b[0m\n<script>]]></script>\n");
  EXPECT_THAT(xml_, Not(HasSubstr("CDATA")));
}

TEST_F(JunitXmlTest, SystemOutSaysWhenTheTranscriptIsMissing) {
  const auto out = testcase("Case/AttachVirtual_FromPrimary").descendants("system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_THAT(out[0]->text, HasSubstr("transcript missing"));
}

TEST(JunitXmlCountsTest, EachCountIsItsOwn) {
  const XmlParse parsed =
      parse_xml(render_junit_xml(test::run_with_counts(3, 2, 1), test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(*parsed.root.attribute("tests"), "6");
  EXPECT_EQ(*parsed.root.attribute("failures"), "2");
  EXPECT_EQ(*parsed.root.attribute("skipped"), "1");
  const XmlElement& hotplug = *parsed.root.descendants("testsuite").front();
  EXPECT_EQ(*hotplug.attribute("tests"), "5");
  EXPECT_EQ(*hotplug.attribute("failures"), "2");
  EXPECT_EQ(*hotplug.attribute("skipped"), "0");
  EXPECT_EQ(parsed.root.descendants("failure").size(), 2u);
  EXPECT_EQ(parsed.root.descendants("skipped").size(), 1u);
}

TEST(JunitXmlEmptyRunTest, IsStillAValidDocumentWithZeroCounts) {
  RunResults run;
  const XmlParse parsed = parse_xml(render_junit_xml(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(*parsed.root.attribute("tests"), "0");
  EXPECT_TRUE(parsed.root.children.empty());
}

TEST(JunitXmlMultiLineFailureTest, MessageAttributeIsTheFirstLineOnly) {
  RunResults run = test::sample_run();
  run.cases[1].failures = {{"f.cpp", 1, "\nfirst line\nsecond line"}};
  const XmlParse parsed = parse_xml(render_junit_xml(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(*parsed.root.descendants("failure").front()->attribute("message"), "first line");
}

TEST(JunitXmlMultiLineFailureTest, MessageAttributeSkipsGtestsBareFailedLine) {
  RunResults run = test::sample_run();
  run.cases[1].failures = {{"f.cpp", 1, "Failed\nsecondary exited with status 3"}};
  const XmlParse parsed = parse_xml(render_junit_xml(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  EXPECT_EQ(*parsed.root.descendants("failure").front()->attribute("message"),
            "secondary exited with status 3");
}

// A case that passed because a recorded DPDK finding occurred carries it as a test case property;
// other properties of a record stay out of the JUnit.
TEST(JunitXmlFindingTest, AKnownFindingIsATestCaseProperty) {
  RunResults run = test::sample_run();
  run.cases[0].properties = {{"known_finding[duplicate-attach]", "not refused\nObserved: attached"},
                             {"device", "net_null0"}};
  const XmlParse parsed = parse_xml(render_junit_xml(run, test::transcripts_from({})));
  ASSERT_TRUE(parsed.well_formed) << parsed.error;
  const auto testcases = parsed.root.descendants("testcase");
  const auto properties = testcases.front()->descendants("property");
  ASSERT_EQ(properties.size(), 1u);
  EXPECT_EQ(*properties.front()->attribute("name"), "known_finding[duplicate-attach]");
  EXPECT_EQ(*properties.front()->attribute("value"), "not refused\nObserved: attached");
  EXPECT_TRUE(testcases.front()->descendants("failure").empty());
  EXPECT_TRUE(testcases[1]->descendants("properties").empty());
}

}  // namespace
}  // namespace mpdts::report
