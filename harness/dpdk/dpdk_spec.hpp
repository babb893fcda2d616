// The DPDK under test, as a lab names it: the distro's (`system`), a source tree or release tarball
// mpdts builds (`source:PATH`), or a meson build directory someone already built (`build_dir:PATH`).
// Given in a topology's `dpdk:` section, or per run (`mpdts run --dpdk SPEC`, which wins).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mpdts {

struct DpdkSpec {
  enum class Kind { System, Source, BuildDir };
  Kind kind = Kind::System;
  std::filesystem::path path;              // Source, BuildDir: absolute
  std::vector<std::string> build_options;  // Source: extra meson options ("-Dfoo=bar"), after the defaults

  // "system", "source:/abs/path", "build_dir:/abs/path" (the options are not part of it).
  std::string text() const;
  bool is_system() const { return kind == Kind::System; }
};

// Parses "system", "source:PATH", "build_dir:PATH"; a relative PATH is taken from `base`. Throws
// ConfigError naming the spec when it is none of these (e.g. "debian:trixie": not supported yet),
// or the path does not exist.
DpdkSpec parse_dpdk_spec(const std::string& text, const std::filesystem::path& base = std::filesystem::current_path());

}  // namespace mpdts
