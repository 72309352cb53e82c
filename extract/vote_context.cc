#include "extract/vote_context.h"

#include <boost/regex.hpp>
#include <cstdio>
#include <fstream>
#include <map>

#include "core/utf8.h"
#include "extract/vote_words.h"

namespace newsmine {
namespace {

std::vector<std::string> SplitWords(std::string_view phrase) {
  std::vector<std::string> out;
  const AnalyzedText analyzed(phrase);
  for (size_t i = 0; i < analyzed.tokens().size(); ++i) out.emplace_back(analyzed.Folded(i));
  return out;
}

// The sentence-level cue classes of a word (see CueWords).
enum CueClass : uint32_t {
  kVoteCue = 1,       // speaks of voting, elections or polls
  kPollCue = 2,       // speaks of an opinion poll
  kResultCue = 4,     // speaks of a result
  kResultVerb = 8,    // reports a share won: "won 13 percent", "took 15 percent"
  kElectionKind = 16  // names a kind of election (KindOfWord)
};

// Descriptor words and the election kind each names.
struct ElectionKindWord {
  std::string_view word;
  std::string_view kind;
};
constexpr ElectionKindWord kElectionKindWords[] = {
    {"presidential", "presidential election"},
    {"parliamentary", "parliamentary election"},
    {"legislative", "parliamentary election"},
    {"general", "parliamentary election"},
    {"congressional", "parliamentary election"},
    {"midterm", "parliamentary election"},
    {"midterms", "parliamentary election"},
    {"primary", "primary election"},
    {"primaries", "primary election"},
    {"caucus", "primary election"},
    {"caucuses", "primary election"},
    {"referendum", "referendum"},
    {"plebiscite", "referendum"},
    {"by-election", "by-election"},
    {"by-elections", "by-election"},
    {"byelection", "by-election"},
    {"local", "local election"},
    {"municipal", "local election"},
    {"mayoral", "local election"},
    {"gubernatorial", "local election"},
    {"regional", "local election"},
    {"provincial", "local election"},
    {"county", "local election"},
};

// Every word that gives a sentence a cue, with its classes: most words of a
// sentence have none, and ComputeFacts skips them after one lookup.
const WordClassTable& CueWords() {
  static const WordClassTable* const table = [] {
    auto* words = new WordClassTable;
    words->Add({"vote",         "votes",       "voted",      "voting",    "voter",      "voters",
                "ballot",       "ballots",     "election",   "elections", "electoral",  "elected",
                "electorate",   "re-election", "reelection", "poll",      "polls",      "polled",
                "polling",      "pollster",    "pollsters",  "survey",    "surveys",    "surveyed",
                "respondents",  "referendum",  "plebiscite", "primaries", "caucus",     "caucuses",
                "runoff",       "run-off",     "turnout",    "approval",  "popularity", "favourability",
                "favorability", "nominee",     "nomination", "candidate", "candidates", "tally"},
               kVoteCue);
    words->Add({"poll",         "polls",      "polled",      "polling",      "pollster",
                "pollsters",    "survey",     "surveys",     "surveyed",     "respondents",
                "approval",     "approved",   "disapproved", "popularity",   "favourability",
                "favorability", "favourable", "favorable",   "unfavourable", "unfavorable",
                "rating",       "ratings",    "average",     "canvassed",    "opinion"},
               kPollCue);
    words->Add({"won", "received", "took", "garnered", "secured", "captured", "elected", "defeated",
                "victory", "victorious", "results", "result", "tally", "official", "turnout", "ballot",
                "ballots", "voted", "cast"},
               kResultCue);
    words->Add({"won", "took", "taking", "garnered", "secured", "captured", "polled", "received", "got"},
               kResultVerb);
    for (const ElectionKindWord& k : kElectionKindWords) words->Add(k.word, kElectionKind);
    return words;
  }();
  return *table;
}

// "went to the polls", "polling stations", "polls closed": voting, not an opinion poll.
bool IsVotingPollUse(const AnalyzedText& text, size_t i, size_t end) {
  const std::string_view w = LowerToken(text, i);
  if (w == "polling" && i + 1 < end) {
    return IsOneOf(LowerToken(text, i + 1),
                   {"station", "stations", "booth", "booths", "day", "place", "places"});
  }
  if (w != "polls") return false;
  if (i + 1 < end && IsOneOf(LowerToken(text, i + 1), {"closed", "close", "opened", "open"})) return true;
  return i >= 2 && LowerToken(text, i - 1) == "the" && IsOneOf(LowerToken(text, i - 2), {"to", "at"});
}

// The election kind a descriptor word names, or empty.
std::string_view KindOfWord(std::string_view w) {
  for (const ElectionKindWord& k : kElectionKindWords) {
    if (k.word == w) return k.kind;
  }
  return {};
}

// Descriptors that name an election on their own ("the referendum"); the
// others need an election noun after them ("presidential election").
bool StandsAlone(std::string_view kind) {
  return kind == "primary election" || kind == "referendum" || kind == "by-election";
}

// Words that may follow an election noun without being a noun it qualifies:
// "the primary in Iowa", "the referendum was".
bool IsFunctionWord(std::string_view w) {
  static const FixedWordSet words = {"in",    "on",    "for",  "of",   "and",   "or",     "was",   "is",
                                     "will",  "would", "at",   "to",   "last",  "this",   "next",  "that",
                                     "which", "with",  "by",   "from", "after", "before", "since", "has",
                                     "had",   "where", "when", "as",   "but"};
  return words.contains(w);
}

bool IsElectionNoun(std::string_view w) {
  static const FixedWordSet words = {"election", "elections", "vote",   "race",    "contest",    "ballot",
                                     "poll",     "polls",     "run",    "nominee", "nomination", "campaign",
                                     "primary",  "primaries", "runoff", "run-off"};
  return words.contains(w);
}

std::optional<int> YearAt(const AnalyzedText& text, size_t i) {
  if (text.tokens()[i].kind != Token::Kind::kNumber) return std::nullopt;
  const std::string_view t = text.TokenText(i);
  if (t.size() != 4) return std::nullopt;
  const int y = std::atoi(std::string(t).c_str());
  return y >= 1900 && y <= 2099 ? std::optional<int>(y) : std::nullopt;
}

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string IsoDateFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const long y = static_cast<long>(yoe) + era * 400 + (m <= 2);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

// The days of an ISO date ("1987-04-08", or a date-time starting with one).
std::optional<long> DaysFromIsoDate(std::string_view iso) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (iso.size() < 10 ||
      std::sscanf(std::string(iso.substr(0, 10)).c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 ||
      m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return DaysFromCivil(y, m, d);
}

// 0 = Monday ... 6 = Sunday.
int WeekdayOfDays(long days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

int WeekdayNumber(std::string_view word) {
  static constexpr std::string_view kDays[] = {"monday", "tuesday",  "wednesday", "thursday",
                                               "friday", "saturday", "sunday"};
  const std::string w = AsciiLower(word);
  for (int i = 0; i < 7; ++i) {
    if (w == kDays[i]) return i;
  }
  return -1;
}

}  // namespace

Status Subnational::LoadFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read " + path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab != 3 || tab + 1 >= line.size()) {
      return Status::Corrupt(path + ":" + std::to_string(number) + ": expected ISO3<TAB>name");
    }
    Add(line.substr(0, tab), line.substr(tab + 1));
  }
  return Status::Ok();
}

