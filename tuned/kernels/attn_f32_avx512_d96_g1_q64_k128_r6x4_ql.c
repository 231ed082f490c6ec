/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates c51506e10f91e7d1) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32_ql.ct: attn_f32_avx512_d96_g1_q64_k128_r6x4_ql
 * isa=avx512 d=96 g=1 qt=64 kt=128 rm=6 rn=4 kf=ql rp=1 cv=6 */
#line 52 "templates/isa_avx512.lua"
#include <immintrin.h>
static inline __attribute__((target("avx512f,avx512dq,avx2,fma"), always_inline)) __m512
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
/* 2^x: n = round(x) exactly, r = (x - n) ln2. */
static inline __attribute__((target("avx512f,avx512dq,avx2,fma"), always_inline)) __m512
mha__exp2_avx512(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(129.0f)), _mm512_set1_ps(-151.0f));
  __m512 n = _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_mul_ps(_mm512_sub_ps(x, n), _mm512_set1_ps(0.693147180559945f));
  return _mm512_scalef_ps(mha__expr_avx512(r), n);
}
/* e^x: n = round(x / ln2), r = x - n ln2 in two parts (Cody-Waite). */
static inline __attribute__((target("avx512f,avx512dq,avx2,fma"), always_inline)) __m512
mha__exp_avx512(__m512 x) {
  x = _mm512_max_ps(_mm512_min_ps(x, _mm512_set1_ps(89.0f)), _mm512_set1_ps(-104.0f));
  __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896f)),
                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693145751953125f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(1.428606765330187e-6f), r);
  return _mm512_scalef_ps(mha__expr_avx512(r), n);
}
#line 8 "templates/attn_f32_ql.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): Q^T, S^T (then P^T) and O^T per head of the
 * group, running max, sum and rescale per row. */
static size_t mha__ws_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql(int d_) {
#line 18 "templates/attn_f32_ql.ct"
  const size_t d = 96;
  (void)d_;
#line 23 "templates/attn_f32_ql.ct"
  return 2 * A16(64 * d) + A16(8192) + 3 * A16(64);
}

#line 78 "templates/attn_f32_ql.ct"

