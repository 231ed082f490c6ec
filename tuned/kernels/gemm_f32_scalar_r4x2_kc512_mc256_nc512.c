/* This file was automatically generated --- DO NOT EDIT
 * by mhagen 0.1 (templates 8a695970bf2797c8).
 * Template templates/gemm_f32.ct: gemm_f32_scalar_r4x2_kc512_mc256_nc512
 * isa=scalar mr=4 nr=2 kc=512 mc=256 nc=512 */
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
#line 8 "templates/gemm_f32.ct"
#include <stddef.h>
#include "mha_kernel.h"

#line 15 "templates/gemm_f32.ct"
 static void mk4(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  float c0_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c0_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c2_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c2_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c3_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c3_1 = 0.0f;
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 4, bp += 2) {
#line 23 "templates/gemm_f32.ct"
    const float b0 = (*(bp + 0));
#line 23 "templates/gemm_f32.ct"
    const float b1 = (*(bp + 1));
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = ((a) * (b0) + (c0_0));
#line 29 "templates/gemm_f32.ct"
      c0_1 = ((a) * (b1) + (c0_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = ((a) * (b0) + (c1_0));
#line 29 "templates/gemm_f32.ct"
      c1_1 = ((a) * (b1) + (c1_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = ((a) * (b0) + (c2_0));
#line 29 "templates/gemm_f32.ct"
      c2_1 = ((a) * (b1) + (c2_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[3]);
#line 29 "templates/gemm_f32.ct"
      c3_0 = ((a) * (b0) + (c3_0));
#line 29 "templates/gemm_f32.ct"
      c3_1 = ((a) * (b1) + (c3_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 2) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const float bv0 = (*(bias + 0));
#line 40 "templates/gemm_f32.ct"
        c0_0 = ((c0_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c1_0 = ((c1_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c2_0 = ((c2_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c3_0 = ((c3_0) + (bv0));
#line 38 "templates/gemm_f32.ct"
        const float bv1 = (*(bias + 1));
#line 40 "templates/gemm_f32.ct"
        c0_1 = ((c0_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c1_1 = ((c1_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c2_1 = ((c2_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c3_1 = ((c3_1) + (bv1));
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = (c0_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = (c0_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = (c1_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = (c1_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 0) = (c2_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 1) = (c2_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 3 * ldc + 0) = (c3_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 3 * ldc + 1) = (c3_1));
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = ((((*(c + 0 * ldc + 0))) + (c0_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = ((((*(c + 0 * ldc + 1))) + (c0_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = ((((*(c + 1 * ldc + 0))) + (c1_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = ((((*(c + 1 * ldc + 1))) + (c1_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 0) = ((((*(c + 2 * ldc + 0))) + (c2_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 1) = ((((*(c + 2 * ldc + 1))) + (c2_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 3 * ldc + 0) = ((((*(c + 3 * ldc + 0))) + (c3_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 3 * ldc + 1) = ((((*(c + 3 * ldc + 1))) + (c3_1))));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[8] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 0) = (c0_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 1) = (c0_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 2) = (c1_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 3) = (c1_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 4) = (c2_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 5) = (c2_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 6) = (c3_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 7) = (c3_1));
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 2 + j];
}

#line 15 "templates/gemm_f32.ct"
 static void mk3(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  float c0_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c0_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c2_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c2_1 = 0.0f;
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 4, bp += 2) {
#line 23 "templates/gemm_f32.ct"
    const float b0 = (*(bp + 0));
#line 23 "templates/gemm_f32.ct"
    const float b1 = (*(bp + 1));
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = ((a) * (b0) + (c0_0));
#line 29 "templates/gemm_f32.ct"
      c0_1 = ((a) * (b1) + (c0_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = ((a) * (b0) + (c1_0));
#line 29 "templates/gemm_f32.ct"
      c1_1 = ((a) * (b1) + (c1_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[2]);
#line 29 "templates/gemm_f32.ct"
      c2_0 = ((a) * (b0) + (c2_0));
#line 29 "templates/gemm_f32.ct"
      c2_1 = ((a) * (b1) + (c2_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 2) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const float bv0 = (*(bias + 0));
#line 40 "templates/gemm_f32.ct"
        c0_0 = ((c0_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c1_0 = ((c1_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c2_0 = ((c2_0) + (bv0));
#line 38 "templates/gemm_f32.ct"
        const float bv1 = (*(bias + 1));
#line 40 "templates/gemm_f32.ct"
        c0_1 = ((c0_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c1_1 = ((c1_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c2_1 = ((c2_1) + (bv1));
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = (c0_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = (c0_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = (c1_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = (c1_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 0) = (c2_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 1) = (c2_1));
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = ((((*(c + 0 * ldc + 0))) + (c0_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = ((((*(c + 0 * ldc + 1))) + (c0_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = ((((*(c + 1 * ldc + 0))) + (c1_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = ((((*(c + 1 * ldc + 1))) + (c1_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 0) = ((((*(c + 2 * ldc + 0))) + (c2_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 2 * ldc + 1) = ((((*(c + 2 * ldc + 1))) + (c2_1))));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[6] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 0) = (c0_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 1) = (c0_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 2) = (c1_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 3) = (c1_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 4) = (c2_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 5) = (c2_1));
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 2 + j];
}

#line 15 "templates/gemm_f32.ct"
 static void mk2(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  float c0_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c0_1 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c1_1 = 0.0f;
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 4, bp += 2) {
#line 23 "templates/gemm_f32.ct"
    const float b0 = (*(bp + 0));
#line 23 "templates/gemm_f32.ct"
    const float b1 = (*(bp + 1));
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = ((a) * (b0) + (c0_0));
#line 29 "templates/gemm_f32.ct"
      c0_1 = ((a) * (b1) + (c0_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[1]);
#line 29 "templates/gemm_f32.ct"
      c1_0 = ((a) * (b0) + (c1_0));
#line 29 "templates/gemm_f32.ct"
      c1_1 = ((a) * (b1) + (c1_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 2) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const float bv0 = (*(bias + 0));
#line 40 "templates/gemm_f32.ct"
        c0_0 = ((c0_0) + (bv0));
#line 40 "templates/gemm_f32.ct"
        c1_0 = ((c1_0) + (bv0));
#line 38 "templates/gemm_f32.ct"
        const float bv1 = (*(bias + 1));
#line 40 "templates/gemm_f32.ct"
        c0_1 = ((c0_1) + (bv1));
#line 40 "templates/gemm_f32.ct"
        c1_1 = ((c1_1) + (bv1));
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = (c0_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = (c0_1));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = (c1_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = (c1_1));
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = ((((*(c + 0 * ldc + 0))) + (c0_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = ((((*(c + 0 * ldc + 1))) + (c0_1))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 0) = ((((*(c + 1 * ldc + 0))) + (c1_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 1 * ldc + 1) = ((((*(c + 1 * ldc + 1))) + (c1_1))));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[4] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 0) = (c0_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 1) = (c0_1));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 2) = (c1_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 3) = (c1_1));
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 2 + j];
}

#line 15 "templates/gemm_f32.ct"
 static void mk1(int kb, const float *restrict ap, const float *restrict bp,
                             float *restrict c, ptrdiff_t ldc, int nb, int first,
                             const float *restrict bias) {
#line 19 "templates/gemm_f32.ct"
  float c0_0 = 0.0f;
#line 19 "templates/gemm_f32.ct"
  float c0_1 = 0.0f;
#line 21 "templates/gemm_f32.ct"
  for (int kk = 0; kk < kb; kk++, ap += 4, bp += 2) {
#line 23 "templates/gemm_f32.ct"
    const float b0 = (*(bp + 0));
#line 23 "templates/gemm_f32.ct"
    const float b1 = (*(bp + 1));
#line 26 "templates/gemm_f32.ct"
    {
      const float a = (ap[0]);
#line 29 "templates/gemm_f32.ct"
      c0_0 = ((a) * (b0) + (c0_0));
#line 29 "templates/gemm_f32.ct"
      c0_1 = ((a) * (b1) + (c0_1));
#line 31 "templates/gemm_f32.ct"
    }
#line 33 "templates/gemm_f32.ct"
  }
  if (nb == 2) {
    if (first) {
      if (bias) {
#line 38 "templates/gemm_f32.ct"
        const float bv0 = (*(bias + 0));
#line 40 "templates/gemm_f32.ct"
        c0_0 = ((c0_0) + (bv0));
#line 38 "templates/gemm_f32.ct"
        const float bv1 = (*(bias + 1));
#line 40 "templates/gemm_f32.ct"
        c0_1 = ((c0_1) + (bv1));
#line 43 "templates/gemm_f32.ct"
      }
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = (c0_0));
#line 45 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = (c0_1));
#line 47 "templates/gemm_f32.ct"
    } else {
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 0) = ((((*(c + 0 * ldc + 0))) + (c0_0))));
#line 49 "templates/gemm_f32.ct"
      (*(c + 0 * ldc + 1) = ((((*(c + 0 * ldc + 1))) + (c0_1))));
#line 51 "templates/gemm_f32.ct"
    }
    return;
  }
  float tmp[2] __attribute__((aligned(64)));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 0) = (c0_0));
#line 56 "templates/gemm_f32.ct"
  (*(tmp + 1) = (c0_1));
#line 58 "templates/gemm_f32.ct"
  for (int i = 0; i < 1; i++)
    for (int j = 0; j < nb; j++)
      c[i * ldc + j] = (first ? (bias ? bias[j] : 0.0f) : c[i * ldc + j]) + tmp[i * 2 + j];
}

#line 64 "templates/gemm_f32.ct"
 static void mha__gemm_f32_scalar_r4x2_kc512_mc256_nc512(const mha__gemm_task *t) {
  const int m = t->m, n = t->n, k = t->k;
  const ptrdiff_t lda = t->lda, ldc = t->ldc;
  float *const ap = t->ws; /* [MC / MR][kb][MR]: A's block, k-major per micro-panel */
  if (m <= 4 && (size_t)k * 4 <= (size_t)256 * 512) {
    /* Few rows (decoding): the weights are the traffic, so each panel is read once from its
     * first row to its last (one stream, no depth blocks), A whole in ws. */
    for (int i = 0; i < m; i++)
      for (int kk = 0; kk < k; kk++) ap[(size_t)kk * 4 + i] = t->a[(ptrdiff_t)i * lda + kk];
    for (int jr = 0; jr < n; jr += 2) {
      const float *bp = (const float *)t->bp + (size_t)(jr / 2) * k * 2;
      const int nb = n - jr < 2 ? n - jr : 2;
      const float *bias = t->bias ? t->bias + jr : NULL;
      switch (m) {
#line 79 "templates/gemm_f32.ct"
      case 4: mk4(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 3: mk3(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 2: mk2(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 79 "templates/gemm_f32.ct"
      case 1: mk1(k, ap, bp, t->c + jr, ldc, nb, 1, bias); break;
#line 81 "templates/gemm_f32.ct"
      default: break;
      }
    }
    return;
  }
  for (int pc = 0; pc < k; pc += 512) {
    const int kb = k - pc < 512 ? k - pc : 512, first = pc == 0;
    for (int ic = 0; ic < m; ic += 256) {
      const int mb = m - ic < 256 ? m - ic : 256;
      for (int ir = 0; ir < mb; ir += 4) {
        const int rows = mb - ir < 4 ? mb - ir : 4;
        float *const dst = ap + (size_t)ir * kb;
        for (int i = 0; i < rows; i++) {
          const float *src = t->a + (ptrdiff_t)(ic + ir + i) * lda + pc;
          for (int kk = 0; kk < kb; kk++) dst[(size_t)kk * 4 + i] = src[kk];
        }
      }
      for (int jr = 0; jr < n; jr += 2) {
        /* Panel jr / NW holds all k rows; its depth block pc starts pc * NW floats in. */
        const float *bp = (const float *)t->bp + ((size_t)(jr / 2) * k + pc) * 2;
        const int nb = n - jr < 2 ? n - jr : 2;
        const float *bias = first && t->bias ? t->bias + jr : NULL;
        for (int ir = 0; ir < mb; ir += 4) {
          const float *a = ap + (size_t)ir * kb;
          float *c = t->c + (ptrdiff_t)(ic + ir) * ldc + jr;
          switch (mb - ir < 4 ? mb - ir : 4) {
#line 108 "templates/gemm_f32.ct"
          case 4: mk4(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 3: mk3(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 2: mk2(kb, a, bp, c, ldc, nb, first, bias); break;
#line 108 "templates/gemm_f32.ct"
          case 1: mk1(kb, a, bp, c, ldc, nb, first, bias); break;
#line 110 "templates/gemm_f32.ct"
          default: break;
          }
        }
      }
    }
  }
}

MHA__HIDDEN const mha__gemm_kernel mha__gk_gemm_f32_scalar_r4x2_kc512_mc256_nc512 = {
  "gemm_f32_scalar_r4x2_kc512_mc256_nc512", MHA__ISA_SCALAR, 4, 2, 1, 512, 256, 512, mha__gemm_f32_scalar_r4x2_kc512_mc256_nc512,
  (size_t)256 * 512, MHA__KV_F32, 0
};
