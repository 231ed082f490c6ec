#!/usr/bin/env bash
# test_tune.sh: a small end-to-end tune. The workloads file's options are read (qo=, window=,
# softcap=, lens=) and a bad line is refused with its file:line and why; injected crashing,
# hanging and wrong candidates are recorded as failures and never win; a workload with a
# window, a softcap and a padded batch is gated, timed and counted with them and gets a
# winner; the table it writes is what a library built from it picks; a tune killed with -9
# resumes and measures nothing twice; results from other templates move aside instead of
# being resumed. Each winner has raced the untuned default in the paired final. A workload
# with bf16 Q and O gates its candidates with bf16 Q/O (journal key "-/qo-bf16") and gets a
# winner under its /qo-bf16 key. GEMM: a tiny model's projections are deduplicated, gated (an injected wrong answer fails and never wins), timed, journaled under
# their own keys and written as the table's GEMM entries, which a library built from the table
# picks; ONLY=gemm (and --only attention) tunes one part and keeps the other's entries.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s BUILD="$BUILD" "$BUILD/mha-tune" "$BUILD/mha-signature" >/dev/null || { echo "FAIL build mha-tune"; exit 1; }
T="$BUILD/mha-tune"
. "$(dirname "$0")/lib.sh"

# The workloads file: good lines with every option are read (all of them, before --models
# finds none of them); each bad line is refused with its file:line and why, before any timing.
cat >"$tmp/good.txt" <<'W'
a  decode  1  4  2  1  64  64  1  f16  window=8 softcap=2.5   # a comment
b  causal  2  4  2  9  64  64  1  lens=64,0 softcap=30 window=5
c  decode 16  4  2  1  64  64  1  q8_0 lens=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,64
d  decode  1  4  2  1  64  64  1  f16  qo=bf16 window=8
e  prefill 1  4  2  9  64  64  0  qo=f16
W
# A tiny model's projections: QKV 32 x 40 and output 40 x 16 at M 1, 5 and 33; a line of
# another model with the same shapes adds no workload.
cat >"$tmp/g.txt" <<'W'
# model E Hq Hkv d tokens
tg   40  2  1  8  1,5,33
tg2  40  2  1  8  33
W
G=(--gemm-workloads "$tmp/g.txt")
"$T" --workloads "$tmp/good.txt" "${G[@]}" --models none >/dev/null 2>"$tmp/gerr"
grep -qx "mha-tune: $tmp/good.txt: no workload for models none" "$tmp/gerr" && ok "options: good lines are read" ||
  bad "options: good lines: $(cat "$tmp/gerr")"
while IFS='|' read -r line why; do
  printf '# model phase B Hq Hkv Nq Nk d causal [kv] [options]\n%s\n' "$line" >"$tmp/bad.txt"
  if "$T" --workloads "$tmp/bad.txt" "${G[@]}" --results "$tmp/nothing" >/dev/null 2>"$tmp/berr"; then bad "options: '$line' is read"
  elif grep -qF "$tmp/bad.txt:2: $why: expected 'model phase B Hq Hkv Nq Nk d causal [kv] [qo=T] [window=N] [softcap=X] [lens=a,b,...]'" "$tmp/berr"; then
    ok "options: '$line' refused: $why"
  else bad "options: '$line': $(cat "$tmp/berr")"; fi
