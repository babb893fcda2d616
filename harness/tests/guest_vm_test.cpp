// The QEMU guest lab end to end: the cached guest image, QEMU with vhost-user ports at fixed PCI
// addresses backed by a host testpmd, the control shell (exit codes, quoting, deadlines), binding the
// guest's NICs with dpdk-devbind.py, a target on a virtio console driven from the host, and nothing
// left afterwards. Needs root and QEMU; a cold image build downloads a kernel package with apt.
#include <gtest/gtest.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

#include <boost/regex.hpp>
#include <fmt/format.h>

#include "apps/testpmd_backend.hpp"
#include "core/case_facts.hpp"
#include "core/cleanup_stack.hpp"
#include "core/error.hpp"
#include "process/prompt_session.hpp"
#include "process/transcript.hpp"
#include "vm/boot_snapshot.hpp"
#include "vm/guest_config.hpp"
#include "vm/guest_image.hpp"
#include "vm/guest_process.hpp"
#include "vm/guest_shell.hpp"
#include "vm/qemu_guest.hpp"

namespace mpdts {
namespace {
namespace fs = std::filesystem;

fs::path target(const char* name) { return fs::path(MPDTS_VM_TARGETS_DIR) / name; }

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string arg_after(const std::vector<std::string>& argv, const std::string& flag, const std::string& prefix) {
  for (std::size_t i = 0; i + 1 < argv.size(); ++i)
    if (argv[i] == flag && argv[i + 1].rfind(prefix, 0) == 0) return argv[i + 1];
  return "";
}

double seconds_since(Clock::time_point t) { return std::chrono::duration_cast<Seconds>(Clock::now() - t).count(); }

// Measurements go to stdout (ctest -V shows them) and into the test's XML properties.
void report(const std::string& key, const std::string& value) {
  std::cout << "[ measured ] " << key << " = " << value << std::endl;
  ::testing::Test::RecordProperty(key, value);
}

// ---- The command line, without booting anything ------------------------------------------------

GuestConfig two_vhost_ports() {
  GuestConfig c;
  c.image.kernel = "/img/vmlinuz";
  c.image.initramfs = "/img/initramfs.cpio.gz";
  c.vhost_user = {{"/tmp/x/vhost0.sock", 2, 5}, {"/tmp/x/vhost1.sock", 2, 6}};
  return c;
}
const QemuPaths kPaths{"/tmp/x/control.sock", {"/tmp/x/hvc1.sock", "/tmp/x/hvc2.sock"}};

TEST(QemuCommand, TcgUsesMaxCpuAndInterruptsWithoutMsix) {
  const auto a = qemu_argv(two_vhost_ports(), Accelerator::Tcg, kPaths);
  EXPECT_EQ(arg_after(a, "-accel", ""), "tcg,thread=multi");
  EXPECT_EQ(arg_after(a, "-cpu", ""), "max");
  const std::string nic0 = arg_after(a, "-device", "virtio-net-pci,netdev=vun0");
  EXPECT_NE(nic0.find("vectors=0,"), std::string::npos) << nic0;
  EXPECT_NE(nic0.find("addr=0x5,"), std::string::npos) << nic0;
  EXPECT_NE(arg_after(a, "-device", "virtio-net-pci,netdev=vun1").find("addr=0x6,"), std::string::npos);
}

TEST(QemuCommand, KvmGivesEachQueuePairItsVectors) {
  const auto a = qemu_argv(two_vhost_ports(), Accelerator::Kvm, kPaths);
  EXPECT_EQ(arg_after(a, "-accel", ""), "kvm");
  EXPECT_NE(arg_after(a, "-device", "virtio-net-pci,netdev=vun0").find("vectors=6,"), std::string::npos);
}

TEST(QemuCommand, SharesMemoryWithTheBackendAndHasNoNetworkToTheOutside) {
  const auto a = qemu_argv(two_vhost_ports(), Accelerator::Tcg, kPaths);
  EXPECT_EQ(arg_after(a, "-object", "memory-backend-memfd"), "memory-backend-memfd,id=mem,size=1024M,share=on");
  EXPECT_EQ(arg_after(a, "-numa", ""), "node,memdev=mem");
  EXPECT_TRUE(contains(a, "-nodefaults"));  // no default NIC with user networking
  EXPECT_FALSE(contains(a, "-net") || contains(a, "-nic"));
  for (std::size_t i = 0; i + 1 < a.size(); ++i)
    if (a[i] == "-netdev") {
      EXPECT_EQ(a[i + 1].rfind("vhost-user,", 0), 0u) << a[i + 1];
    }
  EXPECT_EQ(arg_after(a, "-chardev", "socket,id=vu0"), "socket,id=vu0,path=/tmp/x/vhost0.sock,server=on");
  EXPECT_EQ(arg_after(a, "-netdev", "vhost-user,id=vun1"), "vhost-user,id=vun1,chardev=vu1,queues=2");
  // The control channel is the harness's socket (QEMU connects), the consoles are QEMU's.
  EXPECT_EQ(arg_after(a, "-chardev", "socket,id=ctl"), "socket,id=ctl,path=/tmp/x/control.sock");
  EXPECT_EQ(arg_after(a, "-chardev", "socket,id=con2"), "socket,id=con2,path=/tmp/x/hvc2.sock,server=on,wait=off");
}

TEST(QemuCommand, RejectsImpossibleGuests) {
  auto clash = two_vhost_ports();
  clash.emulated = {{"e1000", 6}};
  EXPECT_THROW(validate(clash), ConfigError);
  auto reserved = two_vhost_ports();
  reserved.vhost_user[0].pci_slot = kVirtioSerialSlot;
  EXPECT_THROW(validate(reserved), ConfigError);
  auto small = two_vhost_ports();
  small.memory_mb = 512;
  EXPECT_THROW(validate(small), ConfigError);
  EXPECT_NO_THROW(validate(two_vhost_ports()));
  EXPECT_EQ(guest_pci_address(5), "0000:00:05.0");
  EXPECT_EQ(guest_pci_address(0x1f), "0000:00:1f.0");
}

TEST(QemuCommand, QuotesAnythingForTheGuestShell) {
  EXPECT_EQ(shell_quote("it's"), R"('it'\''s')");
  EXPECT_EQ(shell_join({"a b", "$x"}), "'a b' '$x'");
}

// ---- The saved boot state's key, without booting anything --------------------------------------

GuestConfig with_image_dir(GuestConfig c) {
  c.image.dir = "/img";
  return c;
}

TEST(BootSnapshotKey, IgnoresSocketPathsOnly) {
  const GuestConfig base = with_image_dir(two_vhost_ports());
  const auto key = boot_snapshot_for(base, Accelerator::Tcg);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->file, fs::path("/img") / ("boot-" + key->key + ".state"));
  EXPECT_EQ(key->key.size(), 16u);

