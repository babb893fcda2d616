#!/usr/bin/env bash
# The main job: set the machine up (idempotent), run the conformance suite on a topology (the
# embedded default unless one is given) and write the reports.
#   scripts/suite.sh [TOPOLOGY.yaml] [extra gtest flags, e.g. --gtest_filter='HotplugMp/*Virtual*']
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2

TOPOLOGY=topologies/embedded.yaml
if [ $# -gt 0 ] && [[ "$1" != --* ]]; then TOPOLOGY=$1; shift; fi
RESULTS=reports/$(date +%Y%m%d-%H%M%S)
mkdir -p "$RESULTS"

echo "mpdts: topology $TOPOLOGY, results in $RESULTS/"
build/mpdts_cases --topology="$TOPOLOGY" --results="$RESULTS" "$@"
rc=$?
build/mpdts-report --results "$RESULTS" || rc=2
ln -sfn "$(basename "$RESULTS")" reports/latest
echo "mpdts: reports: $RESULTS/report.html  $RESULTS/junit.xml  (also reports/latest/)"
exit $rc
