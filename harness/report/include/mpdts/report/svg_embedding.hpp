// Whether an SVG file may go inline into the HTML report, which promises no script and nothing
// fetched, and is also well-formed XML. A plot needs shapes, text and local references only, so
// anything else is refused rather than cleaned: the report then says why instead of the plot.
#pragma once

#include <string>
#include <string_view>

namespace mpdts::report {

struct SvgForPage {
  std::string svg;      // the <svg> element, without what came before it, comments and
                        // processing instructions; empty when refused
  std::string refused;  // why it is not embedded, e.g. "it contains a <script> element"
};

// Refuses a file that is not well-formed XML, whose root is not <svg>, that holds an element
// other than the drawing ones (<script> and <foreignObject> among them), an on... event
// attribute, an href or url() to anything but a #fragment of itself, CSS (style elements and
// attributes can fetch files), or a backslash in an attribute (CSS escapes could hide a url()).
SvgForPage svg_for_page(std::string_view file_text);

}  // namespace mpdts::report
