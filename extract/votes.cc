// Vote extraction: a cheap prefilter drops sentences without a percentage
// unit; the rest go through percentage mentions (vote_number.h), traps that
// rule out changes, margins, thresholds, counting progress and non-vote
// shares, and attribution to a name (vote_names.h) by a few constructions, in
// order: turnout, "A to B" pairs after "X led Y", the words before the figure
// ("X won 52%", "X's share fell to 30%", "X (52%)"), the words after it ("52%
// voted for X", "With 71% of the vote, X"), the holder of the previous figure
// of a coordinated clause, and the only name of a poll or result sentence.
#include "extract/votes.h"

#include <set>
#include <tuple>

#include "core/utf8.h"
#include "extract/vote_context.h"
#include "extract/vote_names.h"
#include "extract/vote_number.h"
#include "extract/vote_words.h"

namespace newsmine {
namespace {

struct Attribution {
  VoteHolder holder;
  std::string kind;  // "turnout" or "option" when the construction says so, else empty
};

bool IsChangeWord(std::string_view w) {
  static const FixedWordSet words = {
      "up",        "down",    "rose",    "fell",   "dropped", "gained",  "lost",     "increased",
      "decreased", "climbed", "slipped", "grew",   "jumped",  "plunged", "declined", "fallen",
      "risen",     "by",      "plus",    "minus",  "+",       "gain",    "drop",     "swing",
      "increase",  "rise",    "dip",     "dipped", "growing", "fall",    "falls"};
  return words.contains(w);
}

bool IsNotShareAfter(std::string_view w) {
  static const FixedWordSet words = {
      "points", "point",   "lead",    "margin",   "advantage", "gap",    "swing",     "increase",
      "rise",   "drop",    "decline", "fall",     "gain",      "jump",   "majority",  "threshold",
      "hurdle", "barrier", "stake",   "interest", "rate",      "growth", "inflation", "discount",
      "tax",    "tariff",  "more",    "less",     "higher",    "lower",  "cut",       "hike",
      "chance", "seat",    "seats",   "owned",    "ratio",     "above",  "below",     "behind"};
  return words.contains(w);
}

bool IsThresholdWord(std::string_view w) {
  static const FixedWordSet words = {"must",    "eligible", "need",     "needs",       "needed",
                                     "require", "requires", "required", "requirement", "threshold",
                                     "minimum", "hurdle",   "barrier"};
  return words.contains(w);
}

bool IsVoteNoun(std::string_view w) {
  static const FixedWordSet words = {
      "vote",      "votes",    "ballots",   "ballot",  "voters", "voter",      "electorate", "respondents",
      "surveyed",  "polled",   "those",     "people",  "adults", "public",     "membership", "members",
      "delegates", "electors", "americans", "britons", "likely", "registered", "eligible"};
  return words.contains(w);
}

bool IsNonVoteComplement(std::string_view w) {
  static const FixedWordSet words = {"seats",          "seat",     "precincts", "precinct", "districts",
                                     "constituencies", "stations", "ridings",   "wards",    "counted",
                                     "reporting",      "reported", "tallied",   "processed"};
  return words.contains(w);
}

// Words of business and economic news. A strong one anywhere in the
// sentence rules its figures out; a weak one only next to the figure.
bool IsStrongEconomicWord(std::string_view w) {
  static const FixedWordSet words = {
      "index",      "earnings",     "shares",     "shareholding", "shareholder", "shareholders", "stake",
      "stock",      "stocks",       "dividend",   "profit",       "profits",     "output",       "imports",
      "exports",    "unemployment", "inflation",  "gdp",          "gnp",         "yield",        "yields",
      "production", "interests",    "investment", "revenue",      "revenues",    "dlrs",         "bonds",
      "loans",      "firms",        "companies",  "spending",     "tariff",      "tariffs",      "deficit"};
  return words.contains(w);
}

bool IsWeakEconomicWord(std::string_view w) {
  static const FixedWordSet words = {"ownership", "holdings", "taxation", "tax",    "growth",  "rate",
                                     "rates",     "prices",   "price",    "sales",  "capital", "holding",
                                     "interest",  "income",   "power",    "market", "economy", "budget",
                                     "surplus",   "trade",    "volume",   "equity", "debt",    "wages",
                                     "salaries",  "points",   "orders",   "ratio",  "coupon",  "yen"};
  return words.contains(w);
}

bool IsVotingMethodWord(std::string_view w) {
  static const FixedWordSet words = {"mail", "mail-in", "absentee", "postal"};
  return words.contains(w);
}

bool IsBackwardFiller(std::string_view w) {
  static const FixedWordSet words = {"at",
                                     "with",
                                     "on",
                                     "had",
                                     "has",
                                     "have",
                                     "having",
                                     "got",
                                     "gets",
                                     "get",
                                     "getting",
                                     "received",
                                     "receives",
                                     "receiving",
                                     "won",
                                     "wins",
                                     "winning",
                                     "took",
                                     "taken",
                                     "takes",
                                     "taking",
                                     "garnered",
                                     "garnering",
                                     "secured",
                                     "securing",
                                     "captured",
                                     "obtained",
                                     "earned",
                                     "scored",
                                     "polled",
                                     "reached",
                                     "reaching",
                                     "top",
                                     "topping",
                                     "exceed",
                                     "failing",
                                     "only",
                                     "just",
                                     "also",
                                     "still",
                                     "then",
                                     "narrowly",
                                     "easily",
                                     "comfortably",
                                     "overwhelmingly",
                                     "reportedly",
                                     "eventually",
                                     "was",
                                     "is",
                                     "were",
                                     "are",
                                     "stood",
                                     "stands",
                                     "standing",
                                     "running",
                                     "remained",
                                     "remains",
                                     "came",
                                     "finished",
                                     "ended",
                                     "of",
                                     "the",
                                     "a",
                                     "an",
                                     "support",
                                     "share",
                                     "vote",
                                     "votes",
                                     "rating",
                                     "popularity",
                                     "approval",
                                     "favourability",
                                     "favorability",
                                     "backing",
                                     "up",
                                     "to",
                                     "fell",
                                     "rose",
                                     "dropped",
                                     "slipped",
                                     "climbed",
                                     "jumped",
                                     "increased",
                                     "decreased",
                                     "grew",
                                     "went",
                                     "lead",
                                     "which",
                                     "who",
                                     "shown",
                                     "drew",
                                     "draws",
                                     "drawing",
                                     ":",
                                     "leads",
                                     "led",
                                     "leading",
                                     "trails",
                                     "trailed",
                                     "trailing",
                                     "elected",
                                     "re-elected",
                                     "reelected",
                                     "first",
                                     "second",
                                     "third",
                                     "("};
  return words.contains(w);
}

bool IsForwardFiller(std::string_view w) {
  static const FixedWordSet words = {
      "voted",     "voting",    "supported", "support",   "supporting", "backed", "backing",  "favoured",
      "favored",   "favouring", "favoring",  "preferred", "prefer",     "chose",  "approved", "approve",
      "approving", "of",        "the",       "way",       "thought",    "think",  "believed", "believe",
      "said",      "say",       "would",     "will",      "vote",       "they",   "to",       "trust",
      "went",      "go",        "goes",      "going",     "trusted",    "wanted", "want",     "back",
      "backs",     "gave",      "give",      "rated"};
  return words.contains(w);
}

bool IsOpinionVerb(std::string_view w) {
  static const FixedWordSet words = {
      "thought", "think",  "thinks", "believed", "believe", "believes", "said",     "say",  "says",
      "agreed",  "agree",  "want",   "wanted",   "expect",  "expected", "feel",     "felt", "oppose",
      "opposed", "favour", "favor",  "favoured", "favored", "support",  "supported"};
  return words.contains(w);
}

// "X beat Y with 55%": the figure is X's.
bool IsDefeatVerb(std::string_view w) {
  static const FixedWordSet words = {"beat",  "beating",  "defeated", "defeating", "ousted",  "unseated",
                                     "edged", "trounced", "routed",   "over",      "against", "leads",
                                     "led",   "leading",  "trails",   "trailed",   "trailing"};
  return words.contains(w);
}

bool IsScoreVerb(std::string_view w) {
  static const FixedWordSet words = {"won",     "received",   "took",      "got",     "get",
                                     "gets",    "garnered",   "secured",   "polled",  "top",
                                     "reached", "reach",      "getting",   "winning", "scored",
                                     "elected", "re-elected", "reelected", "drew",    "draws"};
  return words.contains(w);
}

// Verbs whose subject owns a "with N%" complement or a participle clause
// after it: "X won Sunday's election with 54%", "X was re-elected with 61%".
bool IsClauseResultVerb(std::string_view w) {
  static const FixedWordSet words = {
      "won",     "wins",    "win",     "secured",    "captured",  "clinched", "claimed",   "took",
      "swept",   "carried", "elected", "re-elected", "reelected", "finished", "came",      "ended",
      "led",     "leads",   "topped",  "retained",   "returned",  "emerged",  "triumphed", "prevailed",
      "trailed", "placed",  "scored",  "beat",       "defeated",  "declared", "named"};
  return words.contains(w);
}

// Words between a subject and its verb: "X has narrowly won".
bool IsAuxiliaryOrAdverb(std::string_view w) {
  static const FixedWordSet words = {
      "was",  "were",     "is",     "are",         "has",          "have",           "had",        "been",
      "be",   "narrowly", "easily", "comfortably", "clearly",      "overwhelmingly", "eventually", "also",
      "then", "again",    "duly",   "officially",  "convincingly", "handily"};
  return words.contains(w);
}

// Participles that open a clause owned by the main subject: "X won the
// election, taking 31.5% of the vote".
bool IsScoreParticiple(std::string_view w) {
  static const FixedWordSet words = {"taking",  "winning", "securing", "capturing",  "garnering", "receiving",
                                     "getting", "polling", "drawing",  "collecting", "with"};
  return words.contains(w);
}

// Lower-case nouns after a party's name: "the Fidesz party", "the Estonia
// 200 party".
bool IsPartyNoun(std::string_view w) {
  static const FixedWordSet words = {"party", "parties",  "alliance", "coalition",
                                     "bloc",  "movement", "list",     "front"};
  return words.contains(w);
}

// Extraction over one document: the per-document caches live here.
class DocumentVotes {
 public:
  DocumentVotes(const AnalyzedText& text, const Document& document, const StateGazetteer& states,
                const Subnational& subnational, const std::vector<Actor>& actors)
      : text_(text), names_(text, states, actors), context_(text, document, states, subnational) {}

