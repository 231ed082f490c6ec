#!/bin/sh
# test_dist: `make dist`, then build the tarball on its own (plain make, then cmake),
# build the examples against it and run them; every machine's table is in it (or said to be
# left out). Runs from the repository root.
set -eu
MAKE=${MAKE:-make}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

out=$($MAKE -s dist 2>&1) || { echo "make dist failed" >&2; exit 1; }
tarball=$(printf '%s\n' "$out" | sed -n 's/^dist: \([^ ]*\).*/\1/p' | tail -n 1)
[ -f "$tarball" ] || { echo "make dist named no tarball: $out" >&2; exit 1; }
tar -C "$tmp" -xzf "$tarball"
dir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'mhatune-*')
[ -n "$dir" ] || { echo "no mhatune-* folder in $tarball" >&2; exit 1; }
for f in include/mha.h src/mha_tables.c Makefile CMakeLists.txt mha.pc.in README examples/llama_gqa.c examples/engine_decode.c examples/gpt2_block.c; do
  [ -f "$dir/$f" ] || { echo "missing $f in $tarball" >&2; exit 1; }
done
# Every machine's table in tuned/tables/ is shipped (as src/mha_table_<machine-id>.c, listed
# in src/mha_tables.c), or make dist said why it was left out (stale templates, tuned/README).
n=0
for t in tuned/tables/*/mha_table.c; do
  [ -f "$t" ] || continue
  id=$(basename "$(dirname "$t")")
  sym=$(sed -n 's/^const mha__table \(mha__table_[A-Za-z0-9_]*\) = {$/\1/p' "$t")
  if [ -f "$dir/src/mha_table_$id.c" ]; then
    grep -q "&$sym," "$dir/src/mha_tables.c" || { echo "src/mha_tables.c does not list $id ($sym)" >&2; exit 1; }
    n=$((n + 1))
  elif ! printf '%s\n' "$out" | grep -q "$t .*left out"; then
    echo "$id's table is neither in $tarball nor said to be left out: $out" >&2; exit 1
  fi
done
listed=$(grep -c '^  &mha__table_' "$dir/src/mha_tables.c")
[ "$n" -eq 0 ] || [ "$listed" -eq "$n" ] || { echo "src/mha_tables.c lists $listed tables, $n shipped" >&2; exit 1; }
ls "$dir"/src/mha_table_*.c >/dev/null 2>&1 || { echo "no table in $tarball" >&2; exit 1; }
# Nothing in the tarball needs the generator or the harness's libraries.
if grep -rlE '#include *[<"](lua|lauxlib|hwloc|papi|benchmark|cmocka)' "$dir"; then
  echo "the tarball includes a dependency header" >&2; exit 1
fi

# Plain make: static and shared libraries, pkg-config file, install, the examples.
( cd "$dir" && $MAKE -s -j2 CFLAGS="-O2 -Wall -Wextra -Werror" all example )
# Each shipped table is in the library built from the tarball.
for t in "$dir"/src/mha_table_*.c; do
  sym=$(sed -n 's/^const mha__table \(mha__table_[A-Za-z0-9_]*\) = {$/\1/p' "$t")
  nm "$dir/build/libmha.a" | grep -q " [RDrd] $sym\$" || { echo "$sym ($t) is not in libmha.a" >&2; exit 1; }
done
"$dir/build/llama_gqa"
# The layer needs GEMM kernels, which a table has once it was made with the GEMM family.
if grep -q 'mha__gk_' "$dir"/src/mha_table_*.c; then
  "$dir/build/gpt2_block"
else
  echo "test_dist: the tables carry no GEMM kernels (made before the GEMM family): gpt2_block not run" >&2
fi
# The dist Makefile's `example` builds llama_gqa only: engine_decode against build/libmha.a.
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -I"$dir/include" -o "$tmp/engine_decode" \
  "$dir/examples/engine_decode.c" "$dir/build/libmha.a" -lpthread -lm
"$tmp/engine_decode"
$MAKE -s -C "$dir" install PREFIX="$tmp/prefix" >/dev/null
[ -f "$tmp/prefix/include/mha.h" ] && [ -f "$tmp/prefix/lib/libmha.so" ] && [ -f "$tmp/prefix/lib/pkgconfig/mha.pc" ]
# A program built against the installed shared library, through pkg-config.
if command -v pkg-config >/dev/null; then
  PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig" pkg-config --cflags --libs mha >"$tmp/flags"
  ${CC:-cc} -std=c11 -O2 -o "$tmp/llama_shared" "$dir/examples/llama_gqa.c" $(cat "$tmp/flags") -lm
  LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/llama_shared" >/dev/null
  ${CC:-cc} -std=c11 -O2 -o "$tmp/engine_shared" "$dir/examples/engine_decode.c" $(cat "$tmp/flags") -lm
  LD_LIBRARY_PATH="$tmp/prefix/lib" "$tmp/engine_shared" >/dev/null
fi
# Only the public API is exported from the shared library.
if command -v nm >/dev/null; then
  extra=$(nm -D --defined-only "$dir/build/libmha.so" | awk '{print $3}' | grep -v '^mha_[a-z]' | grep -v '^_' || true)
  [ -z "$extra" ] || { echo "libmha.so exports internals: $extra" >&2; exit 1; }
fi

# CMake, when it is installed. What it checks is the CMakeLists (the object library, static and
# shared, the examples, install); the optimised build's answers are the plain make's above. So
# no build type, no -O: the tarball's kernels compile about 2.5x faster than at Release's -O3,
# and this second build of all of them was half of this test's time.
if command -v cmake >/dev/null; then
  cmake -S "$dir" -B "$tmp/cmake" >/dev/null
  cmake --build "$tmp/cmake" -j 2 >/dev/null
  [ -f "$tmp/cmake/libmha.a" ] && [ -f "$tmp/cmake/libmha.so" ]
  "$tmp/cmake/llama_gqa" >/dev/null
  ! grep -q 'mha__gk_' "$dir"/src/mha_table_*.c || "$tmp/cmake/gpt2_block" >/dev/null
  cmake --install "$tmp/cmake" --prefix "$tmp/cprefix" >/dev/null
  [ -f "$tmp/cprefix/include/mha.h" ]
fi
echo "test_dist: ok ($(basename "$tarball"))"
