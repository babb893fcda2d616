#include "net/netns.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "core/error.hpp"
#include "node/node.hpp"

namespace mpdts {
namespace {
const Seconds kIpTimeout{15};
}

NetnsVeth::NetnsVeth(std::string name, Transcript& transcript) : NetnsVeth(local_node(), std::move(name), transcript) {}

NetnsVeth::NetnsVeth(Node& node, std::string name, Transcript& transcript)
    : name_(std::move(name)), transcript_(transcript) {
  const std::string ns = name_;
  Node* on = &node;
  // Registered (and journaled) before the namespace is made; deleting it deletes the veths inside.
  cleanup_ = ScopedCleanup(
      fmt::format("delete netns {}{}", ns, node.is_local() ? "" : " on node " + node.name()),
      [ns, on, &transcript] {
        on->run({"ip", "netns", "del", ns}, Deadline::in(kIpTimeout), &transcript);
        if (on->exists("/run/netns/" + ns))
          throw HarnessError(fmt::format("netns {} is still there after 'ip netns del'", ns));
      },
      node.journaled({JournalEffect::netns(ns)}));
  try {
    node.run_checked({"ip", "netns", "add", name_}, Deadline::in(kIpTimeout), &transcript_);
  } catch (...) {
    cleanup_.release();  // not made (it may be someone else's of the same name): never delete it
    throw;
  }
  node.run_checked({"ip", "-n", name_, "link", "add", iface_, "type", "veth", "peer", "name", peer_},
                   Deadline::in(kIpTimeout), &transcript_);
  for (const auto& dev : {iface_, peer_, std::string("lo")})
    node.run_checked({"ip", "-n", name_, "link", "set", dev, "up"}, Deadline::in(kIpTimeout), &transcript_);
}

NetnsVeth::~NetnsVeth() { cleanup_.reset(); }

}  // namespace mpdts
