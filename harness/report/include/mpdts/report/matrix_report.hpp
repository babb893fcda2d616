// The version matrix: the same suite run once per DPDK under test, side by side. Cases are rows,
// DPDKs are columns, a cell is the case's verdict there (with the known findings it passed on and
// the ids of the checks that failed); the rows whose verdict differs between columns come first.
// One HTML page (self-contained, no script) and one JUnit document with a testsuite per DPDK.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "mpdts/report/results_loader.hpp"

namespace mpdts::report {

struct MatrixColumn {
  std::string spec;       // as given: "system", "source:/x/dpdk_22.11.11.orig.tar.xz"
  std::string dir_name;   // its results directory, relative to the matrix directory
  RunResults run;         // loaded from that directory (its environment says which DPDK ran)
  int exit_code = -1;     // what `mpdts run` returned for it (-1: not known)
};

// "DPDK 22.11.11 (system)": what the column's processes reported, and its spec.
std::string column_title(const MatrixColumn& column);

struct MatrixRow {
  std::string full_name;
  std::vector<const CaseRecord*> cells;  // per column; nullptr: the case did not run there
  bool differs = false;                  // not the same verdict in every column
};
// Every case of any column, the differing rows first, each group in name order.
std::vector<MatrixRow> matrix_rows(const std::vector<MatrixColumn>& columns);

std::string matrix_html(const std::vector<MatrixColumn>& columns);
std::string matrix_junit(const std::vector<MatrixColumn>& columns);

}  // namespace mpdts::report
