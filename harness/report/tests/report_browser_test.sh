#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium (Debian's `chromium`) loads the report of a
# fixture run across every plan (lab_results/: 4 passed, one of them on a known DPDK finding, 2
# failed, 1 skipped) with a bench directory beside it (sample_bench/), offline; the test reads the
# counts from the DOM the browser built and checks what a person sees first and that the plot is
# an inline SVG, then saves a screenshot next to the test output (WORK_DIR/report.png).
#   report_browser_test.sh MPDTS_REPORT SOURCE_DIR WORK_DIR
set -euo pipefail
report=$(realpath "$1") src=$(realpath "$2") work=$3
rm -rf "$work" && mkdir -p "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (scripts/setup.sh installs it)"

cp -r "$src/lab_results" "$work/results"
cp -r "$src/sample_bench" "$work/bench"  # RESULTS/../bench: the report finds it there
"$report" --results "$work/results" >/dev/null 2>&1 || fail "mpdts-report"
page=$work/results/report.html

# One self-contained file: nothing to fetch (no scripts, styles, images or fonts from elsewhere);
# the only links away from the page are to the benchmark files beside the results directory.
if grep -Eo '(src|href)="[^"#][^"]*"' "$page" | grep -v '^href="../bench/[a-z-]*\.\(csv\|svg\|json\)"$' ; then
  fail "the report refers to files or sites"
fi

# Chromium as root needs --no-sandbox; a profile of its own keeps it off the user's. No network:
# a proxy that does not exist makes any fetch fail, so an offline-only page is what is tested.
browse() {
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile" --proxy-server=127.0.0.1:9 --hide-scrollbars "$@" 2>"$work/chromium.log"
}
browse --dump-dom "file://$page" > "$work/dom.html" || { cat "$work/chromium.log" >&2; fail "chromium --dump-dom"; }
[ -s "$work/dom.html" ] || fail "chromium produced no DOM"

# What the browser made of the page (its DOM, serialised), read with libxml2's HTML parser.
text() { xmllint --html --xpath "normalize-space($1)" "$work/dom.html" 2>/dev/null; }
expect() {  # XPATH WANTED WHAT
  local got; got=$(text "$1")
  [ "$got" = "$2" ] || fail "$3: expected '$2', the browser shows '$got'"
  echo "ok: $3: $got"
}
expect '//*[@id="count-passed"]' 4 "passed count"
expect '//*[@id="count-failed"]' 2 "failed count"
expect '//*[@id="count-skipped"]' 1 "skipped count"
expect '//*[@id="count-total"]' 7 "total count"
expect '//*[@id="count-finding"]' 1 "known-finding count"
expect '//*[@id="verdict"]' "FAILED: 2 of 7 cases failed" "verdict"
expect 'count(//tr[contains(@class,"passed")]//span[contains(@class,"badge") and contains(@class,"finding")])' 1 "FINDING badges on passed rows"
expect '//tr[.//span[contains(@class,"finding")]]//td[@class="name"]/code' "Testpmd/PortHotplug.Case/Attach_FromPrimary_NullVdev" "the case with the badge"
expect 'count(//section[@id="by-plan"]//tbody/tr)' 3 "plans in the summary by plan"
expect '//section[@id="by-plan"]//tr[td[1]="testpmd_port_hotplug"]/td[3]' 1 "failed testpmd cases in the summary by plan"
expect '//section[@id="by-label"]//tr[td[1]="physical"]/td[4]' 1 "skipped physical cases in the summary by label"
expect 'count(//section[@id="failures"]/article)' 2 "failure articles"
expect '//section[@id="failures"]//table[@class="expected-seen"]//td[1]' "0 net_vhost0 in every process" "expected, beside what was seen"
expect 'count(//details[not(@open)]/pre[@class="transcript"])' 9 "collapsed transcripts (2 failures + 7 rows)"
expect 'count(//section[@id="environment"]//dd[contains(.,"tcg")])' 1 "the VM's accelerator in the environment"
expect 'count(//section[@id="benchmarks"]//figure/svg)' 1 "the hotplug plot, inline"
expect '//section[@id="benchmarks"]//svg/title' "hotplug_mp: net_null attach/detach latency vs secondaries" "the plot's title"
expect 'count(//section[@id="benchmarks"]//svg/g[@class="series"])' 4 "series in the plot"
expect 'count(//*[@id="bench-svg-refused"])' 0 "plot refusals"
expect 'count(//table[@id="bench-symmetric-rates"]/tbody/tr)' 3 "rows of symmetric-rates.csv"
expect 'count(//img | //script | //iframe | //object | //embed)' 0 "images, scripts and frames"
# Failures come before the table of all cases.
order=$(xmllint --html --xpath 'count(//section[@id="failures"]/following::section[@id="cases"])' "$work/dom.html" 2>/dev/null)
[ "$order" = 1 ] || fail "the failures are not before the case table"
echo "ok: failures first"

browse --screenshot="$work/report.png" --window-size=1280,1600 "file://$page" >/dev/null \
  || { cat "$work/chromium.log" >&2; fail "chromium --screenshot"; }
[ "$(head -c 8 "$work/report.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
size=$(stat -c %s "$work/report.png")
[ "$size" -gt 20000 ] || fail "the screenshot is suspiciously small ($size bytes): a blank page?"
echo "ok: screenshot $work/report.png ($size bytes)"
echo "PASS"