  GuestConfig moved = base;  // another run: other scratch directories
  moved.vhost_user[0].socket = "/tmp/other/vhost0.sock";
  moved.vhost_user[1].socket = "/tmp/other/vhost1.sock";
  EXPECT_EQ(boot_snapshot_for(moved, Accelerator::Tcg)->key, key->key);

  // Everything else the saved state depends on is a different key.
  std::vector<std::pair<std::string, GuestConfig>> changed;
  auto change = [&](const std::string& what, auto edit) {
    GuestConfig c = base;
    edit(c);
    changed.emplace_back(what, c);
  };
  change("memory", [](GuestConfig& c) { c.memory_mb = 2048; });
  change("cpus", [](GuestConfig& c) { c.cpus = 1; });
  change("hugepages", [](GuestConfig& c) { c.hugepages = 128; });
  change("consoles", [](GuestConfig& c) { c.consoles = 4; });
  change("queues", [](GuestConfig& c) { c.vhost_user[1].queues = 1; });
  change("a NIC's slot", [](GuestConfig& c) { c.vhost_user[1].pci_slot = 8; });
  change("an emulated NIC", [](GuestConfig& c) { c.emulated.push_back({"e1000", 7}); });
  change("the kernel", [](GuestConfig& c) { c.image.kernel = "/img2/vmlinuz"; });
  for (const auto& [what, c] : changed)
    EXPECT_NE(boot_snapshot_for(c, Accelerator::Tcg)->key, key->key) << what << " changed, the key did not";
  EXPECT_NE(boot_snapshot_for(base, Accelerator::Kvm)->key, key->key) << "KVM and TCG states are not interchangeable";
}

TEST(BootSnapshotKey, NoImageDirectoryNoSnapshot) {
  EXPECT_FALSE(boot_snapshot_for(two_vhost_ports(), Accelerator::Tcg));
}

TEST(BootSnapshotKey, PruneKeepsTheMostRecentlyUsed) {
  const fs::path dir = fs::temp_directory_path() / fmt::format("mpdts-snapshot-prune-{}", ::getpid());
  fs::create_directories(dir);
  const auto now = fs::file_time_type::clock::now();
  for (int i = 0; i < 6; ++i) {
    const fs::path f = dir / fmt::format("boot-{:016x}.state", i);
    std::ofstream(f) << i;
    fs::last_write_time(f, now - std::chrono::hours(6 - i));  // 5 is the most recent
  }
  std::ofstream(dir / "vmlinuz") << "not a snapshot";
  std::ofstream(dir / fmt::format(".boot-0000000000000009.{}.tmp", ::getpid())) << "a save in progress";
  std::ofstream(dir / ".boot-0000000000000009.999999999.tmp") << "a save whose harness died";
  prune_boot_snapshots(dir, 4);
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(dir)) left.push_back(e.path().filename().string());
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, (std::vector<std::string>{fmt::format(".boot-0000000000000009.{}.tmp", ::getpid()),
                                            "boot-0000000000000002.state", "boot-0000000000000003.state",
                                            "boot-0000000000000004.state", "boot-0000000000000005.state", "vmlinuz"}));
  fs::remove_all(dir);
}

