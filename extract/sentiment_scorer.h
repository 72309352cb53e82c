// Lexicon sentiment of one sentence, token by token, with VADER's rules
// (Hutto & Gilbert 2014): intensifiers scale the next three words, a negator
// before a sentiment word flips and damps it (x -0.74), and a contrast word
// ("but", "however") halves what comes before it and raises what follows by
// half. Unlike VADER, a negator reaches four words, its negation passes on
// to the next sentiment word within reach ("did nothing to enhance the
// legitimacy"), "failed to" / "refusal to" negate the infinitive, the window
// stops at clause punctuation, and capitals and "!" add nothing (news prose).
// Two scopes of our own: the content of a demand ("calls on X to increase
// pluralism", "the need for reforms") counts as a shortcoming, negative
// whatever its words (x -0.74 of their magnitude), and a rejected alternative
// ("rather than democracy") is negated like a negator's scope.
//
// Thread-safety: functions without state; safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/sentiment_lexicon.h"
#include "extract/text.h"

namespace newsmine {

struct TokenValence {
  uint32_t token = 0;    // index in AnalyzedText::tokens()
  double valence = 0;    // after the rules, VADER scale
  bool negated = false;  // negated or rejected ("did not condemn", "rather than praise")
};

// The tokens that carry no sentiment of their own for ScoreSentenceTokens:
// state names and proper names ("United" in "United States", "Liberty
// Party"). Their classes still act (a negator is one whatever its case). The
// default mutes none.
struct MutedTokens {
  // Capitalised words that do not open their sentence: in running text,
  // proper names.
  bool inner_capitals = false;
  // Token ranges [first, end), in order of `first`.
  std::vector<std::pair<uint32_t, uint32_t>> ranges;

  // Whether token `token` of `text` is muted.
  bool Has(const AnalyzedText& text, size_t token) const;
};

// The sentiment-bearing tokens of sentence `sentence`, in *out (replacing
// its contents: a caller that scores many sentences reuses one buffer).
// With `classes`, also the SentimentWordClass bits of the LexiconWord of
// each token of the sentence, in *classes (replacing its contents; index:
// token - the sentence's first token; 0 for punctuation and numbers): the
// one lookup of each word answers the role code's questions too.
void ScoreSentenceTokens(const AnalyzedText& text, size_t sentence, const SentimentLexicon& lexicon,
                         const MutedTokens& muted, std::vector<TokenValence>* out,
                         std::vector<uint32_t>* classes = nullptr);

// True for the punctuation that ends a clause, where the reach of a negator,
// a booster or a complement stops: "," ";" ":".
inline bool EndsClause(std::string_view punct) { return punct == "," || punct == ";" || punct == ":"; }

// VADER's normalisation of a summed valence into [-1, 1]: x / sqrt(x^2 + 15).
double NormalizeValence(double sum);

}  // namespace newsmine
