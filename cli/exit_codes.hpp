// The exit codes of `mpdts`, the same for every subcommand that runs cases (documented in README.md
// and `mpdts --help`). Scripts and CI rely on them: keep them stable.
#pragma once

namespace mpdts::cli {

inline constexpr int kPassed = 0;        // every selected case passed (skipped cases do not count against)
inline constexpr int kFailures = 1;      // at least one case failed (or the cases binary died mid-case)
inline constexpr int kSetupError = 2;    // usage, topology, results directory or set-up error: nothing judged
inline constexpr int kInterrupted = 130; // SIGINT (Ctrl-C); SIGTERM gives 143. Everything was undone first.

}  // namespace mpdts::cli
