// One row of the selftest catalogue (testcases/selftest/catalogue.yaml): runs the cases binary on the
// row's faulty target with the row's gtest filter, into a results directory of its own, then reads
// the case records and requires that exactly the row's check ids failed — none missing, no other —
// that every case ran and failed, that every failure carried a check id, and that the run left nothing
// behind (processes of the groups it started, DPDK runtime and scratch dirs, network namespaces).
//
//   mpdts_selftest_row --catalogue=FILE --row=NAME --cases=BIN --results=DIR [--timeout=SECONDS]
//
// Exit codes: 0 the row holds, 1 it does not (saying why), 2 usage or catalogue error.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <boost/regex.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "core/deadline.hpp"
#include "process/child_process.hpp"

namespace fs = std::filesystem;

namespace {

std::string option(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
  const std::string prefix = "--" + name + "=";
  for (int i = 1; i < argc; ++i)
    if (std::string(argv[i]).rfind(prefix, 0) == 0) return std::string(argv[i]).substr(prefix.size());
  return fallback;
}

std::string join(const std::set<std::string>& ids) {
  std::string s;
  for (const auto& i : ids) s += (s.empty() ? "" : ", ") + i;
  return s.empty() ? "(none)" : s;
}

// The first line of a failure message that says something (gtest puts "Failed" first).
std::string headline(const std::string& message) {
  std::size_t at = 0;
  while (at < message.size()) {
    const auto end = message.find('\n', at);
    const auto line = message.substr(at, end == std::string::npos ? std::string::npos : end - at);
    if (!line.empty() && line != "Failed") return line;
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return message;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// What the run left on this host: of every EAL prefix its transcripts name, the DPDK runtime dir,
// the scratch dir and network namespaces; of every process they say was started, any process still
// in its process group (the faulty target, and the real target behind a wrapper).
std::vector<std::string> leftovers(const fs::path& results, std::size_t* prefix_count, std::size_t* group_count) {
  std::string text;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(results / "transcripts", ec)) text += read_file(e.path());
  std::set<std::string> prefixes;
  std::set<long> groups;
  const boost::regex prefix(R"(EAL prefix (mpdts[0-9]+-[0-9]+(-[a-z]+)?))"), started(R"(started, pid ([0-9]+))");
  for (boost::sregex_iterator it(text.begin(), text.end(), prefix), end; it != end; ++it) prefixes.insert((*it)[1]);
  for (boost::sregex_iterator it(text.begin(), text.end(), started), end; it != end; ++it)
    groups.insert(std::stol((*it)[1]));
  *prefix_count = prefixes.size();
  *group_count = groups.size();
  std::vector<std::string> left;
  for (const auto& p : prefixes) {
    for (const auto& dir : {fs::path("/var/run/dpdk") / p, fs::path("/tmp/mpdts") / p})
      if (fs::exists(dir, ec)) left.push_back(dir.string() + " is left");
    for (const auto& e : fs::directory_iterator("/run/netns", ec))
      if (e.path().filename().string().rfind(p, 0) == 0)
        left.push_back("netns " + e.path().filename().string() + " is left");
  }
  for (const auto& e : fs::directory_iterator("/proc", ec)) {
    const auto stat = read_file(e.path() / "stat");  // pid (comm) state ppid pgrp ...
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 1));
    std::string state;
    long ppid = 0, pgrp = 0;
    if (rest >> state >> ppid >> pgrp && groups.contains(pgrp) && state != "Z")
      left.push_back(fmt::format("process {} ({}) of a group the run started is still running",
                                 e.path().filename().string(),
                                 stat.substr(stat.find('(') + 1, close - stat.find('(') - 1)));
  }
  return left;
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path catalogue = option(argc, argv, "catalogue");
  const std::string row_name = option(argc, argv, "row");
  const std::string cases = option(argc, argv, "cases");
  const fs::path results = option(argc, argv, "results");
  const double timeout = std::stod(option(argc, argv, "timeout", "120"));
  if (catalogue.empty() || row_name.empty() || cases.empty() || results.empty()) {
    std::cerr << "usage: mpdts_selftest_row --catalogue=FILE --row=NAME --cases=BIN --results=DIR [--timeout=S]\n";
    return 2;
  }

  YAML::Node rows;
  std::optional<std::size_t> at;
  try {
    rows = YAML::LoadFile(catalogue.string())["rows"];
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (rows[i]["name"].as<std::string>() == row_name) at = i;
  } catch (const std::exception& e) {
    std::cerr << catalogue.string() << ": " << e.what() << "\n";
    return 2;
  }
  if (!at) {
    std::cerr << catalogue.string() << ": no row named " << row_name << "\n";
    return 2;
  }
  const YAML::Node row = rows[*at];
  const fs::path target = catalogue.parent_path() / row["target"].as<std::string>();
  const auto filter = row["cases"].as<std::string>();
  std::set<std::string> expected;
  for (const auto& id : row["fails"]) expected.insert(id.as<std::string>());

