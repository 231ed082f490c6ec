/* reference.c: double-precision attention, written for obviousness, not speed. */
#include "reference.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static float f32_bits(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static double half_to_double(uint16_t h) {
  const int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  const double s = (h & 0x8000) ? -1.0 : 1.0;
  if (e == 0x1f) return m ? NAN : s * INFINITY;
  if (e == 0) return s * ldexp(m, -24);
  return s * ldexp(1024 + m, e - 25);
}

static uint16_t float_to_half(float f) {
  uint32_t x;
  memcpy(&x, &f, sizeof x);
  const uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
  const uint32_t ax = x & 0x7fffffffu;
  if (ax > 0x7f800000u) return sign | 0x7e00; /* NaN */
  if (ax >= 0x477ff000u) return sign | 0x7c00; /* rounds past 65504: inf */
  if (ax < 0x38800000u) /* below 2^-14: a subnormal half, m * 2^-24 (f * 2^24 is exact) */
    return sign | (uint16_t)lrintf(f32_bits(ax) * 16777216.0f);
  /* Rebias the exponent, then round the 13 dropped bits to nearest even. */
  return sign | (uint16_t)((ax - 0x38000000u + 0xfffu + ((ax >> 13) & 1)) >> 13);
}

size_t mha_ref_row_bytes(int type, int d) {
  switch (type) {
  case MHA_F16:
  case MHA_BF16: return 2 * (size_t)d;
  case MHA_Q8_0: return (size_t)d / 32 * 34;
  default: return 4 * (size_t)d;
  }
}

double mha_ref_get(int type, const void *row, int c) {
  const unsigned char *r = row;
  uint16_t h;
  float f;
  switch (type) {
  case MHA_F16:
    memcpy(&h, r + 2 * (size_t)c, 2);
    return half_to_double(h);
  case MHA_BF16:
    memcpy(&h, r + 2 * (size_t)c, 2);
    return f32_bits((uint32_t)h << 16);
  case MHA_Q8_0: {
    const unsigned char *b = r + (size_t)(c / 32) * 34;
    memcpy(&h, b, 2);
    return half_to_double(h) * (int8_t)b[2 + c % 32];
  }
  default:
    memcpy(&f, r + 4 * (size_t)c, 4);
    return f;
  }
}

void mha_ref_put(int type, const float *x, int d, void *row) {
  unsigned char *r = row;
  if (type == MHA_Q8_0) {
    for (int b0 = 0; b0 + 32 <= d; b0 += 32) {
      unsigned char *b = r + (size_t)(b0 / 32) * 34;
      float amax = 0.0f;
      for (int c = 0; c < 32; c++) amax = fmaxf(amax, fabsf(x[b0 + c]));
      const float s = amax / 127.0f, inv = s > 0.0f ? 1.0f / s : 0.0f;
      const uint16_t h = float_to_half(s);
      memcpy(b, &h, 2);
      for (int c = 0; c < 32; c++) b[2 + c] = (unsigned char)(int8_t)lrintf(x[b0 + c] * inv);
    }
    return;
  }
  for (int c = 0; c < d; c++) {
    uint32_t u;
    memcpy(&u, &x[c], 4);
    const uint16_t bf = (uint16_t)((u + 0x7fffu + ((u >> 16) & 1)) >> 16), h = float_to_half(x[c]);
    if (type == MHA_F16) memcpy(r + 2 * (size_t)c, &h, 2);
    else if (type == MHA_BF16) memcpy(r + 2 * (size_t)c, &bf, 2);
    else memcpy(r + 4 * (size_t)c, &x[c], 4);
  }
}

/* a * b * c * d doubles fit a ptrdiff_t. */
static int fits(int a, int b, int c, int d) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, (size_t)d, &n) &&
         !__builtin_mul_overflow(n, sizeof(double), &n) && n <= PTRDIFF_MAX;
}

