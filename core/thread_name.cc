#include "core/thread_name.h"

#include <pthread.h>

#include <algorithm>
#include <cstring>

namespace newsmine {

void NameThisThread(std::string_view name) {
  char buffer[16];  // the kernel's limit, with the terminating NUL
  const size_t length = std::min(name.size(), sizeof buffer - 1);
  std::memcpy(buffer, name.data(), length);
  buffer[length] = '\0';
  pthread_setname_np(pthread_self(), buffer);
}

}  // namespace newsmine
