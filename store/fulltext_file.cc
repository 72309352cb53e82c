#include "store/fulltext_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <utility>

#include "core/little_endian.h"
#include "store/file_io.h"
#include "store/manifest.h"

namespace newsmine {
namespace {

constexpr char kRunMagic[8] = {'N', 'M', 'F', 'T', 'R', 'U', 'N', '1'};
constexpr size_t kFooterBytes = 32;
constexpr size_t kIndexEntryBytes = 16;
// The builder writes and the cursor reads this much at a time.
constexpr size_t kIoBufferBytes = size_t{1} << 20;
// A varint takes at most this many bytes.
constexpr size_t kMaxVarintBytes = 10;
constexpr const char* kStateHeader = "newsmine full-text index 1";
// Times a snapshot reads the state again when a merge removed a run it named.
constexpr int kSnapshotAttempts = 8;

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads a varint at *p, before `end`; advances *p. False when it runs past
// `end` or over kMaxVarintBytes.
bool ReadVarint(const char** p, const char* end, uint64_t* v) {
  uint64_t value = 0;
  for (int shift = 0; shift < 7 * static_cast<int>(kMaxVarintBytes) && *p < end; shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(*(*p)++);
    value |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if (byte < 0x80) {
      *v = value;
      return true;
    }
  }
  return false;
}

// Reads an entry's hash and its postings' byte length at *p, before `end`,
// and advances *p to the postings. False when the two run past `end`.
bool ReadEntryHeader(const char** p, const char* end, uint64_t* hash, uint64_t* length) {
  if (end - *p < 8) return false;
  *hash = LoadLittleEndian64(*p);
  *p += 8;
  return ReadVarint(p, end, length);
}

// Calls fn(rec) for each record of encoded postings, ascending; false when
// they do not decode or do not ascend.
template <typename Fn>
bool ForEachPosting(std::string_view postings, Fn&& fn) {
  const char* p = postings.data();
  const char* const end = p + postings.size();
  int64_t rec = 0;
  while (p < end) {
    uint64_t gap;
    if (!ReadVarint(&p, end, &gap) || gap == 0 || gap > static_cast<uint64_t>(INT64_MAX - rec)) return false;
    rec += static_cast<int64_t>(gap);
    fn(rec);
  }
  return true;
}

struct Footer {
  uint64_t entries = 0, index_offset = 0, index_entries = 0;
};

// Checks a run's footer (the file's last kFooterBytes) against its size.
Status ParseFooter(const char* bytes, uint64_t file_size, const std::string& path, Footer* out) {
  if (std::memcmp(bytes + 24, kRunMagic, 8) != 0) return Status::Corrupt(path + ": not a full-text run");
  out->entries = LoadLittleEndian64(bytes);
  out->index_offset = LoadLittleEndian64(bytes + 8);
  out->index_entries = LoadLittleEndian64(bytes + 16);
  const uint64_t expected_index = (out->entries + kRunIndexInterval - 1) / kRunIndexInterval;
  if (out->index_entries != expected_index || out->index_offset > file_size ||
      (file_size - out->index_offset - kFooterBytes) / kIndexEntryBytes != out->index_entries ||
      (file_size - out->index_offset - kFooterBytes) % kIndexEntryBytes != 0) {
    return Status::Corrupt(path + ": the full-text run's footer does not match its size");
  }
  return Status::Ok();
}

Status FileSize(int fd, const std::string& path, uint64_t* size) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return Errno("cannot stat " + path);
  *size = static_cast<uint64_t>(st.st_size);
  if (*size < kFooterBytes) return Status::Corrupt(path + ": shorter than a full-text run");
  return Status::Ok();
}

}  // namespace

std::string FullTextStatePath(const std::string& dir) { return dir + "/state"; }

std::string FullTextRunPath(const std::string& dir, uint64_t number) {
  return dir + "/run-" + std::to_string(number) + ".ftx";
}

