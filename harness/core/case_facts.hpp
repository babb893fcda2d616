// Facts the harness learns during a case that belong in the case's record (e.g. which accelerator
// a VM got). The harness does not know gtest: the cases binary installs a sink that records them
// as the running test's properties; without a sink they are dropped.
#pragma once

#include <functional>
#include <string>

namespace mpdts {

using CaseFactSink = std::function<void(const std::string& key, const std::string& value)>;

void set_case_fact_sink(CaseFactSink sink);
void note_case_fact(const std::string& key, const std::string& value);

}  // namespace mpdts
