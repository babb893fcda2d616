#include "mpdts/report/svg_embedding.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "mpdts/report/xml_checker.hpp"

namespace mpdts::report {
namespace {

// What a plot is drawn with, in lower case: a browser's HTML parser lowercases tag names inside
// <svg> before mapping them back to SVG's, so <SCRIPT> there is a script. Anything not listed
// (<script>, <style>, <a>, <image>, <foreignObject>, animation, HTML elements that would end the
// <svg> in an HTML parser) is refused.
constexpr std::array<std::string_view, 24> kDrawingElements = {
    "svg",      "g",        "defs",     "title",    "desc",           "rect",
    "circle",   "ellipse",  "line",     "polyline", "polygon",        "path",
    "text",     "tspan",    "textpath", "clippath", "lineargradient", "radialgradient",
    "stop",     "marker",   "pattern",  "symbol",   "use",            "mask"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "xlink:href" -> "href": a prefix does not make an attribute or element harmless.
std::string_view local_name(std::string_view name) {
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first url(...) in a CSS value that names something other than a #fragment, e.g.
// "url(http://host/x)"; empty if none. Presentation attributes such as fill are CSS values.
std::string external_url(std::string_view value) {
  const std::string text = lower(value);
  for (auto at = text.find("url("); at != std::string::npos; at = text.find("url(", at + 4)) {
    const auto argument = text.find_first_not_of(" \t\r\n'\"", at + 4);
    if (argument == std::string::npos || text[argument] != '#') {
      const auto close = text.find(')', at);
      return std::string(value.substr(at, close == std::string::npos ? std::string::npos : close + 1 - at));
    }
  }
  return {};
}

// Why `element` or something inside it must not be embedded; empty if it may.
std::string refusal(const XmlElement& element) {
  const std::string name = lower(local_name(element.name));
  if (name == "script") return "it contains a <script> element";
  if (name == "foreignobject") return "it contains a <foreignObject> element";
  if (name == "style") return "it contains a <style> element (CSS can fetch files)";
  if (std::find(kDrawingElements.begin(), kDrawingElements.end(), name) == kDrawingElements.end()) {
    return "it contains a <" + element.name + "> element, which is not one a plot is drawn with";
  }
  const std::string on = " on <" + element.name + ">";
  for (const auto& [attribute, value] : element.attributes) {
    const std::string attribute_name = lower(attribute);
    const std::string_view local = local_name(attribute_name);
    if (local.substr(0, 2) == "on") return "it has the event attribute " + attribute + on;
    if (local == "href" && (value.empty() || value.front() != '#')) {
      return "it links to " + attribute + "=\"" + value + "\"" + on + ", not to a #fragment of itself";
    }
    if (attribute_name == "xml:base") return "it has an xml:base attribute" + on;
    if (local == "style") return "it has a style attribute" + on + " (CSS can fetch files)";
    if (value.find('\\') != std::string::npos) {
      return "its " + attribute + " attribute" + on + " holds a backslash (a CSS escape could hide a url())";
    }
    if (const std::string url = external_url(value); !url.empty()) {
      return "it refers to " + url + " in its " + attribute + " attribute" + on + ", not to a #fragment of itself";
    }
  }
  for (const XmlElement& child : element.children) {
    if (std::string why = refusal(child); !why.empty()) return why;
  }
  return {};
}

// From the root element's '<' on, without comments and processing instructions. Both mean
// nothing to the drawing, and an HTML parser ends them differently from XML ("<!-->" is a whole
// comment to HTML, "<?x>" ends at the first '>'), which could turn what XML reads as a comment
// into markup. Only for a well-formed document: there every other '<' starts a tag, because
// attribute values and text cannot hold a literal '<', and the checker refuses CDATA.
std::string root_element_text(std::string_view document) {
  std::string out;
  bool in_root = false;
  for (std::size_t at = 0; at < document.size();) {
    const std::string_view rest = document.substr(at);
    // The same ends the checker finds; it made sure there is one.
    if (rest.starts_with("<!--")) {
      at = document.find("-->", at + 4) + 3;
    } else if (rest.starts_with("<?")) {
      at = document.find("?>", at + 2) + 2;
    } else if (!in_root && rest.starts_with("<!DOCTYPE")) {
      at = document.find('>', at) + 1;
    } else if (!in_root && document[at] != '<') {
      ++at;  // white space between the declarations
    } else {
      in_root = true;
      out += document[at++];
    }
  }
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

}  // namespace

SvgForPage svg_for_page(std::string_view file_text) {
  if (file_text.starts_with("\xEF\xBB\xBF")) file_text.remove_prefix(3);  // a UTF-8 byte order mark
  const XmlParse parsed = parse_xml(file_text);
  if (!parsed.well_formed) return {{}, "it is not well-formed XML (" + parsed.error + ")"};
  if (parsed.root.name != "svg") return {{}, "its root element is <" + parsed.root.name + ">, not <svg>"};
  if (std::string why = refusal(parsed.root); !why.empty()) return {{}, std::move(why)};
  return {root_element_text(file_text), {}};
}

}  // namespace mpdts::report
