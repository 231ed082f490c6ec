/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates c51506e10f91e7d1) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32_ql.ct: attn_f32_avx512_d128_g4_q32_k256_r12x2_ql
 * isa=avx512 d=128 g=4 qt=32 kt=256 rm=12 rn=2 kf=ql rp=1 cv=8 */
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
static size_t mha__ws_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql(int d_) {
#line 18 "templates/attn_f32_ql.ct"
  const size_t d = 128;
  (void)d_;
#line 23 "templates/attn_f32_ql.ct"
  return 2 * A16(128 * d) + A16(32768) + 3 * A16(128);
}

#line 78 "templates/attn_f32_ql.ct"

__attribute__((target("avx512f,avx512dq,avx2,fma"))) MHA__HIDDEN void mha__attn_f32_avx512_d128_g4_q32_k256_r12x2_ql(const mha__task *t) {
#line 81 "templates/attn_f32_ql.ct"
  enum { d = 128 };
#line 85 "templates/attn_f32_ql.ct"
  float *const Qt = t->ws;                       /* [G][d][QT] queries * scale * log2(e) */
  float *const Ot = Qt + A16((size_t)128 * d); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)128 * d); /* [G][KT][QT] scores, then probabilities */
  float *const M = St + A16(32768);     /* running max, base 2 */
  float *const Ls = M + A16(128);          /* running sum */
  float *const Al = Ls + A16(128);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  for (int h0 = 0; h0 < t->heads; h0 += 4) {
    for (int i0 = 0; i0 < nq; i0 += 32) {
      const int mq = nq - i0 < 32 ? nq - i0 : 32;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T of the tile; rows past mq are zero and their results are never stored. */
      memset(Qt, 0, sizeof(float) * 128 * (size_t)d);
      for (int hh = 0; hh < 4; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qt = Qt + (size_t)hh * 32 * d + r;
          for (int c = 0; c < d; c++) qt[(size_t)c * 32] = qr[c] * qscale;
        }
      for (int r = 0; r < 128; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 128 * (size_t)d);

      for (long j0 = 0; j0 < kend; j0 += 256) {
        const int nkv = kend - j0 < 256 ? (int)(kend - j0) : 256;
        const float *Kb = t->k + (ptrdiff_t)j0 * t->k_rs;
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 4; hh++) {
          const float *Qh = Qt + (size_t)hh * 32 * d;
          float *Sh = St + (size_t)hh * 8192;
          float *Oh = Ot + (size_t)hh * 32 * d;
          float *Mh = M + hh * 32, *Lh = Ls + hh * 32, *Ah = Al + hh * 32;
          int jb = 0;
          for (; jb + 12 <= nkv; jb += 12)
#line 28 "templates/attn_f32_ql.ct"
            {
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c1_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c2_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c3_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c4_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c5_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c6_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c6_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c7_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c7_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c8_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c8_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c9_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c9_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c10_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c10_1 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c11_0 = _mm512_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m512 c11_1 = _mm512_setzero_ps();
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
#line 33 "templates/attn_f32_ql.ct"
              const float *k6 = Kb + (ptrdiff_t)(jb + 6) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k7 = Kb + (ptrdiff_t)(jb + 7) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k8 = Kb + (ptrdiff_t)(jb + 8) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k9 = Kb + (ptrdiff_t)(jb + 9) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k10 = Kb + (ptrdiff_t)(jb + 10) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k11 = Kb + (ptrdiff_t)(jb + 11) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 16);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k1[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c1_0 = _mm512_fmadd_ps(kb, q0, c1_0);
#line 43 "templates/attn_f32_ql.ct"
                  c1_1 = _mm512_fmadd_ps(kb, q1, c1_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k2[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c2_0 = _mm512_fmadd_ps(kb, q0, c2_0);
#line 43 "templates/attn_f32_ql.ct"
                  c2_1 = _mm512_fmadd_ps(kb, q1, c2_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k3[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c3_0 = _mm512_fmadd_ps(kb, q0, c3_0);
#line 43 "templates/attn_f32_ql.ct"
                  c3_1 = _mm512_fmadd_ps(kb, q1, c3_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k4[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c4_0 = _mm512_fmadd_ps(kb, q0, c4_0);
#line 43 "templates/attn_f32_ql.ct"
                  c4_1 = _mm512_fmadd_ps(kb, q1, c4_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k5[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c5_0 = _mm512_fmadd_ps(kb, q0, c5_0);
#line 43 "templates/attn_f32_ql.ct"
                  c5_1 = _mm512_fmadd_ps(kb, q1, c5_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k6[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c6_0 = _mm512_fmadd_ps(kb, q0, c6_0);
#line 43 "templates/attn_f32_ql.ct"
                  c6_1 = _mm512_fmadd_ps(kb, q1, c6_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k7[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c7_0 = _mm512_fmadd_ps(kb, q0, c7_0);
#line 43 "templates/attn_f32_ql.ct"
                  c7_1 = _mm512_fmadd_ps(kb, q1, c7_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k8[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c8_0 = _mm512_fmadd_ps(kb, q0, c8_0);
#line 43 "templates/attn_f32_ql.ct"
                  c8_1 = _mm512_fmadd_ps(kb, q1, c8_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k9[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c9_0 = _mm512_fmadd_ps(kb, q0, c9_0);
#line 43 "templates/attn_f32_ql.ct"
                  c9_1 = _mm512_fmadd_ps(kb, q1, c9_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k10[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c10_0 = _mm512_fmadd_ps(kb, q0, c10_0);
#line 43 "templates/attn_f32_ql.ct"
                  c10_1 = _mm512_fmadd_ps(kb, q1, c10_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k11[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c11_0 = _mm512_fmadd_ps(kb, q0, c11_0);
#line 43 "templates/attn_f32_ql.ct"
                  c11_1 = _mm512_fmadd_ps(kb, q1, c11_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 16, c0_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 32 + 0, c1_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 1) * 32 + 16, c1_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 32 + 0, c2_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 2) * 32 + 16, c2_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 32 + 0, c3_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 3) * 32 + 16, c3_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 32 + 0, c4_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 4) * 32 + 16, c4_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 32 + 0, c5_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 5) * 32 + 16, c5_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 6) * 32 + 0, c6_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 6) * 32 + 16, c6_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 7) * 32 + 0, c7_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 7) * 32 + 16, c7_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 8) * 32 + 0, c8_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 8) * 32 + 16, c8_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 9) * 32 + 0, c9_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 9) * 32 + 16, c9_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 10) * 32 + 0, c10_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 10) * 32 + 16, c10_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 11) * 32 + 0, c11_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 11) * 32 + 16, c11_1);
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
#line 33 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q0 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m512 q1 = _mm512_loadu_ps(Qh + (size_t)c * 32 + 16);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m512 kb = _mm512_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm512_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm512_fmadd_ps(kb, q1, c0_1);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Sh + (size_t)(jb + 0) * 32 + 16, c0_1);
#line 51 "templates/attn_f32_ql.ct"
            }
#line 127 "templates/attn_f32_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked)
            for (int j = 0; j < nkv; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 32; r++) Sh[(size_t)j * 32 + r] = -INFINITY;
            }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx0 = _mm512_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m512 mx1 = _mm512_set1_ps(-INFINITY);
#line 138 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
#line 140 "templates/attn_f32_ql.ct"
            mx0 = _mm512_max_ps(mx0, _mm512_loadu_ps(Sh + (size_t)j * 32 + 0));
#line 140 "templates/attn_f32_ql.ct"
            mx1 = _mm512_max_ps(mx1, _mm512_loadu_ps(Sh + (size_t)j * 32 + 16));
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
#line 152 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
            float *sj = Sh + (size_t)j * 32;
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
#line 161 "templates/attn_f32_ql.ct"
          }
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 0, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 0), al0, sum0));
#line 163 "templates/attn_f32_ql.ct"
          _mm512_storeu_ps(Lh + 16, _mm512_fmadd_ps(_mm512_loadu_ps(Lh + 16), al1, sum1));
#line 165 "templates/attn_f32_ql.ct"
          int c0 = 0;
          for (; c0 + 8 <= d; c0 += 8)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 1) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o2_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 2) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o3_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 3) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o4_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 4) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o5_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 5) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o6_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 6) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o6_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 6) * 32 + 16), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o7_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 7) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o7_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 7) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 16);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[1]);
