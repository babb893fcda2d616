#include "mpdts/report/atomic_file.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scratch_dir.hpp"

namespace mpdts::report {
namespace {

using ::testing::HasSubstr;

TEST(WriteFileAtomicallyTest, CreatesParentsWritesAndReplaces) {
  test::ScratchDir dir;
  const auto path = dir.path() / "a" / "b" / "file.json";
  write_file_atomically(path, "first");
  EXPECT_EQ(test::read_file(path), "first");
  write_file_atomically(path, "second");
  EXPECT_EQ(test::read_file(path), "second");
}

TEST(WriteFileAtomicallyTest, LeavesNoTemporaryFileBehind) {
  test::ScratchDir dir;
  write_file_atomically(dir.path() / "f", "x");
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "f");
  }
  EXPECT_EQ(files, 1);
}

TEST(WriteFileAtomicallyTest, FailureNamesThePath) {
  test::ScratchDir dir;
  dir.write("plain-file", "");
  const auto impossible = dir.path() / "plain-file" / "below";
  EXPECT_THAT([&] { write_file_atomically(impossible, "x"); },
              ::testing::ThrowsMessage<std::runtime_error>(HasSubstr("plain-file")));
}

}  // namespace
}  // namespace mpdts::report
