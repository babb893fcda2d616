// The DPDK under test, ready to run: for `system` the distro's testpmd and the project's own build;
// for a source tree or tarball, a build of it (meson + ninja, static, only what the plans need) in a
// cache; for a build directory, that build. In both non-system cases the project's targets
// (targets/) are built against that DPDK next to it, and DPDK's own multi-process examples come from
// its source, so everything that runs DPDK in a case runs the DPDK under test.
//
// The cache (/var/cache/mpdts/dpdk, or $MPDTS_DPDK_CACHE) holds one entry per key: the content
// hash of the source, the build options and the compiler. An entry counts only once its ready.json
// is written, last; a build that fails or is interrupted leaves nothing a later run would take (a
// failed build's log is kept under logs/). Entries are locked while they are looked up or built, so
// concurrent runs build one DPDK once.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/deadline.hpp"
#include "dpdk/dpdk_spec.hpp"

namespace mpdts {

class Transcript;

struct PreparedDpdk {
  DpdkSpec spec;
  std::string version;      // "22.11.11", from the source's VERSION file or libdpdk's pkg-config
  std::string source_hash;  // Source: sha256 of the tarball or of the tree's content; else ""
  std::string key;          // the cache entry ("" for system)
  std::filesystem::path entry;
  std::vector<std::string> build_options;  // the meson options it was configured with (Source)
  std::filesystem::path testpmd;
  std::filesystem::path targets_dir;       // the project's hotplug_mp and symmetric_mp, built against it
  std::filesystem::path examples_dir;      // DPDK's own hotplug_mp and symmetric_mp (empty: not built)
  bool built_now = false;                  // false: taken from the cache
  Seconds took{0};

  // One line for reports: "source:/x/dpdk_22.11.11.orig.tar.xz (sha256 1f2e…, DPDK 22.11.11)".
  std::string describe() const;
};

struct PrepareOptions {
  std::filesystem::path cache_root;      // empty: default_dpdk_cache()
  std::filesystem::path project_source;  // mpdts's source tree (targets/); empty: the build's own
  Deadline deadline = Deadline::in(Seconds(1800));
  std::function<void(const std::string&)> say;  // progress lines ("DPDK: building ..."); may be empty
};

std::filesystem::path default_dpdk_cache();

// The meson options mpdts builds a DPDK source with, before the spec's own build_options: static,
// generic CPU, no tests or docs, only the drivers the plans use, testpmd and the two examples.
std::vector<std::string> default_dpdk_build_options();

// Makes the DPDK under test ready (building it if the cache has no good entry). Throws ConfigError
// — exit 2 for the callers — for a bad spec: a path that is not DPDK, a DPDK older than the plans
// support (22.11), a meson or ninja failure (the message names the log), a build directory without
// testpmd.
PreparedDpdk prepare_dpdk(const DpdkSpec& spec, const PrepareOptions& options = {});

// "22.11.11" → {22, 11, 11}; {0,0,0} when unreadable. Exposed for tests.
std::vector<int> dpdk_version_numbers(const std::string& version);

}  // namespace mpdts
