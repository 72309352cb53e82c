// Guessing the language of a text (ISO 639-1).
//
// Method: the letters of the first 4 KiB are classed by Unicode script with
// ICU (uscript_getScript). A script used by one main language decides
// directly (Greek -> el, Hangul -> ko, kana -> ja, Han -> zh, Hebrew -> he,
// Arabic -> ar, Thai -> th, Devanagari -> hi, Georgian -> ka, Armenian -> hy).
// For Latin and Cyrillic text, the words are matched against short profiles
// of the most frequent function words of each candidate language (Latin: en,
// fr, de, es, it, pt, nl, sv, pl, tr; Cyrillic: ru, uk, bg); the profile with
// the most hits wins when it has at least 3 hits and at least 1.5 times the
// runner-up.
//
// Thread-safety: stateless; call from any thread.
#pragma once

#include <string>
#include <string_view>

namespace newsmine {

// The language code of `utf8`, or "" when the text is too short or too mixed
// to tell.
std::string DetectLanguage(std::string_view utf8);

}  // namespace newsmine
