// The rollback cases as data: a hotplug that fails in exactly one process, where each process runs,
// and which process asks for the hotplug. The fault is real: DPDK's pcap PMD opens its interface in
// every process that probes it, and the processes of a case run in two network namespaces of which
// only one holds the interface; EAL's multi-process channel (unix sockets under /var/run/dpdk) does
// not care about network namespaces, so the processes still form one primary/secondary group.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace mpdts::rollback {

// Where a process runs: beside the interface the pcap PMD opens, or in the namespace without it.
enum class Netns { WithIface, WithoutIface };

struct Member {
  std::string role;  // "primary", "secondary", "secondary1"... (the first member is the primary)
  Netns netns;
  bool late = false;  // started after the device was attached (its start-up probe is the one that fails)
};

enum class Kind {
  AttachRollback,  // attach the pcap device: it must fail, and every process must be as before
  DetachRollback,  // detach the pcap device: it must fail, and every process must be as before
};

struct Layout {
  std::string id;     // used in the test name: "AttachFailsInSecondary"
  std::string title;  // what the case shows
  Kind kind;
  std::vector<Member> members;
  // The commit's IPC scenario steps this case walks through (see rollback_plan.cpp).
  std::string scenario;
};

struct Requester {
  std::string id;    // "FromPrimary", "FromCapableSecondary"...
  std::string role;  // which member asks
};

struct CaseParam {
  Layout layout;
  Requester requester;
};

std::vector<CaseParam> all_cases();
std::string test_name(const CaseParam& c);  // "AttachFailsInSecondary_FromPrimary"

}  // namespace mpdts::rollback

namespace mpdts::rollback {
inline void PrintTo(const CaseParam& c, std::ostream* os) { *os << c.layout.title << " / " << c.requester.id; }
}  // namespace mpdts::rollback
