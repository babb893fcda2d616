#include "remote/sshd_server.hpp"

#include <arpa/inet.h>
#include <signal.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts::sshtest {
namespace fs = std::filesystem;

namespace {

const fs::path kPrivsepDir = "/run/sshd";  // compiled into Debian's sshd; it refuses to start without it
const char* kSshd = "/usr/sbin/sshd";      // sshd re-executes itself: it must be started by absolute path

// A port nobody listens on now (the kernel picks it); sshd may still lose it to a racer: retried.
int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw HarnessError("socket() failed");
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    ::close(fd);
    throw HarnessError("cannot find a free loopback port");
  }
  ::close(fd);
  return ntohs(a.sin_port);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void keygen(const fs::path& file, const std::string& comment) {
  run_checked({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.string()},
              Deadline::in(Seconds(30)));
}

}  // namespace

std::string cmdline_of(pid_t pid) {
  auto s = read_file(fmt::format("/proc/{}/cmdline", pid));
  for (char& c : s)
    if (c == '\0') c = ' ';
  return s;
}

SshServer::SshServer() {
  char tmpl[] = "/tmp/mpdts-sshd-XXXXXX";
  if (!::mkdtemp(tmpl)) throw HarnessError("mkdtemp failed");
  dir_ = tmpl;
  try {
    keygen(dir_ / "host_key", "mpdts-test-host");
    keygen(dir_ / "client_key", "mpdts-test-client");
    fs::copy_file(dir_ / "client_key.pub", dir_ / "authorized_keys");
    if (!fs::exists(kPrivsepDir)) {
      fs::create_directory(kPrivsepDir);
      fs::permissions(kPrivsepDir, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                       fs::perms::others_read | fs::perms::others_exec);
      made_privsep_dir_ = true;
    }
    std::string said;
    for (int attempt = 1; attempt <= 3 && !sshd_; ++attempt) {
      port_ = free_loopback_port();
      std::ofstream(dir_ / "sshd_config") << fmt::format(
          "# mpdts test server: loopback only, this directory's keys only\n"
          "Port {0}\nListenAddress 127.0.0.1\nHostKey {1}/host_key\nPidFile none\n"
          "AuthorizedKeysFile {1}/authorized_keys\n"
          "PubkeyAuthentication yes\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
          "PermitRootLogin prohibit-password\nUsePAM no\n"
          "# the scratch directory is below the world-writable /tmp\n"
          "StrictModes no\n"
          "# one master connection carries every command of a run as a session of its own\n"
          "MaxSessions 64\n"
          "PrintMotd no\nPrintLastLog no\nLogLevel VERBOSE\n",
          port_, dir_.string());
      auto sshd = std::make_unique<ChildProcess>(
          SpawnOptions{{kSshd, "-D", "-e", "-f", (dir_ / "sshd_config").string()}, "sshd", false, std::nullopt, {}},
          log_);
      const std::string listening = fmt::format("Server listening on 127.0.0.1 port {}", port_);
      if (sshd->wait_output([&](const std::string& out) { return out.find(listening) != std::string::npos; },
                            Deadline::in(Seconds(20)))) {
        sshd_ = std::move(sshd);
      } else {
        said = sshd->unconsumed();
      }
    }
    if (!sshd_) throw HarnessError("sshd did not start:\n" + said);
    const auto host_key = read_file(dir_ / "host_key.pub");
    std::istringstream words(host_key);
    std::string type, key;
    words >> type >> key;
    std::ofstream(dir_ / "known_hosts") << fmt::format("[127.0.0.1]:{} {} {}\n", port_, type, key);
  } catch (...) {
    sshd_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
    if (made_privsep_dir_) fs::remove(kPrivsepDir, ec);
    throw;
  }
}

std::vector<pid_t> SshServer::descendants() const {
  std::map<pid_t, pid_t> parent;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const auto name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto stat = read_file(e.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (state != 'Z') parent[std::stoi(name)] = ppid;
  }
  std::vector<pid_t> out;
  for (const auto& [pid, ppid] : parent) {
    for (pid_t p = ppid; p > 1; p = parent.count(p) ? parent[p] : 0)
      if (p == sshd_->pid()) {
        out.push_back(pid);
        break;
      }
  }
  return out;
}

SshServer::~SshServer() {
  // Whatever its connections still run is ours too (the test has failed if there is any).
  for (pid_t pid : descendants()) ::kill(pid, SIGKILL);
  sshd_.reset();  // SIGTERM to its process group, then SIGKILL; reaped
  std::error_code ec;
  fs::remove_all(dir_, ec);
  if (made_privsep_dir_) fs::remove(kPrivsepDir, ec);
}

}  // namespace mpdts::sshtest
