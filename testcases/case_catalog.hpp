// The catalogue of the conformance cases: for every case (by its gtest full name), its plan, its
// plan case, its labels and what it needs from a topology. It is filled when the program starts
// (next to each INSTANTIATE_TEST_SUITE_P), so `mpdts list` can say which cases a topology can run,
// and why not, without running DPDK or touching anything; the cases themselves record and skip
// through the same entries, so the listing and the run cannot disagree.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "topology/topology.hpp"

namespace mpdts::suite {

struct CatalogEntry {
  std::string plan;       // "hotplug_mp"
  std::string plan_case;  // the plan's title of the case
  std::vector<std::string> labels;
  // Why `topology` cannot run the case; empty when it can.
  std::function<std::string(const Topology&)> missing;
};

// Adds (or replaces) the entry of the case named `full_name` ("HotplugMp/Plan.Case/AttachVirtual_FromPrimary").
void catalogue(const std::string& full_name, CatalogEntry entry);

// Catalogues every parameter of a value-parameterized test:
//   INSTANTIATE_TEST_SUITE_P(<prefix>, <fixture>, ...) with TEST_P(<fixture>, <test>) and a name
//   generator `name_of`: full names are "<prefix>/<fixture>.<test>/<name_of(param)>".
template <class Param, class NameOf, class Describe>
bool catalogue_params(const std::string& prefix, const std::string& fixture, const std::string& test,
                      const std::vector<Param>& params, NameOf name_of, Describe describe) {
  for (const Param& p : params)
    catalogue(prefix + "/" + fixture + "." + test + "/" + name_of(p), describe(p));
  return true;
}

// The entry of a case; nullptr when the case was never catalogued.
const CatalogEntry* find_entry(const std::string& full_name);

// For the running case: records plan, plan case and labels (see case_record.hpp), and says why the
// suite's topology cannot run it (empty: it can). A case that is not catalogued fails loudly.
void record_catalogued_case();
std::string missing_requirement();

// Every case registered with gtest in this program, in registration order, as JSON objects
// {name, plan, plan_case, labels, runnable, reason}: what `mpdts_cases --list-cases` prints.
nlohmann::json list_cases(const Topology& topology);

}  // namespace mpdts::suite
