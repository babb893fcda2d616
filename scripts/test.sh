#!/usr/bin/env bash
# All tests: set the machine up (idempotent), then ctest runs the harness unit tests and every
# conformance case on the embedded default topology. Extra arguments go to ctest (e.g. -L vhost).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 2
mkdir -p reports
# Exclusive devices (PCI ports, the VM) are ctest resources, from the topology (cmake/MpdtsResources.cmake).
ctest --test-dir build --output-on-failure --output-junit "$PWD/reports/ctest-junit.xml" \
  --resource-spec-file "$PWD/build/mpdts-resources.json" "$@"
