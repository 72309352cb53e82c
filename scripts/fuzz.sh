#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and
# runs each for SECONDS (default 30) from its seed corpus. Fails on any crash,
# leak or timeout; the input that failed is left in build-fuzz/crashes/.
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DNEWSMINE_FUZZ=ON -DBUILD_TESTING=OFF \
  -DNEWSMINE_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j "$(nproc)"
mkdir -p build-fuzz/crashes
status=0
for target in build-fuzz/fuzz/fuzz_*; do
  name=$(basename "$target")
  work=build-fuzz/corpus/$name
  mkdir -p "$work"
  seeds=()
  [ -d "fuzz/seeds/$name" ] && seeds+=("fuzz/seeds/$name")
  seeds+=(corpus/samples)
  echo "== $name: ${seconds}s"
  if ! "$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="build-fuzz/crashes/$name-" -print_final_stats=1 "$work" "${seeds[@]}" \
      >"build-fuzz/$name.log" 2>&1; then
    echo "FAIL: $name (log build-fuzz/$name.log)"
    tail -n 30 "build-fuzz/$name.log"
    status=1
  else
    grep -E 'stat::number_of_executed_units|cov:' "build-fuzz/$name.log" | tail -n 2
  fi
done
exit $status
