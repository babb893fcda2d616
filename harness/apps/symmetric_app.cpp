#include "apps/symmetric_app.hpp"

#include <csignal>
#include <sstream>

#include <boost/regex.hpp>

namespace mpdts {

SymmetricApp::SymmetricApp(std::unique_ptr<Interactive> process, int proc_id)
    : process_(std::move(process)), proc_id_(proc_id) {}

SymmetricExit SymmetricApp::interrupt(Deadline deadline) {
  process_->transcript().note(name(), "SIGINT");
  process_->signal(SIGINT);
  SymmetricExit out;
  out.status = process_->wait_exit(deadline);
  // The exit and the last bytes on the terminal race: wait for the end of the output as well.
  if (out.status) process_->wait_output([](const std::string&) { return false; }, deadline);
  out.output = process_->unconsumed();
  out.lines = parse_port_counts(out.output);
  return out;
}

std::vector<PortCountLine> SymmetricApp::parse_port_counts(const std::string& output) {
  // Whole line only; 64-bit values (a counter too large for 64 bits is not a match, and so a
  // missing line for the checks).
  static const boost::regex line_re(R"(^\s*Port (\d+): RX - (\d{1,20}), TX - (\d{1,20}), Drop - (\d{1,20})\s*$)");
  std::vector<PortCountLine> lines;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    boost::smatch m;
    if (!boost::regex_match(line, m, line_re)) continue;
    try {
      lines.push_back(
          {std::stoi(m[1].str()), std::stoull(m[2].str()), std::stoull(m[3].str()), std::stoull(m[4].str()), line});
    } catch (const std::out_of_range&) {
    }
  }
  return lines;
}

}  // namespace mpdts
