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

// Calls visit(piece) with consecutive pieces of CollapseWhitespace(text),
// without building it: runs of non-space bytes, and " " between them.
template <typename Visit>
void VisitCollapsedWhitespace(std::string_view text, Visit visit) {
  size_t i = 0;
  bool pending_space = false;
  bool any = false;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t space = 0;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      space = 1;
    } else if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = 2;  // U+00A0 no-break space
    }
    if (space) {
      pending_space = any;
      i += space;
      continue;
    }
    size_t end = i + 1;
    while (end < text.size()) {
      const unsigned char d = static_cast<unsigned char>(text[end]);
      if (d == ' ' || d == '\t' || d == '\n' || d == '\r' || d == '\f' || d == '\v' || d == 0xC2) break;
      ++end;
    }
    if (pending_space) visit(std::string_view(" "));
    pending_space = false;
    visit(text.substr(i, end - i));
    any = true;
    i = end;
  }
}

}  // namespace newsmine
