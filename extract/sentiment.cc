#include "extract/sentiment.h"

#include <algorithm>
#include <array>
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
  uint32_t sentences = 0;      // how many sentences refer to it
  uint32_t last_sentence = 0;  // the last of them, when there is one
};

// The score toward a state of a sentence that refers to it.
struct SentenceScore {
  uint32_t tally = 0;  // index of the state's StateTally
  uint32_t sentence = 0;
  double score = 0;
};

// What Extract works with, kept per thread and reused from article to
// article, so that an article allocates only its output.
struct Scratch {
  std::vector<StateReference> refs;
  std::vector<StateTally> tallies;  // in order of first mention
  // Every (state, sentence) pair once, by sentence: references come in text
  // order, so each new pair goes at the back.
  std::vector<SentenceScore> scores;
  MutedTokens muted;
  std::vector<uint32_t> token_classes;  // a word each: the scored sentence's classes
  std::vector<TokenValence> valences;
  std::vector<const StateReference*> sentence_refs;
  std::vector<StateRole> roles;
  std::vector<double> received;
};

class LexiconStateSentiment : public StateSentimentExtractor {
 public:
  LexiconStateSentiment(const StateGazetteer* states, SentimentLexicon lexicon, SentimentMethod method)
      : states_(states), finder_(states), lexicon_(std::move(lexicon)), method_(method) {}

  std::vector<StateMention> Extract(const AnalyzedText& text, const Document& document,
                                    const std::vector<Actor>& actors) const override {
    thread_local Scratch scratch;
    std::vector<StateReference>& refs = scratch.refs;
    finder_.Find(text, actors, document.published, &refs);
    if (refs.empty()) return {};
    std::vector<StateTally>& tallies = scratch.tallies;
    std::vector<SentenceScore>& scores = scratch.scores;
    tallies.clear();
    scores.clear();
    for (const StateReference& ref : refs) {
      auto it = std::find_if(tallies.begin(), tallies.end(),
                             [&](const StateTally& t) { return t.code == ref.code; });
      if (it == tallies.end()) it = tallies.insert(tallies.end(), StateTally{ref.code});
      ++it->mentions;
      if (it->sentences == 0 || it->last_sentence != ref.sentence) {
        ++it->sentences;
        it->last_sentence = ref.sentence;
        scores.push_back({static_cast<uint32_t>(it - tallies.begin()), ref.sentence, 0.0});
      }
    }
    if (method_ == SentimentMethod::kTargeted) {
      ScoreTargeted(text, &scratch);
    } else {
      ScoreBaseline(text, &scratch);
    }
    std::vector<StateMention> out;
    out.reserve(tallies.size());
    for (size_t t = 0; t < tallies.size(); ++t) out.push_back(Summarize(text, tallies[t], t, scores));
    return out;
  }

 private:
  void ScoreTargeted(const AnalyzedText& text, Scratch* scratch) const {
    const std::vector<StateReference>& refs = scratch->refs;
    const std::vector<StateTally>& tallies = scratch->tallies;
    // Tokens that carry no sentiment of their own: the references themselves
    // and, outside headlines, capitalised words inside a sentence (proper
    // names such as "Liberty Party" or "Justice Department").
    MutedTokens& muted = scratch->muted;
    muted.ranges.clear();
    for (const StateReference& ref : refs) muted.ranges.emplace_back(ref.first_token, ref.end_token);
    std::vector<TokenValence>& valences = scratch->valences;
    std::vector<const StateReference*>& sentence_refs = scratch->sentence_refs;
    std::vector<double>& received = scratch->received;
    size_t first_score = 0;  // the first of scratch->scores for the sentence at hand
    for (size_t begin = 0; begin < refs.size();) {
      size_t end = begin;
      while (end < refs.size() && refs[end].sentence == refs[begin].sentence) ++end;
      const uint32_t sentence = refs[begin].sentence;
      while (scratch->scores[first_score].sentence != sentence) ++first_score;
      muted.inner_capitals = !refs[begin].headline;
      ScoreSentenceTokens(text, sentence, lexicon_, muted, &valences, &scratch->token_classes);
      if (valences.empty()) {  // nothing to attribute: the sentence's scores stay 0
        begin = end;
        continue;
      }
      sentence_refs.clear();
      for (size_t r = begin; r < end; ++r) sentence_refs.push_back(&refs[r]);
      AssignRoles(text, sentence_refs, scratch->token_classes, &scratch->roles);
      AttributeValences(text, sentence_refs, scratch->roles, scratch->token_classes, valences, &received);
      // Each state's sentence score: the sum of what its references received.
      // A dateline ("LONDON, April 7 -") takes its share of the words near it
      // like any reference, but they are not about its state: the story was
      // filed there.
      for (size_t k = first_score; k < scratch->scores.size() && scratch->scores[k].sentence == sentence;
           ++k) {
        SentenceScore& score = scratch->scores[k];
        double sum = 0;
        for (size_t r = 0; r < sentence_refs.size(); ++r) {
          if (sentence_refs[r]->code == tallies[score.tally].code && !sentence_refs[r]->dateline) {
            sum += received[r];
          }
        }
        score.score = NormalizeValence(sum);
      }
      begin = end;
    }
  }

  void ScoreBaseline(const AnalyzedText& text, Scratch* scratch) const {
    const MutedTokens none;
    for (SentenceScore& score : scratch->scores) {
      ScoreSentenceTokens(text, score.sentence, lexicon_, none, &scratch->valences);
      double sum = 0;
      for (const TokenValence& v : scratch->valences) sum += v.valence;
      score.score = NormalizeValence(sum);
    }
  }

  // The mention of the state of `tally`, the tally'th; `scores` are all the
  // states' sentence scores.
  StateMention Summarize(const AnalyzedText& text, const StateTally& tally, size_t t,
                         const std::vector<SentenceScore>& scores) const {
    StateMention mention;
    mention.code = std::string(tally.code);
    mention.name = states_->DisplayName(tally.code);
    mention.mentions = tally.mentions;
    double positive = 0, negative = 0, sum = 0;  // sentence masses
    // The kMaxEvidence strongest sentences, strongest first and equals in
    // text order (what a stable sort would keep): a sentence goes after
    // those at least as strong. Their text is copied once they are known.
    std::array<SentenceScore, kMaxEvidence + 1> strongest;
    size_t kept = 0;
    for (const SentenceScore& score : scores) {
      if (score.tally != t) continue;
      sum += score.score;
      positive += std::max(score.score, 0.0);
      negative += std::max(-score.score, 0.0);
      if (score.score == 0) continue;
      const auto at = std::upper_bound(
          strongest.begin(), strongest.begin() + kept, std::fabs(score.score),
          [](double strength, const SentenceScore& e) { return strength > std::fabs(e.score); });
      if (static_cast<size_t>(at - strongest.begin()) >= kMaxEvidence) continue;
      std::copy_backward(at, strongest.begin() + kept, strongest.begin() + kept + 1);
      *at = score;
      kept = std::min(kept + 1, kMaxEvidence);
    }
    const double n = static_cast<double>(tally.sentences);
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
    mention.evidence.reserve(kept);
    for (size_t e = 0; e < kept; ++e) {
      mention.evidence.push_back({std::string(text.SentenceText(strongest[e].sentence)), strongest[e].score});
    }
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
