/* test_layer: the multi-head attention layer (mha_layer_*) against the double-precision
 * reference layer (mha_ref_layer): embed and head sizes with tails (E 72, N 37), MHA, GQA and
 * MQA, biases on and off, explicit head_dim, cross-attention (other and equal widths), RoPE,
 * causal, 1 and 2 threads; a KV cache of every type filled over several steps equal to one
 * forward over them all; several threads sharing one layer; every GEMM kernel linked forced
 * once through a layer; and bad input, each with its code and y and the cache untouched. */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_internal.h"
#include "mha_table.h"
#include "reference.h"

static uint32_t seed = 12345u;
static float rnd(void) { /* uniform in [-1, 1) */
  seed = seed * 1664525u + 1013904223u;
  return (float)(seed >> 8) / 8388608.0f - 1.0f;
}
static float *rand_buf(size_t n, float scale) {
  float *p = malloc(n * sizeof *p);
  assert_non_null(p);
  for (size_t i = 0; i < n; i++) p[i] = scale * rnd();
  return p;
}

/* A layer's weights, resolved sizes and the layer made from them. */
typedef struct model {
  mha_layer_desc d;
  int E, Hq, Hkv, dh, kvd;
  float *in_w, *in_b, *out_w, *out_b;
  struct mha_layer *L;
} model;

static void model_make(model *m, const mha_layer_desc *d) {
  memset(m, 0, sizeof *m);
  m->d = *d;
  m->E = d->embed_dim, m->Hq = d->heads_q, m->Hkv = d->heads_kv ? d->heads_kv : d->heads_q;
  m->dh = d->head_dim ? d->head_dim : m->E / m->Hq, m->kvd = d->kv_dim ? d->kv_dim : m->E;
  const size_t nq = (size_t)m->Hq * m->dh, nkv = (size_t)m->Hkv * m->dh;
  /* Scaled like nn.Linear's init, so the scores neither vanish nor saturate the softmax. */
  m->in_w = rand_buf(nq * m->E + 2 * nkv * m->kvd, 1.0f / sqrtf((float)m->E));
  m->in_b = rand_buf(nq + 2 * nkv, 0.5f);
  m->out_w = rand_buf((size_t)m->E * nq, 1.0f / sqrtf((float)nq));
  m->out_b = rand_buf((size_t)m->E, 0.5f);
  const int rc = mha_layer_create(d, m->in_w, m->in_b, m->out_w, m->out_b, &m->L);
  if (rc) fail_msg("mha_layer_create: %s", mha_strerror(rc));
}

static void model_free(model *m) {
  mha_layer_destroy(m->L);
  free(m->in_w), free(m->in_b), free(m->out_w), free(m->out_b);
}

/* max |y - ref| over max(1, max |ref|). */
static double rel_err(const float *y, const double *ref, size_t n) {
  double e = 0.0, s = 1.0;
  for (size_t i = 0; i < n; i++) {
    const double d = fabs(y[i] - ref[i]);
    if (!(d <= e)) e = d; /* NaN sticks */
    s = fmax(s, fabs(ref[i]));
  }
  return e / s;
}

static void check_ref(const model *m, int B, int Nq, const float *x, int Nk, const float *kv_in,
                      int kv_type, const float *y, double tol, const char *what) {
  mha_layer_desc rd = m->d;
  rd.kv_type = kv_type;
  const size_t n = (size_t)B * Nq * m->E;
  double *ref = malloc(n * sizeof *ref);
  assert_non_null(ref);
  assert_int_equal(mha_ref_layer(&rd, m->in_w, m->in_b, m->out_w, m->out_b, B, Nq, x, Nk, kv_in, ref), 0);
  const double e = rel_err(y, ref, n);
  free(ref);
  if (!(e <= tol)) fail_msg("%s: error %.3g > %.3g against the reference", what, e, tol);
}

typedef struct shape {
  int E, Hq, Hkv, dh, kvd, bias, causal, rope, B, Nq, Nk, threads, cross;
} shape;

