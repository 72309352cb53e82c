// SentimentLexicon: word valences for news sentiment, on VADER's scale
// (-4 .. +4), with the VADER word classes that modify them (negators,
// intensifiers, contrast words).
//
// Entries come from the VADER lexicon (corpus/data/lexicons/vader_lexicon.txt,
// MIT) and then the project's political-news lexicon (political_lexicon.tsv),
// whose entries replace VADER's for the same word; see the README there.
//
// Lookups take a lower-cased word (LowerWord below).
// Thread-safety: const methods may be called from any number of threads.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "extract/text.h"
#include "extract/word_table.h"

namespace newsmine {

class SentimentLexicon {
 public:
  // Reads "word<TAB>valence[<TAB>...]" lines ('#' starts a comment line); a
  // later entry replaces an earlier one. Returns kIoError when the file cannot
  // be read, kCorrupt (naming the line) when a valence is not a number.
  Status LoadFile(const std::string& path);

  // Adds or replaces one entry.
  void Set(std::string_view word, double valence) { valences_.Set(word, valence); }

  // The valence of `word`, or 0 when unknown.
  double Valence(std::string_view word) const;

  // VADER's word classes. Negators include the contracted forms without their
  // apostrophe ("didnt") and, beyond VADER, "no", "lack", "lacking" and
  // "absence" ("the absence of meaningful competition"); the intensifier
  // scalar is +0.293 (boosters) or -0.293 (dampeners), 0 for other words.
  static bool IsNegator(std::string_view word);
  static double IntensifierScalar(std::string_view word);

  size_t size() const { return valences_.size(); }

 private:
  WordTable<double> valences_;
};

// `word` lower-cased and accent-folded, with apostrophes (straight or curly)
// removed: "Didn’t" -> "didnt".
std::string LowerWord(std::string_view word);

// LowerWord of token `token` of `text`, from the text's folded forms: a view
// into `text`, or into `*scratch` when an apostrophe had to be removed (the
// view is then valid until *scratch changes). Allocates only in that case.
std::string_view LexiconWord(const AnalyzedText& text, size_t token, std::string* scratch);

}  // namespace newsmine
