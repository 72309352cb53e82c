// The actor lexicon alone: keys, the one table of word classes, the word
// hash, and slugs.
#include "extract/actor_lexicon.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

#include "extract/actor_dictionary.h"
#include "extract/short_words.h"
#include "extract/text.h"

namespace newsmine {
namespace {

TEST(ActorLexicon, KeysFoldDropPeriodsAndStraightenApostrophes) {
  EXPECT_EQ(ActorKey("U.S."), "us");
  EXPECT_EQ(ActorKey("Erdo\xC4\x9F"
                     "an"),
            "erdogan");
  EXPECT_EQ(ActorKey("O\xE2\x80\x99"
                     "Brien"),
            "o'brien");
  std::string key = "mr";
  AppendActorKey(" Smith.", &key);
  EXPECT_EQ(key, "mr smith");
}

TEST(ActorLexicon, FoldedKeysMatchTokenKeys) {
  const AnalyzedText text(
      "The U.S. envoy met Erdo\xC4\x9F"
      "an and O\xE2\x80\x99"
      "Brien in S\xC3\xA3o Paulo.");
  for (size_t i = 0; i < text.tokens().size(); ++i) {
    EXPECT_EQ(FoldedActorKey(text.Folded(i)), ActorKey(text.TokenText(i))) << text.TokenText(i);
  }
}

TEST(ActorLexicon, OneLookupAnswersEveryClass) {
  const uint32_t president = WordClasses("president");
  EXPECT_TRUE(president & kRoleHead);
  EXPECT_TRUE(president & kCommonCapitalisedWord);
  EXPECT_FALSE(president & kRoleModifier);
  EXPECT_EQ(WordClasses("tokayev"), 0u);
  EXPECT_EQ(WordClasses(""), 0u);
  // Words in several lists carry every class.
  EXPECT_TRUE(IsOrganizationConnector("de") && IsNameParticle("de"));
  EXPECT_EQ(WordClasses("chief") & (kRoleHead | kRoleModifier), kRoleHead | kRoleModifier);
}

// Words of every length the table stores differently: in the slot alone (up
// to eight bytes) or with a tail beside it; near misses find nothing.
TEST(ActorLexicon, WordsOfEveryLengthAndTheirNearMisses) {
  EXPECT_TRUE(WordClasses("&") & kOrganizationConnector);
  EXPECT_TRUE(WordClasses("mr") & kHonorific);
  EXPECT_TRUE(WordClasses("minister") & kRoleHead);               // eight bytes
  EXPECT_TRUE(WordClasses("ministers") & kRoleHead);              // nine
  EXPECT_TRUE(WordClasses("singer-songwriter") & kRoleHead);      // seventeen
  EXPECT_TRUE(WordClasses("vice-presidential") & kRoleModifier);  // a tail of nine
  EXPECT_TRUE(WordClasses("commander-in-chiefs") & kRoleHead);    // the longest word: nineteen
  const std::string_view misses[] = {"m",
                                     "mrx",
                                     "ministe",
                                     "ministerx",
                                     "ministerz",
                                     "singer-songwritex",
                                     "singer-songwriterz",
                                     "vice-presidentia",
                                     "commander-in-chiefss",  // longer than any word
                                     "commander-in-chiefz",
                                     std::string_view("mr\0", 3)};
  for (const std::string_view miss : misses) {
    EXPECT_EQ(WordClasses(miss), 0u) << miss;
  }
  EXPECT_EQ(WordClasses(std::string(300, 'a')), 0u);
}

TEST(ActorLexicon, OrganizationCuesInAnyWordOfAPhrase) {
  EXPECT_TRUE(HasOrganizationCue("ministry of defence"));
  EXPECT_TRUE(HasOrganizationCue("afghan national army"));
  EXPECT_TRUE(HasOrganizationCue("party"));
  EXPECT_FALSE(HasOrganizationCue("vladimir putin"));
  EXPECT_FALSE(HasOrganizationCue("partying"));
  EXPECT_FALSE(HasOrganizationCue(""));
}

// The words are found eight bytes at a time: every length and place of the
// cue, against a word-by-word reference, and nothing past the view read.
TEST(ActorLexicon, OrganizationCuesAtEveryOffset) {
  const auto reference = [](std::string_view phrase) {
    size_t start = 0;
    while (start <= phrase.size()) {
      const size_t space = std::min(phrase.find(' ', start), phrase.size());
      if (WordClasses(phrase.substr(start, space - start)) & kOrganizationCue) return true;
      start = space + 1;
    }
    return false;
  };
  for (const std::string_view cue : {"co", "party", "tv", "organisation", "partyx", "x"}) {
    for (size_t before = 0; before < 20; ++before) {
      for (size_t after = 0; after < 12; ++after) {
        std::string phrase;
        if (before > 0) phrase.append(before - 1, 'a').append(" ");
        phrase += cue;
        if (after > 0) phrase.append(" ").append(after - 1, 'b');
        EXPECT_EQ(HasOrganizationCue(phrase), reference(phrase)) << phrase;
      }
    }
  }
  EXPECT_TRUE(HasOrganizationCue("party "));
  EXPECT_TRUE(HasOrganizationCue("a  b  c  d  party"));
  EXPECT_FALSE(HasOrganizationCue(std::string_view("bank").substr(0, 3)));
  EXPECT_FALSE(HasOrganizationCue(std::string_view("golden eagle party").substr(0, 12)));
  EXPECT_FALSE(HasOrganizationCue(std::string_view("abc party").substr(0, 4)));
}

TEST(ActorLexicon, PluralRoleHeadsOfMoreThanThreeLetters) {
  EXPECT_TRUE(IsRoleHead("presidents"));
  EXPECT_TRUE(IsRoleHead("senators"));
  EXPECT_TRUE(IsRoleHead("govs"));
  EXPECT_FALSE(IsRoleHead("mps"));  // "mp" + "s" is too short
  EXPECT_FALSE(IsRoleHead("presidentss"));
  EXPECT_FALSE(WordClasses("deputys") & kRoleModifier);
}

TEST(ActorLexicon, PartyLabelsAndCompounds) {
  EXPECT_EQ(PartyForLabel("tories"), "Conservative Party");
  EXPECT_EQ(PartyForLabel("social democrats"), "Social Democratic Party");
  EXPECT_TRUE(WordClasses("labour") & kPartyLabel);
  EXPECT_EQ(PartyForLabel("labor"), "");
  EXPECT_FALSE(WordClasses("labor") & kPartyLabel);
  EXPECT_TRUE(IsDescriptiveCompound("Yemen-based"));
  EXPECT_FALSE(IsDescriptiveCompound("Yemen-Based"));
  EXPECT_FALSE(IsDescriptiveCompound("based"));
}

TEST(ActorLexicon, SlugsFoldAndDash) {
  EXPECT_EQ(ActorSlug("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
  EXPECT_EQ(ActorSlug("U.S. Steel"), "us-steel");
  EXPECT_EQ(ActorSlug("  AT&T  Inc. "), "at-t-inc");
  EXPECT_EQ(ActorSlug("Recep Tayyip Erdo\xC4\x9F"
                      "an"),
            "recep-tayyip-erdogan");
  // Dictionary spellings, one, two and three blocks of sixteen bytes long,
  // with separators first, last and doubled.
  EXPECT_EQ(ActorSlug("KABUL_"), "kabul");
  EXPECT_EQ(ActorSlug("ABCDEFGHIJKLMNO_"), "abcdefghijklmno");
  EXPECT_EQ(ActorSlug("MOHAMMAD_ZAHIR_SHAH_"), "mohammad-zahir-shah");
  EXPECT_EQ(ActorSlug("UNITED_NATIONS_SECRETARY-GENERAL_BAN_KI-MOON"),
            "united-nations-secretary-general-ban-ki-moon");
  EXPECT_EQ(ActorSlug("_LEADING__DOUBLE__"), "leading-double");
  EXPECT_EQ(ActorSlug("K._ANNAN_"), "k-annan");
  EXPECT_EQ(ActorSlug("A"), "a");
  EXPECT_EQ(ActorSlug("_"), "");
  EXPECT_EQ(ActorSlug(""), "");
}

TEST(ActorLexicon, PhraseIndexReadsHyphensAsSpaces) {
  EXPECT_EQ(PhraseIndex::Hash("al-qaeda"), PhraseIndex::Hash("al qaeda"));
  // Hyphens on both sides of an eight-byte boundary, and in the last bytes.
  EXPECT_EQ(PhraseIndex::Hash("ban ki-moon-secretary-x"), PhraseIndex::Hash("ban ki moon secretary x"));
  EXPECT_NE(PhraseIndex::Hash("al-qaeda"), PhraseIndex::Hash("al qaida"));
  EXPECT_NE(PhraseIndex::Hash("ab"), PhraseIndex::Hash("ab "));  // zero padding is not a byte
  EXPECT_NE(PhraseIndex::Hash(""), 0u);
  PhraseIndex index;
  index.Reserve(500);  // and then grows past it
  bool added = false;
  for (int i = 0; i < 1000; ++i) index.Insert("phrase " + std::to_string(i), i, &added);
  ASSERT_NE(index.Find("phrase-999"), nullptr);
  EXPECT_EQ(*index.Find("phrase-999"), 999);
  EXPECT_EQ(index.Find("phrase 1000"), nullptr);
}

// Tables of a huge page and more are mapped on their own (AllocateSlots()):
// they start empty, hold their keys as they grow from one mapping to a
// larger one, and are given back when the index goes.
TEST(ActorLexicon, PhraseIndexOfHugePagesHoldsItsKeys) {
  PhraseIndex index;
  index.Reserve(70000);  // 262144 slots of 16 bytes: 4 MiB
  bool added = false;
  for (int i = 0; i < 140000; ++i) {  // and a rehash into 8 MiB
    index.Insert("name " + std::to_string(i), i, &added);
    ASSERT_TRUE(added) << i;
  }
  for (int i = 0; i < 140000; i += 997) {
    const int32_t* value = index.Find("name " + std::to_string(i));
    ASSERT_NE(value, nullptr) << i;
    EXPECT_EQ(*value, i);
  }
  EXPECT_EQ(index.Find("name 140000"), nullptr);
}

// PhraseHasher gives Hash() of the pieces joined, wherever the pieces cut
// the eight-byte words.
TEST(ActorLexicon, PhraseHasherHashesPiecesAsTheirJoin) {
  const std::string_view words[] = {"",   "a",       "al-qaeda", "organisation",
                                    "in", "abcdefg", "x",        "ki-moon-secretary"};
  for (const std::string_view a : words) {
    for (const std::string_view b : words) {
      for (const std::string_view c : words) {
        PhraseHasher hasher;
        hasher.Add(a);
        hasher.AddSpace();
        hasher.Add(b);
        hasher.Add(c);
        const std::string joined = std::string(a) + " " + std::string(b) + std::string(c);
        EXPECT_EQ(hasher.size(), joined.size());
        EXPECT_EQ(hasher.Finish(), PhraseIndex::Hash(joined)) << joined;
      }
    }
  }
  EXPECT_EQ(PhraseHasher().Finish(), PhraseIndex::Hash(""));
  PhraseHasher spaces;
  for (int i = 0; i < 9; ++i) spaces.AddSpace();
  EXPECT_EQ(spaces.Finish(), PhraseIndex::Hash("         "));
}

// HashWithoutHyphens() is Hash() for keys with no '-', of every length
// around the eight-byte words.
TEST(ActorLexicon, HashWithoutHyphensIsHashOfKeysWithoutHyphens) {
  const std::string letters = "bank of england and the organisation for cooperation";
  for (size_t n = 0; n <= letters.size(); ++n) {
    const std::string_view key = std::string_view(letters).substr(0, n);
    EXPECT_EQ(PhraseIndex::HashWithoutHyphens(key), PhraseIndex::Hash(key)) << key;
  }
}

// The short-word helpers the phrase hash and the cue scan share.
TEST(ActorLexicon, ShortWordsLoadAndMatchBytes) {
  const char bytes[] = "abcdefgh";
  for (size_t n = 1; n < 8; ++n) {
    uint64_t want = 0;
    std::memcpy(&want, bytes, n);
    EXPECT_EQ(short_words::LoadShort(bytes, n), want) << n;
  }
  uint64_t word = 0;
  std::memcpy(&word, "a-b -\xAD-", 8);
  EXPECT_EQ(short_words::BytesEqualTo(word, '-'), 0x0080008000008000ULL);
  EXPECT_EQ(short_words::BytesEqualTo(word, ' '), 0x0000000080000000ULL);
  EXPECT_EQ(short_words::BytesEqualTo(word, 'z'), 0u);
}

}  // namespace
}  // namespace newsmine
