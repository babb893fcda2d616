#include "vm/guest_image.hpp"
#include "core/progress.hpp"

#include <fmt/format.h>

#include <sstream>

#include "core/error.hpp"
#include "process/child_process.hpp"
#include "process/transcript.hpp"

#ifndef MPDTS_VM_DIR
#error "MPDTS_VM_DIR must name the source tree's vm/ directory"
#endif

namespace mpdts {
namespace fs = std::filesystem;

fs::path default_guest_build_script() { return fs::path(MPDTS_VM_DIR) / "build-guest.sh"; }

GuestImage build_guest_image(const GuestImageOptions& options, Deadline deadline, Transcript& transcript) {
  const fs::path script = options.script.empty() ? default_guest_build_script() : options.script;
  std::vector<std::string> argv{"bash", script.string()};
  if (!options.cache_dir.empty()) argv.insert(argv.end(), {"--cache-dir", options.cache_dir.string()});
  for (const auto& t : options.targets) argv.push_back(t.string());

  const auto start = Clock::now();
  const ProgressStep progress("building the guest image (vm/build-guest.sh)");
  const auto result = run_command(argv, deadline, &transcript);
  GuestImage image;
  image.took = Clock::now() - start;
  image.log = result.output;
  if (!result.ok())
    throw HarnessError(fmt::format("building the guest image failed ({}): {}\n{}", result.status.describe(),
                                   join_argv(argv), result.output));
  std::istringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("image ", 0) == 0) image.dir = line.substr(6);
    if (line.find("build-guest: built ") != std::string::npos) image.rebuilt = true;
  }
  if (image.dir.empty()) throw HarnessError("the guest build script named no image:\n" + result.output);
  image.kernel = image.dir / "vmlinuz";
  image.initramfs = image.dir / "initramfs.cpio.gz";
  image.key = image.dir.filename().string();
  for (const auto& f : {image.kernel, image.initramfs})
    if (!fs::is_regular_file(f)) throw HarnessError(fmt::format("guest image file {} is missing", f.string()));
  transcript.note("harness", fmt::format("guest image {} ({} in {})", image.dir.string(),
                                         image.rebuilt ? "built" : "cached", format_seconds(image.took)));
  return image;
}

}  // namespace mpdts
