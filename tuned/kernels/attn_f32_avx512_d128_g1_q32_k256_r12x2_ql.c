/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_f32_ql.ct: attn_f32_avx512_d128_g1_q32_k256_r12x2_ql
 * isa=avx512 d=128 g=1 qt=32 kt=256 rm=12 rn=2 kf=ql rp=1 cv=8 kv=f32 */
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
#line 22 "templates/kv.lua"
#include "mha_half.h"
/* Element c of a Q8_0 row: the block's fp16 scale times its int8 (the scale is unaligned). */
static inline __attribute__((unused)) float mha__q8_get(const unsigned char *row, int c) {
  const unsigned char *b = row + (size_t)(c >> 5) * 34;
  uint16_t h;
  memcpy(&h, b, sizeof h);
  return mha__f16_f32(h) * (float)(int8_t)b[2 + (c & 31)];
}
#line 9 "templates/attn_f32_ql.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): Q^T, S^T (then P^T) and O^T per head of the
 * group, running max, sum and 1/sum per row. */
static size_t mha__ws_attn_f32_avx512_d128_g1_q32_k256_r12x2_ql(int d_) {
#line 19 "templates/attn_f32_ql.ct"
  const size_t d = 128;
  (void)d_;
#line 24 "templates/attn_f32_ql.ct"
  return 2 * A16(32 * d) + A16(8192) + 3 * A16(32);
}

#line 80 "templates/attn_f32_ql.ct"

__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) MHA__HIDDEN void mha__attn_f32_avx512_d128_g1_q32_k256_r12x2_ql(const mha__task *t) {
#line 83 "templates/attn_f32_ql.ct"
  enum { d = 128 };
#line 87 "templates/attn_f32_ql.ct"
  float *const Qt = t->ws;                       /* [G][d][QT] queries * scale * log2(e) */
  float *const Ot = Qt + A16((size_t)32 * d); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)32 * d); /* [G][KT][QT] scores, then probabilities */
  float *const M = St + A16(8192);     /* running max, base 2 */
  float *const Ls = M + A16(32);          /* running sum */
  float *const Inv = Ls + A16(32);        /* 1/sum, at the end of a query tile */
