// A booted guest's saved state, so that later boots of the same guest resume it instead of booting
// the kernel again (a few seconds instead of ten or more under TCG, per case under ctest).
//
// Saved once, right after the first cold boot reaches the control shell (nothing of a case has run
// yet: every port on its kernel driver, no target, every hugepage free), through QEMU's monitor:
// pause, stream the state to a file, resume. Kept next to the image it was booted from, under a key
// of everything that makes the state valid: the QEMU command line (socket paths aside), the
// accelerator and the QEMU binary. A changed input is a new key, so a stale state is never resumed;
// one that cannot be resumed anyway (a damaged file) is deleted and the guest boots cold.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "core/deadline.hpp"
#include "vm/guest_config.hpp"

namespace mpdts {

class QmpClient;

struct BootSnapshot {
  std::string key;                // 16 hex digits
  std::filesystem::path file;     // <image dir>/boot-<key>.state
};

// The snapshot this guest uses (which may not exist yet); nullopt when the guest's image has no
// cache directory to keep it in.
std::optional<BootSnapshot> boot_snapshot_for(const GuestConfig& config, Accelerator accel);

// Pauses the guest, writes its state (a temporary file, renamed once QEMU reports the migration
// complete), resumes it. Throws HarnessError (the temporary file removed) when QEMU refuses or the
// deadline passes; the guest is resumed in any case.
void save_boot_snapshot(QmpClient& monitor, const BootSnapshot& snapshot, Deadline deadline);

// Loads the state into a QEMU started with `-incoming defer` and lets the guest run (it was paused
// when saved, and QEMU keeps the state it had). Throws HarnessError when the state does not load.
void resume_boot_snapshot(QmpClient& monitor, const BootSnapshot& snapshot, Deadline deadline);

// Keeps the `keep` most recently used snapshots of an image directory (a used one is touched), and
// removes what saves cut short by a killed harness left.
void prune_boot_snapshots(const std::filesystem::path& image_dir, std::size_t keep);

}  // namespace mpdts
