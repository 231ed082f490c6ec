/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/gemm_f32.ct: gemm_f32_avx512_r6x4_kc144_mc906_nc448
 * isa=avx512 mr=6 nr=4 kc=144 mc=906 nc=448 */
#line 201 "templates/isa_avx512.lua"
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
#line 8 "templates/gemm_f32.ct"
#include <stddef.h>
#include "mha_kernel.h"

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk6(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c5_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c5_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c5_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c5_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm512_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm512_fmadd_ps(a, b1, c1_1);
#line 29 "templates/gemm_f32.ct"
      c1_2 = _mm512_fmadd_ps(a, b2, c1_2);
#line 29 "templates/gemm_f32.ct"
      c1_3 = _mm512_fmadd_ps(a, b3, c1_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm512_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm512_fmadd_ps(a, b1, c2_1);
#line 29 "templates/gemm_f32.ct"
      c2_2 = _mm512_fmadd_ps(a, b2, c2_2);
#line 29 "templates/gemm_f32.ct"
      c2_3 = _mm512_fmadd_ps(a, b3, c2_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm512_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm512_fmadd_ps(a, b1, c3_1);
#line 29 "templates/gemm_f32.ct"
      c3_2 = _mm512_fmadd_ps(a, b2, c3_2);
#line 29 "templates/gemm_f32.ct"
      c3_3 = _mm512_fmadd_ps(a, b3, c3_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[4]);
#line 29 "templates/gemm_f32.ct"
      c4_0 = _mm512_fmadd_ps(a, b0, c4_0);
#line 29 "templates/gemm_f32.ct"
      c4_1 = _mm512_fmadd_ps(a, b1, c4_1);
#line 29 "templates/gemm_f32.ct"
      c4_2 = _mm512_fmadd_ps(a, b2, c4_2);
#line 29 "templates/gemm_f32.ct"
      c4_3 = _mm512_fmadd_ps(a, b3, c4_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[5]);
#line 29 "templates/gemm_f32.ct"
      c5_0 = _mm512_fmadd_ps(a, b0, c5_0);
#line 29 "templates/gemm_f32.ct"
      c5_1 = _mm512_fmadd_ps(a, b1, c5_1);
#line 29 "templates/gemm_f32.ct"
      c5_2 = _mm512_fmadd_ps(a, b2, c5_2);
#line 29 "templates/gemm_f32.ct"
      c5_3 = _mm512_fmadd_ps(a, b3, c5_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm512_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm512_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm512_add_ps(c3_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c4_0 = _mm512_add_ps(c4_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c5_0 = _mm512_add_ps(c5_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm512_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm512_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm512_add_ps(c3_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c4_1 = _mm512_add_ps(c4_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c5_1 = _mm512_add_ps(c5_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c1_2 = _mm512_add_ps(c1_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c2_2 = _mm512_add_ps(c2_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c3_2 = _mm512_add_ps(c3_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c4_2 = _mm512_add_ps(c4_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c5_2 = _mm512_add_ps(c5_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c1_3 = _mm512_add_ps(c1_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c2_3 = _mm512_add_ps(c2_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c3_3 = _mm512_add_ps(c3_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c4_3 = _mm512_add_ps(c4_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c5_3 = _mm512_add_ps(c5_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, c1_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, c1_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, c2_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, c2_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, c3_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, c3_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, c3_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 0, c4_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 16, c4_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 32, c4_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 48, c4_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 0, c5_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 16, c5_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 32, c5_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 48, c5_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 16), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 32), c1_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 48), c1_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 16), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 32), c2_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 48), c2_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 16), c3_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 32), c3_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 48), c3_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 0), c4_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 16), c4_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 32), c4_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 48), c4_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 5 * ldc + 0), c5_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 5 * ldc + 16), c5_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 5 * ldc + 32), c5_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 5 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 5 * ldc + 48), c5_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[384] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 64, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 80, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 96, c1_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 112, c1_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 128, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 144, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 160, c2_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 176, c2_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 192, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 208, c3_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 224, c3_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 240, c3_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 256, c4_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 272, c4_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 288, c4_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 304, c4_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 320, c5_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 336, c5_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 352, c5_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 368, c5_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 6; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk5(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c4_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm512_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm512_fmadd_ps(a, b1, c1_1);
#line 29 "templates/gemm_f32.ct"
      c1_2 = _mm512_fmadd_ps(a, b2, c1_2);
#line 29 "templates/gemm_f32.ct"
      c1_3 = _mm512_fmadd_ps(a, b3, c1_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm512_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm512_fmadd_ps(a, b1, c2_1);
#line 29 "templates/gemm_f32.ct"
      c2_2 = _mm512_fmadd_ps(a, b2, c2_2);
#line 29 "templates/gemm_f32.ct"
      c2_3 = _mm512_fmadd_ps(a, b3, c2_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm512_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm512_fmadd_ps(a, b1, c3_1);
#line 29 "templates/gemm_f32.ct"
      c3_2 = _mm512_fmadd_ps(a, b2, c3_2);
#line 29 "templates/gemm_f32.ct"
      c3_3 = _mm512_fmadd_ps(a, b3, c3_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[4]);
#line 29 "templates/gemm_f32.ct"
      c4_0 = _mm512_fmadd_ps(a, b0, c4_0);
#line 29 "templates/gemm_f32.ct"
      c4_1 = _mm512_fmadd_ps(a, b1, c4_1);
#line 29 "templates/gemm_f32.ct"
      c4_2 = _mm512_fmadd_ps(a, b2, c4_2);
#line 29 "templates/gemm_f32.ct"
      c4_3 = _mm512_fmadd_ps(a, b3, c4_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm512_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm512_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm512_add_ps(c3_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c4_0 = _mm512_add_ps(c4_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm512_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm512_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm512_add_ps(c3_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c4_1 = _mm512_add_ps(c4_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c1_2 = _mm512_add_ps(c1_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c2_2 = _mm512_add_ps(c2_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c3_2 = _mm512_add_ps(c3_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c4_2 = _mm512_add_ps(c4_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c1_3 = _mm512_add_ps(c1_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c2_3 = _mm512_add_ps(c2_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c3_3 = _mm512_add_ps(c3_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c4_3 = _mm512_add_ps(c4_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, c1_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, c1_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, c2_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, c2_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, c3_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, c3_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, c3_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 0, c4_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 16, c4_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 32, c4_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 48, c4_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 16), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 32), c1_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 48), c1_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 16), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 32), c2_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 48), c2_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 16), c3_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 32), c3_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 48), c3_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 0), c4_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 16), c4_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 32), c4_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 4 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 4 * ldc + 48), c4_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[320] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 64, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 80, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 96, c1_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 112, c1_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 128, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 144, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 160, c2_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 176, c2_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 192, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 208, c3_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 224, c3_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 240, c3_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 256, c4_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 272, c4_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 288, c4_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 304, c4_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk4(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c3_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm512_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm512_fmadd_ps(a, b1, c1_1);
#line 29 "templates/gemm_f32.ct"
      c1_2 = _mm512_fmadd_ps(a, b2, c1_2);
#line 29 "templates/gemm_f32.ct"
      c1_3 = _mm512_fmadd_ps(a, b3, c1_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm512_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm512_fmadd_ps(a, b1, c2_1);
#line 29 "templates/gemm_f32.ct"
      c2_2 = _mm512_fmadd_ps(a, b2, c2_2);
#line 29 "templates/gemm_f32.ct"
      c2_3 = _mm512_fmadd_ps(a, b3, c2_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = _mm512_fmadd_ps(a, b0, c3_0);
#line 29 "templates/gemm_f32.ct"
      c3_1 = _mm512_fmadd_ps(a, b1, c3_1);
#line 29 "templates/gemm_f32.ct"
      c3_2 = _mm512_fmadd_ps(a, b2, c3_2);
#line 29 "templates/gemm_f32.ct"
      c3_3 = _mm512_fmadd_ps(a, b3, c3_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm512_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm512_add_ps(c2_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c3_0 = _mm512_add_ps(c3_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm512_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm512_add_ps(c2_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c3_1 = _mm512_add_ps(c3_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c1_2 = _mm512_add_ps(c1_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c2_2 = _mm512_add_ps(c2_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c3_2 = _mm512_add_ps(c3_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c1_3 = _mm512_add_ps(c1_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c2_3 = _mm512_add_ps(c2_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c3_3 = _mm512_add_ps(c3_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, c1_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, c1_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, c2_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, c2_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, c3_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, c3_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, c3_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, c3_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 16), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 32), c1_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 48), c1_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 16), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 32), c2_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 48), c2_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 0), c3_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 16), c3_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 32), c3_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 3 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 3 * ldc + 48), c3_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[256] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 64, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 80, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 96, c1_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 112, c1_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 128, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 144, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 160, c2_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 176, c2_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 192, c3_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 208, c3_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 224, c3_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 240, c3_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk3(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c2_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm512_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm512_fmadd_ps(a, b1, c1_1);
#line 29 "templates/gemm_f32.ct"
      c1_2 = _mm512_fmadd_ps(a, b2, c1_2);
#line 29 "templates/gemm_f32.ct"
      c1_3 = _mm512_fmadd_ps(a, b3, c1_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = _mm512_fmadd_ps(a, b0, c2_0);
#line 29 "templates/gemm_f32.ct"
      c2_1 = _mm512_fmadd_ps(a, b1, c2_1);
#line 29 "templates/gemm_f32.ct"
      c2_2 = _mm512_fmadd_ps(a, b2, c2_2);
#line 29 "templates/gemm_f32.ct"
      c2_3 = _mm512_fmadd_ps(a, b3, c2_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm512_add_ps(c1_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c2_0 = _mm512_add_ps(c2_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm512_add_ps(c1_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c2_1 = _mm512_add_ps(c2_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c1_2 = _mm512_add_ps(c1_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c2_2 = _mm512_add_ps(c2_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c1_3 = _mm512_add_ps(c1_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c2_3 = _mm512_add_ps(c2_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, c1_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, c1_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, c2_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, c2_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, c2_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, c2_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 16), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 32), c1_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 48), c1_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 0), c2_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 16), c2_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 32), c2_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 2 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 2 * ldc + 48), c2_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[192] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 64, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 80, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 96, c1_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 112, c1_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 128, c2_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 144, c2_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 160, c2_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 176, c2_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk2(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c1_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = _mm512_fmadd_ps(a, b0, c1_0);
#line 29 "templates/gemm_f32.ct"
      c1_1 = _mm512_fmadd_ps(a, b1, c1_1);
#line 29 "templates/gemm_f32.ct"
      c1_2 = _mm512_fmadd_ps(a, b2, c1_2);
#line 29 "templates/gemm_f32.ct"
      c1_3 = _mm512_fmadd_ps(a, b3, c1_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 40 "templates/gemm_f32.ct"
        c1_0 = _mm512_add_ps(c1_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 40 "templates/gemm_f32.ct"
        c1_1 = _mm512_add_ps(c1_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 40 "templates/gemm_f32.ct"
        c1_2 = _mm512_add_ps(c1_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 40 "templates/gemm_f32.ct"
        c1_3 = _mm512_add_ps(c1_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, c1_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, c1_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, c1_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, c1_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 0), c1_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 16), c1_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 32), c1_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 1 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 1 * ldc + 48), c1_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[128] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 64, c1_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 80, c1_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 96, c1_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 112, c1_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 15 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mk1(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  __m512 c0_0 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_1 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_2 = _mm512_setzero_ps();
#line 19 "templates/gemm_f32.ct"
  __m512 c0_3 = _mm512_setzero_ps();
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 6, bp += 64) {
#line 23 "templates/gemm_f32.ct"
    const __m512 b0 = _mm512_loadu_ps(bp + 0);
#line 23 "templates/gemm_f32.ct"
    const __m512 b1 = _mm512_loadu_ps(bp + 16);
#line 23 "templates/gemm_f32.ct"
    const __m512 b2 = _mm512_loadu_ps(bp + 32);
#line 23 "templates/gemm_f32.ct"
    const __m512 b3 = _mm512_loadu_ps(bp + 48);
#line 26 "templates/gemm_f32.ct"
    {
      const __m512 a = _mm512_set1_ps(ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 29 "templates/gemm_f32.ct"
      c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 29 "templates/gemm_f32.ct"
      c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 29 "templates/gemm_f32.ct"
      c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 64) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const __m512 bv0 = _mm512_loadu_ps(bias + 0);
#line 40 "templates/gemm_f32.ct"
        c0_0 = _mm512_add_ps(c0_0, bv0);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv1 = _mm512_loadu_ps(bias + 16);
#line 40 "templates/gemm_f32.ct"
        c0_1 = _mm512_add_ps(c0_1, bv1);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv2 = _mm512_loadu_ps(bias + 32);
#line 40 "templates/gemm_f32.ct"
        c0_2 = _mm512_add_ps(c0_2, bv2);
#line 38 "templates/gemm_f32.ct"
        const __m512 bv3 = _mm512_loadu_ps(bias + 48);
#line 40 "templates/gemm_f32.ct"
        c0_3 = _mm512_add_ps(c0_3, bv3);
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, c0_0);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, c0_1);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, c0_2);
#line 45 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, c0_3);
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 0, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 0), c0_0));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 16, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 16), c0_1));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 32, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 32), c0_2));
#line 49 "templates/gemm_f32.ct"
      _mm512_storeu_ps(c + 0 * ldc + 48, _mm512_add_ps(_mm512_loadu_ps(c + 0 * ldc + 48), c0_3));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[64] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 0, c0_0);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 16, c0_1);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 32, c0_2);
#line 56 "templates/gemm_f32.ct"
  _mm512_storeu_ps(tmp + 48, c0_3);
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 1; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 64 + j];
}

#line 64 "templates/gemm_f32.ct"
__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) static void mha__gemm_f32_avx512_r6x4_kc144_mc906_nc448(const mha__gemm_task *t) {
  const int m = t->m, n = t->n, k = t->k;
  const ptrdiff_t lda = t->lda, ldc = t->ldc;
  float *const ap = t->ws; /* [MC / MR][kb][MR]: A's block, k-major per micro-panel */
  if (m <= 6 && (size_t)k * 6 <= (size_t)906 * 144) {
    /* Few rows (decoding): the weights are the traffic, so each panel is read once from its
     * first row to its last (one stream, no depth blocks), A whole in ws. */
    for (int i = 0; i < m; i++)
      for (int kk = 0; kk < k; kk++) ap[(size_t)kk * 6 + i] = t->a[(ptrdiff_t)i * lda + kk];
    for (int jr = 0; jr < n; jr += 64) {
      const float *bp = (const float *)t->bp + (size_t)(jr / 64) * k * 64;
      const int nb = n - jr < 64 ? n - jr : 64;
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
  for (int pc = 0; pc < k; pc += 144) {
    const int kb = k - pc < 144 ? k - pc : 144, first = pc == 0;
    for (int ic = 0; ic < m; ic += 906) {
      const int mb = m - ic < 906 ? m - ic : 906;
      for (int ir = 0; ir < mb; ir += 6) {
        const int rows = mb - ir < 6 ? mb - ir : 6;
        float *const dst = ap + (size_t)ir * kb;
        for (int i = 0; i < rows; i++) {
          const float *src = t->a + (ptrdiff_t)(ic + ir + i) * lda + pc;
          for (int kk = 0; kk < kb; kk++) dst[(size_t)kk * 6 + i] = src[kk];
        }
      }
      for (int jr = 0; jr < n; jr += 64) {
        /* Panel jr / NW holds all k rows; its depth block pc starts pc * NW floats in. */
        const float *bp = (const float *)t->bp + ((size_t)(jr / 64) * k + pc) * 64;
        const int nb = n - jr < 64 ? n - jr : 64;
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

MHA__HIDDEN const mha__gemm_kernel mha__gk_gemm_f32_avx512_r6x4_kc144_mc906_nc448 = {
  "gemm_f32_avx512_r6x4_kc144_mc906_nc448", MHA__ISA_AVX512, 6, 4, 16, 144, 906, 448, mha__gemm_f32_avx512_r6x4_kc144_mc906_nc448,
  (size_t)906 * 144, MHA__KV_F32, 0
};
