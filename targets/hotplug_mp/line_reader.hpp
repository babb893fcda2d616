// Reads the user's command lines from stdin while staying responsive to shutdown signals.
//
// Why read(2) and not std::getline: getline blocks inside read() with no way to also wait on the
// signal descriptor. Reading the descriptor ourselves loses nothing on a terminal: the tty stays in
// canonical mode, so the kernel still does echo and line editing and hands us one finished line
// per read; on a pipe, lines may arrive split or batched, which the buffer below takes care of.
#pragma once

#include <cstddef>
#include <string>

#include "shutdown_signals.hpp"

namespace hotplug_mp {

class LineReader {
public:
    enum class Status {
        line,         // `text` holds one line, without its newline (and without a trailing '\r')
        too_long,     // a line exceeded the limit; it was discarded up to its newline
        end_of_input, // stdin reached EOF (Ctrl-D on a terminal, writer closed on a pipe)
        signal,       // a shutdown signal arrived; `signal` holds its number
    };
    struct Result {
        Status status;
        std::string text;
        int signal = 0;
    };

    // input_fd: normally 0. signals: polled together with input, see ShutdownSignals.
    LineReader(int input_fd, const ShutdownSignals& signals, std::size_t max_line_bytes);

    // Blocks until one of the outcomes above.
    Result next();

private:
    bool signal_pending(int timeout_ms) const;
    bool take_buffered_line(Result& out);
    void read_more();

    int input_fd_;
    const ShutdownSignals& signals_;
    std::size_t max_line_;
    std::string buffer_;
    bool eof_ = false;
    bool discarding_ = false;  // inside an over-long line, dropping bytes until its newline
};

}  // namespace hotplug_mp
