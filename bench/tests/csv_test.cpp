#include "output/csv.hpp"

#include <gtest/gtest.h>

namespace mpdts::bench {
namespace {

TEST(Csv, PlainFieldsAreLeftAlone) { EXPECT_EQ(csv_line({"a", "1.5", ""}), "a,1.5,\r\n"); }

TEST(Csv, CommasQuotesAndLineBreaksAreQuoted) {
  EXPECT_EQ(csv_field("net_null0,size=64"), "\"net_null0,size=64\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(Csv, NumbersAreFixedPoint) {
  EXPECT_EQ(csv_number(1.23456), "1.235");
  EXPECT_EQ(csv_number(2, 1), "2.0");
}

}  // namespace
}  // namespace mpdts::bench
