#include "suite/suite_times.hpp"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "mpdts/report/record_keys.hpp"

namespace mpdts::bench {
namespace {

void add(PlanTimes& p, const report::CaseRecord& r) {
  ++p.cases;
  switch (r.status) {
    case report::CaseStatus::kPassed: ++p.passed; break;
    case report::CaseStatus::kFailed: ++p.failed; break;
    case report::CaseStatus::kSkipped: ++p.skipped; break;
  }
  p.wall_s += r.duration_s;
  const std::string prefix = report::property::kPhasePrefix, suffix = report::property::kPhaseSuffix;
  for (const auto& [key, value] : r.properties) {
    if (key.size() <= prefix.size() + suffix.size() || key.rfind(prefix, 0) != 0 ||
        key.compare(key.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    char* end = nullptr;
    const double s = std::strtod(value.c_str(), &end);
    if (end == value.c_str()) continue;  // not a number: not ours to sum
    p.phase_s[key.substr(prefix.size(), key.size() - prefix.size() - suffix.size())] += s;
  }
}

std::string row(const PlanTimes& p, const std::vector<std::string>& phases) {
  std::string out = fmt::format("{:<22} {:>5} {:>5} {:>5} {:>5} {:>9.2f}", p.plan, p.cases, p.passed, p.failed,
                                p.skipped, p.wall_s);
  for (const auto& ph : phases) {
    auto it = p.phase_s.find(ph);
    out += it == p.phase_s.end() ? fmt::format(" {:>9}", "-") : fmt::format(" {:>9.2f}", it->second);
  }
  return out + "\n";
}

}  // namespace

SuiteTimes suite_times(const std::vector<report::CaseRecord>& records, std::size_t slowest) {
  SuiteTimes t;
  t.total.plan = "total";
  for (const auto& r : records) {
    const std::string plan = r.plan.empty() ? r.suite : r.plan;
    auto it = std::find_if(t.plans.begin(), t.plans.end(), [&](const PlanTimes& p) { return p.plan == plan; });
    if (it == t.plans.end()) {
      t.plans.push_back({});
      it = t.plans.end() - 1;
      it->plan = plan;
    }
    add(*it, r);
    add(t.total, r);
    t.slowest.push_back(&r);
  }
  std::stable_sort(t.slowest.begin(), t.slowest.end(),
                   [](const auto* a, const auto* b) { return a->duration_s > b->duration_s; });
  if (t.slowest.size() > slowest) t.slowest.resize(slowest);
  return t;
}

std::string render_suite_times(const SuiteTimes& t) {
  std::vector<std::string> phases;
  for (const char* known : {"start", "vm_boot", "steps", "cleanup"})
    if (t.total.phase_s.count(known)) phases.push_back(known);
  for (const auto& [ph, s] : t.total.phase_s)
    if (std::find(phases.begin(), phases.end(), ph) == phases.end()) phases.push_back(ph);

  std::string out = fmt::format("{:<22} {:>5} {:>5} {:>5} {:>5} {:>9}", "plan", "cases", "pass", "fail", "skip", "wall s");
  for (const auto& ph : phases) out += fmt::format(" {:>9}", ph + " s");
  out += "\n";
  for (const auto& p : t.plans) out += row(p, phases);
  out += row(t.total, phases);
  if (!t.slowest.empty()) {
    out += "slowest cases:\n";
    for (const auto* r : t.slowest) out += fmt::format("  {:>7.2f} s  {}\n", r->duration_s, r->full_name);
  }
  return out;
}

}  // namespace mpdts::bench
