// The guest image (kernel + initramfs) built by vm/build-guest.sh from Debian packages and the
// project's targets, cached under a key of all its inputs: building is a no-op when nothing changed.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/deadline.hpp"

namespace mpdts {

class Transcript;

struct GuestImage {
  std::filesystem::path dir;        // the cache entry: vmlinuz, initramfs.cpio.gz, manifest.txt
  std::filesystem::path kernel;     // dir/vmlinuz
  std::filesystem::path initramfs;  // dir/initramfs.cpio.gz
  std::string key;                  // hash of every input (the name of dir)
  bool rebuilt = false;             // false: an image with this key was already there
  Seconds took{0};                  // how long the build script ran
  std::string log;                  // what the script printed
};

struct GuestImageOptions {
  std::vector<std::filesystem::path> targets;  // binaries to put in the guest's /usr/bin
  std::filesystem::path cache_dir;             // empty: the script's default, /var/cache/mpdts/guest
  std::filesystem::path script;                // empty: vm/build-guest.sh of this source tree
};

// Runs the build script (a cold build downloads the kernel package and takes seconds; a warm one
// about one second). Throws HarnessError with the script's output when it fails.
GuestImage build_guest_image(const GuestImageOptions& options, Deadline deadline, Transcript& transcript);

// vm/build-guest.sh of the source tree the harness was built from.
std::filesystem::path default_guest_build_script();

}  // namespace mpdts
