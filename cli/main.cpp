// mpdts: the suite's command line.
//
//   mpdts run      [-t TOPOLOGY] [-f FILTER] [-l LABEL]... [-r N] [-o DIR] [-v] [-- gtest flags]
//   mpdts list     [-t TOPOLOGY] [-f FILTER] [-l LABEL]... [--json]
//   mpdts validate [-t TOPOLOGY] [--no-node-checks]
//   mpdts recover  [--journal-dir DIR] [--dry-run]
//   mpdts bench    ...   (runs mpdts-bench with the rest of the arguments)
//
// Exit codes (exit_codes.hpp): 0 passed, 1 failures, 2 usage/topology/set-up error, 130 interrupted
// (143 on SIGTERM). recover keeps mpdts-recover's codes (0 / 1 / 2 / 3 for --dry-run with work).
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "core/journal.hpp"
#include "exit_codes.hpp"

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mpdts::cli;
  CLI::App app{
      "mpdts: conformance suite for DPDK multi-process hotplug, symmetric forwarding and testpmd port hotplug.\n"
      "Exit codes: 0 every selected case passed (skips allowed); 1 some case failed; 2 usage, topology or\n"
      "set-up error (nothing judged); 130 interrupted by SIGINT (143 by SIGTERM), everything undone.",
      "mpdts"};
  app.require_subcommand(1);
  const std::string default_topology = env_or("MPDTS_TOPOLOGY", MPDTS_DEFAULT_TOPOLOGY);

  RunOptions run;
  run.topology = default_topology;
  run.reports_dir = env_or("MPDTS_REPORTS_DIR", "reports");
  auto* run_cmd = app.add_subcommand("run", "run the conformance cases and write the reports");
  run_cmd->add_option("-t,--topology", run.topology, "topology YAML ($MPDTS_TOPOLOGY)")->capture_default_str();
  run_cmd->add_option("-f,--filter", run.selection.filter,
                      "cases by name, gtest syntax: 'HotplugMp/*Virtual*:Testpmd/*-*Physical*'");
  run_cmd->add_option("-l,--label", run.selection.labels, "only cases with this label (repeatable: all of them)");
  run_cmd->add_option("-r,--repeat", run.repeat, "run the selected cases this many times")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  run_cmd->add_option("-o,--output", run.output,
                      "results directory (new or empty); default: REPORTS/<date-time>, linked as REPORTS/latest");
  run_cmd->add_option("--reports", run.reports_dir, "where dated results directories go ($MPDTS_REPORTS_DIR)")
      ->capture_default_str();
  run_cmd->add_option("--journal-dir", run.journal_dir, "side-effect journal directory ($MPDTS_JOURNAL_DIR)");
  run_cmd->add_option("--dpdk", run.dpdk,
                      "the DPDK under test, instead of the topology's 'dpdk:': system, source:PATH (a DPDK tree or "
                      "release tarball, built and cached) or build_dir:PATH (a meson build directory)");
  run_cmd->add_flag("-v,--verbose", run.verbose, "show everything the cases print");
  run_cmd->add_option("gtest_args", run.gtest_args, "after --: flags for the cases binary (gtest)");

  MatrixOptions matrix;
  matrix.run.topology = default_topology;
  matrix.run.reports_dir = run.reports_dir;
  auto* matrix_cmd = app.add_subcommand(
      "matrix", "run the cases once per DPDK under test and write one page with a column per DPDK (matrix.html)");
  matrix_cmd->add_option("--dpdk", matrix.dpdks,
                         "a DPDK under test, one column each (repeat: at least two): system, source:PATH, build_dir:PATH")
      ->required();
  matrix_cmd->add_option("-t,--topology", matrix.run.topology, "topology YAML ($MPDTS_TOPOLOGY)")->capture_default_str();
  matrix_cmd->add_option("-f,--filter", matrix.run.selection.filter, "cases by name (gtest syntax)");
  matrix_cmd->add_option("-l,--label", matrix.run.selection.labels, "only cases with this label (repeatable)");
  matrix_cmd->add_option("-o,--output", matrix.run.output,
                         "matrix directory (new or empty): a results directory per DPDK, matrix.html, junit.xml");
  matrix_cmd->add_option("--reports", matrix.run.reports_dir, "where a dated matrix directory goes")->capture_default_str();
  matrix_cmd->add_flag("-v,--verbose", matrix.run.verbose, "show everything the cases print");

  ListOptions list;
  list.topology = default_topology;
  auto* list_cmd = app.add_subcommand("list", "list every case and whether the topology can run it (runs nothing)");
  list_cmd->add_option("-t,--topology", list.topology, "topology YAML ($MPDTS_TOPOLOGY)")->capture_default_str();
  list_cmd->add_option("-f,--filter", list.selection.filter, "cases by name (gtest syntax)");
  list_cmd->add_option("-l,--label", list.selection.labels, "only cases with this label (repeatable: all of them)");
  list_cmd->add_flag("--json", list.json, "print JSON instead of a table");

  ValidateOptions validate;
  validate.topology = default_topology;
  bool no_node_checks = false;
  auto* validate_cmd = app.add_subcommand("validate", "check a topology file (and its PCI devices on this node)");
  validate_cmd->add_option("file,-t,--topology", validate.topology, "topology YAML ($MPDTS_TOPOLOGY)")
      ->capture_default_str();
  validate_cmd->add_flag("--no-node-checks", no_node_checks, "do not check PCI devices on this node (another node's topology)");

  std::string journal_dir = env_or("MPDTS_JOURNAL_DIR", mpdts::Journal::default_dir().string());
  bool dry_run = false;
  auto* recover_cmd = app.add_subcommand(
      "recover", "undo what dead runs left (from their journals); exit 0 / 1 failed / 2 error / 3 dry run with work");
  recover_cmd->add_option("--journal-dir", journal_dir, "journal directory ($MPDTS_JOURNAL_DIR)")->capture_default_str();
  recover_cmd->add_flag("-n,--dry-run", dry_run, "say what would be undone, change nothing");

  // `mpdts bench ...` is mpdts-bench's: everything after `bench` is its own.
  auto* bench_cmd = app.add_subcommand("bench", "run mpdts-bench with the rest of the arguments");
  bench_cmd->prefix_command();
  bench_cmd->set_help_flag();  // `mpdts bench --help` is mpdts-bench's help

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : kSetupError;
  }
  const Programs programs = Programs::beside_self();
  if (*run_cmd) return run_command(programs, run);
  if (*matrix_cmd) return matrix_command(programs, matrix);
  if (*list_cmd) return list_command(programs, list);
  if (*validate_cmd) {
    validate.node_checks = !no_node_checks;
    return validate_command(validate);
  }
  if (*recover_cmd) return recover_command(journal_dir, dry_run);
  if (*bench_cmd) return bench_command(programs, bench_cmd->remaining());
  return kSetupError;
}
