// Escaping for XML 1.0 and HTML: the reports embed transcripts, and transcripts hold
// whatever DPDK processes printed (ANSI colours, NULs, stray binary). The output must
// stay well-formed and show those bytes instead of dropping or smuggling them.
// CDATA is never used: "]]>" inside a transcript would end it.
#pragma once

#include <string>
#include <string_view>

namespace mpdts::report {

// Makes text safe to carry in XML 1.0 while keeping it readable:
//  - invalid UTF-8 (bad or truncated sequences, overlongs, surrogates) -> U+FFFD,
//    one per maximal ill-formed subpart;
//  - C0 controls other than TAB/LF/CR, and DEL, -> visible "\x1b" style text;
//  - C1 controls (U+0080..U+009F) and U+FFFE/U+FFFF -> visible "\u0085" style text;
//  - everything else, including multi-byte UTF-8, is kept as is.
std::string printable_text(std::string_view raw);

// printable_text() plus & < > " ' as entities; good for element content and for
// attribute values in both XML and HTML.
std::string escape_markup(std::string_view raw);

// escape_markup() plus TAB/LF/CR as character references, because XML parsers turn
// literal ones in attribute values into spaces. XML only: HTML calls "&#13;" an error.
std::string escape_xml_attribute(std::string_view raw);

}  // namespace mpdts::report
