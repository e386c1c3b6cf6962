#!/usr/bin/env bash
# `manrs fetch` against a loopback HTTP server (http_range_server.py) serving a tree built from
# real files of ../shared/data at the paths of the public sources (--base-url replaces the
# hosts). Checks: byte-identical downloads (cmp), MD5 side files verified (BSD and GNU styles;
# a missing side file is reported, not fatal), resumption with Range after a cut transfer and
# from an earlier run's .part, a 200 answer to a Range request restarts cleanly, a wrong MD5
# installs nothing and names the file, 404 and refused redirects are clear errors with the
# documented exit codes, files already present are not downloaded again, --list and --dry-run.
# No test touches the internet.
# Usage: fetch.sh MANRS_BINARY SHARED_DIR WORKDIR   (exit 77 = skipped)
set -u
manrs=$1
shared=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
data=$shared/data
if [ ! -d "$data/mrt" ] || [ ! -d "$data/misc/rir-delegated" ]; then
  echo "SKIP: $data is absent"
  exit 77
fi
source "$here/lib.sh"
rm -rf "$work"
mkdir -p "$work"
srv=$work/srv
log=$work/requests.log

# --- the served tree: real files at the public sources' paths
put() { mkdir -p "$(dirname "$srv/$2")" && cp "$1" "$srv/$2"; }
md5_bsd() { echo "MD5 ($(basename "$1")) = $(md5sum < "$1" | cut -d' ' -f1)" > "$1.md5"; }
md5_gnu() { md5sum "$1" | sed "s|  .*/|  |" > "$1.md5"; }
bview=rrc00/2015.11/bview.20151101.0000.gz
put "$data/mrt/rrc00.bview.20000111.0032.gz" "$bview"
rib=bgpdata/2015.11/RIBS/rib.20151101.0000.bz2
put "$data/mrt/rib6.20151101.0600_firstMB.bz2" "$rib"
put "$data/asrel/20210901.as-rel2.excerpt.txt.bz2" \
  datasets/as-relationships/serial-2/20210901.as-rel2.txt.bz2
for t in route route6.half-a aut-num; do
  put "$data/rpsl/ripe-nonauth.db.$t.gz" "ripe/dbase/split/ripe.db.${t%.half-a}.gz"
done
put "$data/rpsl/ripe.db.as-set.gz" ripe/dbase/split/ripe.db.as-set.gz
put "$data/rpsl/ripe-whois-grs-ripe.test.gz" ripe/dbase/split/ripe.db.role.gz
pdb=$data/peeringdb/peeringdb-plus-2026-04/beta/anon/api
for t in net poc org; do put "$pdb/$t/page-1.json" "api/$t"; done
nro=wp-content/uploads/apnic-uploads/delegated-extended
put "$data/misc/rir-delegated/nro-extended-delegated-stats-20160406-excerpt.txt" "$nro"
md5_gnu "$srv/$nro"
ripe=pub/stats/ripencc/2013/delegated-ripencc-extended-20130418.bz2
put "$data/misc/rir-delegated/delegated-ripencc-extended-20130418.gz" "$ripe"
md5_bsd "$srv/$ripe"
for r in afrinic:pub/stats/afrinic/2013/delegated-afrinic-extended-20130418 \
  apnic:stats/apnic/2013/delegated-apnic-extended-20130418.gz \
  arin:pub/stats/arin/delegated-arin-extended-20130418 \
  lacnic:pub/stats/lacnic/delegated-lacnic-extended-20130418; do
  put "$data/misc/rir-delegated/nro-extended-delegated-stats-20160406-excerpt.txt" "${r#*:}"
  [ "${r%%:*}" = lacnic ] || md5_gnu "$srv/${r#*:}"  # LACNIC: no side file
done
vrps=$data/vrp/stayrtr-test.rpki.json
put "$vrps" vrps.json

port=$(free_port)
base=http://127.0.0.1:$port
start_server() {
  stop_all
  : > "$log"
  python3 "$here/http_range_server.py" "$srv" --port "$port" --log "$log" "$@" \
    2> "$work/server.err" &
  pids+=($!)
  wait_port "$port" 10 || { echo "FAIL server did not start"; cat "$work/server.err"; exit 1; }
}
F=("$manrs" fetch --base-url "$base" --retry-delay 0.1 --timeout 10)

