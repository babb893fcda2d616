// Test support: a fresh directory per test, removed afterwards, and file helpers.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace mpdts::report::test {

class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `contents` to path()/relative, creating directories on the way.
  std::filesystem::path write(const std::filesystem::path& relative, std::string_view contents) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

}  // namespace mpdts::report::test
