/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/attn_f32.ct: attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0
 * isa=scalar d=0 g=1 qt=16 kt=32 rm=4 rn=2 kf=t rp=6 cv=2 kv=q8_0 */
#line 36 "templates/isa_scalar.lua"
#include <stdint.h>
#include <string.h>
static inline __attribute__((unused)) float mha__maxf(float a, float b) { return a > b ? a : b; }
static inline __attribute__((unused)) float mha__minf(float a, float b) { return a < b ? a : b; }
static inline __attribute__((unused)) float mha__roundf(float x) { return (x + 12582912.0f) - 12582912.0f; }
static inline __attribute__((unused)) float mha__pow2i(int n) {
  uint32_t u = (uint32_t)(n + 127) << 23;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}
static inline __attribute__((unused)) float mha__expr_scalar(float r) {
  float p = 1.98412698e-4f;
  p = p * r + 1.38888889e-3f;
  p = p * r + 8.33333333e-3f;
  p = p * r + 4.16666667e-2f;
  p = p * r + 1.66666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  return p * r + 1.0f;
}
static inline __attribute__((unused)) float mha__scale2n_scalar(float p, float n) {
  int ni = (int)n, h = ni >> 1;
  return p * mha__pow2i(h) * mha__pow2i(ni - h);
}
static inline __attribute__((unused)) float mha__exp2_scalar(float x) {
  x = x < -151.0f ? -151.0f : (x > 129.0f ? 129.0f : x);
  float n = mha__roundf(x);
  return mha__scale2n_scalar(mha__expr_scalar((x - n) * 0.693147180559945f), n);
}
static inline __attribute__((unused)) float mha__exp_scalar(float x) {
  x = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
  float n = mha__roundf(x * 1.44269504088896f);
  float r = x - n * 0.693145751953125f;
  r = r - n * 1.428606765330187e-6f;
  return mha__scale2n_scalar(mha__expr_scalar(r), n);
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
#line 11 "templates/attn_f32.ct"
#include <math.h>
#include <string.h>
#include "mha_kernel.h"

#define A16(n) (((size_t)(n) + 15) & ~(size_t)15)

/* Workspace (floats, each part 64-byte aligned): scaled Q tile, transposed K tile,
 * padded V tile (any-d variants only), S/P tile, unnormalised O, running max, sum, rescale. */
static size_t mha__ws_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0(int d_) {
#line 24 "templates/attn_f32.ct"
  const size_t d = (size_t)d_, dp = (d + 0) / 1 * 1;
  (void)d;
#line 27 "templates/attn_f32.ct"
  return A16(16 * dp) + A16((size_t)d * 32) + A16((size_t)32 * dp) + A16(512) +
         A16(16 * dp) + 3 * A16(16);
}

#line 100 "templates/attn_f32.ct"

 MHA__HIDDEN void mha__attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0(const mha__task *t) {
#line 105 "templates/attn_f32.ct"
  const int d = t->d, dp = (d + 0) / 1 * 1;
#line 107 "templates/attn_f32.ct"
  float *const Qs = t->ws;                       /* [G*QT][dp] queries * scale * log2(e) */
  float *const Kt = Qs + A16(16 * dp); /* [d][KT] keys, transposed */
  float *const Vp = Kt + A16((size_t)d * 32);                /* [KT][dp] values, padded */
  float *const S = Vp + A16((size_t)32 * dp);                 /* [G*QT][KT] scores, then probabilities */
  float *const Oa = S + A16(512);     /* [G*QT][dp] output before 1/sum */
  float *const M = Oa + A16(16 * dp);  /* running max, base 2 */
  float *const Ls = M + A16(16);          /* running sum */
  float *const Al = Ls + A16(16);         /* this key tile's rescale of O */
  const float qscale = t->scale * 1.44269504088896341f;
  const int nq = t->nq, nk = t->nk;
  const int feat = t->softcap > 0.0f || t->alibi || t->window; /* 0.2 score features */
  for (int h0 = 0; h0 < t->heads; h0 += 1) {
    for (int i0 = 0; i0 < nq; i0 += 16) {
      const int mq = nq - i0 < 16 ? nq - i0 : 16;
      /* Causal: keys past the tile's last row's diagonal are never computed. */
      long kend = nk;
      if (t->causal && (long)i0 + mq + t->diag < kend) kend = (long)i0 + mq + t->diag;
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const float *qr = t->q + (ptrdiff_t)(h0 + hh) * t->q_hs + (ptrdiff_t)(i0 + r) * t->q_rs;
          float *qs = Qs + ((size_t)hh * 16 + r) * dp;
#line 132 "templates/attn_f32.ct"
          int c = 0;
          for (; c < d; c++) qs[c] = qr[c] * qscale;
          for (; c < dp; c++) qs[c] = 0.0f;
#line 136 "templates/attn_f32.ct"
        }
      for (int r = 0; r < 16; r++) {
        M[r] = -INFINITY;
        Ls[r] = 0.0f;
      }
      memset(Oa, 0, sizeof(float) * 16 * dp);
      long jbeg = 0;
      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;

      for (long j0 = jbeg; j0 < kend; j0 += 32) {
        const int nkv = kend - j0 < 32 ? (int)(kend - j0) : 32;
        const int nkvp = (nkv + 0) / 1 * 1;
        for (int j = 0; j < nkv; j++) {
          const unsigned char *kr = (const unsigned char *)t->k + (ptrdiff_t)(j0 + j) * t->k_rs;
          for (int c = 0; c < d; c++) Kt[(size_t)c * 32 + j] = mha__q8_get(kr, c);
        }
        for (int c = 0; c < d; c++)
          for (int j = nkv; j < nkvp; j++) Kt[(size_t)c * 32 + j] = 0.0f;
#line 154 "templates/attn_f32.ct"
        for (int j = 0; j < nkv; j++) {
          const unsigned char *vr = (const unsigned char *)t->v + (ptrdiff_t)(j0 + j) * t->v_rs;
          float *vp = Vp + (size_t)j * dp;
          int c = 0;
          for (; c < d; c++) vp[c] = mha__q8_get(vr, c);
          for (; c < dp; c++) vp[c] = 0.0f;
        }
        const float *Vb = Vp;
        const ptrdiff_t vrs = dp;
#line 167 "templates/attn_f32.ct"
        const int masked = t->causal && j0 + nkv - 1 > (long)i0 + t->diag;
        for (int hh = 0; hh < 1; hh++) {
          const float *Qh = Qs + (size_t)hh * 16 * dp;
          float *Sh = S + (size_t)hh * 512;
          float *Oh = Oa + (size_t)hh * 16 * dp;
          float *Mh = M + hh * 16, *Lh = Ls + hh * 16, *Ah = Al + hh * 16;
          int r0 = 0;
#line 175 "templates/attn_f32.ct"
          for (; r0 + 4 <= mq; r0 += 4) {
            const float *qp = Qh + (size_t)r0 * dp;
            float *sp = Sh + (size_t)r0 * 32;
            int jv = 0;
            for (; jv + 2 <= nkvp; jv += 2)
#line 33 "templates/attn_f32.ct"
            {
#line 35 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c0_1 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c1_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c1_1 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c2_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c2_1 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c3_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c3_1 = 0.0f;
#line 37 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 32) {
#line 40 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 40 "templates/attn_f32.ct"
                const float b1 = (*(kp + 1));
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 46 "templates/attn_f32.ct"
                  c0_1 = ((a) * (b1) + (c0_1));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[1 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c1_0 = ((a) * (b0) + (c1_0));
#line 46 "templates/attn_f32.ct"
                  c1_1 = ((a) * (b1) + (c1_1));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[2 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c2_0 = ((a) * (b0) + (c2_0));
#line 46 "templates/attn_f32.ct"
                  c2_1 = ((a) * (b1) + (c2_1));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[3 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c3_0 = ((a) * (b0) + (c3_0));
#line 46 "templates/attn_f32.ct"
                  c3_1 = ((a) * (b1) + (c3_1));
#line 48 "templates/attn_f32.ct"
                }
#line 50 "templates/attn_f32.ct"
              }
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 1) = (c0_1));
#line 52 "templates/attn_f32.ct"
              (*(sp + 32 + jv + 0) = (c1_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 32 + jv + 1) = (c1_1));
#line 52 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 0) = (c2_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 1) = (c2_1));
#line 52 "templates/attn_f32.ct"
              (*(sp + 96 + jv + 0) = (c3_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 96 + jv + 1) = (c3_1));
#line 54 "templates/attn_f32.ct"
            }
#line 181 "templates/attn_f32.ct"
            for (; jv < nkvp; jv += 1)
#line 33 "templates/attn_f32.ct"
            {
#line 35 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c1_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c2_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c3_0 = 0.0f;
#line 37 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 32) {
#line 40 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[1 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c1_0 = ((a) * (b0) + (c1_0));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[2 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c2_0 = ((a) * (b0) + (c2_0));
#line 48 "templates/attn_f32.ct"
                }
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[3 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c3_0 = ((a) * (b0) + (c3_0));
#line 48 "templates/attn_f32.ct"
                }
#line 50 "templates/attn_f32.ct"
              }
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 32 + jv + 0) = (c1_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 64 + jv + 0) = (c2_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 96 + jv + 0) = (c3_0));
#line 54 "templates/attn_f32.ct"
            }
#line 183 "templates/attn_f32.ct"
          }
