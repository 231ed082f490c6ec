#!/usr/bin/env bash
# test_compare.sh: mha-compare on five tiny workloads (a prefill, a causal GQA prefill, a GQA
# decode with an f32, an f16 and a q8_0 cache). Every implementation it supports gets an ok row
# with positive numbers that agree with the shape's FLOPs and bytes (K/V in their stored type);
# other rows are marked, with zeros and a reason; the TSV header is exact; the results are
# written whole (no temporary files); the peak comes from the machine's results when the tune
# measured it; an implementation that cannot load is a failed row, not the end of the run; ggml
# (llama.cpp's attention), where scripts/ggml-fetch.sh could fetch it, is measured on every
# workload and named with its version, and where it is not there compare says so in one line and
# goes on; `make compare` passes its options through. Workloads with bf16 Q and O: keyed
# /qo-bf16, ours held to the bf16 bound, oneDNN in bf16, the fp32-only peers skipped with a reason.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s "$BUILD/mha-compare" "$BUILD/libmha.so" "$BUILD/libmha_default.so" ggml-fetch >/dev/null ||
  { echo "FAIL build mha-compare"; exit 1; }
. "$(dirname "$0")/lib.sh"

cat >"$tmp/w.txt" <<'W'
# model phase B Hq Hkv Nq Nk d causal [kv]
tiny  prefill  1  4  4  64   96   64  0
tiny  causal   1  8  2  80   80   64  1
tiny  decode   1  8  2   1  512  128  1
tiny  decode   1  8  2   1  512  128  1  f16
tiny  decode   1  8  2   1  512  128  1  q8_0
W
NW=5 NF32=3
C=("$BUILD/mha-compare" --workloads "$tmp/w.txt" --min-time 0.01 --reps 2 --peak-budget 1)
HEADER=$'# workload\timpl\tstatus\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tdetail'

# FLOPs (4 d per visible query-key pair) and bytes (Q and O in fp32, K and V in their type) of
# each workload, by key.
expect() {
  awk '!/^#/ && NF {
    B = $3; Hq = $4; Hkv = $5; Nq = $6; Nk = $7; d = $8; c = $9; kv = NF > 9 ? $10 : "f32"
    pairs = Nq * Nk
    if (c) { pairs = 0; for (i = 0; i < Nq; i++) { n = i + Nk - Nq + 1; if (n > Nk) n = Nk; if (n > 0) pairs += n } }
    row = kv == "f32" ? 4 * d : kv == "q8_0" ? d / 32 * 34 : 2 * d
    printf "%s/%s/B%d/Hq%d/Hkv%d/Nq%d/Nk%d/d%d/c%d%s\t%.0f\t%.0f\n", $1, $2, B, Hq, Hkv, Nq, Nk, d, c,
      kv == "f32" ? "" : "/kv-" kv, 4 * B * Hq * pairs * d, 4 * 2 * B * Hq * Nq * d + 2 * B * Hkv * Nk * row }' "$tmp/w.txt"
}
expect >"$tmp/expect"

# check DIR: rows of DIR/compare.tsv against the workloads; prints problems, one a line.
check() {
  awk -F'\t' -v peak="$2" 'FNR == NR { fl[$1] = $2; by[$1] = $3; next }
    FNR == 1 { next }
    {
      if (NF != 9) { print "row " FNR " has " NF " fields"; next }
      if (!($1 in fl)) print "unknown workload " $1
      if ($3 == "ok") {
        if (!($4 > 0 && $6 > 0 && $7 > 0 && $8 > 0 && $5 >= 0)) print $1 " " $2 ": ok but numbers " $4 " " $6 " " $7 " " $8
        g = fl[$1] / $4 / 1e9; if ($6 < 0.99 * g - 0.01 || $6 > 1.01 * g + 0.01) print $1 " " $2 ": gflops " $6 ", FLOPs/median says " g
        b = by[$1] / $4 / 1e9; if ($8 < 0.99 * b - 0.01 || $8 > 1.01 * b + 0.01) print $1 " " $2 ": gbs " $8 ", bytes/median says " b
        p = 100 * $6 / peak; if ($7 < 0.99 * p - 0.02 || $7 > 1.01 * p + 0.02) print $1 " " $2 ": pct_peak " $7 ", want " p
        if ($9 == "") print $1 " " $2 ": no detail"
      } else if ($3 == "unsupported" || $3 == "failed") {
        if ($4 != "0" || $5 != "0" || $6 != "0" || $7 != "0" || $8 != "0") print $1 " " $2 ": " $3 " with numbers"
        if ($9 == "") print $1 " " $2 ": " $3 " without a reason"
      } else print $1 " " $2 ": status " $3
    }' "$tmp/expect" "$1/compare.tsv"
}

