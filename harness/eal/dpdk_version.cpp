#include "eal/dpdk_version.hpp"

#include <sstream>
#include <vector>

#include <boost/regex.hpp>

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

}  // namespace mpdts
