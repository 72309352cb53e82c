#include "store/key_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <memory>

#include "store/file_io.h"
#include "store/manifest.h"
#include "store/minhash.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

// Version 2: rows of 32 bytes (a 128-bit sketch).
constexpr char kManifestMagic[8] = {'N', 'M', 'K', 'E', 'Y', 'S', '0', '2'};
constexpr char kRunMagic[8] = {'N', 'M', 'R', 'U', 'N', '0', '0', '2'};
constexpr uint64_t kMaxRunRows = uint64_t{1} << 40;
// A manifest naming more runs than this is not one (a run a flush at least).
constexpr uint64_t kMaxRuns = uint64_t{1} << 16;
// Rows read at once from each run merged, and written at once.
constexpr size_t kReadRows = 64 * 1024 / sizeof(KeyRow);
constexpr size_t kWriteRows = 1024 * 1024 / sizeof(KeyRow);
// Rows Find reads at once from a run.
constexpr size_t kFindRows = 4 * KeyFile::kBlockRows;
// Runs of at most this many rows have a filter of their keys in memory
// (RunKeys, a byte a row: at most 8 MiB each).
constexpr uint64_t kMaxFilteredRunRows = uint64_t{1} << 23;

struct ManifestHeader {
  char magic[8];
  int64_t generation;
  int64_t covered;
  int64_t written;
  uint64_t next_run;
  uint64_t runs;
};
struct ManifestRun {
  uint64_t number;
  uint64_t rows;
};
// A run: its rows, then a fence a block (uint32_t), then this.
struct RunFooter {
  char magic[8];
  uint64_t number;
  uint64_t rows;
};

static_assert(sizeof(KeyRow) == 32, "the files' rows are 32 bytes");

// Runs hold rows with their key replaced by this 64-bit hash of it, a
// bijection, and sorted by it (so the rows of one key are together, and
// only they), newest first within a key. Hashed keys compare as integers,
// which sorted and merged rows several times faster than hashing them in
// each comparison.
constexpr uint64_t kHashFactor = 0x9E3779B97F4A7C15ull;
constexpr uint64_t Inverse(uint64_t odd) {
  uint64_t inverse = odd;  // Newton's iteration: each doubles the bits right
  for (int i = 0; i < 6; ++i) inverse *= 2 - odd * inverse;
  return inverse;
}
constexpr uint64_t kUnhashFactor = Inverse(kHashFactor);
static_assert(kHashFactor * kUnhashFactor == 1);

uint64_t KeyHash(int64_t key) { return static_cast<uint64_t>(key) * kHashFactor; }
int64_t KeyOfHash(uint64_t hash) { return static_cast<int64_t>(hash * kUnhashFactor); }
uint64_t StoredHash(const KeyRow& row) { return static_cast<uint64_t>(row.key); }
uint32_t Fence(uint64_t hash) { return static_cast<uint32_t>(hash >> 32); }
// Whether stored row `a` comes before `b`.
bool Before(const KeyRow& a, const KeyRow& b) {
  const uint64_t ha = StoredHash(a), hb = StoredHash(b);
  return ha != hb ? ha < hb : a.rec > b.rec;
}
// Replaces the keys of `rows` by their hashes, or back.
void HashKeys(std::vector<KeyRow>* rows) {
  for (KeyRow& row : *rows) row.key = static_cast<int64_t>(KeyHash(row.key));
}
void UnhashKeys(std::vector<KeyRow>* rows) {
  for (KeyRow& row : *rows) row.key = KeyOfHash(StoredHash(row));
}

