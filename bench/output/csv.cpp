#include "output/csv.hpp"

#include <fmt/format.h>

namespace mpdts::bench {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv_field(fields[i]);
  return out + "\r\n";
}

std::string csv_number(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

}  // namespace mpdts::bench
