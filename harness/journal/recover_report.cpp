#include "journal/recover_report.hpp"

#include <unistd.h>

#include <iostream>

#include "core/error.hpp"

namespace mpdts::recovery {

int recover_and_report(Options options, const std::string& program) {
  if (::geteuid() != 0) {
    std::cerr << program << ": must run as root (it kills processes, unmounts, deletes netns, binds PCI)\n";
    return 2;
  }
  options.say = [](const std::string& line) { std::cout << line << std::endl; };
  try {
    const auto r = recover(options);
    std::cout << program << ": " << r.dead_journals << " journal(s) of dead harnesses, " << r.live_journals
              << " of live ones left alone; " << r.undone << (options.dry_run ? " effect(s) to undo, " : " undone, ")
              << r.already_gone << " already gone, " << r.failed << " failed\n";
    if (r.failed > 0) return 1;
    if (options.dry_run && r.anything_to_do()) return 3;
    return 0;
  } catch (const HarnessError& e) {
    std::cerr << program << ": " << e.what() << "\n";
    return 2;
  }
}

}  // namespace mpdts::recovery
