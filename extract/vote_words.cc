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
  shapes_[static_cast<unsigned char>(word[0])] |= ShapeBit(word.size());
  const auto it = classes_.find(word);
  if (it == classes_.end()) {
    classes_.emplace(std::string(word), classes);
  } else {
    it->second |= classes;
  }
}

}  // namespace newsmine
