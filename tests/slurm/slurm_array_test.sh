#!/usr/bin/env bash
# End-to-end test of scripts/slurm on a real one-node Slurm cluster on
# 127.0.0.1: a 4-task array over the sample corpus, then the merge job; the
# merged store must hold exactly the records of a single-machine run.
# Exits 77 (skipped) when not root or Slurm/munge are not installed.
#   tests/slurm/slurm_array_test.sh NEWSMINE_BINARY SOURCE_DIR
set -euo pipefail
bin=$(realpath "$1")
src=$(realpath "$2")
if [ "$(id -u)" -ne 0 ] || ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  echo "skipped: needs root and Debian's slurmctld, slurmd and munge (scripts/setup.sh --with-slurm)"
  exit 77
fi
work=$(mktemp -d)
cleanup() { "$src/tests/slurm/stop_cluster.sh" "$work/cluster"; rm -rf "$work"; }
trap cleanup EXIT
"$src/tests/slurm/start_cluster.sh" "$work/cluster"
export SLURM_CONF=$work/cluster/slurm.conf

"$bin" run --quiet --store "$work/single" "$src/corpus/samples"
NEWSMINE_BIN=$bin merge_job=$("$src/scripts/slurm/submit.sh" -n 4 -o "$work/out" "$src/corpus/samples")
for _ in $(seq 1 240); do
  [ -z "$(squeue -h 2>/dev/null)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h)" ] || { echo "FAIL: jobs still queued after 120 s"; squeue; exit 1; }
[ -d "$work/out/merged" ] || { echo "FAIL: no merged store"; cat "$work/out/logs/"*; exit 1; }
for i in 0 1 2 3; do [ -d "$work/out/shard-$i" ] || { echo "FAIL: shard $i missing"; exit 1; }; done

"$bin" query --store "$work/single" --format jsonl | sort >"$work/single.jsonl"
"$bin" query --store "$work/out/merged" --format jsonl | sort >"$work/merged.jsonl"
n=$(wc -l <"$work/single.jsonl")
[ "$n" -gt 0 ] || { echo "FAIL: the single run stored nothing"; exit 1; }
if ! cmp -s "$work/single.jsonl" "$work/merged.jsonl"; then
  echo "FAIL: merged store differs from the single-machine run"
  diff <(cut -c1-120 "$work/single.jsonl") <(cut -c1-120 "$work/merged.jsonl") | head -20
  exit 1
fi
echo "ok: merge job $merge_job; $n records, merged store equals the single-machine run"
