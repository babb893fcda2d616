// Names that tie the writers of a results directory to its reader.
#pragma once

#include <string_view>

namespace mpdts::report {

// Properties a case records with testing::Test::RecordProperty(key, value).
// CaseRecorder lifts these into their own record fields; any other property lands
// in the record's "properties" object.
namespace property {
inline constexpr const char* kPlan = "plan";                      // e.g. "hotplug_mp"
inline constexpr const char* kPlanCase = "plan_case";             // the test plan's case title
inline constexpr const char* kLabels = "labels";                  // comma-separated: "hotplug,virtual"
inline constexpr const char* kTranscriptFile = "transcript_file"; // relative to the results dir
// Wall time of a phase of the case, in seconds ("1.234"): kPhasePrefix + phase + kPhaseSuffix,
// e.g. "phase_start_s". Phases: start (sandbox, devices, processes up to their prompts), steps (the
// plan's steps, quit included), cleanup (everything stopped and undone), vm_boot (a guest booting).
inline constexpr const char* kPhasePrefix = "phase_";
inline constexpr const char* kPhaseSuffix = "_s";
// A case that boots a VM records the accelerator it got ("kvm", "tcg"); the reports show it with
// the environment (a run may have none).
inline constexpr const char* kAccelerator = "accelerator";
// A case that passes only because a recorded DPDK finding occurred records one property per
// finding: "known_finding[<check id>]" = what the DPDK version does instead, and what was seen.
inline constexpr const char* kKnownFindingPrefix = "known_finding[";
// The DPDK the case's processes ran, as they reported it at start-up (EAL -v): "DPDK 22.11.11", or
// per process when they differ ("DPDK 22.11.11 (primary); DPDK 24.11.0 (testpmd)").
inline constexpr const char* kDpdkVersion = "dpdk_version";
// The ids of the checks that failed in the case (testcases/check_ids.hpp), comma-separated, in the
// order they first failed; the record holds them as the array "failed_checks".
inline constexpr const char* kFailedChecks = "failed_checks";
}  // namespace property

// Keys of environment.json that the reports show by name. Other keys are shown too,
// generically; none is required.
namespace environment_key {
// The DPDK under test: what the run's processes reported (the cases' dpdk_version properties),
// filled in by the results loader; environment.json itself cannot know it when it is written.
inline constexpr std::string_view kDpdkVersion = "dpdk_version";
// The libdpdk the cases binary and the project's own targets were built against (pkg-config at
// build time). Not necessarily what ran: a topology may name targets built against another DPDK.
inline constexpr std::string_view kDpdkBuiltAgainst = "dpdk_built_against";
// How the run was told which DPDK to test: "system", "source:/x/dpdk.tar.xz (sha256 …, DPDK 22.11.11)",
// "build_dir:/x/build (DPDK 24.11.0)".
inline constexpr std::string_view kDpdkSpec = "dpdk_spec";
inline constexpr std::string_view kKernel = "kernel";
inline constexpr std::string_view kTopologyFile = "topology_file";  // path of the topology used
inline constexpr std::string_view kTopologyText = "topology_text";  // its content, verbatim
inline constexpr std::string_view kAccelerator = "accelerator";     // e.g. "kvm", "tcg"
inline constexpr std::string_view kHostname = "hostname";
inline constexpr std::string_view kStarted = "started";             // ISO 8601 UTC
inline constexpr std::string_view kCpu = "cpu";                     // model name and online count
inline constexpr std::string_view kHugepages = "hugepages";         // total, free, size (at the start)
}  // namespace environment_key

}  // namespace mpdts::report