Status ReadFullTextState(const std::string& dir, FullTextState* out) {
  const std::string path = FullTextStatePath(dir);
  std::string text;
  if (Status s = ReadWholeFile(path, &text); !s.ok()) {
    return s.code() == Status::Code::kNotFound ? Status::NotFound("there is no full-text index " + dir) : s;
  }
  std::istringstream in(text);
  std::string header, word;
  FullTextState state;
  const bool head_ok = std::getline(in, header) && header == kStateHeader && in >> word &&
                       word == "generation" && in >> state.generation && in >> word && word == "schema" &&
                       in >> state.schema_version && in >> word && word == "covered" && in >> state.covered &&
                       in >> word && word == "next" && in >> state.next_run;
  if (!head_ok) return Status::Corrupt(path + ": not a full-text state file");
  int64_t last_rec = 0;
  while (in >> word) {
    FullTextRunInfo run;
    if (word != "run" || !(in >> run.number >> run.level >> run.first_rec >> run.last_rec) ||
        run.number >= state.next_run || run.first_rec <= last_rec || run.last_rec < run.first_rec) {
      return Status::Corrupt(path + ": a run line does not parse or its records do not ascend");
    }
    last_rec = run.last_rec;
    state.runs.push_back(run);
  }
  if (!in.eof()) return Status::Corrupt(path + ": trailing bytes");
  *out = std::move(state);
  return Status::Ok();
}

Status WriteFullTextState(const std::string& dir, const FullTextState& state) {
  std::ostringstream out;
  out << kStateHeader << "\ngeneration " << state.generation << "\nschema " << state.schema_version
      << "\ncovered " << state.covered << "\nnext " << state.next_run << "\n";
  for (const FullTextRunInfo& run : state.runs) {
    out << "run " << run.number << " " << run.level << " " << run.first_rec << " " << run.last_rec << "\n";
  }
  return WriteFileAtomically(FullTextStatePath(dir), out.str());
}

void AppendPosting(int64_t rec, int64_t* last, std::string* out) {
  AppendVarint(static_cast<uint64_t>(rec - *last), out);
  *last = rec;
}

// RunBuilder

RunBuilder::~RunBuilder() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(path_.c_str());
  }
}

Status RunBuilder::Open(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd_ < 0) return Errno("cannot create " + path);
  buffer_.clear();
  index_.clear();
  offset_ = entries_ = 0;
  return Status::Ok();
}

Status RunBuilder::Add(uint64_t hash, std::string_view postings) {
  if (entries_ % kRunIndexInterval == 0) {
    AppendLittleEndian64(hash, &index_);
    AppendLittleEndian64(offset_ + buffer_.size(), &index_);
  }
  ++entries_;
  AppendLittleEndian64(hash, &buffer_);
  AppendVarint(postings.size(), &buffer_);
  buffer_.append(postings);
  return buffer_.size() >= kIoBufferBytes ? FlushBuffer() : Status::Ok();
}

Status RunBuilder::FlushBuffer() {
  if (Status s = PwriteAll(fd_, path_, buffer_, offset_); !s.ok()) return s;
  offset_ += buffer_.size();
  buffer_.clear();
  return Status::Ok();
}

Status RunBuilder::Finish() {
  const uint64_t index_offset = offset_ + buffer_.size();
  std::string footer;
  AppendLittleEndian64(entries_, &footer);
  AppendLittleEndian64(index_offset, &footer);
  AppendLittleEndian64(index_.size() / kIndexEntryBytes, &footer);
  footer.append(kRunMagic, 8);
  buffer_ += index_;
  buffer_ += footer;
  if (Status s = FlushBuffer(); !s.ok()) return s;
  if (::fdatasync(fd_) != 0) return Errno("cannot sync " + path_);
  const int fd = std::exchange(fd_, -1);
  if (::close(fd) != 0) return Errno("cannot close " + path_);
  return Status::Ok();
}