// ---- With QEMU -------------------------------------------------------------------------------------

class GuestVm : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "the guest lab needs root";
    if (!fs::exists("/usr/bin/qemu-system-x86_64")) GTEST_SKIP() << "qemu-system-x86 is not installed";
    for (const char* t : {"hotplug_mp", "symmetric_mp"})
      ASSERT_TRUE(fs::exists(target(t))) << target(t) << " not built";
  }
  void TearDown() override {
    if (HasFailure()) std::cout << "---- transcript ----\n" << transcript_.text() << std::endl;
  }

  GuestImage image() {
    const auto start = Clock::now();
    auto img = build_guest_image({{target("hotplug_mp"), target("symmetric_mp")}, {}, {}}, Deadline::in(Seconds(600)),
                                 transcript_);
    report(img.rebuilt ? "image build (cold)" : "image build (warm)", fmt::format("{:.2f}s", seconds_since(start)));
    return img;
  }

  Transcript transcript_;
};

TEST_F(GuestVm, ImageIsRebuiltOnlyWhenAnInputChanges) {
  const GuestImage first = image();
  const GuestImage again = image();
  EXPECT_FALSE(again.rebuilt);
  EXPECT_EQ(again.key, first.key);
  EXPECT_LT(again.took.count(), 10.0) << again.log;
  // Another set of targets is another input.
  const auto other = build_guest_image({{target("hotplug_mp")}, {}, {}}, Deadline::in(Seconds(600)), transcript_);
  EXPECT_NE(other.key, first.key);
  EXPECT_TRUE(fs::exists(first.kernel) && fs::exists(first.initramfs));
  std::ifstream manifest(first.dir / "manifest.txt");
  std::string text((std::istreambuf_iterator<char>(manifest)), std::istreambuf_iterator<char>());
  for (const char* must : {"virtio_net.ko", "virtio_console.ko", "uio_pci_generic.ko", "/usr/bin/hotplug_mp"})
    EXPECT_NE(text.find(must), std::string::npos) << must << " not in the manifest:\n" << text;
}

