#!/usr/bin/env bash
# test_bench.sh: mha-bench on tiny cases. Every case gets a row per implementation (ggml's
# included, which says why where it could not be fetched) and its targets judged from the
# measured figures (ratios to oneDNN and to ggml recomputed here from the TSV; a decode with an
# f16 cache counted in f16 bytes); the memory case reports the extra bytes of a call; the outputs are written whole; --strict fails
# exactly when a target is missed; a malformed cases file is refused with its line, writing
# nothing. Paired cases (0.2 fields: a window, lengths, a cache with spare capacity, strides,
# lse, ALiBi; the untuned default; f32 K/V) time ours alone, a row per call, the peers
# unsupported; their ratios are recomputed from the TSV, a window's GFLOP/s and GB/s count only
# what its rows see, and every malformed option or pairing is refused. The first prefill,
# causal and decode cases get a scaling line (parallel efficiency and the plan model). bf16 Q
# and O: a plain case (oneDNN in bf16, the fp32-only peers skipped with a reason) and its paired
# forms (f32>= against all-f32, qof32>= against f32 Q/O on the same cache).
# Timing figures on a shared machine are not checked against targets, only for sense.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s "$BUILD/mha-bench" "$BUILD/libmha.so" "$BUILD/libmha_default.so" ggml-fetch >/dev/null ||
  { echo "FAIL build mha-bench"; exit 1; }
. "$(dirname "$0")/lib.sh"
B=("$BUILD/mha-bench" --min-time 0.01 --reps 2 --peak-budget 1)

