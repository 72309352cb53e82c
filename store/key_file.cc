#include "store/key_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "store/file_io.h"
#include "store/manifest.h"
#include "store/minhash.h"

namespace newsmine {
namespace {

constexpr char kMagic[8] = {'N', 'M', 'B', 'A', 'N', 'D', '0', '1'};
// The header takes the first page; bucket b is the page after it at b.
constexpr uint64_t kHeaderBytes = 4096;
constexpr uint64_t kBucketBytes = 4096;
// A bucket: a 32-bit row count, 4 bytes of padding, then its rows.
constexpr uint64_t kBucketRowsOffset = 8;
constexpr uint32_t kMaxBucketBits = 28;
// The table doubles before it holds more rows than this per bucket on
// average (59 % full): with rows at random, a bucket then overfills with a
// probability below 1e-8.
constexpr uint64_t kMeanRowsPerBucket = 100;
// Buckets read and written at once.
constexpr uint64_t kChunkBuckets = 64;

static_assert(sizeof(KeyRow) == 24, "the file's rows are 24 bytes");
static_assert(KeyFile::kBucketRows == (kBucketBytes - kBucketRowsOffset) / sizeof(KeyRow));
constexpr uint32_t kBucketRows = KeyFile::kBucketRows;

// The 64-bit hash whose top bits choose the bucket. Sorting rows by it sorts
// them by bucket for every table size, and a bucket b splits into 2b and
// 2b + 1 when the table doubles.
uint64_t BucketHash(int64_t key) { return static_cast<uint64_t>(key) * 0x9E3779B97F4A7C15ull; }

uint64_t BucketOffset(uint64_t bucket) { return kHeaderBytes + bucket * kBucketBytes; }

uint32_t& RowCount(char* bucket) { return *reinterpret_cast<uint32_t*>(bucket); }
KeyRow* Rows(char* bucket) { return reinterpret_cast<KeyRow*>(bucket + kBucketRowsOffset); }

// Files `row` in `bucket`, keeping the newest kMaxBandCandidates rows of its
// key, and adds 1 to *added when the bucket holds one row more (not when the
// row replaced an older one or was filed already). Returns false when the
// bucket is full.
bool FileRow(const KeyRow& row, char* bucket, uint64_t* added) {
  uint32_t& count = RowCount(bucket);
  KeyRow* rows = Rows(bucket);
  int same_key = 0;
  KeyRow* oldest = nullptr;
  for (uint32_t i = 0; i < count; ++i) {
    if (rows[i].key != row.key) continue;
    if (rows[i].rec == row.rec) return true;  // filed already
    ++same_key;
    if (oldest == nullptr || rows[i].rec < oldest->rec) oldest = &rows[i];
  }
  if (same_key < kMaxBandCandidates) {
    if (count == kBucketRows) return false;
    rows[count++] = row;
    ++*added;
  } else if (row.rec > oldest->rec) {
    *oldest = row;
  }
  return true;
}

// Sets (*rows)[first + i] to the row count of the i-th of the kChunkBuckets
// buckets at `chunk` (checked by ReadChunk or counted by FileRow: at most
// kBucketRows, which fits).
void NoteRowCounts(uint64_t first, char* chunk, std::vector<uint8_t>* rows) {
  static_assert(kBucketRows <= UINT8_MAX);
  for (uint64_t i = 0; i < kChunkBuckets; ++i)
    (*rows)[first + i] = static_cast<uint8_t>(RowCount(chunk + i * kBucketBytes));
}

}  // namespace

uint64_t KeyBucket(int64_t key, uint32_t bits) { return BucketHash(key) >> (64 - bits); }

KeyFile::~KeyFile() { Close(); }

void KeyFile::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status KeyFile::Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered) {
  Close();
  path_ = path;
  bucket_rows_.clear();
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) return Errno("cannot open " + path);
  struct stat st;
  if (::fstat(fd_, &st) != 0) return Errno("cannot stat " + path);
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  bool usable = false;
  if (size >= kHeaderBytes) {
    if (Status s = PreadAll(fd_, path_, reinterpret_cast<char*>(&header_), sizeof(header_), 0); !s.ok())
      return s;
    usable = std::memcmp(header_.magic, kMagic, sizeof(kMagic)) == 0 && header_.generation == generation &&
             header_.bucket_bits >= kInitialBucketBits && header_.bucket_bits <= kMaxBucketBits &&
             size == BucketOffset(uint64_t{1} << header_.bucket_bits) && header_.written <= last_rec &&
             header_.covered <= header_.written;
  }
  if (!usable) {
    if (Status s = Create(generation); !s.ok()) return s;
  }
  *covered = header_.covered;
  return Status::Ok();
}

