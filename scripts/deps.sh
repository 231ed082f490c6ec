#!/bin/sh
# deps.sh: make sure what mhatune builds with is present, and install what is missing.
# Each need is checked the way the build will use it (a command, pkg-config, or a header the
# compiler finds), so a system that has it from anywhere passes. What is missing:
#   - on Debian or a derivative, as root: apt-get installs the Debian packages that provide it;
#   - on Debian, not root: prints the exact apt-get command and fails;
#   - elsewhere: names what is missing and fails (there is no package name to guess).
# Usage: scripts/deps.sh [--check] [--torch]   (--check: report only, install nothing)
# --torch: the peers group instead, for `make compare` and `make bench` only (never `make test`):
# torch.nn.MultiheadAttention from Debian's python3-torch (large), imported by TORCH_PYTHON
# (Debian's /usr/bin/python3 by default). Without it those run on, saying torch is left out.
set -eu
CC=${CC:-cc}
CXX=${CXX:-c++}
TORCH_PYTHON=${TORCH_PYTHON:-/usr/bin/python3}
check_only=0 torch=0
for a in "$@"; do
  case $a in
    --check) check_only=1 ;;
    --torch) torch=1 ;;
    *) echo "usage: scripts/deps.sh [--check] [--torch]" >&2; exit 2 ;;
  esac
done

have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_pc() { have_cmd pkg-config && pkg-config --exists "$1" 2>/dev/null; }
have_header() { printf '#include <%s>\n' "$1" | $CC -E -x c - >/dev/null 2>&1; }
have_cxx_header() { printf '#include <%s>\n' "$1" | $CXX -E -x c++ - >/dev/null 2>&1; }
# libFuzzer's runtime: clang knows where its own lives.
have_fuzzer() { have_cmd clang && [ -f "$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ]; }

# need  what-it-is  Debian-package  check...
missing_what="" missing_pkgs=""
need() {
  what=$1 pkg=$2
  shift 2
  if ! "$@"; then
    missing_what="$missing_what $what"
    case " $missing_pkgs " in *" $pkg "*) ;; *) missing_pkgs="$missing_pkgs $pkg" ;; esac
  fi
}
have_torch() { "$TORCH_PYTHON" -c 'import torch' >/dev/null 2>&1; }
if [ "$torch" = 1 ]; then
  need "torch for $TORCH_PYTHON"   python3-torch      have_torch
else
need "a C compiler ($CC)"        build-essential    have_cmd "$CC"
need "a C++ compiler ($CXX)"     build-essential    have_cmd "$CXX"
need make                        build-essential    have_cmd make
need pkg-config                  pkg-config         have_cmd pkg-config
need "Lua 5.4 headers"           liblua5.4-dev      have_pc lua5.4
need hwloc                       libhwloc-dev       have_pc hwloc
need "PAPI (papi.h)"             libpapi-dev        have_header papi.h
need "Google Benchmark"          libbenchmark-dev   have_cxx_header benchmark/benchmark.h
need cmocka                      libcmocka-dev      have_pc cmocka
need gnuplot                     gnuplot-nox        have_cmd gnuplot
need "Lua 5.4 (the report)"      lua5.4             have_cmd lua5.4
need "oneDNN (dnnl.h)"           libdnnl-dev        have_header oneapi/dnnl/dnnl.h
need OpenBLAS                    libopenblas-dev    have_pc openblas
need cmake                       cmake              have_cmd cmake
need valgrind                    valgrind           have_cmd valgrind
need clang                       clang              have_cmd clang
need "libFuzzer and sanitizers"  libclang-rt-dev    have_fuzzer
fi

[ -z "$missing_what" ] && exit 0
echo "deps: missing:$missing_what" >&2
[ "$check_only" = 1 ] && exit 1
if ! [ -f /etc/debian_version ] || ! have_cmd apt-get; then
  echo "deps: this is not a Debian-like system: install those with your package manager, then run make again." >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "deps: run as root: sudo apt-get install -y --no-install-recommends$missing_pkgs" >&2
  exit 1
fi
echo "deps: installing Debian packages:$missing_pkgs"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086 # one word per package
apt-get install -y -qq --no-install-recommends $missing_pkgs
