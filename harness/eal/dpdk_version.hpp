// Which DPDK ran: every DPDK process the harness starts gets EAL's `-v`, which makes EAL print
// "EAL: RTE Version: 'DPDK 22.11.11'" at start-up. The version is read from what the processes
// printed (their transcript), never from the build machine's pkg-config: a target built against
// another DPDK, or a testpmd from another tree, says so itself.
#pragma once

#include <map>
#include <string>

namespace mpdts {

// The EAL argument that makes a DPDK process print its version.
inline constexpr const char* kEalPrintVersion = "-v";

// The version each process reported in a transcript's text (Transcript::text()): process name →
// "DPDK 22.11.11". A process that printed several (restarted under one name) keeps the last.
std::map<std::string, std::string> reported_dpdk_versions(const std::string& transcript_text);

// One line for a record: "DPDK 22.11.11" when every process reported the same version, else
// "DPDK 22.11.11 (primary, secondary1); DPDK 24.11.0 (testpmd)". "" when none reported one.
std::string summarize_dpdk_versions(const std::map<std::string, std::string>& by_process);

}  // namespace mpdts
