#!/bin/sh
# Install the Debian packages mhatune needs, when they are missing.
# As root: apt-get installs them. Otherwise: print the exact command and fail.
set -eu
pkgs="build-essential pkg-config liblua5.4-dev libhwloc-dev libpapi-dev libbenchmark-dev
libcmocka-dev gnuplot-nox libdnnl-dev libopenblas-dev cmake valgrind"
missing=""
for p in $pkgs; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
echo "deps: missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing
else
  echo "deps: run as root: sudo apt-get install -y$missing" >&2
  exit 1
fi
