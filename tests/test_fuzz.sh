#!/usr/bin/env bash
# test_fuzz: bounded fuzz runs. fuzz_api (libFuzzer, ASan+UBSan: the public API over any
# descriptor and small tensors) for FUZZ_API_SECONDS, fuzz_journal (the tuner's journal and
# workloads readers) for FUZZ_SECONDS, and the report's parsers by mutating tests/fixtures
# (tests/fuzz/fuzz_report.sh) for FUZZ_SECONDS. Seeds: the committed corpora in tests/fuzz/;
# what a run finds stays in $ASAN_BUILD/fuzz/corpus-*; a crash leaves its input there too.
# FUZZ_SECONDS=N sets every run's time (make check-hardening). --no-build: the caller built.
set -u
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
ASAN_BUILD=${ASAN_BUILD:-build/asan}
FUZZ_SECONDS_SET=${FUZZ_SECONDS:+1}
FUZZ_SECONDS=${FUZZ_SECONDS:-20}
API_SECONDS=${FUZZ_API_SECONDS:-$([[ -n $FUZZ_SECONDS_SET ]] && echo "$FUZZ_SECONDS" || echo 60)}
F=$ASAN_BUILD/fuzz

if [[ "${1:-}" != --no-build ]]; then
  command -v clang >/dev/null || { echo "test_fuzz: clang is not installed (scripts/deps.sh installs it)"; exit 1; }
  $MAKE -s -f Makefile -f tests/hardening.mk sanitize-build ASAN_BUILD="$ASAN_BUILD" ||
    { echo "test_fuzz: the fuzz build failed"; exit 1; }
fi

export ASAN_OPTIONS=detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
bad=()

# fuzz NAME SECONDS SEEDS...: runs one libFuzzer target; prints its run line.
fuzz() {
  local name=$1 secs=$2 log corpus=$F/corpus-${1#fuzz_} t0=$SECONDS
  shift 2
  [[ -x "$F/$name" ]] || { echo "test_fuzz: $F/$name is not built"; bad+=("$name"); return; }
  mkdir -p "$corpus" "$F/artifacts"
  log=$(mktemp)
  # New inputs go to the first folder (the scratch corpus), never to the committed seeds.
  "$F/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=4096 \
    -print_final_stats=1 -artifact_prefix="$F/artifacts/$name-" "$corpus" "$@" >"$log" 2>&1
  local rc=$?
  local runs cov corp
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1)
  corp=$(grep -oE 'corp: [0-9]+/[0-9]+[bKM]b?' "$log" | tail -n 1)
  if ((rc != 0)); then
    tail -n 60 "$log"
    echo "test_fuzz: FAIL $name (exit $rc after $((SECONDS - t0)) s); the input is in $F/artifacts/"
    bad+=("$name")
  else
    echo "test_fuzz: ok $name: ${runs:-?} runs in $((SECONDS - t0)) s, ${cov:-cov ?}, ${corp:-corp ?} ($corpus)"
  fi
  rm -f "$log"
}

fuzz fuzz_api "$API_SECONDS" tests/fuzz/corpus_api
jseeds=$F/seeds-journal
rm -rf "$jseeds" && mkdir -p "$jseeds"
cp tests/fuzz/corpus_journal/* harness/workloads.txt "$jseeds"/ 2>/dev/null
for f in tests/fixtures/results/*/journal-*.tsv; do cp "$f" "$jseeds/${f//\//_}"; done
fuzz fuzz_journal "$FUZZ_SECONDS" "$jseeds"

t0=$SECONDS
if out=$(bash tests/fuzz/fuzz_report.sh --seconds "$FUZZ_SECONDS" --work "$F/report" 2>&1); then
  echo "test_fuzz: ok fuzz_report: $(tail -n 1 <<<"$out") ($((SECONDS - t0)) s)"
else
  echo "$out" | tail -n 40
  echo "test_fuzz: FAIL fuzz_report ($((SECONDS - t0)) s)"
  bad+=(fuzz_report)
fi

if ((${#bad[@]})); then
  echo "test_fuzz: ${#bad[@]} failed: ${bad[*]}"
  exit 1
fi
echo "test_fuzz: all passed"
