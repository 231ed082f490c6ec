/* engine_decode.c: attention as an inference engine calls it while decoding a batch. Three
 * sequences of different lengths share one K/V cache with room for CAP keys each
 * ([B][Hkv][CAP][d], handed over in place through k_strides/v_strides and seq_kv_lens; the
 * rows past each length hold NaN, which the library never reads), 8 query heads on 2 KV
 * heads (GQA), head dim 64. Each step appends one key and value per sequence and runs one
 * query per sequence, causal (bottom-right), with the log-sum-exp out. The last step is
 * computed again for one sequence as two halves of its keys, merged with mha_merge_f32.
 * Every result is checked against a naive double-precision computation.
 * Build: cc -std=c11 -O2 engine_decode.c -lmha -lpthread -lm */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "mha.h"

enum { B = 3, HQ = 8, HKV = 2, D = 64, CAP = 1024, STEPS = 4 };
static const int prompt[B] = {5, 300, 777}; /* keys in the cache before the first step */
#define TOL 2e-5                            /* max |error| allowed in o and in lse */

static float kc[B][HKV][CAP][D], vc[B][HKV][CAP][D]; /* the K/V cache */
static float q[B][HQ][D], o[B][HQ][D], lse[B][HQ];   /* one query row per sequence and head */

static unsigned seed = 1;
static float rnd(void) {
  seed = seed * 1664525u + 1013904223u;
  return (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
}

/* Appends one random key and value to every KV head of sequence b, at row n. */
static void append(int b, int n) {
  for (int h = 0; h < HKV; h++)
    for (int c = 0; c < D; c++) kc[b][h][n][c] = rnd(), vc[b][h][n][c] = rnd();
}

/* The largest |error| of (o, lse) against a naive double computation over keys 0 .. n-1 of
 * sequence b (a decode query sees them all); NaN counts as infinite. */
static double naive_error(int b, int n, float (*ob)[D], const float *lb) {
  double worst = 0, *s = malloc(sizeof *s * (size_t)n);
  if (!s) return INFINITY;
  for (int h = 0; h < HQ; h++) {
    float(*kh)[D] = kc[b][h / (HQ / HKV)], (*vh)[D] = vc[b][h / (HQ / HKV)];
    double m = -INFINITY, sum = 0;
    for (int j = 0; j < n; j++) {
      double dot = 0;
      for (int c = 0; c < D; c++) dot += (double)q[b][h][c] * kh[j][c];
      s[j] = dot / sqrt((double)D);
      if (s[j] > m) m = s[j];
    }
    for (int j = 0; j < n; j++) sum += s[j] = exp(s[j] - m);
    double e = fabs(m + log(sum) - lb[h]);
    for (int c = 0; c < D; c++) {
      double acc = 0;
      for (int j = 0; j < n; j++) acc += s[j] * vh[j][c];
      const double ec = fabs(acc / sum - ob[h][c]);
      e = ec > e ? ec : e;
    }
    worst = isnan(e) ? INFINITY : e > worst ? e : worst;
  }
  free(s);
  return worst;
}

/* |a - b| at its largest over n values; NaN counts as infinite. */
static double max_diff(const float *a, const float *b, int n) {
  double worst = 0;
  for (int i = 0; i < n; i++) {
    const double e = fabs((double)a[i] - b[i]);
    worst = isnan(e) ? INFINITY : e > worst ? e : worst;
  }
  return worst;
}

static int failed(const char *what, int rc) {
  fprintf(stderr, "%s: %s (%s)\n", what, mha_strerror(rc), mha_err_name(rc));
  return 1;
}

int main(void) {
  const ptrdiff_t row = D * sizeof(float);
  int len[B], bad = 0;
  float *kf = (float *)kc, *vf = (float *)vc;
  for (size_t i = 0; i < sizeof kc / sizeof *kf; i++) kf[i] = vf[i] = NAN; /* unused rows */
  for (int b = 0; b < B; b++)
    for (len[b] = 0; len[b] < prompt[b]; len[b]++) append(b, len[b]);

  /* q and o packed ([B][Hq][1][d]); K and V strided over the cache; seq_kv is its capacity
   * and seq_kv_lens how much of it each sequence fills. */
  mha_attention_desc d = {.batch = B, .heads_q = HQ, .heads_kv = HKV, .seq_q = 1, .seq_kv = CAP,
                          .head_dim = D, .causal = 1, .layout = MHA_LAYOUT_BHSD,
                          .k_strides = {.batch = HKV * CAP * row, .head = CAP * row, .seq = row},
                          .seq_kv_lens = len, .lse = &lse[0][0]};
  d.v_strides = d.k_strides;
  printf("mha %s: decode, B=%d Hq=%d Hkv=%d d=%d, K/V cache [B][Hkv][%d][d], kernel %s\n",
         mha_version_string(), B, HQ, HKV, D, CAP, mha_kernel_name(&d) ? mha_kernel_name(&d) : "?");

  for (int step = 1; step <= STEPS; step++) {
    for (int b = 0; b < B; b++) {
      append(b, len[b]++);
      for (int h = 0; h < HQ; h++)
        for (int c = 0; c < D; c++) q[b][h][c] = rnd();
    }
    const int rc = mha_attention(&d, q, kc, vc, o);
    if (rc) return failed("decode", rc);
    double err = 0;
    for (int b = 0; b < B; b++) {
      const double e = naive_error(b, len[b], o[b], lse[b]);
      err = e > err ? e : err;
    }
    bad |= !(err <= TOL);
    printf("step %d   keys %4d %4d %4d   max error %.2e %s\n", step, len[0], len[1], len[2], err,
           err <= TOL ? "ok" : "WRONG");
  }

  /* Sequence 2 again, as two halves of its keys [0, n/2) and [n/2, n): one sequence each
   * call, the second starting n/2 rows into the cache, then merged by log-sum-exp. */
  enum { S = 2 };
  const int n = len[S], lo[1] = {n / 2}, hi[1] = {n - n / 2};
  static float o1[HQ][D], o2[HQ][D], om[HQ][D], l1[HQ], l2[HQ], lm[HQ];
  mha_attention_desc half = d;
  half.batch = 1, half.seq_kv_lens = lo, half.lse = l1;
  int rc = mha_attention(&half, q[S], kc[S], vc[S], o1);
  if (rc) return failed("first half", rc);
  half.seq_kv = CAP - n / 2, half.seq_kv_lens = hi, half.lse = l2;
  rc = mha_attention(&half, q[S], &kc[S][0][n / 2][0], &vc[S][0][n / 2][0], o2);
  if (rc) return failed("second half", rc);
  rc = mha_merge_f32(HQ, D, &o1[0][0], l1, &o2[0][0], l2, &om[0][0], lm);
  if (rc) return failed("merge", rc);
  const double e_o = max_diff(&om[0][0], &o[S][0][0], HQ * D), e_l = max_diff(lm, lse[S], HQ);
  const double e_n = naive_error(S, n, om, lm);
  const int split_bad = !(e_o <= TOL && e_l <= TOL && e_n <= TOL);
  bad |= split_bad;
  printf("split    keys [0, %d) + [%d, %d) of sequence %d, merged vs whole call: o %.2e, lse "
         "%.2e, vs naive %.2e %s\n",
         n / 2, n / 2, n, S, e_o, e_l, e_n, split_bad ? "WRONG" : "ok");
  printf("%s (tolerance %.0e)\n", bad ? "FAILED" : "all ok", TOL);
  return bad;
}
