#!/bin/sh
# A symmetric_mp that reads and frees every packet and says so (TX 0, all dropped): true counts, nothing forwarded.
# The program is testcases/symmetric/fake/faulty_forwarder.c (built as faulty_forwarder); this script
# only chooses its fault. MPDTS_FAULTY_FORWARDER names the program (default: the project's build).
exec env MPDTS_FORWARDER_FAULT=drops-everything "${MPDTS_FAULTY_FORWARDER:-$(dirname "$0")/../../../build/testcases/faulty_forwarder}" "$@"
