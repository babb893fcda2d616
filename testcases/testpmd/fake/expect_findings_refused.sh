#!/bin/sh
# Runs the host testpmd cases against a faulty testpmd (a topology of this directory) and requires:
# every case with a recorded finding fails, each once with `why` (why the deviation was not taken as
# the 22.11 finding), no finding is taken, and every other case passes.
#
#   expect_findings_refused.sh <mpdts_cases> <topology.yaml> <results dir> <failing> <passing> <why>
set -u
cases="$1" topology="$2" results="$3" failing="$4" passing="$5" why="$6"
out=$("$cases" --topology="$topology" --results="$results" --gtest_filter='Testpmd/*-*_Physical' 2>&1)
printf '%s\n' "$out"
status=0
expect() {  # <what> <expected count> <actual count>
  if [ "$3" -ne "$2" ]; then echo "EXPECTED $2 $1, GOT $3"; status=1; fi
}
expect "failed cases" "$failing" "$(printf '%s\n' "$out" | grep -c '^\[  FAILED  \] Testpmd/.* ([0-9]* ms)$')"
expect "passed cases" "$passing" "$(printf '%s\n' "$out" | grep -c '^\[       OK \] Testpmd/.* ([0-9]* ms)$')"
expect "failures saying '$why'" "$failing" "$(printf '%s\n' "$out" | grep -c -- "$why")"
expect "findings taken" 0 "$(printf '%s\n' "$out" | grep -c '^\[ FINDING  \]')"
[ "$status" -eq 0 ] && echo "AS EXPECTED: $failing cases with findings failed ($why), $passing passed"
exit "$status"
