#!/usr/bin/env bash
# Installs every build and test dependency of manrs from Debian 12 packages (needs root or
# sudo), including the peer tools the oracle tests and benchmarks compare against.
# Idempotent: packages already installed are skipped quickly.
set -euo pipefail
pkgs=(
  # build
  build-essential cmake ninja-build pkg-config clang clang-format clang-tidy libclang-rt-14-dev
  libfmt-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev
  zlib1g-dev libbz2-dev liblzma-dev libzstd-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # tests, oracles and benchmarks
  python3 gzip bzip2 xz-utils zstd bgpdump openbgpd hyperfine time
  # RPKI oracles (issue 3): RTRlib tools + C library, StayRTR, BIRD 2, GoBGP, rpki-client
  rtr-tools librtr-dev stayrtr bird2 gobgpd rpki-client
  # RTR cache server (issue 4): Asio; FRR bgpd + RTRlib as an RTR client in its tests
  libasio-dev frr frr-rpki-rtrlib
  # IRR (issue 5): bgpq4 and bgpq3 as whois clients of `manrs irr serve`, whois(1)
  bgpq4 bgpq3 whois
  # filters (issue 6): TOML batch configs; BIRD 2, FRR and OpenBGPD parse what we generate
  libtomlplusplus-dev
  # manrs check / fetch (issue 7): libcurl + OpenSSL for downloads, SQLite for the score history,
  # headless Chromium renders the HTML report in its test
  libcurl4-openssl-dev libsqlite3-dev libssl-dev chromium
)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#pkgs[@]} packages present"
  exit 0
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
# Debian's policy-rc.d keeps openbgpd's daemon from starting; we only use bgpctl offline.
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
