#include "extract/sentiment_scorer.h"

#include <cmath>
#include <string>
#include <string_view>

namespace newsmine {
namespace {

constexpr double kNegationScalar = -0.74;
constexpr double kBeforeContrast = 0.5;
constexpr double kAfterContrast = 1.5;
constexpr int kWindow = 3;

bool IsContrast(std::string_view word) {
  return word == "but" || word == "however" || word == "yet" || word == "nevertheless" ||
         word == "nonetheless";
}

bool EndsClause(std::string_view punct) { return punct == "," || punct == ";" || punct == ":"; }

}  // namespace

double NormalizeValence(double sum) { return sum / std::sqrt(sum * sum + 15.0); }

std::vector<TokenValence> ScoreSentenceTokens(const AnalyzedText& text, size_t sentence,
                                              const SentimentLexicon& lexicon,
                                              const std::vector<uint8_t>& muted) {
  const Sentence& s = text.sentences()[sentence];
  const auto& tokens = text.tokens();
  std::vector<std::string> words(s.end_token - s.first_token);
  size_t contrast_at = s.end_token;  // first contrast word, if any
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    if (tokens[i].kind != Token::Kind::kWord) continue;
    std::string& word = words[i - s.first_token];
    word = LowerWord(text.TokenText(i));
    if (contrast_at == s.end_token && i > s.first_token && IsContrast(word)) contrast_at = i;
  }
  std::vector<TokenValence> out;
  for (size_t i = s.first_token; i < s.end_token; ++i) {
    const std::string& word = words[i - s.first_token];
    if (word.empty() || muted[i]) continue;
    double valence = lexicon.Valence(word);
    if (valence == 0 || SentimentLexicon::IntensifierScalar(word) != 0) continue;
    // Look back over up to three words, stopping at clause punctuation.
    bool negated = false;
    int seen = 0;
    for (size_t j = i; j > s.first_token && seen < kWindow;) {
      --j;
      if (tokens[j].kind == Token::Kind::kPunct) {
        if (EndsClause(text.TokenText(j))) break;
        continue;
      }
      const std::string& before = words[j - s.first_token];
      double scalar = SentimentLexicon::IntensifierScalar(before) * (1.0 - 0.05 * seen);
      valence += valence < 0 ? -scalar : scalar;
      negated = negated || SentimentLexicon::IsNegator(before);
      ++seen;
    }
    if (negated) valence *= kNegationScalar;
    if (contrast_at != s.end_token) valence *= i < contrast_at ? kBeforeContrast : kAfterContrast;
    out.push_back({static_cast<uint32_t>(i), valence});
  }
  return out;
}

}  // namespace newsmine
