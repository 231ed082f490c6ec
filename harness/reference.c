/* reference.c: double-precision attention, written for obviousness, not speed. */
#include "reference.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

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
  if (!fits(d->batch, d->heads_q, d->seq_q, d->head_dim) ||
      !fits(d->batch, d->heads_kv, d->seq_kv, d->head_dim))
    return MHA_EOVERFLOW;
  return MHA_OK;
}

/* Offset of row n, head h, batch b in a tensor of H heads and N rows. */
static size_t at(const mha_attention_desc *d, int b, int h, int n, int H, int N) {
  const size_t D = (size_t)d->head_dim;
  if (d->layout == MHA_LAYOUT_BHSD) return (((size_t)b * H + h) * N + n) * D;
  return (((size_t)b * N + n) * H + h) * D;
}

int mha_ref_attention(const mha_attention_desc *desc, const float *q, const float *k,
                      const float *v, double *o, double *lse) {
  const int rc = check(desc, q, k, v, o);
  if (rc) return rc;
  const int B = desc->batch, Hq = desc->heads_q, Hkv = desc->heads_kv;
  const int Nq = desc->seq_q, Nk = desc->seq_kv, D = desc->head_dim;
  const int G = Hq / Hkv;
  const double scale = desc->scale != 0.0f ? (double)desc->scale : 1.0 / sqrt((double)D);
  const long diag = (long)Nk - Nq;
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
          const float *kj = k + at(desc, b, h / G, (int)j, Hkv, Nk);
          double dot = 0.0;
          for (int c = 0; c < D; c++) dot += (double)qi[c] * (double)kj[c];
          s[j] = scale * dot;
          if (s[j] > m) m = s[j];
        }
        double sum = 0.0;
        for (long j = 0; j < n; j++) {
          const double p = exp(s[j] - m);
          const float *vj = v + at(desc, b, h / G, (int)j, Hkv, Nk);
          sum += p;
          for (int c = 0; c < D; c++) oi[c] += p * (double)vj[c];
        }
        for (int c = 0; c < D; c++) oi[c] /= sum;
        if (li) *li = (m + log(sum)) / M_LN2;
      }
  free(s);
  return MHA_OK;
}
