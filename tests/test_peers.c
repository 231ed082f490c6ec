/* test_peers: the layer's peers (harness/layer_peers.h) against double-precision sums computed
 * here: oneDNN's matmul as nn.Linear (C = A W^T + b with W as nn.Linear stores it) on tails,
 * with and without bias, strided A and C; the composite layer (oneDNN projections, mhatune's
 * attention reading them in place) for MHA with biases and a causal mask, GQA with RoPE, and
 * cross-attention; torch.nn.MultiheadAttention where python3-torch is installed, and where it
 * is not (a python that cannot import torch), a clear "left out" that compare and bench go on
 * from; and bad input refused with a message. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "impl.h"
#include "layer_peers.h"
#include "reference.h"
#include "util.h"

static float *rnd(size_t n, uint32_t seed, float amp) {
  float *x = malloc(n * sizeof *x);
  assert_non_null(x);
  mha_fill(x, n, seed);
  for (size_t i = 0; i < n; i++) x[i] *= amp;
  return x;
}

/* c[m][n] = a[m][k] w[n][k]^T + b, in double. */
static void gemm_ref(int m, int n, int k, const double *a, const float *w, const float *b, double *c) {
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double s = b ? b[j] : 0;
      for (int p = 0; p < k; p++) s += a[(size_t)i * k + p] * w[(size_t)j * k + p];
      c[(size_t)i * n + j] = s;
    }
}

static double max_rel(const float *got, const double *want, size_t n) {
  double e = 0, mx = 1e-30;
  for (size_t i = 0; i < n; i++) {
    e = fmax(e, fabs(got[i] - want[i]));
    mx = fmax(mx, fabs(want[i]));
  }
  return e / mx;
}

static void test_linear(void **state) {
  (void)state;
  const int shapes[][3] = {{37, 53, 29}, {1, 96, 64}, {64, 17, 130}};
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
    for (int bias = 0; bias < 2; bias++) {
      const int m = shapes[s][0], n = shapes[s][1], k = shapes[s][2], lda = k + 3, ldc = n + 5;
      float *a = rnd((size_t)m * lda, 1, 1), *w = rnd((size_t)n * k, 2, 0.3f), *b = rnd(n, 3, 1);
      float *c = calloc((size_t)m * ldc, 4);
      double *ad = malloc((size_t)m * k * 8), *cd = malloc((size_t)m * n * 8);
      for (int i = 0; i < m; i++)
        for (int p = 0; p < k; p++) ad[(size_t)i * k + p] = a[(size_t)i * lda + p];
      gemm_ref(m, n, k, ad, w, bias ? b : NULL, cd);
      char why[512] = "";
      mha_dnnl_linear *l = NULL;
      assert_int_equal(mha_dnnl_linear_create(m, n, k, lda, ldc, 2, w, bias ? b : NULL, &l, why, sizeof why), 0);
      assert_int_equal(mha_dnnl_linear_run(l, a, c), 0);
      double e = 0, mx = 0;
      for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
          e = fmax(e, fabs(c[(size_t)i * ldc + j] - cd[(size_t)i * n + j]));
          mx = fmax(mx, fabs(cd[(size_t)i * n + j]));
        }
      if (e > 1e-5 * mx) fail_msg("linear %dx%dx%d bias %d: error %g of max %g", m, n, k, bias, e, mx);
      for (int i = 0; i < m; i++) /* the padding past each row of C is not written */
        for (int j = n; j < ldc; j++) assert_true(c[(size_t)i * ldc + j] == 0);
      assert_non_null(strstr(mha_dnnl_linear_detail(l), "oneDNN"));
      mha_dnnl_linear_destroy(l);
      free(a), free(w), free(b), free(c), free(ad), free(cd);
    }
}

static void test_linear_bad(void **state) {
  (void)state;
  char why[512] = "";
  mha_dnnl_linear *l = (mha_dnnl_linear *)1;
  float w[4] = {0};
  assert_int_equal(mha_dnnl_linear_create(0, 2, 2, 0, 0, 1, w, NULL, &l, why, sizeof why), -1);
  assert_null(l);
  assert_non_null(strstr(why, "bad shape"));
  assert_int_equal(mha_dnnl_linear_create(2, 2, 2, 0, 0, 1, NULL, NULL, &l, why, sizeof why), -1);
  mha_dnnl_linear_destroy(NULL);
}

