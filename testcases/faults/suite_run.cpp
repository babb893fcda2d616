#include "faults/suite_run.hpp"

#include <unistd.h>

#include <atomic>
#include <boost/regex.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/host_mounts.hpp"
#include "core/proc_stat.hpp"

namespace mpdts::selftest {
namespace fs = std::filesystem;

namespace {

std::string safe_file_name(std::string name) {
  for (char& c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
  return name;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string CaseVerdict::all_failures() const {
  std::string s;
  for (const auto& f : failures) s += f + "\n---\n";
  return s;
}

SuiteRun::SuiteRun(const Options& o) {
  static std::atomic<int> counter{0};
  dir_ = fs::temp_directory_path() / fmt::format("mpdts-selftest-{}-{}", ::getpid(), ++counter);
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  const auto json = dir_ / "gtest.json";

  std::vector<std::string> argv{"env"};
  for (const auto& [k, v] : o.env) argv.push_back(k + "=" + v);
  argv.push_back(o.binary);
  if (o.topology) argv.push_back("--topology=" + o.topology->string());
  argv.push_back("--results=" + (dir_ / "results").string());
  argv.push_back("--gtest_filter=" + o.filter);
  argv.push_back("--gtest_output=json:" + json.string());

  const auto start = Clock::now();
  auto r = run_command(argv, Deadline::in(o.deadline));
  duration_ = Clock::now() - start;
  status_ = r.status;
  output_ = std::move(r.output);

  std::ifstream in(json);
  if (!in) throw HarnessError(fmt::format("the suite wrote no verdict ({}):\n{}", status_.describe(), output_));
  const auto j = nlohmann::json::parse(in);
  for (const auto& suite : j.at("testsuites"))
    for (const auto& t : suite.at("testsuite")) {
      CaseVerdict v;
      v.name = suite.at("name").get<std::string>() + "." + t.at("name").get<std::string>();
      v.skipped = t.value("result", "") == "SKIPPED";
      if (t.contains("failures"))
        for (const auto& f : t.at("failures")) v.failures.push_back(f.at("failure").get<std::string>());
      v.passed = !v.skipped && v.failures.empty() && t.value("status", "") == "RUN";
      const auto time = t.value("time", "0s");
      v.seconds = std::stod(time.substr(0, time.size() - 1));
      v.timestamp = t.value("timestamp", "");
      cases_.push_back(std::move(v));
    }
  std::stable_sort(cases_.begin(), cases_.end(),
                   [](const CaseVerdict& a, const CaseVerdict& b) { return a.timestamp < b.timestamp; });
}

SuiteRun::~SuiteRun() {
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

const CaseVerdict* SuiteRun::find(const std::string& name) const {
  for (const auto& c : cases_)
    if (c.name == name) return &c;
  return nullptr;
}

std::string SuiteRun::transcript(const std::string& name) const {
  return read_file(dir_ / "results" / "transcripts" / (safe_file_name(name) + ".log"));
}

namespace {
std::string all_transcripts(const fs::path& dir) {
  std::string text;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir / "results" / "transcripts", ec)) text += read_file(e.path());
  return text;
}
}  // namespace

std::vector<std::string> SuiteRun::prefixes() const {
  const auto text = all_transcripts(dir_);
  std::set<std::string> out;
  const boost::regex re(R"(EAL prefix (mpdts[0-9]+-[0-9]+(-[a-z]+)?))");
  for (boost::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert((*it)[1]);
  return {out.begin(), out.end()};
}

std::vector<int> SuiteRun::pids() const {
  const auto text = all_transcripts(dir_);
  std::set<int> out;
  const boost::regex re(R"(started, pid ([0-9]+))");
  for (boost::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.insert(std::stoi((*it)[1]));
  return {out.begin(), out.end()};
}

std::vector<std::string> SuiteRun::leftovers() const {
  std::vector<std::string> left;
  std::error_code ec;
  std::vector<std::string> mounts;
  for (const auto& m : read_mounts()) mounts.push_back(m.type + " " + m.at);
  for (const auto& p : prefixes()) {
    for (const auto& dir : {fs::path("/var/run/dpdk") / p, fs::path("/tmp/mpdts") / p})
      if (fs::exists(dir, ec)) left.push_back(dir.string() + " is left");
    for (const auto& m : mounts)
      if (m.find(" /tmp/mpdts/" + p + "/") != std::string::npos || m.ends_with(" /tmp/mpdts/" + p))
        left.push_back("mount left: " + m);
    for (const auto& e : fs::directory_iterator("/run/netns", ec))
      if (e.path().filename().string().rfind(p, 0) == 0) left.push_back("netns " + e.path().filename().string() + " is left");
  }
  for (int pid : pids())
    if (process_alive(pid)) left.push_back(fmt::format("process {} (started by the run) is still running", pid));
  return left;
}

}  // namespace mpdts::selftest
