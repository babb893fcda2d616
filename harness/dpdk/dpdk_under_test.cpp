#include "dpdk/dpdk_under_test.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/progress.hpp"
#include "process/child_process.hpp"
#include "topology/topology.hpp"

#ifndef MPDTS_SOURCE_DIR
#error "MPDTS_SOURCE_DIR must name mpdts's source tree (its targets/ are built against the DPDK under test)"
#endif

namespace mpdts {
namespace fs = std::filesystem;

namespace {

// Bumped when the layout of an entry or the way it is built changes: old entries are not taken.
constexpr const char* kCacheSchema = "mpdts-dpdk-1";
// The plans need DPDK's multi-process hotplug (18.11) and the project's targets compile from 22.11 on.
const std::vector<int> kOldestSupported{22, 11, 0};

// The drivers the plans use; each must come out of the build (a missing dependency makes meson drop
// a driver with only a message).
const std::vector<std::string> kDrivers{"bus/pci",  "bus/vdev", "mempool/ring", "net/null", "net/ring",
                                        "net/af_packet", "net/pcap", "net/vhost",   "net/virtio"};
// Libraries nothing in the plans uses; only those the source has are disabled (names change across
// releases, and meson refuses an unknown one in some of them).
const std::vector<std::string> kUnusedLibs{
    "acl",      "bbdev",   "bitratestats", "bpf",     "cfgfile",    "compressdev", "distributor", "efd",
    "eventdev", "fib",     "gpudev",       "graph",   "gro",        "gso",         "ip_frag",     "ipsec",
    "jobstats", "latencystats", "lpm",     "member",  "metrics",    "mldev",       "node",        "pcapng",
    "pdump",    "pipeline", "port",        "power",   "rawdev",     "regexdev",    "reorder",     "rib",
    "sched",    "stack",   "table",        "kni",     "flow_classify", "dispatcher", "argparse",  "ptr_compress"};

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string last_lines(const std::string& text, int n) {
  std::size_t at = text.size();
  while (n-- > 0 && at > 0) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) return text;
  }
  return text.substr(at + 1);
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs a build command with the system's tools first on PATH (meson runs DPDK's Python scripts
// with the system's python3, which has pyelftools), appending its output to `log`.
CommandResult run_logged(const std::vector<std::string>& argv, const std::vector<std::string>& env, const fs::path& log,
                         Deadline deadline) {
  std::vector<std::string> full{"/usr/bin/env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"};
  full.insert(full.end(), env.begin(), env.end());
  full.insert(full.end(), argv.begin(), argv.end());
  auto result = run_command(full, deadline);
  std::ofstream(log, std::ios::app) << "$ " << join_argv(argv) << "\n" << result.output << "\n";
  return result;
}

std::string sha256_of(const std::vector<std::string>& shell_pipeline_argv, Deadline deadline) {
  const auto r = run_command(shell_pipeline_argv, deadline);
  if (!r.ok()) throw ConfigError("cannot hash the DPDK source: " + last_lines(r.output, 5));
  return r.output.substr(0, r.output.find(' '));
}

// The content of a tarball, or of a tree: a git tree by its index and its changes against HEAD
// (untracked files, e.g. a build directory inside it, do not count), any other tree by every file
// outside build* directories.
std::string source_hash(const fs::path& path, Deadline deadline) {
  if (fs::is_regular_file(path)) return sha256_of({"sha256sum", path.string()}, deadline);
  if (fs::exists(path / ".git"))
    return sha256_of({"bash", "-c", "set -o pipefail; { git -C \"$1\" ls-files -s; git -C \"$1\" diff HEAD; } | sha256sum",
                      "_", path.string()},
                     deadline);
  return sha256_of({"bash", "-c",
                    "set -o pipefail; cd \"$1\" && find . -type f -not -path './build*' -print0 | LC_ALL=C sort -z | "
                    "xargs -0 -r sha256sum | sha256sum",
                    "_", path.string()},
                   deadline);
}

// The version in a DPDK source tree, or a ConfigError saying why it is not one.
std::string tree_version(const fs::path& tree, const std::string& what) {
  for (const char* marker : {"VERSION", "meson.build", "lib/eal", "app/test-pmd"})
    if (!fs::exists(tree / marker))
      throw ConfigError(fmt::format("{} is not a DPDK source tree: it has no {}", what, marker));
  const std::string v = trim(read_file(tree / "VERSION"));
  if (v.empty()) throw ConfigError(fmt::format("{}: its VERSION file is empty", what));
  return v;
}

void require_supported(const std::string& version, const std::string& what) {
  if (dpdk_version_numbers(version) < kOldestSupported)
    throw ConfigError(fmt::format("{} is DPDK {}; the plans' cases need DPDK 22.11 or newer", what, version));
}

std::string compiler_id(Deadline deadline) {
  const auto r = run_command({"cc", "--version"}, deadline);
  return r.ok() ? trim(r.output.substr(0, r.output.find('\n'))) : "cc (unknown)";
}

// An exclusive lock on a file next to the entry, held while the entry is looked up or built.
class EntryLock {
 public:
  explicit EntryLock(const fs::path& file) {
    fd_ = ::open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0) throw HarnessError(fmt::format("cannot open the DPDK cache lock {}", file.string()));
    if (::flock(fd_, LOCK_EX) != 0) throw HarnessError(fmt::format("cannot lock {}", file.string()));
  }
  ~EntryLock() { ::close(fd_); }
  EntryLock(const EntryLock&) = delete;
  EntryLock& operator=(const EntryLock&) = delete;

