/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_bf16_amx.ct: attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx
 * isa=avx512 d=96 g=1 qt=64 kt=128 rm=2 rn=2 kf=amx rp=2 cv=2 kv=bf16 */
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
/* LDTILECFG's operand: palette 1, tiles 0-7 of 16 rows x 64 bytes. */
typedef struct mha__amx_cfg_t {
  uint8_t palette, start_row, reserved[14];
  uint16_t colsb[16];
  uint8_t rows[16];
} mha__amx_cfg_t;
static const mha__amx_cfg_t mha__amx_cfg __attribute__((aligned(64), unused)) = {
    1, 0, {0}, {64, 64, 64, 64, 64, 64, 64, 64}, {16, 16, 16, 16, 16, 16, 16, 16}};
#line 11 "templates/attn_bf16_amx.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, 64-byte aligned parts): Q rows [G][QT][d] bf16, K^T pairs [d/2][KT],
 * V pairs [KT/2][d], S [QT][KT], P [QT][KT] bf16, T [QT][d], O [G][QT][d], and per row the
 * running max, sum and this key tile's rescale. */
static size_t mha__ws_attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx(int d_) {
  const size_t d = 96;
  (void)d_;
  return A16(64 * d / 2) + 2 * A16(128 * d / 2) + A16(8192) + A16(4096) +
         A16(64 * d) + A16(64 * d) + 3 * A16(64);
}

