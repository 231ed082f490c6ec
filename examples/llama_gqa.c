/* llama_gqa.c: attention as Llama-3-8B runs it (32 query heads sharing 8 KV heads,
 * head dim 128, BSHD tensors): a causal prefill of a prompt, then one decode step over
 * the KV cache. Each result is checked against a naive double-precision computation.
 * Build: cc -std=c11 -O2 llama_gqa.c -lmha -lpthread -lm */
#define _POSIX_C_SOURCE 199309L /* clock_gettime */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mha.h"

enum { HQ = 32, HKV = 8, D = 128, PROMPT = 128, CACHE = 1024 };

static void fill(float *x, size_t n, unsigned seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

/* Max |o - naive| over all rows; BSHD, batch 1, causal, bottom-right aligned. */
static double naive_error(int nq, int nk, const float *q, const float *k, const float *v,
                          const float *o) {
  double worst = 0, *s = malloc(sizeof *s * (size_t)nk);
  if (!s) return INFINITY;
  for (int h = 0; h < HQ; h++)
    for (int i = 0; i < nq; i++) {
      const float *qi = q + ((size_t)i * HQ + h) * D;
      const int kh = h / (HQ / HKV), last = i + nk - nq;
      double m = -INFINITY, sum = 0;
      for (int j = 0; j <= last; j++) {
        const float *kj = k + ((size_t)j * HKV + kh) * D;
        double dot = 0;
        for (int c = 0; c < D; c++) dot += (double)qi[c] * kj[c];
        s[j] = dot / sqrt((double)D);
        if (s[j] > m) m = s[j];
      }
      for (int j = 0; j <= last; j++) sum += s[j] = exp(s[j] - m);
      for (int c = 0; c < D; c++) {
        double acc = 0;
        for (int j = 0; j <= last; j++) acc += s[j] * v[((size_t)j * HKV + kh) * D + c];
        const double e = fabs(acc / sum - o[((size_t)i * HQ + h) * D + c]);
        if (isnan(e) || e > worst) worst = e; /* a NaN, once seen, stays the worst */
      }
    }
  free(s);
  return worst;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

/* Runs one call, checks it, reports; 0 when right. */
static int step(const char *what, int nq, int nk) {
  mha_attention_desc d = {.batch = 1, .heads_q = HQ, .heads_kv = HKV, .seq_q = nq,
                          .seq_kv = nk, .head_dim = D, .causal = 1, .layout = MHA_LAYOUT_BSHD};
  const size_t nqf = (size_t)nq * HQ * D, nkf = (size_t)nk * HKV * D;
  float *q = malloc(nqf * sizeof *q), *k = malloc(nkf * sizeof *k);
  float *v = malloc(nkf * sizeof *v), *o = malloc(nqf * sizeof *o);
  int bad = 1;
  if (!q || !k || !v || !o) {
    fprintf(stderr, "%s: out of memory\n", what);
    goto out;
  }
  fill(q, nqf, 1), fill(k, nkf, 2), fill(v, nkf, 3);
  const double t0 = now();
  const int rc = mha_attention_f32(&d, q, k, v, o);
  const double t1 = now();
  if (rc != MHA_OK) {
    fprintf(stderr, "%s: %s (%s)\n", what, mha_strerror(rc), mha_err_name(rc));
    goto out;
  }
  const double err = naive_error(nq, nk, q, k, v, o);
  bad = !(err <= 2e-5);
  printf("%-8s Nq=%-4d Nk=%-5d kernel %s  %.3f ms  max error %.2e %s\n", what, nq, nk,
         mha_kernel_name(&d), (t1 - t0) * 1e3, err, bad ? "WRONG" : "ok");
out:
  free(o), free(v), free(k), free(q);
  return bad;
}

int main(void) {
  printf("mha %s: Llama-3-8B attention, Hq=%d Hkv=%d d=%d, causal, BSHD\n",
         mha_version_string(), HQ, HKV, D);
  int bad = step("prefill", PROMPT, PROMPT);
  bad |= step("decode", 1, CACHE);
  return bad;
}
