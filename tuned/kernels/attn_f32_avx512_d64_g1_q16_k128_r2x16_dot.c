/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_f32_dot.ct: attn_f32_avx512_d64_g1_q16_k128_r2x16_dot
 * isa=avx512 d=64 g=1 qt=16 kt=128 rm=2 rn=16 kf=dot rp=2 cv=4 kv=f32 */
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
#line 26 "templates/attn_f32_dot.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): scaled Q rows, S/P rows, unnormalised O rows,
 * running max, sum and rescale per row; G * QT rows at most. */
static size_t mha__ws_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot(int d_) {
  (void)d_;
  return 2 * A16(1024) + A16(2048) + 3 * A16(16);
}

#line 108 "templates/attn_f32_dot.ct"

__attribute__((target("avx512f,avx512dq,avx2,fma,f16c"))) MHA__HIDDEN void mha__attn_f32_avx512_d64_g1_q16_k128_r2x16_dot(const mha__task *t) {
  enum { d = 64 };
  float *const Qs = t->ws;                        /* [rows][d] queries * scale * log2(e) */
  float *const S = Qs + A16(1024);       /* [rows][KT] scores, then probabilities */
  float *const Oa = S + A16(2048);      /* [rows][d] output before 1/sum */
  float *const M = Oa + A16(1024);       /* running max, base 2 */
  float *const Ls = M + A16(16);           /* running sum */
  float *const Al = Ls + A16(16);          /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  const ptrdiff_t krs = t->k_rs, vrs = t->v_rs; /* bytes */
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 16) {
      const int mq = nq - i0 < 16 ? nq - i0 : 16, rows = 1 * mq;
      /* Causal: keys past the last row's diagonal are never read. */
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qs = Qs + (size_t)(hh * mq + r) * d;
          for (int c = 0; c < d; c += 16)
            _mm512_storeu_ps(qs + c, _mm512_mul_ps(_mm512_loadu_ps(qr + c), _mm512_set1_ps(qscale)));
        }
      for (int r = 0; r < rows; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Oa, 0, sizeof(float) * (size_t)rows * d);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128;
        const int nkvp = (nkv + 15) / 16 * 16;
        const unsigned char *const Kb = (const unsigned char *)t->k + (ptrdiff_t)j0 * krs;
        const unsigned char *const Vb = (const unsigned char *)t->v + (ptrdiff_t)j0 * vrs;
        /* S = Q K^T, L keys a block; the block's K rows stay in L1 across the rows. RM rows
         * take L / RM keys at a time: each K load feeds RM rows, and one tree sums all RM x
         * L / RM dot products. Rows left over take the block's L keys alone. */
        int jj = 0;
        for (; jj + 16 <= nkv; jj += 16) {
          const unsigned char *kb = Kb + (ptrdiff_t)jj * krs;
          int r = 0;
#line 157 "templates/attn_f32_dot.ct"
          for (; r + 2 <= rows; r += 2) {
            const float *qp = Qs + (size_t)r * d;
            for (int n0 = 0; n0 < 16; n0 += 8) {
              const unsigned char *kn = kb + (ptrdiff_t)n0 * krs;
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_0 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_1 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_2 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_3 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_4 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_5 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_6 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c0_7 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_0 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_1 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_2 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_3 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_4 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_5 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_6 = _mm512_setzero_ps();
#line 162 "templates/attn_f32_dot.ct"
              __m512 c1_7 = _mm512_setzero_ps();
#line 164 "templates/attn_f32_dot.ct"
              for (int c = 0; c < d; c += 16) {
#line 166 "templates/attn_f32_dot.ct"
                const __m512 a0 = _mm512_loadu_ps(qp + 0 * d + c);
#line 166 "templates/attn_f32_dot.ct"
                const __m512 a1 = _mm512_loadu_ps(qp + 1 * d + c);
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 0 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 128 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_0 = _mm512_fmadd_ps(a0, b, c0_0);
#line 173 "templates/attn_f32_dot.ct"
                  c1_0 = _mm512_fmadd_ps(a1, b, c1_0);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 1 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 129 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_1 = _mm512_fmadd_ps(a0, b, c0_1);
#line 173 "templates/attn_f32_dot.ct"
                  c1_1 = _mm512_fmadd_ps(a1, b, c1_1);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 2 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 130 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_2 = _mm512_fmadd_ps(a0, b, c0_2);
#line 173 "templates/attn_f32_dot.ct"
                  c1_2 = _mm512_fmadd_ps(a1, b, c1_2);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 3 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 131 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_3 = _mm512_fmadd_ps(a0, b, c0_3);
#line 173 "templates/attn_f32_dot.ct"
                  c1_3 = _mm512_fmadd_ps(a1, b, c1_3);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 4 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 132 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_4 = _mm512_fmadd_ps(a0, b, c0_4);
#line 173 "templates/attn_f32_dot.ct"
                  c1_4 = _mm512_fmadd_ps(a1, b, c1_4);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 5 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 133 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_5 = _mm512_fmadd_ps(a0, b, c0_5);
#line 173 "templates/attn_f32_dot.ct"
                  c1_5 = _mm512_fmadd_ps(a1, b, c1_5);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 6 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 134 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_6 = _mm512_fmadd_ps(a0, b, c0_6);
#line 173 "templates/attn_f32_dot.ct"
                  c1_6 = _mm512_fmadd_ps(a1, b, c1_6);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 169 "templates/attn_f32_dot.ct"
                {
                  const __m512 b = _mm512_loadu_ps((const float *)(kn + 7 * krs) + (c));
                  _mm_prefetch((const char *)(kn + 135 * krs + ((size_t)(c) * 4)), _MM_HINT_T0);
#line 173 "templates/attn_f32_dot.ct"
                  c0_7 = _mm512_fmadd_ps(a0, b, c0_7);
#line 173 "templates/attn_f32_dot.ct"
                  c1_7 = _mm512_fmadd_ps(a1, b, c1_7);
#line 175 "templates/attn_f32_dot.ct"
                }
#line 177 "templates/attn_f32_dot.ct"
              }
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a0 = _mm512_add_ps(_mm512_unpacklo_ps(c0_0, c0_1), _mm512_unpackhi_ps(c0_0, c0_1));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a1 = _mm512_add_ps(_mm512_unpacklo_ps(c0_2, c0_3), _mm512_unpackhi_ps(c0_2, c0_3));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a2 = _mm512_add_ps(_mm512_unpacklo_ps(c0_4, c0_5), _mm512_unpackhi_ps(c0_4, c0_5));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a3 = _mm512_add_ps(_mm512_unpacklo_ps(c0_6, c0_7), _mm512_unpackhi_ps(c0_6, c0_7));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a4 = _mm512_add_ps(_mm512_unpacklo_ps(c1_0, c1_1), _mm512_unpackhi_ps(c1_0, c1_1));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a5 = _mm512_add_ps(_mm512_unpacklo_ps(c1_2, c1_3), _mm512_unpackhi_ps(c1_2, c1_3));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a6 = _mm512_add_ps(_mm512_unpacklo_ps(c1_4, c1_5), _mm512_unpackhi_ps(c1_4, c1_5));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_a7 = _mm512_add_ps(_mm512_unpacklo_ps(c1_6, c1_7), _mm512_unpackhi_ps(c1_6, c1_7));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_b0 = _mm512_add_ps(_mm512_shuffle_ps(sv_a0, sv_a1, 0x44), _mm512_shuffle_ps(sv_a0, sv_a1, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_b1 = _mm512_add_ps(_mm512_shuffle_ps(sv_a2, sv_a3, 0x44), _mm512_shuffle_ps(sv_a2, sv_a3, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_b2 = _mm512_add_ps(_mm512_shuffle_ps(sv_a4, sv_a5, 0x44), _mm512_shuffle_ps(sv_a4, sv_a5, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_b3 = _mm512_add_ps(_mm512_shuffle_ps(sv_a6, sv_a7, 0x44), _mm512_shuffle_ps(sv_a6, sv_a7, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_c0 = _mm512_add_ps(_mm512_shuffle_f32x4(sv_b0, sv_b1, 0x44), _mm512_shuffle_f32x4(sv_b0, sv_b1, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv_c1 = _mm512_add_ps(_mm512_shuffle_f32x4(sv_b2, sv_b3, 0x44), _mm512_shuffle_f32x4(sv_b2, sv_b3, 0xEE));
#line 179 "templates/attn_f32_dot.ct"
              const __m512 sv = _mm512_add_ps(_mm512_shuffle_f32x4(sv_c0, sv_c1, 0x88), _mm512_shuffle_f32x4(sv_c0, sv_c1, 0xDD));
#line 182 "templates/attn_f32_dot.ct"
              _mm512_mask_storeu_ps((S + (size_t)(r + 0) * 128 + jj + n0) - 0, (__mmask16)0xFF, sv);
#line 182 "templates/attn_f32_dot.ct"
              _mm512_mask_storeu_ps((S + (size_t)(r + 1) * 128 + jj + n0) - 8, (__mmask16)0xFF00, sv);
#line 184 "templates/attn_f32_dot.ct"
            }
          }
#line 187 "templates/attn_f32_dot.ct"
          for (; r < rows; r++) {
            const float *qp = Qs + (size_t)r * d;
#line 192 "templates/attn_f32_dot.ct"
            __m512 c0 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c1 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c2 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c3 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c4 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c5 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c6 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c7 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c8 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c9 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c10 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c11 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c12 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c13 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c14 = _mm512_setzero_ps();
#line 192 "templates/attn_f32_dot.ct"
            __m512 c15 = _mm512_setzero_ps();
#line 194 "templates/attn_f32_dot.ct"
            for (int c = 0; c < d; c += 16) {
              const __m512 a = _mm512_loadu_ps(qp + c);
#line 197 "templates/attn_f32_dot.ct"
              c0 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 0 * krs) + (c)), c0);
#line 197 "templates/attn_f32_dot.ct"
              c1 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 1 * krs) + (c)), c1);
#line 197 "templates/attn_f32_dot.ct"
              c2 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 2 * krs) + (c)), c2);
#line 197 "templates/attn_f32_dot.ct"
              c3 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 3 * krs) + (c)), c3);
#line 197 "templates/attn_f32_dot.ct"
              c4 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 4 * krs) + (c)), c4);
