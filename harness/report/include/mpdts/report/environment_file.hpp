// Adding to a run's environment.json after the run started: what is only known once a case has
// set it up (e.g. the accelerator a QEMU guest really got, and its boot time). Several case
// processes of one ctest run may do it at once: a lock file serializes the read-modify-write.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

namespace mpdts::report {

// Sets every key of `fields` in <results_dir>/environment.json (created if missing), keeping the
// others. Throws std::runtime_error naming the file when it cannot be read or written.
void merge_into_environment(const std::filesystem::path& results_dir, const nlohmann::json& fields);

}  // namespace mpdts::report
