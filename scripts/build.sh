#!/usr/bin/env bash
# Configures and builds newsmine into build/ (warnings are errors).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSMINE_WERROR=ON >/dev/null
cmake --build build -j "$(nproc)"