__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16,avx2,fma,f16c,amx-tile,amx-bf16"))) MHA__HIDDEN void mha__attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx(const mha__task *t) {
  enum { d = 96 };
  uint16_t *const Qw = (uint16_t *)(void *)t->ws;                          /* [G][QT][d] */
  uint32_t *const Kp = (uint32_t *)(void *)(t->ws + A16(64 * d / 2)); /* [d/2][KT] */
  uint32_t *const Vp = Kp + A16(128 * d / 2);                             /* [KT/2][d] */
  float *const S = (float *)(void *)(Vp + A16(128 * d / 2));              /* [QT][KT] */
  uint16_t *const P = (uint16_t *)(void *)(S + A16(8192));            /* [QT][KT] */
  float *const T = S + A16(8192) + A16(4096);              /* [QT][d] */
  float *const Ot = T + A16(64 * d);                                     /* [G][QT][d] */
  float *const M = Ot + A16(64 * d);                                 /* running max, base 2 */
  float *const Ls = M + A16(64);                                     /* running sum */
  float *const Al = Ls + A16(64);                                    /* this tile's rescale */
  const float qscale = t->scale * 1.44269504088896341f;
  const __m512 qs = _mm512_set1_ps(qscale);
  const uint16_t *const q16 = (const uint16_t *)(const void *)t->q; /* bf16; strides in elements */
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  _tile_loadconfig(&mha__amx_cfg);
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 64) {
      const int mq = nq - i0 < 64 ? nq - i0 : 64, mq32 = (mq + 31) & ~31;
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < 64; r++) {
          uint16_t *qw = Qw + ((size_t)hh * 64 + r) * d;
          if (r < mq)
            memcpy(qw, q16 + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs, 2 * (size_t)d);
          else
            memset(qw, 0, 2 * (size_t)d);
        }
      for (int r = 0; r < 64; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Ot, 0, sizeof(float) * 64 * (size_t)d);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 128) {
        const int nkv = kend - j0 < 128 ? (int)(kend - j0) : 128, nkvp = (nkv + 31) & ~31;
        const uint16_t *Kb = (const uint16_t *)(const void *)((const unsigned char *)t->k + (ptrdiff_t)j0 * t->k_rs);
        const ptrdiff_t krs = t->k_rs / 2;
        /* K^T in pairs of d: 16 keys x 16 pairs transposed in registers; keys past nkv zero. */
        for (int n0 = 0; n0 < nkvp; n0 += 16) {
          if (n0 + 16 <= nkv) {
            for (int c0 = 0; c0 < d / 2; c0 += 16) {
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a0 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 0) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a1 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 1) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a2 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 2) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a3 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 3) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a4 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 4) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a5 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 5) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a6 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 6) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a7 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 7) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a8 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 8) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a9 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 9) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a10 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 10) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a11 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 11) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a12 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 12) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a13 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 13) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a14 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 14) * krs + 2 * c0)));
#line 75 "templates/attn_bf16_amx.ct"
              const __m512 a15 = _mm512_castsi512_ps(_mm512_loadu_si512((const void *)(Kb + (ptrdiff_t)(n0 + 15) * krs + 2 * c0)));
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t0 = _mm512_unpacklo_ps(a0, a1);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t1 = _mm512_unpackhi_ps(a0, a1);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t2 = _mm512_unpacklo_ps(a2, a3);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t3 = _mm512_unpackhi_ps(a2, a3);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t4 = _mm512_unpacklo_ps(a4, a5);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t5 = _mm512_unpackhi_ps(a4, a5);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t6 = _mm512_unpacklo_ps(a6, a7);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t7 = _mm512_unpackhi_ps(a6, a7);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t8 = _mm512_unpacklo_ps(a8, a9);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t9 = _mm512_unpackhi_ps(a8, a9);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t10 = _mm512_unpacklo_ps(a10, a11);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t11 = _mm512_unpackhi_ps(a10, a11);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t12 = _mm512_unpacklo_ps(a12, a13);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t13 = _mm512_unpackhi_ps(a12, a13);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t14 = _mm512_unpacklo_ps(a14, a15);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_t15 = _mm512_unpackhi_ps(a14, a15);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u0_0 = _mm512_shuffle_ps(tk_t0, tk_t2, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u0_1 = _mm512_shuffle_ps(tk_t0, tk_t2, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u0_2 = _mm512_shuffle_ps(tk_t1, tk_t3, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u0_3 = _mm512_shuffle_ps(tk_t1, tk_t3, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u1_0 = _mm512_shuffle_ps(tk_t4, tk_t6, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u1_1 = _mm512_shuffle_ps(tk_t4, tk_t6, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u1_2 = _mm512_shuffle_ps(tk_t5, tk_t7, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u1_3 = _mm512_shuffle_ps(tk_t5, tk_t7, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u2_0 = _mm512_shuffle_ps(tk_t8, tk_t10, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u2_1 = _mm512_shuffle_ps(tk_t8, tk_t10, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u2_2 = _mm512_shuffle_ps(tk_t9, tk_t11, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u2_3 = _mm512_shuffle_ps(tk_t9, tk_t11, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u3_0 = _mm512_shuffle_ps(tk_t12, tk_t14, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u3_1 = _mm512_shuffle_ps(tk_t12, tk_t14, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u3_2 = _mm512_shuffle_ps(tk_t13, tk_t15, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_u3_3 = _mm512_shuffle_ps(tk_t13, tk_t15, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v0_0 = _mm512_shuffle_f32x4(tk_u0_0, tk_u1_0, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v0_2 = _mm512_shuffle_f32x4(tk_u2_0, tk_u3_0, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v0_1 = _mm512_shuffle_f32x4(tk_u0_0, tk_u1_0, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v0_3 = _mm512_shuffle_f32x4(tk_u2_0, tk_u3_0, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk0 = _mm512_shuffle_f32x4(tk_v0_0, tk_v0_2, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk4 = _mm512_shuffle_f32x4(tk_v0_0, tk_v0_2, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk8 = _mm512_shuffle_f32x4(tk_v0_1, tk_v0_3, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk12 = _mm512_shuffle_f32x4(tk_v0_1, tk_v0_3, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v1_0 = _mm512_shuffle_f32x4(tk_u0_1, tk_u1_1, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v1_2 = _mm512_shuffle_f32x4(tk_u2_1, tk_u3_1, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v1_1 = _mm512_shuffle_f32x4(tk_u0_1, tk_u1_1, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v1_3 = _mm512_shuffle_f32x4(tk_u2_1, tk_u3_1, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk1 = _mm512_shuffle_f32x4(tk_v1_0, tk_v1_2, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk5 = _mm512_shuffle_f32x4(tk_v1_0, tk_v1_2, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk9 = _mm512_shuffle_f32x4(tk_v1_1, tk_v1_3, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk13 = _mm512_shuffle_f32x4(tk_v1_1, tk_v1_3, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v2_0 = _mm512_shuffle_f32x4(tk_u0_2, tk_u1_2, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v2_2 = _mm512_shuffle_f32x4(tk_u2_2, tk_u3_2, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v2_1 = _mm512_shuffle_f32x4(tk_u0_2, tk_u1_2, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v2_3 = _mm512_shuffle_f32x4(tk_u2_2, tk_u3_2, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk2 = _mm512_shuffle_f32x4(tk_v2_0, tk_v2_2, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk6 = _mm512_shuffle_f32x4(tk_v2_0, tk_v2_2, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk10 = _mm512_shuffle_f32x4(tk_v2_1, tk_v2_3, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk14 = _mm512_shuffle_f32x4(tk_v2_1, tk_v2_3, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v3_0 = _mm512_shuffle_f32x4(tk_u0_3, tk_u1_3, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v3_2 = _mm512_shuffle_f32x4(tk_u2_3, tk_u3_3, 0x44);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v3_1 = _mm512_shuffle_f32x4(tk_u0_3, tk_u1_3, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk_v3_3 = _mm512_shuffle_f32x4(tk_u2_3, tk_u3_3, 0xEE);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk3 = _mm512_shuffle_f32x4(tk_v3_0, tk_v3_2, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk7 = _mm512_shuffle_f32x4(tk_v3_0, tk_v3_2, 0xDD);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk11 = _mm512_shuffle_f32x4(tk_v3_1, tk_v3_3, 0x88);
#line 79 "templates/attn_bf16_amx.ct"
              const __m512 tk15 = _mm512_shuffle_f32x4(tk_v3_1, tk_v3_3, 0xDD);
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 0) * 128 + n0), _mm512_castps_si512(tk0));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 1) * 128 + n0), _mm512_castps_si512(tk1));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 2) * 128 + n0), _mm512_castps_si512(tk2));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 3) * 128 + n0), _mm512_castps_si512(tk3));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 4) * 128 + n0), _mm512_castps_si512(tk4));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 5) * 128 + n0), _mm512_castps_si512(tk5));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 6) * 128 + n0), _mm512_castps_si512(tk6));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 7) * 128 + n0), _mm512_castps_si512(tk7));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 8) * 128 + n0), _mm512_castps_si512(tk8));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 9) * 128 + n0), _mm512_castps_si512(tk9));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 10) * 128 + n0), _mm512_castps_si512(tk10));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 11) * 128 + n0), _mm512_castps_si512(tk11));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 12) * 128 + n0), _mm512_castps_si512(tk12));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 13) * 128 + n0), _mm512_castps_si512(tk13));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 14) * 128 + n0), _mm512_castps_si512(tk14));
#line 82 "templates/attn_bf16_amx.ct"
              _mm512_storeu_si512((void *)(Kp + (size_t)(c0 + 15) * 128 + n0), _mm512_castps_si512(tk15));
