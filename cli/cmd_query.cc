// newsmine query [records|votes|actors|states]: read a store through its index.
#include <cstdio>
#include <cstring>
#include <fstream>

#include "cli/cmd_store_common.h"
#include "cli/commands.h"
#include "store/chart.h"
#include "store/query.h"

namespace newsmine {
namespace {

// Options every kind of query takes.
struct CommonQueryOptions {
  std::string store_flag;
  std::string format_name;
  ArticleFilter article;
};

void AddCommonQueryOptions(ArgParser* parser, CommonQueryOptions* o) {
  AddStoreOption(parser, &o->store_flag);
  parser->AddString("format", "F", "table, jsonl, json or csv (default: table on a terminal, else jsonl)",
                    &o->format_name);
  parser->AddString("since", "DATE", "articles published on or after DATE (YYYY[-MM[-DD]])",
                    &o->article.since);
  parser->AddString("until", "DATE", "articles published on or before DATE (YYYY[-MM[-DD]])",
                    &o->article.until);
  parser->AddString("source", "NAME", "articles of this source (name or host)", &o->article.source);
  parser->AddFlag("no-duplicates", "leave out near-duplicates (the same story reprinted)",
                  &o->article.no_duplicates);
}

// Prints whole records (jsonl, json) or a summary row each (table, csv).
Status PrintRecords(Store* store, const RecordFilter& filter, OutputFormat format) {
  const bool whole = format == OutputFormat::kJsonl || format == OutputFormat::kJson;
  ResultTable table;
  table.columns = {"id", "date", "source", "title", "duplicate_of"};
  bool first = true;
  std::string json;
  if (format == OutputFormat::kJson) std::fputs("[", stdout);
  Status s = FindRecords(store->index(), filter, [&](const RecordMatch& m) {
    if (!whole) {
      auto cell = [](const std::string& v) { return v.empty() ? Cell() : Cell(v); };
      table.rows.push_back({m.id, cell(m.day), cell(m.source), m.title, cell(m.duplicate_of)});
      return Status::Ok();
    }
    if (Status r = store->ReadRecordJson(m.location, &json); !r.ok()) return r;
    if (format == OutputFormat::kJson && !first) json.insert(0, ",\n");
    if (format == OutputFormat::kJsonl) json.push_back('\n');
    first = false;
    if (std::fwrite(json.data(), 1, json.size(), stdout) != json.size()) {
      return Status::IoError("cannot write to standard output");
    }
    return Status::Ok();
  });
  if (format == OutputFormat::kJson) std::fputs("]\n", stdout);
  if (!s.ok() || whole) return s;
  return PrintResultTable(table, format, stdout);
}

int Finish(const Status& s) { return s.ok() ? kExitOk : ReportFailure("query", s); }

// Parses, opens the store and resolves the format; returns -1 to go on or
// the exit status.
int Prepare(ArgParser* parser, const CommonQueryOptions& o, int argc, char** argv, int first,
            std::unique_ptr<Store>* store, OutputFormat* format) {
  std::vector<std::string> positional;
  if (int exit = ParseOrExit("query", parser, argc, argv, first, &positional); exit >= 0) return exit;
  if (!positional.empty()) {
    return ReportFailure("query", Status::InvalidArgument("unexpected argument " + positional[0]));
  }
  if (Status s = ParseOutputFormat(o.format_name, format); !s.ok()) return ReportFailure("query", s);
  if (!OpenStoreForCommand("query", o.store_flag, Store::Mode::kRead, store).ok()) return kExitFailure;
  return -1;
}

int RecordsQuery(int argc, char** argv, int first) {
  CommonQueryOptions o;
  RecordFilter filter;
  ArgParser parser("newsmine query [records] [options]",
                   "Records matching every filter given (every record when there is none), in store order.\n"
                   "--format jsonl and json print whole records.");
  AddCommonQueryOptions(&parser, &o);
  parser.AddString("actor", "NAME|ID", "records naming this actor", &filter.actor);
  parser.AddString("state", "ISO3", "records mentioning this state", &filter.state);
  parser.AddString("label", "LABEL", "sentiment label (toward --state, else toward any state)",
                   &filter.label);
  parser.AddString("text", "WORDS", "records whose title or text has all these words", &filter.text);
  long limit = 0;
  parser.AddInt("limit", "N", "at most N records", &limit);
  std::unique_ptr<Store> store;
  OutputFormat format;
  if (int exit = Prepare(&parser, o, argc, argv, first, &store, &format); exit >= 0) return exit;
  filter.article = o.article;
  filter.limit = limit;
  return Finish(PrintRecords(store.get(), filter, format));
}

int VotesQuery(int argc, char** argv, int first) {
  CommonQueryOptions o;
  VoteFilter filter;
  ArgParser parser(
      "newsmine query votes [options]",
      "Vote shares and turnout reported in the articles: who, percent, kind, election, country,\n"
      "date and the article.");
  AddCommonQueryOptions(&parser, &o);
  parser.AddString("country", "ISO3", "votes held in this state", &filter.country);
  parser.AddString("who", "NAME", "votes for this candidate, party or option", &filter.who);
  parser.AddString("kind", "KIND", "candidate, party, option, turnout or poll", &filter.kind);
  std::unique_ptr<Store> store;
  OutputFormat format;
  if (int exit = Prepare(&parser, o, argc, argv, first, &store, &format); exit >= 0) return exit;
  filter.article = o.article;
  ResultTable table;
  if (Status s = QueryVotes(store->index(), filter, &table); !s.ok()) return Finish(s);
  return Finish(PrintResultTable(table, format, stdout));
}

int ActorsQuery(int argc, char** argv, int first) {
  CommonQueryOptions o;
  ActorFilter filter;
  long top = 20;
  ArgParser parser("newsmine query actors [options]",
                   "Actors ranked by the articles and mentions naming them; with --with, the actors named\n"
                   "in the same articles as another (co-occurrence).");
  AddCommonQueryOptions(&parser, &o);
  parser.AddInt("top", "N", "the first N actors (default 20, 0 for all)", &top);
  parser.AddString("state", "ISO3", "actors affiliated with this state", &filter.state);
  parser.AddString("with", "NAME|ID", "actors appearing in articles with this one", &filter.with);
  std::unique_ptr<Store> store;
  OutputFormat format;
  if (int exit = Prepare(&parser, o, argc, argv, first, &store, &format); exit >= 0) return exit;
  filter.article = o.article;
  filter.top = top;
  ResultTable table;
  if (Status s = QueryActors(store->index(), filter, &table); !s.ok()) return Finish(s);
  return Finish(PrintResultTable(table, format, stdout));
}

int StatesQuery(int argc, char** argv, int first) {
  CommonQueryOptions o;
  StateFilter filter;
  std::string chart;
  ArgParser parser(
      "newsmine query states [options]",
      "Sentiment toward states: mean in [-1, 1] and number of mentions, per state or over time.");
  AddCommonQueryOptions(&parser, &o);
  parser.AddString("state", "ISO3", "only this state", &filter.state);
  parser.AddString("by", "PERIOD", "day, week or month: one row per state and period", &filter.by);
  parser.AddString("chart", "FILE.svg", "also draw it over time as an SVG line chart (by month unless --by)",
                   &chart);
  std::unique_ptr<Store> store;
  OutputFormat format;
  if (int exit = Prepare(&parser, o, argc, argv, first, &store, &format); exit >= 0) return exit;
  filter.article = o.article;
  if (!chart.empty() && filter.by.empty()) filter.by = "month";
  ResultTable table;
  if (Status s = QueryStates(store->index(), filter, &table); !s.ok()) return Finish(s);
  if (!chart.empty()) {
    std::ofstream out(chart, std::ios::binary);
    out << SentimentChartSvg(table, "Sentiment toward states, by " + filter.by);
    if (!out.flush()) return Finish(Status::IoError("cannot write " + chart));
    std::fprintf(stderr, "newsmine query: chart written to %s\n", chart.c_str());
  }
  return Finish(PrintResultTable(table, format, stdout));
}

}  // namespace

int QueryCommand(int argc, char** argv) {
  const char* what = argc > 2 && std::strncmp(argv[2], "-", 1) != 0 ? argv[2] : "records";
  const int first = argc > 2 && std::strncmp(argv[2], "-", 1) != 0 ? 3 : 2;
  if (!std::strcmp(what, "records")) return RecordsQuery(argc, argv, first);
  if (!std::strcmp(what, "votes")) return VotesQuery(argc, argv, first);
  if (!std::strcmp(what, "actors")) return ActorsQuery(argc, argv, first);
  if (!std::strcmp(what, "states")) return StatesQuery(argc, argv, first);
  std::fprintf(stderr, "newsmine query: unknown query '%s' (records, votes, actors or states)\n", what);
  return kExitUsage;
}

}  // namespace newsmine
