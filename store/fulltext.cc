#include "store/fulltext.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes16.h"
#include "core/hash.h"
#include "core/little_endian.h"
#include "core/utf8.h"

namespace newsmine {
namespace {

// ASCII bytes as they go into a word (letters lower-cased), 0 for the ASCII
// bytes that separate words and for the bytes of non-ASCII characters,
// which are decoded.
constexpr std::array<char, 256> kAsciiWordBytes = [] {
  std::array<char, 256> table{};
  for (int c = 0; c < 128; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) table[c] = static_cast<char>(c);
    if (c >= 'A' && c <= 'Z') table[c] = static_cast<char>(c | 0x20);
  }
  return table;
}();

bool IsWordCodePoint(char32_t c) {
  if (c < 0x80) return kAsciiWordBytes[c] != 0;
  const int type = u_charType(static_cast<UChar32>(c));
  return u_isalnum(static_cast<UChar32>(c)) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK;
}

// The hashes of a text's words so far: open addressing, 0 marking an empty
// slot (a word whose hash is 0 is remembered aside).
class SeenHashes {
 public:
  // Clears the set and makes room for about `words` words.
  void Reset(size_t words) {
    size_t size = 64;
    while (size < 2 * words) size *= 2;
    slots_.assign(size, 0);
    mask_ = size - 1;
    count_ = 0;
    zero_seen_ = false;
  }

  // Whether `hash` is new; if so, it is remembered.
  bool Insert(uint64_t hash) {
    if (hash == 0) return !std::exchange(zero_seen_, true);
    if (2 * count_ + 1 > mask_) Grow();  // more than half full
    size_t i = hash & mask_;
    for (; slots_[i] != 0; i = (i + 1) & mask_) {
      if (slots_[i] == hash) return false;
    }
    slots_[i] = hash;
    ++count_;
    return true;
  }

 private:
  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (const uint64_t hash : old) {
      if (hash == 0) continue;
      size_t i = hash & mask_;
      while (slots_[i] != 0) i = (i + 1) & mask_;
      slots_[i] = hash;
    }
  }

  std::vector<uint64_t> slots_;
  size_t mask_ = 0;  // slots_.size() - 1
  size_t count_ = 0;
  bool zero_seen_ = false;
};

// FullTextWordHash's steps: the length, then each whole eight bytes, then
// the last 1 to 7 bytes (or none) as a little-endian number.
uint64_t WordHashOfWholeBlocks(const char* word, size_t length) {
  uint64_t h = 0x9E3779B97F4A7C15ULL * (length + 1);
  for (size_t i = 0; i + 8 <= length; i += 8) h = Mix64(h ^ LoadLittleEndian64(word + i));
  return h;
}

// FullTextWordHash of a word followed by at least seven readable bytes: its
// last bytes are read as one block.
uint64_t WordHashPadded(const char* word, size_t length) {
  const size_t whole = length & ~size_t{7};
  uint64_t tail = 0;
  if (length > whole) tail = LoadLittleEndian64(word + whole) & ((uint64_t{1} << (8 * (length - whole))) - 1);
  return Mix64(WordHashOfWholeBlocks(word, length) ^ tail);
}

// The end of the word from text[i] on, non-ASCII characters included.
size_t WordEnd(std::string_view text, size_t i) {
  while (i < text.size()) {
    if (kAsciiWordBytes[static_cast<unsigned char>(text[i])] != 0) {
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) break;
    size_t next = i;
    if (!IsWordCodePoint(NextCodePoint(text, &next))) break;
    i = next;
  }
  return i;
}

}  // namespace

uint64_t FullTextWordHash(std::string_view word) {
  const size_t whole = word.size() & ~size_t{7};
  uint64_t tail = 0;
  for (size_t k = 0; whole + k < word.size(); ++k) {
    tail |= static_cast<uint64_t>(static_cast<uint8_t>(word[whole + k])) << (8 * k);
  }
  return Mix64(WordHashOfWholeBlocks(word.data(), word.size()) ^ tail);
}

