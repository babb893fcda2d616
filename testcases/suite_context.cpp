#include "suite_context.hpp"

#include <gtest/gtest.h>

#include <optional>

#include "mpdts/report/case_recorder.hpp"

namespace mpdts::suite {
namespace {
std::optional<Topology> g_topology;
std::filesystem::path g_results;
}  // namespace

void init(Topology topology, std::filesystem::path results_dir) {
  g_topology = std::move(topology);
  g_results = std::move(results_dir);
}

const Topology& topology() { return *g_topology; }
const std::filesystem::path& results_dir() { return g_results; }

std::string case_file_name() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  std::string name =
      std::string(info->test_suite_name()) + "." + info->name() + report::CaseRecorder::repeat_suffix();
  for (char& c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) c = '_';
  return name;
}

}  // namespace mpdts::suite