 private:
  int fd_ = -1;
};

// A directory made for a build: removed unless committed.
class Unfinished {
 public:
  explicit Unfinished(fs::path dir) : dir_(std::move(dir)) {}
  ~Unfinished() {
    if (dir_.empty()) return;
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  void commit() { dir_.clear(); }

 private:
  fs::path dir_;
};

void make_private_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (fs::is_symlink(dir) || !fs::is_directory(dir))
    throw HarnessError(fmt::format("{} is not a directory of its own (a symlink?): refusing to build there",
                                   dir.string()));
}

// Moves a failed build's log out of the entry (which is removed) and says where it went.
fs::path keep_log(const fs::path& root, const std::string& key, const fs::path& log) {
  const fs::path logs = root / "logs";
  make_private_dir(logs);
  const fs::path kept = logs / fmt::format("{}-{}.log", key.substr(0, 16), ::getpid());
  std::error_code ec;
  fs::rename(log, kept, ec);
  return ec ? log : kept;
}

void write_ready(const fs::path& dir, const nlohmann::json& facts) {
  const fs::path tmp = dir / "ready.json.tmp";
  std::ofstream(tmp) << facts.dump(2) << "\n";
  fs::rename(tmp, dir / "ready.json");
}

// The project's targets built (statically) against the DPDK of `pkgconfig_dir`, in a directory
// of the entry keyed by the targets' own sources; reused when built already.
fs::path build_targets(const fs::path& entry, const fs::path& pkgconfig_dir, const fs::path& project_source,
                       const PrepareOptions& o) {
  const fs::path sources = project_source / "targets";
  const std::string hash =
      sha256_of({"bash", "-c",
                 "set -o pipefail; cd \"$1\" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum",
                 "_", sources.string()},
                o.deadline);
  const fs::path dir = entry / ("targets-" + hash.substr(0, 16));
  if (fs::exists(dir / "ready.json")) return dir / "bin";
  std::error_code ec;
  fs::remove_all(dir, ec);
  make_private_dir(dir);
  Unfinished unfinished(dir);
  const fs::path log = dir / "build.log";
  if (o.say) o.say("DPDK: building the project's targets against it");
  const ProgressStep progress("building the project's targets against the DPDK under test");
  const std::vector<std::string> env{"PKG_CONFIG_PATH=" + pkgconfig_dir.string()};
  for (const auto& argv : std::vector<std::vector<std::string>>{
           {"cmake", "-S", sources.string(), "-B", (dir / "build").string(), "-G", "Ninja",
            "-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DMPDTS_TARGETS_OUTPUT=" + (dir / "bin").string()},
           {"cmake", "--build", (dir / "build").string()}}) {
    const auto r = run_logged(argv, env, log, o.deadline);
    if (!r.ok())
      throw ConfigError(fmt::format("the project's targets do not build against this DPDK ({}); the log: {}\n{}",
                                    r.status.describe(), keep_log(entry.parent_path(), hash, log).string(),
                                    last_lines(r.output, 25)));
  }
  for (const char* t : {"hotplug_mp", "symmetric_mp"})
    if (!fs::exists(dir / "bin" / t)) throw HarnessError(fmt::format("the targets' build made no {}", t));
  write_ready(dir, {{"targets_sources_sha256", hash}});
  unfinished.commit();
  return dir / "bin";
}

