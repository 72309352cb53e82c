// How many cores this process may run on.
#pragma once

#include <sched.h>

#include <algorithm>
#include <thread>

namespace newsmine {

// The cores of this process's CPU affinity mask (what `taskset`, cgroup
// cpusets and Slurm's task binding allow), else of the machine; at least 1.
// The default number of worker threads.
inline int CoresAvailable() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace newsmine
