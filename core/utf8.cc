#include "core/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "core/bytes16.h"

namespace newsmine {

char32_t NextCodePoint(std::string_view s, size_t* pos) {
  const size_t n = s.size();
  size_t i = *pos;
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    *pos = i + 1;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > n) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return cp;
}

char* EncodeCodePoint(char32_t cp, char* out) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

void AppendCodePoint(char32_t cp, std::string* out) {
  char bytes[4];
  out->append(bytes, static_cast<size_t>(EncodeCodePoint(cp, bytes) - bytes));
}

namespace {

// Length of the valid sequence starting at s[i], or 0 when it is invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  size_t pos = i;
  const char32_t cp = NextCodePoint(s, &pos);
  if (cp == 0xFFFD && pos == i + 1) {
    // U+FFFD itself is 3 bytes, so a 1-byte advance always means invalid.
    return 0;
  }
  return pos - i;
}

// The index of the first byte from s[i] on that is not ASCII, or s.size().
// Text is mostly ASCII: sixteen bytes are tested at once.
size_t SkipAscii(std::string_view s, size_t i) {
  for (; i + sizeof(Bytes16) <= s.size(); i += sizeof(Bytes16)) {
    Bytes16 x;
    std::memcpy(&x, s.data() + i, sizeof(x));
    if (const uint32_t high = MoveMask(x); high != 0) return i + static_cast<size_t>(std::countr_zero(high));
  }
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

}  // namespace

bool IsAscii(std::string_view s) { return SkipAscii(s, 0) == s.size(); }

bool IsValidUtf8(std::string_view s) {
  for (size_t i = SkipAscii(s, 0); i < s.size(); i = SkipAscii(s, i)) {
    const size_t len = ValidSequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

std::string RepairUtf8(std::string_view s, size_t* repaired) {
  size_t count = 0;
  std::string out;
  out.reserve(s.size());
  size_t clean_from = 0;  // start of the run of valid bytes not yet copied
  for (size_t i = SkipAscii(s, 0); i < s.size(); i = SkipAscii(s, i)) {
    const size_t len = ValidSequenceLength(s, i);
    if (len > 0) {
      i += len;
      continue;
    }
    out.append(s.substr(clean_from, i - clean_from));
    out.append("\xEF\xBF\xBD");
    ++count;
    clean_from = ++i;
  }
  out.append(s.substr(clean_from));
  if (repaired) *repaired = count;
  return out;
}

std::string FoldForMatch(std::string_view text) {
  bool ascii = true;
  for (unsigned char c : text) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    std::string out(text);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  icu::UnicodeString source =
      icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString decomposed = U_SUCCESS(status) ? nfkd->normalize(source, status) : source;
  if (U_FAILURE(status)) decomposed = source;
  icu::UnicodeString stripped;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 cp = decomposed.char32At(i);
    i += U16_LENGTH(cp);
    if (u_charType(cp) == U_NON_SPACING_MARK) continue;
    stripped.append(cp);
  }
  stripped.foldCase();
  std::string out;
  stripped.toUTF8String(out);
  return out;
}

std::string CollapseWhitespace(std::string_view text) {
  // Titles, names and lines mostly come collapsed: then one copy.
  if (IsCollapsedWhitespace(text)) return std::string(text);
  std::string out;
  AppendCollapsedWhitespace(text, &out);
  return out;
}

std::string_view CollapsedView(std::string_view text, std::string* scratch) {
  if (IsCollapsedWhitespace(text)) return text;
  scratch->clear();
  AppendCollapsedWhitespace(text, scratch);
  return *scratch;
}

bool IsCollapsedWhitespace(std::string_view text) {
  if (text.empty()) return true;
  if (text.front() == ' ' || text.back() == ' ') return false;
  // Sixteen bytes at `p`, each beside the byte after it (a second load one
  // byte on): true for a pair of spaces, U+00A0, or a byte from \t to \r.
  const auto has_stop = [](const char* p) {
    Bytes16 x, next;
    std::memcpy(&x, p, sizeof(x));
    std::memcpy(&next, p + 1, sizeof(next));
    return MoveMask(((x == ' ') & (next == ' ')) | ((x == 0xC2) & (next == 0xA0)) | InRange(x, '\t', '\r')) !=
           0;
  };
  if (text.size() <= sizeof(Bytes16)) {
    // Zero bytes after the text: none is a stop, nor makes one.
    std::array<char, 2 * sizeof(Bytes16)> padded{};
    std::memcpy(padded.data(), text.data(), text.size());
    return !has_stop(padded.data());
  }
  // Windows sixteen bytes apart, then the one whose second load ends the
  // text; the last byte (no space) is tested apart, as no window's first load
  // has it.
  for (size_t i = 0; i + sizeof(Bytes16) + 1 <= text.size(); i += sizeof(Bytes16)) {
    if (has_stop(text.data() + i)) return false;
  }
  const auto last = static_cast<unsigned char>(text.back());
  return !has_stop(text.data() + text.size() - sizeof(Bytes16) - 1) && !(last >= '\t' && last <= '\r');
}

void AppendCollapsedWhitespace(std::string_view text, std::string* out) {
  const size_t start = out->size();
  out->resize(start + text.size());  // collapsing never lengthens
  char* write = out->data() + start;
  VisitCollapsedWhitespace(text, [&write](std::string_view piece) {
    std::memcpy(write, piece.data(), piece.size());
    write += piece.size();
  });
  out->resize(static_cast<size_t>(write - out->data()));
}

}  // namespace newsmine