// The first of `fences` (sorted) not below `fence`. The fences are the top
// bits of uniform hashes, so the answer is near fence × blocks / 2^32: the
// search steps out from there by doubling strides, then bisects what they
// bound: a cache line or two, where a bisection of all the fences touched
// about twenty (BM_KeyFileFind at one run: 1.1 µs a lookup instead of 1.4).
size_t FirstFenceNotBelow(const std::vector<uint32_t>& fences, uint32_t fence) {
  const size_t blocks = fences.size();
  const size_t guess = static_cast<size_t>((uint64_t{fence} * blocks) >> 32);
  size_t low = 0, high = 0;  // the answer is in [low, high]
  if (guess < blocks && fences[guess] < fence) {
    low = guess + 1;
    for (size_t stride = 1;; stride *= 2) {
      const size_t probe = low - 1 + stride;
      if (probe >= blocks || fences[probe] >= fence) {
        high = std::min(probe, blocks);
        break;
      }
      low = probe + 1;
    }
  } else {
    high = guess;
    for (size_t stride = 1;; stride *= 2) {
      if (high < stride) break;  // low stays 0
      const size_t probe = high - stride;
      if (fences[probe] < fence) {
        low = probe + 1;
        break;
      }
      high = probe;
    }
  }
  const auto begin = fences.begin();
  return static_cast<size_t>(std::lower_bound(begin + static_cast<std::ptrdiff_t>(low),
                                              begin + static_cast<std::ptrdiff_t>(high), fence) -
                             begin);
}

uint64_t Blocks(uint64_t rows) { return (rows + KeyFile::kBlockRows - 1) / KeyFile::kBlockRows; }
uint64_t RunBytes(uint64_t rows) { return rows * sizeof(KeyRow) + Blocks(rows) * 4 + sizeof(RunFooter); }

// The run number of a file named `name` in path's folder, or 0 when it is
// not a run of path.
uint64_t RunNumberOf(const std::string& name, const std::string& base) {
  if (name.size() <= base.size() + 1 || name.compare(0, base.size(), base) != 0 || name[base.size()] != '.')
    return 0;
  uint64_t number = 0;
  for (size_t i = base.size() + 1; i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9' || number > UINT64_MAX / 10 - 1) return 0;
    number = number * 10 + static_cast<uint64_t>(name[i] - '0');
  }
  return number;
}

// Removes the runs of `path` for which `remove(number)` says so.
void RemoveRuns(const std::string& path, const std::function<bool(uint64_t)>& remove) {
  const fs::path file(path);
  const std::string base = file.filename().string();
  std::error_code ec;
  std::vector<fs::path> doomed;
  for (const auto& entry : fs::directory_iterator(file.parent_path(), ec)) {
    const uint64_t number = RunNumberOf(entry.path().filename().string(), base);
    if (number != 0 && remove(number)) doomed.push_back(entry.path());
  }
  for (const fs::path& run : doomed) fs::remove(run, ec);
}

// Rows in order, from a sorted vector or a run's file, checked to be in
// order (a file's could be damaged).
class Cursor {
 public:
  Cursor(const KeyRow* begin, const KeyRow* end) : at_(begin), end_(end) {}
  Cursor(int fd, const std::string& path, uint64_t rows) : fd_(fd), path_(&path), rows_left_(rows) {}

  // The first row (file cursors read it here).
  Status Start() { return fd_ >= 0 ? Fill() : Status::Ok(); }
  const KeyRow* row() const { return at_ == end_ ? nullptr : at_; }
  Status Next() {
    const KeyRow previous = *at_++;
    if (at_ == end_ && fd_ >= 0) {
      if (Status s = Fill(); !s.ok()) return s;
    }
    if (at_ != end_ && Before(*at_, previous))
      return Status::Corrupt((path_ != nullptr ? *path_ : std::string("rows")) +
                             ": rows out of order ('newsmine reindex' makes the file anew)");
    return Status::Ok();
  }

 private:
  Status Fill() {
    const size_t rows = static_cast<size_t>(std::min<uint64_t>(rows_left_, kReadRows));
    buffer_.resize(rows);
    if (Status s =
            PreadAll(fd_, *path_, reinterpret_cast<char*>(buffer_.data()), rows * sizeof(KeyRow), offset_);
        !s.ok()) {
      return s;
    }
    offset_ += rows * sizeof(KeyRow);
    rows_left_ -= rows;
    at_ = buffer_.data();
    end_ = at_ + rows;
    return Status::Ok();
  }

  const KeyRow* at_ = nullptr;
  const KeyRow* end_ = nullptr;
  int fd_ = -1;
  const std::string* path_ = nullptr;
  uint64_t rows_left_ = 0;
  uint64_t offset_ = 0;
  std::vector<KeyRow> buffer_;
};

