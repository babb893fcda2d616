#include "suite_context.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include "node/local_node.hpp"
#include "node/ssh_node.hpp"
#include "mpdts/report/case_recorder.hpp"

namespace mpdts::suite {
namespace {
std::optional<Topology> g_topology;
std::filesystem::path g_results;
std::mutex g_nodes_mutex;
std::map<std::string, std::unique_ptr<Node>> g_nodes;  // every node but this host's "local"
}  // namespace

Node& node(const std::string& name) {
  if (name == kLocalNodeName) return local_node();
  std::lock_guard lock(g_nodes_mutex);
  auto& slot = g_nodes[name];
  if (!slot) {
    const NodeSpec* spec = topology().find_node(name);
    if (!spec) throw std::logic_error("no node named " + name + " in the topology");  // the loader checked
    if (spec->type == NodeSpec::Type::Ssh)
      slot = std::make_unique<SshNode>(*spec);
    else
      slot = std::make_unique<LocalNode>(spec->name);
  }
  return *slot;
}

void close_nodes() {
  std::lock_guard lock(g_nodes_mutex);
  g_nodes.clear();
}

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
