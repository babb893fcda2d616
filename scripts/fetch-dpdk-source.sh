#!/usr/bin/env bash
# Downloads the Debian source package of DPDK (the release's upstream tarball, e.g.
# dpdk_22.11.11.orig.tar.xz) for `mpdts run --dpdk source:<tarball>` and the dpdk-source tests, and
# prints the tarball's path. The archive is the one this system's own apt sources name: their
# `deb` entries are read and used as `deb-src` with a private apt state (lists under the cache
# directory), so the system's apt configuration is not changed. Idempotent: an existing tarball is
# printed again without a download.
#
#   scripts/fetch-dpdk-source.sh [PACKAGE] [DIR]     # defaults: dpdk, /var/cache/mpdts/sources
set -euo pipefail
PACKAGE=${1:-dpdk}
DIR=${2:-/var/cache/mpdts/sources}
STATE=/var/cache/mpdts/apt-src

say() { echo "fetch-dpdk-source: $*" >&2; }

mkdir -p "$DIR" "$STATE/lists/partial"
if existing=$(ls "$DIR/${PACKAGE}"_*.orig.tar.* 2>/dev/null | head -n 1) && [ -n "$existing" ]; then
  echo "$existing"
  exit 0
fi

# deb822 files (*.sources): every stanza of Types containing "deb", as a deb-src stanza.
src="$STATE/deb-src.sources"
: > "$src"
for f in /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] || continue
  awk 'BEGIN { RS = ""; FS = "\n" }
       { types = ""; rest = ""
         for (i = 1; i <= NF; i++) {
           if ($i ~ /^#/) continue
           if ($i ~ /^Types:/) types = $i; else rest = rest $i "\n"
         }
         if (types ~ /[[:space:]]deb([[:space:]]|$)/ && rest ~ /URIs:/) printf "Types: deb-src\n%s\n", rest }' "$f" >> "$src"
done
# One-line sources.list entries: "deb [opts] URI SUITE COMPONENTS" as "deb-src ...".
list="$STATE/deb-src.list"
: > "$list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$list"
done
if [ ! -s "$src" ] && [ ! -s "$list" ]; then
  say "this system's apt sources name no 'deb' archive to take the source package from"
  exit 2
fi

apt_opts=(-o "Dir::State::Lists=$STATE/lists" -o "Dir::Etc::SourceParts=$STATE/parts" -o "Dir::Etc::SourceList=$list"
          -o "APT::Sandbox::User=root")
mkdir -p "$STATE/parts"
rm -f "$STATE/parts/"*
[ -s "$src" ] && cp "$src" "$STATE/parts/deb-src.sources"
say "reading the source indexes of this system's archives"
apt-get "${apt_opts[@]}" update -q >&2 || { say "apt-get update of the source indexes failed"; exit 2; }
tmp=$(mktemp -d "$DIR/.fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "downloading the $PACKAGE source package"
(cd "$tmp" && apt-get "${apt_opts[@]}" source --download-only -q "$PACKAGE" >&2) || {
  say "apt-get source $PACKAGE failed"
  exit 2
}
tarball=$(ls "$tmp/${PACKAGE}"_*.orig.tar.* 2>/dev/null | head -n 1)
[ -n "$tarball" ] || { say "the $PACKAGE source package has no upstream tarball"; exit 2; }
mv "$tarball" "$DIR/"
echo "$DIR/$(basename "$tarball")"