void Subnational::Add(std::string_view code, std::string_view name) {
  Unit unit{SplitWords(name), std::string(code)};
  if (unit.folded.empty()) return;
  by_first_token_[unit.folded[0]].push_back(std::move(unit));
}

std::string Subnational::MatchAt(const AnalyzedText& text, size_t first, size_t* length) const {
  *length = 0;
  if (!text.tokens()[first].upper_initial) return {};
  const auto it = by_first_token_.find(std::string(text.Folded(first)));
  if (it == by_first_token_.end()) return {};
  std::string code;
  for (const Unit& unit : it->second) {
    if (unit.folded.size() <= *length || first + unit.folded.size() > text.tokens().size()) continue;
    bool match = true;
    for (size_t k = 1; k < unit.folded.size() && match; ++k) {
      match = text.tokens()[first + k].upper_initial && text.Folded(first + k) == unit.folded[k];
    }
    if (!match) continue;
    *length = unit.folded.size();
    code = unit.code;
  }
  return code;
}

VoteContext::VoteContext(const AnalyzedText& text, const Document& document, const StateGazetteer& states,
                         const Subnational& subnational)
    : text_(text), document_(document), states_(states), subnational_(subnational) {
  sentences_.resize(text.sentences().size());
}

const VoteContext::SentenceFacts& VoteContext::Facts(size_t s) const {
  SentenceFacts& facts = sentences_[s].facts;
  if (!facts.computed) ComputeFacts(s, &facts);
  return facts;
}