PreparedDpdk prepare_system() {
  PreparedDpdk p;
  p.spec = DpdkSpec{};
  const auto r = run_command({"pkg-config", "--modversion", "libdpdk"}, Deadline::in(Seconds(30)));
  p.version = r.ok() ? trim(r.output) : "unknown (no libdpdk pkg-config)";
  p.testpmd = "/usr/bin/dpdk-testpmd";
  p.targets_dir = default_targets_dir();
  return p;
}

// A meson build directory of DPDK: its testpmd, its uninstalled libdpdk for the targets, its examples.
void take_build_dir(PreparedDpdk& p, const fs::path& build, const std::string& what) {
  if (!fs::exists(build / "build.ninja") || !fs::exists(build / "meson-private"))
    throw ConfigError(fmt::format("{} is not a meson build directory (no build.ninja / meson-private)", what));
  const fs::path pc = build / "meson-uninstalled" / "libdpdk-uninstalled.pc";
  if (!fs::exists(pc)) throw ConfigError(fmt::format("{} is not a DPDK build: it has no {}", what, pc.string()));
  const auto r = run_command({"/usr/bin/env", "PKG_CONFIG_PATH=" + pc.parent_path().string(), "pkg-config",
                              "--modversion", "libdpdk"},
                             Deadline::in(Seconds(30)));
  if (!r.ok()) throw ConfigError(fmt::format("{}: pkg-config cannot read its libdpdk: {}", what, trim(r.output)));
  p.version = trim(r.output);
  require_supported(p.version, what);
  p.testpmd = build / "app" / "dpdk-testpmd";
  if (!fs::exists(p.testpmd))
    throw ConfigError(fmt::format("{} has no app/dpdk-testpmd: build it with testpmd (meson -Denable_apps=test-pmd)",
                                  what));
  if (fs::exists(build / "examples" / "dpdk-hotplug_mp") && fs::exists(build / "examples" / "dpdk-symmetric_mp"))
    p.examples_dir = build / "examples";
}