// A Bloom filter of a run's keys (hashed), of 8 bits a row: three bits in
// one 64-bit word a key, so that adding a key (as every row written by a
// merge is) and asking for one each touch one cache line, not three. It
// answers true for about 5 % of the keys the run does not hold. The
// writer's KeyFilter keeps most lookups of keys held nowhere from the runs;
// this keeps those of keys held in one run from reading the others.
class RunKeys {
 public:
  void Reset(uint64_t rows) { words_.assign(std::max<uint64_t>(rows, 8) / 8, 0); }
  bool empty() const { return words_.empty(); }
  void Add(uint64_t hash) { words_[Word(hash)] |= Bits(hash); }
  bool MayContain(uint64_t hash) const { return (words_[Word(hash)] & Bits(hash)) == Bits(hash); }

 private:
  // The word from the hash's top 32 bits (by a multiplication rather than a
  // division: there are fewer than 2^32 words), the bits from its low 18.
  size_t Word(uint64_t hash) const { return static_cast<size_t>(((hash >> 32) * words_.size()) >> 32); }
  static uint64_t Bits(uint64_t hash) {
    return uint64_t{1} << (hash & 63) | uint64_t{1} << (hash >> 6 & 63) | uint64_t{1} << (hash >> 12 & 63);
  }

  std::vector<uint64_t> words_;
};

}  // namespace

struct KeyFile::Run {
  Run(uint64_t number, std::string path) : number(number), path(std::move(path)) {}
  ~Run() {
    if (fd >= 0) ::close(fd);
  }
  // Closes and removes the file.
  void Remove() {
    ::close(fd);
    fd = -1;
    ::unlink(path.c_str());
  }

  uint64_t number;
  std::string path;
  int fd = -1;
  uint64_t rows = 0;
  std::vector<uint32_t> fences;  // the first row's of each block
  bool listed = false;           // synced, and named by the manifest on disk
  // The keys of a run of at most kMaxFilteredRunRows: made as it is written,
  // or read from it at its first lookup (keys_known).
  RunKeys keys;
  bool keys_known = false;
};

// Writes a new run, row by row in order; the file is removed unless Finish
// succeeds.
class KeyFile::RunWriter {
 public:
  // `rows`: at most how many rows the run will have, to size its RunKeys.
  RunWriter(std::unique_ptr<Run> run, uint64_t rows) : run_(std::move(run)) {
    run_->keys_known = true;
    if (rows <= kMaxFilteredRunRows) run_->keys.Reset(rows);
  }
  ~RunWriter() {
    if (run_ != nullptr) run_->Remove();
  }

