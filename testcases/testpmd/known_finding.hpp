// A known finding: a check of a case that the recorded DPDK version fails, and exactly how. The case
// passes only when the check fails that way (the failure's description matches the signature); any
// other failure of the check, or the check passing, fails the case — so a finding can neither hide
// another defect nor outlive a DPDK that fixed it. Every occurrence is shown in the case's record,
// its transcript and the suite's output.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace mpdts::testpmd {

struct KnownFinding {
  std::string check;      // the id of the check that fails
  std::string signature;  // Perl regex, searched in the failure's description
  std::string finding;    // what the DPDK version does instead of what the rule says
  bool ends_case = false; // the steps after the check depend on it passing: the case ends there
};

// Which recorded finding (if any) a failure of `check` described by `description` is.
const KnownFinding* match_finding(const std::vector<KnownFinding>& findings, const std::string& check,
                                  const std::string& description);

// The findings of one case, and which of them occurred.
class FindingLedger {
 public:
  explicit FindingLedger(std::vector<KnownFinding> findings) : findings_(std::move(findings)) {}

  // A check failed: the matching finding, marked as occurred; nullptr when the failure is not recorded.
  const KnownFinding* failed(const std::string& check, const std::string& description);
  // True when a finding is recorded for `check` (whatever its signature).
  bool recorded(const std::string& check) const;
  // Recorded findings that did not occur (the check passed, or the case never reached it).
  std::vector<KnownFinding> missing() const;

 private:
  std::vector<KnownFinding> findings_;
  std::vector<std::string> occurred_;  // checks whose finding occurred
};

}  // namespace mpdts::testpmd
