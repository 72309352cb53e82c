// PLACEHOLDER: replaced by the state sentiment work (issue 7).
#include "extract/sentiment.h"

namespace newsmine {
namespace {
class PlaceholderStates : public StateSentimentExtractor {
 public:
  std::vector<StateMention> Extract(const AnalyzedText&, const Document&,
                                    const std::vector<Actor>&) const override {
    return {};
  }
};
}  // namespace

Status StateSentimentExtractor::Load(const std::string&, const StateGazetteer*,
                                     std::unique_ptr<StateSentimentExtractor>* out) {
  *out = std::make_unique<PlaceholderStates>();
  return Status::Ok();
}
}  // namespace newsmine
