/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates c51506e10f91e7d1) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32_ql.ct: attn_f32_avx2_d80_g1_q24_k128_r3x3_ql
 * isa=avx2 d=80 g=1 qt=24 kt=128 rm=3 rn=3 kf=ql rp=1 cv=4 */
#line 49 "templates/isa_avx2.lua"
#include <immintrin.h>
#define MHA__AVX2 __attribute__((target("avx2,fma"), always_inline))
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
  __m256 r = _mm256_mul_ps(_mm256_sub_ps(x, n), _mm256_set1_ps(0.693147180559945f));
  return mha__scale2n_avx2(mha__expr_avx2(r), n);
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
#line 8 "templates/attn_f32_ql.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): Q^T, S^T (then P^T) and O^T per head of the
 * group, running max, sum and rescale per row. */
static size_t mha__ws_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql(int d_) {
#line 18 "templates/attn_f32_ql.ct"
  const size_t d = 80;
  (void)d_;
#line 23 "templates/attn_f32_ql.ct"
  return 2 * A16(24 * d) + A16(3072) + 3 * A16(24);
}

#line 78 "templates/attn_f32_ql.ct"

__attribute__((target("avx2,fma"))) MHA__HIDDEN void mha__attn_f32_avx2_d80_g1_q24_k128_r3x3_ql(const mha__task *t) {
#line 81 "templates/attn_f32_ql.ct"
  enum { d = 80 };
#line 85 "templates/attn_f32_ql.ct"
  float *const Qt = t->ws;                       /* [G][d][QT] queries * scale * log2(e) */
  float *const Ot = Qt + A16((size_t)24 * d); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)24 * d); /* [G][KT][QT] scores, then probabilities */
  float *const M = St + A16(3072);     /* running max, base 2 */
  float *const Ls = M + A16(24);          /* running sum */
  float *const Al = Ls + A16(24);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 24) {
      const int mq = nq - i0 < 24 ? nq - i0 : 24;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T of the tile; rows past mq are zero and their results are never stored. */
      memset(Qt, 0, sizeof(float) * 24 * (size_t)d);
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qt = Qt + (size_t)hh * 24 * d + r;
          for (int c = 0; c < d; c++) qt[(size_t)c * 24] = qr[c] * qscale;
        }
      for (int r = 0; r < 24; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 24 * (size_t)d);

      for (long j0 = 0; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const float *Kb = t->k + (ptrdiff_t)j0 * t->k_rs;
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qt + (size_t)hh * 24 * d;
          float *Sh = St + (size_t)hh * 3072;
          float *Oh = Ot + (size_t)hh * 24 * d;
          float *Mh = M + hh * 24, *Lh = Ls + hh * 24, *Ah = Al + hh * 24;
          int jb = 0;
          for (; jb + 3 <= nkv; jb += 3)
#line 28 "templates/attn_f32_ql.ct"
            {
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c1_0 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c1_1 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c1_2 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c2_0 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c2_1 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c2_2 = _mm256_setzero_ps();
#line 33 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k1 = Kb + (ptrdiff_t)(jb + 1) * t->k_rs;
#line 33 "templates/attn_f32_ql.ct"
              const float *k2 = Kb + (ptrdiff_t)(jb + 2) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q0 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q1 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 8);
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q2 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 16);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm256_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm256_fmadd_ps(kb, q1, c0_1);
#line 43 "templates/attn_f32_ql.ct"
                  c0_2 = _mm256_fmadd_ps(kb, q2, c0_2);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k1[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c1_0 = _mm256_fmadd_ps(kb, q0, c1_0);
#line 43 "templates/attn_f32_ql.ct"
                  c1_1 = _mm256_fmadd_ps(kb, q1, c1_1);
#line 43 "templates/attn_f32_ql.ct"
                  c1_2 = _mm256_fmadd_ps(kb, q2, c1_2);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k2[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c2_0 = _mm256_fmadd_ps(kb, q0, c2_0);
#line 43 "templates/attn_f32_ql.ct"
                  c2_1 = _mm256_fmadd_ps(kb, q1, c2_1);
#line 43 "templates/attn_f32_ql.ct"
                  c2_2 = _mm256_fmadd_ps(kb, q2, c2_2);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 8, c0_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 16, c0_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 0, c1_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 8, c1_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 16, c1_2);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 0, c2_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 8, c2_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 16, c2_2);
