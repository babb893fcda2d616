// Which DPDK ran: every DPDK process the harness starts gets EAL's `-v`, which makes EAL print
// "EAL: RTE Version: 'DPDK 22.11.11'" at start-up. The version is read from what the processes
// printed (their transcript), never from the build machine's pkg-config: a target built against
// another DPDK, or a testpmd from another tree, says so itself.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mpdts {

// The EAL argument that makes a DPDK process print its version.
inline constexpr const char* kEalPrintVersion = "-v";

// The version each process reported in a transcript's text (Transcript::text()): process name →
// "DPDK 22.11.11". A process that printed several (restarted under one name) keeps the last.
std::map<std::string, std::string> reported_dpdk_versions(const std::string& transcript_text);

// One line for a record: "DPDK 22.11.11" when every process reported the same version, else
// "DPDK 22.11.11 (primary, secondary1); DPDK 24.11.0 (testpmd)". "" when none reported one.
std::string summarize_dpdk_versions(const std::map<std::string, std::string>& by_process);

// A version as a value, to compare it with ranges of releases as people write them ("22.11" is every
// 22.11.x): what the known findings of a case are scoped to.
struct DpdkVersion {
  int year = 0;      // 22
  int month = 0;     // 11
  int patch = 0;     // 11 (the LTS patch release; 0 for a first release)
  std::string pre;   // "rc2" for "24.11.0-rc2", else ""
  std::string text;  // as EAL printed it: "DPDK 22.11.11"

  std::string str() const;  // "22.11.11", "24.11.0-rc2"
};

// "DPDK 22.11.11", "DPDK 24.11.0-rc2", "25.11.0" (the "DPDK " prefix is optional); nullopt otherwise.
std::optional<DpdkVersion> parse_dpdk_version(std::string_view text);
// The version in a process's start-up output: EAL's "RTE Version: '<version>'" line (printed with
// `-v`); nullopt when there is no such line or it does not parse.
std::optional<DpdkVersion> eal_reported_version(std::string_view startup_output);

// DPDK releases from `first` to `last`, both inclusive, each "YY.MM" (every patch release of that
// release: "22.11" = 22.11.0 … 22.11.x) or "YY.MM.P" (that patch release). A release candidate counts
// as the release it leads to (24.11.0-rc2 is in "24.11"). A bound that does not parse contains nothing.
struct DpdkRange {
  std::string first;
  std::string last;

  bool contains(const DpdkVersion& v) const;
  bool valid() const;            // both bounds parse and first <= last
  std::string describe() const;  // "DPDK 22.11.x", "DPDK 22.11.0 to 23.11.x"
};

}  // namespace mpdts
