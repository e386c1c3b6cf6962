#!/usr/bin/env bash
# `manrs check` benchmark (issue 7), one run, figures printed as a table:
#   all     `manrs check --all` on a full-size input made from the real 2002 RIB
#           (tools/gen-check-bench.py: 1,039,689 RIB entries of 324 peers + 2,000,000 updates
#           over 24 h), with the 2017 ROA list and the RIPE-NONAUTH route objects: every AS seen
#           by 5 peers scored, CSV written; wall time and peak memory (GNU time)
#   single  `manrs check AS3320` on the same input from a cold start (everything loaded and the
#           routing pass done for one AS), and on the shared data directory
#   peer    bgpdump -m over the same two MRT files (the decoding a shell pipeline would need
#           before any scoring), as a ratio
# Targets (issue 7): --all under 60 s on 2 cores; a single AS from a cold start under 5 s.
# Usage: tools/bench-check.sh [--manrs BIN] [--updates N]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
manrs=build/release/src/manrs/app/manrs
updates=2000000
while [ $# -gt 0 ]; do
  case $1 in
    --manrs) manrs=$2; shift 2 ;;
    --updates) updates=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data=${MANRS_SHARED_DIR:-../shared}/data
[ -d "$data" ] || data=/work/shared/data
[ -x "$manrs" ] || { echo "no manrs binary at $manrs (cmake --build build/release)" >&2; exit 2; }
out=build/bench-data/check-$updates
if [ ! -s "$out/updates.mrt" ]; then
  echo "generating $out (once)..." >&2
  python3 tools/gen-check-bench.py --out "$out" --updates "$updates"
fi
vrps=$data/vrp/roalist-authenticated-2017-05-25T053325Z.txt
rpsl=("--rpsl" "$data/rpsl/ripe-nonauth.db.route.gz" "--rpsl" "$data/rpsl/ripe-nonauth.db.route6.half-a.gz"
      "--rpsl" "$data/rpsl/ripe-nonauth.db.aut-num.gz")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() {  # measure NAME CMD...: wall seconds and peak RSS (MiB) of one run
  local name=$1; shift
  local rc=0
  /usr/bin/time -f "%e %M" -o "$tmp/$name.time" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err" || rc=$?
  # exit 1 = some damaged records were skipped (the shared data has robustness fixtures)
  [ $rc -le 1 ] || { echo "$name failed:" >&2; tail -5 "$tmp/$name.err" >&2; exit 1; }
  read -r secs kb < <(tail -1 "$tmp/$name.time")
  printf '%-8s %8.1f s %8d MiB\n' "$name" "$secs" $((kb / 1024))
}
echo "input: $(du -h "$out/rib.mrt" | cut -f1) RIB + $(du -h "$out/updates.mrt" | cut -f1) updates; $(nproc) cores"
measure all "$manrs" check --all --mrt "$out/rib.mrt" "$out/updates.mrt" --vrps "$vrps" "${rpsl[@]}" \
  --no-history --format csv -o "$tmp/all.csv"
grep -E '^(routing|check)' "$tmp/all.err" | sed 's/^/         /'
echo "         $(($(wc -l < "$tmp/all.csv") - 1)) ASes in the table"
measure single "$manrs" check AS3320 --mrt "$out/rib.mrt" "$out/updates.mrt" --vrps "$vrps" "${rpsl[@]}" \
  --no-history --format json -o "$tmp/single.json"
measure datadir "$manrs" check AS3333 --data "$data" --month 2015-11 --no-history --format json \
  -o "$tmp/datadir.json"
if command -v bgpdump >/dev/null; then
  measure bgpdump sh -c "bgpdump -m '$out/rib.mrt' > /dev/null; bgpdump -m '$out/updates.mrt' > /dev/null"
  awk -v a="$(cut -d' ' -f1 "$tmp/all.time")" -v b="$(cut -d' ' -f1 "$tmp/bgpdump.time")" \
    'BEGIN { printf "ratio    check --all / bgpdump -m decoding alone: %.2f\n", a / b }'
fi
