// The measured comparison of issue 7: sentiment label accuracy on the
// development set (../shared/corpus/dev) of the targeted method against the
// sentence-VADER baseline, counted as eval/score.py counts it (a missing state
// is wrong; neutral and mixed are the same). Skips when ../shared is absent.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "extract/sentiment.h"
#include "ingest/document_builder.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

struct Accuracy {
  int right = 0;
  int total = 0;
  std::string wrong;  // "devNN.txt CODE gold/got" lines, for error analysis
  double value() const { return total ? static_cast<double>(right) / total : 0; }
};

bool SameLabel(const std::string& gold, const std::string& got) {
  const auto neutral = [](const std::string& l) { return l == "neutral" || l == "mixed"; };
  return neutral(gold) ? neutral(got) : gold == got;
}

Accuracy LabelAccuracy(const std::string& dev_dir, const StateSentimentExtractor& extractor) {
  Accuracy accuracy;
  for (const auto& entry : fs::directory_iterator(dev_dir + "/gold")) {
    rapidjson::Document gold;
    gold.Parse(testing::ReadFile(entry.path().string()).c_str());
    if (gold.HasParseError()) ADD_FAILURE() << "unreadable gold " << entry.path();
    if (gold.HasParseError()) continue;
    RawDocument raw;
    raw.uri = dev_dir + "/articles/" + gold["file"].GetString();
    raw.bytes = testing::ReadFile(raw.uri);
    raw.kind = PayloadKind::kText;
    Document document;
    EXPECT_TRUE(BuildDocument(raw, BuildOptions(), &document).ok()) << raw.uri;
    const AnalyzedText text(document.text);
    std::map<std::string, std::string> labels;
    for (const StateMention& m : extractor.Extract(text, document, {})) labels[m.code] = m.label;
    for (const auto& state : gold["states"].GetArray()) {
      if (!state.HasMember("sentiment")) continue;
      ++accuracy.total;
      const auto it = labels.find(state["iso3"].GetString());
      const bool right = it != labels.end() && SameLabel(state["sentiment"].GetString(), it->second);
      accuracy.right += right;
      if (!right) {
        accuracy.wrong += std::string("  ") + gold["file"].GetString() + " " + state["iso3"].GetString() +
                          " " + state["sentiment"].GetString() + "/" +
                          (it == labels.end() ? "none" : it->second) + "\n";
      }
    }
  }
  return accuracy;
}

TEST(StateSentimentDev, TargetedBeatsSentenceBaseline) {
  NEWSMINE_REQUIRE_SHARED();
  const std::string data = testing::SourceDir() + "/corpus/data";
  StateGazetteer gazetteer;
  ASSERT_TRUE(gazetteer.LoadFile(data + "/countries/states.tsv").ok());
  std::unique_ptr<StateSentimentExtractor> targeted, baseline;
  ASSERT_TRUE(StateSentimentExtractor::Load(data, &gazetteer, SentimentMethod::kTargeted, &targeted).ok());
  ASSERT_TRUE(
      StateSentimentExtractor::Load(data, &gazetteer, SentimentMethod::kSentenceBaseline, &baseline).ok());
  const std::string dev = testing::SharedDir() + "/corpus/dev";
  const Accuracy ours = LabelAccuracy(dev, *targeted);
  const Accuracy plain = LabelAccuracy(dev, *baseline);
  std::cout << "sentiment label accuracy on dev: targeted " << ours.value() << " (" << ours.right << "/"
            << ours.total << "), sentence-VADER baseline " << plain.value() << " (" << plain.right << "/"
            << plain.total << ")\ntargeted method's wrong labels (gold/got):\n"
            << ours.wrong;
  EXPECT_GT(ours.total, 0);
  EXPECT_GT(ours.value(), plain.value());
}

}  // namespace
}  // namespace newsmine
