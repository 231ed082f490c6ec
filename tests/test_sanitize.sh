#!/usr/bin/env bash
# test_sanitize: the CPU detection, API, dispatch, threads and variant tests built with clang under ASan +
# UBSan (build/asan, every sampled variant of every ISA and form), and test_threads under TSan
# (build/tsan); any sanitizer report fails. SANITIZE_CAPS="scalar avx2 avx512" also runs the
# ASan tests under each MHA_CPU cap (make check-hardening does). --no-build: the caller built.
set -u
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
ASAN_BUILD=${ASAN_BUILD:-build/asan}
TSAN_BUILD=${TSAN_BUILD:-build/tsan}
CAPS=${SANITIZE_CAPS:-}

if [[ "${1:-}" != --no-build ]]; then
  command -v clang >/dev/null || { echo "test_sanitize: clang is not installed (scripts/deps.sh installs it)"; exit 1; }
  t0=$SECONDS
  $MAKE -s -f Makefile -f tests/hardening.mk sanitize-build ASAN_BUILD="$ASAN_BUILD" TSAN_BUILD="$TSAN_BUILD" ||
    { echo "test_sanitize: the sanitizer builds failed"; exit 1; }
  echo "test_sanitize: built $ASAN_BUILD and $TSAN_BUILD in $((SECONDS - t0)) s"
fi

# Leaks count; the first UBSan report stops the test; TSan may fork a threaded process
# (test_threads' forked child), which it supports only with die_after_fork=0.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:die_after_fork=0
bad=()
run() { # run LABEL ENV... -- CMD...
  local label=$1 t0=$SECONDS log
  shift
  log=$(mktemp)
  env "$@" >"$log" 2>&1
  local rc=$?
  if ((rc != 0)) || grep -qE '^(==[0-9]+==ERROR|SUMMARY: (Address|Undefined|Thread)Sanitizer)|runtime error:|WARNING: ThreadSanitizer' "$log"; then
    cat "$log"
    echo "test_sanitize: FAIL $label (exit $rc, $((SECONDS - t0)) s)"
    bad+=("$label")
  else
    echo "test_sanitize: ok $label: $(grep -E '^\[  PASSED  \]' "$log" | tail -n 1) ($((SECONDS - t0)) s)"
  fi
  rm -f "$log"
}

for t in test_cpu test_api test_features test_dispatch test_threads test_variants; do
  [[ -x "$ASAN_BUILD/tests/$t" ]] || { echo "test_sanitize: $ASAN_BUILD/tests/$t is not built"; exit 1; }
  run "asan+ubsan $t" -- "$ASAN_BUILD/tests/$t"
  for cap in $CAPS; do
    [[ $t == test_threads ]] && continue
    run "asan+ubsan $t MHA_CPU=$cap" MHA_CPU="$cap" "$ASAN_BUILD/tests/$t"
  done
done
[[ -x "$TSAN_BUILD/tests/test_threads" ]] || { echo "test_sanitize: $TSAN_BUILD/tests/test_threads is not built"; exit 1; }
run "tsan test_threads" -- "$TSAN_BUILD/tests/test_threads"

if ((${#bad[@]})); then
  echo "test_sanitize: ${#bad[@]} failed: ${bad[*]}"
  exit 1
fi
echo "test_sanitize: all passed"
