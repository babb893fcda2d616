#include "case_selection.hpp"

#include <gtest/gtest.h>

namespace mpdts::cli {
namespace {

std::vector<CaseInfo> sample() {
  return parse_case_list(nlohmann::json::parse(R"([
    {"name": "HotplugMp/Plan.Case/AttachPhysical_FromPrimary", "plan": "hotplug_mp", "plan_case": "a",
     "labels": ["hotplug", "physical"], "runnable": false, "reason": "no PCI device"},
    {"name": "HotplugMp/Plan.Case/AttachVirtual_FromPrimary", "plan": "hotplug_mp", "plan_case": "b",
     "labels": ["hotplug", "virtual"], "runnable": true, "reason": ""},
    {"name": "Testpmd/PortHotplug.Case/Attach_FromPrimary_Physical", "plan": "testpmd", "plan_case": "c",
     "labels": ["testpmd", "physical"], "runnable": false, "reason": "no PCI device"},
    {"name": "SymmetricMp/Forwarding.Case/TwoProcesses", "labels": ["symmetric"], "runnable": true}
  ])"));
}

std::vector<std::string> names(const std::vector<CaseInfo>& cases) {
  std::vector<std::string> out;
  for (const auto& c : cases) out.push_back(c.name);
  return out;
}

TEST(CaseSelection, ParsesTheCatalogue) {
  const auto all = sample();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_FALSE(all[0].runnable);
  EXPECT_EQ(all[0].reason, "no PCI device");
  EXPECT_EQ(all[3].plan, "");
  EXPECT_THROW(parse_case_list(nlohmann::json::parse(R"({"name": "x"})")), std::invalid_argument);
  EXPECT_THROW(parse_case_list(nlohmann::json::parse(R"([{"runnable": true}])")), std::invalid_argument);
}

TEST(CaseSelection, FiltersLikeGtest) {
  EXPECT_TRUE(matches_filter("A.B", ""));
  EXPECT_TRUE(matches_filter("HotplugMp/Plan.Case/X", "HotplugMp/*"));
  EXPECT_FALSE(matches_filter("Testpmd/P.C/X", "HotplugMp/*"));
  EXPECT_TRUE(matches_filter("Testpmd/P.C/X", "HotplugMp/*:Testpmd/*"));
  EXPECT_FALSE(matches_filter("Testpmd/P.C/X_Physical", "Testpmd/*-*Physical"));
  EXPECT_TRUE(matches_filter("Testpmd/P.C/X_Null", "-*Physical"));
  EXPECT_FALSE(matches_filter("Testpmd/P.C/X_Physical", "-*Physical"));
  EXPECT_TRUE(matches_filter("A.B1", "A.B?"));
  EXPECT_FALSE(matches_filter("A.B12", "A.B?"));
}

TEST(CaseSelection, LabelsMustAllBePresent) {
  const auto all = sample();
  EXPECT_EQ(names(select_cases(all, {"", {"physical"}})),
            (std::vector<std::string>{all[0].name, all[2].name}));
  EXPECT_EQ(names(select_cases(all, {"", {"physical", "hotplug"}})), (std::vector<std::string>{all[0].name}));
  EXPECT_EQ(names(select_cases(all, {"*Virtual*", {"hotplug"}})), (std::vector<std::string>{all[1].name}));
  EXPECT_TRUE(select_cases(all, {"", {"nosuchlabel"}}).empty());
  EXPECT_EQ(select_cases(all, {}).size(), 4u);
}

TEST(CaseSelection, ExactFilterSelectsExactlyTheCases) {
  const auto all = sample();
  const std::vector<CaseInfo> two{all[1], all[3]};
  const auto filter = exact_filter(two);
  EXPECT_EQ(filter, all[1].name + ":" + all[3].name);
  for (const auto& c : all)
    EXPECT_EQ(matches_filter(c.name, filter), c.name == all[1].name || c.name == all[3].name) << c.name;
}

}  // namespace
}  // namespace mpdts::cli
