/* test_api: the public API against the double-precision reference over a shape grid
 * (layouts, causal alignments, MHA/GQA/MQA, decode with split-KV, odd head dims,
 * threads), and every error path: its own code, o left bit-identical. */
#include <limits.h>
#include <math.h>
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

#define TOL 2e-5

static void fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

typedef struct shape {
  int b, hq, hkv, nq, nk, d, causal;
  float scale;
} shape;

static const shape grid[] = {
    {1, 1, 1, 1, 1, 1, 0, 0},        {2, 4, 4, 33, 47, 7, 0, 0},
    {1, 4, 2, 64, 64, 64, 1, 0},     {1, 8, 1, 17, 100, 80, 1, 0.3f},
    {2, 2, 1, 50, 20, 128, 1, 0},    /* causal Nq > Nk: rows 0..29 see nothing */
    {1, 6, 2, 5, 77, 130, 0, -0.5f}, /* group 3, d 130 */
    {1, 2, 1, 1, 4096, 128, 0, 0},   /* decode, MQA: split-KV */
    {1, 1, 1, 3, 4100, 64, 1, 0},    /* short causal prefill on a long cache: split-KV */
    {1, 4, 4, 70, 1, 1, 1, 0},       /* d 1, one key, most rows see nothing */
    {3, 2, 2, 130, 200, 32, 1, 0},
    {1, 32, 8, 1, 600, 128, 1, 0},   /* Llama-style GQA decode step */
};

static mha_attention_desc make_desc(const shape *s, int layout, int threads) {
  mha_attention_desc d = {0};
  d.batch = s->b;
  d.heads_q = s->hq;
  d.heads_kv = s->hkv;
  d.seq_q = s->nq;
  d.seq_kv = s->nk;
  d.head_dim = s->d;
  d.scale = s->scale;
  d.causal = s->causal;
  d.layout = layout;
  d.threads = threads;
  return d;
}

/* Runs one shape in one layout for threads 0, 1, 2 (2 with misaligned buffers). */
static void check_shape(const shape *s, int layout) {
  mha_attention_desc desc = make_desc(s, layout, 0);
  const size_t nq = (size_t)s->b * s->hq * s->nq * s->d, nk = (size_t)s->b * s->hkv * s->nk * s->d;
  float *q = malloc((nq + 1) * sizeof *q), *k = malloc((nk + 1) * sizeof *k);
  float *v = malloc((nk + 1) * sizeof *v), *o = malloc((nq + 1) * sizeof *o);
  double *ref = malloc(nq * sizeof *ref);
  assert_non_null(q);
  assert_non_null(k);
  assert_non_null(v);
  assert_non_null(o);
  assert_non_null(ref);
  for (int threads = 0; threads <= 2; threads++) {
    const int off = threads == 2; /* 4-byte misalignment */
    fill(q + off, nq, 1), fill(k + off, nk, 2), fill(v + off, nk, 3);
    if (threads == 0) assert_int_equal(mha_ref_attention(&desc, q, k, v, ref, NULL), 0);
    for (size_t i = 0; i < nq + 1; i++) o[i] = NAN;
    desc.threads = threads;
    int rc = mha_attention_f32(&desc, q + off, k + off, v + off, o + off);
    if (rc != MHA_OK) fail_msg("B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d layout%d threads%d: %s",
                               s->b, s->hq, s->hkv, s->nq, s->nk, s->d, s->causal, layout,
                               threads, mha_strerror(rc));
    double worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < nq; i++) {
      double e = fabs((double)o[off + i] - ref[i]);
      if (!(e <= worst)) worst = e, at = i; /* NaN counts as worst */
    }
    if (!(worst <= TOL))
      fail_msg("B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d layout%d threads%d (%s): err %g at %zu",
               s->b, s->hq, s->hkv, s->nq, s->nk, s->d, s->causal, layout, threads,
               mha_kernel_name(&desc), worst, at);
    /* Rows that see no key are exactly zero. */
    if (s->causal && s->nq > s->nk)
      for (size_t i = 0; i < nq; i++)
        if (ref[i] == 0.0 && o[off + i] != 0.0f) fail_msg("row seeing nothing is not 0 at %zu", i);
  }
  free(ref);
  free(o);
  free(v);
  free(k);
  free(q);
}