  Status Open() {
    run_->fd = ::open(run_->path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (run_->fd < 0) return Errno("cannot create " + run_->path);
    buffer_.reserve(kWriteRows);
    return Status::Ok();
  }
  Status Add(const KeyRow& row) {
    if (run_->rows % kBlockRows == 0) run_->fences.push_back(Fence(StoredHash(row)));
    if (!run_->keys.empty()) run_->keys.Add(StoredHash(row));
    ++run_->rows;
    buffer_.push_back(row);
    return buffer_.size() == kWriteRows ? WriteBuffer() : Status::Ok();
  }
  // Writes the rest, the fences and the footer; hands over the run.
  Status Finish(std::unique_ptr<Run>* run) {
    if (run_->rows > kMaxRunRows) return Status::LimitExceeded(run_->path + ": a run of more than 2^40 rows");
    if (Status s = WriteBuffer(); !s.ok()) return s;
    const std::string_view fences(reinterpret_cast<const char*>(run_->fences.data()),
                                  run_->fences.size() * sizeof(uint32_t));
    if (Status s = PwriteAll(run_->fd, run_->path, fences, offset_); !s.ok()) return s;
    RunFooter footer{};
    std::memcpy(footer.magic, kRunMagic, sizeof(kRunMagic));
    footer.number = run_->number;
    footer.rows = run_->rows;
    if (Status s = PwriteAll(run_->fd, run_->path,
                             std::string_view(reinterpret_cast<const char*>(&footer), sizeof(footer)),
                             offset_ + fences.size());
        !s.ok()) {
      return s;
    }
    *run = std::move(run_);
    return Status::Ok();
  }

 private:
  Status WriteBuffer() {
    const std::string_view bytes(reinterpret_cast<const char*>(buffer_.data()),
                                 buffer_.size() * sizeof(KeyRow));
    if (Status s = PwriteAll(run_->fd, run_->path, bytes, offset_); !s.ok()) return s;
    offset_ += bytes.size();
    buffer_.clear();
    return Status::Ok();
  }

  std::unique_ptr<Run> run_;
  uint64_t offset_ = 0;
  std::vector<KeyRow> buffer_;
};

KeyFile::KeyFile() = default;

KeyFile::~KeyFile() { Close(); }

void KeyFile::Close() {
  for (const std::unique_ptr<Run>& run : runs_) {
    if (!run->listed) run->Remove();
  }
  runs_.clear();
  obsolete_.clear();
  added_since_commit_ = false;
}

void KeyFile::Remove(const std::string& path) {
  std::error_code ignored;
  fs::remove(path, ignored);
  fs::remove(path + ".new", ignored);
  RemoveRuns(path, [](uint64_t) { return true; });
}

std::string KeyFile::RunPath(uint64_t number) const { return path_ + "." + std::to_string(number); }

uint64_t KeyFile::rows() const {
  uint64_t rows = 0;
  for (const std::unique_ptr<Run>& run : runs_) rows += run->rows;
  return rows;
}

uint64_t KeyFile::bytes() const {
  uint64_t bytes = 0;
  for (const std::unique_ptr<Run>& run : runs_) bytes += RunBytes(run->rows);
  return bytes;
}

Status KeyFile::Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered) {
  Close();
  path_ = path;
  bool usable = false;
  if (Status s = Load(generation, last_rec, &usable); !s.ok()) return s;
  if (!usable) {
    if (Status s = Create(generation); !s.ok()) return s;
  }
  RemoveOtherRuns();
  *covered = covered_;
  return Status::Ok();
}

Status KeyFile::Load(int64_t generation, int64_t last_rec, bool* usable) {
  *usable = false;
  runs_.clear();
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT ? Status::Ok() : Errno("cannot open " + path_);
  struct stat st {};
  ManifestHeader header{};
  std::vector<ManifestRun> listed;
  Status s;
  if (::fstat(fd, &st) != 0) s = Errno("cannot stat " + path_);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  // A file of another kind or version (the hash table of 4 KiB buckets
  // before, gigabytes of it) is not read.
  bool whole = s.ok() && size >= sizeof(header);
  if (whole) s = PreadAll(fd, path_, reinterpret_cast<char*>(&header), sizeof(header), 0);
  whole = whole && s.ok() && std::memcmp(header.magic, kManifestMagic, sizeof(kManifestMagic)) == 0 &&
          header.runs <= kMaxRuns && size == sizeof(header) + header.runs * sizeof(ManifestRun);
  if (whole) {
    listed.resize(header.runs);
    s = PreadAll(fd, path_, reinterpret_cast<char*>(listed.data()), listed.size() * sizeof(ManifestRun),
                 sizeof(header));
  }
  ::close(fd);
  if (!s.ok() || !whole) return s;
  if (header.generation != generation || header.written > last_rec || header.covered > header.written)
    return Status::Ok();
  for (const ManifestRun& entry : listed) {
    auto run = std::make_unique<Run>(entry.number, RunPath(entry.number));
    run->listed = true;
    run->fd = ::open(run->path.c_str(), O_RDWR | O_CLOEXEC);
    if (run->fd < 0 || entry.rows == 0 || entry.rows > kMaxRunRows || entry.number >= header.next_run ||
        ::fstat(run->fd, &st) != 0 || static_cast<uint64_t>(st.st_size) != RunBytes(entry.rows)) {
      runs_.clear();
      return Status::Ok();
    }
    RunFooter footer{};
    run->rows = entry.rows;
    run->fences.resize(Blocks(entry.rows));
    if (Status t = PreadAll(run->fd, run->path, reinterpret_cast<char*>(&footer), sizeof(footer),
                            RunBytes(entry.rows) - sizeof(footer));
        !t.ok()) {
      return t;
    }
    if (Status t = PreadAll(run->fd, run->path, reinterpret_cast<char*>(run->fences.data()),
                            run->fences.size() * sizeof(uint32_t), entry.rows * sizeof(KeyRow));
        !t.ok()) {
      return t;
    }
    if (std::memcmp(footer.magic, kRunMagic, sizeof(kRunMagic)) != 0 || footer.number != entry.number ||
        footer.rows != entry.rows || !std::is_sorted(run->fences.begin(), run->fences.end())) {
      runs_.clear();
      return Status::Ok();
    }
    runs_.push_back(std::move(run));
  }
  generation_ = generation;
  covered_ = header.covered;
  written_ = header.written;
  next_run_ = header.next_run;
  *usable = true;
  return Status::Ok();
}

