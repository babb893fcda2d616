#!/bin/sh
# A symmetric_mp whose secondaries forward nothing, to show that the symmetric cases catch one and
# say so. The primary is the real target; a secondary receives nothing, and on SIGINT prints zero
# counts for ports 0 and 1 and exits 0, as a working one would.
#
#   build/mpdts_cases --topology=testcases/symmetric/fake/idle_secondary.yaml --gtest_filter='SymmetricMp/*'
#
# MPDTS_SYMMETRIC_MP names the real target (default: the project's build next to the sources).
real="${MPDTS_SYMMETRIC_MP:-$(dirname "$0")/../../../build/bin/symmetric_mp}"
case " $* " in
  *" --proc-type=secondary "*) ;;
  *) exec "$real" "$@" ;;
esac

sleep infinity &
idle=$!
trap 'kill "$idle"; printf "Port 0: RX - 0, TX - 0, Drop - 0\nPort 1: RX - 0, TX - 0, Drop - 0\n"; exit 0' INT TERM
wait "$idle"
