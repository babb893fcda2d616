// `mpdts` as a user runs it: validate, list, run (pass, fail, repeat, set-up errors, Ctrl-C) and
// bench. The run tests need root, hugepages and DPDK like the cases (ctest label cli); validate and
// list touch nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <boost/regex.hpp>
#include <nlohmann/json.hpp>

#include "child_run.hpp"
#include "process/child_process.hpp"
#include "process/prompt_session.hpp"

namespace mpdts::cli {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

struct Result {
  int code = -1;
  std::string out;  // stdout and stderr, merged
};

std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

Result mpdts(const std::vector<std::string>& args) {
  std::string command = quote(MPDTS_CLI);
  for (const auto& a : args) command += " " + quote(a);
  Result r;
  r.out = capture_output({"/bin/sh", "-c", command + " 2>&1"}, &r.code);
  return r;
}

std::string source(const std::string& rel) { return (fs::path(MPDTS_SOURCE_DIR) / rel).string(); }

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("mpdts-cli-test-" + std::to_string(::getpid()) + "-" +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

int count_files(const fs::path& dir, const std::string& ext) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.path().extension() == ext;
  return n;
}

// ---- validate ----

TEST(MpdtsValidate, AcceptsTheShippedTopologies) {
  for (const char* t : {"topologies/embedded.yaml", "topologies/dpdk-example.yaml", "topologies/two-node-lab.yaml"}) {
    const auto r = mpdts({"validate", source(t)});
    EXPECT_EQ(r.code, 0) << t << ":\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr(": valid topology '")) << t;
  }
  const auto lab = mpdts({"validate", source("topologies/two-node-lab.yaml")});
  EXPECT_THAT(lab.out, HasSubstr("node sut: ssh root@"));
  EXPECT_THAT(lab.out, HasSubstr("is on node sut: checked there when a run connects"));
}

TEST(MpdtsValidate, RefusesABadTopologyWithItsPosition) {
  TempDir dir;
  std::ofstream(dir.path / "bad.yaml") << "name: x\ndevices:\n  vhost_user: maybe\n";
  auto r = mpdts({"validate", (dir.path / "bad.yaml").string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("bad.yaml:3:15: 'devices.vhost_user' must be true or false"));

  // The node check: a PCI device this machine does not have.
  std::ofstream(dir.path / "pci.yaml") << "name: x\ndevices:\n  pci:\n    - {address: '0000:7f:1f.7', dpdk_driver: "
                                          "vfio-pci, kernel_driver: ixgbe}\n";
  r = mpdts({"validate", (dir.path / "pci.yaml").string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("PCI device 0000:7f:1f.7 does not exist on this node"));
  // ...which --no-node-checks leaves out (a topology written for another machine).
  r = mpdts({"validate", "--no-node-checks", (dir.path / "pci.yaml").string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("not checked (--no-node-checks)"));
}

// ---- list ----

TEST(MpdtsList, SaysWhichCasesTheTopologyCanRunAndWhyNot) {
  const auto r = mpdts({"list", "-t", source("topologies/embedded.yaml")});
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("HotplugMp/Plan.Case/AttachVirtual_FromPrimary"));
  const boost::regex physical(R"(HotplugMp/Plan\.Case/AttachPhysical_FromPrimary +hotplug,physical +skips: topology 'embedded-default' lists no PCI device)");
  EXPECT_TRUE(boost::regex_search(r.out, physical)) << r.out;
  const boost::regex rvirtual(R"(HotplugMp/Plan\.Case/AttachVirtual_FromPrimary +hotplug,virtual +runs\n)");
  EXPECT_TRUE(boost::regex_search(r.out, rvirtual)) << r.out;

  const auto json = mpdts({"list", "--json", "-l", "physical"});
  ASSERT_EQ(json.code, 0) << json.out;
  const auto cases = nlohmann::json::parse(json.out);
  ASSERT_GE(cases.size(), 8u);
  for (const auto& c : cases) {
    EXPECT_FALSE(c["runnable"].get<bool>()) << c.dump();
    EXPECT_THAT(c["reason"].get<std::string>(), HasSubstr("lists no PCI device")) << c.dump();
    EXPECT_THAT(c["name"].get<std::string>(), HasSubstr("Physical"));
  }
  // Every case the catalogue knows has a plan and labels.
  const auto all = nlohmann::json::parse(mpdts({"list", "--json"}).out);
  for (const auto& c : all) {
    EXPECT_FALSE(c["plan"].get<std::string>().empty()) << c.dump();
    EXPECT_FALSE(c["labels"].empty()) << c.dump();
  }
  EXPECT_EQ(mpdts({"list", "-t", "/nonexistent.yaml"}).code, 2);
}

// `mpdts run -l LABEL` and `ctest -L LABEL` pick the same cases: every catalogued case is a ctest test
// whose labels (testcases/CMakeLists.txt, from name patterns) are exactly the catalogue's, and every
// conformance case ctest knows is catalogued.
TEST(MpdtsList, LabelsAgreeWithCtest) {
  const auto listed = mpdts({"list", "--json"});
  ASSERT_EQ(listed.code, 0) << listed.out;
  std::map<std::string, std::set<std::string>> catalogue;
  for (const auto& c : nlohmann::json::parse(listed.out))
    catalogue[c["name"].get<std::string>()] = c["labels"].get<std::set<std::string>>();
  int code = -1;
  const auto shown = capture_output({"/bin/sh", "-c", "ctest --test-dir " + quote(MPDTS_BUILD_DIR) + " --show-only=json-v1"}, &code);
  ASSERT_EQ(code, 0);
  std::map<std::string, std::set<std::string>> ctest;
  const auto shown_json = nlohmann::json::parse(shown);  // kept: the loop below runs over a part of it
  for (const auto& t : shown_json.at("tests")) {
    std::set<std::string> labels;
    for (const auto& p : t.value("properties", nlohmann::json::array()))
      if (p["name"] == "LABELS") labels = p["value"].get<std::set<std::string>>();
    ctest[t["name"].get<std::string>()] = labels;
  }
  ASSERT_GE(catalogue.size(), 60u);
  ASSERT_GE(ctest.size(), catalogue.size()) << shown.substr(0, 400);
  for (const auto& [name, labels] : catalogue) {
    const auto it = ctest.find(name);
    if (it == ctest.end()) {
      ADD_FAILURE() << name << ": catalogued, but not a ctest test";
      continue;
    }
    EXPECT_EQ(it->second, labels) << name;
  }
  for (const auto& [name, labels] : ctest) {
    const auto family = name.substr(0, name.find('/'));
    if (family == "HotplugMp" || family == "SymmetricMp" || family == "Rollback" || family == "Testpmd") {
      EXPECT_TRUE(catalogue.count(name)) << name << ": a ctest conformance case missing from the catalogue";
    }
  }
}

// ---- run ----

TEST(MpdtsRun, PassingCasesWriteTheWholeResultsDirectory) {
  TempDir dir;
  const auto out = dir.path / "results";
  const auto r = mpdts({"run", "-f", "HotplugMp/*AttachVirtual*", "-o", out.string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(boost::regex_search(r.out, boost::regex(R"(\[ *0:\d\d\] \[1/2\] PASS  HotplugMp/Plan\.Case/AttachVirtual_From)")))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("2 passed, 0 failed, 0 skipped"));
  EXPECT_THAT(r.out, HasSubstr("exit 0 (passed)"));
  for (const char* f : {"junit.xml", "report.html", "environment.json"}) EXPECT_TRUE(fs::exists(out / f)) << f;
  EXPECT_EQ(count_files(out / "cases", ".json"), 2);
  EXPECT_EQ(count_files(out / "transcripts", ".log"), 2);
  const auto env = nlohmann::json::parse(read(out / "environment.json"));
  for (const char* k : {"dpdk_built_against", "kernel", "cpu", "hugepages", "topology_text"})
    EXPECT_FALSE(env.value(k, "").empty()) << k << " missing from " << env.dump();
  // Which DPDK ran is what the processes said (EAL -v), in each case record and in the reports.
  const auto record = nlohmann::json::parse(read(out / "cases" / "HotplugMp_Plan.Case_AttachVirtual_FromPrimary.json"));
  EXPECT_TRUE(boost::regex_match(record["properties"].value("dpdk_version", ""), boost::regex(R"(DPDK \d+\.\d+\S*)")))
      << record.dump();
  EXPECT_TRUE(boost::regex_search(read(out / "report.html"),
                                  boost::regex(R"(DPDK under test: <b>DPDK \d+\.\d+\S* \(reported by the processes)")));
  EXPECT_TRUE(boost::regex_search(read(out / "junit.xml"),
                                  boost::regex(R"(name="dpdk_version" value="DPDK \d+\.\d+\S* \(reported)")));
}

TEST(MpdtsRun, RepeatKeepsEveryIteration) {
  TempDir dir;
  const auto r = mpdts({"run", "-f", "HotplugMp/*AttachVirtual_FromPrimary", "-r", "2", "-o", (dir.path / "r").string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("[2/2] PASS  HotplugMp/Plan.Case/AttachVirtual_FromPrimary"));
  EXPECT_TRUE(fs::exists(dir.path / "r/cases/HotplugMp_Plan.Case_AttachVirtual_FromPrimary_1.json"));
  EXPECT_TRUE(fs::exists(dir.path / "r/cases/HotplugMp_Plan.Case_AttachVirtual_FromPrimary_2.json"));
  EXPECT_THAT(read(dir.path / "r/junit.xml"), HasSubstr("name=\"Case/AttachVirtual_FromPrimary#2\""));
}

TEST(MpdtsRun, AFailingCaseGivesExitOneAndSaysWhy) {
  TempDir dir;
  const auto r = mpdts({"run", "-t", source("testcases/rollback/fake/ignores_failure.yaml"), "-f",
                        "Rollback/*AttachFailsInSecondary_FromPrimary", "-o", (dir.path / "r").string()});
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_THAT(r.out, HasSubstr("[1/1] FAIL  Rollback/FailedHotplug.Case/AttachFailsInSecondary_FromPrimary"));
  EXPECT_THAT(r.out, HasSubstr("but it printed the success result"));
  EXPECT_THAT(r.out, HasSubstr("exit 1 (failures)"));
  EXPECT_THAT(read(dir.path / "r/junit.xml"), HasSubstr("<failure "));
}

TEST(MpdtsRun, SetUpErrorsGiveExitTwoAndRunNothing) {
  TempDir dir;
  auto r = mpdts({"run", "-t", "/nonexistent.yaml", "-o", (dir.path / "a").string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("cannot read the topology file"));
  r = mpdts({"run", "-f", "NoSuchCase*", "-o", (dir.path / "b").string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("no case matches"));
  std::ofstream(dir.path / "c.txt") << "x";
  r = mpdts({"run", "-f", "HotplugMp/*AttachVirtual_FromPrimary", "-o", dir.path.string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("is not empty"));
  r = mpdts({"run", "--repeat", "0"});
  EXPECT_EQ(r.code, 2) << r.out;
}

// The version matrix: a column per DPDK under test (here the system's twice: the plumbing, not a
// build), a results directory each, one page and one JUnit testsuite per column.
TEST(MpdtsMatrix, RunsTheCasesOncePerDpdkAndWritesOnePage) {
  TempDir dir;
  const auto out = dir.path / "m";
  auto r = mpdts({"matrix", "--dpdk", "system", "--dpdk", "system", "-f", "HotplugMp/*AttachVirtual_FromPrimary", "-o",
                  out.string()});
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("column 2 of 2: --dpdk system"));
  EXPECT_THAT(r.out, HasSubstr("1 cases on 2 DPDKs, 0 with a verdict that differs"));
  for (const char* f : {"1-system/report.html", "2-system/report.html", "matrix.html", "junit.xml"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  const std::string junit = read(out / "junit.xml");
  EXPECT_TRUE(boost::regex_search(junit, boost::regex(R"re(<testsuite name="DPDK \d+\.\d+\S* \(system\)" tests="1")re")))
      << junit;
  r = mpdts({"matrix", "--dpdk", "system", "-o", (dir.path / "one").string()});
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("at least two --dpdk"));
  r = mpdts({"matrix", "--dpdk", "system", "--dpdk", "debian:trixie", "-f", "HotplugMp/*AttachVirtual_FromPrimary", "-o",
             (dir.path / "bad").string()});
  EXPECT_EQ(r.code, 2) << r.out << " (a column that cannot run is a set-up error of the matrix)";
  EXPECT_TRUE(fs::exists(dir.path / "bad" / "matrix.html")) << "the matrix still shows the columns that ran";
}

// A DPDK under test that cannot be used: exit 2, naming the problem, with nothing left in the cache
// that a later run would take, and no case run.
TEST(MpdtsRun, BadDpdkUnderTestGivesExitTwoAndLeavesNoCacheEntry) {
  TempDir dir;
  const fs::path cache = dir.path / "cache";
  auto run = [&](const std::string& spec, const std::string& out) {
    return mpdts({"run", "-f", "HotplugMp/*AttachVirtual_FromPrimary", "-o", (dir.path / out).string(), "--dpdk", spec});
  };
  ::setenv("MPDTS_DPDK_CACHE", cache.c_str(), 1);
  struct Unset {
    ~Unset() { ::unsetenv("MPDTS_DPDK_CACHE"); }
  } unset;

  auto r = run("source:/nonexistent/dpdk-25.11.tar.xz", "a");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("/nonexistent/dpdk-25.11.tar.xz does not exist"));
  r = run("debian:trixie", "b");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("not supported yet"));
  r = run("tarball:/tmp", "c");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("expected 'system', 'source:PATH'"));

  // A tree that is not DPDK, and one older than the plans support.
  const fs::path not_dpdk = dir.path / "not-dpdk";
  fs::create_directories(not_dpdk);
  std::ofstream(not_dpdk / "README") << "hello\n";
  r = run("source:" + not_dpdk.string(), "d");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("is not a DPDK source tree: it has no VERSION"));
  const fs::path old = dir.path / "dpdk-21.11";
  for (const char* d : {"lib/eal", "app/test-pmd"}) fs::create_directories(old / d);
  std::ofstream(old / "meson.build") << "project('DPDK', 'c')\n";
  std::ofstream(old / "VERSION") << "21.11.5\n";
  r = run("source:" + old.string(), "e");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("is DPDK 21.11.5; the plans' cases need DPDK 22.11 or newer"));

  // A DPDK tree whose meson configuration fails: the error names the kept log; no entry remains.
  const fs::path broken = dir.path / "dpdk-broken";
  for (const char* d : {"lib/eal", "app/test-pmd"}) fs::create_directories(broken / d);
  std::ofstream(broken / "VERSION") << "24.11.0\n";
  std::ofstream(broken / "meson.build") << "project('DPDK', 'c')\n";  // it has none of DPDK's meson options
  r = run("source:" + broken.string(), "f");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("failed at 'meson'"));
  EXPECT_THAT(r.out, HasSubstr("ERROR: Unknown options"));  // meson's own words, from the end of its log
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(cache))
    if (e.is_directory() && e.path().filename() != "logs") entries.push_back(e.path().filename().string());
  EXPECT_TRUE(entries.empty()) << "a failed build left a cache entry: " << entries.front();
  EXPECT_TRUE(fs::exists(cache / "logs")) << "the failed build's log is kept";

  // A build directory that is not one.
  r = run("build_dir:" + not_dpdk.string(), "g");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_THAT(r.out, HasSubstr("is not a meson build directory"));
  for (const char* out : {"a", "b", "c", "d", "e", "f", "g"})
    EXPECT_EQ(count_files(dir.path / out / "cases", ".json"), 0) << "a case ran with a bad DPDK (" << out << ")";
}

TEST(MpdtsRun, CtrlCMidCaseUndoesEverythingAndExits130) {
  TempDir dir;
  Transcript t;
  SpawnOptions opts{{MPDTS_CLI, "run", "-v", "-f", "HotplugMp/*RepeatVirtual_FromPrimary", "-o", (dir.path / "r").string()},
                    "mpdts", false, std::nullopt, {{"MPDTS_ECHO_TRANSCRIPT", "1"}}};
  PromptSession run(std::make_unique<ChildProcess>(opts, t), "(no prompt)", Seconds(60));
  run.expect(boost::regex(R"(secondary +\| example> )"), Deadline::in(Seconds(60)));
  run.process().signal(SIGINT);  // to mpdts only: it passes it on once
  const auto status = run.process().wait_exit(Deadline::in(Seconds(60)));
  ASSERT_TRUE(status.has_value()) << t.tail(30);
  EXPECT_EQ(status->code, 130) << status->describe() << "\n" << t.tail(30);
  run.process().wait_output([](const std::string&) { return false; }, Deadline::in(Seconds(10)));
  const std::string out = t.text();
  EXPECT_THAT(out, HasSubstr("interrupted (signal 2)"));
  EXPECT_THAT(out, HasSubstr("exit 130 (interrupted)"));
  // The interrupted case is in the report, as failed (it did not finish).
  EXPECT_TRUE(fs::exists(dir.path / "r/report.html"));
  std::set<std::string> prefixes;
  const boost::regex prefix_re(R"(EAL prefix (mpdts[0-9]+-[0-9]+-[a-z]+))");
  for (boost::sregex_iterator it(out.begin(), out.end(), prefix_re), end; it != end; ++it) prefixes.insert((*it)[1]);
  ASSERT_FALSE(prefixes.empty()) << out;
  for (const auto& p : prefixes) {
    EXPECT_FALSE(fs::exists("/var/run/dpdk/" + p)) << p;
    EXPECT_FALSE(fs::exists("/tmp/mpdts/" + p)) << p;
    EXPECT_FALSE(fs::exists("/run/netns/" + p)) << p;
  }
}

// ---- bench ----

TEST(MpdtsBench, HandsTheRestOfTheArgumentsToMpdtsBench) {
  const fs::path bench = fs::path(MPDTS_CLI).parent_path() / "mpdts-bench";
  if (!fs::exists(bench)) {
    const auto r = mpdts({"bench", "--anything", "goes"});
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_THAT(r.out, HasSubstr("cannot run " + bench.string()));
    EXPECT_THAT(r.out, HasSubstr("mpdts-bench is not built in this tree"));
    return;
  }
  // Built: what `mpdts bench` answers is mpdts-bench's own answer, exit code included.
  const auto help = mpdts({"bench", "--help"});
  EXPECT_EQ(help.code, 0) << help.out;
  EXPECT_THAT(help.out, HasSubstr("Usage: " + bench.string()));
  for (const char* sub : {"hotplug", "symmetric", "suite"}) EXPECT_THAT(help.out, HasSubstr(sub));
  const auto none = mpdts({"bench"});
  EXPECT_NE(none.code, 0) << none.out;
  EXPECT_THAT(none.out, HasSubstr("A subcommand is required"));
}

TEST(MpdtsHelp, DocumentsTheExitCodes) {
  const auto r = mpdts({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("130 interrupted"));
  for (const char* sub : {"run", "list", "validate", "recover", "bench"}) EXPECT_THAT(r.out, HasSubstr(sub));
}

}  // namespace
}  // namespace mpdts::cli