#line 197 "templates/attn_f32_dot.ct"
              c5 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 5 * krs) + (c)), c5);
#line 197 "templates/attn_f32_dot.ct"
              c6 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 6 * krs) + (c)), c6);
#line 197 "templates/attn_f32_dot.ct"
              c7 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 7 * krs) + (c)), c7);
#line 197 "templates/attn_f32_dot.ct"
              c8 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 8 * krs) + (c)), c8);
#line 197 "templates/attn_f32_dot.ct"
              c9 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 9 * krs) + (c)), c9);
#line 197 "templates/attn_f32_dot.ct"
              c10 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 10 * krs) + (c)), c10);
#line 197 "templates/attn_f32_dot.ct"
              c11 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 11 * krs) + (c)), c11);
#line 197 "templates/attn_f32_dot.ct"
              c12 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 12 * krs) + (c)), c12);
#line 197 "templates/attn_f32_dot.ct"
              c13 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 13 * krs) + (c)), c13);
#line 197 "templates/attn_f32_dot.ct"
              c14 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 14 * krs) + (c)), c14);
#line 197 "templates/attn_f32_dot.ct"
              c15 = _mm512_fmadd_ps(a, _mm512_loadu_ps((const float *)(kb + 15 * krs) + (c)), c15);
#line 199 "templates/attn_f32_dot.ct"
            }
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a0 = _mm512_add_ps(_mm512_unpacklo_ps(c0, c1), _mm512_unpackhi_ps(c0, c1));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a1 = _mm512_add_ps(_mm512_unpacklo_ps(c2, c3), _mm512_unpackhi_ps(c2, c3));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a2 = _mm512_add_ps(_mm512_unpacklo_ps(c4, c5), _mm512_unpackhi_ps(c4, c5));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a3 = _mm512_add_ps(_mm512_unpacklo_ps(c6, c7), _mm512_unpackhi_ps(c6, c7));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a4 = _mm512_add_ps(_mm512_unpacklo_ps(c8, c9), _mm512_unpackhi_ps(c8, c9));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a5 = _mm512_add_ps(_mm512_unpacklo_ps(c10, c11), _mm512_unpackhi_ps(c10, c11));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a6 = _mm512_add_ps(_mm512_unpacklo_ps(c12, c13), _mm512_unpackhi_ps(c12, c13));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_a7 = _mm512_add_ps(_mm512_unpacklo_ps(c14, c15), _mm512_unpackhi_ps(c14, c15));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_b0 = _mm512_add_ps(_mm512_shuffle_ps(sv_a0, sv_a1, 0x44), _mm512_shuffle_ps(sv_a0, sv_a1, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_b1 = _mm512_add_ps(_mm512_shuffle_ps(sv_a2, sv_a3, 0x44), _mm512_shuffle_ps(sv_a2, sv_a3, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_b2 = _mm512_add_ps(_mm512_shuffle_ps(sv_a4, sv_a5, 0x44), _mm512_shuffle_ps(sv_a4, sv_a5, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_b3 = _mm512_add_ps(_mm512_shuffle_ps(sv_a6, sv_a7, 0x44), _mm512_shuffle_ps(sv_a6, sv_a7, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_c0 = _mm512_add_ps(_mm512_shuffle_f32x4(sv_b0, sv_b1, 0x44), _mm512_shuffle_f32x4(sv_b0, sv_b1, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv_c1 = _mm512_add_ps(_mm512_shuffle_f32x4(sv_b2, sv_b3, 0x44), _mm512_shuffle_f32x4(sv_b2, sv_b3, 0xEE));
#line 201 "templates/attn_f32_dot.ct"
            const __m512 sv = _mm512_add_ps(_mm512_shuffle_f32x4(sv_c0, sv_c1, 0x88), _mm512_shuffle_f32x4(sv_c0, sv_c1, 0xDD));
#line 203 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(S + (size_t)r * 128 + jj, sv);
          }
        }
        for (; jj < nkv; jj++) { /* the last keys of the tile, one at a time */
          const unsigned char *kr = Kb + (ptrdiff_t)jj * krs;
          for (int r = 0; r < rows; r++) {
            const float *qp = Qs + (size_t)r * d;
            __m512 c = _mm512_setzero_ps();
            for (int c0 = 0; c0 < d; c0 += 16) c = _mm512_fmadd_ps(_mm512_loadu_ps(qp + c0), _mm512_loadu_ps((const float *)(kr) + (c0)), c);
            S[(size_t)r * 128 + jj] = _mm512_reduce_add_ps(c);
          }
        }
        /* Online softmax in base 2, row by row: the 0.2 score step, mask, max, P = 2^(S - max), sum, rescale. */
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int r = 0; r < rows; r++) {
          float *s = S + (size_t)r * 128;
#line 220 "templates/attn_f32_dot.ct"
          if (feat) {
#line 220 "templates/attn_f32_dot.ct"
            const long p_ = (long)i0 + r % mq + t->diag;
#line 220 "templates/attn_f32_dot.ct"
            if (t->softcap > 0.0f) {
#line 220 "templates/attn_f32_dot.ct"
              const __m512 k_ = _mm512_set1_ps(2.0f / t->softcap), cl_ = _mm512_set1_ps(t->softcap * 1.44269504088896341f);
#line 220 "templates/attn_f32_dot.ct"
              for (int j = 0; j < nkvp; j += 16) _mm512_storeu_ps(s + j, _mm512_mul_ps(cl_, _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(_mm512_set1_ps(1.0f), mha__exp2_avx512(_mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_loadu_ps(s + j), k_), _mm512_set1_ps(-64.0f)), _mm512_set1_ps(64.0f))))))));
#line 220 "templates/attn_f32_dot.ct"
            }
#line 220 "templates/attn_f32_dot.ct"
            if (t->alibi) {
#line 220 "templates/attn_f32_dot.ct"
              const __m512 sl_ = _mm512_set1_ps(t->alibi[h0 + r / mq] * 1.44269504088896341f), st_ = _mm512_set1_ps(16.0f);
#line 220 "templates/attn_f32_dot.ct"
              __m512 jv_ = _mm512_add_ps(_mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), _mm512_set1_ps((float)(j0 - p_)));
#line 220 "templates/attn_f32_dot.ct"
              for (int j = 0; j < nkvp; j += 16, jv_ = _mm512_add_ps(jv_, st_)) _mm512_storeu_ps(s + j, _mm512_fmadd_ps(sl_, jv_, _mm512_loadu_ps(s + j)));
#line 220 "templates/attn_f32_dot.ct"
            }
#line 220 "templates/attn_f32_dot.ct"
            if (t->window)
#line 220 "templates/attn_f32_dot.ct"
              for (long j = 0; j < p_ - t->window + 1 - j0 && j < nkv; j++) s[j] = -INFINITY;
#line 220 "templates/attn_f32_dot.ct"
          }
#line 222 "templates/attn_f32_dot.ct"
          int vis = nkv;
          if (masked) {
            long v = (long)i0 + r % mq + t->diag - j0 + 1;
            vis = v < 0 ? 0 : (v < nkv ? (int)v : nkv);
          }
          for (int j = vis; j < nkvp; j++) s[j] = -INFINITY;
          __m512 mx = _mm512_set1_ps(-INFINITY);
          for (int j = 0; j < nkvp; j += 16) mx = _mm512_max_ps(mx, _mm512_loadu_ps(s + j));
          const float mold = M[r], tmax = _mm512_reduce_max_ps(mx);
          const float mnew = tmax > mold ? tmax : mold;
          if (mnew == -INFINITY) { /* nothing visible yet: P = 0, O stays 0 */
            Al[r] = 1.0f;
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
          Al[r] = alpha;
          Ls[r] = Ls[r] * alpha + _mm512_reduce_add_ps(sum);
          M[r] = mnew;
        }
        /* O = O * alpha + P V: RM rows share each V load, a lone row takes two keys a step. */
        int r0 = 0;
        for (; r0 + 2 <= rows; r0 += 2) {
#line 41 "templates/attn_f32_dot.ct"
          {
#line 43 "templates/attn_f32_dot.ct"
            const __m512 al0 = _mm512_set1_ps(Al[r0 + 0]);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o0_0 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 0), al0);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o0_1 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 16), al0);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o0_2 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 32), al0);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o0_3 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 48), al0);