#line 175 "templates/attn_f32.ct"
          for (; r0 + 1 <= mq; r0 += 1) {
            const float *qp = Qh + (size_t)r0 * dp;
            float *sp = Sh + (size_t)r0 * 32;
            int jv = 0;
            for (; jv + 2 <= nkvp; jv += 2)
#line 33 "templates/attn_f32.ct"
            {
#line 35 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 35 "templates/attn_f32.ct"
              float c0_1 = 0.0f;
#line 37 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 32) {
#line 40 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 40 "templates/attn_f32.ct"
                const float b1 = (*(kp + 1));
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 46 "templates/attn_f32.ct"
                  c0_1 = ((a) * (b1) + (c0_1));
#line 48 "templates/attn_f32.ct"
                }
#line 50 "templates/attn_f32.ct"
              }
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 1) = (c0_1));
#line 54 "templates/attn_f32.ct"
            }
#line 181 "templates/attn_f32.ct"
            for (; jv < nkvp; jv += 1)
#line 33 "templates/attn_f32.ct"
            {
#line 35 "templates/attn_f32.ct"
              float c0_0 = 0.0f;
#line 37 "templates/attn_f32.ct"
              const float *kp = Kt + jv;
              for (int c = 0; c < d; c++, kp += 32) {
#line 40 "templates/attn_f32.ct"
                const float b0 = (*(kp + 0));
#line 43 "templates/attn_f32.ct"
                {
                  const float a = (qp[0 * dp + c]);
#line 46 "templates/attn_f32.ct"
                  c0_0 = ((a) * (b0) + (c0_0));
#line 48 "templates/attn_f32.ct"
                }
#line 50 "templates/attn_f32.ct"
              }
#line 52 "templates/attn_f32.ct"
              (*(sp + 0 + jv + 0) = (c0_0));
#line 54 "templates/attn_f32.ct"
            }
