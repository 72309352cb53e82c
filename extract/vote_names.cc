#include "extract/vote_names.h"

#include <algorithm>

#include "core/utf8.h"
#include "extract/vote_words.h"
#include "extract/word_table.h"

namespace newsmine {
namespace {

// Classes of the words that shape names (see NameWords).
enum NameWordClass : uint32_t {
  kStopWord = 1,  // capitalised, does not start a name: function words, pronouns, months, days
  kTitle = 2,     // a title before a name: "President", "Mr"
  kOrgWord = 4,   // names an organisation rather than a person: "Committee", "Times"
};

// The word lists, in one table: a token's classes take one lookup.
const WordClassTable& NameWords() {
  static const WordClassTable* const table = [] {
    auto* words = new WordClassTable;
    words->Add(
        {"the",         "a",         "an",          "in",       "on",        "at",        "with",
         "for",         "from",      "by",          "to",       "of",        "and",       "but",
         "or",          "yet",       "so",          "as",       "if",        "when",      "while",
         "after",       "before",    "since",       "although", "though",    "according", "his",
         "her",         "their",     "its",         "our",      "my",        "your",      "this",
         "that",        "these",     "those",       "he",       "she",       "they",      "it",
         "we",          "i",         "you",         "there",    "here",      "still",     "meanwhile",
         "however",     "also",      "only",        "even",     "both",      "each",      "all",
         "some",        "most",      "many",        "other",    "such",      "among",     "during",
         "under",       "over",      "despite",     "unlike",   "like",      "including", "asked",
         "not",         "no",        "yes",         "what",     "who",       "which",     "where",
         "why",         "how",       "then",        "now",      "today",     "yesterday", "tomorrow",
         "monday",      "tuesday",   "wednesday",   "thursday", "friday",    "saturday",  "sunday",
         "january",     "february",  "march",       "april",    "may",       "june",      "july",
         "august",      "september", "october",     "november", "december",  "jan",       "feb",
         "mar",         "apr",       "jun",         "jul",      "aug",       "sep",       "sept",
         "oct",         "nov",       "dec",         "reuter",   "said",      "one",       "two",
         "three",       "has",       "have",        "had",      "is",        "was",       "are",
         "were",        "will",      "would",       "could",    "should",    "can",       "nevertheless",
         "nonetheless", "moreover",  "furthermore", "instead",  "indeed",    "overall",   "thus",
         "therefore",   "hence",     "besides",     "again",    "otherwise", "later",     "earlier",
         "polls",       "poll",      "survey",      "surveys",  "results",   "voters",    "turnout",
         "figures"},
        kStopWord);
    words->Add({"president",   "vice",          "prime",        "minister",      "premier",
                "chancellor",  "senator",       "sen",          "rep",           "representative",
                "congressman", "congresswoman", "governor",     "gov",           "mayor",
                "mr",          "mrs",           "ms",           "miss",          "dr",
                "sir",         "dame",          "lord",         "lady",          "king",
                "queen",       "prince",        "princess",     "sheikh",        "gen",
                "leader",      "former",        "incumbent",    "candidate",     "nominee",
                "secretary",   "chairman",      "chairwoman",   "speaker",       "deputy",
                "ambassador",  "judge",         "pope",         "presumptive",   "current",
                "podcaster",   "activist",      "businessman",  "businesswoman", "councillor",
                "councilor",   "councilman",    "councilwoman", "alderman",      "commissioner",
                "sheriff"},
               kTitle);
    words->Add({"commission",  "committee",    "council",      "assembly",
                "parliament",  "house",        "senate",       "representatives",
                "institute",   "university",   "times",        "post",
                "journal",     "news",         "herald",       "telegraph",
                "guardian",    "observer",     "tribune",      "gazette",
                "bulletin",    "inc",          "corp",         "ltd",
                "co",          "group",        "company",      "bank",
                "agency",      "ministry",     "department",   "association",
                "federation",  "organization", "organisation", "foundation",
                "research",    "centre",       "center",       "network",
                "television",  "radio",        "service",      "office",
                "court",       "army",         "forces",       "police",
                "board",       "fund",         "trust",        "club",
                "poll",        "survey",       "average",      "international",
                "corporation", "steelworkers", "workers",      "locals",
                "society",     "college",      "school",       "hospital",
                "church",      "museum",       "academy",      "institution"},
               kOrgWord);
    return words;
  }();
  return *table;
}

bool IsStopWordText(std::string_view w) { return NameWords().Of(w) & kStopWord; }
bool IsTitleText(std::string_view w) { return NameWords().Of(w) & kTitle; }
bool IsOrgWordText(std::string_view w) { return NameWords().Of(w) & kOrgWord; }

bool IsNameParticle(std::string_view w) {
  static const FixedWordSet words = {"de", "van", "von", "der", "di", "da", "del",
                                     "du", "la",  "le",  "bin", "al", "dos"};
  return words.contains(w);
}

// Possessives inside party names: "People's Party", "Workers' Union".
bool IsCollectivePossessor(std::string_view w) {
  static const FixedWordSet words = {"people", "workers",  "farmers", "citizens",
                                     "women",  "peasants", "voters",  "pensioners"};
  return words.contains(w);
}

bool IsConnector(std::string_view w) {
  static const FixedWordSet words = {"of", "de",  "van", "von", "der", "bin", "al",
                                     "da", "del", "la",  "du",  "&",   "/"};
  return words.contains(w);
}

// Each part of a hyphenated word: "Liberal-National" -> "liberal", "national".
template <typename Fn>
bool AnyPart(std::string_view word, Fn fn) {
  const std::string lower = AsciiLower(word);
  size_t start = 0;
  while (start <= lower.size()) {
    const size_t dash = lower.find('-', start);
    const std::string_view part =
        std::string_view(lower).substr(start, dash == std::string::npos ? dash : dash - start);
    if (fn(part)) return true;
    if (dash == std::string::npos) break;
    start = dash + 1;
  }
  return false;
}

}  // namespace

bool VoteNames::IsPartyWord(std::string_view word) {
  static const FixedWordSet words = {
      "party",       "alliance",   "coalition", "front",         "union",        "movement",  "bloc",
      "league",      "congress",   "list",      "conservatives", "conservative", "democrats", "democratic",
      "republicans", "republican", "liberals",  "liberal",       "greens",       "green",     "socialists",
      "socialist",   "tories",     "tory",      "labour",        "labor",        "nationals", "national",
      "communists",  "communist",  "moderates", "progressives"};
  return AnyPart(word, [](std::string_view w) { return words.contains(w); });
}

VoteNames::VoteNames(const AnalyzedText& text, const StateGazetteer& states, const std::vector<Actor>& actors)
    : text_(text), states_(states), actors_(actors) {}

bool VoteNames::IsStopWord(size_t i) const {
  const std::string_view w = LowerToken(text_, i);
  if (!IsStopWordText(w)) return false;
  // A month that is also a name ("Jan Novak", "Theresa May") when it stands
  // next to another name word and no number ("May 5", "Jan. 2019").
  if (MonthNumber(w) == 0) return true;
  const auto plain_name = [&](size_t k) {
    const Token& t = text_.tokens()[k];
    return t.kind == Token::Kind::kWord && t.upper_initial && !IsStopWordText(LowerToken(text_, k));
  };
  const auto number = [&](size_t k) { return text_.tokens()[k].kind == Token::Kind::kNumber; };
  const size_t n = text_.tokens().size();
  if ((i > 0 && number(i - 1)) || (i + 1 < n && (number(i + 1) || text_.TokenText(i + 1) == ".")))
    return true;
  if (i > 0 && plain_name(i - 1)) return false;  // "Theresa May"
  // "Jan Novak"; but "In May Labour won" is a date.
  const bool date_word_before =
      i > 0 &&
      IsOneOf(LowerToken(text_, i - 1), {"in", "on", "since", "until", "till", "by", "from", "last", "next",
                                         "early", "late", "mid", "of", "through", "during", "this", "that"});
  return date_word_before || !(i + 1 < n && plain_name(i + 1));
}

bool VoteNames::IsTitle(size_t i) const {
  return text_.tokens()[i].kind == Token::Kind::kWord && IsTitleText(LowerToken(text_, i));
}

bool VoteNames::IsNameToken(size_t i) const {
  const Token& t = text_.tokens()[i];
  if (t.kind != Token::Kind::kWord || !t.upper_initial || IsStopWord(i)) return false;
  if (!t.sentence_initial) return true;
  // "Reportedly, ...": a sentence adverb, not a name.
  const std::string_view word = text_.TokenText(i);
  const bool adverb = word.size() > 4 && word.substr(word.size() - 2) == "ly" &&
                      i + 1 < text_.tokens().size() && text_.TokenText(i + 1) == ",";
  return !adverb && !OccursInLowerCase(i);
}

bool VoteNames::OccursInLowerCase(size_t token) const {
  if (!openers_ready_) {
    openers_ready_ = true;
    FindOpenersInLowerCase();
  }
  return std::binary_search(openers_in_lower_case_.begin(), openers_in_lower_case_.end(), token);
}

void VoteNames::FindOpenersInLowerCase() const {
  // The openers are few (about one a sentence) and the document's words
  // many: the openers go into a table, and each lower-case word is looked
  // up once (mostly turned away by its first byte and length).
  const std::vector<Token>& tokens = text_.tokens();
  WordTable<uint32_t> openers;  // AsciiLower of an opener -> its index in `found`
  std::vector<uint8_t> found;
  std::vector<std::pair<size_t, uint32_t>> opener_tokens;  // each opener token, with its index
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::kWord || !t.upper_initial || !t.sentence_initial) continue;
    const std::string lower = AsciiLower(text_.TokenText(i));
    const uint32_t* index = openers.Find(lower);
    if (index == nullptr) {
      openers.Set(lower, static_cast<uint32_t>(found.size()));
      found.push_back(0);
    }
    opener_tokens.emplace_back(i, index ? *index : static_cast<uint32_t>(found.size() - 1));
  }
  for (size_t i = 0; i < tokens.size() && !found.empty(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::kWord || t.upper_initial) continue;
    if (const uint32_t* index = openers.Find(text_.TokenText(i))) found[*index] = 1;
  }
  for (const auto& [token, index] : opener_tokens) {
    if (found[index]) openers_in_lower_case_.push_back(token);
  }
}

