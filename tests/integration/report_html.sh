#!/usr/bin/env bash
# The `manrs check` HTML page in headless Chromium: for the full, empty and hostile sample
# reports (src/manrs/report/testing/sample_reports.h, written by report_sample_tool), the DOM
# Chromium builds (--dump-dom) has the five gauges, a timeline bar per incident, the tables, and
# no element or attribute made from registry text; a 1280x2400 screenshot of the full report
# decodes to a page that is not blank and shows the readiness colours (report_html_check.py,
# python3 standard library only). The screenshot stays in WORKDIR/full.png for a human to look at.
# Usage: report_html.sh REPORT_SAMPLE_TOOL WORKDIR   (exit 77 = skipped: no Chromium)
set -u
tool=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "SKIP: chromium is not installed (Debian package 'chromium'); the HTML page was not rendered"
  exit 77
fi
mkdir -p "$work"
# A private profile and no network use; every run is bounded.
browse() {
  timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --no-first-run --disable-extensions --disable-sync --disable-background-networking \
    --user-data-dir="$work/profile" "$@" 2>>"$work/chromium.log"
}

for kind in full empty hostile; do
  "$tool" html "$kind" > "$work/$kind.html"
  check "$kind: report_sample_tool writes the page" $?
  "$tool" json "$kind" > "$work/$kind.json"
  check "$kind: report_sample_tool writes the JSON" $?
  ! grep -Eqi 'https?://|<script|<link|src=|url\(' "$work/$kind.html" || [ "$kind" = hostile ]
  check "$kind: the page has no URL, script or link" $?
  browse --dump-dom "file://$work/$kind.html" > "$work/$kind.dom.html"
  rc=$?
  [ $rc = 0 ] && [ -s "$work/$kind.dom.html" ]
  check "$kind: chromium --dump-dom (exit $rc)" $?
  python3 "$here/report_html_check.py" dom "$work/$kind.dom.html" "$work/$kind.json" "$kind"
  check "$kind: DOM has the gauges, timeline bars, tables and no active element" $?
done

rm -f "$work/full.png"
browse --window-size=1280,2400 --screenshot="$work/full.png" "file://$work/full.html" > /dev/null
rc=$?
[ $rc = 0 ] && [ -s "$work/full.png" ]
check "full: chromium --screenshot 1280x2400 (exit $rc)" $?
python3 "$here/report_html_check.py" png "$work/full.png" 1280 2400
check "full: the screenshot is 1280x2400, not blank, with the readiness colours" $?
echo "screenshot: $work/full.png"
summary
