#include "ingest/feed.h"

#include <unicode/ucnv.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "core/utf8.h"
#include "ingest/ascii.h"
#include "ingest/dates.h"
#include "ingest/fetch_url.h"

namespace newsmine {
namespace {

// ---------------------------------------------------------------------------
// A tolerant pull scanner for the XML subset feeds use. It reports start and
// end tags and (entity-decoded) text; comments, processing instructions and
// DOCTYPEs are skipped, CDATA is text. It does not check well-formedness.

struct XmlEvent {
  enum class Type { kStart, kEnd, kText };
  Type type = Type::kText;
  std::string_view name;  // qualified name ("news:title") for tags
  std::vector<std::pair<std::string_view, std::string>> attributes;
  bool self_closing = false;
  std::string text;
};

bool IsXmlSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool IsNameChar(char c) {
  return !IsXmlSpace(c) && c != '>' && c != '/' && c != '=' && c != '<' && c != '"' && c != '\'';
}

// Appends `raw` to *out with the five XML entities and numeric character
// references decoded; anything else ("&nbsp;") is kept as written.
void AppendDecoded(std::string_view raw, std::string* out) {
  static constexpr std::array<std::pair<std::string_view, char>, 5> kNamed = {
      {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}}};
  size_t i = 0;
  while (i < raw.size()) {
    const size_t amp = raw.find('&', i);
    const size_t semi = amp == std::string_view::npos ? amp : raw.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out->append(raw.substr(i));
      return;
    }
    out->append(raw.substr(i, amp - i));
    const std::string_view name = raw.substr(amp + 1, semi - amp - 1);
    bool decoded = false;
    if (name.size() > 1 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string digits(name.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (!digits.empty() && *end == '\0' && cp > 0 && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
        AppendCodePoint(static_cast<char32_t>(cp), out);
        decoded = true;
      }
    } else {
      for (const auto& [entity, c] : kNamed) {
        if (name == entity) {
          out->push_back(c);
          decoded = true;
        }
      }
    }
    if (!decoded) out->append(raw.substr(amp, semi - amp + 1));
    i = semi + 1;
  }
}

class XmlScanner {
 public:
  explicit XmlScanner(std::string_view xml) : xml_(xml) {}

  // Reads the next event; false at the end or where the input stops making
  // sense (an unterminated tag, comment or CDATA section).
  bool Next(XmlEvent* event) {
    while (pos_ < xml_.size()) {
      if (xml_[pos_] != '<') return ReadText(event);
      if (Skip("<!--", "-->") || Skip("<?", "?>")) continue;
      if (StartsWith("<![CDATA[")) return ReadCdata(event);
      if (StartsWith("<!")) {
        if (!SkipDeclaration()) return false;
        continue;
      }
      return ReadTag(event);
    }
    return false;
  }

 private:
  bool StartsWith(std::string_view s) const { return xml_.substr(pos_, s.size()) == s; }

  // Skips a construct from `open` to `close`; false when not at `open`. An
  // unterminated construct swallows the rest of the input.
  bool Skip(std::string_view open, std::string_view close) {
    if (!StartsWith(open)) return false;
    const size_t end = xml_.find(close, pos_ + open.size());
    pos_ = end == std::string_view::npos ? xml_.size() : end + close.size();
    return true;
  }

  // <!DOCTYPE ...>, with an internal subset in [...] skipped unread.
  bool SkipDeclaration() {
    const size_t bracket = xml_.find('[', pos_);
    const size_t gt = xml_.find('>', pos_);
    if (gt == std::string_view::npos) return false;
    if (bracket != std::string_view::npos && bracket < gt) {
      const size_t end = xml_.find("]>", bracket);
      if (end == std::string_view::npos) return false;
      pos_ = end + 2;
    } else {
      pos_ = gt + 1;
    }
    return true;
  }

  bool ReadText(XmlEvent* event) {
    const size_t lt = xml_.find('<', pos_);
    const size_t end = lt == std::string_view::npos ? xml_.size() : lt;
    event->type = XmlEvent::Type::kText;
    event->text.clear();
    AppendDecoded(xml_.substr(pos_, end - pos_), &event->text);
    pos_ = end;
    return true;
  }

  bool ReadCdata(XmlEvent* event) {
    const size_t begin = pos_ + 9;
    const size_t end = xml_.find("]]>", begin);
    if (end == std::string_view::npos) return false;
    event->type = XmlEvent::Type::kText;
    event->text.assign(xml_.substr(begin, end - begin));
    pos_ = end + 3;
    return true;
  }

