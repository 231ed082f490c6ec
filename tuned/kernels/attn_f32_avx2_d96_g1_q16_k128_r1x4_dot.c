/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 7790ece2a715e040) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32.ct: attn_f32_avx2_d96_g1_q16_k128_r1x4_dot
 * isa=avx2 d=96 g=1 qt=16 kt=128 rm=1 rn=4 kf=dot rp=4 cv=3 */
#line 25 "templates/isa_avx2.lua"
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
#line 8 "templates/attn_f32.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, each part 64-byte aligned): scaled Q tile, transposed K tile,
 * padded V tile (any-d variants only), S/P tile, unnormalised O, running max, sum, rescale. */
static size_t mha__ws_attn_f32_avx2_d96_g1_q16_k128_r1x4_dot(int d_) {
#line 18 "templates/attn_f32.ct"
  const size_t d = 96, dp = 96;
  (void)d_, (void)d;
#line 24 "templates/attn_f32.ct"
  return A16(16 * dp) + 0 + 0 + A16(2048) +
         A16(16 * dp) + 3 * A16(16);
}

#line 124 "templates/attn_f32.ct"

__attribute__((target("avx2,fma"))) MHA__HIDDEN void mha__attn_f32_avx2_d96_g1_q16_k128_r1x4_dot(const mha__task *t) {
#line 127 "templates/attn_f32.ct"
  enum { d = 96 };
#line 131 "templates/attn_f32.ct"
  float *const Qs = t->ws;                       /* [G*QT][dp] queries * scale * log2(e) */
  float *const Kt = Qs + A16(16 * 96); /* [d][KT] keys, transposed (KF t) */
  float *const Vp = Kt + 0;                /* [KT][dp] values, padded */
  float *const S = Vp + 0;                 /* [G*QT][KT] scores, then probabilities */
  float *const Oa = S + A16(2048);     /* [G*QT][dp] output before 1/sum */
  float *const M = Oa + A16(16 * 96);  /* running max, base 2 */
  float *const Ls = M + A16(16);          /* running sum */
  float *const Al = Ls + A16(16);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 16) {
      const int mq = nq - i0 < 16 ? nq - i0 : 16;
      /* Causal: keys past the tile's last row's diagonal are never computed. */
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qs = Qs + ((size_t)hh * 16 + r) * 96;
#line 152 "templates/attn_f32.ct"
          for (int c = 0; c < d; c += 8)
            _mm256_storeu_ps(qs + c, _mm256_mul_ps(_mm256_loadu_ps(qr + c), _mm256_set1_ps(qscale)));
#line 159 "templates/attn_f32.ct"
        }
      for (int r = 0; r < 16; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Oa, 0, sizeof(float) * 16 * 96);

      for (long j0 = 0; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const int nkvp = (nkv + 7) / 8 * 8;
#line 177 "templates/attn_f32.ct"
        const float *Kb = t->k + (ptrdiff_t)j0 * t->k_rs;
        (void)Kt;
#line 191 "templates/attn_f32.ct"
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const ptrdiff_t vrs = t->v_rs;
#line 194 "templates/attn_f32.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qs + (size_t)hh * 16 * 96;
          float *Sh = S + (size_t)hh * 2048;
          float *Oh = Oa + (size_t)hh * 16 * 96;
          float *Mh = M + hh * 16, *Lh = Ls + hh * 16, *Ah = Al + hh * 16;
          int r0 = 0;
#line 202 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * 96;
            float *sp = Sh + (size_t)r0 * 128;
#line 212 "templates/attn_f32.ct"
            int jj = 0;
            for (; jj + 4 <= nkv; jj += 4)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_3 = _mm256_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k1 = Kb + (ptrdiff_t)(jj + 1) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k2 = Kb + (ptrdiff_t)(jj + 2) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k3 = Kb + (ptrdiff_t)(jj + 3) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 8) {
#line 64 "templates/attn_f32.ct"
                const __m256 b0 = _mm256_loadu_ps(k0 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b1 = _mm256_loadu_ps(k1 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b2 = _mm256_loadu_ps(k2 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b3 = _mm256_loadu_ps(k3 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m256 a = _mm256_loadu_ps(qp + 0 * 96 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 70 "templates/attn_f32.ct"
                  c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 70 "templates/attn_f32.ct"
                  c0_2 = _mm256_fmadd_ps(a, b2, c0_2);
#line 70 "templates/attn_f32.ct"
                  c0_3 = _mm256_fmadd_ps(a, b3, c0_3);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = mha__hsum_avx2(c0_0);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 1] = mha__hsum_avx2(c0_1);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 2] = mha__hsum_avx2(c0_2);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 3] = mha__hsum_avx2(c0_3);
#line 78 "templates/attn_f32.ct"
            }
#line 215 "templates/attn_f32.ct"
            for (; jj < nkv; jj++)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 8) {
#line 64 "templates/attn_f32.ct"
                const __m256 b0 = _mm256_loadu_ps(k0 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m256 a = _mm256_loadu_ps(qp + 0 * 96 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = mha__hsum_avx2(c0_0);
#line 78 "templates/attn_f32.ct"
            }
#line 218 "templates/attn_f32.ct"
          }
#line 202 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * 96;
            float *sp = Sh + (size_t)r0 * 128;
#line 212 "templates/attn_f32.ct"
            int jj = 0;
            for (; jj + 4 <= nkv; jj += 4)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_1 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_2 = _mm256_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m256 c0_3 = _mm256_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k1 = Kb + (ptrdiff_t)(jj + 1) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k2 = Kb + (ptrdiff_t)(jj + 2) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k3 = Kb + (ptrdiff_t)(jj + 3) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 8) {
#line 64 "templates/attn_f32.ct"
                const __m256 b0 = _mm256_loadu_ps(k0 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b1 = _mm256_loadu_ps(k1 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b2 = _mm256_loadu_ps(k2 + c);
#line 64 "templates/attn_f32.ct"
                const __m256 b3 = _mm256_loadu_ps(k3 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m256 a = _mm256_loadu_ps(qp + 0 * 96 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 70 "templates/attn_f32.ct"
                  c0_1 = _mm256_fmadd_ps(a, b1, c0_1);
#line 70 "templates/attn_f32.ct"
                  c0_2 = _mm256_fmadd_ps(a, b2, c0_2);
#line 70 "templates/attn_f32.ct"
                  c0_3 = _mm256_fmadd_ps(a, b3, c0_3);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = mha__hsum_avx2(c0_0);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 1] = mha__hsum_avx2(c0_1);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 2] = mha__hsum_avx2(c0_2);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 3] = mha__hsum_avx2(c0_3);
#line 78 "templates/attn_f32.ct"
            }
#line 215 "templates/attn_f32.ct"
            for (; jj < nkv; jj++)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m256 c0_0 = _mm256_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 8) {
#line 64 "templates/attn_f32.ct"
                const __m256 b0 = _mm256_loadu_ps(k0 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m256 a = _mm256_loadu_ps(qp + 0 * 96 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm256_fmadd_ps(a, b0, c0_0);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = mha__hsum_avx2(c0_0);
#line 78 "templates/attn_f32.ct"
            }
#line 218 "templates/attn_f32.ct"
          }
#line 220 "templates/attn_f32.ct"
          /* Online softmax in base 2: mask, row max, P = 2^(S - max) in place of S,
           * running sum, and the factor that rescales what O holds so far. */
          for (int r = 0; r < mq; r++) {
            float *s = Sh + (size_t)r * 128;
            int vis = nkv;
            if (masked) {
              long v = (long)i0 + r + t->diag - j0 + 1;
              vis = v < 0 ? 0 : (v < nkv ? (int)v : nkv);
            }
            for (int j = vis; j < nkvp; j++) s[j] = -INFINITY;
            __m256 mx = _mm256_set1_ps(-INFINITY);
            for (int j = 0; j < nkvp; j += 8) mx = _mm256_max_ps(mx, _mm256_loadu_ps(s + j));
            const float mold = Mh[r], tmax = mha__hmax_avx2(mx);
            const float mnew = tmax > mold ? tmax : mold;
            if (mnew == -INFINITY) { /* nothing visible yet: P = 0, O stays 0 */
              Ah[r] = 1.0f;
              for (int j = 0; j < nkv; j++) s[j] = 0.0f;
              continue;
            }
            const __m256 mv = _mm256_set1_ps(mnew);
            __m256 sum = _mm256_setzero_ps();
            for (int j = 0; j < nkvp; j += 8) {
              const __m256 p = mha__exp2_avx2(_mm256_sub_ps(_mm256_loadu_ps(s + j), mv));
              _mm256_storeu_ps(s + j, p);
              sum = _mm256_add_ps(sum, p);
            }
            const float alpha = exp2f(mold - mnew);
            Ah[r] = alpha;
            Lh[r] = Lh[r] * alpha + mha__hsum_avx2(sum);
            Mh[r] = mnew;
          }
          r0 = 0;
          for (; r0 + 4 <= mq; r0 += 4) {
#line 112 "templates/attn_f32.ct"
            for (int cv = 0; cv < 96; cv += 24)
#line 82 "templates/attn_f32.ct"
            {
#line 84 "templates/attn_f32.ct"
              const __m256 al0 = _mm256_set1_ps(Ah[r0 + 0]);
#line 86 "templates/attn_f32.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 0), al0);
#line 86 "templates/attn_f32.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 8), al0);
#line 86 "templates/attn_f32.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 16), al0);
#line 84 "templates/attn_f32.ct"
              const __m256 al1 = _mm256_set1_ps(Ah[r0 + 1]);
#line 86 "templates/attn_f32.ct"
              __m256 o1_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 0), al1);
#line 86 "templates/attn_f32.ct"
              __m256 o1_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 8), al1);
