#include "commands.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <rte_dev.h>
#include <rte_ethdev.h>

#include "console.hpp"
#include "device_lookup.hpp"
#include "parsed_devargs.hpp"

namespace hotplug_mp {

namespace {

// Generous for real devargs (a vhost socket path, a few key=value pairs) yet far from anything
// EAL would choke on; DPDK's example silently capped its token at 128 bytes.
constexpr std::size_t max_argument_bytes = 1024;

// The result lines are DPDK's example's, word for word, including "failed to attached" (sic):
// the suite and existing test plans match on these strings, so this app stays a drop-in.
std::string attached(std::string_view name) { return "attached device " + std::string(name); }
std::string attach_failed(std::string_view name)
{
    return "failed to attached device " + std::string(name);
}
std::string detached(std::string_view name) { return "detached device " + std::string(name); }
std::string detach_failed(std::string_view name)
{
    return "failed to detach device " + std::string(name);
}
std::string unparsable(std::string_view text)
{
    return "cannot parse devargs: " + std::string(text);
}

void help()
{
    console::line("commands:");
    console::line("  attach <devargs>   attach a device in all processes");
    console::line("  detach <devargs>   detach a device from all processes");
    console::line("  list               list all ethdev ports");
    console::line("  quit               leave (also on end of input, SIGINT, SIGTERM)");
    console::line("  help               show this help");
}

void list()
{
    console::line("list all etherdev");
    std::uint16_t port = 0;
    RTE_ETH_FOREACH_DEV(port) {
        std::array<char, RTE_ETH_NAME_MAX_LEN> name{};
        if (rte_eth_dev_get_name_by_port(port, name.data()) == 0 && name[0] != '\0')
            console::line(std::to_string(port) + "\t" + name.data());
        else
            console::note("port " + std::to_string(port) + " has no name");
    }
}

void attach(const std::string& text)
{
    const ParsedDevargs devargs(text);
    if (!devargs) {
        console::line(unparsable(text));
        return;
    }
    // Checked here because EAL 22.11 would report the duplicate as a success (see
    // device_lookup.hpp). Hotplug is not called at all, so no other process is disturbed.
    if (const auto port = find_port_of_device(devargs.bus_name(), devargs.name())) {
        console::note(std::string(devargs.name()) + " is already attached (port " +
                      std::to_string(*port) + "), not attaching it again");
        console::line(attach_failed(devargs.name()));
        return;
    }
    // From a secondary, EAL forwards the request to the primary, which attaches the device in
    // every process before we get the answer; the ethdev then shows in all `list`s.
    if (rte_eal_hotplug_add(devargs.bus_name(), devargs.name(), devargs.args()) == 0)
        console::line(attached(devargs.name()));
    else
        console::line(attach_failed(devargs.name()));
}

void detach(const std::string& text)
{
    const ParsedDevargs devargs(text);
    if (!devargs) {
        console::line(unparsable(text));
        return;
    }
    // EAL 22.11 does fail on an absent device, but we answer locally for symmetry with attach
    // and so that a typo never triggers a multi-process request.
    if (!find_port_of_device(devargs.bus_name(), devargs.name())) {
        console::note(std::string(devargs.name()) + " is not attached, nothing to detach");
        console::line(detach_failed(devargs.name()));
        return;
    }
    if (rte_eal_hotplug_remove(devargs.bus_name(), devargs.name()) == 0)
        console::line(detached(devargs.name()));
    else
        console::line(detach_failed(devargs.name()));
}

// Words are separated by blanks; devargs never contain blanks (DPDK's example had the same rule).
std::vector<std::string> split_words(std::string_view line)
{
    std::vector<std::string> words;
    constexpr std::string_view blanks = " \t\r\v\f";
    std::size_t pos = 0;
    while ((pos = line.find_first_not_of(blanks, pos)) != std::string_view::npos) {
        const std::size_t end = line.find_first_of(blanks, pos);
        words.emplace_back(line.substr(pos, end - pos));
        pos = end;
    }
    return words;
}

// attach/detach share their argument checks; one line, naming the problem, on any of them.
bool check_single_argument(const std::vector<std::string>& words)
{
    const std::string usage = " (usage: " + words[0] + " <devargs>)";
    if (words.size() < 2) {
        console::line(words[0] + ": missing argument <devargs>" + usage);
        return false;
    }
    if (words.size() > 2) {
        console::line(words[0] + ": too many arguments" + usage);
        return false;
    }
    if (words[1].size() > max_argument_bytes) {
        console::line(words[0] + ": argument too long (" + std::to_string(words[1].size()) +
                      " bytes, at most " + std::to_string(max_argument_bytes) + ")");
        return false;
    }
    return true;
}

bool check_no_argument(const std::vector<std::string>& words)
{
    if (words.size() > 1) {
        console::line(words[0] + ": takes no arguments");
        return false;
    }
    return true;
}

}  // namespace

Next run_command_line(std::string_view line)
{
    const std::vector<std::string> words = split_words(line);
    if (words.empty())
        return Next::prompt_again;
    const std::string& command = words[0];

    if (command == "attach" || command == "detach") {
        if (check_single_argument(words)) {
            if (command == "attach")
                attach(words[1]);
            else
                detach(words[1]);
        }
    } else if (command == "list") {
        if (check_no_argument(words))
            list();
    } else if (command == "help") {
        if (check_no_argument(words))
            help();
    } else if (command == "quit") {
        if (check_no_argument(words))
            return Next::quit;
    } else {
        console::line("unknown command: " + command);
    }
    return Next::prompt_again;
}

}  // namespace hotplug_mp
