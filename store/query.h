// Queries over a store's index: records by filters, votes, actors (with
// co-occurrence), sentiment toward states over time, and store statistics.
// Every query reads committed data only and runs beside a writer.
//
// Thread-safety: a query uses the Index it is given, which belongs to one
// thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "store/index.h"
#include "store/result_table.h"
#include "store/store.h"

namespace newsmine {

// Conditions on the article that every query accepts. Empty means "any".
struct ArticleFilter {
  std::string since;           // YYYY-MM-DD or a prefix (2024, 2024-07), inclusive
  std::string until;           // inclusive: 2024-07 takes all of July
  std::string source;          // source name or host, case-insensitive
  bool no_duplicates = false;  // leave out near-duplicates
};

struct RecordFilter {
  ArticleFilter article;
  std::string actor;  // actor id or name (case-insensitive)
  std::string state;  // ISO3
  std::string label;  // label toward --state, or toward any state without it
  std::string text;   // words that must all occur in the title or text
  int64_t limit = 0;  // 0: no limit
};

// One record that matched, in store order.
struct RecordMatch {
  std::string id;
  std::string day;
  std::string source;
  std::string title;
  std::string duplicate_of;
  RecordLocation location;
};

// Calls fn for each matching record, in the order they were stored. Returns
// kInvalidArgument for a bad filter, kIoError when the index fails, or fn's
// first non-OK status.
Status FindRecords(Index* index, const RecordFilter& filter,
                   const std::function<Status(const RecordMatch&)>& fn);

struct VoteFilter {
  ArticleFilter article;
  std::string country;  // ISO3
  std::string who;      // candidate, party or option (or actor id), case-insensitive
  std::string kind;     // candidate, party, option, turnout or poll
};
// Columns: who, percent, kind, election, country, date, qualifier, article, title.
Status QueryVotes(Index* index, const VoteFilter& filter, ResultTable* out);

struct ActorFilter {
  ArticleFilter article;
  int64_t top = 20;
  std::string state;  // the actors' own affiliation (ISO3)
  std::string with;   // co-occurrence: actors in the same articles as this one
};
// Columns: actor, name, type-less state, mentions, articles — ranked by
// articles then mentions. With `with`, articles counts the shared ones.
Status QueryActors(Index* index, const ActorFilter& filter, ResultTable* out);

struct StateFilter {
  ArticleFilter article;
  std::string state;  // ISO3
  std::string by;     // "", "day", "week" (weeks start on Monday) or "month"
};
// Columns: state, name, [period,] mean (sentiment), count (mentions in
// articles), positive, negative. Without `by`, one row per state.
Status QueryStates(Index* index, const StateFilter& filter, ResultTable* out);

// Columns: what, value — records, near-duplicates, errors, inputs,
// sources, first and last date, segments, commits.
Status QueryStats(Store* store, ResultTable* out);

}  // namespace newsmine
