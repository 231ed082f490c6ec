/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates c51506e10f91e7d1) for machine oxide-virtual-turin-f26m2-2c-avx512.
 * Template templates/attn_f32.ct: attn_f32_scalar_d32_g1_q32_k64_r4x2
 * isa=scalar d=32 g=1 qt=32 kt=64 rm=4 rn=2 kf=t rp=6 cv=2 */
#line 26 "templates/isa_scalar.lua"
#include <stdint.h>
#include <string.h>
static inline float mha__maxf(float a, float b) { return a > b ? a : b; }
static inline float mha__roundf(float x) { return (x + 12582912.0f) - 12582912.0f; }
static inline float mha__pow2i(int n) {
  uint32_t u = (uint32_t)(n + 127) << 23;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}
static inline float mha__expr_scalar(float r) {
  float p = 1.98412698e-4f;
  p = p * r + 1.38888889e-3f;
  p = p * r + 8.33333333e-3f;
  p = p * r + 4.16666667e-2f;
  p = p * r + 1.66666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  return p * r + 1.0f;
}
static inline float mha__scale2n_scalar(float p, float n) {
  int ni = (int)n, h = ni >> 1;
  return p * mha__pow2i(h) * mha__pow2i(ni - h);
}
static inline float mha__exp2_scalar(float x) {
  x = x < -151.0f ? -151.0f : (x > 129.0f ? 129.0f : x);
  float n = mha__roundf(x);
  return mha__scale2n_scalar(mha__expr_scalar((x - n) * 0.693147180559945f), n);
}
static inline float mha__exp_scalar(float x) {
  x = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
  float n = mha__roundf(x * 1.44269504088896f);
  float r = x - n * 0.693145751953125f;
  r = r - n * 1.428606765330187e-6f;
  return mha__scale2n_scalar(mha__expr_scalar(r), n);
}
#line 9 "templates/attn_f32.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, each part 64-byte aligned): scaled Q tile, transposed K tile,
 * padded V tile (any-d variants only), S/P tile, unnormalised O, running max, sum, rescale. */
static size_t mha__ws_attn_f32_scalar_d32_g1_q32_k64_r4x2(int d_) {
#line 19 "templates/attn_f32.ct"
  const size_t d = 32, dp = 32;
  (void)d_, (void)d;
#line 25 "templates/attn_f32.ct"
  return A16(32 * dp) + A16((size_t)d * 64) + 0 + A16(2048) +
         A16(32 * dp) + 3 * A16(32);
}