static void test_grid_bhsd(void **st) {
  (void)st;
  for (size_t i = 0; i < sizeof grid / sizeof *grid; i++) check_shape(&grid[i], MHA_LAYOUT_BHSD);
}

static void test_grid_bshd(void **st) {
  (void)st;
  for (size_t i = 0; i < sizeof grid / sizeof *grid; i++) check_shape(&grid[i], MHA_LAYOUT_BSHD);
}

/* The decode shapes of the grid really do take the split-KV path with 2 threads. */
static void test_decode_splits(void **st) {
  (void)st;
  const shape *dec[] = {&grid[6], &grid[7]};
  for (int i = 0; i < 2; i++) {
    mha_attention_desc desc = make_desc(dec[i], MHA_LAYOUT_BHSD, 2);
    const mha__kernel *k;
    const char *why;
    mha__plan p;
    assert_int_equal(mha__choose(&desc, &k, &why), MHA_OK);
    mha__plan_make(&desc, k, &p);
    assert_true(p.splits > 1);
    assert_true(p.threads == 2);
  }
}

typedef struct bad {
  int expect;
  void (*mutate)(mha_attention_desc *d);
} bad;

#define MUT(name, stmt) \
  static void name(mha_attention_desc *d) { stmt; }
MUT(m_batch0, d->batch = 0)
MUT(m_batchneg, d->batch = -3)
MUT(m_hq0, d->heads_q = 0)
MUT(m_hkv0, d->heads_kv = 0)
MUT(m_group, (d->heads_q = 6, d->heads_kv = 4))
MUT(m_nq0, d->seq_q = 0)
MUT(m_nkneg, d->seq_kv = -1)
MUT(m_d0, d->head_dim = 0)
MUT(m_nan, d->scale = NAN)
MUT(m_inf, d->scale = -INFINITY)
MUT(m_causal2, d->causal = 2)
MUT(m_layout, d->layout = 2)
MUT(m_layoutneg, d->layout = -1)
MUT(m_threads, d->threads = -1)
MUT(m_ovq, (d->batch = INT_MAX, d->heads_q = d->heads_kv = INT_MAX))   /* 2^67 bytes */
MUT(m_ovk, (d->seq_kv = INT_MAX, d->head_dim = INT_MAX))              /* 2^64 bytes of K */
MUT(m_ovbytes, (d->batch = 1 << 20, d->heads_q = 1 << 20, d->seq_q = 1 << 21, d->head_dim = 1))
/* ^ 2^61 elements fit a size_t, but 2^63 bytes do not fit a ptrdiff_t */
MUT(m_first, (d->batch = 0, d->layout = 9, d->threads = -1)) /* the first check wins */

static const bad bads[] = {
    {MHA_EBATCH, m_batch0},     {MHA_EBATCH, m_batchneg},   {MHA_EHEADS, m_hq0},
    {MHA_EHEADS, m_hkv0},       {MHA_EGROUP, m_group},      {MHA_ESEQ, m_nq0},
    {MHA_ESEQ, m_nkneg},        {MHA_EHEADDIM, m_d0},       {MHA_ESCALE, m_nan},
    {MHA_ESCALE, m_inf},        {MHA_ECAUSAL, m_causal2},   {MHA_ELAYOUT, m_layout},
    {MHA_ELAYOUT, m_layoutneg}, {MHA_ETHREADS, m_threads},  {MHA_EOVERFLOW, m_ovq},
    {MHA_EOVERFLOW, m_ovk},     {MHA_EOVERFLOW, m_ovbytes}, {MHA_EBATCH, m_first},
};