bool VoteNames::IsContender(const NameSpan& span) const {
  for (size_t i = span.first; i < span.end; ++i) {
    if (IsPartyWord(text_.TokenText(i))) return true;
  }
  return LooksLikePerson(span);
}

size_t VoteNames::StateLengthAt(size_t i) const { return states_.Match(text_, i).length; }

std::optional<NameSpan> VoteNames::Strip(size_t first, size_t end) const {
  const size_t raw_first = first;
  // Titles come before the name: "NYC Mayor Ana Lind" -> "Ana Lind".
  for (size_t i = end - 1; i > first; --i) {
    if (IsTitle(i - 1)) {
      first = i;
      break;
    }
  }
  while (first < end) {
    const std::string_view t = text_.TokenText(first);
    if (IsTitle(first) || t == "." || t == "of" || t == "&") {
      ++first;
      continue;
    }
    const size_t state = StateLengthAt(first);
    if (state > 0 && first + state < end) {
      first += state;
      continue;
    }
    break;
  }
  if (first >= end) return std::nullopt;
  if (StateLengthAt(first) == end - first) return std::nullopt;  // the state itself
  return NameSpan{first, end, raw_first};
}

std::optional<NameSpan> VoteNames::RunEndingAt(size_t last) const {
  if (!IsNameToken(last)) return std::nullopt;
  const size_t sentence_first = text_.sentences()[text_.SentenceOf(last)].first_token;
  size_t j = last;
  while (j > sentence_first) {
    const size_t p = j - 1;
    if (IsNameToken(p)) {
      j = p;
      continue;
    }
    const std::string_view t = text_.TokenText(p);
    if (p > sentence_first && t == "." && text_.TokenText(p - 1).size() == 1 &&
        text_.tokens()[p - 1].upper_initial) {
      j = p - 1;  // "J. R. Myers"
      continue;
    }
    // "People's Alliance": a possessive that belongs to the name.
    if (p > sentence_first && (t == "'s" || t == "\xE2\x80\x99s" || t == "'") && IsNameToken(p - 1) &&
        IsCollectivePossessor(LowerToken(text_, p - 1))) {
      j = p - 1;
      continue;
    }
    // "Bank of England", "House of Representatives"; but "Party of President X"
    // is two names.
    if (p > sentence_first && IsConnector(t) && IsNameToken(p - 1) && !IsTitle(j) &&
        (t != "of" || IsOrgWordText(LowerToken(text_, p - 1)) || IsPartyWord(text_.TokenText(p - 1)))) {
      j = p - 1;
      continue;
    }
    break;
  }
  // "de Blasio", "van Dijk": a name particle written in lower case.
  if (j > sentence_first && IsNameParticle(text_.TokenText(j - 1))) --j;
  return Strip(j, last + 1);
}