TEST_F(GuestVm, ControlShellKeepsExitCodesQuotingAndDeadlines) {
  GuestConfig config;
  config.image = image();
  config.consoles = 2;
  std::filesystem::path work;
  pid_t qemu = -1;
  std::map<std::string, std::string> facts;  // what the guest tells the case's record
  set_case_fact_sink([&](const std::string& k, const std::string& v) { facts[k] = v; });
  struct SinkReset {
    ~SinkReset() { set_case_fact_sink({}); }
  } sink_reset;
  {
    QemuGuest vm(config, transcript_);
    work = vm.work_dir();
    qemu = vm.qemu_pid();
    report("accelerator", to_string(vm.accelerator()) + " (" + vm.accelerator_reason() + ")");
    // The accelerator it booted under reaches the case's record (the report shows KVM or TCG).
    EXPECT_EQ(facts["accelerator"], to_string(vm.accelerator()));
    report("boot to control shell, no NICs", fmt::format("{:.2f}s", vm.boot_seconds()));
    std::cout << "guest boot profile:\n" << vm.boot_profile(Deadline::in(Seconds(10)));
    auto& sh = vm.shell();

    auto r = sh.run("echo hello; echo oops >&2; exit 3", Deadline::in(Seconds(10)));
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_EQ(r.output, "hello\noops\n");
    // Whatever the command holds, it arrives as written.
    r = sh.run("printf '%s|' \"a 'b'\" '\"c\"' '$HOME' 'x;y'\nprintf 'no newline'", Deadline::in(Seconds(10)));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.output, "a 'b'|\"c\"|$HOME|x;y|no newline");
    EXPECT_THROW(sh.run_checked("false", Deadline::in(Seconds(10))), HarnessError);

    // A command that hangs fails at its deadline, and the guest kills it: the channel goes on.
    const auto start = Clock::now();
    EXPECT_THROW(sh.run("sleep 1000", Deadline::in(Seconds(3))), HarnessError);
    const double took = seconds_since(start);
    EXPECT_GE(took, 2.5);
    EXPECT_LT(took, 4.0);
    report("hung command: failed after", fmt::format("{:.2f}s (deadline 3s)", took));
    EXPECT_EQ(sh.run_checked("echo still here", Deadline::in(Seconds(10))), "still here\n");
    // (Each command has a watchdog `sleep <seconds>` of its own in the guest: look for this one only.)
    EXPECT_EQ(sh.run("ps -o args | grep -c '^sleep 1000'", Deadline::in(Seconds(10))).output, "0\n")
        << "the hung command survived";

    // A program on a console: its terminal I/O is the host socket; pid and exit status via the shell.
    auto console = connect_console(vm.console_socket(1), "hvc1", transcript_);
    const int pid = sh.spawn(vm.console_device(1), {"sh", "-c", "read line; echo \"got:$line\"; exit 7"},
                             Deadline::in(Seconds(10)));
    EXPECT_GT(pid, 1);
    EXPECT_EQ(sh.exit_status(pid, Deadline::in(Seconds(10))), std::nullopt);
    console->send_line("ping");
    EXPECT_TRUE(console->wait_output([](const std::string& s) { return s.find("got:ping") != std::string::npos; },
                                     Deadline::in(Seconds(10))))
        << console->unconsumed();
    EXPECT_EQ(sh.wait_exit(pid, Deadline::in(Seconds(10))), 7);
    EXPECT_TRUE(console->wait_output([pid](const std::string& s) { return console_exit_status(s, pid) == 7; },
                                     Deadline::in(Seconds(10))))
        << console->unconsumed();
    // Spawned programs keep default signal dispositions: SIGINT ends them.
    // (A program that never ends by itself, as the subject: only the signal may end it.)
    const int sleeper = sh.spawn(vm.console_device(2), {"sleep", "1000"}, Deadline::in(Seconds(10)));
    sh.signal(sleeper, SIGINT, Deadline::in(Seconds(10)));
    EXPECT_EQ(sh.wait_exit(sleeper, Deadline::in(Seconds(10))), 128 + SIGINT);

    const auto stop_start = Clock::now();
    vm.stop();
    report("guest stop", fmt::format("{:.2f}s", seconds_since(stop_start)));
    EXPECT_TRUE(vm.leftovers().empty()) << fmt::format("{}", fmt::join(vm.leftovers(), ", "));
  }
  EXPECT_FALSE(fs::exists(work));
  EXPECT_NE(::kill(qemu, 0), 0) << "QEMU " << qemu << " still runs";
}