#line 51 "templates/attn_f32_ql.ct"
            }
#line 125 "templates/attn_f32_ql.ct"
          for (; jb < nkv; jb++)
#line 28 "templates/attn_f32_ql.ct"
            {
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 30 "templates/attn_f32_ql.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 33 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * t->k_rs;
#line 35 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q0 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 0);
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q1 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 8);
#line 37 "templates/attn_f32_ql.ct"
                const __m256 q2 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 16);
#line 40 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k0[c]);
#line 43 "templates/attn_f32_ql.ct"
                  c0_0 = _mm256_fmadd_ps(kb, q0, c0_0);
#line 43 "templates/attn_f32_ql.ct"
                  c0_1 = _mm256_fmadd_ps(kb, q1, c0_1);
#line 43 "templates/attn_f32_ql.ct"
                  c0_2 = _mm256_fmadd_ps(kb, q2, c0_2);
#line 45 "templates/attn_f32_ql.ct"
                }
#line 47 "templates/attn_f32_ql.ct"
              }
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 0, c0_0);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 8, c0_1);
#line 49 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 16, c0_2);
#line 51 "templates/attn_f32_ql.ct"
            }
#line 127 "templates/attn_f32_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked)
            for (int j = 0; j < nkv; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 24; r++) Sh[(size_t)j * 24 + r] = -INFINITY;
            }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 136 "templates/attn_f32_ql.ct"
          __m256 mx0 = _mm256_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m256 mx1 = _mm256_set1_ps(-INFINITY);
#line 136 "templates/attn_f32_ql.ct"
          __m256 mx2 = _mm256_set1_ps(-INFINITY);
#line 138 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
#line 140 "templates/attn_f32_ql.ct"
            mx0 = _mm256_max_ps(mx0, _mm256_loadu_ps(Sh + (size_t)j * 24 + 0));
#line 140 "templates/attn_f32_ql.ct"
            mx1 = _mm256_max_ps(mx1, _mm256_loadu_ps(Sh + (size_t)j * 24 + 8));
#line 140 "templates/attn_f32_ql.ct"
            mx2 = _mm256_max_ps(mx2, _mm256_loadu_ps(Sh + (size_t)j * 24 + 16));
#line 142 "templates/attn_f32_ql.ct"
          }
#line 144 "templates/attn_f32_ql.ct"
          const __m256 mo0 = _mm256_loadu_ps(Mh + 0);
          const __m256 mn0 = _mm256_max_ps(mo0, mx0);
          const __m256 ms0 = _mm256_max_ps(mn0, _mm256_set1_ps(-3.0e38f));
          const __m256 al0 = mha__exp2_avx2(_mm256_sub_ps(mo0, ms0));
          __m256 sum0 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 0, mn0);
          _mm256_storeu_ps(Ah + 0, al0);
#line 144 "templates/attn_f32_ql.ct"
          const __m256 mo1 = _mm256_loadu_ps(Mh + 8);
          const __m256 mn1 = _mm256_max_ps(mo1, mx1);
          const __m256 ms1 = _mm256_max_ps(mn1, _mm256_set1_ps(-3.0e38f));
          const __m256 al1 = mha__exp2_avx2(_mm256_sub_ps(mo1, ms1));
          __m256 sum1 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 8, mn1);
          _mm256_storeu_ps(Ah + 8, al1);
#line 144 "templates/attn_f32_ql.ct"
          const __m256 mo2 = _mm256_loadu_ps(Mh + 16);
          const __m256 mn2 = _mm256_max_ps(mo2, mx2);
          const __m256 ms2 = _mm256_max_ps(mn2, _mm256_set1_ps(-3.0e38f));
          const __m256 al2 = mha__exp2_avx2(_mm256_sub_ps(mo2, ms2));
          __m256 sum2 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 16, mn2);
          _mm256_storeu_ps(Ah + 16, al2);
#line 152 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
            float *sj = Sh + (size_t)j * 24;
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 0), ms0));
              _mm256_storeu_ps(sj + 0, p);
              sum0 = _mm256_add_ps(sum0, p);
            }
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 8), ms1));
              _mm256_storeu_ps(sj + 8, p);
              sum1 = _mm256_add_ps(sum1, p);
            }
