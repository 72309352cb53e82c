#include "store/fulltext.h"

#include <unicode/uchar.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/bytes16.h"
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
    mask_ = size - 1;
    count_ = 0;
  }

  // Whether the word at out[offset, offset + length) is new; if so, it is
  // remembered there. `out` holds at least eight bytes from `offset` on,
  // whatever the length.
  bool Insert(const std::string& out, size_t offset, size_t length) {
    if (2 * count_ + 1 > mask_) Grow();  // more than half full
    const char* const word = out.data() + offset;
    const Key key = KeyOf(word, length);
    const uint32_t hash = Hash(key, length);
    size_t i = hash & mask_;
    for (; slots_[i].length != 0; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == hash && s.length == length && Same(out.data() + s.offset, word, key, length))
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

  // The first and last eight bytes of a word (the whole word when shorter,
  // the bytes past its end masked off), which are the whole word when it
  // has at most sixteen. Eight bytes are loaded from the word's start
  // whatever its length: a copy of its length was a call to memcpy.
  struct Key {
    uint64_t head, tail;
  };
  static Key KeyOf(const char* word, size_t length) {
    Key key{0, 0};
    std::memcpy(&key.head, word, sizeof key.head);
    if (length < 8) key.head &= (uint64_t{1} << (8 * length)) - 1;
    if (length > 8) std::memcpy(&key.tail, word + length - 8, 8);
    return key;
  }

  static uint32_t Hash(Key key, size_t length) {
    return static_cast<uint32_t>(Mix64(key.head ^ (key.tail * 0x9E3779B97F4A7C15ULL) ^ length) >> 32);
  }

  // Whether the stored word at `stored` equals `word` (key `key`), both of
  // `length` bytes. Up to sixteen bytes the keys say it, without a call to
  // memcmp: two in five of a wire story's words are seen before in it, and
  // more of a longer text's.
  static bool Same(const char* stored, const char* word, Key key, size_t length) {
    if (length > 16) return std::memcmp(stored, word, length) == 0;
    const Key other = KeyOf(stored, length);
    return ((other.head ^ key.head) | (other.tail ^ key.tail)) == 0;
  }

  void Grow() {
    std::vector<Slot> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.length == 0) continue;
      size_t i = s.hash & mask_;
      while (slots_[i].length != 0) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;  // slots_.size() - 1
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
  // News prose has about one word in six bytes; in a short text such as a
  // wire story, three in five are distinct (Reuters). Room for one in eight
  // bytes spares most texts a Grow.
  seen.Reset(bytes / 8);
  // Written through a pointer: a word and the space before it take no more
  // than the word and the separator before it in the text (the first word of
  // each text, one more); a folded word longer than its source makes room.
  // Sixteen more bytes take the whole block an ASCII word is copied with,
  // and the eight bytes SeenWords loads from the start of the last word.
  std::string out(bytes + texts.size() + sizeof(Bytes16), '\0');
  size_t used = 0;
  // Starts a word at out[used], after a space when it is not the first;
  // returns where it began, space included, for keep_if_new.
  const auto begin_word = [&]() __attribute__((always_inline)) {
    const size_t before = used;
    if (used != 0) out[used++] = ' ';
    return before;
  };
  // Keeps out[start, used), the word just written, if it is new; else takes
  // it and the space before it back. Inlined: it runs once per word, and GCC
  // made it a call that cost some 16 instructions a word.
  const auto keep_if_new = [&](size_t before, size_t start) __attribute__((always_inline)) {
    if (used == start || !seen.Insert(out, start, used - start)) used = before;
  };
  for (std::string_view text : texts) {
    size_t i = 0;
    while (i < text.size()) {
      // Most of news text, sixteen bytes at a time: a run of ASCII bytes
      // that separate words is skipped at once, and an ASCII word shorter
      // than sixteen bytes that ends at one is copied lowered as a block.
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
          const size_t before = begin_word();
          const size_t start = used;
          const Bytes16 lowered = AsciiLower(x);
          std::memcpy(out.data() + used, &lowered, sizeof lowered);
          used += length;
          i += length;
          keep_if_new(before, start);
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
      const size_t before = begin_word();
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
      keep_if_new(before, start);
    }
  }
  out.resize(used);
  return out;
}

}  // namespace newsmine
