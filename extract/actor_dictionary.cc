#include "extract/actor_dictionary.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

#include "core/bytes16.h"
#include "core/tsv.h"
#include "core/utf8.h"
#include "extract/actor_lexicon.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

// The blanks Trim() removes: ' ', '\t', '\r' and '\x1A' (DOS end of file).
inline bool IsBlank(char c) {
  constexpr uint64_t kBlanks = 1ull << ' ' | 1ull << '\t' | 1ull << '\r' | 1ull << '\x1A';
  return static_cast<unsigned char>(c) <= ' ' && (kBlanks >> c & 1);
}

inline std::string_view Trim(std::string_view s) {
  // Most lines and phrases have no blank at either end.
  if (s.empty() ||
      (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' ')) {
    return s;
  }
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// The n <= 16 bytes at p, zero-padded to a block; reads nothing past
// p[n - 1].
inline Bytes16 LoadPartial(const char* p, size_t n) {
  const auto load = [p](size_t at, size_t size) {  // size <= 8 bytes at p + at
    return size == 8 ? short_words::Load64(p + at) : size == 0 ? 0 : short_words::LoadShort(p + at, size);
  };
  const uint64_t halves[2] = {load(0, std::min<size_t>(n, 8)), load(8, n > 8 ? n - 8 : 0)};
  Bytes16 x;
  std::memcpy(&x, halves, sizeof x);
  return x;
}

// LoadPartial(), or with kPadded, for `p` readable for sixteen bytes (a
// view of a FileText), one load with the bytes past n masked off.
template <bool kPadded>
inline Bytes16 LoadBlock(const char* p, size_t n) {
  if constexpr (kPadded) {
    static constexpr uint8_t kKeep[2 * sizeof(Bytes16)] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                           0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    Bytes16 x;
    Bytes16 keep;
    std::memcpy(&x, p, sizeof x);
    std::memcpy(&keep, kKeep + sizeof(Bytes16) - n, sizeof keep);
    return x & keep;
  } else {
    return LoadPartial(p, n);
  }
}

// Bytes ReadFileText() adds after the text, so ScanLine can read whole
// blocks of sixteen.
constexpr size_t kScanPadding = FileText::kPadding;
static_assert(kScanPadding >= sizeof(Bytes16));

// The first of the bytes `kStops` in text[from, end), or text.size():
// sixteen bytes at a time, no call (always inlined: the search is mostly one
// block, cheaper than a call). `text` must be readable for kScanPadding
// bytes past its end (the lines are views of a FileText).
template <char... kStops>
[[gnu::always_inline]] inline size_t FindFirstOf(std::string_view text, size_t from) {
  for (size_t block = from; block < text.size(); block += sizeof(Bytes16)) {
    Bytes16 x;
    std::memcpy(&x, text.data() + block, sizeof x);
    if (const uint32_t mask = MoveMask(((x == static_cast<uint8_t>(kStops)) | ...))) {
      return std::min(block + __builtin_ctz(mask), text.size());
    }
  }
  return text.size();
}

// The bytes that shape a dictionary line, as offsets into the text.
struct LineMarks {
  size_t end = 0;                           // the line's '\n', or the text's end
  size_t comment = std::string_view::npos;  // the first '#' or ';', else `end`
  size_t bracket = std::string_view::npos;  // the first '[' before the comment
  size_t paren = std::string_view::npos;    // the first '(' before the comment
  bool brace = false;                       // a '{' before the comment
};

// The marks of the line that starts at `start`, found in one pass over it
// (instead of a search per character). `text` must be followed by
// kScanPadding zero bytes (a FileText's), which are none of the marks.
LineMarks ScanLine(std::string_view text, size_t start) {
  LineMarks marks;
  for (size_t block = start; block < text.size(); block += sizeof(Bytes16)) {
    Bytes16 x;
    std::memcpy(&x, text.data() + block, sizeof x);
    // ';' (0x3B), '[' (0x5B) and '{' (0x7B) are one compare with bits 5
    // and 6 set, which also finds ESC (0x1B), skipped below.
    uint32_t mask =
        MoveMask((x == '\n') | (x == '#') | (x == '(') | ((x | static_cast<uint8_t>(0x60)) == '{'));
    for (; mask != 0; mask &= mask - 1) {
      const size_t pos = block + __builtin_ctz(mask);
      const char c = text[pos];
      if (c == '\n') {
        marks.end = pos;
        marks.comment = pos;
        return marks;
      }
      if (c == '#' || c == ';') {
        // Past a comment only the line's end counts: over a quarter of the
        // files' bytes are comments, read here with one compare a block.
        marks.comment = pos;
        marks.end = FindFirstOf<'\n'>(text, pos + 1);
        return marks;
      }
      if (c == '[') {
        if (marks.bracket == std::string_view::npos) marks.bracket = pos;
      } else if (c == '(') {
        if (marks.paren == std::string_view::npos) marks.paren = pos;
      } else if (c == '{') {
        marks.brace = true;
      }
    }
  }
  marks.end = text.size();
  if (marks.comment == std::string_view::npos) marks.comment = marks.end;
  return marks;
}

// YYMMDD dates read as PETRARCH does (00-30: 20YY), written in full into
// `buffer`, so intervals compare; other dates as written.
std::string_view FullDate(std::string_view date, char (&buffer)[8]) {
  if (date.size() != 6) return date;
  const bool this_century = date.substr(0, 2) <= "30";
  buffer[0] = this_century ? '2' : '1';
  buffer[1] = this_century ? '0' : '9';
  std::memcpy(buffer + 2, date.data(), 6);
  return std::string_view(buffer, sizeof buffer);
}

// A YYMMDD date as a number that orders as its FullDate() does: the century
// above the six digits read as one big-endian number.
uint64_t DateKey(std::string_view date) {
  const uint64_t digits = __builtin_bswap64(short_words::LoadShort(date.data(), 6)) >> 16;
  const bool this_century = (digits >> 32) <= ('3' << 8 | '0');  // "00" to "30"
  return uint64_t{this_century} << 48 | digits;
}

// True when an interval that ended on `a` ended after one that ended on `b`
// (dates as written).
bool EndsLater(std::string_view a, std::string_view b) {
  if (a.size() == 6 && b.size() == 6) return DateKey(a) > DateKey(b);  // nearly all: no copies
  char a_buffer[8];
  char b_buffer[8];
  return FullDate(a, a_buffer) > FullDate(b, b_buffer);
}

// The code of a record that holds now, chosen as the record's codes are
// read (no list of them is kept): a current ('>') one, else the first
// without restriction, else the interval that ended last (the first of
// those that ended together), else the first.
class CurrentCode {
 public:
  // Takes the record's next code (not empty), a view of the file's text:
  // `restriction` 0 none, '>' still current, '<' before, '-' an interval
  // that ended on `end` (as written).
  void Add(std::string_view code, char restriction, std::string_view end) {
    const int rank = Rank(restriction);
    if (rank < rank_) return;
    if (rank == rank_ && (restriction != '-' || !EndsLater(end, end_))) return;
    code_ = code;
    end_ = end;
    rank_ = rank;
  }
  // True when no later code can change the choice (a current one holds).
  bool settled() const { return rank_ == Rank('>'); }
  // The chosen code, or empty when the record has none.
  std::string_view code() const { return code_; }
  void clear() { *this = CurrentCode(); }

 private:
  static int Rank(char restriction) {
    switch (restriction) {
      case '>':
        return 3;
      case 0:
        return 2;
      case '-':
        return 1;
      default:  // '<'
        return 0;
    }
  }

  std::string_view code_;
  std::string_view end_;  // of an interval code_
  int rank_ = -1;         // Rank() of code_'s restriction; -1 none
};

// Passes the codes of `line` ("[AFGGOV 331108-730717]"), whose first '['
// is at `pos` (npos when none), to *current. `line` must be readable for
// kScanPadding bytes past its end. Inlined into LoadPhoenix()'s loop (once
// per code line): no register saves around a call.
[[gnu::always_inline]] inline void ParseCodes(std::string_view line, size_t pos, CurrentCode* current) {
  while (pos < line.size()) {
    // One pass over "[ CODE when ]": the code runs from the first non-blank
    // to the next ' ' or '\t'.
    size_t start = pos + 1;
    while (start < line.size() && IsBlank(line[start])) ++start;
    const size_t blank = FindFirstOf<' ', '\t', ']'>(line, start);
    const size_t close = blank < line.size() && line[blank] == ']' ? blank : FindFirstOf<']'>(line, blank);
    if (close == line.size()) return;
    pos = FindFirstOf<'['>(line, close + 1);
    // Before a ']' the code ends at a ' ' or '\t', which Trim() would drop:
    // skipped here, the date nearly always needs no trimming.
    const size_t after_code = blank + (blank < close);
    const std::string_view when = Trim(line.substr(after_code, close - after_code));
    std::string_view code = line.substr(start, blank - start);
    // With nothing after it, the code ends before any '\r' or '\x1A' too.
    if (when.empty()) code = Trim(code);
    if (code.empty() || code == "---") continue;
    if (!when.empty() && (when[0] == '>' || when[0] == '<')) {
      current->Add(code, when[0], {});
    } else if (const size_t dash = FindFirstOf<'-'>(when, 0); dash != when.size()) {
      current->Add(code, '-', when.substr(dash + 1));
    } else {
      current->Add(code, 0, {});
    }
  }
}

// Phrases that would find common words: one-word keys that are ordinary
// capitalised words or role words. `one_word`: `key` has no space.
bool IsUsablePhrase(std::string_view key, bool one_word) {
  if (key.empty()) return false;
  if (!one_word) return true;
  return key.size() > 1 && !(WordClasses(key) & (kCommonCapitalisedWord | kRoleHead | kHonorific));
}

// How each byte of an ASCII name turns into a byte of its key or slug: the
// byte written, or one of the two marks below.
struct ByteMap {
  static constexpr uint16_t kSeparator = 0x100;  // ends a word
  static constexpr uint16_t kDropped = 0x200;    // '.': as if absent
  uint16_t to[256];
};

// Phrase keys: A-Z lowered, periods dropped, '_' and ' ' between words.
constexpr ByteMap MakeKeyMap() {
  ByteMap map{};
  for (int c = 0; c < 256; ++c) {
    map.to[c] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
    if (c == '_' || c == ' ') map.to[c] = ByteMap::kSeparator;
    if (c == '.') map.to[c] = ByteMap::kDropped;
  }
  return map;
}

// Slugs: letters, digits and non-ASCII bytes kept (A-Z lowered), periods
// dropped, every other byte between words.
constexpr ByteMap MakeSlugMap() {
  ByteMap map{};
  for (int c = 0; c < 256; ++c) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    map.to[c] = c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : alnum ? c : ByteMap::kSeparator;
    if (c == '.') map.to[c] = ByteMap::kDropped;
  }
  return map;
}