static void test_errors(void **st) {
  (void)st;
  const shape s = {1, 2, 1, 4, 5, 8, 1, 0};
  float q[64], k[40], v[40], o[64], keep[64];
  fill(q, 64, 1), fill(k, 40, 2), fill(v, 40, 3);
  for (int i = 0; i < 64; i++) {
    uint32_t u = 0x7fc0beefu + (uint32_t)i;
    memcpy(&keep[i], &u, sizeof u);
  }
  for (size_t i = 0; i < sizeof bads / sizeof *bads; i++) {
    mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
    bads[i].mutate(&d);
    memcpy(o, keep, sizeof o);
    int rc = mha_attention_f32(&d, q, k, v, o);
    if (rc != bads[i].expect)
      fail_msg("case %zu: %s, wanted %s", i, mha_err_name(rc), mha_err_name(bads[i].expect));
    assert_memory_equal(o, keep, sizeof o);
    assert_null(mha_kernel_name(&d));
  }
  mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
  const float *ptrs[4] = {q, k, v, o};
  for (int which = 0; which < 4; which++) {
    const float *p[4] = {ptrs[0], ptrs[1], ptrs[2], ptrs[3]};
    p[which] = NULL;
    memcpy(o, keep, sizeof o);
    d.batch = 0; /* NULL is checked first */
    assert_int_equal(mha_attention_f32(&d, p[0], p[1], p[2], (float *)p[3]), MHA_ENULL);
    assert_memory_equal(o, keep, sizeof o);
  }
  d.batch = 1;
  assert_int_equal(mha_attention_f32(NULL, q, k, v, o), MHA_ENULL);
  assert_null(mha_kernel_name(NULL));
  /* A forced kernel that does not exist. */
  setenv("MHA_KERNEL", "attn_f32_no_such_kernel", 1);
  memcpy(o, keep, sizeof o);
  assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_EKERNEL);
  assert_memory_equal(o, keep, sizeof o);
  unsetenv("MHA_KERNEL");
  assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_OK);
}

static void test_strings(void **st) {
  (void)st;
  static const int codes[] = {
#define CODE(name, code, msg) MHA_##name,
      MHA_ERRNO_MAP(CODE)
#undef CODE
  };
  const size_t n = sizeof codes / sizeof *codes;
  for (size_t i = 0; i < n; i++) {
    const char *m = mha_strerror(codes[i]), *nm = mha_err_name(codes[i]);
    assert_non_null(m);
    assert_non_null(nm);
    assert_string_not_equal(m, "unknown error");
    assert_true(strncmp(nm, "MHA_E", 5) == 0);
    for (size_t j = 0; j < i; j++) {
      assert_int_not_equal(codes[i], codes[j]);
      assert_string_not_equal(m, mha_strerror(codes[j]));
    }
  }
  assert_string_equal(mha_err_name(MHA_EGROUP), "MHA_EGROUP");
  assert_string_equal(mha_err_name(MHA_OK), "MHA_OK");
  const int unknown[] = {1, -999, -(int)n - 1, 12345};
  for (size_t i = 0; i < sizeof unknown / sizeof *unknown; i++) {
    assert_string_equal(mha_strerror(unknown[i]), "unknown error");
    assert_non_null(mha_err_name(unknown[i]));
  }
  assert_int_equal(mha_version(),
                   MHA_VERSION_MAJOR * 10000 + MHA_VERSION_MINOR * 100 + MHA_VERSION_PATCH);
  assert_string_equal(mha_version_string(), MHA_VERSION_STRING);
}

/* mha_kernel_name names a kernel of the linked table that applies to the shape. */
static void test_kernel_name(void **st) {
  (void)st;
  for (size_t i = 0; i < sizeof grid / sizeof *grid; i++) {
    mha_attention_desc d = make_desc(&grid[i], MHA_LAYOUT_BSHD, 1);
    const char *name = mha_kernel_name(&d);
    assert_non_null(name);
    const mha__kernel *found = NULL;
    for (int j = 0; j < mha__table_linked.catalog_count; j++)
      if (!strcmp(mha__table_linked.catalog[j]->name, name)) found = mha__table_linked.catalog[j];
    assert_non_null(found);
    assert_true(found->isa <= mha__cpu_isa());
    assert_true(mha__kernel_applies(found, d.head_dim, d.heads_q / d.heads_kv));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strings),      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_kernel_name),
      cmocka_unit_test(test_decode_splits), cmocka_unit_test(test_grid_bhsd),
      cmocka_unit_test(test_grid_bshd),
  };
  unsetenv("MHA_KERNEL");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