#line 98 "templates/attn_f32.ct"

 MHA__HIDDEN void mha__attn_f32_scalar_d32_g1_q32_k64_r4x2(const mha__task *t) {
#line 101 "templates/attn_f32.ct"
  enum { d = 32 };
#line 105 "templates/attn_f32.ct"
  float *const Qs = t->ws;                       /* [G*QT][dp] queries * scale * log2(e) */
  float *const Kt = Qs + A16(32 * 32); /* [d][KT] keys, transposed */
  float *const Vp = Kt + A16((size_t)d * 64);                /* [KT][dp] values, padded */
  float *const S = Vp + 0;                 /* [G*QT][KT] scores, then probabilities */
  float *const Oa = S + A16(2048);     /* [G*QT][dp] output before 1/sum */
  float *const M = Oa + A16(32 * 32);  /* running max, base 2 */
  float *const Ls = M + A16(32);          /* running sum */
  float *const Al = Ls + A16(32);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 32) {
      const int mq = nq - i0 < 32 ? nq - i0 : 32;
      /* Causal: keys past the tile's last row's diagonal are never computed. */
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qs = Qs + ((size_t)hh * 32 + r) * 32;
#line 126 "templates/attn_f32.ct"
          for (int c = 0; c < d; c += 1)
            (*(qs + c) = ((((*(qr + c))) * ((qscale)))));
#line 133 "templates/attn_f32.ct"
        }
      for (int r = 0; r < 32; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Oa, 0, sizeof(float) * 32 * 32);

      for (long j0 = 0; j0 < kend; j0 += 64) {
        const int nkv = kend - j0 < 64 ? (int)(kend - j0) : 64;
        const int nkvp = (nkv + 0) / 1 * 1;
        for (int j = 0; j < nkv; j++) {
          const float *kr = t->k + (ptrdiff_t)(j0 + j) * t->k_rs;
          for (int c = 0; c < d; c++) Kt[(size_t)c * 64 + j] = kr[c];
        }
        for (int c = 0; c < d; c++)
          for (int j = nkv; j < nkvp; j++) Kt[(size_t)c * 64 + j] = 0.0f;
#line 160 "templates/attn_f32.ct"
        const float *Vb = t->v + (ptrdiff_t)j0 * t->v_rs;
        const ptrdiff_t vrs = t->v_rs;
#line 163 "templates/attn_f32.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qs + (size_t)hh * 32 * 32;
          float *Sh = S + (size_t)hh * 2048;
          float *Oh = Oa + (size_t)hh * 32 * 32;
          float *Mh = M + hh * 32, *Lh = Ls + hh * 32, *Ah = Al + hh * 32;
          int r0 = 0;
#line 171 "templates/attn_f32.ct"
          for (; r0 + 4 <= mq; r0 += 4) {
            const float *qp = Qh + (size_t)r0 * 32;
            float *sp = Sh + (size_t)r0 * 64;
            int jv = 0;
            for (; jv + 2 <= nkvp; jv += 2)
#line 31 "templates/attn_f32.ct"
            {
#line 33 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c0_1 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c1_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c1_1 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c2_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c2_1 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c3_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c3_1 = 0.0f;
#line 35 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 64) {
#line 38 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 38 "templates/attn_f32.ct"
                const float b1 = (*(kp + 1));
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 44 "templates/attn_f32.ct"
                  c0_1 = ((a) * (b1) + (c0_1));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[1 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c1_0 = ((a) * (b0) + (c1_0));
#line 44 "templates/attn_f32.ct"
                  c1_1 = ((a) * (b1) + (c1_1));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[2 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c2_0 = ((a) * (b0) + (c2_0));
#line 44 "templates/attn_f32.ct"
                  c2_1 = ((a) * (b1) + (c2_1));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[3 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c3_0 = ((a) * (b0) + (c3_0));
#line 44 "templates/attn_f32.ct"
                  c3_1 = ((a) * (b1) + (c3_1));
#line 46 "templates/attn_f32.ct"
                }
#line 48 "templates/attn_f32.ct"
              }
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 1) = (c0_1));
#line 50 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 0) = (c1_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 1) = (c1_1));
#line 50 "templates/attn_f32.ct"
              (*(sp + 128 + jv + 0) = (c2_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 128 + jv + 1) = (c2_1));
#line 50 "templates/attn_f32.ct"
              (*(sp + 192 + jv + 0) = (c3_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 192 + jv + 1) = (c3_1));
#line 52 "templates/attn_f32.ct"
            }
#line 177 "templates/attn_f32.ct"
            for (; jv < nkvp; jv += 1)
#line 31 "templates/attn_f32.ct"
            {
#line 33 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c1_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c2_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c3_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 64) {
#line 38 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[1 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c1_0 = ((a) * (b0) + (c1_0));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[2 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c2_0 = ((a) * (b0) + (c2_0));
#line 46 "templates/attn_f32.ct"
                }
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[3 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c3_0 = ((a) * (b0) + (c3_0));
#line 46 "templates/attn_f32.ct"
                }
#line 48 "templates/attn_f32.ct"
              }
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 0) = (c1_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 128 + jv + 0) = (c2_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 192 + jv + 0) = (c3_0));
#line 52 "templates/attn_f32.ct"
            }
#line 179 "templates/attn_f32.ct"
          }
#line 171 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * 32;
            float *sp = Sh + (size_t)r0 * 64;
            int jv = 0;
            for (; jv + 2 <= nkvp; jv += 2)
#line 31 "templates/attn_f32.ct"
            {
#line 33 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 33 "templates/attn_f32.ct"
              float c0_1 = 0.0f;
#line 35 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 64) {
#line 38 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 38 "templates/attn_f32.ct"
                const float b1 = (*(kp + 1));
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 44 "templates/attn_f32.ct"
                  c0_1 = ((a) * (b1) + (c0_1));
#line 46 "templates/attn_f32.ct"
                }
#line 48 "templates/attn_f32.ct"
              }
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 1) = (c0_1));
#line 52 "templates/attn_f32.ct"
            }