# --- --list and --dry-run print the URLs, download nothing
"$manrs" fetch --list > "$work/list.txt"
check "--list exit 0" $?
grep -q '^ris-bview ' "$work/list.txt" &&
  grep -qF 'https://data.ris.ripe.net/{C}/{YYYY}.{MM}/bview.{YYYY}{MM}{DD}.0000.gz' "$work/list.txt" &&
  grep -qF -- '-> misc/rir-delegated/nro-delegated-extended  (+ .md5)' "$work/list.txt"
check "--list shows sources, URL templates and paths" $?
[ "$(grep -c '^[a-z]' "$work/list.txt")" -ge 18 ]
check "--list has every source" $?
"$manrs" fetch --dry-run --data "$work/dry" --date 2015-11-01 --collector rrc06 ris-bview \
  rir-delegated > "$work/dry.txt"
check "--dry-run exit 0" $?
grep -qxF "https://data.ris.ripe.net/rrc06/2015.11/bview.20151101.0000.gz  $work/dry/mrt/rrc06.bview.20151101.0000.gz" "$work/dry.txt" &&
  grep -qF 'https://ftp.arin.net/pub/stats/arin/delegated-arin-extended-20151101  ' "$work/dry.txt" &&
  grep -qF 'checksum https://ftp.arin.net/pub/stats/arin/delegated-arin-extended-20151101.md5' "$work/dry.txt" &&
  [ "$(wc -l < "$work/dry.txt")" = 6 ] && [ ! -e "$work/dry" ]
check "--dry-run prints real URLs and paths, creates nothing" $?
"$manrs" fetch --dry-run --date 2015-11-01 --base-url "$base" ris-updates > "$work/dry2.txt"
[ "$(wc -l < "$work/dry2.txt")" = 288 ] && head -1 "$work/dry2.txt" | grep -qF "$base/rrc00/2015.11/updates.20151101.0000.gz  mrt/rrc00.updates.20151101.0000.gz"
check "--dry-run ris-updates: 288 five-minute files, host replaced by --base-url" $?

# --- a plain fetch: every file byte-identical, checksums verified where published
start_server
d1=$work/d1
"${F[@]}" --data "$d1" --date 2015-11-01 ris-bview routeviews-rib irr-ripe peeringdb rpki-client \
  nro-delegated > "$work/f1.out" 2> "$work/f1.err"
check "fetch 6 sources exit 0" $?
same=0
cmp -s "$srv/$bview" "$d1/mrt/rrc00.bview.20151101.0000.gz" || same=1
cmp -s "$srv/$rib" "$d1/mrt/route-views2.rib.20151101.0000.bz2" || same=1
for t in route route6 aut-num as-set role; do
  cmp -s "$srv/ripe/dbase/split/ripe.db.$t.gz" "$d1/rpsl/ripe.db.$t.gz" || same=1
done
for t in net poc org; do cmp -s "$srv/api/$t" "$d1/peeringdb/$t.json" || same=1; done
cmp -s "$vrps" "$d1/vrp/rpki-client.vrps.json" || same=1
cmp -s "$srv/$nro" "$d1/misc/rir-delegated/nro-delegated-extended" || same=1
check "12 downloads byte-identical to the served files" $same
[ -z "$(find "$d1" -name '*.part')" ]
check "no .part left" $?
grep -q '^ok      misc/rir-delegated/nro-delegated-extended .* checksum md5 ok$' "$work/f1.out"
check "NRO file: md5 verified" $?
grep -q "^ok      mrt/rrc00.bview.20151101.0000.gz  $(stat -c %s "$srv/$bview") bytes .* new  1 attempt  checksum none$" "$work/f1.out"
check "summary line: bytes, new, 1 attempt, checksum none" $?
grep -q '^12 fetched' "$work/f1.out"
check "summary: 12 fetched" $?
[ ! -s "$work/f1.err" ]
check "stderr empty (no progress line when stderr is not a TTY)" $?