#line 43 "templates/attn_f32_dot.ct"
            const __m512 al1 = _mm512_set1_ps(Al[r0 + 1]);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o1_0 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 0), al1);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o1_1 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 16), al1);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o1_2 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 32), al1);
#line 45 "templates/attn_f32_dot.ct"
            __m512 o1_3 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 48), al1);
#line 48 "templates/attn_f32_dot.ct"
            const unsigned char *vj = Vb;
            for (int j = 0; j < nkv; j++, vj += vrs) {
#line 51 "templates/attn_f32_dot.ct"
              const __m512 v0 = _mm512_loadu_ps((const float *)(vj) + (0 + 0));
              _mm_prefetch((const char *)(vj + 128 * vrs + ((size_t)(0 + 0) * 4)), _MM_HINT_T0);
#line 51 "templates/attn_f32_dot.ct"
              const __m512 v1 = _mm512_loadu_ps((const float *)(vj) + (0 + 16));
              _mm_prefetch((const char *)(vj + 128 * vrs + ((size_t)(0 + 16) * 4)), _MM_HINT_T0);
#line 51 "templates/attn_f32_dot.ct"
              const __m512 v2 = _mm512_loadu_ps((const float *)(vj) + (0 + 32));
              _mm_prefetch((const char *)(vj + 128 * vrs + ((size_t)(0 + 32) * 4)), _MM_HINT_T0);
#line 51 "templates/attn_f32_dot.ct"
              const __m512 v3 = _mm512_loadu_ps((const float *)(vj) + (0 + 48));
              _mm_prefetch((const char *)(vj + 128 * vrs + ((size_t)(0 + 48) * 4)), _MM_HINT_T0);
#line 55 "templates/attn_f32_dot.ct"
              {
                const __m512 p = _mm512_set1_ps(S[(size_t)(r0 + 0) * 128 + j]);
#line 58 "templates/attn_f32_dot.ct"
                o0_0 = _mm512_fmadd_ps(p, v0, o0_0);
#line 58 "templates/attn_f32_dot.ct"
                o0_1 = _mm512_fmadd_ps(p, v1, o0_1);
#line 58 "templates/attn_f32_dot.ct"
                o0_2 = _mm512_fmadd_ps(p, v2, o0_2);
#line 58 "templates/attn_f32_dot.ct"
                o0_3 = _mm512_fmadd_ps(p, v3, o0_3);
#line 60 "templates/attn_f32_dot.ct"
              }
#line 55 "templates/attn_f32_dot.ct"
              {
                const __m512 p = _mm512_set1_ps(S[(size_t)(r0 + 1) * 128 + j]);
#line 58 "templates/attn_f32_dot.ct"
                o1_0 = _mm512_fmadd_ps(p, v0, o1_0);
#line 58 "templates/attn_f32_dot.ct"
                o1_1 = _mm512_fmadd_ps(p, v1, o1_1);
#line 58 "templates/attn_f32_dot.ct"
                o1_2 = _mm512_fmadd_ps(p, v2, o1_2);
#line 58 "templates/attn_f32_dot.ct"
                o1_3 = _mm512_fmadd_ps(p, v3, o1_3);
#line 60 "templates/attn_f32_dot.ct"
              }
#line 62 "templates/attn_f32_dot.ct"
            }
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 0, o0_0);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 16, o0_1);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 32, o0_2);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 0) * d + 0 + 48, o0_3);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 0, o1_0);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 16, o1_1);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 32, o1_2);
#line 64 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)(r0 + 1) * d + 0 + 48, o1_3);
#line 66 "templates/attn_f32_dot.ct"
          }