// RunCursor

RunCursor::~RunCursor() {
  if (fd_ >= 0) ::close(fd_);
}

Status RunCursor::Open(const std::string& path) {
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) return Errno("cannot open " + path);
  uint64_t size;
  if (Status s = FileSize(fd_, path, &size); !s.ok()) return s;
  char footer_bytes[kFooterBytes];
  if (Status s = PreadAll(fd_, path, footer_bytes, kFooterBytes, size - kFooterBytes); !s.ok()) return s;
  Footer footer;
  if (Status s = ParseFooter(footer_bytes, size, path, &footer); !s.ok()) return s;
  entries_end_ = footer.index_offset;
  entries_ = footer.entries;
  read_ = pos_ = 0;
  buffer_.clear();
  status_ = Status::Ok();
  return Status::Ok();
}

bool RunCursor::Fill(size_t n) {
  if (buffer_.size() - pos_ >= n) return true;
  buffer_.erase(0, pos_);
  pos_ = 0;
  const size_t have = buffer_.size();
  const size_t get =
      static_cast<size_t>(std::min<uint64_t>(std::max(n, kIoBufferBytes) - have, entries_end_ - read_));
  buffer_.resize(have + get);
  if (Status s = PreadAll(fd_, path_, buffer_.data() + have, get, read_); !s.ok()) {
    status_ = s;
    return false;
  }
  read_ += get;
  return true;
}

bool RunCursor::Next() {
  if (!status_.ok() || !Fill(8 + kMaxVarintBytes)) return false;
  if (pos_ == buffer_.size()) return false;  // the entries' end
  const char* const entry = buffer_.data() + pos_;
  const char* p = entry;
  uint64_t length;
  if (!ReadEntryHeader(&p, buffer_.data() + buffer_.size(), &hash_, &length) || length > entries_end_) {
    status_ = Status::Corrupt(path_ + ": a full-text entry runs past the entries");
    return false;
  }
  const size_t header = static_cast<size_t>(p - entry);
  if (!Fill(header + length)) return false;
  if (buffer_.size() - pos_ < header + length) {
    status_ = Status::Corrupt(path_ + ": a full-text entry runs past the entries");
    return false;
  }
  postings_ = std::string_view(buffer_.data() + pos_ + header, length);
  pos_ += header + length;
  return true;
}

Status CheckRun(const std::string& path, const FullTextRunInfo& info) {
  RunCursor cursor;
  if (Status s = cursor.Open(path); !s.ok()) return s;
  uint64_t entries = 0, last_hash = 0;
  while (cursor.Next()) {
    if (entries++ > 0 && cursor.hash() <= last_hash)
      return Status::Corrupt(path + ": the hashes do not ascend");
    last_hash = cursor.hash();
    bool in_range = true;
    if (!ForEachPosting(
            cursor.postings(),
            [&](int64_t rec) { in_range = in_range && rec >= info.first_rec && rec <= info.last_rec; }) ||
        !in_range) {
      return Status::Corrupt(path + ": the records of a word do not decode or are not the run's");
    }
  }
  if (!cursor.status().ok()) return cursor.status();
  if (entries != cursor.entries()) return Status::Corrupt(path + ": fewer entries than its footer says");
  return Status::Ok();
}