#line 97 "templates/attn_f32_ql.ct"
  const float qscale = t->scale * 1.44269504088896341f;
  const __m512 qs = _mm512_set1_ps(qscale);
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 32) {
      const int mq = nq - i0 < 32 ? nq - i0 : 32;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T of the tile, L x L blocks transposed in registers; rows past mq are zero and
       * their results are never stored. */
      if (mq < 32) memset(Qt, 0, sizeof(float) * 32 * (size_t)d);
      for (int hh = 0; hh < 1; hh++) {
        const float *qh = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)i0 * t->q_rs;
        float *qt = Qt + (size_t)hh * 32 * d;
        int r0 = 0;
        for (; r0 + 16 <= mq; r0 += 16) {
          int c0 = 0;
          for (; c0 + 16 <= d; c0 += 16) {
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a0 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 0) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a1 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 1) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a2 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 2) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a3 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 3) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a4 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 4) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a5 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 5) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a6 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 6) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a7 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 7) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a8 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 8) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a9 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 9) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a10 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 10) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a11 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 11) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a12 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 12) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a13 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 13) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a14 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 14) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m512 a15 = _mm512_mul_ps(_mm512_loadu_ps(qh + (ptrdiff_t)(r0 + 15) * t->q_rs + c0), qs);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t0 = _mm512_unpacklo_ps(a0, a1);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t1 = _mm512_unpackhi_ps(a0, a1);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t2 = _mm512_unpacklo_ps(a2, a3);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t3 = _mm512_unpackhi_ps(a2, a3);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t4 = _mm512_unpacklo_ps(a4, a5);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t5 = _mm512_unpackhi_ps(a4, a5);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t6 = _mm512_unpacklo_ps(a6, a7);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t7 = _mm512_unpackhi_ps(a6, a7);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t8 = _mm512_unpacklo_ps(a8, a9);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t9 = _mm512_unpackhi_ps(a8, a9);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t10 = _mm512_unpacklo_ps(a10, a11);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t11 = _mm512_unpackhi_ps(a10, a11);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t12 = _mm512_unpacklo_ps(a12, a13);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t13 = _mm512_unpackhi_ps(a12, a13);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t14 = _mm512_unpacklo_ps(a14, a15);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_t15 = _mm512_unpackhi_ps(a14, a15);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u0_0 = _mm512_shuffle_ps(tq_t0, tq_t2, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u0_1 = _mm512_shuffle_ps(tq_t0, tq_t2, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u0_2 = _mm512_shuffle_ps(tq_t1, tq_t3, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u0_3 = _mm512_shuffle_ps(tq_t1, tq_t3, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u1_0 = _mm512_shuffle_ps(tq_t4, tq_t6, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u1_1 = _mm512_shuffle_ps(tq_t4, tq_t6, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u1_2 = _mm512_shuffle_ps(tq_t5, tq_t7, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u1_3 = _mm512_shuffle_ps(tq_t5, tq_t7, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u2_0 = _mm512_shuffle_ps(tq_t8, tq_t10, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u2_1 = _mm512_shuffle_ps(tq_t8, tq_t10, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u2_2 = _mm512_shuffle_ps(tq_t9, tq_t11, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u2_3 = _mm512_shuffle_ps(tq_t9, tq_t11, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u3_0 = _mm512_shuffle_ps(tq_t12, tq_t14, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u3_1 = _mm512_shuffle_ps(tq_t12, tq_t14, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u3_2 = _mm512_shuffle_ps(tq_t13, tq_t15, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_u3_3 = _mm512_shuffle_ps(tq_t13, tq_t15, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v0_0 = _mm512_shuffle_f32x4(tq_u0_0, tq_u1_0, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v0_2 = _mm512_shuffle_f32x4(tq_u2_0, tq_u3_0, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v0_1 = _mm512_shuffle_f32x4(tq_u0_0, tq_u1_0, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v0_3 = _mm512_shuffle_f32x4(tq_u2_0, tq_u3_0, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq0 = _mm512_shuffle_f32x4(tq_v0_0, tq_v0_2, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq4 = _mm512_shuffle_f32x4(tq_v0_0, tq_v0_2, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq8 = _mm512_shuffle_f32x4(tq_v0_1, tq_v0_3, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq12 = _mm512_shuffle_f32x4(tq_v0_1, tq_v0_3, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v1_0 = _mm512_shuffle_f32x4(tq_u0_1, tq_u1_1, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v1_2 = _mm512_shuffle_f32x4(tq_u2_1, tq_u3_1, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v1_1 = _mm512_shuffle_f32x4(tq_u0_1, tq_u1_1, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v1_3 = _mm512_shuffle_f32x4(tq_u2_1, tq_u3_1, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq1 = _mm512_shuffle_f32x4(tq_v1_0, tq_v1_2, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq5 = _mm512_shuffle_f32x4(tq_v1_0, tq_v1_2, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq9 = _mm512_shuffle_f32x4(tq_v1_1, tq_v1_3, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq13 = _mm512_shuffle_f32x4(tq_v1_1, tq_v1_3, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v2_0 = _mm512_shuffle_f32x4(tq_u0_2, tq_u1_2, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v2_2 = _mm512_shuffle_f32x4(tq_u2_2, tq_u3_2, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v2_1 = _mm512_shuffle_f32x4(tq_u0_2, tq_u1_2, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v2_3 = _mm512_shuffle_f32x4(tq_u2_2, tq_u3_2, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq2 = _mm512_shuffle_f32x4(tq_v2_0, tq_v2_2, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq6 = _mm512_shuffle_f32x4(tq_v2_0, tq_v2_2, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq10 = _mm512_shuffle_f32x4(tq_v2_1, tq_v2_3, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq14 = _mm512_shuffle_f32x4(tq_v2_1, tq_v2_3, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v3_0 = _mm512_shuffle_f32x4(tq_u0_3, tq_u1_3, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v3_2 = _mm512_shuffle_f32x4(tq_u2_3, tq_u3_3, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v3_1 = _mm512_shuffle_f32x4(tq_u0_3, tq_u1_3, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq_v3_3 = _mm512_shuffle_f32x4(tq_u2_3, tq_u3_3, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq3 = _mm512_shuffle_f32x4(tq_v3_0, tq_v3_2, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq7 = _mm512_shuffle_f32x4(tq_v3_0, tq_v3_2, 0xDD);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq11 = _mm512_shuffle_f32x4(tq_v3_1, tq_v3_3, 0x88);
#line 122 "templates/attn_f32_ql.ct"
            const __m512 tq15 = _mm512_shuffle_f32x4(tq_v3_1, tq_v3_3, 0xDD);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 0) * 32 + r0, tq0);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 1) * 32 + r0, tq1);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 2) * 32 + r0, tq2);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 3) * 32 + r0, tq3);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 4) * 32 + r0, tq4);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 5) * 32 + r0, tq5);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 6) * 32 + r0, tq6);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 7) * 32 + r0, tq7);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 8) * 32 + r0, tq8);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 9) * 32 + r0, tq9);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 10) * 32 + r0, tq10);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 11) * 32 + r0, tq11);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 12) * 32 + r0, tq12);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 13) * 32 + r0, tq13);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 14) * 32 + r0, tq14);
#line 125 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(qt + (size_t)(c0 + 15) * 32 + r0, tq15);
#line 127 "templates/attn_f32_ql.ct"
          }
          for (; c0 < d; c0++)
            for (int r = r0; r < r0 + 16; r++) qt[(size_t)c0 * 32 + r] = qh[(ptrdiff_t)r * t->q_rs + c0] * qscale;
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d; c++) qt[(size_t)c * 32 + r0] = qh[(ptrdiff_t)r0 * t->q_rs + c] * qscale;
      }
      for (int r = 0; r < 32; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 32 * (size_t)d);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 256) {
        const int nkv = kend - j0 < 256 ? (int)(kend - j0) : 256;
#line 144 "templates/attn_f32_ql.ct"
        const float *Kb = (const float *)((const unsigned char *)t->k + (ptrdiff_t)j0 * t->k_rs);
        const float *Vb = (const float *)((const unsigned char *)t->v + (ptrdiff_t)j0 * t->v_rs);
        const ptrdiff_t krs = t->k_rs / (ptrdiff_t)sizeof(float), vrs = t->v_rs / (ptrdiff_t)sizeof(float);
#line 165 "templates/attn_f32_ql.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qt + (size_t)hh * 32 * d;
          float *Sh = St + (size_t)hh * 8192;
          float *Oh = Ot + (size_t)hh * 32 * d;
          float *Mh = M + hh * 32, *Lh = Ls + hh * 32;
          /* The tile's max per row comes with the scores; it is taken again after the
           * 0.2 score step and the causal mask. */
#line 174 "templates/attn_f32_ql.ct"
          __m512 mx0 = _mm512_set1_ps(-INFINITY);
#line 174 "templates/attn_f32_ql.ct"
          __m512 mx1 = _mm512_set1_ps(-INFINITY);
#line 176 "templates/attn_f32_ql.ct"
          int jb = 0;
          for (; jb + 12 <= nkv; jb += 12)
#line 29 "templates/attn_f32_ql.ct"
            {
#line 31 "templates/attn_f32_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c1_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c1_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c2_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c2_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c3_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c3_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c4_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c4_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c5_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c5_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c6_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c6_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c7_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c7_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c8_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c8_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c9_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c9_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c10_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c10_1 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c11_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c11_1 = _mm512_setzero_ps();
#line 34 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k1 = Kb + (ptrdiff_t)(jb + 1) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k2 = Kb + (ptrdiff_t)(jb + 2) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k3 = Kb + (ptrdiff_t)(jb + 3) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k4 = Kb + (ptrdiff_t)(jb + 4) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k5 = Kb + (ptrdiff_t)(jb + 5) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k6 = Kb + (ptrdiff_t)(jb + 6) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k7 = Kb + (ptrdiff_t)(jb + 7) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k8 = Kb + (ptrdiff_t)(jb + 8) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k9 = Kb + (ptrdiff_t)(jb + 9) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k10 = Kb + (ptrdiff_t)(jb + 10) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k11 = Kb + (ptrdiff_t)(jb + 11) * krs;
#line 36 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 38 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 0);
#line 38 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 16);
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 44 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k1[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c1_0 = _mm512_fmadd_ps(kb, q0, c1_0);
#line 44 "templates/attn_f32_ql.ct"
                  c1_1 = _mm512_fmadd_ps(kb, q1, c1_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k2[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c2_0 = _mm512_fmadd_ps(kb, q0, c2_0);
#line 44 "templates/attn_f32_ql.ct"
                  c2_1 = _mm512_fmadd_ps(kb, q1, c2_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k3[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c3_0 = _mm512_fmadd_ps(kb, q0, c3_0);
#line 44 "templates/attn_f32_ql.ct"
                  c3_1 = _mm512_fmadd_ps(kb, q1, c3_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k4[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c4_0 = _mm512_fmadd_ps(kb, q0, c4_0);
#line 44 "templates/attn_f32_ql.ct"
                  c4_1 = _mm512_fmadd_ps(kb, q1, c4_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k5[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c5_0 = _mm512_fmadd_ps(kb, q0, c5_0);
#line 44 "templates/attn_f32_ql.ct"
                  c5_1 = _mm512_fmadd_ps(kb, q1, c5_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k6[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c6_0 = _mm512_fmadd_ps(kb, q0, c6_0);
#line 44 "templates/attn_f32_ql.ct"
                  c6_1 = _mm512_fmadd_ps(kb, q1, c6_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k7[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c7_0 = _mm512_fmadd_ps(kb, q0, c7_0);
#line 44 "templates/attn_f32_ql.ct"
                  c7_1 = _mm512_fmadd_ps(kb, q1, c7_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k8[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c8_0 = _mm512_fmadd_ps(kb, q0, c8_0);
#line 44 "templates/attn_f32_ql.ct"
                  c8_1 = _mm512_fmadd_ps(kb, q1, c8_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k9[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c9_0 = _mm512_fmadd_ps(kb, q0, c9_0);
#line 44 "templates/attn_f32_ql.ct"
                  c9_1 = _mm512_fmadd_ps(kb, q1, c9_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k10[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c10_0 = _mm512_fmadd_ps(kb, q0, c10_0);
#line 44 "templates/attn_f32_ql.ct"
                  c10_1 = _mm512_fmadd_ps(kb, q1, c10_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k11[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c11_0 = _mm512_fmadd_ps(kb, q0, c11_0);
#line 44 "templates/attn_f32_ql.ct"
                  c11_1 = _mm512_fmadd_ps(kb, q1, c11_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 48 "templates/attn_f32_ql.ct"
              }
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 0, c0_0);
              mx0 = _mm512_max_ps(mx0, c0_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 16, c0_1);
              mx1 = _mm512_max_ps(mx1, c0_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 32 + 0, c1_0);
              mx0 = _mm512_max_ps(mx0, c1_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 32 + 16, c1_1);
              mx1 = _mm512_max_ps(mx1, c1_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 32 + 0, c2_0);
              mx0 = _mm512_max_ps(mx0, c2_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 32 + 16, c2_1);
              mx1 = _mm512_max_ps(mx1, c2_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 32 + 0, c3_0);
              mx0 = _mm512_max_ps(mx0, c3_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 32 + 16, c3_1);
              mx1 = _mm512_max_ps(mx1, c3_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 32 + 0, c4_0);
              mx0 = _mm512_max_ps(mx0, c4_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 32 + 16, c4_1);
              mx1 = _mm512_max_ps(mx1, c4_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 32 + 0, c5_0);
              mx0 = _mm512_max_ps(mx0, c5_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 32 + 16, c5_1);
              mx1 = _mm512_max_ps(mx1, c5_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 6) * 32 + 0, c6_0);
              mx0 = _mm512_max_ps(mx0, c6_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 6) * 32 + 16, c6_1);
              mx1 = _mm512_max_ps(mx1, c6_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 7) * 32 + 0, c7_0);
              mx0 = _mm512_max_ps(mx0, c7_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 7) * 32 + 16, c7_1);
              mx1 = _mm512_max_ps(mx1, c7_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 8) * 32 + 0, c8_0);
              mx0 = _mm512_max_ps(mx0, c8_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 8) * 32 + 16, c8_1);
              mx1 = _mm512_max_ps(mx1, c8_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 9) * 32 + 0, c9_0);
              mx0 = _mm512_max_ps(mx0, c9_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 9) * 32 + 16, c9_1);
              mx1 = _mm512_max_ps(mx1, c9_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 10) * 32 + 0, c10_0);
              mx0 = _mm512_max_ps(mx0, c10_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 10) * 32 + 16, c10_1);
              mx1 = _mm512_max_ps(mx1, c10_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 11) * 32 + 0, c11_0);
              mx0 = _mm512_max_ps(mx0, c11_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 11) * 32 + 16, c11_1);
              mx1 = _mm512_max_ps(mx1, c11_1);
#line 53 "templates/attn_f32_ql.ct"
            }
#line 179 "templates/attn_f32_ql.ct"
          for (; jb < nkv; jb++)
#line 29 "templates/attn_f32_ql.ct"
            {
#line 31 "templates/attn_f32_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 34 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 36 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 38 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 0);
#line 38 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 16);
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 44 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 48 "templates/attn_f32_ql.ct"
              }
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 0, c0_0);
              mx0 = _mm512_max_ps(mx0, c0_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 16, c0_1);
              mx1 = _mm512_max_ps(mx1, c0_1);
#line 53 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
          if (feat) {
#line 182 "templates/attn_f32_ql.ct"
            if (t->softcap > 0.0f) {
#line 182 "templates/attn_f32_ql.ct"
              const __m512 k_ = _mm512_set1_ps(2.0f / t->softcap), cl_ = _mm512_set1_ps(t->softcap * 1.44269504088896341f);
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (int v = 0; v < 32; v += 16) {
#line 182 "templates/attn_f32_ql.ct"
                  float *sj_ = Sh + (size_t)j * 32 + v;
#line 182 "templates/attn_f32_ql.ct"
                  _mm512_storeu_ps(sj_, _mm512_mul_ps(cl_, _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(_mm512_set1_ps(1.0f), mha__exp2_avx512(_mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_loadu_ps(sj_), k_), _mm512_set1_ps(-64.0f)), _mm512_set1_ps(64.0f))))))));
#line 182 "templates/attn_f32_ql.ct"
                }
#line 182 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
            if (t->alibi) {
#line 182 "templates/attn_f32_ql.ct"
              const __m512 sl_ = _mm512_set1_ps(t->alibi[h0 + hh] * 1.44269504088896341f);
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (int v = 0; v < 32; v += 16) {
#line 182 "templates/attn_f32_ql.ct"
                  float *sj_ = Sh + (size_t)j * 32 + v;
#line 182 "templates/attn_f32_ql.ct"
                  const __m512 d_ = _mm512_sub_ps(_mm512_set1_ps((float)(j0 + j - i0 - t->diag - v)), _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
#line 182 "templates/attn_f32_ql.ct"
                  _mm512_storeu_ps(sj_, _mm512_fmadd_ps(sl_, d_, _mm512_loadu_ps(sj_)));
#line 182 "templates/attn_f32_ql.ct"
                }
#line 182 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
            if (t->window) /* row r sees key j0 + j iff r < j0 + j - i0 - diag + window */
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (long r = j0 + j - i0 - t->diag + t->window, r_ = r < 0 ? 0 : r; r_ < 32; r_++) Sh[(size_t)j * 32 + r_] = -INFINITY;
#line 182 "templates/attn_f32_ql.ct"
          }
#line 184 "templates/attn_f32_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked || feat) {
            for (int j = 0; j < nkv && masked; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 32; r++) Sh[(size_t)j * 32 + r] = -INFINITY;
            }
#line 191 "templates/attn_f32_ql.ct"
            mx0 = _mm512_set1_ps(-INFINITY);
#line 191 "templates/attn_f32_ql.ct"
            mx1 = _mm512_set1_ps(-INFINITY);
#line 193 "templates/attn_f32_ql.ct"
            for (int j = 0; j < nkv; j++) {
#line 195 "templates/attn_f32_ql.ct"
              mx0 = _mm512_max_ps(mx0, _mm512_loadu_ps(Sh + (size_t)j * 32 + 0));
#line 195 "templates/attn_f32_ql.ct"
              mx1 = _mm512_max_ps(mx1, _mm512_loadu_ps(Sh + (size_t)j * 32 + 16));
#line 197 "templates/attn_f32_ql.ct"
            }
          }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 202 "templates/attn_f32_ql.ct"
          const __m512 mo0 = _mm512_loadu_ps(Mh + 0);
          const __m512 mn0 = _mm512_max_ps(mo0, mx0);
          const __m512 ms0 = _mm512_max_ps(mn0, _mm512_set1_ps(-3.0e38f));
          const __m512 al0 = mha__exp2_avx512(_mm512_sub_ps(mo0, ms0));
          __m512 sum0 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 0, mn0);
#line 202 "templates/attn_f32_ql.ct"
          const __m512 mo1 = _mm512_loadu_ps(Mh + 16);
          const __m512 mn1 = _mm512_max_ps(mo1, mx1);
          const __m512 ms1 = _mm512_max_ps(mn1, _mm512_set1_ps(-3.0e38f));
          const __m512 al1 = mha__exp2_avx512(_mm512_sub_ps(mo1, ms1));
          __m512 sum1 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 16, mn1);
#line 209 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
            float *sj = Sh + (size_t)j * 32;
#line 212 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 0), ms0));
              _mm512_storeu_ps(sj + 0, p);
              sum0 = _mm512_add_ps(sum0, p);
            }
#line 212 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 16), ms1));
              _mm512_storeu_ps(sj + 16, p);
              sum1 = _mm512_add_ps(sum1, p);
            }
#line 218 "templates/attn_f32_ql.ct"
          }
#line 220 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 0, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 0), al0, sum0));
#line 220 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 16, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 16), al1, sum1));
#line 222 "templates/attn_f32_ql.ct"
          int c0 = 0;
          for (; c0 + 8 <= d; c0 += 8)
#line 57 "templates/attn_f32_ql.ct"
            {
#line 59 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o2_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o2_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o3_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o3_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o4_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o4_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o5_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o5_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o6_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 6) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o6_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 6) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o7_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 7) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o7_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 7) * 32 + 16), al1);
#line 61 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 64 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 0);
#line 64 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 16);
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 70 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 70 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[1]);
#line 70 "templates/attn_f32_ql.ct"
                  o1_0 = _mm512_fmadd_ps(vb, p0, o1_0);
#line 70 "templates/attn_f32_ql.ct"
                  o1_1 = _mm512_fmadd_ps(vb, p1, o1_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[2]);
#line 70 "templates/attn_f32_ql.ct"
                  o2_0 = _mm512_fmadd_ps(vb, p0, o2_0);
#line 70 "templates/attn_f32_ql.ct"
                  o2_1 = _mm512_fmadd_ps(vb, p1, o2_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[3]);
#line 70 "templates/attn_f32_ql.ct"
                  o3_0 = _mm512_fmadd_ps(vb, p0, o3_0);
#line 70 "templates/attn_f32_ql.ct"
                  o3_1 = _mm512_fmadd_ps(vb, p1, o3_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[4]);
#line 70 "templates/attn_f32_ql.ct"
                  o4_0 = _mm512_fmadd_ps(vb, p0, o4_0);
#line 70 "templates/attn_f32_ql.ct"
                  o4_1 = _mm512_fmadd_ps(vb, p1, o4_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[5]);
#line 70 "templates/attn_f32_ql.ct"
                  o5_0 = _mm512_fmadd_ps(vb, p0, o5_0);
#line 70 "templates/attn_f32_ql.ct"
                  o5_1 = _mm512_fmadd_ps(vb, p1, o5_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[6]);
#line 70 "templates/attn_f32_ql.ct"
                  o6_0 = _mm512_fmadd_ps(vb, p0, o6_0);
#line 70 "templates/attn_f32_ql.ct"
                  o6_1 = _mm512_fmadd_ps(vb, p1, o6_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[7]);
#line 70 "templates/attn_f32_ql.ct"
                  o7_0 = _mm512_fmadd_ps(vb, p0, o7_0);
#line 70 "templates/attn_f32_ql.ct"
                  o7_1 = _mm512_fmadd_ps(vb, p1, o7_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 74 "templates/attn_f32_ql.ct"
              }
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 0, o0_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 16, o0_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 32 + 0, o1_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 32 + 16, o1_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 32 + 0, o2_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 32 + 16, o2_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 32 + 0, o3_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 32 + 16, o3_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 32 + 0, o4_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 32 + 16, o4_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 32 + 0, o5_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 32 + 16, o5_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 6) * 32 + 0, o6_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 6) * 32 + 16, o6_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 7) * 32 + 0, o7_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 7) * 32 + 16, o7_1);
#line 78 "templates/attn_f32_ql.ct"
            }
#line 225 "templates/attn_f32_ql.ct"
          for (; c0 < d; c0++)
#line 57 "templates/attn_f32_ql.ct"
            {
#line 59 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 16), al1);
#line 61 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 64 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 0);
#line 64 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 16);
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 70 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 70 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 74 "templates/attn_f32_ql.ct"
              }
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 0, o0_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 16, o0_1);
#line 78 "templates/attn_f32_ql.ct"
            }
#line 227 "templates/attn_f32_ql.ct"
        }
      }
      /* O = (O^T)^T / sum, L x L blocks transposed in registers; a row that saw no key gets
       * zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++) {
        float *inv = Inv + hh * 32;
        const float *oh = Ot + (size_t)hh * 32 * d;
        float *ob = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)i0 * t->o_rs;
        for (int r = 0; r < mq; r++) {
          const int row = hh * 32 + r;
          const float l = Ls[row];
          inv[r] = l > 0.0f ? 1.0f / l : 0.0f;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
        int r0 = 0;
        for (; r0 + 16 <= mq; r0 += 16) {
          int c0 = 0;
          for (; c0 + 16 <= d; c0 += 16) {
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a0 = _mm512_loadu_ps(oh + (size_t)(c0 + 0) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a1 = _mm512_loadu_ps(oh + (size_t)(c0 + 1) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a2 = _mm512_loadu_ps(oh + (size_t)(c0 + 2) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a3 = _mm512_loadu_ps(oh + (size_t)(c0 + 3) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a4 = _mm512_loadu_ps(oh + (size_t)(c0 + 4) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a5 = _mm512_loadu_ps(oh + (size_t)(c0 + 5) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a6 = _mm512_loadu_ps(oh + (size_t)(c0 + 6) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a7 = _mm512_loadu_ps(oh + (size_t)(c0 + 7) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a8 = _mm512_loadu_ps(oh + (size_t)(c0 + 8) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a9 = _mm512_loadu_ps(oh + (size_t)(c0 + 9) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a10 = _mm512_loadu_ps(oh + (size_t)(c0 + 10) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a11 = _mm512_loadu_ps(oh + (size_t)(c0 + 11) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a12 = _mm512_loadu_ps(oh + (size_t)(c0 + 12) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a13 = _mm512_loadu_ps(oh + (size_t)(c0 + 13) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a14 = _mm512_loadu_ps(oh + (size_t)(c0 + 14) * 32 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m512 a15 = _mm512_loadu_ps(oh + (size_t)(c0 + 15) * 32 + r0);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t0 = _mm512_unpacklo_ps(a0, a1);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t1 = _mm512_unpackhi_ps(a0, a1);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t2 = _mm512_unpacklo_ps(a2, a3);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t3 = _mm512_unpackhi_ps(a2, a3);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t4 = _mm512_unpacklo_ps(a4, a5);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t5 = _mm512_unpackhi_ps(a4, a5);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t6 = _mm512_unpacklo_ps(a6, a7);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t7 = _mm512_unpackhi_ps(a6, a7);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t8 = _mm512_unpacklo_ps(a8, a9);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t9 = _mm512_unpackhi_ps(a8, a9);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t10 = _mm512_unpacklo_ps(a10, a11);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t11 = _mm512_unpackhi_ps(a10, a11);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t12 = _mm512_unpacklo_ps(a12, a13);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t13 = _mm512_unpackhi_ps(a12, a13);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t14 = _mm512_unpacklo_ps(a14, a15);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_t15 = _mm512_unpackhi_ps(a14, a15);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u0_0 = _mm512_shuffle_ps(to_t0, to_t2, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u0_1 = _mm512_shuffle_ps(to_t0, to_t2, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u0_2 = _mm512_shuffle_ps(to_t1, to_t3, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u0_3 = _mm512_shuffle_ps(to_t1, to_t3, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u1_0 = _mm512_shuffle_ps(to_t4, to_t6, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u1_1 = _mm512_shuffle_ps(to_t4, to_t6, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u1_2 = _mm512_shuffle_ps(to_t5, to_t7, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u1_3 = _mm512_shuffle_ps(to_t5, to_t7, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u2_0 = _mm512_shuffle_ps(to_t8, to_t10, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u2_1 = _mm512_shuffle_ps(to_t8, to_t10, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u2_2 = _mm512_shuffle_ps(to_t9, to_t11, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u2_3 = _mm512_shuffle_ps(to_t9, to_t11, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u3_0 = _mm512_shuffle_ps(to_t12, to_t14, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u3_1 = _mm512_shuffle_ps(to_t12, to_t14, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u3_2 = _mm512_shuffle_ps(to_t13, to_t15, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_u3_3 = _mm512_shuffle_ps(to_t13, to_t15, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v0_0 = _mm512_shuffle_f32x4(to_u0_0, to_u1_0, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v0_2 = _mm512_shuffle_f32x4(to_u2_0, to_u3_0, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v0_1 = _mm512_shuffle_f32x4(to_u0_0, to_u1_0, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v0_3 = _mm512_shuffle_f32x4(to_u2_0, to_u3_0, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to0 = _mm512_shuffle_f32x4(to_v0_0, to_v0_2, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to4 = _mm512_shuffle_f32x4(to_v0_0, to_v0_2, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to8 = _mm512_shuffle_f32x4(to_v0_1, to_v0_3, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to12 = _mm512_shuffle_f32x4(to_v0_1, to_v0_3, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v1_0 = _mm512_shuffle_f32x4(to_u0_1, to_u1_1, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v1_2 = _mm512_shuffle_f32x4(to_u2_1, to_u3_1, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v1_1 = _mm512_shuffle_f32x4(to_u0_1, to_u1_1, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v1_3 = _mm512_shuffle_f32x4(to_u2_1, to_u3_1, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to1 = _mm512_shuffle_f32x4(to_v1_0, to_v1_2, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to5 = _mm512_shuffle_f32x4(to_v1_0, to_v1_2, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to9 = _mm512_shuffle_f32x4(to_v1_1, to_v1_3, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to13 = _mm512_shuffle_f32x4(to_v1_1, to_v1_3, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v2_0 = _mm512_shuffle_f32x4(to_u0_2, to_u1_2, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v2_2 = _mm512_shuffle_f32x4(to_u2_2, to_u3_2, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v2_1 = _mm512_shuffle_f32x4(to_u0_2, to_u1_2, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v2_3 = _mm512_shuffle_f32x4(to_u2_2, to_u3_2, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to2 = _mm512_shuffle_f32x4(to_v2_0, to_v2_2, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to6 = _mm512_shuffle_f32x4(to_v2_0, to_v2_2, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to10 = _mm512_shuffle_f32x4(to_v2_1, to_v2_3, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to14 = _mm512_shuffle_f32x4(to_v2_1, to_v2_3, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v3_0 = _mm512_shuffle_f32x4(to_u0_3, to_u1_3, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v3_2 = _mm512_shuffle_f32x4(to_u2_3, to_u3_3, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v3_1 = _mm512_shuffle_f32x4(to_u0_3, to_u1_3, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to_v3_3 = _mm512_shuffle_f32x4(to_u2_3, to_u3_3, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to3 = _mm512_shuffle_f32x4(to_v3_0, to_v3_2, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to7 = _mm512_shuffle_f32x4(to_v3_0, to_v3_2, 0xDD);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to11 = _mm512_shuffle_f32x4(to_v3_1, to_v3_3, 0x88);
#line 251 "templates/attn_f32_ql.ct"
            const __m512 to15 = _mm512_shuffle_f32x4(to_v3_1, to_v3_3, 0xDD);
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 0) * t->o_rs + c0, _mm512_mul_ps(to0, _mm512_set1_ps(inv[r0 + 0])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 1) * t->o_rs + c0, _mm512_mul_ps(to1, _mm512_set1_ps(inv[r0 + 1])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 2) * t->o_rs + c0, _mm512_mul_ps(to2, _mm512_set1_ps(inv[r0 + 2])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 3) * t->o_rs + c0, _mm512_mul_ps(to3, _mm512_set1_ps(inv[r0 + 3])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 4) * t->o_rs + c0, _mm512_mul_ps(to4, _mm512_set1_ps(inv[r0 + 4])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 5) * t->o_rs + c0, _mm512_mul_ps(to5, _mm512_set1_ps(inv[r0 + 5])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 6) * t->o_rs + c0, _mm512_mul_ps(to6, _mm512_set1_ps(inv[r0 + 6])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 7) * t->o_rs + c0, _mm512_mul_ps(to7, _mm512_set1_ps(inv[r0 + 7])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 8) * t->o_rs + c0, _mm512_mul_ps(to8, _mm512_set1_ps(inv[r0 + 8])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 9) * t->o_rs + c0, _mm512_mul_ps(to9, _mm512_set1_ps(inv[r0 + 9])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 10) * t->o_rs + c0, _mm512_mul_ps(to10, _mm512_set1_ps(inv[r0 + 10])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 11) * t->o_rs + c0, _mm512_mul_ps(to11, _mm512_set1_ps(inv[r0 + 11])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 12) * t->o_rs + c0, _mm512_mul_ps(to12, _mm512_set1_ps(inv[r0 + 12])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 13) * t->o_rs + c0, _mm512_mul_ps(to13, _mm512_set1_ps(inv[r0 + 13])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 14) * t->o_rs + c0, _mm512_mul_ps(to14, _mm512_set1_ps(inv[r0 + 14])));
#line 254 "templates/attn_f32_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 15) * t->o_rs + c0, _mm512_mul_ps(to15, _mm512_set1_ps(inv[r0 + 15])));
#line 256 "templates/attn_f32_ql.ct"
          }
          for (; c0 < d; c0++)
            for (int r = r0; r < r0 + 16; r++) ob[(ptrdiff_t)r * t->o_rs + c0] = oh[(size_t)c0 * 32 + r] * inv[r];
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d; c++) ob[(ptrdiff_t)r0 * t->o_rs + c] = oh[(size_t)c * 32 + r0] * inv[r0];
      }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx512_d128_g1_q32_k256_r12x2_ql = {
  "attn_f32_avx512_d128_g1_q32_k256_r12x2_ql", MHA__ISA_AVX512, 128, 1, 32, 256, 12, 2, 16, mha__attn_f32_avx512_d128_g1_q32_k256_r12x2_ql, mha__ws_attn_f32_avx512_d128_g1_q32_k256_r12x2_ql, MHA__KV_F32, MHA__KV_F32, 0
};
