/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_bf16_ql.ct: attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql
 * isa=avx512 d=80 g=1 qt=64 kt=128 rm=6 rn=4 kf=ql rp=1 cv=5 kv=bf16 */
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
#line 9 "templates/attn_bf16_ql.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): Q^T pairs, O^T, S^T, P^T pairs per head of the
 * group, running max, sum and 1/sum per row, and the key tile's V pairs. */
static size_t mha__ws_attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql(int d_) {
  const size_t d = 80;
  (void)d_;
  return A16(64 * d / 2) + A16(64 * d) + A16(8192) + A16(4096) +
         3 * A16(64) + A16(64 * d);
}

#line 79 "templates/attn_bf16_ql.ct"

__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16,avx2,fma,f16c"))) MHA__HIDDEN void mha__attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql(const mha__task *t) {
  enum { d = 80 };
  uint32_t *const Qt = (uint32_t *)t->ws;            /* [G][d/2][QT] pairs of Q along d */
  float *const Ot = t->ws + A16((size_t)64 * d / 2); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)64 * d); /* [G][KT][QT] scores, base 2 */
  uint32_t *const Pt = (uint32_t *)(St + A16(8192)); /* [G][KT/2][QT] pairs of P */
  float *const M = (float *)(Pt + A16(4096)); /* running max, base 2 */
  float *const Ls = M + A16(64);              /* running sum */
  float *const Inv = Ls + A16(64);            /* 1/sum, at the end of a query tile */
  uint32_t *const Vp = (uint32_t *)(Inv + A16(64)); /* [KT/2][d] pairs of V's keys */
  const uint16_t *const q16 = (const uint16_t *)(const void *)t->q; /* bf16; strides in elements */
  const float qscale = t->scale * 1.44269504088896341f;
  const __m512 qs = _mm512_set1_ps(qscale);
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 64) {
      const int mq = nq - i0 < 64 ? nq - i0 : 64;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T pairs of the tile, L x L blocks of pairs transposed in registers; rows past mq
       * are zero and their results are never stored. */
      if (mq < 64) memset(Qt, 0, sizeof(uint32_t) * 64 * (size_t)d / 2);
      for (int hh = 0; hh < 1; hh++) {
        const uint16_t *qh = q16 + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)i0 * t->q_rs;
        uint32_t *qt = Qt + (size_t)hh * 64 * d / 2;
        int r0 = 0;
        for (; r0 + 16 <= mq; r0 += 16) {
          int c0 = 0;
          for (; c0 + 16 <= d / 2; c0 += 16) {
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a0 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 0) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a1 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 1) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a2 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 2) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a3 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 3) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a4 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 4) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a5 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 5) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a6 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 6) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a7 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 7) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a8 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 8) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a9 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 9) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a10 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 10) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a11 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 11) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a12 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 12) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a13 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 13) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a14 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 14) * t->q_rs + 2 * c0)));
#line 112 "templates/attn_bf16_ql.ct"
            const __m512 a15 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(qh + (ptrdiff_t)(r0 + 15) * t->q_rs + 2 * c0)));
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t0 = _mm512_unpacklo_ps(a0, a1);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t1 = _mm512_unpackhi_ps(a0, a1);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t2 = _mm512_unpacklo_ps(a2, a3);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t3 = _mm512_unpackhi_ps(a2, a3);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t4 = _mm512_unpacklo_ps(a4, a5);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t5 = _mm512_unpackhi_ps(a4, a5);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t6 = _mm512_unpacklo_ps(a6, a7);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t7 = _mm512_unpackhi_ps(a6, a7);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t8 = _mm512_unpacklo_ps(a8, a9);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t9 = _mm512_unpackhi_ps(a8, a9);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t10 = _mm512_unpacklo_ps(a10, a11);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t11 = _mm512_unpackhi_ps(a10, a11);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t12 = _mm512_unpacklo_ps(a12, a13);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t13 = _mm512_unpackhi_ps(a12, a13);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t14 = _mm512_unpacklo_ps(a14, a15);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_t15 = _mm512_unpackhi_ps(a14, a15);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u0_0 = _mm512_shuffle_ps(tq_t0, tq_t2, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u0_1 = _mm512_shuffle_ps(tq_t0, tq_t2, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u0_2 = _mm512_shuffle_ps(tq_t1, tq_t3, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u0_3 = _mm512_shuffle_ps(tq_t1, tq_t3, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u1_0 = _mm512_shuffle_ps(tq_t4, tq_t6, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u1_1 = _mm512_shuffle_ps(tq_t4, tq_t6, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u1_2 = _mm512_shuffle_ps(tq_t5, tq_t7, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u1_3 = _mm512_shuffle_ps(tq_t5, tq_t7, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u2_0 = _mm512_shuffle_ps(tq_t8, tq_t10, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u2_1 = _mm512_shuffle_ps(tq_t8, tq_t10, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u2_2 = _mm512_shuffle_ps(tq_t9, tq_t11, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u2_3 = _mm512_shuffle_ps(tq_t9, tq_t11, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u3_0 = _mm512_shuffle_ps(tq_t12, tq_t14, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u3_1 = _mm512_shuffle_ps(tq_t12, tq_t14, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u3_2 = _mm512_shuffle_ps(tq_t13, tq_t15, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_u3_3 = _mm512_shuffle_ps(tq_t13, tq_t15, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v0_0 = _mm512_shuffle_f32x4(tq_u0_0, tq_u1_0, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v0_2 = _mm512_shuffle_f32x4(tq_u2_0, tq_u3_0, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v0_1 = _mm512_shuffle_f32x4(tq_u0_0, tq_u1_0, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v0_3 = _mm512_shuffle_f32x4(tq_u2_0, tq_u3_0, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq0 = _mm512_shuffle_f32x4(tq_v0_0, tq_v0_2, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq4 = _mm512_shuffle_f32x4(tq_v0_0, tq_v0_2, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq8 = _mm512_shuffle_f32x4(tq_v0_1, tq_v0_3, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq12 = _mm512_shuffle_f32x4(tq_v0_1, tq_v0_3, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v1_0 = _mm512_shuffle_f32x4(tq_u0_1, tq_u1_1, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v1_2 = _mm512_shuffle_f32x4(tq_u2_1, tq_u3_1, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v1_1 = _mm512_shuffle_f32x4(tq_u0_1, tq_u1_1, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v1_3 = _mm512_shuffle_f32x4(tq_u2_1, tq_u3_1, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq1 = _mm512_shuffle_f32x4(tq_v1_0, tq_v1_2, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq5 = _mm512_shuffle_f32x4(tq_v1_0, tq_v1_2, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq9 = _mm512_shuffle_f32x4(tq_v1_1, tq_v1_3, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq13 = _mm512_shuffle_f32x4(tq_v1_1, tq_v1_3, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v2_0 = _mm512_shuffle_f32x4(tq_u0_2, tq_u1_2, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v2_2 = _mm512_shuffle_f32x4(tq_u2_2, tq_u3_2, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v2_1 = _mm512_shuffle_f32x4(tq_u0_2, tq_u1_2, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v2_3 = _mm512_shuffle_f32x4(tq_u2_2, tq_u3_2, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq2 = _mm512_shuffle_f32x4(tq_v2_0, tq_v2_2, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq6 = _mm512_shuffle_f32x4(tq_v2_0, tq_v2_2, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq10 = _mm512_shuffle_f32x4(tq_v2_1, tq_v2_3, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq14 = _mm512_shuffle_f32x4(tq_v2_1, tq_v2_3, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v3_0 = _mm512_shuffle_f32x4(tq_u0_3, tq_u1_3, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v3_2 = _mm512_shuffle_f32x4(tq_u2_3, tq_u3_3, 0x44);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v3_1 = _mm512_shuffle_f32x4(tq_u0_3, tq_u1_3, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq_v3_3 = _mm512_shuffle_f32x4(tq_u2_3, tq_u3_3, 0xEE);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq3 = _mm512_shuffle_f32x4(tq_v3_0, tq_v3_2, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq7 = _mm512_shuffle_f32x4(tq_v3_0, tq_v3_2, 0xDD);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq11 = _mm512_shuffle_f32x4(tq_v3_1, tq_v3_3, 0x88);
#line 116 "templates/attn_bf16_ql.ct"
            const __m512 tq15 = _mm512_shuffle_f32x4(tq_v3_1, tq_v3_3, 0xDD);
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 0) * 64 + r0), _mm512_castps_si512(tq0));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 1) * 64 + r0), _mm512_castps_si512(tq1));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 2) * 64 + r0), _mm512_castps_si512(tq2));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 3) * 64 + r0), _mm512_castps_si512(tq3));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 4) * 64 + r0), _mm512_castps_si512(tq4));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 5) * 64 + r0), _mm512_castps_si512(tq5));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 6) * 64 + r0), _mm512_castps_si512(tq6));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 7) * 64 + r0), _mm512_castps_si512(tq7));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 8) * 64 + r0), _mm512_castps_si512(tq8));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 9) * 64 + r0), _mm512_castps_si512(tq9));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 10) * 64 + r0), _mm512_castps_si512(tq10));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 11) * 64 + r0), _mm512_castps_si512(tq11));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 12) * 64 + r0), _mm512_castps_si512(tq12));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 13) * 64 + r0), _mm512_castps_si512(tq13));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 14) * 64 + r0), _mm512_castps_si512(tq14));
#line 119 "templates/attn_bf16_ql.ct"
            _mm512_storeu_si512((void *)(qt + (size_t)(c0 + 15) * 64 + r0), _mm512_castps_si512(tq15));
