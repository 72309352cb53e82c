#include "store/direct_append.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <random>
#include <string>
#include <vector>

#include "store/file_io.h"
#include "test_util.h"

namespace newsmine {
namespace {

using testing::ReadFile;
using testing::TempDir;
using testing::WriteFile;

constexpr size_t kBlock = DirectAppendBuffer::kBlockBytes;

// What a commit does with what the buffer still holds: writes it through
// the page cache at `at`, after what was written behind.
void WriteRest(const DirectAppendBuffer& buffer, const std::string& path, uint64_t at) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(PwriteAll(fd, path, buffer.bytes(), at).ok());
  ::close(fd);
}

// A writer's life over one file: commits at random points (the rest written
// through the page cache, as Store::Commit does), lines appended between
// them, whole blocks written behind whenever a megabyte is held. The file
// must end up holding exactly what was appended.
void AppendAndCommit(bool direct, const std::string& name) {
  const std::string path = TempDir(name) + "/segment";
  WriteFile(path, "committed before\n");
  std::string expected = ReadFile(path);
  DirectAppendBuffer buffer(direct);
  std::mt19937_64 random(11);
  uint64_t written = 0;  // past what is committed
  for (int commit = 0; commit < 12; ++commit) {
    std::string appended;  // since the last commit
    const int lines = static_cast<int>(random() % 3000);
    for (int i = 0; i < lines; ++i) {
      buffer.StartAt(expected.size() + written);
      ASSERT_EQ(buffer.offset() + buffer.size(), expected.size() + written + buffer.size());
      // Lines of 1 to 1,500 bytes, now and then one of 3 MB.
      const size_t length = i % 997 == 5 ? size_t{3} << 20 : 1 + random() % 1500;
      const std::string line(length, static_cast<char>('a' + random() % 26));
      buffer.Append(line);
      buffer.Append('\n');
      appended.append(line).push_back('\n');
      if (buffer.size() >= (size_t{1} << 20)) {
        size_t wrote = 0;
        const size_t held = buffer.size();
        ASSERT_TRUE(buffer.WriteWholeBlocks(path, &wrote).ok());
        EXPECT_LT(buffer.size(), kBlock);
        EXPECT_EQ(wrote + buffer.size(), held);
        // What is left starts on a block boundary of the file.
        EXPECT_EQ(buffer.offset() % kBlock, 0u);
        written += wrote;
      }
    }
    ASSERT_NO_FATAL_FAILURE(WriteRest(buffer, path, expected.size() + written));
    expected += appended;
    ASSERT_TRUE(ReadFile(path) == expected) << "commit " << commit;
    written = 0;
    buffer.Clear();
  }
  if (!direct) {
    EXPECT_FALSE(buffer.wrote_direct());
  }
}

TEST(DirectAppendBuffer, WritesEveryByteWhereItBelongs) { AppendAndCommit(true, "direct-append"); }

TEST(DirectAppendBuffer, WritesEveryByteWhereItBelongsWithoutDirectWrites) {
  AppendAndCommit(false, "direct-append-buffered");
}

// The same bytes, with and without direct writes, give the same file.
TEST(DirectAppendBuffer, DirectAndOrdinaryWritesGiveTheSameFile) {
  std::string files[2];
  for (int direct = 0; direct < 2; ++direct) {
    const std::string path = TempDir(direct ? "direct-same-1" : "direct-same-0") + "/segment";
    WriteFile(path, "x");  // one byte committed: every block write starts with a head
    DirectAppendBuffer buffer(direct == 1);
    std::mt19937_64 random(12);
    uint64_t written = 0;
    for (int i = 0; i < 40000; ++i) {
      buffer.StartAt(1 + written);
      buffer.Append(std::to_string(i) + std::string(random() % 300, 'z'));
      buffer.Append('\n');
      if (buffer.size() >= (size_t{1} << 20)) {
        size_t wrote = 0;
        ASSERT_TRUE(buffer.WriteWholeBlocks(path, &wrote).ok());
        written += wrote;
      }
    }
    ASSERT_NO_FATAL_FAILURE(WriteRest(buffer, path, 1 + written));
    files[direct] = ReadFile(path);
  }
  EXPECT_GT(files[0].size(), size_t{4} << 20);
  EXPECT_EQ(files[0], files[1]);
}

// Whole blocks written directly are not left in the page cache: that is the
// point. Skipped where the file system refuses direct writes.
TEST(DirectAppendBuffer, WholeBlocksGoAroundThePageCache) {
  const std::string path = TempDir("direct-cache") + "/segment";
  DirectAppendBuffer buffer;
  buffer.StartAt(0);
  buffer.Append(std::string(size_t{8} << 20, 'q'));
  size_t wrote = 0;
  ASSERT_TRUE(buffer.WriteWholeBlocks(path, &wrote).ok());
  ASSERT_EQ(wrote, size_t{8} << 20);
  if (!buffer.wrote_direct()) GTEST_SKIP() << "this file system refuses direct writes";
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  void* map = ::mmap(nullptr, wrote, PROT_READ, MAP_SHARED, fd, 0);
  ASSERT_NE(map, MAP_FAILED);
  std::vector<unsigned char> resident(wrote / static_cast<size_t>(::sysconf(_SC_PAGESIZE)));
  ASSERT_EQ(::mincore(map, wrote, resident.data()), 0);
  size_t cached = 0;
  for (unsigned char page : resident) cached += page & 1;
  ::munmap(map, wrote);
  ::close(fd);
  EXPECT_EQ(cached, 0u) << "of " << resident.size() << " pages";
}

// A failed write drops nothing: the caller may try again or stop.
TEST(DirectAppendBuffer, AFailedWriteKeepsWhatIsHeld) {
  DirectAppendBuffer buffer;
  buffer.StartAt(100);
  buffer.Append(std::string(size_t{2} << 20, 'w'));
  size_t wrote = 7;
  EXPECT_EQ(buffer.WriteWholeBlocks(TempDir("direct-fail") + "/no/such/dir/segment", &wrote).code(),
            Status::Code::kIoError);
  EXPECT_EQ(wrote, 0u);
  EXPECT_EQ(buffer.offset(), 100u);
  EXPECT_EQ(buffer.size(), size_t{2} << 20);
}

}  // namespace
}  // namespace newsmine