#line 84 "templates/attn_bf16_amx.ct"
            }
          } else {
            for (int n = n0; n < n0 + 16; n++)
              for (int c = 0; c < d / 2; c++)
                Kp[(size_t)c * 128 + n] = n < nkv ? (uint32_t)mha__ld32(Kb + (ptrdiff_t)n * krs + 2 * c) : 0u;
          }
        }
        /* V in pairs of keys; pairs past nkv zero (their P is zero too). */
        for (int j = 0; j < nkvp / 2; j++) {
          const uint16_t *v0 = (const uint16_t *)(const void *)((const unsigned char *)t->v + (ptrdiff_t)(j0 + 2 * j) * t->v_rs);
          const uint16_t *v1 = (const uint16_t *)(const void *)((const unsigned char *)v0 + t->v_rs);
          uint32_t *vp = Vp + (size_t)j * d;
          if (2 * j + 1 < nkv)
            for (int c = 0; c < d; c += 16) _mm512_storeu_si512((void *)(vp + c), _mm512_or_si512(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v0) + (c)))), _mm512_slli_epi32(_mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v1) + (c)))), 16)));
          else if (2 * j < nkv)
            for (int c = 0; c < d; c += 16) _mm512_storeu_si512((void *)(vp + c), _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)((const uint16_t *)(v0) + (c)))));
          else
            memset(vp, 0, sizeof(uint32_t) * (size_t)d);
        }
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const uint16_t *Qh = Qw + (size_t)hh * 64 * d;
          float *Oh = Ot + (size_t)hh * 64 * d;
          float *Mh = M + hh * 64, *Lh = Ls + hh * 64, *Ah = Al + hh * 64;
          /* S = Q K^T, 32 x 32 blocks, d in slices of 32. */
          for (int rb = 0; rb < mq32; rb += 32)
            for (int kb = 0; kb < nkvp; kb += 32) {
              _tile_zero(0);
              _tile_zero(1);
              _tile_zero(2);
              _tile_zero(3);
              for (int c = 0; c < d; c += 32) {
                _tile_loadd(4, Qh + (size_t)rb * d + c, 2 * d);
                _tile_loadd(5, Qh + (size_t)(rb + 16) * d + c, 2 * d);
                _tile_loadd(6, Kp + (size_t)(c / 2) * 128 + kb, 4 * 128);
                _tile_loadd(7, Kp + (size_t)(c / 2) * 128 + kb + 16, 4 * 128);
                _tile_dpbf16ps(0, 4, 6);
                _tile_dpbf16ps(1, 4, 7);
                _tile_dpbf16ps(2, 5, 6);
                _tile_dpbf16ps(3, 5, 7);
              }
              _tile_stored(0, S + (size_t)rb * 128 + kb, 4 * 128);
              _tile_stored(1, S + (size_t)rb * 128 + kb + 16, 4 * 128);
              _tile_stored(2, S + (size_t)(rb + 16) * 128 + kb, 4 * 128);
              _tile_stored(3, S + (size_t)(rb + 16) * 128 + kb + 16, 4 * 128);
            }
          /* Softmax row by row: scale, the 0.2 score step, the causal mask, the running max. */
          for (int r = 0; r < mq; r++) {
            float *s = S + (size_t)r * 128;
            uint16_t *pr = P + (size_t)r * 128;
            for (int j = 0; j < nkvp; j += 16) _mm512_storeu_ps(s + j, _mm512_mul_ps(_mm512_loadu_ps(s + j), qs));
#line 136 "templates/attn_bf16_amx.ct"
            if (feat) {
#line 136 "templates/attn_bf16_amx.ct"
              const long p_ = (long)i0 + r + t->diag;
#line 136 "templates/attn_bf16_amx.ct"
              if (t->softcap > 0.0f) {
#line 136 "templates/attn_bf16_amx.ct"
                const __m512 k_ = _mm512_set1_ps(2.0f / t->softcap), cl_ = _mm512_set1_ps(t->softcap * 1.44269504088896341f);
#line 136 "templates/attn_bf16_amx.ct"
                for (int j = 0; j < nkvp; j += 16) _mm512_storeu_ps(s + j, _mm512_mul_ps(cl_, _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), _mm512_add_ps(_mm512_set1_ps(1.0f), mha__exp2_avx512(_mm512_min_ps(_mm512_max_ps(_mm512_mul_ps(_mm512_loadu_ps(s + j), k_), _mm512_set1_ps(-64.0f)), _mm512_set1_ps(64.0f))))))));
