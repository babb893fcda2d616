#!/bin/sh
# A symmetric_mp that reads every packet and sends none, but prints TX on the pair port as if it had forwarded them: its counts add up (RX = TX + Drop), only the wire shows it.
# The program is testcases/symmetric/fake/faulty_forwarder.c (built as faulty_forwarder); this script
# only chooses its fault. MPDTS_FAULTY_FORWARDER names the program (default: the project's build).
exec env MPDTS_FORWARDER_FAULT=forwards-nothing "${MPDTS_FAULTY_FORWARDER:-$(dirname "$0")/../../../build/testcases/faulty_forwarder}" "$@"
