#!/usr/bin/env bash
# Installs newsmine's build and test dependencies (Debian packages only).
# As root it runs apt-get; otherwise it lists what is missing and exits 1.
#   scripts/setup.sh [--with-slurm]
# --with-slurm (implied when CI=true) adds Slurm and munge for the array-job test.
set -euo pipefail
with_slurm=false
[ "${1:-}" = "--with-slurm" ] && with_slurm=true
[ "${CI:-}" = "true" ] && with_slurm=true

PACKAGES=(
  build-essential cmake ninja-build pkg-config python3
  libboost-regex-dev   # regular expressions for vote and date patterns
  libicu-dev           # charset detection/conversion, Unicode properties, normalisation
  rapidjson-dev        # JSON records and JSON-lines input
  libcurl4-openssl-dev # fetching URLs, feeds and sitemaps
  zlib1g-dev           # gzip and WARC (per-record gzip) input
  libgumbo-dev         # HTML5 parsing for main-text extraction
  libsqlite3-dev       # the store's query index
  libgtest-dev libgmock-dev  # unit and end-to-end tests
  libbenchmark-dev     # stage benchmarks
  time                 # /usr/bin/time: the benchmark scripts' CPU time and peak RSS
  libcpp-httplib-dev   # loopback HTTP server in fetch tests
  clang libclang-rt-14-dev  # libFuzzer and sanitizer runtimes (scripts/fuzz.sh)
)
if $with_slurm; then
  PACKAGES+=(slurmctld slurmd slurm-client munge)  # tests/slurm: a one-node cluster on 127.0.0.1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "newsmine setup: missing Debian packages: ${missing[*]}" >&2
  echo "newsmine setup: run as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "newsmine setup: installed ${missing[*]}" >&2
