// The actor targets on ../shared/corpus/dev, measured with the shared scorer:
// persons F1 >= 0.85, organisations F1 >= 0.75. Skips without ../shared.
#include <gtest/gtest.h>

#include <string>

#include "tests/test_util.h"

namespace newsmine {
namespace {

TEST(ActorDevSet, MeetsTheF1Targets) {
  NEWSMINE_REQUIRE_SHARED();
  const std::string shared = testing::SharedDir();
  const std::string records = testing::TempDir("actor_dev") + "/dev.jsonl";
  std::string out;
  ASSERT_EQ(testing::RunCommand("'" + testing::Binary() + "' extract '" + shared +
                                    "/corpus/dev/articles' > '" + records + "' 2>/dev/null",
                                &out),
            0);
  const int status = testing::RunCommand("python3 '" + shared + "/eval/score.py' --gold '" + shared +
                                             "/corpus/dev/gold' --records '" + records +
                                             "' --min persons.f1=0.85 --min organizations.f1=0.75",
                                         &out);
  EXPECT_EQ(status, 0) << out;
}

}  // namespace
}  // namespace newsmine
