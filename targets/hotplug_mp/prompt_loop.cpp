#include "prompt_loop.hpp"

#include <csignal>
#include <cstring>
#include <string>

#include <unistd.h>

#include "commands.hpp"
#include "console.hpp"
#include "line_reader.hpp"

namespace hotplug_mp {

namespace {

// Longer than any sane command line; beyond it a line is dropped rather than buffered forever.
constexpr std::size_t max_line_bytes = 4096;

}  // namespace

void run_prompt_loop(const ShutdownSignals& signals)
{
    LineReader reader(STDIN_FILENO, signals, max_line_bytes);
    for (;;) {
        console::prompt();
        const LineReader::Result input = reader.next();
        switch (input.status) {
        case LineReader::Status::line:
            if (run_command_line(input.text) == Next::quit)
                return;
            break;
        case LineReader::Status::too_long:
            console::line("input line too long (more than " + std::to_string(max_line_bytes) +
                          " bytes), ignored");
            break;
        case LineReader::Status::end_of_input:
            // Ends the pending prompt line, which no typed newline ended (Ctrl-D, closed pipe).
            console::line("");
            return;
        case LineReader::Status::signal:
            console::line("");
            console::note(std::string("received SIG") + sigabbrev_np(input.signal) +
                          ", cleaning up");
            return;
        }
    }
}

}  // namespace hotplug_mp