void VoteContext::ComputeFacts(size_t s, SentenceFacts* facts) const {
  facts->computed = true;
  const Sentence& sentence = text_.sentences()[s];
  const WordClassTable& cue_words = CueWords();
  for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
    if (text_.tokens()[i].kind != Token::Kind::kWord) continue;
    const std::string_view w = LowerToken(text_, i);
    const uint32_t cues = cue_words.Of(w);
    if (cues == 0) continue;  // every test below needs one of the classes
    const bool approval_rating = w == "approval" && i + 1 < sentence.end_token &&
                                 IsOneOf(LowerToken(text_, i + 1), {"rating", "ratings"});
    if ((cues & kVoteCue) || approval_rating) facts->vote_cue = true;
    // "approved of the way he ..." is a poll finding; "voters approved the
    // law" is a result.
    const bool approves_of = !IsOneOf(w, {"approved", "disapproved"}) ||
                             (i + 1 < sentence.end_token && LowerToken(text_, i + 1) == "of");
    // "X polled 18 percent" is a result; "those polled" a poll.
    const bool polled_share =
        w == "polled" && i + 1 < sentence.end_token &&
        (text_.tokens()[i + 1].kind == Token::Kind::kNumber ||
         IsOneOf(LowerToken(text_, i + 1), {"only", "just", "about", "nearly", "around"}));
    if ((cues & kPollCue) && approves_of && !polled_share && !IsVotingPollUse(text_, i, sentence.end_token)) {
      facts->poll_cue = true;
    }
    if (cues & kResultCue) facts->result_cue = true;
    if (cues & kResultVerb) facts->result_verb = true;
    if (!facts->election.empty() || !(cues & kElectionKind)) continue;
    const std::string_view kind = KindOfWord(w);
    // "primary" before another noun is an adjective: "primary market",
    // "primary capital ratio", "primary school".
    const bool adjective = i + 1 < sentence.end_token && text_.tokens()[i + 1].kind == Token::Kind::kWord &&
                           !text_.tokens()[i + 1].upper_initial && !IsFunctionWord(LowerToken(text_, i + 1));
    bool named = StandsAlone(kind) && !(w == "primary" && adjective);
    for (size_t k = i + 1; k < sentence.end_token && k <= i + 3 && !named; ++k) {
      named = IsElectionNoun(LowerToken(text_, k));
    }
    if (!named) continue;
    facts->election = std::string(kind);
    if (IsOneOf(w, {"runoff", "run-off"})) facts->election += ", second round";
    facts->election_state = StateIn(i >= sentence.first_token + 4 ? i - 4 : sentence.first_token, i);
    if (facts->election_state.empty())
      facts->election_state = StateIn(i + 1, std::min<size_t>(i + 7, sentence.end_token));
  }
  if (facts->election.empty()) return;
  facts->vote_cue = true;  // "the Senate primary" speaks of voting
  // Round words anywhere in the sentence refine the election.
  const std::string lower = AsciiLower(text_.SentenceText(s));
  if (lower.find("second round") != std::string::npos || lower.find("run-off") != std::string::npos ||
      lower.find("runoff") != std::string::npos) {
    if (facts->election.find("round") == std::string::npos) facts->election += ", second round";
  } else if (lower.find("first round") != std::string::npos) {
    facts->election += ", first round";
  }
}