#line 86 "templates/attn_f32.ct"
              __m256 o1_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 16), al1);
#line 84 "templates/attn_f32.ct"
              const __m256 al2 = _mm256_set1_ps(Ah[r0 + 2]);
#line 86 "templates/attn_f32.ct"
              __m256 o2_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 0), al2);
#line 86 "templates/attn_f32.ct"
              __m256 o2_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 8), al2);
#line 86 "templates/attn_f32.ct"
              __m256 o2_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 16), al2);
#line 84 "templates/attn_f32.ct"
              const __m256 al3 = _mm256_set1_ps(Ah[r0 + 3]);
#line 86 "templates/attn_f32.ct"
              __m256 o3_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 0), al3);
#line 86 "templates/attn_f32.ct"
              __m256 o3_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 8), al3);
#line 86 "templates/attn_f32.ct"
              __m256 o3_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 16), al3);
#line 89 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 92 "templates/attn_f32.ct"
                const __m256 v0 = _mm256_loadu_ps(vj + 0);
#line 92 "templates/attn_f32.ct"
                const __m256 v1 = _mm256_loadu_ps(vj + 8);
#line 92 "templates/attn_f32.ct"
                const __m256 v2 = _mm256_loadu_ps(vj + 16);
#line 95 "templates/attn_f32.ct"
                {
                  const __m256 p = _mm256_set1_ps(Sh[(size_t)(r0 + 0) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o0_0 = _mm256_fmadd_ps(p, v0, o0_0);
#line 98 "templates/attn_f32.ct"
                  o0_1 = _mm256_fmadd_ps(p, v1, o0_1);
#line 98 "templates/attn_f32.ct"
                  o0_2 = _mm256_fmadd_ps(p, v2, o0_2);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m256 p = _mm256_set1_ps(Sh[(size_t)(r0 + 1) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o1_0 = _mm256_fmadd_ps(p, v0, o1_0);
#line 98 "templates/attn_f32.ct"
                  o1_1 = _mm256_fmadd_ps(p, v1, o1_1);
#line 98 "templates/attn_f32.ct"
                  o1_2 = _mm256_fmadd_ps(p, v2, o1_2);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m256 p = _mm256_set1_ps(Sh[(size_t)(r0 + 2) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o2_0 = _mm256_fmadd_ps(p, v0, o2_0);
#line 98 "templates/attn_f32.ct"
                  o2_1 = _mm256_fmadd_ps(p, v1, o2_1);
#line 98 "templates/attn_f32.ct"
                  o2_2 = _mm256_fmadd_ps(p, v2, o2_2);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m256 p = _mm256_set1_ps(Sh[(size_t)(r0 + 3) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o3_0 = _mm256_fmadd_ps(p, v0, o3_0);
#line 98 "templates/attn_f32.ct"
                  o3_1 = _mm256_fmadd_ps(p, v1, o3_1);
#line 98 "templates/attn_f32.ct"
                  o3_2 = _mm256_fmadd_ps(p, v2, o3_2);
#line 100 "templates/attn_f32.ct"
                }
#line 102 "templates/attn_f32.ct"
              }
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 0, o0_0);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 8, o0_1);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 16, o0_2);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 0, o1_0);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 8, o1_1);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 1) * 96 + cv + 16, o1_2);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 0, o2_0);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 8, o2_1);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 2) * 96 + cv + 16, o2_2);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 0, o3_0);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 8, o3_1);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 3) * 96 + cv + 16, o3_2);
#line 106 "templates/attn_f32.ct"
            }