#line 183 "templates/attn_f32.ct"
          }
#line 185 "templates/attn_f32.ct"
          /* Online softmax in base 2: the 0.2 score step, mask, row max, P = 2^(S - max) in place of S,
           * running sum, and the factor that rescales what O holds so far. */
          for (int r = 0; r < mq; r++) {
            float *s = Sh + (size_t)r * 32;
#line 190 "templates/attn_f32.ct"
            if (feat) {
#line 190 "templates/attn_f32.ct"
              const long p_ = (long)i0 + r + t->diag;
#line 190 "templates/attn_f32.ct"
              if (t->softcap > 0.0f) {
#line 190 "templates/attn_f32.ct"
                const float k_ = (2.0f / t->softcap), cl_ = (t->softcap * 1.44269504088896341f);
#line 190 "templates/attn_f32.ct"
                for (int j = 0; j < nkvp; j += 1) (*(s + j) = (((cl_) * ((((1.0f)) - ((((2.0f)) / ((((1.0f)) + (mha__exp2_scalar(mha__minf(mha__maxf((((*(s + j))) * (k_)), (-64.0f)), (64.0f)))))))))))));
#line 190 "templates/attn_f32.ct"
              }
#line 190 "templates/attn_f32.ct"
              if (t->alibi) {
#line 190 "templates/attn_f32.ct"
                const float sl_ = (t->alibi[h0 + hh] * 1.44269504088896341f), st_ = (1.0f);
#line 190 "templates/attn_f32.ct"
                float jv_ = ((0.0f) + (((float)(j0 - p_))));
#line 190 "templates/attn_f32.ct"
                for (int j = 0; j < nkvp; j += 1, jv_ = ((jv_) + (st_))) (*(s + j) = (((sl_) * (jv_) + ((*(s + j))))));
#line 190 "templates/attn_f32.ct"
              }
#line 190 "templates/attn_f32.ct"
              if (t->window)
#line 190 "templates/attn_f32.ct"
                for (long j = 0; j < p_ - t->window + 1 - j0 && j < nkv; j++) s[j] = -INFINITY;
#line 190 "templates/attn_f32.ct"
            }
#line 192 "templates/attn_f32.ct"
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
#line 93 "templates/attn_f32.ct"
            int cv = 0;
            for (; cv + 2 <= dp; cv += 2)
#line 58 "templates/attn_f32.ct"
            {
#line 60 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 62 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 0))) * (al0));
#line 62 "templates/attn_f32.ct"
              float o0_1 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 1))) * (al0));
