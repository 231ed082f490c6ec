/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_f32_ql.ct: attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0
 * isa=avx2 d=128 g=1 qt=24 kt=128 rm=3 rn=3 kf=ql rp=1 cv=4 kv=q8_0 */
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
static size_t mha__ws_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0(int d_) {
#line 19 "templates/attn_f32_ql.ct"
  const size_t d = 128;
  (void)d_;
#line 24 "templates/attn_f32_ql.ct"
  return 2 * A16(24 * d) + A16(3072) + 3 * A16(24) + 2 * A16(128 * d);
}

#line 80 "templates/attn_f32_ql.ct"

__attribute__((target("avx2,fma,f16c"))) MHA__HIDDEN void mha__attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0(const mha__task *t) {
#line 83 "templates/attn_f32_ql.ct"
  enum { d = 128 };
#line 87 "templates/attn_f32_ql.ct"
  float *const Qt = t->ws;                       /* [G][d][QT] queries * scale * log2(e) */
  float *const Ot = Qt + A16((size_t)24 * d); /* [G][d][QT] output before 1/sum */
  float *const St = Ot + A16((size_t)24 * d); /* [G][KT][QT] scores, then probabilities */
  float *const M = St + A16(3072);     /* running max, base 2 */
  float *const Ls = M + A16(24);          /* running sum */
  float *const Inv = Ls + A16(24);        /* 1/sum, at the end of a query tile */
#line 94 "templates/attn_f32_ql.ct"
  float *const Kc = Inv + A16(24);        /* [KT][d] the key tile's K, widened */
  float *const Vc = Kc + A16((size_t)128 * d); /* [KT][d] and its V */
#line 97 "templates/attn_f32_ql.ct"
  const float qscale = t->scale * 1.44269504088896341f;
  const __m256 qs = _mm256_set1_ps(qscale);
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 24) {
      const int mq = nq - i0 < 24 ? nq - i0 : 24;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      /* Q^T of the tile, L x L blocks transposed in registers; rows past mq are zero and
       * their results are never stored. */
      if (mq < 24) memset(Qt, 0, sizeof(float) * 24 * (size_t)d);
      for (int hh = 0; hh < 1; hh++) {
        const float *qh = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)i0 * t->q_rs;
        float *qt = Qt + (size_t)hh * 24 * d;
        int r0 = 0;
        for (; r0 + 8 <= mq; r0 += 8) {
          int c0 = 0;
          for (; c0 + 8 <= d; c0 += 8) {
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a0 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 0) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a1 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 1) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a2 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 2) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a3 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 3) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a4 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 4) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a5 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 5) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a6 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 6) * t->q_rs + c0), qs);
#line 118 "templates/attn_f32_ql.ct"
            const __m256 a7 = _mm256_mul_ps(_mm256_loadu_ps(qh + (ptrdiff_t)(r0 + 7) * t->q_rs + c0), qs);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t0 = _mm256_unpacklo_ps(a0, a1);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t1 = _mm256_unpackhi_ps(a0, a1);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t2 = _mm256_unpacklo_ps(a2, a3);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t3 = _mm256_unpackhi_ps(a2, a3);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t4 = _mm256_unpacklo_ps(a4, a5);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t5 = _mm256_unpackhi_ps(a4, a5);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t6 = _mm256_unpacklo_ps(a6, a7);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_t7 = _mm256_unpackhi_ps(a6, a7);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u0_0 = _mm256_shuffle_ps(tq_t0, tq_t2, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u0_1 = _mm256_shuffle_ps(tq_t0, tq_t2, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u0_2 = _mm256_shuffle_ps(tq_t1, tq_t3, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u0_3 = _mm256_shuffle_ps(tq_t1, tq_t3, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u1_0 = _mm256_shuffle_ps(tq_t4, tq_t6, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u1_1 = _mm256_shuffle_ps(tq_t4, tq_t6, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u1_2 = _mm256_shuffle_ps(tq_t5, tq_t7, 0x44);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq_u1_3 = _mm256_shuffle_ps(tq_t5, tq_t7, 0xEE);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq0 = _mm256_permute2f128_ps(tq_u0_0, tq_u1_0, 0x20);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq4 = _mm256_permute2f128_ps(tq_u0_0, tq_u1_0, 0x31);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq1 = _mm256_permute2f128_ps(tq_u0_1, tq_u1_1, 0x20);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq5 = _mm256_permute2f128_ps(tq_u0_1, tq_u1_1, 0x31);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq2 = _mm256_permute2f128_ps(tq_u0_2, tq_u1_2, 0x20);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq6 = _mm256_permute2f128_ps(tq_u0_2, tq_u1_2, 0x31);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq3 = _mm256_permute2f128_ps(tq_u0_3, tq_u1_3, 0x20);
#line 122 "templates/attn_f32_ql.ct"
            const __m256 tq7 = _mm256_permute2f128_ps(tq_u0_3, tq_u1_3, 0x31);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 0) * 24 + r0, tq0);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 1) * 24 + r0, tq1);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 2) * 24 + r0, tq2);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 3) * 24 + r0, tq3);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 4) * 24 + r0, tq4);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 5) * 24 + r0, tq5);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 6) * 24 + r0, tq6);
