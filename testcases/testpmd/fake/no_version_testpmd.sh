#!/bin/sh
# Debian's dpdk-testpmd 22.11 without EAL's -v: it prints no "RTE Version" line, so the version of the
# DPDK that runs cannot be read and no recorded finding may apply. Only EAL's -v (before "--") goes.
for a in "$@"; do
  shift
  [ "$a" = "--" ] && app=1
  [ "$a" = "-v" ] && [ -z "$app" ] && continue
  set -- "$@" "$a"
done
exec /usr/bin/dpdk-testpmd "$@"
