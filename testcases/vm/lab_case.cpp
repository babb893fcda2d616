#include "vm/lab_case.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "core/error.hpp"
#include "mpdts/report/environment_file.hpp"
#include "mpdts/report/record_keys.hpp"
#include "suite_context.hpp"

namespace mpdts::vm {

std::string missing_lab_reason(const Topology& t) {
  if (!t.vm)
    return fmt::format("topology '{}' has no 'vm' section: the guest's cases run on a VM topology "
                       "(topologies/vm.yaml)",
                       t.name);
  return "";
}

LabCase::LabCase(const Topology& topology, Transcript& transcript)
    : lab_(GuestLab::shared(topology, &transcript)), attached_(lab_, transcript) {
  record_lab(lab_);
  const auto problems = lab_.check_clean();
  if (problems.empty()) return;
  std::string text;
  for (const auto& p : problems) text += "\n  " + p;
  std::string cleaned;
  try {
    for (const auto& d : lab_.force_clean()) cleaned += "\n  " + d;
  } catch (const std::exception& e) {
    cleaned += std::string("\n  cleaning failed: ") + e.what();
  }
  throw HarnessError(fmt::format("the VM lab is not in its clean state at the start of the case (an earlier case "
                                 "left it so):{}\ncleaned up:{}",
                                 text, cleaned));
}

std::vector<std::string> LabCase::finish() {
  std::vector<std::string> problems;
  try {
    lab_.stop_traffic();
    problems = lab_.check_clean();
    if (!problems.empty()) lab_.force_clean();
  } catch (const std::exception& e) {
    problems.push_back(std::string("the end-of-case check of the VM lab failed: ") + e.what());
  }
  return problems;
}

void record_lab(GuestLab& lab) {
  const std::string accel = to_string(lab.accelerator());
  const std::string boot = fmt::format("{:.2f}", lab.boot_seconds());
  testing::Test::RecordProperty("accelerator", accel);
  testing::Test::RecordProperty("accelerator_reason", lab.accelerator_reason());
  testing::Test::RecordProperty("vm_boot_seconds", boot);
  testing::Test::RecordProperty("vm_image", lab.image().key);
  static bool written = false;  // once per lab of this process is enough; the values do not change
  if (written) return;
  try {
    report::merge_into_environment(
        suite::results_dir(),
        {{std::string(report::environment_key::kAccelerator),
          fmt::format("{} ({}); guest boot to its control shell {} s", accel, lab.accelerator_reason(), boot)},
         {"vm_boot_seconds", boot},
         {"vm_image", lab.image().dir.string()}});
    written = true;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cannot record the accelerator in environment.json: " << e.what();
  }
}

void release_lab() {
  // QEMU, testpmd, their sockets and files: nothing of the lab may outlive it.
  for (const auto& left : GuestLab::release_shared()) ADD_FAILURE() << "the VM lab left this behind: " << left;
}

}  // namespace mpdts::vm