#line 125 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(qt + (size_t)(c0 + 7) * 24 + r0, tq7);
#line 127 "templates/attn_f32_ql.ct"
          }
          for (; c0 < d; c0++)
            for (int r = r0; r < r0 + 8; r++) qt[(size_t)c0 * 24 + r] = qh[(ptrdiff_t)r * t->q_rs + c0] * qscale;
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d; c++) qt[(size_t)c * 24 + r0] = qh[(ptrdiff_t)r0 * t->q_rs + c] * qscale;
      }
      for (int r = 0; r < 24; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 24 * (size_t)d);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
#line 148 "templates/attn_f32_ql.ct"
        for (int j = 0; j < nkv; j++) {
          const unsigned char *kr = (const unsigned char *)t->k + (ptrdiff_t)(j0 + j) * t->k_rs;
          const unsigned char *vr = (const unsigned char *)t->v + (ptrdiff_t)(j0 + j) * t->v_rs;
          float *kc = Kc + (size_t)j * d, *vc = Vc + (size_t)j * d;
          int c = 0;
          for (; c + 8 <= d; c += 8) {
            _mm256_storeu_ps(kc + c, mha__q8_avx2(kr, c));
            _mm256_storeu_ps(vc + c, mha__q8_avx2(vr, c));
          }
          for (; c < d; c++) {
            kc[c] = mha__q8_get(kr, c);
            vc[c] = mha__q8_get(vr, c);
          }
        }
        const float *Kb = Kc, *Vb = Vc;
        const ptrdiff_t krs = d, vrs = d;
#line 165 "templates/attn_f32_ql.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qt + (size_t)hh * 24 * d;
          float *Sh = St + (size_t)hh * 3072;
          float *Oh = Ot + (size_t)hh * 24 * d;
          float *Mh = M + hh * 24, *Lh = Ls + hh * 24;
          /* The tile's max per row comes with the scores; it is taken again after the
           * 0.2 score step and the causal mask. */
#line 174 "templates/attn_f32_ql.ct"
          __m256 mx0 = _mm256_set1_ps(-INFINITY);
#line 174 "templates/attn_f32_ql.ct"
          __m256 mx1 = _mm256_set1_ps(-INFINITY);
#line 174 "templates/attn_f32_ql.ct"
          __m256 mx2 = _mm256_set1_ps(-INFINITY);
#line 176 "templates/attn_f32_ql.ct"
          int jb = 0;
          for (; jb + 3 <= nkv; jb += 3)