done <<'B'
x decode 1 4 2 1 64 64 0 window=16|window= needs causal 1
x decode 1 4 2 1 64 64 1 window=0|window= is not a whole number > 0
x decode 1 4 2 1 64 64 1 window=8x|window= is not a whole number > 0
x decode 1 4 2 1 64 64 1 window=8 window=8|window= given twice
x decode 1 4 2 1 64 64 1 softcap=0|softcap= is not a number > 0
x decode 1 4 2 1 64 64 1 softcap=inf|softcap= is not a number > 0
x decode 1 4 2 1 64 64 1 softcap=-2|softcap= is not a number > 0
x decode 2 4 2 1 64 64 1 lens=64|lens= is not B lengths, each 0 .. Nk, separated by commas
x decode 2 4 2 1 64 64 1 lens=64,65|lens= is not B lengths, each 0 .. Nk, separated by commas
x decode 2 4 2 1 64 64 1 lens=64,1,2|lens= is not B lengths, each 0 .. Nk, separated by commas
x decode 2 4 2 1 64 64 1 lens=1,,2|lens= is not B lengths, each 0 .. Nk, separated by commas
x decode 17 4 2 1 64 64 1 lens=1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1|lens= takes at most 16 sequences (B <= 16)
x decode 1 4 2 1 64 64 1 sinks=1|unknown option (qo=, window=, softcap=, lens=)
x decode 1 4 2 1 64 64 1 qo=q8_0|qo= is not bf16 or f16
x decode 1 4 2 1 64 64 1 qo=f32|qo= is not bf16 or f16
x decode 1 4 2 1 64 64 1 qo=bf16 qo=bf16|qo= given twice
x decode 1 4 2 1 64 64 1 window=8 f16|a word without '=' may only be kv, right after causal
x decode 1 4 2 1 64 64 1 f17|kv is not f32, f16, bf16 or q8_0
x decode 1 4 2 1 64 48 1 q8_0|kv q8_0 needs d a multiple of 32
x decode 1 4 3 1 64 64 1|not nine columns of valid sizes
B

for line in "tg 40 3 2 8 1" "tg 40 2 1 8 1,0" "tg 40 2 1 8" "tg 40 2 1 8 1,x"; do
  printf '# model E Hq Hkv d tokens\n%s\n' "$line" >"$tmp/gbad.txt"
  if "$T" --only gemm --gemm-workloads "$tmp/gbad.txt" --results "$tmp/nothing" >/dev/null 2>"$tmp/berr"; then bad "gemm: '$line' is read"
  elif grep -qF "$tmp/gbad.txt:2: expected 'model E Hq Hkv d tokens'" "$tmp/berr"; then ok "gemm: '$line' refused with its line"
  else bad "gemm: '$line': $(cat "$tmp/berr")"; fi
done
"$T" --only nothing >/dev/null 2>"$tmp/berr" && bad "--only nothing is taken" || grep -q "usage: mha-tune" "$tmp/berr" &&
  ok "--only takes attention or gemm" || bad "--only nothing: $(cat "$tmp/berr")"