std::vector<uint64_t> FullTextWordHashes(std::initializer_list<std::string_view> texts) {
  thread_local SeenHashes seen;
  thread_local std::string out;
  size_t bytes = 0;
  for (std::string_view text : texts) bytes += text.size();
  // News prose has about one word in six bytes; in a short text such as a
  // wire story, three in five are distinct (Reuters). Room for one in eight
  // bytes spares most texts a Grow.
  seen.Reset(bytes / 8);
  std::vector<uint64_t> hashes;
  hashes.reserve(bytes / 10);
  // Each word is written folded at out[0, used), then hashed. Sixteen more
  // bytes than a word take the whole block an ASCII word is copied with, and
  // the block WordHashPadded reads its last bytes with.
  constexpr size_t kSlack = sizeof(Bytes16);
  size_t used = 0;
  const auto keep = [&](const char* word, size_t length) __attribute__((always_inline)) {
    if (const uint64_t hash = WordHashPadded(word, length); seen.Insert(hash)) hashes.push_back(hash);
  };
  for (std::string_view text : texts) {
    if (out.size() < text.size() + kSlack) out.resize(text.size() + kSlack);
    size_t i = 0;
    while (i < text.size()) {
      // Most of news text, sixteen bytes at a time: a run of ASCII bytes
      // that separate words is skipped at once, and an ASCII word shorter
      // than sixteen bytes that ends at one is hashed lowered as a block.
      // Anything else (a non-ASCII character, a longer word, the last bytes
      // of the text) goes the byte-by-byte way below.
      if (i + sizeof(Bytes16) <= text.size()) {
        Bytes16 x;
        std::memcpy(&x, text.data() + i, sizeof x);
        const uint32_t word_bytes = AlnumMask(x);
        const uint32_t separators = ~(word_bytes | MoveMask(x)) & 0xFFFF;
        if ((word_bytes & 1) == 0) {
          if (const int skip = LowRun16(separators); skip > 0) {
            i += skip;
            continue;
          }
        } else if (const int length = LowRun16(word_bytes); (separators >> length) & 1) {
          const Bytes16 lowered = AsciiLower(x);
          std::memcpy(out.data(), &lowered, sizeof lowered);
          i += length;
          keep(out.data(), length);
          continue;
        }
      }
      const auto first = static_cast<unsigned char>(text[i]);
      if (kAsciiWordBytes[first] == 0) {
        if (first < 0x80) {
          ++i;
          continue;
        }
        size_t next = i;
        if (!IsWordCodePoint(NextCodePoint(text, &next))) {
          i = next;
          continue;
        }
      }
      const size_t begin = i;
      used = 0;
      char* const write = out.data();
      for (char lowered;
           i < text.size() && (lowered = kAsciiWordBytes[static_cast<unsigned char>(text[i])]) != 0; ++i) {
        write[used++] = lowered;
      }
      if (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
        const size_t end = WordEnd(text, i);
        if (end != i) {
          // A word with other characters is folded whole. Its folded form
          // may hold ASCII separators of its own, which split it.
          i = end;
          const std::string folded = FoldForMatch(text.substr(begin, end - begin));
          if (out.size() < folded.size() + kSlack) out.resize(folded.size() + kSlack);
          size_t piece = 0;
          for (size_t k = 0; k <= folded.size(); ++k) {
            const auto c = k < folded.size() ? static_cast<unsigned char>(folded[k]) : 0;
            if (k < folded.size() && (c >= 0x80 || kAsciiWordBytes[c] != 0)) continue;
            if (k > piece) {
              std::memcpy(out.data(), folded.data() + piece, k - piece);
              keep(out.data(), k - piece);
            }
            piece = k + 1;
          }
          continue;
        }
      }
      if (used > 0) keep(out.data(), used);
    }
  }
  return hashes;
}

}  // namespace newsmine
