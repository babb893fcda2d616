#include "options.hpp"

#include <bit>
#include <charconv>
#include <cstdio>
#include <limits>
#include <string_view>

namespace symmp {
namespace {

// Strict unsigned parse: the whole text must be digits of the given base (no sign, no spaces).
template <typename T>
std::optional<T> parse_unsigned(std::string_view text, int base) {
    if (text.empty())
        return std::nullopt;
    T value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
    if (ec != std::errc{} || ptr != end)
        return std::nullopt;
    return value;
}

std::optional<std::uint64_t> parse_hex_mask(std::string_view text) {
    if (text.starts_with("0x") || text.starts_with("0X"))
        text.remove_prefix(2);
    return parse_unsigned<std::uint64_t>(text, 16);
}

// The value of an option, from "--opt=value", "-pvalue" or the next argument.
// `inline_value` is what followed the option name in the same argument, if anything.
struct ValueSource {
    std::span<const char* const> args;
    std::size_t& index;
};

std::optional<std::string_view> take_value(ValueSource src, std::optional<std::string_view> inline_value) {
    if (inline_value)
        return inline_value;
    if (src.index + 1 >= src.args.size())
        return std::nullopt;
    return std::string_view{src.args[++src.index]};
}

}  // namespace

std::optional<std::span<const char* const>> application_args(int argc, char** argv) {
    std::span<const char* const> all{const_cast<const char* const*>(argv), static_cast<std::size_t>(argc)};
    for (std::size_t i = 1; i < all.size(); ++i)
        if (std::string_view{all[i]} == "--")
            return all.subspan(i + 1);
    return std::nullopt;
}

std::string usage_text(const char* program) {
    return std::string("usage: ") + program +
           " <EAL args> -- -p <hex portmask> --num-procs <N> --proc-id <n>\n"
           "  -p <hex>          ports to use (an even number; paired in mask order: 1st<->2nd, 3rd<->4th, ...)\n"
           "  --num-procs <N>   number of symmetric_mp processes (RX/TX queues per port), N >= 1\n"
           "  --proc-id <n>     this process's queue on every port, 0 <= n < N\n"
           "  --offload-request capabilities|dpdk\n"
           "                    primary: ask the device only for what it advertises, falling back without\n"
           "                    RSS and the RX checksum offload (capabilities, the default), or ask exactly\n"
           "                    what DPDK's unmodified example asks and retry as it does (dpdk)\n";
}

ParseOutcome parse_options(std::span<const char* const> args) {
    ParseOutcome out;
    std::optional<std::uint64_t> mask;
    std::optional<unsigned long> num_procs;
    std::optional<unsigned long> proc_id;
    std::optional<OffloadRequest> offload_request;
    auto fail = [&out](std::string message) {
        out.error = std::move(message);
        return out;
    };

    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg{args[i]};
        const ValueSource src{args, i};

        if (arg == "-h" || arg == "--help") {
            out.help = true;
            return out;
        }

        if (arg.starts_with("-p") && !arg.starts_with("--")) {
            std::optional<std::string_view> inline_value;
            if (arg.size() > 2)
                inline_value = arg.substr(2);
            const auto value = take_value(src, inline_value);
            if (!value)
                return fail("-p needs a hex port mask");
            if (mask)
                return fail("-p given more than once");
            mask = parse_hex_mask(*value);
            if (!mask)
                return fail("-p '" + std::string(*value) + "' is not a hex port mask");
            if (*mask == 0)
                return fail("-p port mask is zero: select at least two ports");
            continue;
        }

        // Long options, "--name value" or "--name=value".
        if (arg.starts_with("--")) {
            const auto eq = arg.find('=');
            const std::string_view name = arg.substr(0, eq);
            std::optional<std::string_view> inline_value;
            if (eq != std::string_view::npos)
                inline_value = arg.substr(eq + 1);

            if (name == "--offload-request") {
                const auto value = take_value(src, inline_value);
                if (!value)
                    return fail("--offload-request needs 'capabilities' or 'dpdk'");
                if (offload_request)
                    return fail("--offload-request given more than once");
                if (*value == "capabilities")
                    offload_request = OffloadRequest::Capabilities;
                else if (*value == "dpdk")
                    offload_request = OffloadRequest::DpdkExample;
                else
                    return fail("--offload-request '" + std::string(*value) + "': expected 'capabilities' or 'dpdk'");
                continue;
            }

            std::optional<unsigned long>* target = nullptr;
            if (name == "--num-procs")
                target = &num_procs;
            else if (name == "--proc-id")
                target = &proc_id;
            else
                return fail("unknown option '" + std::string(arg) + "'");

            const auto value = take_value(src, inline_value);
            if (!value)
                return fail(std::string(name) + " needs a decimal number");
            if (*target)
                return fail(std::string(name) + " given more than once");
            *target = parse_unsigned<unsigned long>(*value, 10);
            if (!*target)
                return fail(std::string(name) + " '" + std::string(*value) + "' is not a non-negative decimal number");
            continue;
        }

        if (arg.starts_with("-"))
            return fail("unknown option '" + std::string(arg) + "'");
        return fail("unexpected argument '" + std::string(arg) + "'");
    }

    if (!mask)
        return fail("missing -p <hex portmask>");
    if (!num_procs)
        return fail("missing --num-procs <N>");
    if (!proc_id)
        return fail("missing --proc-id <n>");
    // Queue ids are 16-bit in ethdev; the device's own queue limit is checked at port setup.
    if (*num_procs < 1)
        return fail("--num-procs must be at least 1");
    if (*num_procs > std::numeric_limits<std::uint16_t>::max())
        return fail("--num-procs " + std::to_string(*num_procs) + " is too large");
    if (*proc_id >= *num_procs)
        return fail("--proc-id " + std::to_string(*proc_id) + " is out of range: it must be below --num-procs " +
                    std::to_string(*num_procs));
    if (const int count = std::popcount(*mask); count % 2 != 0) {
        char hex[32];
        std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(*mask));
        return fail(std::string("port mask ") + hex + " selects " + std::to_string(count) +
                    (count == 1 ? " port" : " ports") + ": ports are forwarded in pairs, so the count must be even");
    }

    Options opts;
    opts.port_mask = *mask;
    opts.num_procs = static_cast<std::uint16_t>(*num_procs);
    opts.proc_id = static_cast<std::uint16_t>(*proc_id);
    opts.offload_request = offload_request.value_or(OffloadRequest::Capabilities);
    for (unsigned bit = 0; bit < 64; ++bit)
        if (*mask & (std::uint64_t{1} << bit))
            opts.ports.push_back(static_cast<std::uint16_t>(bit));
    out.options = std::move(opts);
    return out;
}

}  // namespace symmp