# tinyx: a window, a softcap that bites and a padded batch, one sequence shorter than the window.
cat >"$tmp/w.txt" <<'W'
# model phase B Hq Hkv Nq Nk d causal [kv] [options]
tiny  causal  1  4  2  96  160  64  1
tinyx causal  2  4  2  33  160  64  1  window=48 softcap=30 lens=160,77
tinyq prefill 1  4  2  64   96  64  0  bf16  qo=bf16
W
XKEY=tinyx/causal/B2/Hq4/Hkv2/Nq33/Nk160/d64/c1/w48/sc30/lens-160-77
QKEY=tinyq/prefill/B1/Hq4/Hkv2/Nq64/Nk96/d64/c0/kv-bf16/qo-bf16
# Three real candidates for that shape become a crash, a hang and a wrong answer.
mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "avx512" && $4 == 64 && $5 <= 2 && $10 == "ql" { print $1 }' "$BUILD/gen/manifest.tsv" | head -3)
[ "$(grep -c avx512 /proc/cpuinfo)" -gt 0 ] || mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "scalar" && $4 == 64 { print $1 }' "$BUILD/gen/manifest.tsv" | head -3)
[ ${#C[@]} -eq 3 ] || { echo "FAIL no candidates in the manifest"; exit 1; }
# The GEMM family's default for many rows on this CPU answers wrong: it is gated out.
GD=$(awk -F'\t' -v i="$(sed -n 's/.*:\([a-z0-9]*\)$/\1/p' <<<"$("$BUILD/mha-signature" 2>/dev/null)")" \
  'NR > 1 && $13 == "default" { d[$3] = $1 } END { print (i in d) ? d[i] : d["avx512"] ? d["avx512"] : d["avx2"] ? d["avx2"] : d["scalar"] }' "$BUILD/gen/manifest_gemm.tsv")
[ -n "$GD" ] || { echo "FAIL no GEMM default in the manifest"; exit 1; }
export MHA_TUNE_INJECT="crash=${C[0]},hang=${C[1]},wrong=${C[2]},wrong=$GD" MHA_TUNE_TIMEOUT=5
run() { "$T" --level quick --workloads "$tmp/w.txt" "${G[@]}" --results "$tmp/r" --tuned "$tmp/t" --gen "$BUILD/gen" "$@"; }
mkdir -p "$tmp/t"
if run >"$tmp/out" 2>"$tmp/err"; then ok "the tune finishes despite a crash, a hang and a wrong answer"
else bad "the tune failed: $(tail -3 "$tmp/err")"; fi
J=$(ls "$tmp"/r/*/journal-quick.tsv 2>/dev/null | head -1)
grep -q "${C[0]}.*crash.*signal" "$J" && ok "the crash is journaled as a crash" || bad "no crash record for ${C[0]}"
grep -q "${C[1]}.*timeout" "$J" && ok "the hang is journaled as a timeout" || bad "no timeout record for ${C[1]}"
# the injected error is on the gate's shape with a window, a softcap and a padded batch alone
grep -q "${C[2]}.*wrong.*max abs error.* window300 scale1 softcap2 lens1000,513 " "$J" &&
  ok "the wrong answer fails the gate on its shape with a window, a softcap and lengths" || bad "no gate failure for ${C[2]}"
W=$(awk -F'\t' '$1 ~ /^tiny\// { print $2 }' "$tmp"/r/*/winners-quick.tsv)
WX=$(awk -F'\t' -v k="$XKEY" '$1 == k { print $2 }' "$tmp"/r/*/winners-quick.tsv)
for w in "$W" "$WX"; do
  case " ${C[*]} " in *" $w "*) bad "a failed candidate won: $w" ;; *) [ -n "$w" ] && ok "winner $w is none of them" || bad "no winner" ;; esac
done
# tinyx's rows see 33 x 48 keys (sequence 0) and 45 + 46 + 47 + 30 x 48 (sequence 1, 77 keys):
# 3162 pairs, 4 d FLOPs each over 4 heads; they read keys 80 .. 159 and 0 .. 76 (157 of 237),
# 2 x 157 x Hkv 2 x 64 x 4 bytes, with Q and O (2 x 4 x 33 x 64 x 4 x 2 bytes).
if awk -F'\t' -v k="$XKEY" '$1 == k && $5 > 0 { f = 3162 * 4 * 4 * 64 / $3 * 1e-9; b = (160768 + 135168) / $3 * 1e-9
    ok = (f - $5) ^ 2 <= (0.01 + 1e-3 * f) ^ 2 && (b - $7) ^ 2 <= (0.01 + 1e-3 * b) ^ 2 } END { exit !ok }' "$tmp"/r/*/winners-quick.tsv; then
  ok "tinyx's GFLOP/s and GB/s count the pairs and keys its window and lengths leave"
else bad "tinyx's figures: $(grep -F "$XKEY" "$tmp"/r/*/winners-quick.tsv)"; fi
grep -q "^$XKEY	.*	ok	" "$J" && ok "tinyx is journaled under its key" || bad "no journal line for $XKEY"
# bf16 Q/O: every candidate of tinyq gated with bf16 Q and O (within mha_ref_bound), a winner
# timed on bf16 inputs, in the table under its key.
WQ=$(awk -F'	' -v k="$QKEY" '$1 == k { print $2 }' "$tmp"/r/*/winners-quick.tsv)
[ -n "$WQ" ] && [ "$WQ" != - ] && grep -q "^-/qo-bf16	$WQ	-1	ok	" "$J" && grep -q "^$QKEY	$WQ	.*	ok	" "$J" &&
  ok "tinyq: $WQ gated with bf16 Q/O and timed under its key" || bad "tinyq: winner '$WQ': $(grep -c qo-bf16 "$J") journal lines"
awk -F'\t' -v k="$QKEY" '$9 == k { f = 1 } END { exit !f }' "$tmp"/t/tables/*/mha_table.tsv && ok "tinyq is in the table" ||
  bad "tinyq not in the table"
# The table keys tinyx by its window's keys (48: bucket 2), as the runtime keys such a call.
awk -F'\t' -v k="$XKEY" '$9 == k && $6 == 2 && $7 == 2 { x = 1 } $9 ~ /^tiny\// && $7 == 3 { t = 1 } END { exit !(x && t) }' "$tmp"/t/tables/*/mha_table.tsv &&
  ok "the table keys tinyx by its window (nk bucket 2), tiny by Nk 160 (3)" || bad "table: $(cat "$tmp"/t/tables/*/mha_table.tsv)"
for f in machine.json summary-quick.md gbench-quick.json; do
  [ -s "$(ls "$tmp"/r/*/$f | head -1)" ] && ok "results hold $f" || bad "results lack $f"
done
id=$(sed -n 's/.*"machine_id": "\([^"]*\)".*/\1/p' "$tmp"/r/*/machine.json)
cores=$(sed -n 's/.*"cores": \([0-9]*\).*/\1/p' "$tmp"/r/*/machine.json)
if [[ "$id" =~ ^[a-z0-9-]+-f[0-9-]+m[0-9-]+-${cores}c-(scalar|avx2|avx512)$ ]] && [ "$(basename "$(dirname "$J")")" = "$id" ] &&
  [ "$cores" -ge 1 ]; then ok "hwloc's machine makes the id $id and names the results folder"
else bad "machine id '$id' (cores $cores)"; fi
grep -q '"benchmarks": \[' "$tmp"/r/*/gbench-quick.json && ok "Google Benchmark JSON has its benchmarks" || bad "gbench JSON"

# GEMM: five workloads (33 x 32 x 40 twice, as tg and tg2), each gated, timed and a winner.
GW="$(ls "$tmp"/r/*/gemm-winners-quick.tsv | head -1)"
[ "$(grep -vc '^#' "$GW")" = 6 ] && grep -q "^gemm/M33/N32/K40	tg.qkv,tg2.qkv	" "$GW" && grep -q "^gemm/M5/N40/K16	tg.out	" "$GW" &&
  ok "GEMM: one workload per distinct shape, named by its projections" || bad "GEMM workloads: $(cat "$GW")"
[ "$(awk -F'\t' 'NR > 1 && $3 != "-" && $4 > 0 && $6 > 0' "$GW" | wc -l)" = 6 ] && ok "GEMM: each shape has a winner and its GFLOP/s" ||
  bad "GEMM winners: $(cat "$GW")"
grep -q "^gemm-	$GD	-1	wrong	.*	C\[[0-9]*\]\[[0-9]*\] = .*, reference " "$J" && ! cut -f3 "$GW" | grep -qx "$GD" &&
  ok "GEMM: the wrong default fails the gate and never wins" || bad "GEMM gate: $(grep "$GD" "$J" | head -2)"
grep -q "^gemm/M1/N32/K40	.*	0	ok	" "$J" && ok "GEMM: journaled under its own keys" || bad "GEMM journal: $(grep '^gemm' "$J" | head -3)"
# The GEMM's paired final: the finalists and the untuned default race the leader (journal
# round 9 under the GEMM's keys); a default is kept exactly when it was not slower; the wrong
# default, gated out, never races.
gfinal=$(awk -F'\t' '$3 == 9 && $4 == "ok" && $1 ~ /^gemm\// && $9 ~ /^vs [a-z0-9_]+ ratio [0-9.]+ leader_s / { k[$1] = 1 } END { print length(k) }' "$J")
if [ "$gfinal" -ge 1 ] && awk -F'\t' '!/^#/ { n++; if (NF != 10 || ($10 == 1 && !($9 <= 1))) bad++ } END { exit !(n == 6 && !bad) }' "$GW" &&
  ! awk -F'\t' -v g="$GD" '$3 == 9 && $2 == g' "$J" | grep -q .; then
  ok "GEMM: $gfinal shapes raced in the paired final (default / winner: $(awk -F'\t' '!/^#/ { printf "%s%.3f", s, $9; s = ", " }' "$GW"))"
else bad "GEMM final: $gfinal raced; $(cut -f1,3,9,10 "$GW" | tr '\n' ';')"; fi
grep -q "| GEMM (C = A W^T) |" "$tmp"/r/*/summary-quick.md && grep -q "^| gemm/M33/N32/K40 | tg.qkv,tg2.qkv | " "$tmp"/r/*/summary-quick.md &&
  ok "GEMM: the summary has its rows (GFLOP/s, % of FMA peak)" || bad "GEMM summary"
GM33=$(awk -F'\t' '$1 == "gemm/M33/N32/K40" { print $3 }' "$GW")
TSV=$(ls "$tmp"/t/tables/*/mha_table.tsv | head -1)
[ "$(grep -c '^gemm	' "$TSV")" = 6 ] && awk -F'\t' -v k="$GM33" '$1 == "gemm" && $3 == 2 && $4 == 32 && $5 == 40 && $6 == k { f = 1 } END { exit !f }' "$TSV" &&
  grep -q "^extern const mha__gemm_kernel mha__gk_$GM33;$" "$tmp"/t/tables/*/mha_table.c && [ -s "$tmp/t/kernels/$GM33.c" ] &&
  ok "GEMM: the winners are the table's GEMM entries, their sources beside" || bad "GEMM table: $(grep gemm "$TSV")"

# The library built from the tuned folder picks the winner for each shape.
cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mha.h"
#include "mha_gemm.h"
int main(int argc, char **argv) {
  if (argc > 3) { /* GEMM m n k: the kernel the dispatch picks */
    const mha__gemm_kernel *g = mha__gemm_pick(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]), 0);
    printf("%s\n", g ? g->name : "(null)");
    return 0;
  }
  static const int lens[] = {160, 77};
  mha_attention_desc d = {1, 4, 2, 96, 160, 64, 0, 1, MHA_LAYOUT_BHSD, 1};
  mha_attention_desc x = {.batch = 2, .heads_q = 4, .heads_kv = 2, .seq_q = 33, .seq_kv = 160, .head_dim = 64,
                          .causal = 1, .threads = 1, .window = 48, .softcap = 30, .seq_kv_lens = lens};
  const char *k = mha_kernel_name(argc > 2 ? &x : &d);
  printf("%s\n", k ? k : "(null)");
  return argc > 1 && k && strcmp(k, argv[1]) == 0 ? 0 : 1;
}
C
[ "$(ls -d "$tmp"/t/tables/*/ | wc -l)" = 1 ] && [ -s "$tmp/t/tables/$(basename "$(ls -d "$tmp"/r/*/)")/mha_table.c" ] &&
  ok "the table is written in tables/<machine-id>/" || bad "tables: $(ls -R "$tmp/t")"
sh scripts/table_list.sh "$tmp"/t/tables/*/mha_table.c >"$tmp/list.c"
# The tune's kernels: the build's objects of those whose source is the generator's.
mapfile -t kernels < <(sh tests/built_kernels.sh "$tmp/t/kernels" "$BUILD/gen" "$BUILD")
if cc -std=c11 -O1 -D_GNU_SOURCE -Ituned -I"$tmp/t" -o "$tmp/use" "$tmp/use.c" tuned/mha.c tuned/mha_cpu.c \
  tuned/mha_dispatch.c tuned/mha_run.c tuned/mha_rows.c tuned/mha_team.c "$tmp"/t/tables/*/mha_table.c "$tmp/list.c" "${kernels[@]}" -lpthread -lm 2>"$tmp/cerr"; then
  got=$("$tmp/use" "$W") && ok "a library built from the tuned table picks $got" || bad "library picks $got, tune chose $W"
  got=$("$tmp/use" "$WX" x) && ok "and $got for tinyx's call" || bad "library picks $got for tinyx's call, tune chose $WX"
  got=$("$tmp/use" 33 32 40 g)
  [ "$got" = "$GM33" ] && ok "and $got for the GEMM of 33 x 32 x 40" || bad "library picks $got for GEMM 33 x 32 x 40, tune chose $GM33"
else bad "the tuned table does not build: $(head -3 "$tmp/cerr")"; fi

# Resume: a second run measures nothing again.
run >"$tmp/out2" 2>"$tmp/err2"
grep -q "0 measurements this run" "$tmp/out2" && ok "a finished tune re-run measures nothing twice" || bad "re-run measured again: $(grep measurements "$tmp/out2")"
# One part alone keeps the other's entries of the table.
WF="$(ls "$tmp"/r/*/winners-quick.tsv | head -1)"
cp "$WF" "$tmp/winners-before"
run --only gemm >"$tmp/out5" 2>"$tmp/err5"
[ "$(grep -c '^gemm	' "$TSV")" = 6 ] && [ "$(grep -c '^[a-z0-9]*	[0-9]*	[0-9]*	' "$TSV")" = 3 ] &&
  ok "ONLY=gemm keeps the attention entries" || bad "ONLY=gemm: $(cat "$TSV") $(tail -2 "$tmp/err5")"
cmp -s "$WF" "$tmp/winners-before" && [ -s "$(dirname "$WF")/summary-gemm-quick.md" ] &&
  ok "and leaves the attention winners file as it was (its summary: summary-gemm-quick.md)" ||
  bad "ONLY=gemm rewrote $(basename "$WF"): $(head -3 "$WF")"
run --only attention >"$tmp/out6" 2>"$tmp/err6"
[ "$(grep -c '^gemm	' "$TSV")" = 6 ] && [ "$(grep -c '^[a-z0-9]*	[0-9]*	[0-9]*	' "$TSV")" = 3 ] &&
  ok "--only attention keeps the GEMM entries" || bad "--only attention: $(cat "$TSV") $(tail -2 "$tmp/err6")"

# Kill -9 halfway, resume, and no (workload, kernel, round) twice in the journal.
rm -rf "$tmp/r2"
unset MHA_TUNE_INJECT
"$T" --level quick --only attention --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" --gen "$BUILD/gen" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do
  n=$(cat "$tmp"/r2/*/journal-quick.tsv 2>/dev/null | wc -l)
  [ "$n" -gt 12 ] && break
  sleep 0.1
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
before=$(grep -vc '^#' "$tmp"/r2/*/journal-quick.tsv)
mkdir -p "$tmp/t2"
"$T" --level quick --only attention --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" --gen "$BUILD/gen" >"$tmp/out3" 2>"$tmp/err3"
dups=$(grep -v '^#' "$tmp"/r2/*/journal-quick.tsv | cut -f1-3 | sort | uniq -d | wc -l)
if grep -q "resuming: $before measurements" "$tmp/err3" && [ "$dups" -eq 0 ] && [ -s "$(ls "$tmp"/t2/tables/*/mha_table.c | head -1)" ]; then
  ok "killed after $before measurements, resumed with none repeated"
else bad "resume: before=$before dups=$dups $(grep resuming "$tmp/err3")"; fi
# The paired final (in the resumed tune, which injects no failure: the default may be one of
# those): every workload's winner raced the untuned default (journal round 9, its leader
# named), and the verdict is consistent: the default kept exactly when it was not slower.
if awk -F'\t' '!/^#/ { n++; if (!($9 > 0) || ($10 == 1) != ($9 <= 1)) bad++ } END { exit !(n == 3 && !bad) }' "$tmp"/r2/*/winners-quick.tsv &&
  [ "$(awk -F'\t' '$3 == 9 && $4 == "ok" && $9 ~ /^vs [a-z0-9_]+ ratio [0-9.]+ leader_s / { k[$1] = 1 } END { print length(k) }' "$tmp"/r2/*/journal-quick.tsv)" = 3 ]; then
  ok "each winner raced the untuned default in the paired final ($(awk -F'\t' '!/^#/ { printf "%s%.3f", s, $9; s = ", " }' "$tmp"/r2/*/winners-quick.tsv))"
else bad "final: $(cut -f1,2,9,10 "$tmp"/r2/*/winners-quick.tsv | tr '\n' ';') $(awk -F'\t' '$3 == 9' "$J" | head -3)"; fi

# Results from other templates are neither resumed from nor mixed in: they move aside, kept.
sed -i 's/"template_hash": "[0-9a-f]*"/"template_hash": "0123abcd"/' "$tmp"/r2/*/machine.json
"$T" --level quick --only attention --workloads "$tmp/w.txt" --results "$tmp/r2" --tuned "$tmp/t2" --gen "$BUILD/gen" >"$tmp/out4" 2>"$tmp/err4"
old=$(ls -d "$tmp"/r2/*/superseded-0123abcd 2>/dev/null)
if grep -q "measured with templates 0123abcd" "$tmp/err4" && [ -s "$old/journal-quick.tsv" ] && [ -s "$old/winners-quick.tsv" ] &&
  ! grep -q "resuming" "$tmp/err4" && ! grep -q " 0 measurements this run" "$tmp/out4"; then
  ok "results of other templates moved to $(basename "$old"); the tune starts afresh"
else bad "superseded results: $(grep -h templates "$tmp/err4")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
