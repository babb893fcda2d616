// Everything the app shows the user goes through here, so that "live output" is enforced in one place.
#pragma once

#include <string_view>

namespace hotplug_mp::console {

// Must run before anything is written to stdout: on a pipe stdio would otherwise buffer whole
// blocks, and a test driving the prompt would wait for output that sits in our buffer.
void make_output_live();

// One complete line on stdout, flushed.
void line(std::string_view text);

// The prompt the suite (and DPDK's example) waits for; no newline, flushed.
void prompt();

// A diagnostic on stderr, prefixed with the program name. Kept off stdout so that each command
// still produces exactly its contracted result line there.
void note(std::string_view text);

}  // namespace hotplug_mp::console