#line 121 "templates/attn_bf16_ql.ct"
          }
          for (; c0 < d / 2; c0++)
            for (int r = r0; r < r0 + 16; r++) qt[(size_t)c0 * 64 + r] = (uint32_t)mha__ld32(qh + (ptrdiff_t)r * t->q_rs + 2 * c0);
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d / 2; c++) qt[(size_t)c * 64 + r0] = (uint32_t)mha__ld32(qh + (ptrdiff_t)r0 * t->q_rs + 2 * c);
      }
      for (int r = 0; r < 64; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 64 * (size_t)d);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const uint16_t *Kb = (const uint16_t *)(const void *)((const unsigned char *)t->k + (ptrdiff_t)j0 * t->k_rs);
        const ptrdiff_t krs = t->k_rs / 2;
        /* V's keys in pairs (the last one alone, with a zero partner when nkv is odd). */
        const int np = (nkv + 1) / 2;
        for (int j = 0; j < np; j++) {
          const uint16_t *v0 = (const uint16_t *)(const void *)((const unsigned char *)t->v + (ptrdiff_t)(j0 + 2 * j) * t->v_rs);
          const uint16_t *v1 = (const uint16_t *)(const void *)((const unsigned char *)v0 + t->v_rs);
          uint32_t *vp = Vp + (size_t)j * d;
          if (2 * j + 1 < nkv)
            for (int c = 0; c < d; c += 16) _mm512_storeu_si512((void *)(vp + c), _mm512_or_si512(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v0) + (c)))), _mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v1) + (c)))), 16)));
          else
            for (int c = 0; c < d; c += 16) _mm512_storeu_si512((void *)(vp + c), _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v0) + (c)))));
        }
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const uint32_t *Qh = Qt + (size_t)hh * 64 * d / 2;
          float *Sh = St + (size_t)hh * 8192;
          uint32_t *Ph = Pt + (size_t)hh * 4096;
          float *Oh = Ot + (size_t)hh * 64 * d;
          float *Mh = M + hh * 64, *Lh = Ls + hh * 64;
          /* The tile's max per row comes with the scores; it is taken again after the
           * 0.2 score step and the causal mask. */
