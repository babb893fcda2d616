// A small, strict XML 1.0 well-formedness checker and tree builder: the project installs
// no XML library. The tests read the report writers' output with it (those documents must
// be what any XML parser accepts), and the HTML report checks an SVG plot with it before
// embedding one. No DTDs beyond a bare <!DOCTYPE name>, no namespaces processing, and
// CDATA is rejected because the writers must not emit it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mpdts::report {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // values decoded
  std::vector<XmlElement> children;
  std::string text;  // this element's own character data, decoded, concatenated

  // nullptr if absent.
  const std::string* attribute(std::string_view attribute_name) const;
  // All elements named `element_name` below this one, in document order.
  std::vector<const XmlElement*> descendants(std::string_view element_name) const;
  // Descendant (or self) whose id attribute is `id`, nullptr if none.
  const XmlElement* find_by_id(std::string_view id) const;
  // Own text plus all descendants' text, in document order.
  std::string all_text() const;
};

struct XmlParse {
  bool well_formed = false;
  std::string error;  // "line 3: ..." when not well-formed
  XmlElement root;
};

XmlParse parse_xml(std::string_view document);

}  // namespace mpdts::report
