// PLACEHOLDER: replaced by the vote extraction work (issue 6).
#include "extract/votes.h"

namespace newsmine {
namespace {
class PlaceholderVotes : public VoteExtractor {
 public:
  std::vector<Vote> Extract(const AnalyzedText&, const Document&, const std::vector<Actor>&) const override {
    return {};
  }
};
}  // namespace

Status VoteExtractor::Load(const std::string&, const StateGazetteer*, std::unique_ptr<VoteExtractor>* out) {
  *out = std::make_unique<PlaceholderVotes>();
  return Status::Ok();
}
}  // namespace newsmine
