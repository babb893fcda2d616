#include <gtest/gtest.h>

#include "process/terminal_text.hpp"

namespace mpdts {
namespace {

TEST(TerminalText, DropsCarriageReturnsAndControlSequences) {
  TerminalText t;
  EXPECT_EQ(t.feed("\x1b[2Kexample> list\r\n\x1b[1;32mok\x1b[0m\r\n"), "example> list\nok\n");
}

TEST(TerminalText, KeepsAnEscapeSequenceCutBetweenChunks) {
  TerminalText t;
  EXPECT_EQ(t.feed("before\x1b[1;3"), "before");
  EXPECT_EQ(t.feed("2mafter"), "after");
}

TEST(TerminalText, PassesPlainTextThrough) {
  TerminalText t;
  EXPECT_EQ(t.feed("0\tnet_af_packet\n"), "0\tnet_af_packet\n");
}

}  // namespace
}  // namespace mpdts