Status KeyFile::Create(int64_t generation) {
  runs_.clear();
  obsolete_.clear();
  generation_ = generation;
  covered_ = written_ = 0;
  next_run_ = 1;
  return WriteManifest();
}

void KeyFile::RemoveOtherRuns() const {
  RemoveRuns(path_, [this](uint64_t number) {
    for (const std::unique_ptr<Run>& run : runs_) {
      if (run->number == number) return false;
    }
    return true;
  });
}

Status KeyFile::WriteManifest() {
  std::string bytes(sizeof(ManifestHeader) + runs_.size() * sizeof(ManifestRun), '\0');
  ManifestHeader header{};
  std::memcpy(header.magic, kManifestMagic, sizeof(kManifestMagic));
  header.generation = generation_;
  header.covered = covered_;
  header.written = written_;
  header.next_run = next_run_;
  header.runs = runs_.size();
  std::memcpy(bytes.data(), &header, sizeof(header));
  for (size_t i = 0; i < runs_.size(); ++i) {
    const ManifestRun entry{runs_[i]->number, runs_[i]->rows};
    std::memcpy(bytes.data() + sizeof(header) + i * sizeof(entry), &entry, sizeof(entry));
  }
  const std::string fresh = path_ + ".new";
  const int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return Errno("cannot create " + fresh);
  Status s = PwriteAll(fd, fresh, bytes, 0);
  if (s.ok() && ::fdatasync(fd) != 0) s = Errno("cannot sync " + fresh);
  ::close(fd);
  if (s.ok() && ::rename(fresh.c_str(), path_.c_str()) != 0) s = Errno("cannot rename " + fresh);
  // The runs' names and the manifest's at once.
  if (s.ok()) s = SyncDirectory(fs::path(path_).parent_path().string());
  if (!s.ok()) ::unlink(fresh.c_str());
  return s;
}

Status KeyFile::Add(std::vector<KeyRow>* rows) {
  if (rows->empty()) return Status::Ok();
  HashKeys(rows);
  std::sort(rows->begin(), rows->end(), [](const KeyRow& a, const KeyRow& b) { return Before(a, b); });
  // The newest runs the new rows take in (kMergeRatio).
  uint64_t newer = rows->size();
  size_t merged = 0;
  while (merged < runs_.size() && runs_[runs_.size() - 1 - merged]->rows <= kMergeRatio * newer) {
    newer += runs_[runs_.size() - 1 - merged]->rows;
    ++merged;
  }
  const Status merge = MergeNewest(*rows, merged);
  UnhashKeys(rows);
  if (!merge.ok()) return merge;
  for (const KeyRow& row : *rows) written_ = std::max(written_, row.rec);
  added_since_commit_ = true;
  return Status::Ok();
}