#line 60 "templates/attn_f32.ct"
              const float al1 = (Ah[r0 + 1]);
#line 62 "templates/attn_f32.ct"
              float o1_0 = (((*(Oh + (size_t)(r0 + 1) * dp + cv + 0))) * (al1));
#line 62 "templates/attn_f32.ct"
              float o1_1 = (((*(Oh + (size_t)(r0 + 1) * dp + cv + 1))) * (al1));
#line 60 "templates/attn_f32.ct"
              const float al2 = (Ah[r0 + 2]);
#line 62 "templates/attn_f32.ct"
              float o2_0 = (((*(Oh + (size_t)(r0 + 2) * dp + cv + 0))) * (al2));
#line 62 "templates/attn_f32.ct"
              float o2_1 = (((*(Oh + (size_t)(r0 + 2) * dp + cv + 1))) * (al2));
#line 60 "templates/attn_f32.ct"
              const float al3 = (Ah[r0 + 3]);
#line 62 "templates/attn_f32.ct"
              float o3_0 = (((*(Oh + (size_t)(r0 + 3) * dp + cv + 0))) * (al3));
#line 62 "templates/attn_f32.ct"
              float o3_1 = (((*(Oh + (size_t)(r0 + 3) * dp + cv + 1))) * (al3));
#line 60 "templates/attn_f32.ct"
              const float al4 = (Ah[r0 + 4]);
#line 62 "templates/attn_f32.ct"
              float o4_0 = (((*(Oh + (size_t)(r0 + 4) * dp + cv + 0))) * (al4));
#line 62 "templates/attn_f32.ct"
              float o4_1 = (((*(Oh + (size_t)(r0 + 4) * dp + cv + 1))) * (al4));
#line 60 "templates/attn_f32.ct"
              const float al5 = (Ah[r0 + 5]);
#line 62 "templates/attn_f32.ct"
              float o5_0 = (((*(Oh + (size_t)(r0 + 5) * dp + cv + 0))) * (al5));