__attribute__((target("avx512f,avx512dq,avx2,fma"))) MHA__HIDDEN void mha__attn_f32_avx512_d96_g1_q64_k128_r6x4_ql(const mha__task *t) {
#line 81 "templates/attn_f32_ql.ct"
  enum { d = 96 };
#line 85 "templates/attn_f32_ql.ct"
  float *const Qt = t->ws;                       /* [G][d][QT] queries * scale * log2(e) */
  float *const Ot = Qt + A16((size_t)64 * d); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)64 * d); /* [G][KT][QT] scores, then probabilities */
  float *const M = St + A16(8192);     /* running max, base 2 */
  float *const Ls = M + A16(64);          /* running sum */
  float *const Al = Ls + A16(64);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 64) {
      const int mq = nq - i0 < 64 ? nq - i0 : 64;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T of the tile; rows past mq are zero and their results are never stored. */
      memset(Qt, 0, sizeof(float) * 64 * (size_t)d);
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qt = Qt + (size_t)hh * 64 * d + r;
          for (int c = 0; c < d; c++) qt[(size_t)c * 64] = qr[c] * qscale;
        }
      for (int r = 0; r < 64; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 64 * (size_t)d);

      for (long j0 = 0; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const float *Kb = t->k + (ptrdiff_t)j0 * t->k_rs;
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qt + (size_t)hh * 64 * d;
          float *Sh = St + (size_t)hh * 8192;
          float *Oh = Ot + (size_t)hh * 64 * d;
          float *Mh = M + hh * 64, *Lh = Ls + hh * 64, *Ah = Al + hh * 64;
          int jb = 0;
          for (; jb + 6 <= nkv; jb += 6)
#line 28 "templates/attn_f32_ql.ct"
            {
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_3 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_3 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_3 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_3 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_3 = _mm512_setzero_ps();
#line 33 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k1 = Kb + (ptrdiff_t)(jb + 1) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k2 = Kb + (ptrdiff_t)(jb + 2) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k3 = Kb + (ptrdiff_t)(jb + 3) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k4 = Kb + (ptrdiff_t)(jb + 4) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k5 = Kb + (ptrdiff_t)(jb + 5) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 16);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q2 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 32);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q3 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 48);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 43 "templates/attn_f32_ql.ct"
                  c0_2 = _mm512_fmadd_ps(kb, q2, c0_2);
#line 43 "templates/attn_f32_ql.ct"
                  c0_3 = _mm512_fmadd_ps(kb, q3, c0_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k1[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c1_0 = _mm512_fmadd_ps(kb, q0, c1_0);
#line 43 "templates/attn_f32_ql.ct"
                  c1_1 = _mm512_fmadd_ps(kb, q1, c1_1);
#line 43 "templates/attn_f32_ql.ct"
                  c1_2 = _mm512_fmadd_ps(kb, q2, c1_2);
#line 43 "templates/attn_f32_ql.ct"
                  c1_3 = _mm512_fmadd_ps(kb, q3, c1_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k2[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c2_0 = _mm512_fmadd_ps(kb, q0, c2_0);
#line 43 "templates/attn_f32_ql.ct"
                  c2_1 = _mm512_fmadd_ps(kb, q1, c2_1);
#line 43 "templates/attn_f32_ql.ct"
                  c2_2 = _mm512_fmadd_ps(kb, q2, c2_2);
#line 43 "templates/attn_f32_ql.ct"
                  c2_3 = _mm512_fmadd_ps(kb, q3, c2_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k3[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c3_0 = _mm512_fmadd_ps(kb, q0, c3_0);
#line 43 "templates/attn_f32_ql.ct"
                  c3_1 = _mm512_fmadd_ps(kb, q1, c3_1);
#line 43 "templates/attn_f32_ql.ct"
                  c3_2 = _mm512_fmadd_ps(kb, q2, c3_2);
#line 43 "templates/attn_f32_ql.ct"
                  c3_3 = _mm512_fmadd_ps(kb, q3, c3_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k4[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c4_0 = _mm512_fmadd_ps(kb, q0, c4_0);
#line 43 "templates/attn_f32_ql.ct"
                  c4_1 = _mm512_fmadd_ps(kb, q1, c4_1);
#line 43 "templates/attn_f32_ql.ct"
                  c4_2 = _mm512_fmadd_ps(kb, q2, c4_2);
#line 43 "templates/attn_f32_ql.ct"
                  c4_3 = _mm512_fmadd_ps(kb, q3, c4_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k5[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c5_0 = _mm512_fmadd_ps(kb, q0, c5_0);
#line 43 "templates/attn_f32_ql.ct"
                  c5_1 = _mm512_fmadd_ps(kb, q1, c5_1);
#line 43 "templates/attn_f32_ql.ct"
                  c5_2 = _mm512_fmadd_ps(kb, q2, c5_2);
#line 43 "templates/attn_f32_ql.ct"
                  c5_3 = _mm512_fmadd_ps(kb, q3, c5_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 16, c0_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 32, c0_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 48, c0_3);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 0, c1_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 16, c1_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 32, c1_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 64 + 48, c1_3);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 0, c2_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 16, c2_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 32, c2_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 64 + 48, c2_3);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 0, c3_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 16, c3_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 32, c3_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 64 + 48, c3_3);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 0, c4_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 16, c4_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 32, c4_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 64 + 48, c4_3);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 0, c5_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 16, c5_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 32, c5_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 64 + 48, c5_3);
#line 51 "templates/attn_f32_ql.ct"
            }
#line 125 "templates/attn_f32_ql.ct"
          for (; jb < nkv; jb++)
#line 28 "templates/attn_f32_ql.ct"
            {
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 33 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 16);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q2 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 32);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q3 = _mm512_loadu_ps(Qh + (size_t)c * 64 + 48);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 43 "templates/attn_f32_ql.ct"
                  c0_2 = _mm512_fmadd_ps(kb, q2, c0_2);
#line 43 "templates/attn_f32_ql.ct"
                  c0_3 = _mm512_fmadd_ps(kb, q3, c0_3);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 16, c0_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 32, c0_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 64 + 48, c0_3);
#line 51 "templates/attn_f32_ql.ct"
            }
#line 127 "templates/attn_f32_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked)
            for (int j = 0; j < nkv; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 64; r++) Sh[(size_t)j * 64 + r] = -INFINITY;
            }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx0 = _mm512_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx1 = _mm512_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx2 = _mm512_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx3 = _mm512_set1_ps(-INFINITY);
#line 138 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
#line 140 "templates/attn_f32_ql.ct"
            mx0 = _mm512_max_ps(mx0, _mm512_loadu_ps(Sh + (size_t)j * 64 + 0));
#line 140 "templates/attn_f32_ql.ct"
            mx1 = _mm512_max_ps(mx1, _mm512_loadu_ps(Sh + (size_t)j * 64 + 16));
#line 140 "templates/attn_f32_ql.ct"
            mx2 = _mm512_max_ps(mx2, _mm512_loadu_ps(Sh + (size_t)j * 64 + 32));
#line 140 "templates/attn_f32_ql.ct"
            mx3 = _mm512_max_ps(mx3, _mm512_loadu_ps(Sh + (size_t)j * 64 + 48));
#line 142 "templates/attn_f32_ql.ct"
          }
#line 144 "templates/attn_f32_ql.ct"
          const __m512 mo0 = _mm512_loadu_ps(Mh + 0);
          const __m512 mn0 = _mm512_max_ps(mo0, mx0);
          const __m512 ms0 = _mm512_max_ps(mn0, _mm512_set1_ps(-3.0e38f));
          const __m512 al0 = mha__exp2_avx512(_mm512_sub_ps(mo0, ms0));
          __m512 sum0 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 0, mn0);
          _mm512_storeu_ps(Ah + 0, al0);