  std::error_code ec;
  fs::remove_all(results, ec);
  fs::create_directories(results);
  std::cout << fmt::format("row {}: {} on {}, expecting exactly: {}\n", row_name, filter, target.string(),
                           join(expected))
            << std::flush;
  // A faulty target that leaves what the harness cannot remove (rewriting_target.py --fake-pin-file)
  // says so here; the row undoes it once the cases are judged.
  const fs::path pinned = results / "pinned.txt";
  const auto run = mpdts::run_command({"env", "MPDTS_SELFTEST_PINNED=" + pinned.string(), cases,
                                       "--topology=" + target.string(), "--results=" + results.string(),
                                       "--gtest_filter=" + filter},
                                      mpdts::Deadline::in(mpdts::Seconds(timeout)));
  std::ofstream(results / "output.log") << run.output;

  std::vector<std::string> problems;
  std::set<std::string> failed;
  int case_count = 0;
  for (const auto& e : fs::directory_iterator(results / "cases", ec)) {
    if (e.path().extension() != ".json") continue;
    ++case_count;
    const auto record = nlohmann::json::parse(std::ifstream(e.path()));
    const auto name = record.value("full_name", e.path().filename().string());
    const auto status = record.value("status", "");
    const auto ids = record.value("failed_checks", std::vector<std::string>{});
    std::cout << fmt::format("  {}: {} in {} s, failed checks: {}\n", name, status, record.value("duration_s", 0.0),
                             join({ids.begin(), ids.end()}));
    for (const auto& f : record.value("failures", nlohmann::json::array()))
      std::cout << "    " << headline(f.value("message", "")) << "\n";
    if (status != "failed") problems.push_back(fmt::format("{} {}: a faulty target must fail it", name, status));
    if (status == "failed" && record["failures"].size() > 0 && ids.empty())
      problems.push_back(name + " failed with no check id: a failure not raised through MPDTS_CHECK_FAILED");
    failed.insert(ids.begin(), ids.end());
  }
  if (case_count == 0)
    problems.push_back(fmt::format("no case ran (exit: {}):\n{}", run.status.describe(), run.output));
  if (run.status.signal != 0 || run.status.code != 1)
    problems.push_back(fmt::format("the cases binary {}, expected exit code 1 (a case failed)", run.status.describe()));
  std::set<std::string> missing, unexpected;
  for (const auto& id : expected)
    if (!failed.contains(id)) missing.insert(id);
  for (const auto& id : failed)
    if (!expected.contains(id)) unexpected.insert(id);
  if (!missing.empty()) problems.push_back("expected to fail but did not: " + join(missing));
  if (!unexpected.empty()) problems.push_back("failed but not expected to: " + join(unexpected));

  // Undo what the faulty target pinned: the files, then the scratch directories the harness had to leave.
  std::set<fs::path> pinned_dirs;
  std::ifstream ledger(pinned);
  for (std::string path; std::getline(ledger, path);) {
    if (path.empty()) continue;
    const auto undo = mpdts::run_command({"chattr", "-i", path}, mpdts::Deadline::in(mpdts::Seconds(10)));
    if (fs::exists(path, ec) && !undo.ok()) problems.push_back(fmt::format("cannot undo {}: {}", path, undo.output));
    fs::remove(path, ec);
    if (fs::path(path).parent_path().string().rfind("/tmp/mpdts/", 0) == 0)
      pinned_dirs.insert(fs::path(path).parent_path());
    std::cout << "  undone: " << path << " (pinned by the faulty target)\n";
  }
  for (const auto& dir : pinned_dirs) {
    fs::remove_all(dir, ec);
    if (fs::exists(dir, ec)) problems.push_back("left after the undo: " + dir.string());
  }

  std::size_t prefix_count = 0, group_count = 0;
  for (const auto& l : leftovers(results, &prefix_count, &group_count))
    problems.push_back("the run left this behind: " + l);
  if (prefix_count == 0) problems.push_back("the transcripts name no EAL prefix: the leftover check saw nothing");
  std::cout << fmt::format("  leftovers checked: {} EAL prefix(es), {} process group(s)\n", prefix_count, group_count);

  if (problems.empty()) {
    std::cout << fmt::format("row {} holds: exactly {} failed\n", row_name, join(expected));
    return 0;
  }
  for (const auto& p : problems) std::cout << "ROW DOES NOT HOLD: " << p << "\n";
  std::cout << "(the run's output: " << (results / "output.log").string() << ")\n";
  return 1;
}
