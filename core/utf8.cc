#include "core/utf8.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

namespace utf8_internal {

size_t VerbatimRunEnd(std::string_view text, size_t from) {
  const auto plain = [](unsigned char c) { return c > ' ' && c != 0xC2; };
  size_t i = from;
#if defined(__SSE2__)
  // Sixteen bytes at a time, with one mask bit per byte (byte k is bit k):
  // the stops are as in the eight-byte loop below, without borrows.
  const __m128i max_control = _mm_set1_epi8(0x1F), lead_byte = _mm_set1_epi8(static_cast<char>(0xC2)),
                space_byte = _mm_set1_epi8(' '), zero = _mm_setzero_si128();
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    // Saturating subtraction leaves zero exactly for the bytes below 0x20.
    const auto control =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_subs_epu8(x, max_control), zero)));
    const auto lead = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, lead_byte)));
    const auto space = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(x, space_byte)));
    // The byte after the last one is unknown: count it as not plain.
    const uint32_t next_not_plain = ((control | lead | space) >> 1) | (uint32_t{1} << 15);
    if (const uint32_t stops = control | lead | (space & next_not_plain); stops != 0) {
      return i + static_cast<size_t>(std::countr_zero(stops));
    }
  }
#endif
  if constexpr (std::endian::native == std::endian::little) {
    // Eight bytes at a time. Each mask flags the bytes of one kind; a flag
    // can be false only above a true flag of the same mask (a borrow), so
    // the lowest stop is a true one or a space before "!", where stopping
    // early is harmless. Byte k + 1 sits 8 bits above byte k.
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const auto zero_bytes = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
    const auto stops_in = [&](uint64_t x) {
      const uint64_t control = (x - kOnes * 0x20) & ~x & kHigh;  // below 0x20: \t, \n, ...
      const uint64_t lead = zero_bytes(x ^ (kOnes * 0xC2));
      const uint64_t space = zero_bytes(x ^ (kOnes * 0x20));
      // The byte after the last one is unknown: count it as not plain.
      const uint64_t next_not_plain = ((control | lead | space) >> 8) | (uint64_t{0x80} << 56);
      return control | lead | (space & next_not_plain);
    };
    while (i + 8 <= text.size()) {
      uint64_t x;
      std::memcpy(&x, text.data() + i, 8);
      if (const uint64_t stops = stops_in(x); stops != 0) {
        return i + static_cast<size_t>(std::countr_zero(stops)) / 8;
      }
      i += 8;
    }
    // The last few bytes: the eight that end the text, shifted down so that
    // text[i] comes first. The zero bytes shifted in are control bytes, so
    // the run stops at the text's end at the latest.
    if (i < text.size() && text.size() >= 8) {
      uint64_t x;
      std::memcpy(&x, text.data() + text.size() - 8, 8);
      x >>= 8 * (i + 8 - text.size());
      return i + static_cast<size_t>(std::countr_zero(stops_in(x))) / 8;
    }
  }
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (plain(c)) {
      ++i;
    } else if (c == ' ' && i + 1 < text.size() && plain(static_cast<unsigned char>(text[i + 1]))) {
      i += 2;
    } else {
      break;
    }
  }
  return i;
}

}  // namespace utf8_internal

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
#if defined(__SSE2__)
  // Sixteen bytes at `p`, each beside the byte after it (a second load one
  // byte on): true for a pair of spaces, U+00A0, or a byte from \t to \r.
  const auto has_stop = [](const char* p) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i space_run = _mm_and_si128(_mm_cmpeq_epi8(x, space), _mm_cmpeq_epi8(next, space));
    const __m128i no_break = _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC2))),
                                           _mm_cmpeq_epi8(next, _mm_set1_epi8(static_cast<char>(0xA0))));
    // After subtracting '\t', the bytes \t to \r are 0 to 4: subtracting 4
    // more with saturation leaves zero.
    const __m128i control = _mm_cmpeq_epi8(
        _mm_subs_epu8(_mm_sub_epi8(x, _mm_set1_epi8('\t')), _mm_set1_epi8(4)), _mm_setzero_si128());
    return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(space_run, no_break), control)) != 0;
  };
  if (text.size() < 17) {
    // Zero bytes after the text: none is a stop, nor makes one.
    std::array<char, 32> padded{};
    std::memcpy(padded.data(), text.data(), text.size());
    return !has_stop(padded.data());
  }
  // Windows sixteen bytes apart, then the one whose second load ends the
  // text; the last byte (no space) is tested apart, as no window's first load
  // has it.
  for (size_t i = 0; i + 17 <= text.size(); i += 16) {
    if (has_stop(text.data() + i)) return false;
  }
  const auto last = static_cast<unsigned char>(text.back());
  return !has_stop(text.data() + text.size() - 17) && !(last >= '\t' && last <= '\r');
#else
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool space_run = c == ' ' && text[i + 1] == ' ';  // the last byte is not a space
    const bool no_break = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
    if (space_run || no_break || (c >= '\t' && c <= '\r')) return false;
  }
  return true;
#endif
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