#line 253 "templates/attn_f32_dot.ct"
        }
        for (; r0 < rows; r0++) {
#line 70 "templates/attn_f32_dot.ct"
          {
            const __m512 al = _mm512_set1_ps(Al[r0]);
            const float *pr = S + (size_t)r0 * 128;
#line 74 "templates/attn_f32_dot.ct"
            __m512 o0 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)r0 * d + 0 + 0), al);
            __m512 e0 = _mm512_setzero_ps();
#line 74 "templates/attn_f32_dot.ct"
            __m512 o1 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)r0 * d + 0 + 16), al);
            __m512 e1 = _mm512_setzero_ps();
#line 74 "templates/attn_f32_dot.ct"
            __m512 o2 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)r0 * d + 0 + 32), al);
            __m512 e2 = _mm512_setzero_ps();
#line 74 "templates/attn_f32_dot.ct"
            __m512 o3 = _mm512_mul_ps(_mm512_loadu_ps(Oa + (size_t)r0 * d + 0 + 48), al);
            __m512 e3 = _mm512_setzero_ps();
#line 77 "templates/attn_f32_dot.ct"
            const unsigned char *vj = Vb;
            int j = 0;
            for (; j + 2 <= nkv; j += 2, vj += 2 * vrs) {
              const __m512 p0 = _mm512_set1_ps(pr[j]), p1 = _mm512_set1_ps(pr[j + 1]);
#line 82 "templates/attn_f32_dot.ct"
              o0 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 0)), o0);
              e0 = _mm512_fmadd_ps(p1, _mm512_loadu_ps((const float *)(vj + vrs) + (0 + 0)), e0);