PreparedDpdk prepare_source(const DpdkSpec& spec, const PrepareOptions& o) {
  const auto started = Clock::now();
  const fs::path root = o.cache_root.empty() ? default_dpdk_cache() : o.cache_root;
  make_private_dir(root);
  const bool tarball = fs::is_regular_file(spec.path);
  const std::string what = (tarball ? "the tarball " : "the tree ") + spec.path.string();
  if (!tarball) require_supported(tree_version(spec.path, what), what);

  PreparedDpdk p;
  p.spec = spec;
  p.source_hash = source_hash(spec.path, o.deadline);
  p.build_options = default_dpdk_build_options();
  p.build_options.insert(p.build_options.end(), spec.build_options.begin(), spec.build_options.end());
  std::string key_text = fmt::format("{}\n{}\n{}\n", kCacheSchema, p.source_hash, compiler_id(o.deadline));
  for (const auto& opt : p.build_options) key_text += opt + "\n";
  p.key = sha256_of({"bash", "-c", "printf '%s' \"$1\" | sha256sum", "_", key_text}, o.deadline).substr(0, 32);
  p.entry = root / p.key;

  const EntryLock lock(root / (p.key + ".lock"));
  if (!fs::exists(p.entry / "ready.json")) {
    // Nothing, or what an interrupted or failed build left: start over.
    std::error_code ec;
    fs::remove_all(p.entry, ec);
    make_private_dir(p.entry);
    Unfinished unfinished(p.entry);
    const fs::path log = p.entry / "build.log";
    fs::path source = spec.path;
    if (tarball) {
      source = p.entry / "source";
      make_private_dir(source);
      const auto r = run_logged({"tar", "-xf", spec.path.string(), "-C", source.string(), "--strip-components=1",
                                 "--no-same-owner"},
                                {}, log, o.deadline);
      if (!r.ok())
        throw ConfigError(fmt::format("{} cannot be unpacked ({}): {}", what, r.status.describe(),
                                      last_lines(r.output, 5)));
    }
    p.version = tree_version(source, what);
    require_supported(p.version, what);

    // Only the drivers the plans use, and no library they do not: disabled only where the source has it.
    std::vector<std::string> options = p.build_options;
    std::string libs;
    for (const auto& l : kUnusedLibs)
      if (fs::exists(source / "lib" / l)) libs += (libs.empty() ? "" : ",") + l;
    if (!libs.empty()) options.insert(options.begin(), "-Ddisable_libs=" + libs);

    if (o.say) o.say(fmt::format("DPDK: building {} (DPDK {}) with meson + ninja; log {}", spec.text(), p.version,
                                 log.string()));
    const ProgressStep progress(fmt::format("building DPDK {} (meson + ninja)", p.version));
    std::vector<std::string> setup{"meson", "setup", (p.entry / "build").string(), source.string()};
    setup.insert(setup.end(), options.begin(), options.end());
    for (const auto& argv : std::vector<std::vector<std::string>>{
             setup, {"ninja", "-C", (p.entry / "build").string(), fmt::format("-j{}", std::max(1L, sysconf(_SC_NPROCESSORS_ONLN)))}}) {
      const auto r = run_logged(argv, {}, log, o.deadline);
      if (!r.ok())
        throw ConfigError(fmt::format("building DPDK {} from {} failed at '{}' ({}); the log: {}\n{}", p.version,
                                      spec.path.string(), argv.front(), r.status.describe(),
                                      keep_log(root, p.key, log).string(), last_lines(r.output, 25)));
    }
    std::string missing;
    for (const auto& d : kDrivers) {
      std::string lib = d;
      lib[lib.find('/')] = '_';
      if (!fs::exists(p.entry / "build" / "drivers" / ("librte_" + lib + ".a"))) missing += " " + d;
    }
    if (!missing.empty())
      throw ConfigError(fmt::format("building DPDK {} left out drivers the plans need:{} (a missing dependency? the "
                                    "log: {})",
                                    p.version, missing, keep_log(root, p.key, log).string()));
    p.build_options = options;
    write_ready(p.entry, {{"spec", spec.text()},
                          {"source_sha256", p.source_hash},
                          {"version", p.version},
                          {"build_options", options},
                          {"built_in_s", std::chrono::duration<double>(Clock::now() - started).count()}});
    unfinished.commit();
    p.built_now = true;
  } else {
    const auto ready = nlohmann::json::parse(read_file(p.entry / "ready.json"));
    p.version = ready.value("version", "");
    p.build_options = ready.value("build_options", p.build_options);
  }
  take_build_dir(p, p.entry / "build", what);
  p.targets_dir = build_targets(p.entry, p.entry / "build" / "meson-uninstalled",
                                o.project_source.empty() ? fs::path(MPDTS_SOURCE_DIR) : o.project_source, o);
  p.took = Clock::now() - started;
  return p;
}

