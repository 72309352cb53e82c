#include "extract/vote_words.h"

#include <algorithm>

namespace newsmine {

bool IsOneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

}  // namespace newsmine
