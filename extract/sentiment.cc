#include "extract/sentiment.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "extract/sentiment_lexicon.h"
#include "extract/sentiment_scorer.h"
#include "extract/state_references.h"
#include "extract/state_roles.h"

namespace newsmine {
namespace {

constexpr size_t kMaxEvidence = 3;

// What one state collects while the article is read.
struct StateTally {
  std::string_view code;
  int mentions = 0;
  // (sentence, score toward the state), by sentence: references come in
  // text order, so each new sentence goes at the back.
  std::vector<std::pair<uint32_t, double>> sentence_scores;

  // The score of `sentence`, which must have an entry.
  double& ScoreOf(uint32_t sentence) {
    const auto by_sentence = [](const std::pair<uint32_t, double>& entry, uint32_t s) {
      return entry.first < s;
    };
    return std::lower_bound(sentence_scores.begin(), sentence_scores.end(), sentence, by_sentence)->second;
  }
};

class LexiconStateSentiment : public StateSentimentExtractor {
 public:
  LexiconStateSentiment(const StateGazetteer* states, SentimentLexicon lexicon, SentimentMethod method)
      : states_(states), finder_(states), lexicon_(std::move(lexicon)), method_(method) {}

  std::vector<StateMention> Extract(const AnalyzedText& text, const Document& document,
                                    const std::vector<Actor>& actors) const override {
    const std::vector<StateReference> refs = finder_.Find(text, actors, document.published);
    if (refs.empty()) return {};
    std::vector<StateTally> tallies;
    for (const StateReference& ref : refs) {
      auto it = std::find_if(tallies.begin(), tallies.end(),
                             [&](const StateTally& t) { return t.code == ref.code; });
      if (it == tallies.end()) it = tallies.insert(tallies.end(), StateTally{ref.code, 0, {}});
      ++it->mentions;
      if (it->sentence_scores.empty() || it->sentence_scores.back().first != ref.sentence)
        it->sentence_scores.emplace_back(ref.sentence, 0.0);
    }
    if (method_ == SentimentMethod::kTargeted) {
      ScoreTargeted(text, refs, &tallies);
    } else {
      ScoreBaseline(text, &tallies);
    }
    std::vector<StateMention> out;
    for (const StateTally& tally : tallies) out.push_back(Summarize(text, tally));
    return out;
  }

 private:
  void ScoreTargeted(const AnalyzedText& text, const std::vector<StateReference>& refs,
                     std::vector<StateTally>* tallies) const {
    // Tokens that carry no sentiment of their own: the references themselves
    // and, outside headlines, capitalised words inside a sentence (proper
    // names such as "Liberty Party" or "Justice Department").
    MutedTokens muted;
    muted.ranges.reserve(refs.size());
    for (const StateReference& ref : refs) muted.ranges.emplace_back(ref.first_token, ref.end_token);
    // Buffers reused by every scored sentence; the token classes (a word
    // each) from article to article on this thread too.
    thread_local std::vector<uint32_t> token_classes;
    std::vector<TokenValence> valences;
    std::vector<const StateReference*> sentence_refs;
    std::vector<StateRole> roles;
    std::vector<double> received;
    for (size_t begin = 0; begin < refs.size();) {
      size_t end = begin;
      while (end < refs.size() && refs[end].sentence == refs[begin].sentence) ++end;
      const uint32_t sentence = refs[begin].sentence;
      muted.inner_capitals = !refs[begin].headline;
      ScoreSentenceTokens(text, sentence, lexicon_, muted, &valences, &token_classes);
      if (valences.empty()) {  // nothing to attribute: the sentence's scores stay 0
        begin = end;
        continue;
      }
      sentence_refs.clear();
      for (size_t r = begin; r < end; ++r) sentence_refs.push_back(&refs[r]);
      AssignRoles(text, sentence_refs, token_classes, &roles);
      AttributeValences(text, sentence_refs, roles, token_classes, valences, &received);
      // Each state's sentence score: the sum of what its references received.
      for (StateTally& tally : *tallies) {
        double sum = 0;
        bool named = false;
        for (size_t r = 0; r < sentence_refs.size(); ++r) {
          if (sentence_refs[r]->code != tally.code) continue;
          sum += received[r];
          named = true;
        }
        if (named) tally.ScoreOf(sentence) = NormalizeValence(sum);
      }
      begin = end;
    }
  }