#line 62 "templates/attn_f32.ct"
              float o5_1 = (((*(Oh + (size_t)(r0 + 5) * dp + cv + 1))) * (al5));
#line 65 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 68 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 68 "templates/attn_f32.ct"
                const float v1 = (*(vj + 1));
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 74 "templates/attn_f32.ct"
                  o0_1 = ((p) * (v1) + (o0_1));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 1) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o1_0 = ((p) * (v0) + (o1_0));
#line 74 "templates/attn_f32.ct"
                  o1_1 = ((p) * (v1) + (o1_1));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 2) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o2_0 = ((p) * (v0) + (o2_0));
#line 74 "templates/attn_f32.ct"
                  o2_1 = ((p) * (v1) + (o2_1));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 3) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o3_0 = ((p) * (v0) + (o3_0));
#line 74 "templates/attn_f32.ct"
                  o3_1 = ((p) * (v1) + (o3_1));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 4) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o4_0 = ((p) * (v0) + (o4_0));
#line 74 "templates/attn_f32.ct"
                  o4_1 = ((p) * (v1) + (o4_1));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 5) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o5_0 = ((p) * (v0) + (o5_0));
#line 74 "templates/attn_f32.ct"
                  o5_1 = ((p) * (v1) + (o5_1));
#line 76 "templates/attn_f32.ct"
                }
#line 78 "templates/attn_f32.ct"
              }
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 0) = (o0_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 1) = (o0_1));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 1) * dp + cv + 0) = (o1_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 1) * dp + cv + 1) = (o1_1));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 2) * dp + cv + 0) = (o2_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 2) * dp + cv + 1) = (o2_1));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 3) * dp + cv + 0) = (o3_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 3) * dp + cv + 1) = (o3_1));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 4) * dp + cv + 0) = (o4_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 4) * dp + cv + 1) = (o4_1));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 5) * dp + cv + 0) = (o5_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 5) * dp + cv + 1) = (o5_1));
#line 82 "templates/attn_f32.ct"
            }
#line 96 "templates/attn_f32.ct"
            for (; cv < dp; cv += 1)
#line 58 "templates/attn_f32.ct"
            {
#line 60 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 62 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 0))) * (al0));
#line 60 "templates/attn_f32.ct"
              const float al1 = (Ah[r0 + 1]);
#line 62 "templates/attn_f32.ct"
              float o1_0 = (((*(Oh + (size_t)(r0 + 1) * dp + cv + 0))) * (al1));
#line 60 "templates/attn_f32.ct"
              const float al2 = (Ah[r0 + 2]);
#line 62 "templates/attn_f32.ct"
              float o2_0 = (((*(Oh + (size_t)(r0 + 2) * dp + cv + 0))) * (al2));
#line 60 "templates/attn_f32.ct"
              const float al3 = (Ah[r0 + 3]);
#line 62 "templates/attn_f32.ct"
              float o3_0 = (((*(Oh + (size_t)(r0 + 3) * dp + cv + 0))) * (al3));
#line 60 "templates/attn_f32.ct"
              const float al4 = (Ah[r0 + 4]);
#line 62 "templates/attn_f32.ct"
              float o4_0 = (((*(Oh + (size_t)(r0 + 4) * dp + cv + 0))) * (al4));
#line 60 "templates/attn_f32.ct"
              const float al5 = (Ah[r0 + 5]);
#line 62 "templates/attn_f32.ct"
              float o5_0 = (((*(Oh + (size_t)(r0 + 5) * dp + cv + 0))) * (al5));
#line 65 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 68 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 1) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o1_0 = ((p) * (v0) + (o1_0));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 2) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o2_0 = ((p) * (v0) + (o2_0));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 3) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o3_0 = ((p) * (v0) + (o3_0));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 4) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o4_0 = ((p) * (v0) + (o4_0));
#line 76 "templates/attn_f32.ct"
                }
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 5) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o5_0 = ((p) * (v0) + (o5_0));
#line 76 "templates/attn_f32.ct"
                }