#line 160 "templates/attn_bf16_ql.ct"
          __m512 mx0 = _mm512_set1_ps(-INFINITY);
#line 160 "templates/attn_bf16_ql.ct"
          __m512 mx1 = _mm512_set1_ps(-INFINITY);
#line 160 "templates/attn_bf16_ql.ct"
          __m512 mx2 = _mm512_set1_ps(-INFINITY);
#line 160 "templates/attn_bf16_ql.ct"
          __m512 mx3 = _mm512_set1_ps(-INFINITY);
#line 162 "templates/attn_bf16_ql.ct"
          int jb = 0;
          for (; jb + 6 <= nkv; jb += 6)
#line 27 "templates/attn_bf16_ql.ct"
            {
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c1_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c1_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c1_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c1_3 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c2_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c2_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c2_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c2_3 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c3_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c3_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c3_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c3_3 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c4_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c4_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c4_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c4_3 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c5_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c5_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c5_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c5_3 = _mm512_setzero_ps();
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k1 = Kb + (ptrdiff_t)(jb + 1) * krs;
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k2 = Kb + (ptrdiff_t)(jb + 2) * krs;
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k3 = Kb + (ptrdiff_t)(jb + 3) * krs;
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k4 = Kb + (ptrdiff_t)(jb + 4) * krs;
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k5 = Kb + (ptrdiff_t)(jb + 5) * krs;
#line 34 "templates/attn_bf16_ql.ct"
              for (int c = 0; c < d / 2; c++) {
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q0 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 0));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q1 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 16));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q2 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 32));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q3 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 48));
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k0 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_0 = _mm512_dpbf16_ps(c0_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_1 = _mm512_dpbf16_ps(c0_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_2 = _mm512_dpbf16_ps(c0_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_3 = _mm512_dpbf16_ps(c0_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k1 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c1_0 = _mm512_dpbf16_ps(c1_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c1_1 = _mm512_dpbf16_ps(c1_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c1_2 = _mm512_dpbf16_ps(c1_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c1_3 = _mm512_dpbf16_ps(c1_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k2 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c2_0 = _mm512_dpbf16_ps(c2_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c2_1 = _mm512_dpbf16_ps(c2_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c2_2 = _mm512_dpbf16_ps(c2_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c2_3 = _mm512_dpbf16_ps(c2_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k3 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c3_0 = _mm512_dpbf16_ps(c3_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c3_1 = _mm512_dpbf16_ps(c3_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c3_2 = _mm512_dpbf16_ps(c3_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c3_3 = _mm512_dpbf16_ps(c3_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k4 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c4_0 = _mm512_dpbf16_ps(c4_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c4_1 = _mm512_dpbf16_ps(c4_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c4_2 = _mm512_dpbf16_ps(c4_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c4_3 = _mm512_dpbf16_ps(c4_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k5 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c5_0 = _mm512_dpbf16_ps(c5_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c5_1 = _mm512_dpbf16_ps(c5_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c5_2 = _mm512_dpbf16_ps(c5_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c5_3 = _mm512_dpbf16_ps(c5_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 46 "templates/attn_bf16_ql.ct"
              }
#line 48 "templates/attn_bf16_ql.ct"
              c0_0 = _mm512_mul_ps(c0_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 0, c0_0);
              mx0 = _mm512_max_ps(mx0, c0_0);
#line 48 "templates/attn_bf16_ql.ct"
              c0_1 = _mm512_mul_ps(c0_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 16, c0_1);
              mx1 = _mm512_max_ps(mx1, c0_1);
#line 48 "templates/attn_bf16_ql.ct"
              c0_2 = _mm512_mul_ps(c0_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 32, c0_2);
              mx2 = _mm512_max_ps(mx2, c0_2);
#line 48 "templates/attn_bf16_ql.ct"
              c0_3 = _mm512_mul_ps(c0_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 48, c0_3);
              mx3 = _mm512_max_ps(mx3, c0_3);
#line 48 "templates/attn_bf16_ql.ct"
              c1_0 = _mm512_mul_ps(c1_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 0, c1_0);
              mx0 = _mm512_max_ps(mx0, c1_0);
#line 48 "templates/attn_bf16_ql.ct"
              c1_1 = _mm512_mul_ps(c1_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 16, c1_1);
              mx1 = _mm512_max_ps(mx1, c1_1);
#line 48 "templates/attn_bf16_ql.ct"
              c1_2 = _mm512_mul_ps(c1_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 32, c1_2);
              mx2 = _mm512_max_ps(mx2, c1_2);
#line 48 "templates/attn_bf16_ql.ct"
              c1_3 = _mm512_mul_ps(c1_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 48, c1_3);
              mx3 = _mm512_max_ps(mx3, c1_3);
#line 48 "templates/attn_bf16_ql.ct"
              c2_0 = _mm512_mul_ps(c2_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 0, c2_0);
              mx0 = _mm512_max_ps(mx0, c2_0);
#line 48 "templates/attn_bf16_ql.ct"
              c2_1 = _mm512_mul_ps(c2_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 16, c2_1);
              mx1 = _mm512_max_ps(mx1, c2_1);
#line 48 "templates/attn_bf16_ql.ct"
              c2_2 = _mm512_mul_ps(c2_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 32, c2_2);
              mx2 = _mm512_max_ps(mx2, c2_2);
#line 48 "templates/attn_bf16_ql.ct"
              c2_3 = _mm512_mul_ps(c2_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 48, c2_3);
              mx3 = _mm512_max_ps(mx3, c2_3);
#line 48 "templates/attn_bf16_ql.ct"
              c3_0 = _mm512_mul_ps(c3_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 0, c3_0);
              mx0 = _mm512_max_ps(mx0, c3_0);
#line 48 "templates/attn_bf16_ql.ct"
              c3_1 = _mm512_mul_ps(c3_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 16, c3_1);
              mx1 = _mm512_max_ps(mx1, c3_1);
#line 48 "templates/attn_bf16_ql.ct"
              c3_2 = _mm512_mul_ps(c3_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 32, c3_2);
              mx2 = _mm512_max_ps(mx2, c3_2);
#line 48 "templates/attn_bf16_ql.ct"
              c3_3 = _mm512_mul_ps(c3_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 48, c3_3);
              mx3 = _mm512_max_ps(mx3, c3_3);
#line 48 "templates/attn_bf16_ql.ct"
              c4_0 = _mm512_mul_ps(c4_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 0, c4_0);
              mx0 = _mm512_max_ps(mx0, c4_0);
#line 48 "templates/attn_bf16_ql.ct"
              c4_1 = _mm512_mul_ps(c4_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 16, c4_1);
              mx1 = _mm512_max_ps(mx1, c4_1);
#line 48 "templates/attn_bf16_ql.ct"
              c4_2 = _mm512_mul_ps(c4_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 32, c4_2);
              mx2 = _mm512_max_ps(mx2, c4_2);
#line 48 "templates/attn_bf16_ql.ct"
              c4_3 = _mm512_mul_ps(c4_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 48, c4_3);
              mx3 = _mm512_max_ps(mx3, c4_3);
#line 48 "templates/attn_bf16_ql.ct"
              c5_0 = _mm512_mul_ps(c5_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 0, c5_0);
              mx0 = _mm512_max_ps(mx0, c5_0);
#line 48 "templates/attn_bf16_ql.ct"
              c5_1 = _mm512_mul_ps(c5_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 16, c5_1);
              mx1 = _mm512_max_ps(mx1, c5_1);
#line 48 "templates/attn_bf16_ql.ct"
              c5_2 = _mm512_mul_ps(c5_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 32, c5_2);
              mx2 = _mm512_max_ps(mx2, c5_2);
#line 48 "templates/attn_bf16_ql.ct"
              c5_3 = _mm512_mul_ps(c5_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 48, c5_3);
              mx3 = _mm512_max_ps(mx3, c5_3);
#line 52 "templates/attn_bf16_ql.ct"
            }
#line 165 "templates/attn_bf16_ql.ct"
          for (; jb < nkv; jb++)
#line 27 "templates/attn_bf16_ql.ct"
            {
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 29 "templates/attn_bf16_ql.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 32 "templates/attn_bf16_ql.ct"
              const uint16_t *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 34 "templates/attn_bf16_ql.ct"
              for (int c = 0; c < d / 2; c++) {
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q0 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 0));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q1 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 16));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q2 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 32));
#line 36 "templates/attn_bf16_ql.ct"
                const __m512i q3 = _mm512_loadu_si512((const void *)(Qh + (size_t)c * 64 + 48));
#line 39 "templates/attn_bf16_ql.ct"
                {
                  const __m512i kb = _mm512_set1_epi32(mha__ld32(k0 + 2 * c));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_0 = _mm512_dpbf16_ps(c0_0, (__m512bh)(q0), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_1 = _mm512_dpbf16_ps(c0_1, (__m512bh)(q1), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_2 = _mm512_dpbf16_ps(c0_2, (__m512bh)(q2), (__m512bh)(kb));
#line 42 "templates/attn_bf16_ql.ct"
                  c0_3 = _mm512_dpbf16_ps(c0_3, (__m512bh)(q3), (__m512bh)(kb));
#line 44 "templates/attn_bf16_ql.ct"
                }
#line 46 "templates/attn_bf16_ql.ct"
              }
#line 48 "templates/attn_bf16_ql.ct"
              c0_0 = _mm512_mul_ps(c0_0, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 0, c0_0);
              mx0 = _mm512_max_ps(mx0, c0_0);
#line 48 "templates/attn_bf16_ql.ct"
              c0_1 = _mm512_mul_ps(c0_1, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 16, c0_1);
              mx1 = _mm512_max_ps(mx1, c0_1);
#line 48 "templates/attn_bf16_ql.ct"
              c0_2 = _mm512_mul_ps(c0_2, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 32, c0_2);
              mx2 = _mm512_max_ps(mx2, c0_2);
#line 48 "templates/attn_bf16_ql.ct"
              c0_3 = _mm512_mul_ps(c0_3, qs);
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 48, c0_3);
              mx3 = _mm512_max_ps(mx3, c0_3);
#line 52 "templates/attn_bf16_ql.ct"
            }
#line 168 "templates/attn_bf16_ql.ct"
          if (feat) {
#line 168 "templates/attn_bf16_ql.ct"
            if (t->softcap > 0.0f) {
#line 168 "templates/attn_bf16_ql.ct"
              const __m512 k_ = _mm512_set1_ps(2.0f / t->softcap), cl_ = _mm512_set1_ps(t->softcap * 1.44269504088896341f);
#line 168 "templates/attn_bf16_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 168 "templates/attn_bf16_ql.ct"
                for (int v = 0; v < 64; v += 16) {
#line 168 "templates/attn_bf16_ql.ct"
                  float *sj_ = Sh + (size_t)j * 64 + v;
#line 168 "templates/attn_bf16_ql.ct"
                  _mm512_storeu_ps(sj_, _mm512_mul_ps(cl_, _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(_mm512_set1_ps(1.0f), mha__exp2_avx512(_mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_loadu_ps(sj_), k_), _mm512_set1_ps(-64.0f)), _mm512_set1_ps(64.0f))))))));
#line 168 "templates/attn_bf16_ql.ct"
                }
#line 168 "templates/attn_bf16_ql.ct"
            }
#line 168 "templates/attn_bf16_ql.ct"
            if (t->alibi) {
#line 168 "templates/attn_bf16_ql.ct"
              const __m512 sl_ = _mm512_set1_ps(t->alibi[h0 + hh] * 1.44269504088896341f);
#line 168 "templates/attn_bf16_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 168 "templates/attn_bf16_ql.ct"
                for (int v = 0; v < 64; v += 16) {
#line 168 "templates/attn_bf16_ql.ct"
                  float *sj_ = Sh + (size_t)j * 64 + v;
#line 168 "templates/attn_bf16_ql.ct"
                  const __m512 d_ = _mm512_sub_ps(_mm512_set1_ps((float)(j0 + j - i0 - t->diag - v)), _mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
#line 168 "templates/attn_bf16_ql.ct"
                  _mm512_storeu_ps(sj_, _mm512_fmadd_ps(sl_, d_, _mm512_loadu_ps(sj_)));
#line 168 "templates/attn_bf16_ql.ct"
                }
#line 168 "templates/attn_bf16_ql.ct"
            }
#line 168 "templates/attn_bf16_ql.ct"
            if (t->window) /* row r sees key j0 + j iff r < j0 + j - i0 - diag + window */
#line 168 "templates/attn_bf16_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 168 "templates/attn_bf16_ql.ct"
                for (long r = j0 + j - i0 - t->diag + t->window, r_ = r < 0 ? 0 : r; r_ < 64; r_++) Sh[(size_t)j * 64 + r_] = -INFINITY;
#line 168 "templates/attn_bf16_ql.ct"
          }
#line 170 "templates/attn_bf16_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked || feat) {
            for (int j = 0; j < nkv && masked; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 64; r++) Sh[(size_t)j * 64 + r] = -INFINITY;
            }
#line 177 "templates/attn_bf16_ql.ct"
            mx0 = _mm512_set1_ps(-INFINITY);
#line 177 "templates/attn_bf16_ql.ct"
            mx1 = _mm512_set1_ps(-INFINITY);
#line 177 "templates/attn_bf16_ql.ct"
            mx2 = _mm512_set1_ps(-INFINITY);
#line 177 "templates/attn_bf16_ql.ct"
            mx3 = _mm512_set1_ps(-INFINITY);
#line 179 "templates/attn_bf16_ql.ct"
            for (int j = 0; j < nkv; j++) {
#line 181 "templates/attn_bf16_ql.ct"
              mx0 = _mm512_max_ps(mx0, _mm512_loadu_ps(Sh + (size_t)j * 64 + 0));
#line 181 "templates/attn_bf16_ql.ct"
              mx1 = _mm512_max_ps(mx1, _mm512_loadu_ps(Sh + (size_t)j * 64 + 16));
#line 181 "templates/attn_bf16_ql.ct"
              mx2 = _mm512_max_ps(mx2, _mm512_loadu_ps(Sh + (size_t)j * 64 + 32));
#line 181 "templates/attn_bf16_ql.ct"
              mx3 = _mm512_max_ps(mx3, _mm512_loadu_ps(Sh + (size_t)j * 64 + 48));
#line 183 "templates/attn_bf16_ql.ct"
            }
          }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 188 "templates/attn_bf16_ql.ct"
          const __m512 mo0 = _mm512_loadu_ps(Mh + 0);
          const __m512 mn0 = _mm512_max_ps(mo0, mx0);
          const __m512 ms0 = _mm512_max_ps(mn0, _mm512_set1_ps(-3.0e38f));
          const __m512 al0 = mha__exp2_avx512(_mm512_sub_ps(mo0, ms0));
          __m512 sum0 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 0, mn0);
#line 188 "templates/attn_bf16_ql.ct"
          const __m512 mo1 = _mm512_loadu_ps(Mh + 16);
          const __m512 mn1 = _mm512_max_ps(mo1, mx1);
          const __m512 ms1 = _mm512_max_ps(mn1, _mm512_set1_ps(-3.0e38f));
          const __m512 al1 = mha__exp2_avx512(_mm512_sub_ps(mo1, ms1));
          __m512 sum1 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 16, mn1);
#line 188 "templates/attn_bf16_ql.ct"
          const __m512 mo2 = _mm512_loadu_ps(Mh + 32);
          const __m512 mn2 = _mm512_max_ps(mo2, mx2);
          const __m512 ms2 = _mm512_max_ps(mn2, _mm512_set1_ps(-3.0e38f));
          const __m512 al2 = mha__exp2_avx512(_mm512_sub_ps(mo2, ms2));
          __m512 sum2 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 32, mn2);
#line 188 "templates/attn_bf16_ql.ct"
          const __m512 mo3 = _mm512_loadu_ps(Mh + 48);
          const __m512 mn3 = _mm512_max_ps(mo3, mx3);
          const __m512 ms3 = _mm512_max_ps(mn3, _mm512_set1_ps(-3.0e38f));
          const __m512 al3 = mha__exp2_avx512(_mm512_sub_ps(mo3, ms3));
          __m512 sum3 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 48, mn3);
#line 195 "templates/attn_bf16_ql.ct"
          for (int j = 0; j < nkv; j += 2) {
            const float *sj = Sh + (size_t)j * 64;
            uint32_t *pj = Ph + (size_t)(j / 2) * 64;
            const int two = j + 1 < nkv;
#line 200 "templates/attn_bf16_ql.ct"
            {
              const __m512 p0 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 0), ms0));
              const __m512 p1 = two ? mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 64 + 0), ms0)) : _mm512_setzero_ps();
              sum0 = _mm512_add_ps(sum0, _mm512_add_ps(p0, p1));
              _mm512_storeu_si512((void *)(pj + 0), mha__pairs_avx512bf16(p0, p1));
            }
#line 200 "templates/attn_bf16_ql.ct"
            {
              const __m512 p0 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 16), ms1));
              const __m512 p1 = two ? mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 64 + 16), ms1)) : _mm512_setzero_ps();
              sum1 = _mm512_add_ps(sum1, _mm512_add_ps(p0, p1));
              _mm512_storeu_si512((void *)(pj + 16), mha__pairs_avx512bf16(p0, p1));
            }