  void ScoreBaseline(const AnalyzedText& text, std::vector<StateTally>* tallies) const {
    const MutedTokens none;
    std::vector<TokenValence> valences;
    for (StateTally& tally : *tallies) {
      for (auto& [sentence, score] : tally.sentence_scores) {
        ScoreSentenceTokens(text, sentence, lexicon_, none, &valences);
        double sum = 0;
        for (const TokenValence& v : valences) sum += v.valence;
        score = NormalizeValence(sum);
      }
    }
  }

  StateMention Summarize(const AnalyzedText& text, const StateTally& tally) const {
    StateMention mention;
    mention.code = std::string(tally.code);
    mention.name = states_->DisplayName(tally.code);
    mention.mentions = tally.mentions;
    double positive = 0, negative = 0, sum = 0;  // sentence masses
    std::vector<Evidence> evidence;
    for (const auto& [sentence, score] : tally.sentence_scores) {
      sum += score;
      positive += std::max(score, 0.0);
      negative += std::max(-score, 0.0);
      if (score == 0) continue;
      // The kMaxEvidence strongest sentences, strongest first and equals in
      // text order (what a stable sort would keep): a sentence goes after
      // those at least as strong, and is copied only when it is kept.
      const auto at =
          std::upper_bound(evidence.begin(), evidence.end(), std::fabs(score),
                           [](double strength, const Evidence& e) { return strength > std::fabs(e.score); });
      if (static_cast<size_t>(at - evidence.begin()) >= kMaxEvidence) continue;
      evidence.insert(at, {std::string(text.SentenceText(sentence)), score});
      if (evidence.size() > kMaxEvidence) evidence.pop_back();
    }
    const double n = static_cast<double>(tally.sentence_scores.size());
    if (method_ == SentimentMethod::kSentenceBaseline) {
      mention.sentiment = sum / n;
      // VADER's own three-class thresholds.
      mention.label = mention.sentiment >= 0.05    ? "positive"
                      : mention.sentiment <= -0.05 ? "negative"
                                                   : "neutral";
    } else {
      mention.sentiment = std::clamp((positive - negative) / std::sqrt(n + 1), -1.0, 1.0);
      mention.label = Label(mention.sentiment, positive, negative);
    }
    mention.evidence = std::move(evidence);
    return mention;
  }

  static std::string Label(double sentiment, double positive, double negative) {
    if (positive >= kMixedMass && negative >= kMixedMass &&
        std::min(positive, negative) >= kMixedBalance * std::max(positive, negative)) {
      return "mixed";
    }
    return sentiment >= kLabelThreshold ? "positive" : sentiment <= -kLabelThreshold ? "negative" : "neutral";
  }

  const StateGazetteer* states_;
  StateReferenceFinder finder_;
  SentimentLexicon lexicon_;
  SentimentMethod method_;
};

}  // namespace

Status StateSentimentExtractor::Load(const std::string& data_dir, const StateGazetteer* states,
                                     std::unique_ptr<StateSentimentExtractor>* out) {
  return Load(data_dir, states, SentimentMethod::kTargeted, out);
}

Status StateSentimentExtractor::Load(const std::string& data_dir, const StateGazetteer* states,
                                     SentimentMethod method, std::unique_ptr<StateSentimentExtractor>* out) {
  SentimentLexicon lexicon;
  Status s = lexicon.LoadFile(data_dir + "/lexicons/vader_lexicon.txt");
  if (!s.ok()) return s;
  s = lexicon.LoadFile(data_dir + "/lexicons/political_lexicon.tsv");
  if (!s.ok()) return s;
  *out = std::make_unique<LexiconStateSentiment>(states, std::move(lexicon), method);
  return Status::Ok();
}

}  // namespace newsmine
