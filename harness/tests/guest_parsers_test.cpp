// The pure parts of driving the QEMU guest, without booting one: a guest program's end as its
// console announces it, exit statuses as the guest shell gives them, what dpdk-devbind.py --status
// says of a device, and a lab transcript mirrored into a case's.
#include <gtest/gtest.h>

#include "process/transcript.hpp"
#include "vm/guest_binding.hpp"
#include "vm/guest_process.hpp"
#include "vm/guest_shell.hpp"

namespace mpdts {
namespace {

TEST(GuestProcessParsing, TheShellsStatusBecomesAnExitCodeOrASignal) {
  EXPECT_EQ(GuestProcess::decode_shell_status(0).code, 0);
  EXPECT_EQ(GuestProcess::decode_shell_status(0).signal, 0);
  EXPECT_EQ(GuestProcess::decode_shell_status(2).code, 2);
  const auto killed = GuestProcess::decode_shell_status(128 + 9);
  EXPECT_EQ(killed.signal, 9);
  EXPECT_NE(killed.describe().find("killed by signal 9"), std::string::npos);
  EXPECT_EQ(GuestProcess::decode_shell_status(128).code, 128);  // not a signal number
}

TEST(GuestProcessParsing, TheExitLineIsFoundForItsPidOnly) {
  const std::string text = "example> quit\n\n@@mpdts-exit 241 0@@\n";
  EXPECT_EQ(GuestProcess::exit_line_at(text, 241), text.find("@@mpdts-exit"));
  EXPECT_EQ(GuestProcess::exit_line_at(text, 24), std::string::npos);
  EXPECT_EQ(console_exit_status(text, 241), 0);
  EXPECT_EQ(console_exit_status("@@mpdts-exit 241 13", 241), std::nullopt);  // the line is not complete yet
}

// dpdk-devbind.py 22.11's --status-dev net in the guest, after binding 0000:00:05.0.
const char* kStatus = R"(
Network devices using DPDK-compatible driver
============================================
0000:00:05.0 'Virtio network device 1000' drv=uio_pci_generic unused=virtio_pci

Network devices using kernel driver
===================================
0000:00:06.0 'Virtio network device 1000' if=eth1 drv=virtio-pci unused=virtio_pci,uio_pci_generic 

Other Network devices
=====================
0000:00:07.0 'Virtio network device 1000' unused=virtio_pci,uio_pci_generic
)";

TEST(DevbindStatus, SaysWhereEachDeviceIsListedAndWithWhichDriver) {
  const auto dpdk = devbind_status_of(kStatus, "0000:00:05.0");
  EXPECT_TRUE(dpdk.listed);
  EXPECT_EQ(dpdk.section, "Network devices using DPDK-compatible driver");
  EXPECT_EQ(dpdk.driver, "uio_pci_generic");
  const auto kernel = devbind_status_of(kStatus, "0000:00:06.0");
  EXPECT_EQ(kernel.section, "Network devices using kernel driver");
  EXPECT_EQ(kernel.driver, "virtio-pci");
  const auto none = devbind_status_of(kStatus, "0000:00:07.0");
  EXPECT_EQ(none.section, "Other Network devices");
  EXPECT_EQ(none.driver, "");
  EXPECT_FALSE(devbind_status_of(kStatus, "0000:00:08.0").listed);
  EXPECT_FALSE(devbind_status_of(kStatus, "0000:00:0").listed);  // a prefix of an address is not the address
}

TEST(TranscriptMirror, CopiesEntriesOnlyWhileSet) {
  Transcript lab, case1;
  lab.note("guest", "booting");
  lab.set_mirror(&case1);
  lab.output("guest-sh", "bound\n");
  lab.set_mirror(nullptr);
  lab.note("guest", "after the case");
  EXPECT_NE(lab.text().find("booting"), std::string::npos);
  EXPECT_NE(lab.text().find("after the case"), std::string::npos);
  EXPECT_EQ(case1.text().find("booting"), std::string::npos);
  EXPECT_NE(case1.text().find("guest-sh   | bound"), std::string::npos) << case1.text();
  EXPECT_EQ(case1.text().find("after the case"), std::string::npos);
}

}  // namespace
}  // namespace mpdts
