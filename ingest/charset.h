// Decoding a document's bytes to UTF-8.
//
// The charset is chosen in this order: the charset the container declared
// (HTTP Content-Type, WARC), a byte-order mark, a <meta charset> /
// http-equiv declaration in the first 4 KiB, valid UTF-8, then ICU's charset
// detector (ucsdet). Labels are read as browsers read them: ISO-8859-1,
// Latin-1 and US-ASCII mean windows-1252, a <meta> that claims UTF-16 on
// ASCII-compatible bytes means UTF-8.
//
// Thread-safety: stateless (each call opens its own ICU converters); call
// from any thread.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace newsmine {

// Decodes `bytes` to UTF-8 in *out, replacing its contents (its capacity
// is reused when it suffices). `declared_charset` may be empty.
// *repaired gets the number of invalid or unmappable byte sequences that were
// replaced by U+FFFD; *charset (if given) the name of the charset used.
// Returns kCorrupt "binary content" when the bytes are not text: a NUL byte
// (unless a byte-order mark or the declaration says UTF-16/32) or more than
// 2% C0 control characters in the first 64 KiB.
Status DecodeToUtf8(std::string_view bytes, std::string_view declared_charset, std::string* out,
                    size_t* repaired, std::string* charset = nullptr);

// DecodeToUtf8 without a copy where none is needed: *utf8 is set to `bytes`
// themselves (after a UTF-8 byte-order mark) when they are valid UTF-8 to
// keep as they are, else to the decoded text, written to *scratch as
// DecodeToUtf8 writes *out. The view lives as long as both.
Status DecodeToUtf8View(std::string_view bytes, std::string_view declared_charset, std::string* scratch,
                        std::string_view* utf8, size_t* repaired, std::string* charset = nullptr);

// The charset named by a <meta charset> or <meta http-equiv="Content-Type">
// in the first 4 KiB of `bytes`, lower-cased, or "" when there is none.
std::string PrescanMetaCharset(std::string_view bytes);

}  // namespace newsmine