#line 82 "templates/attn_f32_dot.ct"
              o1 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 16)), o1);
              e1 = _mm512_fmadd_ps(p1, _mm512_loadu_ps((const float *)(vj + vrs) + (0 + 16)), e1);
#line 82 "templates/attn_f32_dot.ct"
              o2 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 32)), o2);
              e2 = _mm512_fmadd_ps(p1, _mm512_loadu_ps((const float *)(vj + vrs) + (0 + 32)), e2);
#line 82 "templates/attn_f32_dot.ct"
              o3 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 48)), o3);
              e3 = _mm512_fmadd_ps(p1, _mm512_loadu_ps((const float *)(vj + vrs) + (0 + 48)), e3);
#line 85 "templates/attn_f32_dot.ct"
            }
            if (j < nkv) {
              const __m512 p0 = _mm512_set1_ps(pr[j]);
#line 89 "templates/attn_f32_dot.ct"
              o0 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 0)), o0);
#line 89 "templates/attn_f32_dot.ct"
              o1 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 16)), o1);
#line 89 "templates/attn_f32_dot.ct"
              o2 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 32)), o2);
#line 89 "templates/attn_f32_dot.ct"
              o3 = _mm512_fmadd_ps(p0, _mm512_loadu_ps((const float *)(vj) + (0 + 48)), o3);