/* The checks of the public entry point, in the same order, so codes agree. */
static int check(const mha_attention_desc *d, const void *q, const void *k, const void *v,
                 const void *o) {
  if (!d || !q || !k || !v || !o) return MHA_ENULL;
  if (d->batch < 1) return MHA_EBATCH;
  if (d->heads_q < 1 || d->heads_kv < 1) return MHA_EHEADS;
  if (d->heads_q % d->heads_kv) return MHA_EGROUP;
  if (d->seq_q < 1 || d->seq_kv < 1) return MHA_ESEQ;
  if (d->head_dim < 1) return MHA_EHEADDIM;
  if (!isfinite(d->scale)) return MHA_ESCALE;
  if (d->causal != 0 && d->causal != 1) return MHA_ECAUSAL;
  if (d->layout != MHA_LAYOUT_BHSD && d->layout != MHA_LAYOUT_BSHD) return MHA_ELAYOUT;
  if (d->threads < 0) return MHA_ETHREADS;
  if (d->q_type != MHA_F32 && d->q_type != MHA_F16 && d->q_type != MHA_BF16) return MHA_ETYPE;
  if (d->o_type != MHA_F32 && d->o_type != MHA_F16 && d->o_type != MHA_BF16) return MHA_ETYPE;
  if (d->kv_type < MHA_F32 || d->kv_type > MHA_Q8_0) return MHA_ETYPE;
  if (d->kv_type == MHA_Q8_0 && d->head_dim % 32) return MHA_EQ8DIM;
  if (!fits(d->batch, d->heads_q, d->seq_q, d->head_dim) ||
      !fits(d->batch, d->heads_kv, d->seq_kv, d->head_dim))
    return MHA_EOVERFLOW;
  return MHA_OK;
}

/* Index of row n, head h, batch b in a tensor of H heads and N rows. */
static size_t row(const mha_attention_desc *d, int b, int h, int n, int H, int N) {
  if (d->layout == MHA_LAYOUT_BHSD) return ((size_t)b * H + h) * N + n;
  return ((size_t)b * N + n) * H + h;
}

/* Offset, in elements, of row n, head h, batch b. */
static size_t at(const mha_attention_desc *d, int b, int h, int n, int H, int N) {
  return row(d, b, h, n, H, N) * (size_t)d->head_dim;
}

int mha_ref_attention(const mha_attention_desc *desc, const float *q, const void *k,
                      const void *v, double *o, double *lse) {
  const int rc = check(desc, q, k, v, o);
  if (rc) return rc;
  const int B = desc->batch, Hq = desc->heads_q, Hkv = desc->heads_kv;
  const int Nq = desc->seq_q, Nk = desc->seq_kv, D = desc->head_dim;
  const int G = Hq / Hkv;
  const double scale = desc->scale != 0.0f ? (double)desc->scale : 1.0 / sqrt((double)D);
  const long diag = (long)Nk - Nq;
  const size_t rb = mha_ref_row_bytes(desc->kv_type, D);
  double *s = malloc((size_t)Nk * sizeof *s);
  if (!s) return MHA_ENOMEM;

  for (int b = 0; b < B; b++)
    for (int h = 0; h < Hq; h++)
      for (int i = 0; i < Nq; i++) {
        const float *qi = q + at(desc, b, h, i, Hq, Nq);
        double *oi = o + at(desc, b, h, i, Hq, Nq);
        double *li = lse ? lse + ((size_t)b * Hq + h) * Nq + i : NULL;
        /* Keys 0..n-1 are visible. */
        long n = Nk;
        if (desc->causal) n = i + diag + 1 < Nk ? i + diag + 1 : Nk;
        for (int c = 0; c < D; c++) oi[c] = 0.0;
        if (n <= 0) {
          if (li) *li = -INFINITY;
          continue;
        }
        double m = -INFINITY;
        for (long j = 0; j < n; j++) {
          const unsigned char *kj = (const unsigned char *)k + row(desc, b, h / G, (int)j, Hkv, Nk) * rb;
          double dot = 0.0;
          for (int c = 0; c < D; c++) dot += (double)qi[c] * mha_ref_get(desc->kv_type, kj, c);
          s[j] = scale * dot;
          if (s[j] > m) m = s[j];
        }
        double sum = 0.0;
        for (long j = 0; j < n; j++) {
          const double p = exp(s[j] - m);
          const unsigned char *vj = (const unsigned char *)v + row(desc, b, h / G, (int)j, Hkv, Nk) * rb;
          sum += p;
          for (int c = 0; c < D; c++) oi[c] += p * mha_ref_get(desc->kv_type, vj, c);
        }
        for (int c = 0; c < D; c++) oi[c] /= sum;
        if (li) *li = (m + log(sum)) / M_LN2;
      }
  free(s);
  return MHA_OK;
}
