// What `mpdts-recover` and `mpdts recover` do, shared: checks root, recovers, prints one line per
// effect and a summary, and returns the exit code:
//   0 nothing left / all undone; 1 something could not be undone (journal kept);
//   2 not root, or the journal directory cannot be read; 3 (dry run) something would be undone.
#pragma once

#include <string>

#include "journal/recovery.hpp"

namespace mpdts::recovery {

int recover_and_report(Options options, const std::string& program);

}  // namespace mpdts::recovery