  void AddSentence(size_t s, std::vector<Vote>* out);

 private:
  std::string_view Word(size_t i) const { return text_.Folded(i); }
  bool IsTrap(const PercentMention& m, const Sentence& sentence) const;
  bool IsTurnout(const PercentMention& m, const Sentence& sentence) const;
  bool PairHolders(const PercentMention& a, const Sentence& sentence, Attribution* first,
                   Attribution* second) const;
  std::optional<Attribution> Backward(const PercentMention& m, const Sentence& sentence) const;
  std::optional<Attribution> Forward(const PercentMention& m, const Sentence& sentence) const;
  std::optional<Attribution> SoleName(const PercentMention& m, const Sentence& sentence, size_t s) const;
  std::optional<Attribution> FromSpan(std::optional<NameSpan> span) const;
  // The referendum option written at token `i` ("Yes", "no", "Leave"),
  // capitalised, or empty.
  std::string OptionAt(size_t i) const;
  std::optional<Attribution> Option(size_t i) const;
  // The subject of the clause whose verb or "with" complement holds the
  // figure ("X won Sunday's election in Chile with 54%").
  std::optional<Attribution> ClauseSubject(const PercentMention& m, const Sentence& sentence) const;
  std::optional<Attribution> SubjectBefore(size_t verb, size_t sentence_first) const;
  // The holder whose name, pronoun or "X party" ends at token `last`.
  std::optional<Attribution> HolderEndingAt(size_t last, size_t sentence_first) const;
  // "the Fidesz party", "the Estonia 200 party": the name before the
  // lower-case party noun at `noun`.
  std::optional<Attribution> NamedParty(size_t noun, size_t sentence_first) const;
  std::optional<NameSpan> SubjectEndingAt(size_t i, size_t sentence_first) const;
  bool OnlyNamesOf(const VoteHolder& holder, size_t first, size_t end) const;
  bool IsHeadline(const Sentence& sentence) const;
  void Emit(const PercentMention& m, const Attribution& a, size_t s, std::vector<Vote>* out);

