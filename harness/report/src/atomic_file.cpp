#include "mpdts/report/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace mpdts::report {

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  namespace fs = std::filesystem;
  if (path.has_parent_path()) {
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) {
      throw std::runtime_error("cannot create directory " + path.parent_path().string() +
                               ": " + error.message());
    }
  }

  // Unique per process and per call: ctest may run several case processes that
  // write the same environment.json at the same time.
  static std::atomic<unsigned> counter{0};
  const fs::path temporary = path.string() + "." + std::to_string(::getpid()) + "." +
                             std::to_string(counter++) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::error_code ignored;
      fs::remove(temporary, ignored);
      throw std::runtime_error("cannot write " + temporary.string() + ": " + reason);
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw std::runtime_error("cannot rename " + temporary.string() + " to " + path.string() +
                             ": " + error.message());
  }
}

}  // namespace mpdts::report
