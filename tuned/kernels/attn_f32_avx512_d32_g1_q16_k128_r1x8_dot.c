/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 7790ece2a715e040) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32.ct: attn_f32_avx512_d32_g1_q16_k128_r1x8_dot
 * isa=avx512 d=32 g=1 qt=16 kt=128 rm=1 rn=8 kf=dot rp=6 cv=2 */
#line 25 "templates/isa_avx512.lua"
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
#line 8 "templates/attn_f32.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, each part 64-byte aligned): scaled Q tile, transposed K tile,
 * padded V tile (any-d variants only), S/P tile, unnormalised O, running max, sum, rescale. */
static size_t mha__ws_attn_f32_avx512_d32_g1_q16_k128_r1x8_dot(int d_) {
#line 18 "templates/attn_f32.ct"
  const size_t d = 32, dp = 32;
  (void)d_, (void)d;
#line 24 "templates/attn_f32.ct"
  return A16(16 * dp) + 0 + 0 + A16(2048) +
         A16(16 * dp) + 3 * A16(16);
}

#line 124 "templates/attn_f32.ct"

__attribute__((target("avx512f,avx512dq,avx2,fma"))) MHA__HIDDEN void mha__attn_f32_avx512_d32_g1_q16_k128_r1x8_dot(const mha__task *t) {
#line 127 "templates/attn_f32.ct"
  enum { d = 32 };
#line 131 "templates/attn_f32.ct"
  float *const Qs = t->ws;                       /* [G*QT][dp] queries * scale * log2(e) */
  float *const Kt = Qs + A16(16 * 32); /* [d][KT] keys, transposed (KF t) */
  float *const Vp = Kt + 0;                /* [KT][dp] values, padded */
  float *const S = Vp + 0;                 /* [G*QT][KT] scores, then probabilities */
  float *const Oa = S + A16(2048);     /* [G*QT][dp] output before 1/sum */
  float *const M = Oa + A16(16 * 32);  /* running max, base 2 */
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
          float *qs = Qs + ((size_t)hh * 16 + r) * 32;
#line 152 "templates/attn_f32.ct"
          for (int c = 0; c < d; c += 16)
            _mm512_storeu_ps(qs + c, _mm512_mul_ps(_mm512_loadu_ps(qr + c), _mm512_set1_ps(qscale)));
#line 159 "templates/attn_f32.ct"
        }
      for (int r = 0; r < 16; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Oa, 0, sizeof(float) * 16 * 32);

      for (long j0 = 0; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const int nkvp = (nkv + 15) / 16 * 16;
#line 177 "templates/attn_f32.ct"
        const float *Kb = t->k + (ptrdiff_t)j0 * t->k_rs;
        (void)Kt;
#line 191 "templates/attn_f32.ct"
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const ptrdiff_t vrs = t->v_rs;
#line 194 "templates/attn_f32.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qs + (size_t)hh * 16 * 32;
          float *Sh = S + (size_t)hh * 2048;
          float *Oh = Oa + (size_t)hh * 16 * 32;
          float *Mh = M + hh * 16, *Lh = Ls + hh * 16, *Ah = Al + hh * 16;
          int r0 = 0;
#line 202 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * 32;
            float *sp = Sh + (size_t)r0 * 128;
#line 212 "templates/attn_f32.ct"
            int jj = 0;
            for (; jj + 8 <= nkv; jj += 8)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_4 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_5 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_6 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_7 = _mm512_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k1 = Kb + (ptrdiff_t)(jj + 1) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k2 = Kb + (ptrdiff_t)(jj + 2) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k3 = Kb + (ptrdiff_t)(jj + 3) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k4 = Kb + (ptrdiff_t)(jj + 4) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k5 = Kb + (ptrdiff_t)(jj + 5) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k6 = Kb + (ptrdiff_t)(jj + 6) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k7 = Kb + (ptrdiff_t)(jj + 7) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 16) {
#line 64 "templates/attn_f32.ct"
                const __m512 b0 = _mm512_loadu_ps(k0 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b1 = _mm512_loadu_ps(k1 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b2 = _mm512_loadu_ps(k2 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b3 = _mm512_loadu_ps(k3 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b4 = _mm512_loadu_ps(k4 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b5 = _mm512_loadu_ps(k5 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b6 = _mm512_loadu_ps(k6 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b7 = _mm512_loadu_ps(k7 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m512 a = _mm512_loadu_ps(qp + 0 * 32 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 70 "templates/attn_f32.ct"
                  c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 70 "templates/attn_f32.ct"
                  c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 70 "templates/attn_f32.ct"
                  c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 70 "templates/attn_f32.ct"
                  c0_4 = _mm512_fmadd_ps(a, b4, c0_4);
#line 70 "templates/attn_f32.ct"
                  c0_5 = _mm512_fmadd_ps(a, b5, c0_5);
#line 70 "templates/attn_f32.ct"
                  c0_6 = _mm512_fmadd_ps(a, b6, c0_6);
#line 70 "templates/attn_f32.ct"
                  c0_7 = _mm512_fmadd_ps(a, b7, c0_7);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = _mm512_reduce_add_ps(c0_0);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 1] = _mm512_reduce_add_ps(c0_1);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 2] = _mm512_reduce_add_ps(c0_2);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 3] = _mm512_reduce_add_ps(c0_3);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 4] = _mm512_reduce_add_ps(c0_4);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 5] = _mm512_reduce_add_ps(c0_5);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 6] = _mm512_reduce_add_ps(c0_6);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 7] = _mm512_reduce_add_ps(c0_7);
#line 78 "templates/attn_f32.ct"
            }
#line 215 "templates/attn_f32.ct"
            for (; jj < nkv; jj++)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 16) {
#line 64 "templates/attn_f32.ct"
                const __m512 b0 = _mm512_loadu_ps(k0 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m512 a = _mm512_loadu_ps(qp + 0 * 32 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = _mm512_reduce_add_ps(c0_0);
#line 78 "templates/attn_f32.ct"
            }
#line 218 "templates/attn_f32.ct"
          }
#line 202 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * 32;
            float *sp = Sh + (size_t)r0 * 128;
#line 212 "templates/attn_f32.ct"
            int jj = 0;
            for (; jj + 8 <= nkv; jj += 8)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_4 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_5 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_6 = _mm512_setzero_ps();
#line 57 "templates/attn_f32.ct"
              __m512 c0_7 = _mm512_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k1 = Kb + (ptrdiff_t)(jj + 1) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k2 = Kb + (ptrdiff_t)(jj + 2) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k3 = Kb + (ptrdiff_t)(jj + 3) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k4 = Kb + (ptrdiff_t)(jj + 4) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k5 = Kb + (ptrdiff_t)(jj + 5) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k6 = Kb + (ptrdiff_t)(jj + 6) * t->k_rs;
#line 60 "templates/attn_f32.ct"
              const float *k7 = Kb + (ptrdiff_t)(jj + 7) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 16) {
#line 64 "templates/attn_f32.ct"
                const __m512 b0 = _mm512_loadu_ps(k0 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b1 = _mm512_loadu_ps(k1 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b2 = _mm512_loadu_ps(k2 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b3 = _mm512_loadu_ps(k3 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b4 = _mm512_loadu_ps(k4 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b5 = _mm512_loadu_ps(k5 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b6 = _mm512_loadu_ps(k6 + c);
#line 64 "templates/attn_f32.ct"
                const __m512 b7 = _mm512_loadu_ps(k7 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m512 a = _mm512_loadu_ps(qp + 0 * 32 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 70 "templates/attn_f32.ct"
                  c0_1 = _mm512_fmadd_ps(a, b1, c0_1);
#line 70 "templates/attn_f32.ct"
                  c0_2 = _mm512_fmadd_ps(a, b2, c0_2);
#line 70 "templates/attn_f32.ct"
                  c0_3 = _mm512_fmadd_ps(a, b3, c0_3);
#line 70 "templates/attn_f32.ct"
                  c0_4 = _mm512_fmadd_ps(a, b4, c0_4);
#line 70 "templates/attn_f32.ct"
                  c0_5 = _mm512_fmadd_ps(a, b5, c0_5);
#line 70 "templates/attn_f32.ct"
                  c0_6 = _mm512_fmadd_ps(a, b6, c0_6);
#line 70 "templates/attn_f32.ct"
                  c0_7 = _mm512_fmadd_ps(a, b7, c0_7);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = _mm512_reduce_add_ps(c0_0);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 1] = _mm512_reduce_add_ps(c0_1);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 2] = _mm512_reduce_add_ps(c0_2);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 3] = _mm512_reduce_add_ps(c0_3);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 4] = _mm512_reduce_add_ps(c0_4);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 5] = _mm512_reduce_add_ps(c0_5);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 6] = _mm512_reduce_add_ps(c0_6);
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 7] = _mm512_reduce_add_ps(c0_7);
#line 78 "templates/attn_f32.ct"
            }
#line 215 "templates/attn_f32.ct"
            for (; jj < nkv; jj++)
#line 55 "templates/attn_f32.ct"
            {
#line 57 "templates/attn_f32.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 60 "templates/attn_f32.ct"
              const float *k0 = Kb + (ptrdiff_t)(jj + 0) * t->k_rs;
#line 62 "templates/attn_f32.ct"
              for (int c = 0; c < d; c += 16) {
#line 64 "templates/attn_f32.ct"
                const __m512 b0 = _mm512_loadu_ps(k0 + c);
#line 67 "templates/attn_f32.ct"
                {
                  const __m512 a = _mm512_loadu_ps(qp + 0 * 32 + c);
#line 70 "templates/attn_f32.ct"
                  c0_0 = _mm512_fmadd_ps(a, b0, c0_0);
#line 72 "templates/attn_f32.ct"
                }
#line 74 "templates/attn_f32.ct"
              }
#line 76 "templates/attn_f32.ct"
              sp[0 + jj + 0] = _mm512_reduce_add_ps(c0_0);
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
            __m512 mx = _mm512_set1_ps(-INFINITY);
            for (int j = 0; j < nkvp; j += 16) mx = _mm512_max_ps(mx, _mm512_loadu_ps(s + j));
            const float mold = Mh[r], tmax = _mm512_reduce_max_ps(mx);
            const float mnew = tmax > mold ? tmax : mold;
            if (mnew == -INFINITY) { /* nothing visible yet: P = 0, O stays 0 */
              Ah[r] = 1.0f;
              for (int j = 0; j < nkv; j++) s[j] = 0.0f;
              continue;
            }
            const __m512 mv = _mm512_set1_ps(mnew);
            __m512 sum = _mm512_setzero_ps();
            for (int j = 0; j < nkvp; j += 16) {
              const __m512 p = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(s + j), mv));
              _mm512_storeu_ps(s + j, p);
              sum = _mm512_add_ps(sum, p);
            }
            const float alpha = exp2f(mold - mnew);
            Ah[r] = alpha;
            Lh[r] = Lh[r] * alpha + _mm512_reduce_add_ps(sum);
            Mh[r] = mnew;
          }
          r0 = 0;
          for (; r0 + 6 <= mq; r0 += 6) {
#line 112 "templates/attn_f32.ct"
            for (int cv = 0; cv < 32; cv += 32)
#line 82 "templates/attn_f32.ct"
            {
#line 84 "templates/attn_f32.ct"
              const __m512 al0 = _mm512_set1_ps(Ah[r0 + 0]);
#line 86 "templates/attn_f32.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 0), al0);
#line 86 "templates/attn_f32.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 16), al0);
#line 84 "templates/attn_f32.ct"
              const __m512 al1 = _mm512_set1_ps(Ah[r0 + 1]);
#line 86 "templates/attn_f32.ct"
              __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 1) * 32 + cv + 0), al1);
