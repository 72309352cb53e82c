#include "extract/sentiment_scorer.h"

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace newsmine {
namespace {

constexpr double kNegationScalar = -0.74;
constexpr double kBeforeContrast = 0.5;
constexpr double kAfterContrast = 1.5;
constexpr int kWindow = 3;          // words an intensifier reaches
constexpr int kNegationWindow = 4;  // words a negator reaches: "did nothing to enhance the legitimacy"

enum class Scope : uint8_t { kNone, kDemand, kRejected };
constexpr size_t kScopeLength = 15;  // words a demand or a rejected alternative spans at most

// One token of the sentence being scored: what the rules find of it beyond
// its classes (kept apart, for the caller). Small, as every token of the
// sentence has one; the rules ask for a word's text only near the rare words
// with a class.
struct ScoredWord {
  Scope scope = Scope::kNone;
  bool negated = false;  // a sentiment word that the look-back found negated
};

// A word of the sentence with a valence: the rules act on those only (a
// sentence holds a few among dozens of words).
struct SentimentWord {
  uint32_t at = 0;  // in the sentence's ScoredWords
  double valence = 0;
};

constexpr uint32_t kScopeStarts = kCallVerb | kUrgeVerb | kNeedWord | kDemandWord | kRather | kInstead;

// The words of a sentence, from token `offset` of `text` on, with their
// classes (SentimentWordClass bits; 0 for punctuation and numbers).
class SentenceWords {
 public:
  SentenceWords(const AnalyzedText& text, size_t offset, const std::vector<uint32_t>& classes,
                std::vector<ScoredWord>* words)
      : text_(text), offset_(offset), classes_(classes), words_(*words) {}

  size_t size() const { return words_.size(); }
  ScoredWord& operator[](size_t k) { return words_[k]; }
  uint32_t Classes(size_t k) const { return classes_[k]; }
  // Whether word `k` is a word (not punctuation or a number) and reads `word`
  // as a LexiconWord.
  bool Is(size_t k, std::string_view word) const {
    return k < words_.size() && text_.tokens()[offset_ + k].kind == Token::Kind::kWord &&
           LexiconWord(text_, offset_ + k, &scratch_) == word;
  }
  // The text of token `k` when it is not a word, else empty.
  std::string_view Punctuation(size_t k) const {
    return text_.tokens()[offset_ + k].kind == Token::Kind::kWord ? std::string_view()
                                                                  : text_.TokenText(offset_ + k);
  }

 private:
  const AnalyzedText& text_;
  size_t offset_;
  const std::vector<uint32_t>& classes_;
  std::vector<ScoredWord>& words_;
  mutable std::string scratch_;  // LexiconWord's, for a word that loses an apostrophe
};

// Where a demand's content starts, relative to the trigger word at `i`, or 0
// when `i` starts none. "calls on X to <content>", "urged X to <content>":
// the content follows the next "to"; "calls for <content>", "the need for
// <content>", "demands <content>": it follows the trigger.
size_t DemandTrigger(SentenceWords& words, size_t i, bool* needs_to) {
  const uint32_t w = words.Classes(i);
  if ((w & kCallVerb) && (words.Is(i + 1, "on") || words.Is(i + 1, "upon"))) {
    *needs_to = true;
    return 2;
  }
  const bool for_next = words.Is(i + 1, "for");
  if ((w & kCallVerb) && for_next) {
    *needs_to = false;
    return 2;
  }
  if (w & kUrgeVerb) {
    *needs_to = true;
    return 1;
  }
  if (((w & kNeedWord) && for_next) || (w & kDemandWord)) {
    *needs_to = false;
    return for_next ? 2 : 1;
  }
  return 0;
}

// Marks the words inside demands ("calls on X to <increase pluralism>": the
// addressee is found wanting) and rejected alternatives ("rather than
// <democracy>", "instead of <...>"); words[first_start] is the first with a
// kScopeStarts class (words.size() when none).
void MarkScopes(size_t first_start, SentenceWords& words) {
  auto fill = [&](size_t from, Scope scope) {
    for (size_t k = from, n = 0; k < words.size() && n < kScopeLength; ++k, ++n) {
      // A demand may list its points with commas; an alternative ends with its clause.
      const std::string_view punct = words.Punctuation(k);
      if (punct == ";" || (scope == Scope::kRejected && punct == ",")) break;
      words[k].scope = scope;
    }
  };
  for (size_t i = first_start; i + 1 < words.size(); ++i) {
    const uint32_t classes = words.Classes(i);
    if (!(classes & kScopeStarts)) continue;
    if (((classes & kRather) && words.Is(i + 1, "than")) || ((classes & kInstead) && words.Is(i + 1, "of"))) {
      fill(i + 2, Scope::kRejected);
      continue;
    }
    bool needs_to = false;
    const size_t skip = DemandTrigger(words, i, &needs_to);
    if (skip == 0) continue;
    size_t start = i + skip;
    if (needs_to) {
      while (start < words.size() && start < i + 8 && !words.Is(start, "to")) ++start;
      if (start == words.size() || !words.Is(start, "to")) continue;
      ++start;
    }
    fill(start, Scope::kDemand);
  }
}

}  // namespace

bool MutedTokens::Has(const AnalyzedText& text, size_t token) const {
  const Token& t = text.tokens()[token];
  if (inner_capitals && t.upper_initial && !t.sentence_initial) return true;
  for (const auto& [first, end] : ranges) {
    if (first > token) break;
    if (token < end) return true;
  }
  return false;
}

double NormalizeValence(double sum) { return sum / std::sqrt(sum * sum + 15.0); }

void ScoreSentenceTokens(const AnalyzedText& text, size_t sentence, const SentimentLexicon& lexicon,
                         const MutedTokens& muted, std::vector<TokenValence>* out,
                         std::vector<uint32_t>* classes) {
  out->clear();
  const Sentence& s = text.sentences()[sentence];
  const auto& tokens = text.tokens();
  // Buffers kept per thread: most articles score a sentence or two, and
  // fresh vectors each time would be allocations.
  thread_local std::vector<ScoredWord> scored;
  // Cleared with one memset (a ScoredWord{} is all zero bytes): assign()
  // stored them one at a time.
  static_assert(std::is_trivially_copyable_v<ScoredWord> && Scope::kNone == Scope{});
  scored.resize(s.end_token - s.first_token);
  std::memset(static_cast<void*>(scored.data()), 0, scored.size() * sizeof(ScoredWord));
  thread_local std::vector<uint32_t> own_classes;
  std::vector<uint32_t>& word_classes = classes != nullptr ? *classes : own_classes;
  word_classes.assign(scored.size(), 0);
  thread_local std::vector<SentimentWord> sentiment_words;
  sentiment_words.clear();
  size_t contrast_at = s.end_token;          // first contrast word, if any
  size_t first_scope_start = scored.size();  // MarkScopes starts there
  std::string spare;                         // LexiconWord's scratch: set only when it removed an apostrophe
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord) continue;
    const LexiconWordInfo info = lexicon.FindToken(text, i, &spare);
    const uint32_t at = static_cast<uint32_t>(i - s.first_token);
    word_classes[at] = info.classes;
    if (info.valence != 0) sentiment_words.push_back({at, info.valence});
    if (info.classes & (kContrast | kScopeStarts)) {  // rare: one test for both
      if ((info.classes & kContrast) && contrast_at == s.end_token && i > s.first_token) contrast_at = i;
      if ((info.classes & kScopeStarts) && first_scope_start == scored.size()) first_scope_start = at;
    }
  }
  if (sentiment_words.empty()) return;  // nothing for the rules to act on
  SentenceWords words(text, s.first_token, word_classes, &scored);
  MarkScopes(first_scope_start, words);
  for (const SentimentWord& sentiment : sentiment_words) {
    const size_t i = s.first_token + sentiment.at;
    ScoredWord& w = words[sentiment.at];
    if ((words.Classes(sentiment.at) & (kBooster | kDampener)) || muted.Has(text, i)) continue;
    double valence = sentiment.valence;
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
      const uint32_t before_classes = words.Classes(j - s.first_token);
      if (seen < kWindow && (before_classes & (kBooster | kDampener))) {
        const double scalar = SentimentLexicon::IntensifierScalar(before_classes) * (1.0 - 0.05 * seen);
        valence += valence < 0 ? -scalar : scalar;
      }
      const bool fails_to =
          (before_classes & kFailure) && j + 1 < s.end_token && words.Is(j + 1 - s.first_token, "to");
      negated = negated || (before_classes & kNegator) || fails_to || before.negated;
      ++seen;
    }
    w.negated = negated;
    // A negated fault is not praise ("carries no reprisals", "did not violate
    // the accord"): news states an absence, not a merit. A negated merit is
    // a fault ("not a free vote").
    if (negated) valence = valence < 0 ? 0.0 : valence * kNegationScalar;
    // What a state is asked to do, good or bad, is what it is found lacking.
    if (w.scope == Scope::kDemand) valence = -std::fabs(valence) * -kNegationScalar;
    if (w.scope == Scope::kRejected) valence *= kNegationScalar;
    if (contrast_at != s.end_token) valence *= i < contrast_at ? kBeforeContrast : kAfterContrast;
    out->push_back({static_cast<uint32_t>(i), valence, negated || w.scope == Scope::kRejected});
  }
}

}  // namespace newsmine