#line 78 "templates/attn_f32.ct"
              }
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 0) = (o0_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 1) * dp + cv + 0) = (o1_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 2) * dp + cv + 0) = (o2_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 3) * dp + cv + 0) = (o3_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 4) * dp + cv + 0) = (o4_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 5) * dp + cv + 0) = (o5_0));
#line 82 "templates/attn_f32.ct"
            }
#line 222 "templates/attn_f32.ct"
          }
          for (; r0 < mq; r0++) {
#line 93 "templates/attn_f32.ct"
            int cv = 0;
            for (; cv + 2 <= dp; cv += 2)
#line 58 "templates/attn_f32.ct"
            {
#line 60 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 62 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 0))) * (al0));
#line 62 "templates/attn_f32.ct"
              float o0_1 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 1))) * (al0));
#line 65 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 68 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 68 "templates/attn_f32.ct"
                const float v1 = (*(vj + 1));
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 74 "templates/attn_f32.ct"
                  o0_1 = ((p) * (v1) + (o0_1));
#line 76 "templates/attn_f32.ct"
                }
#line 78 "templates/attn_f32.ct"
              }
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 0) = (o0_0));
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 1) = (o0_1));
#line 82 "templates/attn_f32.ct"
            }
#line 96 "templates/attn_f32.ct"
            for (; cv < dp; cv += 1)
#line 58 "templates/attn_f32.ct"
            {
#line 60 "templates/attn_f32.ct"
              const float al0 = (Ah[r0 + 0]);
#line 62 "templates/attn_f32.ct"
              float o0_0 = (((*(Oh + (size_t)(r0 + 0) * dp + cv + 0))) * (al0));
#line 65 "templates/attn_f32.ct"
              const float *vj = Vb + cv;
              for (int j = 0; j < nkv; j++, vj += vrs) {
#line 68 "templates/attn_f32.ct"
                const float v0 = (*(vj + 0));
#line 71 "templates/attn_f32.ct"
                {
                  const float p = (Sh[(size_t)(r0 + 0) * 32 + j]);
#line 74 "templates/attn_f32.ct"
                  o0_0 = ((p) * (v0) + (o0_0));
#line 76 "templates/attn_f32.ct"
                }
#line 78 "templates/attn_f32.ct"
              }
#line 80 "templates/attn_f32.ct"
              (*(Oh + (size_t)(r0 + 0) * dp + cv + 0) = (o0_0));
#line 82 "templates/attn_f32.ct"
            }
#line 225 "templates/attn_f32.ct"
          }
        }
      }
      /* O / sum; a row that saw no key gets zeros and lse = -inf. */
      for (int hh = 0; hh < 1; hh++)
        for (int r = 0; r < mq; r++) {
          const int row = hh * 16 + r;
          const float l = Ls[row], inv = l > 0.0f ? 1.0f / l : 0.0f;
          const float iv = (inv);
          const float *oa = Oa + (size_t)row * dp;
          float *orow = t->o + (ptrdiff_t)(h0 + hh) * t->o_hs + (ptrdiff_t)(i0 + r) * t->o_rs;
          int c = 0;
          for (; c + 1 <= d; c += 1) (*(orow + c) = ((((*(oa + c))) * (iv))));
#line 239 "templates/attn_f32.ct"
          for (; c < d; c++) orow[c] = oa[c] * inv;
#line 241 "templates/attn_f32.ct"
          (void)c;
          if (t->lse) t->lse[(ptrdiff_t)(h0 + hh) * t->lse_hs + i0 + r] = l > 0.0f ? M[row] + log2f(l) : -INFINITY;
        }
    }
  }
}

MHA__HIDDEN const mha__kernel mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0 = {
  "attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0", MHA__ISA_SCALAR, 0, 1, 16, 32, 4, 2, 1, mha__attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0, mha__ws_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0, MHA__KV_Q8_0, MHA__KV_F32, 0
};