  bool ReadTag(XmlEvent* event) {
    size_t i = pos_ + 1;
    const bool closing = i < xml_.size() && xml_[i] == '/';
    if (closing) ++i;
    const size_t name_begin = i;
    while (i < xml_.size() && IsNameChar(xml_[i])) ++i;
    event->name = xml_.substr(name_begin, i - name_begin);
    event->attributes.clear();
    event->self_closing = false;
    event->type = closing ? XmlEvent::Type::kEnd : XmlEvent::Type::kStart;
    while (i < xml_.size() && xml_[i] != '>') {
      if (xml_[i] == '/') {
        event->self_closing = true;
        ++i;
      } else if (IsXmlSpace(xml_[i])) {
        ++i;
      } else if (!ReadAttribute(&i, event)) {
        return false;
      }
    }
    if (i >= xml_.size() || event->name.empty()) return false;
    pos_ = i + 1;
    return true;
  }

  bool ReadAttribute(size_t* i, XmlEvent* event) {
    const size_t name_begin = *i;
    while (*i < xml_.size() && IsNameChar(xml_[*i])) ++*i;
    const std::string_view name = xml_.substr(name_begin, *i - name_begin);
    while (*i < xml_.size() && IsXmlSpace(xml_[*i])) ++*i;
    std::string value;
    if (*i < xml_.size() && xml_[*i] == '=') {
      ++*i;
      while (*i < xml_.size() && IsXmlSpace(xml_[*i])) ++*i;
      if (*i >= xml_.size()) return false;
      const char quote = xml_[*i];
      size_t end;
      if (quote == '"' || quote == '\'') {
        end = xml_.find(quote, *i + 1);
        if (end == std::string_view::npos) return false;
        AppendDecoded(xml_.substr(*i + 1, end - *i - 1), &value);
        *i = end + 1;
      } else {
        end = *i;
        while (end < xml_.size() && !IsXmlSpace(xml_[end]) && xml_[end] != '>') ++end;
        AppendDecoded(xml_.substr(*i, end - *i), &value);
        *i = end;
      }
    }
    if (name.empty()) {
      ++*i;  // a stray character such as '"': step over it
      return true;
    }
    event->attributes.emplace_back(name, std::move(value));
    return true;
  }

