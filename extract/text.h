// AnalyzedText: the article text cut into paragraphs, sentences and tokens,
// once, for every extractor to share. Offsets are byte offsets into the
// UTF-8 text, which the AnalyzedText does not own: keep the text alive.
//
// Tokens: words (letters and digits, with inner hyphens, apostrophes and the
// periods of abbreviations such as "U.S."), numbers ("81", "81.3", "7,000",
// "81,3"), and single punctuation characters. A possessive "'s" / "’s" is a
// token of its own, so "Tokayev's" is "Tokayev" + "'s".
//
// Sentences: end at . ! ? (and closing quotes after them) when the next token
// starts a sentence and the period is not an abbreviation's (Mr., U.S., Jan.,
// single initials); and always at a paragraph break (a blank line, or a line
// that starts indented, as in wire copy).
//
// Analyzing a text allocates nothing in the common case: the buffers of an
// AnalyzedText go back to a small per-thread pool when it is destroyed, and
// the next one constructed on that thread reuses them.
//
// Thread-safety: immutable after construction.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsmine {

struct Token {
  enum class Kind : uint8_t { kWord, kNumber, kPunct };
  uint32_t begin = 0;  // byte offset in the text
  uint32_t end = 0;    // one past the last byte
  Kind kind = Kind::kWord;
  bool upper_initial = false;  // first letter is upper-case ("Tokayev", "OSCE")
  bool all_upper = false;      // every letter upper-case and at least 2 ("OSCE", "U.S.")
  bool sentence_initial = false;
  bool space_before = false;  // white space between this and the previous token
  bool ascii = true;          // every byte is ASCII
  // The token's text holds one of the ASCII bytes - ' . , that join words
  // and numbers ("Jean-Marc", "O'Neill", "U.S.", "7,000"), or is one of them:
  // a word without it needs no search for those bytes.
  bool has_joiner = false;
  uint32_t folded_begin = 0;  // where AnalyzedText::Folded finds it
  uint32_t folded_end = 0;
};

struct Sentence {
  uint32_t begin = 0;  // byte offsets of the sentence's text
  uint32_t end = 0;
  uint32_t first_token = 0;  // token index range [first_token, end_token)
  uint32_t end_token = 0;
  uint32_t paragraph = 0;  // index of the paragraph it belongs to
};

class AnalyzedText {
 public:
  explicit AnalyzedText(std::string_view text);
  ~AnalyzedText();
  AnalyzedText(AnalyzedText&&) = default;
  AnalyzedText& operator=(AnalyzedText&&) = default;

  std::string_view text() const { return text_; }
  const std::vector<Token>& tokens() const { return tokens_; }
  const std::vector<Sentence>& sentences() const { return sentences_; }

  // These views are made from offsets that lie within the text, without
  // the bounds test of substr: every extractor asks for them token by token.
  std::string_view TokenText(size_t i) const {
    return std::string_view(text_.data() + tokens_[i].begin, tokens_[i].end - tokens_[i].begin);
  }
  std::string_view SentenceText(size_t s) const {
    return std::string_view(text_.data() + sentences_[s].begin, sentences_[s].end - sentences_[s].begin);
  }
  // The text from the start of token `first` to the end of token `last - 1`.
  std::string_view Span(size_t first, size_t last) const {
    return text_.substr(tokens_[first].begin, tokens_[last - 1].end - tokens_[first].begin);
  }
  // Index of the sentence holding token `i` (a binary search over the
  // sentences).
  size_t SentenceOf(size_t token) const;

  // Token `i` lower-cased and without accents (FoldForMatch in core/utf8.h),
  // computed once for all extractors: "Erdoğan" -> "erdogan". All folded
  // forms are views into one buffer, and an ASCII token's lies at the
  // token's own offsets in it, after the folded text before it: a reader
  // may load up to 8 bytes ending at the end of such a token's folded form
  // when that end is at least 8 (SentimentTable::FindInBuffer does).
  std::string_view Folded(size_t i) const {
    return std::string_view(folded_.data() + tokens_[i].folded_begin,
                            tokens_[i].folded_end - tokens_[i].folded_begin);
  }

 private:
  struct Scratch;
  // Cuts the text into tokens; appends to scratch->stops the index of every
  // token that may end a sentence (. ! ? …) and to scratch->paragraphs the
  // index of the first token of every paragraph. Requires folded_ to hold
  // the text, not lowered yet, and sixteen zero bytes.
  void Tokenize(Scratch* scratch);
  // Appends the folded form of a non-ASCII token to folded_ and points
  // tok->folded_begin/end at it.
  void AppendFolded(Token* tok);
  void SplitSentences(const Scratch& scratch);
  // Adds the sentence of tokens [first, end) in paragraph `paragraph`.
  void AddSentence(size_t first, size_t end, size_t paragraph);

  std::string_view text_;
  std::vector<Token> tokens_;
  std::vector<Sentence> sentences_;
  // The text with A-Z lower-cased, so that an ASCII token's folded form sits
  // at its own offsets, then sixteen zero bytes (see Tokenize), then the
  // folded forms of the other tokens. (A vector rather than a string: it
  // goes to and from the spare buffers of the thread with a cheap swap.)
  std::vector<char> folded_;
};

// A hyphen, an en dash or an em dash token: what joins a range ("5-6") or
// sets off a dateline ("MOSCOW - ").
inline bool IsDash(std::string_view token) {
  return token == "-" || token == "\xE2\x80\x93" /* – */ || token == "\xE2\x80\x94" /* — */;
}

}  // namespace newsmine
