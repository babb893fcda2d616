#include "console.hpp"

#include <cstdio>

namespace hotplug_mp::console {

namespace {

// stdio, not iostreams: EAL writes its log lines to the same stdout FILE, so sharing that one
// buffer keeps our lines and EAL's lines in the order they happened.
void write_flushed(std::FILE* stream, std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stream);
    std::fflush(stream);
}

}  // namespace

void make_output_live()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
}

void line(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    write_flushed(stdout, "\n");
}

void prompt()
{
    write_flushed(stdout, "example> ");
}

void note(std::string_view text)
{
    std::fputs("hotplug_mp: ", stderr);
    std::fwrite(text.data(), 1, text.size(), stderr);
    write_flushed(stderr, "\n");
}

}  // namespace hotplug_mp::console
