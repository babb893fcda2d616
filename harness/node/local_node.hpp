// This host as a Node: the harness's own calls (fork/exec on a pty, mount(2), std::filesystem),
// unchanged from before nodes existed.
#pragma once

#include "node/node.hpp"

namespace mpdts {

class LocalNode : public Node {
 public:
  explicit LocalNode(std::string name = "local") : name_(std::move(name)) {}

  const std::string& name() const override { return name_; }
  std::string describe() const override { return "local"; }
  bool is_local() const override { return true; }

  std::unique_ptr<Interactive> spawn(SpawnOptions options, Transcript& transcript) override;
  CommandResult run(const std::vector<std::string>& argv, Deadline deadline, Transcript* transcript,
                    std::optional<std::string> netns) override;

  bool exists(const std::filesystem::path& path) override;
  std::string read_file(const std::filesystem::path& path) override;
  void make_dirs(const std::filesystem::path& path) override;
  void remove_all(const std::filesystem::path& path) override;
  void remove_contents(const std::filesystem::path& dir) override;
  void mount_hugetlbfs(const std::filesystem::path& dir) override;
  void unmount(const std::filesystem::path& dir, Transcript& transcript) override;

 private:
  std::string name_;
};

}  // namespace mpdts
