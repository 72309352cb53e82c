#include "ingest/html_arena.h"

#include <algorithm>

namespace newsmine {
namespace {

void* ArenaAllocate(void* arena, size_t size) { return static_cast<HtmlArena*>(arena)->Allocate(size); }

void ArenaFree(void*, void*) {}

}  // namespace

void* HtmlArena::Allocate(size_t size) {
  constexpr size_t kAlign = 16, kBlock = 256 * 1024;
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (size > left_) {
    const size_t block = std::max(size, kBlock);
    blocks_.push_back(std::make_unique<std::byte[]>(block));
    next_ = blocks_.back().get();
    left_ = block;
  }
  void* out = next_;
  next_ += size;
  left_ -= size;
  return out;
}

GumboOptions HtmlArena::ParseOptions() const {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = ArenaAllocate;
  options.deallocator = ArenaFree;
  options.userdata = const_cast<HtmlArena*>(this);
  return options;
}

}  // namespace newsmine
