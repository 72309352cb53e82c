#include "store/fulltext.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/hash.h"
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

// The words of the output so far, by hash: open addressing over their
// offsets in the output.
class SeenWords {
 public:
  // Clears the set and makes room for about `words` words.
  void Reset(size_t words) {
    size_t size = 64;
    while (size < 2 * words) size *= 2;
    slots_.assign(size, Slot{});
    count_ = 0;
  }

  // Whether the word at out[offset, offset + length) is new; if so, it is
  // remembered there.
  bool Insert(const std::string& out, size_t offset, size_t length) {
    if (2 * (count_ + 1) > slots_.size()) Grow();
    const char* const word = out.data() + offset;
    const uint32_t hash = Hash(word, length);
    size_t i = hash & (slots_.size() - 1);
    for (; slots_[i].length != 0; i = (i + 1) & (slots_.size() - 1)) {
      const Slot& s = slots_[i];
      if (s.hash == hash && s.length == length && std::memcmp(out.data() + s.offset, word, length) == 0)
        return false;
    }
    slots_[i] = {static_cast<uint32_t>(offset), static_cast<uint32_t>(length), hash};
    ++count_;
    return true;
  }

 private:
  struct Slot {
    uint32_t offset = 0;
    uint32_t length = 0;  // 0: empty
    uint32_t hash = 0;
  };

  // The first and last eight bytes (the whole word when shorter) and the
  // length, mixed.
  static uint32_t Hash(const char* word, size_t length) {
    uint64_t head = 0, tail = 0;
    std::memcpy(&head, word, length < 8 ? length : 8);
    if (length > 8) std::memcpy(&tail, word + length - 8, 8);
    return static_cast<uint32_t>(Mix64(head ^ (tail * 0x9E3779B97F4A7C15ULL) ^ length) >> 32);
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    for (const Slot& s : old) {
      if (s.length == 0) continue;
      size_t i = s.hash & (slots_.size() - 1);
      while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t count_ = 0;
};

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

std::string FullTextTerms(std::initializer_list<std::string_view> texts) {
  thread_local SeenWords seen;
  size_t bytes = 0;
  for (std::string_view text : texts) bytes += text.size();
  // News prose has about one word in six bytes, a third of them distinct.
  seen.Reset(bytes / 16);
  // Written through a pointer: a word and the space before it take no more
  // than the word and the separator before it in the text (the first word of
  // each text, one more); a folded word longer than its source makes room.
  std::string out(bytes + texts.size(), '\0');
  size_t used = 0;
  for (std::string_view text : texts) {
    size_t i = 0;
    while (i < text.size()) {
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
      const size_t before = used;
      if (used != 0) out[used++] = ' ';
      const size_t start = used;
      const size_t begin = i;
      char* const write = out.data();
      for (char lowered;
           i < text.size() && (lowered = kAsciiWordBytes[static_cast<unsigned char>(text[i])]) != 0; ++i) {
        write[used++] = lowered;
      }
      if (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x80) {
        const size_t end = WordEnd(text, i);
        if (end != i) {
          // A word with other characters is folded whole. Its folded form
          // may hold separators of its own; the index's tokenizer splits it
          // as the query's.
          i = end;
          const std::string folded = FoldForMatch(text.substr(begin, end - begin));
          // Longer than its source (U+FDFA folds to 18 letters): the room
          // left must stay that of the text left.
          if (folded.size() > end - begin) out.resize(out.size() + folded.size() - (end - begin));
          std::memcpy(out.data() + start, folded.data(), folded.size());
          used = start + folded.size();
        }
      }
      if (used == start || !seen.Insert(out, start, used - start)) used = before;
    }
  }
  out.resize(used);
  return out;
}

}  // namespace newsmine