#line 29 "templates/attn_f32_ql.ct"
            {
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c1_0 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c1_1 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c1_2 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c2_0 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c2_1 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c2_2 = _mm256_setzero_ps();
#line 34 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k1 = Kb + (ptrdiff_t)(jb + 1) * krs;
#line 34 "templates/attn_f32_ql.ct"
              const float *k2 = Kb + (ptrdiff_t)(jb + 2) * krs;
#line 36 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q0 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 0);
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q1 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 8);
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q2 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 16);
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k0[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c0_0 = _mm256_fmadd_ps(kb, q0, c0_0);
#line 44 "templates/attn_f32_ql.ct"
                  c0_1 = _mm256_fmadd_ps(kb, q1, c0_1);
#line 44 "templates/attn_f32_ql.ct"
                  c0_2 = _mm256_fmadd_ps(kb, q2, c0_2);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k1[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c1_0 = _mm256_fmadd_ps(kb, q0, c1_0);
#line 44 "templates/attn_f32_ql.ct"
                  c1_1 = _mm256_fmadd_ps(kb, q1, c1_1);
#line 44 "templates/attn_f32_ql.ct"
                  c1_2 = _mm256_fmadd_ps(kb, q2, c1_2);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k2[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c2_0 = _mm256_fmadd_ps(kb, q0, c2_0);
#line 44 "templates/attn_f32_ql.ct"
                  c2_1 = _mm256_fmadd_ps(kb, q1, c2_1);
#line 44 "templates/attn_f32_ql.ct"
                  c2_2 = _mm256_fmadd_ps(kb, q2, c2_2);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 48 "templates/attn_f32_ql.ct"
              }
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 0, c0_0);
              mx0 = _mm256_max_ps(mx0, c0_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 8, c0_1);
              mx1 = _mm256_max_ps(mx1, c0_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 16, c0_2);
              mx2 = _mm256_max_ps(mx2, c0_2);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 0, c1_0);
              mx0 = _mm256_max_ps(mx0, c1_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 8, c1_1);
              mx1 = _mm256_max_ps(mx1, c1_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 1) * 24 + 16, c1_2);
              mx2 = _mm256_max_ps(mx2, c1_2);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 0, c2_0);
              mx0 = _mm256_max_ps(mx0, c2_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 8, c2_1);
              mx1 = _mm256_max_ps(mx1, c2_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 2) * 24 + 16, c2_2);
              mx2 = _mm256_max_ps(mx2, c2_2);
#line 53 "templates/attn_f32_ql.ct"
            }
#line 179 "templates/attn_f32_ql.ct"
          for (; jb < nkv; jb++)
#line 29 "templates/attn_f32_ql.ct"
            {
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 31 "templates/attn_f32_ql.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 34 "templates/attn_f32_ql.ct"
              const float *k0 = Kb + (ptrdiff_t)(jb + 0) * krs;
#line 36 "templates/attn_f32_ql.ct"
              for (int c = 0; c < d; c++) {
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q0 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 0);
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q1 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 8);
#line 38 "templates/attn_f32_ql.ct"
                const __m256 q2 = _mm256_loadu_ps(Qh + (size_t)c * 24 + 16);
#line 41 "templates/attn_f32_ql.ct"
                {
                  const __m256 kb = _mm256_set1_ps(k0[c]);
#line 44 "templates/attn_f32_ql.ct"
                  c0_0 = _mm256_fmadd_ps(kb, q0, c0_0);
#line 44 "templates/attn_f32_ql.ct"
                  c0_1 = _mm256_fmadd_ps(kb, q1, c0_1);
#line 44 "templates/attn_f32_ql.ct"
                  c0_2 = _mm256_fmadd_ps(kb, q2, c0_2);
#line 46 "templates/attn_f32_ql.ct"
                }
#line 48 "templates/attn_f32_ql.ct"
              }
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 0, c0_0);
              mx0 = _mm256_max_ps(mx0, c0_0);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 8, c0_1);
              mx1 = _mm256_max_ps(mx1, c0_1);
#line 50 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Sh + (size_t)(jb + 0) * 24 + 16, c0_2);
              mx2 = _mm256_max_ps(mx2, c0_2);
