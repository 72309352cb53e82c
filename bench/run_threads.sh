#!/usr/bin/env bash
# Which threads of a newsmine command used the CPU. Runs build/newsmine with
# the arguments given, reads every thread's user+system time from /proc five
# times a second, and prints the wall time, the process's CPU time and peak
# RSS (from getrusage, exact) and the CPU time by thread name (nm-worker,
# nm-fulltext and so on, core/thread_name.h; "main" is the main thread, which
# in `run` is the store's writer and in `extract` writes the records). A thread's last
# fifth of a second before it ends is missed: "not attributed" says how much
# the samples missed in all.
#
#   [NEWSMINE_BIN=path] bench/run_threads.sh run --jobs 2 --store /tmp/s archive.jsonl
#   [NEWSMINE_BIN=path] bench/run_threads.sh extract --jobs 1 archive.jsonl
#
# The command's stdout is discarded and its stderr kept in a temporary file
# whose last lines are shown if it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NEWSMINE_BIN:-build/newsmine}
[ -x "$bin" ] || { echo "build first: bash scripts/build.sh" >&2; exit 1; }
[ $# -gt 0 ] || { echo "usage: bench/run_threads.sh COMMAND [ARGS...]" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ticks=$(getconf CLK_TCK)

/usr/bin/time -o "$tmp/time" -f "%e %U %S %M" "$bin" "$@" >/dev/null 2>"$tmp/stderr" &
timer=$!
pid=
while [ -z "$pid" ] && kill -0 "$timer" 2>/dev/null; do
  pid=$(cat "/proc/$timer/task/$timer/children" 2>/dev/null || true)
  pid=${pid%% *}
  [ -n "$pid" ] || sleep 0.01
done
# Last seen CPU ticks and name of every thread, one line per thread.
declare -A cpu name
while [ -n "$pid" ] && [ -d "/proc/$pid/task" ]; do
  for task in /proc/"$pid"/task/*; do
    tid=${task##*/}
    stat=$(cat "$task/stat" 2>/dev/null) || continue
    # The name is between the first "(" and the last ")"; utime and stime
    # are the 12th and 13th fields after it.
    comm=${stat#*(}
    comm=${comm%)*}
    read -r -a fields <<<"${stat##*) }"
    cpu[$tid]=$((fields[11] + fields[12]))
    if [ "$tid" = "$pid" ]; then name[$tid]=main; else name[$tid]=$comm; fi
  done
  sleep 0.2
done
status=0
wait "$timer" || status=$?
if [ "$status" -ne 0 ]; then
  echo "newsmine $* failed (exit $status):" >&2
  tail -5 "$tmp/stderr" >&2
  exit "$status"
fi
read -r wall user system peak_kb <"$tmp/time"
printf 'wall %.2f s, CPU %.2f s (user %.2f, system %.2f), peak RSS %d MB\n' \
  "$wall" "$(awk "BEGIN { print $user + $system }")" "$user" "$system" $((peak_kb / 1024))
declare -A by_name count
sampled=0
for tid in "${!cpu[@]}"; do
  by_name[${name[$tid]}]=$((${by_name[${name[$tid]}]:-0} + cpu[$tid]))
  count[${name[$tid]}]=$((${count[${name[$tid]}]:-0} + 1))
  sampled=$((sampled + cpu[$tid]))
done
for n in "${!by_name[@]}"; do
  printf '%-16s %3d thread(s) %8.2f CPU-s\n' "$n" "${count[$n]}" "$(awk "BEGIN { print ${by_name[$n]} / $ticks }")"
done | sort -k4 -rn
printf '%-16s %21.2f CPU-s\n' "not attributed" "$(awk "BEGIN { print $user + $system - $sampled / $ticks }")"