constexpr ByteMap kKeyMap = MakeKeyMap();
constexpr ByteMap kSlugMap = MakeSlugMap();

// Writes `in` through `map` to `out`, words joined by single `separator`s
// (none before the first word or after the last); returns the end. Writes
// at most in.size() bytes.
char* MapWords(std::string_view in, const ByteMap& map, char separator, char* out) {
  char* const begin = out;
  bool pending = false;  // a separator is due before the next byte
  for (const char c : in) {
    const uint16_t to = map.to[static_cast<unsigned char>(c)];
    if (to < ByteMap::kSeparator) {
      if (pending) *out++ = separator;
      pending = false;
      *out++ = static_cast<char>(to);
    } else if (to == ByteMap::kSeparator) {
      pending = out != begin;
    }
  }
  return out;
}

// What MapWordsFast() wrote and saw of a name.
struct MappedWords {
  char* end = nullptr;         // the end of the words written; null for an irregular name
  size_t first_separator = 0;  // the offset of the first separator written, else the words' size
  bool alnum_words = false;    // the name is letters, digits and separators only
};

// MapWords() for the names nearly all are, sixteen bytes at a time: ASCII
// without periods, no separator first and none twice in a row.
// `is_separator` gives 0xFF for the separator bytes of a block lowered
// (A-Z to a-z). Returns a null end, having written anything, for other
// names. `out` needs room for in.size() + 16 bytes; so does `hyphenated`,
// which, when not null, receives the same words joined by '-' (for a key of
// alnum_words, its slug). kPadded: `in` is readable for kScanPadding bytes
// past its end.
template <bool kPadded, typename IsSeparator>
MappedWords MapWordsFast(std::string_view in, IsSeparator is_separator, char separator, char* out,
                         char* hyphenated = nullptr) {
  MappedWords mapped;
  size_t first_separator = std::string_view::npos;
  uint32_t after_separator = 1;  // a separator first is irregular
  uint32_t others = 0;           // bytes neither a separator nor a letter or digit
  for (size_t i = 0; i < in.size(); i += sizeof(Bytes16)) {
    const size_t n = std::min(sizeof(Bytes16), in.size() - i);
    Bytes16 x = LoadBlock<kPadded>(in.data() + i, n);
    x |= InRange(x, 'A', 'Z') & 0x20;  // 'a' - 'A'
    const Bytes16 separators = is_separator(x);
    const uint32_t in_name = (uint32_t{1} << n) - 1;
    const uint32_t separator_bits = MoveMask(separators) & in_name;
    const uint32_t irregular = (MoveMask(x) | MoveMask(x == '.')) & in_name;  // non-ASCII, periods
    if (irregular != 0 || (separator_bits & ((separator_bits << 1) | after_separator)) != 0) return mapped;
    after_separator = (separator_bits >> (n - 1)) & 1;
    if (separator_bits != 0 && first_separator == std::string_view::npos) {
      first_separator = i + __builtin_ctz(separator_bits);
    }
    others |= ~MoveMask(separators | InRange(x, 'a', 'z') | InRange(x, '0', '9')) & in_name;
    const Bytes16 words = x & ~separators;
    const Bytes16 joined = words | (separators & static_cast<uint8_t>(separator));
    std::memcpy(out + i, &joined, sizeof joined);
    if (hyphenated != nullptr) {
      const Bytes16 with_hyphens = words | (separators & static_cast<uint8_t>('-'));
      std::memcpy(hyphenated + i, &with_hyphens, sizeof with_hyphens);
    }
  }
  // A separator last ends no word.
  const size_t size = in.size() - after_separator * !in.empty();
  mapped.end = out + size;
  mapped.first_separator = std::min(first_separator, size);
  mapped.alnum_words = others == 0;
  return mapped;
}

