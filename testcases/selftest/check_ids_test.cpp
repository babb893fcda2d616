// The registry of check ids (check_ids.cpp), the selftest catalogue (selftest/catalogue.yaml) and the
// sources agree: every registered id has a faulty target that makes it fail (a catalogue row), every
// id the catalogue or the sources name is registered, every registered id is raised somewhere, and
// the cases raise their failures only through MPDTS_CHECK_FAILED — so a new check without an id or
// without a faulty target fails here. Ids marked pending (who owes their faulty target) are listed
// instead of failing; a pending id that has a row must lose its mark.
#include <gtest/gtest.h>

#include <boost/regex.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "check_ids.hpp"

namespace mpdts::suite {
namespace {

namespace fs = std::filesystem;

const fs::path kSource = MPDTS_SOURCE_DIR;
const fs::path kCatalogue = kSource / "testcases/selftest/catalogue.yaml";

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Row name → the ids it expects to fail.
std::map<std::string, std::set<std::string>> catalogue_rows() {
  std::map<std::string, std::set<std::string>> rows;
  const auto yaml = YAML::LoadFile(kCatalogue.string());
  for (std::size_t i = 0; i < yaml["rows"].size(); ++i) {
    const auto row = yaml["rows"][i];
    auto& ids = rows[row["name"].as<std::string>()];
    for (std::size_t j = 0; j < row["fails"].size(); ++j) ids.insert(row["fails"][j].as<std::string>());
  }
  return rows;
}

// The check ids the sources raise: the string literals in MPDTS_CHECK_FAILED(...), and the testpmd
// case table's ids ("testpmd." + the literals its check() and attach() calls name; port-start/stop/close).
std::map<std::string, std::string> raised_in_sources() {
  std::map<std::string, std::string> raised;  // id → a file raising it
  const boost::regex macro(R"(MPDTS_CHECK_FAILED\(([^;]*?)\)\s*(<<|;))");
  const boost::regex literal(R"re("([a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*)")re");
  const boost::regex testpmd_check(
      R"re(check\((?:[^"();]*\?\s*)?"([a-z]+(?:-[a-z]+)*)"(?:\s*:\s*"([a-z]+(?:-[a-z]+)*)")?)re");
  const boost::regex testpmd_attach(R"re(attach\(\w+, [^;]*?"([a-z]+(?:-[a-z]+)+)"\))re");
  const boost::regex testpmd_default(R"re(check_id = "([a-z]+(?:-[a-z]+)+)")re");
  for (const auto& e : fs::recursive_directory_iterator(kSource / "testcases")) {
    const auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".hpp") continue;
    if (e.path().filename() == "check_ids_test.cpp" || e.path().filename() == "check_ids.hpp") continue;
    const auto text = read(e.path());
    const auto rel = fs::relative(e.path(), kSource).string();
    for (boost::sregex_iterator m(text.begin(), text.end(), macro), end; m != end; ++m) {
      const std::string args = (*m)[1];
      for (boost::sregex_iterator l(args.begin(), args.end(), literal); l != end; ++l) raised.emplace((*l)[1], rel);
    }
    if (e.path().filename() == "check_ids.cpp") {  // harness_error_check(): the ids of harness errors
      const boost::regex returned(R"re(return "([a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*)")re");
      for (boost::sregex_iterator m(text.begin(), text.end(), returned), end; m != end; ++m)
        raised.emplace((*m)[1], rel);
    }
    if (e.path().filename() == "port_hotplug_test.cpp") {
      for (const auto* re : {&testpmd_check, &testpmd_attach, &testpmd_default})
        for (boost::sregex_iterator m(text.begin(), text.end(), *re), end; m != end; ++m)
          for (std::size_t g = 1; g < m->size(); ++g)
            if ((*m)[g].matched) raised.emplace("testpmd." + (*m)[g].str(), rel);
      if (text.find(R"(check("port-" + command)") != std::string::npos)
        for (const char* c : {"start", "stop", "close"}) raised.emplace(std::string("testpmd.port-") + c, rel);
    }
  }
  return raised;
}

TEST(CheckIds, RegistryIdsAreWellFormedAndUnique) {
  const boost::regex form(R"([a-z]+\.[a-z0-9]+(-[a-z0-9]+)*)");
  std::set<std::string_view> seen;
  for (const auto& c : check_registry()) {
    EXPECT_TRUE(boost::regex_match(std::string(c.id), form)) << c.id << ": ids are <plan>.<words-with-dashes>";
    EXPECT_TRUE(seen.insert(c.id).second) << c.id << " is registered twice";
    EXPECT_FALSE(c.meaning.empty()) << c.id << " says nothing of what it checks";
    EXPECT_EQ(find_check(c.id), &c);
  }
  EXPECT_EQ(find_check("no.such-check"), nullptr);
}

TEST(CheckIds, CatalogueNamesOnlyRegisteredIdsAndExistingTargets) {
  const auto yaml = YAML::LoadFile(kCatalogue.string());
  ASSERT_GT(yaml["rows"].size(), 0u);
  std::set<std::string> names;
  for (std::size_t i = 0; i < yaml["rows"].size(); ++i) {
    const auto row = yaml["rows"][i];
    const auto name = row["name"].as<std::string>();
    SCOPED_TRACE(name);
    EXPECT_TRUE(names.insert(name).second) << "two rows are named " << name;
    EXPECT_TRUE(fs::exists(kCatalogue.parent_path() / row["target"].as<std::string>()))
        << "no faulty target " << row["target"].as<std::string>();
    EXPECT_FALSE(row["cases"].as<std::string>().empty());
    EXPECT_FALSE(row["fault"].as<std::string>().empty()) << "the row does not say what is wrong with its target";
    ASSERT_GT(row["fails"].size(), 0u) << "a row must expect some check to fail";
    for (std::size_t j = 0; j < row["fails"].size(); ++j)
      EXPECT_NE(find_check(row["fails"][j].as<std::string>()), nullptr)
          << row["fails"][j].as<std::string>() << " is not a registered check id (testcases/check_ids.cpp)";
  }
}

TEST(CheckIds, EveryRegisteredIdHasAFaultyTarget) {
  std::map<std::string, std::vector<std::string>> rows_of;
  for (const auto& [row, ids] : catalogue_rows())
    for (const auto& id : ids) rows_of[id].push_back(row);
  std::string pending;
  for (const auto& c : check_registry()) {
    const std::string id(c.id);
    if (!c.pending.empty()) {
      EXPECT_FALSE(rows_of.contains(id)) << id << " has a catalogue row (" << rows_of[id].front()
                                         << "): remove its pending mark in testcases/check_ids.cpp";
      std::cout << "[ PENDING  ] " << id << ": no faulty target in the catalogue yet (pending: " << c.pending << ")\n";
      pending += (pending.empty() ? "" : ", ") + id;
      continue;
    }
    EXPECT_TRUE(rows_of.contains(id)) << id << " (" << c.meaning
                                      << ") has no faulty target: add a row to testcases/selftest/catalogue.yaml";
  }
  if (!pending.empty()) testing::Test::RecordProperty("pending_checks", pending);
}

// The README's catalogue ("Faulty targets: every check can fail") has a line for every id.
TEST(CheckIds, ReadmeListsEveryId) {
  const auto readme = read(kSource / "README.md");
  const auto section = readme.find("### Faulty targets: every check can fail");
  ASSERT_NE(section, std::string::npos) << "README.md has no section 'Faulty targets: every check can fail'";
  for (const auto& c : check_registry())
    EXPECT_NE(readme.find("| `" + std::string(c.id) + "` |", section), std::string::npos)
        << c.id << " is not in the README's table of check ids and faulty targets";
}

TEST(CheckIds, EveryIdTheSourcesRaiseIsRegisteredAndEveryRegisteredIdIsRaised) {
  const auto raised = raised_in_sources();
  ASSERT_GT(raised.size(), 20u) << "the scan of the sources found almost nothing: update it";
  for (const auto& [id, file] : raised)
    EXPECT_NE(find_check(id), nullptr) << file << " raises " << id << ", which is not registered";
  for (const auto& c : check_registry()) {
    if (!c.pending.empty() && c.pending == "integrator") continue;  // the integrator's checks are being written
    EXPECT_TRUE(raised.contains(std::string(c.id))) << c.id << " is registered but no source raises it";
  }
}

// The case sources fail only through MPDTS_CHECK_FAILED (or the helpers that use it), so that every
// failure of a case carries a check id.
TEST(CheckIds, CasesFailOnlyThroughCheckIds) {
  const std::vector<std::string> case_sources{
      "testcases/case_record.hpp",           "testcases/hotplug/hotplug_checks.cpp",
      "testcases/hotplug/hotplug_mp_plan_test.cpp", "testcases/rollback/rollback_checks.cpp",
      "testcases/rollback/rollback_mp_test.cpp",    "testcases/testpmd/port_hotplug_test.cpp",
      "testcases/vm/vdev_plan_test.cpp",      "testcases/vm/lab_case.cpp",
      "testcases/symmetric/symmetric_forwarding_test.cpp", "testcases/symmetric/symmetric_run.cpp"};
  const std::vector<std::string> pending_sources{};
  const boost::regex bare(R"(\b(ADD_FAILURE|FAIL|GTEST_FAIL|EXPECT_[A-Z_]+|ASSERT_[A-Z_]+)\s*\()");
  auto offending = [&](const std::string& rel) {
    std::vector<std::string> lines;
    std::istringstream in(read(kSource / rel));
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (boost::regex_search(line, bare)) lines.push_back(rel + ":" + std::to_string(n) + ": " + line);
    }
    return lines;
  };
  for (const auto& rel : case_sources)
    for (const auto& line : offending(rel)) ADD_FAILURE() << "a failure without a check id:\n" << line;
  for (const auto& rel : pending_sources)
    for (const auto& line : offending(rel))
      std::cout << "[ PENDING  ] a failure without a check id (pending: integrator): " << line << "\n";
}

}  // namespace
}  // namespace mpdts::suite
