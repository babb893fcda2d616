#include "mpdts/report/environment_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/results_layout.hpp"

namespace mpdts::report {

void merge_into_environment(const std::filesystem::path& results_dir, const nlohmann::json& fields) {
  std::filesystem::create_directories(results_dir);
  const auto path = results_dir / kEnvironmentFile;
  const auto lock_path = results_dir / ".environment.lock";
  const int lock = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock < 0) throw std::runtime_error("cannot open " + lock_path.string() + ": " + std::strerror(errno));
  struct Unlock {
    int fd;
    ~Unlock() { ::close(fd); }  // closing releases the flock
  } unlock{lock};
  while (::flock(lock, LOCK_EX) != 0)
    if (errno != EINTR) throw std::runtime_error("cannot lock " + lock_path.string() + ": " + std::strerror(errno));

  nlohmann::json environment = nlohmann::json::object();
  if (std::ifstream in(path); in) {
    std::stringstream text;
    text << in.rdbuf();
    environment = nlohmann::json::parse(text.str(), nullptr, false);
    if (environment.is_discarded() || !environment.is_object())
      throw std::runtime_error(path.string() + " is not a JSON object");
  }
  for (const auto& [key, value] : fields.items()) environment[key] = value;
  write_file_atomically(path, environment.dump(2) + "\n");
}

}  // namespace mpdts::report
