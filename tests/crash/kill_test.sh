#!/usr/bin/env bash
# Crash safety: `newsmine run` over a few thousand documents, killed with
# SIGKILL at seeded random moments and restarted each time, must end with
# every document in the store exactly once, `newsmine verify` clean, the
# full-text index (a file of its own, committed after the index) finding what
# an uninterrupted run's finds, and the same near-duplicates flagged as there
# (the band file, also a file of its own, catches up after each kill).
#   tests/crash/kill_test.sh NEWSMINE_BINARY [KILLS] [SEED]
set -euo pipefail
bin=$(realpath "$1")
kills_wanted=${2:-8}
RANDOM=${3:-20261129}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 4,000 distinct documents: three JSON-lines archives and a folder of text files.
mkdir -p "$work/in/texts"
words=(minister parliament coalition budget reform election turnout treaty border summit economy
       harbour railway festival museum research climate energy transport farmers union court)
doc=0
for archive in a b c; do
  for _ in $(seq 1 1100); do
    w1=${words[$((doc % 21))]} w2=${words[$(((doc / 21) % 21))]} w3=${words[$(((doc / 441) % 21))]}
    printf '{"id":"d%d","title":"Report %d on %s","text":"Officials discussed the %s and the %s on day %d. The %s plan number %d was debated at length by the committee, which met in the capital for the %dth time this year. Observers said the %s talks would continue."}\n' \
      "$doc" "$doc" "$w1" "$w1" "$w2" "$doc" "$w3" "$doc" "$doc" "$w2"
    doc=$((doc + 1))
  done >"$work/in/$archive.jsonl"
done
while [ $doc -lt 4000 ]; do
  printf 'Local report %d\n\nThe council of district %d approved a new %s plan on Monday. Residents said the %s would help.\n' \
    "$doc" "$doc" "${words[$((doc % 21))]}" "${words[$(((doc / 21) % 21))]}" >"$work/in/texts/doc$doc.txt"
  doc=$((doc + 1))
done

run_args=(run --quiet --jobs 2 --commit-every 97 --commit-seconds 1)
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Kills land at random moments within the time a whole run takes on this
# machine (measured into a scratch store), so that runs are killed however
# fast or slow the machine is.
start=$(now_ms)
"$bin" "${run_args[@]}" --store "$work/timing-store" "$work/in" 2>>"$work/runs.log"
whole_run_ms=$(($(now_ms) - start))
word_ids() { "$bin" query --store "$1" --text "parliament treaty" --format jsonl | sed -E 's/^\{"id":"([0-9a-f]+)".*/\1/' | sort; }
word_ids "$work/timing-store" >"$work/word-ids-expected"
# Each record's id and the id it is a near-duplicate of ("-" for none).
duplicate_pairs() {
  "$bin" query --store "$1" --format jsonl |
    sed -E 's/^\{"id":"([0-9a-f]+)".*"duplicate_of":"([0-9a-f]+)".*/\1 \2/; t; s/^\{"id":"([0-9a-f]+)".*/\1 -/' | sort
}
duplicate_pairs "$work/timing-store" >"$work/duplicates-expected"
rm -rf "$work/timing-store"

store=$work/store
kills=0
attempts=0
while [ $kills -lt "$kills_wanted" ] && [ $attempts -lt $((kills_wanted * 4)) ]; do
  attempts=$((attempts + 1))
  "$bin" "${run_args[@]}" --store "$store" "$work/in" 2>>"$work/runs.log" &
  pid=$!
  delay_ms=$((whole_run_ms / 20 + RANDOM % (whole_run_ms * 7 / 10 + 1)))
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
done
"$bin" run --quiet --store "$store" "$work/in"
"$bin" verify --store "$store" >"$work/verify.txt" || { echo "FAIL: verify"; cat "$work/verify.txt"; exit 1; }

"$bin" query --store "$store" --format jsonl | sed -E 's/^\{"id":"([0-9a-f]+)".*/\1/' | sort >"$work/ids"
stored=$(wc -l <"$work/ids")
distinct=$(sort -u "$work/ids" | wc -l)
duplicated=$((stored - distinct))
lost=$((4000 - distinct))
echo "whole run ${whole_run_ms} ms, kills $kills (of $attempts runs), documents 4000, stored $stored, lost $lost, duplicated $duplicated"
[ "$kills" -ge 1 ] || { echo "FAIL: no run was killed (all finished too fast)"; exit 1; }
[ "$lost" -eq 0 ] && [ "$duplicated" -eq 0 ] || exit 1
word_ids "$store" >"$work/word-ids"
echo "records with the words: $(wc -l <"$work/word-ids") (uninterrupted run: $(wc -l <"$work/word-ids-expected"))"
[ -s "$work/word-ids-expected" ] || { echo "FAIL: the word query finds nothing"; exit 1; }
cmp -s "$work/word-ids" "$work/word-ids-expected" || { echo "FAIL: the full-text index differs from an uninterrupted run's"; exit 1; }
duplicate_pairs "$store" >"$work/duplicates"
echo "near-duplicates: $(grep -vc ' -$' "$work/duplicates") (uninterrupted run: $(grep -vc ' -$' "$work/duplicates-expected"))"
grep -vq ' -$' "$work/duplicates-expected" || { echo "FAIL: the uninterrupted run flags no near-duplicate"; exit 1; }
cmp -s "$work/duplicates" "$work/duplicates-expected" || { echo "FAIL: the near-duplicates differ from an uninterrupted run's"; exit 1; }
