#!/usr/bin/env bash
# test_gen.sh: the generator's own behaviour: template errors name file:line and fail,
# the constraints refuse invalid variants, generated C carries a banner and #line
# directives so a C error points into the template.
set -u
GEN=${MHAGEN:-build/gen/mhagen}
. "$(dirname "$0")/lib.sh"

# Copy the templates and break one line of the kernel template at a known line.
broken() { # $1 = line number, $2 = replacement line
  rm -rf "$tmp/t" && cp -r templates "$tmp/t"
  awk -v n="$1" -v s="$2" 'NR == n { print s; next } { print }' templates/attn_f32.ct >"$tmp/t/attn_f32.ct"
}
line=$(grep -n 'const int nq = t->nq, nk = t->nk;' templates/attn_f32.ct | cut -d: -f1)

broken "$line" '@ local x = = 1'
if "$GEN" -t "$tmp/t" -o "$tmp/o1" --only attn_f32_avx2_d64_g1_q32_k64_r4x2 2>"$tmp/err"; then
  bad "a Lua syntax error in a template fails the generator"
elif grep -q "attn_f32.ct:$line:" "$tmp/err"; then ok "a Lua syntax error reports attn_f32.ct:$line"
else bad "syntax error message lacks attn_f32.ct:$line: $(cat "$tmp/err")"; fi

broken "$line" '  const int nq = $(NO_SUCH_PARAM);'
if "$GEN" -t "$tmp/t" -o "$tmp/o2" --only attn_f32_avx2_d64_g1_q32_k64_r4x2 2>"$tmp/err"; then
  bad "an undefined template name fails the generator"
elif grep -q "attn_f32.ct:$line: undefined name 'NO_SUCH_PARAM'" "$tmp/err"; then
  ok "an undefined name reports attn_f32.ct:$line and the name"
else bad "undefined-name message: $(cat "$tmp/err")"; fi

broken "$line" '  const int nq = t->nq, nk = t->nk, oops = ;'
if ! "$GEN" -t "$tmp/t" -o "$tmp/o3" --only attn_f32_avx2_d64_g1_q32_k64_r4x2 >/dev/null 2>"$tmp/err"; then
  bad "a C error in the template still generates ($(cat "$tmp/err"))"
elif ${CC:-cc} -std=c11 -Ituned -c "$tmp/o3/kernels/attn_f32_avx2_d64_g1_q32_k64_r4x2.c" -o "$tmp/x.o" 2>"$tmp/cerr"; then
  bad "the broken C compiled"
elif grep -q "attn_f32.ct:$line" "$tmp/cerr"; then ok "the C compiler's error points at attn_f32.ct:$line (#line)"
else bad "C error does not point into the template: $(head -3 "$tmp/cerr")"; fi

# The constraints refuse an invalid combination and say why.
if "$GEN" -t templates -o "$tmp/o4" --only attn_f32_avx2_d64_g1_q32_k64_r8x4 2>"$tmp/err"; then
  bad "an 8x4 register block on AVX2 (16 registers) was generated"
elif grep -q "refused attn_f32_avx2_d64_g1_q32_k64_r8x4: register block 8x4 needs 37 registers, avx2 has 16" "$tmp/err"; then
  ok "the register constraint refuses 8x4 on AVX2"
else bad "refusal message: $(cat "$tmp/err")"; fi
if "$GEN" -t templates -o "$tmp/o5" --only attn_f32_avx512_d80_g1_q32_k64_r8x2 >/dev/null 2>&1 &&
  ! "$GEN" -t templates -o "$tmp/o6" --only attn_f32_avx512_dany_g4_q16_k64_r8x2 2>/dev/null; then
  ok "a valid variant generates; an any-d variant with g=4 is refused"
else bad "valid/invalid single-variant generation"; fi
# GEMM names too: a valid one generates its kernel with a banner and #line into gemm_f32.ct;
# a register block past the ISA's registers is refused with the reason.
if "$GEN" -t templates -o "$tmp/g1" --only gemm_f32_avx2_r6x2_kc128_mc120_nc256 >/dev/null 2>&1 &&
  grep -q 'DO NOT EDIT' "$tmp/g1/kernels/gemm_f32_avx2_r6x2_kc128_mc120_nc256.c" &&
  grep -q '#line [0-9]* "templates/gemm_f32.ct"' "$tmp/g1/kernels/gemm_f32_avx2_r6x2_kc128_mc120_nc256.c"; then
  ok "a GEMM variant generates alone (--only), with banner and #line"
