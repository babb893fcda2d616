// PCI devices of the guest bound to their DPDK driver with dpdk-devbind.py for the length of a
// case, and re-bound to their original kernel driver afterwards — checked in sysfs (the driver
// link) and in `dpdk-devbind.py --status-dev net` (the section and drv= of each device's line),
// not assumed — as the plans' "re-bind port to kernel state" step says. The devices of one binding
// go together: under TCG every dpdk-devbind.py run costs seconds, so one run binds them all and
// prints the status (`--bind=X A B --status-dev net`).
#pragma once

#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "topology/topology.hpp"

namespace mpdts {

class GuestShell;
class Transcript;

// What `dpdk-devbind.py --status` says of one device.
struct DevbindStatus {
  bool listed = false;
  std::string section;  // "Network devices using DPDK-compatible driver", "... using kernel driver", ...
  std::string driver;   // drv=..., "" when it has none
  std::string line;     // as printed
};
// Parses the device's line (and the section it is listed under) out of `--status` output.
DevbindStatus devbind_status_of(const std::string& status_output, const std::string& address);

class GuestPciBinding {
 public:
  // Checks that every device exists in the guest and is on its kernel driver: the clean state a
  // case starts from. Throws HarnessError otherwise.
  GuestPciBinding(GuestShell& shell, std::vector<PciDevice> devices, Transcript& transcript,
                  Seconds timeout = Seconds(120));
  ~GuestPciBinding();  // restore() if still bound away, errors noted
  GuestPciBinding(const GuestPciBinding&) = delete;
  GuestPciBinding& operator=(const GuestPciBinding&) = delete;

  const std::vector<PciDevice>& devices() const { return devices_; }
  // Binds them to their DPDK driver and checks that it took (sysfs and --status). A no-op when bound.
  void bind_dpdk();
  // Re-binds them to their kernel driver and checks that it took; throws HarnessError (saying which
  // device is where) if it did not. A no-op when they were never bound away.
  void restore();

 private:
  enum class To { Dpdk, Kernel };
  void bind(To to);

  GuestShell& shell_;
  std::vector<PciDevice> devices_;
  Transcript& transcript_;
  Seconds timeout_;
  bool changed_ = false;
};

}  // namespace mpdts
