#!/usr/bin/env bash
# test_tune_check.sh: `mha-tune --check`, the tune's score, on two small winners files written
# here. The same winner in both is regret 0 and timed not at all; two different winners race in
# the final's alternating pairs and the regret is max(0, ratio - 1) of that race; a winner this
# build lacks is reported "not in this build" and the check goes on; every level winner is
# raced against the untuned default (or is it). The table lands in results/<id>/ as .md and
# .tsv, the summary on stdout. A file that is missing, not a winners file or malformed is
# refused with its path (and line) and a non-zero exit, writing nothing.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s BUILD="$BUILD" "$BUILD/mha-tune" >/dev/null || { echo "FAIL build mha-tune"; exit 1; }
T="$BUILD/mha-tune"
. "$(dirname "$0")/lib.sh"

# Two kernels of this build that run here and take d 64 (as test_tune.sh picks them).
mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "avx512" && $4 == 64 && $5 == 1 && $16 == "f32" { print $1 }' "$BUILD/gen/manifest.tsv" | head -2)
[ "$(grep -c avx512 /proc/cpuinfo)" -gt 0 ] || mapfile -t C < <(awk -F'\t' 'NR > 1 && $3 == "scalar" && $4 == 64 { print $1 }' "$BUILD/gen/manifest.tsv" | head -2)
[ "${#C[@]}" -eq 2 ] || { echo "FAIL two d64 kernels in $BUILD/gen/manifest.tsv: got ${C[*]:-none}"; exit 1; }
cat >"$tmp/w.txt" <<'W'
# model phase B Hq Hkv Nq Nk d causal
t  same     1  2  2  64  64  64  0
t  differ   1  2  2  64  64  64  1
t  missing  1  2  2  1   64  64  1
W
k1=t/same/B1/Hq2/Hkv2/Nq64/Nk64/d64/c0 k2=t/differ/B1/Hq2/Hkv2/Nq64/Nk64/d64/c1 k3=t/missing/B1/Hq2/Hkv2/Nq1/Nk64/d64/c1
H=$'# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates\tvs_default\tuntuned'
printf '%s\n%s\t%s\t1e-5\n%s\t%s\t1e-5\n%s\t%s\t1e-5\nother/x/B1/Hq1/Hkv1/Nq1/Nk1/d64/c0\t%s\t1\n' "$H" \
  "$k1" "${C[0]}" "$k2" "${C[0]}" "$k3" "${C[0]}" "${C[1]}" >"$tmp/a.tsv"
printf '%s\n%s\t%s\t1e-5\n%s\t%s\t1e-5\n%s\tattn_f32_avx512_d64_gone_in_this_build\t1e-5\n' "$H" \
  "$k1" "${C[0]}" "$k2" "${C[1]}" "$k3" >"$tmp/b.tsv"

t0=$(date +%s)
"$T" --check a --check-file "$tmp/a.tsv" --against-file "$tmp/b.tsv" --workloads "$tmp/w.txt" --results "$tmp/r" \
  >"$tmp/out" 2>"$tmp/err"
rc=$?
echo "check: $(($(date +%s) - t0)) s"
[ $rc -eq 0 ] && ok "the check runs" || { bad "the check exits $rc: $(cat "$tmp/err")"; exit 1; }
md=$(ls "$tmp"/r/*/tune-check-a-vs-b.md 2>/dev/null) tsv=$(ls "$tmp"/r/*/tune-check-a-vs-b.tsv 2>/dev/null)
[ -s "$md" ] && [ -s "$tsv" ] && ok "results/<id>/tune-check-a-vs-b.md and .tsv (the reference named after its file)" ||
  { bad "no tune-check-a-vs-b.md/.tsv under $tmp/r: $(ls -R "$tmp/r")"; exit 1; }
row() { awk -F'\t' -v k="$1" '$1 == k' "$tsv"; }
# workload level_winner ref_winner ratio regret pairs agree default vs_default default_pairs note
IFS=$'\t' read -r _ _ _ q g p ag dk v dp _ <<<"$(row "$k1")"
[ "$q" = 1.000000 ] && [ "$g" = 0.000000 ] && [ "$p" = 0 ] && [ "$ag" = yes ] && ok "the same winner: regret 0, not timed" ||
  bad "the same winner: $(row "$k1")"