// The separators of a phrase key and of a slug, in a lowered block.
struct KeySeparators {
  Bytes16 operator()(Bytes16 x) const { return (x == '_') | (x == ' '); }
};
struct SlugSeparators {
  Bytes16 operator()(Bytes16 x) const { return ~(InRange(x, 'a', 'z') | InRange(x, '0', '9')); }
};

// Longer names are mapped byte by byte.
constexpr size_t kLongestFastName = 256;
// Room a record's slug needs (PhraseList::Add).
constexpr size_t kSlugBufferSize = kLongestFastName + sizeof(Bytes16);

// Appends what MapWordsFast() makes of `text` (`separator` between words),
// mapped on the stack first: a short result then fits the string's own
// buffer, with no allocation and no zero fill. False, having appended
// nothing, for a text MapWordsFast() does not take (the caller's slow path).
template <typename IsSeparator>
bool AppendMappedFast(std::string_view text, IsSeparator is_separator, char separator, std::string* out) {
  if (text.size() > kLongestFastName) return false;
  char buffer[kLongestFastName + sizeof(Bytes16)];
  const MappedWords mapped = MapWordsFast</*kPadded=*/false>(text, is_separator, separator, buffer);
  if (mapped.end == nullptr) return false;
  out->append(buffer, mapped.end - buffer);
  return true;
}

