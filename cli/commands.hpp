// The subcommands of `mpdts`. Each returns its exit code (exit_codes.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "case_selection.hpp"

namespace mpdts::cli {

// Where the programs `mpdts` drives live: next to it (the build directory).
struct Programs {
  std::filesystem::path cases;  // mpdts_cases
  std::filesystem::path bench;  // mpdts-bench (another engineer's program; may be absent)
  static Programs beside_self();
};

struct RunOptions {
  std::filesystem::path topology;
  Selection selection;
  int repeat = 1;
  std::filesystem::path output;       // exact results directory; empty: <reports>/<date-time>
  std::filesystem::path reports_dir;  // where dated results directories go (and the `latest` link)
  std::string journal_dir;            // empty: the cases binary's default
  std::string dpdk;                   // the DPDK under test (system, source:PATH, build_dir:PATH); empty: the topology's
  bool verbose = false;
  std::vector<std::string> gtest_args;  // passed through (after --)
};

int run_command(const Programs& programs, const RunOptions& options);

// `mpdts matrix`: the run options once per DPDK under test (`dpdks`, at least two), then the matrix.
struct MatrixOptions {
  RunOptions run;
  std::vector<std::string> dpdks;
};
int matrix_command(const Programs& programs, const MatrixOptions& options);

struct ListOptions {
  std::filesystem::path topology;
  Selection selection;
  bool json = false;
};
int list_command(const Programs& programs, const ListOptions& options);

struct ValidateOptions {
  std::filesystem::path topology;
  bool node_checks = true;  // check PCI devices on this node
};
int validate_command(const ValidateOptions& options);

int recover_command(const std::string& journal_dir, bool dry_run);

// Replaces this process with `mpdts-bench <args>`; returns only on failure.
int bench_command(const Programs& programs, const std::vector<std::string>& args);

// The catalogue of the cases binary for a topology; exit code 2 (and the binary's message on
// stderr) when the topology is invalid. Shared by run and list.
std::vector<CaseInfo> load_case_list(const Programs& programs, const std::filesystem::path& topology, int* code);

}  // namespace mpdts::cli