PreparedDpdk prepare_build_dir(const DpdkSpec& spec, const PrepareOptions& o) {
  const auto started = Clock::now();
  PreparedDpdk p;
  p.spec = spec;
  const std::string what = "the build directory " + spec.path.string();
  take_build_dir(p, spec.path, what);
  // The targets go into the cache, keyed by the build directory's path and its libdpdk.
  const fs::path root = o.cache_root.empty() ? default_dpdk_cache() : o.cache_root;
  make_private_dir(root);
  const std::string pc = read_file(spec.path / "meson-uninstalled" / "libdpdk-uninstalled.pc");
  p.key = sha256_of({"bash", "-c", "printf '%s' \"$1\" | sha256sum", "_",
                     fmt::format("{}\nbuild_dir\n{}\n{}", kCacheSchema, spec.path.string(), pc)},
                    o.deadline)
              .substr(0, 32);
  p.entry = root / p.key;
  const EntryLock lock(root / (p.key + ".lock"));
  make_private_dir(p.entry);
  p.targets_dir = build_targets(p.entry, spec.path / "meson-uninstalled",
                                o.project_source.empty() ? fs::path(MPDTS_SOURCE_DIR) : o.project_source, o);
  p.took = Clock::now() - started;
  return p;
}

}  // namespace

std::string PreparedDpdk::describe() const {
  std::string s = spec.text();
  std::vector<std::string> facts;
  if (!source_hash.empty()) facts.push_back("sha256 " + source_hash.substr(0, 16));
  if (!version.empty()) facts.push_back("DPDK " + version);
  if (!facts.empty()) s += " (" + facts.front() + (facts.size() > 1 ? ", " + facts.back() : "") + ")";
  return s;
}

fs::path default_dpdk_cache() {
  if (const char* env = std::getenv("MPDTS_DPDK_CACHE"); env && *env) return env;
  return "/var/cache/mpdts/dpdk";
}

std::vector<std::string> default_dpdk_build_options() {
  std::string drivers;
  for (const auto& d : kDrivers) drivers += (drivers.empty() ? "" : ",") + d;
  return {"-Ddefault_library=static", "-Dplatform=generic", "-Dtests=false", "-Denable_docs=false",
          "-Denable_drivers=" + drivers, "-Denable_apps=test-pmd",
          "-Dexamples=multi_process/hotplug_mp,multi_process/symmetric_mp", "-Dbuildtype=release"};
}

std::vector<int> dpdk_version_numbers(const std::string& version) {
  std::vector<int> out{0, 0, 0};
  std::istringstream in(version);
  for (int i = 0; i < 3; ++i) {
    std::string part;
    if (!std::getline(in, part, '.')) break;
    try {
      out[static_cast<std::size_t>(i)] = std::stoi(part);
    } catch (const std::exception&) {
      break;
    }
  }
  return out;
}

void run_targets_from(const PreparedDpdk& dpdk, Topology& t) {
  // The system DPDK's examples are built with the project (build/reference, from dpdk-doc).
  const fs::path examples = dpdk.spec.is_system() ? default_targets_dir().parent_path() / "reference" : dpdk.examples_dir;
  auto place = [&](TargetBinary& target, const std::string& name) {
    if (target.path_named) return;
    if (!target.dpdk_example) {
      target.path = dpdk.targets_dir / name;
      return;
    }
    if (examples.empty())
      throw ConfigError(fmt::format("targets.{}: 'from: dpdk-example', but {} has no built examples", name,
                                    dpdk.spec.text()));
    target.path = examples / (dpdk.spec.is_system() ? name : "dpdk-" + name);
    if (!fs::exists(target.path))
      throw ConfigError(fmt::format("targets.{}: DPDK's example {} does not exist", name, target.path.string()));
  };
  place(t.hotplug_mp, "hotplug_mp");
  place(t.symmetric_mp, "symmetric_mp");
  if (!t.testpmd.path_named) t.testpmd.path = dpdk.testpmd;
}

PreparedDpdk prepare_dpdk(const DpdkSpec& spec, const PrepareOptions& options) {
  switch (spec.kind) {
    case DpdkSpec::Kind::System:
      return prepare_system();
    case DpdkSpec::Kind::Source:
      return prepare_source(spec, options);
    case DpdkSpec::Kind::BuildDir:
      return prepare_build_dir(spec, options);
  }
  return prepare_system();
}

}  // namespace mpdts