// AppendPhoenixPhraseKey() for a phrase MapWordsFast() does not take (one
// with periods, non-ASCII letters, doubled separators, or too long).
void AppendIrregularPhoenixPhraseKey(std::string_view phrase, std::string* key) {
  if (char buffer[kLongestFastName + sizeof(Bytes16)]; phrase.size() <= kLongestFastName && IsAscii(phrase)) {
    key->append(buffer, MapWords(phrase, kKeyMap, ' ', buffer) - buffer);
    return;
  }
  const size_t phrase_start = key->size();
  size_t start = 0;
  while (start < phrase.size()) {
    size_t end = start;
    while (end < phrase.size() && phrase[end] != '_' && phrase[end] != ' ') ++end;
    // The word's key after a space; a word with no key (".") leaves none.
    const size_t mark = key->size();
    if (mark > phrase_start) key->push_back(' ');
    const size_t word_start = key->size();
    AppendActorKey(phrase.substr(start, end - start), key);
    if (key->size() == word_start) key->resize(mark);
    start = end + 1;
  }
}

// Appends the key of a phrase in the dictionary format ("VLADIMIR_PUTIN_" ->
// "vladimir putin") to *key: its words' ActorKey()s joined by spaces.
void AppendPhoenixPhraseKey(std::string_view phrase, std::string* key) {
  if (!AppendMappedFast(phrase, KeySeparators(), ' ', key)) AppendIrregularPhoenixPhraseKey(phrase, key);
}

// PhraseIndex::Hash(key), with shortcuts the loader can take: without
// kMayHaveHyphens `key` has no '-' (nothing to hash as a space); with
// kZeroPadded the bytes after it up to the next multiple of eight are
// readable and zero (its last word loads whole).
template <bool kMayHaveHyphens, bool kZeroPadded>
uint64_t HashKey(std::string_view key) {
  // Eight bytes at a time, the last ones zero-padded.
  const char* p = key.data();
  size_t n = key.size();
  uint64_t h = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    h = phrase_hash::Mix<kMayHaveHyphens>(h, word);
  }
  if (n > 0) {
    uint64_t word;
    if constexpr (kZeroPadded) {
      std::memcpy(&word, p, 8);
    } else {
      word = short_words::LoadShort(p, n);
    }
    h = phrase_hash::Mix<kMayHaveHyphens>(h, word);
  }
  return phrase_hash::Finish(h, key.size());
}

// A phrase key of a record, with what the loader asks of it.
struct RecordPhrase {
  std::string_view key;
  uint64_t hash = 0;       // PhraseIndex::Hash(key)
  size_t first_space = 0;  // key.size() when it has none
  bool plain = false;      // a-z, 0-9 and spaces only: no '-' for Hash() to read as a space