Status KeyFile::Create(int64_t generation) {
  header_ = Header{};
  std::memcpy(header_.magic, kMagic, sizeof(kMagic));
  header_.generation = generation;
  header_.bucket_bits = kInitialBucketBits;
  // Empty buckets are zeros: a file extended by ftruncate reads as such.
  if (::ftruncate(fd_, 0) != 0 ||
      ::ftruncate(fd_, static_cast<off_t>(BucketOffset(uint64_t{1} << kInitialBucketBits))) != 0) {
    return Errno("cannot write " + path_);
  }
  if (Status s = WriteHeader(fd_, path_, true); !s.ok()) return s;
  bucket_rows_.assign(uint64_t{1} << kInitialBucketBits, 0);
  return SyncDirectory(std::filesystem::path(path_).parent_path().string());
}

Status KeyFile::WriteHeader(int fd, const std::string& path, bool sync) {
  char page[kHeaderBytes] = {};
  std::memcpy(page, &header_, sizeof(header_));
  if (Status s = PwriteAll(fd, path, std::string_view(page, sizeof(page)), 0); !s.ok()) return s;
  if (sync && ::fdatasync(fd) != 0) return Errno("cannot sync " + path);
  return Status::Ok();
}

Status KeyFile::Add(std::vector<KeyRow>* rows) {
  if (rows->empty()) return Status::Ok();
  added_since_commit_ = true;
  std::sort(rows->begin(), rows->end(), [](const KeyRow& a, const KeyRow& b) {
    const uint64_t ha = BucketHash(a.key), hb = BucketHash(b.key);
    return ha != hb ? ha < hb : a.rec < b.rec;
  });
  int64_t newest = 0;
  for (const KeyRow& row : *rows) newest = std::max(newest, row.rec);
  if (newest > header_.written) {
    // Synced before any of these rows is written: after a crash the header
    // then never understates which records' rows the file may hold.
    header_.written = newest;
    if (Status s = WriteHeader(fd_, path_, true); !s.ok()) return s;
  }
  const KeyRow* begin = rows->data();
  const KeyRow* end = begin + rows->size();
  // The doublings the rows call for. The last one files them as it splits
  // the buckets: the table is read and written once, not twice.
  uint32_t bits = header_.bucket_bits;
  while (bits < kMaxBucketBits && header_.rows + rows->size() > kMeanRowsPerBucket << bits) ++bits;
  bool filed = false, overfull = false;
  while (header_.bucket_bits < bits) {
    const bool last = header_.bucket_bits + 1 == bits;
    if (Status s = Double(last ? begin : end, end, &overfull); !s.ok()) return s;
    filed = last;
  }
  if (!filed) {
    if (Status s = MergeRows(begin, end, &overfull); !s.ok()) return s;
  }
  // A bucket would overfill: the table doubles until the rows fit. Rows
  // already filed are filed again, which changes nothing.
  while (overfull) {
    if (header_.bucket_bits == kMaxBucketBits)
      return Status::IoError(path_ + ": a bucket is full at the largest table size");
    overfull = false;
    if (Status s = Double(begin, end, &overfull); !s.ok()) return s;
  }
  return Status::Ok();
}

