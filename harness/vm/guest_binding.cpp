#include "vm/guest_binding.hpp"

#include <map>
#include <sstream>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "core/error.hpp"
#include "process/transcript.hpp"
#include "vm/guest_shell.hpp"

namespace mpdts {
namespace {

const std::string kDpdkSection = "Network devices using DPDK-compatible driver";
const std::string kKernelSection = "Network devices using kernel driver";

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// "@@driver <address> <driver>" lines: what sysfs says, printed by the bind command.
std::map<std::string, std::string> sysfs_drivers(const std::string& output) {
  static const boost::regex line(R"(^@@driver (\S+) (\S*)\s*$)");
  std::map<std::string, std::string> out;
  std::istringstream in(output);
  for (std::string l; std::getline(in, l);) {
    boost::smatch m;
    if (boost::regex_match(l, m, line)) out[m[1].str()] = m[2].str();
  }
  return out;
}

std::string sysfs_driver_command(const std::string& address) {
  return fmt::format("echo \"@@driver {0} $(basename \"$(readlink /sys/bus/pci/devices/{0}/driver)\")\"", address);
}

}  // namespace

DevbindStatus devbind_status_of(const std::string& status_output, const std::string& address) {
  static const boost::regex drv(R"((?:^|\s)drv=(\S+))");
  DevbindStatus st;
  std::istringstream in(status_output);
  std::string section;
  for (std::string line; std::getline(in, line);) {
    line = trimmed(line);
    if (line.rfind("Network devices", 0) == 0 || line.rfind("Other ", 0) == 0 || line.rfind("No ", 0) == 0) {
      section = line;
      continue;
    }
    if (line.rfind(address + " ", 0) != 0) continue;
    st.listed = true;
    st.section = section;
    st.line = line;
    boost::smatch m;
    if (boost::regex_search(line, m, drv)) st.driver = m[1].str();
    break;
  }
  return st;
}

GuestPciBinding::GuestPciBinding(GuestShell& shell, std::vector<PciDevice> devices, Transcript& transcript,
                                 Seconds timeout)
    : shell_(shell), devices_(std::move(devices)), transcript_(transcript), timeout_(timeout) {
  std::string command;
  for (const auto& d : devices_) command += sysfs_driver_command(d.address) + "\n";
  const auto now = sysfs_drivers(shell_.run_checked(command, Deadline::in(timeout_)));
  for (const auto& d : devices_) {
    const auto it = now.find(d.address);
    const std::string driver = it == now.end() ? "?" : it->second;
    if (driver != d.kernel_driver)
      throw HarnessError(fmt::format("guest PCI device {} is not on its kernel driver {} at the start of the case "
                                     "(driver: '{}'): not the clean state a case starts from",
                                     d.address, d.kernel_driver, driver));
  }
}

GuestPciBinding::~GuestPciBinding() {
  try {
    restore();
  } catch (const std::exception& e) {
    transcript_.note("harness", e.what());
  }
}

void GuestPciBinding::bind(To to) {
  auto target = [to](const PciDevice& d) { return to == To::Dpdk ? d.dpdk_driver : d.kernel_driver; };
  const std::string& section = to == To::Dpdk ? kDpdkSection : kKernelSection;
  // One dpdk-devbind.py run per target driver; the last one also prints the status afterwards.
  std::map<std::string, std::vector<std::string>> by_driver;
  for (const auto& d : devices_) by_driver[target(d)].push_back(d.address);
  std::string command;
  std::size_t i = 0;
  for (const auto& [driver, addresses] : by_driver) {
    command += fmt::format("dpdk-devbind.py --bind={} {}{} || exit $?\n", driver, fmt::join(addresses, " "),
                           ++i == by_driver.size() ? " --status-dev net" : "");
  }
  for (const auto& d : devices_) command += sysfs_driver_command(d.address) + "\n";
  const auto r = shell_.run(command, Deadline::in(timeout_));
  if (!r.ok())
    throw HarnessError(fmt::format("dpdk-devbind.py failed in the guest (status {}):\n$ {}\n{}", r.exit_code, command,
                                   r.output));
  const auto sysfs = sysfs_drivers(r.output);
  std::string problems, evidence;
  for (const auto& d : devices_) {
    const std::string want = target(d);
    const auto it = sysfs.find(d.address);
    const std::string in_sysfs = it == sysfs.end() ? "?" : it->second;
    const DevbindStatus st = devbind_status_of(r.output, d.address);
    if (in_sysfs != want)
      problems += fmt::format("\n  {} should be bound to {}, but its sysfs driver link says '{}'", d.address, want,
                              in_sysfs);
    if (!st.listed || st.driver != want || st.section != section)
      problems += fmt::format("\n  {} should be listed by dpdk-devbind.py --status under '{}' with drv={}, but it {}",
                              d.address, section, want,
                              st.listed ? fmt::format("is under '{}': {}", st.section, st.line) : "is not listed");
    evidence += fmt::format("\n  {}: sysfs driver {}; --status: {}", d.address, in_sysfs, st.line);
  }
  if (!problems.empty())
    throw HarnessError(fmt::format("binding in the guest did not take:{}\n-- dpdk-devbind.py printed:\n{}", problems,
                                   r.output));
  transcript_.note("harness", fmt::format("bound to {} driver, checked:{}", to == To::Dpdk ? "the DPDK" : "the kernel",
                                          evidence));
}

void GuestPciBinding::bind_dpdk() {
  if (changed_) return;
  changed_ = true;  // from the first attempt on, the devices may have left their kernel driver
  bind(To::Dpdk);
}

void GuestPciBinding::restore() {
  if (!changed_) return;
  bind(To::Kernel);
  changed_ = false;
}

}  // namespace mpdts
