// The symmetric_mp case's steps on a bench, wherever its processes run (host or guest): testpmd
// sends on every queue of its vhost-user ports and counts what comes back (`set fwd flowgen`); the
// processes start one by one, each seen forwarding before the next; a bounded amount of traffic
// goes through every queue; a one-way probe per port (testpmd sends to that port alone: nothing may
// come back on it); SIGINT stops them (secondaries first); testpmd reads what is still arriving
// until its counts settle. Their count lines must add up, per process and against what testpmd
// sent, and what they say they sent on each port must be what testpmd received from it. Failures
// go to GoogleTest (non-fatal), saying which process and port, with both sides' counters.
//
// When a process is up is read from the traffic, not from the application's own start-up lines
// (the plan shows none): a virtio ring holds kRingSize packets, so once testpmd has put more than
// a few rings' worth on queue n of both ports, process n is receiving from it.
#pragma once

#include <string>
#include <vector>

#include "symmetric/symmetric_bench.hpp"
#include "symmetric/symmetric_checks.hpp"

namespace mpdts::symmetric {

struct RunOptions {
  std::vector<std::string> app_args;  // after the plan's -p/--num-procs/--proc-id, for every process
  Seconds start_timeout{30};          // a process's start, up to being seen forwarding
  Seconds quit_timeout{15};           // exit after SIGINT
  Seconds traffic_budget{30};         // time allowed for the bounded traffic
};

struct RunResult {
  std::vector<ProcessCounts> counts;  // per process, in start order
  std::vector<std::string> outputs;   // everything each process printed, in start order
  bool all_forwarded = false;
};

RunResult run_forwarding_case(SymmetricBench& bench, int processes, Transcript& transcript, const RunOptions& options);

}  // namespace mpdts::symmetric
