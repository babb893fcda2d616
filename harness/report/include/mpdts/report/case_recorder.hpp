// CaseRecorder: a gtest listener that writes one JSON record per executed test into
// a results directory (see results_layout.hpp). Works the same whether the whole
// cases binary runs in one process or ctest runs each case as its own process:
// every record is its own file, written atomically.
//
//   int main(int argc, char** argv) {
//     testing::InitGoogleTest(&argc, argv);
//     nlohmann::json environment = {{"dpdk_version", rte_version()}, ...};
//     testing::UnitTest::GetInstance()->listeners().Append(
//         new mpdts::report::CaseRecorder(results_dir, environment));  // gtest owns it
//     return RUN_ALL_TESTS();
//   }
#pragma once

#include <cstdint>
#include <filesystem>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "mpdts/report/case_record.hpp"

namespace mpdts::report {

class CaseRecorder : public testing::EmptyTestEventListener {
 public:
  // Creates <results_dir>/cases and writes <results_dir>/environment.json from
  // `environment` unless that file exists already (the run launcher may have written
  // it, or an earlier case process of the same ctest run). Throws
  // std::filesystem::filesystem_error if the directory cannot be created.
  CaseRecorder(std::filesystem::path results_dir, nlohmann::json environment);

  // Writes a provisional failed record: if the process dies before OnTestEnd, the
  // report still shows the case, as failed because it did not finish.
  // Under --gtest_repeat=N (N != 1) every iteration's records are kept: names get "#<iteration>".
  void OnTestIterationStart(const testing::UnitTest& unit_test, int iteration) override;
  void OnTestStart(const testing::TestInfo& test_info) override;
  void OnTestEnd(const testing::TestInfo& test_info) override;
  // Failures in TearDownTestSuite() happen after the suite's last test ended; they
  // become a record of their own, "<suite>.TearDownTestSuite".
  void OnTestSuiteEnd(const testing::TestSuite& test_suite) override;
  // Failures of global environments (testing::Environment) become a record
  // "GlobalTestEnvironment.SetUpOrTearDown": if SetUp failed no test ran at all.
  void OnTestProgramEnd(const testing::UnitTest& unit_test) override;

  const std::filesystem::path& results_dir() const { return results_dir_; }

  // "" unless tests are repeated; then "#1", "#2", ... for the running iteration. Whatever else
  // names files after a case (its transcript) appends it too.
  static const std::string& repeat_suffix();

 private:
  void write_record_or_complain(const CaseRecord& record) const;

  std::filesystem::path results_dir_;
  std::int64_t current_test_start_ms_ = 0;
  // How many of the current suite's ad-hoc results were already attributed to tests,
  // so that OnTestSuiteEnd can tell TearDownTestSuite()'s results from SetUpTestSuite()'s.
  int suite_parts_seen_ = 0;
};

}  // namespace mpdts::report
