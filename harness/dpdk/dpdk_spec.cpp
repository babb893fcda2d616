#include "dpdk/dpdk_spec.hpp"

#include <fmt/format.h>

#include "core/error.hpp"

namespace mpdts {
namespace fs = std::filesystem;

std::string DpdkSpec::text() const {
  switch (kind) {
    case Kind::System:
      return "system";
    case Kind::Source:
      return "source:" + path.string();
    case Kind::BuildDir:
      return "build_dir:" + path.string();
  }
  return "system";
}

DpdkSpec parse_dpdk_spec(const std::string& text, const fs::path& base) {
  DpdkSpec spec;
  if (text == "system") return spec;
  const auto colon = text.find(':');
  const std::string kind = colon == std::string::npos ? text : text.substr(0, colon);
  const std::string path = colon == std::string::npos ? "" : text.substr(colon + 1);
  if (kind == "source")
    spec.kind = DpdkSpec::Kind::Source;
  else if (kind == "build_dir")
    spec.kind = DpdkSpec::Kind::BuildDir;
  else if (kind == "debian")
    throw ConfigError(fmt::format("DPDK spec '{}': the DPDK packages of another Debian release are not supported yet; "
                                  "use source:<tarball or tree> or build_dir:<meson build directory>",
                                  text));
  else
    throw ConfigError(fmt::format("DPDK spec '{}': expected 'system', 'source:PATH' (a DPDK tree or release tarball) "
                                  "or 'build_dir:PATH' (a meson build directory of DPDK)",
                                  text));
  if (path.empty()) throw ConfigError(fmt::format("DPDK spec '{}': no path after '{}:'", text, kind));
  std::error_code ec;
  spec.path = fs::absolute(base / path, ec).lexically_normal();
  if (ec || !fs::exists(spec.path, ec))
    throw ConfigError(fmt::format("DPDK spec '{}': {} does not exist", text, spec.path.string()));
  if (spec.kind == DpdkSpec::Kind::BuildDir && !fs::is_directory(spec.path, ec))
    throw ConfigError(fmt::format("DPDK spec '{}': {} is not a directory", text, spec.path.string()));
  return spec;
}

}  // namespace mpdts