#line 177 "templates/attn_f32.ct"
            for (; jv < nkvp; jv += 1)
#line 31 "templates/attn_f32.ct"
            {
#line 33 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 64) {
#line 38 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 41 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * 32 + c]);
#line 44 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 46 "templates/attn_f32.ct"
                }
#line 48 "templates/attn_f32.ct"
              }
#line 50 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 52 "templates/attn_f32.ct"
            }
#line 179 "templates/attn_f32.ct"
          }
#line 181 "templates/attn_f32.ct"
          /* Online softmax in base 2: mask, row max, P = 2^(S - max) in place of S,
           * running sum, and the factor that rescales what O holds so far. */
          for (int r = 0; r < mq; r++) {
            float *s = Sh + (size_t)r * 64;
            int vis = nkv;
            if (masked) {
              long v = (long)i0 + r + t->diag - j0 + 1;
              vis = v < 0 ? 0 : (v < nkv ? (int)v : nkv);
            }
            for (int j = vis; j < nkvp; j++) s[j] = -INFINITY;
            float mx = (-INFINITY);
            for (int j = 0; j < nkvp; j += 1) mx = mha__maxf(mx, (*(s + j)));
            const float mold = Mh[r], tmax = (mx);
            const float mnew = tmax > mold ? tmax : mold;
            if (mnew == -INFINITY) { /* nothing visible yet: P = 0, O stays 0 */
              Ah[r] = 1.0f;
              for (int j = 0; j < nkv; j++) s[j] = 0.0f;
              continue;
            }
            const float mv = (mnew);
            float sum = 0.0f;
            for (int j = 0; j < nkvp; j += 1) {
              const float p = mha__exp2_scalar((((*(s + j))) - (mv)));
              (*(s + j) = (p));
              sum = ((sum) + (p));
            }
            const float alpha = exp2f(mold - mnew);
            Ah[r] = alpha;
            Lh[r] = Lh[r] * alpha + (sum);
            Mh[r] = mnew;
          }
          r0 = 0;
          for (; r0 + 6 <= mq; r0 += 6) {
#line 86 "templates/attn_f32.ct"
            for (int cv = 0; cv < 32; cv += 2)
#line 56 "templates/attn_f32.ct"
            {
#line 58 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 60 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * 32 + cv + 0))) * (al0));
#line 60 "templates/attn_f32.ct"
              float o0_1 = (((*(Oh + (size_t)(r0 + 0) * 32 + cv + 1))) * (al0));
#line 58 "templates/attn_f32.ct"
              const float al1 = (Ah[r0 + 1]);
#line 60 "templates/attn_f32.ct"
              float o1_0 = (((*(Oh + (size_t)(r0 + 1) * 32 + cv + 0))) * (al1));
#line 60 "templates/attn_f32.ct"
              float o1_1 = (((*(Oh + (size_t)(r0 + 1) * 32 + cv + 1))) * (al1));
#line 58 "templates/attn_f32.ct"
              const float al2 = (Ah[r0 + 2]);
#line 60 "templates/attn_f32.ct"
              float o2_0 = (((*(Oh + (size_t)(r0 + 2) * 32 + cv + 0))) * (al2));
#line 60 "templates/attn_f32.ct"
              float o2_1 = (((*(Oh + (size_t)(r0 + 2) * 32 + cv + 1))) * (al2));
#line 58 "templates/attn_f32.ct"
              const float al3 = (Ah[r0 + 3]);
#line 60 "templates/attn_f32.ct"
              float o3_0 = (((*(Oh + (size_t)(r0 + 3) * 32 + cv + 0))) * (al3));
#line 60 "templates/attn_f32.ct"
              float o3_1 = (((*(Oh + (size_t)(r0 + 3) * 32 + cv + 1))) * (al3));
#line 58 "templates/attn_f32.ct"
              const float al4 = (Ah[r0 + 4]);
#line 60 "templates/attn_f32.ct"
              float o4_0 = (((*(Oh + (size_t)(r0 + 4) * 32 + cv + 0))) * (al4));
#line 60 "templates/attn_f32.ct"
              float o4_1 = (((*(Oh + (size_t)(r0 + 4) * 32 + cv + 1))) * (al4));
#line 58 "templates/attn_f32.ct"
              const float al5 = (Ah[r0 + 5]);
#line 60 "templates/attn_f32.ct"
              float o5_0 = (((*(Oh + (size_t)(r0 + 5) * 32 + cv + 0))) * (al5));
#line 60 "templates/attn_f32.ct"
              float o5_1 = (((*(Oh + (size_t)(r0 + 5) * 32 + cv + 1))) * (al5));
#line 63 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 66 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 66 "templates/attn_f32.ct"
                const float v1 = (*(vj + 1));
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 72 "templates/attn_f32.ct"
                  o0_1 = ((p) * (v1) + (o0_1));
#line 74 "templates/attn_f32.ct"
                }
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 1) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o1_0 = ((p) * (v0) + (o1_0));
#line 72 "templates/attn_f32.ct"
                  o1_1 = ((p) * (v1) + (o1_1));
