// `mpdts-bench symmetric`: measures symmetric_mp's per-process rates against testpmd's own rate.
#pragma once

#include <filesystem>

#include "symmetric/symmetric_rates.hpp"

namespace mpdts::bench {

struct SymmetricCommand {
  std::filesystem::path topology;
  std::filesystem::path out_dir;
  SymmetricRatesOptions options;
};

// Exit code: 0 measured (and the forwarding checked right), 1 wrong forwarding or a failure while
// measuring, 2 set-up error (topology).
int run_symmetric_command(const SymmetricCommand& command);

}  // namespace mpdts::bench
