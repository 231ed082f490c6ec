#!/usr/bin/env bash
# test_report.sh: `make report` (scripts/report.sh) on the fixture results in tests/fixtures/results:
# two fake machines (one with compare.tsv, PAPI counters and an exhaustive sweep to set its quick
# and measure winners against, one timing only with a corrupt exhaustive winners file), a folder
# with unparsable JSON, one without machine.json and one with an empty winners file. Checks the
# tables against figures computed here from the fixture files, the charts, the warnings and the
# "Left out" section, the JSON reader (escapes, nesting, exponents, malformed documents), that a
# re-run changes no byte and leaves no temporary file, and the exit status when nothing is usable
# or gnuplot fails; bf16 Q/O rows (tests/fixtures/results-bf16) against the bf16 peak; and make
# bench's layer rows (tests/fixtures/bench/bench-layer.tsv) where a folder has a bench.tsv.
# Prints PASS or FAIL per check; exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.." || exit 1
fix=tests/fixtures/results
zen=fake-zen4-8c-avx512
sky=fake-skylake-4c-avx2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0 failed=0
check() {
  local name=$1
  shift
  if "$@"; then
    echo "PASS $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    failed=$((failed + 1))
  fi
}
# has FILE LINE: FILE holds exactly that line
has() { grep -qxF -- "$2" "$1"; }
# part MACHINE TEXT: the lines of TEXT under "### `MACHINE`", up to the next heading
part() { awk -v h="### \`$1\`" '$0 == h { on = 1; next } /^##/ { on = 0 } on' <<<"$2"; }
# lacks STRING TEXT: TEXT does not hold STRING
lacks() { ! grep -qF -- "$1" <<<"$2"; }
# section TITLE: the lines of REPORT.md under "## TITLE", up to the next "## "
section() { awk -v h="## $1" '$0 == h { on = 1; next } /^## / { on = 0 } on' "$md"; }
# png_ok FILE: a PNG signature, more than 10 kB, at least 640x400 pixels
png_ok() {
  [[ -f $1 ]] || return 1
  [[ $(head -c 8 "$1" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || return 1
  (($(wc -c <"$1") > 10000)) || return 1
  local w h
  read -r w h < <(od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }')
  ((w >= 640 && h >= 400))
}

cp -r "$fix" "$tmp/results"
sums() { (cd "$fix" && find . -type f -exec cksum {} + | sort); }
sums >"$tmp/fixture-sums"
res=$tmp/results
md=$res/REPORT.md
scripts/report.sh --results "$res" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "exit 0 with some folders left out (got $rc)" test "$rc" = 0
check "REPORT.md and REPORT.html written" test -s "$md" -a -s "$res/REPORT.html"
[[ -s $md ]] || { cat "$tmp/err"; echo "0 passed before the report was missing; $failed failed"; exit 1; }

# Machines: both, with the figures of their machine.json.
check "machines: $zen row" has "$md" "| \`$zen\` | AuthenticAMD Fake Zen 4 (test fixture) | 8 | 32 KiB / 1 MiB / 32 MiB | avx512 | 896.0 (118.4) | — | 64.0 (38.0) | PAPI: cycles, instructions, l1d_misses, l2d_misses, flops | measure |"
check "machines: $sky row (timing only; measure after the corrupt exhaustive file)" has "$md" "| \`$sky\` | GenuineIntel Fake Skylake (test fixture) | 4 | 32 KiB / 256 KiB / 8 MiB | avx2 | 460.8 (115.2) | — | 38.4 (14.0) | timing only | measure |"
check "machines: exactly two" test "$(section Machines | grep -c '^| `fake-')" = 2

# Every workload of either machine, with its shape.
for row in "| bert-base prefill 128 | bert-base | prefill | 1 | 12 / 12 | 128 | 128 | 64 | no | 0.05033 |" \
  "| gpt2 decode 1024 | gpt2 | decode | 1 | 12 / 12 | 1 | 1024 | 64 | yes | 0.003146 |" \
  "| llama3-8b prefill 512 | llama3-8b | prefill | 1 | 32 / 8 | 512 | 512 | 128 | no | 4.295 |" \
  "| llama3-8b causal 2048 | llama3-8b | causal | 1 | 32 / 8 | 2048 | 2048 | 128 | yes | 34.38 |" \
  "| llama3-8b decode 8192 | llama3-8b | decode | 1 | 32 / 8 | 1 | 8192 | 128 | yes | 0.1342 |" \
  "| mistral-7b decode 16384 | mistral-7b | decode | 1 | 32 / 8 | 1 | 16384 | 128 | yes | 0.2684 |"; do
  check "workloads: ${row%% | *} |" has "$md" "$row"
done

# GFLOP/s and % of peak, computed here from the fixture's winners and machine.json.
short() { awk -F/ '{ n = ($2 == "decode" || $6 == "Nq" substr($7, 3)) ? substr($7, 3) : substr($6, 3) "x" substr($7, 3); print $1 " " $2 " " n }' <<<"$1"; }
declare -A share=()
for m in $sky $zen; do
  peak=$(sed -n 's/.*"all": \([0-9.]*\).*/\1/p' "$fix/$m/machine.json" | head -1)
  while IFS=$'\t' read -r wl _ _ _ gf _; do
    [[ $wl == \#* ]] && continue
    s=$(short "$wl")
    pct=$(awk -v g="$gf" -v p="$peak" 'BEGIN { printf "%.1f", 100 * g / p }')
    g1=$(awk -v g="$gf" 'BEGIN { printf "%.1f", g }')
    share[$m,$s]=$pct%
    check "throughput: $m $s = $g1 GFLOP/s, $pct% of $peak" grep -qF -- "| $s | \`$m\` | $g1 | $pct |" "$md"
  done <"$fix/$m/winners-measure.tsv"
done
# the share table: a column per machine, in folder order (skylake, then zen4)
for s in "bert-base prefill 128" "gpt2 decode 1024" "llama3-8b prefill 512" "llama3-8b causal 2048" \
  "llama3-8b decode 8192" "mistral-7b decode 16384"; do
  row="| $s | ${share[$sky,$s]:-—} | ${share[$zen,$s]:-—} |"
  check "share of peak: $row" grep -qxF -- "$row" <(section "Share of each machine's peak")
done
check "share of peak: a workload one machine lacks shows a dash" has "$md" "| mistral-7b decode 16384 | — | 11.4% |"
check "the quick level is ignored where measure exists (no 111.1)" bash -c "! grep -q '111\.1' '$md'"
check "an exhaustive study of fewer workloads does not replace measure (no 999.9)" bash -c "! grep -q '999\.9' '$md'"

# compare.tsv: libraries next to mhatune, their statuses, the speed-up over the best library.
check "compare: $zen bert-base row with 1.25× over oneDNN" has "$md" "| bert-base prefill 128 | \`$zen\` | 313.6 | 35.0 | 310.4 | 250.0 | 248.3 | 155.2 | 1.25× |"
check "compare: failed and unsupported shown as such" has "$md" "| mistral-7b decode 16384 | \`$zen\` | 102.4 | 11.4 | 100.0 | 75.0 | failed | unsupported | — |"
check "compare: why a library has no figure" grep -qxF -- "- mistral-7b decode 16384 on \`$zen\`, oneDNN: failed (primitive creation failed (fixture))" "$md"
check "compare: four rows without a figure, none for $sky" test "$(grep -c "^- .* on \`$zen\`, [A-Za-z]*: \(failed\|unsupported\)" "$md")" = 4 -a "$(grep -c "^- .* on \`$sky\`, " "$md")" = 0
check "compare: $sky (no compare.tsv) shows dashes" has "$md" "| llama3-8b causal 2048 | \`$sky\` | 299.5 | 65.0 | — | — | — | — | — |"

# Decode: GB/s against each machine's read bandwidth, and the K/V cache against its L3.
dec=$(section "Decode against memory bandwidth")
check "decode: $sky llama3-8b at 70.0% of 38.4 GB/s, K/V 8× its L3" grep -qxF -- "| llama3-8b decode 8192 | 64 MiB | \`$sky\` | 26.9 | 70.0% | 38.4 | 8.0× L3 | — | — | — | — |" <<<"$dec"
check "decode: $zen mistral-7b at 80.0% of 64.0 GB/s with library GB/s" grep -qxF -- "| mistral-7b decode 16384 | 128 MiB | \`$zen\` | 51.2 | 80.0% | 64.0 | 4.0× L3 | 50.0 | 37.5 | failed | unsupported |" <<<"$dec"
check "decode: a K/V cache that fits in L3 says so" grep -qF -- "| gpt2 decode 1024 | 6 MiB | \`$zen\` | 32.0 | 50.0% | 64.0 | fits (L3 32 MiB) |" <<<"$dec"
check "decode: five rows, no other phase" test "$(grep -c '^| [a-z0-9-]* decode [0-9]* | ' <<<"$dec")" = 5 -a "$(grep -c '^| [a-z0-9-]* \(prefill\|causal\) ' <<<"$dec")" = 0

# Winners read back into their parameters, and why they won (from the journal).
check "winners: $zen ql variant decoded" grep -qF -- "| llama3-8b prefill 512 | \`attn_f32_avx512_d128_g4_q32_k256_r12x2_ql\` | avx512 (16) | 128 | 4 (whole group) | 32 | 256 | 12 keys × 2 vectors (32 query rows) | ql: query rows in lanes | 150 | first round by K form, GFLOP/s: ql 594.3 > t 400.0 > dot 200.0; 2.0% ahead of \`avx512_d128_g2_q32_k256_r12x2_ql\` in round 2 (2 finalists) |" "$md"
check "winners: $sky packed-K^T variant decoded" grep -qF -- "| bert-base prefill 128 | \`attn_f32_avx2_d64_g1_q32_k64_r4x2\` | avx2 (8) | 64 | 1 (MHA) | 32 | 64 | 4 rows × 2 vectors (16 keys) | t: packed Kᵀ | 60 |" "$md"
check "winners: $zen dot variant, part of a GQA group, 5.0% ahead" grep -qF -- "| llama3-8b causal 2048 | \`attn_f32_avx512_d128_g2_q32_k128_r12x2_ql\` | avx512 (16) | 128 | 2 of 4 | 32 | 128 | 12 keys × 2 vectors (32 query rows) | ql: query rows in lanes | 150 | first round by K form, GFLOP/s: ql 640.0 > t 420.0 > dot 210.0; 5.0% ahead of" "$md"
check "winners: $sky decode dot 2x4 block" grep -qF -- "| llama3-8b decode 8192 | \`attn_f32_avx2_d128_g4_q16_k128_r2x4_dot\` | avx2 (8) | 128 | 4 (whole group) | 16 | 128 | 2 rows × 4 keys | dot: K rows in place | 90 |" "$md"

# Counters where the machine had them (its 5-repetition median, IPC 1.80), timing only where not.
ctr=$(section "Hardware counters")
check "counters: $zen llama3-8b causal from the 5-repetition run" grep -qxF -- "| llama3-8b causal 2048 | \`attn_f32_avx512_d128_g2_q32_k128_r12x2_ql\` | 1.32 G | 2.37 G | 1.97 M | 1.18 M | 34.4 G | 1.80 | 26.1 |" <<<"$ctr"
check "counters: all six $zen winners at IPC 1.80" test "$(grep -c ' | 1\.80 | ' <<<"$ctr")" = 6
check "counters: $sky is timing only" grep -qF -- "- \`$sky\`: timing only (machine.json: PAPI 7.0.0.0: 0 hardware counters" <<<"$ctr"

# The tune's cost, from the journal and the summary line.
check "cost: $zen (gate failures, a timeout, resumed)" has "$md" "| \`$zen\` | measure | 1234 s | 40 / 22 | 7 (crash 1, wrong 1) | round 0 25, round 1 18, round 2 12 | timeout 1 | 6 |"
check "cost: $sky" has "$md" "| \`$sky\` | measure | 2890 s | 50 / 0 | 5 (0) | round 0 20, round 1 15, round 2 10 | none | 5 |"

# The faster levels against the exhaustive sweep ($zen's journal-exhaustive.tsv). Expected figures
# from the fixture: the sweep's winner is its fastest ok round-0 time; a level's gap is its winner's
# time in the sweep over that, minus one.
swp=$(section "How close the faster tune levels come to the exhaustive sweep")
jx=$fix/$zen/journal-exhaustive.tsv
# sweep_t WORKLOAD [KERNEL]: the kernel's time in the sweep (none: the sweep winner's name and time)
sweep_t() {
  awk -F'\t' -v wl="$1" -v k="${2:-}" '$1 == wl && $3 == 0 && $4 == "ok" {
      if (k == "" && (b == "" || $5 + 0 < t + 0)) { b = $2; t = $5 }
      if ($2 == k) t = $5
      n++
    }
    END { print (k == "" ? b "\t" : "") t "\t" n }' "$jx"
}
winner_of() { awk -F'\t' -v wl="$1" '$1 == wl { print $2 }' "$2"; }
us() { awk -v t="$1" 'BEGIN { printf "%.4g µs", t * 1e6 }'; }
gap() { awk -v t="$1" -v b="$2" -v f="${3:-%.1f}" 'BEGIN { printf f, 100 * (t / b - 1) }'; }
declare -A gaps=() exact=()
for wl in bert-base/prefill/B1/Hq12/Hkv12/Nq128/Nk128/d64/c0 gpt2/decode/B1/Hq12/Hkv12/Nq1/Nk1024/d64/c1; do
  IFS=$'\t' read -r best tb n < <(sweep_t "$wl")
  s=$(short "$wl")
  row="| $s | $n | \`${best#attn_f32_}\` | $(us "$tb") |"
  for l in quick measure; do
    k=$(winner_of "$wl" "$fix/$zen/winners-$l.tsv")
    IFS=$'\t' read -r tk _ < <(sweep_t "$wl" "$k")
    gaps[$l,$s]=$(gap "$tk" "$tb")
    exact[$l,$s]=$(gap "$tk" "$tb" %.9f)
    row="$row \`${k#attn_f32_}\` | $(us "$tk") | ${gaps[$l,$s]}% |"
  done
  check "sweep: $s, quick ${gaps[quick,$s]}%, measure ${gaps[measure,$s]}%" grep -qxF -- "$row" <<<"$swp"
done
check "sweep: the fixture's quick bert-base winner is not the sweep's (gap ${gaps[quick,bert-base prefill 128]}%)" \
  test "$(winner_of bert-base/prefill/B1/Hq12/Hkv12/Nq128/Nk128/d64/c0 "$fix/$zen/winners-quick.tsv")" != "$(sweep_t bert-base/prefill/B1/Hq12/Hkv12/Nq128/Nk128/d64/c0 | cut -f1)"
# shellcheck disable=SC2016 # backticks of Markdown code spans, not a command
check "sweep: the same kernel shows 0.0% (gpt2, quick and measure)" grep -qE -- '^\| gpt2 decode 1024 \| .*\| 0\.0% \| `[a-z0-9_]+` \| [0-9.]+ µs \| 0\.0% \|$' <<<"$swp"
# last_session LEVEL: what the report says of that level's summary line
last_session() {
  sed -n 's/^Tune wall time \([0-9.]*\) s; \([0-9]*\) measurements this run, \([0-9]*\) from the journal;.*/the last session of a possibly resumed tune (summary-'"$1"'.md): \1 s wall time, \2 measurements, \3 more taken from the journal./p' "$fix/$zen/summary-$1.md"
}
for l in quick measure; do
  read -r mean worst < <(printf '%s\n' "${exact[$l,bert-base prefill 128]}" "${exact[$l,gpt2 decode 1024]}" |
    awk '{ s += $1; if ($1 > w) w = $1 } END { printf "%.1f %.1f\n", s / NR, w }')
  same=0
  [[ ${gaps[$l,bert-base prefill 128]} == 0.0 ]] && same=$((same + 1))
  [[ ${gaps[$l,gpt2 decode 1024]} == 0.0 ]] && same=$((same + 1))
  line="- **$l**: the sweep's own kernel on $same of 2 workloads; gap mean $mean%, worst $worst%"
  [[ $worst != 0.0 ]] && line="$line (bert-base prefill 128)"
  check "sweep: $l mean $mean%, worst $worst%, and its last session's cost" grep -qxF -- "$line; $(last_session $l)" <<<"$swp"
done
check "sweep: the exhaustive level's last session" grep -qxF -- "- **exhaustive**: $(last_session exhaustive)" <<<"$swp"
check "sweep: only $zen has one (no journal-exhaustive.tsv in $sky)" test "$(grep -c '^### ' <<<"$swp")" = 1 -a "$(grep -c "^### \`$zen\`$" <<<"$swp")" = 1
check "sweep: its files are named as read" grep -qF "compare.tsv, journal-exhaustive.tsv, winners-quick.tsv, summary-exhaustive.md, summary-quick.md | winners-exhaustive.tsv |" "$md"
check "html: the sweep section" grep -qF '<h2 id="how-close-the-faster-tune-levels-come-to-the-exhaustive-sweep">' "$res/REPORT.html"

# Every malformed or partial input: a warning on stderr and a line under "Left out".
left=$(section "Left out")
for what in "fake-broken-json-1c-avx2/machine.json\`: unparsable JSON" \
  "fake-partial-2c-avx512\`: no machine.json" \
  "fake-empty-winners-2c-avx2/winners-quick.tsv\`: empty file" \
  "fake-empty-winners-2c-avx2\`: no usable winners file" \
  "$sky/winners-exhaustive.tsv\`: malformed winners TSV: line 4: gflops is not a number"; do
  name=${what%%\`*}
  check "left out in the report: $name" grep -qF -- "- \`$what" <<<"$left"
  check "left out warned on stderr: $name" grep -qF -- "report: warning: left out $name: " "$tmp/err"
done
check "left out: nothing else" test "$(grep -c '^- ' <<<"$left")" = 5

# Charts: real PNGs, linked from both reports.
for p in gflops pct-peak decode-gbs; do
  check "plot $p.png is a PNG of real size" png_ok "$res/plots/$p.png"
  check "plot $p.png linked from REPORT.md" grep -qF "](plots/$p.png)" "$md"
  check "plot $p.png linked from REPORT.html" grep -qF "<img src=\"plots/$p.png\"" "$res/REPORT.html"
done
check "html: tables open and close alike" test "$(grep -c '<table>' "$res/REPORT.html")" = "$(grep -c '</table>' "$res/REPORT.html")" -a "$(grep -c '<table>' "$res/REPORT.html")" -ge 8
check "html: the Left out anchor exists" grep -qF '<h2 id="left-out">Left out</h2>' "$res/REPORT.html"

# A re-run changes no byte (plots/ is not read as a machine), and leaves no temporary file.
cp -r "$res" "$tmp/first"
scripts/report.sh --results "$res" >/dev/null 2>"$tmp/err2"
check "re-run exits 0" test $? = 0
check "re-run is byte-identical" diff -r "$tmp/first" "$res"
check "re-run does not take plots/ for a machine" bash -c "! grep -q 'plots' '$tmp/err2'"
check "no temporary files left" test -z "$(find "$res" -name '.report.*')"
scripts/report.sh --results "$fix" --out "$tmp/out2" >/dev/null 2>&1
check "--out elsewhere gives the same report" cmp -s "$md" "$tmp/out2/REPORT.md"
check "--out elsewhere leaves the fixtures alone" cmp -s "$tmp/fixture-sums" <(sums)

# A third machine's folder merges in as it is.
mkdir -p "$tmp/three"
cp -r "$fix/$zen" "$fix/$sky" "$tmp/three/"
cp -r "$fix/$sky" "$tmp/three/fake-copy-4c-avx2"
scripts/report.sh --results "$tmp/three" >/dev/null 2>&1
check "a third folder merges in" grep -qF "from the results folders of 3 machines" "$tmp/three/REPORT.md"
check "the copy is named by its folder, its machine_id noted" grep -qF "\`fake-copy-4c-avx2\` (machine_id \`$sky\`)" "$tmp/three/REPORT.md"

# The sweep section's other cases, one folder each: no machine with a sweep (no section at all); a
# quick winner the sweep did not time and no quick summary; a malformed sweep journal (left out,
# no section); exhaustive as the main level (its journal serves both sections).
mkdir -p "$tmp/nosweep" "$tmp/sweeps"
cp -r "$fix/$sky" "$tmp/nosweep/"
scripts/report.sh --results "$tmp/nosweep" >/dev/null 2>&1
check "sweep: none without journal-exhaustive.tsv" bash -c "test -s '$tmp/nosweep/REPORT.md' && ! grep -q 'exhaustive sweep' '$tmp/nosweep/REPORT.md'"
sw=$tmp/sweeps
for v in untimed bad exh; do cp -r "$fix/$zen" "$sw/fake-zen4-$v-8c-avx512"; done
sed -i 's/attn_f32_avx512_d64_g1_q16_k128_r1x8_dot/attn_f32_avx512_d64_g1_q16_k64_r1x8_dot/' "$sw/fake-zen4-untimed-8c-avx512/winners-quick.tsv"
rm "$sw/fake-zen4-untimed-8c-avx512/summary-quick.md"
sed -i '12s/\tok\t/\tok\tslow\t/' "$sw/fake-zen4-bad-8c-avx512/journal-exhaustive.tsv"
for l in measure quick; do sed -i '3,$d' "$sw/fake-zen4-exh-8c-avx512/winners-$l.tsv"; done
scripts/report.sh --results "$sw" >/dev/null 2>"$tmp/err5"
md=$sw/REPORT.md
swp=$(section "How close the faster tune levels come to the exhaustive sweep")
untimed=$(part fake-zen4-untimed-8c-avx512 "$swp")
check "sweep: a winner the sweep did not time" grep -qxF -- "| gpt2 decode 1024 | 4 | \`avx512_d64_g1_q16_k128_r1x8_dot\` | $(us 0.0001968) | \`avx512_d64_g1_q16_k64_r1x8_dot\` | not timed by the sweep | — | \`avx512_d64_g1_q16_k128_r1x8_dot\` | $(us 0.0001968) | 0.0% |" <<<"$untimed"
check "sweep: left out of the mean, and no summary" grep -qxF -- "- **quick**: the sweep's own kernel on 0 of 1 workload; gap mean ${gaps[quick,bert-base prefill 128]}%, worst ${gaps[quick,bert-base prefill 128]}% (bert-base prefill 128); 1 winner not timed by the sweep, left out of the mean; cost unknown (no usable summary-quick.md)." <<<"$untimed"
check "sweep: a malformed journal-exhaustive.tsv is left out" grep -qF -- "- \`fake-zen4-bad-8c-avx512/journal-exhaustive.tsv\`: malformed journal TSV: line 12: 10 columns, expected 9" <(section "Left out")
check "sweep: a malformed journal-exhaustive.tsv is warned of" grep -qF "report: warning: left out fake-zen4-bad-8c-avx512/journal-exhaustive.tsv: " "$tmp/err5"
check "sweep: and gives no table" lacks fake-zen4-bad-8c-avx512 "$swp"
check "sweep: exhaustive as the main level" grep -qF "| \`fake-zen4-exh-8c-avx512\` | AuthenticAMD Fake Zen 4 (test fixture) | 8 | 32 KiB / 1 MiB / 32 MiB | avx512 | 896.0 (118.4) | — | 64.0 (38.0) | timing only | exhaustive |" "$md"
check "sweep: exhaustive as the main level, its journal also in the cost" grep -qxF -- "| \`fake-zen4-exh-8c-avx512\` | exhaustive | 187 s | 9 / 0 | 7 (wrong 1) | round 0 9 | timeout 1 | 2 |" "$md"
check "sweep: exhaustive as the main level, still against quick and measure" grep -qF -- "| bert-base prefill 128 | 4 | \`avx512_d64_g1_q32_k64_r8x2\` | $(us 0.000160496327) | \`avx512_d64_g1_q64_k128_r6x4_ql\` | $(us 0.000167112) | ${gaps[quick,bert-base prefill 128]}% | \`avx512_d64_g1_q32_k64_r8x2\` | $(us 0.000160496327) | 0.0% |" <(part fake-zen4-exh-8c-avx512 "$swp")
check "sweep: exhaustive as the main level, its files read once" grep -qF "| \`fake-zen4-exh-8c-avx512\` | exhaustive | machine.json, winners-exhaustive.tsv, summary-exhaustive.md, journal-exhaustive.tsv, compare.tsv, winners-quick.tsv, winners-measure.tsv, summary-measure.md, summary-quick.md | gbench-measure.json, journal-measure.tsv; absent: gbench-exhaustive.json |" "$md"
check "sweep: only the malformed journal left out" test "$(grep -c '^- ' <(section "Left out"))" = 1
md=$res/REPORT.md

# The JSON reader (scripts/report/json.lua): escapes decoded, nested objects and arrays walked or
# skipped, numbers with exponents read as numbers; a malformed document named and left out, its
# folder skipped only when it is the machine.json.
js=$tmp/json
mkdir -p "$js"
for v in ok badgb badesc deep huge; do cp -r "$fix/$zen" "$js/fake-json$v-8c-avx512"; done
cat >"$js/fake-jsonok-8c-avx512/machine.json" <<'EOF'
{"machine_id": "fake-zen4-8c-avx512", "vendor": "AuthenticAMD",
 "model": "Fake \"Zen\" 4 \u00e9\/x\\y\tz",
 "cores": 8, "l1d_bytes": 32768, "l2_bytes": 1048576, "l3_bytes": 33554432,
 "isa": "avx512",
 "extra": {"a": [1, {"b": [true, false, null, -0.5E-3]}], "c": {}, "d": []},
 "peak_gflops": {"avx2": {"all": 1}, "avx512": {"all": 8.96e2, "one": 1.184E+2}},
 "read_gbs": {"all": 6.4e+1, "one": 380e-1},
 "counters": "PAPI 7.1.0.0: 5 hardware counters", "compiler": "cc \u0028fixture\u0029 12.2.0",
 "cflags": "-O2", "template_hash": "f1f1f1f1f1f1f1f1"}
EOF
printf '{"context": {}, "benchmarks": [{"name": "x", "cycles": 1,}]}\n' >"$js/fake-jsonbadgb-8c-avx512/gbench-measure.json"
sed -i 's/"model": "Fake Zen 4 (test fixture)"/"model": "bad \\q escape"/' "$js/fake-jsonbadesc-8c-avx512/machine.json"
sed -i 's/"l2_bytes": [0-9]*/"l2_bytes": 1e999/' "$js/fake-jsonhuge-8c-avx512/machine.json"
{ printf '{"benchmarks": '; head -c 300 /dev/zero | tr '\0' '['; head -c 300 /dev/zero | tr '\0' ']'; printf '}\n'; } >"$js/fake-jsondeep-8c-avx512/gbench-measure.json"
scripts/report.sh --results "$js" >/dev/null 2>"$tmp/err6"
check "json: exit 0 with four files left out" test $? = 0
md=$js/REPORT.md
check "json: escapes decoded, exponents read, nested objects walked" has "$md" "| \`fake-jsonok-8c-avx512\` | AuthenticAMD Fake \"Zen\" 4 é/x\\y z | 8 | 32 KiB / 1 MiB / 32 MiB | avx512 | 896.0 (118.4) | — | 64.0 (38.0) | PAPI: cycles, instructions, l1d_misses, l2d_misses, flops | measure |"
check "json: \\u escapes of ASCII" grep -qF -- "- \`fake-jsonok-8c-avx512\` (machine_id \`$zen\`): compiler cc (fixture) 12.2.0, flags \`-O2\`" "$md"
left=$(section "Left out")
check "json: a trailing comma names the file, the line and the place" grep -qxF -- "- \`fake-jsonbadgb-8c-avx512/gbench-measure.json\`: unparsable JSON: line 1: expected a key in benchmarks.0, found }" <<<"$left"
check "json: an unknown escape in machine.json leaves the folder out" grep -qxF -- "- \`fake-jsonbadesc-8c-avx512/machine.json\`: unparsable JSON: line 4: an unknown escape \\q in a string; folder skipped" <<<"$left"
check "json: nesting too deep is left out, not a crash" grep -qxF -- "- \`fake-jsondeep-8c-avx512/gbench-measure.json\`: unparsable JSON: line 1: nested deeper than 200 levels" <<<"$left"
check "json: a number no double holds leaves the folder out" grep -qE -- "^- \`fake-jsonhuge-8c-avx512/machine.json\`: unparsable JSON: line [0-9]+: a number out of range 1e999 at l2_bytes; folder skipped$" <<<"$left"
check "json: a bad gbench file costs only its counters" grep -qF -- "- \`fake-jsonbadgb-8c-avx512\`: timing only" "$md"
check "json: four left out, each warned of" test "$(grep -c '^- ' <<<"$left")" = 4 -a "$(grep -c '^report: warning: left out fake-json' "$tmp/err6")" = 4
check "json: no Lua error escapes" bash -c "! grep -q 'traceback\|\.lua:[0-9]' '$tmp/err' '$tmp/err2' '$tmp/err5' '$tmp/err6'"
md=$res/REPORT.md

# Workload keys with suffixes (harness/journal.c): a K/V type, a window, a softcap, a padded
# batch's lengths. A copy of $zen whose mistral decode is renamed to an f16 cache with a window
# (winners and gbench JSON: its counters follow the key), plus a softcap and a padded-batch
# winner; their short names carry the options, their GFLOP count the pairs the window and the
# lengths leave (4 x 32 heads x 4096 keys x 128; 8137 keys of the padded batch), their K/V the
# keys read. Then one folder per malformed key, each left out as such.
kd=$tmp/keys
kf=$kd/fake-zen4-keys-8c-avx512
mkdir -p "$kd"
cp -r "$fix/$zen" "$kf"
plain=mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk16384/d128/c1
sed -i "s|$plain/|$plain/kv-f16/w4096/|g" "$kf/gbench-measure.json"
sed -i "s|^$plain\t|$plain/kv-f16/w4096\t|" "$kf/winners-measure.tsv"
printf '%s\t%s\t%s\n' \
  gemma2-9b/causal/B1/Hq16/Hkv8/Nq1024/Nk1024/d256/c1/sc50 attn_f32_avx512_d256_g1_q64_k128_r6x4_ql "0.0172	0.01	500.00	55.80	1.95	36" \
  llama3-8b/decode/B4/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-f16/lens-4096-3000-1024-17 attn_f32_avx512_d128_g4_q16_k64_r2x16_dot_kvf16 \
  "0.000666	0.01	200.20	22.34	50.05	10" >>"$kf/winners-measure.tsv"
bad_keys=(bert-base/prefill/B1/Hq12/Hkv12/Nq128/Nk128/d64/c0/w64 gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/w0
  gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/w4/kv-f16 gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/w4/w4
  gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/kv-f32 gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/sc0
  gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/sc1e999 gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/scx
  gpt2/decode/B2/Hq1/Hkv1/Nq1/Nk8/d64/c1/lens-8 gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/lens-9
  gpt2/decode/B1/Hq1/Hkv1/Nq1/Nk8/d64/c1/lens-)
for i in "${!bad_keys[@]}"; do
  cp -r "$fix/$zen" "$kd/fake-zen4-key$i-8c-avx512"
  sed -i "2s|^[^\t]*|${bad_keys[$i]}|" "$kd/fake-zen4-key$i-8c-avx512/winners-measure.tsv"
done
scripts/report.sh --results "$kd" >/dev/null 2>"$tmp/err7"
check "keys: exit 0 with the malformed keys left out" test $? = 0
md=$kd/REPORT.md
kcpu="\`fake-zen4-keys-8c-avx512\`"
for row in "| mistral-7b decode 16384 f16 window 4096 | mistral-7b | decode | 1 | 32 / 8 | 1 | 16384 | 128 | yes | 0.06711 |" \
  "| gemma2-9b causal 1024 softcap 50 | gemma2-9b | causal | 1 | 16 / 8 | 1024 | 1024 | 256 | yes | 8.598 |" \
  "| llama3-8b decode 4096 B4 f16 lens 4096,3000,1024,17 | llama3-8b | decode | 4 | 32 / 8 | 1 | 4096 | 128 | yes | 0.1333 |"; do
  check "keys: workload ${row%% | *} |" has "$md" "$row"
done
dec=$(section "Decode against memory bandwidth")
check "keys: a window's K/V is the keys it reads (4096 of 16384, f16)" grep -qF -- "| mistral-7b decode 16384 f16 window 4096 | 16 MiB | $kcpu | 51.2 | 80.0% | 64.0 | fits (L3 32 MiB) |" <<<"$dec"
check "keys: a padded batch's K/V is its lengths' (8137 keys, f16)" grep -qF -- "| llama3-8b decode 4096 B4 f16 lens 4096,3000,1024,17 | 31.79 MiB | $kcpu | 50.0 | 78.2% | 64.0 | fits (L3 32 MiB) |" <<<"$dec"
check "keys: counters found under a suffixed key" grep -qF -- "| mistral-7b decode 16384 f16 window 4096 | \`attn_f32_avx512_d128_g4_q16_k128_r1x8_dot\` | 62.9 M | 113 M | 3.15 M | 1.89 M | 268 M | 1.80 | 1.1 |" <(section "Hardware counters")
left=$(section "Left out")
for i in "${!bad_keys[@]}"; do
  check "keys: ${bad_keys[$i]#*/*/} is not a workload key" grep -qxF -- "- \`fake-zen4-key$i-8c-avx512/winners-measure.tsv\`: malformed winners TSV: line 2: not a workload key: \"${bad_keys[$i]}\"" <<<"$left"
done
check "keys: nothing else left out" test "$(grep -c '^- ' <<<"$left")" = "${#bad_keys[@]}"
check "keys: no Lua error escapes" bash -c "! grep -q 'traceback\|\.lua:[0-9]' '$tmp/err7'"
md=$res/REPORT.md

# A round no tune reaches (the report lists every round up to the last: 2^64 never ended; found
# by the report fuzzer, seed 4710): the journal is left out, and the report ends.
rd=$tmp/round
mkdir -p "$rd" && cp -r "$fix/$sky" "$rd/"
sed -i '15s/^\([^\t]*\t[^\t]*\t\)[^\t]*/\118446744073709551616/' "$rd/$sky/journal-measure.tsv"
timeout 60 scripts/report.sh --results "$rd" >/dev/null 2>&1
check "round: a round past 64 ends the report" test $? = 0
check "round: and leaves the journal out" grep -qF -- "- \`$sky/journal-measure.tsv\`: malformed journal TSV: line 15: round is not a number of a figure's size (under 1e15): \"18446744073709551616\"" "$rd/REPORT.md"
# A negative time (the report fuzzer, seed 5353: -1e308 gave a margin of -inf%): left out.
ng=$tmp/negative
mkdir -p "$ng" && cp -r "$fix/$sky" "$ng/"
sed -i '15s/^\(\([^\t]*\t\)\{4\}\)[^\t]*/\1-1e308/' "$ng/$sky/journal-measure.tsv"
scripts/report.sh --results "$ng" >/dev/null 2>&1
check "negative: a negative median leaves the journal out" grep -qF -- "- \`$sky/journal-measure.tsv\`: malformed journal TSV: line 15: median_s is not a number of a figure's size (under 1e15): \"-1e308\"" "$ng/REPORT.md"
# The same, small enough to be a figure's size: negative all the same.
sed -i '15s/^\(\([^\t]*\t\)\{4\}\)[^\t]*/\1-2.5/' "$ng/$sky/journal-measure.tsv"
scripts/report.sh --results "$ng" >/dev/null 2>&1
check "negative: -2.5 as a median leaves the journal out" grep -qF -- "- \`$sky/journal-measure.tsv\`: malformed journal TSV: line 15: median_s is negative: \"-2.5\"" "$ng/REPORT.md"
check "negative: no infinite figure" bash -c "! grep -q 'inf%' '$ng/REPORT.md'"

# bf16 and f16 Q/O (tests/fixtures/results-bf16): a workload key's /qo-TYPE, the bf16 dot-product
# peak beside the FMA peak (a machine with it, one whose tune wrote null: no AVX512_BF16), a bf16
# row as % of the bf16 peak where there is one, of the fp32 peak where not, and the gate's typed
# journal keys ("-/qo-bf16", "-/qo-f16") read, not left out.
bf=$tmp/bf16
cp -r tests/fixtures/results-bf16 "$bf"
scripts/report.sh --results "$bf" >/dev/null 2>"$tmp/errbf"
check "bf16: exit 0" test $? = 0
bmd=$bf/REPORT.md
check "bf16: the zen5 row has its bf16 peak, and says it has no AMX (machine.json's amx: false)" grep -qF -- "| avx512 | 550.0 (280.0) | 1100.0; no AMX (its form unmeasured) | 50.0 (43.0) |" "$bmd"
check "bf16: the xeon row says no AVX512_BF16, and AMX (amx: true)" grep -qF -- "| avx512 | 600.0 (150.0) | no AVX512_BF16; AMX | 50.0 (43.0) |" "$bmd"
check "bf16: a machine.json before the bf16 peak shows a dash" has "$md" "| \`$zen\` | AuthenticAMD Fake Zen 4 (test fixture) | 8 | 32 KiB / 1 MiB / 32 MiB | avx512 | 896.0 (118.4) | — | 64.0 (38.0) | PAPI: cycles, instructions, l1d_misses, l2d_misses, flops | measure |"
check "bf16: the workload's short name and shape" has "$bmd" "| llama3-8b prefill 1024 bf16 qo bf16 | llama3-8b | prefill | 1 | 32 / 8 | 1024 | 1024 | 128 | no | 17.18 |"
check "bf16: 660 GFLOP/s is 60.0% of the bf16 peak 1100" grep -qF -- "| llama3-8b prefill 1024 bf16 qo bf16 | \`fake-zen5-2c-avx512\` | 660.0 | 60.0 |" "$bmd"
check "bf16: the fp32 row of the same machine is of its FMA peak (440 of 550)" grep -qF -- "| llama3-8b prefill 1024 | \`fake-zen5-2c-avx512\` | 440.0 | 80.0 |" "$bmd"
check "bf16: without AVX512_BF16, 300 is 50.0% of the fp32 peak 600" grep -qF -- "| llama3-8b prefill 1024 bf16 qo bf16 | \`fake-xeon-4c-avx512\` | 300.0 | 50.0 |" "$bmd"
check "bf16: the share table likewise" has "$bmd" "| llama3-8b prefill 1024 bf16 qo bf16 | 50.0% | 60.0% |"
check "bf16: bf16 Q/O with an f16 cache" has "$bmd" "| llama3-8b decode 4096 f16 qo bf16 | llama3-8b | decode | 1 | 32 / 8 | 1 | 4096 | 128 | yes | 0.06711 |"
check "bf16: the typed gates' journal read, nothing left out" grep -qF "Nothing was left out." "$bmd"
check "bf16: the bf16 kernel's name read back" grep -qF -- "| \`attn_bf16_avx512_d128_g1_q32_k128_r12x2_ql\` | avx512 (16) | 128 | 1 of 4 | 32 | 128 |" "$bmd"
# A Q/O type a workload key cannot have: the winners file is left out.
bq=$tmp/badqo
cp -r tests/fixtures/results-bf16 "$bq"
sed -i 's|/qo-bf16|/qo-q8_0|' "$bq/fake-xeon-4c-avx512/winners-measure.tsv"
scripts/report.sh --results "$bq" >/dev/null 2>&1
check "bf16: /qo-q8_0 is not a workload key" grep -qF -- "not a workload key: \"llama3-8b/prefill/B1/Hq32/Hkv8/Nq1024/Nk1024/d128/c0/kv-bf16/qo-q8_0\"" "$bq/REPORT.md"

# Nothing usable: exit non-zero, write nothing.
mkdir -p "$tmp/bad"
cp -r "$fix/fake-broken-json-1c-avx2" "$fix/fake-partial-2c-avx512" "$tmp/bad/"
scripts/report.sh --results "$tmp/bad" >/dev/null 2>"$tmp/err3"
check "no usable folder: non-zero exit" test $? != 0
check "no usable folder: says so" grep -qF "no usable results folder" "$tmp/err3"
check "no usable folder: no report written" test ! -e "$tmp/bad/REPORT.md"

# gnuplot failing: non-zero exit, and the report already there is left as it was.
mkdir -p "$tmp/bin"
cat >"$tmp/bin/gnuplot" <<'EOF'
#!/bin/sh
# a gnuplot that lists a PNG terminal, then fails on any script
[ "$1" = -e ] && { echo "         pngcairo  png terminal based on cairo"; exit 0; }
echo "gnuplot: broken on purpose" >&2
exit 1
EOF
chmod +x "$tmp/bin/gnuplot"
PATH="$tmp/bin:$PATH" scripts/report.sh --results "$res" >/dev/null 2>"$tmp/err4"
check "gnuplot failing: non-zero exit" test $? != 0
check "gnuplot failing: its message shown" grep -qF "broken on purpose" "$tmp/err4"
check "gnuplot failing: previous report untouched" diff -r "$tmp/first" "$res"
check "gnuplot failing: no temporary files left" test -z "$(find "$res" -name '.report.*')"

# ---- make bench's layer rows (tests/fixtures/bench/bench-layer.tsv beside a machine's files):
# the GEMM's GFLOP/s and share of the peak its row names, a layer's times, a step against its
# bound; a folder without bench.tsv has no such section; a malformed bench.tsv is left out ----
lr=$tmp/layer
mkdir -p "$lr"
cp -r "$fix/$zen" "$fix/$sky" "$lr/"
cp tests/fixtures/bench/bench-layer.tsv "$lr/$zen/bench.tsv"
check "layer: the fixture folders have no bench.tsv, and their report no layer section" \
  bash -c "! ls $fix/*/bench.tsv >/dev/null 2>&1 && ! grep -q '^## The layer' '$res/REPORT.md'"
scripts/report.sh --results "$lr" >/dev/null 2>"$tmp/errl"
lmd=$lr/REPORT.md
sec=$(awk '$0 == "## The layer: projections, forward and decoding" { on = 1; next } /^## / { on = 0 } on' "$lmd")
# 2 M N K / median, and its share of the peak its target names (314.9 GFLOP/s): figures from the fixture.
g=$(awk -F'\t' '$1 == "gemm/M1024/N4096/K4096/t2" && $2 == "onednn" { printf "%.1f", 2 * 1024 * 4096 * 4096 / $4 * 1e-9 }' "$lr/$zen/bench.tsv")
p=$(awk -v g="$g" 'BEGIN { printf "%.1f", 100 * g / 314.9 }')
check "layer: oneDNN's GEMM row, its GFLOP/s ($g) and share of the peak ($p%)" grep -qxF -- "| \`$zen\` | projection GEMM | M 1024, N 4096, K 4096 | 2 | oneDNN | $g GFLOP/s | $p% of 315 GFLOP/s |  |" <<<"$sec"
check "layer: ours, with its targets" grep -qF -- "| \`$zen\` | projection GEMM | M 1024, N 4096, K 4096 | 2 | mhatune | 274.9 GFLOP/s | 87.3% of 315 GFLOP/s | peak\\>=85: 87.3% of 314.9 GFLOP/s, met; sgemm\\>=0.95: 1.02x, met |" <<<"$sec"
check "layer: the forward's times, torch unsupported" bash -c 'grep -qF "| llama2-7b, 1024 tokens, causal | 2 | composite | 1.155 s | — |" <<<"$1" && grep -qF "| 2 | torch | unsupported | — |" <<<"$1"' _ "$sec"
check "layer: the step against its bound" grep -qF -- "| decode step | llama2-7b, 1 token, cache 4096 | 2 | mhatune | 6.5 ms, 10.4 GB/s | 104.0% of its bound |" <<<"$sec"
check "layer: only the machine with bench.tsv, gemm rows first" test "$(grep -c '^| ' <<<"$sec")" = 7 -a "$(grep '^| `' <<<"$sec" | head -1 | cut -d'|' -f3)" = " projection GEMM "
check "layer: bench.tsv named as read" grep -qF "compare.tsv, bench.tsv," "$lmd"
printf '# case\timpl\tstatus\tmedian_s\tcv\tgflops\tgbs_kv\ttargets\tdetail\ngemm/M1/N1/K1/t1\tmhatune\tfast\t1\t0\t1\t0\t-\tx\n' >"$lr/$zen/bench.tsv"
scripts/report.sh --results "$lr" >/dev/null 2>"$tmp/errl2"
check "layer: a malformed bench.tsv is left out, the rest rendered" bash -c "grep -qF 'left out $zen/bench.tsv: malformed bench TSV: line 2: status is not ok, unsupported, failed or -: \"fast\"' '$tmp/errl2' && ! grep -q '^## The layer' '$lmd' && grep -q '^## Winning variants' '$lmd'"

# The results committed with the project render whole: a tune's winners with the paired final's
# columns, its GEMM journal keys and a bench's memory rows are read, nothing left out.
scripts/report.sh --results results --out "$tmp/real" >"$tmp/real.out" 2>&1
check "the committed results: nothing left out" grep -q "(0 left out)" "$tmp/real.out"

echo "$passed passed, $failed failed"
((failed == 0))