# Every level winner against the untuned default: raced in pairs, or it is the default.
for k in "$k1" "$k2" "$k3"; do
  IFS=$'\t' read -r _ lk _ _ _ _ _ dk v dp _ <<<"$(row "$k")"
  if { [ "$dk" = "$lk" ] && [ "$dp" = 0 ] && [ "$v" = 1.000000 ]; } ||
    { [ "$dk" != "$lk" ] && [ "$dp" = 5 ] && awk -v v="$v" 'BEGIN { exit !(v > 0) }'; }; then
    ok "$k: against the untuned default ($dk): $v"
  else bad "$k: against the untuned default: $(row "$k")"; fi
done
IFS=$'\t' read -r _ _ _ q g p ag _ <<<"$(row "$k2")"
if [ "$p" = 5 ] && awk -v q="$q" -v g="$g" -v a="$ag" 'BEGIN { r = q > 1 ? q - 1 : 0; w = q <= 1.02 && q >= 1 / 1.02
     exit !(q > 0.2 && q < 5 && (g - r) ^ 2 < 1e-10 && a == (w ? "yes" : "no")) }'; then
  ok "different winners: raced in 5 pairs, ratio $q, regret $g, agree $ag"
else bad "different winners: $(row "$k2")"; fi
IFS=$'\t' read -r _ _ _ q _ p _ _ _ _ n <<<"$(row "$k3")"
[ "$q" = 0.000000 ] && [ "$p" = 0 ] && [[ "$n" == *"b's winner: not in this build"* ]] &&
  grep -q "not in this build" "$md" && ok "a winner this build lacks: reported, not scored" || bad "missing kernel: $(row "$k3")"
[ "$(grep -c . "$tsv")" = 4 ] && ok "the workload the workloads file lacks is left out" || bad "rows: $(cat "$tsv")"
grep -q "^a against b: mean regret .* over 2 workloads, worst .*; .* of 2 agree within 2% (paired)\. .* of 3 tuned entries are slower than the untuned default by more than 2% (paired)\. 1 workloads not scored" "$tmp/out" &&
  grep -qF "$(cat "$tmp/out")" "$md" && ok "the summary, on stdout and in the table" || bad "summary: $(cat "$tmp/out")"
grep -q '"name": "t/differ/.*/final/' "$(dirname "$md")/gbench-tune-check-a-vs-b.json" 2>/dev/null &&
  ok "the races' Google Benchmark JSON" || bad "no Google Benchmark JSON of the races"

# Files it must refuse: a clear message naming the file (and line), non-zero, nothing written.
printf 'key\twinner\n%s\tx\n' "$k1" >"$tmp/nothdr.tsv"
printf '%s\n%s\n' "$H" "$k1" >"$tmp/norow.tsv"
printf '%s\n' "$H" >"$tmp/empty.tsv"
printf '%s\n%s\tx\n%s\ty\n' "$H" "$k1" "$k1" >"$tmp/twice.tsv"
while IFS='|' read -r f why; do
  if "$T" --check a --check-file "$tmp/a.tsv" --against-file "$f" --workloads "$tmp/w.txt" --results "$tmp/r2" \
    >/dev/null 2>"$tmp/berr"; then bad "$f is taken"
  elif grep -qF "mha-tune: --check: $f$why" "$tmp/berr" && [ ! -e "$tmp/r2" ]; then ok "refused: $f$why"
  else bad "$f: $(cat "$tmp/berr")"; fi
done <<B
$tmp/none.tsv|: No such file or directory
$tmp/nothdr.tsv|:1: not a winners file
$tmp/norow.tsv|:2: not 'workload<TAB>winner<TAB>...'
$tmp/empty.tsv|: no winners in it
$tmp/twice.tsv|:3: a workload given twice
B
"$T" --check a --check-file "$tmp/a.tsv" --against-file "$tmp/b.tsv" --models nobody --workloads "$tmp/w.txt" \
  --results "$tmp/r2" >/dev/null 2>"$tmp/berr" && bad "no workload: taken" ||
  { grep -q "no workload for models nobody" "$tmp/berr" && ok "no workload: refused"; } || bad "no workload: $(cat "$tmp/berr")"
"$T" --against b >/dev/null 2>"$tmp/berr"
[ $? -eq 2 ] && grep -q "mha-tune --check LEVEL" "$tmp/berr" && ok "--against without --check: usage" ||
  bad "--against alone: $(cat "$tmp/berr")"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