cat >"$tmp/c.txt" <<'C'
# case B Hq Hkv Nq Nk d causal threads targets
tiny   1  4  2  64  100  64  0  0  peak>=0.01  onednn>=0.0001
tinyc  1  4  4  64   64  32  1  1  onednn>=0.0001
dec    1  8  2   1  512  64  1  0  bw>=0.01
deckv  1  8  2   1  512  64  1  0  kv=f16  bw>=0.01  ggml>=0.0001
mem    1  4  4 512  512  64  0  0  mem<=50
C
"${B[@]}" --cases "$tmp/c.txt" --results "$tmp/r" >"$tmp/out" 2>"$tmp/err"
rc=$?
d=$(ls -d "$tmp"/r/*/ 2>/dev/null | head -1)
[[ $rc == 0 && -n "$d" ]] && ok "a run exits 0 and makes the machine's folder" || { bad "run (rc $rc)"; cat "$tmp/err"; }
tsv="$d/bench.tsv"
[[ "$(head -1 "$tsv" 2>/dev/null)" == $'# case\timpl\tstatus\tmedian_s\tcv\tgflops\tgbs_kv\ttargets\tdetail' ]] &&
  ok "bench.tsv header" || bad "bench.tsv header"
n=$(awk -F'\t' '!/^#/' "$tsv" | wc -l)
[[ $n == 17 ]] && ok "4 implementations x 4 timed cases + 1 memory row" || bad "rows: $n"
bad_ok=$(awk -F'\t' '!/^#/ && $3 == "ok" && $1 !~ /^mem/ && !($4 > 0 && $6 > 0)' "$tsv")
[[ -z "$bad_ok" ]] && ok "ok rows have a positive median and GFLOP/s" || bad "ok rows: $bad_ok"
[[ $(awk -F'\t' '$1 ~ /^tiny\// && $2 == "mhatune" && $3 == "ok"' "$tsv" | wc -l) == 1 ]] &&
  ok "ours measured on tiny" || bad "ours on tiny"
# The oneDNN ratio of tiny, recomputed from the TSV, is what the targets column says.
# (Rates in the TSV are rounded to 0.01 GFLOP/s: the ratios agree within 3 %.)
want=$(awk -F'\t' '$1 ~ /^tiny\// { m[$2] = $4 } END { if (m["mhatune"] > 0) printf "%.4f", m["onednn"] / m["mhatune"] }' "$tsv")
got=$(awk -F'\t' '$1 ~ /^tiny\// && $2 == "mhatune"' "$tsv" | grep -o 'onednn>=0.0001x: [0-9.]*' | awk '{ print $2 }')
[[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$got" 'BEGIN { exit !(a > 0 && b / a > 0.97 && b / a < 1.03) }' &&
  ok "ratio to oneDNN ($got) from the measured medians" ||
  bad "ratio to oneDNN: want $want got $got"
grep -q 'bw>=0.01%: [0-9.]*% of [0-9.]* GB/s met' "$d/bench.md" && ok "decode judged on bandwidth" || bad "decode target"
# An f16 cache: its GB/s count 2 bytes a value (B 1, Hkv 2, Nk 512, d 64: 2 x 131072 bytes).
awk -F'\t' '$1 ~ /^deckv\/.*\/kv-f16$/ && $2 == "mhatune" && $3 == "ok" { g = 262144 / $4 * 1e-9; found = 1
  if ($7 < 0.99 * g - 0.01 || $7 > 1.01 * g + 0.01) bad = 1 } END { exit !found || bad }' "$tsv" &&
  ok "an f16 cache is read in f16 bytes" || bad "f16 bytes: $(grep deckv "$tsv" | head -1)"
if grep -q 'ggml not available' "$tmp/err"; then
  echo "note ggml is not available here: $(grep 'ggml not available' "$tmp/err")"
  awk -F'\t' '$2 == "ggml" && $1 !~ /^mem/ && !($3 == "unsupported" && $9 ~ /ggml not available/) { bad = 1 } END { exit bad }' "$tsv" &&
    grep -q 'ggml>=0.0001x: 0.00x MISSED' "$d/bench.md" && ok "no ggml: its rows say why, its target is missed" ||
    bad "no ggml rows"
else
  want=$(awk -F'\t' '$1 ~ /^deckv\// { m[$2] = $4 } END { if (m["mhatune"] > 0) printf "%.4f", m["ggml"] / m["mhatune"] }' "$tsv")
  got=$(awk -F'\t' '$1 ~ /^deckv\// && $2 == "mhatune"' "$tsv" | grep -o 'ggml>=0.0001x: [0-9.]*' | awk '{ print $2 }')
  # bench.md prints the ratio to two decimals: within 3%, or within that rounding.
  [[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$got" 'BEGIN { d = b - a; if (d < 0) d = -d; exit !(a > 0 && (d / a < 0.03 || d <= 0.0051)) }' &&
    ok "ratio to ggml ($got: its time over ours) from the measured medians" || bad "ratio to ggml: want $want got $got"
  grep -q 'ggml column is ggml [0-9.]* (commit [0-9a-f]*) of @node-llama-cpp/linux-x64 3.22.1' "$d/bench.md" &&
    ok "bench.md names ggml's version and package" || bad "bench.md: $(grep -o 'ggml column is [^.]*' "$d/bench.md")"
fi
# The peak target names the peak measured just before the case, and its percentage is ours
# over that figure.
pk=$(awk -F'\t' '$1 ~ /^tiny\// && $2 == "mhatune" { print $6, $8 }' "$tsv" | sed 's/ peak>=0.01%: \([0-9.]*\)% of \([0-9.]*\) .*/ \1 \2/')
awk -v s="$pk" 'BEGIN { split(s, a, " "); exit !(a[3] > 0 && a[2] > 0 && 100 * a[1] / a[3] / a[2] > 0.97 && 100 * a[1] / a[3] / a[2] < 1.03) }' &&
  ok "peak target: ours over the peak it names ($pk)" || bad "peak target: '$pk'"
mem=$(awk -F'\t' '$1 ~ /^mem\// && $2 == "mhatune" { print $3, $8 }' "$tsv")
[[ "$mem" == ok\ mem\<=50%:\ *%\ met ]] && ok "memory case: $mem" || bad "memory case: $mem"
grep -q '^[0-9]* of 7 targets met' "$d/bench.md" && ok "the summary counts 7 targets" || bad "summary line"
[[ -s "$d/gbench-bench.json" ]] && grep -q '"benchmarks"' "$d/gbench-bench.json" && ok "Google Benchmark JSON" ||
  bad "gbench JSON"
[[ -z "$(find "$tmp/r" -name '*.tmp.*')" ]] && ok "no temporary files left" || bad "temporary files left"

# Scaling: the first prefill, causal and decode cases (all cores) get a line each: threads = 0
# against threads = 1 through libmha.so, and the plan model's critical path for the call;
# a case of another name, or on one thread, gets none.
cat >"$tmp/s.txt" <<'C'
prefill  1  4  2  64  100  64  0  0  peak>=0.01
prefill  1  4  4  64   64  64  0  0  peak>=0.01
causal   1  4  4  64   64  32  1  0  onednn>=0.0001
decode   1  8  2   1  512  64  1  0  bw>=0.01
other    1  4  4  64   64  64  0  0  peak>=0.01
C
"${B[@]}" --cases "$tmp/s.txt" --results "$tmp/rs" >"$tmp/outs" 2>"$tmp/errs"
line='^- scaling %s/[^:]*: [0-9]+ threads [0-9]+ us, 1 thread [0-9]+ us: parallel efficiency [0-9]+%%; plan: [0-9]+ tasks \([0-9]+ key splits\) for [0-9]+ threads, modeled critical path [0-9.]+ x ideal$'
for k in prefill causal decode; do
  grep -qE "$(printf "$line" "$k")" "$tmp/outs" && ok "a scaling line for $k" || bad "no scaling line for $k: $(grep scaling "$tmp/outs" "$tmp/errs")"
done
[[ $(grep -c '^- scaling ' "$tmp/outs") == 3 ]] && ! grep -q '^- scaling other' "$tmp/outs" &&
  ok "one scaling line per kind, the first case of each" || bad "scaling lines: $(grep '^- scaling' "$tmp/outs")"
[[ $(grep -c '^- scaling ' "$d/bench.md") == 0 ]] && ok "no scaling line for cases of other names" || bad "scaling in the first run"

# --strict: exit 1 exactly when a target is missed.
printf 'tiny 1 4 4 64 64 64 0 0 peak>=1000\n' >"$tmp/miss.txt"
"${B[@]}" --cases "$tmp/miss.txt" --results "$tmp/r2" >/dev/null 2>&1
rc1=$?
"${B[@]}" --strict --cases "$tmp/miss.txt" --results "$tmp/r2" >"$tmp/out2" 2>&1
rc2=$?
[[ $rc1 == 0 && $rc2 == 1 ]] && grep -q 'MISSED' "$tmp/out2" && ok "a missed target: 0 by default, 1 with --strict" ||
  bad "strict: $rc1 $rc2"

# A malformed line is refused by file and line, and nothing is written.
printf 'tiny 1 4 4 64 64 64 0 0 peak>=75\nbad 1 4 3 64 64 64 0 0 peak>=75\n' >"$tmp/bad.txt"
"${B[@]}" --cases "$tmp/bad.txt" --results "$tmp/r3" >/dev/null 2>"$tmp/err3"
rc=$?
[[ $rc != 0 ]] && grep -q "bad.txt:2:" "$tmp/err3" && [[ ! -e "$tmp/r3" ]] &&
  ok "a malformed cases file: refused at line 2, nothing written" || bad "malformed file (rc $rc)"
printf 'x 1 4 4 64 64 64 0 0 speed>=2\n' >"$tmp/bad2.txt"
"${B[@]}" --cases "$tmp/bad2.txt" --results "$tmp/r3" >/dev/null 2>&1 && bad "an unknown target is accepted" ||
  ok "an unknown target is refused"
printf 'x 1 4 4 1 64 80 0 0 kv=q8_0 bw>=1\n' >"$tmp/bad3.txt"
"${B[@]}" --cases "$tmp/bad3.txt" --results "$tmp/r3" >/dev/null 2>&1 && bad "a q8_0 cache with d 80 is accepted" ||
  ok "a q8_0 cache with d 80 is refused"

# Paired cases: ours alone, each call checked against the reference before it is timed.
cat >"$tmp/p.txt" <<'C'
# case B Hq Hkv Nq Nk d causal threads options paired-target
win    1  4  2   1  300  64  1  0  window=64  speedup>=0.0001
winc   2  4  2  16  300  64  1  0  window=64 lse=1  speedup>=0.0001
off    1  4  4  64   64  32  1  1  lens=64 strides=packed lse=1 window=64 alibi=0  cost<=100000
empty  1  4  4   4   64  32  1  0  lens=0 lse=1  speedup>=0.0001
cap    1  4  2   1  200  64  1  0  kvcap=400  cost<=100000
capc   1  4  2  32  200  64  1  0  kv=f16 kvcap=256  cost<=100000
unt    1  8  2   1  512  64  1  0  untuned<=1000
f16    1  4  4  64   64  64  0  0  kv=f16  f32>=0.0001
C
# (A call that never returns must fail this test, not hang it.)
timeout 300 "${B[@]}" --cases "$tmp/p.txt" --results "$tmp/rp" >"$tmp/outp" 2>"$tmp/errp"
rc=$?
tsv=$(ls -d "$tmp"/rp/*/ 2>/dev/null | head -1)bench.tsv
[[ $rc == 0 && -s "$tsv" ]] && ok "a run of paired cases exits 0" || { bad "paired run (rc $rc)"; cat "$tmp/errp"; }
n=$(awk -F'\t' '!/^#/' "$tsv" | wc -l)
[[ $n == 40 ]] && ok "8 paired cases x (2 calls + 3 peers)" || bad "paired rows: $n"
notok=$(awk -F'\t' '$2 ~ /^mhatune/ && !($3 == "ok" && $4 > 0 && ($6 > 0 || $1 ~ /^empty\//))' "$tsv")
[[ -z "$notok" ]] && ok "every call of ours checked and timed" || bad "paired calls: $notok"
awk -F'\t' '!/^#/ && $2 !~ /^mhatune/ { n++; if ($1 ~ /^(unt|f16)\// ? $3 != "-" : $3 != "unsupported") bad = 1 }
  END { exit !(n == 24 && !bad) }' "$tsv" && ok "the peers: unsupported with a 0.2 field, not timed without" ||
  bad "peer rows: $(awk -F'\t' '!/^#/ && $2 !~ /^mhatune/ { print $1, $2, $3 }' "$tsv" | head -3)"
# The ratio a paired target states is the paired call's median over ours.
for c in win:mhatune-plain:speedup unt:mhatune-untuned:untuned f16:mhatune-f32:f32; do
  IFS=: read -r name peer tgt <<<"$c"
  want=$(awk -F'\t' -v c="$name" -v p="$peer" '$1 ~ "^" c "/" { m[$2] = $4 } END { if (m["mhatune"] > 0) printf "%.6f", m[p] / m["mhatune"] }' "$tsv")
  got=$(awk -F'\t' -v c="$name" '$1 ~ "^" c "/" && $2 == "mhatune"' "$tsv" | grep -o "$tgt[<>]=[0-9.]*[x%]: [0-9.]*" | awk '{ print $2 }')
  r=$got
  [[ $tgt == f32 && -n "$got" ]] && r=$(awk -v g="$got" 'BEGIN { printf "%.6f", g / 100 }')
  [[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$r" 'BEGIN { d = b - a; if (d < 0) d = -d; exit !(a > 0 && (d / a < 0.03 || d <= 0.0051)) }' &&
    ok "$tgt on $name ($got) from the measured medians" || bad "$tgt on $name: want $want got $got"
done
want=$(awk -F'\t' '$1 ~ /^cap\// { m[$2] = $4 } END { if (m["mhatune-plain"] > 0) printf "%.4f", 100 * (m["mhatune"] / m["mhatune-plain"] - 1) }' "$tsv")
got=$(awk -F'\t' '$1 ~ /^cap\// && $2 == "mhatune"' "$tsv" | grep -o 'cost<=100000%: [-+][0-9.]*% met' | sed 's/.*: \([-+0-9.]*\)%.*/\1/')
[[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$got" 'BEGIN { d = b - a; exit !(d < 0.06 && d > -0.06) }' &&
  ok "cost on cap ($got %) from the measured medians" || bad "cost on cap: want $want got $got"
# A window's figures count what its rows see: one query row, 64 of 300 keys, 4 heads of d 64
# (4 d a pair: 65536 FLOPs), K and V 64 rows x 2 heads x 256 bytes each (65536 bytes).
awk -F'\t' '$1 ~ /^win\// && $2 == "mhatune" && $3 == "ok" { f = 65536 / $4 * 1e-9; found = 1
  if ($6 < 0.99 * f - 0.01 || $6 > 1.01 * f + 0.01 || $7 < 0.99 * f - 0.01 || $7 > 1.01 * f + 0.01) bad = 1 }
  END { exit !found || bad }' "$tsv" && ok "a window's GFLOP/s and GB/s count the keys its row sees" ||
  bad "window figures: $(grep '^win/' "$tsv" | head -1)"
grep -q '^| win: the plain call | B1 Hq4 Hkv2 Nq1 Nk300 d64 causal |' "$tmp/outp" &&
  grep -q '^| win | B1 Hq4 Hkv2 Nq1 Nk300 d64 causal window 64 | all | [0-9.]* GB/s, [0-9]* us | unsupported |' "$tmp/outp" &&
  ok "bench.md: the windowed call, the plain call under it" || bad "paired table: $(grep '^| win' "$tmp/outp")"
grep -q 'mhatune-untuned: libmha_default.so: ' "$tmp/outp" && ok "the untuned call runs the default library" ||
  bad "untuned detail"
grep -q '^[0-9]* of 8 targets met' "$tmp/outp" && ok "the summary counts the paired targets" || bad "paired summary"

# bf16 Q and O: a plain case (oneDNN in bf16, the fp32-only peers skipped with a reason), and the
# paired forms: ours in bf16 against ours all in f32 (f32>=), bf16 Q/O on an f16 cache against
# f32 Q/O on the same cache (qof32>=); each call checked first, the ratios from the medians.
cat >"$tmp/q.txt" <<'C'
bqp    1  4  4  64   64  64  0  0  kv=bf16 qo=bf16  onednn>=0.0001
bq     1  4  4  64   64  64  0  0  kv=bf16 qo=bf16  f32>=0.0001
bd     1  8  2   1  512  64  1  0  kv=f16 qo=bf16  qof32>=0.0001
C
timeout 300 "${B[@]}" --cases "$tmp/q.txt" --results "$tmp/rq" >"$tmp/outq" 2>"$tmp/errq"
rc=$?
tq=$(ls -d "$tmp"/rq/*/ 2>/dev/null | head -1)bench.tsv
[[ $rc == 0 && -s "$tq" ]] && ok "a run of bf16 Q/O cases exits 0" || { bad "qo run (rc $rc)"; cat "$tmp/errq"; }
awk -F'\t' '$1 ~ /^bqp\/.*\/kv-bf16\/qo-bf16$/ { s[$2] = $3; d[$2] = $9 }
  END { exit !(s["mhatune"] == "ok" && s["onednn"] == "ok" && d["onednn"] ~ /in bf16/ &&
    s["openblas"] == "unsupported" && d["openblas"] == "openblas takes no bf16 Q/O" && s["ggml"] == "unsupported") }' "$tq" &&
  ok "bf16 plain case: ours and oneDNN in bf16 ok, OpenBLAS and ggml skipped with a reason" ||
  bad "bf16 plain rows: $(grep '^bqp/' "$tq" | cut -f2,3,9)"
for c in bq:mhatune-f32:f32 bd:mhatune-qof32:qof32; do
  IFS=: read -r name peer tgt <<<"$c"
  want=$(awk -F'\t' -v c="$name" -v p="$peer" '$1 ~ "^" c "/" && $3 == "ok" { m[$2] = $4 } END { if (m["mhatune"] > 0 && m[p] > 0) printf "%.6f", m[p] / m["mhatune"] }' "$tq")
  got=$(awk -F'\t' -v c="$name" '$1 ~ "^" c "/" && $2 == "mhatune"' "$tq" | grep -o "$tgt>=[0-9.]*%: [0-9.]*" | awk '{ printf "%.6f", $2 / 100 }')
  [[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$got" 'BEGIN { d = b - a; if (d < 0) d = -d; exit !(a > 0 && (d / a < 0.03 || d <= 0.0051)) }' &&
    ok "$tgt on $name ($got) from the measured medians, both calls checked" || bad "$tgt on $name: want $want got $got: $(grep "^$name/" "$tq" | cut -f2,3,9)"
done
grep -q '^| bd: f32 Q/O | B1 Hq8 Hkv2 Nq1 Nk512 d64 causal kv f16 |' "$tmp/outq" &&
  grep -q '^| bq: all f32 | B1 Hq4 Hkv4 Nq64 Nk64 d64 |' "$tmp/outq" && grep -q '^| bq | B1 Hq4 Hkv4 Nq64 Nk64 d64 kv bf16 qo bf16 |' "$tmp/outq" &&
  ok "bench.md: the bf16 calls and the f32 calls under them" || bad "qo table: $(grep '^| b[qd]' "$tmp/outq")"

# Every malformed option or pairing is refused, by line, naming the options.
i=0
while read -r line; do
  i=$((i + 1))
  printf '%s\n' "$line" >"$tmp/badp.txt"
  if "${B[@]}" --cases "$tmp/badp.txt" --results "$tmp/r4" >/dev/null 2>"$tmp/err4" || ! grep -q 'badp.txt:1: .*window=W' "$tmp/err4"; then
    bad "refused: $line"
  fi
done <<'C'
x 1 4 4 1 64 64 0 0 window=8 speedup>=1
x 1 4 4 1 64 64 1 0 window=0 speedup>=1
x 1 4 4 1 64 64 1 0 window=8 bw>=1
x 1 4 4 1 64 64 1 0 window=8 speedup>=1 bw>=1
x 1 4 4 1 64 64 1 0 speedup>=1
x 1 4 4 1 64 64 1 0 cost<=1
x 1 4 4 1 64 64 1 0 f32>=90
x 1 4 4 1 64 64 1 0 kv=f16 lse=1 f32>=90
x 1 4 4 1 64 64 1 0 lens=65 cost<=1
x 1 4 4 1 64 64 1 0 lens=-1 cost<=1
x 1 4 4 1 64 64 1 0 kvcap=63 cost<=1
x 1 4 4 1 64 64 1 0 strides=bshd cost<=1
x 1 4 4 1 64 64 1 0 lse=2 cost<=1
x 1 4 4 1 64 64 1 0 alibi=nan cost<=1
x 1 4 4 1 64 64 1 0 alibi=0 mem<=1
x 1 4 4 1 64 64 1 0 window=8 untuned<=0
x 1 4 4 1 64 64 1 0 qo=f32 f32>=90
x 1 4 4 1 64 64 1 0 qo=q8_0 f32>=90
x 1 4 4 1 64 64 1 0 qof32>=90
x 1 4 4 1 64 64 1 0 kv=f16 qof32>=90
x 1 4 4 1 64 64 1 0 qo=bf16 lse=1 qof32>=90
x 1 4 4 64 64 64 0 0 qo=bf16 mem<=1
C
[[ $i == 22 && ! -e "$tmp/r4" ]] && ok "22 malformed paired lines refused, nothing written" || bad "malformed paired lines ($i)"

# ---- issue 17's layer rows, tiny: a GEMM with tails against oneDNN and the peak; a GQA RoPE
# layer against the composite (torch has no RoPE: unsupported, saying so); an MHA layer with
# biases against torch (or torch left out, saying why); a decoding step against its bound ----
cat >"$tmp/l.txt" <<'C'
gemm   37  53  29  1  peak>=0.001  sgemm>=0.0001
layer  e64h4k2r  24  1  1  composite>=0.0001 torch>=0.0001
layer  e64h4k4b  24  1  1  torch>=0.0001
step   e64h4k2r  100  1  bound<=100000
C
"${B[@]}" --cases "$tmp/l.txt" --results "$tmp/rl" >"$tmp/outl" 2>"$tmp/errl"
rc=$?
tl=$(ls "$tmp"/rl/*/bench.tsv 2>/dev/null | head -1)
[[ $rc == 0 && -n "$tl" ]] && ok "layer rows: a run" || { bad "layer rows: rc $rc"; tail -5 "$tmp/errl"; }
G=gemm/M37/N53/K29/t1 LG=layer/e64h4k2r/N24/c1/t1 LT=layer/e64h4k4b/N24/c1/t1 S=step/e64h4k2r/cache100/t1
[[ "$(awk -F'\t' '!/^#/ { printf "%s:%s ", $1, $2 }' "$tl")" == "$G:mhatune $G:onednn $LG:mhatune $LG:composite $LG:torch $LT:mhatune $LT:composite $LT:torch $S:mhatune " ]] &&
  ok "layer rows: a row per implementation, in order" || bad "layer rows: $(cut -f1,2 "$tl" | tr '\n' ' ')"
[[ $(awk -F'\t' -v g="$G" -v a="$LG" -v b="$LT" -v s="$S" '($1 == g || $1 == s || (($1 == a || $1 == b) && $2 != "torch")) && $3 == "ok" && $4 > 0' "$tl" | wc -l) == 7 ]] &&
  ok "layer rows: ours, oneDNN's matmul and the composite checked and timed" || bad "layer rows: $(awk -F'\t' '$3 != "ok" { print $1, $2, $9 }' "$tl")"
awk -F'\t' -v a="$LG" '$1 == a && $2 == "torch" && $3 == "unsupported" && $9 ~ /has no RoPE/ { f = 1 } END { exit !f }' "$tl" &&
  grep -q 'torch>=0.0001: 0.00x, MISSED' "$tmp/outl" && ok "torch on a RoPE layer: unsupported, saying why, its target missed" ||
  bad "torch on RoPE: $(awk -F'\t' -v a="$LG" '$1 == a && $2 == "torch"' "$tl")"
# Each ratio recomputed from the medians in the TSV: the peer's time over ours.
for pair in "$G onednn sgemm" "$LG composite composite"; do
  read -r key peer tgt <<<"$pair"
  want=$(awk -F'\t' -v k="$key" -v p="$peer" '$1 == k { m[$2] = $4 } END { if (m["mhatune"] > 0) printf "%.4f", m[p] / m["mhatune"] }' "$tl")
  got=$(awk -F'\t' -v k="$key" '$1 == k && $2 == "mhatune"' "$tl" | grep -o "$tgt>=0.0001: [0-9.]*" | awk '{ print $2 }')
  [[ -n "$want" && -n "$got" ]] && awk -v a="$want" -v b="$got" 'BEGIN { d = b - a; if (d < 0) d = -d; exit !(a > 0 && (d / a < 0.03 || d <= 0.0051)) }' &&
    ok "$tgt ratio ($got) from the medians" || bad "$tgt ratio: want $want got $got"
done
# The GEMM's GFLOP/s: 2 M N K over the median; its peak target ours over the peak it names.
awk -F'\t' -v g="$G" '$1 == g && $3 == "ok" { f = 2 * 37 * 53 * 29 / $4 * 1e-9; n++; if ($6 < 0.99 * f - 0.01 || $6 > 1.01 * f + 0.01) bad = 1 } END { exit n != 2 || bad }' "$tl" &&
  ok "GEMM GFLOP/s are 2 M N K over the median" || bad "GEMM GFLOP/s: $(grep "^$G" "$tl" | cut -f2,4,6)"
pk=$(awk -F'\t' -v g="$G" '$1 == g && $2 == "mhatune" { print $6, $8 }' "$tl" | sed 's/ peak>=0.001: \([0-9.]*\)% of \([0-9.]*\) .*/ \1 \2/')
awk -v s="$pk" 'BEGIN { split(s, a, " "); exit !(a[3] > 0 && a[2] > 0 && 100 * a[1] / a[3] / a[2] > 0.97 && 100 * a[1] / a[3] / a[2] < 1.03) }' &&
  ok "GEMM peak target: ours over the peak it names ($pk)" || bad "GEMM peak target: '$pk'"
# The step's bytes: weights (8 x 16 x 64 + 64 x 64 floats) and the cache (K and V, 2 heads x 101 rows x 16).
awk -F'\t' -v s="$S" '$1 == s && $3 == "ok" { b = 4 * (8 * 16 * 64 + 64 * 64) + 4 * 2 * 2 * 101 * 16; g = b / $4 * 1e-9; f = 1
  if ($7 < 0.99 * g - 0.01 || $7 > 1.01 * g + 0.01) bad = 1
  if (!match($8, /: [0-9.]+% of the bound \([0-9.]+ GB\/s\)/)) { bad = 1; next }
  split(substr($8, RSTART + 2, RLENGTH - 2), t, /% of the bound \(| GB/); if (t[1] <= 0 || t[2] <= 0) bad = 1
  p = 100 * $4 / (b / (t[2] * 1e9)); if (t[1] < 0.97 * p || t[1] > 1.03 * p) bad = 1 } END { exit !f || bad }' "$tl" &&
  ok "step: GB/s of its weights and cache, its bound from the bandwidth it names" || bad "step: $(grep "^$S" "$tl")"
grep -q '^| layer | e64h4k2r layer, 24 tokens, causal | 1 | [0-9.]* ms, [0-9.]* GFLOP/s | composite: [0-9.]* ms' "$tmp/outl" &&
  grep -q '^| gemm | C = A W^T, M 37, N 53, K 29 | 1 | [0-9.]* GFLOP/s | [0-9.]* GFLOP/s |' "$tmp/outl" &&
  grep -q "^- $G, mhatune: gemm_" "$tmp/outl" && ok "bench.md: the layer rows, and the GEMM kernel that ran" ||
  bad "bench.md layer rows: $(grep -E '^\| (gemm|layer|step) ' "$tmp/outl")"
if awk -F'\t' -v b="$LT" '$1 == b && $2 == "torch" && $3 == "ok"' "$tl" | grep -q .; then
  awk -F'\t' -v b="$LT" '$1 == b && $2 == "torch" && $4 > 0 && $9 ~ /^torch.nn.MultiheadAttention, torch [0-9]/' "$tl" | grep -q . &&
    ok "torch: checked against the reference, timed, its version named" || bad "torch row: $(grep "^$LT.*torch" "$tl")"
else
  echo "note torch is not here: $(awk -F'\t' -v b="$LT" '$1 == b && $2 == "torch" { print $9 }' "$tl")"
fi
# Without torch: the row says it is left out and how to install it, and the rest is measured.
MHA_TORCH_PYTHON=/nonexistent/python3 "${B[@]}" --cases "$tmp/l.txt" --results "$tmp/rl2" >"$tmp/outl2" 2>&1
tl2=$(ls "$tmp"/rl2/*/bench.tsv 2>/dev/null | head -1)
awk -F'\t' -v b="$LT" '$1 == b && $2 == "torch" && $3 == "unsupported" && $9 ~ /left out: .*cannot run.*deps.sh --torch/ { f = 1 } END { exit !f }' "$tl2" 2>/dev/null &&
  [[ $(awk -F'\t' -v b="$LT" '$1 == b && $2 != "torch" && $3 == "ok"' "$tl2" | wc -l) == 2 ]] &&
  ok "torch absent: left out with a message, the others measured" || bad "torch absent: $(grep "^$LT" "$tl2" 2>/dev/null | cut -f2,3,9)"
# Malformed layer lines are refused by line, naming the forms.
i=0
while read -r line; do
  i=$((i + 1))
  printf '%s\n' "$line" >"$tmp/badl.txt"
  if "${B[@]}" --cases "$tmp/badl.txt" --results "$tmp/r5" >/dev/null 2>"$tmp/err5" || ! grep -q "badl.txt:1: expected 'gemm M N K threads'" "$tmp/err5"; then
    bad "refused: $line"
  fi
done <<'C'
gemm 0 8 8 1 peak>=1
gemm 8 8 8 1
gemm 8 8 8 1 composite>=1
layer nosuch 8 0 1 torch>=1
layer e64h4k3 8 0 1 torch>=1
layer bert-base 8 2 1 torch>=1
step llama2-7b 100 1 peak>=1
step llama2-7b -1 1 bound<=100
C
[[ $i == 8 && ! -e "$tmp/r5" ]] && ok "8 malformed layer lines refused, nothing written" || bad "malformed layer lines ($i)"

echo "$pass passed, $fail failed"
((fail == 0))