#line 91 "templates/attn_f32_dot.ct"
            }
#line 93 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)r0 * d + 0 + 0, _mm512_add_ps(o0, e0));
#line 93 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)r0 * d + 0 + 16, _mm512_add_ps(o1, e1));
#line 93 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)r0 * d + 0 + 32, _mm512_add_ps(o2, e2));
#line 93 "templates/attn_f32_dot.ct"
            _mm512_storeu_ps(Oa + (size_t)r0 * d + 0 + 48, _mm512_add_ps(o3, e3));
#line 95 "templates/attn_f32_dot.ct"
          }
#line 256 "templates/attn_f32_dot.ct"
        }
      }
      /* O / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int r = 0; r < rows; r++) {
        const int hh = r / mq, ri = r % mq;
        const float l = Ls[r], inv = l > 0.0f ? 1.0f / l : 0.0f;
        const __m512 iv = _mm512_set1_ps(inv);
        const float *oa = Oa + (size_t)r * d;
        float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + ri) * t->o_rs;
        for (int c = 0; c < d; c += 16) _mm512_storeu_ps(orow + c, _mm512_mul_ps(_mm512_loadu_ps(oa + c), iv));
        if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + ri] = l > 0.0f ? M[r] + log2f(l) : -INFINITY;
      }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot = {
  "attn_f32_avx512_d64_g1_q16_k128_r2x16_dot", MHA__ISA_AVX512, 64, 1, 16, 128, 2, 16, 16, mha__attn_f32_avx512_d64_g1_q16_k128_r2x16_dot, mha__ws_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot, MHA__KV_F32, MHA__KV_F32, 0
};