std::optional<NameSpan> VoteNames::RunStartingAt(size_t first, size_t limit) const {
  if (first >= limit || !IsNameToken(first)) return std::nullopt;
  size_t last = first;
  while (last + 1 < limit) {
    const size_t n = last + 1;
    if (IsNameToken(n)) {
      last = n;
      continue;
    }
    const std::string_view t = text_.TokenText(n);
    if ((t == "'s" || t == "\xE2\x80\x99s" || t == "'") && n + 1 < limit && IsNameToken(n + 1) &&
        IsCollectivePossessor(LowerToken(text_, last))) {
      last = n + 1;
      continue;
    }
    if (t == "." && text_.TokenText(last).size() == 1 && n + 1 < limit && IsNameToken(n + 1)) {
      last = n + 1;
      continue;
    }
    if (IsConnector(t) && n + 1 < limit && IsNameToken(n + 1) && !IsTitle(n + 1) &&
        (t != "of" || IsOrgWordText(LowerToken(text_, last)) || IsPartyWord(text_.TokenText(last)))) {
      last = n + 1;
      continue;
    }
    break;
  }
  std::optional<NameSpan> span = Strip(first, last + 1);
  if (span) span->raw_first = first;
  return span;
}

bool VoteNames::IsPersonalPronoun(size_t token) const {
  return IsOneOf(LowerToken(text_, token), {"he", "she", "his", "her", "him"});
}

