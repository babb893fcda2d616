#!/bin/sh
# A symmetric_mp that forwards, but adds 10^12 to what it received and dropped (balanced, more than was ever sent).
# The program is testcases/symmetric/fake/faulty_forwarder.c (built as faulty_forwarder); this script
# only chooses its fault. MPDTS_FAULTY_FORWARDER names the program (default: the project's build).
exec env MPDTS_FORWARDER_FAULT=overcount-rx "${MPDTS_FAULTY_FORWARDER:-$(dirname "$0")/../../../build/testcases/faulty_forwarder}" "$@"