#line 86 "templates/attn_f32.ct"
              __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 1) * 32 + cv + 16), al1);
#line 84 "templates/attn_f32.ct"
              const __m512 al2 = _mm512_set1_ps(Ah[r0 + 2]);
#line 86 "templates/attn_f32.ct"
              __m512 o2_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 2) * 32 + cv + 0), al2);
#line 86 "templates/attn_f32.ct"
              __m512 o2_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 2) * 32 + cv + 16), al2);
#line 84 "templates/attn_f32.ct"
              const __m512 al3 = _mm512_set1_ps(Ah[r0 + 3]);
#line 86 "templates/attn_f32.ct"
              __m512 o3_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 3) * 32 + cv + 0), al3);
#line 86 "templates/attn_f32.ct"
              __m512 o3_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 3) * 32 + cv + 16), al3);
#line 84 "templates/attn_f32.ct"
              const __m512 al4 = _mm512_set1_ps(Ah[r0 + 4]);
#line 86 "templates/attn_f32.ct"
              __m512 o4_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 4) * 32 + cv + 0), al4);
#line 86 "templates/attn_f32.ct"
              __m512 o4_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 4) * 32 + cv + 16), al4);
#line 84 "templates/attn_f32.ct"
              const __m512 al5 = _mm512_set1_ps(Ah[r0 + 5]);
