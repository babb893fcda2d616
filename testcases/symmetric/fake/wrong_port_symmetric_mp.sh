#!/bin/sh
# A symmetric_mp that sends what it reads back out of the port it came in on, and prints it as sent on the pair port.
# The program is testcases/symmetric/fake/faulty_forwarder.c (built as faulty_forwarder); this script
# only chooses its fault. MPDTS_FAULTY_FORWARDER names the program (default: the project's build).
exec env MPDTS_FORWARDER_FAULT=wrong-port "${MPDTS_FAULTY_FORWARDER:-$(dirname "$0")/../../../build/testcases/faulty_forwarder}" "$@"