# ---- a fresh results folder: every implementation, the peak measured in the run ----
if "${C[@]}" --results "$tmp/r" >"$tmp/out" 2>"$tmp/err"; then ok "mha-compare runs"
else bad "mha-compare failed: $(tail -3 "$tmp/err")"; fi
D=$(ls -d "$tmp"/r/*/ 2>/dev/null | head -1)
D=${D%/}
T="$D/compare.tsv"
[ -n "$D" ] && [ -s "$T" ] || { echo "FAIL no compare.tsv"; exit 1; }
[ "$(head -1 "$T")" = "$HEADER" ] && ok "the TSV header is exact" || bad "header: $(head -1 "$T")"
# ggml: there (fetched), or left out with one line that says why.
if gline=$(grep 'ggml not available' "$tmp/err"); then
  GG=0 IMPLS="mhatune mhatune-untuned onednn openblas"
  echo "note ggml is not available here: checking that compare says so and goes on without it"
  [ "$(echo "$gline" | wc -l)" = 1 ] && [[ "$gline" == *"going on without it"* ]] &&
    ! awk -F'\t' '$2 == "ggml"' "$T" | grep -q . && grep -q '^- ggml: left out: ggml not available' "$D/compare.md" &&
    ok "ggml not available: one line, no ggml rows, compare.md says why" || bad "ggml missing but: $gline"
else
  GG=1 IMPLS="mhatune mhatune-untuned onednn openblas ggml"
fi
NI=$((4 + GG))
[ "$(tail -n +2 "$T" | wc -l)" -eq $((NW * NI)) ] && ok "$((NW * NI)) rows: $NW workloads x $NI implementations" ||
  bad "$(tail -n +2 "$T" | wc -l) rows"
peak=$(sed -n 's/.*Peak: \([0-9.]*\) GFLOP\/s.*measured now.*/\1/p' "$D/compare.md")
[ -n "$peak" ] && ok "without the tune's machine.json the peak is measured ($peak GFLOP/s)" || bad "no measured peak in compare.md"
probs=$(check "$D" "${peak:-1}")
[ -z "$probs" ] && ok "every row: ok with FLOPs, bytes and %peak that agree, or marked with zeros and a reason" ||
  bad "rows: $probs"
for impl in $IMPLS; do
  n=$(awk -F'\t' -v i="$impl" '$2 == i && $3 == "ok"' "$T" | wc -l)
  u=$(awk -F'\t' -v i="$impl" '$2 == i && $3 == "unsupported"' "$T" | wc -l)
  if [ $((n + u)) -eq $NW ] && [ "$n" -ge 1 ]; then ok "$impl: $n ok, $u unsupported"
  else bad "$impl: $n ok, $u unsupported of $NW: $(awk -F'\t' -v i="$impl" '$2 == i && $3 != "ok" { print $9 }' "$T" | head -1)"; fi
done
[ "$(awk -F'\t' '($2 == "onednn" || $2 == "openblas") && $1 ~ /kv-/ && $3 == "unsupported" && $9 ~ /takes no (f16|q8_0) K\/V/' "$T" | wc -l)" -eq 4 ] &&
  ok "oneDNN and OpenBLAS: f16 and q8_0 caches unsupported, with the reason" || bad "f32-only peers on kv rows"
awk -F'\t' 'NR > 1 && $2 == "onednn" && $3 == "ok" && $9 !~ /^oneDNN [0-9.]+ \(OpenMP\)/ { bad = 1 } END { exit bad }' "$T" &&
  ok "oneDNN rows name the library, its version and runtime" || bad "oneDNN detail: $(awk -F'\t' '$2 == "onednn" { print $9; exit }' "$T")"
if [ $GG = 1 ]; then
  [ "$(awk -F'\t' '$2 == "ggml" && $3 == "ok" && $9 ~ /^ggml [0-9.]+ \(commit [0-9a-f]+\) of @node-llama-cpp\/linux-x64 3\.22\.1, libggml-cpu-[a-z0-9]+\.so: flash_attn_ext, K\/V (f32|f16|q8_0)/' "$T" | wc -l)" -eq $NW ] &&
    ok "ggml: ok on every workload, f16 and q8_0 caches included, named with its version, package and CPU build" ||
    bad "ggml rows: $(awk -F'\t' '$2 == "ggml" { print $3 ": " $9 }' "$T" | head -2)"
fi
nb=$(grep -c '"name": "tiny/.*/\(mhatune\|mhatune-untuned\|onednn\|openblas\|ggml\)/' "$D/gbench-compare.json" 2>/dev/null)
nok=$(awk -F'\t' '$3 == "ok"' "$T" | wc -l)
[ "$(grep -c '"benchmarks": \[' "$D/gbench-compare.json" 2>/dev/null)" = 1 ] && [ "${nb:-0}" -ge "$nok" ] &&
  ok "gbench-compare.json: one document, $nb benchmark entries for $nok ok rows" || bad "gbench-compare.json: $nb entries for $nok"
# The repetitions take turns: for the prefill (every implementation ok), the timed runs go
# mhatune, mhatune-untuned, onednn, openblas (, ggml), then all again starting one further on.
okp=$(awk -F'\t' '$1 ~ /^tiny\/prefill/ && $3 == "ok" { printf "%s ", $2 }' "$T")
rot=$(awk '{ for (i = 2; i <= NF; i++) printf "%s ", $i; printf "%s ", $1 }' <<<"$okp")
seq=$(grep -o '"name": "tiny/prefill/[^"]*"' "$D/gbench-compare.json" | sed 's|.*/c0/\([a-z-]*\)/.*|\1|' | tr '\n' ' ')
[ "$(wc -w <<<"$okp")" = $NI ] && [ "$seq" = "$okp$rot" ] && ok "repetitions take turns: $seq" ||
  bad "run order '$seq', want '$okp$rot'"
grep -q "^| workload | mhatune | mhatune-untuned | onednn | openblas |$([ $GG = 1 ] && echo ' ggml |')\$" "$D/compare.md" &&
  [ "$(grep -c '^| tiny/' "$D/compare.md")" -eq $NW ] && ok "compare.md: a row per workload, a column per implementation" ||
  bad "compare.md table"
[ -z "$(find "$tmp/r" -name '*.tmp*')" ] && ok "no temporary files left" || bad "left: $(find "$tmp/r" -name '*.tmp*')"
grep -q "decode/B1/Hq8/Hkv2/Nq1/Nk512/d128/c1 *onednn" "$tmp/out" && ok "the table is printed as it goes" || bad "no printed table"

# ---- the tune's peak, --impls, and an implementation that cannot load ----
printf '{\n  "peak_gflops": {"%s": {"all": 1000.0, "one": 500.0}}\n}\n' "$(sed -n 's/.*-\([a-z0-9]*\)$/\1/p' <<<"${D##*/}")" \
  >"$D/machine.json"
if MHA_LIB_DIR="$tmp/nolib" MHA_COMPARE_INJECT=wrong=onednn "${C[@]}" --results "$tmp/r" --impls openblas,mhatune,onednn \
  >"$tmp/out2" 2>"$tmp/err2"; then
  ok "a second run into the same folder"
else bad "second run failed: $(tail -3 "$tmp/err2")"; fi
grep -q 'Peak: 1000.0 GFLOP/s.*machine.json' "$D/compare.md" && ok "the peak comes from the tune's machine.json" ||
  bad "peak source: $(grep Peak "$D/compare.md")"
probs=$(check "$D" 1000)
[ -z "$probs" ] && ok "pct_peak against that peak" || bad "rows: $probs"
[ "$(awk -F'\t' 'NR > 1 { print $2 }' "$T" | sort -u | tr '\n' ' ')" = "mhatune onednn openblas " ] &&
  ok "--impls keeps those implementations" || bad "impls: $(awk -F'\t' 'NR > 1 { print $2 }' "$T" | sort -u | tr '\n' ' ')"
[ "$(awk -F'\t' '$2 == "mhatune" && $3 == "failed" && $9 ~ /dlopen/' "$T" | wc -l)" -eq $NW ] &&
  [ "$(awk -F'\t' '$2 == "openblas" && $3 == "ok"' "$T" | wc -l)" -eq $NF32 ] &&
  ok "a library that cannot load: failed rows that say why; the others still measured" || bad "$(grep mhatune "$T" | head -1)"
[ "$(awk -F'\t' '$2 == "onednn" && $3 == "failed" && $9 ~ /^wrong: max abs error/' "$T" | wc -l)" -eq $NF32 ] &&
  ! grep -q '"name": "tiny/[^"]*/onednn/' "$D/gbench-compare.json" &&
  ok "a wrong answer is a failed row and never timed" || bad "wrong onednn: $(grep onednn "$T" | head -1)"

# ---- ggml where it is not: one line, and the others measured ----
if MHA_GGML_DIR="$tmp/noggml" "${C[@]}" --results "$tmp/r4" --workloads "$tmp/w.txt" >"$tmp/out4" 2>"$tmp/err4"; then
  T4=$(ls "$tmp"/r4/*/compare.tsv 2>/dev/null | head -1)
  [ "$(grep -c 'ggml not available.*noggml.*going on without it' "$tmp/err4")" = 1 ] &&
    ! awk -F'\t' '$2 == "ggml"' "$T4" | grep -q . && [ "$(tail -n +2 "$T4" | wc -l)" -eq $((NW * 4)) ] &&
    ok "no ggml: compare says so in one line and measures the others" || bad "no ggml: $(grep ggml "$tmp/err4")"
else bad "compare without ggml failed: $(tail -3 "$tmp/err4")"; fi
printf 'tiny decode 1 8 2 1 512 100 1 q8_0\n' >"$tmp/badkv.txt"
"$BUILD/mha-compare" --workloads "$tmp/badkv.txt" --results "$tmp/r5" >/dev/null 2>"$tmp/err5"
rc=$?
[ $rc = 1 ] && grep -q "badkv.txt:1: kv q8_0 needs d a multiple of 32: expected .* kv f32, f16, bf16 or q8_0 (d a multiple of 32)" "$tmp/err5" &&
  ok "a q8_0 cache with head_dim 100 is refused at its line" || bad "bad kv: rc $rc $(cat "$tmp/err5")"

# ---- bf16 Q and O: keys end in /qo-bf16; ours checked against the bf16 bound (a wrong answer
# caught), oneDNN in bf16 where K/V are bf16 too, the fp32-only peers skipped with a reason ----
cat >"$tmp/wq.txt" <<'W'
tiny  prefill  1  4  4  64   96   64  0  bf16  qo=bf16
tiny  decode   1  8  2   1  512  128  1  f16   qo=bf16
W
"${C[@]}" --workloads "$tmp/wq.txt" --results "$tmp/rq" --impls mhatune,onednn,openblas >"$tmp/outq" 2>"$tmp/errq"
TQ=$(ls "$tmp"/rq/*/compare.tsv 2>/dev/null | head -1)
PQ=tiny/prefill/B1/Hq4/Hkv4/Nq64/Nk96/d64/c0/kv-bf16/qo-bf16 DQ=tiny/decode/B1/Hq8/Hkv2/Nq1/Nk512/d128/c1/kv-f16/qo-bf16
[ -n "$TQ" ] && [ "$(awk -F'\t' -v a="$PQ" -v b="$DQ" 'NR > 1 && ($1 == a || $1 == b)' "$TQ" | wc -l)" -eq 6 ] &&
  ok "bf16 Q/O: keys end in /qo-bf16, a row per implementation" || bad "qo keys: $(cut -f1,2 "$TQ" 2>/dev/null | head -3)"
[ "$(awk -F'\t' '$2 == "openblas" && $3 == "unsupported" && $9 == "openblas takes no bf16 Q/O"' "$TQ" | wc -l)" -eq 2 ] &&
  ok "bf16 Q/O: OpenBLAS skipped, saying it takes no bf16 Q/O" || bad "openblas qo rows: $(grep openblas "$TQ" | head -1)"
awk -F'\t' -v a="$PQ" -v b="$DQ" '$2 == "mhatune" && ($1 == a || $1 == b) && $3 == "ok" && $6 > 0 { n++ } END { exit n != 2 }' "$TQ" &&
  ok "bf16 Q/O: ours ok on both, within the bf16 bound" || bad "ours on qo: $(grep mhatune "$TQ" | cut -f1-3,9)"
awk -F'\t' -v a="$PQ" '$2 == "onednn" && $1 == a && $3 == "ok" && $9 ~ /matmul\+softmax\+matmul in bf16/ { f = 1 } END { exit !f }' "$TQ" &&
  ok "bf16 Q/O: oneDNN in bf16, checked first" || bad "onednn bf16: $(awk -F'\t' -v a="$PQ" '$2 == "onednn" && $1 == a' "$TQ")"
awk -F'\t' -v b="$DQ" '$2 == "onednn" && $1 == b && $3 == "unsupported" && $9 == "onednn takes no f16 K/V" { f = 1 } END { exit !f }' "$TQ" &&
  ok "bf16 Q/O: oneDNN without bf16 K/V skipped, saying why" || bad "onednn f16 cache: $(awk -F'\t' -v b="$DQ" '$2 == "onednn" && $1 == b' "$TQ")"
MHA_COMPARE_INJECT=wrong=mhatune "${C[@]}" --workloads "$tmp/wq.txt" --results "$tmp/rq2" --impls mhatune >/dev/null 2>&1
TQ2=$(ls "$tmp"/rq2/*/compare.tsv 2>/dev/null | head -1)
[ "$(awk -F'\t' '$2 == "mhatune" && $3 == "failed" && $9 ~ /^wrong: an error [0-9.e+]* x its bf16 bound/' "$TQ2" | wc -l)" -eq 2 ] &&
  ok "bf16 Q/O: an answer off by 0.1 max |O| is past the bound: failed, not timed" || bad "qo wrong: $(cut -f2,3,9 "$TQ2" | head -2)"
printf 'tiny decode 1 8 2 1 512 128 1 f16 qo=q8_0\n' >"$tmp/badqo.txt"
"$BUILD/mha-compare" --workloads "$tmp/badqo.txt" --results "$tmp/r5" >/dev/null 2>"$tmp/err7"
[ $? = 1 ] && grep -q "badqo.txt:1: qo= is not bf16 or f16: expected .* \[qo=T\]" "$tmp/err7" &&
  ok "qo=q8_0 is refused at its line" || bad "bad qo: $(cat "$tmp/err7")"

# ---- errors and make ----
"${C[@]}" --results "$tmp/r2" --impls nosuch >/dev/null 2>"$tmp/err3"
rc=$?
[ $rc -eq 2 ] && grep -q "unknown implementation 'nosuch'" "$tmp/err3" && [ ! -e "$tmp/r2" ] &&
  ok "an unknown implementation is a usage error, before anything is written" || bad "--impls nosuch: rc $rc"
cmd=$($MAKE -n compare MODELS=a,b WORKLOADS=w.txt IMPLS=onednn 2>/dev/null | grep 'mha-compare --workloads')
[[ "$cmd" == *"--workloads w.txt --models a,b --impls onednn"* ]] && ok "make compare passes WORKLOADS, MODELS, IMPLS" ||
  bad "make -n compare: $cmd"
[[ "$cmd" == *"MHA_GGML_DIR=/"*"/ggml "* ]] && $MAKE -n compare 2>/dev/null | grep -q 'scripts/ggml-fetch.sh' &&
  ok "make compare fetches ggml first and tells mha-compare where it is" || bad "make -n compare: no ggml: $cmd"

# ---- the layer (--layers, --layer-tokens): ours, the composite and torch, each checked first;
# torch takes no RoPE (unsupported, saying so), and is left out with a message where absent ----
printf 'tiny decode 1 8 2 1 512 128 1\n' >"$tmp/w1.txt"
"$BUILD/mha-compare" --workloads "$tmp/w1.txt" --min-time 0.01 --reps 2 --peak-budget 1 --impls onednn \
  --layers e64h4k2r,e64h4k4b --layer-tokens 1,24 --results "$tmp/rl" >"$tmp/outl" 2>"$tmp/errl"
TL=$(ls "$tmp"/rl/*/compare-layer.tsv 2>/dev/null | head -1)
ML=$(ls "$tmp"/rl/*/compare.md 2>/dev/null | head -1)
[ -n "$TL" ] && [ "$(head -1 "$TL")" = "$(printf '# layer\timpl\tstatus\tmedian_s\tcv\tgflops\tdetail')" ] &&
  [ "$(tail -n +2 "$TL" | cut -f1,2 | tr '\t\n' ': ')" = "layer/e64h4k2r/N1/c1/t0:mhatune layer/e64h4k2r/N1/c1/t0:composite layer/e64h4k2r/N1/c1/t0:torch layer/e64h4k2r/N24/c1/t0:mhatune layer/e64h4k2r/N24/c1/t0:composite layer/e64h4k2r/N24/c1/t0:torch layer/e64h4k4b/N1/c1/t0:mhatune layer/e64h4k4b/N1/c1/t0:composite layer/e64h4k4b/N1/c1/t0:torch layer/e64h4k4b/N24/c1/t0:mhatune layer/e64h4k4b/N24/c1/t0:composite layer/e64h4k4b/N24/c1/t0:torch " ] &&
  ok "compare-layer.tsv: a row per layer, token count and implementation" || bad "compare-layer.tsv: $(cut -f1-3 "$TL" 2>/dev/null | head -4)"
[ "$(awk -F'\t' '$2 != "torch" && $3 == "ok" && $4 > 0 && $6 >= 0' "$TL" | wc -l)" = 8 ] &&
  ok "the layer: ours and the composite checked and timed on all four" || bad "layer rows: $(awk -F'\t' '$3 != "ok"' "$TL" | cut -f1-3,7 | head -3)"
[ "$(awk -F'\t' '$1 ~ /e64h4k2r/ && $2 == "torch" && $3 == "unsupported" && $7 ~ /has no RoPE/' "$TL" | wc -l)" = 2 ] &&
  ok "torch on a RoPE layer: unsupported, saying why" || bad "torch rope rows: $(grep torch "$TL" | head -2)"
if awk -F'\t' '$1 ~ /e64h4k4b/ && $2 == "torch" && $3 == "ok"' "$TL" | grep -q .; then
  [ "$(awk -F'\t' '$1 ~ /e64h4k4b/ && $2 == "torch" && $3 == "ok" && $4 > 0 && $7 ~ /^torch.nn.MultiheadAttention, torch [0-9]/' "$TL" | wc -l)" = 2 ] &&
    ok "torch: checked, timed, its version named" || bad "torch rows: $(grep 'e64h4k4b.*torch' "$TL")"
else
  echo "note torch is not here: $(awk -F'\t' '$2 == "torch" && $1 ~ /e64h4k4b/ { print $7; exit }' "$TL")"
fi
r=$(awk -F'\t' '$1 == "layer/e64h4k4b/N24/c1/t0" { m[$2] = $4 } END { if (m["mhatune"] > 0) printf "%.2f", m["composite"] / m["mhatune"] }' "$TL")
grep -q "^| layer/e64h4k4b/N24/c1/t0 | [0-9.]* ms | [0-9.]* ms ($r""x) |" "$ML" && grep -q '^## The layer' "$ML" &&
  ok "compare.md: the layer's section, the composite's time over ours ($r)" || bad "compare.md layer: $(grep 'e64h4k4b/N24' "$ML")"
MHA_TORCH_PYTHON=/nonexistent/python3 "$BUILD/mha-compare" --workloads "$tmp/w1.txt" --min-time 0.01 --reps 1 --peak-budget 1 \
  --impls onednn --layers e64h4k4b --layer-tokens 8 --results "$tmp/rl2" >/dev/null 2>&1
TL2=$(ls "$tmp"/rl2/*/compare-layer.tsv 2>/dev/null | head -1)
awk -F'\t' '$2 == "torch" && $3 == "unsupported" && $7 ~ /left out: .*cannot run.*deps.sh --torch/ { t = 1 } $2 == "mhatune" && $3 == "ok" { o = 1 } END { exit !(t && o) }' "$TL2" 2>/dev/null &&
  ok "torch absent: left out with a message, ours still measured" || bad "torch absent: $(cat "$TL2" 2>/dev/null)"
"$BUILD/mha-compare" --workloads "$tmp/w1.txt" --layers nosuch --results "$tmp/rl3" >/dev/null 2>"$tmp/errl3"
rc=$?
[ $rc = 2 ] && grep -q "'nosuch' at 1 tokens is not a layer" "$tmp/errl3" && [ ! -e "$tmp/rl3" ] &&
  ok "an unknown layer is a usage error, before anything is written" || bad "--layers nosuch: rc $rc $(cat "$tmp/errl3")"
$MAKE -n compare LAYERS=bert-base LAYER_TOKENS=128 2>/dev/null | grep -q -- '--layers bert-base --layer-tokens 128' &&
  ! $MAKE -n compare LAYERS= 2>/dev/null | grep -q -- '--layers' && ok "make compare passes LAYERS and LAYER_TOKENS (none: LAYERS=)" ||
  bad "make -n compare LAYERS"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
