#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"
#include "ingest/ascii.h"

namespace newsmine {
namespace {

constexpr size_t kSniffBytes = 64 << 10;
constexpr size_t kPrescanBytes = 4 << 10;

// A charset label as browsers read it, lower-cased; "" for an empty label.
std::string CanonicalLabel(std::string_view label) {
  // Trimmed before it is lower-cased (which changes no byte trimmed), and
  // compared as a view (sizes first): most labels are a short "utf-8".
  const auto trimmed = [](char c) {
    return std::isspace(static_cast<unsigned char>(c)) || c == '"' || c == '\'';
  };
  while (!label.empty() && trimmed(label.front())) label.remove_prefix(1);
  while (!label.empty() && trimmed(label.back())) label.remove_suffix(1);
  std::string s = AsciiLower(label);
  const std::string_view v = s;
  if (v == "iso-8859-1" || v == "iso8859-1" || v == "latin1" || v == "latin-1" || v == "l1" ||
      v == "us-ascii" || v == "ascii" || v == "iso_8859-1" || v == "cp1252") {
    return "windows-1252";
  }
  if (v == "utf8" || v == "unicode-1-1-utf-8") return "utf-8";
  return s;
}

struct Bom {
  const char* charset = nullptr;
  size_t length = 0;
};

Bom DetectBom(std::string_view b) {
  if (b.starts_with("\xEF\xBB\xBF")) return {"utf-8", 3};
  if (b.starts_with(std::string_view("\xFF\xFE\0\0", 4))) return {"utf-32le", 4};
  if (b.starts_with(std::string_view("\0\0\xFE\xFF", 4))) return {"utf-32be", 4};
  if (b.starts_with("\xFF\xFE")) return {"utf-16le", 2};
  if (b.starts_with("\xFE\xFF")) return {"utf-16be", 2};
  return {};
}

// kCorrupt when the start of `bytes` does not look like text in an
// ASCII-compatible charset.
Status CheckIsText(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  const size_t nul = sample.find('\0');
  if (nul != std::string_view::npos) {
    return Status::Corrupt("binary content: NUL byte at offset " + std::to_string(nul));
  }
  size_t controls = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen bytes at a time, counted exactly as the loop below counts them.
  const __m128i max_control = _mm_set1_epi8(0x1F), tab = _mm_set1_epi8(0x09),
                span = _mm_set1_epi8(0x0D - 0x09), escape = _mm_set1_epi8(0x1B), del = _mm_set1_epi8(0x7F),
                zero = _mm_setzero_si128();
  for (; i + 16 <= sample.size(); i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(sample.data() + i));
    const __m128i control = _mm_cmpeq_epi8(_mm_subs_epu8(x, max_control), zero);  // below 0x20
    const __m128i in_text = _mm_or_si128(_mm_cmpeq_epi8(_mm_subs_epu8(_mm_sub_epi8(x, tab), span), zero),
                                         _mm_cmpeq_epi8(x, escape));  // \t to \r, escape
    const __m128i counted = _mm_or_si128(_mm_andnot_si128(in_text, control), _mm_cmpeq_epi8(x, del));
    // Most chunks have none: no popcount (without POPCNT, a library call).
    if (const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(counted)); mask != 0) {
      controls += static_cast<size_t>(std::popcount(mask));
    }
  }
#endif
  // Eight bytes at a time; those with a byte below 0x20 or a 0x7F are looked
  // at one by one.
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  while (i < sample.size()) {
    const size_t end = std::min(i + 8, sample.size());
    if (end - i == 8) {
      uint64_t x;
      std::memcpy(&x, sample.data() + i, 8);
      const uint64_t del = x ^ (kOnes * 0x7F);
      if (((((x - kOnes * 0x20) & ~x) | ((del - kOnes) & ~del)) & kHigh) == 0) {
        i = end;
        continue;
      }
    }
    for (; i < end; ++i) {
      const unsigned char c = static_cast<unsigned char>(sample[i]);
      // Tab, line feed, vertical tab, form feed, carriage return and escape
      // (ISO-2022) occur in text.
      if ((c < 0x20 && (c < 0x09 || c > 0x0D) && c != 0x1B) || c == 0x7F) ++controls;
    }
  }
  if (controls * 50 > sample.size()) {
    return Status::Corrupt("binary content: " + std::to_string(controls) +
                           " control characters in the first " + std::to_string(sample.size()) + " bytes");
  }
  return Status::Ok();
}

