#include "node/local_node.hpp"

#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"

namespace mpdts {
namespace fs = std::filesystem;

std::string Node::run_checked(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                              std::optional<std::string> netns) {
  auto r = run(argv, deadline, transcript, std::move(netns));
  if (!r.ok())
    throw HarnessError(fmt::format("command failed{} ({}): {}\n{}", is_local() ? "" : " on node " + name(),
                                   r.status.describe(), join_argv(argv), r.output));
  return r.output;
}

Node& local_node() {
  static LocalNode node;
  return node;
}

std::unique_ptr<Interactive> LocalNode::spawn(SpawnOptions options, Transcript& transcript) {
  return std::make_unique<ChildProcess>(std::move(options), transcript);
}

CommandResult LocalNode::run(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                             std::optional<std::string> netns) {
  return run_command(argv, deadline, transcript, std::move(netns));
}

bool LocalNode::exists(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

std::string LocalNode::read_file(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw HarnessError(fmt::format("cannot read {}: {}", path.string(), std::strerror(errno)));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void LocalNode::make_dirs(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  if (ec) throw HarnessError(fmt::format("cannot make {}: {}", path.string(), ec.message()));
}

void LocalNode::remove_all(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
}

void LocalNode::remove_contents(const fs::path& dir) {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) fs::remove(e.path(), ec);
}

void LocalNode::mount_hugetlbfs(const fs::path& dir) {
  if (::mount("nodev", dir.c_str(), "hugetlbfs", 0, "pagesize=2M") != 0)
    throw HarnessError(fmt::format("cannot mount hugetlbfs on {}: {}", dir.string(), std::strerror(errno)));
}

void LocalNode::unmount(const fs::path& dir, Transcript& transcript) {
  if (::umount2(dir.c_str(), 0) != 0) {
    transcript.note("harness", fmt::format("umount {}: {}; detaching it lazily", dir.string(), std::strerror(errno)));
    ::umount2(dir.c_str(), MNT_DETACH);
  }
}

}  // namespace mpdts
