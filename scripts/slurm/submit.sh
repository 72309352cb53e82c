#!/usr/bin/env bash
# Runs newsmine over INPUTs as a Slurm array of N shard jobs, then a merge job
# that depends on all of them. Prints the merge job's id. Each job, the merge
# too, gets CPUS cores (default 1) and as many worker threads.
#
#   scripts/slurm/submit.sh -n N -o OUT [-c CPUS] [-p PARTITION] INPUT...
#
# OUT must be on a file system every node sees. Stores: OUT/shard-0 ...
# OUT/shard-(N-1), merged into OUT/merged. Logs: OUT/logs/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
shards=4 out= cpus=1 partition=()
while getopts "n:o:c:p:" opt; do
  case $opt in
    n) shards=$OPTARG ;;
    o) out=$OPTARG ;;
    c) cpus=$OPTARG ;;
    p) partition=(--partition "$OPTARG") ;;
    *) echo "usage: submit.sh -n N -o OUT [-c CPUS] [-p PARTITION] INPUT..." >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ -n "$out" ] && [ $# -gt 0 ] || { echo "usage: submit.sh -n N -o OUT [-c CPUS] [-p PARTITION] INPUT..." >&2; exit 2; }
mkdir -p "$out/logs"
out=$(cd "$out" && pwd)
export NEWSMINE_BIN=${NEWSMINE_BIN:-$(cd "$here/../.." && pwd)/build/newsmine}
export NEWSMINE_OUT=$out
inputs=()
for input in "$@"; do
  case $input in
    http://*|https://*|-) inputs+=("$input") ;;
    *) inputs+=("$(realpath "$input")") ;;
  esac
done
array=$(sbatch --parsable --export=ALL "${partition[@]}" --array="0-$((shards - 1))" --cpus-per-task="$cpus" \
  --output="$out/logs/shard-%a.log" "$here/newsmine-shard.sbatch" "${inputs[@]}")
array=${array%%;*}
sbatch --parsable --export=ALL "${partition[@]}" --dependency="afterok:$array" --cpus-per-task="$cpus" \
  --output="$out/logs/merge.log" "$here/newsmine-merge.sbatch"