#line 74 "templates/attn_f32.ct"
                }
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 2) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o2_0 = ((p) * (v0) + (o2_0));
#line 72 "templates/attn_f32.ct"
                  o2_1 = ((p) * (v1) + (o2_1));
#line 74 "templates/attn_f32.ct"
                }
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 3) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o3_0 = ((p) * (v0) + (o3_0));
#line 72 "templates/attn_f32.ct"
                  o3_1 = ((p) * (v1) + (o3_1));
#line 74 "templates/attn_f32.ct"
                }
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 4) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o4_0 = ((p) * (v0) + (o4_0));
#line 72 "templates/attn_f32.ct"
                  o4_1 = ((p) * (v1) + (o4_1));
#line 74 "templates/attn_f32.ct"
                }
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 5) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o5_0 = ((p) * (v0) + (o5_0));
#line 72 "templates/attn_f32.ct"
                  o5_1 = ((p) * (v1) + (o5_1));
#line 74 "templates/attn_f32.ct"
                }
#line 76 "templates/attn_f32.ct"
              }
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * 32 + cv + 0) = (o0_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * 32 + cv + 1) = (o0_1));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 1) * 32 + cv + 0) = (o1_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 1) * 32 + cv + 1) = (o1_1));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 2) * 32 + cv + 0) = (o2_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 2) * 32 + cv + 1) = (o2_1));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 3) * 32 + cv + 0) = (o3_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 3) * 32 + cv + 1) = (o3_1));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 4) * 32 + cv + 0) = (o4_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 4) * 32 + cv + 1) = (o4_1));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 5) * 32 + cv + 0) = (o5_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 5) * 32 + cv + 1) = (o5_1));
#line 80 "templates/attn_f32.ct"
            }
#line 215 "templates/attn_f32.ct"
          }
          for (; r0 < mq; r0++) {
#line 86 "templates/attn_f32.ct"
            for (int cv = 0; cv < 32; cv += 2)
#line 56 "templates/attn_f32.ct"
            {
#line 58 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 60 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * 32 + cv + 0))) * (al0));
#line 60 "templates/attn_f32.ct"
              float o0_1 = (((*(Oh + (size_t)(r0 + 0) * 32 + cv + 1))) * (al0));
#line 63 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 66 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 66 "templates/attn_f32.ct"
                const float v1 = (*(vj + 1));
#line 69 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 64 + j]);
#line 72 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 72 "templates/attn_f32.ct"
                  o0_1 = ((p) * (v1) + (o0_1));
#line 74 "templates/attn_f32.ct"
                }
#line 76 "templates/attn_f32.ct"
              }
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * 32 + cv + 0) = (o0_0));
#line 78 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * 32 + cv + 1) = (o0_1));
#line 80 "templates/attn_f32.ct"
            }
#line 218 "templates/attn_f32.ct"
          }
        }
      }
      /* O / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 32 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const float iv = (inv);
          const float *oa = Oa + (size_t)row * 32;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          int c = 0;
          for (; c + 1 <= d; c += 1) (*(orow + c) = ((((*(oa + c))) * (iv))));
#line 234 "templates/attn_f32.ct"
          (void)c;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_scalar_d32_g1_q32_k64_r4x2 = {
  "attn_f32_scalar_d32_g1_q32_k64_r4x2", MHA__ISA_SCALAR, 32, 1, 32, 64, 4, 2, 1, mha__attn_f32_scalar_d32_g1_q32_k64_r4x2, mha__ws_attn_f32_scalar_d32_g1_q32_k64_r4x2
};
