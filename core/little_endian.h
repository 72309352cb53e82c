// 64-bit integers as little-endian bytes, whatever the machine: for the
// numbers newsmine writes to files and the hashes it stores, which must read
// the same on every machine.
//
// Thread-safety: pure functions.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

namespace newsmine {

// The eight bytes at p as a little-endian number.
inline uint64_t LoadLittleEndian64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  return v;
}

// Appends `v` to `out` as eight little-endian bytes.
inline void AppendLittleEndian64(uint64_t v, std::string* out) {
  if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
  out->append(reinterpret_cast<const char*>(&v), 8);
}

}  // namespace newsmine
