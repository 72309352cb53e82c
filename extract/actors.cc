// PLACEHOLDER: replaced by the actor extraction work (issue 5).
#include "extract/actors.h"

namespace newsmine {
namespace {
class PlaceholderActors : public ActorExtractor {
 public:
  std::vector<Actor> Extract(const AnalyzedText&, const Document&) const override { return {}; }
};
}  // namespace

Status ActorExtractor::Load(const std::string&, const std::vector<std::string>&, const StateGazetteer*,
                            std::unique_ptr<ActorExtractor>* out) {
  *out = std::make_unique<PlaceholderActors>();
  return Status::Ok();
}
}  // namespace newsmine
