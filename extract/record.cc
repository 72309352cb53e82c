#include "extract/record.h"

#include "core/hash.h"

namespace newsmine {

std::string RecordIdForText(const std::string& text) { return HexDigest128OfCollapsed(text); }

}  // namespace newsmine
