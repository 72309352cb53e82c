#include "extract/text.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <string>

#include "core/utf8.h"

namespace newsmine {
namespace {

// Character classes of ASCII bytes; the rest goes to ICU.
enum : uint8_t { kLetterBit = 1, kDigitBit = 2, kUpperBit = 4 };
constexpr std::array<uint8_t, 128> kAsciiClass = [] {
  std::array<uint8_t, 128> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] = kLetterBit;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = kLetterBit | kUpperBit;
  for (int c = '0'; c <= '9'; ++c) table[c] = kDigitBit;
  return table;
}();

inline bool IsLetter(char32_t c) {
  if (c < 0x80) return kAsciiClass[c] & kLetterBit;
  return u_isalpha(static_cast<UChar32>(c)) ||
         u_getIntPropertyValue(c, UCHAR_GENERAL_CATEGORY) == U_NON_SPACING_MARK;
}
inline bool IsDigit(char32_t c) {
  if (c < 0x80) return kAsciiClass[c] & kDigitBit;
  return u_isdigit(static_cast<UChar32>(c));
}
inline bool IsUpper(char32_t c) {
  if (c < 0x80) return kAsciiClass[c] & kUpperBit;
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F || c == 0x3000;
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

// Words after which a period does not end the sentence.
bool IsAbbreviation(std::string_view word) {
  static constexpr std::array<std::string_view, 46> kAbbreviations = {
      "Mr",   "Mrs", "Ms",   "Dr",   "St",  "Gen",  "Sen",    "Rep", "Gov",    "Lt", "Col", "Maj",
      "Capt", "Sgt", "Prof", "Jr",   "Sr",  "Inc",  "Corp",   "Co",  "Ltd",    "No", "Jan", "Feb",
      "Mar",  "Apr", "Aug",  "Sept", "Sep", "Oct",  "Nov",    "Dec", "vs",     "Mt", "Ft",  "Pres",
      "Rev",  "Hon", "Adm",  "Cmdr", "Gov", "Supt", "Messrs", "Mme", "approx", "Nos"};
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

bool IsClosing(std::string_view t) {
  return t == "\"" || t == "'" || t == ")" || t == "]" || t == "\xE2\x80\x9D" /* ” */ ||
         t == "\xE2\x80\x99" /* ’ */ || t == "\xC2\xBB" /* » */;
}

}  // namespace

AnalyzedText::AnalyzedText(std::string_view text) : text_(text) {
  Tokenize();
  SplitSentences();
  FoldTokens();
}

void AnalyzedText::FoldTokens() {
  // ASCII tokens fold in place: folded_ starts as the text with A-Z lowered,
  // and a token's folded form sits at its own offsets. Other tokens' folded
  // forms are appended after it.
  folded_.resize(text_.size());
  for (size_t i = 0; i < text_.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text_[i]);
    folded_[i] = static_cast<char>(static_cast<unsigned>(c - 'A') < 26u ? c + ('a' - 'A') : c);
  }
  for (Token& token : tokens_) {
    if (token.ascii) {
      token.folded_begin = token.begin;
      token.folded_end = token.end;
      continue;
    }
    token.folded_begin = static_cast<uint32_t>(folded_.size());
    folded_ += FoldForMatch(text_.substr(token.begin, token.end - token.begin));
    token.folded_end = static_cast<uint32_t>(folded_.size());
  }
}

void AnalyzedText::Tokenize() {
  const std::string_view s = text_;
  tokens_.reserve(s.size() / 5);
  paragraph_starts_.push_back(0);
  bool space_before = false;
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t start = pos;
    size_t next = pos;
    const char32_t c = Next(s, &next);
    if (IsSpace(c)) {
      if (c == '\n') {
        // A blank line, or a line that starts indented (wire copy), begins a
        // new paragraph.
        size_t look = next;
        int indent = 0;
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
        if ((blank || indent >= 2) && paragraph_starts_.back() < next) {
          paragraph_starts_.push_back(static_cast<uint32_t>(next));
        }
      }
      space_before = true;
      pos = next;
      continue;
    }
    Token tok;
    tok.begin = static_cast<uint32_t>(start);
    tok.space_before = space_before;
    tok.ascii = c < 0x80;
    space_before = false;
    if (IsLetter(c) || IsDigit(c)) {
      const bool numeric_start = IsDigit(c);
      bool all_digits = numeric_start;
      int letters = 0;
      int upper_letters = 0;
      bool dotted_initials = true;  // "U.S." shape so far
      int segment_letters = 0;
      size_t end = next;
      auto count_letter = [&](char32_t ch) {
        if (IsLetter(ch)) {
          ++letters;
          ++segment_letters;
          if (IsUpper(ch)) ++upper_letters;
          all_digits = false;
        } else if (!IsDigit(ch)) {
          all_digits = false;
        }
      };
      count_letter(c);
      while (end < s.size()) {
        const unsigned char byte = static_cast<unsigned char>(s[end]);
        if (byte < 0x80 && kAsciiClass[byte]) {  // the common case: an ASCII letter or digit
          if (kAsciiClass[byte] & kLetterBit) {
            ++letters;
            ++segment_letters;
            upper_letters += (kAsciiClass[byte] & kUpperBit) != 0;
            all_digits = false;
          }
          ++end;
          continue;
        }
        size_t after = end;
        const char32_t ch = Next(s, &after);
        if (ch >= 0x80) tok.ascii = false;
        if (IsLetter(ch) || IsDigit(ch)) {
          count_letter(ch);
          end = after;
          continue;
        }
        const char32_t following = PeekAt(s, after);
        if (IsHyphen(ch) && (IsLetter(following) || IsDigit(following)) && !all_digits) {
          dotted_initials = false;
          end = after;
          continue;
        }
        if (IsApostrophe(ch) && IsLetter(following)) {
          // "'s" followed by a non-letter is a possessive: its own token.
          size_t after_s = after;
          const char32_t s_char = Next(s, &after_s);
          const bool possessive = (s_char == 's' || s_char == 'S') && !IsLetter(PeekAt(s, after_s));
          if (possessive) break;
          dotted_initials = false;
          end = after;
          continue;
        }
        if ((ch == '.' || ch == ',') && all_digits && IsDigit(following)) {
          end = after;
          continue;
        }
        if (ch == '.' && !numeric_start && dotted_initials && segment_letters == 1) {
          // "U.S." / "U.N.": single letters joined by periods.
          if (IsLetter(following) && PeekAt(s, after + (following < 0x80 ? 1 : 2)) == '.') {
            segment_letters = 0;
            end = after;
            continue;
          }
          if (letters >= 2) {  // the closing period of "U.S."
            end = after;
          }
        }
        break;
      }
      if (segment_letters > 1) dotted_initials = false;
      tok.end = static_cast<uint32_t>(end);
      tok.kind = all_digits ? Token::Kind::kNumber : Token::Kind::kWord;
      tok.upper_initial = IsUpper(c);
      tok.all_upper = letters >= 2 && upper_letters == letters;
      pos = end;
    } else {
      tok.kind = Token::Kind::kPunct;
      size_t end = next;
      if (IsApostrophe(c) && (PeekAt(s, next) == 's' || PeekAt(s, next) == 'S') && !tokens_.empty() &&
          tokens_.back().end == start && !IsLetter(PeekAt(s, next + 1))) {
        end = next + 1;  // possessive "'s"
      }
      tok.end = static_cast<uint32_t>(end);
      pos = end;
    }
    tokens_.push_back(tok);
  }
}

