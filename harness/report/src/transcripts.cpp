#include "mpdts/report/transcripts.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

namespace mpdts::report {
namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string shorten_transcript(const std::string& text, std::size_t limit_bytes,
                               const std::string& full_path) {
  if (text.size() <= limit_bytes) return text;
  std::size_t head_end = limit_bytes / 3;
  while (head_end > 0 && is_utf8_continuation(text[head_end])) --head_end;
  std::size_t tail_start = text.size() - (limit_bytes - limit_bytes / 3);
  while (tail_start < text.size() && is_utf8_continuation(text[tail_start])) ++tail_start;

  std::string shortened = text.substr(0, head_end);
  if (!shortened.empty() && shortened.back() != '\n') shortened += '\n';
  shortened += "\n[... " + std::to_string(tail_start - head_end) +
               " bytes left out here; the whole transcript is " + full_path + " ...]\n\n";
  shortened += text.substr(tail_start);
  return shortened;
}

TranscriptSource transcripts_in(std::filesystem::path results_dir, std::size_t limit_bytes) {
  return [results_dir = std::move(results_dir), limit_bytes](const CaseRecord& record) {
    if (record.transcript_file.empty()) {
      return Transcript{false, "(this case recorded no transcript file)"};
    }
    const std::filesystem::path path = results_dir / record.transcript_file;
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
      return Transcript{false, "(transcript missing: " + path.string() + " does not exist)"};
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return Transcript{false, "(transcript unreadable: " + path.string() + ")"};
    return Transcript{true, shorten_transcript(content.str(), limit_bytes, path.string())};
  };
}

}  // namespace mpdts::report
