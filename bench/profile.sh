#!/usr/bin/env bash
# Instruction counts per function (callgrind) of `newsmine extract --jobs 1`
# over an input, default the first 2,000 Reuters documents. Instruction counts
# do not depend on what else the machine runs, unlike wall or CPU time, so
# they are what to compare before and after a change.
#
#   bench/profile.sh [INPUT] [TOP]              (needs valgrind)
#   COMMAND=run bench/profile.sh [INPUT] [TOP]  `run --jobs 1` into a new store
#                                               (the store's writer and PrepareRecord)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/newsmine
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
input=${1:-}
top=${2:-40}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$input" ]; then
  [ -f ../shared/corpus/bulk/reuters21578.jsonl ] || { echo "no ../shared/corpus/bulk: name an INPUT" >&2; exit 1; }
  head -2000 ../shared/corpus/bulk/reuters21578.jsonl >"$tmp/reuters2000.jsonl"
  input=$tmp/reuters2000.jsonl
fi
command=${COMMAND:-extract}
case $command in
  extract) args=(extract --quiet --jobs 1 "$input") ;;
  run) args=(run --quiet --jobs 1 --store "$tmp/store" "$input") ;;
  *) echo "COMMAND is extract or run" >&2; exit 1 ;;
esac
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" "${args[@]}" >/dev/null 2>"$tmp/valgrind.log"
bytes=$(stat -c %s "$input" 2>/dev/null || du -sb "$input" | cut -f1)
total=$(grep -o 'refs: *[0-9,]*' "$tmp/valgrind.log" | tr -dc 0-9)
echo "input $input: $bytes bytes, $total instructions in all ($((total / bytes)) per input byte, start-up included)"
# Inclusive counts of newsmine's own functions, one line each (callgrind lists
# a function once per source file its code came from: keep the largest).
root=$(pwd)
callgrind_annotate --inclusive=yes "$tmp/cg.out" 2>/dev/null |
  grep -E '^ *[0-9,]+ \(' | sed -E "s# $root/# #" |
  grep -E ' (cli|ingest|extract|store|core)/[a-z_]+\.(cc|h):' |
  sed -E 's/ \[[^]]*\]$//; s/\(([^()]|\([^()]*\))*\)( const)?$//; s/ [a-z]+\/[a-z_]+\.(cc|h):/ /' |
  awk '{ name = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", name) } !seen[name]++' | head -"$top"
