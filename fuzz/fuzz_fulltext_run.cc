// Full-text run files (store/fulltext_file.h) as they may be found on disk
// after damage: whatever the bytes, reading, checking, searching and merging
// a run must fail cleanly or succeed, and a run that passes CheckRun must
// merge into one that passes it too.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "store/fulltext_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string dir = [] {
    const std::string d =
        std::filesystem::temp_directory_path().string() + "/fuzz_fulltext_run." + std::to_string(::getpid());
    std::filesystem::create_directories(d);
    return d;
  }();
  newsmine::FullTextState state;
  state.generation = 1;
  state.covered = INT64_MAX / 2;
  state.next_run = 3;
  const newsmine::FullTextRunInfo run{1, 0, 1, INT64_MAX / 2};
  state.runs = {run};
  if (!newsmine::WriteFullTextState(dir, state).ok()) std::abort();
  const std::string path = newsmine::FullTextRunPath(dir, 1);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), size);

  const bool whole = newsmine::CheckRun(path, run).ok();
  newsmine::FullTextSnapshot snapshot;
  if (snapshot.Open(dir).ok()) {
    std::vector<int64_t> recs;
    for (const char* words : {"the", "harbour vote", "a b c d e f g h"}) {
      const newsmine::Status s = snapshot.RecordsWithAllWords(newsmine::FullTextWordHashes({words}), &recs);
      for (size_t i = 1; s.ok() && i < recs.size(); ++i) {
        if (recs[i] <= recs[i - 1]) std::abort();  // must ascend
      }
    }
  }
  const std::string merged = newsmine::FullTextRunPath(dir, 2);
  const bool merged_ok = newsmine::MergeRuns({path}, merged).ok();
  if (whole && (!merged_ok || !newsmine::CheckRun(merged, run).ok())) std::abort();
  std::filesystem::remove(merged);
  return 0;
}