# --- again: files present are not downloaded
: > "$log"
"${F[@]}" --data "$d1" --date 2015-11-01 ris-bview > "$work/f1b.out"
check "second run exit 0" $?
grep -q '^present mrt/rrc00.bview.20151101.0000.gz' "$work/f1b.out" && [ ! -s "$log" ]
check "present file: no request made" $?
"${F[@]}" --data "$d1" --date 2015-11-01 --force ris-bview > "$work/f1c.out" &&
  grep -q '^ok      mrt/rrc00.bview' "$work/f1c.out" && [ "$(wc -l < "$log")" = 1 ]
check "--force downloads again" $?

# --- RIR stats: BSD and GNU md5 side files; LACNIC publishes none (reported, installed)
d2=$work/d2
"${F[@]}" --data "$d2" --date 2013-04-18 rir-delegated > "$work/f2.out" 2> "$work/f2.err"
check "rir-delegated exit 0" $?
[ "$(grep -c 'checksum md5 ok$' "$work/f2.out")" = 4 ] &&
  grep -q '^ok      misc/rir-delegated/delegated-lacnic-extended-20130418 .*checksum md5 unavailable (HTTP 404)$' "$work/f2.out"
check "4 md5 ok (BSD and GNU side files), LACNIC md5 unavailable" $?
cmp -s "$srv/$ripe" "$d2/misc/rir-delegated/delegated-ripencc-extended-20130418.bz2" &&
  cmp -s "$srv/pub/stats/arin/delegated-arin-extended-20130418" "$d2/misc/rir-delegated/delegated-arin-extended-20130418"
check "RIPE NCC and ARIN stats byte-identical" $?

# --- resumption: the transfer is cut after 1,000,000 bytes, the retry asks Range and gets 206
start_server --cut "/$bview:1000000"
d3=$work/d3
"${F[@]}" --data "$d3" --date 2015-11-01 ris-bview > "$work/f3.out" 2> "$work/f3.err"
check "cut transfer: exit 0" $?
cmp -s "$srv/$bview" "$d3/mrt/rrc00.bview.20151101.0000.gz"
check "cut transfer: byte-identical" $?
grep -q '^ok      mrt/rrc00.bview.20151101.0000.gz .* resumed at 1000000  2 attempts' "$work/f3.out"
check "cut transfer: reported as resumed at 1000000, 2 attempts" $?
grep -q "^GET /$bview - 200-cut-at-1000000$" "$log" && grep -q "^GET /$bview bytes=1000000- 206$" "$log"
check "server saw the cut, then Range: bytes=1000000- answered 206" $?

# --- resumption from an earlier run's .part
start_server
d4=$work/d4
mkdir -p "$d4/mrt"
head -c 300000 "$srv/$rib" > "$d4/mrt/route-views2.rib.20151101.0000.bz2.part"
"${F[@]}" --data "$d4" --date 2015-11-01 routeviews-rib > "$work/f4.out"
check "resume from .part: exit 0" $?
cmp -s "$srv/$rib" "$d4/mrt/route-views2.rib.20151101.0000.bz2" &&
  grep -q 'resumed at 300000  1 attempt ' "$work/f4.out" &&
  grep -q "bytes=300000- 206$" "$log" && [ ! -e "$d4/mrt/route-views2.rib.20151101.0000.bz2.part" ]
check "resume from .part: identical, resumed at 300000, .part gone" $?

# --- a server that ignores Range: the 200 answer replaces the .part (here: garbage)
start_server --no-range "/$rib"
d5=$work/d5
mkdir -p "$d5/mrt"
printf 'garbage that is not a prefix of the file' > "$d5/mrt/route-views2.rib.20151101.0000.bz2.part"
"${F[@]}" --data "$d5" --date 2015-11-01 routeviews-rib > "$work/f5.out"
check "200 to Range: exit 0" $?
cmp -s "$srv/$rib" "$d5/mrt/route-views2.rib.20151101.0000.bz2" &&
  grep -q 'server ignored Range: restarted' "$work/f5.out" && grep -q 'bytes=40- 200$' "$log"
check "200 to Range: restarted cleanly, byte-identical" $?

