// Record: what newsmine knows about one article. Its JSON form is the outside
// contract (../shared/CONTRACT.md); store/record_json.h reads and writes it.
#pragma once

#include <string>
#include <vector>

#include "ingest/document.h"

namespace newsmine {

struct Actor {
  std::string id;                  // stable across articles: "kassym-jomart-tokayev"
  std::string name;                // the fullest form the text gives
  std::string type;                // "person" or "organization"
  std::string state;               // ISO3 of the affiliation, or empty
  std::vector<std::string> roles;  // "president", "foreign minister"
  int mentions = 0;
};

struct Evidence {
  std::string text;  // the sentence
  double score = 0;  // its polarity toward the state, in [-1, 1]
};

struct StateMention {
  std::string code;  // ISO 3166-1 alpha-3 (former states keep theirs: SUN)
  std::string name;  // "Kazakhstan"
  int mentions = 0;
  double sentiment = 0;  // in [-1, 1]
  std::string label;     // positive, negative, neutral or mixed
  std::vector<Evidence> evidence;
};

struct Vote {
  std::string who;    // candidate, party or option as named; empty for turnout
  std::string actor;  // the matching Actor::id, or empty
  double percent = 0;
  std::string kind;       // candidate, party, option, turnout or poll
  std::string election;   // "presidential election", "parliamentary election, second round"
  std::string country;    // ISO3 of the polity holding the vote, or empty
  std::string date;       // ISO 8601 when the text gives it
  std::string qualifier;  // "about", "more than", ... or empty
  std::string text;       // the sentence
};

struct Record {
  std::string id;  // hash of the normalised text: same text, same id
  std::string source_uri;
  std::string source_name;
  std::string url;
  std::string title;
  std::string published;
  std::string language;
  std::string text;
  std::string duplicate_of;  // id of an earlier near-duplicate, or empty
  std::vector<Actor> actors;
  std::vector<StateMention> states;
  std::vector<Vote> votes;
};

// The record id for an article text: a 128-bit hash (32 hex digits) of the
// text with white space collapsed, so re-extraction of the same article gives
// the same id whatever its line breaks.
std::string RecordIdForText(const std::string& text);

}  // namespace newsmine
