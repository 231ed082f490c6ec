#!/usr/bin/env bash
# test_amx_emulated.sh: the AMX form of the bf16 family (templates/attn_bf16_amx.ct) checked
# on a machine without AMX. mhagen --emulate-amx renders it with the tile operations done in
# C (isa_avx512.lua's amx_emulated: TDPBF16PS as the ISA reference defines it), so the
# template's own logic (the K^T and V pair packs, the tile blocks and their strides, the
# softmax between, tails of rows and keys, causal and the 0.2 fields) runs through
# test_variants against the double reference; what it cannot check is AMX silicon, which
# test_variants checks on a CPU that has it. Needs AVX512_BF16 (the emulation's other half);
# without it, each variant is reported as skipped by test_variants itself.
set -u
BUILD=${BUILD:-build}
GEN=${MHAGEN:-$BUILD/gen/mhagen}
CC=${CC:-cc}
. "$(dirname "$0")/lib.sh"
CFLAGS="-std=c11 -O2 -D_GNU_SOURCE -fno-math-errno -Wall -Wextra -Werror -Ituned -Iharness"

# Variants that cover both query tiles (a partial one too: tests/shapes.txt has rows that are
# not multiples of 32), both key tiles, grouping 2, and d = 32 and 128.
for v in attn_bf16_avx512_d64_g1_q32_k64_r2x2_amx attn_bf16_avx512_d128_g2_q64_k128_r2x2_amx \
         attn_bf16_avx512_d32_g1_q64_k64_r2x2_amx attn_bf16_avx512_d128_g1_q32_k128_r2x2_amx; do
  o="$tmp/$v"
  if ! "$GEN" -t templates -o "$o" --only "$v" --emulate-amx >/dev/null 2>"$tmp/err"; then
    bad "$v: mhagen --emulate-amx: $(head -3 "$tmp/err")"
    continue
  fi
  grep -q "_tile_" "$o/kernels/$v.c" && bad "$v: the emulated kernel still uses AMX intrinsics"
  # The emulated variant's registry first, then the library for everything else.
  if ! $CC $CFLAGS -I"$o" -o "$o/tv" tests/test_variants.c "$o/registry.c" "$o/kernels/$v.c" \
       "$BUILD/obj/harness/reference.o" "$BUILD/libmha_dev.a" -lcmocka -lpthread -lm 2>"$tmp/err"; then
    bad "$v: does not build: $(head -5 "$tmp/err")"
    continue
  fi
  if "$o/tv" >"$o/log" 2>&1; then
    if grep -q "skipping 1 it cannot run" "$o/log"; then ok "$v: skipped, this CPU lacks AVX512_BF16 ($(head -1 "$o/log"))"
    else ok "$v (AMX emulated): $(grep -c '^\[       OK \]' "$o/log") checks passed against the reference"; fi
  else
    bad "$v (AMX emulated): $(grep -E 'FAIL|ERROR|error' "$o/log" | head -5)"
  fi
done
echo "test_amx_emulated: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
