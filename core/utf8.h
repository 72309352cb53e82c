// UTF-8 helpers shared by the stages. All functions take and return UTF-8;
// none allocates unless it returns a string. Thread-safe (no state).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/bytes16.h"

namespace newsmine {

// Decodes the code point at text[*pos] and advances *pos past it. Invalid or
// truncated sequences yield U+FFFD and advance by one byte, so a loop over
// Next always terminates.
char32_t NextCodePoint(std::string_view text, size_t* pos);

// Appends `cp` to `out` as UTF-8.
void AppendCodePoint(char32_t cp, std::string* out);
// Writes `cp` as UTF-8 (1 to 4 bytes) at `out`; returns the end of what it wrote.
char* EncodeCodePoint(char32_t cp, char* out);

// Returns `bytes` as valid UTF-8: every invalid byte sequence becomes U+FFFD.
// *repaired (if given) receives the number of replacements made.
std::string RepairUtf8(std::string_view bytes, size_t* repaired = nullptr);

// True when every byte of `s` is ASCII (sixteen bytes tested at once).
bool IsAscii(std::string_view s);

// True when `bytes` is entirely valid UTF-8.
bool IsValidUtf8(std::string_view bytes);

// Lower-cases and strips accents (NFKD, combining marks removed) with ICU:
// "Erdoğan" -> "erdogan". Used for matching names, never for output.
std::string FoldForMatch(std::string_view text);

// Collapses runs of white space (including U+00A0) to one ASCII space and
// trims both ends.
std::string CollapseWhitespace(std::string_view text);

// True when CollapseWhitespace(text) == text: no white space at either end,
// none but single ASCII spaces inside.
bool IsCollapsedWhitespace(std::string_view text);

// CollapseWhitespace(text) without a copy when `text` is collapsed already
// (most titles, names and lines are): `text` itself, else the collapsed form
// written to *scratch. The view lives as long as both.
std::string_view CollapsedView(std::string_view text, std::string* scratch);

// Appends CollapseWhitespace(text) to *out. Never needs more than
// text.size() bytes of spare capacity, so views into a buffer reserved ahead
// stay valid.
void AppendCollapsedWhitespace(std::string_view text, std::string* out);

// True for the ASCII white space CollapseWhitespace collapses: space, \t, \n,
// \v, \f and \r.
inline bool IsAsciiSpace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

// True for A-Z and a-z.
inline bool IsAsciiLetter(char c) { return static_cast<unsigned char>((c | 0x20) - 'a') < 26; }

// True for 0-9.
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// True for 0-9, A-Z and a-z.
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiLetter(c); }

namespace utf8_internal {
// The end of the run of bytes from text[from] on that CollapseWhitespace
// copies as they are: bytes that are neither white space nor 0xC2 (which may
// start U+00A0), and single spaces between such bytes. (A caller must not
// count on the run being the longest: it goes on byte by byte after it.)
// Inline: the visitors below call it once per piece.
inline size_t VerbatimRunEnd(std::string_view text, size_t from) {
  // One bit per byte of x (byte k is bit k) that stops the run: a byte below
  // 0x20 (\t to \r among them), 0xC2, or a space before such a byte or a
  // space. The byte after the last one is unknown: it counts as a stop.
  const auto stops_in = [](Bytes16 x) {
    const uint32_t odd = MoveMask((x < 0x20) | (x == 0xC2));
    const uint32_t space = MoveMask(x == ' ');
    const uint32_t next_stops = ((odd | space) >> 1) | (uint32_t{1} << 15);
    return odd | (space & next_stops);
  };
  // The windows overlap by a byte, and only the first fifteen bytes of each
  // are judged: the sixteenth tells whether a space before it stops the run.
  // (Judged in a window of its own, a space there would end the run early
  // in about one window of six in prose, at a cost of two more pieces.)
  constexpr size_t kStep = sizeof(Bytes16) - 1;
  const size_t size = text.size();
  size_t i = from;
  for (; i + sizeof(Bytes16) <= size; i += kStep) {
    Bytes16 x;
    std::memcpy(&x, text.data() + i, sizeof(x));
    if (const uint32_t stops = stops_in(x) & ((uint32_t{1} << kStep) - 1); stops != 0)
      return i + static_cast<size_t>(std::countr_zero(stops));
  }
  if (i == size) return i;
  Bytes16 x{};
  if (size < sizeof(Bytes16)) {
    // Zero bytes after the text are control bytes: the run stops at its end.
    std::memcpy(&x, text.data() + i, size - i);
    return i + static_cast<size_t>(std::countr_zero(stops_in(x)));
  }
  // The sixteen bytes that end the text, shifted down so that text[i] is
  // bit 0; the text's end is a stop (and the unknown byte after the last
  // one is exactly that).
  std::memcpy(&x, text.data() + size - sizeof(Bytes16), sizeof(x));
  const uint32_t stops = stops_in(x) >> (i + sizeof(Bytes16) - size) | uint32_t{1} << (size - i);
  return i + static_cast<size_t>(std::countr_zero(stops));
}

// VisitCollapsedWhitespace, and with kLines, VisitCollapsedLines.
template <bool kLines, typename Visit, typename LineEnd>
void VisitCollapsed(std::string_view text, Visit visit, LineEnd line_end) {
  bool space_pending = false;
  bool any = false;
  size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (kLines && c == '\n') {
      line_end(i);
      space_pending = any = false;
      ++i;
      continue;
    }
    if (IsAsciiSpace(c)) {
      space_pending = any;
      // The spaces after it (an indent, padding) in a tighter loop.
      for (++i; i < text.size() && text[i] == ' ';) ++i;
      continue;
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space_pending = any;  // U+00A0 no-break space
      i += 2;
      continue;
    }
    if (space_pending) visit(std::string_view(" "));
    space_pending = false;
    any = true;
    // The run never passes a line end: '\n' is white space.
    const size_t end = VerbatimRunEnd(text, i + 1);
    visit(text.substr(i, end - i));
    i = end;
  }
  if constexpr (kLines) line_end(text.size());
}
}  // namespace utf8_internal

// Calls visit(piece) with consecutive pieces of CollapseWhitespace(text),
// without building it: " " for a run of white space, and the stretches of
// `text` between such runs (prose comes in long pieces).
template <typename Visit>
void VisitCollapsedWhitespace(std::string_view text, Visit visit) {
  utf8_internal::VisitCollapsed<false>(text, visit, [](size_t) {});
}

// For each line of `text` (the stretches between '\n's; a text ending in '\n'
// ends with an empty line), calls visit(piece) with the pieces of the line's
// CollapseWhitespace as VisitCollapsedWhitespace does, then line_end(index of
// the line's '\n', or text.size() for the last line). One pass over `text`,
// without a call per line.
template <typename Visit, typename LineEnd>
void VisitCollapsedLines(std::string_view text, Visit visit, LineEnd line_end) {
  utf8_internal::VisitCollapsed<true>(text, visit, line_end);
}

}  // namespace newsmine