Status KeyFile::MergeNewest(const std::vector<KeyRow>& rows, size_t merged) {
  std::vector<Cursor> cursors;
  cursors.reserve(merged + 1);
  cursors.emplace_back(rows.data(), rows.data() + rows.size());
  for (size_t i = runs_.size() - merged; i < runs_.size(); ++i)
    cursors.emplace_back(runs_[i]->fd, runs_[i]->path, runs_[i]->rows);
  for (Cursor& cursor : cursors) {
    if (Status s = cursor.Start(); !s.ok()) return s;
  }
  const uint64_t number = next_run_++;
  uint64_t rows_in = rows.size();
  for (size_t i = runs_.size() - merged; i < runs_.size(); ++i) rows_in += runs_[i]->rows;
  RunWriter writer(std::make_unique<Run>(number, RunPath(number)), rows_in);
  if (Status s = writer.Open(); !s.ok()) return s;
  // The rows of one key come together, newest first: the first
  // kMaxBandCandidates distinct ones are kept.
  bool first = true;
  int64_t key = 0, rec = 0;
  int kept = 0;
  for (;;) {
    Cursor* next = nullptr;
    for (Cursor& cursor : cursors) {
      if (cursor.row() != nullptr && (next == nullptr || Before(*cursor.row(), *next->row()))) next = &cursor;
    }
    if (next == nullptr) break;
    const KeyRow& row = *next->row();
    if (first || row.key != key) {
      first = false;
      key = row.key;
      kept = 0;
    } else if (row.rec == rec || kept == kMaxBandCandidates) {
      if (Status s = next->Next(); !s.ok()) return s;
      continue;
    }
    rec = row.rec;
    ++kept;
    if (Status s = writer.Add(row); !s.ok()) return s;
    if (Status s = next->Next(); !s.ok()) return s;
  }
  std::unique_ptr<Run> run;
  if (Status s = writer.Finish(&run); !s.ok()) return s;
  for (size_t i = runs_.size() - merged; i < runs_.size(); ++i) {
    if (runs_[i]->listed) {
      obsolete_.push_back(runs_[i]->path);
    } else {
      runs_[i]->Remove();
    }
  }
  runs_.resize(runs_.size() - merged);
  runs_.push_back(std::move(run));
  return Status::Ok();
}

Status KeyFile::Commit(int64_t covered) {
  if (!added_since_commit_ && covered == covered_) return Status::Ok();
  for (const std::unique_ptr<Run>& run : runs_) {
    if (!run->listed && ::fdatasync(run->fd) != 0) return Errno("cannot sync " + run->path);
  }
  covered_ = covered;
  written_ = std::max(written_, covered);
  if (Status s = WriteManifest(); !s.ok()) return s;
  for (const std::unique_ptr<Run>& run : runs_) run->listed = true;
  for (const std::string& path : obsolete_) ::unlink(path.c_str());
  obsolete_.clear();
  added_since_commit_ = false;
  return Status::Ok();
}

Status KeyFile::Find(int64_t key, int limit, std::vector<KeyRow>* out) {
  const uint64_t hash = KeyHash(key);
  const uint32_t fence = Fence(hash);
  const size_t first = out->size();
  for (const std::unique_ptr<Run>& run : runs_) {
    if (!run->keys_known) {
      if (Status s = LoadRunKeys(run.get()); !s.ok()) return s;
    }
    if (!run->keys.empty() && !run->keys.MayContain(hash)) continue;
    // Blocks [from - 1, to) may hold the key's rows: those whose fence is
    // the key's, and the one before them, which may end with some.
    const std::vector<uint32_t>& fences = run->fences;
    // Blocks of the key's fence are rare and all read below, so a scan finds
    // their end.
    const size_t from = FirstFenceNotBelow(fences, fence);
    size_t to = from;
    while (to < fences.size() && fences[to] == fence) ++to;
    uint64_t row = (from == 0 ? 0 : from - 1) * kBlockRows;
    const uint64_t end = std::min<uint64_t>(to * kBlockRows, run->rows);
    bool checked = false, past = false;
    while (row < end && !past) {
      const size_t count = static_cast<size_t>(std::min<uint64_t>(end - row, kFindRows));
      block_.resize(count);
      if (Status s = PreadAll(run->fd, run->path, reinterpret_cast<char*>(block_.data()),
                              count * sizeof(KeyRow), row * sizeof(KeyRow));
          !s.ok()) {
        return s;
      }
      if (!checked && Fence(StoredHash(block_[0])) != fences[row / kBlockRows]) {
        return Status::Corrupt(
            run->path + ": a block's rows disagree with its fence ('newsmine reindex' makes the file anew)");
      }
      checked = true;
      for (const KeyRow& candidate : block_) {
        if (StoredHash(candidate) > hash) {
          past = true;
          break;
        }
        if (StoredHash(candidate) == hash) out->push_back(KeyRow{key, candidate.rec, candidate.sketch});
      }
      row += count;
    }
  }
  const auto newest = out->begin() + static_cast<std::ptrdiff_t>(first);
  std::sort(newest, out->end(), [](const KeyRow& a, const KeyRow& b) { return a.rec > b.rec; });
  out->erase(std::unique(newest, out->end(), [](const KeyRow& a, const KeyRow& b) { return a.rec == b.rec; }),
             out->end());
  if (out->size() - first > static_cast<size_t>(limit)) out->resize(first + static_cast<size_t>(limit));
  return Status::Ok();
}

