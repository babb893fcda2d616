#include "console.hpp"

#include <cstdarg>
#include <cstdio>
#include <vector>

namespace symmp {

void say(const char* fmt, ...) {
    std::va_list ap;
    va_start(ap, fmt);
    std::vprintf(fmt, ap);
    va_end(ap);
    std::fputc('\n', stdout);
    std::fflush(stdout);  // live on a pipe, where stdio would otherwise block-buffer
}

std::string strprintf(const char* fmt, ...) {
    std::va_list ap;
    va_start(ap, fmt);
    std::va_list ap2;
    va_copy(ap2, ap);
    const int n = std::vsnprintf(nullptr, 0, fmt, ap);
    va_end(ap);
    std::string out;
    if (n > 0) {
        std::vector<char> buf(static_cast<std::size_t>(n) + 1);
        std::vsnprintf(buf.data(), buf.size(), fmt, ap2);
        out.assign(buf.data(), static_cast<std::size_t>(n));
    }
    va_end(ap2);
    return out;
}

void print_error(const std::string& message) {
    std::fflush(stdout);  // keep ordering sensible when both streams go to one terminal
    std::fprintf(stderr, "symmetric_mp: error: %s\n", message.c_str());
    std::fflush(stderr);
}

}  // namespace symmp
