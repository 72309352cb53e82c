#!/usr/bin/env bash
# Builds everything without SIMD intrinsics (NEWSMINE_PORTABLE: the plain C++
# fallbacks that machines without SSE2 compile) into build-portable/ and runs
# the whole test suite there. On x86-64 nothing else runs those fallbacks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-portable -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSMINE_PORTABLE=ON \
  -DNEWSMINE_WERROR=ON -DNEWSMINE_BENCH=OFF >/dev/null
cmake --build build-portable -j "$(nproc)"
ctest --test-dir build-portable --output-on-failure -j "$(nproc)" -E slurm_array_job
