#include "net/netns.hpp"

#include <fmt/format.h>

#include "process/child_process.hpp"

namespace mpdts {
namespace {
const Seconds kIpTimeout{15};
}

NetnsVeth::NetnsVeth(std::string name, Transcript& transcript) : name_(std::move(name)), transcript_(transcript) {
  run_checked({"ip", "netns", "add", name_}, Deadline::in(kIpTimeout), &transcript_);
  const std::string ns = name_;
  cleanup_ = ScopedCleanup(fmt::format("delete netns {}", ns), [ns, &transcript] {
    // Deleting the namespace deletes the veth pair inside it.
    run_command({"ip", "netns", "del", ns}, Deadline::in(kIpTimeout), &transcript);
  });
  run_checked({"ip", "-n", name_, "link", "add", iface_, "type", "veth", "peer", "name", peer_},
              Deadline::in(kIpTimeout), &transcript_);
  for (const auto& dev : {iface_, peer_, std::string("lo")})
    run_checked({"ip", "-n", name_, "link", "set", dev, "up"}, Deadline::in(kIpTimeout), &transcript_);
}

NetnsVeth::~NetnsVeth() { cleanup_.reset(); }

}  // namespace mpdts
