#!/usr/bin/env bash
# Checks that a speed change changed nothing else: runs two builds of newsmine
# over the same inputs and compares their records byte for byte.
#
#   bench/same_output.sh OLD_BINARY NEW_BINARY [INPUT...]
#
# Default inputs: the bulk corpus, the article-extraction pages, the dev set,
# the seed (all from ../shared, when present) and corpus/samples.
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY [INPUT...]" >&2; exit 2; }
old=$1 new=$2
shift 2
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
  for path in ../shared/corpus/bulk/reuters21578.jsonl ../shared/corpus/bulk/wikinews.jsonl \
    ../shared/bench/article-extraction/html ../shared/corpus/dev/articles ../shared/corpus/seed/articles \
    corpus/samples; do
    [ -e "$path" ] && inputs+=("$path")
  done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for input in "${inputs[@]}"; do
  "$old" extract --quiet --jobs 2 "$input" >"$tmp/old" 2>/dev/null
  "$new" extract --quiet --jobs 2 "$input" >"$tmp/new" 2>/dev/null
  if cmp -s "$tmp/old" "$tmp/new"; then
    echo "same      $input ($(wc -l <"$tmp/new") records)"
  else
    echo "DIFFERENT $input: $(diff "$tmp/old" "$tmp/new" | grep -c '^>') records differ"
    status=1
  fi
done
exit $status