  std::string_view xml_;
  size_t pos_ = 0;
};

std::string_view LocalName(std::string_view qualified) {
  const size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

std::string_view Prefix(std::string_view qualified) {
  const size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? std::string_view() : qualified.substr(0, colon);
}

std::string_view Attribute(const XmlEvent& event, std::string_view name) {
  for (const auto& [key, value] : event.attributes) {
    if (key == name) return value;
  }
  return {};
}

// Titles are shown to people and stored: valid UTF-8, one space between words.
std::string CleanText(std::string_view s) { return CollapseWhitespace(RepairUtf8(s)); }

// The first element's qualified name, or "" when there is none.
std::string_view RootElement(std::string_view bytes) {
  XmlScanner scanner(bytes);
  XmlEvent event;
  while (scanner.Next(&event)) {
    if (event.type == XmlEvent::Type::kStart) return event.name;
    if (event.type == XmlEvent::Type::kEnd) return {};
    for (char c : event.text) {
      if (!IsXmlSpace(c)) return {};  // text before the root: not XML
    }
  }
  return {};
}

FeedKind KindOfRoot(std::string_view root) {
  const std::string_view local = LocalName(root);
  if (local == "rss" || local == "RDF") return FeedKind::kRss;
  if (local == "feed") return FeedKind::kAtom;
  if (local == "urlset") return FeedKind::kSitemap;
  if (local == "sitemapindex") return FeedKind::kSitemapIndex;
  return FeedKind::kNone;
}

std::string_view SkipBom(std::string_view bytes) {
  return bytes.substr(0, 3) == "\xEF\xBB\xBF" ? bytes.substr(3) : bytes;
}

// The encoding named by the XML declaration, or "".
std::string XmlDeclaredEncoding(std::string_view bytes) {
  if (bytes.substr(0, 5) != "<?xml") return "";
  const std::string_view decl = bytes.substr(0, bytes.find("?>"));
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  const size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return "";
  const size_t end = decl.find(decl[quote], quote + 1);
  if (end == std::string_view::npos) return "";
  return std::string(decl.substr(quote + 1, end - quote - 1));
}

// `bytes` in UTF-8: converted with ICU when `charset` names another encoding.
// Unknown charsets leave the bytes as they are (titles are repaired later).
std::string ToUtf8(std::string_view bytes, const std::string& charset) {
  const std::string lower = AsciiLower(charset);
  if (lower.empty() || lower == "utf-8" || lower == "utf8" || lower == "us-ascii") return std::string(bytes);
  UErrorCode error = U_ZERO_ERROR;
  const int32_t length = static_cast<int32_t>(bytes.size());
  const int32_t needed = ucnv_convert("UTF-8", charset.c_str(), nullptr, 0, bytes.data(), length, &error);
  if (error != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(error)) return std::string(bytes);
  std::string out(static_cast<size_t>(needed), '\0');
  error = U_ZERO_ERROR;
  ucnv_convert("UTF-8", charset.c_str(), out.data(), needed, bytes.data(), length, &error);
  return U_FAILURE(error) ? std::string(bytes) : out;
}

// ---------------------------------------------------------------------------
// Reading entries. One class walks every kind of feed: the kinds differ only
// in which element is an entry and which children carry what.

class FeedReader {
 public:
  FeedReader(FeedKind kind, std::string_view root, const std::string& base_url, size_t max_entries)
      : kind_(kind), root_prefix_(Prefix(root)), base_url_(base_url), max_entries_(max_entries) {}

  Feed Read(std::string_view xml) {
    Feed feed;
    feed.kind = kind_;
    XmlScanner scanner(xml);
    XmlEvent event;
    while (feed.entries.size() < max_entries_ && scanner.Next(&event)) {
      switch (event.type) {
        case XmlEvent::Type::kText:
          text_ += event.text;
          break;
        case XmlEvent::Type::kStart:
          OnStart(event);
          if (event.self_closing) OnEnd(event.name, &feed);
          break;
        case XmlEvent::Type::kEnd:
          OnEnd(event.name, &feed);
          break;
      }
    }
    feed.source_name = CleanText(source_name_);
    return feed;
  }

 private:
  // A main-vocabulary element: the feed's own namespace prefix (RSS items are
  // unprefixed even in rdf:RDF), so that media:title is not the title.
  bool Is(std::string_view qualified, std::string_view local) const {
    const std::string_view own_prefix = kind_ == FeedKind::kRss ? std::string_view() : root_prefix_;
    return Prefix(qualified) == own_prefix && LocalName(qualified) == local;
  }

  bool IsEntryElement(std::string_view name) const {
    switch (kind_) {
      case FeedKind::kRss:
        return Is(name, "item");
      case FeedKind::kAtom:
        return Is(name, "entry");
      case FeedKind::kSitemap:
        return Is(name, "url");
      case FeedKind::kSitemapIndex:
        return Is(name, "sitemap");
      case FeedKind::kNone:
        break;
    }
    return false;
  }

  void OnStart(const XmlEvent& event) {
    text_.clear();
    if (IsEntryElement(event.name)) {
      in_entry_ = true;
      entry_ = Pending();
      if (kind_ == FeedKind::kRss) entry_.fallback_url = TrimAscii(Attribute(event, "rdf:about"));
    } else if (in_entry_ && kind_ == FeedKind::kAtom && Is(event.name, "link") && entry_.url.empty()) {
      const std::string_view rel = Attribute(event, "rel");
      if (rel.empty() || rel == "alternate") entry_.url = TrimAscii(Attribute(event, "href"));
    } else if (in_entry_ && kind_ == FeedKind::kRss && Is(event.name, "guid")) {
      guid_is_link_ = Attribute(event, "isPermaLink") != "false";
    }
    ++depth_;
  }

  void OnEnd(std::string_view name, Feed* feed) {
    --depth_;
    if (IsEntryElement(name) && in_entry_) {
      in_entry_ = false;
      Emit(feed);
    } else if (in_entry_) {
      OnEntryChild(name);
    } else if (source_name_.empty() && IsChannelTitle(name)) {
      source_name_ = text_;
    }
    text_.clear();
  }

  // The title of the channel / feed itself: a title element directly below
  // RSS's <channel> (depth 2) or Atom's <feed> (depth 1).
  bool IsChannelTitle(std::string_view name) const {
    if (kind_ == FeedKind::kRss) return Is(name, "title") && depth_ == 2;
    if (kind_ == FeedKind::kAtom) return Is(name, "title") && depth_ == 1;
    return false;
  }

  void OnEntryChild(std::string_view name) {
    const std::string_view local = LocalName(name);
    const bool own = Is(name, local);
    if (own && (local == "link" || local == "loc") && entry_.url.empty()) {
      entry_.url = TrimAscii(text_);
    } else if (own && local == "title") {
      entry_.title = text_;
    } else if (!own && local == "title" && entry_.title.empty() && kind_ == FeedKind::kSitemap) {
      entry_.title = text_;  // <news:title>
    } else if (own && (local == "pubDate" || local == "published")) {
      entry_.date = text_;
    } else if ((local == "updated" && own) || (local == "date" && !own)) {
      entry_.fallback_date = text_;  // Atom <updated>, RSS 1.0 <dc:date>
    } else if (!own && local == "publication_date") {
      entry_.date = text_;
    } else if (!own && local == "name" && source_name_.empty() && kind_ == FeedKind::kSitemap) {
      source_name_ = text_;  // <news:publication><news:name>
    } else if (own && local == "guid" && guid_is_link_) {
      entry_.fallback_url = TrimAscii(text_);
    }
  }

  void Emit(Feed* feed) {
    const std::string& link = entry_.url.empty() ? entry_.fallback_url : entry_.url;
    FeedEntry entry;
    entry.url = link.empty() ? "" : ResolveUrl(base_url_, link);
    if (entry.url.empty()) return;
    entry.title = CleanText(entry_.title);
    entry.published = NormalizeFeedDate(entry_.date);
    if (entry.published.empty()) entry.published = NormalizeFeedDate(entry_.fallback_date);
    feed->entries.push_back(std::move(entry));
  }

  struct Pending {
    std::string url, fallback_url, title, date, fallback_date;
  };

  const FeedKind kind_;
  const std::string_view root_prefix_;
  const std::string& base_url_;
  const size_t max_entries_;
  int depth_ = 0;
  bool in_entry_ = false;
  bool guid_is_link_ = true;
  Pending entry_;
  std::string text_;
  std::string source_name_;
};

// ---------------------------------------------------------------------------
// Dates.

// Reads exactly `digits` decimal digits at s[*i].
bool ReadNumber(std::string_view s, size_t* i, int digits, int* value) {
  if (*i + digits > s.size()) return false;
  *value = 0;
  for (int k = 0; k < digits; ++k) {
    const char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    *value = *value * 10 + (c - '0');
  }
  *i += digits;
  return true;
}

bool ValidDate(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return year >= 1900 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= kDays[month - 1];
}

bool ValidTime(int hour, int minute, int second) {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 60;
}

// "+02:00" for 120 minutes east of UTC.
std::string OffsetSuffix(int minutes) {
  char buffer[32];
  const int magnitude = minutes < 0 ? -minutes : minutes;
  std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", minutes < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
  return buffer;
}

// W3C datetime (ISO 8601 profile); returns "" unless the whole string is one.
std::string NormalizeIsoDate(std::string_view s) {
  size_t i = 0;
  int year = 0, month = 1, day = 1;
  if (!ReadNumber(s, &i, 4, &year)) return "";
  if (i < s.size() && (s[i] != '-' || !ReadNumber(s, &++i, 2, &month))) return "";
  if (i < s.size() && (s[i] != '-' || !ReadNumber(s, &++i, 2, &day))) return "";
  if (!ValidDate(year, month, day)) return "";
  if (i == s.size()) return std::string(s);
  if (s[i] != 'T' && s[i] != ' ') return "";
  std::string out(s.substr(0, i));
  out.push_back('T');
  const size_t time_begin = ++i;
  int hour = 0, minute = 0, second = 0;
  if (!ReadNumber(s, &i, 2, &hour) || i >= s.size() || s[i] != ':' || !ReadNumber(s, &++i, 2, &minute))
    return "";
  if (i < s.size() && s[i] == ':' && !ReadNumber(s, &++i, 2, &second)) return "";
  if (!ValidTime(hour, minute, second)) return "";
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  }
  out.append(s.substr(time_begin, i - time_begin));
  if (i == s.size()) return out;
  if (s[i] == 'Z' && i + 1 == s.size()) return out + "Z";
  if (s[i] != '+' && s[i] != '-') return "";
  const char sign = s[i++];
  int zone_hours = 0, zone_minutes = 0;
  if (!ReadNumber(s, &i, 2, &zone_hours)) return "";
  if (i < s.size() && s[i] == ':') ++i;
  if (!ReadNumber(s, &i, 2, &zone_minutes) || i != s.size() || zone_hours > 14 || zone_minutes > 59)
    return "";
  return out + OffsetSuffix((sign == '-' ? -1 : 1) * (zone_hours * 60 + zone_minutes));
}

// RFC 822 / 1123 zone as an ISO 8601 suffix, or "" when unknown. A missing
// zone stays missing (local time of the publisher).
bool ZoneSuffix(std::string_view zone, std::string* suffix) {
  static constexpr std::array<std::pair<std::string_view, int>, 12> kNamed = {{{"GMT", 0},
                                                                               {"UT", 0},
                                                                               {"UTC", 0},
                                                                               {"Z", 0},
                                                                               {"EST", -5},
                                                                               {"EDT", -4},
                                                                               {"CST", -6},
                                                                               {"CDT", -5},
                                                                               {"MST", -7},
                                                                               {"MDT", -6},
                                                                               {"PST", -8},
                                                                               {"PDT", -7}}};
  if (zone.empty()) return true;
  int minutes = 0;
  bool known = false;
  for (const auto& [name, hours] : kNamed) {
    if (zone == name) {
      minutes = hours * 60;
      known = true;
    }
  }
  if (!known) {
    size_t i = 1;
    int hh = 0, mm = 0;
    if ((zone[0] != '+' && zone[0] != '-') || !ReadNumber(zone, &i, 2, &hh)) return false;
    if (i < zone.size() && zone[i] == ':') ++i;
    if (!ReadNumber(zone, &i, 2, &mm) || i != zone.size() || hh > 14 || mm > 59) return false;
    minutes = (zone[0] == '-' ? -1 : 1) * (hh * 60 + mm);
  }
  *suffix = minutes == 0 ? "Z" : OffsetSuffix(minutes);
  return true;
}

std::vector<std::string_view> SplitWords(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ',')) ++i;
    const size_t begin = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])) && s[i] != ',') ++i;
    if (i > begin) words.push_back(s.substr(begin, i - begin));
  }
  return words;
}