#line 155 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 16), ms2));
              _mm256_storeu_ps(sj + 16, p);
              sum2 = _mm256_add_ps(sum2, p);
            }
#line 161 "templates/attn_f32_ql.ct"
          }
#line 163 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 0, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 0), al0, sum0));
#line 163 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 8, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 8), al1, sum1));
#line 163 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 16, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 16), al2, sum2));
#line 165 "templates/attn_f32_ql.ct"
          int c0 = 0;
          for (; c0 + 4 <= d; c0 += 4)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 8), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 16), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o1_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o1_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 8), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o1_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 16), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o2_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o2_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 8), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o2_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 16), al2);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o3_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o3_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 8), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o3_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 16), al2);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p0 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p1 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 8);
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p2 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 16);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm256_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm256_fmadd_ps(vb, p1, o0_1);
#line 68 "templates/attn_f32_ql.ct"
                  o0_2 = _mm256_fmadd_ps(vb, p2, o0_2);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[1]);
#line 68 "templates/attn_f32_ql.ct"
                  o1_0 = _mm256_fmadd_ps(vb, p0, o1_0);
#line 68 "templates/attn_f32_ql.ct"
                  o1_1 = _mm256_fmadd_ps(vb, p1, o1_1);
#line 68 "templates/attn_f32_ql.ct"
                  o1_2 = _mm256_fmadd_ps(vb, p2, o1_2);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[2]);
#line 68 "templates/attn_f32_ql.ct"
                  o2_0 = _mm256_fmadd_ps(vb, p0, o2_0);
#line 68 "templates/attn_f32_ql.ct"
                  o2_1 = _mm256_fmadd_ps(vb, p1, o2_1);
#line 68 "templates/attn_f32_ql.ct"
                  o2_2 = _mm256_fmadd_ps(vb, p2, o2_2);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[3]);
#line 68 "templates/attn_f32_ql.ct"
                  o3_0 = _mm256_fmadd_ps(vb, p0, o3_0);
#line 68 "templates/attn_f32_ql.ct"
                  o3_1 = _mm256_fmadd_ps(vb, p1, o3_1);
#line 68 "templates/attn_f32_ql.ct"
                  o3_2 = _mm256_fmadd_ps(vb, p2, o3_2);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 8, o0_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 16, o0_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 0, o1_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 8, o1_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 16, o1_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 0, o2_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 8, o2_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 16, o2_2);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 0, o3_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 8, o3_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 16, o3_2);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 168 "templates/attn_f32_ql.ct"
          for (; c0 < d; c0++)
#line 55 "templates/attn_f32_ql.ct"
            {
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 0), al0);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 8), al1);
#line 57 "templates/attn_f32_ql.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 16), al2);
#line 59 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += t->v_rs) {
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p0 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 0);
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p1 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 8);
#line 62 "templates/attn_f32_ql.ct"
                const __m256 p2 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 16);
#line 65 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[0]);
#line 68 "templates/attn_f32_ql.ct"
                  o0_0 = _mm256_fmadd_ps(vb, p0, o0_0);
#line 68 "templates/attn_f32_ql.ct"
                  o0_1 = _mm256_fmadd_ps(vb, p1, o0_1);
#line 68 "templates/attn_f32_ql.ct"
                  o0_2 = _mm256_fmadd_ps(vb, p2, o0_2);
#line 70 "templates/attn_f32_ql.ct"
                }
#line 72 "templates/attn_f32_ql.ct"
              }
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 0, o0_0);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 8, o0_1);
#line 74 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 16, o0_2);
#line 76 "templates/attn_f32_ql.ct"
            }
#line 170 "templates/attn_f32_ql.ct"
          (void)Ah;
        }
      }
      /* O = (O^T)^T / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 24 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const float *oc = Ot + (size_t)hh * 24 * d + r;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          for (int c = 0; c < d; c++) orow[c] = oc[(size_t)c * 24] * inv;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql = {
  "attn_f32_avx2_d80_g1_q24_k128_r3x3_ql", MHA__ISA_AVX2, 80, 1, 24, 128, 3, 3, 8, mha__attn_f32_avx2_d80_g1_q24_k128_r3x3_ql, mha__ws_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql
};
