// UTF-8 helpers shared by the stages. All functions take and return UTF-8;
// none allocates unless it returns a string. Thread-safe (no state).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsmine {

// Decodes the code point at text[*pos] and advances *pos past it. Invalid or
// truncated sequences yield U+FFFD and advance by one byte, so a loop over
// Next always terminates.
char32_t NextCodePoint(std::string_view text, size_t* pos);

// Appends `cp` to `out` as UTF-8.
void AppendCodePoint(char32_t cp, std::string* out);

// Returns `bytes` as valid UTF-8: every invalid byte sequence becomes U+FFFD.
// *repaired (if given) receives the number of replacements made.
std::string RepairUtf8(std::string_view bytes, size_t* repaired = nullptr);

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Lower-cases and strips accents (NFKD, combining marks removed) with ICU:
// "Erdoğan" -> "erdogan". Used for matching names, never for output.
std::string FoldForMatch(std::string_view text);

// Collapses runs of white space (including U+00A0) to one ASCII space and
// trims both ends.
std::string CollapseWhitespace(std::string_view text);

}  // namespace newsmine
