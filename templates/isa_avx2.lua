-- isa_avx2.lua: the AVX2 + FMA vector vocabulary (8 fp32 lanes, 16 registers).
local V = { name = "avx2", isa = "MHA__ISA_AVX2", lanes = 8, regs = 16, vt = "__m256",
  target = '__attribute__((target("avx2,fma,f16c")))' }
local function f(fmt) return function(...) return string.format(fmt, ...) end end
V.load  = f "_mm256_loadu_ps(%s)"
V.loada = f "_mm256_load_ps(%s)"
V.store = f "_mm256_storeu_ps(%s, %s)"
V.storea = f "_mm256_store_ps(%s, %s)"
V.set1  = f "_mm256_set1_ps(%s)"
V.zero  = f "_mm256_setzero_ps()"
V.fma   = f "_mm256_fmadd_ps(%s, %s, %s)"
V.add   = f "_mm256_add_ps(%s, %s)"
V.sub   = f "_mm256_sub_ps(%s, %s)"
V.mul   = f "_mm256_mul_ps(%s, %s)"
V.max   = f "_mm256_max_ps(%s, %s)"
V.min   = f "_mm256_min_ps(%s, %s)"
V.div   = f "_mm256_div_ps(%s, %s)"
V.iota  = "_mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7)" -- lane n holds n
V.hmax  = f "mha__hmax_avx2(%s)"
V.hsum  = f "mha__hsum_avx2(%s)"
V.exp2  = f "mha__exp2_avx2(%s)"
V.exp   = f "mha__exp_avx2(%s)"
-- widen[type](row, c): elements c .. c+7 of a K/V row (bytes; kv.lua) as fp32. F16 by
-- vcvtph2ps (F16C, which the AVX2 level requires), BF16 by a 16-bit shift, Q8_0 sign-extended
-- int8 times the block's scale (c is a multiple of 8: the 8 lie in one block of 32).
local u16 = "_mm_loadu_si128((const __m128i *)((const uint16_t *)(%s) + (%s)))"
V.widen = {
  f32 = f "_mm256_loadu_ps((const float *)(%s) + (%s))",
  f16 = f("_mm256_cvtph_ps(" .. u16 .. ")"),
  bf16 = f("_mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(" .. u16 .. "), 16))"),
  q8_0 = f "mha__q8_avx2(%s, %s)",
}
-- mstore(p, first, n, v): lanes first .. first+n-1 of v to p[0 .. n-1]; nothing else is touched.
function V.mstore(p, first, n, v)
  local m = {}
  for i = 0, 7 do m[#m + 1] = (i >= first and i < first + n) and "-1" or "0" end
  return string.format("_mm256_maskstore_ps((%s) - %d, _mm256_setr_epi32(%s), %s)", p, first,
    table.concat(m, ", "), v)
end

-- tree(a, out): C lines declaring `out`, the vector whose lane n is the sum of the lanes of
-- a[n], for 8 vectors a[1..8]: pairs added within 128-bit halves, then the halves swapped.
function V.tree(a, out)
  local l = {}
  for i = 0, 3 do
    local x, y = a[2 * i + 1], a[2 * i + 2]
    l[#l + 1] = string.format("const __m256 %s_a%d = _mm256_add_ps(_mm256_unpacklo_ps(%s, %s), _mm256_unpackhi_ps(%s, %s));", out, i, x, y, x, y)
  end
  for i = 0, 1 do
    local x, y = out .. "_a" .. 2 * i, out .. "_a" .. 2 * i + 1
    l[#l + 1] = string.format("const __m256 %s_b%d = _mm256_add_ps(_mm256_shuffle_ps(%s, %s, 0x44), _mm256_shuffle_ps(%s, %s, 0xEE));", out, i, x, y, x, y)
  end
  local x, y = out .. "_b0", out .. "_b1"
  l[#l + 1] = string.format("const __m256 %s = _mm256_add_ps(_mm256_permute2f128_ps(%s, %s, 0x20), _mm256_permute2f128_ps(%s, %s, 0x31));", out, x, y, x, y)
  return l
end

-- transpose(a, out): C lines declaring out0 .. out7, the 8x8 transpose of the vectors a[1..8]
-- (lane c of out_r is lane r of a[c+1]): unpacks, in-lane shuffles, then the halves: 24 operations.
function V.transpose(a, out)
  local l = {}
  local function def(n, e) l[#l + 1] = string.format("const __m256 %s_%s = %s;", out, n, e) end
  for i = 0, 3 do
    local x, y = a[2 * i + 1], a[2 * i + 2]
    def("t" .. 2 * i, string.format("_mm256_unpacklo_ps(%s, %s)", x, y))
    def("t" .. 2 * i + 1, string.format("_mm256_unpackhi_ps(%s, %s)", x, y))
  end
  for g = 0, 1 do
    for m = 0, 3 do
      local x, y = out .. "_t" .. 4 * g + (m >> 1), out .. "_t" .. 4 * g + 2 + (m >> 1)
      def("u" .. g .. "_" .. m, string.format("_mm256_shuffle_ps(%s, %s, %s)", x, y, m % 2 == 0 and "0x44" or "0xEE"))
    end
  end
  for m = 0, 3 do
    l[#l + 1] = string.format("const __m256 %s%d = _mm256_permute2f128_ps(%s_u0_%d, %s_u1_%d, 0x20);", out, m, out, m, out, m)
    l[#l + 1] = string.format("const __m256 %s%d = _mm256_permute2f128_ps(%s_u0_%d, %s_u1_%d, 0x31);", out, m + 4, out, m, out, m)
  end
  return l
end

-- The helpers are marked unused: a kernel calls only some of them, and clang warns of the rest.
-- exp and exp2 as in AVX-512, but 2^n is built in the exponent bits as 2^(n/2) * 2^(n - n/2)
-- so that subnormal results and overflow to inf come out right without vscalefps.
V.prelude_line = debug.getinfo(1, "l").currentline + 2
V.prelude = [[
#include <immintrin.h>
#include <stdint.h>
#include <string.h>
#define MHA__AVX2 __attribute__((target("avx2,fma,f16c"), always_inline, unused))
static inline MHA__AVX2 __m256 mha__q8_avx2(const unsigned char *row, int c) {
  const unsigned char *b = row + (size_t)(c >> 5) * 34;
  uint16_t h;
  memcpy(&h, b, sizeof h);
  const __m256i q = _mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(b + 2 + (c & 31))));
  return _mm256_mul_ps(_mm256_cvtepi32_ps(q), _mm256_set1_ps(_cvtsh_ss(h)));
}
static inline MHA__AVX2 float mha__hmax_avx2(__m256 x) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  m = _mm_max_ss(m, _mm_movehdup_ps(m));
  return _mm_cvtss_f32(m);
}
static inline MHA__AVX2 float mha__hsum_avx2(__m256 x) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_movehdup_ps(s));
  return _mm_cvtss_f32(s);
}
static inline MHA__AVX2 __m256 mha__expr_avx2(__m256 r) {
  __m256 p = _mm256_set1_ps(1.98412698e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.38888889e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.33333333e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.16666667e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.66666667e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(0.5f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  return _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
}
static inline MHA__AVX2 __m256 mha__scale2n_avx2(__m256 p, __m256 n) {
  __m256i ni = _mm256_cvtps_epi32(n);
  __m256i h = _mm256_srai_epi32(ni, 1);
  __m256i b = _mm256_set1_epi32(127);
  __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(h, b), 23));
  __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(_mm256_sub_epi32(ni, h), b), 23));
  return _mm256_mul_ps(_mm256_mul_ps(p, s1), s2);
}
static inline MHA__AVX2 __m256 mha__exp2_avx2(__m256 x) {
  x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(129.0f)), _mm256_set1_ps(-151.0f));
  __m256 n = _mm256_round_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 f = _mm256_sub_ps(x, n);
  __m256 p = _mm256_set1_ps(1.53458120e-4f);
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(0.00133999312f));
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(0.00961848896f));
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(0.0555032878f));
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(0.240226469f));
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(0.693147206f));
  p = _mm256_fmadd_ps(p, f, _mm256_set1_ps(1.0f));
  return mha__scale2n_avx2(p, n);
}
static inline MHA__AVX2 __m256 mha__exp_avx2(__m256 x) {
  x = _mm256_max_ps(_mm256_min_ps(x, _mm256_set1_ps(89.0f)), _mm256_set1_ps(-104.0f));
  __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896f)),
                             _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693145751953125f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(1.428606765330187e-6f), r);
  return mha__scale2n_avx2(mha__expr_avx2(r), n);
}
#undef MHA__AVX2
]]
return V
