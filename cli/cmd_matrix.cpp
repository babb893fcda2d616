// mpdts matrix: the same selection of cases once per DPDK under test (each an `mpdts run` with its
// own results directory inside the matrix's), then one page with the cases as rows and the DPDKs as
// columns (matrix.html) and one JUnit document with a testsuite per DPDK (junit.xml).
#include <signal.h>

#include <iostream>

#include <fmt/format.h>

#include "commands.hpp"
#include "exit_codes.hpp"
#include "mpdts/report/atomic_file.hpp"
#include "mpdts/report/matrix_report.hpp"

namespace mpdts::cli {
namespace fs = std::filesystem;
namespace {

void say(const std::string& text) { std::cout << "mpdts: matrix: " << text << std::endl; }

// "source:/x/dpdk_22.11.11.orig.tar.xz" → "source-dpdk_22.11.11.orig.tar.xz".
std::string slug(const std::string& spec) {
  const auto colon = spec.find(':');
  std::string s = colon == std::string::npos ? spec : spec.substr(0, colon) + "-" + fs::path(spec.substr(colon + 1)).filename().string();
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '-';
  return s;
}

}  // namespace

int matrix_command(const Programs& programs, const MatrixOptions& options) {
  if (options.dpdks.size() < 2) {
    std::cerr << "mpdts: matrix: give at least two --dpdk specs (one column each)\n";
    return kSetupError;
  }
  RunOptions first = options.run;
  fs::path dir = options.run.output;
  if (dir.empty()) dir = options.run.reports_dir / ("matrix-" + std::to_string(::time(nullptr)));
  std::error_code ec;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec))) {
    std::cerr << "mpdts: matrix: the results directory " << dir.string() << " exists and is not empty\n";
    return kSetupError;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "mpdts: matrix: cannot create " << dir.string() << ": " << ec.message() << "\n";
    return kSetupError;
  }

  std::vector<report::MatrixColumn> columns;
  int worst = kPassed;
  for (std::size_t i = 0; i < options.dpdks.size(); ++i) {
    const std::string& spec = options.dpdks[i];
    RunOptions run = options.run;
    run.dpdk = spec;
    const std::string name = fmt::format("{}-{}", i + 1, slug(spec));
    run.output = dir / name;
    say(fmt::format("column {} of {}: --dpdk {}", i + 1, options.dpdks.size(), spec));
    const int rc = run_command(programs, run);
    if (rc == 128 + SIGINT || rc == 128 + SIGTERM) {
      say("interrupted: the columns after this one did not run");
      return rc;
    }
    if (rc == kSetupError) worst = kSetupError;
    if (rc == kFailures && worst == kPassed) worst = kFailures;
    report::MatrixColumn column;
    column.spec = spec;
    column.dir_name = name;
    column.exit_code = rc;
    try {
      column.run = report::load_results(run.output);
    } catch (const std::exception& e) {
      std::cerr << "mpdts: matrix: " << e.what() << "\n";
    }
    columns.push_back(std::move(column));
  }
  try {
    report::write_file_atomically(dir / "matrix.html", report::matrix_html(columns));
    report::write_file_atomically(dir / "junit.xml", report::matrix_junit(columns));
  } catch (const std::exception& e) {
    std::cerr << "mpdts: matrix: writing the matrix: " << e.what() << "\n";
    return kSetupError;
  }
  const auto rows = report::matrix_rows(columns);
  const auto differing = std::count_if(rows.begin(), rows.end(), [](const report::MatrixRow& r) { return r.differs; });
  say(fmt::format("{} cases on {} DPDKs, {} with a verdict that differs", rows.size(), columns.size(), differing));
  say("reports: " + (dir / "matrix.html").string() + "  " + (dir / "junit.xml").string());
  say(fmt::format("exit {}", worst));
  return worst;
}

}  // namespace mpdts::cli