#line 144 "templates/attn_f32_ql.ct"
          const __m512 mo1 = _mm512_loadu_ps(Mh + 16);
          const __m512 mn1 = _mm512_max_ps(mo1, mx1);
          const __m512 ms1 = _mm512_max_ps(mn1, _mm512_set1_ps(-3.0e38f));
          const __m512 al1 = mha__exp2_avx512(_mm512_sub_ps(mo1, ms1));
          __m512 sum1 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 16, mn1);
          _mm512_storeu_ps(Ah + 16, al1);
#line 144 "templates/attn_f32_ql.ct"
          const __m512 mo2 = _mm512_loadu_ps(Mh + 32);
          const __m512 mn2 = _mm512_max_ps(mo2, mx2);
          const __m512 ms2 = _mm512_max_ps(mn2, _mm512_set1_ps(-3.0e38f));
          const __m512 al2 = mha__exp2_avx512(_mm512_sub_ps(mo2, ms2));
          __m512 sum2 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 32, mn2);
          _mm512_storeu_ps(Ah + 32, al2);
#line 144 "templates/attn_f32_ql.ct"
          const __m512 mo3 = _mm512_loadu_ps(Mh + 48);
          const __m512 mn3 = _mm512_max_ps(mo3, mx3);
          const __m512 ms3 = _mm512_max_ps(mn3, _mm512_set1_ps(-3.0e38f));
          const __m512 al3 = mha__exp2_avx512(_mm512_sub_ps(mo3, ms3));
          __m512 sum3 = _mm512_setzero_ps();
          _mm512_storeu_ps(Mh + 48, mn3);
          _mm512_storeu_ps(Ah + 48, al3);
#line 152 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
            float *sj = Sh + (size_t)j * 64;
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 0), ms0));
              _mm512_storeu_ps(sj + 0, p);
              sum0 = _mm512_add_ps(sum0, p);
            }
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 16), ms1));
              _mm512_storeu_ps(sj + 16, p);
              sum1 = _mm512_add_ps(sum1, p);
            }
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 32), ms2));
              _mm512_storeu_ps(sj + 32, p);
              sum2 = _mm512_add_ps(sum2, p);
            }
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(sj + 48), ms3));
              _mm512_storeu_ps(sj + 48, p);
              sum3 = _mm512_add_ps(sum3, p);
            }
#line 161 "templates/attn_f32_ql.ct"
          }
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 0, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 0), al0, sum0));
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 16, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 16), al1, sum1));
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 32, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 32), al2, sum2));
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 48, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 48), al3, sum3));
#line 165 "templates/attn_f32_ql.ct"
          int c0 = 0;
          for (; c0 + 6 <= d; c0 += 6)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 48), al3);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 64 + 48), al3);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 64 + 48), al3);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 64 + 48), al3);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 64 + 48), al3);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 64 + 48), al3);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 16);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p2 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 32);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p3 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 48);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 68 "templates/attn_f32_ql.ct"
                  o0_2 = _mm512_fmadd_ps(vb, p2, o0_2);
#line 68 "templates/attn_f32_ql.ct"
                  o0_3 = _mm512_fmadd_ps(vb, p3, o0_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[1]);
#line 68 "templates/attn_f32_ql.ct"
                  o1_0 = _mm512_fmadd_ps(vb, p0, o1_0);
