// The JSON form of a Record, exactly as ../shared/CONTRACT.md fixes it: one
// object, UTF-8, no pretty-printing, no trailing newline. Unknown fields are
// ignored when reading, so older programs read newer stores.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "extract/record.h"

namespace newsmine {

// Appends the record's JSON (one line, no newline) to *out.
void AppendRecordJson(const Record& record, std::string* out);

// Parses one record. Returns kCorrupt with the parser's message for text that
// is not a JSON object; missing fields are left empty.
Status ParseRecordJson(std::string_view json, Record* out);

}  // namespace newsmine
