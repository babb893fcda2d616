// EAL isolation for one case: a file prefix of its own and a hugetlbfs mount of its own, so that a
// case's primary never deletes another case's page files (a new primary unlinks every unlocked
// map_* file in its huge-dir), and so that everything a case leaves is removed with it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/cleanup_stack.hpp"

namespace mpdts {

class Node;
class Transcript;

class EalSandbox {
 public:
  // `tag` says what the sandbox is for (kept short: it ends up in socket paths).
  // Without hugepages, the processes run with --no-huge and no mount is made.
  // Made on `node` (this host unless said otherwise); its paths are the node's.
  EalSandbox(std::string_view tag, bool hugepages, Transcript& transcript);
  EalSandbox(Node& node, std::string_view tag, bool hugepages, Transcript& transcript);
  ~EalSandbox();
  EalSandbox(const EalSandbox&) = delete;
  EalSandbox& operator=(const EalSandbox&) = delete;

  const std::string& prefix() const { return prefix_; }
  // A private scratch directory (sockets, files) removed with the sandbox.
  const std::filesystem::path& work_dir() const { return work_dir_; }
  const std::filesystem::path& huge_dir() const { return huge_dir_; }
  Node& node() const { return node_; }

  // The isolation arguments every process of this sandbox gets: file prefix, huge-dir (or --no-huge),
  // and PCI access: --no-pci, or an allow-list of exactly `pci_allow`.
  std::vector<std::string> args(const std::vector<std::string>& pci_allow = {}) const;

  // What the sandbox left that it could not remove (for the leftover check of a case).
  std::vector<std::string> leftovers() const;

 private:
  void remove_all();
  std::string where() const;  // " on node <name>" for a remote node, "" here

  Node& node_;
  std::string prefix_;
  std::filesystem::path work_dir_;
  std::filesystem::path huge_dir_;
  bool hugepages_;
  bool mounted_ = false;
  Transcript& transcript_;
  ScopedCleanup cleanup_;
};

// 2 MB hugepages free on this host (or `node`), from /proc/meminfo.
long free_hugepages();
long free_hugepages(Node& node);
// Throws HarnessError with what to do when fewer than `needed` are free.
void require_free_hugepages(long needed);
void require_free_hugepages(Node& node, long needed);

}  // namespace mpdts
