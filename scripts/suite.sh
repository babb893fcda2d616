#!/usr/bin/env bash
# The main job: set the machine up (idempotent), run the conformance suite on a topology (the
# embedded default unless one is given) through `mpdts run`, and write the reports into
# reports/<date-time>/ (linked as reports/latest).
#   scripts/suite.sh [TOPOLOGY.yaml] [mpdts run options, e.g. -l virtual, -f 'HotplugMp/*', -r 3]
# (--gtest_filter=X is taken as -f X.) Exit code: mpdts run's (0 passed, 1 failures, 2 set-up or
# topology error, 130 interrupted).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2

# scripts/suite.sh --matrix --dpdk SPEC --dpdk SPEC [-t TOPOLOGY] [matrix options]: the version matrix.
if [ "${1:-}" = "--matrix" ]; then
  shift
  exec build/mpdts matrix --reports reports "$@"
fi

TOPOLOGY=topologies/embedded.yaml
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then TOPOLOGY=$1; shift; fi
args=()
for a in "$@"; do
  case "$a" in
    --gtest_filter=*) args+=(-f "${a#--gtest_filter=}") ;;
    *) args+=("$a") ;;
  esac
done
exec build/mpdts run -t "$TOPOLOGY" --reports reports "${args[@]}"
