// The hotplug scaling benchmark: one primary and a growing number of secondaries of hotplug_mp in one
// EAL sandbox (one file prefix, one private hugetlbfs mount), a net_null vdev attached and detached
// again and again, requested by the primary and by a secondary. Each repetition is timed and checked
// like a conformance step (the result line, then `list` in every process), so a number is only kept
// when the behaviour behind it was right; the first wrong step stops the run with what was wrong.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "process/transcript.hpp"
#include "topology/topology.hpp"

namespace mpdts::bench {

enum class Requester { Primary, Secondary };
enum class HotplugOp { Attach, Detach, List };
std::string to_string(Requester r);
std::string to_string(HotplugOp op);

struct HotplugScalingOptions {
  std::vector<int> secondaries{1, 2, 4, 8, 16};  // ascending; processes are added, never restarted
  int repetitions = 30;                          // timed attach+detach pairs per requester and level
  int warmup = 2;                                // untimed pairs first at each level (still checked)
  std::string devargs = "net_null0";             // attach argument; detach and `list` use the name
  std::string device_name = "net_null0";
};

struct LatencySample {
  int secondaries = 0;
  Requester requester = Requester::Primary;
  HotplugOp op = HotplugOp::Attach;
  int repetition = 0;
  double to_result_ms = 0;  // until the result line (for list: the whole round-trip)
  double to_prompt_ms = 0;  // until the prompt is back
};

struct HotplugScalingResult {
  std::vector<LatencySample> samples;
  std::vector<double> secondary_start_ms;  // start-up of each secondary, to its first prompt, in order
  double primary_start_ms = 0;
  int checked_lists = 0;                   // `list` answers checked (each one in one process)
};

// Thrown when a step did the wrong thing (the message says which step, which process, what it
// printed); the partial result up to that point is in `partial`.
struct BenchBroken : std::runtime_error {
  BenchBroken(const std::string& what, HotplugScalingResult partial)
      : std::runtime_error(what), partial(std::move(partial)) {}
  HotplugScalingResult partial;
};

// Runs the benchmark against the topology's hotplug_mp (its path, EAL arguments, contract and
// timeouts). `progress` receives one line per level. Needs root (hugetlbfs mount) like the cases.
HotplugScalingResult run_hotplug_scaling(const Topology& topology, const HotplugScalingOptions& options,
                                         Transcript& transcript,
                                         const std::function<void(const std::string&)>& progress);

}  // namespace mpdts::bench
