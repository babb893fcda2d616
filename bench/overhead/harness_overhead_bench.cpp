// The harness's own cost, in process (Google Benchmark): a prompt round-trip through the prompt
// engine against the fake interactive program, next to the same round-trip with no harness at all
// (bare pty I/O) and to the engine with no process (loopback); transcript appends and rendering;
// topology loading. Numbers, not verdicts: run it by hand (`build/mpdts-bench-overhead`).
#include <benchmark/benchmark.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "overhead/loopback_interactive.hpp"
#include "overhead/raw_pty_fake.hpp"
#include "process/child_process.hpp"
#include "process/prompt_session.hpp"
#include "process/transcript.hpp"
#include "topology/topology.hpp"

namespace {

using namespace mpdts;

// The fake's whole job for `say x`: print x and the prompt. The bare pty round-trip is that plus
// the kernel's terminal and two context switches: the floor under any harness.
void RoundTrip_RawPty(benchmark::State& state) {
  bench::RawPtyFake fake(FAKE_INTERACTIVE);
  for (auto _ : state) benchmark::DoNotOptimize(fake.round_trip("say hello"));
}
BENCHMARK(RoundTrip_RawPty)->UseRealTime();

// The same through ChildProcess + OutputPump (its reader thread, terminal-text cleaning, transcript)
// + PromptSession (prompt search, consume): the difference to RawPty is the harness's overhead.
void RoundTrip_PromptSession(benchmark::State& state) {
  Transcript transcript;
  PromptSession session(
      std::make_unique<ChildProcess>(SpawnOptions{{FAKE_INTERACTIVE}, "fake", true, std::nullopt, {}}, transcript),
      "fake> ", Seconds(5));
  session.wait_prompt(Deadline::in(Seconds(5)));
  for (auto _ : state) benchmark::DoNotOptimize(session.command("say hello"));
  session.send_and_wait_exit("quit", Deadline::in(Seconds(5)));
}
BENCHMARK(RoundTrip_PromptSession)->UseRealTime();

// The engine alone: no process, the reply is there as soon as the line is sent.
void RoundTrip_Loopback(benchmark::State& state) {
  PromptSession session(std::make_unique<bench::LoopbackInteractive>("hello", "fake> "), "fake> ", Seconds(5));
  session.wait_prompt(Deadline::in(Seconds(5)));
  for (auto _ : state) benchmark::DoNotOptimize(session.command("say hello"));
}
BENCHMARK(RoundTrip_Loopback);

// One output chunk of `range(0)` bytes (a line) appended to a transcript that keeps growing, as
// during a case.
void Transcript_AppendLine(benchmark::State& state) {
  Transcript t;
  const std::string line(static_cast<std::size_t>(state.range(0)) - 1, 'x');
  const std::string chunk = line + "\n";
  for (auto _ : state) t.output("primary", chunk);
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(Transcript_AppendLine)->Arg(32)->Arg(256)->Arg(4096);

// A line arriving in pieces (as from a pty): the transcript joins them into one entry.
void Transcript_AppendPieces(benchmark::State& state) {
  Transcript t;
  for (auto _ : state) {
    t.output("primary", "attached dev");
    t.output("primary", "ice net_null0\n");
  }
}
BENCHMARK(Transcript_AppendPieces);

// Rendering a whole case's transcript for the report (range(0) entries).
void Transcript_Render(benchmark::State& state) {
  Transcript t;
  for (int i = 0; i < state.range(0); ++i) t.output(i % 2 ? "primary" : "secondary", "0\tnet_null0\n");
  for (auto _ : state) benchmark::DoNotOptimize(t.text());
}
BENCHMARK(Transcript_Render)->Arg(100)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

std::string read_text(const std::string& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Loading and validating the embedded topology (done once per run, before anything is touched).
void Topology_LoadEmbedded(benchmark::State& state) {
  const std::string file = MPDTS_SOURCE_DIR "/topologies/embedded.yaml";
  for (auto _ : state) benchmark::DoNotOptimize(load_topology(file));
}
BENCHMARK(Topology_LoadEmbedded)->Unit(benchmark::kMicrosecond);

// Parsing only (no file read, no binary lookups on disk beyond what validation needs).
void Topology_ParseEmbedded(benchmark::State& state) {
  const std::string file = MPDTS_SOURCE_DIR "/topologies/embedded.yaml";
  const std::string text = read_text(file);
  for (auto _ : state) benchmark::DoNotOptimize(parse_topology(text, file));
}
BENCHMARK(Topology_ParseEmbedded)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