#line 86 "templates/attn_f32.ct"
              __m512 o5_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 5) * 32 + cv + 0), al5);
#line 86 "templates/attn_f32.ct"
              __m512 o5_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 5) * 32 + cv + 16), al5);
#line 89 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 92 "templates/attn_f32.ct"
                const __m512 v0 = _mm512_loadu_ps(vj + 0);
#line 92 "templates/attn_f32.ct"
                const __m512 v1 = _mm512_loadu_ps(vj + 16);
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 0) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o0_0 = _mm512_fmadd_ps(p, v0, o0_0);
#line 98 "templates/attn_f32.ct"
                  o0_1 = _mm512_fmadd_ps(p, v1, o0_1);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 1) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o1_0 = _mm512_fmadd_ps(p, v0, o1_0);
#line 98 "templates/attn_f32.ct"
                  o1_1 = _mm512_fmadd_ps(p, v1, o1_1);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 2) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o2_0 = _mm512_fmadd_ps(p, v0, o2_0);
#line 98 "templates/attn_f32.ct"
                  o2_1 = _mm512_fmadd_ps(p, v1, o2_1);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 3) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o3_0 = _mm512_fmadd_ps(p, v0, o3_0);
#line 98 "templates/attn_f32.ct"
                  o3_1 = _mm512_fmadd_ps(p, v1, o3_1);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 4) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o4_0 = _mm512_fmadd_ps(p, v0, o4_0);