/* The layer in double (harness/reference.c). */
static void layer_ref(const mha_layer_desc *d, int B, int nq, int nk, const float *x, const float *kv,
                      const float *w, const float *bi, const float *wo, const float *bo, double *y) {
  assert_int_equal(mha_ref_layer(d, w, d->bias ? bi : NULL, wo, d->bias ? bo : NULL, B, nq, x, nk, kv, y), 0);
}

typedef struct lcase {
  const char *what;
  mha_layer_desc d;
  int B, nq, nk;
} lcase;

static const lcase LAYERS[] = {
    {"MHA, biases, causal", {.embed_dim = 96, .heads_q = 4, .bias = 1, .causal = 1, .threads = 2}, 2, 19, 19},
    {"GQA, RoPE, no biases", {.embed_dim = 64, .heads_q = 8, .heads_kv = 2, .head_dim = 16, .rope = 1, .causal = 1, .threads = 2}, 1, 33, 33},
    {"cross-attention", {.embed_dim = 48, .heads_q = 3, .kv_dim = 40, .bias = 1, .threads = 1}, 2, 7, 23},
};

static void weights(const mha_layer_desc *d, float **w, float **b, float **wo, float **bo) {
  const int E = d->embed_dim, hq = d->heads_q, hkv = d->heads_kv ? d->heads_kv : hq, hd = d->head_dim ? d->head_dim : E / hq;
  const int kvd = d->kv_dim ? d->kv_dim : E;
  const float amp = 1 / sqrtf((float)E);
  *w = rnd((size_t)hq * hd * E + (size_t)2 * hkv * hd * kvd, 11, amp);
  *b = rnd((size_t)(hq + 2 * hkv) * hd, 12, 0.1f);
  *wo = rnd((size_t)E * hq * hd, 13, amp);
  *bo = rnd((size_t)E, 14, 0.1f);
}

static void test_composite(void **state) {
  (void)state;
  for (size_t c = 0; c < sizeof LAYERS / sizeof *LAYERS; c++) {
    const lcase *L = &LAYERS[c];
    const mha_layer_desc *d = &L->d;
    const int E = d->embed_dim, kvd = d->kv_dim ? d->kv_dim : E;
    float *w, *b, *wo, *bo, *x = rnd((size_t)L->B * L->nq * E, 21, 1);
    float *kv = d->kv_dim ? rnd((size_t)L->B * L->nk * kvd, 22, 1) : NULL;
    weights(d, &w, &b, &wo, &bo);
    const size_t ny = (size_t)L->B * L->nq * E;
    double *want = malloc(ny * 8);
    float *y = calloc(ny, 4);
    layer_ref(d, L->B, L->nq, L->nk, x, kv, w, b, wo, bo, want);
    char why[512] = "";
    mha_composite *cp = NULL;
    if (mha_composite_create(d, L->B, L->nq, L->nk, w, b, wo, bo, mha_attention, &cp, why, sizeof why) != 0)
      fail_msg("%s: %s", L->what, why);
    assert_int_equal(mha_composite_run(cp, x, kv, y), 0);
    const double e = max_rel(y, want, ny);
    if (e > 2e-5) fail_msg("composite %s: error %g of max |y|", L->what, e);
    if (d->kv_dim) assert_int_equal(mha_composite_run(cp, x, NULL, y), MHA_ENULL);
    assert_non_null(strstr(mha_composite_detail(cp), "mha_attention"));
    mha_composite_destroy(cp);
    free(w), free(b), free(wo), free(bo), free(x), free(kv), free(want), free(y);
  }
  char why[512] = "";
  mha_composite *cp = (mha_composite *)1;
  const mha_layer_desc bad = {.embed_dim = 10, .heads_q = 3};
  float w[1] = {0};
  assert_int_equal(mha_composite_create(&bad, 1, 4, 4, w, NULL, w, NULL, mha_attention, &cp, why, sizeof why), -1);
  assert_null(cp);
  assert_non_null(strstr(why, "cannot make"));
}