  bool one_word() const { return first_space == key.size(); }
};

// The phrase keys of a record, in one buffer reused from record to record:
// no allocation per phrase once the buffer has grown. Each key is written
// straight into the buffer, then hashed and its first space found once, as
// it is made.
class PhraseList {
 public:
  void clear() {
    used_ = 0;
    marks_.clear();
  }
  bool empty() const { return marks_.empty(); }
  size_t size() const { return marks_.size(); }
  RecordPhrase operator[](size_t i) const {
    const size_t begin = i == 0 ? 0 : marks_[i - 1].end;
    const Mark& mark = marks_[i];
    return {std::string_view(text_.data() + begin, mark.end - begin), mark.hash, mark.first_space,
            mark.plain};
  }
  RecordPhrase back() const { return (*this)[size() - 1]; }

  // Adds the key of `phrase` (AppendPhoenixPhraseKey()), which must be
  // readable for kScanPadding bytes past its end; an empty key only with
  // `keep_empty`. Returns whether a key was added. When `slug`
  // (kSlugBufferSize bytes) is not null and the phrase is plain (ASCII
  // letters, digits and separators, kLongestFastName bytes at most), its
  // ActorSlug(), which is then the key with hyphens for spaces, is written
  // there and *slug_size set; else *slug_size is npos.
  bool Add(std::string_view phrase, bool keep_empty, char* slug = nullptr, size_t* slug_size = nullptr) {
    if (slug_size != nullptr) *slug_size = std::string_view::npos;
    // Room for MapWordsFast()'s whole blocks.
    Reserve(phrase.size() + sizeof(Bytes16));
    char* key = text_.data() + used_;
    const MappedWords mapped = phrase.size() <= kLongestFastName
                                   ? MapWordsFast</*kPadded=*/true>(phrase, KeySeparators(), ' ', key, slug)
                                   : MappedWords();
    Mark mark;
    size_t size = 0;
    if (mapped.end != nullptr) {
      size = mapped.end - key;
      // The blocks end in zeros, but for a separator last, written as a
      // space: then the key's last hash word loads whole.
      key[size] = 0;
      mark.hash = mapped.alnum_words ? HashKey</*kMayHaveHyphens=*/false, /*kZeroPadded=*/true>({key, size})
                                     : HashKey</*kMayHaveHyphens=*/true, /*kZeroPadded=*/true>({key, size});
      mark.first_space = mapped.first_separator;
      mark.plain = mapped.alnum_words;
      if (slug_size != nullptr && mapped.alnum_words) *slug_size = size;
    } else {
      scratch_.clear();
      AppendIrregularPhoenixPhraseKey(phrase, &scratch_);  // the fast mapping failed above
      size = scratch_.size();
      Reserve(size);
      key = text_.data() + used_;
      std::memcpy(key, scratch_.data(), size);
      mark.hash = PhraseIndex::Hash(scratch_);
      mark.first_space = std::min(scratch_.find(' '), size);
    }
    if (size == 0 && !keep_empty) return false;
    used_ += size;
    mark.end = used_;
    marks_.push_back(mark);
    return true;
  }

 private:
  struct Mark {
    size_t end = 0;  // in text_
    size_t first_space = 0;
    uint64_t hash = 0;
    bool plain = false;
  };

  // Room for `n` more bytes of keys.
  void Reserve(size_t n) {
    if (text_.size() < used_ + n) text_.resize(std::max(2 * text_.size(), used_ + n));
  }

  std::vector<char> text_;  // the keys, used_ bytes of it
  size_t used_ = 0;
  std::vector<Mark> marks_;
  std::string scratch_;  // a key made byte by byte
};

// A phrase record being read: its phrases and codes until the next record.
struct PendingRecord {
  std::string_view primary;   // as written: a view of the file or of primary_copy
  std::string primary_copy;   // a primary without its "(ACRONYM)"
  uint64_t primary_hash = 0;  // of the primary's key
  // ActorSlug(primary) when slug_size is not npos: the primary's key with
  // hyphens for spaces, which hashes as the key does.
  char slug[kSlugBufferSize];
  size_t slug_size = std::string_view::npos;
  PhraseList phrases;  // keys, primary first
  CurrentCode code;    // of the codes read so far

  void clear() {
    primary = {};
    slug_size = std::string_view::npos;
    phrases.clear();
    code.clear();
  }
};

}  // namespace

std::string ActorSlug(std::string_view name) {
  std::string slug;
  AppendActorSlug(name, &slug);
  return slug;
}

