#!/bin/sh
# ggml-fetch.sh: ggml's prebuilt CPU libraries (what llama.cpp runs), the peer `make compare` and
# `make bench` measure beside ours: `npm pack` of @node-llama-cpp/linux-x64 at a pinned version
# (a tarball; no install, no install scripts), of which libggml-base.so and the per-CPU
# libggml-cpu-*.so backends are kept in DIR, with PACKAGE naming what they came from.
# Idempotent: a DIR that holds this version is left as it is. Without npm, the network or an
# x86-64 Linux, it says so in one line and exits 0: the comparison goes on without ggml.
# Usage: scripts/ggml-fetch.sh DIR
set -u
PKG=@node-llama-cpp/linux-x64
VER=3.22.1
dir=${1:?usage: ggml-fetch.sh DIR}
want="$PKG $VER"

if [ -f "$dir/PACKAGE" ] && [ "$(cat "$dir/PACKAGE")" = "$want" ] && [ -f "$dir/libggml-base.so" ]; then
  echo "ggml-fetch: $want already in $dir"
  exit 0
fi
skip() {
  echo "ggml-fetch: $1; compare and bench go on without ggml"
  exit 0
}
[ "$(uname -s)-$(uname -m)" = Linux-x86_64 ] || skip "$PKG is for x86-64 Linux, not $(uname -s)-$(uname -m)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
tmp=$(mktemp -d) || skip "no temporary folder"
trap 'rm -rf "$tmp"' EXIT
# npm checks the tarball against the registry's integrity hash.
(cd "$tmp" && timeout 300 npm pack --silent "$PKG@$VER" >npm.out 2>npm.err) ||
  skip "npm pack $PKG@$VER failed: $(tail -1 "$tmp/npm.err")"
tar -xzf "$tmp"/*.tgz -C "$tmp" || skip "cannot unpack $(cat "$tmp/npm.out")"
bins="$tmp/package/bins/linux-x64"
[ -f "$bins/libggml-base.so" ] && ls "$bins"/libggml-cpu-*.so >/dev/null 2>&1 ||
  skip "$PKG@$VER has no libggml-base.so and libggml-cpu-*.so in bins/linux-x64"
# A half-written DIR must not pass for a whole one: fill a sibling, then rename it into place.
mkdir -p "$(dirname "$dir")" && rm -rf "$dir.new" && mkdir "$dir.new" &&
  cp "$bins"/libggml-base.so "$bins"/libggml-cpu-*.so "$tmp/package/LICENSE" "$dir.new/" &&
  echo "$want" >"$dir.new/PACKAGE" && rm -rf "$dir" && mv "$dir.new" "$dir" ||
  skip "cannot write $dir"
echo "ggml-fetch: $want: $(ls "$dir" | grep -c '^libggml-cpu-') CPU backends and libggml-base.so in $dir"