#line 200 "templates/attn_bf16_ql.ct"
            {
              const __m512 p0 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 32), ms2));
              const __m512 p1 = two ? mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 64 + 32), ms2)) : _mm512_setzero_ps();
              sum2 = _mm512_add_ps(sum2, _mm512_add_ps(p0, p1));
              _mm512_storeu_si512((void *)(pj + 32), mha__pairs_avx512bf16(p0, p1));
            }
#line 200 "templates/attn_bf16_ql.ct"
            {
              const __m512 p0 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 48), ms3));
              const __m512 p1 = two ? mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 64 + 48), ms3)) : _mm512_setzero_ps();
              sum3 = _mm512_add_ps(sum3, _mm512_add_ps(p0, p1));
              _mm512_storeu_si512((void *)(pj + 48), mha__pairs_avx512bf16(p0, p1));
            }
#line 207 "templates/attn_bf16_ql.ct"
          }
#line 209 "templates/attn_bf16_ql.ct"
          _mm512_storeu_ps(Lh + 0, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 0), al0, sum0));
#line 209 "templates/attn_bf16_ql.ct"
          _mm512_storeu_ps(Lh + 16, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 16), al1, sum1));
#line 209 "templates/attn_bf16_ql.ct"
          _mm512_storeu_ps(Lh + 32, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 32), al2, sum2));
