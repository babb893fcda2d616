// The symmetric_mp case of the vdev primary/secondary test plan as data: the plan's two-process
// set, and the four-process set its methodology section describes, each as a case of its own.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpdts::symmetric {

inline constexpr const char* kPlan = "vdev_primary_secondary";
inline constexpr const char* kPlanCase = "Virtio-pmd primary and secondary process symmetric test";

struct ForwardingCase {
  std::string id;     // the test name: "TwoProcesses"
  int processes = 2;  // --num-procs: one primary, processes-1 secondaries, as many queues per port
};

inline std::vector<ForwardingCase> forwarding_cases() { return {{"TwoProcesses", 2}, {"FourProcesses", 4}}; }

// How GoogleTest prints a case's parameter.
inline void PrintTo(const ForwardingCase& c, std::ostream* os) {
  *os << c.id << " (--num-procs " << c.processes << ")";
}

}  // namespace mpdts::symmetric