#line 68 "templates/attn_f32_ql.ct"
                  o1_0 = _mm512_fmadd_ps(vb, p0, o1_0);
#line 68 "templates/attn_f32_ql.ct"
                  o1_1 = _mm512_fmadd_ps(vb, p1, o1_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[2]);
#line 68 "templates/attn_f32_ql.ct"
                  o2_0 = _mm512_fmadd_ps(vb, p0, o2_0);
#line 68 "templates/attn_f32_ql.ct"
                  o2_1 = _mm512_fmadd_ps(vb, p1, o2_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[3]);
#line 68 "templates/attn_f32_ql.ct"
                  o3_0 = _mm512_fmadd_ps(vb, p0, o3_0);
#line 68 "templates/attn_f32_ql.ct"
                  o3_1 = _mm512_fmadd_ps(vb, p1, o3_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[4]);
#line 68 "templates/attn_f32_ql.ct"
                  o4_0 = _mm512_fmadd_ps(vb, p0, o4_0);
#line 68 "templates/attn_f32_ql.ct"
                  o4_1 = _mm512_fmadd_ps(vb, p1, o4_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[5]);
#line 68 "templates/attn_f32_ql.ct"
                  o5_0 = _mm512_fmadd_ps(vb, p0, o5_0);
#line 68 "templates/attn_f32_ql.ct"
                  o5_1 = _mm512_fmadd_ps(vb, p1, o5_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[6]);
