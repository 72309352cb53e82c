// Record JSON: whatever parses must write back and parse to the same record.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "store/record_json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsmine::Record record;
  if (!newsmine::ParseRecordJson(std::string_view(reinterpret_cast<const char*>(data), size), &record).ok()) {
    return 0;
  }
  std::string first;
  newsmine::AppendRecordJson(record, &first);
  newsmine::Record again;
  if (!newsmine::ParseRecordJson(first, &again).ok()) std::abort();
  std::string second;
  newsmine::AppendRecordJson(again, &second);
  if (first != second) std::abort();
  return 0;
}
