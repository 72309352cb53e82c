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

bool IsContrast(std::string_view word) {
  return word == "but" || word == "however" || word == "yet" || word == "nevertheless" ||
         word == "nonetheless";
}

// Words that negate an infinitive after them: "failed to protect", "its
// refusal to allow" (but not "the failed coup").
bool IsFailure(std::string_view word) {
  return word == "failure" || word == "failed" || word == "fails" || word == "refusal" || word == "refused" ||
         word == "refuses" || word == "refusing" || word == "unwilling" || word == "unable";
}

bool EndsClause(std::string_view punct) { return punct == "," || punct == ";" || punct == ":"; }

enum class Scope : uint8_t { kNone, kDemand, kRejected };
constexpr size_t kScopeLength = 15;  // words a demand or a rejected alternative spans at most

// Where a demand's content starts, relative to the trigger word at `i`, or 0
// when `i` starts none. "calls on X to <content>", "urged X to <content>":
// the content follows the next "to"; "calls for <content>", "the need for
// <content>", "demands <content>": it follows the trigger.
size_t DemandTrigger(const std::vector<std::string_view>& words, size_t i, bool* needs_to) {
  const std::string_view w = words[i];
  const std::string_view next = i + 1 < words.size() ? words[i + 1] : std::string_view();
  const bool call = w == "call" || w == "calls" || w == "called" || w == "calling";
  if (call && (next == "on" || next == "upon")) {
    *needs_to = true;
    return 2;
  }
  if (call && next == "for") {
    *needs_to = false;
    return 2;
  }
  if (w == "urge" || w == "urges" || w == "urged" || w == "urging" || w == "pressed" || w == "pressing") {
    *needs_to = true;
    return 1;
  }
  if (((w == "need" || w == "needs") && next == "for") || w == "demand" || w == "demands" ||
      w == "demanded" || w == "demanding") {
    *needs_to = false;
    return next == "for" ? 2 : 1;
  }
  return 0;
}

// Marks the words inside demands ("calls on X to <increase pluralism>": the
// addressee is found wanting) and rejected alternatives ("rather than
// <democracy>", "instead of <...>"). `words` are the sentence's lower-cased
// words, empty for punctuation.
std::vector<Scope> MarkScopes(const std::vector<std::string_view>& words, const AnalyzedText& text,
                              size_t offset) {
  std::vector<Scope> scopes(words.size(), Scope::kNone);
  auto fill = [&](size_t from, Scope scope) {
    for (size_t k = from, n = 0; k < words.size() && n < kScopeLength; ++k, ++n) {
      // A demand may list its points with commas; an alternative ends with its clause.
      const std::string_view punct = words[k].empty() ? text.TokenText(offset + k) : std::string_view();
      if (punct == ";" || (scope == Scope::kRejected && punct == ",")) break;
      scopes[k] = scope;
    }
  };
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if ((words[i] == "rather" && words[i + 1] == "than") || (words[i] == "instead" && words[i + 1] == "of")) {
      fill(i + 2, Scope::kRejected);
      continue;
    }
    bool needs_to = false;
    const size_t skip = DemandTrigger(words, i, &needs_to);
    if (skip == 0) continue;
    size_t start = i + skip;
    if (needs_to) {
      while (start < words.size() && start < i + 8 && words[start] != "to") ++start;
      if (start == words.size() || words[start] != "to") continue;
      ++start;
    }
    fill(start, Scope::kDemand);
  }
  return scopes;
}

}  // namespace

double NormalizeValence(double sum) { return sum / std::sqrt(sum * sum + 15.0); }

std::vector<TokenValence> ScoreSentenceTokens(const AnalyzedText& text, size_t sentence,
                                              const SentimentLexicon& lexicon,
                                              const std::vector<uint8_t>& muted) {
  const Sentence& s = text.sentences()[sentence];
  const auto& tokens = text.tokens();
  std::vector<std::string_view> words(s.end_token - s.first_token);
  std::forward_list<std::string> scratch;  // words that lost an apostrophe (allocates only then)
  size_t contrast_at = s.end_token;        // first contrast word, if any
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord) continue;
    std::string spare;
    std::string_view word = LexiconWord(text, i, &spare);
    if (!spare.empty()) word = scratch.emplace_front(std::move(spare));
    words[i - s.first_token] = word;
    if (contrast_at == s.end_token && i > s.first_token && IsContrast(word)) contrast_at = i;
  }
  const std::vector<Scope> scopes = MarkScopes(words, text, s.first_token);
  std::vector<TokenValence> out;
  // Negated sentiment words pass their negation on to the next one within the
  // window: "did nothing to enhance the legitimacy", "not a fair and free vote".
  std::vector<uint8_t> negated_at(words.size(), 0);
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    const std::string_view word = words[i - s.first_token];
    if (word.empty() || muted[i]) continue;
    double valence = lexicon.Valence(word);
    if (valence == 0 || SentimentLexicon::IntensifierScalar(word) != 0) continue;
    // Look back over up to three words, stopping at clause punctuation.
    bool negated = false;
    int seen = 0;
    for (size_t j = i; j > s.first_token && seen < kNegationWindow;) {
      --j;
      if (tokens[j].kind == Token::Kind::kPunct) {
        if (EndsClause(text.TokenText(j))) break;
        continue;
      }
      const std::string_view before = words[j - s.first_token];
      if (seen < kWindow) {
        const double scalar = SentimentLexicon::IntensifierScalar(before) * (1.0 - 0.05 * seen);
        valence += valence < 0 ? -scalar : scalar;
      }
      const bool fails_to = IsFailure(before) && j + 1 < s.end_token && words[j + 1 - s.first_token] == "to";
      negated = negated || SentimentLexicon::IsNegator(before) || fails_to || negated_at[j - s.first_token];
      ++seen;
    }
    negated_at[i - s.first_token] = negated;
    if (negated) valence *= kNegationScalar;
    // What a state is asked to do, good or bad, is what it is found lacking.
    const Scope scope = scopes[i - s.first_token];
    if (scope == Scope::kDemand) valence = -std::fabs(valence) * -kNegationScalar;
    if (scope == Scope::kRejected) valence *= kNegationScalar;
    if (contrast_at != s.end_token) valence *= i < contrast_at ? kBeforeContrast : kAfterContrast;
    out.push_back({static_cast<uint32_t>(i), valence, negated || scope == Scope::kRejected});
  }
  return out;
}

}  // namespace newsmine
