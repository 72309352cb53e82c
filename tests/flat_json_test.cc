// FlatJsonObject: the fast path for JSON lines. Whatever it accepts must read
// exactly as RapidJSON reads it; whatever else it must refuse.
#include "ingest/flat_json.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <random>
#include <string>
#include <vector>

namespace newsmine {
namespace {

std::string Value(const FlatJsonObject& object, const char* key) {
  const std::string_view* value = object.Find(key);
  return value ? std::string(*value) : "<none>";
}

TEST(FlatJsonObject, ReadsAFlatObjectOfStrings) {
  FlatJsonObject object;
  ASSERT_TRUE(object.Parse(R"({"id": "7", "title":"Talks" ,  "text" : "Line one\nline \"two\"\t\\ \/"})"));
  EXPECT_EQ(Value(object, "id"), "7");
  EXPECT_EQ(Value(object, "title"), "Talks");
  EXPECT_EQ(Value(object, "text"), "Line one\nline \"two\"\t\\ /");
  EXPECT_EQ(Value(object, "url"), "<none>");
  // Names are turned away by a filter bit of their size and last byte: a
  // name that shares the bit of a field's is still compared.
  EXPECT_EQ(Value(object, "ix"), "<none>");
  EXPECT_EQ(Value(object, "ad"), "<none>");
  EXPECT_EQ(Value(object, ""), "<none>");
  ASSERT_TRUE(object.Parse(" \t{ }\r"));
  EXPECT_EQ(Value(object, "id"), "<none>");
}

// Two-byte escapes are replaced inside the sixteen-byte scan and after it
// (near the line's end): at every offset, each reads as it stands for.
TEST(FlatJsonObject, ShortEscapesAtEveryOffset) {
  FlatJsonObject object;
  for (size_t pad = 0; pad < 40; ++pad) {
    const std::string a(pad, 'a');
    SCOPED_TRACE(pad);
    ASSERT_TRUE(object.Parse("{\"t\": \"" + a + R"(\n\"\\\/\b\f\r\tz\n\n)" + "\"}"));
    EXPECT_EQ(Value(object, "t"), a + "\n\"\\/\b\f\r\tz\n\n");
    EXPECT_FALSE(object.Parse("{\"t\": \"" + a + R"(\x)" + "\"}"));  // no such escape
  }
}

TEST(FlatJsonObject, UnicodeEscapesBecomeUtf8) {
  FlatJsonObject object;
  ASSERT_TRUE(object.Parse(R"({"t": "caf\u00e9 \u00C9 \u20ac \ud83d\ude00 a\u0000b"})"));
  EXPECT_EQ(Value(object, "t"), std::string("caf\xC3\xA9 \xC3\x89 \xE2\x82\xAC \xF0\x9F\x98\x80 a\0b", 21));
}

// As RapidJSON does, a lone low surrogate is written as it is (not valid
// UTF-8: the document builder repairs it later).
TEST(FlatJsonObject, ALoneLowSurrogateIsKept) {
  FlatJsonObject object;
  ASSERT_TRUE(object.Parse(R"({"t": "a\udc00b"})"));
  EXPECT_EQ(Value(object, "t"),
            "a\xED\xB0\x80"
            "b");
}

TEST(FlatJsonObject, TheFirstOfTwoEqualKeysCounts) {
  FlatJsonObject object;
  ASSERT_TRUE(object.Parse(R"({"text": "first", "te\u0078t": "second"})"));
  EXPECT_EQ(Value(object, "text"), "first");
}

TEST(FlatJsonObject, RefusesWhatIsNotAFlatObjectOfStrings) {
  FlatJsonObject object;
  for (const char* line : {
           R"({"id": 7, "text": "a"})",        // a number
           R"({"text": "a", "tags": ["x"]})",  // an array
           R"({"source": {"name": "x"}})",     // an object
           R"({"text": null})",                // null
           R"({"text": "a",})",                // a trailing comma
           R"({"text" "a"})",                  // no colon
           R"({"text": "a"} x)",               // something after the object
           R"({"text": "a")",                  // truncated
           R"({"text": "a)",                   // an unterminated string
           R"({"text": "a\x"})",               // an unknown escape
           R"({"text": "\u12"})",              // a short \u escape
           R"({"text": "\ud83d"})",            // a lone high surrogate
           R"({"text": "\ud83d\u0041"})",      // a high surrogate and no low one
           "{\"text\": \"a\tb\"}",             // a raw control byte
           R"(["text", "a"])",                 // not an object
           "",
       }) {
    EXPECT_FALSE(object.Parse(line)) << line;
  }
}

// Random lines from the pieces JSON lines are made of, good and bad: the fast
// path takes exactly the flat objects of strings, and reads them as RapidJSON
// does.
TEST(FlatJsonObject, AgreesWithRapidJsonOnRandomLines) {
  std::mt19937 random(20261129);
  const auto pick = [&](std::initializer_list<const char*> options) {
    return std::string(*(options.begin() + random() % options.size()));
  };
  const auto string_piece = [&] {
    return pick({"a",
                 "Talks",
                 " ",
                 "\\n",
                 "\\\"",
                 "\\\\",
                 "\\/",
                 "\\t",
                 "\\u00e9",
                 "\\u20AC",
                 "\\ud83d\\ude00",
                 "\xC3\xA9",
                 "\xE2\x82\xAC",
                 "0123456789abcdef",
                 "\\u0000",
                 "\\ud800",
                 "\\x",
                 "\t",
                 "\"",
                 "\\"});
  };
  const auto json_string = [&] {
    std::string s = "\"";
    for (int n = random() % 12; n > 0; --n) s += string_piece();
    return s + "\"";
  };
  const auto space = [&] { return pick({"", "", " ", "  ", "\t", "\r", "\n "}); };
  const auto value = [&] {
    return random() % 12 == 0 ? pick({"7", "-1.5", "null", "true", "[]", "{}", "{\"a\":\"b\"}"})
                              : json_string();
  };
  FlatJsonObject object;
  int accepted = 0;
  constexpr int kLines = 20000;
  for (int i = 0; i < kLines; ++i) {
    std::string line = space() + "{" + space();
    const int fields = random() % 5;
    for (int f = 0; f < fields; ++f) {
      if (f > 0) line += space() + "," + space();
      line += (random() % 4 == 0 ? pick({"\"text\"", "\"id\"", "\"t\\u0065xt\""}) : json_string()) + space() +
              ":" + space() + value();
    }
    line += space() + "}" + space();
    if (random() % 20 == 0) line.erase(random() % line.size(), 1);  // damage
    rapidjson::Document reference;
    reference.Parse(line.data(), line.size());
    bool flat = !reference.HasParseError() && reference.IsObject();
    if (flat) {
      for (const auto& member : reference.GetObject()) flat = flat && member.value.IsString();
    }
    ASSERT_EQ(object.Parse(line), flat) << line;
    if (!flat) continue;
    ++accepted;
    for (const auto& member : reference.GetObject()) {
      const std::string key(member.name.GetString(), member.name.GetStringLength());
      // FindMember stops at a NUL in the key: such keys are not looked up.
      if (key.find('\0') != std::string::npos) continue;
      const auto first = reference.FindMember(key.c_str());
      const std::string_view* fast = object.Find(key);
      ASSERT_NE(fast, nullptr) << line;
      EXPECT_EQ(*fast, std::string_view(first->value.GetString(), first->value.GetStringLength())) << line;
    }
  }
  // The generator makes plenty of good lines: the fast path must take them.
  EXPECT_GT(accepted, kLines / 5);
}

}  // namespace
}  // namespace newsmine
