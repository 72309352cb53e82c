// HtmlArena: a bump allocator for one gumbo parse. gumbo allocates and frees
// many small pieces (nodes, attribute strings, growing buffers); with an
// arena allocation is cheap, freeing is a no-op, and the whole tree is
// released at once without gumbo's recursive tree destruction, which deep
// pages could otherwise overflow the stack with.
//
// Thread-safety: one arena per parse; not shareable between threads.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace newsmine {

class HtmlArena {
 public:
  HtmlArena() = default;
  HtmlArena(const HtmlArena&) = delete;
  HtmlArena& operator=(const HtmlArena&) = delete;

  // Returns `size` bytes aligned to 16, valid until the arena is destroyed.
  void* Allocate(size_t size);

  // gumbo options that allocate from this arena (and never free). The tree
  // from a parse with them must not be passed to gumbo_destroy_output; it is
  // released with the arena.
  GumboOptions ParseOptions() const;

 private:
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  size_t left_ = 0;
};

}  // namespace newsmine
