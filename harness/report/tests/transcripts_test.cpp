#include "mpdts/report/transcripts.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::StartsWith;

CaseRecord with_transcript(std::string file) {
  CaseRecord record;
  record.full_name = "S.T";
  record.transcript_file = std::move(file);
  return record;
}

TEST(TranscriptsInTest, ReadsTheFileTheRecordNames) {
  test::ScratchDir dir;
  dir.write("transcripts/S.T.log", "EAL: probing\n");
  const Transcript transcript = transcripts_in(dir.path())(with_transcript("transcripts/S.T.log"));
  EXPECT_TRUE(transcript.available);
  EXPECT_EQ(transcript.text, "EAL: probing\n");
}

TEST(TranscriptsInTest, SaysWhenTheFileIsMissing) {
  test::ScratchDir dir;
  const Transcript transcript = transcripts_in(dir.path())(with_transcript("transcripts/gone.log"));
  EXPECT_FALSE(transcript.available);
  EXPECT_THAT(transcript.text, HasSubstr("transcript missing"));
  EXPECT_THAT(transcript.text, HasSubstr("gone.log"));
}

TEST(TranscriptsInTest, SaysWhenTheCaseRecordedNone) {
  test::ScratchDir dir;
  const Transcript transcript = transcripts_in(dir.path())(with_transcript(""));
  EXPECT_FALSE(transcript.available);
  EXPECT_THAT(transcript.text, HasSubstr("no transcript"));
}

TEST(ShortenTranscriptTest, KeepsShortTextWhole) {
  EXPECT_EQ(shorten_transcript("abc", 3, "f.log"), "abc");
}

TEST(ShortenTranscriptTest, KeepsHeadAndTailAndSaysWhatWasLeftOut) {
  const std::string text = std::string(100, 'h') + std::string(800, 'm') + std::string(200, 't');
  const std::string shortened = shorten_transcript(text, 300, "/r/transcripts/S.T.log");
  EXPECT_THAT(shortened, StartsWith(std::string(100, 'h')));
  EXPECT_THAT(shortened, EndsWith(std::string(200, 't')));
  EXPECT_THAT(shortened, HasSubstr("800 bytes left out"));
  EXPECT_THAT(shortened, HasSubstr("/r/transcripts/S.T.log"));
}

TEST(ShortenTranscriptTest, DoesNotCutAMultiByteCharacter) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "\xe2\x82\xac";  // "€", 3 bytes each
  const std::string shortened = shorten_transcript(text, 100, "f");
  // Cut points fall before a lead byte: head and tail are whole euros.
  const auto head = shortened.substr(0, shortened.find('\n'));
  EXPECT_EQ(head.size() % 3, 0u);
  const auto tail = shortened.substr(shortened.rfind('\n') + 1);
  EXPECT_EQ(tail.size() % 3, 0u);
  EXPECT_FALSE(tail.empty());
}

}  // namespace
}  // namespace mpdts::report
