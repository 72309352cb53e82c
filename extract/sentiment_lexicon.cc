#include "extract/sentiment_lexicon.h"

#include <charconv>
#include <span>
#include <utility>

#include "core/tsv.h"
#include "core/utf8.h"

namespace newsmine {
namespace {

// The rules' constants and word lists are from Hutto & Gilbert (2014), VADER.
constexpr double kBoost = 0.293;

// Reads all of `text` as a number, as std::from_chars does; false when it is
// not one. The lexicons' valences ("-1.5", "2", "0.25") take a short path
// without the call: an integer of at most 15 digits and a power of ten up
// to 10^15 are exact doubles, and one IEEE division of them rounds the
// decimal correctly, as from_chars does.
bool ParseValence(std::string_view text, double* value) {
  static constexpr double kPowersOfTen[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                            1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  constexpr size_t kMaxDigits = 15;
  const bool negative = !text.empty() && text[0] == '-';
  size_t i = negative ? 1 : 0;
  uint64_t mantissa = 0;
  size_t digits = 0;
  size_t fraction_digits = 0;
  bool point = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
      fraction_digits += point;
    } else if (c == '.' && !point && digits > 0) {
      point = true;
    } else {
      break;
    }
  }
  const bool plain =
      i == text.size() && digits > 0 && digits <= kMaxDigits && (!point || fraction_digits > 0);
  if (!plain) {
    const auto parsed = std::from_chars(text.data(), text.data() + text.size(), *value);
    return parsed.ec == std::errc() && parsed.ptr == text.data() + text.size();
  }
  const double magnitude = static_cast<double>(mantissa) / kPowersOfTen[fraction_digits];
  *value = negative ? -magnitude : magnitude;
  return true;
}

// The classes of state_roles.h. Speech, attitude and cognition verbs whose
// subject holds the sentiment (with the praise and blame verbs and the
// attitudes below, which are holder verbs too).
constexpr std::string_view kHolderVerbs[] = {
    "said",       "says",      "say",       "saying",     "stated",      "states",     "stating",
    "claimed",    "claims",    "claim",     "claiming",   "highlighted", "highlights", "highlighting",
    "called",     "calls",     "calling",   "urged",      "urges",       "urging",     "warned",
    "warns",      "warning",   "expressed", "expresses",  "expressing",  "voiced",     "voices",
    "demanded",   "demands",   "demanding", "announced",  "announces",   "denied",     "denies",
    "denying",    "insisted",  "insists",   "argued",     "argues",      "reiterated", "reiterates",
    "repeated",   "noted",     "notes",     "added",      "told",        "tells",      "asked",
    "asks",       "described", "describes", "labelled",   "labeled",     "learned",    "learnt",
    "discovered", "believes",  "believed",  "fears",      "feared",      "hopes",      "hoped",
    "wants",      "wanted",    "sees",      "saw",        "views",       "viewed",     "considers",
    "considered", "rejected",  "rejects",   "dismissed",  "dismisses",   "protested",  "protests",
    "imposed",    "imposes",   "responded", "responds",   "declared",    "declares",   "acknowledged",
    "admitted",   "confirmed", "confirms",  "recognised", "recognized",  "reported",   "reports",
    "suggested",  "suggests",  "alleged",   "alleges",    "concluded",   "concludes",  "insist",
    "deny",       "urge",      "warn",      "demand",     "reject",      "endorse",    "endorsed",
    "endorses",   "supported", "supports",  "opposed",    "opposes",     "oppose",     "approved",
    "recognise",  "recognize", "backed",    "backs",      "refused",     "refuses",    "designated",
    "designates", "spoke",     "speaking",  "assure",     "assured",     "assures",    "promised",
    "promises",   "pledged",   "pledges",   "tweeted",    "tweets",      "wrote",      "writes",
    "posted",     "remarked",  "commented", "replied",    "answered",    "explained",  "testified"};

// Attitudes whose subject holds the sentiment: "X remains concerned about Y".
constexpr std::string_view kAttitudes[] = {"concerned", "worried", "alarmed", "disappointed", "pleased",
                                           "satisfied", "happy",   "angry",   "furious",      "dismayed"};

// Verbs that praise their object ("praised", "thanked", "welcomed") and
// that blame it ("condemned", "accused", "sanctioned").
constexpr std::string_view kPraiseVerbs[] = {
    "praise",   "praised",   "praises",      "praising",      "thank",         "thanked",        "thanks",
    "thanking", "commend",   "commended",    "commends",      "commending",    "welcome",        "welcomed",
    "welcomes", "welcoming", "congratulate", "congratulated", "congratulates", "congratulating", "hail",
    "hailed",   "hails",     "laud",         "lauded",        "lauds",         "applaud",        "applauded",
    "applauds", "salute",    "saluted",      "salutes"};
constexpr std::string_view kBlameVerbs[] = {
    "condemn",    "condemned",   "condemns",  "condemning", "accuse",      "accused",
    "accuses",    "accusing",    "sanction",  "sanctioned", "sanctions",   "sanctioning",
    "blame",      "blamed",      "blames",    "blaming",    "criticise",   "criticised",
    "criticises", "criticising", "criticize", "criticized", "criticizes",  "criticizing",
    "denounce",   "denounced",   "denounces", "denouncing", "rebuke",      "rebuked",
    "rebukes",    "censure",     "censured",  "chastised",  "reprimanded", "scolded"};

}  // namespace

