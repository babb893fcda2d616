// The layout of a results directory, shared by whoever writes into it (the recorder,
// the harness writing transcripts, the run launcher writing environment.json) and by
// the report generator reading it back.
//
//   <results>/environment.json              what the run ran on (one JSON object)
//   <results>/cases/<sanitized>.json         one record per executed test case
//   <results>/transcripts/<sanitized>.log    what the case's processes printed
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mpdts::report {

inline constexpr std::string_view kEnvironmentFile = "environment.json";
inline constexpr std::string_view kCasesDir = "cases";
inline constexpr std::string_view kTranscriptsDir = "transcripts";

// Turns a full gtest name ("HotplugMp/Plan.Case/RepeatVirtual_FromPrimary") into a
// portable file name stem: every byte outside [A-Za-z0-9._-] becomes '_', a leading
// '.' becomes '_' (no hidden files), and over-long names are cut and suffixed with a
// hash of the whole name so that two long names stay distinct.
std::string sanitize_file_name(std::string_view full_name);

// <results>/cases/<sanitized>.json
std::filesystem::path case_record_path(const std::filesystem::path& results_dir,
                                       std::string_view full_name);

// "transcripts/<sanitized>.log": relative to the results directory, which is how a
// case refers to its transcript (property "transcript_file").
std::string transcript_relative_path(std::string_view full_name);

}  // namespace mpdts::report
