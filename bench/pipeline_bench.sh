#!/usr/bin/env bash
# Whole-pipeline benchmark: `newsmine extract` over the bulk corpus and the
# article-extraction pages, with --jobs 1 and --jobs 2. For each run: input MB,
# documents, wall-clock MB/s, MB/s per CPU-second (user+sys: what one core
# does, whatever else the machine runs), documents/s per CPU-second, peak RSS.
#
#   bench/pipeline_bench.sh [SHARED_DIR]     (default ../shared)
#
# Wall-clock figures are only meaningful on an otherwise idle machine.
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
printf '%-11s %4s %7s %8s %9s %12s %13s %7s\n' input jobs docs MB wall_MB/s MB/cpu-s docs/cpu-s RSS_MB
for entry in "${inputs[@]}"; do
  name=${entry%%:*}
  path=${entry#*:}
  [ -e "$path" ] || continue
  for jobs in 1 2; do
    # Read the input once first: a cold page cache would add the disk's
    # time (and the kernel's copying, in sys time) to the pipeline's.
    if [ -d "$path" ]; then find "$path" -type f -exec cat {} + >/dev/null; else cat "$path" >/dev/null; fi
    log=$(mktemp)
    /usr/bin/time -f "cpu %U %S rss %M" "$bin" extract --jobs "$jobs" "$path" 2>"$log" >/dev/null || true
    # The closing summary: "... N documents read, ... X MB in S s (...)".
    awk -v name="$name" -v jobs="$jobs" '
      /documents read/ {
        for (i = 1; i <= NF; i++) {
          if ($(i+1) == "documents" && $(i+2) == "read,") docs = $i
          if ($(i+1) == "MB" && $(i+2) == "in") mb = $i
          if ($(i+1) == "s" && $(i-1) == "in") secs = $i
        }
      }
      /^cpu / { cpu = $2 + $3; rss = $5 / 1024 }
      END {
        if (secs <= 0) secs = 1e-9
        if (cpu <= 0) cpu = 1e-9
        printf "%-11s %4d %7d %8.1f %9.1f %12.1f %13.0f %7.1f\n", name, jobs, docs, mb, mb/secs, mb/cpu, docs/cpu, rss
      }' "$log"
    rm -f "$log"
  done
done
