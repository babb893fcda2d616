// The hotplug_mp test plan's cases as data: which device, which kind of case, from which side.
// Each case runs once per direction (from the primary, from a secondary, and across).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpdts::hotplug {

enum class Device { Physical, AfPacket, VhostUser, VirtioUser };
enum class Kind {
  Attach,  // attach, check, quit
  Detach,  // (device present or attached first), detach, check, quit
  Repeat,  // attach, duplicate attach fails, detach, duplicate detach fails — repeated
};
enum class Side { Primary, Secondary };

struct PlanCase {
  std::string id;     // used in the test name: "RepeatVirtioUser"
  std::string title;  // the plan's case title
  Kind kind;
  Device device;
};

struct Direction {
  std::string id;  // "FromPrimary", "FromSecondary", "AttachPrimaryDetachSecondary", ...
  Side attach_from;
  Side detach_from;
};

struct CaseParam {
  PlanCase plan;
  Direction direction;
};

std::vector<CaseParam> all_cases();
std::string test_name(const CaseParam& c);  // "RepeatVirtioUser_FromSecondary"
std::string side_name(Side s);              // "primary" / "secondary"
std::string device_label(Device d);         // ctest label: physical, virtual, vhost, virtio-user

}  // namespace mpdts::hotplug

namespace mpdts::hotplug {
// How GoogleTest prints a case's parameter (in listings and failure messages).
inline void PrintTo(const CaseParam& c, std::ostream* os) { *os << c.plan.title << " / " << c.direction.id; }
}  // namespace mpdts::hotplug
