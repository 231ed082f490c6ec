/* gpt2_block.c: the attention half of a GPT-2 block (x + attn(LayerNorm(x)), causal, 12 heads
 * of 64, biases) with the mhatune layer, deterministic random weights. It runs a prompt of P
 * tokens once, filling the layer's KV cache, then decodes T tokens one at a time, each step
 * appending its K/V row to the cache and attending over all of them. The decoded steps must
 * equal one forward over the prompt and the tokens together (no cache): the largest
 * difference is printed, with each step's time. The "tokens" are random embeddings, as a
 * model's next-token embedding would be; the rest of GPT-2 (MLP, vocabulary) is not here.
 * Build: cc -std=c11 -O2 gpt2_block.c -lmha -lpthread -lm */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mha.h"

enum { E = 768, H = 12, P = 48, T = 8, N = P + T, CAP = 64 };
#define TOL 1e-4 /* max |difference| allowed between decoding and one forward */

static unsigned seed = 7;
static float rnd(void) { /* uniform in [-1, 1) */
  seed = seed * 1664525u + 1013904223u;
  return (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
}

static float *randn(size_t n, float scale) {
  float *p = malloc(n * sizeof *p);
  for (size_t i = 0; p && i < n; i++) p[i] = scale * rnd();
  return p;
}

/* GPT-2's LayerNorm over the E features of each of n rows (eps 1e-5), gain g, shift b. */
static void layer_norm(const float *x, int n, const float *g, const float *b, float *out) {
  for (int r = 0; r < n; r++, x += E, out += E) {
    double m = 0, v = 0;
    for (int i = 0; i < E; i++) m += x[i];
    m /= E;
    for (int i = 0; i < E; i++) v += (x[i] - m) * (x[i] - m);
    const double inv = 1.0 / sqrt(v / E + 1e-5);
    for (int i = 0; i < E; i++) out[i] = (float)((x[i] - m) * inv) * g[i] + b[i];
  }
}

/* y = x + attn(LayerNorm(x)) over n new tokens (with the cache, after cache->len others). */
static int block(struct mha_layer *L, const float *g, const float *b, const float *x, int n,
                 mha_kv_cache *cache, float *h, float *y) {
  layer_norm(x, n, g, b, h);
  const int rc = mha_layer_forward(L, 1, n, h, 0, NULL, cache, y);
  for (int i = 0; !rc && i < n * E; i++) y[i] += x[i];
  return rc;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(void) {
  const mha_layer_desc d = {.embed_dim = E, .heads_q = H, .bias = 1, .causal = 1, .threads = 0};
  float *in_w = randn((size_t)3 * E * E, 0.02f), *in_b = randn(3 * E, 0.02f);
  float *out_w = randn((size_t)E * E, 0.02f), *out_b = randn(E, 0.02f);
  float *g = randn(E, 0.1f), *b = randn(E, 0.1f), *x = randn((size_t)N * E, 1.0f);
  float *h = malloc(sizeof(float) * N * E), *y = malloc(sizeof(float) * N * E);
  float *full = malloc(sizeof(float) * N * E);
  float *kc = malloc(sizeof(float) * H * CAP * (E / H)), *vc = malloc(sizeof(float) * H * CAP * (E / H));
  if (!in_w || !in_b || !out_w || !out_b || !g || !b || !x || !h || !y || !full || !kc || !vc) {
    fprintf(stderr, "gpt2_block: out of memory\n");
    return 1;
  }
  for (int i = 0; i < E; i++) g[i] += 1.0f; /* gains near 1, as trained ones are */
  struct mha_layer *L;
  int rc = mha_layer_create(&d, in_w, in_b, out_w, out_b, &L);
  if (rc) {
    fprintf(stderr, "gpt2_block: mha_layer_create: %s%s\n", mha_strerror(rc),
            rc == MHA_EKERNEL ? " (this library has no GEMM kernel for the CPU)" : "");
    return 1;
  }
  mha_kv_cache cache = {kc, vc, CAP, 0};
  double t0 = now();
  rc = block(L, g, b, x, P, &cache, h, y); /* the prompt: fills the cache's first P rows */
  printf("gpt2_block: E %d, %d heads of %d; prompt of %d tokens: %.3f ms\n", E, H, E / H, P,
         1e3 * (now() - t0));
  cache.len = P;
  for (int t = 0; !rc && t < T; t++) { /* decoding: one token a step */
    t0 = now();
    rc = block(L, g, b, x + (size_t)(P + t) * E, 1, &cache, h, y + (size_t)(P + t) * E);
    printf("  token %d (cache %d): %.3f ms\n", t, cache.len + 1, 1e3 * (now() - t0));
    cache.len++;
  }
  if (!rc) rc = block(L, g, b, x, N, NULL, h, full); /* all N at once, no cache */
  if (rc) {
    fprintf(stderr, "gpt2_block: mha_layer_forward: %s\n", mha_strerror(rc));
    return 1;
  }
  double worst = 0;
  for (size_t i = 0; i < (size_t)N * E; i++) { /* a NaN makes worst NaN, and fails */
    const double e = fabs((double)y[i] - full[i]);
    if (!(e <= worst)) worst = e;
  }
  printf("gpt2_block: prompt + %d decoded tokens vs one forward over %d: max |diff| %.3g (%s)\n", T, N,
         worst, worst <= TOL ? "ok" : "FAIL");
  mha_layer_destroy(L);
  free(in_w), free(in_b), free(out_w), free(out_b), free(g), free(b), free(x), free(h), free(y);
  free(full), free(kc), free(vc);
  return worst <= TOL ? 0 : 1;
}
