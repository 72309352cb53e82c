// A counter of this process's I/O from /proc/self/io (Linux): "rchar" and
// "wchar" are the bytes passed to read(2) and write(2) and their kin. For
// benchmarks and tests that count what a part of the store reads or writes.
//
// Thread-safety: reads the file anew at each call; safe anywhere.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>

namespace newsmine {

// The counter named `field` (without its colon); 0 when the file or the
// field is absent.
inline uint64_t ProcessIoCounter(const std::string& field) {
  std::ifstream io("/proc/self/io");
  std::string name;
  uint64_t value = 0;
  while (io >> name >> value) {
    if (name == field + ":") return value;
  }
  return 0;
}

}  // namespace newsmine
