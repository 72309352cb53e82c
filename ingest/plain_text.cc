#include "ingest/plain_text.h"

#include <algorithm>
#include <array>
#include <boost/regex.hpp>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "core/bytes16.h"
#include "core/hash.h"
#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/dates.h"

namespace newsmine {
namespace {

// What a single line is, judged on its own.
enum class LineKind { kText, kWeather, kDate, kBreadcrumb, kSource, kHeading, kTeaser, kByline, kCopyright };

// What a block is, judged with its neighbours.
enum class Role { kProse, kOther, kFurniture };

// Views into the input and into the buffer of collapsed lines that
// SplitBlocks fills; both outlive the blocks. Nothing to free: the vector of
// lines is reused from one text to the next.
struct Line {
  std::string_view raw;        // as in the input, trailing white space trimmed
  std::string_view collapsed;  // white space collapsed, for the tests below
  LineKind kind = LineKind::kText;
};

struct Block {
  std::span<Line> lines;    // in the vector SplitBlocks fills
  std::string_view joined;  // the lines' collapsed text joined by spaces
  // Its words, counted up to kMaxCountedWords: the rules below compare the
  // count with smaller numbers only.
  size_t words = 0;
  Role role = Role::kOther;
  std::string date;  // the ISO date of its first date line, if any
};

constexpr size_t kMaxFurnitureLineBytes = 160;
constexpr size_t kMaxTeaserBytes = 300;
constexpr size_t kMaxDateLineBytes = 64;
constexpr size_t kMaxTitleWords = 30;
// Blocks this short that are not sentences are dropped at the text's end
// (leftover widgets, "Advertisement", a lone sign-off).
constexpr size_t kMaxEdgeWords = 4;
constexpr size_t kMaxCountedWords = kMaxTitleWords + 1;

// A set of byte values.
class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (const char c : bytes) Add(c);
  }
  constexpr void Add(char c) { has_[static_cast<unsigned char>(c)] = true; }
  constexpr bool Has(char c) const { return has_[static_cast<unsigned char>(c)]; }

 private:
  std::array<bool, 256> has_{};
};

// A fixed list of prefixes, tried against the start of a text: only those
// beginning with the text's first byte are compared. With `ignore_case`, ASCII
// letters compare without case, as in the case-insensitive regexes below, and
// the prefixes must be lower-case.
template <size_t N>
class PrefixList {
 public:
  constexpr PrefixList(std::array<std::string_view, N> prefixes, bool ignore_case)
      : prefixes_(prefixes), ignore_case_(ignore_case) {
    std::sort(prefixes_.begin(), prefixes_.end());
    // begin_[b] is the first prefix whose first byte is b or greater.
    size_t p = 0;
    for (size_t b = 0; b < begin_.size(); ++b) {
      while (p < N && static_cast<unsigned char>(prefixes_[p].front()) < b) ++p;
      begin_[b] = static_cast<uint8_t>(p);
    }
  }

  constexpr const std::array<std::string_view, N>& prefixes() const { return prefixes_; }

  bool StartOf(std::string_view s) const {
    if (s.empty()) return false;
    const auto first = static_cast<unsigned char>(Fold(s.front()));
    for (size_t i = begin_[first]; i < begin_[first + 1]; ++i) {
      const std::string_view prefix = prefixes_[i];
      if (s.size() >= prefix.size() && std::equal(prefix.begin() + 1, prefix.end(), s.begin() + 1,
                                                  [this](char p, char c) { return p == Fold(c); })) {
        return true;
      }
    }
    return false;
  }

 private:
  static_assert(N < 256, "indexes are bytes");
  constexpr char Fold(char c) const {
    return ignore_case_ && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }

  std::array<std::string_view, N> prefixes_;
  std::array<uint8_t, 257> begin_{};
  bool ignore_case_;
};

// How many words `collapsed` (one space between words) has, or `limit`
// when it has more: the rules compare word counts with small numbers, so a
// long text is read only until it has `limit` words.
size_t CountWords(std::string_view collapsed, size_t limit) {
  if (collapsed.empty()) return 0;
  // The spaces of sixteen bytes, summed at once (a comparison gives 0xFF for
  // a match). No popcount: without the POPCNT instruction it is a library
  // call.
  const auto spaces = [](Bytes16 x) { return SumBytes(reinterpret_cast<Bytes16>(x == ' ') & 1); };
  size_t words = 1;
  Bytes16 x;
  size_t i = 0;
  for (; i + sizeof(x) <= collapsed.size() && words < limit; i += sizeof(x)) {
    std::memcpy(&x, collapsed.data() + i, sizeof(x));
    words += spaces(x);
  }
  if (i < collapsed.size() && words < limit) {
    x = Bytes16{};  // zero bytes after the text: no spaces
    std::memcpy(&x, collapsed.data() + i, collapsed.size() - i);
    words += spaces(x);
  }
  return std::min(words, limit);
}