#line 68 "templates/attn_f32_ql.ct"
                  o1_1 = _mm512_fmadd_ps(vb, p1, o1_1);
#line 68 "templates/attn_f32_ql.ct"
                  o1_2 = _mm512_fmadd_ps(vb, p2, o1_2);
#line 68 "templates/attn_f32_ql.ct"
                  o1_3 = _mm512_fmadd_ps(vb, p3, o1_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[2]);
#line 68 "templates/attn_f32_ql.ct"
                  o2_0 = _mm512_fmadd_ps(vb, p0, o2_0);
#line 68 "templates/attn_f32_ql.ct"
                  o2_1 = _mm512_fmadd_ps(vb, p1, o2_1);
#line 68 "templates/attn_f32_ql.ct"
                  o2_2 = _mm512_fmadd_ps(vb, p2, o2_2);
#line 68 "templates/attn_f32_ql.ct"
                  o2_3 = _mm512_fmadd_ps(vb, p3, o2_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[3]);
#line 68 "templates/attn_f32_ql.ct"
                  o3_0 = _mm512_fmadd_ps(vb, p0, o3_0);
#line 68 "templates/attn_f32_ql.ct"
                  o3_1 = _mm512_fmadd_ps(vb, p1, o3_1);
#line 68 "templates/attn_f32_ql.ct"
                  o3_2 = _mm512_fmadd_ps(vb, p2, o3_2);
#line 68 "templates/attn_f32_ql.ct"
                  o3_3 = _mm512_fmadd_ps(vb, p3, o3_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[4]);
#line 68 "templates/attn_f32_ql.ct"
                  o4_0 = _mm512_fmadd_ps(vb, p0, o4_0);
#line 68 "templates/attn_f32_ql.ct"
                  o4_1 = _mm512_fmadd_ps(vb, p1, o4_1);
#line 68 "templates/attn_f32_ql.ct"
                  o4_2 = _mm512_fmadd_ps(vb, p2, o4_2);
#line 68 "templates/attn_f32_ql.ct"
                  o4_3 = _mm512_fmadd_ps(vb, p3, o4_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[5]);
#line 68 "templates/attn_f32_ql.ct"
                  o5_0 = _mm512_fmadd_ps(vb, p0, o5_0);
#line 68 "templates/attn_f32_ql.ct"
                  o5_1 = _mm512_fmadd_ps(vb, p1, o5_1);
#line 68 "templates/attn_f32_ql.ct"
                  o5_2 = _mm512_fmadd_ps(vb, p2, o5_2);
#line 68 "templates/attn_f32_ql.ct"
                  o5_3 = _mm512_fmadd_ps(vb, p3, o5_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 16, o0_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 32, o0_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 48, o0_3);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 0, o1_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 16, o1_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 32, o1_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 64 + 48, o1_3);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 0, o2_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 16, o2_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 32, o2_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 64 + 48, o2_3);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 0, o3_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 16, o3_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 32, o3_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 64 + 48, o3_3);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 0, o4_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 16, o4_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 32, o4_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 64 + 48, o4_3);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 64 + 0, o5_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 64 + 16, o5_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 64 + 32, o5_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 64 + 48, o5_3);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 168 "templates/attn_f32_ql.ct"
          for (; c0 < d; c0++)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_2 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 32), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_3 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 64 + 48), al3);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 16);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p2 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 32);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p3 = _mm512_loadu_ps(Sh + (size_t)j * 64 + 48);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 68 "templates/attn_f32_ql.ct"
                  o0_2 = _mm512_fmadd_ps(vb, p2, o0_2);
#line 68 "templates/attn_f32_ql.ct"
                  o0_3 = _mm512_fmadd_ps(vb, p3, o0_3);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 16, o0_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 32, o0_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 64 + 48, o0_3);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 170 "templates/attn_f32_ql.ct"
          (void)Ah;
        }
      }
      /* O = (O^T)^T / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 64 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const float *oc = Ot + (size_t)hh * 64 * d + r;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          for (int c = 0; c < d; c++) orow[c] = oc[(size_t)c * 64] * inv;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql = {
  "attn_f32_avx512_d96_g1_q64_k128_r6x4_ql", MHA__ISA_AVX512, 96, 1, 64, 128, 6, 4, 16, mha__attn_f32_avx512_d96_g1_q64_k128_r6x4_ql, mha__ws_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql
};
