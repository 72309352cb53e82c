// Stable, platform-independent hashes for ids and fingerprints. These values
// are written to stores and compared across runs and machines: never change
// the functions, only add new ones.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsmine {

// 64-bit FNV-1a of the bytes, with `seed` folded into the offset basis.
uint64_t Fnv1a64(std::string_view bytes, uint64_t seed = 0);

// 128 bits as 32 lowercase hex digits: two independent 64-bit hashes. Used for
// record ids, where a collision would silently drop an article.
std::string HexDigest128(std::string_view bytes);

// `value` as 16 lowercase hex digits.
std::string Hex64(uint64_t value);

}  // namespace newsmine