// "[Day,] DD Mon YYYY HH:MM[:SS] [zone]".
std::string NormalizeRfc822Date(std::string_view s) {
  std::vector<std::string_view> words = SplitWords(s);
  if (!words.empty() && !std::isdigit(static_cast<unsigned char>(words[0][0]))) words.erase(words.begin());
  if (words.size() < 4 || words.size() > 5 || words[0].size() > 2 || words[2].size() > 4) return "";
  const int day = std::atoi(std::string(words[0]).c_str());
  const int month = MonthNumber(words[1]);
  int year = std::atoi(std::string(words[2]).c_str());
  if (words[2].size() == 2) year += year < 50 ? 2000 : 1900;
  if (!ValidDate(year, month, day)) return "";
  int hour = 0, minute = 0, second = 0;
  const std::string_view time = words[3];
  size_t i = 0;
  if (!ReadNumber(time, &i, 2, &hour) || i >= time.size() || time[i] != ':' ||
      !ReadNumber(time, &++i, 2, &minute))
    return "";
  if (i < time.size() && (time[i] != ':' || !ReadNumber(time, &++i, 2, &second))) return "";
  if (i != time.size() || !ValidTime(hour, minute, second)) return "";
  std::string zone;
  if (!ZoneSuffix(words.size() == 5 ? words[4] : std::string_view(), &zone)) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                second);
  return buffer + zone;
}

}  // namespace

