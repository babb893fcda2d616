// Access to the per-case transcripts a results directory holds, for the report writers.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "mpdts/report/case_record.hpp"

namespace mpdts::report {

struct Transcript {
  bool available = false;
  // The transcript (raw bytes, not yet escaped) if available, otherwise one line
  // saying why not, e.g. that the file is missing.
  std::string text;
};

using TranscriptSource = std::function<Transcript(const CaseRecord&)>;

// Transcripts longer than this are shown as their head and tail with a note of what
// was left out and where the full file is: a report with dozens of failed cases must
// still open in a browser.
inline constexpr std::size_t kDefaultTranscriptLimit = 256 * 1024;

// Reads <results_dir>/<record.transcript_file>.
TranscriptSource transcripts_in(std::filesystem::path results_dir,
                                std::size_t limit_bytes = kDefaultTranscriptLimit);

// Keeps the first third and the last two thirds of `limit_bytes` (the end of a
// transcript is where a failure shows), cut at UTF-8 character boundaries, joined by
// a line saying how many bytes were left out and that `full_path` has them all.
std::string shorten_transcript(const std::string& text, std::size_t limit_bytes,
                               const std::string& full_path);

}  // namespace mpdts::report
