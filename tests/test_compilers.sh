#!/usr/bin/env bash
# test_compilers: the runtime, a sample of the generated variants (mhagen --sample: every
# ISA x form x head-dim class x KV type, and every default) and the API, dispatch and variant
# tests, built by another compiler or with other flags, each in its own build folder, then
# run. A -ffast-math build must stay right: the Makefile drops the flags that break IEEE
# arithmetic from the user's CFLAGS, and tuned/mha_kernel.h stops any build that has fast math
# on anyway.
# Usage: tests/test_compilers.sh [CC:CFLAGS ...]
#   default: $COMPILER_MATRIX, else "clang:-O3,-ffast-math" (what CI runs, beside the gcc -O2
#   build of everything and test_sanitize's clang -O1 one; `make check-all` runs all four of
#   gcc and clang x -O2 and -O3 -ffast-math)
set -u
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
if (($# == 0)); then
  read -r -a combos <<<"${COMPILER_MATRIX:-clang:-O3,-ffast-math}"
  set -- "${combos[@]}"
fi
tests=(test_api test_dispatch test_variants)
pass=0 fail=0
mkdir -p "$BUILD/cc"
# A build that bypasses our flags with fast math on is stopped, with the reason.
if printf '#include "mha_kernel.h"\n' | ${CC:-cc} -std=c11 -O2 -ffast-math -Ituned -x c -c - -o /dev/null 2>"$BUILD/fastmath.err"; then
  echo "FAIL tuned/mha_kernel.h compiles with -ffast-math"
  fail=$((fail + 1))
elif grep -q 'without -ffast-math' "$BUILD/fastmath.err"; then
  echo "PASS -ffast-math without -fno-fast-math after it stops at #error"
  pass=$((pass + 1))
else
  echo "FAIL -ffast-math: $(head -2 "$BUILD/fastmath.err")"
  fail=$((fail + 1))
fi
for combo in "$@"; do
  cc=${combo%%:*} flags=${combo#*:}
  flags=${flags//,/ } # "clang:-O3,-ffast-math" in a space-separated list
  slug=$(printf '%s%s' "$cc" "$flags" | tr -c 'A-Za-z0-9' '_')
  b=$BUILD/cc/$slug
  echo "=== $cc $flags ($b)"
  if ! command -v "$cc" >/dev/null; then
    echo "FAIL $cc: not installed (scripts/deps.sh installs clang)"
    fail=$((fail + 1))
    continue
  fi
  if ! $MAKE -s BUILD="$b" CC="$cc" CFLAGS="$flags" GEN_FLAGS=--sample "${tests[@]/#/$b/tests/}" >"$b.log" 2>&1; then
    tail -20 "$b.log"
    echo "FAIL $cc $flags: build"
    fail=$((fail + 1))
    continue
  fi
  echo "$(wc -l <"$b/gen/manifest.tsv") variants (sample) built"
  # A fast-math build that compiled must not have fast math on in the library.
  if [[ "$flags" == *fast-math* ]] && grep -q -- '-ffast-math' <($MAKE -n -B BUILD="$b" CC="$cc" CFLAGS="$flags" "$b/obj/tuned/mha.o" 2>/dev/null); then
    echo "FAIL $cc $flags: -ffast-math is on the library's compile line"
    fail=$((fail + 1))
  fi
  if BUILD="$b" tests/run.sh "${tests[@]}" >"$b.run" 2>&1; then
    echo "PASS $cc $flags: $(tail -1 "$b.run")"
    pass=$((pass + 1))
  else
    grep -E '^(FAIL|\[  FAILED|\[  ERROR)' "$b.run" | head -20
    echo "FAIL $cc $flags: $(tail -1 "$b.run")"
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
((fail == 0))