#line 53 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
          if (feat) {
#line 182 "templates/attn_f32_ql.ct"
            if (t->softcap > 0.0f) {
#line 182 "templates/attn_f32_ql.ct"
              const __m256 k_ = _mm256_set1_ps(2.0f / t->softcap), cl_ = _mm256_set1_ps(t->softcap * 1.44269504088896341f);
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (int v = 0; v < 24; v += 8) {
#line 182 "templates/attn_f32_ql.ct"
                  float *sj_ = Sh + (size_t)j * 24 + v;
#line 182 "templates/attn_f32_ql.ct"
                  _mm256_storeu_ps(sj_, _mm256_mul_ps(cl_, _mm256_sub_ps(_mm256_set1_ps(1.0f), _mm256_div_ps(_mm256_set1_ps(2.0f), _mm256_add_ps(_mm256_set1_ps(1.0f), mha__exp2_avx2(_mm256_min_ps(_mm256_max_ps(_mm256_mul_ps(_mm256_loadu_ps(sj_), k_), _mm256_set1_ps(-64.0f)), _mm256_set1_ps(64.0f))))))));
#line 182 "templates/attn_f32_ql.ct"
                }
#line 182 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
            if (t->alibi) {
#line 182 "templates/attn_f32_ql.ct"
              const __m256 sl_ = _mm256_set1_ps(t->alibi[h0 + hh] * 1.44269504088896341f);
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (int v = 0; v < 24; v += 8) {
#line 182 "templates/attn_f32_ql.ct"
                  float *sj_ = Sh + (size_t)j * 24 + v;
#line 182 "templates/attn_f32_ql.ct"
                  const __m256 d_ = _mm256_sub_ps(_mm256_set1_ps((float)(j0 + j - i0 - t->diag - v)), _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7));
#line 182 "templates/attn_f32_ql.ct"
                  _mm256_storeu_ps(sj_, _mm256_fmadd_ps(sl_, d_, _mm256_loadu_ps(sj_)));
#line 182 "templates/attn_f32_ql.ct"
                }
#line 182 "templates/attn_f32_ql.ct"
            }
#line 182 "templates/attn_f32_ql.ct"
            if (t->window) /* row r sees key j0 + j iff r < j0 + j - i0 - diag + window */
#line 182 "templates/attn_f32_ql.ct"
              for (int j = 0; j < nkv; j++)
#line 182 "templates/attn_f32_ql.ct"
                for (long r = j0 + j - i0 - t->diag + t->window, r_ = r < 0 ? 0 : r; r_ < 24; r_++) Sh[(size_t)j * 24 + r_] = -INFINITY;
#line 182 "templates/attn_f32_ql.ct"
          }
#line 184 "templates/attn_f32_ql.ct"
          /* Causal: row r sees key j0 + j iff r >= j0 + j - i0 - diag. */
          if (masked || feat) {
            for (int j = 0; j < nkv && masked; j++) {
              long thr = j0 + j - i0 - t->diag;
              for (long r = 0; r < thr && r < 24; r++) Sh[(size_t)j * 24 + r] = -INFINITY;
            }
#line 191 "templates/attn_f32_ql.ct"
            mx0 = _mm256_set1_ps(-INFINITY);
#line 191 "templates/attn_f32_ql.ct"
            mx1 = _mm256_set1_ps(-INFINITY);
#line 191 "templates/attn_f32_ql.ct"
            mx2 = _mm256_set1_ps(-INFINITY);
#line 193 "templates/attn_f32_ql.ct"
            for (int j = 0; j < nkv; j++) {
#line 195 "templates/attn_f32_ql.ct"
              mx0 = _mm256_max_ps(mx0, _mm256_loadu_ps(Sh + (size_t)j * 24 + 0));
#line 195 "templates/attn_f32_ql.ct"
              mx1 = _mm256_max_ps(mx1, _mm256_loadu_ps(Sh + (size_t)j * 24 + 8));
#line 195 "templates/attn_f32_ql.ct"
              mx2 = _mm256_max_ps(mx2, _mm256_loadu_ps(Sh + (size_t)j * 24 + 16));
#line 197 "templates/attn_f32_ql.ct"
            }
          }
          /* Online softmax, one row per lane. The floor on the max keeps a row that has
           * seen nothing at P = 0 and alpha = 0 without a NaN from -inf - -inf. */