// True when `collapsed` has `n` words or fewer.
bool AtMostWords(std::string_view collapsed, size_t n) { return CountWords(collapsed, n + 1) <= n; }

constexpr std::array<std::string_view, 8> kClosers = {
    "\"", "'", ")", "]", "*", "\xC2\xBB", "\xE2\x80\x9D", "\xE2\x80\x99"};

// No closer is a suffix of another, so the last byte tells which one may end
// a text; most texts end in none of these bytes.
constexpr ByteSet kCloserLastBytes = [] {
  ByteSet set("");
  for (std::string_view closer : kClosers) set.Add(closer.back());
  return set;
}();

// `s` without closing quotes and brackets at its end.
std::string_view TrimClosers(std::string_view s) {
  while (!s.empty() && kCloserLastBytes.Has(s.back())) {
    const auto closer =
        std::find_if(kClosers.begin(), kClosers.end(), [s](std::string_view c) { return s.ends_with(c); });
    if (closer == kClosers.end()) break;
    s.remove_suffix(closer->size());
  }
  return s;
}

// How a text ends, closing quotes and brackets aside.
enum class Ending { kOther, kEllipsis, kSentence };

// What ends a sentence (a '.' may also end "..."), and the ellipsis
// character.
constexpr std::string_view kSentenceEnders = ".!?:;";
constexpr std::string_view kEllipsisChar = "\xE2\x80\xA6";  // …

constexpr ByteSet kSentenceEnderBytes(kSentenceEnders);

// The bytes after which EndingOf may find other than kOther: a closer's last
// byte, or the last byte of what ends a sentence or an ellipsis.
constexpr ByteSet kEndingLastBytes = [] {
  ByteSet set = kSentenceEnderBytes;
  set.Add(kEllipsisChar.back());
  for (std::string_view closer : kClosers) set.Add(closer.back());
  return set;
}();

// EndingOf for a text whose last byte is in kEndingLastBytes.
Ending EndingOfMarked(std::string_view s) {
  if (kCloserLastBytes.Has(s.back())) s = TrimClosers(s);
  if (s.empty()) return Ending::kOther;
  const char last = s.back();
  if (last == '.') return s.ends_with("...") ? Ending::kEllipsis : Ending::kSentence;
  if (last == kEllipsisChar.back()) return s.ends_with(kEllipsisChar) ? Ending::kEllipsis : Ending::kOther;
  return kSentenceEnderBytes.Has(last) ? Ending::kSentence : Ending::kOther;
}

// Every line and block comes here, and most end in a word: the last byte
// decides those inline, without a call.
[[gnu::always_inline]] inline Ending EndingOf(std::string_view s) {
  return !s.empty() && kEndingLastBytes.Has(s.back()) ? EndingOfMarked(s) : Ending::kOther;
}

bool HasLowercase(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c & 0x80); });
}

// How many breadcrumb separators (" › ", " > ", " » ", " / ", " | ") `s` has.
// One pass: each space is tried as the start of each separator.
size_t CountPathSeparators(std::string_view s) {
  size_t count = 0;
  for (size_t space = s.find(' '); space != std::string_view::npos; space = s.find(' ', space + 1)) {
    const std::string_view rest = s.substr(space + 1);
    for (std::string_view middle : {"\xE2\x80\xBA", ">", "\xC2\xBB", "/", "|"}) {
      if (rest.size() > middle.size() && rest.starts_with(middle) && rest[middle.size()] == ' ') ++count;
    }
  }
  return count;
}

// True when `s` has a byte a breadcrumb separator has in its middle ('>',
// '/', '|', or the lead byte of '»' or '›'): most lines have none.
bool HasSeparatorBytes(std::string_view s) {
  const auto has = [](const char* p) {
    Bytes16 x;
    std::memcpy(&x, p, sizeof x);
    return MoveMask((x == '>') | (x == '/') | (x == '|') | (x == 0xC2) | (x == 0xE2)) != 0;
  };
  if (s.size() < sizeof(Bytes16)) {
    std::array<char, sizeof(Bytes16)> padded{};  // zero bytes: no separator
    std::memcpy(padded.data(), s.data(), s.size());
    return has(padded.data());
  }
  // Blocks of sixteen, then the sixteen bytes that end `s` (which may
  // overlap the last block: a byte seen twice does no harm).
  for (size_t i = 0; i + sizeof(Bytes16) < s.size(); i += sizeof(Bytes16)) {
    if (has(s.data() + i)) return true;
  }
  return has(s.data() + s.size() - sizeof(Bytes16));
}

