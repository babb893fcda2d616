#include "mpdts/report/xml_checker.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace mpdts::report {

const std::string* XmlElement::attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes) {
    if (key == attribute_name) return &value;
  }
  return nullptr;
}

std::vector<const XmlElement*> XmlElement::descendants(std::string_view element_name) const {
  std::vector<const XmlElement*> found;
  for (const XmlElement& child : children) {
    if (child.name == element_name) found.push_back(&child);
    for (const XmlElement* below : child.descendants(element_name)) found.push_back(below);
  }
  return found;
}

const XmlElement* XmlElement::find_by_id(std::string_view id) const {
  if (const std::string* own = attribute("id"); own != nullptr && *own == id) return this;
  for (const XmlElement& child : children) {
    if (const XmlElement* found = child.find_by_id(id)) return found;
  }
  return nullptr;
}

std::string XmlElement::all_text() const {
  // Own text is kept in one piece, so interleaving with children is approximate:
  // good enough for "does this element say X".
  std::string text_so_far = text;
  for (const XmlElement& child : children) text_so_far += child.all_text();
  return text_so_far;
}

namespace {

class NotWellFormed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool is_xml_char(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

class Parser {
 public:
  explicit Parser(std::string_view document) : doc_(document) {}

  XmlElement parse_document() {
    check_encoding();
    if (starts_with("<?xml")) skip_processing_instruction();
    skip_misc();
    if (starts_with("<!DOCTYPE")) {
      skip_doctype();
      skip_misc();
    }
    if (!starts_with("<")) fail("expected the root element");
    XmlElement root = parse_element();
    skip_misc();
    if (at_ < doc_.size()) fail("content after the root element");
    return root;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    const auto line = 1 + std::count(doc_.begin(), doc_.begin() + static_cast<long>(at_), '\n');
    throw NotWellFormed("line " + std::to_string(line) + ": " + what);
  }

  // Every byte must be well-formed UTF-8 and every character an XML Char.
  void check_encoding() {
    for (std::size_t i = 0; i < doc_.size();) {
      const auto lead = static_cast<unsigned char>(doc_[i]);
      std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
      at_ = i;
      if (length == 0 || lead > 0xF4 || i + length > doc_.size()) fail("invalid UTF-8");
      char32_t c = length == 1 ? lead : lead & (0x7F >> length);
      for (std::size_t k = 1; k < length; ++k) {
        const auto byte = static_cast<unsigned char>(doc_[i + k]);
        if ((byte & 0xC0) != 0x80) fail("invalid UTF-8");
        c = (c << 6) | (byte & 0x3F);
      }
      const char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
      if (c < smallest[length] || (c >= 0xD800 && c <= 0xDFFF)) fail("invalid UTF-8");
      if (!is_xml_char(c)) {
        char code[16];
        std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
        fail(std::string("character ") + code + " is not allowed in XML");
      }
      i += length;
    }
    at_ = 0;
  }

  bool starts_with(std::string_view prefix) const { return doc_.substr(at_).starts_with(prefix); }

  void expect(std::string_view literal) {
    if (!starts_with(literal)) fail("expected \"" + std::string(literal) + "\"");
    at_ += literal.size();
  }

  void skip_space() {
    while (at_ < doc_.size() && std::string_view(" \t\r\n").find(doc_[at_]) != std::string_view::npos) ++at_;
  }

  void skip_until_after(std::string_view terminator, const char* what) {
    const auto end = doc_.find(terminator, at_);
    if (end == std::string_view::npos) fail(std::string("unterminated ") + what);
    at_ = end + terminator.size();
  }

  // Comments and processing instructions end after their opening, so "<!-->" and "<?>" open
  // one rather than being one: an HTML parser reads those as whole, and what follows them must
  // not pass here as commented out when a browser would read it as markup.
  void skip_processing_instruction() {
    at_ += 2;
    parse_name();  // the target
    skip_until_after("?>", "processing instruction");
  }

  void skip_comment() {
    at_ += 4;
    const auto start = at_;
    skip_until_after("-->", "comment");
    const std::string_view text = doc_.substr(start, at_ - 3 - start);
    if (text.find("--") != std::string_view::npos || text.ends_with('-')) {
      fail("\"--\" inside a comment");
    }
  }

  void skip_doctype() {
    const auto end = doc_.find('>', at_);
    if (end == std::string_view::npos) fail("unterminated DOCTYPE");
    if (doc_.substr(at_, end - at_).find('[') != std::string_view::npos) {
      fail("DOCTYPE internal subsets are not supported");
    }
    at_ = end + 1;
  }

  void skip_misc() {
    while (true) {
      skip_space();
      if (starts_with("<!--")) {
        skip_comment();
      } else if (starts_with("<?")) {
        skip_processing_instruction();
      } else {
        return;
      }
    }
  }

  static bool is_name_start(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' ||
           static_cast<unsigned char>(c) >= 0x80;
  }
  static bool is_name_char(char c) {
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  std::string parse_name() {
    if (at_ >= doc_.size() || !is_name_start(doc_[at_])) fail("expected a name");
    const auto start = at_;
    while (at_ < doc_.size() && is_name_char(doc_[at_])) ++at_;
    return std::string(doc_.substr(start, at_ - start));
  }

  // At '&': decodes one reference into `out`.
  void parse_reference(std::string& out) {
    const auto end = doc_.find(';', at_);
    if (end == std::string_view::npos || end - at_ > 12) fail("'&' that starts no reference");
    const std::string_view name = doc_.substr(at_ + 1, end - at_ - 1);
    if (name == "amp") out += '&';
    else if (name == "lt") out += '<';
    else if (name == "gt") out += '>';
    else if (name == "quot") out += '"';
    else if (name == "apos") out += '\'';
    else if (name.starts_with("#")) {
      const bool hex = name.starts_with("#x");
      const std::string_view digits = name.substr(hex ? 2 : 1);
      if (digits.empty()) fail("empty character reference");
      char32_t c = 0;
      for (char d : digits) {
        int value;
        if (d >= '0' && d <= '9') value = d - '0';
        else if (hex && d >= 'a' && d <= 'f') value = d - 'a' + 10;
        else if (hex && d >= 'A' && d <= 'F') value = d - 'A' + 10;
        else fail("bad character reference");
        c = c * (hex ? 16 : 10) + static_cast<char32_t>(value);
        if (c > 0x10FFFF) fail("character reference out of range");
      }
      if (!is_xml_char(c)) fail("character reference to a character XML forbids");
      append_utf8(out, c);
    } else {
      fail("undefined entity &" + std::string(name) + ";");
    }
    at_ = end + 1;
  }

  std::string parse_attribute_value() {
    if (at_ >= doc_.size() || (doc_[at_] != '"' && doc_[at_] != '\'')) fail("unquoted attribute value");
    const char quote = doc_[at_++];
    std::string value;
    while (true) {
      if (at_ >= doc_.size()) fail("unterminated attribute value");
      const char c = doc_[at_];
      if (c == quote) break;
      if (c == '<') fail("'<' in an attribute value");
      if (c == '&') {
        parse_reference(value);
      } else {
        // Attribute value normalization: literal whitespace becomes a space.
        value += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
        ++at_;
      }
    }
    ++at_;
    return value;
  }

  XmlElement parse_element() {
    expect("<");
    XmlElement element;
    element.name = parse_name();
    while (true) {
      const auto before_space = at_;
      skip_space();
      if (starts_with("/>")) {
        at_ += 2;
        return element;
      }
      if (starts_with(">")) {
        ++at_;
        break;
      }
      if (at_ == before_space) fail("expected whitespace before an attribute");
      std::string attribute_name = parse_name();
      if (element.attribute(attribute_name) != nullptr) fail("duplicate attribute " + attribute_name);
      skip_space();
      expect("=");
      skip_space();
      element.attributes.emplace_back(std::move(attribute_name), parse_attribute_value());
    }
    parse_content(element);
    expect("</");
    if (parse_name() != element.name) fail("end tag does not match <" + element.name + ">");
    skip_space();
    expect(">");
    return element;
  }

  void parse_content(XmlElement& element) {
    while (true) {
      if (at_ >= doc_.size()) fail("unclosed element <" + element.name + ">");
      if (starts_with("</")) return;
      if (starts_with("<!--")) {
        skip_comment();
      } else if (starts_with("<![CDATA[")) {
        fail("CDATA section (the report writers must not emit CDATA)");
      } else if (starts_with("<?")) {
        skip_processing_instruction();
      } else if (starts_with("<")) {
        element.children.push_back(parse_element());
      } else if (starts_with("&")) {
        parse_reference(element.text);
      } else if (starts_with("]]>")) {
        fail("\"]]>\" in character data");
      } else {
        element.text += doc_[at_++];
      }
    }
  }

  std::string_view doc_;
  std::size_t at_ = 0;
};

}  // namespace

XmlParse parse_xml(std::string_view document) {
  XmlParse result;
  try {
    result.root = Parser(document).parse_document();
    result.well_formed = true;
  } catch (const NotWellFormed& error) {
    result.error = error.what();
  }
  return result;
}

}  // namespace mpdts::report
