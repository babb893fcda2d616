#include "hotplug/hotplug_plan.hpp"

namespace mpdts::hotplug {

std::vector<CaseParam> all_cases() {
  // The eight cases of the plan (its v2 adds vhost-user and virtio-user), with the plan's titles.
  const std::vector<PlanCase> plan = {
      {"AttachPhysical", "Attach physical device from primary or secondary", Kind::Attach, Device::Physical},
      {"DetachPhysical", "Detach physical device from primary or secondary", Kind::Detach, Device::Physical},
      {"AttachVirtual", "Attach virtual device from primary or secondary", Kind::Attach, Device::AfPacket},
      {"DetachVirtual", "Detach virtual device from primary or secondary", Kind::Detach, Device::AfPacket},
      {"RepeatPhysical", "Repeat to attach/detach physical device from primary or secondary", Kind::Repeat,
       Device::Physical},
      {"RepeatVirtual", "Repeat to attach/detach virtual device from primary or secondary", Kind::Repeat,
       Device::AfPacket},
      {"RepeatVhostUser", "Repeat to attach/detach vhost-user from primary or secondary", Kind::Repeat,
       Device::VhostUser},
      {"RepeatVirtioUser", "Repeat to attach/detach virtio-user from primary or secondary", Kind::Repeat,
       Device::VirtioUser},
  };
  const Direction from_primary{"FromPrimary", Side::Primary, Side::Primary};
  const Direction from_secondary{"FromSecondary", Side::Secondary, Side::Secondary};
  const Direction cross_ps{"AttachPrimaryDetachSecondary", Side::Primary, Side::Secondary};
  const Direction cross_sp{"AttachSecondaryDetachPrimary", Side::Secondary, Side::Primary};

  std::vector<CaseParam> out;
  for (const auto& p : plan) {
    out.push_back({p, from_primary});
    out.push_back({p, from_secondary});
    // Across: only where the case both attaches and detaches (the physical detach case starts with
    // the device already probed, so it has no attach side).
    const bool attaches_and_detaches = p.kind == Kind::Repeat || (p.kind == Kind::Detach && p.device != Device::Physical);
    if (attaches_and_detaches) {
      out.push_back({p, cross_ps});
      out.push_back({p, cross_sp});
    }
  }
  return out;
}

std::string test_name(const CaseParam& c) { return c.plan.id + "_" + c.direction.id; }

std::string side_name(Side s) { return s == Side::Primary ? "primary" : "secondary"; }

std::string device_label(Device d) {
  switch (d) {
    case Device::Physical: return "physical";
    case Device::AfPacket: return "virtual";
    case Device::VhostUser: return "vhost";
    case Device::VirtioUser: return "virtio-user";
  }
  return "";
}

}  // namespace mpdts::hotplug