  const AnalyzedText& text_;
  VoteNames names_;
  VoteContext context_;
  std::set<std::tuple<std::string, double, bool>> seen_;  // (who, percent, poll) already reported
};

bool DocumentVotes::IsTrap(const PercentMention& m, const Sentence& sentence) const {
  const size_t first = sentence.first_token;
  const size_t end = sentence.end_token;
  if (m.qualifier_first > first) {
    const std::string_view before = Word(m.qualifier_first - 1);
    // "beat Y by 58% to 41%" is a pair of shares, not a margin.
    const bool pair = before == "by" && m.end + 1 < end && Word(m.end) == "to" &&
                      text_.tokens()[m.end + 1].kind == Token::Kind::kNumber;
    if (IsChangeWord(before) && !pair) return true;
    // "plunged 500 points, or 22 pct" restates a change; "45,120 votes, or
    // 45.3%" is a share.
    if (before == "or") {
      for (size_t i = m.qualifier_first - 1; i > first && i + 7 > m.qualifier_first; --i) {
        if (IsChangeWord(Word(i - 1)) || IsOneOf(Word(i - 1), {"points", "point"})) return true;
      }
    }
    // "a margin of 10%", "a lead of 8 percent".
    if (before == "of" && m.qualifier_first > first + 1 &&
        IsOneOf(Word(m.qualifier_first - 2), {"margin", "lead", "gap", "majority", "swing", "advantage"})) {
      return true;
    }
  }
  // Economic figures: a business word in the sentence, or next to the figure.
  for (size_t i = first; i < end; ++i) {
    if (IsStrongEconomicWord(Word(i))) return true;
  }
  for (size_t i = m.qualifier_first > first + 3 ? m.qualifier_first - 3 : first; i < end && i < m.end + 4;
       ++i) {
    if (IsWeakEconomicWord(Word(i))) return true;
  }
  // "8 percent lead", "5% swing", "a 3 pct seat share"; not past a comma
  // ("81 percent, more than expected").
  for (size_t i = m.end; i < end && i < m.end + 2 && text_.tokens()[i].kind != Token::Kind::kPunct; ++i) {
    if (IsNotShareAfter(Word(i))) return true;
  }
  for (size_t i = m.qualifier_first > first + 5 ? m.qualifier_first - 5 : first; i < m.qualifier_first; ++i) {
    if (IsThresholdWord(Word(i))) return true;
  }
  for (size_t i = m.end; i < end && i < m.end + 7; ++i) {
    if (IsThresholdWord(Word(i))) return true;
    if (Word(i) == "to" && i + 1 < end && IsOneOf(Word(i + 1), {"avoid", "qualify", "enter", "force"}))
      return true;
  }
  for (size_t i = first; i < end; ++i) {
    if (IsVotingMethodWord(Word(i))) return true;
  }
  if (m.end < end && Word(m.end) == "of") {
    // "of the vote" and "of voters" are shares; "of seats", "of imports" and
    // "of the vote counted" are not.
    for (size_t i = m.end + 1; i < end && i < m.end + 8; ++i) {
      const std::string_view w = Word(i);
      if (text_.tokens()[i].kind == Token::Kind::kPunct) break;
      if (IsNonVoteComplement(w)) return true;
      if (!IsVoteNoun(w) && !text_.tokens()[i].upper_initial) continue;
      const bool counted_in =
          i + 2 < end && Word(i + 1) == "in" && text_.tokens()[i + 2].kind == Token::Kind::kPunct;
      return counted_in || (i + 1 < end && IsNonVoteComplement(Word(i + 1)));
    }
    return true;
  }
  return false;
}

bool DocumentVotes::IsTurnout(const PercentMention& m, const Sentence& sentence) const {
  const size_t first = sentence.first_token;
  const size_t end = sentence.end_token;
  // "Turnout in the parliamentary election was 64 percent".
  for (size_t i = m.qualifier_first > first + 8 ? m.qualifier_first - 8 : first; i < m.qualifier_first; ++i) {
    if (Word(i) == "turnout") return true;
  }
  if (m.end < end && Word(m.end) == "turnout") return true;
  // "81% of the membership voting", "60% of voters turned out".
  if (m.end >= end || Word(m.end) != "of") return false;
  for (size_t i = m.end + 1; i < end && i < m.end + 6; ++i) {
    const std::string_view w = Word(i);
    if (!IsOneOf(w, {"voters", "electorate", "membership", "members", "electors"})) continue;
    if (i + 1 >= end) return false;
    const std::string_view next = Word(i + 1);
    const bool voting = IsOneOf(next, {"voting", "voted", "turned", "cast", "participated", "went"});
    const bool for_someone =
        i + 2 < end && IsOneOf(Word(i + 2), {"for", "against", "yes", "no", "favored", "favoured", "approved",
                                             "supported", "backed", "rejected", "opposed"});
    return voting && !for_someone;
  }
  return false;
}

std::optional<Attribution> DocumentVotes::FromSpan(std::optional<NameSpan> span) const {
  if (!span || names_.IsPollster(*span)) return std::nullopt;
  if (span->end == span->first + 1) {
    if (std::optional<Attribution> option = Option(span->first)) return option;
  }
  Attribution a;
  a.holder = names_.Holder(*span);
  return a;
}

std::string DocumentVotes::OptionAt(size_t i) const {
  const Token& t = text_.tokens()[i];
  if (t.kind != Token::Kind::kWord) return {};
  const std::string_view w = Word(i);
  if (w == "yes") return "Yes";
  if (w == "no") return "No";
  // "Leave", "Remain", "For", "Against" are options only as written in
  // capitals inside a sentence; in lower case they are common words.
  if (!t.upper_initial || t.sentence_initial) return {};
  if (w == "leave") return "Leave";
  if (w == "remain") return "Remain";
  if (w == "for") return "For";
  if (w == "against") return "Against";
  return {};
}

std::optional<Attribution> DocumentVotes::Option(size_t i) const {
  std::string option = OptionAt(i);
  if (option.empty()) return std::nullopt;
  Attribution a;
  a.holder.who = std::move(option);
  a.kind = "option";
  return a;
}

std::optional<Attribution> DocumentVotes::HolderEndingAt(size_t last, size_t sentence_first) const {
  if (names_.IsPersonalPronoun(last)) return FromSpan(names_.ResolvePronoun(last));
  if (IsPartyNoun(Word(last)) && !text_.tokens()[last].upper_initial) return NamedParty(last, sentence_first);
  return FromSpan(SubjectEndingAt(last, sentence_first));
}

std::optional<Attribution> DocumentVotes::SubjectBefore(size_t verb, size_t sentence_first) const {
  size_t i = verb;
  while (i > sentence_first && IsAuxiliaryOrAdverb(Word(i - 1))) --i;
  if (i == sentence_first) return std::nullopt;
  const size_t last = i - 1;
  if (Word(last) != "," || last == sentence_first) return HolderEndingAt(last, sentence_first);
  // "X, a former senator, won": over the apposition to X; "The incumbent,
  // Ruth Adebayo, won": the name inside it.
  size_t k = last;
  while (k > sentence_first && last - k < 12 && Word(k - 1) != ",") --k;
  if (k < sentence_first + 2 || last - k >= 12) return std::nullopt;
  if (std::optional<Attribution> head = HolderEndingAt(k - 2, sentence_first)) return head;
  return HolderEndingAt(last - 1, sentence_first);
}

std::optional<Attribution> DocumentVotes::ClauseSubject(const PercentMention& m,
                                                        const Sentence& sentence) const {
  const size_t first = sentence.first_token;
  size_t i = m.qualifier_first;
  while (i > first && IsOneOf(Word(i - 1), {"only", "just", "a", "record", "some"})) --i;
  if (i == first || !IsScoreParticiple(Word(i - 1))) return std::nullopt;
  size_t k = i - 1;
  // "X won the election, taking 31.5%", "X won the election, with 48.6%":
  // the main verb is before the comma.
  const bool after_comma = k > first && Word(k - 1) == ",";
  if (Word(k) != "with" && !after_comma) return std::nullopt;
  if (after_comma) --k;
  // Back to the verb of the clause, inside it: not past a comma, a
  // semicolon or another figure's clause.
  constexpr size_t kClauseWords = 20;
  for (size_t steps = 0; k > first && steps < kClauseWords; ++steps) {
    --k;
    const std::string_view w = Word(k);
    if (IsOneOf(w, {",", ";", ":", "while", "whereas", "but", "%", "percent", "pct", "cent"}))
      return std::nullopt;
    if (IsClauseResultVerb(w)) return SubjectBefore(k, first);
  }
  return std::nullopt;
}

std::optional<Attribution> DocumentVotes::NamedParty(size_t noun, size_t sentence_first) const {
  if (noun == sentence_first) return std::nullopt;
  const size_t last = noun - 1;
  // "Estonia 200": a number that is part of the name, after capitalised
  // words that may be a state's name (kept, unlike a state before a name).
  const bool numbered = text_.tokens()[last].kind == Token::Kind::kNumber && last > sentence_first;
  const size_t name_last = numbered ? last - 1 : last;
  if (!text_.tokens()[name_last].upper_initial) return std::nullopt;
  std::optional<Attribution> a;
  if (numbered) {
    size_t name_first = name_last;
    while (name_first > sentence_first && text_.tokens()[name_first - 1].upper_initial &&
           text_.tokens()[name_first - 1].kind == Token::Kind::kWord &&
           !text_.tokens()[name_first - 1].sentence_initial) {
      --name_first;
    }
    a = FromSpan(NameSpan{name_first, last + 1, name_first});
  } else {
    a = FromSpan(SubjectEndingAt(name_last, sentence_first));
  }
  if (a && a->holder.actor.empty()) a->holder.is_party = true;
  return a;
}

// The subject whose name ends at token `i`: the head of "X of President Y",
// and the first of "X for president and Y for vice president".
std::optional<NameSpan> DocumentVotes::SubjectEndingAt(size_t i, size_t sentence_first) const {
  std::optional<NameSpan> span = names_.RunEndingAt(i);
  if (!span) return span;
  size_t raw = span->raw_first;
  if (raw >= sentence_first + 2 && Word(raw - 1) == "of" && raw < span->first) {
    if (std::optional<NameSpan> head = names_.RunEndingAt(raw - 2)) return head;
  }
  // "X for president and [former ... governor] Y for vice president": back
  // over "and Y" to X.
  size_t k = raw;
  while (k > sentence_first && raw - k < 5 && Word(k - 1) != "and" &&
         text_.tokens()[k - 1].kind == Token::Kind::kWord) {
    --k;
  }
  if (k >= sentence_first + 4 && Word(k - 1) == "and" && Word(k - 2) == "president") {
    k -= 3;
    while (k > sentence_first && IsOneOf(Word(k), {"vice", "for"})) --k;
    if (std::optional<NameSpan> first = names_.RunEndingAt(k)) return first;
  }
  return span;
}

std::optional<Attribution> DocumentVotes::Backward(const PercentMention& m, const Sentence& sentence) const {
  const size_t first = sentence.first_token;
  size_t i = m.qualifier_first;
  for (int steps = 0; i > first && steps < 12; ++steps) {
    --i;
    const std::string_view w = Word(i);
    if (w == "'s" || w == "\xE2\x80\x99s") continue;
    // A result line: "Ana Reis - 45.2%", "Ana Reis (Unity Party) 45.2%": the
    // name before the dash or the bracketed party.
    if (i + 1 == m.qualifier_first && IsDash(w)) continue;
    if (w == ")" && i + 1 == m.qualifier_first) {
      size_t open = i;
      while (open > first && i - open < 8 && Word(open) != "(") --open;
      if (Word(open) == "(" && open > first) {
        i = open;
        continue;
      }
    }
    if (names_.IsPersonalPronoun(i)) return FromSpan(names_.ResolvePronoun(i));
    // "the Yes side took 55%".
    if (IsOneOf(w, {"side", "camp", "campaign", "vote"}) && i > first && !OptionAt(i - 1).empty()) {
      return Option(i - 1);
    }
    // "Yes: 52%", "No 48%".
    if (text_.tokens()[i].upper_initial && !OptionAt(i).empty()) return Option(i);
    if (IsPartyNoun(w) && !text_.tokens()[i].upper_initial) return NamedParty(i, first);
    if (text_.tokens()[i].upper_initial && text_.tokens()[i].kind == Token::Kind::kWord) {
      const std::optional<NameSpan> span = names_.RunEndingAt(i);
      if (!span) return ClauseSubject(m, sentence);  // "won Sunday's election with 54%"
      const size_t raw = span->raw_first;
      if (raw >= first + 2 && IsDefeatVerb(Word(raw - 1)) && names_.RunEndingAt(raw - 2)) {
        return FromSpan(SubjectEndingAt(raw - 2, first));
      }
      // "won the primary in Texas with 52%": a place, not the holder.
      if (raw > first && IsOneOf(Word(raw - 1), {"in", "of", "across", "throughout", "from"})) {
        if (std::optional<Attribution> subject = ClauseSubject(m, sentence)) return subject;
      }
      return FromSpan(SubjectEndingAt(i, first));
    }
    // "received 45,120 votes, or 45.3%".
    if (w == "or" && i > first + 1 &&
        (Word(i - 1) == "votes" || (Word(i - 1) == "," && Word(i - 2) == "votes"))) {
      continue;
    }
    if (w == "," && i + 1 < m.first && Word(i + 1) == "or" && i > first && Word(i - 1) == "votes") continue;
    if (w == "president" && i > first + 1 && IsOneOf(Word(i - 1), {"for", "vice"})) {
      while (i > first + 1 && IsOneOf(Word(i - 1), {"for", "vice"})) --i;
      continue;
    }
    const std::optional<double> number = ParseNumberToken(text_.TokenText(i));
    const bool count = number && *number > 100;  // "received 203,091 votes (0.15 percent)"
    const bool point_word = w.size() > 6 && w.compare(w.size() - 6, 6, "-point") == 0;
    const bool relative_comma = w == "," && i + 1 < m.first && IsOneOf(Word(i + 1), {"which", "who"});
    if (IsBackwardFiller(w) || count || point_word || relative_comma || w == "mln" || w == "million")
      continue;
    return ClauseSubject(m, sentence);
  }
  return std::nullopt;
}

std::optional<Attribution> DocumentVotes::Forward(const PercentMention& m, const Sentence& sentence) const {
  const size_t end = sentence.end_token;
  size_t j = m.end;
  if (j < end && Word(j) == "of") {
    size_t k = j + 1;
    while (k < end && k < j + 7 && !IsVoteNoun(Word(k))) ++k;
    if (k >= end || k >= j + 7) return std::nullopt;
    j = k + 1;
    while (j < end && IsOneOf(Word(j), {"cast", "surveyed", "polled", "voting"})) ++j;
  }
  // "With 71 percent of the vote, X won": only at the start of the sentence.
  const bool with_first =
      m.qualifier_first == sentence.first_token + 1 && Word(sentence.first_token) == "with";
  if (with_first && j < end && Word(j) == ",") return FromSpan(names_.RunStartingAt(j + 1, end));
  int lowercase_budget = 0;  // words allowed after "for": "for opposition leader X"
  for (int steps = 0; j < end && steps < 8; ++steps, ++j) {
    const std::string_view w = Word(j);
    if (IsOneOf(w, {"voted", "vote", "voting"}) && j + 1 < end) {
      const std::string_view next = Word(j + 1);
      if (next == "yes" || next == "no" || next == "against" || (next == "in" && j + 2 < end)) {
        const bool against = next == "against" && !(j + 2 < end && text_.tokens()[j + 2].upper_initial);
        if (next == "yes" || next == "no" || against || IsOneOf(Word(j + 2), {"favour", "favor"})) {
          Attribution a;
          a.holder.who = next == "yes" || next == "in" ? "Yes" : "No";
          a.kind = "option";
          return a;
        }
      }
    }
    // "44.8 percent for No", "52% voted Leave"; not "for no one".
    if (j > m.end && !OptionAt(j).empty() && text_.tokens()[j].upper_initial &&
        IsOneOf(Word(j - 1), {"for", "voted", "voting", "backed", "backing", "chose", "favoured", "favored",
                              "supported", "supporting"})) {
      return Option(j);
    }
    if (names_.IsPersonalPronoun(j)) return FromSpan(names_.ResolvePronoun(j));
    if (text_.tokens()[j].upper_initial && text_.tokens()[j].kind == Token::Kind::kWord) {
      return FromSpan(names_.RunStartingAt(j, end));
    }
    if (w == "for") {
      lowercase_budget = 3;
      continue;
    }
    if (IsForwardFiller(w)) continue;
    if (lowercase_budget > 0 && text_.tokens()[j].kind == Token::Kind::kWord) {
      --lowercase_budget;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

bool DocumentVotes::PairHolders(const PercentMention& a, const Sentence& sentence, Attribution* first,
                                Attribution* second) const {
  // The comparison word nearest before the pair: "X led Y", "X's lead over Y".
  const size_t begin = sentence.first_token;
  size_t cue = a.qualifier_first;
  while (cue > begin) {
    --cue;
    if (IsOneOf(Word(cue), {"led", "leads", "lead", "leading", "beat", "beats", "defeated", "defeating",
                            "trailed", "trails", "trailing", "over", "against", "versus", "vs", "topped"})) {
      break;
    }
  }
  if (cue == begin) return false;
  // Y: the first name after the cue ("incumbent US President Donald Trump").
  std::optional<NameSpan> y;
  for (size_t k = cue + 1; k < a.first && k < cue + 4 && !y; ++k) {
    if (text_.tokens()[k].upper_initial) y = names_.RunStartingAt(k, a.first);
  }
  // X: the name before the cue, over a few lower-case words and a
  // relative clause (", who ... ,").
  std::optional<NameSpan> x;
  size_t k = cue;
  for (int steps = 0; k > begin && steps < 6 && !x; ++steps) {
    --k;
    if (Word(k) == ",") {
      size_t r = k;
      while (r > begin && !(IsOneOf(Word(r), {"who", "which"}) && Word(r - 1) == ",")) --r;
      if (r == begin || r < 2) return false;
      k = r - 1;
      continue;
    }
    if (text_.tokens()[k].upper_initial) x = names_.RunEndingAt(k);
  }
  if (!x || !y) return false;
  std::optional<Attribution> fx = FromSpan(x);
  std::optional<Attribution> fy = FromSpan(y);
  if (!fx || !fy) return false;
  *first = *fx;
  *second = *fy;
  return true;
}

// The only contender named in a poll or result sentence, before the figure:
// "X was unable to qualify, failing to top more than 1% in any poll".
std::optional<Attribution> DocumentVotes::SoleName(const PercentMention& m, const Sentence& sentence,
                                                   size_t s) const {
  bool score_verb = false;
  for (size_t i = m.qualifier_first > sentence.first_token + 4 ? m.qualifier_first - 4 : sentence.first_token;
       i < m.qualifier_first; ++i) {
    score_verb = score_verb || IsScoreVerb(Word(i));
  }
  if (!score_verb && !context_.IsPoll(s)) return std::nullopt;
  std::optional<NameSpan> only;
  for (size_t i = sentence.first_token; i < m.qualifier_first; ++i) {
    if (!text_.tokens()[i].upper_initial || text_.tokens()[i].kind != Token::Kind::kWord) continue;
    const std::optional<NameSpan> span = names_.RunStartingAt(i, m.qualifier_first);
    if (!span) continue;
    i = span->end - 1;
    // "a poll by Gallup", "measured by RealClearPolitics": the pollster.
    size_t before = span->raw_first;
    if (before > sentence.first_token && Word(before - 1) == "the") --before;
    const bool agent = before > sentence.first_token && IsOneOf(Word(before - 1), {"by", "for"});
    if (agent || names_.IsPollster(*span) || !context_.StateIn(span->first, span->end).empty()) continue;
    if (only) return std::nullopt;
    only = span;
  }
  if (!only || !names_.IsContender(*only)) return std::nullopt;
  // Not a share of people ("84% of surveyed adults ..."): an issue finding.
  if (m.end < sentence.end_token && Word(m.end) == "of") {
    bool of_votes = false;
    for (size_t i = m.end + 1; i < sentence.end_token && i < m.end + 5; ++i) {
      of_votes = of_votes || IsOneOf(Word(i), {"vote", "votes", "ballots"});
    }
    if (!of_votes) return std::nullopt;
  }
  // Not when the figure opens its own clause of opinion: "40% thought ...".
  for (size_t i = m.end; i < sentence.end_token && i < m.end + 6; ++i) {
    if (IsOpinionVerb(Word(i))) return std::nullopt;
  }
  return FromSpan(only);
}

// A wire headline in capitals ("FIRM VOTES 100 PCT STOCK DIVIDEND"): its
// words cannot be told from names.
bool DocumentVotes::IsHeadline(const Sentence& sentence) const {
  size_t words = 0;
  size_t upper = 0;
  for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
    if (text_.tokens()[i].kind != Token::Kind::kWord) continue;
    ++words;
    if (text_.tokens()[i].all_upper) ++upper;
  }
  return words >= 3 && upper * 10 >= words * 8;
}

bool DocumentVotes::OnlyNamesOf(const VoteHolder& holder, size_t first, size_t end) const {
  const std::string who = FoldForMatch(holder.who);
  for (size_t i = first; i < end; ++i) {
    // A contrast introduces another contender: "36% against 31% for Y".
    if (IsOneOf(Word(i), {"against", "compared", "versus", "vs", "while", "whereas", "but", "each"}))
      return false;
    if (!text_.tokens()[i].upper_initial || text_.tokens()[i].kind != Token::Kind::kWord) continue;
    const std::optional<NameSpan> span = names_.RunStartingAt(i, end);
    if (!span) continue;
    i = span->end - 1;
    if (names_.IsPollster(*span)) continue;  // "two percent in the Zogby poll"
    if (who.find(Word(span->end - 1)) == std::string::npos) return false;
  }
  return true;
}

void DocumentVotes::Emit(const PercentMention& m, const Attribution& a, size_t s, std::vector<Vote>* out) {
  const bool poll = context_.IsPoll(s);
  Vote v;
  v.who = a.holder.who;
  v.actor = a.holder.actor;
  v.percent = m.value;
  if (poll) {
    v.kind = "poll";
  } else if (!a.kind.empty()) {
    v.kind = a.kind;
  } else {
    v.kind = a.holder.is_party ? "party" : "candidate";
  }
  if (!seen_.insert({FoldForMatch(v.who), v.percent, poll}).second) return;
  v.election = context_.ElectionFor(m.first);
  const std::string holder_state = a.holder.actor_state;
  v.country = context_.CountryFor(s, holder_state);
  v.date = context_.DateFor(s);
  v.qualifier = m.qualifier;
  v.text = CollapseWhitespace(text_.SentenceText(s));
  out->push_back(std::move(v));
}

void DocumentVotes::AddSentence(size_t s, std::vector<Vote>* out) {
  if (!context_.HasVoteCue(s)) return;
  const Sentence& sentence = text_.sentences()[s];
  if (IsHeadline(sentence)) return;
  std::vector<PercentMention> mentions = FindPercentMentions(text_, s);
  std::vector<std::optional<Attribution>> held(mentions.size());
  std::vector<bool> done(mentions.size(), false);
  for (size_t k = 0; k < mentions.size(); ++k) {
    if (done[k]) continue;
    const PercentMention& m = mentions[k];
    if (IsTrap(m, sentence)) continue;
    if (IsTurnout(m, sentence)) {
      Attribution a;
      a.kind = "turnout";
      Emit(m, a, s, out);
      continue;
    }
    // "47.4 percent to 42.1 percent" after "X led Y".
    if (k + 1 < mentions.size() && mentions[k + 1].first == m.end + 1 &&
        IsOneOf(Word(m.end), {"to", "-", "\xE2\x80\x93"})) {
      Attribution x;
      Attribution y;
      if (PairHolders(m, sentence, &x, &y)) {
        Emit(m, x, s, out);
        Emit(mentions[k + 1], y, s, out);
        held[k] = x;
        held[k + 1] = y;
        done[k + 1] = true;
        continue;
      }
      // "40-45%" with no comparison: one figure, its lower bound, qualified
      // by the range.
      if (!m.has_unit && m.value < mentions[k + 1].value) {
        PercentMention& range = mentions[k + 1];
        range.qualifier = "between " + std::string(text_.TokenText(m.first)) + " and " +
                          std::string(text_.TokenText(range.first));
        range.value = m.value;
        range.first = m.first;
        range.qualifier_first = m.qualifier_first;
        continue;
      }
    }
    std::optional<Attribution> a = Backward(m, sentence);
    if (!a) a = Forward(m, sentence);
    // "31 pct each for Labour and the Alliance": the figure names its own
    // holders after it, not the previous one.
    const bool own_holder_after =
        m.end < sentence.end_token && IsOneOf(Word(m.end), {"each", "for", "apiece"});
    if (!a && k > 0 && held[k - 1] && !own_holder_after &&
        OnlyNamesOf(held[k - 1]->holder, mentions[k - 1].end, m.first)) {
      a = held[k - 1];
    }
    if (!a && !own_holder_after) a = SoleName(m, sentence, s);
    if (!a || (a->holder.who.empty() && a->kind != "turnout")) continue;
    held[k] = a;
    Emit(m, *a, s, out);
  }
}

class RuleVoteExtractor : public VoteExtractor {
 public:
  RuleVoteExtractor(const StateGazetteer* states, Subnational subnational)
      : states_(states), subnational_(std::move(subnational)) {}

  std::vector<Vote> Extract(const AnalyzedText& text, const Document& document,
                            const std::vector<Actor>& actors) const override {
    std::vector<Vote> votes;
    std::optional<DocumentVotes> run;  // built only for documents with a percentage
    // A figure needs the raw text to show a unit (a cue of MayHavePercent:
    // one that only compatibility folding reveals, a full-width or styled
    // "percent", does not count) and a unit token (HasPercentUnit). Most
    // sentences hold no cue: the cues are found in one scan of the whole
    // text, and only the sentences they fall in are looked at.
    const std::vector<Sentence>& sentences = text.sentences();
    size_t s = 0;
    for (size_t cue = NextPercentCue(text.text(), 0); cue != std::string_view::npos;
         cue = NextPercentCue(text.text(), cue + 1)) {
      while (s < sentences.size() && sentences[s].end <= cue) ++s;
      if (s == sentences.size()) break;
      if (cue < sentences[s].begin) continue;  // between sentences
      // No cue starts in the sentence before `cue`; whether the sentence's
      // own text holds one (a cue of the whole text may run past its end) is
      // asked from there on, as MayHavePercent would ask from its start.
      const bool cue_inside =
          NextPercentCue(text.SentenceText(s), cue - sentences[s].begin) != std::string_view::npos;
      // Sentences do not overlap: later cues in this one say nothing more.
      cue = sentences[s].end - 1;
      if (cue_inside && HasPercentUnit(text, s)) {
        if (!run) run.emplace(text, document, *states_, subnational_, actors);
        run->AddSentence(s, &votes);
      }
      ++s;
    }
    return votes;
  }

 private:
  const StateGazetteer* states_;
  Subnational subnational_;
};

}  // namespace

Status VoteExtractor::Load(const std::string& data_dir, const StateGazetteer* states,
                           std::unique_ptr<VoteExtractor>* out) {
  Subnational subnational;
  Status s = subnational.LoadFile(data_dir + "/votes/subnational.tsv");
  if (!s.ok()) return s;
  *out = std::make_unique<RuleVoteExtractor>(states, std::move(subnational));
  return Status::Ok();
}

}  // namespace newsmine