// True when a number stands first in `s` or after a first word of letters, as
// in a temperature ("21°C", "London 21°C").
bool NumberFirstOrSecond(std::string_view s) {
  size_t at = 0;
  if (IsAsciiLetter(s.front())) {
    at = s.find(' ');
    if (at == std::string_view::npos) return false;
    ++at;
  }
  return at < s.size() && (s[at] == '-' || IsAsciiDigit(s[at]));
}

// The match of `re` against the whole of `s`, or null. The match is kept
// per thread (a fresh one allocates its groups) and is valid until the next
// call on this thread.
const boost::cmatch* RegexMatch(std::string_view s, const boost::regex& re) {
  thread_local boost::cmatch m;
  return boost::regex_match(s.data(), s.data() + s.size(), m, re) ? &m : nullptr;
}

std::string_view Group(const boost::cmatch& m, int i) {
  return std::string_view(m[i].first, static_cast<size_t>(m[i].second - m[i].first));
}

// The whole-line regexes ClassifyShortLine tries. Each is compiled on its
// first use (LineRegex): compiling them all costs as much as classifying
// the lines of hundreds of texts, and most inputs need few of them.
constexpr char kSourcePattern[] = R"((?:Source|SOURCE|Sources)\s*:\s*(\S.{0,80}))";
constexpr char kDateLabelPattern[] =
    R"((?:Published|Posted|Updated|Last updated|Date|Dated)(?: on)?\s*:?\s*(.+))";
constexpr char kWeatherPattern[] =
    R"((?:[A-Za-z]+ )?-?\d{1,3}(?:[.,]\d+)?\s*(?:°|º|˚|° ?[CF]|º ?[CF]|[CF])(?: [A-Za-z]+)?)";
constexpr char kBreadcrumbPattern[] = R"(Home(?:\s*(?:›|>|»|/|\||::?|•|·|-)\s*\S|[A-Z]).*)";
constexpr char kCopyrightPattern[] = R"((?:©|\(c\)|copyright\b|all rights reserved).*)";
constexpr char kBylinePattern[] =
    R"(\(?(?:By|BY|Written by|Reporting by|Reported by|Story by|Words by|Editing by|Compiled by|)"
    R"(Additional reporting by) [A-Z].*)";
constexpr char kHeadingPattern[] =
    R"((?:related(?: stories| articles| news| content| posts| coverage| links| topics)?|)"
    R"(latest(?: stories| news| articles| headlines| videos)?|)"
    R"(more (?:stories|news|articles|from .+|on .+|like this)|)"
    R"(most (?:read|popular|viewed|shared|commented)|top (?:stories|news|headlines)|)"
    R"(recommended(?: for you| stories| reading| articles)?|trending(?: now| stories| news)?|)"
    R"(popular(?: now| stories| posts)?|read (?:more|next|also)|see also|also read|)"
    R"(you (?:may|might) also (?:like|be interested in)|further reading|editor'?s picks|in other news|)"
    R"(comments?(?: \(\d+\))?|leave a (?:comment|reply)|share(?: this)?(?: article| story| page)?|)"
    R"(skip to .+|menu|search|log ?in|sign in|home|)"
    R"(follow us.*|sign up.*|subscribe.*|newsletters?|advertisement|sponsored(?: content)?|)"
    R"((?:tags|topics|categories|filed under|keywords)(?:\s*:.*)?)\s*:?)";

// The regex of kPattern, compiled by the first call (from any thread).
template <const char* kPattern, bool kIgnoreCase = false>
const boost::regex& LineRegex() {
  static const boost::regex kRegex(kPattern, kIgnoreCase ? boost::regex::icase : boost::regex::normal);
  return kRegex;
}

constexpr PrefixList kSourceStarts(std::to_array<std::string_view>({"Source", "SOURCE"}), false);
constexpr PrefixList kDateLabelStarts(std::to_array<std::string_view>({"published", "posted", "updated",
                                                                       "last updated", "date"}),
                                      true);
constexpr PrefixList kCopyrightStarts(std::to_array<std::string_view>({"\xC2\xA9", "(c)", "copyright",
                                                                       "all rights reserved"}),
                                      true);
// After the optional "(".
constexpr PrefixList kBylineStarts(
    std::to_array<std::string_view>({"By ", "BY ", "Written by ", "Reporting by ", "Reported by ",
                                     "Story by ", "Words by ", "Editing by ", "Compiled by ",
                                     "Additional reporting by "}),
    false);
