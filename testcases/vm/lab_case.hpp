// One case's use of the VM topology's lab (GuestLab, shared by the cases of a test suite): the
// lab's transcript goes into the case's while the case runs; the lab must be in its clean state
// when the case starts (if not, the case fails, after the lab was brought back to it) and when it
// ends; and the case record says which accelerator the guest runs on and how long it took to boot.
#pragma once

#include <string>
#include <vector>

#include "topology/topology.hpp"
#include "vm/guest_lab.hpp"

namespace mpdts::vm {

// Why the topology cannot run the guest's cases, or "" when it can.
std::string missing_lab_reason(const Topology& topology);

class LabCase {
 public:
  // Boots the lab on first use (its boot then shows in this case's transcript). Throws HarnessError
  // when the lab is not in its clean state.
  LabCase(const Topology& topology, Transcript& transcript);
  ~LabCase() = default;

  GuestLab& lab() { return lab_; }
  GuestShell& shell() { return lab_.shell(); }

  // The end-of-case check, after the case's processes, bindings and sandbox are gone: what departs
  // from the clean state (and was then cleaned up), or nothing.
  std::vector<std::string> finish();

 private:
  GuestLab& lab_;
  GuestLab::Attached attached_;
};

// Records the lab's accelerator and boot time in the running case and in the run's environment.json.
void record_lab(GuestLab& lab);

// Suites whose cases use the lab release it when they end (one boot per suite).
void release_lab();

}  // namespace mpdts::vm
