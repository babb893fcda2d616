#include "mpdts/report/results_layout.hpp"

#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

TEST(SanitizeFileNameTest, ReplacesSlashesAndOtherUnportableCharacters) {
  EXPECT_EQ(sanitize_file_name("HotplugMp/Plan.Case/RepeatVirtual_FromPrimary"),
            "HotplugMp_Plan.Case_RepeatVirtual_FromPrimary");
  EXPECT_EQ(sanitize_file_name("a b:c*d\\e<f>|g\"h?"), "a_b_c_d_e_f__g_h_");
  EXPECT_EQ(sanitize_file_name("caf\xc3\xa9"), "caf__");
}

TEST(SanitizeFileNameTest, NeverMakesHiddenOrEmptyNamesOrPathTraversal) {
  EXPECT_EQ(sanitize_file_name(".hidden"), "_hidden");
  EXPECT_EQ(sanitize_file_name(""), "_");
  EXPECT_EQ(sanitize_file_name("../../etc/passwd"), "_._.._etc_passwd");
}

TEST(SanitizeFileNameTest, CutsLongNamesButKeepsThemDistinct) {
  const std::string a = std::string(300, 'x') + "A";
  const std::string b = std::string(300, 'x') + "B";
  EXPECT_LE(sanitize_file_name(a).size(), 180u);
  EXPECT_NE(sanitize_file_name(a), sanitize_file_name(b));
  EXPECT_EQ(sanitize_file_name(a), sanitize_file_name(a));  // stable
}

TEST(ResultsLayoutTest, PathsFollowTheLayout) {
  EXPECT_EQ(case_record_path("/r", "S/P.T/C"), std::filesystem::path("/r/cases/S_P.T_C.json"));
  EXPECT_EQ(transcript_relative_path("S/P.T/C"), "transcripts/S_P.T_C.log");
}

}  // namespace
}  // namespace mpdts::report