// The first boot of a guest saves its state; the next boot of the same guest resumes it (no kernel
// boot: the guest's init does not run again) with a working control shell; a state that does not
// resume is removed and the guest boots cold, saving a good one.
TEST_F(GuestVm, SecondBootResumesTheSavedStateAndADamagedOneBootsCold) {
  GuestConfig config;
  config.image = image();
  config.consoles = 1;  // a guest of its own: no other test's saved state is this one's
  for (auto accel : {Accelerator::Tcg, Accelerator::Kvm}) fs::remove(boot_snapshot_for(config, accel)->file);
  // The guest's init says this on its serial console when a boot reaches the control shell.
  auto inits = [this] {
    const std::string text = transcript_.text();
    int n = 0;
    for (auto at = text.find("mpdts-guest: up after"); at != std::string::npos; at = text.find("mpdts-guest: up after", at + 1))
      ++n;
    return n;
  };
  auto use = [&](const std::string& label) {
    QemuGuest vm(config, transcript_);
    report(label, fmt::format("{:.2f}s, {}", vm.boot_seconds(), vm.boot_kind()));
    EXPECT_EQ(vm.shell().run_checked("echo alive; cat /proc/sys/vm/nr_hugepages", Deadline::in(Seconds(30))),
              fmt::format("alive\n{}\n", config.hugepages))
        << label;
    const auto file = boot_snapshot_for(config, vm.accelerator())->file;
    const std::string kind = vm.boot_kind();
    vm.stop();
    EXPECT_TRUE(vm.leftovers().empty()) << label << ": " << fmt::format("{}", fmt::join(vm.leftovers(), ", "));
    return std::pair{kind, file};
  };

  const auto [first, file] = use("first boot");
  EXPECT_EQ(first, "cold boot (state saved for the next boots)");
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(inits(), 1);

  const auto [second, same_file] = use("second boot");
  EXPECT_EQ(second, "resumed from its saved state");
  EXPECT_EQ(same_file, file);
  EXPECT_EQ(inits(), 1) << "the second boot ran the guest's init: it booted, it did not resume";

  fs::resize_file(file, 4096);  // damaged
  const auto [third, _] = use("boot from a damaged state");
  EXPECT_EQ(third, "cold boot (state saved for the next boots)");
  EXPECT_EQ(inits(), 2);
  EXPECT_NE(transcript_.text().find("did not resume; removed, booting cold"), std::string::npos);
  EXPECT_GT(fs::file_size(file), 4096u) << "a good state replaces the damaged one";
}