constexpr PrefixList kHeadingStarts(
    std::to_array<std::string_view>(
        {"related",         "latest",     "more ",         "most ",         "top ",      "recommended",
         "trending",        "popular",    "read ",         "see also",      "also read", "you ",
         "further reading", "editor",     "in other news", "comment",       "leave a ",  "share",
         "skip to ",        "menu",       "search",        "log",           "sign ",     "home",
         "follow us",       "subscribe",  "newsletter",    "advertisement", "sponsored", "tags",
         "topics",          "categories", "filed under",   "keywords"}),
    true);

// How the lines that ClassifyLine's regexes may match begin: the prefix
// lists, one bit each.
enum PrefixListBit : uint8_t {
  kSourceBit = 1,
  kDateLabelBit = 2,
  kCopyrightBit = 4,
  kBylineBit = 8,
  kHeadingBit = 16,
};

// Which prefix lists may start a text, told from its first two bytes (ASCII
// letters lower-cased) by one table lookup: most lines start like none, and
// then no list is read. Two pairs of bytes may share an entry, so a bit only
// admits a list: StartOf decides.
class StartFilter {
 public:
  constexpr StartFilter() {
    Add(kSourceStarts.prefixes(), kSourceBit);
    Add(kDateLabelStarts.prefixes(), kDateLabelBit);
    Add(kCopyrightStarts.prefixes(), kCopyrightBit);
    Add(kBylineStarts.prefixes(), kBylineBit);
    Add(kHeadingStarts.prefixes(), kHeadingBit);
  }

  // The bits of the lists that may have a prefix of `s`.
  uint8_t ListsOf(std::string_view s) const { return s.size() < 2 ? 0 : lists_[Index(s[0], s[1])]; }