void AnalyzedText::SplitSentences() {
  const size_t n = tokens_.size();
  token_sentence_.assign(n, 0);
  // Paragraph of every token, from the paragraph start offsets.
  std::vector<uint32_t> token_paragraph(n, 0);
  for (size_t i = 0, p = 0; i < n; ++i) {
    while (p + 1 < paragraph_starts_.size() && paragraph_starts_[p + 1] <= tokens_[i].begin) ++p;
    token_paragraph[i] = static_cast<uint32_t>(p);
  }
  size_t start = 0;
  auto close = [&](size_t end_token) {
    if (end_token <= start) return;
    Sentence sentence;
    sentence.first_token = static_cast<uint32_t>(start);
    sentence.end_token = static_cast<uint32_t>(end_token);
    sentence.begin = tokens_[start].begin;
    sentence.end = tokens_[end_token - 1].end;
    sentence.paragraph = token_paragraph[start];
    for (size_t t = start; t < end_token; ++t) token_sentence_[t] = static_cast<uint32_t>(sentences_.size());
    sentences_.push_back(sentence);
    start = end_token;
  };
  for (size_t i = 0; i < n; ++i) {
    if (i > start && token_paragraph[i] != token_paragraph[i - 1]) {
      close(i);
    }
    const std::string_view t = TokenText(i);
    if (t != "." && t != "!" && t != "?" && t != "\xE2\x80\xA6" /* … */) continue;
    if (t == "." && i > 0 && !tokens_[i].space_before) {
      const std::string_view previous = TokenText(i - 1);
      const bool initial =
          tokens_[i - 1].kind == Token::Kind::kWord && previous.size() == 1 && tokens_[i - 1].upper_initial;
      if (IsAbbreviation(previous) || initial) continue;
    }
    size_t end = i + 1;
    while (end < n && tokens_[end].kind == Token::Kind::kPunct && IsClosing(TokenText(end)) &&
           !tokens_[end].space_before) {
      ++end;
    }
    if (end < n) {
      const Token& next = tokens_[end];
      const bool starts_sentence = next.upper_initial || next.kind == Token::Kind::kNumber ||
                                   (next.kind == Token::Kind::kPunct && TokenText(end) != "," &&
                                    TokenText(end) != ";" && TokenText(end) != ".");
      if (!starts_sentence) continue;
    }
    close(end);
    i = end - 1;
  }
  close(n);
  for (const Sentence& sentence : sentences_) {
    for (size_t t = sentence.first_token; t < sentence.end_token; ++t) {
      if (tokens_[t].kind != Token::Kind::kPunct) {
        tokens_[t].sentence_initial = true;
        break;
      }
    }
  }
}

size_t AnalyzedText::SentenceOf(size_t token) const { return token_sentence_[token]; }

}  // namespace newsmine
