#include "mpdts/report/csv_table.hpp"

#include <gtest/gtest.h>

namespace mpdts::report {
namespace {

TEST(CsvTableTest, ReadsRowsAsTheBenchWritesThem) {
  EXPECT_EQ(parse_csv("a,b,c\r\n1,,3\r\n"), (CsvRows{{"a", "b", "c"}, {"1", "", "3"}}));
}

TEST(CsvTableTest, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  EXPECT_EQ(parse_csv("name,note\r\n\"a,b\",\"say \"\"hi\"\"\r\nagain\"\r\n"),
            (CsvRows{{"name", "note"}, {"a,b", "say \"hi\"\r\nagain"}}));
}

TEST(CsvTableTest, PlainLineEndsAndNoFinalLineBreak) {
  EXPECT_EQ(parse_csv("a\nb,c"), (CsvRows{{"a"}, {"b", "c"}}));
  EXPECT_EQ(parse_csv(""), CsvRows{});
  EXPECT_EQ(parse_csv("\r\n"), (CsvRows{{""}}));
}

TEST(CsvTableTest, AnUnclosedQuoteRunsToTheEnd) {
  EXPECT_EQ(parse_csv("a,\"b\r\nc"), (CsvRows{{"a", "b\r\nc"}}));
}

}  // namespace
}  // namespace mpdts::report
