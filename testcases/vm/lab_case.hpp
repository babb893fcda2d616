// What the conformance cases add to the VM topology's lab (harness/vm/guest_lab.hpp): the case
// record says which accelerator the guest runs on and how long it took to boot, the run's
// environment.json too; and a suite whose cases used the lab stops it when it ends (one boot per
// suite), failing if the lab left anything behind on the host.
#pragma once

#include "phase_clock.hpp"
#include "vm/guest_lab.hpp"

namespace mpdts::vm {

using LabCase = GuestLabCase;

// Records the lab's accelerator and boot time in the running case and in the run's environment.json;
// the time the case waited for the lab to come up moves from its current phase to `vm_boot`.
void record_lab(LabCase& lab_case, suite::PhaseClock& phases);

// For TearDownTestSuite(): stops the shared lab, if any; whatever it left is a failure.
void release_lab();

}  // namespace mpdts::vm
