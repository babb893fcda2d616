#include "testpmd/known_finding.hpp"

#include <algorithm>

#include <boost/regex.hpp>

namespace mpdts::testpmd {

const KnownFinding* match_finding(const std::vector<KnownFinding>& findings, const std::string& check,
                                  const std::string& description) {
  for (const auto& f : findings)
    if (f.check == check && boost::regex_search(description, boost::regex(f.signature))) return &f;
  return nullptr;
}

const KnownFinding* FindingLedger::failed(const std::string& check, const std::string& description) {
  const KnownFinding* f = match_finding(findings_, check, description);
  if (f) occurred_.push_back(check);
  return f;
}

bool FindingLedger::recorded(const std::string& check) const {
  return std::any_of(findings_.begin(), findings_.end(), [&](const KnownFinding& f) { return f.check == check; });
}

std::vector<KnownFinding> FindingLedger::missing() const {
  std::vector<KnownFinding> out;
  for (const auto& f : findings_)
    if (std::find(occurred_.begin(), occurred_.end(), f.check) == occurred_.end()) out.push_back(f);
  return out;
}

}  // namespace mpdts::testpmd
