#include "store/signature_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <string_view>

#include "store/file_io.h"

namespace newsmine {
namespace {

constexpr char kMagic[8] = {'N', 'M', 'S', 'I', 'G', 'S', '0', '1'};
constexpr int64_t kMaxRec = int64_t{1} << 40;

// Record r's slot is at r × kSlotBytes: slot 0 is the header. Slots of 128
// bytes never cross a page, so a read touches one.
constexpr uint64_t kSlotBytes = sizeof(MinHashSignature);
static_assert(kSlotBytes == 128, "a signature is 128 bytes");

struct Header {
  char magic[8];
  int64_t generation;
  int64_t covered;
  int64_t slots;  // records 1..slots were written when `covered` was
};
static_assert(sizeof(Header) <= kSlotBytes);

// A slot never written is zeros; no text has 32 minimums of 0.
bool IsEmpty(const MinHashSignature& signature) {
  return std::all_of(signature.begin(), signature.end(), [](uint32_t m) { return m == 0; });
}

}  // namespace

void SignatureFile::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
  buffer_first_ = last_put_ = 0;
}

void SignatureFile::Remove(const std::string& path) {
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
}

uint64_t SignatureFile::bytes() const { return static_cast<uint64_t>(file_recs_ + 1) * kSlotBytes; }

Status SignatureFile::Open(const std::string& path, int64_t generation, int64_t last_rec, int64_t* covered) {
  Close();
  path_ = path;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) return Errno("cannot open " + path);
  struct stat st {};
  if (::fstat(fd_, &st) != 0) return Errno("cannot stat " + path);
  const int64_t size_recs = static_cast<int64_t>(static_cast<uint64_t>(st.st_size) / kSlotBytes) - 1;
  Header header{};
  if (size_recs >= 0) {
    if (Status s = PreadAll(fd_, path, reinterpret_cast<char*>(&header), sizeof(header), 0); !s.ok())
      return s;
  }
  // A shorter file than its header says lost slots it had synced (damage).
  const bool usable = size_recs >= 0 && std::memcmp(header.magic, kMagic, sizeof(kMagic)) == 0 &&
                      header.generation == generation && header.covered >= 0 && header.covered <= last_rec &&
                      header.slots >= 0 && header.slots <= size_recs;
  if (!usable) {
    if (Status s = Create(generation); !s.ok()) return s;
  } else {
    generation_ = generation;
    covered_ = header.covered;
    file_recs_ = std::min(size_recs, last_rec);
    if (file_recs_ < size_recs &&
        ::ftruncate(fd_, static_cast<off_t>(static_cast<uint64_t>(file_recs_ + 1) * kSlotBytes)) != 0) {
      return Errno("cannot truncate " + path);
    }
  }
  *covered = covered_;
  return Status::Ok();
}

Status SignatureFile::Create(int64_t generation) {
  generation_ = generation;
  covered_ = file_recs_ = 0;
  if (::ftruncate(fd_, 0) != 0) return Errno("cannot truncate " + path_);
  return WriteHeader();
}

Status SignatureFile::WriteHeader() {
  char slot[kSlotBytes] = {};
  Header header{};
  std::memcpy(header.magic, kMagic, sizeof(kMagic));
  header.generation = generation_;
  header.covered = covered_;
  header.slots = file_recs_;
  std::memcpy(slot, &header, sizeof(header));
  return PwriteAll(fd_, path_, std::string_view(slot, sizeof(slot)), 0);
}

Status SignatureFile::Put(int64_t rec, const MinHashSignature& signature) {
  // In order, so that the empty slots between two puts are of records put
  // nothing.
  if (rec <= last_put_ || rec >= kMaxRec) {
    return Status::InvalidArgument(path_ + ": record " + std::to_string(rec) + " put out of order");
  }
  if (buffer_.empty() || rec - buffer_first_ >= static_cast<int64_t>(kBufferedSlots)) {
    if (Status s = WriteBuffer(); !s.ok()) return s;
    buffer_.reserve(kBufferedSlots);
    buffer_first_ = rec;
  }
  // The records between are not originals: their slots stay empty.
  buffer_.resize(static_cast<size_t>(rec - buffer_first_ + 1), MinHashSignature{});
  buffer_.back() = signature;
  last_put_ = rec;
  return Status::Ok();
}

Status SignatureFile::WriteBuffer() {
  if (buffer_.empty()) return Status::Ok();
  const std::string_view bytes(reinterpret_cast<const char*>(buffer_.data()), buffer_.size() * kSlotBytes);
  if (Status s = PwriteAll(fd_, path_, bytes, static_cast<uint64_t>(buffer_first_) * kSlotBytes); !s.ok())
    return s;
  file_recs_ = std::max(file_recs_, buffer_first_ + static_cast<int64_t>(buffer_.size()) - 1);
  buffer_.clear();
  return Status::Ok();
}

Status SignatureFile::Commit(int64_t covered) {
  if (Status s = WriteBuffer(); !s.ok()) return s;
  if (covered == covered_) return Status::Ok();
  if (::fdatasync(fd_) != 0) return Errno("cannot sync " + path_);
  covered_ = covered;
  return WriteHeader();
}

Status SignatureFile::Get(int64_t rec, MinHashSignature* out, bool* found) {
  *found = false;
  if (rec >= buffer_first_ && rec - buffer_first_ < static_cast<int64_t>(buffer_.size())) {
    *out = buffer_[static_cast<size_t>(rec - buffer_first_)];
  } else if (rec > 0 && rec <= file_recs_) {
    if (Status s = PreadAll(fd_, path_, reinterpret_cast<char*>(out->data()), kSlotBytes,
                            static_cast<uint64_t>(rec) * kSlotBytes);
        !s.ok()) {
      return s;
    }
  } else {
    return Status::Ok();
  }
  *found = !IsEmpty(*out);
  return Status::Ok();
}

}  // namespace newsmine
