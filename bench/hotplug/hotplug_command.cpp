#include "hotplug/hotplug_command.hpp"

#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "hotplug/scaling_report.hpp"
#include "bench_start.hpp"
#include "machine_note.hpp"
#include "topology/topology.hpp"

namespace mpdts::bench {
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw HarnessError("cannot write " + file.string());
}

nlohmann::json run_json(const MachineNote& m, const HotplugCommand& c, const HotplugScalingResult& r) {
  return {{"machine", {{"cpus", m.cpus}, {"cpu_model", m.cpu_model}, {"kernel", m.kernel}, {"dpdk", m.dpdk_version},
                       {"load1_before", m.load1_before}, {"load1_after", m.load1_after}, {"started", m.started_utc}}},
          {"topology", c.topology.string()},
          {"device", c.options.devargs},
          {"secondaries", c.options.secondaries},
          {"repetitions", c.options.repetitions},
          {"warmup", c.options.warmup},
          {"primary_start_ms", r.primary_start_ms},
          {"secondary_start_ms", r.secondary_start_ms},
          {"checked_lists", r.checked_lists},
          {"files", {{"summary_csv", kScalingSummaryCsv}, {"samples_csv", kScalingSamplesCsv}, {"svg", kScalingSvg},
                     {"transcript", kScalingTranscript}}}};
}

}  // namespace

int run_hotplug_command(const HotplugCommand& c) {
  const auto loaded = start_measuring(c.topology, c.out_dir);
  if (!loaded) return 2;
  const Topology& topology = *loaded;
  MachineNote machine = machine_note_now(MPDTS_DPDK_VERSION);
  std::cout << fmt::format("hotplug scaling: {} from primary and secondary, secondaries {}, {} repetitions (+{} warm-up)\n",
                           c.options.devargs, fmt::join(c.options.secondaries, ","), c.options.repetitions,
                           c.options.warmup)
            << std::flush;

  Transcript transcript;
  HotplugScalingResult result;
  int rc = 0;
  try {
    result = run_hotplug_scaling(topology, c.options, transcript,
                                 [](const std::string& line) { std::cout << "  " << line << "\n" << std::flush; });
  } catch (const BenchBroken& e) {
    std::cerr << "mpdts-bench: hotplug_mp did the wrong thing, the numbers are not valid:\n" << e.what() << "\n";
    result = e.partial;
    rc = 1;
  } catch (const HarnessError& e) {
    std::cerr << "mpdts-bench: " << e.what() << "\n";
    write_file(c.out_dir / kScalingTranscript, transcript.text());
    return 2;
  }
  machine.load1_after = load_average_1min();
  write_file(c.out_dir / kScalingTranscript, transcript.text());
  write_file(c.out_dir / kScalingSamplesCsv, samples_csv(result.samples));
  if (rc != 0) {
    std::cerr << "mpdts-bench: samples up to the failure and the transcript are in " << c.out_dir.string() << "\n";
    return rc;
  }
  const auto rows = summarize_scaling(result.samples);
  const std::string note = fmt::format("{} repetitions per point, each checked in every process ({} list answers); "
                                      "hotplug_mp {} --no-pci, {}\n{}",
                                      c.options.repetitions, result.checked_lists,
                                      fmt::join(topology.hotplug_mp.eal_args, " "), c.options.devargs, describe(machine));
  write_file(c.out_dir / kScalingSummaryCsv, summary_csv(rows));
  write_file(c.out_dir / kScalingSvg, scaling_svg(rows, note));
  write_file(c.out_dir / "hotplug-scaling.json", run_json(machine, c, result).dump(2) + "\n");
  std::cout << scaling_table(rows);
  std::cout << fmt::format("start-up: primary {:.1f} ms, secondaries {:.1f} ms; {} list answers checked, all right\n",
                           result.primary_start_ms, fmt::join(result.secondary_start_ms, "/"), result.checked_lists);
  std::cout << "machine: " << describe(machine) << "\n";
  std::cout << "written: " << (c.out_dir / kScalingSvg).string() << " and the CSV files next to it\n";
  return 0;
}

}  // namespace mpdts::bench
