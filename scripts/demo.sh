#!/usr/bin/env bash
# The README's first command: set up, build, run the main job on the sample
# articles in corpus/samples, then show queries of what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
store=${NEWSMINE_STORE:-/tmp/newsmine-demo-store}
rm -rf "$store"
build/newsmine run --store "$store" corpus/samples
echo "== records that mention Kazakhstan =="
build/newsmine query --store "$store" --state KAZ
echo "== vote shares =="
build/newsmine query votes --store "$store"
