// Records for the store and query tests, built from sentences written for
// these tests (no article text from elsewhere), and the titles a query finds.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "extract/record.h"
#include "store/query.h"

namespace newsmine::testing {

// A long made-up news text about `topic`, different for each `variant`.
inline std::string StoryText(const std::string& topic, int variant) {
  static const char* const kSentences[] = {
      "The harbour council met on a grey morning to weigh the budget for new cranes.",
      "Officials said the vote on the proposal would come before the end of the month.",
      "Several members argued that the cost of repairs had doubled since the last review.",
      "A spokeswoman for the ministry declined to say when the talks would resume.",
      "Farmers from the northern valley gathered outside the hall with banners and drums.",
      "The opposition leader called the plan reckless and demanded a public inquiry.",
      "Analysts expect the currency to weaken if the agreement is not signed soon.",
      "Rail workers announced a strike that could halt freight traffic for a week.",
      "The mayor promised that the new bridge would open to traffic before winter.",
      "Observers from neighbouring countries were invited to watch the count.",
  };
  std::string text = "Report " + std::to_string(variant) + " on " + topic + ".";
  for (int i = 0; i < 10; ++i) {
    text += " ";
    text += kSentences[(i * (variant + 3) + variant) % 10];
    text += " It was day " + std::to_string(variant * 10 + i) + " of the " + topic + " story.";
  }
  return text;
}

inline Record MakeRecord(const std::string& title, const std::string& text, const std::string& published,
                         const std::string& source) {
  Record r;
  r.text = text;
  r.id = RecordIdForText(text);
  r.title = title;
  r.published = published;
  r.source_name = source;
  r.source_uri = "/tmp/inputs/" + title + ".txt";
  r.url = "https://news.example.org/" + std::to_string(text.size());
  r.language = "en";
  return r;
}

inline Actor MakeActor(const std::string& id, const std::string& name, const std::string& state,
                       int mentions) {
  Actor a;
  a.id = id;
  a.name = name;
  a.type = "person";
  a.state = state;
  a.roles = {"minister"};
  a.mentions = mentions;
  return a;
}

inline StateMention MakeState(const std::string& code, const std::string& name, double sentiment,
                              const std::string& label) {
  StateMention s;
  s.code = code;
  s.name = name;
  s.mentions = 2;
  s.sentiment = sentiment;
  s.label = label;
  s.evidence = {{"A sentence about " + name + ".", sentiment}};
  return s;
}

inline Vote MakeVote(const std::string& who, double percent, const std::string& country) {
  Vote v;
  v.who = who;
  v.actor = "";
  v.percent = percent;
  v.kind = "candidate";
  v.election = "presidential election";
  v.country = country;
  v.date = "2024-03-10";
  v.qualifier = "about";
  v.text = who + " won about " + std::to_string(static_cast<int>(percent)) + " percent.";
  return v;
}

// The titles of the records `filter` finds in `index`, in the query's order.
inline std::vector<std::string> MatchingTitles(Index* index, const RecordFilter& filter) {
  std::vector<std::string> titles;
  const Status s = FindRecords(index, filter, [&](const RecordMatch& m) {
    titles.push_back(m.title);
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return titles;
}

}  // namespace newsmine::testing
