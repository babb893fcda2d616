#!/usr/bin/env bash
# Builds the mpdts QEMU guest from Debian packages only: a kernel taken out of a downloaded
# linux-image package (never installed on this host) and a busybox initramfs carrying the modules,
# the DPDK runtime with only the PMDs the guest needs, python3 + dpdk-devbind.py + lspci, the
# control agent (vm/guest/) and the project's target binaries given as arguments.
#
#   vm/build-guest.sh [--cache-dir DIR] [--pmds "net_virtio ..."] [--kernel-flavour cloud-amd64] TARGET...
#
# The image goes to DIR/<key>/ (default DIR: /var/cache/mpdts/guest) as vmlinuz + initramfs.cpio.gz
# (+ manifest.txt), where <key> hashes every input: this script, vm/guest/*, the kernel package and
# version, the versions of the Debian packages copied, the identity of every host file copied and the
# content of the targets. An image whose key exists is reused as it is. Prints what it did; the last
# line of its output is "image <dir>". Safe to run concurrently (a lock) and again (idempotent).
set -euo pipefail
export LC_ALL=C
trap 'echo "build-guest: error: line $LINENO failed: $BASH_COMMAND" >&2' ERR

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
guest_dir=$script_dir/guest
cache_dir=/var/cache/mpdts/guest
pmds="net_virtio net_e1000 net_ring mempool_ring bus_pci bus_vdev"
flavour=cloud-amd64
targets=()

say() { echo "build-guest: $*"; }
die() { echo "build-guest: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --cache-dir) cache_dir=$2; shift 2 ;;
    --pmds) pmds=$2; shift 2 ;;
    --kernel-flavour) flavour=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) targets+=("$(realpath "$1")"); shift ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "must run as root (depmod on the extracted tree, apt-get download)"
for t in "${targets[@]}"; do [ -x "$t" ] || die "target $t is not an executable file"; done
for tool in apt-get apt-cache dpkg-deb depmod modprobe cpio gzip ldd sha256sum; do
  command -v "$tool" >/dev/null || die "$tool not found (run scripts/setup.sh)"
done

busybox=/bin/busybox
python=/usr/bin/python3.11
plugin_dir=/usr/lib/x86_64-linux-gnu/dpdk/pmds-23.0
modules_wanted="virtio_pci virtio_console virtio_net uio_pci_generic"
"$busybox" sh -c true 2>/dev/null || die "$busybox missing: install busybox-static"
[ -x "$python" ] || die "$python missing: install python3.11-minimal"
[ -d "$plugin_dir" ] || die "$plugin_dir missing: install dpdk"
[ -f /usr/bin/dpdk-devbind.py ] || die "/usr/bin/dpdk-devbind.py missing: install dpdk"

mkdir -p "$cache_dir/debs"
exec 9>"$cache_dir/.lock"
flock 9

# --- the kernel package: the candidate that linux-image-<flavour> depends on -----------------------
# apt-cache takes seconds here, so its answer is kept with a stamp of apt's package lists.
lists_stamp=$(stat -c '%n %Y %s' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum | cut -c1-16)
candidate_file=$cache_dir/kernel-candidate-$flavour
kernel_line=
if [ -f "$candidate_file" ]; then
  read -r stamp kernel_line < "$candidate_file" || true
  [ "$stamp" = "$lists_stamp" ] || kernel_line=
