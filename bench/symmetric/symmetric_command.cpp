#include "symmetric/symmetric_command.hpp"

#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "core/error.hpp"
#include "bench_start.hpp"
#include "machine_note.hpp"
#include "topology/topology.hpp"

namespace mpdts::bench {

int run_symmetric_command(const SymmetricCommand& c) {
  const auto loaded = start_measuring(c.topology, c.out_dir);
  if (!loaded) return 2;
  const Topology& topology = *loaded;
  MachineNote machine = machine_note_now(MPDTS_DPDK_VERSION);
  std::cout << fmt::format("symmetric forwarding: {} processes, window until every queue took {} packets more\n",
                           c.options.processes, c.options.packets_per_queue)
            << std::flush;
  Transcript transcript;
  int rc = 0;
  try {
    const auto rates = measure_symmetric_rates(topology, c.options, transcript);
    machine.load1_after = load_average_1min();
    std::ofstream(c.out_dir / kSymmetricCsv, std::ios::binary) << symmetric_rates_csv(rates);
    std::cout << symmetric_rates_table(rates) << "machine: " << describe(machine) << "\n"
              << "written: " << (c.out_dir / kSymmetricCsv).string() << "\n";
  } catch (const HarnessError& e) {
    std::cerr << "mpdts-bench: " << e.what() << "\n";
    rc = 1;
  }
  std::ofstream(c.out_dir / kSymmetricTranscript, std::ios::binary) << transcript.text();
  return rc;
}

}  // namespace mpdts::bench
