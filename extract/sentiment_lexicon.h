// SentimentLexicon: word valences for news sentiment, on VADER's scale
// (-4 .. +4), with the classes of the words that modify them (negators,
// intensifiers, contrast words: VADER's; failures and demands: ours, see
// sentiment_scorer.h).
//
// Entries come from the VADER lexicon (corpus/data/lexicons/vader_lexicon.txt,
// MIT) and then the project's political-news lexicon (political_lexicon.tsv),
// whose entries replace VADER's for the same word; see the README there.
//
// Lookups take a lower-cased word (LowerWord below).
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/status.h"
#include "extract/sentiment_table.h"
#include "extract/text.h"

namespace newsmine {

// The word classes of SentimentLexicon::Classes, as bits: one lookup answers
// every question the scorer, and then the role code (state_roles.h), asks of
// a word.
enum SentimentWordClass : uint32_t {
  kNegator = 1u << 0,     // "not", "never", "didnt", ...
  kBooster = 1u << 1,     // intensifier that raises: "very", "deeply"
  kDampener = 1u << 2,    // intensifier that lowers: "slightly", "barely"
  kContrast = 1u << 3,    // "but", "however", ...
  kFailure = 1u << 4,     // negates an infinitive after it: "failed (to)", "refusal (to)"
  kCallVerb = 1u << 5,    // "call(s/ed/ing)": a demand with "on X to", "for"
  kUrgeVerb = 1u << 6,    // "urge(s/d)", "pressed": a demand with "X to"
  kNeedWord = 1u << 7,    // "need(s)": a demand with "for"
  kDemandWord = 1u << 8,  // "demand(s/ed/ing)": a demand
  kRather = 1u << 9,      // "rather (than)": a rejected alternative
  kInstead = 1u << 10,    // "instead (of)": a rejected alternative
  // The classes of state_roles.h:
  kHolderVerb = 1u << 11,  // its subject holds the sentiment: "said", "warned", "learned",
                           // and every praise verb, blame verb and attitude
  kPraiseVerb = 1u << 12,  // praises its object: "praised", "thanked", "welcomed"
  kBlameVerb = 1u << 13,   // blames its object: "condemned", "accused", "sanctioned"
  kAttitude = 1u << 14,    // its subject holds the sentiment: "concerned", "worried"
};

class SentimentLexicon {
 public:
  // A lexicon with the modifier words' classes and no valences.
  SentimentLexicon();

  // Reads "word<TAB>valence[<TAB>...]" lines ('#' starts a comment line); a
  // later entry replaces an earlier one. Returns kIoError when the file cannot
  // be read, kCorrupt (naming the line) when a valence is not a number.
  Status LoadFile(const std::string& path);

  // Adds or replaces the valence of one word.
  void Set(std::string_view word, double valence);

  // The valence and classes of `word` (a LexiconWord): one lookup. Negators
  // include the contracted forms without their apostrophe ("didnt") and,
  // beyond VADER, "no", "lack", "lacking" and "absence" ("the absence of
  // meaningful competition").
  LexiconWordInfo Find(std::string_view word) const { return words_.Find(word); }
  // Find(LexiconWord(text, token, scratch)), for the scorer's loop over
  // every word of a sentence (defined below LexiconWord).
  LexiconWordInfo FindToken(const AnalyzedText& text, size_t token, std::string* scratch) const;
  // The valence of `word`, or 0 when unknown.
  double Valence(std::string_view word) const { return Find(word).valence; }

  // VADER's intensifier scalar for a word of classes `classes`: +0.293 for a
  // booster, -0.293 for a dampener, 0 for other words.
  static double IntensifierScalar(uint32_t classes);

  // Words with a valence or a class.
  size_t size() const { return words_.size(); }

 private:
  // Adds the bits `classes` to each of `words`.
  void AddClass(std::initializer_list<std::string_view> words, uint32_t classes);
  void AddClass(std::string_view word, uint32_t classes);

  SentimentTable words_;
};

// The classes that `word` (a LexiconWord) has in every SentimentLexicon (the
// valences are what loading adds): for callers without a lexicon at hand.
uint32_t SentimentClasses(std::string_view word);

// LexiconWord for any token: it looks for apostrophes.
std::string_view LexiconWordWithApostrophes(const AnalyzedText& text, size_t token, std::string* scratch);

// `word` lower-cased and accent-folded, with apostrophes (straight or curly)
// removed: "Didn’t" -> "didnt".
std::string LowerWord(std::string_view word);

// LowerWord of token `token` of `text`, from the text's folded forms: a view
// into `text`, or into `*scratch` when an apostrophe had to be removed (the
// view is then valid until *scratch changes). Allocates only in that case.
// Inline, for the common case: an ASCII token without a joiner holds no
// apostrophe (straight ones are joiners, curly ones are not ASCII), so its
// folded form is its LexiconWord.
inline std::string_view LexiconWord(const AnalyzedText& text, size_t token, std::string* scratch) {
  const Token& t = text.tokens()[token];
  if (t.ascii && !t.has_joiner) return text.Folded(token);
  return LexiconWordWithApostrophes(text, token, scratch);
}

// LexiconWord's common case is a view into the text's one buffer of folded
// forms (AnalyzedText::Folded) that ends at offset folded_end: from 8 on, the
// 8 bytes before its end are in that buffer, as SentimentTable::FindInBuffer
// asks.
[[gnu::always_inline]] inline LexiconWordInfo SentimentLexicon::FindToken(const AnalyzedText& text,
                                                                          size_t token,
                                                                          std::string* scratch) const {
  const Token& t = text.tokens()[token];
  if (t.ascii && !t.has_joiner && t.folded_end >= 8) return words_.FindInBuffer(text.Folded(token));
  return Find(LexiconWord(text, token, scratch));
}

}  // namespace newsmine