void AppendActorSlug(std::string_view name, std::string* out) {
  if (AppendMappedFast(name, SlugSeparators(), '-', out)) return;
  // The rest byte by byte; ASCII names (with periods, say) folded here as
  // ActorKey() would (A-Z lowered, periods dropped) without building the key.
  const size_t start = out->size();
  std::string folded;
  const std::string_view key = IsAscii(name) ? name : (folded = ActorKey(name));
  out->resize(start + key.size());
  char* const begin = out->data() + start;
  out->resize(start + (MapWords(key, kSlugMap, '-', begin) - begin));
}

// Inlined, as AddPhrase() below, into the loaders' loops (once per record).
[[gnu::always_inline]] inline int32_t ActorDictionary::AddEntry(ActorEntry entry, uint64_t id_hash) {
  bool added = false;
  const int32_t index = *ids_.InsertHashed(id_hash, static_cast<int32_t>(entries_.size()), &added);
  if (!added) return index;
  entry.id = Keep(entry.id);
  entries_.push_back(std::move(entry));
  return index;
}

void ActorDictionary::StartTextBlock(size_t size) {
  constexpr size_t kBlockSize = 64 * 1024;
  size = std::max(kBlockSize, size);
  text_blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
  text_next_ = text_blocks_.back().get();
  text_block_left_ = size;
}

uint64_t PhraseIndex::Hash(std::string_view key) {
  return HashKey</*kMayHaveHyphens=*/true, /*kZeroPadded=*/false>(key);
}

uint64_t PhraseIndex::HashLongWithoutHyphens(std::string_view key) {
  return HashKey</*kMayHaveHyphens=*/false, /*kZeroPadded=*/false>(key);
}

const int32_t* PhraseIndex::FindInSlots(uint64_t h) const {
  const Slot& slot = slots_[Probe(h)];
  return slot.hash == h ? &slot.value : nullptr;
}

void PhraseIndex::Grow() { Rehash(std::max<size_t>(64, slot_count_ * 2)); }

void PhraseIndex::Reserve(size_t n) {
  size_t slot_count = std::max<size_t>(64, slot_count_);
  while ((size_ + n) * 2 > slot_count) slot_count *= 2;
  if (slot_count > slot_count_) Rehash(slot_count);
}

// The size of a huge page (x86-64, and the smallest on AArch64 with 4 KiB
// pages).
constexpr size_t kHugePageBytes = size_t{2} << 20;

void PhraseIndex::FreeSlots::operator()(Slot* slots) const {
  if (mapped_bytes == 0) {
    std::free(slots);
  } else {
    munmap(slots, mapped_bytes);
  }
}

PhraseIndex::Slots PhraseIndex::AllocateSlots(size_t count) {
  const size_t bytes = count * sizeof(Slot);
  if (bytes < kHugePageBytes) {
    Slots slots(static_cast<Slot*>(std::calloc(count, sizeof(Slot))), FreeSlots());
    if (slots == nullptr) throw std::bad_alloc();
    return slots;
  }
  // A huge page more than asked for, then the parts before and after the
  // aligned room given back. (`bytes`, a power of two, is a multiple of
  // kHugePageBytes.)
  const size_t mapped = bytes + kHugePageBytes;
  void* const start = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (start == MAP_FAILED) throw std::bad_alloc();
  char* const first = static_cast<char*>(start);
  char* const aligned =
      first + (kHugePageBytes - reinterpret_cast<uintptr_t>(start) % kHugePageBytes) % kHugePageBytes;
  if (aligned != first) munmap(first, aligned - first);
  if (aligned + bytes != first + mapped) munmap(aligned + bytes, first + mapped - (aligned + bytes));
#ifdef MADV_HUGEPAGE
  madvise(aligned, bytes, MADV_HUGEPAGE);  // advice: without huge pages the table works as well
#endif
  return Slots(reinterpret_cast<Slot*>(aligned), FreeSlots(bytes));
}

void PhraseIndex::Rehash(size_t slot_count) {
  const Slots old = std::move(slots_);
  const size_t old_count = slot_count_;
  slots_ = AllocateSlots(slot_count);
  slot_count_ = slot_count;
  filter_.assign(slot_count / 16, 0);
  for (size_t i = 0; i < old_count; ++i) {
    if (old[i].hash == 0) continue;
    slots_[Probe(old[i].hash)] = old[i];
    AddToFilter(old[i].hash);
  }
}

// Inlined into LoadPhoenix()'s loop, its one caller: a call per phrase costs
// a third of the work (register saves around it).
[[gnu::always_inline]] inline void ActorDictionary::AddPhrase(std::string_view key, uint64_t hash,
                                                              bool one_word, int32_t index, bool wins) {
  if (!IsUsablePhrase(key, one_word)) return;
  bool added = false;
  int32_t* value = phrases_.InsertHashed(hash, index, &added);
  if (!added && *value != index) *value = wins ? index : -1;
}

