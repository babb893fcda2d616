#!/bin/sh
# A symmetric_mp that forwards, prints its counts, and exits with code 3.
# The program is testcases/symmetric/fake/faulty_forwarder.c (built as faulty_forwarder); this script
# only chooses its fault. MPDTS_FAULTY_FORWARDER names the program (default: the project's build).
exec env MPDTS_FORWARDER_FAULT=exit-code "${MPDTS_FAULTY_FORWARDER:-$(dirname "$0")/../../../build/testcases/faulty_forwarder}" "$@"
