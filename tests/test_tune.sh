#!/usr/bin/env bash
# test_tune.sh: a small end-to-end tune. Injected crashing, hanging and wrong candidates are
# recorded as failures and never win; the table it writes is what a library built from it
# picks; a tune killed with -9 resumes and measures nothing twice; results from other
# templates move aside instead of being resumed.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s "$BUILD/mha-tune" >/dev/null || { echo "FAIL build mha-tune"; exit 1; }
T="$BUILD/mha-tune"
pass=0 fail=0
ok() { echo "ok   $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/w.txt" <<'W'
# model phase B Hq Hkv Nq Nk d causal
tiny  causal  1  4  2  96  160  64  1
W
# Three real candidates for that shape become a crash, a hang and a wrong answer.
mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "avx512" && $4 == 64 && $5 <= 2 && $10 == "ql" { print $1 }' build/gen/manifest.tsv | head -3)
[ "$(grep -c avx512 /proc/cpuinfo)" -gt 0 ] || mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "scalar" && $4 == 64 { print $1 }' build/gen/manifest.tsv | head -3)
[ ${#C[@]} -eq 3 ] || { echo "FAIL no candidates in the manifest"; exit 1; }
export MHA_TUNE_INJECT="crash=${C[0]},hang=${C[1]},wrong=${C[2]}" MHA_TUNE_TIMEOUT=5
run() { "$T" --level quick --workloads "$tmp/w.txt" --results "$tmp/r" --tuned "$tmp/t" "$@"; }
mkdir -p "$tmp/t"
if run >"$tmp/out" 2>"$tmp/err"; then ok "the tune finishes despite a crash, a hang and a wrong answer"
else bad "the tune failed: $(tail -3 "$tmp/err")"; fi
J=$(ls "$tmp"/r/*/journal-quick.tsv 2>/dev/null | head -1)
grep -q "${C[0]}.*crash.*signal" "$J" && ok "the crash is journaled as a crash" || bad "no crash record for ${C[0]}"
grep -q "${C[1]}.*timeout" "$J" && ok "the hang is journaled as a timeout" || bad "no timeout record for ${C[1]}"
grep -q "${C[2]}.*wrong.*max abs error" "$J" && ok "the wrong answer fails the gate" || bad "no gate failure for ${C[2]}"
W=$(awk -F'\t' 'NR > 1 { print $2 }' "$tmp"/r/*/winners-quick.tsv)
case " ${C[*]} " in *" $W "*) bad "a failed candidate won: $W" ;; *) [ -n "$W" ] && ok "winner $W is none of them" || bad "no winner" ;; esac
for f in machine.json summary-quick.md gbench-quick.json; do
  [ -s "$(ls "$tmp"/r/*/$f | head -1)" ] && ok "results hold $f" || bad "results lack $f"
done
id=$(sed -n 's/.*"machine_id": "\([^"]*\)".*/\1/p' "$tmp"/r/*/machine.json)
cores=$(sed -n 's/.*"cores": \([0-9]*\).*/\1/p' "$tmp"/r/*/machine.json)
if [[ "$id" =~ ^[a-z0-9-]+-f[0-9-]+m[0-9-]+-${cores}c-(scalar|avx2|avx512)$ ]] && [ "$(basename "$(dirname "$J")")" = "$id" ] &&
  [ "$cores" -ge 1 ]; then ok "hwloc's machine makes the id $id and names the results folder"
else bad "machine id '$id' (cores $cores)"; fi
grep -q '"benchmarks": \[' "$tmp"/r/*/gbench-quick.json && ok "Google Benchmark JSON has its benchmarks" || bad "gbench JSON"

# The library built from the tuned folder picks the winner for that shape.
cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <string.h>
#include "mha.h"
int main(int argc, char **argv) {
  mha_attention_desc d = {1, 4, 2, 96, 160, 64, 0, 1, MHA_LAYOUT_BHSD, 1};
  const char *k = mha_kernel_name(&d);
  printf("%s\n", k ? k : "(null)");
  return argc > 1 && k && strcmp(k, argv[1]) == 0 ? 0 : 1;
}
C
if cc -std=c11 -O1 -D_GNU_SOURCE -Ituned -I"$tmp/t" -o "$tmp/use" "$tmp/use.c" tuned/mha.c tuned/mha_cpu.c \
  tuned/mha_dispatch.c tuned/mha_run.c "$tmp/t/mha_table.c" "$tmp"/t/kernels/*.c -lpthread -lm 2>"$tmp/cerr"; then
  got=$("$tmp/use" "$W") && ok "a library built from the tuned table picks $got" || bad "library picks $got, tune chose $W"
else bad "the tuned table does not build: $(head -3 "$tmp/cerr")"; fi

# Resume: a second run measures nothing again.
run >"$tmp/out2" 2>"$tmp/err2"
grep -q "0 measurements this run" "$tmp/out2" && ok "a finished tune re-run measures nothing twice" || bad "re-run measured again: $(grep measurements "$tmp/out2")"

# Kill -9 halfway, resume, and no (workload, kernel, round) twice in the journal.
rm -rf "$tmp/r2"
unset MHA_TUNE_INJECT
"$T" --level quick --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  n=$(cat "$tmp"/r2/*/journal-quick.tsv 2>/dev/null | wc -l)
  [ "$n" -gt 12 ] && break
  sleep 0.1
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
before=$(grep -vc '^#' "$tmp"/r2/*/journal-quick.tsv)
mkdir -p "$tmp/t2"
"$T" --level quick --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" >"$tmp/out3" 2>"$tmp/err3"
dups=$(grep -v '^#' "$tmp"/r2/*/journal-quick.tsv | cut -f1-3 | sort | uniq -d | wc -l)
if grep -q "resuming: $before measurements" "$tmp/err3" && [ "$dups" -eq 0 ] && [ -s "$tmp/t2/mha_table.c" ]; then
  ok "killed after $before measurements, resumed with none repeated"
else bad "resume: before=$before dups=$dups $(grep resuming "$tmp/err3")"; fi

# Results from other templates are neither resumed from nor mixed in: they move aside, kept.
sed -i 's/"template_hash": "[0-9a-f]*"/"template_hash": "0123abcd"/' "$tmp"/r2/*/machine.json
"$T" --level quick --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" >"$tmp/out4" 2>"$tmp/err4"
old=$(ls -d "$tmp"/r2/*/superseded-0123abcd 2>/dev/null)
if grep -q "measured with templates 0123abcd" "$tmp/err4" && [ -s "$old/journal-quick.tsv" ] && [ -s "$old/winners-quick.tsv" ] &&
  ! grep -q "resuming" "$tmp/err4" && ! grep -q " 0 measurements this run" "$tmp/out4"; then
  ok "results of other templates moved to $(basename "$old"); the tune starts afresh"
else bad "superseded results: $(grep -h templates "$tmp/err4")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
