#include "extract/record.h"

#include "core/hash.h"
#include "core/utf8.h"

namespace newsmine {

std::string RecordIdForText(const std::string& text) { return HexDigest128(CollapseWhitespace(text)); }

}  // namespace newsmine