#line 254 "templates/attn_f32.ct"
          }
          for (; r0 < mq; r0++) {
#line 112 "templates/attn_f32.ct"
            for (int cv = 0; cv < 96; cv += 24)
#line 82 "templates/attn_f32.ct"
            {
#line 84 "templates/attn_f32.ct"
              const __m256 al0 = _mm256_set1_ps(Ah[r0 + 0]);
#line 86 "templates/attn_f32.ct"
              __m256 o0_0 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 0), al0);
#line 86 "templates/attn_f32.ct"
              __m256 o0_1 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 8), al0);
#line 86 "templates/attn_f32.ct"
              __m256 o0_2 = _mm256_mul_ps(_mm256_loadu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 16), al0);
#line 89 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 92 "templates/attn_f32.ct"
                const __m256 v0 = _mm256_loadu_ps(vj + 0);
#line 92 "templates/attn_f32.ct"
                const __m256 v1 = _mm256_loadu_ps(vj + 8);
#line 92 "templates/attn_f32.ct"
                const __m256 v2 = _mm256_loadu_ps(vj + 16);
#line 95 "templates/attn_f32.ct"
                {
                  const __m256 p = _mm256_set1_ps(Sh[(size_t)(r0 + 0) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o0_0 = _mm256_fmadd_ps(p, v0, o0_0);
#line 98 "templates/attn_f32.ct"
                  o0_1 = _mm256_fmadd_ps(p, v1, o0_1);
#line 98 "templates/attn_f32.ct"
                  o0_2 = _mm256_fmadd_ps(p, v2, o0_2);
#line 100 "templates/attn_f32.ct"
                }
#line 102 "templates/attn_f32.ct"
              }
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 0, o0_0);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 8, o0_1);
#line 104 "templates/attn_f32.ct"
              _mm256_storeu_ps(Oh + (size_t)(r0 + 0) * 96 + cv + 16, o0_2);
#line 106 "templates/attn_f32.ct"
            }
#line 257 "templates/attn_f32.ct"
          }
        }
      }
      /* O / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 16 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const __m256 iv = _mm256_set1_ps(inv);
          const float *oa = Oa + (size_t)row * 96;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          int c = 0;
          for (; c + 8 <= d; c += 8) _mm256_storeu_ps(orow + c, _mm256_mul_ps(_mm256_loadu_ps(oa + c), iv));
#line 273 "templates/attn_f32.ct"
          (void)c;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx2_d96_g1_q16_k128_r1x4_dot = {
  "attn_f32_avx2_d96_g1_q16_k128_r1x4_dot", MHA__ISA_AVX2, 96, 1, 16, 128, 1, 4, 8, mha__attn_f32_avx2_d96_g1_q16_k128_r1x4_dot, mha__ws_attn_f32_avx2_d96_g1_q16_k128_r1x4_dot
};
