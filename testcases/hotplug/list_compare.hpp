// The plan's list check without GoogleTest, so the benchmark checks every repetition the same way
// the cases check every step: every process lists exactly the expected devices, none twice, and a
// device shared by several processes has the same port id in all of them.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "apps/hotplug_app.hpp"

namespace mpdts::hotplug {

// Each process (as failure messages name it) with its `list`.
using Lists = std::vector<std::pair<std::string, std::vector<ListedPort>>>;

// Returns a description of what is wrong with the lists (one line per problem), or "" when they match.
std::string compare_lists(const Lists& lists, const std::set<std::string>& expected);

// Devices that have a different port id in different processes (a shared device has one), or "".
std::string port_id_conflicts(const Lists& lists);

}  // namespace mpdts::hotplug
