#include "extract/sentiment_scorer.h"

#include <cmath>
#include <forward_list>
#include <string>
#include <string_view>
#include <utility>

namespace newsmine {
namespace {

constexpr double kNegationScalar = -0.74;
constexpr double kBeforeContrast = 0.5;
constexpr double kAfterContrast = 1.5;
constexpr int kWindow = 3;          // words an intensifier reaches
constexpr int kNegationWindow = 4;  // words a negator reaches: "did nothing to enhance the legitimacy"

bool EndsClause(std::string_view punct) { return punct == "," || punct == ";" || punct == ":"; }

enum class Scope : uint8_t { kNone, kDemand, kRejected };
constexpr size_t kScopeLength = 15;  // words a demand or a rejected alternative spans at most

// One token of the sentence being scored, looked up once.
struct ScoredWord {
  std::string_view word;  // LexiconWord; empty for punctuation and numbers
  LexiconWordInfo info;   // its valence and classes
  Scope scope = Scope::kNone;
  bool negated = false;  // a sentiment word that the look-back found negated
};

constexpr uint32_t kScopeStarts = kCallVerb | kUrgeVerb | kNeedWord | kDemandWord | kRather | kInstead;

// Where a demand's content starts, relative to the trigger word at `i`, or 0
// when `i` starts none. "calls on X to <content>", "urged X to <content>":
// the content follows the next "to"; "calls for <content>", "the need for
// <content>", "demands <content>": it follows the trigger.
size_t DemandTrigger(const std::vector<ScoredWord>& words, size_t i, bool* needs_to) {
  const uint32_t w = words[i].info.classes;
  const std::string_view next = i + 1 < words.size() ? words[i + 1].word : std::string_view();
  if ((w & kCallVerb) && (next == "on" || next == "upon")) {
    *needs_to = true;
    return 2;
  }
  if ((w & kCallVerb) && next == "for") {
    *needs_to = false;
    return 2;
  }
  if (w & kUrgeVerb) {
    *needs_to = true;
    return 1;
  }
  if (((w & kNeedWord) && next == "for") || (w & kDemandWord)) {
    *needs_to = false;
    return next == "for" ? 2 : 1;
  }
  return 0;
}

// Marks the words inside demands ("calls on X to <increase pluralism>": the
// addressee is found wanting) and rejected alternatives ("rather than
// <democracy>", "instead of <...>"). `words` are the sentence's tokens, the
// first of them token `offset` of `text`; words[first_start] is the first
// with a kScopeStarts class (words.size() when none).
void MarkScopes(const AnalyzedText& text, size_t offset, size_t first_start,
                std::vector<ScoredWord>* words_out) {
  std::vector<ScoredWord>& words = *words_out;
  auto fill = [&](size_t from, Scope scope) {
    for (size_t k = from, n = 0; k < words.size() && n < kScopeLength; ++k, ++n) {
      // A demand may list its points with commas; an alternative ends with its clause.
      const std::string_view punct = words[k].word.empty() ? text.TokenText(offset + k) : std::string_view();
      if (punct == ";" || (scope == Scope::kRejected && punct == ",")) break;
      words[k].scope = scope;
    }
  };
  for (size_t i = first_start; i + 1 < words.size(); ++i) {
    if (!(words[i].info.classes & kScopeStarts)) continue;
    const std::string_view next = words[i + 1].word;
    if (((words[i].info.classes & kRather) && next == "than") ||
        ((words[i].info.classes & kInstead) && next == "of")) {
      fill(i + 2, Scope::kRejected);
      continue;
    }
    bool needs_to = false;
    const size_t skip = DemandTrigger(words, i, &needs_to);
    if (skip == 0) continue;
    size_t start = i + skip;
    if (needs_to) {
      while (start < words.size() && start < i + 8 && words[start].word != "to") ++start;
      if (start == words.size() || words[start].word != "to") continue;
      ++start;
    }
    fill(start, Scope::kDemand);
  }
}

}  // namespace

double NormalizeValence(double sum) { return sum / std::sqrt(sum * sum + 15.0); }

std::vector<TokenValence> ScoreSentenceTokens(const AnalyzedText& text, size_t sentence,
                                              const SentimentLexicon& lexicon,
                                              const std::vector<uint8_t>& muted) {
  const Sentence& s = text.sentences()[sentence];
  const auto& tokens = text.tokens();
  // The sentence's tokens, in a buffer kept per thread: most articles score
  // a sentence or two, and a fresh vector each time would be an allocation.
  thread_local std::vector<ScoredWord> words;
  words.assign(s.end_token - s.first_token, ScoredWord{});
  // Where in `words` the words with a valence are, in order: the rules act
  // on those only (a sentence holds a few among dozens of words).
  thread_local std::vector<uint32_t> sentiment_words;
  sentiment_words.clear();
  std::forward_list<std::string> scratch;   // words that lost an apostrophe (allocates only then)
  size_t contrast_at = s.end_token;         // first contrast word, if any
  size_t first_scope_start = words.size();  // in `words`: MarkScopes starts there
  std::string spare;                        // LexiconWord's scratch: set only when it removed an apostrophe
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord) continue;
    std::string_view word = LexiconWord(text, i, &spare);
    if (!spare.empty()) {
      word = scratch.emplace_front(std::move(spare));
      spare.clear();
    }
    ScoredWord& w = words[i - s.first_token];
    w.word = word;
    w.info = lexicon.Find(word);
    if (w.info.valence != 0) sentiment_words.push_back(static_cast<uint32_t>(i - s.first_token));
    if (w.info.classes & (kContrast | kScopeStarts)) {  // rare: one test for both
      if ((w.info.classes & kContrast) && contrast_at == s.end_token && i > s.first_token) contrast_at = i;
      if ((w.info.classes & kScopeStarts) && first_scope_start == words.size())
        first_scope_start = i - s.first_token;
    }
  }
  std::vector<TokenValence> out;
  if (sentiment_words.empty()) return out;  // nothing for the rules to act on
  MarkScopes(text, s.first_token, first_scope_start, &words);
  out.reserve(sentiment_words.size());  // an upper bound: one allocation
  for (const uint32_t at : sentiment_words) {
    const size_t i = s.first_token + at;
    ScoredWord& w = words[at];
    double valence = w.info.valence;
    if (muted[i] || (w.info.classes & (kBooster | kDampener))) continue;
    // Look back over up to three words, stopping at clause punctuation.
    // Negated sentiment words pass their negation on to the next one within
    // the window: "did nothing to enhance the legitimacy", "not a fair and
    // free vote".
    bool negated = false;
    int seen = 0;
    for (size_t j = i; j > s.first_token && seen < kNegationWindow;) {
      --j;
      if (tokens[j].kind == Token::Kind::kPunct) {
        if (EndsClause(text.TokenText(j))) break;
        continue;
      }
      const ScoredWord& before = words[j - s.first_token];
      if (seen < kWindow && (before.info.classes & (kBooster | kDampener))) {
        const double scalar = SentimentLexicon::IntensifierScalar(before.info.classes) * (1.0 - 0.05 * seen);
        valence += valence < 0 ? -scalar : scalar;
      }
      const bool fails_to = (before.info.classes & kFailure) && j + 1 < s.end_token &&
                            words[j + 1 - s.first_token].word == "to";
      negated = negated || (before.info.classes & kNegator) || fails_to || before.negated;
      ++seen;
    }
    w.negated = negated;
    if (negated) valence *= kNegationScalar;
    // What a state is asked to do, good or bad, is what it is found lacking.
    if (w.scope == Scope::kDemand) valence = -std::fabs(valence) * -kNegationScalar;
    if (w.scope == Scope::kRejected) valence *= kNegationScalar;
    if (contrast_at != s.end_token) valence *= i < contrast_at ? kBeforeContrast : kAfterContrast;
    out.push_back({static_cast<uint32_t>(i), valence, negated || w.scope == Scope::kRejected});
  }
  return out;
}

}  // namespace newsmine
