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
#include <vector>

#include "extract/sentiment_lexicon.h"
#include "extract/text.h"

namespace newsmine {

struct TokenValence {
  uint32_t token = 0;    // index in AnalyzedText::tokens()
  double valence = 0;    // after the rules, VADER scale
  bool negated = false;  // negated or rejected ("did not condemn", "rather than praise")
};

// The sentiment-bearing tokens of sentence `sentence`. Tokens with
// `muted[i] != 0` carry no sentiment of their own (state names, proper names:
// "United" in "United States"); `muted` has one entry per token of `text`.
std::vector<TokenValence> ScoreSentenceTokens(const AnalyzedText& text, size_t sentence,
                                              const SentimentLexicon& lexicon,
                                              const std::vector<uint8_t>& muted);

// VADER's normalisation of a summed valence into [-1, 1]: x / sqrt(x^2 + 15).
double NormalizeValence(double sum);

}  // namespace newsmine
