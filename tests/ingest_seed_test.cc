// The seed page and the dev set from ../shared (skipped when absent): the
// headline, the source line and where the main text starts and ends.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/utf8.h"
#include "ingest/document_builder.h"
#include "tests/test_util.h"

namespace newsmine {
namespace {

namespace fs = std::filesystem;

Document BuildFile(const std::string& path) {
  RawDocument raw;
  raw.uri = path;
  raw.bytes = testing::ReadFile(path);
  Document doc;
  const Status s = BuildDocument(raw, BuildOptions(), &doc);
  EXPECT_TRUE(s.ok()) << path << ": " << s.ToString();
  return doc;
}

TEST(IngestSeed, SeedPageTitleSourceAndTextBounds) {
  NEWSMINE_REQUIRE_SHARED();
  const fs::path folder = fs::path(testing::SharedDir()) / "corpus/seed/articles";
  for (const auto& entry : fs::directory_iterator(folder)) {
    const Document doc = BuildFile(entry.path().string());
    EXPECT_EQ(doc.title, "A missed opportunity in Kazakhstan");
    EXPECT_EQ(doc.source_name, "Euobserver");
    EXPECT_EQ(doc.language, "en");
    EXPECT_EQ(doc.text.rfind("The results of Kazakhstan", 0), 0u) << doc.text.substr(0, 80);
    EXPECT_TRUE(doc.text.ends_with("closer relations with Europe and the West."))
        << doc.text.substr(doc.text.size() - 80);
  }
}

// Dev articles are "title, blank line, body": the title is line 1 and the body
// stays whole, apart from a leading date line and a closing wire sign-off.
TEST(IngestSeed, DevBodiesAreKeptWhole) {
  NEWSMINE_REQUIRE_SHARED();
  const fs::path folder = fs::path(testing::SharedDir()) / "corpus/dev/articles";
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string source = testing::ReadFile(entry.path().string());
    const size_t eol = source.find('\n');
    const Document doc = BuildFile(entry.path().string());
    EXPECT_EQ(doc.title, CollapseWhitespace(source.substr(0, eol))) << entry.path();
    const std::string body = CollapseWhitespace(source.substr(eol + 1));
    const std::string text = CollapseWhitespace(doc.text);
    EXPECT_LE(text.size(), body.size()) << entry.path();
    EXPECT_GE(text.size() + 60, body.size()) << entry.path();
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace newsmine