#line 98 "templates/attn_f32.ct"
                  o4_1 = _mm512_fmadd_ps(p, v1, o4_1);
#line 100 "templates/attn_f32.ct"
                }
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 5) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o5_0 = _mm512_fmadd_ps(p, v0, o5_0);
#line 98 "templates/attn_f32.ct"
                  o5_1 = _mm512_fmadd_ps(p, v1, o5_1);
#line 100 "templates/attn_f32.ct"
                }
#line 102 "templates/attn_f32.ct"
              }
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 0, o0_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 16, o0_1);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 1) * 32 + cv + 0, o1_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 1) * 32 + cv + 16, o1_1);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 2) * 32 + cv + 0, o2_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 2) * 32 + cv + 16, o2_1);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 3) * 32 + cv + 0, o3_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 3) * 32 + cv + 16, o3_1);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 4) * 32 + cv + 0, o4_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 4) * 32 + cv + 16, o4_1);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 5) * 32 + cv + 0, o5_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 5) * 32 + cv + 16, o5_1);
#line 106 "templates/attn_f32.ct"
            }
#line 254 "templates/attn_f32.ct"
          }
          for (; r0 < mq; r0++) {
#line 112 "templates/attn_f32.ct"
            for (int cv = 0; cv < 32; cv += 32)
#line 82 "templates/attn_f32.ct"
            {
#line 84 "templates/attn_f32.ct"
              const __m512 al0 = _mm512_set1_ps(Ah[r0 + 0]);
#line 86 "templates/attn_f32.ct"
              __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 0), al0);
#line 86 "templates/attn_f32.ct"
              __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 16), al0);
#line 89 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 92 "templates/attn_f32.ct"
                const __m512 v0 = _mm512_loadu_ps(vj + 0);
#line 92 "templates/attn_f32.ct"
                const __m512 v1 = _mm512_loadu_ps(vj + 16);
#line 95 "templates/attn_f32.ct"
                {
                  const __m512 p = _mm512_set1_ps(Sh[(size_t)(r0 + 0) * 128 + j]);
#line 98 "templates/attn_f32.ct"
                  o0_0 = _mm512_fmadd_ps(p, v0, o0_0);
#line 98 "templates/attn_f32.ct"
                  o0_1 = _mm512_fmadd_ps(p, v1, o0_1);
#line 100 "templates/attn_f32.ct"
                }
#line 102 "templates/attn_f32.ct"
              }
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 0, o0_0);
#line 104 "templates/attn_f32.ct"
              _mm512_storeu_ps(Oh + (size_t)(r0 + 0) * 32 + cv + 16, o0_1);
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
          const __m512 iv = _mm512_set1_ps(inv);
          const float *oa = Oa + (size_t)row * 32;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          int c = 0;
          for (; c + 16 <= d; c += 16) _mm512_storeu_ps(orow + c, _mm512_mul_ps(_mm512_loadu_ps(oa + c), iv));
#line 273 "templates/attn_f32.ct"
          (void)c;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx512_d32_g1_q16_k128_r1x8_dot = {
  "attn_f32_avx512_d32_g1_q16_k128_r1x8_dot", MHA__ISA_AVX512, 32, 1, 16, 128, 1, 8, 16, mha__attn_f32_avx512_d32_g1_q16_k128_r1x8_dot, mha__ws_attn_f32_avx512_d32_g1_q16_k128_r1x8_dot
};
