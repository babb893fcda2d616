#!/usr/bin/env bash
# Makes this machine ready for mpdts, idempotently, and says what it changed:
#   1. installs the Debian packages the project needs (only the missing ones),
#   2. reserves 2 MB hugepages (raises vm.nr_hugepages, never lowers it),
#   3. configures and builds the project in build/.
# Needs root on Debian 12. Safe to run again: a ready machine is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."

HUGEPAGES_WANTED=${MPDTS_HUGEPAGES:-1024}   # 2 GiB of 2 MB pages: cases, testpmd backends, symmetric_mp
BUILD_DIR=${MPDTS_BUILD_DIR:-build}
if ! [[ "$HUGEPAGES_WANTED" =~ ^[0-9]{1,6}$ ]] || [ "$HUGEPAGES_WANTED" -lt 64 ]; then
  echo "setup: MPDTS_HUGEPAGES='$HUGEPAGES_WANTED': expected a number of 2 MB pages from 64 to 999999" >&2
  exit 2
fi

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  dpdk dpdk-dev libdpdk-dev dpdk-doc
  libgtest-dev libgmock-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libfmt-dev
  libbenchmark-dev   # the harness overhead benchmark (mpdts-bench-overhead)
  libboost1.81-dev libboost-filesystem1.81-dev
  iproute2 pciutils kmod
  meson python3-pyelftools   # building a DPDK under test from source (mpdts run --dpdk source:...)
  clang libclang-rt-14-dev   # the topology fuzzer: libFuzzer + AddressSanitizer (libclang-rt is only recommended)
  qemu-system-x86 qemu-utils busybox-static cpio python3.11-minimal pci.ids
  openssh-client openssh-server   # ssh nodes; the ssh tests start an sshd of their own on loopback
  chromium libxml2-utils   # the report tests: the HTML report in headless Chromium, JUnit checked with xmllint
)

say() { echo "setup: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: must run as root (it installs packages, reserves hugepages, and the cases mount hugetlbfs)" >&2
  exit 2
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${#missing[@]} missing package(s): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Installing a daemon must not start it as a service (openssh-server would listen on port 22):
  # without a policy of the machine's own, one that refuses every start holds for this install.
  policy=/usr/sbin/policy-rc.d
  made_policy=""
  if [ ! -e "$policy" ] && [ ! -L "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
  fi
  # The policy goes again however this ends (a failed update or install, an interrupt).
  trap '[ -n "$made_policy" ] && rm -f "$policy"' EXIT
  apt-get update -q || { echo "setup: apt-get update failed" >&2; exit 1; }
  apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
  if [ -n "$made_policy" ]; then rm -f "$policy"; made_policy=""; fi
  trap - EXIT
else
  say "packages: all ${#PACKAGES[@]} present"
fi

have=$(cat /proc/sys/vm/nr_hugepages)
if [ "$have" -lt "$HUGEPAGES_WANTED" ]; then
  echo "$HUGEPAGES_WANTED" > /proc/sys/vm/nr_hugepages
  now=$(cat /proc/sys/vm/nr_hugepages)
  say "hugepages: vm.nr_hugepages raised from $have to $now (2 MB pages)"
  if [ "$now" -lt "$HUGEPAGES_WANTED" ]; then
    echo "setup: the kernel gave only $now of $HUGEPAGES_WANTED hugepages (memory fragmented?)" >&2
  fi
else
  say "hugepages: vm.nr_hugepages is $have (>= $HUGEPAGES_WANTED), unchanged"
fi

# The bookworm DPDK source tarball, for the tests of a DPDK built from source (ctest label
# dpdk-source); taken from the archive this system's apt sources name, into /var/cache/mpdts/sources.
if tarball=$(scripts/fetch-dpdk-source.sh 2>/dev/null); then
  say "DPDK source for the dpdk-source tests: $tarball"
else
  echo "setup: could not fetch the DPDK source package (the dpdk-source tests will fail saying so)" >&2
fi

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  say "configuring $BUILD_DIR/"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
say "building $BUILD_DIR/"
cmake --build "$BUILD_DIR" -j"$(nproc)" 2>&1 | grep -v -E '^\[[0-9]+/[0-9]+\] ' || true
# The pipe above hides progress lines; the build's own status decides.
cmake --build "$BUILD_DIR" >/dev/null
say "ready"