static void test_reference(void **state) {
  (void)state;
  static const shape shapes[] = {
      /* E  Hq Hkv dh kvd bias causal rope B  Nq  Nk thr cross */
      {64, 4, 0, 0, 0, 1, 0, 0, 2, 5, 0, 1, 0},     /* MHA, bias */
      {72, 3, 0, 0, 0, 0, 1, 0, 1, 37, 0, 2, 0},    /* tails: d 24, N 37 */
      {128, 8, 2, 0, 0, 0, 1, 1, 2, 17, 0, 2, 0},   /* GQA, RoPE, causal */
      {96, 4, 1, 0, 0, 1, 0, 0, 1, 9, 0, 1, 0},     /* MQA */
      {48, 2, 0, 32, 0, 1, 1, 1, 1, 11, 0, 1, 0},   /* head_dim given: Hq d != E */
      {64, 4, 2, 0, 40, 1, 0, 0, 2, 7, 13, 2, 1},   /* cross-attention, kv_dim 40 */
      {64, 4, 0, 0, 0, 1, 0, 1, 1, 5, 9, 1, 1},     /* cross, kv_dim = E: Wq ends on a panel edge */
      {60, 5, 0, 0, 0, 0, 1, 0, 2, 6, 10, 2, 1},    /* cross, kv_dim = E, Hq d = 60 */
      {36, 3, 3, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0},     /* one token */
      {64, 1, 0, 0, 0, 1, 0, 1, 1, 3, 0, 2, 0},     /* one head, 3 tokens, 2 threads: the GEMM
                                                       may cut the head (RoPE's pass again) */
  };
  for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
    const shape *s = &shapes[i];
    const mha_layer_desc d = {.embed_dim = s->E, .heads_q = s->Hq, .heads_kv = s->Hkv, .head_dim = s->dh,
                              .kv_dim = s->kvd, .bias = s->bias, .causal = s->causal,
                              .threads = s->threads, .rope = s->rope};
    model m;
    model_make(&m, &d);
    float *x = rand_buf((size_t)s->B * s->Nq * s->E, 1.0f);
    float *kv = s->cross ? rand_buf((size_t)s->B * s->Nk * m.kvd, 1.0f) : NULL;
    float *y = malloc((size_t)s->B * s->Nq * s->E * sizeof *y);
    assert_non_null(y);
    const int rc = mha_layer_forward(m.L, s->B, s->Nq, x, s->cross ? s->Nk : 0, kv, NULL, y);
    if (rc) fail_msg("shape %zu: %s", i, mha_strerror(rc));
    char what[32];
    snprintf(what, sizeof what, "shape %zu", i);
    check_ref(&m, s->B, s->Nq, x, s->Nk, kv, MHA_F32, y, 2e-5, what);
    free(x), free(kv), free(y);
    model_free(&m);
  }
}

/* A cache over steps of 17, 1, 1, 1 and 4 tokens against one forward over the 24 with a fresh
 * cache: y's rows and the cache's rows agree, and that forward agrees with the reference with
 * K and V rounded to the cache's type. Batch 2, GQA, RoPE, causal, biases. */
