#pragma once

#include <filesystem>
#include <string_view>

namespace mpdts::report {

// Writes `contents` to a temporary file next to `path`, then renames it over `path`,
// so a reader (or a parallel ctest process) never sees a half-written file. Creates
// the parent directory if needed. Throws std::runtime_error naming the path on failure.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace mpdts::report