#line 136 "templates/attn_bf16_amx.ct"
              }
#line 136 "templates/attn_bf16_amx.ct"
              if (t->alibi) {
#line 136 "templates/attn_bf16_amx.ct"
                const __m512 sl_ = _mm512_set1_ps(t->alibi[h0 + hh] * 1.44269504088896341f), st_ = _mm512_set1_ps(16.0f);
#line 136 "templates/attn_bf16_amx.ct"
                __m512 jv_ = _mm512_add_ps(_mm512_setr_ps(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), _mm512_set1_ps((float)(j0 - p_)));
#line 136 "templates/attn_bf16_amx.ct"
                for (int j = 0; j < nkvp; j += 16, jv_ = _mm512_add_ps(jv_, st_)) _mm512_storeu_ps(s + j, _mm512_fmadd_ps(sl_, jv_, _mm512_loadu_ps(s + j)));
#line 136 "templates/attn_bf16_amx.ct"
              }
#line 136 "templates/attn_bf16_amx.ct"
              if (t->window)
#line 136 "templates/attn_bf16_amx.ct"
                for (long j = 0; j < p_ - t->window + 1 - j0 && j < nkv; j++) s[j] = -INFINITY;
#line 136 "templates/attn_bf16_amx.ct"
            }
#line 138 "templates/attn_bf16_amx.ct"
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
              memset(pr, 0, 2 * (size_t)nkvp);
              continue;
            }
            const __m512 mv = _mm512_set1_ps(mnew);
            __m512 sum = _mm512_setzero_ps();
            for (int j = 0; j < nkvp; j += 2 * 16) {
              const __m512 p0 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(s + j), mv));
              const __m512 p1 = mha__exp2_avx512(_mm512_sub_ps(_mm512_loadu_ps(s + j + 16), mv));
              sum = _mm512_add_ps(sum, _mm512_add_ps(p0, p1));
              _mm512_storeu_si512((void *)(pr + j), ((__m512i)_mm512_cvtne2ps_pbh(p1, p0)));
            }
            const float alpha = exp2f(mold - mnew);
            Ah[r] = alpha;
            Lh[r] = Lh[r] * alpha + _mm512_reduce_add_ps(sum);
            Mh[r] = mnew;
          }
          for (int r = mq; r < mq32; r++) memset(P + (size_t)r * 128, 0, 2 * (size_t)nkvp);
          /* T = P V, 32 rows x 32 values of d, keys in slices of 32. */
          for (int rb = 0; rb < mq32; rb += 32)
            for (int cb = 0; cb < d; cb += 32) {
              _tile_zero(0);
              _tile_zero(1);
              _tile_zero(2);
              _tile_zero(3);
              for (int jc = 0; jc < nkvp; jc += 32) {
                _tile_loadd(4, P + (size_t)rb * 128 + jc, 2 * 128);
                _tile_loadd(5, P + (size_t)(rb + 16) * 128 + jc, 2 * 128);
                _tile_loadd(6, Vp + (size_t)(jc / 2) * d + cb, 4 * d);
                _tile_loadd(7, Vp + (size_t)(jc / 2) * d + cb + 16, 4 * d);
                _tile_dpbf16ps(0, 4, 6);
                _tile_dpbf16ps(1, 4, 7);
                _tile_dpbf16ps(2, 5, 6);
                _tile_dpbf16ps(3, 5, 7);
              }
              _tile_stored(0, T + (size_t)rb * d + cb, 4 * d);
              _tile_stored(1, T + (size_t)rb * d + cb + 16, 4 * d);
              _tile_stored(2, T + (size_t)(rb + 16) * d + cb, 4 * d);
              _tile_stored(3, T + (size_t)(rb + 16) * d + cb + 16, 4 * d);
            }
          for (int r = 0; r < mq; r++) {
            const __m512 a = _mm512_set1_ps(Ah[r]);
            float *orow = Oh + (size_t)r * d;
            const float *tr = T + (size_t)r * d;
            for (int c = 0; c < d; c += 16) _mm512_storeu_ps(orow + c, _mm512_fmadd_ps(_mm512_loadu_ps(orow + c), a, _mm512_loadu_ps(tr + c)));
          }
        }
      }
      /* O / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 64 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const __m512 iv = _mm512_set1_ps(inv);
          const float *oa = Ot + (size_t)row * d;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          for (int c = 0; c < d; c += 16) _mm512_storeu_ps(orow + c, _mm512_mul_ps(_mm512_loadu_ps(oa + c), iv));
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
  _tile_release();
}

MHA__HIDDEN const mha__kernel mha__k_attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx = {
  "attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx", MHA__ISA_AVX512, 96, 1, 64, 128, 2, 2, 16, mha__attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx, mha__ws_attn_bf16_avx512_d96_g1_q64_k128_r2x2_amx, MHA__KV_BF16, MHA__KV_BF16, MHA__CPU_AVX512BW | MHA__CPU_AVX512VL | MHA__CPU_AVX512_BF16 | MHA__CPU_AMX_TILE | MHA__CPU_AMX_BF16
};