/* torch where it is installed: its output against the double layer, a time, its version named. */
static void test_torch(void **state) {
  (void)state;
  for (size_t c = 0; c < sizeof LAYERS / sizeof *LAYERS; c++) {
    const lcase *L = &LAYERS[c];
    const mha_layer_desc *d = &L->d;
    const int E = d->embed_dim;
    float *w, *b, *wo, *bo, *x = rnd((size_t)L->B * L->nq * E, 31, 1);
    float *kv = d->kv_dim ? rnd((size_t)L->B * L->nk * d->kv_dim, 32, 1) : NULL;
    weights(d, &w, &b, &wo, &bo);
    const size_t ny = (size_t)L->B * L->nq * E;
    double *want = malloc(ny * 8), med = 0, cv = 0;
    float *y = calloc(ny, 4);
    char why[512] = "", detail[300] = "";
    const int nk_ok = !d->kv_dim || L->nk == L->nq; /* the script passes one sequence length */
    int rc = nk_ok ? mha_torch_layer(d, L->B, L->nq, x, kv, w, b, wo, bo, 1, 0.001, 2, y, &med, &cv, detail,
                                     sizeof detail, why, sizeof why)
                   : MHA_IMPL_UNSUPPORTED;
    if (d->rope || (d->heads_kv && d->heads_kv != d->heads_q)) {
      assert_int_equal(rc, MHA_IMPL_UNSUPPORTED);
      assert_non_null(strstr(why, d->rope ? "has no RoPE" : "has no GQA"));
    } else if (rc == MHA_IMPL_UNSUPPORTED && strstr(why, "left out")) {
      print_message("note torch is not here: %s\n", why);
    } else if (nk_ok) {
      if (rc != 0) fail_msg("torch %s: %s", L->what, why);
      layer_ref(d, L->B, L->nq, L->nk, x, kv, w, b, wo, bo, want);
      const double e = max_rel(y, want, ny);
      if (e > 2e-5) fail_msg("torch %s: error %g of max |y|", L->what, e);
      assert_true(med > 0);
      assert_non_null(strstr(detail, "torch.nn.MultiheadAttention, torch "));
    }
    free(w), free(b), free(wo), free(bo), free(x), free(kv), free(want), free(y);
  }
}

/* torch absent: a python that cannot import it (site packages off), and one that is not there. */
static void test_torch_absent(void **state) {
  (void)state;
  char dir[] = "/tmp/mha-test-peers-XXXXXX", py[600];
  assert_non_null(mkdtemp(dir));
  snprintf(py, sizeof py, "%s/python", dir);
  FILE *f = fopen(py, "w");
  assert_non_null(f);
  fprintf(f, "#!/bin/sh\nexec python3 -S \"$@\"\n");
  fclose(f);
  chmod(py, 0700);
  const mha_layer_desc d = {.embed_dim = 32, .heads_q = 2, .bias = 1};
  float *w, *b, *wo, *bo, *x = rnd(32 * 4, 41, 1), y[128], keep[128];
  weights(&d, &w, &b, &wo, &bo);
  for (int i = 0; i < 128; i++) y[i] = keep[i] = 7;
  double med = -1, cv = -1;
  char why[512] = "", detail[300] = "";
  setenv("MHA_TORCH_PYTHON", py, 1);
  int rc = mha_torch_layer(&d, 1, 4, x, NULL, w, b, wo, bo, 1, 0.001, 2, y, &med, &cv, detail, sizeof detail, why, sizeof why);
  assert_int_equal(rc, MHA_IMPL_UNSUPPORTED);
  if (!strstr(why, "left out: torch is not installed") || !strstr(why, "deps.sh --torch")) fail_msg("why: %s", why);
  assert_memory_equal(y, keep, sizeof y);
  setenv("MHA_TORCH_PYTHON", "/nonexistent/python3", 1);
  rc = mha_torch_layer(&d, 1, 4, x, NULL, w, b, wo, bo, 1, 0.001, 2, y, &med, &cv, detail, sizeof detail, why, sizeof why);
  assert_int_equal(rc, MHA_IMPL_UNSUPPORTED);
  assert_non_null(strstr(why, "/nonexistent/python3 cannot run"));
  assert_memory_equal(y, keep, sizeof y);
  unsetenv("MHA_TORCH_PYTHON");
  unlink(py), rmdir(dir);
  free(w), free(b), free(wo), free(bo), free(x);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_linear),    cmocka_unit_test(test_linear_bad), cmocka_unit_test(test_composite),
      cmocka_unit_test(test_torch),     cmocka_unit_test(test_torch_absent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
