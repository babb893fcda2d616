#include "eal/dpdk_version.hpp"

#include <sstream>
#include <tuple>
#include <vector>

#include <boost/regex.hpp>
#include <fmt/format.h>

namespace mpdts {

std::map<std::string, std::string> reported_dpdk_versions(const std::string& transcript_text) {
  // A transcript line: "+   0.123s primary    | EAL: RTE Version: 'DPDK 22.11.11'".
  static const boost::regex line(R"(^\+\s*[0-9.]+s (\S+)\s*\| (?:EAL: )?RTE Version: '([^'\r\n]{1,80})')");
  std::map<std::string, std::string> out;
  std::istringstream in(transcript_text);
  for (std::string l; std::getline(in, l);) {
    boost::smatch m;
    if (boost::regex_search(l, m, line)) out[m[1].str()] = m[2].str();
  }
  return out;
}

std::string summarize_dpdk_versions(const std::map<std::string, std::string>& by_process) {
  std::map<std::string, std::vector<std::string>> who;  // version → processes
  for (const auto& [process, version] : by_process) who[version].push_back(process);
  if (who.size() == 1) return who.begin()->first;
  std::string s;
  for (const auto& [version, processes] : who) {
    s += (s.empty() ? "" : "; ") + version + " (";
    for (std::size_t i = 0; i < processes.size(); ++i) s += (i ? ", " : "") + processes[i];
    s += ")";
  }
  return s;
}

namespace {

// A range bound: "22.11" (patch absent: any) or "22.11.3".
struct Bound {
  int year = 0;
  int month = 0;
  std::optional<int> patch;
};

std::optional<Bound> parse_bound(const std::string& text) {
  static const boost::regex re(R"(^(\d{2})\.(\d{2})(?:\.(\d+))?$)");
  boost::smatch m;
  if (!boost::regex_match(text, m, re)) return std::nullopt;
  Bound b{std::stoi(m[1]), std::stoi(m[2]), std::nullopt};
  if (m[3].matched) b.patch = std::stoi(m[3]);
  return b;
}

std::string bound_text(const std::string& text, bool lower) {
  const auto b = parse_bound(text);
  if (!b || b->patch) return text;
  return text + (lower ? ".0" : ".x");
}

}  // namespace

std::string DpdkVersion::str() const {
  return fmt::format("{:02}.{:02}.{}{}", year, month, patch, pre.empty() ? "" : "-" + pre);
}

std::optional<DpdkVersion> parse_dpdk_version(std::string_view text) {
  // rte_version(): "DPDK" " " YY "." MM "." MINOR [SUFFIX RELEASE], e.g. "-rc" "2".
  static const boost::regex re(R"(^\s*((?:DPDK\s+)?(\d{2})\.(\d{2})\.(\d+)(?:-(rc\d+))?)\s*$)");
  const std::string s(text);
  boost::smatch m;
  if (!boost::regex_match(s, m, re)) return std::nullopt;
  DpdkVersion v;
  v.year = std::stoi(m[2]);
  v.month = std::stoi(m[3]);
  v.patch = std::stoi(m[4]);
  if (m[5].matched) v.pre = m[5];
  v.text = m[1];  // as printed, without surrounding blanks
  return v;
}

std::optional<DpdkVersion> eal_reported_version(std::string_view startup_output) {
  static const boost::regex re(R"(RTE Version: '([^'\r\n]*)')");
  const std::string s(startup_output);
  boost::smatch m;
  if (!boost::regex_search(s, m, re)) return std::nullopt;
  return parse_dpdk_version(m[1].str());
}

bool DpdkRange::valid() const {
  const auto lo = parse_bound(first);
  const auto hi = parse_bound(last);
  if (!lo || !hi) return false;
  // first <= last, a bound without patch standing for its .0 (first) or any patch (last)
  return std::make_tuple(lo->year, lo->month, lo->patch.value_or(0)) <=
         std::make_tuple(hi->year, hi->month, hi->patch.value_or(lo->patch.value_or(0)));
}

bool DpdkRange::contains(const DpdkVersion& v) const {
  const auto lo = parse_bound(first);
  const auto hi = parse_bound(last);
  if (!lo || !hi) return false;
  const auto at = std::make_tuple(v.year, v.month, v.patch);
  const bool above = lo->patch ? at >= std::make_tuple(lo->year, lo->month, *lo->patch)
                               : std::make_tuple(v.year, v.month) >= std::make_tuple(lo->year, lo->month);
  const bool below = hi->patch ? at <= std::make_tuple(hi->year, hi->month, *hi->patch)
                               : std::make_tuple(v.year, v.month) <= std::make_tuple(hi->year, hi->month);
  return above && below;
}

std::string DpdkRange::describe() const {
  if (first == last) return "DPDK " + bound_text(first, false);
  return fmt::format("DPDK {} to {}", bound_text(first, true), bound_text(last, false));
}

}  // namespace mpdts
