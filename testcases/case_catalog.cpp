#include "case_catalog.hpp"

#include <gtest/gtest.h>

#include <map>

#include "case_record.hpp"
#include "suite_context.hpp"

namespace mpdts::suite {
namespace {

// Filled during static initialisation (from other translation units): a function-local static
// avoids the initialisation order problem.
std::map<std::string, CatalogEntry>& entries() {
  static std::map<std::string, CatalogEntry> map;
  return map;
}

std::string current_full_name() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "." + info->name();
}

std::string join(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

}  // namespace

void catalogue(const std::string& full_name, CatalogEntry entry) { entries()[full_name] = std::move(entry); }

const CatalogEntry* find_entry(const std::string& full_name) {
  const auto it = entries().find(full_name);
  return it == entries().end() ? nullptr : &it->second;
}

void record_catalogued_case() {
  const auto name = current_full_name();
  const CatalogEntry* e = find_entry(name);
  if (!e) {
    ADD_FAILURE() << "case " << name << " is not in the case catalogue (case_catalog.hpp): `mpdts list` "
                  << "could not say what it needs";
    return;
  }
  record_case(e->plan, e->plan_case, join(e->labels, ","));
}

std::string missing_requirement() {
  const CatalogEntry* e = find_entry(current_full_name());
  return e && e->missing ? e->missing(topology()) : "";
}

nlohmann::json list_cases(const Topology& topology) {
  nlohmann::json out = nlohmann::json::array();
  const auto* unit = testing::UnitTest::GetInstance();
  for (int s = 0; s < unit->total_test_suite_count(); ++s) {
    const auto* suite = unit->GetTestSuite(s);
    for (int t = 0; t < suite->total_test_count(); ++t) {
      const auto* info = suite->GetTestInfo(t);
      const std::string name = std::string(suite->name()) + "." + info->name();
      nlohmann::json item = {{"name", name}};
      if (const CatalogEntry* e = find_entry(name)) {
        const std::string why = e->missing ? e->missing(topology) : "";
        item["plan"] = e->plan;
        item["plan_case"] = e->plan_case;
        item["labels"] = e->labels;
        item["runnable"] = why.empty();
        item["reason"] = why;
      } else {
        // Not catalogued: nothing is known about what it needs; it is assumed to run.
        item["plan"] = "";
        item["plan_case"] = "";
        item["labels"] = nlohmann::json::array();
        item["runnable"] = true;
        item["reason"] = "";
      }
      out.push_back(std::move(item));
    }
  }
  return out;
}

}  // namespace mpdts::suite
