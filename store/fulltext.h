// The words the full-text index files a record under, and the words of a
// query, made the same way: runs of letters and digits (of any script, with
// their combining marks), folded as FoldForMatch folds names (lower-case, no
// accents: "Erdoğan" -> "erdogan"). Anything else separates words, so
// "U.S." gives "u" and "s" and "7,000" gives "7" and "000"; so do the ASCII
// bytes other than letters and digits that folding may give.
//
// The index keeps, for each word, the records that hold it and nothing more
// (fulltext_file.h), and keeps words as 64-bit hashes. So the workers fold
// the words, hash them and drop repeats, and the store's full-text thread
// files the hashes it is given.
//
// Thread-safety: reentrant; per-thread scratch memory only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace newsmine {

// The hash a folded word is filed under; stable across machines and versions
// (it is stored).
uint64_t FullTextWordHash(std::string_view word);

// The hashes of the distinct words of `texts`, in order of first appearance
// (empty for texts without a word).
std::vector<uint64_t> FullTextWordHashes(std::initializer_list<std::string_view> texts);

}  // namespace newsmine