 private:
  static constexpr char Fold(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
  // Below 16 * 256 = kEntries.
  static constexpr size_t Index(char first, char second) {
    return static_cast<size_t>(static_cast<unsigned char>(Fold(first))) << 4 ^
           static_cast<unsigned char>(Fold(second));
  }
  constexpr void Add(std::span<const std::string_view> prefixes, uint8_t bit) {
    // Every prefix has two bytes or more (else reading prefix[1] fails to compile).
    for (const std::string_view prefix : prefixes) lists_[Index(prefix[0], prefix[1])] |= bit;
  }

  static constexpr size_t kEntries = 4096;
  std::array<uint8_t, kEntries> lists_{};
};

constexpr StartFilter kStartFilter;

// How far ClassifyLine goes. It tries the kinds in a fixed order: teaser,
// source, date, then the others. A line whose kind matters only if it is a
// source line (or a source or date line) is spared the later tests.
enum class Depth { kSource, kDate, kAll };

// ClassifyLine for a line of at most kMaxFurnitureLineBytes that is no
// teaser, given how it ends and the bits of kStartFilter it has.
//
// The regexes below match whole lines, and most lines are prose that none
// matches. Each regex runs only on lines that pass a cheap test it implies:
// the "...Starts" lists hold how its alternatives begin (kStartFilter tells
// the few a line may begin like); a date has a four-digit year and a
// breadcrumb a separator's byte; a temperature has its number first or
// second; the rest count words, which is cheap to do last.
LineKind ClassifyShortLine(std::string_view s, Depth depth, Ending ending, uint8_t lists,
                           std::string& value) {
  // A regex is tried only on a line it may match.
  if ((lists & kSourceBit) && kSourceStarts.StartOf(s)) {
    if (const boost::cmatch* m = RegexMatch(s, LineRegex<kSourcePattern>())) {
      value = std::string(TrimAscii(Group(*m, 1)));
      return LineKind::kSource;
    }
  }
  if (depth == Depth::kSource) return LineKind::kText;
  // A date line is short: "Saturday, July 13, 2024", "Published: 13 March
  // 2024 10:30". Every date NormalizeDate accepts has a four-digit year.
  if (s.size() <= kMaxDateLineBytes && HasFourDigitRun(s)) {
    if (std::string date = NormalizeCollapsedDate(s); !date.empty()) {
      value = std::move(date);
      return LineKind::kDate;
    }
    if ((lists & kDateLabelBit) && kDateLabelStarts.StartOf(s)) {
      if (const boost::cmatch* m = RegexMatch(s, LineRegex<kDateLabelPattern, true>())) {
        if (std::string date = NormalizeDate(Group(*m, 1)); !date.empty()) {
          value = std::move(date);
          return LineKind::kDate;
        }
      }
    }
  }
  if (depth == Depth::kDate) return LineKind::kText;
  const bool sentence = ending == Ending::kSentence;
  if (NumberFirstOrSecond(s) && AtMostWords(s, 4) && RegexMatch(s, LineRegex<kWeatherPattern>()))
    return LineKind::kWeather;
  if (!sentence && ((HasSeparatorBytes(s) && CountPathSeparators(s) >= 2) ||
                    (s.starts_with("Home") && RegexMatch(s, LineRegex<kBreadcrumbPattern>())))) {
    return LineKind::kBreadcrumb;
  }
  if ((lists & kCopyrightBit) && kCopyrightStarts.StartOf(s) &&
      RegexMatch(s, LineRegex<kCopyrightPattern, true>()))
    return LineKind::kCopyright;
  if (!sentence && (lists & kBylineBit) && kBylineStarts.StartOf(s.substr(s.starts_with('(') ? 1 : 0)) &&
      AtMostWords(s, 12) && RegexMatch(s, LineRegex<kBylinePattern>())) {
    return LineKind::kByline;
  }
  if ((lists & kHeadingBit) && kHeadingStarts.StartOf(s) && AtMostWords(s, 8) &&
      RegexMatch(s, LineRegex<kHeadingPattern, true>()))
    return LineKind::kHeading;
  return LineKind::kText;
}

// What the line `s` is, of the kinds `depth` reaches: a line of a later kind
// comes back as kText. For a source or date line, `value` receives the
// source name or the ISO date.
//
// The tests every line meets are here, small enough to be inlined into the
// loop over a block's lines: most lines are inner lines of prose, for which
// only a teaser or a source line matters, and most of those are decided
// without a call.
inline LineKind ClassifyLine(std::string_view s, Depth depth, std::string& value) {
  if (s.empty()) return LineKind::kText;
  const Ending ending = EndingOf(s);
  if (ending == Ending::kEllipsis && s.size() <= kMaxTeaserBytes) return LineKind::kTeaser;
  if (s.size() > kMaxFurnitureLineBytes) return LineKind::kText;
  const uint8_t lists =
      kStartFilter.ListsOf(s) | (s.starts_with('(') ? kStartFilter.ListsOf(s.substr(1)) & kBylineBit : 0);
  if (depth == Depth::kSource && !(lists & kSourceBit)) return LineKind::kText;
  return ClassifyShortLine(s, depth, ending, lists, value);
}

// A closing wire-service sign-off: one or two short capitalised words
// ("REUTER", "Reuter", "AFP"), with no sentence around them. Exactly the
// whole-line regex \(?(?:[A-Z][A-Za-z]{1,11}|[A-Z]{2,12}(?: [A-Z]{2,12})?)\)?
// but by hand: it is tried on most texts' last line.
bool IsSignOff(std::string_view collapsed) {
  std::string_view s = collapsed;
  // The words have no brackets, so a bracket at either end is the optional one.
  if (s.starts_with('(')) s.remove_prefix(1);
  if (s.ends_with(')')) s.remove_suffix(1);
  const auto is_upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  const auto capitals = [&](std::string_view word) {
    return word.size() >= 2 && word.size() <= 12 && std::all_of(word.begin(), word.end(), is_upper);
  };
  const size_t space = s.find(' ');
  if (space != std::string_view::npos) return capitals(s.substr(0, space)) && capitals(s.substr(space + 1));
  return s.size() >= 2 && s.size() <= 12 && is_upper(s.front()) &&
         std::all_of(s.begin() + 1, s.end(), IsAsciiLetter);
}

// A hash of a block's size and its first and last bytes: equal texts hash
// alike, and a block is not read whole (most are unique).
struct BlockEndsHash {
  size_t operator()(std::string_view s) const {
    uint64_t head = 0, tail = 0;
    if (s.empty()) return 0;  // an empty view's data() may be null, which memcpy must not get
    std::memcpy(&head, s.data(), std::min<size_t>(s.size(), 8));
    if (s.size() > 8) std::memcpy(&tail, s.data() + s.size() - 8, 8);
    return static_cast<size_t>(Mix64(head ^ Mix64(tail ^ Mix64(s.size()))));
  }
};

// A set of texts (views), for RenderText to keep each block's text once. Open
// addressing in one vector, so that a set emptied for the next text keeps its
// memory (a node-based set allocates for every insert).
class TextSet {
 public:
  // Empties the set and makes room for `n` texts.
  void Reset(size_t n) {
    size_t capacity = 16;
    while (capacity < 2 * n) capacity *= 2;  // at most half full: short probes
    slots_.assign(capacity, Slot());
  }
  // Adds `text`; false when it was there already. At most the `n` of the
  // last Reset may be added.
  bool Insert(std::string_view text) {
    const size_t mask = slots_.size() - 1;
    for (size_t i = BlockEndsHash()(text) & mask;; i = (i + 1) & mask) {
      if (!slots_[i].used) {
        slots_[i] = {text, true};
        return true;
      }
      if (slots_[i].text == text) return false;
    }
  }

