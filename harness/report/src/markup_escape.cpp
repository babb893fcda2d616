#include "mpdts/report/markup_escape.hpp"

#include <cstdint>
#include <cstdio>

namespace mpdts::report {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

// One step through UTF-8 input: either a well-formed character or an ill-formed
// subpart to replace with a single U+FFFD.
struct Decoded {
  bool valid = false;
  char32_t code_point = 0;
  std::size_t length = 1;  // bytes consumed, at least 1
};

bool in_range(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

// Follows the Unicode "well-formed UTF-8 byte sequences" table (Unicode 15, table
// 3-7), which rules out overlongs and surrogates by narrowing the second byte's range.
Decoded decode_one(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead < 0x80) return {true, lead, 1};

  std::size_t length = 0;
  unsigned char second_low = 0x80, second_high = 0xBF;
  char32_t code_point = 0;
  if (in_range(lead, 0xC2, 0xDF)) {
    length = 2;
    code_point = lead & 0x1F;
  } else if (in_range(lead, 0xE0, 0xEF)) {
    length = 3;
    code_point = lead & 0x0F;
    if (lead == 0xE0) second_low = 0xA0;   // no overlongs
    if (lead == 0xED) second_high = 0x9F;  // no surrogates
  } else if (in_range(lead, 0xF0, 0xF4)) {
    length = 4;
    code_point = lead & 0x07;
    if (lead == 0xF0) second_low = 0x90;   // no overlongs
    if (lead == 0xF4) second_high = 0x8F;  // nothing above U+10FFFF
  } else {
    return {false, 0, 1};  // a continuation byte or C0, C1, F5..FF: never a lead
  }

  std::size_t consumed = 1;
  for (; consumed < length; ++consumed) {
    if (at + consumed >= text.size()) return {false, 0, consumed};
    const auto byte = static_cast<unsigned char>(text[at + consumed]);
    const bool fits = consumed == 1 ? in_range(byte, second_low, second_high)
                                    : in_range(byte, 0x80, 0xBF);
    if (!fits) return {false, 0, consumed};
    code_point = (code_point << 6) | (byte & 0x3F);
  }
  return {true, code_point, length};
}

// Characters XML 1.0 forbids, or allows but that would be invisible or confusing in
// a report (DEL, C1 controls); rendered as escape-sequence text instead.
bool must_show_as_escape(char32_t c) {
  if (c == '\t' || c == '\n' || c == '\r') return false;
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0xFFFE || c == 0xFFFF;
}

void append_visible_escape(std::string& out, char32_t c) {
  char buffer[16];
  if (c <= 0x7F) {
    std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(c));
  } else {
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
  }
  out += buffer;
}

enum class Quoting { kNone, kMarkup, kXmlAttribute };

std::string convert(std::string_view raw, Quoting quoting) {
  std::string out;
  out.reserve(raw.size() + raw.size() / 8);
  for (std::size_t at = 0; at < raw.size();) {
    const Decoded decoded = decode_one(raw, at);
    if (!decoded.valid) {
      out += kReplacementCharacter;
    } else if (must_show_as_escape(decoded.code_point)) {
      append_visible_escape(out, decoded.code_point);
    } else if (quoting != Quoting::kNone && decoded.length == 1) {
      switch (raw[at]) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;  // also keeps "]]>" out of the output
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;  // &apos; is not HTML 4; &#39; is everywhere
        case '\t': out += quoting == Quoting::kXmlAttribute ? "&#9;" : "\t"; break;
        case '\n': out += quoting == Quoting::kXmlAttribute ? "&#10;" : "\n"; break;
        case '\r': out += quoting == Quoting::kXmlAttribute ? "&#13;" : "\r"; break;
        default: out += raw[at];
      }
    } else {
      out.append(raw.substr(at, decoded.length));
    }
    at += decoded.length;
  }
  return out;
}

}  // namespace

std::string printable_text(std::string_view raw) { return convert(raw, Quoting::kNone); }
std::string escape_markup(std::string_view raw) { return convert(raw, Quoting::kMarkup); }
std::string escape_xml_attribute(std::string_view raw) {
  return convert(raw, Quoting::kXmlAttribute);
}

}  // namespace mpdts::report
