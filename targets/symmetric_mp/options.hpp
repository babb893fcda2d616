// Application options of symmetric_mp (everything after the EAL's "--").
//
// Parsing is pure (no DPDK calls) so that a wrong command line is rejected before EAL takes
// hugepages or talks to a primary. Checks that need the EAL (does port p exist?) come later.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace symmp {

// Which port configuration the primary asks the device for.
enum class OffloadRequest {
    // Only what the device advertises (RSS hash types and RX checksum offloads masked by its
    // capabilities), with the fallback: without RSS, then without the checksum offload.
    Capabilities,
    // Exactly what DPDK's unmodified example asks: RSS on IP (masked by the capabilities, mq_mode
    // RSS kept even when nothing is left) and the full RX checksum offload, retried as the example
    // does: without the checksum offload after EINVAL, without RSS after ENOTSUP.
    DpdkExample,
};

struct Options {
    std::uint64_t port_mask = 0;
    std::uint16_t num_procs = 0;  // N: queues per port, one per process
    std::uint16_t proc_id = 0;    // n: the queue this process uses, 0 <= n < N
    OffloadRequest offload_request = OffloadRequest::Capabilities;  // --offload-request
    // Ports selected by the mask, ascending. Pairs are (ports[0], ports[1]), (ports[2], ports[3]), ...
    std::vector<std::uint16_t> ports;
};

struct ParseOutcome {
    std::optional<Options> options;  // set when the command line is valid
    bool help = false;               // -h/--help was given: print usage, exit 0
    std::string error;               // one-line reason when neither of the above
};

// Parses the application arguments (without the program name and without the "--").
// Accepts: -p <hex>, -p<hex>, --num-procs <N>, --num-procs=N, --proc-id <n>, --proc-id=n,
// --offload-request capabilities|dpdk (also with '=').
ParseOutcome parse_options(std::span<const char* const> args);

// The application arguments of a full argv: whatever follows the first "--"
// (the EAL stops parsing there too). nullopt when there is no "--" at all.
std::optional<std::span<const char* const>> application_args(int argc, char** argv);

// One-paragraph usage text.
std::string usage_text(const char* program);

}  // namespace symmp