#line 202 "templates/attn_f32_ql.ct"
          const __m256 mo0 = _mm256_loadu_ps(Mh + 0);
          const __m256 mn0 = _mm256_max_ps(mo0, mx0);
          const __m256 ms0 = _mm256_max_ps(mn0, _mm256_set1_ps(-3.0e38f));
          const __m256 al0 = mha__exp2_avx2(_mm256_sub_ps(mo0, ms0));
          __m256 sum0 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 0, mn0);
#line 202 "templates/attn_f32_ql.ct"
          const __m256 mo1 = _mm256_loadu_ps(Mh + 8);
          const __m256 mn1 = _mm256_max_ps(mo1, mx1);
          const __m256 ms1 = _mm256_max_ps(mn1, _mm256_set1_ps(-3.0e38f));
          const __m256 al1 = mha__exp2_avx2(_mm256_sub_ps(mo1, ms1));
          __m256 sum1 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 8, mn1);
#line 202 "templates/attn_f32_ql.ct"
          const __m256 mo2 = _mm256_loadu_ps(Mh + 16);
          const __m256 mn2 = _mm256_max_ps(mo2, mx2);
          const __m256 ms2 = _mm256_max_ps(mn2, _mm256_set1_ps(-3.0e38f));
          const __m256 al2 = mha__exp2_avx2(_mm256_sub_ps(mo2, ms2));
          __m256 sum2 = _mm256_setzero_ps();
          _mm256_storeu_ps(Mh + 16, mn2);
#line 209 "templates/attn_f32_ql.ct"
          for (int j = 0; j < nkv; j++) {
            float *sj = Sh + (size_t)j * 24;
#line 212 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 0), ms0));
              _mm256_storeu_ps(sj + 0, p);
              sum0 = _mm256_add_ps(sum0, p);
            }
#line 212 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 8), ms1));
              _mm256_storeu_ps(sj + 8, p);
              sum1 = _mm256_add_ps(sum1, p);
            }
#line 212 "templates/attn_f32_ql.ct"
            {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(sj + 16), ms2));
              _mm256_storeu_ps(sj + 16, p);
              sum2 = _mm256_add_ps(sum2, p);
            }
#line 218 "templates/attn_f32_ql.ct"
          }
#line 220 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 0, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 0), al0, sum0));
#line 220 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 8, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 8), al1, sum1));
#line 220 "templates/attn_f32_ql.ct"
          _mm256_storeu_ps(Lh + 16, _mm256_fmadd_ps(_mm256_loadu_ps(Lh + 16), al2, sum2));
#line 222 "templates/attn_f32_ql.ct"
          int c0 = 0;
          for (; c0 + 4 <= d; c0 += 4)
#line 57 "templates/attn_f32_ql.ct"
            {
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 8), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 16), al2);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o1_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o1_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 8), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o1_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 1) * 24 + 16), al2);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o2_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o2_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 8), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o2_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 2) * 24 + 16), al2);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o3_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o3_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 8), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o3_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 3) * 24 + 16), al2);
#line 61 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p0 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 0);
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p1 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 8);
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p2 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 16);
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[0]);
#line 70 "templates/attn_f32_ql.ct"
                  o0_0 = _mm256_fmadd_ps(vb, p0, o0_0);
#line 70 "templates/attn_f32_ql.ct"
                  o0_1 = _mm256_fmadd_ps(vb, p1, o0_1);
#line 70 "templates/attn_f32_ql.ct"
                  o0_2 = _mm256_fmadd_ps(vb, p2, o0_2);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[1]);
#line 70 "templates/attn_f32_ql.ct"
                  o1_0 = _mm256_fmadd_ps(vb, p0, o1_0);
#line 70 "templates/attn_f32_ql.ct"
                  o1_1 = _mm256_fmadd_ps(vb, p1, o1_1);
#line 70 "templates/attn_f32_ql.ct"
                  o1_2 = _mm256_fmadd_ps(vb, p2, o1_2);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[2]);
