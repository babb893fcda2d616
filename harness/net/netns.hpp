// A network namespace with a veth pair inside it, made for one case and deleted with it. Traffic
// tests only ever use interfaces the harness created; the host's own interfaces stay untouched.
#pragma once

#include <string>

#include "core/cleanup_stack.hpp"

namespace mpdts {

class Node;
class Transcript;

class NetnsVeth {
 public:
  // Creates netns `name` holding veth `iface` <-> `peer`, both up (on this host, or on `node`).
  NetnsVeth(std::string name, Transcript& transcript);
  NetnsVeth(Node& node, std::string name, Transcript& transcript);
  ~NetnsVeth();
  NetnsVeth(const NetnsVeth&) = delete;
  NetnsVeth& operator=(const NetnsVeth&) = delete;

  const std::string& netns() const { return name_; }
  const std::string& iface() const { return iface_; }  // the end a DPDK PMD opens
  const std::string& peer() const { return peer_; }

 private:
  std::string name_;
  std::string iface_ = "mpdts0";
  std::string peer_ = "mpdts1";
  Transcript& transcript_;
  ScopedCleanup cleanup_;
};

}  // namespace mpdts
