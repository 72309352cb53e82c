// The words the full-text index files a record under, and the words of a
// query, made the same way: runs of letters and digits (of any script, with
// their combining marks), folded as FoldForMatch folds names (lower-case, no
// accents: "Erdoğan" -> "erdogan"). Anything else separates words, so
// "U.S." gives "u" and "s" and "7,000" gives "7" and "000".
//
// The index's table keeps, for each word, the records that hold it and
// nothing more (FTS5 detail=none), so a record's words go in once each: the
// workers fold and deduplicate them, and the store's single writer only
// splits them at spaces (FTS5's 'ascii' tokenizer), which is several times
// cheaper than FTS5's own Unicode tokenizer on the whole text.
//
// Thread-safety: reentrant; per-thread scratch memory only.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace newsmine {

// The distinct words of `texts`, folded, in order of first appearance,
// separated by single spaces (empty for texts without a word).
std::string FullTextTerms(std::initializer_list<std::string_view> texts);

}  // namespace newsmine
