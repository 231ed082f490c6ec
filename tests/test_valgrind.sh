#!/bin/sh
# test_valgrind: test_api (every error path, the shape grid, split-KV) and test_threads
# under memcheck: no invalid access, no uninitialised use, no leak. MHA_CPU=avx2 because
# valgrind 3.19 cannot run AVX-512. scripts/deps.sh installs valgrind; missing is a failure.
set -eu
MAKE=${MAKE:-make}
BUILD=${BUILD:-build}
command -v valgrind >/dev/null || { echo "test_valgrind: valgrind not installed (scripts/deps.sh installs it)"; exit 1; }
for t in test_api test_threads; do
  [ -x "$BUILD/tests/$t" ] || $MAKE -s "$BUILD/tests/$t"
  MHA_CPU=avx2 valgrind -q --error-exitcode=99 --leak-check=full --child-silent-after-fork=yes \
    --errors-for-leak-kinds=definite,indirect,possible "$BUILD/tests/$t"
done