Status KeyFile::MergeRows(const KeyRow* begin, const KeyRow* end, bool* overfull) {
  const uint32_t bits = header_.bucket_bits;
  const KeyRow* row = begin;
  while (row != end) {
    const uint64_t first = KeyBucket(row->key, bits) / kChunkBuckets * kChunkBuckets;
    if (Status s = ReadChunk(first); !s.ok()) return s;
    uint64_t added = 0;
    for (; row != end; ++row) {
      const uint64_t bucket = KeyBucket(row->key, bits);
      if (bucket >= first + kChunkBuckets) break;
      if (!FileRow(*row, chunk_.data() + (bucket - first) * kBucketBytes, &added)) {
        *overfull = true;
        return Status::Ok();
      }
    }
    if (Status s = PwriteAll(fd_, path_, std::string_view(chunk_.data(), chunk_.size()), BucketOffset(first));
        !s.ok()) {
      // What the file's buckets hold is not known now.
      bucket_rows_.clear();
      return s;
    }
    if (!bucket_rows_.empty()) NoteRowCounts(first, chunk_.data(), &bucket_rows_);
    header_.rows += added;
  }
  return Status::Ok();
}

Status KeyFile::Double(const KeyRow* begin, const KeyRow* end, bool* overfull) {
  const uint32_t bits = header_.bucket_bits;
  const KeyRow* row = begin;
  uint64_t added = 0;
  const uint64_t buckets = uint64_t{1} << bits;
  const std::string grown_path = path_ + ".new";
  const int grown = ::open(grown_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (grown < 0) return Errno("cannot open " + grown_path);
  Status s;
  if (::ftruncate(grown, static_cast<off_t>(BucketOffset(2 * buckets))) != 0)
    s = Errno("cannot write " + grown_path);
  std::vector<char> halves(2 * kChunkBuckets * kBucketBytes);
  std::vector<uint8_t> grown_rows(2 * buckets);
  for (uint64_t first = 0; s.ok() && first < buckets; first += kChunkBuckets) {
    s = ReadChunk(first);
    if (!s.ok()) break;
    std::fill(halves.begin(), halves.end(), 0);
    for (uint64_t i = 0; i < kChunkBuckets; ++i) {
      char* bucket = chunk_.data() + i * kBucketBytes;
      for (uint32_t r = 0; s.ok() && r < RowCount(bucket); ++r) {
        const KeyRow& row = Rows(bucket)[r];
        const uint64_t half = KeyBucket(row.key, bits + 1);
        if (half / 2 != first + i) {
          s = Status::Corrupt(
              path_ + ": a row is in a bucket not its key's ('newsmine reindex' makes the file anew)");
          break;
        }
        char* into = halves.data() + (half - 2 * first) * kBucketBytes;
        Rows(into)[RowCount(into)++] = row;
      }
    }
    for (; s.ok() && row != end && !*overfull; ++row) {
      const uint64_t half = KeyBucket(row->key, bits + 1);
      if (half >= 2 * (first + kChunkBuckets)) break;
      *overfull = !FileRow(*row, halves.data() + (half - 2 * first) * kBucketBytes, &added);
    }
    if (s.ok())
      s = PwriteAll(grown, grown_path, std::string_view(halves.data(), halves.size()),
                    BucketOffset(2 * first));
    for (uint64_t half = 0; s.ok() && half < 2 * kChunkBuckets; half += kChunkBuckets)
      NoteRowCounts(2 * first + half, halves.data() + half * kBucketBytes, &grown_rows);
  }
  if (!s.ok()) {
    ::close(grown);
    ::unlink(grown_path.c_str());
    return s;
  }
  header_.bucket_bits = bits + 1;
  header_.rows += added;
  s = WriteHeader(grown, grown_path, true);
  if (s.ok() && ::rename(grown_path.c_str(), path_.c_str()) != 0) s = Errno("cannot rename " + grown_path);
  if (s.ok()) s = SyncDirectory(std::filesystem::path(path_).parent_path().string());
  if (!s.ok()) {
    header_.bucket_bits = bits;
    header_.rows -= added;
    ::close(grown);
    ::unlink(grown_path.c_str());
    return s;
  }
  ::close(fd_);
  fd_ = grown;
  bucket_rows_ = std::move(grown_rows);
  return Status::Ok();
}

Status KeyFile::Commit(int64_t covered) {
  if (!added_since_commit_ && covered == header_.covered) return Status::Ok();
  if (::fdatasync(fd_) != 0) return Errno("cannot sync " + path_);
  added_since_commit_ = false;
  header_.covered = covered;
  header_.written = std::max(header_.written, covered);
  // Unsynced: if it is lost, the rows after the old `covered` are added
  // again, which changes nothing.
  return WriteHeader(fd_, path_, false);
}

Status KeyFile::OverfullBucket() const {
  return Status::Corrupt(
      path_ + ": a bucket counts more rows than it can hold ('newsmine reindex' makes the file anew)");
}

Status KeyFile::ReadChunk(uint64_t first) {
  chunk_.resize(kChunkBuckets * kBucketBytes);
  if (Status s = PreadAll(fd_, path_, chunk_.data(), chunk_.size(), BucketOffset(first)); !s.ok()) return s;
  for (uint64_t i = 0; i < kChunkBuckets; ++i) {
    if (RowCount(chunk_.data() + i * kBucketBytes) > kBucketRows) return OverfullBucket();
  }
  return Status::Ok();
}

Status KeyFile::Find(int64_t key, int limit, std::vector<KeyRow>* out) {
  alignas(8) char bucket[kBucketBytes];
  const uint64_t number = KeyBucket(key, header_.bucket_bits);
  // Only the rows a bucket holds, when that is known: a bucket holds a
  // quarter to three fifths of what it can (the table doubles past that),
  // and copying the whole of it out of the page cache cost more than the
  // rows did (docs/performance.md, twenty-first round).
  const bool known = !bucket_rows_.empty();
  const size_t bytes = known ? kBucketRowsOffset + bucket_rows_[number] * sizeof(KeyRow) : kBucketBytes;
  if (Status s = PreadAll(fd_, path_, bucket, bytes, BucketOffset(number)); !s.ok()) return s;
  const uint32_t count = RowCount(bucket);
  if (count > kBucketRows) return OverfullBucket();
  if (known && count != bucket_rows_[number])
    return Status::Corrupt(path_ + ": a bucket's row count changed under its writer");
  const size_t first = out->size();
  const KeyRow* rows = Rows(bucket);
  for (uint32_t i = 0; i < count; ++i) {
    if (rows[i].key == key) out->push_back(rows[i]);
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
            [](const KeyRow& a, const KeyRow& b) { return a.rec > b.rec; });
  if (out->size() - first > static_cast<size_t>(limit)) out->resize(first + static_cast<size_t>(limit));
  return Status::Ok();
}

Status KeyFile::ForEachKey(const std::function<void(int64_t key)>& visit) {
  const uint64_t buckets = uint64_t{1} << header_.bucket_bits;
  // Every bucket is read: their row counts are known after.
  std::vector<uint8_t> rows(buckets);
  for (uint64_t first = 0; first < buckets; first += kChunkBuckets) {
    if (Status s = ReadChunk(first); !s.ok()) return s;
    NoteRowCounts(first, chunk_.data(), &rows);
    for (uint64_t i = 0; i < kChunkBuckets; ++i) {
      char* bucket = chunk_.data() + i * kBucketBytes;
      for (uint32_t r = 0; r < RowCount(bucket); ++r) visit(Rows(bucket)[r].key);
    }
  }
  bucket_rows_ = std::move(rows);
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
  return static_cast<size_t>(BucketHash(key) >> (64 - slot_bits_));
}

}  // namespace newsmine