const ActorEntry* ActorDictionary::FindLeaderBySurname(std::string_view key, bool alone) const {
  const uint64_t hash = PhraseIndex::Hash(key);  // once for both indexes
  if (alone && given_names_.FindHashed(hash)) return nullptr;
  const int32_t* index = surnames_.FindHashed(hash);
  return index && *index >= 0 ? &entries_[*index] : nullptr;
}

Status ActorDictionary::LoadPhoenix(const std::string& path, Source source, const StateGazetteer& states) {
  FileText file;
  if (!ReadFileText(path, &file)) return Status::IoError("cannot read actor dictionary " + path);
  // A code's first three letters as the dictionary's own copy when they are
  // a state the gazetteer knows, else empty: asked once per distinct prefix,
  // the last answer first, as the country file runs country by country.
  WordTable<std::string_view> known_states;
  std::string_view last_country;
  std::string_view last_state;
  const auto state_of = [&](std::string_view country) {
    if (country == last_country) return last_state;
    const std::string_view* known = known_states.Find(country);
    last_state = known ? *known : states.DisplayName(country) != country ? Keep(country) : std::string_view();
    if (!known) known_states.Set(country, last_state);
    last_country = country;
    return last_state;
  };
  // Room for the phrases and entries up front, estimated from the file size
  // (the Phoenix files spend 40-60 bytes per phrase, codes and comments
  // included), so the tables rarely regrow mid-load.
  constexpr size_t kBytesPerPhrase = 32;
  const size_t phrase_estimate = file.size / kBytesPerPhrase;
  phrases_.Reserve(phrase_estimate);
  ids_.Reserve(phrase_estimate / 2);
  if (source == Source::kCountries) {
    places_.Reserve(phrase_estimate / 2);
    // The persons' given names: in the country file about one phrase in
    // four brings a new one (other files add few).
    given_names_.Reserve(phrase_estimate / 4);
  }
  entries_.reserve(entries_.size() + phrase_estimate / 2);
  PendingRecord record;
  std::string slug;  // the entry's id, before the dictionary keeps it
  const auto finish = [&]() {
    if (record.phrases.empty()) return;
    const std::string_view code = record.code.code();
    const bool has_role = code.size() > 3;
    if (source == Source::kCountries && !has_role) {
      bool added = false;
      for (size_t i = 0; i < record.phrases.size(); ++i)
        places_.InsertHashed(record.phrases[i].hash, 1, &added);
      record.clear();
      return;
    }
    ActorEntry entry;
    if (code.size() >= 3) entry.state = state_of(code.substr(0, 3));
    const RecordPhrase front = record.phrases[0];
    if (source == Source::kOrganizations || front.one_word() || HasOrganizationCue(front.key)) {
      entry.type = ActorType::kOrganization;
    } else if (source == Source::kCountries) {
      entry.type = ActorType::kPerson;
    }
    const bool person = entry.type == ActorType::kPerson;
    std::string_view last_given;  // the record's phrases mostly share it
    uint64_t id_hash = record.primary_hash;
    if (record.slug_size != std::string_view::npos) {
      entry.id = std::string_view(record.slug, record.slug_size);
    } else {
      slug.clear();
      AppendActorSlug(record.primary, &slug);
      entry.id = slug;
      id_hash = PhraseIndex::Hash(slug);
    }
    const int32_t index = AddEntry(entry, id_hash);
    for (size_t i = 0; i < record.phrases.size(); ++i) {
      const RecordPhrase p = record.phrases[i];
      AddPhrase(p.key, p.hash, p.one_word(), index, source == Source::kOrganizations);
      if (!person || p.one_word()) continue;
      const std::string_view given = p.key.substr(0, p.first_space);
      if (given == last_given) continue;
      last_given = given;
      bool added = false;
      given_names_.InsertHashed(p.plain ? HashKey</*kMayHaveHyphens=*/false, /*kZeroPadded=*/false>(given)
                                        : PhraseIndex::Hash(given),
                                1, &added);
    }
    record.clear();
  };
  std::string base_buffer;  // a phrase without its "(ACRONYM)"
  const std::string_view text = file.text();
  for (size_t line_start = 0; line_start < text.size();) {
    const LineMarks marks = ScanLine(text, line_start);
    const std::string_view raw = text.substr(line_start, marks.comment - line_start);
    line_start = marks.end + 1;
    if (raw.empty()) continue;
    if (raw[0] == '\t' || raw[0] == ' ') {  // indented: a code line
      // Blanks around the codes change nothing: no need to trim the line.
      // Once a current code holds, the record's later codes cannot matter.
      if (marks.bracket != std::string_view::npos && !record.code.settled())
        ParseCodes(raw, marks.bracket - (raw.data() - text.data()), &record.code);
      continue;
    }
    std::string_view line = Trim(raw);
    if (line.empty()) continue;
    // The line's first '[' as an offset into `line`, npos when none.
    const auto offset = [&](size_t mark) {
      return mark == std::string_view::npos ? mark : mark - (line.data() - text.data());
    };
    // Substitution sets and plural specs belong to the agents format.
    if (line[0] == '!' || marks.brace) continue;
    const bool synonym = line[0] == '+';
    if (synonym) line.remove_prefix(1);
    if (!synonym) finish();
    const size_t bracket = offset(marks.bracket);
    std::string_view base = Trim(line.substr(0, bracket));
    if (bracket != std::string_view::npos && !record.code.settled()) ParseCodes(line, bracket, &record.code);
    // "ANIMAL_LIBERATION_FRONT_(ALF)_": the parenthesised acronym is a synonym.
    if (marks.paren < marks.bracket) {
      const size_t open = marks.paren - (base.data() - text.data());
      const size_t close = base.find(')', open);
      if (close == std::string_view::npos) continue;
      record.phrases.Add(base.substr(open + 1, close - open - 1), /*keep_empty=*/true);
      base_buffer.assign(base.substr(0, open));
      base_buffer.append(base.substr(close + 1));
      const size_t base_size = base_buffer.size();
      base_buffer.resize(base_size + kScanPadding);  // padded as the file's text is
      base = std::string_view(base_buffer).substr(0, base_size);
    }
    // The record's id is the slug of its primary phrase: made with the key.
    const bool primary = !synonym || record.primary.empty();
    size_t slug_size = std::string_view::npos;
    if (!record.phrases.Add(base, /*keep_empty=*/false, primary ? record.slug : nullptr, &slug_size))
      continue;
    if (primary) {
      // base_buffer is rewritten by the next acronym; the file's text stays.
      record.primary = base.data() == base_buffer.data() ? (record.primary_copy = base) : base;
      record.primary_hash = record.phrases.back().hash;
      record.slug_size = slug_size;
    }
  }
  finish();
  return Status::Ok();
}

