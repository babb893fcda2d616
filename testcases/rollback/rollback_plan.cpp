#include "rollback/rollback_plan.hpp"

namespace mpdts::rollback {

// The letters are the steps of the IPC scenarios in the EAL commit that made hotplug work across
// processes (244d513, "eal: enable hotplug on multi-process"): attach a)-i), detach a)-h). That
// commit describes requests made by the primary; a request made by a secondary is handed to the
// primary, which runs the same steps for it and returns the verdict to the secondary (added by the
// follow-up patch for the secondary side), so both requesters walk the same letters.
std::vector<CaseParam> all_cases() {
  const Layout in_secondary{
      "AttachFailsInSecondary",
      "Attach fails in the secondary",
      Kind::AttachRollback,
      {{"primary", Netns::WithIface}, {"secondary", Netns::WithoutIface}},
      // The primary probes the device (a), asks the secondary (b), whose probe fails (c); the primary
      // sees the failed reply (d), sends the rollback request (e, f: a no-op in the secondary, which
      // holds nothing), removes its own instance (g) and reports the failure (h).
      "attach a) b) c) d) e) f) g) h)"};
  const Layout in_primary{
      "AttachFailsInPrimary",
      "Attach fails in the primary",
      Kind::AttachRollback,
      {{"primary", Netns::WithoutIface}, {"secondary", Netns::WithIface}},
      // The primary's own probe fails (a): the secondary is never asked and the failure is reported (h).
      "attach a) h)"};
  const Layout one_of_two{
      "AttachFailsInOneOfTwoSecondaries",
      "Attach fails in one of two secondaries",
      Kind::AttachRollback,
      {{"primary", Netns::WithIface}, {"secondary1", Netns::WithIface}, {"secondary2", Netns::WithoutIface}},
      // The primary probes (a) and asks both secondaries (b): secondary1 attaches, secondary2 fails (c);
      // on the failed reply (d) the primary asks every secondary to roll back (e), secondary1 detaches
      // what it attached (f), the primary detaches its own (g) and reports the failure (h).
      "attach a) b) c) d) e) f) g) h)"};
  const Layout detach_in_secondary{
      "DetachFailsInSecondary",
      "Detach fails in a secondary",
      Kind::DetachRollback,
      // secondary2 starts after the device is attached: its start-up probe of the device fails
      // (no interface in its namespace), so it knows the device but has not probed it, and EAL
      // refuses to detach it there.
      {{"primary", Netns::WithIface},
       {"secondary1", Netns::WithIface},
       {"secondary2", Netns::WithoutIface, /*late=*/true}},
      // The primary asks every secondary to detach (a): secondary1 detaches, secondary2 refuses (b);
      // on the failed reply (c) the primary sends the detach rollback (d), secondary1 attaches the
      // device back (e) and the failure is reported (g) with the primary's instance untouched.
      "detach a) b) c) d) e) g)"};

  std::vector<CaseParam> out;
  for (const char* who : {"primary", "secondary"}) {
    const Requester r{std::string(who) == "primary" ? "FromPrimary" : "FromSecondary", who};
    out.push_back({in_secondary, r});
  }
  for (const char* who : {"primary", "secondary"}) {
    const Requester r{std::string(who) == "primary" ? "FromPrimary" : "FromSecondary", who};
    out.push_back({in_primary, r});
  }
  out.push_back({one_of_two, {"FromPrimary", "primary"}});
  out.push_back({one_of_two, {"FromCapableSecondary", "secondary1"}});
  out.push_back({one_of_two, {"FromFailingSecondary", "secondary2"}});
  // Not from secondary2: it never probed the device, so it has nothing to detach (a conformant
  // target answers that locally, without any multi-process request).
  out.push_back({detach_in_secondary, {"FromPrimary", "primary"}});
  out.push_back({detach_in_secondary, {"FromCapableSecondary", "secondary1"}});
  return out;
}

std::string test_name(const CaseParam& c) { return c.layout.id + "_" + c.requester.id; }

}  // namespace mpdts::rollback
