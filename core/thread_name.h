// Names for threads, as `top -H`, `ps -L`, perf and gdb show them, and as
// /proc/<pid>/task/<tid>/comm holds them (bench/run_threads.sh reads them to
// say which thread used the CPU).
#pragma once

#include <string_view>

namespace newsmine {

// Names the calling thread. Linux keeps the first 15 bytes of `name`; where
// threads cannot be named this does nothing, since a name is only a label.
// Thread-safe: it names the calling thread only. Leave the main thread's
// name alone: on Linux it is the process's name that ps and top show.
void NameThisThread(std::string_view name);

}  // namespace newsmine