SentimentLexicon::SentimentLexicon() {
  AddClass({"aint",   "arent",    "cannot", "cant",   "couldnt", "darent",  "didnt",   "doesnt",
            "dont",   "hadnt",    "hasnt",  "havent", "isnt",    "mightnt", "mustnt",  "neither",
            "never",  "none",     "nope",   "nor",    "not",     "nothing", "nowhere", "oughtnt",
            "shant",  "shouldnt", "wasnt",  "werent", "without", "wont",    "wouldnt", "rarely",
            "seldom", "despite",  "nt",     "no",     "lack",    "lacking", "absence", "loss"},
           kNegator);
  AddClass({"absolutely",   "amazingly",    "awfully",   "completely",    "considerably",  "decidedly",
            "deeply",       "enormously",   "entirely",  "especially",    "exceptionally", "extremely",
            "fully",        "greatly",      "highly",    "hugely",        "incredibly",    "intensely",
            "majorly",      "more",         "most",      "particularly",  "purely",        "quite",
            "really",       "remarkably",   "so",        "substantially", "thoroughly",    "totally",
            "tremendously", "unbelievably", "unusually", "utterly",       "very",          "grossly"},
           kBooster);
  AddClass({"almost", "barely", "hardly", "less", "little", "marginally", "occasionally", "partly",
            "scarcely", "slightly", "somewhat"},
           kDampener);
  AddClass({"but", "however", "yet", "nevertheless", "nonetheless"}, kContrast);
  AddClass({"failure", "failed", "fails", "refusal", "refused", "refuses", "refusing", "unwilling", "unable"},
           kFailure);
  AddClass({"call", "calls", "called", "calling"}, kCallVerb);
  AddClass({"urge", "urges", "urged", "urging", "pressed", "pressing"}, kUrgeVerb);
  AddClass({"need", "needs"}, kNeedWord);
  AddClass({"demand", "demands", "demanded", "demanding"}, kDemandWord);
  AddClass({"rather"}, kRather);
  AddClass({"instead"}, kInstead);
  const std::pair<std::span<const std::string_view>, uint32_t> role_words[] = {
      {kHolderVerbs, kHolderVerb},
      {kAttitudes, kHolderVerb | kAttitude},
      {kPraiseVerbs, kHolderVerb | kPraiseVerb},
      {kBlameVerbs, kHolderVerb | kBlameVerb}};
  for (const auto& [words, classes] : role_words) {
    for (const std::string_view word : words) AddClass(word, classes);
  }
}

uint32_t SentimentClasses(std::string_view word) {
  static const SentimentLexicon* const classes_only = new SentimentLexicon;
  return classes_only->Find(word).classes;
}

void SentimentLexicon::AddClass(std::initializer_list<std::string_view> words, uint32_t classes) {
  for (const std::string_view word : words) AddClass(word, classes);
}

void SentimentLexicon::AddClass(std::string_view word, uint32_t classes) {
  words_.Update(word, [&](LexiconWordInfo* info) { info->classes |= classes; });
}

void SentimentLexicon::Set(std::string_view word, double valence) {
  words_.Update(word, [&](LexiconWordInfo* info) { info->valence = valence; });
}

std::string LowerWord(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  bool ascii = true;
  for (const char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (const char c : word) {
      if (c == '\'') continue;
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return out;
  }
  const std::string folded = FoldForMatch(word);
  for (size_t pos = 0; pos < folded.size();) {
    const size_t start = pos;
    const char32_t cp = NextCodePoint(folded, &pos);
    if (cp == U'\'' || cp == U'\u2019') continue;
    out.append(folded, start, pos - start);
  }
  return out;
}

std::string_view LexiconWordWithApostrophes(const AnalyzedText& text, size_t token, std::string* scratch) {
  const std::string_view folded = text.Folded(token);
  // One pass for both apostrophes, ' and ’ (E2 80 99): words are short.
  for (size_t i = 0; i < folded.size(); ++i) {
    if (folded[i] == '\'' || (folded[i] == '\xE2' && folded.substr(i + 1, 2) == "\x80\x99")) {
      *scratch = LowerWord(folded);
      return *scratch;
    }
  }
  return folded;
}

Status SentimentLexicon::LoadFile(const std::string& path) {
  return ForEachTsvRow(path, "sentiment lexicon", [&](const std::vector<std::string_view>& fields, int line) {
    // word<TAB>valence, and VADER's extra columns (deviation, ratings) after.
    double valence = 0;
    if (fields.size() < 2 || !ParseValence(fields[1], &valence)) {
      return TsvLineError(path, line, "expected word<TAB>valence");
    }
    Set(fields[0], valence);
    return Status::Ok();
  });
}

double SentimentLexicon::IntensifierScalar(uint32_t classes) {
  return (classes & kBooster) ? kBoost : (classes & kDampener) ? -kBoost : 0.0;
}

}  // namespace newsmine