static void test_cache(void **state) {
  (void)state;
  enum { B = 2, N = 24, CAP = 30 };
  static const int steps[] = {17, 1, 1, 1, 4}; /* a prefill's blocks and a decode step's */
  static const double tol_step[] = {1e-5, 2e-3, 1e-2, 2e-2}, tol_ref[] = {2e-5, 2e-5, 2e-5, 2e-5};
  /* GQA with RoPE on 1 or 2 threads; and one head of 64 without RoPE on 2 threads, where a
   * decode step's GEMM blocks may hold part of a head (converted into the cache at its column). */
  for (int cfg = 0; cfg < 2 * (MHA_Q8_0 + 1); cfg++) {
    const int t = cfg % (MHA_Q8_0 + 1), one = cfg > MHA_Q8_0;
    const mha_layer_desc d = {.embed_dim = one ? 64 : 128, .heads_q = one ? 1 : 4, .heads_kv = one ? 1 : 2,
                              .bias = 1, .causal = 1, .rope = !one, .rope_theta = 500000.0f, .kv_type = t,
                              .threads = one ? 2 : t % 2 + 1};
    model m;
    model_make(&m, &d);
    const size_t rowb = mha_ref_row_bytes(t, m.dh), cbytes = (size_t)B * m.Hkv * CAP * rowb;
    float *x = rand_buf((size_t)B * N * m.E, 1.0f), *y = malloc((size_t)B * N * m.E * sizeof *y);
    float *ys = malloc((size_t)B * N * m.E * sizeof *ys), *xs = malloc((size_t)B * N * m.E * sizeof *xs);
    unsigned char *k1 = calloc(cbytes, 1), *v1 = calloc(cbytes, 1), *k2 = calloc(cbytes, 1), *v2 = calloc(cbytes, 1);
    assert_true(y && ys && xs && k1 && v1 && k2 && v2);
    mha_kv_cache full = {k1, v1, CAP, 0}, inc = {k2, v2, CAP, 0};
    assert_int_equal(mha_layer_forward(m.L, B, N, x, 0, NULL, &full, y), MHA_OK);
    check_ref(&m, B, N, x, 0, NULL, t, y, tol_ref[t], "cache, one forward");
    for (size_t st = 0, at = 0; st < sizeof steps / sizeof *steps; at += steps[st++]) {
      const int n = steps[st];
      for (int b = 0; b < B; b++) /* this step's tokens of each sequence, packed */
        memcpy(xs + (size_t)b * n * m.E, x + ((size_t)b * N + at) * m.E, (size_t)n * m.E * sizeof *x);
      float *out = malloc((size_t)B * n * m.E * sizeof *out);
      assert_non_null(out);
      assert_int_equal(mha_layer_forward(m.L, B, n, xs, 0, NULL, &inc, out), MHA_OK);
      for (int b = 0; b < B; b++)
        memcpy(ys + ((size_t)b * N + at) * m.E, out + (size_t)b * n * m.E, (size_t)n * m.E * sizeof *out);
      free(out);
      inc.len += n;
    }
    double e = 0.0, s = 1.0, ec = 0.0, sc = 1.0;
    for (size_t i = 0; i < (size_t)B * N * m.E; i++) {
      const double di = fabs(ys[i] - y[i]);
      if (!(di <= e)) e = di; /* NaN sticks */
      s = fmax(s, fabs(y[i]));
    }
    for (int b = 0; b < B * m.Hkv; b++)
      for (int r = 0; r < N; r++)
        for (int c = 0; c < m.dh; c++) {
          const size_t at = ((size_t)b * CAP + r) * rowb;
          const double dk = fabs(mha_ref_get(t, k1 + at, c) - mha_ref_get(t, k2 + at, c));
          const double dv = fabs(mha_ref_get(t, v1 + at, c) - mha_ref_get(t, v2 + at, c));
          if (!(dk <= ec)) ec = dk;
          if (!(dv <= ec)) ec = dv;
          sc = fmax(sc, fabs(mha_ref_get(t, k1 + at, c)));
        }
    if (!(e / s <= tol_step[t]) || !(ec / sc <= tol_step[t]))
      fail_msg("config %d, kv_type %d: steps differ from one forward: y %.3g, cache %.3g", cfg, t, e / s, ec / sc);
    /* Rows past the 24 are untouched. */
    for (size_t i = (size_t)N * rowb; i < (size_t)CAP * rowb; i++) assert_int_equal(k2[i], 0);
    free(x), free(y), free(ys), free(xs), free(k1), free(v1), free(k2), free(v2);
    model_free(&m);
  }
}