// A program in the guest behind Interactive: the prompt engine drives it like a host process; its
// exit (code or signal) comes from its console; a console is reused by the next program; and a
// program still running when its GuestProcess goes is ended in the guest.
TEST_F(GuestVm, GuestProcessIsDrivenLikeAHostProcess) {
  GuestConfig config;
  config.image = image();
  config.consoles = 2;
  QemuGuest vm(config, transcript_);
  auto& sh = vm.shell();
  const Deadline soon = Deadline::in(Seconds(30));
  auto console = [&](int n, std::function<void()> release = {}) {
    return GuestConsole{vm.console_socket(n), vm.console_device(n), std::move(release)};
  };

  bool released = false;
  {
    auto process = std::make_unique<GuestProcess>(
        sh, console(1, [&] { released = true; }),
        std::vector<std::string>{"sh", "-c",
                                 "stty -echo; while printf 'prompt> '; read -r l; do "
                                 "[ \"$l\" = quit ] && exit 3; echo \"got $l\"; done"},
        "looper", transcript_);
    PromptSession session(std::move(process), "prompt> ", Seconds(30));
    session.wait_prompt(soon);
    EXPECT_EQ(session.command("hello"), "got hello\n");
    EXPECT_EQ(session.command("it's \"quoted\""), "got it's \"quoted\"\n");
    EXPECT_FALSE(session.process().exit_status().has_value());
    const auto status = session.send_and_wait_exit("quit", soon);
    EXPECT_EQ(status.code, 3);
    EXPECT_TRUE(session.process().output_closed());
    EXPECT_EQ(session.process().unconsumed().find("@@mpdts-exit"), std::string::npos)
        << "the exit line is not the program's output";
  }
  EXPECT_TRUE(released) << "the console was not given back";

  {
    GuestProcess sleeper(sh, console(2), {"sleep", "1000"}, "sleeper", transcript_);
    EXPECT_FALSE(sleeper.exit_status().has_value());
    sleeper.signal(SIGINT);
    const auto status = sleeper.wait_exit(soon);
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->signal, SIGINT) << status->describe();
    sleeper.signal(SIGINT);  // it has ended: nothing to do, no error
  }

  int left_pid = -1;
  {
    GuestProcess left(sh, console(1), {"sleep", "1000"}, "left", transcript_);  // console 1 again
    left_pid = left.pid();
  }
  const auto ended = sh.exit_status(left_pid, soon);
  ASSERT_TRUE(ended.has_value()) << "the guest program outlived its GuestProcess";
  EXPECT_EQ(*ended, 128 + SIGTERM);
}