else bad "--only with a GEMM name"; fi
if "$GEN" -t templates -o "$tmp/g2" --only gemm_f32_avx2_r8x2_kc128_mc128_nc256 2>"$tmp/err"; then
  bad "an 8x2 GEMM block on AVX2 (19 registers of 16) was generated"
elif grep -q "register block 8x2 needs 19 registers, avx2 has 16" "$tmp/err"; then
  ok "the GEMM register constraint refuses 8x2 on AVX2"
else bad "GEMM refusal message: $(cat "$tmp/err")"; fi
if "$GEN" -t templates -o "$tmp/o7" --only attn_f32_sse9_d64_g1_q32_k64_r4x2 2>"$tmp/err"; then
  bad "an unknown ISA name was accepted"
else ok "an unknown variant name is refused: $(cat "$tmp/err")"; fi

# The full space: hundreds of variants, every one in the manifest, banner and #line in each.
G=build/gen
n=$(($(wc -l <"$G/manifest.tsv") - 1))
ng=$(($(wc -l <"$G/manifest_gemm.tsv") - 1))
# Each variant of the manifests has its source (a folder may also hold those of older templates).
k=$(awk -F'\t' -v g="$G" 'NR > 1 && (getline line < (g "/kernels/" $1 ".c")) > 0 { n++ } END { print n + 0 }' "$G/manifest.tsv")
kg=$(awk -F'\t' -v g="$G" 'NR > 1 && (getline line < (g "/kernels/" $1 ".c")) > 0 { n++ } END { print n + 0 }' "$G/manifest_gemm.tsv")
if [ "$n" -ge 200 ] && [ "$ng" -ge 3 ] && [ "$(grep -c . <<<"$(tr ' ' '\n' <<<"$(sed -n 's/^GEN_KERNELS := //p' "$G/kernels.mk")")")" -eq $((n + ng)) ]; then
  ok "the manifests list $n attention and $ng GEMM variants, as kernels.mk does"
else bad "manifests have $n + $ng variants, kernels.mk disagrees or too few"; fi
if [ "$kg" -eq "$ng" ] && [ "$(awk -F'\t' 'NR > 1 && $13 == "default"' "$G/manifest_gemm.tsv" | wc -l)" -ge 1 ]; then
  ok "every one of the $ng GEMM variants has its source, and the defaults are marked"
else bad "$kg of the $ng GEMM variants have a source in $G/kernels, or no default is marked"; fi
if [ "$k" -eq "$n" ]; then ok "every one of the $n variants has its source in $G/kernels"
else bad "$k of the manifest's $n variants have a source in $G/kernels"; fi

# --sample: fewer variants, still every ISA, form and head-dim class, and every default.
"$GEN" -t templates -o "$tmp/s" --sample --hash 0123456789abcdef >/dev/null
ns=$(($(wc -l <"$tmp/s/manifest.tsv") - 1))
cover() { awk -F'\t' 'NR > 1 { print $3, $10, $4 }' "$1" | sort -u; }
if [ "$ns" -gt 0 ] && [ "$ns" -lt "$n" ] && [ "$(cover "$tmp/s/manifest.tsv")" = "$(cover "$G/manifest.tsv")" ] &&
  cmp -s <(sed -n 's/^DEFAULT_KERNELS := //p' "$tmp/s/kernels.mk") <(sed -n 's/^DEFAULT_KERNELS := //p' "$G/kernels.mk"); then
  ok "--sample: $ns of $n variants, every ISA x form x head dim, the same defaults"
else bad "--sample: $ns of $n variants, coverage or defaults differ"; fi
if grep -q 'templates 0123456789abcdef' "$tmp/s/registry.c" && ! grep -q 'for machine' "$tmp/s/registry.c"; then
  ok "the banner carries the template hash make passes, and no machine id"
else bad "banner: $(head -3 "$tmp/s/registry.c")"; fi
for isa in scalar avx2 avx512; do
  c=$(awk -F'\t' -v i="$isa" 'NR > 1 && $3 == i' "$G/manifest.tsv" | wc -l)
  a=$(awk -F'\t' -v i="$isa" 'NR > 1 && $3 == i && $4 == 0' "$G/manifest.tsv" | wc -l)
  if [ "$c" -gt 0 ] && [ "$a" -gt 0 ]; then ok "$isa: $c variants, $a for any d"; else bad "$isa: $c variants, $a any-d"; fi
done
f=$(ls "$G"/kernels/*.c | head -1)
if head -1 "$f" | grep -q 'automatically generated --- DO NOT EDIT' && grep -q '^#line [0-9]* "templates/attn_[a-z0-9_]*\.ct"' "$f"; then
  ok "generated files open with the banner and carry #line into the template"
else bad "banner or #line missing in $f"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