#line 70 "templates/attn_f32_ql.ct"
                  o2_0 = _mm256_fmadd_ps(vb, p0, o2_0);
#line 70 "templates/attn_f32_ql.ct"
                  o2_1 = _mm256_fmadd_ps(vb, p1, o2_1);
#line 70 "templates/attn_f32_ql.ct"
                  o2_2 = _mm256_fmadd_ps(vb, p2, o2_2);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[3]);
#line 70 "templates/attn_f32_ql.ct"
                  o3_0 = _mm256_fmadd_ps(vb, p0, o3_0);
#line 70 "templates/attn_f32_ql.ct"
                  o3_1 = _mm256_fmadd_ps(vb, p1, o3_1);
#line 70 "templates/attn_f32_ql.ct"
                  o3_2 = _mm256_fmadd_ps(vb, p2, o3_2);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 74 "templates/attn_f32_ql.ct"
              }
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 0, o0_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 8, o0_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 16, o0_2);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 0, o1_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 8, o1_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 1) * 24 + 16, o1_2);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 0, o2_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 8, o2_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 2) * 24 + 16, o2_2);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 0, o3_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 8, o3_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 3) * 24 + 16, o3_2);
#line 78 "templates/attn_f32_ql.ct"
            }
#line 225 "templates/attn_f32_ql.ct"
          for (; c0 < d; c0++)
#line 57 "templates/attn_f32_ql.ct"
            {
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 0), al0);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 8), al1);
#line 59 "templates/attn_f32_ql.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(c0 + 0) * 24 + 16), al2);
#line 61 "templates/attn_f32_ql.ct"
              const float *vj = Vb + c0;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p0 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 0);
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p1 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 8);
#line 64 "templates/attn_f32_ql.ct"
                const __m256 p2 = _mm256_loadu_ps(Sh + (size_t)j * 24 + 16);
#line 67 "templates/attn_f32_ql.ct"
                {
                  const __m256 vb = _mm256_set1_ps(vj[0]);
#line 70 "templates/attn_f32_ql.ct"
                  o0_0 = _mm256_fmadd_ps(vb, p0, o0_0);
#line 70 "templates/attn_f32_ql.ct"
                  o0_1 = _mm256_fmadd_ps(vb, p1, o0_1);
#line 70 "templates/attn_f32_ql.ct"
                  o0_2 = _mm256_fmadd_ps(vb, p2, o0_2);
#line 72 "templates/attn_f32_ql.ct"
                }
#line 74 "templates/attn_f32_ql.ct"
              }
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 0, o0_0);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 8, o0_1);
#line 76 "templates/attn_f32_ql.ct"
              _mm256_storeu_ps(Oh + (size_t)(c0 + 0) * 24 + 16, o0_2);
#line 78 "templates/attn_f32_ql.ct"
            }
