#include "sample_bench.hpp"

#include <chrono>
#include <stdexcept>

#include "mpdts/report/bench_figures.hpp"
#include "mpdts/report/timestamps.hpp"

namespace mpdts::report::test {

std::string sample_bench_file(std::string_view name) {
  return read_file(std::filesystem::path(MPDTS_REPORT_SAMPLE_BENCH) / name);
}

std::filesystem::path write_sample_bench(const ScratchDir& scratch, const std::filesystem::path& relative) {
  for (const char* name : {kBenchScalingSvg, kBenchScalingJson, kBenchScalingCsv, kBenchScalingSamplesCsv,
                           kBenchSymmetricCsv}) {
    const std::filesystem::path file = scratch.write(relative / name, sample_bench_file(name));
    set_modified(file, std::string_view(name) == kBenchScalingSvg ? "2026-03-01T10:05:00Z" : "2026-03-01T10:06:00Z");
  }
  return scratch.path() / relative;
}

void set_modified(const std::filesystem::path& file, std::string_view utc) {
  const auto ms = parse_utc_timestamp(utc);
  if (!ms) throw std::invalid_argument("not a UTC time: " + std::string(utc));
  using namespace std::chrono;
  std::filesystem::last_write_time(file, file_clock::from_sys(sys_time<milliseconds>(milliseconds(*ms))));
}

}  // namespace mpdts::report::test