 private:
  struct Slot {
    std::string_view text;
    bool used = false;
  };
  std::vector<Slot> slots_;
};

// A run of blocks between furniture blocks (KeepMainText).
struct Run {
  size_t begin, end, prose_bytes;
};

// The buffers one text is split into, kept from one text to the next (per
// thread) so that their memory is reused.
struct Scratch {
  // The blocks' collapsed lines, written in place: not a std::string, whose
  // resize would zero the bytes it adds before they are written.
  std::unique_ptr<char[]> collapsed;
  size_t collapsed_capacity = 0;
  std::vector<Line> lines;
  std::vector<Block> blocks;
  std::vector<size_t> first_lines;     // each block's first line in `lines`
  std::vector<const Line*> kept;       // the lines RenderText keeps, in order
  std::vector<size_t> paragraph_ends;  // the end of each paragraph in `kept`
  TextSet seen;                        // the texts RenderText has kept
  std::vector<Run> runs;               // KeepMainText's
};

// Splits `text` into blocks of non-blank lines (scratch->blocks), whose lines
// go to scratch->lines. The collapsed lines go to scratch->collapsed, each
// block's lines one after another separated by a space, so that a block's
// joined text is one view. A line never takes more than its own bytes plus
// its line break, so text.size() bytes hold them all.
void SplitBlocks(std::string_view text, Scratch* scratch) {
  std::vector<Line>* lines = &scratch->lines;
  std::vector<Block>& blocks = scratch->blocks;
  std::vector<size_t>& first_lines = scratch->first_lines;
  // Written in place, no append call per piece.
  if (scratch->collapsed_capacity < text.size()) {
    scratch->collapsed_capacity = std::max(text.size(), 2 * scratch->collapsed_capacity);
    scratch->collapsed = std::make_unique_for_overwrite<char[]>(scratch->collapsed_capacity);
  }
  char* const out = scratch->collapsed.get();
  size_t used = 0;
  lines->clear();
  blocks.clear();
  first_lines.clear();
  size_t block_begin = 0;  // the current block's first line
  const auto flush = [&] {
    if (lines->size() == block_begin) return;
    const std::string_view first = (*lines)[block_begin].collapsed, last = lines->back().collapsed;
    Block& block = blocks.emplace_back();
    block.joined =
        std::string_view(first.data(), static_cast<size_t>(last.data() + last.size() - first.data()));
    first_lines.push_back(block_begin);
    block_begin = lines->size();
  };
  size_t line_begin = 0;  // the current line's first byte in `text`
  size_t line_start = 0;  // and in *collapsed, once it has one
  bool blank = true;
  VisitCollapsedLines(
      text,
      [&](std::string_view piece) {
        if (blank) {
          if (lines->size() > block_begin) out[used++] = ' ';
          line_start = used;
          blank = false;
        }
        std::memcpy(out + used, piece.data(), piece.size());
        used += piece.size();
      },
      [&](size_t line_end) {
        if (blank) {
          flush();
        } else {
          // Trailing white space trimmed ('\r' included); the line has other bytes.
          size_t raw_end = line_end;
          while (IsAsciiSpace(static_cast<unsigned char>(text[raw_end - 1]))) --raw_end;
          Line& line = lines->emplace_back();
          line.raw = text.substr(line_begin, raw_end - line_begin);
          line.collapsed = std::string_view(out + line_start, used - line_start);
        }
        line_begin = line_end + 1;
        blank = true;
      });
  flush();
  for (size_t b = 0; b < blocks.size(); ++b) {
    const size_t end = b + 1 < blocks.size() ? first_lines[b + 1] : lines->size();
    blocks[b].lines = std::span<Line>(*lines).subspan(first_lines[b], end - first_lines[b]);
  }
}

bool IsTeaserBlock(const Block& block) {
  return std::all_of(block.lines.begin(), block.lines.end(),
                     [](const Line& line) { return line.kind == LineKind::kTeaser; });
}

// A short one-line block that is not a sentence: a headline or a label.
bool IsShortLabel(const Block& block) {
  return block.lines.size() == 1 && block.role == Role::kOther && block.words <= kMaxTitleWords;
}

// Sets each block's role, words and date, and its lines' kinds; the first
// source line gives *source_name. Breadcrumbs are told apart in every line
// only when `find_breadcrumbs` (FindTitle reads them).
void ClassifyBlocks(std::vector<Block>* blocks, bool find_breadcrumbs, std::string* source_name) {
  std::string value;  // of a source or date line
  for (Block& block : *blocks) {
    block.words = CountWords(block.joined, kMaxCountedWords);
    const bool sentence =
        block.words >= 6 && EndingOf(block.joined) == Ending::kSentence && HasLowercase(block.joined);
    const bool prose = sentence || block.words >= 25;  // unless all its lines are furniture
    // Once a line of the block is text or a teaser, the block is not all
    // furniture, and what a later inner line is matters only as a teaser
    // (every depth tells those) or for what the article takes from it: a
    // source line anywhere, a date line outside prose, a breadcrumb for
    // FindTitle. The last line is classified in full, as RenderText drops
    // furniture there. (Most lines are inner lines of prose.)
    const Depth inner_depth = find_breadcrumbs ? Depth::kAll : prose ? Depth::kSource : Depth::kDate;
    bool all_furniture = true;
    for (size_t i = 0; i < block.lines.size(); ++i) {
      Line& line = block.lines[i];
      const bool edge = i == 0 || i + 1 == block.lines.size();
      line.kind = ClassifyLine(line.collapsed, edge || all_furniture ? Depth::kAll : inner_depth, value);
      all_furniture = all_furniture && line.kind != LineKind::kText && line.kind != LineKind::kTeaser;
      if (line.kind == LineKind::kSource && source_name->empty()) *source_name = value;
      if (line.kind == LineKind::kDate && block.date.empty()) block.date = value;
    }
    if (all_furniture) {
      block.role = Role::kFurniture;
    } else if (prose) {
      block.role = Role::kProse;
    }
  }
  // Teasers come in lists: an ellipsis block under a headline, or next to
  // another one. A lone ellipsis paragraph amid prose is an unfinished quote.
  for (size_t i = 0; i < blocks->size(); ++i) {
    Block& block = (*blocks)[i];
    if (!IsTeaserBlock(block)) continue;
    Block* above = i > 0 ? &(*blocks)[i - 1] : nullptr;
    const bool under_headline = above && IsShortLabel(*above);
    const bool in_list =
        (above && IsTeaserBlock(*above)) || (i + 1 < blocks->size() && IsTeaserBlock((*blocks)[i + 1]));
    if (!under_headline && !in_list) continue;
    block.role = Role::kFurniture;
    if (under_headline) above->role = Role::kFurniture;
  }
}

// True when `s` ends with a full stop that closes a sentence, not an
// abbreviation such as "U.S." or "CORP.".
bool EndsWithFullStop(std::string_view s) {
  s = TrimClosers(s);
  if (!s.ends_with('.')) return false;
  const std::string_view last_word = s.substr(s.rfind(' ') == std::string_view::npos ? 0 : s.rfind(' ') + 1);
  const std::string_view stem = last_word.substr(0, last_word.size() - 1);
  const bool dotted = stem.find('.') != std::string_view::npos;
  const bool capitals =
      !stem.empty() && std::all_of(stem.begin(), stem.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return !dotted && !capitals;
}

bool IsHeadlineShaped(const Block& block) {
  return block.lines.size() == 1 && block.role != Role::kFurniture && block.words >= 1 &&
         block.words <= kMaxTitleWords && !EndsWithFullStop(block.joined);
}

// Index of the headline block, or blocks.size() when there is none.
size_t FindTitle(const std::vector<Block>& blocks) {
  const size_t none = blocks.size();
  if (blocks.size() >= 2 && IsHeadlineShaped(blocks[0])) return 0;
  // A breadcrumb often ends with the headline, repeated just below it.
  for (size_t i = 0; i < blocks.size(); ++i) {
    for (const Line& line : blocks[i].lines) {
      if (line.kind != LineKind::kBreadcrumb) continue;
      for (size_t j = i + 1; j < blocks.size(); ++j) {
        if (IsHeadlineShaped(blocks[j]) && blocks[j].words >= 2 &&
            line.collapsed.ends_with(blocks[j].joined)) {
          return j;
        }
      }
    }
  }
  for (size_t i = 0; i < blocks.size() && blocks[i].role != Role::kProse; ++i) {
    if (IsHeadlineShaped(blocks[i]) && blocks[i].words >= 2) return i;
  }
  return none;
}

// Marks as furniture every block outside the main text.
void KeepMainText(std::vector<Block>* blocks, Scratch* scratch) {
  std::vector<Run>& runs = scratch->runs;
  runs.clear();
  size_t best = 0;
  for (size_t i = 0; i < blocks->size();) {
    if ((*blocks)[i].role == Role::kFurniture) {
      ++i;
      continue;
    }
    Run run{i, i, 0};
    for (; run.end < blocks->size() && (*blocks)[run.end].role != Role::kFurniture; ++run.end) {
      if ((*blocks)[run.end].role == Role::kProse) run.prose_bytes += (*blocks)[run.end].joined.size();
    }
    best = std::max(best, run.prose_bytes);
    runs.push_back(run);
    i = run.end;
  }
  for (const Run& run : runs) {
    // Without any prose (a list of short lines), keep every non-furniture run.
    const bool keep = best == 0 || (run.prose_bytes > 0 && run.prose_bytes * 4 >= best);
    if (keep) continue;
    for (size_t i = run.begin; i < run.end; ++i) (*blocks)[i].role = Role::kFurniture;
  }
  if (best == 0) return;
  const auto is_edge_debris = [](const Block& b) {
    return b.role == Role::kOther && b.words <= kMaxEdgeWords;
  };
  for (auto it = blocks->rbegin();
       it != blocks->rend() && (it->role == Role::kFurniture || is_edge_debris(*it)); ++it) {
    it->role = Role::kFurniture;
  }
}

// True for a furniture line at the start or end of a kept block.
bool IsEdgeFurnitureLine(const Line& line) {
  switch (line.kind) {
    case LineKind::kSource:
    case LineKind::kDate:
    case LineKind::kWeather:
    case LineKind::kBreadcrumb:
    case LineKind::kByline:
    case LineKind::kCopyright:
      return true;
    default:
      return false;
  }
}

std::string RenderText(const std::vector<Block>& blocks, std::string_view title, Scratch* scratch) {
  TextSet& seen = scratch->seen;
  seen.Reset(blocks.size() + 1);
  seen.Insert(title);
  std::vector<const Line*>& kept = scratch->kept;
  std::vector<size_t>& ends = scratch->paragraph_ends;
  kept.clear();
  ends.clear();
  for (const Block& block : blocks) {
    if (block.role == Role::kFurniture || !seen.Insert(block.joined)) continue;
    for (size_t i = 0; i < block.lines.size(); ++i) {
      const bool at_edge = i == 0 || i + 1 == block.lines.size();
      if (!(at_edge && block.lines.size() > 1 && IsEdgeFurnitureLine(block.lines[i]))) {
        kept.push_back(&block.lines[i]);
      }
    }
    if (kept.size() > (ends.empty() ? 0 : ends.back())) ends.push_back(kept.size());
  }
  if (!ends.empty()) {
    const size_t last_begin = ends.size() > 1 ? ends[ends.size() - 2] : 0;
    if (ends.back() - last_begin > 1 && IsSignOff(kept.back()->collapsed)) {
      kept.pop_back();
      --ends.back();
    }
  }
  size_t bytes = 0;
  for (const Line* line : kept) bytes += line->raw.size() + 2;
  std::string text;
  text.reserve(bytes);
  size_t begin = 0;
  for (const size_t end : ends) {
    if (!text.empty()) text += "\n\n";
    // A line that ends at its '\n' (no trailing white space) is followed in
    // the input by that '\n' and the next line: a run of such lines, as
    // most paragraphs are, is copied at once, line breaks and all.
    for (size_t i = begin; i < end;) {
      if (i > begin) text += '\n';
      const char* const run_begin = kept[i]->raw.data();
      const char* run_end = run_begin + kept[i]->raw.size();
      for (++i; i < end && run_end + 1 == kept[i]->raw.data(); ++i) run_end += 1 + kept[i]->raw.size();
      text.append(run_begin, static_cast<size_t>(run_end - run_begin));
    }
    begin = end;
  }
  return text;
}

}  // namespace

PlainTextArticle ExtractPlainTextArticle(std::string_view utf8, std::string_view known_title) {
  PlainTextArticle article;
  thread_local Scratch scratch;
  SplitBlocks(utf8, &scratch);
  std::vector<Block>& blocks = scratch.blocks;
  // Most given titles are collapsed already: read in place.
  std::string collapsed_title;
  const std::string_view given_title = CollapsedView(known_title, &collapsed_title);
  ClassifyBlocks(&blocks, /*find_breadcrumbs=*/given_title.empty(), &article.source_name);
  size_t title = blocks.size();
  if (given_title.empty()) {
    title = FindTitle(blocks);
  } else {
    for (size_t i = 0; i < blocks.size() && blocks[i].role != Role::kProse; ++i) {
      if (blocks[i].joined == given_title) title = i;
    }
  }
  // The text of the headline block (RenderText drops its repeats), if any.
  std::string_view title_block;
  if (title < blocks.size()) {
    title_block = blocks[title].joined;
    blocks[title].role = Role::kFurniture;
  }
  article.title = std::string(given_title.empty() ? title_block : given_title);
  // A date inside prose may be a wrapped line that happens to be one.
  for (const Block& block : blocks) {
    if (!block.date.empty() && block.role != Role::kProse) {
      article.published = block.date;
      break;
    }
  }
  KeepMainText(&blocks, &scratch);
  article.text = RenderText(blocks, title_block, &scratch);
  return article;
}

}  // namespace newsmine