#line 209 "templates/attn_bf16_ql.ct"
          _mm512_storeu_ps(Lh + 48, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 48), al3, sum3));
#line 211 "templates/attn_bf16_ql.ct"
          int c0 = 0;
          for (; c0 + 5 <= d; c0 += 5)
#line 56 "templates/attn_bf16_ql.ct"
            {
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 48), al3);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o1_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o1_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 48), al3);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o2_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o2_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o2_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o2_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 48), al3);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o3_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o3_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o3_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o3_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 48), al3);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o4_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o4_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o4_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o4_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 48), al3);
#line 60 "templates/attn_bf16_ql.ct"
              const uint32_t *vj = Vp + c0;
              for (int j = 0; j < np; j++, vj += d) {
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p0 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 0));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p1 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 16));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p2 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 32));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p3 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 48));
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 0));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_0 = _mm512_dpbf16_ps(o0_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_1 = _mm512_dpbf16_ps(o0_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_2 = _mm512_dpbf16_ps(o0_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_3 = _mm512_dpbf16_ps(o0_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 1));
#line 69 "templates/attn_bf16_ql.ct"
                  o1_0 = _mm512_dpbf16_ps(o1_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o1_1 = _mm512_dpbf16_ps(o1_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o1_2 = _mm512_dpbf16_ps(o1_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o1_3 = _mm512_dpbf16_ps(o1_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 2));
#line 69 "templates/attn_bf16_ql.ct"
                  o2_0 = _mm512_dpbf16_ps(o2_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o2_1 = _mm512_dpbf16_ps(o2_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o2_2 = _mm512_dpbf16_ps(o2_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o2_3 = _mm512_dpbf16_ps(o2_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 3));
#line 69 "templates/attn_bf16_ql.ct"
                  o3_0 = _mm512_dpbf16_ps(o3_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o3_1 = _mm512_dpbf16_ps(o3_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o3_2 = _mm512_dpbf16_ps(o3_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o3_3 = _mm512_dpbf16_ps(o3_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 4));
#line 69 "templates/attn_bf16_ql.ct"
                  o4_0 = _mm512_dpbf16_ps(o4_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o4_1 = _mm512_dpbf16_ps(o4_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o4_2 = _mm512_dpbf16_ps(o4_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o4_3 = _mm512_dpbf16_ps(o4_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 73 "templates/attn_bf16_ql.ct"
              }
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 0, o0_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 16, o0_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 32, o0_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 48, o0_3);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 0, o1_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 16, o1_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 32, o1_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 48, o1_3);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 0, o2_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 16, o2_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 32, o2_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 48, o2_3);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 0, o3_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 16, o3_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 32, o3_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 48, o3_3);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 0, o4_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 16, o4_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 32, o4_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 48, o4_3);
#line 77 "templates/attn_bf16_ql.ct"
            }
#line 214 "templates/attn_bf16_ql.ct"
          for (; c0 < d; c0++)
#line 56 "templates/attn_bf16_ql.ct"
            {
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 0), al0);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 16), al1);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 32), al2);
#line 58 "templates/attn_bf16_ql.ct"
              __m512 o0_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 48), al3);
