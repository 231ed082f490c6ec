-- isa_avx512.lua: the AVX-512 vector vocabulary (16 fp32 lanes, 32 registers).
local V = { name = "avx512", isa = "MHA__ISA_AVX512", lanes = 16, regs = 32, vt = "__m512",
  target = '__attribute__((target("avx512f,avx512dq,avx2,fma,f16c")))' }
local function f(fmt) return function(...) return string.format(fmt, ...) end end
V.load  = f "_mm512_loadu_ps(%s)"
V.loada = f "_mm512_load_ps(%s)"
V.store = f "_mm512_storeu_ps(%s, %s)"
V.storea = f "_mm512_store_ps(%s, %s)"
V.set1  = f "_mm512_set1_ps(%s)"
V.zero  = f "_mm512_setzero_ps()"
V.fma   = f "_mm512_fmadd_ps(%s, %s, %s)"   -- a * b + c
V.add   = f "_mm512_add_ps(%s, %s)"
V.sub   = f "_mm512_sub_ps(%s, %s)"
V.mul   = f "_mm512_mul_ps(%s, %s)"
V.max   = f "_mm512_max_ps(%s, %s)"
V.min   = f "_mm512_min_ps(%s, %s)"
V.div   = f "_mm512_div_ps(%s, %s)"
V.iota  = "_mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)" -- lane n holds n
V.hmax  = f "_mm512_reduce_max_ps(%s)"
V.hsum  = f "_mm512_reduce_add_ps(%s)"
V.exp2  = f "mha__exp2_avx512(%s)"
V.exp   = f "mha__exp_avx512(%s)"
-- widen[type](row, c): elements c .. c+15 of a K/V row (bytes; kv.lua) as fp32. F16 by
-- vcvtph2ps, BF16 by a 16-bit shift, Q8_0 sign-extended int8 times the block's scale (c is a
-- multiple of 16, so the 16 lie in one block of 32).
local u16 = "_mm256_loadu_si256((const __m256i *)((const uint16_t *)(%s) + (%s)))"
V.widen = {
  f32 = f "_mm512_loadu_ps((const float *)(%s) + (%s))",
  f16 = f("_mm512_cvtph_ps(" .. u16 .. ")"),
  bf16 = f("_mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(" .. u16 .. "), 16))"),
  q8_0 = f "mha__q8_avx512(%s, %s)",
}
-- bf16: the AVX512_BF16 products (VDPBF16PS) for kernels that multiply in bf16. An operand is
-- a vector of 16 pairs of bf16 (32-bit lanes, the lower half first); dp(acc, a, b) adds
-- a.lo * b.lo + a.hi * b.hi to each fp32 lane of acc. needs: the CPU features past AVX-512F
-- (MHA__CPU_* of mha_internal.h) a kernel that uses them must have.
V.bf16 = {
  target = '__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16,avx2,fma,f16c")))',
  needs = "MHA__CPU_AVX512BW | MHA__CPU_AVX512VL | MHA__CPU_AVX512_BF16",
  vt = "__m512i",
  dp = f "_mm512_dpbf16_ps(%s, (__m512bh)(%s), (__m512bh)(%s))",
  load = f "_mm512_loadu_si512((const void *)(%s))",
  store = f "_mm512_storeu_si512((void *)(%s), %s)",
  bcast = f "_mm512_set1_epi32(mha__ld32(%s))", -- the pair at a (2-byte aligned) address
  zero = "_mm512_setzero_si512()",
  -- pairs(p0, p1): lane i = (p0[i] rounded, p1[i] rounded): keys j and j+1 of 16 rows.
  pairs = f "mha__pairs_avx512bf16(%s, %s)",
  -- cat(p0, p1): 32 bf16, p0's 16 rounded then p1's (a row of 32 keys).
  cat = function(p0, p1) return string.format("((__m512i)_mm512_cvtne2ps_pbh(%s, %s))", p1, p0) end,
  -- widen2(row, c): the 16 bf16 at row + c (uint16_t *) as the lower halves of 16 lanes;
  -- interleave(lo, hi) = lo | hi << 16 for two such.
  widen2 = f "_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(%s) + (%s))))",
  interleave = f "_mm512_or_si512(%s, _mm512_slli_epi32(%s, 16))",
  cast_ps = f "_mm512_castsi512_ps(%s)",
  cast_si = f "_mm512_castps_si512(%s)",
}
V.bf16.prelude = [[
static inline __attribute__((always_inline, unused)) int mha__ld32(const void *p) {
  int x;
  memcpy(&x, p, sizeof x);
  return x;
}
static inline __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16,avx2,fma,f16c"), always_inline, unused)) __m512i
mha__pairs_avx512bf16(__m512 p0, __m512 p1) {
  /* cvtne2ps: p0 rounded in elements 0-15, p1 in 16-31; the permute interleaves them. */
  const __m512i idx = _mm512_set_epi16(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8,
                                       23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
  return _mm512_permutexvar_epi16(idx, (__m512i)_mm512_cvtne2ps_pbh(p1, p0));
}
]]

-- amx: AMX-BF16 tiles (TDPBF16PS), for the kernels that multiply whole tiles: eight tiles of
-- 16 rows of 64 bytes, configured at a kernel's start (begin) and released at its end
-- (finish); zero(t), load(t, base, stride in bytes), store(t, base, stride), dp(c, a, b):
-- c += a b on pairs of bf16. The OS must have granted the tile state (mha_cpu.c asks Linux
-- once; MHA__CPU_AMX_* are clear when it refuses), so `needs` holds the kernel off a CPU or OS
-- without it.
V.amx = {
  target = '__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16,avx2,fma,f16c,amx-tile,amx-bf16")))',
  needs = "MHA__CPU_AVX512BW | MHA__CPU_AVX512VL | MHA__CPU_AVX512_BF16 | MHA__CPU_AMX_TILE | MHA__CPU_AMX_BF16",
  begin = "_tile_loadconfig(&mha__amx_cfg);",
  finish = "_tile_release();",
  zero = f "_tile_zero(%d)",
  load = f "_tile_loadd(%d, %s, %s)",
  store = f "_tile_stored(%d, %s, %s)",
  dp = f "_tile_dpbf16ps(%d, %d, %d)",
}
V.amx.prelude = [[
/* LDTILECFG's operand: palette 1, tiles 0-7 of 16 rows x 64 bytes. */
typedef struct mha__amx_cfg_t {
  uint8_t palette, start_row, reserved[14];
  uint16_t colsb[16];
  uint8_t rows[16];
} mha__amx_cfg_t;
static const mha__amx_cfg_t mha__amx_cfg __attribute__((aligned(64), unused)) = {
    1, 0, {0}, {64, 64, 64, 64, 64, 64, 64, 64}, {16, 16, 16, 16, 16, 16, 16, 16}};
]]
-- The same operations in C, on eight 1 KiB tiles in the kernel's stack frame, as the ISA
-- reference defines TDPBF16PS (products of bf16 pairs summed into fp32): for tests on a
-- machine without AMX (mhagen --emulate-amx). Needs only what the bf16 table needs.
V.amx_emulated = {
  target = V.bf16.target,
  needs = V.bf16.needs,
  begin = "unsigned char tiles_[8][16][64]; /* emulated AMX tiles */",
  finish = "(void)tiles_;",
  zero = f "memset(tiles_[%d], 0, 1024)",
  load = f "mha__amx_emu_load(tiles_, %d, %s, %s)",
  store = f "mha__amx_emu_store(tiles_, %d, %s, %s)",
  dp = f "mha__amx_emu_dp(tiles_, %d, %d, %d)",
}
V.amx_emulated.prelude = [[
static inline __attribute__((unused)) void mha__amx_emu_load(unsigned char t[8][16][64], int i, const void *base, long stride) {
  for (int r = 0; r < 16; r++) memcpy(t[i][r], (const unsigned char *)base + r * stride, 64);
}
static inline __attribute__((unused)) void mha__amx_emu_store(unsigned char t[8][16][64], int i, void *base, long stride) {
  for (int r = 0; r < 16; r++) memcpy((unsigned char *)base + r * stride, t[i][r], 64);
}
static inline __attribute__((unused)) void mha__amx_emu_dp(unsigned char t[8][16][64], int c, int a, int b) {
  for (int m = 0; m < 16; m++)
    for (int n = 0; n < 16; n++) {
      float acc;
      memcpy(&acc, t[c][m] + 4 * n, 4);
      for (int k = 0; k < 16; k++) {
        uint16_t a0, a1, b0, b1;
        memcpy(&a0, t[a][m] + 4 * k, 2), memcpy(&a1, t[a][m] + 4 * k + 2, 2);
        memcpy(&b0, t[b][k] + 4 * n, 2), memcpy(&b1, t[b][k] + 4 * n + 2, 2);
        acc += mha__bf16_f32(a0) * mha__bf16_f32(b0) + mha__bf16_f32(a1) * mha__bf16_f32(b1);
      }
      memcpy(t[c][m] + 4 * n, &acc, 4);
    }
}
]]

-- mstore(p, first, n, v): lanes first .. first+n-1 of v to p[0 .. n-1]; nothing else is touched.
function V.mstore(p, first, n, v)
  return string.format("_mm512_mask_storeu_ps((%s) - %d, (__mmask16)0x%X, %s)", p, first,
    ((1 << n) - 1) << first, v)
end

-- tree(a, out): C lines declaring `out`, the vector whose lane n is the sum of the lanes of
-- a[n], for 16 vectors a[1..16]. Unpacks and in-lane shuffles add pairs within 128-bit
-- chunks, then two chunk shuffles finish: 45 operations for 16 sums, in key order.
function V.tree(a, out)
  local l = {}
  for i = 0, 7 do
    local x, y = a[2 * i + 1], a[2 * i + 2]
    l[#l + 1] = string.format("const __m512 %s_a%d = _mm512_add_ps(_mm512_unpacklo_ps(%s, %s), _mm512_unpackhi_ps(%s, %s));", out, i, x, y, x, y)
  end
  for i = 0, 3 do
    local x, y = out .. "_a" .. 2 * i, out .. "_a" .. 2 * i + 1
    l[#l + 1] = string.format("const __m512 %s_b%d = _mm512_add_ps(_mm512_shuffle_ps(%s, %s, 0x44), _mm512_shuffle_ps(%s, %s, 0xEE));", out, i, x, y, x, y)
  end
  for i = 0, 1 do
    local x, y = out .. "_b" .. 2 * i, out .. "_b" .. 2 * i + 1
    l[#l + 1] = string.format("const __m512 %s_c%d = _mm512_add_ps(_mm512_shuffle_f32x4(%s, %s, 0x44), _mm512_shuffle_f32x4(%s, %s, 0xEE));", out, i, x, y, x, y)
  end
  local x, y = out .. "_c0", out .. "_c1"
  l[#l + 1] = string.format("const __m512 %s = _mm512_add_ps(_mm512_shuffle_f32x4(%s, %s, 0x88), _mm512_shuffle_f32x4(%s, %s, 0xDD));", out, x, y, x, y)
  return l
end

-- transpose(a, out): C lines declaring out0 .. out15, the 16x16 transpose of the vectors
-- a[1..16] (lane c of out_r is lane r of a[c+1]). Unpacks pair rows within 128-bit chunks,
-- in-lane shuffles make 4x4 blocks, two chunk shuffles move the blocks: 64 operations.
function V.transpose(a, out)
  local l = {}
  local function def(n, e) l[#l + 1] = string.format("const __m512 %s_%s = %s;", out, n, e) end
  for i = 0, 7 do
    local x, y = a[2 * i + 1], a[2 * i + 2]
    def("t" .. 2 * i, string.format("_mm512_unpacklo_ps(%s, %s)", x, y))
    def("t" .. 2 * i + 1, string.format("_mm512_unpackhi_ps(%s, %s)", x, y))
  end
  -- u<g>_<m>: lane k holds rows 4g .. 4g+3 of column 4k+m.
  for g = 0, 3 do
    for m = 0, 3 do
      local x, y = out .. "_t" .. 4 * g + (m >> 1), out .. "_t" .. 4 * g + 2 + (m >> 1)
      def("u" .. g .. "_" .. m, string.format("_mm512_shuffle_ps(%s, %s, %s)", x, y, m % 2 == 0 and "0x44" or "0xEE"))
    end
  end
  for m = 0, 3 do
    for h = 0, 1 do
      local x, y = out .. "_u0_" .. m, out .. "_u1_" .. m
      def("v" .. m .. "_" .. h, string.format("_mm512_shuffle_f32x4(%s, %s, %s)", x, y, h == 0 and "0x44" or "0xEE"))
      x, y = out .. "_u2_" .. m, out .. "_u3_" .. m
      def("v" .. m .. "_" .. h + 2, string.format("_mm512_shuffle_f32x4(%s, %s, %s)", x, y, h == 0 and "0x44" or "0xEE"))
    end
    for k = 0, 3 do
      local h = k >> 1
      l[#l + 1] = string.format("const __m512 %s%d = _mm512_shuffle_f32x4(%s_v%d_%d, %s_v%d_%d, %s);", out,
        4 * k + m, out, m, h, out, m, h + 2, k % 2 == 0 and "0x88" or "0xDD")
    end
  end
  return l
end

-- exp: reduce to r in [-ln2/2, ln2/2], e^r by a degree-7 polynomial; exp2: 2^f for f in
-- [-1/2, 1/2] by a degree-6 one. Both scale by 2^n with vscalefps, which also gives 0 on
-- underflow and inf on overflow.
V.prelude_line = debug.getinfo(1, "l").currentline + 2
V.prelude = [[
#include <immintrin.h>
#include <stdint.h>
#include <string.h>
static inline __attribute__((target("avx512f,avx512dq,avx2,fma,f16c"), always_inline, unused)) __m512
mha__q8_avx512(const unsigned char *row, int c) {
  const unsigned char *b = row + (size_t)(c >> 5) * 34;
  uint16_t h;
  memcpy(&h, b, sizeof h);
  const __m512i q = _mm512_cvtepi8_epi32(_mm_loadu_si128((const __m128i *)(b + 2 + (c & 31))));
  return _mm512_mul_ps(_mm512_cvtepi32_ps(q), _mm512_set1_ps(_cvtsh_ss(h)));
}
static inline __attribute__((target("avx512f,avx512dq,avx2,fma,f16c"), always_inline, unused)) __m512
mha__expr_avx512(__m512 r) {
  __m512 p = _mm512_set1_ps(1.98412698e-4f); /* 1/7! */
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.38888889e-3f));           /* 1/6! */
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.33333333e-3f));           /* 1/5! */
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.16666667e-2f));           /* 1/4! */
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.66666667e-1f));           /* 1/3! */
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(0.5f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  return _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
}
/* 2^x: n = round(x) exactly, 2^f for f = x - n in [-1/2, 1/2] by a degree-6 polynomial
 * (relative-error minimax, 1.9e-9 before rounding; scripts/minimax.py). */
static inline __attribute__((target("avx512f,avx512dq,avx2,fma,f16c"), always_inline, unused)) __m512
mha__exp2_avx512(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(129.0f)), _mm512_set1_ps(-151.0f));
  __m512 n = _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 f = _mm512_sub_ps(x, n);
  __m512 p = _mm512_set1_ps(1.53458120e-4f);
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(0.00133999312f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(0.00961848896f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(0.0555032878f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(0.240226469f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(0.693147206f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.0f));
  return _mm512_scalef_ps(p, n);
}
/* e^x: n = round(x / ln2), r = x - n ln2 in two parts (Cody-Waite). */
static inline __attribute__((target("avx512f,avx512dq,avx2,fma,f16c"), always_inline, unused)) __m512
mha__exp_avx512(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(89.0f)), _mm512_set1_ps(-104.0f));
  __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896f)),
                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187e-6f), r);
  return _mm512_scalef_ps(mha__expr_avx512(r), n);
}
]]
return V
