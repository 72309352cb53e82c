#!/usr/bin/env bash
# bench/run_threads.sh on a fresh machine: it runs the command given, prints
# the whole process's times and one line per kind of thread, and passes on a
# failing command's exit status.
#   tests/bench/run_threads_test.sh NEWSMINE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

NEWSMINE_BIN=$bin bash "$src/bench/run_threads.sh" run --quiet --jobs 2 --store "$tmp/store" \
  "$src/corpus/samples" >"$tmp/out"
cat "$tmp/out"
grep -Eq '^wall [0-9.]+ s, CPU [0-9.]+ s \(user [0-9.]+, system [0-9.]+\), peak RSS [0-9]+ MB$' "$tmp/out"
grep -Eq '^main +1 thread\(s\) +[0-9.]+ CPU-s$' "$tmp/out"
grep -Eq '^not attributed +-?[0-9.]+ CPU-s$' "$tmp/out"
[ -s "$tmp/store/index.sqlite" ] || { echo "the command did not run: no index" >&2; exit 1; }

status=0
NEWSMINE_BIN=$bin bash "$src/bench/run_threads.sh" run --no-such-option >/dev/null 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "a usage error gave exit status $status, not 2" >&2; exit 1; }
grep -q 'failed (exit 2)' "$tmp/err"
echo "run_threads_test: ok"