#line 227 "templates/attn_f32_ql.ct"
        }
      }
      /* O = (O^T)^T / sum, L x L blocks transposed in registers; a row that saw no key gets
       * zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++) {
        float *inv = Inv + hh * 24;
        const float *oh = Ot + (size_t)hh * 24 * d;
        float *ob = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)i0 * t->o_rs;
        for (int r = 0; r < mq; r++) {
          const int row = hh * 24 + r;
          const float l = Ls[row];
          inv[r] = l > 0.0f ? 1.0f / l : 0.0f;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
        int r0 = 0;
        for (; r0 + 8 <= mq; r0 += 8) {
          int c0 = 0;
          for (; c0 + 8 <= d; c0 += 8) {
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a0 = _mm256_loadu_ps(oh + (size_t)(c0 + 0) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a1 = _mm256_loadu_ps(oh + (size_t)(c0 + 1) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a2 = _mm256_loadu_ps(oh + (size_t)(c0 + 2) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a3 = _mm256_loadu_ps(oh + (size_t)(c0 + 3) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a4 = _mm256_loadu_ps(oh + (size_t)(c0 + 4) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a5 = _mm256_loadu_ps(oh + (size_t)(c0 + 5) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a6 = _mm256_loadu_ps(oh + (size_t)(c0 + 6) * 24 + r0);
#line 247 "templates/attn_f32_ql.ct"
            const __m256 a7 = _mm256_loadu_ps(oh + (size_t)(c0 + 7) * 24 + r0);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t0 = _mm256_unpacklo_ps(a0, a1);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t1 = _mm256_unpackhi_ps(a0, a1);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t2 = _mm256_unpacklo_ps(a2, a3);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t3 = _mm256_unpackhi_ps(a2, a3);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t4 = _mm256_unpacklo_ps(a4, a5);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t5 = _mm256_unpackhi_ps(a4, a5);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t6 = _mm256_unpacklo_ps(a6, a7);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_t7 = _mm256_unpackhi_ps(a6, a7);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u0_0 = _mm256_shuffle_ps(to_t0, to_t2, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u0_1 = _mm256_shuffle_ps(to_t0, to_t2, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u0_2 = _mm256_shuffle_ps(to_t1, to_t3, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u0_3 = _mm256_shuffle_ps(to_t1, to_t3, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u1_0 = _mm256_shuffle_ps(to_t4, to_t6, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u1_1 = _mm256_shuffle_ps(to_t4, to_t6, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u1_2 = _mm256_shuffle_ps(to_t5, to_t7, 0x44);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to_u1_3 = _mm256_shuffle_ps(to_t5, to_t7, 0xEE);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to0 = _mm256_permute2f128_ps(to_u0_0, to_u1_0, 0x20);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to4 = _mm256_permute2f128_ps(to_u0_0, to_u1_0, 0x31);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to1 = _mm256_permute2f128_ps(to_u0_1, to_u1_1, 0x20);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to5 = _mm256_permute2f128_ps(to_u0_1, to_u1_1, 0x31);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to2 = _mm256_permute2f128_ps(to_u0_2, to_u1_2, 0x20);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to6 = _mm256_permute2f128_ps(to_u0_2, to_u1_2, 0x31);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to3 = _mm256_permute2f128_ps(to_u0_3, to_u1_3, 0x20);
#line 251 "templates/attn_f32_ql.ct"
            const __m256 to7 = _mm256_permute2f128_ps(to_u0_3, to_u1_3, 0x31);
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 0) * t->o_rs + c0, _mm256_mul_ps(to0, _mm256_set1_ps(inv[r0 + 0])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 1) * t->o_rs + c0, _mm256_mul_ps(to1, _mm256_set1_ps(inv[r0 + 1])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 2) * t->o_rs + c0, _mm256_mul_ps(to2, _mm256_set1_ps(inv[r0 + 2])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 3) * t->o_rs + c0, _mm256_mul_ps(to3, _mm256_set1_ps(inv[r0 + 3])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 4) * t->o_rs + c0, _mm256_mul_ps(to4, _mm256_set1_ps(inv[r0 + 4])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 5) * t->o_rs + c0, _mm256_mul_ps(to5, _mm256_set1_ps(inv[r0 + 5])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 6) * t->o_rs + c0, _mm256_mul_ps(to6, _mm256_set1_ps(inv[r0 + 6])));
#line 254 "templates/attn_f32_ql.ct"
            _mm256_storeu_ps(ob + (ptrdiff_t)(r0 + 7) * t->o_rs + c0, _mm256_mul_ps(to7, _mm256_set1_ps(inv[r0 + 7])));
#line 256 "templates/attn_f32_ql.ct"
          }
          for (; c0 < d; c0++)
            for (int r = r0; r < r0 + 8; r++) ob[(ptrdiff_t)r * t->o_rs + c0] = oh[(size_t)c0 * 24 + r] * inv[r];
        }
        for (; r0 < mq; r0++)
          for (int c = 0; c < d; c++) ob[(ptrdiff_t)r0 * t->o_rs + c] = oh[(size_t)c * 24 + r0] * inv[r0];
      }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0 = {
  "attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0", MHA__ISA_AVX2, 128, 1, 24, 128, 3, 3, 8, mha__attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0, mha__ws_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0, MHA__KV_Q8_0, MHA__KV_F32, 0
};
