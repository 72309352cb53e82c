#!/usr/bin/env bash
# Failing disk: a run whose writes start failing (a file-size limit, the same
# EFBIG a full quota gives) must stop with a clear error and exit 1, leave the
# store readable as of its last commit, and a later run must finish the job
# with nothing lost or duplicated.
#   tests/crash/disk_full_test.sh NEWSMINE_BINARY
set -euo pipefail
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/first" "$work/all"
for i in $(seq 1 300); do
  printf 'Council report %d\n\nThe council of district %d approved a new transport plan on Monday after long talks with residents and the regional government.\n' \
    "$i" "$i" >"$work/all/d$i.txt"
  [ "$i" -le 100 ] && cp "$work/all/d$i.txt" "$work/first/"
done
store=$work/store
"$bin" run --quiet --store "$store" "$work/first"

set +e
(trap '' XFSZ; ulimit -f 130; exec "$bin" run --store "$store" --commit-every 20 "$work/all") 2>"$work/err.txt"
status=$?
set -e
[ "$status" -eq 1 ] || { echo "FAIL: expected exit 1 from the failing run, got $status"; cat "$work/err.txt"; exit 1; }
grep -qiE 'error|stopped' "$work/err.txt" || { echo "FAIL: no clear error message"; cat "$work/err.txt"; exit 1; }
echo "failing run said: $(grep -iE 'error|stopped' "$work/err.txt" | tail -n 1)"

after_failure=$("$bin" query --store "$store" --format jsonl | wc -l)
[ "$after_failure" -ge 100 ] || { echo "FAIL: committed records lost ($after_failure < 100)"; exit 1; }
"$bin" query --store "$store" --format jsonl | python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' ||
  { echo "FAIL: a partial record is visible"; exit 1; }

"$bin" run --quiet --store "$store" "$work/all"
"$bin" verify --store "$store" >/dev/null || { echo "FAIL: verify after recovery"; "$bin" verify --store "$store"; exit 1; }
ids=$("$bin" query --store "$store" --format jsonl | sed -E 's/^\{"id":"([0-9a-f]+)".*/\1/' | sort)
stored=$(echo "$ids" | wc -l)
distinct=$(echo "$ids" | sort -u | wc -l)
echo "after the failure: $after_failure records readable; after recovery: $stored stored, $distinct distinct of 300"
[ "$stored" -eq 300 ] && [ "$distinct" -eq 300 ] || exit 1
