#!/usr/bin/env bash
# The README's first command: set up, build, run the main job on the sample
# articles in corpus/samples, then show queries of what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
store=${NEWSMINE_STORE:-/tmp/newsmine-demo-store}
rm -rf "$store"
build/newsmine run --store "$store" corpus/samples
echo
echo "== newsmine query --state BLR   (articles that refer to Belarus)"
build/newsmine query --store "$store" --state BLR --format table
echo
echo "== newsmine query votes"
build/newsmine query votes --store "$store" --format table
echo
echo "== newsmine query actors --top 8"
build/newsmine query actors --store "$store" --top 8 --format table
echo
echo "== newsmine query states --by month"
build/newsmine query states --store "$store" --by month --format table