#line 60 "templates/attn_bf16_ql.ct"
              const uint32_t *vj = Vp + c0;
              for (int j = 0; j < np; j++, vj += d) {
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p0 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 0));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p1 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 16));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p2 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 32));
#line 63 "templates/attn_bf16_ql.ct"
                const __m512i p3 = _mm512_loadu_si512((const void *)(Ph + (size_t)j * 64 + 48));
#line 66 "templates/attn_bf16_ql.ct"
                {
                  const __m512i vb = _mm512_set1_epi32(mha__ld32(vj + 0));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_0 = _mm512_dpbf16_ps(o0_0, (__m512bh)(p0), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_1 = _mm512_dpbf16_ps(o0_1, (__m512bh)(p1), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_2 = _mm512_dpbf16_ps(o0_2, (__m512bh)(p2), (__m512bh)(vb));
#line 69 "templates/attn_bf16_ql.ct"
                  o0_3 = _mm512_dpbf16_ps(o0_3, (__m512bh)(p3), (__m512bh)(vb));
#line 71 "templates/attn_bf16_ql.ct"
                }
#line 73 "templates/attn_bf16_ql.ct"
              }
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 0, o0_0);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 16, o0_1);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 32, o0_2);
#line 75 "templates/attn_bf16_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 48, o0_3);
#line 77 "templates/attn_bf16_ql.ct"
            }