fi
kernel_pkg_line() {
  apt-cache show --no-all-versions "linux-image-$flavour" 2>/dev/null |
    sed -n 's/^Depends: .*\(linux-image-[0-9][^ ,]*-'"$flavour"'\) (= \([^)]*\)).*/\1 \2/p' | head -1
}
if [ -z "$kernel_line" ]; then
  kernel_line=$(kernel_pkg_line)
  if [ -z "$kernel_line" ]; then
    say "apt knows no linux-image-$flavour: running apt-get update"
    apt-get update -q >/dev/null
    lists_stamp=$(stat -c '%n %Y %s' /var/lib/apt/lists/*_Packages* 2>/dev/null | sha256sum | cut -c1-16)
    kernel_line=$(kernel_pkg_line)
  fi
  [ -n "$kernel_line" ] || die "cannot find the package linux-image-$flavour depends on (apt-cache show)"
  echo "$lists_stamp $kernel_line" > "$candidate_file"
fi
read -r kernel_pkg kernel_version <<<"$kernel_line"
abi=${kernel_pkg#linux-image-}

# --- what goes into the initramfs from this host --------------------------------------------------
pmd_files=()
for p in $pmds; do
  f=$plugin_dir/librte_$p.so
  [ -e "$f" ] || die "no PMD $p in $plugin_dir"
  pmd_files+=("$f")
done
# Python: only the modules dpdk-devbind.py loads (its imports, its --help, a subprocess call), instead
# of the whole standard library. The guest test runs its --status and --bind paths.
python_files=$("$python" - <<'PY'
import runpy, sys, os, subprocess
sys.argv = ["dpdk-devbind.py", "--help"]
out = sys.stdout
sys.stdout = open(os.devnull, "w")
try:
    runpy.run_path("/usr/bin/dpdk-devbind.py", run_name="__main__")
except SystemExit:
    pass
sys.stdout = out
subprocess.check_output(["true"])
lib = "/usr/lib/python3.11/"
files = {m.__file__ for m in list(sys.modules.values()) if getattr(m, "__file__", None)}
for name in ("__init__", "aliases", "utf_8", "ascii", "latin_1"):
    files.add(lib + "encodings/" + name + ".py")
files.add(lib + "os.py")  # the landmark that makes /usr/lib/python3.11 the prefix
print("\n".join(sorted(f for f in files if f.startswith(lib))))
PY
)
[ -n "$python_files" ] || die "cannot list the python modules dpdk-devbind.py needs"
binaries=("$busybox" "$python" /usr/bin/lspci "${targets[@]}" "${pmd_files[@]}" $(echo "$python_files" | grep '\.so$' || true))
# Shared libraries: each binary's ldd closure (as ldd resolves it on this host), plus libgcc_s, which
# glibc dlopens for pthread_cancel (EAL's cleanup) and ldd does not show.
libs=$(for b in "${binaries[@]}"; do
         ldd "$(realpath "$b")" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'
       done; echo /lib/x86_64-linux-gnu/libgcc_s.so.1)
libs=$(echo "$libs" | sort -u)
host_files=$(printf '%s\n' "$busybox" "$python" /usr/bin/lspci "${pmd_files[@]}" $libs $python_files /usr/bin/dpdk-devbind.py \
               /usr/share/misc/pci.ids | sort -u)

# --- the key ------------------------------------------------------------------------------------
packages="busybox-static dpdk librte-eal23 librte-ethdev23 librte-net-virtio23 python3.11-minimal
          libpython3.11-minimal libpython3.11-stdlib pciutils libpci3 pci.ids libc6 libstdc++6 libgcc-s1"
key=$( {
  echo "inputs v1"
  sha256sum "$0" "$guest_dir"/*
  echo "kernel $kernel_pkg $kernel_version"
  echo "pmds $pmds"
  echo "modules $modules_wanted"
  dpkg-query -W -f='${Package} ${Version}\n' $packages 2>&1
  for f in $host_files; do stat -L -c '%n %s %Y' "$f"; done
  for t in "${targets[@]}"; do sha256sum "$t"; done
} | sha256sum | cut -c1-16)
out=$cache_dir/$key
if [ -f "$out/initramfs.cpio.gz" ] && [ -f "$out/vmlinuz" ]; then
  say "up to date: key $key ($kernel_pkg $kernel_version, ${#targets[@]} target(s)), nothing rebuilt"
  touch "$out"
  echo "image $out"
  exit 0
fi

# --- build ----------------------------------------------------------------------------------------
start_ns=$(date +%s%N)
tmp=$(mktemp -d "$cache_dir/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
say "building key $key: $kernel_pkg $kernel_version, PMDs: $pmds, targets: ${targets[*]:-none}"

# The kernel kit: vmlinuz and the wanted modules with their dependencies (load order in modules.list),
# extracted once per kernel package version (unpacking the whole package takes seconds).
kit=$cache_dir/kernels/${kernel_pkg}_${kernel_version//:/%3a}
if [ "$(cat "$kit/ready" 2>/dev/null)" != "$modules_wanted" ]; then
  deb=$cache_dir/debs/${kernel_pkg}_${kernel_version//:/%3a}_amd64.deb
  if [ ! -f "$deb" ]; then
    say "downloading $kernel_pkg=$kernel_version (apt-get download; it is not installed on this host)"
    mkdir -p "$tmp/dl"
    chmod 755 "$tmp"; chmod 777 "$tmp/dl"   # apt's sandbox user (_apt) writes the download there
    (cd "$tmp/dl" && apt-get download -q "$kernel_pkg=$kernel_version" >/dev/null 2>&1) ||
      die "apt-get download $kernel_pkg=$kernel_version failed"
    rm -f "$cache_dir"/debs/linux-image-*.deb   # one kernel package kept
    mv "$tmp/dl"/*.deb "$deb"
  fi
  say "extracting the kernel and modules ($modules_wanted) from $(basename "$deb")"
  dpkg-deb -x "$deb" "$tmp/kernel"
  [ -f "$tmp/kernel/boot/vmlinuz-$abi" ] || die "$deb has no boot/vmlinuz-$abi"
  depmod -b "$tmp/kernel" "$abi"
  modules_dir=$tmp/kernel/lib/modules/$abi
  mkdir -p "$tmp/kit/modules"
  cp "$tmp/kernel/boot/vmlinuz-$abi" "$tmp/kit/vmlinuz"
  for f in modules.order modules.builtin modules.builtin.modinfo; do
    [ -f "$modules_dir/$f" ] && cp "$modules_dir/$f" "$tmp/kit/modules/"
  done
  : > "$tmp/kit/modules.list"
  for m in $modules_wanted; do
    modprobe -d "$tmp/kernel" -S "$abi" --show-depends "$m" | sed -n 's/^insmod \([^ ]*\).*/\1/p'
  done | awk '!seen[$0]++' | while read -r ko; do
    rel=${ko#"$modules_dir"/}
    mkdir -p "$tmp/kit/modules/$(dirname "$rel")"
    case "$ko" in
      *.ko) cp "$ko" "$tmp/kit/modules/$rel" ;;
      *.ko.xz) rel=${rel%.xz}; xz -dc "$ko" > "$tmp/kit/modules/$rel" ;;
      *.ko.zst) rel=${rel%.zst}; zstd -qdc "$ko" > "$tmp/kit/modules/$rel" ;;
      *) die "unexpected module file $ko" ;;
    esac
    echo "$rel" >> "$tmp/kit/modules.list"
  done
  echo "$modules_wanted" > "$tmp/kit/ready"
  rm -rf "$cache_dir/kernels"; mkdir -p "$cache_dir/kernels"   # one kit kept
  mv "$tmp/kit" "$kit"
  rm -rf "$tmp/kernel"
