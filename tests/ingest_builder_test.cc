// BuildDocument and its parts: charsets, binary and oversized input, plain-text
// furniture, dates and language. Every fixture is written here.
#include <gtest/gtest.h>

#include <string>

#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/document_builder.h"
#include "ingest/language.h"
#include "ingest/plain_text.h"
#include "tests/ingest_fixtures.h"

namespace newsmine {
namespace {

const char kRussian[] =
    "Городской совет утвердил новый бюджет на следующий год. Депутаты обсуждали план три часа, и "
    "большинство проголосовало за него. Мэр сказал, что деньги пойдут на ремонт школ и дорог, а также на "
    "новые автобусы для жителей района. Оппозиция считает, что этого недостаточно.";

const char kFrench[] =
    "Le conseil municipal a adopté le budget de l'année prochaine. Les élus ont débattu pendant trois "
    "heures avant le vote, et la majorité a approuvé le projet. Selon le maire, l'argent ira à la rénovation "
    "des écoles et des routes, ainsi qu'à de nouveaux autobus pour les habitants du quartier.";

const char kGerman[] =
    "Der Stadtrat hat den Haushalt für das kommende Jahr beschlossen. Die Abgeordneten diskutierten drei "
    "Stunden, bevor die Mehrheit dem Plan zustimmte. Laut dem Bürgermeister wird das Geld für die Sanierung "
    "der Schulen und Straßen verwendet, außerdem für neue Busse für die Bewohner des Viertels.";

Document Build(const RawDocument& raw, Status* status = nullptr) {
  Document doc;
  Status s = BuildDocument(raw, BuildOptions(), &doc);
  if (status) {
    *status = s;
  } else {
    EXPECT_TRUE(s.ok()) << s.ToString();
  }
  return doc;
}

RawDocument Raw(std::string bytes, std::string declared_charset = "") {
  RawDocument raw;
  raw.uri = "test";
  raw.bytes = std::move(bytes);
  raw.declared_charset = std::move(declared_charset);
  return raw;
}

TEST(IngestCharset, Windows1251IsDetected) {
  const std::string title = "Бюджет принят";
  const Document doc = Build(Raw(testing::ToWindows1251(title + "\n\n" + kRussian)));
  EXPECT_EQ(doc.title, title);
  EXPECT_EQ(doc.text, kRussian);
  EXPECT_EQ(doc.language, "ru");
  EXPECT_EQ(doc.repaired_bytes, 0u);
}

TEST(IngestCharset, DeclaredCharsetWins) {
  std::string out, charset;
  size_t repaired = 0;
  const std::string word = "Привет";
  ASSERT_TRUE(DecodeToUtf8(testing::ToWindows1251(word), "Windows-1251", &out, &repaired, &charset).ok());
  EXPECT_EQ(out, word);
  EXPECT_EQ(charset, "windows-1251");
}

TEST(IngestCharset, Latin1IsDetected) {
  const Document doc = Build(Raw(testing::ToLatin1(std::string("Budget adopté\n\n") + kFrench)));
  EXPECT_EQ(doc.title, "Budget adopté");
  EXPECT_EQ(doc.text, kFrench);
  EXPECT_EQ(doc.language, "fr");
}

TEST(IngestCharset, DeclaredIso88591ReadsAsWindows1252) {
  std::string out;
  size_t repaired = 0;
  // 0x93/0x94 are curly quotes in windows-1252, controls in ISO-8859-1.
  ASSERT_TRUE(DecodeToUtf8("\x93Gr\xFC\xDF"
                           "e\x94",
                           "ISO-8859-1", &out, &repaired)
                  .ok());
  EXPECT_EQ(out, "\xE2\x80\x9CGrüße\xE2\x80\x9D");
}

TEST(IngestCharset, MetaCharsetInHtml) {
  EXPECT_EQ(PrescanMetaCharset(R"(<html><head><META CHARSET="KOI8-R"><title>)"), "koi8-r");
  EXPECT_EQ(PrescanMetaCharset(
                R"(<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><body>)"),
            "windows-1251");
  EXPECT_EQ(PrescanMetaCharset("<meta name=viewport content=width>"), "");
  const std::string page = "<html><head><meta charset=\"windows-1251\"></head><body><p>" +
                           testing::ToWindows1251("Да") + "</p></body></html>";
  std::string out;
  size_t repaired = 0;
  ASSERT_TRUE(DecodeToUtf8(page, "", &out, &repaired).ok());
  EXPECT_NE(out.find("<p>Да</p>"), std::string::npos);
}

TEST(IngestCharset, ByteOrderMarks) {
  std::string out, charset;
  size_t repaired = 0;
  ASSERT_TRUE(DecodeToUtf8(std::string("\xFF\xFE"
                                       "A\0\x16\x04",
                                       6),
                           "", &out, &repaired, &charset)
                  .ok());
  EXPECT_EQ(out, "AЖ");
  EXPECT_EQ(charset, "utf-16le");
  ASSERT_TRUE(DecodeToUtf8("\xEF\xBB\xBFplain", "", &out, &repaired, &charset).ok());
  EXPECT_EQ(out, "plain");
  // Declared UTF-16 without a mark is not mistaken for binary.
  ASSERT_TRUE(DecodeToUtf8(std::string("\0A\0B", 4), "UTF-16BE", &out, &repaired, &charset).ok());
  EXPECT_EQ(out, "AB");
}

// Valid UTF-8 is viewed where it lies (after a byte-order mark); anything
// decoded or repaired is viewed in the scratch buffer.
TEST(IngestCharset, ViewKeepsValidUtf8InPlace) {
  std::string scratch = "left alone", charset;
  std::string_view utf8;
  size_t repaired = 0;
  const std::string valid = "\xEF\xBB\xBFplain caf\xC3\xA9";
  ASSERT_TRUE(DecodeToUtf8View(valid, "", &scratch, &utf8, &repaired, &charset).ok());
  EXPECT_EQ(utf8, "plain caf\xC3\xA9");
  EXPECT_EQ(utf8.data(), valid.data() + 3);
  EXPECT_EQ(scratch, "left alone");
  EXPECT_EQ(charset, "utf-8");
  const std::string broken = "Broken \xC3 byte";
  ASSERT_TRUE(DecodeToUtf8View(broken, "utf-8", &scratch, &utf8, &repaired).ok());
  EXPECT_EQ(utf8, "Broken \xEF\xBF\xBD byte");
  EXPECT_EQ(utf8.data(), scratch.data());
  EXPECT_EQ(repaired, 1u);
  const std::string cyrillic = testing::ToWindows1251("\xD0\x94\xD0\xB0");  // Да
  ASSERT_TRUE(DecodeToUtf8View(cyrillic, "windows-1251", &scratch, &utf8, &repaired, &charset).ok());
  EXPECT_EQ(utf8, "\xD0\x94\xD0\xB0");
  EXPECT_EQ(utf8.data(), scratch.data());
  EXPECT_EQ(charset, "windows-1251");
}

TEST(IngestCharset, InvalidUtf8IsRepairedAndCounted) {
  const Document doc =
      Build(Raw("Headline\n\nBroken \xC3 byte and \xFF another one in a sentence.", "utf-8"));
  EXPECT_EQ(doc.repaired_bytes, 2u);
  EXPECT_EQ(doc.text, "Broken \xEF\xBF\xBD byte and \xEF\xBF\xBD another one in a sentence.");
}

TEST(IngestBadInput, BinaryJunkIsCorrupt) {
  std::string junk;
  for (int i = 0; i < 4000; ++i) junk.push_back(static_cast<char>((i * 7919) % 251 + 1));
  Status s;
  Build(Raw(junk), &s);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("binary content"), std::string::npos);
}

TEST(IngestBadInput, NulBytesAreCorrupt) {
  Status s;
  Build(Raw(std::string("Text with a\0NUL byte in it.", 27)), &s);
  EXPECT_EQ(s.code(), Status::Code::kCorrupt);
  EXPECT_NE(s.message().find("NUL"), std::string::npos);
}

// The text check reads thirty-two bytes a step: the first NUL is named at
// its offset, and control bytes are counted (more than 2% is binary),
// wherever they fall against the steps and the last, partial one.
TEST(IngestBadInput, TextCheckAtEveryOffset) {
  std::string out;
  size_t repaired = 0;
  for (size_t size = 1; size < 100; ++size) {
    for (size_t at = 0; at < size; ++at) {
      SCOPED_TRACE(std::to_string(size) + " " + std::to_string(at));
      std::string text(size, 'a');
      text[at] = '\0';
      if (at + 1 < size) text[at + 1] = '\0';  // only the first is named
      const Status s = DecodeToUtf8(text, "utf-8", &out, &repaired);
      EXPECT_EQ(s.message(), "binary content: NUL byte at offset " + std::to_string(at));
      // One control byte (and a tab, a line feed and an escape, which text
      // has) in 50 bytes or more is text; in fewer, binary.
      text.assign(size, 'a');
      text[at] = '\x01';
      text[size - 1 - at] = at == size - 1 - at ? '\x01' : '\t';
      text[size / 2] = size / 2 == at ? '\x01' : '\x1B';
      text[(size + at) / 2] = (size + at) / 2 == at ? '\x01' : '\n';
      EXPECT_EQ(DecodeToUtf8(text, "utf-8", &out, &repaired).ok(), size >= 50);
      if (size >= 50) {
        EXPECT_EQ(out, text);
      }
    }
  }
}

TEST(IngestBadInput, OversizedDocumentIsRefused) {
  RawDocument raw = Raw(std::string(2000, 'a'));
  BuildOptions options;
  options.max_document_bytes = 1000;
  Document doc;
  EXPECT_EQ(BuildDocument(raw, options, &doc).code(), Status::Code::kLimitExceeded);
}

TEST(IngestBadInput, DeeplyNestedHtmlIsRefused) {
  std::string html = "<!doctype html><html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep";
  RawDocument raw = Raw(html);
  raw.kind = PayloadKind::kHtml;
  BuildOptions options;
  options.max_html_depth = 500;
  Document doc;
  // kLimitExceeded from the HTML extractor; never a crash or a success.
  EXPECT_FALSE(BuildDocument(raw, options, &doc).ok());
}

// A page saved as text, written for this test: widgets, a breadcrumb, a teaser
// list, the article with a subheading, a source line and a closing list.
const char kSavedPage[] =
    "Skip to main content\n"
    "\n"
    "21°C\n"
    "Tuesday, March 4, 2025\n"
    "Home › Science › Comet seen over the valley\n"
    "\n"
    "Comet seen over the valley\n"
    "\n"
    "Latest news\n"
    "\n"
    "Mayor opens the new library\n"
    "\n"
    "The mayor cut the ribbon on Friday while children...\n"
    "\n"
    "Rain expected all week\n"
    "\n"
    "Forecasters said the front would stay until…\n"
    "\n"
    "By Ana Lopes\n"
    "\n"
    "Astronomers in the valley watched a bright comet cross the northern sky on Monday night, the first "
    "such sighting in a decade.\n"
    "\n"
    "The comet was visible to the naked eye for about two hours, said the director of the local "
    "observatory.\n"
    "\n"
    "What comes next\n"
    "\n"
    "It will return in about 70 years, when the next generation can look for it again.\n"
    "\n"
    "Source: Valley Courier\n"
    "\n"
    "Most read\n"
    "\n"
    "Share this article\n";

TEST(IngestPlainText, SavedPageFurnitureIsRemoved) {
  const PlainTextArticle a = ExtractPlainTextArticle(kSavedPage, "");
  EXPECT_EQ(a.title, "Comet seen over the valley");
  EXPECT_EQ(a.source_name, "Valley Courier");
  EXPECT_EQ(a.published, "2025-03-04");
  EXPECT_EQ(
      a.text,
      "Astronomers in the valley watched a bright comet cross the northern sky on Monday night, the first "
      "such sighting in a decade.\n\n"
      "The comet was visible to the naked eye for about two hours, said the director of the local "
      "observatory.\n\n"
      "What comes next\n\n"
      "It will return in about 70 years, when the next generation can look for it again.");
}

TEST(IngestPlainText, HeadlineBreadcrumbWithoutSeparators) {
  const PlainTextArticle a = ExtractPlainTextArticle(
      "Monday, June 2, 2025\nHomeWorldFerry service resumes\n\nFerry service resumes\n\nRelated stories\n\n"
      "Ferries on the northern route sailed again on Monday after a two-week strike ended, the operator "
      "said.\n",
      "");
  EXPECT_EQ(a.title, "Ferry service resumes");
  EXPECT_EQ(a.text.rfind("Ferries on the northern route", 0), 0u);
}

TEST(IngestPlainText, TitleLineThenWrappedWireStoryKeepsTheBody) {
  const std::string body =
      "    OSLO, March 3 - The central bank left its main rate\n"
      "unchanged on Tuesday, saying inflation was close to target.\n"
      "    Economists had expected the decision.";
  const PlainTextArticle a = ExtractPlainTextArticle("BANK HOLDS RATE\n\n" + body + "\n REUTER\n", "");
  EXPECT_EQ(a.title, "BANK HOLDS RATE");
  EXPECT_EQ(a.text, body);
}

// The sign-off is one or two short capitalised words, maybe in brackets.
TEST(IngestPlainText, WireSignOffShapes) {
  const std::string body = "The central bank left its main rate unchanged on Tuesday, as expected.";
  const auto text_with_last_line = [&](const std::string& last) {
    return ExtractPlainTextArticle("RATE HELD\n\n" + body + "\n" + last + "\n", "").text;
  };
  for (const char* sign_off : {"REUTER", "Reuter", "(AFP)", "(Reuter", "AP)", "NEW YORK", "Ab"}) {
    EXPECT_EQ(text_with_last_line(sign_off), body) << sign_off;
  }
  for (const char* kept : {"R", "reuter", "Reuter Staff", "REUTER AB CD", "ABCDEFGHIJKLM", "(Reuter)."}) {
    EXPECT_EQ(text_with_last_line(kept), body + "\n" + kept) << kept;
  }
}

TEST(IngestPlainText, HeadlineMayEndWithAnAbbreviation) {
  const PlainTextArticle a =
      ExtractPlainTextArticle("TRADE TALKS RESUME WITH U.S.\n\nNegotiators met again on Monday.", "");
  EXPECT_EQ(a.title, "TRADE TALKS RESUME WITH U.S.");
  EXPECT_EQ(a.text, "Negotiators met again on Monday.");
}

TEST(IngestPlainText, ContainerTitleKeepsAShortFirstParagraph) {
  const std::string text =
      "Officials confirmed the plan\n\nThe plan will be voted on next week by the council.";
  const PlainTextArticle a = ExtractPlainTextArticle(text, "Council to vote");
  EXPECT_EQ(a.text, text);
  const PlainTextArticle b =
      ExtractPlainTextArticle("Council to vote\n\nThe vote is next week.", "Council to vote");
  EXPECT_EQ(b.text, "The vote is next week.");
}

TEST(IngestPlainText, RepeatedBlocksAndBylinesGo) {
  const PlainTextArticle a = ExtractPlainTextArticle(
      "Storm\n\nBy Sam Reed\n\nThe storm closed schools across the county on Thursday.\n\n"
      "Click here to subscribe to our newsletter today.\n\nRoads were flooded near the river.\n\n"
      "Click here to subscribe to our newsletter today.\n\n© 2025 County News\n",
      "");
  EXPECT_EQ(a.text,
            "The storm closed schools across the county on Thursday.\n\n"
            "Click here to subscribe to our newsletter today.\n\nRoads were flooded near the river.");
}

TEST(IngestPlainText, EachBlockTextKeptOnce) {
  // Enough blocks for the set of kept texts to grow; blocks of one length
  // with the same first and last bytes hash alike and are told apart whole.
  std::string text, expected;
  for (int i = 0; i < 60; ++i) {
    const std::string block = "The council met on day " + std::string(1, static_cast<char>('a' + i % 25)) +
                              " and voted on the plan.";
    text += block + "\n\n";
    if (i < 25) expected += (expected.empty() ? "" : "\n\n") + block;
  }
  EXPECT_EQ(ExtractPlainTextArticle(text, "").text, expected);
}

// Inner lines of a block that has text already are classified only as far
// as their kind is read: they still give a breadcrumb (without a given
// title), a source, and a date outside prose.
TEST(IngestPlainText, InnerLinesOfABlockAreRead) {
  const std::string prose =
      "The harbour ferry sailed again on Monday after repairs to the pier, the operator said.";
  PlainTextArticle a = ExtractPlainTextArticle(
      "Listen\nHome > News > Ferry service resumes\nPrint\n\nWeather warning issued\n\n"
      "Ferry service resumes\n\n" +
          prose + "\n",
      "");
  EXPECT_EQ(a.title, "Ferry service resumes");
  a = ExtractPlainTextArticle("Photo gallery\nMonday, June 2, 2025\nSee all\n\n" + prose +
                                  "\nSource: Harbour Times\nIt runs every hour.\n",
                              "Ferry service resumes");
  EXPECT_EQ(a.source_name, "Harbour Times");
  EXPECT_EQ(a.published, "2025-06-02");
  a = ExtractPlainTextArticle(prose + "\nJune 3, 2025\nIt runs every hour.\n", "Ferry service resumes");
  EXPECT_EQ(a.published, "");
}

TEST(IngestPlainText, ContainerTitleComesBackCollapsed) {
  const PlainTextArticle a =
      ExtractPlainTextArticle("Council  to vote\n\nThe vote is next week.", " Council to\tvote ");
  EXPECT_EQ(a.title, "Council to vote");
  EXPECT_EQ(a.text, "The vote is next week.");
  // Also when no block before the prose is the title; a block after it
  // that equals the title stays in the text.
  EXPECT_EQ(ExtractPlainTextArticle("The vote is next week.", " Council to vote").title, "Council to vote");
  const std::string prose = "The council will vote on the plan next week, the mayor said.";
  const PlainTextArticle b =
      ExtractPlainTextArticle(prose + "\n\nCouncil to vote on the plan\n", "Council to vote on the plan");
  EXPECT_EQ(b.title, "Council to vote on the plan");
  EXPECT_EQ(b.text, prose + "\n\nCouncil to vote on the plan");
}

// A line's bytes are read sixteen at a time (digits, separator bytes, the
// first space) and its first two bytes pick the prefix lists to try: date,
// breadcrumb, source and byline lines are told at any length and offset.
TEST(IngestPlainText, LineKindsAtEveryLength) {
  const std::string body = "The council met on Monday and approved the budget for next year.";
  for (size_t n = 1; n <= 40; ++n) {
    SCOPED_TRACE(n);
    const std::string word(n, 'x');
    const PlainTextArticle dated =
        ExtractPlainTextArticle("Budget passed\n\n" + word + ", 13 July 2024\n\n" + body, "");
    EXPECT_EQ(dated.published, "2024-07-13");
    EXPECT_EQ(dated.text, body);
    EXPECT_EQ(ExtractPlainTextArticle("Budget passed\n\n" + word + " > World > Europe\n\n" + body, "").text,
              body);
    EXPECT_EQ(ExtractPlainTextArticle("Budget passed\n\n" + word + " | World | Europe\n\n" + body, "").text,
              body);
    EXPECT_EQ(ExtractPlainTextArticle("Budget passed\n\nSOURCE: " + word + "\n\n" + body, "").source_name,
              word);
    EXPECT_EQ(ExtractPlainTextArticle("Budget passed\n\n(BY X" + word + ")\n" + body, "").text, body);
    // Four digits that are no year, and separators within a word, are prose.
    const std::string number_line = word + " 1234 units";
    EXPECT_EQ(ExtractPlainTextArticle("Budget passed\n\n" + number_line + "\n" + body, "").text,
              number_line + "\n" + body);
  }
}

TEST(IngestDocument, JsonTextUsesContainerMetadata) {
  RawDocument raw =
      Raw("Friday, January 4, 2019 \n\n\nThe ferry sailed again after the strike ended.", "utf-8");
  raw.kind = PayloadKind::kText;
  raw.title = "Ferry sails";
  raw.published = "2019-01-05";
  raw.source_name = "Example";
  const Document doc = Build(raw);
  EXPECT_EQ(doc.title, "Ferry sails");
  EXPECT_EQ(doc.published, "2019-01-05");
  EXPECT_EQ(doc.source_name, "Example");
  EXPECT_EQ(doc.text, "The ferry sailed again after the strike ended.");
}

TEST(IngestDates, CommonFormats) {
  EXPECT_EQ(NormalizeDate("Saturday, July 13, 2024"), "2024-07-13");
  EXPECT_EQ(NormalizeDate("July 13, 2024"), "2024-07-13");
  EXPECT_EQ(NormalizeDate("13 July 2024"), "2024-07-13");
  EXPECT_EQ(NormalizeDate("Sept. 3, 2019"), "2019-09-03");
  EXPECT_EQ(NormalizeDate("2017-02-09 13:37:00"), "2017-02-09T13:37:00");
  EXPECT_EQ(NormalizeDate("2017-02-09T13:37:00+01:00"), "2017-02-09T13:37:00+01:00");
  EXPECT_EQ(NormalizeDate("Tue, 10 Jun 2003 04:00:00 GMT"), "2003-06-10");
  EXPECT_EQ(NormalizeDate("26-FEB-1987 15:01:01.79"), "1987-02-26");
  EXPECT_EQ(NormalizeDate("May 5, 2020 was a day"), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
}

// IsNormalDate tells, without building one, whether NormalizeDate gives
// its text back.
TEST(IngestDates, IsNormalDateIsNormalizeDateGivingItBack) {
  for (const std::string& text : std::initializer_list<std::string>{
           "2024-07-13", "2024-07-13.", " 2024-07-13", "2017-02-09T13:37:00", "2017-02-09 13:37:00",
           "2017-02-09T13:37:00+01:00", "2017-02-09T13:37:00.5Z", "2017-02-09T13:37Z",
           "2017-02-09T13:37:00+0100", "1850-07-13", "2024-13-01", "2024-7-13", "July 13, 2024", "",
           "yesterday", "2024-07-13T", "2017-02-09T13:37:00." + std::string(45, '1')}) {
    EXPECT_EQ(IsNormalDate(text), NormalizeDate(text) == text) << text;
  }
}

// An ISO date is read at once, as it comes; white space around or inside it
// is collapsed first, as for the other forms.
TEST(IngestDates, IsoDatesAsTheyComeOrCollapsed) {
  EXPECT_EQ(NormalizeDate("2024-07-13"), "2024-07-13");
  EXPECT_EQ(NormalizeDate("2024-07-13."), "2024-07-13");
  EXPECT_EQ(NormalizeDate(" 2024-07-13\n"), "2024-07-13");
  EXPECT_EQ(NormalizeDate("2017-02-09  13:37"), "2017-02-09T13:37");
  EXPECT_EQ(NormalizeDate("1850-07-13"), "");
  EXPECT_EQ(NormalizeDate("2024-13-01"), "");
  // Longer than any date, even with its final "." dropped.
  EXPECT_EQ(NormalizeDate("2017-02-09T13:37:00." + std::string(45, '1')), "");
  EXPECT_EQ(NormalizeDate("2017-02-09T13:37:00." + std::string(44, '1') + "."),
            "2017-02-09T13:37:00." + std::string(44, '1'));
}

// The year is found wherever it falls among the blocks of bytes the scan for
// four digits takes, and three digits are not a year.
TEST(IngestDates, YearAtAnyOffset) {
  for (size_t pad = 0; pad < 40; ++pad) {
    const std::string spaces(pad, ' ');
    EXPECT_EQ(NormalizeDate(spaces + "13 July 2024"), "2024-07-13") << pad;
    EXPECT_EQ(NormalizeDate(spaces + "13 July 202 4"), "") << pad;
    EXPECT_EQ(NormalizeCollapsedDate(std::string(pad, '1') + "x 13 July 2024"),
              NormalizeDate(std::string(pad, '1') + "x 13 July 2024"))
        << pad;
  }
}

// HasFourDigitRun reads overlapping windows of sixteen bytes: a run must be
// found at every offset and length, and three digits or runs of three must
// not pass.
TEST(IngestDates, FourDigitRunsAtEveryOffset) {
  for (size_t size = 0; size <= 150; ++size) {
    for (size_t at = 0; at + 4 <= size; ++at) {
      std::string text(size, 'x');
      text.replace(at, 4, "2024");
      EXPECT_TRUE(HasFourDigitRun(text)) << size << " " << at;
      text[at + (at + size) % 4] = ' ';  // one digit gone
      EXPECT_FALSE(HasFourDigitRun(text)) << size << " " << at;
    }
    EXPECT_FALSE(HasFourDigitRun(std::string(size, 'x')));
  }
  EXPECT_FALSE(HasFourDigitRun("123 456 789 012 345 678 901 234 567 890 123 456 789 012 345 678 901 234"));
}

// FindDate looks for each pattern only where the digits it needs are.
TEST(IngestDates, FindDateInsideText) {
  EXPECT_EQ(FindDate("Voters went to the polls on 20 November 2022, officials said."), "2022-11-20");
  EXPECT_EQ(FindDate("The vote (on\tNov. 3,\n2019 at 9:41) was close"), "2019-11-03T09:41:00");
  EXPECT_EQ(FindDate("filed 12019-11-19 late"), "2019-11-19");
  EXPECT_EQ(FindDate("release 2019.11.19"), "2019-11-19");
  EXPECT_EQ(FindDate("notes\n20191119 draft"), "2019-11-19");
  EXPECT_EQ(FindDate("Turnout was 52,1234 votes in the 2022 race"), "");
  EXPECT_EQ(FindDate("No year here, only 12 Nov."), "");
}

TEST(IngestLanguage, StopWordProfilesAndScripts) {
  EXPECT_EQ(
      DetectLanguage("The council approved the budget for the next year, and the mayor said it was a good "
                     "day for the town."),
      "en");
  EXPECT_EQ(DetectLanguage(kGerman), "de");
  EXPECT_EQ(DetectLanguage(kFrench), "fr");
  EXPECT_EQ(DetectLanguage(kRussian), "ru");
  EXPECT_EQ(DetectLanguage("Το δημοτικό συμβούλιο ενέκρινε τον προϋπολογισμό."), "el");
  EXPECT_EQ(DetectLanguage("12 34"), "");
  // Profile words longer than eight bytes are looked up apart.
  EXPECT_EQ(DetectLanguage("также в также в также"), "ru");
  EXPECT_EQ(DetectLanguage("також в також в також"), "uk");
}

// Each profile's words are found in the word table (ASCII ones from the
// chunk masks, others a code point at a time): three of a language's own
// function words name it.
TEST(IngestLanguage, EveryProfileIsFound) {
  const std::pair<const char*, const char*> kWords[] = {
      {"en", "the which were"},    {"fr", "les dans avec"},     {"de", "und nicht wurde"},
      {"es", "las pero entre"},    {"it", "della questo sono"}, {"pt", "não também são"},
      {"nl", "het een niet"},      {"sv", "och att inte"},      {"pl", "się jest przez"},
      {"tr", "için olarak değil"}, {"ru", "что это также"},     {"uk", "що також які"},
      {"bg", "като това ще"},
  };
  for (const auto& [language, words] : kWords) EXPECT_EQ(DetectLanguage(words), language) << words;
}

// Hits are counted exactly, however densely they come (one-letter function
// words fill a 64-byte chunk thirty-two to a chunk), for profiles in either
// half of the counters: the winner needs 1.5 times the runner-up's hits, so
// one word more or less decides.
TEST(IngestLanguage, DenseHitsAreCountedExactly) {
  const auto repeat = [](const char* word, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += std::string(word) + " ";
    return s;
  };
  EXPECT_EQ(DetectLanguage(repeat("o", 90) + repeat("y", 60)), "pt");  // 180 = 3 * 60
  EXPECT_EQ(DetectLanguage(repeat("o", 90) + repeat("y", 61)), "");
  EXPECT_EQ(DetectLanguage(repeat("y", 61) + repeat("o", 90)), "");
  EXPECT_EQ(DetectLanguage(repeat("w", 90) + repeat("o", 60)), "pl");  // profile 8 and up
  EXPECT_EQ(DetectLanguage(repeat("w", 89) + repeat("o", 60)), "");
}

// Words are found sixty-four bytes at a time: a function word must count
// wherever it falls against the chunks and their non-ASCII bytes, in either
// case, and only as a whole word.
TEST(IngestLanguage, WordsAtEveryChunkOffset) {
  for (size_t pad = 0; pad < 140; ++pad) {
    const std::string padding(pad, '.');
    SCOPED_TRACE(pad);
    EXPECT_EQ(DetectLanguage(padding + "der Hund und die Katze, das ist nicht mit den"), "de");
    // Two ASCII letters either side of a non-ASCII one make one word: "für".
    EXPECT_EQ(DetectLanguage(padding + "für die Stadt und für das Land, auf der Straße"), "de");
    // "the" inside longer words is no hit, nor after a 16-letter word.
    EXPECT_EQ(DetectLanguage(padding + "thetheo otherthe abcdefghijklmnopthe tothe"), "");
    EXPECT_EQ(DetectLanguage(padding + "of the"), "");  // too few hits
    EXPECT_EQ(DetectLanguage(padding + "of the and"), "en");
    EXPECT_EQ(DetectLanguage(padding + "OF THE AND"), "en");
    EXPECT_EQ(DetectLanguage(padding + std::string(70, 'q') + " the of and"), "en");
    EXPECT_EQ(DetectLanguage(padding + std::string(70, 'q') + " the of andé"), "");
    EXPECT_EQ(DetectLanguage(padding + "é the é of é and"), "en");
    // Words longer than any profile's are dropped in bulk, the longest
    // profile words ("olarak", six letters) kept, between long words too.
    EXPECT_EQ(DetectLanguage(padding + "olarak olarak olarak"), "tr");
    EXPECT_EQ(DetectLanguage(padding + "olaraks olaraks olaraks"), "");
    EXPECT_EQ(DetectLanguage(padding + "internationally olarak establishment olarak olarakolarak olarak"),
              "tr");
  }
}

}  // namespace
}  // namespace newsmine
