#include "extract/vote_words.h"

#include <algorithm>

namespace newsmine {

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

void WordClasses::Add(std::initializer_list<std::string_view> words, uint32_t classes) {
  for (std::string_view word : words) Add(word, classes);
}

void WordClasses::Add(std::string_view word, uint32_t classes) {
  if (word.empty()) return;
  classes_.Set(word, Of(word) | classes);
}

}  // namespace newsmine
