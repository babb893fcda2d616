#!/usr/bin/env bash
# The version matrix in a real browser: two columns made from the fixture run (lab_results/), the
# second with one case turned from passed to failed, as two DPDKs would differ; headless Chromium
# loads matrix.html offline and the test reads what it shows: a column per DPDK named by the version
# its processes reported, the differing case first, the cells' verdicts. Screenshot: WORK_DIR/matrix.png.
#   matrix_browser_test.sh MPDTS_REPORT SOURCE_DIR WORK_DIR
set -euo pipefail
report=$(realpath "$1") src=$(realpath "$2") work=$3
rm -rf "$work" && mkdir -p "$work/m"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (scripts/setup.sh installs it)"

cp -r "$src/lab_results" "$work/m/1-system"
cp -r "$src/lab_results" "$work/m/2-source"
changed="$work/m/2-source/cases/HotplugMp_Plan.Case_AttachVirtual_FromPrimary.json"
grep -q '"status": "passed"' "$changed" || fail "the fixture case is not a passed one"
sed -i 's/"status": "passed"/"status": "failed", "failed_checks": ["hotplug.list-exact"]/' "$changed"
"$report" --matrix "$work/m" --matrix-column system=1-system --matrix-column source:/x/dpdk.tar.xz=2-source >/dev/null \
  || fail "mpdts-report --matrix"
page=$work/m/matrix.html
xmllint --noout "$work/m/junit.xml" || fail "junit.xml is not well-formed"
[ "$(xmllint --xpath 'count(//testsuite)' "$work/m/junit.xml")" = 2 ] || fail "junit.xml: one testsuite per DPDK"
if grep -Eo '(src)="[^"]*"' "$page"; then fail "the matrix loads something from elsewhere"; fi

browse() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --proxy-server=127.0.0.1:9 --hide-scrollbars "$@" 2>"$work/chromium.log"
}
browse --dump-dom "file://$page" > "$work/dom.html" || { cat "$work/chromium.log" >&2; fail "chromium --dump-dom"; }
text() { xmllint --html --xpath "normalize-space($1)" "$work/dom.html" 2>/dev/null; }
expect() {  # XPATH WANTED WHAT
  local got; got=$(text "$1")
  [ "$got" = "$2" ] || fail "$3: expected '$2', the browser shows '$got'"
  echo "ok: $3: $got"
}
expect 'count(//table[@id="matrix"]//th[@class="dpdk"])' 2 "columns"
expect '(//table[@id="matrix"]//tbody/tr)[1]/th' "HotplugMp/Plan.Case/AttachVirtual_FromPrimary" "the differing case comes first"
expect 'count(//table[@id="matrix"]//tbody/tr[@class="differs"])' 1 "differing rows"
expect '(//table[@id="matrix"]//tbody/tr)[1]/td[1]/b' "passed" "its verdict on the first DPDK"
expect '(//table[@id="matrix"]//tbody/tr)[1]/td[2]/b' "failed" "its verdict on the second DPDK"
expect '(//table[@id="matrix"]//tbody/tr)[1]/td[2]/span' "check hotplug.list-exact" "the check that failed there"
expect '(//table[@id="matrix"]//th[@class="dpdk"])[2]/text()[1]' "22.11.11 (source:/x/dpdk.tar.xz)" "the second column: the version that ran and the spec"
expect 'count(//td[@class="finding"])' 2 "cells of a case passed on a known finding (one per column)"
browse --screenshot="$work/matrix.png" --window-size=1400,900 "file://$page" >/dev/null || fail "screenshot"
echo "ok: screenshot $work/matrix.png"