#line 216 "templates/attn_bf16_ql.ct"
        }
      }
      /* O = (O^T)^T / sum, L x L blocks transposed in registers; a row that saw no key gets
       * zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++) {
        float *inv = Inv + hh * 64;
        const float *oh = Ot + (size_t)hh * 64 * d;
        float *ob = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)i0 * t->o_rs;
        for (int r = 0; r < mq; r++) {
          const int row = hh * 64 + r;
          const float l = Ls[row];
          inv[r] = l > 0.0f ? 1.0f / l : 0.0f;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
        int r0 = 0;
        for (; r0 + 16 <= mq; r0 += 16) {
          int c0 = 0;
          for (; c0 + 16 <= d; c0 += 16) {
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a0 = _mm512_loadu_ps(oh + (size_t)(c0 + 0) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a1 = _mm512_loadu_ps(oh + (size_t)(c0 + 1) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a2 = _mm512_loadu_ps(oh + (size_t)(c0 + 2) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a3 = _mm512_loadu_ps(oh + (size_t)(c0 + 3) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a4 = _mm512_loadu_ps(oh + (size_t)(c0 + 4) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a5 = _mm512_loadu_ps(oh + (size_t)(c0 + 5) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a6 = _mm512_loadu_ps(oh + (size_t)(c0 + 6) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a7 = _mm512_loadu_ps(oh + (size_t)(c0 + 7) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a8 = _mm512_loadu_ps(oh + (size_t)(c0 + 8) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a9 = _mm512_loadu_ps(oh + (size_t)(c0 + 9) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a10 = _mm512_loadu_ps(oh + (size_t)(c0 + 10) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a11 = _mm512_loadu_ps(oh + (size_t)(c0 + 11) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a12 = _mm512_loadu_ps(oh + (size_t)(c0 + 12) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a13 = _mm512_loadu_ps(oh + (size_t)(c0 + 13) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a14 = _mm512_loadu_ps(oh + (size_t)(c0 + 14) * 64 + r0);
#line 236 "templates/attn_bf16_ql.ct"
            const __m512 a15 = _mm512_loadu_ps(oh + (size_t)(c0 + 15) * 64 + r0);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t0 = _mm512_unpacklo_ps(a0, a1);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t1 = _mm512_unpackhi_ps(a0, a1);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t2 = _mm512_unpacklo_ps(a2, a3);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t3 = _mm512_unpackhi_ps(a2, a3);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t4 = _mm512_unpacklo_ps(a4, a5);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t5 = _mm512_unpackhi_ps(a4, a5);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t6 = _mm512_unpacklo_ps(a6, a7);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t7 = _mm512_unpackhi_ps(a6, a7);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t8 = _mm512_unpacklo_ps(a8, a9);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t9 = _mm512_unpackhi_ps(a8, a9);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t10 = _mm512_unpacklo_ps(a10, a11);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t11 = _mm512_unpackhi_ps(a10, a11);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t12 = _mm512_unpacklo_ps(a12, a13);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t13 = _mm512_unpackhi_ps(a12, a13);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t14 = _mm512_unpacklo_ps(a14, a15);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_t15 = _mm512_unpackhi_ps(a14, a15);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u0_0 = _mm512_shuffle_ps(to_t0, to_t2, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u0_1 = _mm512_shuffle_ps(to_t0, to_t2, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u0_2 = _mm512_shuffle_ps(to_t1, to_t3, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u0_3 = _mm512_shuffle_ps(to_t1, to_t3, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u1_0 = _mm512_shuffle_ps(to_t4, to_t6, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u1_1 = _mm512_shuffle_ps(to_t4, to_t6, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u1_2 = _mm512_shuffle_ps(to_t5, to_t7, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u1_3 = _mm512_shuffle_ps(to_t5, to_t7, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u2_0 = _mm512_shuffle_ps(to_t8, to_t10, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u2_1 = _mm512_shuffle_ps(to_t8, to_t10, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u2_2 = _mm512_shuffle_ps(to_t9, to_t11, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u2_3 = _mm512_shuffle_ps(to_t9, to_t11, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u3_0 = _mm512_shuffle_ps(to_t12, to_t14, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u3_1 = _mm512_shuffle_ps(to_t12, to_t14, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u3_2 = _mm512_shuffle_ps(to_t13, to_t15, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_u3_3 = _mm512_shuffle_ps(to_t13, to_t15, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v0_0 = _mm512_shuffle_f32x4(to_u0_0, to_u1_0, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v0_2 = _mm512_shuffle_f32x4(to_u2_0, to_u3_0, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v0_1 = _mm512_shuffle_f32x4(to_u0_0, to_u1_0, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v0_3 = _mm512_shuffle_f32x4(to_u2_0, to_u3_0, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to0 = _mm512_shuffle_f32x4(to_v0_0, to_v0_2, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to4 = _mm512_shuffle_f32x4(to_v0_0, to_v0_2, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to8 = _mm512_shuffle_f32x4(to_v0_1, to_v0_3, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to12 = _mm512_shuffle_f32x4(to_v0_1, to_v0_3, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v1_0 = _mm512_shuffle_f32x4(to_u0_1, to_u1_1, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v1_2 = _mm512_shuffle_f32x4(to_u2_1, to_u3_1, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v1_1 = _mm512_shuffle_f32x4(to_u0_1, to_u1_1, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v1_3 = _mm512_shuffle_f32x4(to_u2_1, to_u3_1, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to1 = _mm512_shuffle_f32x4(to_v1_0, to_v1_2, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to5 = _mm512_shuffle_f32x4(to_v1_0, to_v1_2, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to9 = _mm512_shuffle_f32x4(to_v1_1, to_v1_3, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to13 = _mm512_shuffle_f32x4(to_v1_1, to_v1_3, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v2_0 = _mm512_shuffle_f32x4(to_u0_2, to_u1_2, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v2_2 = _mm512_shuffle_f32x4(to_u2_2, to_u3_2, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v2_1 = _mm512_shuffle_f32x4(to_u0_2, to_u1_2, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v2_3 = _mm512_shuffle_f32x4(to_u2_2, to_u3_2, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to2 = _mm512_shuffle_f32x4(to_v2_0, to_v2_2, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to6 = _mm512_shuffle_f32x4(to_v2_0, to_v2_2, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to10 = _mm512_shuffle_f32x4(to_v2_1, to_v2_3, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to14 = _mm512_shuffle_f32x4(to_v2_1, to_v2_3, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v3_0 = _mm512_shuffle_f32x4(to_u0_3, to_u1_3, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v3_2 = _mm512_shuffle_f32x4(to_u2_3, to_u3_3, 0x44);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v3_1 = _mm512_shuffle_f32x4(to_u0_3, to_u1_3, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to_v3_3 = _mm512_shuffle_f32x4(to_u2_3, to_u3_3, 0xEE);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to3 = _mm512_shuffle_f32x4(to_v3_0, to_v3_2, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to7 = _mm512_shuffle_f32x4(to_v3_0, to_v3_2, 0xDD);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to11 = _mm512_shuffle_f32x4(to_v3_1, to_v3_3, 0x88);
#line 240 "templates/attn_bf16_ql.ct"
            const __m512 to15 = _mm512_shuffle_f32x4(to_v3_1, to_v3_3, 0xDD);
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 0) * t->o_rs + c0, _mm512_mul_ps(to0, _mm512_set1_ps(inv[r0 + 0])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 1) * t->o_rs + c0, _mm512_mul_ps(to1, _mm512_set1_ps(inv[r0 + 1])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 2) * t->o_rs + c0, _mm512_mul_ps(to2, _mm512_set1_ps(inv[r0 + 2])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 3) * t->o_rs + c0, _mm512_mul_ps(to3, _mm512_set1_ps(inv[r0 + 3])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 4) * t->o_rs + c0, _mm512_mul_ps(to4, _mm512_set1_ps(inv[r0 + 4])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 5) * t->o_rs + c0, _mm512_mul_ps(to5, _mm512_set1_ps(inv[r0 + 5])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 6) * t->o_rs + c0, _mm512_mul_ps(to6, _mm512_set1_ps(inv[r0 + 6])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 7) * t->o_rs + c0, _mm512_mul_ps(to7, _mm512_set1_ps(inv[r0 + 7])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 8) * t->o_rs + c0, _mm512_mul_ps(to8, _mm512_set1_ps(inv[r0 + 8])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 9) * t->o_rs + c0, _mm512_mul_ps(to9, _mm512_set1_ps(inv[r0 + 9])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 10) * t->o_rs + c0, _mm512_mul_ps(to10, _mm512_set1_ps(inv[r0 + 10])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 11) * t->o_rs + c0, _mm512_mul_ps(to11, _mm512_set1_ps(inv[r0 + 11])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 12) * t->o_rs + c0, _mm512_mul_ps(to12, _mm512_set1_ps(inv[r0 + 12])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 13) * t->o_rs + c0, _mm512_mul_ps(to13, _mm512_set1_ps(inv[r0 + 13])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 14) * t->o_rs + c0, _mm512_mul_ps(to14, _mm512_set1_ps(inv[r0 + 14])));
#line 243 "templates/attn_bf16_ql.ct"
            _mm512_storeu_ps(ob + (ptrdiff_t)(r0 + 15) * t->o_rs + c0, _mm512_mul_ps(to15, _mm512_set1_ps(inv[r0 + 15])));
#line 245 "templates/attn_bf16_ql.ct"
          }
          for (; c0 < d; c0++)
            for (int r = r0; r < r0 + 16; r++) ob[(ptrdiff_t)r * t->o_rs + c0] = oh[(size_t)c0 * 64 + r] * inv[r];
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d; c++) ob[(ptrdiff_t)r0 * t->o_rs + c] = oh[(size_t)c * 64 + r0] * inv[r0];
      }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql = {
  "attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql", MHA__ISA_AVX512, 80, 1, 64, 128, 6, 4, 16, mha__attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql, mha__ws_attn_bf16_avx512_d80_g1_q64_k128_r6x4_ql, MHA__KV_BF16, MHA__KV_BF16, MHA__CPU_AVX512BW | MHA__CPU_AVX512VL | MHA__CPU_AVX512_BF16
};