const char* FeedKindName(FeedKind kind) {
  switch (kind) {
    case FeedKind::kRss:
      return "rss";
    case FeedKind::kAtom:
      return "atom";
    case FeedKind::kSitemap:
      return "sitemap";
    case FeedKind::kSitemapIndex:
      return "sitemap index";
    case FeedKind::kNone:
      break;
  }
  return "none";
}

FeedKind DetectFeed(std::string_view bytes) { return KindOfRoot(RootElement(SkipBom(bytes))); }

Feed ParseFeed(std::string_view bytes, const std::string& base_url, const std::string& http_charset,
               size_t max_entries) {
  bytes = SkipBom(bytes);
  const std::string_view root = RootElement(bytes);
  const FeedKind kind = KindOfRoot(root);
  if (kind == FeedKind::kNone) return Feed();
  const std::string charset = http_charset.empty() ? XmlDeclaredEncoding(bytes) : http_charset;
  const std::string xml = ToUtf8(bytes, charset);
  const std::string root_name(root);  // `root` points into `bytes`, which `xml` may not be
  return FeedReader(kind, root_name, base_url, max_entries).Read(xml);
}

std::string NormalizeFeedDate(std::string_view text) {
  const std::string trimmed(TrimAscii(text));
  if (trimmed.empty()) return "";
  std::string iso = NormalizeIsoDate(trimmed);
  return iso.empty() ? NormalizeRfc822Date(trimmed) : iso;
}

}  // namespace newsmine