Status KeyFile::LoadRunKeys(Run* run) {
  run->keys_known = true;
  if (run->rows > kMaxFilteredRunRows) return Status::Ok();
  RunKeys keys;
  keys.Reset(run->rows);
  Cursor cursor(run->fd, run->path, run->rows);
  if (Status s = cursor.Start(); !s.ok()) return s;
  while (cursor.row() != nullptr) {
    keys.Add(StoredHash(*cursor.row()));
    if (Status s = cursor.Next(); !s.ok()) return s;
  }
  run->keys = std::move(keys);
  return Status::Ok();
}

Status KeyFile::ForEachKey(const std::function<void(int64_t key)>& visit) {
  for (const std::unique_ptr<Run>& run : runs_) {
    Cursor cursor(run->fd, run->path, run->rows);
    if (Status s = cursor.Start(); !s.ok()) return s;
    while (cursor.row() != nullptr) {
      visit(KeyOfHash(StoredHash(*cursor.row())));
      if (Status s = cursor.Next(); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

uint64_t KeyFilter::FirstBit(int64_t key) const {
  return static_cast<uint64_t>(key) & ((uint64_t{1} << bits_log2_) - 1);
}

uint64_t KeyFilter::SecondBit(int64_t key) const {
  return (static_cast<uint64_t>(key) >> 32) & ((uint64_t{1} << bits_log2_) - 1);
}

void KeyFilter::Add(int64_t key) {
  if (words_.empty()) words_.assign((size_t{1} << bits_log2_) / 64, 0);
  words_[FirstBit(key) / 64] |= uint64_t{1} << (FirstBit(key) % 64);
  words_[SecondBit(key) / 64] |= uint64_t{1} << (SecondBit(key) % 64);
}

bool KeyFilter::MayContain(int64_t key) const {
  return !words_.empty() && (words_[FirstBit(key) / 64] >> (FirstBit(key) % 64) & 1) != 0 &&
         (words_[SecondBit(key) / 64] >> (SecondBit(key) % 64) & 1) != 0;
}

void KeyFilter::Prefetch(int64_t key) const {
  if (words_.empty()) return;
  __builtin_prefetch(&words_[FirstBit(key) / 64], 1);
  __builtin_prefetch(&words_[SecondBit(key) / 64], 1);
}

void PendingKeyRows::Add(const KeyRow& row) {
  if (newest_.empty()) {
    newest_.assign(size_t{1} << slot_bits_, -1);
    rows_.reserve(capacity_);
    older_.reserve(capacity_);
  }
  int32_t& newest = newest_[Slot(row.key)];
  rows_.push_back(row);
  older_.push_back(newest);
  newest = static_cast<int32_t>(rows_.size() - 1);
}

void PendingKeyRows::Clear() {
  rows_.clear();
  older_.clear();
  std::fill(newest_.begin(), newest_.end(), -1);
}

size_t PendingKeyRows::Slot(int64_t key) const {
  return static_cast<size_t>(KeyHash(key) >> (64 - slot_bits_));
}

}  // namespace newsmine
