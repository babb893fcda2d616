// Test support: tests/sample_bench/, a bench directory as `mpdts-bench hotplug` and
// `mpdts-bench symmetric` leave it (see its README.md).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "scratch_dir.hpp"

namespace mpdts::report::test {

// The text of one file of tests/sample_bench/, e.g. "hotplug-scaling.svg".
std::string sample_bench_file(std::string_view name);

// A copy of tests/sample_bench/ in scratch.path()/relative, the plot written
// 2026-03-01 10:05:00 UTC, the other files 2026-03-01 10:06:00 UTC. Returns the directory.
std::filesystem::path write_sample_bench(const ScratchDir& scratch, const std::filesystem::path& relative);

// Sets a file's modification time to a UTC time such as "2026-03-01T10:05:00Z".
void set_modified(const std::filesystem::path& file, std::string_view utc);

}  // namespace mpdts::report::test
