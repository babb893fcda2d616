#include "testpmd/known_finding.hpp"

#include <algorithm>

#include <boost/regex.hpp>
#include <fmt/format.h>

namespace mpdts::testpmd {
namespace {

bool applies(const KnownFinding& f, const std::optional<DpdkVersion>& running) {
  return running && f.seen_on.contains(*running);
}

bool describes(const KnownFinding& f, const std::string& check, const std::string& description) {
  return f.check == check && boost::regex_search(description, boost::regex(f.signature));
}

}  // namespace

const KnownFinding* match_finding(const std::vector<KnownFinding>& findings, const std::string& check,
                                  const std::string& description, const std::optional<DpdkVersion>& running) {
  for (const auto& f : findings)
    if (applies(f, running) && describes(f, check, description)) return &f;
  return nullptr;
}

const KnownFinding* FindingLedger::failed(const std::string& check, const std::string& description) {
  const KnownFinding* f = match_finding(findings_, check, description, running_);
  if (f) occurred_.push_back(check);
  return f;
}

bool FindingLedger::recorded(const std::string& check) const {
  return std::any_of(findings_.begin(), findings_.end(), [&](const KnownFinding& f) { return f.check == check; });
}

std::string FindingLedger::why_not_finding(const std::string& check, const std::string& description) const {
  std::string why;
  for (const auto& f : findings_) {
    if (f.check != check) continue;
    if (!describes(f, check, description))
      why = fmt::format("a finding is recorded for this check on {}, but the check failed in a different way "
                        "than recorded",
                        f.seen_on.describe());
    else if (!running_)
      return fmt::format("this is the finding recorded for this check on {}, but the version of the DPDK that ran "
                         "is unknown (its testpmd printed no \"EAL: RTE Version\" line): a finding applies only to "
                         "the releases it was seen on, so this is a plain failure",
                         f.seen_on.describe());
    else if (!f.seen_on.contains(*running_))
      return fmt::format("this is the finding recorded for this check on {}, but the DPDK that ran is {}, outside "
                         "that range: a plain failure (a regression there, or the finding's range needs evidence "
                         "for this release)",
                         f.seen_on.describe(), running_->text);
  }
  return why;
}

std::vector<KnownFinding> FindingLedger::missing() const {
  std::vector<KnownFinding> out;
  for (const auto& f : findings_)
    if (applies(f, running_) && std::find(occurred_.begin(), occurred_.end(), f.check) == occurred_.end())
      out.push_back(f);
  return out;
}

}  // namespace mpdts::testpmd
