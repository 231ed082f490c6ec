/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/gemm_f32.ct: gemm_f32_avx2_r6x2_kc512_mc252_nc512
 * isa=avx2 mr=6 nr=2 kc=512 mc=252 nc=512 */
#line 86 "templates/isa_avx2.lua"
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
#line 8 "templates/gemm_f32.ct"
#include <stddef.h>
#include "mha_kernel.h"

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk6(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c4_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c4_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c5_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c5_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm256_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm256_fmadd_ps(a, b1, c1_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm256_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm256_fmadd_ps(a, b1, c2_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm256_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm256_fmadd_ps(a, b1, c3_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[4]);
#line 29 "templates/gemm_f32.ct"
      c4_0 = _mm256_fmadd_ps(a, b0, c4_0);
#line 29 "templates/gemm_f32.ct"
      c4_1 = _mm256_fmadd_ps(a, b1, c4_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[5]);
#line 29 "templates/gemm_f32.ct"
      c5_0 = _mm256_fmadd_ps(a, b0, c5_0);
#line 29 "templates/gemm_f32.ct"
      c5_1 = _mm256_fmadd_ps(a, b1, c5_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm256_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm256_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm256_add_ps(c3_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c4_0 = _mm256_add_ps(c4_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c5_0 = _mm256_add_ps(c5_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm256_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm256_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm256_add_ps(c3_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c4_1 = _mm256_add_ps(c4_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c5_1 = _mm256_add_ps(c5_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, c3_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 0, c4_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 8, c4_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 5 * ldc + 0, c5_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 5 * ldc + 8, c5_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 8), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 8), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 8), c3_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 4 * ldc + 0), c4_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 4 * ldc + 8), c4_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 5 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 5 * ldc + 0), c5_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 5 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 5 * ldc + 8), c5_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[96] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 16, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 24, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 32, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 40, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 48, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 56, c3_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 64, c4_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 72, c4_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 80, c5_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 88, c5_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk5(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c4_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c4_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm256_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm256_fmadd_ps(a, b1, c1_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm256_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm256_fmadd_ps(a, b1, c2_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm256_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm256_fmadd_ps(a, b1, c3_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[4]);
#line 29 "templates/gemm_f32.ct"
      c4_0 = _mm256_fmadd_ps(a, b0, c4_0);
#line 29 "templates/gemm_f32.ct"
      c4_1 = _mm256_fmadd_ps(a, b1, c4_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm256_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm256_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm256_add_ps(c3_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c4_0 = _mm256_add_ps(c4_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm256_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm256_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm256_add_ps(c3_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c4_1 = _mm256_add_ps(c4_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, c3_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 0, c4_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 8, c4_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 8), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 8), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 8), c3_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 4 * ldc + 0), c4_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 4 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 4 * ldc + 8), c4_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[80] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 16, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 24, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 32, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 40, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 48, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 56, c3_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 64, c4_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 72, c4_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk4(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c3_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm256_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm256_fmadd_ps(a, b1, c1_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm256_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm256_fmadd_ps(a, b1, c2_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm256_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm256_fmadd_ps(a, b1, c3_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm256_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm256_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm256_add_ps(c3_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm256_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm256_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm256_add_ps(c3_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, c3_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 8), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 8), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 3 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 3 * ldc + 8), c3_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[64] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 16, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 24, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 32, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 40, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 48, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 56, c3_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk3(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c2_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm256_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm256_fmadd_ps(a, b1, c1_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm256_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm256_fmadd_ps(a, b1, c2_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm256_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm256_add_ps(c2_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm256_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm256_add_ps(c2_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, c2_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 8), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 2 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 2 * ldc + 8), c2_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[48] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 16, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 24, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 32, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 40, c2_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk2(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c1_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm256_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm256_fmadd_ps(a, b1, c1_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm256_add_ps(c1_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm256_add_ps(c1_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, c1_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 1 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 1 * ldc + 8), c1_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[32] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 16, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 24, c1_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mk1(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m256 c0_0 = _mm256_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m256 c0_1 = _mm256_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 16) {
#line 23 "templates/gemm_f32.ct"
    const __m256 b0 = _mm256_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m256 b1 = _mm256_loadu_ps(bp + 8);
#line 26 "templates/gemm_f32.ct"
    {
      const __m256 a = _mm256_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 16) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m256 bv0 = _mm256_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm256_add_ps(c0_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m256 bv1 = _mm256_loadu_ps(bias + 8);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm256_add_ps(c0_1, bv1);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, c0_1);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 0, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm256_storeu_ps(c + 0 * ldc + 8, _mm256_add_ps(_mm256_loadu_ps(c + 0 * ldc + 8), c0_1));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[16] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm256_storeu_ps(tmp + 8, c0_1);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 1; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 16 + j];
}

#line 64 "templates/gemm_f32.ct"
__attribute__((target("avx2,fma,f16c"))) static void mha__gemm_f32_avx2_r6x2_kc512_mc252_nc512(const mha__gemm_task *t) {
  const int m = t->m, n = t->n, k = t->k;
  const ptrdiff_t lda = t->lda, ldc = t->ldc;
  float *const ap = t->ws; /* [MC / MR][kb][MR]: A's block, k-major per micro-panel */
  if (m <= 6 && (size_t)k * 6 <= (size_t)252 * 512) {
    /* Few rows (decoding): the weights are the traffic, so each panel is read once from its
     * first row to its last (one stream, no depth blocks), A whole in ws. */
    for (int i = 0; i < m; i++)
      for (int kk = 0; kk < k; kk++) ap[(size_t)kk * 6 + i] = t->a[(ptrdiff_t)i * lda + kk];
    for (int jr = 0; jr < n; jr += 16) {
      const float *bp = (const float *)t->bp + (size_t)(jr / 16) * k * 16;
      const int nb = n - jr < 16 ? n - jr : 16;
      const float *bias = t->bias ? t->bias + jr : NULL;
      switch (m) {
#line 79 "templates/gemm_f32.ct"
      case 6: mk6(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 5: mk5(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 4: mk4(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 3: mk3(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 2: mk2(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 1: mk1(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 81 "templates/gemm_f32.ct"
      default: break;
      }
    }
    return;
  }
  for (int pc = 0; pc < k; pc += 512) {
    const int kb = k - pc < 512 ? k - pc : 512, first = pc == 0;
    for (int ic = 0; ic < m; ic += 252) {
      const int mb = m - ic < 252 ? m - ic : 252;
      for (int ir = 0; ir < mb; ir += 6) {
        const int rows = mb - ir < 6 ? mb - ir : 6;
        float *const dst = ap + (size_t)ir * kb;
        for (int i = 0; i < rows; i++) {
          const float *src = t->a + (ptrdiff_t)(ic + ir + i) * lda + pc;
          for (int kk = 0; kk < kb; kk++) dst[(size_t)kk * 6 + i] = src[kk];
        }
      }
      for (int jr = 0; jr < n; jr += 16) {
        /* Panel jr / NW holds all k rows; its depth block pc starts pc * NW floats in. */
        const float *bp = (const float *)t->bp + ((size_t)(jr / 16) * k + pc) * 16;
        const int nb = n - jr < 16 ? n - jr : 16;
        const float *bias = first && t->bias ? t->bias + jr : NULL;
        for (int ir = 0; ir < mb; ir += 6) {
          const float *a = ap + (size_t)ir * kb;
          float *c = t->c + (ptrdiff_t)(ic + ir) * ldc + jr;
          switch (mb - ir < 6 ? mb - ir : 6) {
#line 108 "templates/gemm_f32.ct"
          case 6: mk6(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 5: mk5(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 4: mk4(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 3: mk3(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 2: mk2(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 1: mk1(kb, a, bp, c, ldc, nb, first, bias); break;
#line 110 "templates/gemm_f32.ct"
          default: break;
          }
        }
      }
    }
  }
}

MHA__HIDDEN const mha__gemm_kernel mha__gk_gemm_f32_avx2_r6x2_kc512_mc252_nc512 = {
  "gemm_f32_avx2_r6x2_kc512_mc252_nc512", MHA__ISA_AVX2, 6, 2, 8, 512, 252, 512, mha__gemm_f32_avx2_r6x2_kc512_mc252_nc512,
  (size_t)252 * 512, MHA__KV_F32, 0
};
