#include "mpdts/report/results_layout.hpp"

#include <cstdint>
#include <cstdio>

namespace mpdts::report {
namespace {

// Long enough for any sensible gtest name, short enough that "<stem>.json.<pid>.tmp"
// stays well under the usual 255-byte file name limit.
constexpr std::size_t kMaxStemLength = 180;

bool is_portable(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '.' || c == '_' || c == '-';
}

// FNV-1a: stable across runs and platforms, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace

std::string sanitize_file_name(std::string_view full_name) {
  std::string stem;
  stem.reserve(full_name.size());
  for (char c : full_name) stem += is_portable(c) ? c : '_';
  if (stem.empty()) stem = "_";
  if (stem.front() == '.') stem.front() = '_';
  if (stem.size() > kMaxStemLength) {
    constexpr std::size_t kSuffixLength = 17;  // '-' and 16 hex digits
    char suffix[kSuffixLength + 1];
    std::snprintf(suffix, sizeof suffix, "-%016llx",
                  static_cast<unsigned long long>(fnv1a(full_name)));
    stem.resize(kMaxStemLength - kSuffixLength);
    stem += suffix;
  }
  return stem;
}

std::filesystem::path case_record_path(const std::filesystem::path& results_dir,
                                       std::string_view full_name) {
  return results_dir / kCasesDir / (sanitize_file_name(full_name) + ".json");
}

std::string transcript_relative_path(std::string_view full_name) {
  return std::string(kTranscriptsDir) + "/" + sanitize_file_name(full_name) + ".log";
}

}  // namespace mpdts::report
