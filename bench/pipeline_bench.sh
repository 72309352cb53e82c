#!/usr/bin/env bash
# Whole-pipeline benchmark: `newsmine extract` over the bulk corpus and the
# article-extraction pages, and `newsmine run` (the same, stored into a fresh
# store and indexed) over Reuters, with --jobs 1 and --jobs 2. For each run:
# input MB, documents, wall-clock MB/s, MB/s per CPU-second (user+sys: what
# one core does, whatever else the machine runs), documents/s per
# CPU-second, peak RSS. Times are the whole process's, start-up and, for
# `run`, the final commit and index build included.
#
#   [NEWSMINE_BIN=path] bench/pipeline_bench.sh [SHARED_DIR]     (default ../shared, build/newsmine)
#
# Wall-clock figures are only meaningful on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
bin=${NEWSMINE_BIN:-build/newsmine}  # another build to compare with
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
[ -d "$shared/corpus/bulk" ] || { echo "no $shared/corpus/bulk: nothing to measure" >&2; exit 0; }

store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT

# command:name:path
runs=(
  "extract:reuters:$shared/corpus/bulk/reuters21578.jsonl"
  "extract:wikinews:$shared/corpus/bulk/wikinews.jsonl"
  "extract:html-pages:$shared/bench/article-extraction/html"
  "run:reuters:$shared/corpus/bulk/reuters21578.jsonl"
)
printf '%-8s %-11s %4s %7s %8s %9s %12s %13s %7s\n' command input jobs docs MB wall_MB/s MB/cpu-s docs/cpu-s RSS_MB
for entry in "${runs[@]}"; do
  command=${entry%%:*}
  rest=${entry#*:}
  name=${rest%%:*}
  path=${rest#*:}
  [ -e "$path" ] || continue
  for jobs in 1 2; do
    # Read the input once first: small files are read through the page cache,
    # and a cold one would add the disk's time to the pipeline's. (Files of
    # 1 MiB and more are read around it, docs/ingest.md.)
    if [ -d "$path" ]; then find "$path" -type f -exec cat {} + >/dev/null; else cat "$path" >/dev/null; fi
    log=$(mktemp)
    args=(extract --jobs "$jobs" "$path")
    if [ "$command" = run ]; then
      rm -rf "$store/s"
      args=(run --jobs "$jobs" --store "$store/s" "$path")
    fi
    /usr/bin/time -f "time %e %U %S %M" "$bin" "${args[@]}" 2>"$log" >/dev/null || true
    # The closing summary: "... N documents read, ... X MB in S s (...)".
    awk -v command="$command" -v name="$name" -v jobs="$jobs" '
      /documents read/ {
        for (i = 1; i <= NF; i++) {
          if ($(i+1) == "documents" && $(i+2) == "read,") docs = $i
          if ($(i+1) == "MB" && $(i+2) == "in") mb = $i
        }
      }
      /^time / { secs = $2; cpu = $3 + $4; rss = $5 / 1024 }
      END {
        if (secs <= 0) secs = 1e-9
        if (cpu <= 0) cpu = 1e-9
        printf "%-8s %-11s %4d %7d %8.1f %9.1f %12.1f %13.0f %7.1f\n", command, name, jobs, docs, mb, mb/secs, mb/cpu, docs/cpu, rss
      }' "$log"
    rm -f "$log"
  done
done