Status ActorDictionary::LoadLeaders(const std::string& path) {
  // Reused from row to row: no allocation per leader.
  std::string full;
  std::string surname_column;
  std::string first_last;
  return ForEachTsvRow(path, "leaders file", [&](const std::vector<std::string_view>& fields, int line) {
    if (fields.size() < 3 || fields.size() > 4 || fields[0].size() != 3) {
      return TsvLineError(path, line, "want ISO3<TAB>role<TAB>name[<TAB>surname]");
    }
    const std::string_view name = fields[2];
    full.clear();
    AppendPhoenixPhraseKey(name, &full);
    const std::string_view full_key = full;
    const size_t last_space = full_key.rfind(' ');
    const bool has_surname = fields.size() == 4;
    std::string_view surname = full_key.substr(last_space == std::string_view::npos ? 0 : last_space + 1);
    if (has_surname) {
      surname_column.clear();
      AppendPhoenixPhraseKey(fields[3], &surname_column);
      surname = surname_column;
    }
    const std::string_view given = full_key.substr(0, full_key.find(' '));
    first_last.assign(given).append(" ").append(full_key.substr(last_space + 1));
    const std::string_view keys[] = {full_key, first_last};
    // A leader the Phoenix files already know keeps that entry (and its id).
    int32_t index = -1;
    for (const std::string_view key : keys) {
      const int32_t* known = phrases_.Find(key);
      if (index < 0 && known && *known >= 0 && entries_[*known].type == ActorType::kPerson) index = *known;
    }
    if (index < 0) {
      const std::string slug = ActorSlug(name);
      index = AddEntry(ActorEntry{slug, ActorType::kPerson, {}, {}}, PhraseIndex::Hash(slug));
    }
    ActorEntry& entry = entries_[index];
    entry.type = ActorType::kPerson;
    entry.state = Keep(fields[0]);
    entry.role = Keep(fields[1]);
    bool added = false;
    given_names_.Insert(given, 1, &added);
    // Current leaders win their full names over older holders of the phrase.
    for (const std::string_view key : keys) {
      if (IsUsablePhrase(key, key.find(' ') == std::string_view::npos))
        *phrases_.Insert(key, index, &added) = index;
    }
    // Without a surname column, "Charles III" has none ("Xi" in the column is one).
    const bool numeral = !has_surname && surname.find_first_not_of("ivx") == std::string_view::npos;
    if (!numeral && IsUsablePhrase(surname, surname.find(' ') == std::string_view::npos)) {
      int32_t* value = surnames_.Insert(surname, index, &added);
      if (!added && *value != index) *value = -1;
    }
    return Status::Ok();
  });
}

}  // namespace newsmine