# --- a .part longer than the file: 416, started again from 0
start_server
d6=$work/d6
mkdir -p "$d6/misc/rir-delegated"
head -c 400000 /dev/zero > "$d6/misc/rir-delegated/nro-delegated-extended.part"
"${F[@]}" --data "$d6" nro-delegated > "$work/f6.out"
check "416 on a too long .part: exit 0" $?
cmp -s "$srv/$nro" "$d6/misc/rir-delegated/nro-delegated-extended" && grep -q ' 416$' "$log" &&
  grep -q 'checksum md5 ok$' "$work/f6.out"
check "416: restarted, identical, md5 ok" $?

# --- wrong checksum: not installed, the error names the file, exit 2 (nothing fetched)
start_server --bad-md5 "/$ripe"
d7=$work/d7
"${F[@]}" --data "$d7" --date 2013-04-18 rir-delegated > "$work/f7.out" 2> "$work/f7.err"
rc=$?
[ $rc = 1 ]
check "bad md5 among 5 files: exit 1 (the other 4 fetched)" $?
grep -q "delegated-ripencc-extended-20130418.bz2: md5 mismatch: want 0*[0-9a-f]\{31,32\} (from $base/$ripe.md5), have $(md5sum < "$srv/$ripe" | cut -d' ' -f1); not installed" "$work/f7.err"
check "bad md5: error names the file and both digests" $?
[ ! -e "$d7/misc/rir-delegated/delegated-ripencc-extended-20130418.bz2" ] &&
  [ ! -e "$d7/misc/rir-delegated/delegated-ripencc-extended-20130418.bz2.part" ] &&
  [ -e "$d7/misc/rir-delegated/delegated-arin-extended-20130418" ]
check "bad md5: file and .part absent, others installed" $?

# --- 404: a clear error, exit 2 when nothing could be fetched; no retries on 404
: > "$log"
"${F[@]}" --data "$work/d8" --month 2015-11 spoofer > "$work/f8.out" 2> "$work/f8.err"
rc=$?
[ $rc = 2 ] && grep -qF "manrs fetch: spoofer/sessions-2015-11.json: $base/sessions?timestamp%5Bafter%5D=2015-11-01&timestamp%5Bstrictly_before%5D=2015-12-01: HTTP 404" "$work/f8.err" &&
  [ "$(wc -l < "$log")" = 1 ]
check "404: exit 2, error names file, URL and status, one request" $?
[ -z "$(find "$work/d8" -type f ! -name '*.part' 2>/dev/null)" ]
check "404: nothing installed" $?

# --- redirects to other schemes are refused; size cap; bad options
start_server --redirect "/vrps.json:file:///etc/passwd"
"${F[@]}" --data "$work/d9" rpki-client > /dev/null 2> "$work/f9.err"
rc=$?
[ $rc = 2 ] && grep -q 'vrp/rpki-client.vrps.json' "$work/f9.err" && [ ! -e "$work/d9/vrp/rpki-client.vrps.json" ]
check "redirect to file:// refused" $?
start_server
"${F[@]}" --data "$work/d10" --max-bytes 1000 --date 2015-11-01 ris-bview > /dev/null 2> "$work/f10.err"
[ $? = 2 ] && grep -q 'size: want <= 1000 bytes' "$work/f10.err"
check "--max-bytes: over the cap is an error" $?
"$manrs" fetch --data "$work/d11" --date 2015-02-29 ris-bview > /dev/null 2> "$work/f11.err"
[ $? = 2 ] && grep -qF "manrs fetch: --date: want YYYY-MM-DD, have '2015-02-29'" "$work/f11.err"
check "bad --date: exit 2 with the option named" $?
"$manrs" fetch --data "$work/d11" --base-url ftp://127.0.0.1 ris-bview > /dev/null 2>&1
[ $? = 2 ]
check "--base-url ftp:// refused" $?
"$manrs" fetch --data "$work/d11" --collector ../x ris-bview > /dev/null 2> "$work/f12.err"
[ $? = 2 ] && grep -q -- "--collector: want" "$work/f12.err"
check "--collector ../x refused" $?

stop_all
summary
