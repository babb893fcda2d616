// CSV as RFC 4180 says: fields with a comma, quote or line break are quoted, quotes doubled; lines end
// in \r\n so spreadsheet tools and Python's csv module read the files as they are.
#pragma once

#include <string>
#include <vector>

namespace mpdts::bench {

std::string csv_field(const std::string& text);
std::string csv_line(const std::vector<std::string>& fields);
// A number for a CSV cell: fixed, `decimals` digits after the point.
std::string csv_number(double value, int decimals = 3);

}  // namespace mpdts::bench
