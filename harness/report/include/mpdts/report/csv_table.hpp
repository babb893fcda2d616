// Reading back the CSV files mpdts-bench writes (RFC 4180: quoted fields may hold commas,
// doubled quotes and line breaks; lines end in \r\n or \n), to show them as tables.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mpdts::report {

using CsvRows = std::vector<std::vector<std::string>>;

// Rows of fields, as written. Lenient, since it only feeds a table for people: a quote that is
// never closed runs to the end of the text, and rows may differ in length.
CsvRows parse_csv(std::string_view text);

}  // namespace mpdts::report
