// The port hotplug framework's rules, as cases run through dpdk-testpmd's interactive port commands:
// which rule, which device, from which process, and what DPDK releases are recorded to do instead of
// what the rule says (a known finding: the case passes only when its check fails exactly that way on a
// DPDK of the finding's range).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "testpmd/known_finding.hpp"

namespace mpdts::testpmd {

enum class Rule {
  Attach,                // attach gives a new port id that the summary lists; a duplicate fails, changes nothing
  DetachAfterStopClose,  // a started port cannot be detached; after stop and close it can
  DetachStoppedPort,     // detaching a stopped port closes it first, then removes the device
  Repeat,                // attach/detach rounds: the same port id every round, no port left behind
  MultiProcess,          // primary + secondary testpmd: what one attaches/detaches, the other lists
  MultiProcessAttachReply,  // in a pair, an attach reports the one port it added
  SecondaryAfterPrimaryClose,  // in a pair, once the primary closed a port the secondary answers, lists the same
};

enum class Device { NullVdev, AfPacketVdev, Physical };
enum class Side { Primary, Secondary };

struct Direction {
  std::string id;  // "FromPrimary", "AttachSecondaryDetachPrimary", ...
  Side attach_from;
  Side detach_from;
};

struct TestpmdCase {
  std::string id;     // the test name's first part: "DetachAfterStopClose"
  std::string title;  // the rule, as the reports show it
  Rule rule;
  Device device;
  std::optional<Direction> direction;  // multi-process cases only
  std::vector<KnownFinding> known_findings;
};

// Rounds of the single-process attach/detach loop, and of the multi-process one.
inline constexpr int kRepeatRounds = 5;
inline constexpr int kMultiProcessRounds = 2;

std::vector<TestpmdCase> all_cases();
std::string test_name(const TestpmdCase& c);  // "MultiProcess_FromSecondary_NullVdev"
std::string side_name(Side s);                // "primary" / "secondary"
std::string device_name(Device d);            // "NullVdev", "AfPacketVdev", "Physical"

}  // namespace mpdts::testpmd

namespace mpdts::testpmd {
inline void PrintTo(const TestpmdCase& c, std::ostream* os) { *os << c.title << " / " << test_name(c); }
}  // namespace mpdts::testpmd