bool VoteContext::IsResultLine(size_t s) const {
  // "Unity Party 52.1%": a capitalised name, a number and a unit, alone.
  constexpr size_t kMaxTokens = 8;
  const Sentence& sentence = text_.sentences()[s];
  const size_t n = sentence.end_token - sentence.first_token;
  if (n < 3 || n > kMaxTokens || !text_.tokens()[sentence.first_token].upper_initial) return false;
  const bool alone =
      (s == 0 || text_.sentences()[s - 1].paragraph != sentence.paragraph) &&
      (s + 1 == text_.sentences().size() || text_.sentences()[s + 1].paragraph != sentence.paragraph);
  if (!alone) return false;
  size_t last = sentence.end_token - 1;
  if (text_.TokenText(last) == "." && last > sentence.first_token) --last;
  const std::string_view unit = LowerToken(text_, last);
  const bool has_unit = unit == "%" || unit == "percent" || unit == "pct";
  return has_unit && last > sentence.first_token && text_.tokens()[last - 1].kind == Token::Kind::kNumber;
}

bool VoteContext::HasVoteCue(size_t s) const {
  if (Facts(s).vote_cue) return true;
  // A table of result lines under a heading that speaks of voting.
  if (IsResultLine(s)) {
    size_t k = s;
    while (k > 0 && IsResultLine(k - 1)) --k;
    return k > 0 && Facts(k - 1).vote_cue;
  }
  // "The Centre Party won 15 percent" shortly after a sentence about the
  // election (not in a later, unrelated item of a news digest).
  constexpr size_t kResultReach = 4;  // sentences
  if (Facts(s).result_verb) {
    for (size_t back = 1; back <= kResultReach && back <= s; ++back) {
      if (Facts(s - back).vote_cue) return true;
    }
  }
  return s > 0 && text_.sentences()[s - 1].paragraph == text_.sentences()[s].paragraph &&
         Facts(s - 1).vote_cue;
}

bool VoteContext::IsPoll(size_t s) const {
  const SentenceFacts& facts = Facts(s);
  if (facts.poll_cue) return true;
  if (facts.result_cue) return false;
  for (size_t back = 1; back <= 2 && back <= s; ++back) {
    const SentenceFacts& before = Facts(s - back);
    if (before.poll_cue) return true;
    if (before.result_cue) return false;
  }
  return false;
}

size_t VoteContext::SubjectSentence() const {
  if (!subject_sentence_) {
    subject_sentence_ = std::string::npos;
    for (size_t s = 0; s < text_.sentences().size(); ++s) {
      if (!Facts(s).election.empty()) {
        subject_sentence_ = s;
        break;
      }
    }
  }
  return *subject_sentence_;
}

int VoteContext::SubjectYear() const {
  const size_t s = SubjectSentence();
  if (s != std::string::npos) {
    const Sentence& sentence = text_.sentences()[s];
    for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
      if (const std::optional<int> y = YearAt(text_, i)) return *y;
    }
  }
  if (document_.published.size() >= 4) return std::atoi(document_.published.substr(0, 4).c_str());
  return 0;
}

std::string VoteContext::ElectionFor(size_t token) const {
  const size_t s = text_.SentenceOf(token);
  const Sentence& sentence = text_.sentences()[s];
  // The year of the figure's own clause: "2.3 percent in his 2014 run", else
  // the nearest before it ("In 2016, X received 3.3%").
  int year = 0;
  for (size_t i = token + 1; i < sentence.end_token && i <= token + 6 && year == 0; ++i) {
    if (const std::optional<int> y = YearAt(text_, i)) year = *y;
  }
  for (size_t i = token; i-- > sentence.first_token && year == 0;) {
    if (const std::optional<int> y = YearAt(text_, i)) year = *y;
  }
  std::string election = Facts(s).election;
  const size_t subject = SubjectSentence();
  if (election.empty()) {
    // The subject election, or an earlier one of its kind ("in 2016 he got 3.3%").
    election = subject != std::string::npos ? Facts(subject).election : "election";
    if (year == SubjectYear()) return election;
  }
  return year != 0 ? std::to_string(year) + " " + election : election;
}

