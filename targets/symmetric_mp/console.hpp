// Console output for symmetric_mp.
//
// A harness reads our stdout through a pipe and waits for particular lines, so every line is
// written and flushed at once; errors are single lines on stderr so they can be matched verbatim.
#pragma once

#include <stdexcept>
#include <string>

namespace symmp {

// Prints one formatted line on stdout and flushes it.
[[gnu::format(printf, 1, 2)]] void say(const char* fmt, ...);

// printf-style formatting into a std::string (GCC 12 has no std::format).
[[gnu::format(printf, 1, 2)]] std::string strprintf(const char* fmt, ...);

// Exit codes: 2 = the command line is wrong (including ports that do not exist or a
// --num-procs that contradicts the primary), 1 = the environment or a device failed.
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRuntime = 1;

// Thrown by any step that cannot continue; main() prints it as one line and cleans up EAL.
struct Failure : std::runtime_error {
    int exit_code;
    Failure(int code, const std::string& message) : std::runtime_error(message), exit_code(code) {}
};

// Prints "symmetric_mp: error: <message>" on stderr.
void print_error(const std::string& message);

}  // namespace symmp