TEST_F(GuestVm, VhostUserPortsAtFixedAddressesBindAndRunHotplugMp) {
  GuestConfig config;
  config.image = image();
  // The vhost-user sockets live in a scratch directory of this test.
  const fs::path scratch = fmt::format("/tmp/mpdts/vmtest-{}", ::getpid());
  fs::create_directories(scratch);
  ScopedCleanup scratch_cleanup("remove " + scratch.string(), [scratch] { fs::remove_all(scratch); });
  const fs::path sock0 = scratch / "vhost0.sock", sock1 = scratch / "vhost1.sock";
  config.vhost_user = {{sock0, 2, 5}, {sock1, 2, 6}};

  TestpmdTarget testpmd;
  testpmd.path = "/usr/bin/dpdk-testpmd";
  std::vector<std::string> guest_left;
  std::vector<fs::path> testpmd_files;
  fs::path work;
  pid_t qemu = -1;
  {
    // The backend first: QEMU, the sockets' server, waits for it at start.
    TestpmdBackend vhost(testpmd, {{sock0, 2, true}, {sock1, 2, true}}, Timeouts{}, transcript_);
    testpmd_files = {vhost.sandbox().work_dir(), fs::path("/var/run/dpdk") / vhost.sandbox().prefix()};
    {
      QemuGuest vm(config, transcript_);
      work = vm.work_dir();
      qemu = vm.qemu_pid();
      report("accelerator", to_string(vm.accelerator()) + " (" + vm.accelerator_reason() + ")");
      report("boot to control shell, 2 vhost-user NICs", fmt::format("{:.2f}s", vm.boot_seconds()));
      auto& sh = vm.shell();
      const Seconds t(60);

      const std::string lspci = sh.run_checked("lspci -D -n", Deadline::in(t));
      for (const char* bdf : {"0000:00:05.0", "0000:00:06.0"})
        EXPECT_TRUE(boost::regex_search(lspci, boost::regex(std::string(bdf) + R"( 0200: 1af4:1000)"))) << lspci;
      std::string status = sh.run_checked("dpdk-devbind.py --status-dev net", Deadline::in(t));
      for (const char* bdf : {"0000:00:05.0", "0000:00:06.0"})
        EXPECT_TRUE(boost::regex_search(status, boost::regex(std::string(bdf) + ".*Virtio.*drv=virtio-pci"))) << status;

      auto driver = [&](const char* bdf) {
        return sh.run_checked(fmt::format("basename $(readlink /sys/bus/pci/devices/{}/driver)", bdf), Deadline::in(t));
      };
      const auto bind_start = Clock::now();
      sh.run_checked("dpdk-devbind.py --bind=uio_pci_generic 0000:00:05.0 0000:00:06.0", Deadline::in(t));
      report("dpdk-devbind.py --bind of 2 ports", fmt::format("{:.2f}s", seconds_since(bind_start)));
      EXPECT_EQ(driver("0000:00:05.0"), "uio_pci_generic\n");
      EXPECT_EQ(driver("0000:00:06.0"), "uio_pci_generic\n");
      status = sh.run_checked("dpdk-devbind.py --status-dev net", Deadline::in(t));
      EXPECT_TRUE(boost::regex_search(status, boost::regex(R"(0000:00:05.0.*drv=uio_pci_generic)"))) << status;
      sh.run_checked("dpdk-devbind.py --bind=virtio-pci 0000:00:05.0 0000:00:06.0", Deadline::in(t));
      EXPECT_EQ(driver("0000:00:05.0"), "virtio-pci\n");
      EXPECT_EQ(driver("0000:00:06.0"), "virtio-pci\n");

      // hotplug_mp in the guest on hvc1, its prompt and `list` seen through the host socket.
      sh.run_checked("dpdk-devbind.py --bind=uio_pci_generic 0000:00:05.0 0000:00:06.0", Deadline::in(t));
      auto console = connect_console(vm.console_socket(1), "primary", transcript_);
      const auto app_start = Clock::now();
      const int pid = sh.spawn(vm.console_device(1),
                               {"hotplug_mp", "--proc-type=auto", "--huge-dir", "/dev/hugepages", "--file-prefix",
                                "vmtest", "-a", "0000:00:05.0", "-a", "0000:00:06.0"},
                               Deadline::in(t));
      // The prompt, or the end of the program (announced on its console) if it fails to start.
      ASSERT_TRUE(console->wait_output(
          [pid](const std::string& s) { return s.find("example> ") != std::string::npos || console_exit_status(s, pid); },
          Deadline::in(t)));
      ASSERT_EQ(console_exit_status(console->unconsumed(), pid), std::nullopt) << console->unconsumed();
      report("hotplug_mp in the guest: start to prompt", fmt::format("{:.2f}s", seconds_since(app_start)));
      console->consume(console->unconsumed().size());
      console->send_line("list");
      ASSERT_TRUE(console->wait_output(
          [](const std::string& s) {
            return s.find("0000:00:06.0") != std::string::npos && s.find("example> ") != std::string::npos;
          },
          Deadline::in(t)))
          << console->unconsumed();
      const std::string list = console->unconsumed();
      EXPECT_TRUE(boost::regex_search(list, boost::regex(R"(list all etherdev)"))) << list;
      EXPECT_TRUE(boost::regex_search(list, boost::regex(R"(0\s+0000:00:05\.0)"))) << list;
      EXPECT_TRUE(boost::regex_search(list, boost::regex(R"(1\s+0000:00:06\.0)"))) << list;
      console->send_line("quit");
      EXPECT_EQ(sh.wait_exit(pid, Deadline::in(t)), 0);

      vm.stop();
      guest_left = vm.leftovers();
    }
  }
  EXPECT_TRUE(guest_left.empty()) << fmt::format("{}", fmt::join(guest_left, ", "));
  EXPECT_FALSE(fs::exists(work));
  EXPECT_FALSE(fs::exists(sock0) || fs::exists(sock1));
  EXPECT_NE(::kill(qemu, 0), 0) << "QEMU " << qemu << " still runs";
  scratch_cleanup.reset();
  EXPECT_FALSE(fs::exists(scratch));
  for (const auto& f : testpmd_files) EXPECT_FALSE(fs::exists(f)) << f;
}

}  // namespace
}  // namespace mpdts

int main(int argc, char** argv) {
  mpdts::install_signal_cleanup();  // Ctrl-C or a ctest timeout's SIGTERM: QEMU and testpmd go too
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
