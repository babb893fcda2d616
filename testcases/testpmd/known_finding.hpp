// A known finding: a check of a case that a range of DPDK releases fails, and exactly how. The case
// passes only when the check fails that way (the failure's description matches the signature) on a
// DPDK of that range (the version the case's own testpmd printed at start-up); any other failure of
// the check, the same failure on a DPDK outside the range or on one whose version could not be
// read, or the check passing on a DPDK of the range, fails the case — so a finding can neither hide
// another defect, nor excuse a regression in another release, nor outlive a DPDK that fixed it.
// Every occurrence is shown in the case's record, its transcript and the suite's output.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eal/dpdk_version.hpp"

namespace mpdts::testpmd {

struct KnownFinding {
  std::string check;       // the id of the check that fails
  std::string signature;   // Perl regex, searched in the failure's description
  std::string finding;     // what those DPDK releases do instead of what the rule says
  bool ends_case = false;  // the steps after the check depend on it passing: the case ends there
  DpdkRange seen_on;       // the DPDK releases it was seen on: {"22.11", "22.11"} is every 22.11.x
  std::string evidence;    // why: upstream code (file, function) or a bug reference, and where it was seen
};

// Which recorded finding (if any) a failure of `check` described by `description` is, on the DPDK
// `running` (nullopt: unknown, and then no finding applies).
const KnownFinding* match_finding(const std::vector<KnownFinding>& findings, const std::string& check,
                                  const std::string& description, const std::optional<DpdkVersion>& running);

// The findings of one case, and which of them occurred on the DPDK that ran it.
class FindingLedger {
 public:
  explicit FindingLedger(std::vector<KnownFinding> findings) : findings_(std::move(findings)) {}

  // The DPDK the case's processes run on (nullopt until known, or when it cannot be read).
  void set_running(std::optional<DpdkVersion> version) { running_ = std::move(version); }
  const std::optional<DpdkVersion>& running() const { return running_; }
  // "DPDK 22.11.11" or "unknown".
  std::string running_text() const { return running_ ? running_->text : "unknown"; }

  // A check failed: the matching finding, marked as occurred; nullptr when the failure is not a
  // finding recorded for the running DPDK.
  const KnownFinding* failed(const std::string& check, const std::string& description);
  // True when a finding is recorded for `check` (whatever its signature and range).
  bool recorded(const std::string& check) const;
  // Why a failure of `check` that is not a finding (failed() gave nullptr) is not one, when a finding
  // is recorded for the check: its signature does not match, or the DPDK that ran is outside its range
  // or unknown. "" when no finding is recorded for the check.
  std::string why_not_finding(const std::string& check, const std::string& description) const;
  // Findings recorded for the running DPDK that did not occur (the check passed, or the case never
  // reached it). Findings of other releases, or all when the version is unknown, are not expected.
  std::vector<KnownFinding> missing() const;

 private:
  std::vector<KnownFinding> findings_;
  std::optional<DpdkVersion> running_;
  std::vector<std::string> occurred_;  // checks whose finding occurred
};

}  // namespace mpdts::testpmd