Status MergeRuns(const std::vector<std::string>& inputs, const std::string& output) {
  std::vector<std::unique_ptr<RunCursor>> cursors;
  std::vector<bool> live;
  for (const std::string& input : inputs) {
    cursors.push_back(std::make_unique<RunCursor>());
    if (Status s = cursors.back()->Open(input); !s.ok()) return s;
    live.push_back(cursors.back()->Next());
    if (!cursors.back()->status().ok()) return cursors.back()->status();
  }
  RunBuilder out;
  if (Status s = out.Open(output); !s.ok()) return s;
  std::string merged;
  for (;;) {
    bool any = false;
    uint64_t hash = 0;
    for (size_t i = 0; i < cursors.size(); ++i) {
      if (live[i] && (!any || cursors[i]->hash() < hash)) hash = cursors[i]->hash();
      any = any || live[i];
    }
    if (!any) break;
    merged.clear();
    int64_t last = 0;
    for (size_t i = 0; i < cursors.size(); ++i) {
      if (!live[i] || cursors[i]->hash() != hash) continue;
      // The first record is written as a gap from the last run's last; the
      // gaps after it are copied as they are.
      const std::string_view postings = cursors[i]->postings();
      const char* p = postings.data();
      uint64_t first;
      if (!ReadVarint(&p, postings.data() + postings.size(), &first) || static_cast<int64_t>(first) <= last) {
        return Status::Corrupt(inputs[i] +
                               ": the records of a full-text entry do not follow the runs before");
      }
      const size_t first_bytes = static_cast<size_t>(p - postings.data());
      int64_t rec = 0;
      if (!ForEachPosting(postings, [&](int64_t r) { rec = r; })) {
        return Status::Corrupt(inputs[i] + ": a full-text entry's records do not decode");
      }
      AppendPosting(static_cast<int64_t>(first), &last, &merged);
      merged.append(postings.substr(first_bytes));
      last = rec;
      live[i] = cursors[i]->Next();
      if (!cursors[i]->status().ok()) return cursors[i]->status();
    }
    if (Status s = out.Add(hash, merged); !s.ok()) return s;
  }
  return out.Finish();
}

// FullTextSnapshot

// A run file mapped into memory.
class FullTextSnapshot::Run {
 public:
  ~Run() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }

  // Returns kNotFound when the file is gone (a merge replaced it).
  Status Open(const std::string& path) {
    path_ = path;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return errno == ENOENT ? Status::NotFound(path + " is gone") : Errno("cannot open " + path);
    }
    Status s = FileSize(fd, path, &size_);
    if (s.ok()) {
      void* map = ::mmap(nullptr, size_, PROT_READ, MAP_SHARED, fd, 0);
      if (map == MAP_FAILED) {
        s = Errno("cannot map " + path);
      } else {
        data_ = static_cast<const char*>(map);
      }
    }
    ::close(fd);
    if (!s.ok()) return s;
    return ParseFooter(data_ + size_ - kFooterBytes, size_, path, &footer_);
  }

  // Sets *postings to the encoded postings of `hash` (empty when the run
  // has none).
  Status Find(uint64_t hash, std::string_view* postings) const {
    *postings = {};
    const char* const index = data_ + footer_.index_offset;
    // The last index entry whose hash is at most `hash`.
    uint64_t lo = 0, hi = footer_.index_entries;
    while (lo < hi) {
      const uint64_t mid = lo + (hi - lo) / 2;
      if (LoadLittleEndian64(index + mid * kIndexEntryBytes) <= hash) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo == 0) return Status::Ok();
    const uint64_t begin = LoadLittleEndian64(index + (lo - 1) * kIndexEntryBytes + 8);
    const uint64_t end = lo < footer_.index_entries ? LoadLittleEndian64(index + lo * kIndexEntryBytes + 8)
                                                    : footer_.index_offset;
    if (begin > end || end > footer_.index_offset) return Corrupt();
    const char* p = data_ + begin;
    const char* const stop = data_ + end;
    while (p < stop) {
      uint64_t entry_hash, length;
      if (!ReadEntryHeader(&p, stop, &entry_hash, &length) || length > static_cast<uint64_t>(stop - p)) {
        return Corrupt();
      }
      if (entry_hash == hash) {
        *postings = std::string_view(p, length);
        return Status::Ok();
      }
      if (entry_hash > hash) break;
      p += length;
    }
    return Status::Ok();
  }

  // Calls fn(rec) for each record of postings Find gave, ascending.
  template <typename Fn>
  Status ForEachRecord(std::string_view postings, Fn&& fn) const {
    return ForEachPosting(postings, std::forward<Fn>(fn)) ? Status::Ok() : Corrupt();
  }

 private:
  Status Corrupt() const { return Status::Corrupt(path_ + ": a full-text entry does not decode"); }

  std::string path_;
  const char* data_ = nullptr;
  uint64_t size_ = 0;
  Footer footer_;
};

