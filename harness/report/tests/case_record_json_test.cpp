#include "mpdts/report/case_record.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

CaseRecord failed_record() {
  CaseRecord record;
  record.suite = "HotplugMp/Plan";
  record.name = "Case/RepeatVirtual_FromPrimary";
  record.full_name = "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary";
  record.plan = "hotplug_mp";
  record.plan_case = "Repeat to attach/detach virtual device from primary or secondary";
  record.labels = {"hotplug", "virtual"};
  record.status = CaseStatus::kFailed;
  record.failures = {{"hotplug.cpp", 12, "port count 1, expected 2"}};
  record.failed_checks = {"hotplug.list-exact", "case.quit-exit-code"};
  record.started = "2026-11-21T13:00:00.123Z";
  record.duration_s = 1.234;
  record.transcript_file = "transcripts/x.log";
  record.properties = {{"device", "net_tap0"}};
  return record;
}

TEST(CaseRecordJsonTest, WritesTheDocumentedShape) {
  const nlohmann::json json = to_json(failed_record());
  EXPECT_EQ(json["full_name"], "HotplugMp/Plan.Case/RepeatVirtual_FromPrimary");
  EXPECT_EQ(json["status"], "failed");
  EXPECT_EQ(json["labels"], nlohmann::json({"hotplug", "virtual"}));
  EXPECT_EQ(json["failures"][0]["file"], "hotplug.cpp");
  EXPECT_EQ(json["failures"][0]["line"], 12);
  EXPECT_EQ(json["failures"][0]["message"], "port count 1, expected 2");
  EXPECT_EQ(json["failed_checks"], nlohmann::json({"hotplug.list-exact", "case.quit-exit-code"}));
  EXPECT_EQ(json["skip_reason"], "");
  EXPECT_DOUBLE_EQ(json["duration_s"].get<double>(), 1.234);
  EXPECT_EQ(json["properties"]["device"], "net_tap0");
}

TEST(CaseRecordJsonTest, ReadsBackWhatItWrote) {
  const CaseRecord record = failed_record();
  EXPECT_EQ(case_record_from_json(to_json(record)), record);
}

TEST(CaseRecordJsonTest, FillsSuiteAndNameFromFullName) {
  const CaseRecord record = case_record_from_json(
      {{"full_name", "HotplugMp/Plan.Case/X"}, {"status", "skipped"}});
  EXPECT_EQ(record.suite, "HotplugMp/Plan");
  EXPECT_EQ(record.name, "Case/X");
  EXPECT_EQ(record.status, CaseStatus::kSkipped);
}

TEST(CaseRecordJsonTest, KeepsNonStringPropertiesAsJsonText) {
  const CaseRecord record = case_record_from_json(
      {{"full_name", "S.T"}, {"status", "passed"}, {"properties", {{"ports", 2}}}});
  EXPECT_EQ(record.properties.at("ports"), "2");
}

TEST(CaseRecordJsonTest, RejectsWhatIsNotARecord) {
  EXPECT_THAT([] { case_record_from_json(nlohmann::json::array()); },
              ThrowsMessage<std::invalid_argument>(HasSubstr("not a JSON object")));
  EXPECT_THAT([] { case_record_from_json({{"status", "passed"}}); },
              ThrowsMessage<std::invalid_argument>(HasSubstr("full_name")));
  EXPECT_THAT([] { case_record_from_json({{"full_name", "S.T"}, {"status", "ok"}}); },
              ThrowsMessage<std::invalid_argument>(HasSubstr("\"ok\"")));
  EXPECT_THAT(
      [] { case_record_from_json({{"full_name", "S.T"}, {"status", "passed"}, {"labels", "a,b"}}); },
      ThrowsMessage<std::invalid_argument>(HasSubstr("labels")));
}

}  // namespace
}  // namespace mpdts::report
