#include "line_reader.hpp"

#include <array>
#include <cerrno>

#include <poll.h>
#include <unistd.h>

namespace hotplug_mp {

LineReader::LineReader(int input_fd, const ShutdownSignals& signals, std::size_t max_line_bytes)
    : input_fd_(input_fd), signals_(signals), max_line_(max_line_bytes)
{
}

LineReader::Result LineReader::next()
{
    for (;;) {
        // Checked before buffered lines too: when a script has already queued many commands,
        // SIGTERM should still stop us at the next prompt rather than after all of them.
        if (signal_pending(0))
            return {Status::signal, {}, signals_.take()};
        Result buffered{Status::line, {}};
        if (take_buffered_line(buffered))
            return buffered;
        if (eof_) {
            // A last line without its newline still counts as a command.
            if (discarding_ || !buffer_.empty()) {
                Result last{buffer_.size() > max_line_ || discarding_ ? Status::too_long
                                                                       : Status::line,
                            {}};
                if (last.status == Status::line)
                    last.text = std::move(buffer_);
                buffer_.clear();
                discarding_ = false;
                return last;
            }
            return {Status::end_of_input, {}};
        }
        read_more();
    }
}

bool LineReader::signal_pending(int timeout_ms) const
{
    pollfd fd{signals_.fd(), POLLIN, 0};
    return poll(&fd, 1, timeout_ms) > 0 && (fd.revents & POLLIN) != 0;
}

bool LineReader::take_buffered_line(Result& out)
{
    const auto newline = buffer_.find('\n');
    if (newline == std::string::npos) {
        // Bound memory: an endless line is dropped as it streams in, not collected first.
        if (buffer_.size() > max_line_) {
            discarding_ = true;
            buffer_.clear();
        }
        return false;
    }
    if (discarding_ || newline > max_line_) {
        buffer_.erase(0, newline + 1);
        discarding_ = false;
        out.status = Status::too_long;
        return true;
    }
    out.status = Status::line;
    out.text.assign(buffer_, 0, newline);
    buffer_.erase(0, newline + 1);
    // Tolerate CRLF input (Windows-edited scripts, some serial consoles).
    if (!out.text.empty() && out.text.back() == '\r')
        out.text.pop_back();
    return true;
}

void LineReader::read_more()
{
    std::array<pollfd, 2> fds{{{signals_.fd(), POLLIN, 0}, {input_fd_, POLLIN, 0}}};
    if (poll(fds.data(), fds.size(), -1) < 0)
        return;  // EINTR (e.g. a debugger); the caller just loops
    if (fds[0].revents != 0)
        return;  // the caller sees the signal on its next round
    if (fds[1].revents == 0)
        return;

    std::array<char, 4096> chunk{};
    const ssize_t n = read(input_fd_, chunk.data(), chunk.size());
    if (n > 0) {
        buffer_.append(chunk.data(), static_cast<std::size_t>(n));
        return;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return;
    // 0 is EOF; any other error (EIO after a terminal hang-up, a closed descriptor) ends the
    // input just the same: there is nothing more we could read.
    eof_ = true;
}

}  // namespace hotplug_mp