bool VoteNames::HasOrgWord(const NameSpan& span) const {
  for (size_t i = span.first; i < span.end; ++i) {
    const std::string_view t = text_.TokenText(i);
    if (IsPartyWord(t) || AnyPart(t, [](std::string_view w) { return IsOrgWordText(w); })) return true;
  }
  return false;
}

bool VoteNames::IsPollster(const NameSpan& span) const {
  const auto poll_word = [&](size_t i) {
    return IsOneOf(LowerToken(text_, i), {"poll", "polls", "survey", "average", "pollster"});
  };
  const size_t n = text_.tokens().size();
  if (span.end < n && poll_word(span.end)) return true;
  // "Eyewitness/Heylen Poll" is a pollster; "Social Democratic/Liberal
  // Alliance" is not.
  if (span.end < n && text_.TokenText(span.end) == "/") {
    for (size_t i = span.end + 1; i < n && i < span.end + 5; ++i) {
      if (poll_word(i)) return true;
    }
  }
  for (size_t i = span.first; i < span.end; ++i) {
    if (IsOneOf(LowerToken(text_, i), {"poll", "survey"})) return true;
  }
  return false;
}

std::vector<std::string_view> VoteNames::Words(const NameSpan& span) const {
  std::vector<std::string_view> out;
  for (size_t i = span.first; i < span.end; ++i) {
    if (text_.tokens()[i].kind == Token::Kind::kWord) out.emplace_back(text_.Folded(i));
  }
  return out;
}

bool VoteNames::LooksLikePerson(const NameSpan& span) const {
  if (HasOrgWord(span) || IsPollster(span)) return false;
  bool all_caps = true;
  for (size_t i = span.first; i < span.end; ++i) {
    if (StateLengthAt(i) > 0) return false;
    if (!text_.tokens()[i].all_upper && text_.TokenText(i).size() > 1) all_caps = false;
  }
  if (all_caps) return false;  // acronyms and wire datelines
  for (size_t i = span.first; i < span.end; ++i) {
    for (char c : text_.TokenText(i)) {
      if (c >= '0' && c <= '9') return false;  // "M3", "G7": not people
    }
  }
  // A known actor settles it, whatever the shape of the name.
  if (const Actor* actor = BestActor(span)) return actor->type == "person";
  return true;
}

const std::vector<VoteNames::Run>& VoteNames::RunsOf(size_t s) const {
  if (sentence_runs_.empty()) {
    sentence_runs_.resize(text_.sentences().size());
    sentence_runs_ready_.assign(text_.sentences().size(), false);
  }
  std::vector<Run>& runs = sentence_runs_[s];
  if (sentence_runs_ready_[s]) return runs;
  sentence_runs_ready_[s] = true;
  const size_t limit = text_.sentences()[s].end_token;
  for (size_t i = text_.sentences()[s].first_token; i < limit; ++i) {
    if (!IsNameToken(i)) continue;
    size_t end = i + 1;
    while (end < limit) {
      const std::string_view t = text_.TokenText(end);
      const bool joins_next = end + 1 < limit && IsNameToken(end + 1);
      const bool initial_period = t == "." && text_.TokenText(end - 1).size() == 1 && joins_next;
      if (!IsNameToken(end) && !initial_period && !(IsNameParticle(t) && joins_next)) break;
      ++end;
    }
    if (std::optional<NameSpan> span = Strip(i, end)) runs.push_back({*span, Words(*span)});
    i = end - 1;
  }
  return runs;
}