std::string VoteContext::StateAt(size_t token, size_t* length) const {
  // The longer of the two matches: "British Columbia" over "British".
  const StateMatch state = states_.Match(text_, token);
  const size_t state_length = state.length;
  size_t unit_length = 0;
  std::string unit = subnational_.MatchAt(text_, token, &unit_length);
  if (unit_length > state_length) {
    *length = unit_length;
    return unit;
  }
  *length = state_length;
  return state_length > 0 && !state.entries->empty() ? state.entries->front().code : std::string();
}

std::string VoteContext::StateIn(size_t first, size_t end) const {
  for (size_t i = first; i < end; ++i) {
    if (!text_.tokens()[i].upper_initial) continue;
    size_t length = 0;
    std::string code = StateAt(i, &length);
    if (!code.empty()) return code;
  }
  return {};
}

std::string VoteContext::DatelineState(size_t paragraph) const {
  // A wire dateline: capitals at the paragraph start, up to " - ".
  for (const Sentence& sentence : text_.sentences()) {
    if (sentence.paragraph < paragraph) continue;
    if (sentence.paragraph > paragraph) break;
    const size_t first = sentence.first_token;
    if (!text_.tokens()[first].all_upper) return {};
    size_t end = first;
    while (end < sentence.end_token && end < first + 8 && text_.TokenText(end) != "-" &&
           text_.TokenText(end) != "\xE2\x80\x94") {
      ++end;
    }
    if (end == sentence.end_token || end == first + 8) return {};
    return StateIn(first, end);
  }
  return {};
}

std::string VoteContext::MostNamedState() const {
  std::map<std::string, int> counts;
  const size_t n = text_.tokens().size();
  for (size_t i = 0; i < n; ++i) {
    if (!text_.tokens()[i].upper_initial) continue;
    size_t length = 0;
    const std::string code = StateAt(i, &length);
    if (code.empty()) continue;
    ++counts[code];
    i += length - 1;
  }
  std::string best;
  int best_count = 0;
  for (const auto& [code, count] : counts) {
    if (count > best_count) {
      best = code;
      best_count = count;
    }
  }
  return best;
}

std::string VoteContext::CountryFor(size_t s, const std::string& holder_state) const {
  if (!holder_state.empty()) return holder_state;
  if (const std::string& code = Facts(s).election_state; !code.empty()) return code;
  if (std::string code = DatelineState(text_.sentences()[s].paragraph); !code.empty()) return code;
  if (const size_t subject = SubjectSentence(); subject != std::string::npos) {
    if (const std::string& code = Facts(subject).election_state; !code.empty()) return code;
  }
  if (!text_.sentences().empty()) {
    for (uint32_t p = 0; p <= text_.sentences()[s].paragraph && p < 3; ++p) {
      if (std::string code = DatelineState(p); !code.empty()) return code;
    }
  }
  return MostNamedState();
}

std::string VoteContext::DateFor(size_t s) const {
  if (const std::string& date = SentenceDate(s); !date.empty()) return date;
  const size_t subject = SubjectSentence();
  if (subject == std::string::npos || subject == s) return {};
  return SentenceDate(subject);
}

const std::string& VoteContext::SentenceDate(size_t s) const {
  std::optional<std::string>& date = sentences_[s].date;
  if (!date) date = FindSentenceDate(s);
  return *date;
}

std::string VoteContext::FindSentenceDate(size_t s) const {
  // An explicit date in the sentence ("20 November 2022"); its day only.
  if (std::string date = FindDate(text_.SentenceText(s)); !date.empty()) return date.substr(0, 10);
  // "Monday's general election", "voters went to the polls on Sunday": the
  // last such weekday on or before the publication date.
  if (Facts(s).election.empty() && !Facts(s).vote_cue) return {};
  const std::optional<long> published = DaysFromIsoDate(document_.published);
  if (!published) return {};
  const Sentence& sentence = text_.sentences()[s];
  for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
    const int weekday = WeekdayNumber(text_.TokenText(i));
    if (weekday < 0) continue;
    const long back = ((WeekdayOfDays(*published) - weekday) % 7 + 7) % 7;
    return IsoDateFromDays(*published - back);
  }
  return {};
}

}  // namespace newsmine