/* Four threads share one layer, each with its own buffers and shape. */
typedef struct job {
  model *m;
  int n;
  float *x, *y;
  int rc;
} job;
static void *run_job(void *arg) {
  job *j = arg;
  for (int rep = 0; rep < 3 && !j->rc; rep++) j->rc = mha_layer_forward(j->m->L, 1, j->n, j->x, 0, NULL, NULL, j->y);
  return NULL;
}
static void test_shared(void **state) {
  (void)state;
  const mha_layer_desc d = {.embed_dim = 64, .heads_q = 4, .heads_kv = 2, .bias = 1, .causal = 1, .rope = 1,
                            .threads = 2};
  model m;
  model_make(&m, &d);
  job jobs[4];
  pthread_t th[4];
  for (int i = 0; i < 4; i++) {
    jobs[i] = (job){&m, 3 + 7 * i, rand_buf((size_t)(3 + 7 * i) * 64, 1.0f), malloc((size_t)(3 + 7 * i) * 64 * 4), 0};
    assert_int_equal(pthread_create(&th[i], NULL, run_job, &jobs[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_int_equal(jobs[i].rc, MHA_OK);
    check_ref(&m, 1, jobs[i].n, jobs[i].x, 0, NULL, MHA_F32, jobs[i].y, 2e-5, "shared layer");
    free(jobs[i].x), free(jobs[i].y);
  }
  model_free(&m);
}

/* Every GEMM kernel linked that this CPU runs, forced (MHA_GEMM_KERNEL) through a layer with
 * tails, once prefill-sized and once a decode step. */
static void test_each_gemm(void **state) {
  (void)state;
  const mha__table *t = &mha__table_linked;
  unsigned flags;
  const int isa = mha__cpu_cap(&flags); /* MHA_CPU may cap it */
  int ran = 0;
  for (int i = 0; i < t->gemm_catalog_count; i++) {
    const mha__gemm_kernel *k = t->gemm_catalog[i];
    if (k->isa > isa || (k->needs & ~flags)) continue;
    setenv("MHA_GEMM_KERNEL", k->name, 1);
    const mha_layer_desc d = {.embed_dim = 72, .heads_q = 3, .bias = 1, .causal = 1, .rope = 1, .threads = 2};
    model m;
    model_make(&m, &d);
    for (int n = 37; n >= 1; n -= 36) {
      float *x = rand_buf((size_t)n * 72, 1.0f), *y = malloc((size_t)n * 72 * sizeof *y);
      assert_int_equal(mha_layer_forward(m.L, 1, n, x, 0, NULL, NULL, y), MHA_OK);
      check_ref(&m, 1, n, x, 0, NULL, MHA_F32, y, 2e-5, k->name);
      free(x), free(y);
    }
    model_free(&m);
    ran++;
  }
  unsetenv("MHA_GEMM_KERNEL");
  if (!ran) print_message("test_each_gemm: no GEMM kernel in the catalog that this CPU runs\n");
}

/* Bad descriptors and calls: each its code, *out NULL, y and the cache untouched. */
#define CANARY 0x5a
static void test_bad(void **state) {
  (void)state;
  static const struct {
    mha_layer_desc d;
    int code;
  } bad[] = {
      {{.embed_dim = 10, .heads_q = 3}, MHA_EEMBED},
      {{.embed_dim = 0, .heads_q = 1}, MHA_EEMBED},
      {{.embed_dim = 8, .heads_q = 2, .kv_dim = -1}, MHA_EEMBED},
      {{.embed_dim = 8, .heads_q = 0}, MHA_EHEADS},
      {{.embed_dim = 12, .heads_q = 6, .heads_kv = 4}, MHA_EGROUP},
      {{.embed_dim = 8, .heads_q = 2, .head_dim = -2}, MHA_EHEADDIM},
      {{.embed_dim = 8, .heads_q = 2, .bias = 2}, MHA_EBIAS},
      {{.embed_dim = 8, .heads_q = 2, .causal = 3}, MHA_ECAUSAL},
      {{.embed_dim = 8, .heads_q = 2, .threads = -1}, MHA_ETHREADS},
      {{.embed_dim = 6, .heads_q = 2, .rope = 1}, MHA_EROPE},           /* head_dim 3: odd */
      {{.embed_dim = 8, .heads_q = 2, .rope = 1, .rope_theta = NAN}, MHA_EROPE},
      {{.embed_dim = 8, .heads_q = 2, .rope = 1, .rope_theta = -1.0f}, MHA_EROPE},
      {{.embed_dim = 8, .heads_q = 2, .rope = 2}, MHA_EROPE},
      {{.embed_dim = 8, .heads_q = 2, .weight_type = 9}, MHA_ETYPE},
      {{.embed_dim = 8, .heads_q = 2, .weight_type = MHA_BF16}, MHA_EUNSUPPORTED}, /* no bf16 GEMM yet */
      {{.embed_dim = 8, .heads_q = 2, .weight_type = MHA_Q8_0}, MHA_ETYPE},
      {{.embed_dim = 8, .heads_q = 2, .kv_type = 4}, MHA_ETYPE},
      {{.embed_dim = 48, .heads_q = 2, .kv_type = MHA_Q8_0}, MHA_EQ8DIM},
      {{.embed_dim = 1 << 30, .heads_q = 1 << 20}, MHA_EOVERFLOW},
  };
  float w[4096] = {0};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    struct mha_layer *L = (struct mha_layer *)w;
    const int rc = mha_layer_create(&bad[i].d, w, w, w, w, &L);
    if (rc != bad[i].code) fail_msg("bad desc %zu: %s, wanted %s", i, mha_err_name(rc), mha_err_name(bad[i].code));
    assert_null(L);
    assert_string_not_equal(mha_strerror(rc), "unknown error");
  }
  const mha_layer_desc good = {.embed_dim = 8, .heads_q = 2, .bias = 1};
  struct mha_layer *L = NULL;
  assert_int_equal(mha_layer_create(&good, NULL, w, w, w, &L), MHA_ENULL);
  assert_int_equal(mha_layer_create(&good, w, w, NULL, w, &L), MHA_ENULL);
  assert_int_equal(mha_layer_create(&good, w, NULL, w, w, &L), MHA_ENULL); /* bias 1, no biases */
  assert_int_equal(mha_layer_create(NULL, w, w, w, w, &L), MHA_ENULL);
  assert_int_equal(mha_layer_create(&good, w, w, w, w, NULL), MHA_ENULL);
  assert_null(L);

  const mha_layer_desc cd = {.embed_dim = 32, .heads_q = 2, .kv_dim = 16, .bias = 1, .rope = 1};
  model self, cross;
  model_make(&self, &(mha_layer_desc){.embed_dim = 32, .heads_q = 2, .heads_kv = 1, .rope = 1, .kv_type = MHA_F16});
  model_make(&cross, &cd);
  enum { CAP = 8, N = 4 };
  float x[2 * N * 32], kv[2 * N * 16], y[2 * N * 32];
  unsigned char ck[2 * CAP * 32 * 2], cv[sizeof ck];
  for (size_t i = 0; i < sizeof x / sizeof *x; i++) x[i] = rnd();
  for (size_t i = 0; i < sizeof kv / sizeof *kv; i++) kv[i] = rnd();
  static const struct {
    int batch, nq, nk, cross, cap, len, kv_in, x, y, ck, code;
  } calls[] = {
      /* B  Nq Nk  cross cap  len kv_in x y ck */
      {1, N, 0, 0, 8, 5, 0, 1, 1, 1, MHA_ECACHE},   /* cache too small: 5 + 4 > 8 */
      {1, N, 0, 0, 8, -1, 0, 1, 1, 1, MHA_ECACHE},  /* len < 0 */
      {1, N, 0, 0, 0, 0, 0, 1, 1, 1, MHA_ECACHE},   /* capacity 0 */
      {1, N, 0, 0, 8, 0, 0, 0, 1, 1, MHA_ENULL},    /* x NULL */
      {1, N, 0, 0, 8, 0, 0, 1, 0, 1, MHA_ENULL},    /* y NULL */
      {1, N, 0, 0, 8, 0, 0, 1, 1, 0, MHA_ENULL},    /* cache->k NULL */
      {0, N, 0, 0, 8, 0, 0, 1, 1, 1, MHA_EBATCH},
      {1, 0, 0, 0, 8, 0, 0, 1, 1, 1, MHA_ESEQ},
      {1, N, 3, 0, 8, 0, 0, 1, 1, 1, MHA_EKVIN},    /* self: seq_kv neither 0 nor seq_q */
      {1, N, N, 1, 8, 0, 0, 1, 1, 1, MHA_EKVIN},    /* cross without kv_in */
      {1, N, 0, 1, 8, 0, 1, 1, 1, 1, MHA_ESEQ},     /* kv_in with seq_kv 0 */
      {2, N, N, 1, 8, 6, 1, 1, 1, 1, MHA_ECACHE},   /* cross, cache too small */
  };
  for (size_t i = 0; i < sizeof calls / sizeof *calls; i++) {
    memset(y, CANARY, sizeof y);
    memset(ck, CANARY, sizeof ck);
    memset(cv, CANARY, sizeof cv);
    mha_kv_cache c = {calls[i].ck ? ck : NULL, cv, calls[i].cap, calls[i].len};
    const model *m = calls[i].cross ? &cross : &self;
    const int rc = mha_layer_forward(m->L, calls[i].batch, calls[i].nq, calls[i].x ? x : NULL, calls[i].nk,
                                     calls[i].kv_in ? kv : NULL, &c, calls[i].y ? y : NULL);
    if (rc != calls[i].code) fail_msg("bad call %zu: %s, wanted %s", i, mha_err_name(rc), mha_err_name(calls[i].code));
    for (size_t j = 0; j < sizeof y; j++) assert_int_equal(((unsigned char *)y)[j], CANARY);
    for (size_t j = 0; j < sizeof ck; j++) assert_true(ck[j] == CANARY && cv[j] == CANARY);
    assert_int_equal(c.len, calls[i].len);
  }
  assert_int_equal(mha_layer_forward(NULL, 1, N, x, 0, NULL, NULL, y), MHA_ENULL);
  /* Rows the GEMMs cannot count (checked before anything is read). */
  assert_int_equal(mha_layer_forward(self.L, 1 << 16, 1 << 16, x, 0, NULL, NULL, y), MHA_EOVERFLOW);
  /* The same calls done right write y and the cache. */
  mha_kv_cache c = {ck, cv, CAP, 4};
  assert_int_equal(mha_layer_forward(self.L, 1, N, x, 0, NULL, &c, y), MHA_OK);
  assert_int_equal(mha_layer_forward(cross.L, 1, N, x, N, kv, NULL, y), MHA_OK);
  model_free(&self);
  model_free(&cross);
  mha_layer_destroy(NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_reference), cmocka_unit_test(test_cache),
                                     cmocka_unit_test(test_shared), cmocka_unit_test(test_each_gemm),
                                     cmocka_unit_test(test_bad)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
