#include "mpdts/report/bench_figures.hpp"

#include <cctype>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

#include "mpdts/report/svg_embedding.hpp"

namespace mpdts::report {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A relative path as a URL path: a directory named "bench #2" must still link to its files.
std::string url_path(std::string_view path) {
  std::string url;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || std::string_view("/-._~").find(c) != std::string_view::npos) {
      url += c;
    } else {
      url += fmt::format("%{:02X}", byte);
    }
  }
  return url;
}

std::int64_t modified_ms(const fs::path& path) {
  std::error_code error;
  const fs::file_time_type time = fs::last_write_time(path, error);
  if (error) return 0;
  using namespace std::chrono;
  return duration_cast<milliseconds>(file_clock::to_sys(time).time_since_epoch()).count();
}

void load_scaling_svg(BenchFigures& figures) {
  const std::optional<std::string> text = read_text(figures.dir / kBenchScalingSvg);
  if (!text) {
    figures.scaling_svg_refused = "it cannot be read";
    return;
  }
  SvgForPage svg = svg_for_page(*text);
  figures.scaling_svg = std::move(svg.svg);
  figures.scaling_svg_refused = std::move(svg.refused);
}

void load_scaling_run(BenchFigures& figures) {
  const std::optional<std::string> text = read_text(figures.dir / kBenchScalingJson);
  if (!text) {
    figures.problems.push_back(std::string(kBenchScalingJson) + ": cannot be read");
    return;
  }
  nlohmann::json run = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (run.is_discarded()) {
    figures.problems.push_back(std::string(kBenchScalingJson) + ": not valid JSON");
    return;
  }
  if (!run.is_object()) {
    figures.problems.push_back(std::string(kBenchScalingJson) + ": not a JSON object");
    return;
  }
  figures.scaling_run = std::move(run);
}

void load_symmetric_rates(BenchFigures& figures) {
  const std::optional<std::string> text = read_text(figures.dir / kBenchSymmetricCsv);
  if (!text) {
    figures.problems.push_back(std::string(kBenchSymmetricCsv) + ": cannot be read");
    return;
  }
  figures.symmetric_rates = parse_csv(*text);
}

}  // namespace

const BenchFile* BenchFigures::file(std::string_view name) const {
  for (const BenchFile& known : files) {
    if (known.name == name) return &known;
  }
  return nullptr;
}

BenchFigures load_bench_figures(const fs::path& dir, const fs::path& html_dir) {
  std::error_code error;
  if (!fs::exists(dir, error)) throw BenchDirError("bench directory " + dir.string() + " does not exist");
  if (!fs::is_directory(dir, error)) throw BenchDirError("bench directory " + dir.string() + " is not a directory");

  BenchFigures figures;
  figures.dir = fs::canonical(dir);
  const fs::path links_from = fs::weakly_canonical(fs::absolute(html_dir));
  for (const char* name : {kBenchScalingSvg, kBenchScalingJson, kBenchScalingCsv, kBenchScalingSamplesCsv,
                           kBenchSymmetricCsv}) {
    const fs::path path = figures.dir / name;
    if (!fs::is_regular_file(path, error)) continue;
    fs::path link = fs::relative(path, links_from, error);
    if (error || link.empty()) link = path;
    figures.files.push_back({name, url_path(link.generic_string()), modified_ms(path)});
  }
  if (figures.file(kBenchScalingSvg) != nullptr) load_scaling_svg(figures);
  if (figures.file(kBenchScalingJson) != nullptr) load_scaling_run(figures);
  if (figures.file(kBenchSymmetricCsv) != nullptr) load_symmetric_rates(figures);
  return figures;
}

}  // namespace mpdts::report
