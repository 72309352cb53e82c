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

#include "core/bytes16.h"
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
// ASCII-compatible charset. Else *ascii tells whether all of `bytes` is
// ASCII (known from the same pass when `bytes` is no longer than the part
// looked at; false otherwise).
Status CheckIsText(std::string_view bytes, bool* ascii) {
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  // Tab, line feed, vertical tab, form feed, carriage return and escape
  // (ISO-2022) occur in text; the other bytes below 0x20, and 0x7F, are
  // counted.
  const auto counted_in = [](Bytes16 x) {
    const Bytes16 in_text = InRange(x, 0x09, 0x0D) | (x == 0x1B);
    return (InRange(x, 0x00, 0x1F) & ~in_text) | (x == 0x7F);
  };
  constexpr size_t kStepBytes = 2 * sizeof(Bytes16);
  size_t controls = 0;
  Bytes16 seen{};  // the bytes, OR-ed: a top bit tells a byte of 0x80 or above
  size_t nul = 0;  // the offset of the first NUL, once a step returns false
  // Thirty-two bytes at p (at `offset` in the sample) with one test for
  // counted bytes: most steps have none. A NUL is one of them, so the first
  // NUL is found in the same pass.
  const auto step = [&](const char* p, size_t offset) {
    Bytes16 x, y;
    std::memcpy(&x, p, sizeof(x));
    std::memcpy(&y, p + sizeof(x), sizeof(y));
    seen |= x | y;
    const Bytes16 counted_x = counted_in(x), counted_y = counted_in(y);
    if (MoveMask(counted_x | counted_y) == 0) return true;
    if (const uint32_t zeros = MoveMask(x == 0) | MoveMask(y == 0) << sizeof(x); zeros != 0) {
      nul = offset + static_cast<size_t>(std::countr_zero(zeros));
      return false;
    }
    // No popcount in the common case: without POPCNT, it is a library call.
    controls += static_cast<size_t>(std::popcount(MoveMask(counted_x)) + std::popcount(MoveMask(counted_y)));
    return true;
  };
  bool no_nul = true;
  size_t i = 0;
  for (; no_nul && i + kStepBytes <= sample.size(); i += kStepBytes) no_nul = step(sample.data() + i, i);
  if (no_nul && i < sample.size()) {
    // The last bytes, then spaces (neither counted nor high) to fill a step.
    std::array<char, kStepBytes> last;
    last.fill(' ');
    std::memcpy(last.data(), sample.data() + i, sample.size() - i);
    no_nul = step(last.data(), i);
  }
  if (!no_nul) return Status::Corrupt("binary content: NUL byte at offset " + std::to_string(nul));
  if (controls * 50 > sample.size()) {
    return Status::Corrupt("binary content: " + std::to_string(controls) +
                           " control characters in the first " + std::to_string(sample.size()) + " bytes");
  }
  *ascii = MoveMask(seen) == 0 && sample.size() == bytes.size();
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
  // Most documents declare none, or UTF-8.
  if (label.empty() || label == "utf-8") return std::string(label);
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
  std::string_view utf8;
  Status s = DecodeToUtf8View(bytes, declared_charset, out, &utf8, repaired, charset);
  if (s.ok() && utf8.data() != out->data()) out->assign(utf8);  // the bytes were kept as they are
  return s;
}

Status DecodeToUtf8View(std::string_view bytes, std::string_view declared_charset, std::string* scratch,
                        std::string_view* utf8, size_t* repaired, std::string* charset) {
  *repaired = 0;
  // A byte-order mark is certain, so it wins even over a declaration.
  const Bom bom = DetectBom(bytes);
  std::string chosen = bom.charset ? bom.charset : UsableLabel(declared_charset);
  bytes.remove_prefix(bom.length);
  // UTF-16/32 are full of NUL bytes; the text check applies to the others.
  const bool wide = chosen.starts_with("utf-16") || chosen.starts_with("utf-32");
  // Valid UTF-8, with nothing to repair: ASCII (the text check notes it),
  // or checked below when no charset is declared.
  bool valid_utf8 = false;
  if (!wide) {
    Status text = CheckIsText(bytes, &valid_utf8);
    if (!text.ok()) return text;
  }
  if (chosen.empty()) {
    chosen = UsableLabel(PrescanMetaCharset(bytes));
    // A page cannot be UTF-16 if its <meta> was readable as ASCII.
    if (chosen.starts_with("utf-16") || chosen.starts_with("utf-32")) chosen = "utf-8";
  }
  if (chosen.empty()) {
    valid_utf8 = valid_utf8 || IsValidUtf8(bytes);
    chosen = valid_utf8 ? "utf-8" : DetectCharset(bytes);
  }
  if (chosen == "utf-8" || !ConvertWithIcu(bytes, chosen, scratch, repaired)) {
    chosen = "utf-8";
    // Repairing valid UTF-8 would copy it unchanged.
    if (valid_utf8 || IsValidUtf8(bytes)) {
      *utf8 = bytes;
    } else {
      *scratch = RepairUtf8(bytes, repaired);
      *utf8 = *scratch;
    }
  } else {
    *utf8 = *scratch;
  }
  if (charset) *charset = chosen;
  return Status::Ok();
}

}  // namespace newsmine
