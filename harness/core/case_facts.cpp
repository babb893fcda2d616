#include "core/case_facts.hpp"

namespace mpdts {
namespace {
CaseFactSink& sink() {
  static CaseFactSink s;
  return s;
}
}  // namespace

void set_case_fact_sink(CaseFactSink s) { sink() = std::move(s); }

void note_case_fact(const std::string& key, const std::string& value) {
  if (sink()) sink()(key, value);
}

}  // namespace mpdts