FullTextSnapshot::FullTextSnapshot() = default;
FullTextSnapshot::~FullTextSnapshot() = default;

Status FullTextSnapshot::Open(const std::string& dir) {
  Status s;
  for (int attempt = 0; attempt < kSnapshotAttempts; ++attempt) {
    runs_.clear();
    if (s = ReadFullTextState(dir, &state_); !s.ok()) return s;
    for (const FullTextRunInfo& info : state_.runs) {
      runs_.push_back(std::make_unique<Run>());
      if (s = runs_.back()->Open(FullTextRunPath(dir, info.number)); !s.ok()) break;
    }
    if (s.code() != Status::Code::kNotFound) return s;
  }
  return Status::Corrupt(s.message() + ", though the full-text state names it");
}

Status FullTextSnapshot::PostingsOf(uint64_t hash, Postings* out) const {
  for (const auto& run : runs_) {
    std::string_view postings;
    if (Status s = run->Find(hash, &postings); !s.ok()) return s;
    if (postings.empty()) continue;
    out->parts.emplace_back(run.get(), postings);
    out->bytes += postings.size();
  }
  return Status::Ok();
}

Status FullTextSnapshot::RecordsWithAllWords(std::vector<uint64_t> hashes, std::vector<int64_t>* recs) const {
  recs->clear();
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  if (hashes.empty()) return Status::Ok();
  std::vector<Postings> words(hashes.size());
  for (size_t i = 0; i < hashes.size(); ++i) {
    if (Status s = PostingsOf(hashes[i], &words[i]); !s.ok()) return s;
    if (words[i].bytes == 0) return Status::Ok();  // no record has this word
  }
  // The rarest word (fewest bytes of postings) first; the others filter
  // its records as they decode, so that no common word's list (a million
  // records in a large store) is built.
  std::sort(words.begin(), words.end(),
            [](const Postings& a, const Postings& b) { return a.bytes < b.bytes; });
  recs->reserve(words[0].bytes);  // a posting takes a byte at least
  for (const auto& [run, postings] : words[0].parts) {
    if (Status s = run->ForEachRecord(postings, [recs](int64_t rec) { recs->push_back(rec); }); !s.ok())
      return s;
  }
  for (size_t i = 1; i < words.size() && !recs->empty(); ++i) {
    // Keeps the records the word has, in place: `kept` never passes `at`.
    size_t kept = 0, at = 0;
    const auto keep_if_held = [recs, &kept, &at](int64_t rec) {
      while (at < recs->size() && (*recs)[at] < rec) ++at;
      if (at < recs->size() && (*recs)[at] == rec) (*recs)[kept++] = (*recs)[at++];
    };
    for (const auto& [run, postings] : words[i].parts) {
      if (Status s = run->ForEachRecord(postings, keep_if_held); !s.ok()) return s;
    }
    recs->resize(kept);
  }
  return Status::Ok();
}

bool FullTextIndexUsable(const std::string& dir, int64_t generation, int schema_version, int64_t max_rec,
                         FullTextState* state) {
  if (!ReadFullTextState(dir, state).ok() || state->generation != generation ||
      state->schema_version != schema_version || state->covered > max_rec) {
    return false;
  }
  for (const FullTextRunInfo& run : state->runs) {
    RunCursor cursor;
    if (run.last_rec > state->covered || !cursor.Open(FullTextRunPath(dir, run.number)).ok()) return false;
  }
  return true;
}

}  // namespace newsmine