std::string VoteNames::Fullest(const NameSpan& span) const {
  const std::string own = CollapseWhitespace(text_.Span(span.first, span.end));
  const std::vector<std::string_view> words = Words(span);
  if (words.empty()) return own;
  const bool person = LooksLikePerson(span);
  // A longer form of a person's name ends with the same word; a party's
  // ends with "party". Sentences without that word have no run to look at.
  const std::string_view last_word = person ? words.back() : "party";
  std::string best = own;
  size_t best_words = words.size();
  const std::vector<Sentence>& sentences = text_.sentences();
  for (size_t s = 0; s < sentences.size(); ++s) {
    bool has_last_word = false;
    for (size_t i = sentences[s].first_token; i < sentences[s].end_token && !has_last_word; ++i) {
      has_last_word = text_.tokens()[i].kind == Token::Kind::kWord && text_.Folded(i) == last_word;
    }
    if (!has_last_word) continue;
    for (const Run& run : RunsOf(s)) {
      const std::vector<std::string_view>& other = run.words;
      if (other.size() <= best_words || other.size() > 4) continue;
      if (person) {
        // "Biden" -> "Joe Biden": a longer person name ending the same way
        // (the cheaper test first).
        if (!std::equal(words.begin(), words.end(),
                        other.end() - static_cast<std::ptrdiff_t>(words.size())) ||
            !LooksLikePerson(run.span)) {
          continue;
        }
      } else if (!(other.size() == words.size() + 1 && other.back() == "party" &&
                   std::equal(words.begin(), words.end(), other.begin()))) {
        continue;  // parties grow only by "Party": "Labour" -> "Labour Party"
      }
      best = CollapseWhitespace(text_.Span(run.span.first, run.span.end));
      best_words = other.size();
    }
  }
  return best;
}

const Actor* VoteNames::BestActor(const NameSpan& span) const {
  // The actor whose name holds every word of the span, with the fewest other
  // words: "Labour" is "Labour Party" rather than "Labour Party conference".
  const std::vector<std::string_view> words = Words(span);
  if (words.empty()) return nullptr;
  std::vector<std::string> needles;
  for (std::string_view w : words) needles.push_back(" " + std::string(w) + " ");
  if (padded_actor_names_.size() != actors_.size()) {
    padded_actor_names_.clear();
    for (const Actor& actor : actors_) padded_actor_names_.push_back(" " + FoldForMatch(actor.name) + " ");
  }
  const Actor* best = nullptr;
  size_t best_size = 0;
  for (size_t a = 0; a < actors_.size(); ++a) {
    const std::string& padded = padded_actor_names_[a];
    bool all = true;
    for (const std::string& needle : needles) all = all && padded.find(needle) != std::string::npos;
    const size_t folded_size = padded.size() - 2;
    if (!all || (best != nullptr && folded_size >= best_size)) continue;
    best = &actors_[a];
    best_size = folded_size;
  }
  return best;
}

VoteHolder VoteNames::Holder(const NameSpan& span) const {
  VoteHolder holder;
  holder.who = Fullest(span);
  for (size_t i = span.first; i < span.end; ++i) {
    if (IsPartyWord(text_.TokenText(i))) holder.is_party = true;
  }
  // A lone acronym holding votes is a party ("ANC", "PAP"), rarely a person.
  if (span.end == span.first + 1 && text_.tokens()[span.first].all_upper) holder.is_party = true;
  if (const Actor* best = BestActor(span)) {
    holder.who = best->name;
    holder.actor = best->id;
    holder.actor_state = best->state;
    holder.is_party = best->type == "organization";
  }
  return holder;
}

std::optional<NameSpan> VoteNames::ResolvePronoun(size_t token) const {
  constexpr size_t kLookBack = 150;  // tokens
  const size_t stop = token > kLookBack ? token - kLookBack : 0;
  for (size_t i = token; i-- > stop;) {
    if (!IsNameToken(i)) continue;
    const std::optional<NameSpan> span = RunEndingAt(i);
    if (!span) continue;
    if (LooksLikePerson(*span)) return span;
    i = span->raw_first;
    if (i <= stop) break;
  }
  return std::nullopt;
}

}  // namespace newsmine
