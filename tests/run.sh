#!/usr/bin/env bash
# run.sh: runs each test named in tests/TESTS as its own process with a timeout (libuv style),
# prints its output and a PASS/FAIL line, then `N passed, N failed` counting cmocka test cases
# (a script, or a binary that prints no cmocka summary, counts as one). Exits non-zero on any
# failure or timeout. Usage: tests/run.sh [test_name...] (default: every test in tests/TESTS).
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
DEFAULT_TIMEOUT=${TEST_TIMEOUT:-300}
export BUILD

passed=0 failed=0 bad_tests=()
start=$(date +%s.%N)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

while read -r name limit _; do
  [[ -z "${name:-}" || "$name" == \#* ]] && continue
  if (($# > 0)); then
    want=0
    for a in "$@"; do [[ "$a" == "$name" ]] && want=1; done
    ((want)) || continue
  fi
  [[ "${limit:-}" =~ ^[0-9]+$ ]] || limit=$DEFAULT_TIMEOUT
  case "$name" in
    *.sh) cmd=(bash "tests/$name") ;;
    *) cmd=("$BUILD/tests/$name") ;;
  esac
  echo "=== $name (timeout ${limit}s)"
  t0=$(date +%s.%N)
  if [[ "$name" != *.sh && ! -x "$BUILD/tests/$name" ]]; then
    echo "$BUILD/tests/$name is not built (make $BUILD/tests/$name)" >"$tmp"
    rc=127
  else
    timeout -k 10 "$limit" "${cmd[@]}" </dev/null >"$tmp" 2>&1
    rc=$?
  fi
  t1=$(date +%s.%N)
  cat "$tmp"
  # cmocka's summaries: "[  PASSED  ] N test(s)." and "[  FAILED  ] N test(s), listed below:"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test(s)\..*/\1/p' "$tmp" | awk '{s += $1} END {print s + 0}')
  f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test(s).*/\1/p' "$tmp" | awk '{s += $1} END {print s + 0}')
  cm=$(grep -c '^\[==========\] .* test(s) run\.' "$tmp")
  if ((cm == 0)); then # not cmocka, or it died before its summary
    if ((rc == 0)); then p=1 f=0; else p=0 f=1; fi
  elif ((rc != 0 && f == 0)); then
    f=1 # a crash, a timeout, or a failed group setup after some summaries
  fi
  passed=$((passed + p)) failed=$((failed + f))
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if ((rc == 0 && f == 0)); then
    echo "PASS $name (${secs}s)"
  else
    why="exit $rc"
    ((rc == 124 || rc == 137)) && why="timed out after ${limit}s"
    echo "FAIL $name ($why, ${secs}s)"
    bad_tests+=("$name")
  fi
done <tests/TESTS

total=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
echo "total wall time ${total}s"
((${#bad_tests[@]})) && echo "failing: ${bad_tests[*]}"
echo "$passed passed, $failed failed"
((${#bad_tests[@]} == 0 && failed == 0))