#line 68 "templates/attn_f32_ql.ct"
                  o6_0 = _mm512_fmadd_ps(vb, p0, o6_0);
#line 68 "templates/attn_f32_ql.ct"
                  o6_1 = _mm512_fmadd_ps(vb, p1, o6_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[7]);
#line 68 "templates/attn_f32_ql.ct"
                  o7_0 = _mm512_fmadd_ps(vb, p0, o7_0);
#line 68 "templates/attn_f32_ql.ct"
                  o7_1 = _mm512_fmadd_ps(vb, p1, o7_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 16, o0_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 32 + 0, o1_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 1) * 32 + 16, o1_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 32 + 0, o2_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 2) * 32 + 16, o2_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 32 + 0, o3_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 3) * 32 + 16, o3_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 32 + 0, o4_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 4) * 32 + 16, o4_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 32 + 0, o5_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 5) * 32 + 16, o5_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 6) * 32 + 0, o6_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 6) * 32 + 16, o6_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 7) * 32 + 0, o7_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 7) * 32 + 16, o7_1);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 168 "templates/attn_f32_ql.ct"
          for (; c0 < d; c0++)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(c0 + 0) * 32 + 16), al1);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p0 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m512 p1 = _mm512_loadu_ps(Sh + (size_t)j * 32 + 16);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m512 vb = _mm512_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm512_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm512_fmadd_ps(vb, p1, o0_1);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm512_storeu_ps(Oh + (size_t)(c0 + 0) * 32 + 16, o0_1);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 170 "templates/attn_f32_ql.ct"
          (void)Ah;
        }
      }
      /* O = (O^T)^T / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 4; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 32 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const float *oc = Ot + (size_t)hh * 32 * d + r;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          for (int c = 0; c < d; c++) orow[c] = oc[(size_t)c * 32] * inv;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql = {
  "attn_f32_avx512_d128_g4_q32_k256_r12x2_ql", MHA__ISA_AVX512, 128, 4, 32, 256, 12, 2, 16, mha__attn_f32_avx512_d128_g4_q32_k256_r12x2_ql, mha__ws_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql
};
