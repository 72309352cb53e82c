#include "extract/text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstring>
#include <string>

#include "core/bytes16.h"
#include "core/utf8.h"

namespace newsmine {
namespace {

// Classes of bytes, looked up once per byte on the ASCII paths. Bytes of
// multi-byte UTF-8 sequences have no class: their code points go to ICU.
enum : uint8_t {
  kUpperBit = 1,  // bit 0: a token's upper_initial is its first byte's class & 1
  kDigitBit = 2,
  kLetterBit = 4,
  kNonUpperLetterBit = 8,  // a letter that is not upper-case
  kSpaceBit = 16,          // ASCII white space
  kWordEndBit = 32,        // ASCII punctuation a word never takes in: all but - ' . ,
};
constexpr uint8_t kAlnumBits = kLetterBit | kDigitBit;
constexpr std::array<uint8_t, 256> kByteClass = [] {
  std::array<uint8_t, 256> table{};
  for (int c = 0; c < 0x80; ++c) table[c] = kWordEndBit;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetterBit | kNonUpperLetterBit;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetterBit | kUpperBit;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigitBit;
  for (char c : {' ', '\t', '\n', '\r', '\f', '\v'}) table[static_cast<unsigned char>(c)] = kSpaceBit;
  for (char c : {'-', '\'', '.', ','}) table[static_cast<unsigned char>(c)] = 0;
  return table;
}();

inline bool IsLetter(char32_t c) {
  if (c < 0x80) return kByteClass[c] & kLetterBit;
  return u_isalpha(static_cast<UChar32>(c)) ||
         u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
}
inline bool IsDigit(char32_t c) {
  if (c < 0x80) return kByteClass[c] & kDigitBit;
  return u_isdigit(static_cast<UChar32>(c));
}
inline bool IsUpper(char32_t c) {
  if (c < 0x80) return kByteClass[c] & kUpperBit;
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool IsSpace(char32_t c) {
  if (c < 0x80) return kByteClass[c] & kSpaceBit;
  return c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
}
bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsHyphen(char32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

// NextCodePoint with the ASCII case inlined: most news text is ASCII.
inline char32_t Next(std::string_view s, size_t* pos) {
  const unsigned char c = static_cast<unsigned char>(s[*pos]);
  if (c < 0x80) {
    ++*pos;
    return c;
  }
  return NextCodePoint(s, pos);
}

char32_t PeekAt(std::string_view s, size_t pos) {
  if (pos >= s.size()) return 0;
  return Next(s, &pos);
}

// Whether an apostrophe that ends at `next`, right after a word, begins a
// possessive "'s": an 's' follows, and no letter after it.
bool PossessiveFollows(std::string_view s, size_t next) {
  return (PeekAt(s, next) == 's' || PeekAt(s, next) == 'S') && !IsLetter(PeekAt(s, next + 1));
}

// Lower-cases A-Z in p[0, n) in place, sixteen bytes at a time, and in the
// bytes after it up to a multiple of sixteen, which p must hold (the zero
// bytes after the text in folded_); other bytes, non-ASCII ones included,
// are left as they are.
void AsciiLowerInPlace(char* p, size_t n) {
  // Unrolled: the loop's own test and step were a third of its instructions.
#pragma GCC unroll 4
  for (size_t i = 0; i < n; i += sizeof(Bytes16)) {
    Bytes16 x;
    std::memcpy(&x, p + i, sizeof x);
    x = AsciiLower(x);
    std::memcpy(p + i, &x, sizeof x);
  }
}

// The letters among the code points of s[from, to), counted up to `limit`.
int CountLetters(std::string_view s, size_t from, size_t to, int limit) {
  int letters = 0;
  while (from < to && letters < limit) {
    if (IsLetter(Next(s, &from))) ++letters;
  }
  return letters;
}

// A word or number being scanned by ScanWord. Letters are not counted as
// they are taken in: the few questions that need a count ("U.S." shapes,
// all capitals) count them afterwards.
struct WordScan {
  size_t begin = 0;          // the word's first byte
  size_t end = 0;            // one past the last byte taken in
  size_t segment_begin = 0;  // first byte of the current "U.S." segment
  uint8_t seen = 0;          // union of the kByteClass bits of the letters and digits taken in
  bool numeric_start = false;
  bool dotted_initials = true;  // "U.S." shape so far
  bool ascii = true;
  bool has_joiner = false;  // an ASCII - ' . or , taken in (Token::has_joiner)
};

// Takes in the code point at scan->end, which is not an ASCII letter or
// digit: a non-ASCII letter or digit, or a hyphen, apostrophe, period or
// comma that joins the word to what follows ("Jean-Marc", "O'Neill", "U.S.",
// "7,000"). Returns false when the word ends before it. Kept out of line:
// most words are plain ASCII.
[[gnu::noinline]] bool ContinueWord(std::string_view s, WordScan* scan) {
  size_t after = scan->end;
  const char32_t ch = Next(s, &after);
  if (ch >= 0x80) scan->ascii = false;
  if (IsLetter(ch)) {
    scan->seen |= IsUpper(ch) ? kLetterBit : kLetterBit | kNonUpperLetterBit;
    scan->end = after;
    return true;
  }
  if (IsDigit(ch)) {
    scan->end = after;
    return true;
  }
  // A number is all digits, with inner separators: a hyphen or an apostrophe
  // is taken in only before a letter or digit, and a letter ends numberhood.
  const bool all_digits = scan->numeric_start && !(scan->seen & kLetterBit);
  const char32_t following = PeekAt(s, after);
  if (IsHyphen(ch) && (IsLetter(following) || IsDigit(following)) && !all_digits) {
    scan->dotted_initials = false;
    scan->has_joiner |= ch == '-';
    scan->end = after;
    return true;
  }
  if (IsApostrophe(ch) && IsLetter(following)) {
    if (PossessiveFollows(s, after)) return false;  // "'s" + a non-letter: its own token
    scan->dotted_initials = false;
    scan->has_joiner |= ch == '\'';
    scan->end = after;
    return true;
  }
  if ((ch == '.' || ch == ',') && all_digits && IsDigit(following)) {
    scan->has_joiner = true;
    scan->end = after;
    return true;
  }
  if (ch == '.' && !scan->numeric_start && scan->dotted_initials &&
      CountLetters(s, scan->segment_begin, scan->end, 2) == 1) {
    // "U.S." / "U.N.": single letters joined by periods.
    if (IsLetter(following) && PeekAt(s, after + (following < 0x80 ? 1 : 2)) == '.') {
      scan->segment_begin = after;
      scan->end = after;
      scan->has_joiner = true;
      return true;
    }
    if (CountLetters(s, scan->begin, scan->end, 2) >= 2) {
      scan->end = after;  // the closing period of "U.S."
      scan->has_joiner = true;
    }
  }
  return false;
}

// The sixteen bytes of s from `pos` on, zeros past its end (kept out of
// line: only the last bytes of a text need it).
[[gnu::noinline]] Bytes16 LoadTail(std::string_view s, size_t pos) {
  Bytes16 x{};
  if (pos < s.size()) std::memcpy(&x, s.data() + pos, s.size() - pos);
  return x;
}
inline Bytes16 Load16(std::string_view s, size_t pos) {
  if (pos + sizeof(Bytes16) > s.size()) return LoadTail(s, pos);
  Bytes16 x;
  std::memcpy(&x, s.data() + pos, sizeof x);
  return x;
}

// Masks of sixteen bytes x, bit k for byte k.
inline uint32_t LetterMask(Bytes16 x) { return MoveMask(InRange(x | 0x20, 'a', 'z')); }
// Bit k set when byte k has its 0x20 bit: among ASCII letters, the
// lower-case ones. (Shifted two places in 16-bit lanes, each byte's 0x20 bit
// becomes its top bit; what crosses into the byte above lands in its low
// bits, which MoveMask ignores. Two instructions where a range test of
// 'a'-'z' took four.)
inline uint32_t CaseBitMask(Bytes16 x) {
#if NEWSMINE_SSE2
  return MoveMask(reinterpret_cast<Bytes16>(_mm_slli_epi16(reinterpret_cast<__m128i>(x), 2)));
#else
  return MoveMask(x << 2);
#endif
}
inline uint32_t DigitMask(Bytes16 x) { return MoveMask(InRange(x, '0', '9')); }
inline uint32_t SpaceMask(Bytes16 x) { return MoveMask(x == ' '); }

// The bits of `mask` (a mask of sixteen bytes) for its first `length` bytes.
inline uint32_t InRun(uint32_t mask, int length) { return mask & ((1u << length) - 1); }

// Takes in the run of ASCII letters and digits at s[end]: returns one past
// it, ORs their classes into *seen and sets *stop to the class of the byte
// after the run (kSpaceBit at the end of the text).
inline size_t SkipAsciiAlnum(std::string_view s, size_t end, uint8_t* seen, uint8_t* stop) {
  for (; end < s.size(); ++end) {
    const uint8_t byte_class = kByteClass[static_cast<unsigned char>(s[end])];
    if (!(byte_class & kAlnumBits)) {
      *stop = byte_class;
      return end;
    }
    *seen |= byte_class;
  }
  *stop = kSpaceBit;  // the end of the text ends the word like white space
  return end;
}

// True when the byte after a run of ASCII letters and digits, of class
// `stop`, ends the word whatever follows it.
inline bool EndsWord(uint8_t stop) { return stop & (kSpaceBit | kWordEndBit); }

// Whether the ',' or '.' at s[end] ends the ASCII word or number s[begin,
// end) (letters and digits only), when that is quick to tell, as it is for
// most words ("said.", "year,"). False when the general scanner must decide:
// "7,000", "U.S.", a non-ASCII character next.
inline bool SeparatorEndsWord(std::string_view s, size_t begin, size_t end, bool has_letter, bool has_digit,
                              bool numeric_start) {
  const char separator = s[end];
  if (separator != ',' && separator != '.') return false;
  if (numeric_start && !has_letter) {
    // A number goes on only when a digit follows: "7,000", "81.3".
    if (end + 1 == s.size()) return true;
    const unsigned char next = static_cast<unsigned char>(s[end + 1]);
    return next < 0x80 && !(kByteClass[next] & kDigitBit);
  }
  // A period after a single letter may be part of "U.S.". (Bitwise: each
  // operand depends on the text, and branches on them were mispredicted.)
  return (separator == ',') | numeric_start | (!has_digit & (end - begin >= 2));
}

// The length of the number the sixteen bytes x begin with (a digit): digit
// groups joined by single ',' or '.' ("155,221", "81.3"), when it ends within
// them at a byte that ends a number whatever follows (white space,
// punctuation, a '.' or ',' or '-' not followed by a digit). 0 when the
// byte-by-byte scan must decide: a letter or an apostrophe next, a non-ASCII
// character next or after a separator (it may be a digit: "0.１"), or the
// number reaching the end of the sixteen bytes.
int NumberLength(Bytes16 x) {
  const uint32_t digits = DigitMask(x);
  const uint32_t separators = MoveMask((x == ',') | (x == '.'));
  int length = std::countr_zero(~digits);
  while (((separators >> length) & 1) && ((digits >> (length + 1)) & 1)) {
    length += 1 + std::countr_zero(~(digits >> (length + 1)));
  }
  if (length >= 15) return 0;
  const uint8_t stop = x[length];
  if (stop >= 0x80 || stop == '\'' || (kByteClass[stop] & kLetterBit)) return 0;
  if ((stop == ',' || stop == '.') && x[length + 1] >= 0x80) return 0;
  return length;
}

// Scans the rest of the word or number `scan` starts (scan->end is past its
// first character): the general case, with joiners and non-ASCII letters.
[[gnu::noinline]] void ScanWord(std::string_view s, WordScan* scan) {
  if (scan->numeric_start && scan->end == scan->begin + 1) {
    // Most numbers with digit groups or decimals are told in one look.
    const Bytes16 x = Load16(s, scan->begin);
    const int length = NumberLength(x);
    if (length != 0) {
      scan->end = scan->begin + length;
      scan->has_joiner = (MoveMask((x == ',') | (x == '.')) & ((1u << length) - 1)) != 0;
      return;
    }
  }
  for (;;) {
    uint8_t stop = 0;
    scan->end = SkipAsciiAlnum(s, scan->end, &scan->seen, &stop);
    if (EndsWord(stop) || !ContinueWord(s, scan)) return;
  }
}

// Whether the letters of the word s[begin, end), whose letters and digits
// have the classes `seen`, are all capitals, two or more: counts them only
// then.
inline bool AllUpper(std::string_view s, size_t begin, size_t end, uint8_t seen) {
  return (seen & (kLetterBit | kNonUpperLetterBit)) == kLetterBit && CountLetters(s, begin, end, 2) == 2;
}

// The kind of a word token whose letters and digits have the classes `seen`.
inline Token::Kind WordKind(uint8_t seen, bool numeric_start) {
  return numeric_start && !(seen & kLetterBit) ? Token::Kind::kNumber : Token::Kind::kWord;
}

// Fills the end, kind, all_upper, ascii and has_joiner of the word token `scan` has scanned.
void FinishWord(std::string_view s, const WordScan& scan, Token* tok) {
  tok->end = static_cast<uint32_t>(scan.end);
  tok->kind = WordKind(scan.seen, scan.numeric_start);
  tok->all_upper = AllUpper(s, scan.begin, scan.end, scan.seen);
  tok->ascii = scan.ascii;
  tok->has_joiner = scan.has_joiner;
}

// Words after which a period does not end the sentence.
constexpr std::array<std::string_view, 45> kAbbreviations = {
    "Mr",   "Mrs", "Ms",   "Dr",   "St",   "Gen",    "Sen",  "Rep",    "Gov", "Lt", "Col", "Maj",
    "Capt", "Sgt", "Prof", "Jr",   "Sr",   "Inc",    "Corp", "Co",     "Ltd", "No", "Jan", "Feb",
    "Mar",  "Apr", "Aug",  "Sept", "Sep",  "Oct",    "Nov",  "Dec",    "vs",  "Mt", "Ft",  "Pres",
    "Rev",  "Hon", "Adm",  "Cmdr", "Supt", "Messrs", "Mme",  "approx", "Nos"};
// For each first byte, bit n set when an abbreviation of n bytes starts with
// it: most words ending a sentence have no such shape, and skip the list.
constexpr std::array<uint8_t, 256> kAbbreviationLengths = [] {
  std::array<uint8_t, 256> table{};
  for (std::string_view word : kAbbreviations) {
    table[static_cast<unsigned char>(word[0])] |= static_cast<uint8_t>(1u << word.size());
  }
  return table;
}();
static_assert(std::all_of(kAbbreviations.begin(), kAbbreviations.end(),
                          [](std::string_view word) { return !word.empty() && word.size() < 8; }),
              "kAbbreviationLengths holds lengths 1 to 7");

bool IsAbbreviation(std::string_view word) {
  if (word.empty() || word.size() >= 8 ||
      !((kAbbreviationLengths[static_cast<unsigned char>(word[0])] >> word.size()) & 1)) {
    return false;
  }
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool IsClosing(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" /* ” */ ||
         t == "\xE2\x80\x99" /* ’ */ || t == "\xC2\xBB" /* » */;
}

bool IsSentenceStop(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "\xE2\x80\xA6" /* … */;
}

// The folded forms of non-ASCII tokens go through ICU normalization, which
// costs about a thousand instructions a token; the same few tokens (dashes,
// quotes, accented names, the words of a non-Latin script) come back all
// through a document and from one document to the next, so each thread keeps
// the recent ones, one per slot of a table indexed by hash.
struct FoldCacheSlot {
  std::string token;  // empty: no token folded in this slot yet
  std::string folded;
};
constexpr size_t kFoldCacheSlots = 1024;
// Longer tokens (a run of a script written without spaces can be a whole
// paragraph) are folded each time, so the cache stays small.
constexpr size_t kFoldCacheMaxToken = 64;

const std::string& FoldCached(std::string_view token) {
  thread_local std::vector<FoldCacheSlot> cache(kFoldCacheSlots);
  FoldCacheSlot& slot = cache[std::hash<std::string_view>{}(token) % kFoldCacheSlots];
  if (slot.token.empty() || slot.token != token) {
    slot.token.assign(token);
    slot.folded = FoldForMatch(token);
  }
  return slot.folded;
}

// The buffers of an AnalyzedText, kept per thread between texts: news
// articles come one after another, and each would otherwise allocate its
// tokens, sentences and folded text afresh. A few sets are kept, for texts
// analyzed while another is alive (an actor's name inside an article);
// buffers larger than kMaxSpareBytes (a huge text) are freed.
struct TextBuffers {
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  std::vector<char> folded;
};
constexpr size_t kSpareBufferSets = 4;
constexpr size_t kMaxSpareBytes = size_t{4} << 20;
// Set when the thread's spare buffers are destroyed, at its exit: a text
// constructed or destroyed after that (a static one) does without them.
thread_local bool spare_buffers_gone = false;
struct SpareBuffers {
  ~SpareBuffers() { spare_buffers_gone = true; }
  std::array<TextBuffers, kSpareBufferSets> sets;
  size_t count = 0;  // sets[0, count) hold buffers
};
thread_local SpareBuffers spare_buffers;

}  // namespace

// What an analysis needs only while it runs. Each thread keeps one, reused
// from one text to the next, so that analyzing a text allocates only what
// the AnalyzedText keeps.
struct AnalyzedText::Scratch {
  std::vector<uint32_t> stops;
  std::vector<uint32_t> paragraphs;
};

AnalyzedText::AnalyzedText(std::string_view text) : text_(text) {
  if (!spare_buffers_gone && spare_buffers.count > 0) {
    TextBuffers& buffers = spare_buffers.sets[--spare_buffers.count];
    tokens_.swap(buffers.tokens);
    sentences_.swap(buffers.sentences);
    folded_.swap(buffers.folded);
  }
  // The text, then sixteen zero bytes: the tokenizer loads sixteen bytes
  // from anywhere in the text there, with no test for its end. It is lowered
  // after that.
  folded_.assign(text.begin(), text.end());
  folded_.resize(text.size() + sizeof(Bytes16));
  thread_local Scratch scratch;
  scratch.stops.clear();
  scratch.paragraphs.clear();
  Tokenize(&scratch);
  AsciiLowerInPlace(folded_.data(), text.size());
  SplitSentences(scratch);
}

AnalyzedText::~AnalyzedText() {
  if (spare_buffers_gone) return;
  SpareBuffers& spare = spare_buffers;
  const size_t bytes =
      tokens_.capacity() * sizeof(Token) + sentences_.capacity() * sizeof(Sentence) + folded_.capacity();
  // A moved-from text has no buffers to give.
  if (spare.count == kSpareBufferSets || tokens_.capacity() == 0 || bytes > kMaxSpareBytes) return;
  TextBuffers& buffers = spare.sets[spare.count++];
  tokens_.clear();
  sentences_.clear();
  folded_.clear();
  buffers.tokens.swap(tokens_);
  buffers.sentences.swap(sentences_);
  buffers.folded.swap(folded_);
}

void AnalyzedText::AppendFolded(Token* tok) {
  tok->folded_begin = static_cast<uint32_t>(folded_.size());
  const std::string_view token = text_.substr(tok->begin, tok->end - tok->begin);
  const auto append = [this](std::string_view folded) {
    folded_.insert(folded_.end(), folded.begin(), folded.end());
  };
  if (token.size() <= kFoldCacheMaxToken) {
    append(FoldCached(token));
  } else {
    append(FoldForMatch(token));
  }
  tok->folded_end = static_cast<uint32_t>(folded_.size());
}

void AnalyzedText::Tokenize(Scratch* scratch) {
  const std::string_view s = text_;
  std::vector<uint32_t>* stops = &scratch->stops;
  std::vector<uint32_t>* paragraphs = &scratch->paragraphs;
  // News text has about one token per five or six bytes: a quarter leaves
  // room for tables of figures without growing the vector.
  tokens_.reserve(s.size() / 4 + 8);
  paragraphs->push_back(0);
  size_t paragraph_start = 0;  // byte offset where the current paragraph begins
  bool space_before = false;
  size_t pos = 0;
  while (pos < s.size()) {
    const unsigned char byte = static_cast<unsigned char>(s[pos]);
    const uint8_t byte_class = kByteClass[byte];
    if (byte_class & kSpaceBit) {
      ++pos;
      space_before = true;
      if (byte != '\n') continue;
      // A blank line, or a line that starts indented (wire copy), begins a
      // new paragraph. The indentation is white space: skip it here. Most
      // lines start with a run of spaces or none, found in one look at
      // folded_ (its zero bytes after the text stop the run there): a loop
      // over the spaces mispredicted its end.
      Bytes16 x;
      std::memcpy(&x, folded_.data() + pos, sizeof x);
      int indent = LowRun16(SpaceMask(x));
      size_t look = pos + indent;
      bool blank = false;
      while (look < s.size()) {
        const char ch = s[look];
        if (ch == '\n') {
          blank = true;
          break;
        }
        if (ch == ' ') {
          ++indent;
        } else if (ch == '\t') {
          indent += 4;
        } else if (ch != '\r') {
          break;
        }
        ++look;
      }
      if ((blank || indent >= 2) && paragraph_start < pos) {
        paragraph_start = pos;
        paragraphs->push_back(static_cast<uint32_t>(tokens_.size()));
      }
      pos = look;
      continue;
    }
    if (byte_class & kAlnumBits) {
      // The common case: an ASCII word or number that ends at white space or
      // at punctuation other than - ' . , and within sixteen bytes. One look
      // at those bytes finds its end and the single spaces after it. They
      // come from folded_, not lowered yet, whose zero bytes after the text
      // end a word there as white space would.
      const char* padded = folded_.data();
      Bytes16 x;
      std::memcpy(&x, padded + pos, sizeof x);
      const int length = LowRun16(AlnumMask(x));  // 16 when the word may go on
      const size_t end = pos + length;
      const uint8_t stop = kByteClass[static_cast<unsigned char>(padded[end])];
      if (length < 16 &&
          (EndsWord(stop) || SeparatorEndsWord(s, pos, end, InRun(LetterMask(x), length) != 0,
                                               InRun(DigitMask(x), length) != 0, byte_class & kDigitBit))) {
        // Told without branches: a word's start (capital, lower-case or
        // digit) depends on the text, and a branch on it was mispredicted
        // about one word in five. A run without letters is a number; one
        // with two or more letters and none lower-case is all capitals.
        const uint32_t letters = InRun(LetterMask(x), length);
        const Token::Kind kind = letters == 0 ? Token::Kind::kNumber : Token::Kind::kWord;
        const bool all_upper = ((letters & CaseBitMask(x)) == 0) & ((letters & (letters - 1)) != 0);
        tokens_.push_back(Token{.begin = static_cast<uint32_t>(pos),
                                .end = static_cast<uint32_t>(end),
                                .kind = kind,
                                .upper_initial = (byte_class & kUpperBit) != 0,
                                .all_upper = all_upper,
                                .sentence_initial = false,
                                .space_before = space_before,
                                .ascii = true,
                                .has_joiner = false,
                                .folded_begin = static_cast<uint32_t>(pos),
                                .folded_end = static_cast<uint32_t>(end)});
        const int spaces = LowRun16(SpaceMask(x) >> length);
        space_before = spaces != 0;
        pos = end + spaces;
        continue;
      }
    }
    // The general case, one token at a time.
    Token tok;
    tok.begin = static_cast<uint32_t>(pos);
    tok.space_before = space_before;
    if (byte_class & kAlnumBits) {
      WordScan scan;
      scan.begin = scan.segment_begin = pos;
      scan.end = pos + 1;
      scan.seen = byte_class;
      scan.numeric_start = byte_class & kDigitBit;
      ScanWord(s, &scan);
      FinishWord(s, scan, &tok);
      tok.upper_initial = byte_class & kUpperBit;
    } else if (byte < 0x80) {
      // ASCII punctuation: one byte, but for a possessive "'s".
      tok.kind = Token::Kind::kPunct;
      tok.end = static_cast<uint32_t>(pos + 1);
      tok.has_joiner = byte_class == 0;  // - ' . or ,
      if (byte == '\'' && !tokens_.empty() && tokens_.back().end == pos && PossessiveFollows(s, pos + 1)) {
        tok.end = static_cast<uint32_t>(pos + 2);
      }
      if (byte == '.' || byte == '!' || byte == '?') stops->push_back(static_cast<uint32_t>(tokens_.size()));
    } else {
      size_t next = pos;
      const char32_t c = Next(s, &next);
      if (IsSpace(c)) {
        space_before = true;  // not a token after all
        pos = next;
        continue;
      }
      tok.ascii = false;
      if (IsLetter(c) || IsDigit(c)) {
        WordScan scan;
        scan.begin = scan.segment_begin = pos;
        scan.end = next;
        if (IsLetter(c)) scan.seen = IsUpper(c) ? kLetterBit : kLetterBit | kNonUpperLetterBit;
        scan.numeric_start = IsDigit(c);
        scan.ascii = tok.ascii;
        ScanWord(s, &scan);
        FinishWord(s, scan, &tok);
        tok.upper_initial = IsUpper(c);
      } else {
        tok.kind = Token::Kind::kPunct;
        tok.end = static_cast<uint32_t>(next);
        if (IsApostrophe(c) && !tokens_.empty() && tokens_.back().end == pos && PossessiveFollows(s, next)) {
          tok.end = static_cast<uint32_t>(next + 1);  // possessive "'s"
        }
        if (IsSentenceStop(s.substr(pos, tok.end - pos)))
          stops->push_back(static_cast<uint32_t>(tokens_.size()));
      }
    }
    space_before = false;
    pos = tok.end;
    // ASCII tokens are folded in place in folded_ (A-Z lowered); the folded
    // forms of the others are appended after the text.
    if (tok.ascii) {
      tok.folded_begin = tok.begin;
      tok.folded_end = tok.end;
    } else {
      AppendFolded(&tok);
    }
    tokens_.push_back(tok);
  }
}

void AnalyzedText::SplitSentences(const Scratch& scratch) {
  const std::vector<uint32_t>& stops = scratch.stops;
  const std::vector<uint32_t>& paragraphs = scratch.paragraphs;
  const size_t n = tokens_.size();
  // A sentence ends at a stop or at the end of a paragraph.
  sentences_.reserve(stops.size() + paragraphs.size());
  size_t next_stop = 0;  // index into `stops`
  for (size_t p = 0; p < paragraphs.size(); ++p) {
    const size_t paragraph_end = p + 1 < paragraphs.size() ? paragraphs[p + 1] : n;
    size_t start = paragraphs[p];
    for (; next_stop < stops.size() && stops[next_stop] < paragraph_end; ++next_stop) {
      const size_t i = stops[next_stop];
      if (TokenText(i) == "." && i > 0 && !tokens_[i].space_before) {
        const std::string_view previous = TokenText(i - 1);
        const bool initial =
            tokens_[i - 1].kind == Token::Kind::kWord && previous.size() == 1 && tokens_[i - 1].upper_initial;
        if (initial || IsAbbreviation(previous)) continue;
      }
      // Closing quotes and brackets stay with the sentence (they are no
      // stops). They never run into the next paragraph: its first token
      // follows white space.
      size_t end = i + 1;
      while (end < n && tokens_[end].kind == Token::Kind::kPunct && IsClosing(TokenText(end)) &&
             !tokens_[end].space_before) {
        ++end;
      }
      // The paragraph ends the sentence anyway; within it, the next token
      // must look like a sentence start.
      if (end < paragraph_end) {
        const Token& next = tokens_[end];
        const bool starts_sentence = next.upper_initial || next.kind == Token::Kind::kNumber ||
                                     (next.kind == Token::Kind::kPunct && TokenText(end) != "," &&
                                      TokenText(end) != ";" && TokenText(end) != ".");
        if (!starts_sentence) continue;
      }
      AddSentence(start, end, p);
      start = end;
    }
    AddSentence(start, paragraph_end, p);
  }
}

void AnalyzedText::AddSentence(size_t first, size_t end, size_t paragraph) {
  if (end <= first) return;
  Sentence sentence;
  sentence.first_token = static_cast<uint32_t>(first);
  sentence.end_token = static_cast<uint32_t>(end);
  sentence.begin = tokens_[first].begin;
  sentence.end = tokens_[end - 1].end;
  sentence.paragraph = static_cast<uint32_t>(paragraph);
  for (size_t t = first; t < end; ++t) {
    if (tokens_[t].kind != Token::Kind::kPunct) {
      tokens_[t].sentence_initial = true;
      break;
    }
  }
  sentences_.push_back(sentence);
}

size_t AnalyzedText::SentenceOf(size_t token) const {
  // The sentences cover the tokens in order: the last one starting at or
  // before `token` holds it.
  const auto after =
      std::upper_bound(sentences_.begin(), sentences_.end(), token,
                       [](size_t t, const Sentence& sentence) { return t < sentence.first_token; });
  return static_cast<size_t>(after - sentences_.begin()) - 1;
}

}  // namespace newsmine
