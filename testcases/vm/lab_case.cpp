#include "vm/lab_case.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "check_ids.hpp"
#include "mpdts/report/environment_file.hpp"
#include "mpdts/report/record_keys.hpp"
#include "suite_context.hpp"

namespace mpdts::vm {

void record_lab(LabCase& lab_case, suite::PhaseClock& phases) {
  auto& lab = lab_case.lab();
  phases.carve("vm_boot", lab_case.booted_seconds());
  const std::string accel = to_string(lab.accelerator());
  const std::string boot = fmt::format("{:.2f}", lab.boot_seconds());
  testing::Test::RecordProperty("accelerator", accel);
  testing::Test::RecordProperty("accelerator_reason", lab.accelerator_reason());
  testing::Test::RecordProperty("vm_boot_seconds", boot);
  testing::Test::RecordProperty("vm_boot", lab.boot_kind());
  testing::Test::RecordProperty("vm_image", lab.image().key);
  static bool written = false;  // once per lab of this process is enough; the values do not change
  if (written) return;
  try {
    report::merge_into_environment(
        suite::results_dir(),
        {{std::string(report::environment_key::kAccelerator),
          fmt::format("{} ({}); guest up in {} s ({})", accel, lab.accelerator_reason(), boot, lab.boot_kind())},
         {"vm_boot_seconds", boot},
         {"vm_image", lab.image().dir.string()}});
    written = true;
  } catch (const std::exception& e) {
    MPDTS_CHECK_FAILED("case.harness-error") << "cannot record the accelerator in environment.json: " << e.what();
  }
}

void release_lab() {
  // QEMU, testpmd, their sockets and files: nothing of the lab may outlive it.
  for (const auto& left : GuestLab::release_shared())
    MPDTS_CHECK_FAILED("vm.lab-released") << "the VM lab left this behind: " << left;
}

}  // namespace mpdts::vm