// ICU to-Unicode callback: replaces each bad sequence with U+FFFD and counts it.
void SubstituteAndCount(const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to replace
  ++*static_cast<size_t*>(const_cast<void*>(context));
  *err = U_ZERO_ERROR;
  static const UChar kReplacement[] = {0xFFFD};
  ucnv_cbToUWriteUChars(args, kReplacement, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

// Converts with ICU; false when ICU does not know `charset`.
bool ConvertWithIcu(std::string_view bytes, const std::string& charset, std::string* out, size_t* repaired) {
  UErrorCode err = U_ZERO_ERROR;
  Converter source(ucnv_open(charset.c_str(), &err));
  if (U_FAILURE(err)) return false;
  Converter utf8(ucnv_open("utf-8", &err));
  if (U_FAILURE(err)) return false;
  size_t count = 0;
  ucnv_setToUCallBack(source.get(), SubstituteAndCount, &count, nullptr, nullptr, &err);
  out->clear();
  out->reserve(bytes.size() + bytes.size() / 2);
  std::array<UChar, 4096> pivot;
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  std::array<char, 64 << 10> chunk;
  const char* src = bytes.data();
  bool reset = true;
  for (;;) {
    char* target = chunk.data();
    err = U_ZERO_ERROR;
    ucnv_convertEx(utf8.get(), source.get(), &target, chunk.data() + chunk.size(), &src,
                   bytes.data() + bytes.size(), pivot.data(), &pivot_source, &pivot_target,
                   pivot.data() + pivot.size(), reset, true, &err);
    reset = false;
    out->append(chunk.data(), target);
    if (err != U_BUFFER_OVERFLOW_ERROR) break;
  }
  if (U_FAILURE(err)) return false;
  *repaired = count;
  return true;
}

// ICU's best guess for bytes that are not valid UTF-8.
std::string DetectCharset(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&err);
  std::string name;
  if (U_SUCCESS(err)) {
    const std::string_view sample = bytes.substr(0, kSniffBytes);
    ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()), &err);
    // Markup would skew the statistics of an HTML page.
    ucsdet_enableInputFilter(detector, sample.find('<') != std::string_view::npos);
    const UCharsetMatch* match = ucsdet_detect(detector, &err);
    if (U_SUCCESS(err) && match != nullptr) {
      const char* detected = ucsdet_getName(match, &err);
      if (U_SUCCESS(err) && detected != nullptr) name = CanonicalLabel(detected);
    }
  }
  ucsdet_close(detector);
  // Valid UTF-8 was ruled out before; Western European is the safest guess.
  return name.empty() || name == "utf-8" ? "windows-1252" : name;
}

// The canonical form of `label` when ICU has a converter for it, else "".
std::string UsableLabel(std::string_view label) {
  if (label.empty()) return "";  // most documents declare none
  std::string canonical = CanonicalLabel(label);
  if (canonical.empty() || canonical == "utf-8") return canonical;
  UErrorCode err = U_ZERO_ERROR;
  Converter probe(ucnv_open(canonical.c_str(), &err));
  return U_SUCCESS(err) ? canonical : "";
}

}  // namespace

std::string PrescanMetaCharset(std::string_view bytes) {
  // Plain text has no tag: no lower-cased copy then.
  if (bytes.substr(0, kPrescanBytes).find('<') == std::string_view::npos) return "";
  const std::string head = AsciiLower(bytes.substr(0, kPrescanBytes));
  for (size_t meta = head.find("<meta"); meta != std::string::npos; meta = head.find("<meta", meta + 5)) {
    const size_t end = std::min(head.find('>', meta), head.size());
    const std::string_view tag = std::string_view(head).substr(meta, end - meta);
    size_t at = tag.find("charset");
    if (at == std::string_view::npos) continue;
    at += 7;
    while (at < tag.size() && (tag[at] == ' ' || tag[at] == '=' || tag[at] == '"' || tag[at] == '\'')) ++at;
    size_t stop = at;
    while (stop < tag.size() && !std::strchr(" \t\r\n\"';/>", tag[stop])) ++stop;
    if (stop > at) return std::string(tag.substr(at, stop - at));
  }
  return "";
}

Status DecodeToUtf8(std::string_view bytes, std::string_view declared_charset, std::string* out,
                    size_t* repaired, std::string* charset) {
  *repaired = 0;
  // A byte-order mark is certain, so it wins even over a declaration.
  const Bom bom = DetectBom(bytes);
  std::string chosen = bom.charset ? bom.charset : UsableLabel(declared_charset);
  bytes.remove_prefix(bom.length);
  // UTF-16/32 are full of NUL bytes; the text check applies to the others.
  const bool wide = chosen.starts_with("utf-16") || chosen.starts_with("utf-32");
  if (!wide) {
    Status text = CheckIsText(bytes);
    if (!text.ok()) return text;
  }
  if (chosen.empty()) {
    chosen = UsableLabel(PrescanMetaCharset(bytes));
    // A page cannot be UTF-16 if its <meta> was readable as ASCII.
    if (chosen.starts_with("utf-16") || chosen.starts_with("utf-32")) chosen = "utf-8";
  }
  if (chosen.empty()) {
    if (IsValidUtf8(bytes)) {
      // Already checked: copied as it is, with nothing to repair.
      *out = bytes;
      if (charset) *charset = "utf-8";
      return Status::Ok();
    }
    chosen = DetectCharset(bytes);
  }
  if (chosen == "utf-8" || !ConvertWithIcu(bytes, chosen, out, repaired)) {
    chosen = "utf-8";
    *out = RepairUtf8(bytes, repaired);
  }
  if (charset) *charset = chosen;
  return Status::Ok();
}

}  // namespace newsmine