fi

root=$tmp/root
mkdir -p "$root"/{usr/bin,usr/sbin,usr/lib,usr/lib64,proc,sys,dev,run,tmp,etc/mpdts,var,root}
ln -s usr/bin "$root/bin"
ln -s usr/sbin "$root/sbin"
ln -s usr/lib "$root/lib"
ln -s usr/lib64 "$root/lib64"   # the ELF interpreter is /lib64/ld-linux-x86-64.so.2
ln -s ../run "$root/var/run"     # DPDK keeps its runtime files in /var/run/dpdk
chmod 1777 "$root/tmp"

# Host paths go into the root at the same place, symlinks kept as symlinks along with what they point
# to: the PMD plugin directory's .so -> .so.23 -> .so.23.0 layout, and the libraries in
# /usr/lib/x86_64-linux-gnu that point into it, must stay one file each (EAL loads every .so in the
# plugin directory; a second copy of a bus driver would register twice). Directories are resolved
# (/lib -> usr/lib), so every path is canonical; one cpio pass copies them all.
# A PMD that a target links but that was not asked for (dpdk-testpmd links i40e, mlx5, bond, ...)
# goes in as a plain file in the library directory, where the target finds it (after its RUNPATH,
# the plugin directory), not into the plugin directory: EAL would load it in every process of the
# guest, and fail on what it needs that is not there.
declare -A canonical_dir=() wanted=() plain=() asked_pmd=()
real_plugin_dir=$(realpath "$plugin_dir")
lib_dir=${real_plugin_dir%/dpdk/*}
for f in "${pmd_files[@]}"; do asked_pmd[$(realpath "$f")]=1; done
collect() {
  local dir=${1%/*} base=${1##*/} path target real
  [ -n "${canonical_dir[$dir]+x}" ] || canonical_dir[$dir]=$(realpath "$dir")
  path=${canonical_dir[$dir]}/$base
  [ -z "${wanted[$path]+x}" ] && [ -z "${plain[$path]+x}" ] || return 0
  [ -e "$path" ] || [ -L "$path" ] || die "missing host file $path"
  real=$(realpath "$path")
  if [ "${real%/*}" = "$real_plugin_dir" ] && [ -z "${asked_pmd[$real]+x}" ]; then
    plain[$lib_dir/$base]=$real
    return 0
  fi
  wanted[$path]=1
  if [ -L "$path" ]; then
    target=$(readlink "$path")
    case "$target" in /*) collect "$target" ;; *) collect "${canonical_dir[$dir]}/$target" ;; esac
  fi
}
for f in $host_files; do collect "$f"; done
for f in "${pmd_files[@]}"; do
  for g in "$f".*; do collect "$g"; done   # .so.23 and .so.23.0 next to the .so
done
printf '%s\n' "${!wanted[@]}" | sort | cpio -pdm --quiet "$root"
for path in "${!plain[@]}"; do mkdir -p "$root${path%/*}"; cp "${plain[$path]}" "$root$path"; done
ln -sf python3.11 "$root/usr/bin/python3"
mkdir -p "$root/usr/lib/python3.11/lib-dynload"   # the exec-prefix landmark
# Busybox applets for everything not provided by a real program (lspci must stay pciutils').
for applet in $("$busybox" --list); do
  [ -e "$root/usr/bin/$applet" ] || [ -e "$root/usr/sbin/$applet" ] || ln -s busybox "$root/usr/bin/$applet"
done
# Python byte code, compiled now (not at every dpdk-devbind.py run under emulation).
"$python" -m compileall -q -j0 --invalidation-mode unchecked-hash \
  -s "$root" "$root/usr/lib/python3.11" >/dev/null || die "compileall failed"

# Modules, with a modules.dep of their own (lspci -k asks libkmod for it).
mkdir -p "$root/usr/lib/modules/$abi"
cp -r "$kit/modules/." "$root/usr/lib/modules/$abi/"
sed "s|^|$abi/|" "$kit/modules.list" > "$root/etc/mpdts/modules"
depmod -b "$root" "$abi"

install -m 0755 "$guest_dir/init" "$root/init"
for s in mpdts-agent mpdts-spawn mpdts-wait; do install -m 0755 "$guest_dir/$s" "$root/usr/sbin/$s"; done
# The targets without their debug information (half their size; the key has their full content).
for t in "${targets[@]}"; do
  dest=$root/usr/bin/$(basename "$t")
  if command -v objcopy >/dev/null; then objcopy --strip-debug "$t" "$dest"; else cp "$t" "$dest"; fi
  chmod 0755 "$dest"
done

mkdir -p "$tmp/out"
cp "$kit/vmlinuz" "$tmp/out/vmlinuz"
(cd "$root" && find . -mindepth 1 | sort | cpio -o -H newc --quiet -R 0:0) | gzip -6 > "$tmp/out/initramfs.cpio.gz"
{
  echo "key $key"
  echo "kernel $kernel_pkg $kernel_version"
  echo "modules (load order):"; sed 's/^/  /' "$root/etc/mpdts/modules"
  echo "pmds $pmds"
  echo "targets:"; for t in "${targets[@]}"; do echo "  $t -> /usr/bin/$(basename "$t")"; done
  echo "packages:"; dpkg-query -W -f='  ${Package} ${Version}\n' $packages 2>&1
  echo "size: initramfs $(stat -c %s "$tmp/out/initramfs.cpio.gz") bytes (uncompressed $(du -sb "$root" | cut -f1)), vmlinuz $(stat -c %s "$tmp/out/vmlinuz") bytes"
} > "$tmp/out/manifest.txt"
rm -rf "$out"
mv "$tmp/out" "$out"

# Keep the four most recently used images; older ones go.
ls -1dt "$cache_dir"/*/ 2>/dev/null | grep -v -E '/(debs|kernels)/$' | tail -n +5 | while read -r old; do
  say "removing old image $old"
  rm -rf "$old"
done
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
elapsed=$(printf '%d.%03d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000)))
say "built $out in ${elapsed}s: $(tail -1 "$out/manifest.txt")"
echo "image $out"
