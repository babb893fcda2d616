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

#include "process/transcript.hpp"

namespace mpdts {
namespace {

TEST(Transcript, JoinsALineWrittenInPieces) {
  Transcript t;
  for (char c : std::string("testpmd> ")) t.output("testpmd", std::string(1, c));
  t.sent("testpmd", "quit");
  const auto text = t.text();
  EXPECT_NE(text.find("testpmd    | testpmd> \n"), std::string::npos) << text;
  EXPECT_NE(text.find("testpmd    > quit\n"), std::string::npos) << text;
}

TEST(Transcript, KeepsOtherProcessesLinesApart) {
  Transcript t;
  t.output("primary", "example> ");
  t.output("secondary", "EAL: x\n");
  t.output("primary", "list\n");
  const auto text = t.text();
  EXPECT_NE(text.find("primary    | example> \n"), std::string::npos) << text;
  EXPECT_NE(text.find("primary    | list\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace mpdts
