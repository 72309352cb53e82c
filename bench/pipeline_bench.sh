#!/usr/bin/env bash
# Whole-pipeline benchmark: `newsmine extract` over the bulk corpus and the
# article-extraction pages, with --jobs 1 and --jobs 2. Prints MB/s and
# documents/s (total and per core) and peak RSS for each run, as a table.
#
#   bench/pipeline_bench.sh [SHARED_DIR]     (default ../shared)
#
# Run it on an otherwise idle machine, after scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
bin=build/newsmine
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
[ -d "$shared/corpus/bulk" ] || { echo "no $shared/corpus/bulk: nothing to measure" >&2; exit 0; }

inputs=(
  "reuters:$shared/corpus/bulk/reuters21578.jsonl"
  "wikinews:$shared/corpus/bulk/wikinews.jsonl"
  "html-pages:$shared/bench/article-extraction/html"
)
printf '%-11s %4s %9s %9s %11s %12s %9s %8s\n' input jobs docs MB MB/s MB/s/core docs/s/core RSS_MB
for entry in "${inputs[@]}"; do
  name=${entry%%:*}
  path=${entry#*:}
  [ -e "$path" ] || continue
  for jobs in 1 2; do
    log=$(mktemp)
    "$bin" extract --jobs "$jobs" "$path" 2>"$log" >/dev/null || true
    # The closing summary: "... N documents read, ... X MB in S s (...)" and "peak memory (RSS) R MB".
    awk -v name="$name" -v jobs="$jobs" '
      /documents read/ {
        for (i = 1; i <= NF; i++) {
          if ($(i+1) == "documents" && $(i+2) == "read,") docs = $i
          if ($(i+1) == "MB" && $(i+2) == "in") mb = $i
          if ($(i+1) == "s" && $(i-1) == "in") secs = $i
        }
      }
      /peak memory/ { rss = $(NF-1) }
      END {
        if (secs <= 0) secs = 1e-9
        printf "%-11s %4d %9d %9.1f %11.1f %12.1f %9.0f %8.1f\n", name, jobs, docs, mb, mb/secs, mb/secs/jobs, docs/secs/jobs, rss
      }' "$log"
    rm -f "$log"
  done
done
