/* test_api: the public API against the double-precision reference over a shape grid
 * (layouts, causal alignments, MHA/GQA/MQA, decode with split-KV, odd head dims,
 * threads), K/V of every type through mha_attention, mha_merge_f32, and every error path:
 * its own code, o left bit-identical. */
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

/* mha_attention with K/V of each type: fp32 inputs stored in the type, the reference on the
 * values the type holds, both layouts, threads 1 and 2 (split-KV on the decode shapes), K
 * and V misaligned. */
static const shape kv_grid[] = {
    {2, 4, 4, 33, 47, 64, 0, 0},     {1, 8, 2, 40, 100, 32, 1, 0.3f},
    {2, 2, 1, 50, 20, 128, 1, 0},    /* causal Nq > Nk: rows 0..29 see nothing */
    {1, 32, 8, 1, 1100, 128, 1, 0},  /* Llama-style GQA decode step */
    {1, 2, 1, 1, 1100, 128, 0, 0},   /* MQA decode: split-KV */
    {1, 32, 4, 3, 700, 128, 0, 0},   /* group 8, a few rows */
    {1, 2, 1, 17, 300, 96, 0, 0},    {1, 4, 2, 9, 200, 256, 1, 0},
    {1, 4, 1, 20, 90, 160, 1, 0},    /* d 160: the any-d kernels */
    {1, 3, 1, 8, 70, 7, 1, 0},       /* d 7: not for Q8_0 */
};

static void check_kv(const shape *s, int layout, int kv) {
  mha_attention_desc desc = make_desc(s, layout, 1);
  desc.kv_type = kv;
  const size_t nq = (size_t)s->b * s->hq * s->nq * s->d, rows = (size_t)s->b * s->hkv * s->nk;
  const size_t rb = mha_ref_row_bytes(kv, s->d), nk = rows * (size_t)s->d;
  const size_t off = kv == MHA_F32 ? 4 : kv == MHA_Q8_0 ? 1 : 2; /* from 64-byte alignment */
  float *q = malloc(nq * sizeof *q), *kf = malloc(nk * sizeof *kf), *vf = malloc(nk * sizeof *vf);
  float *o = malloc(nq * sizeof *o);
  unsigned char *k = malloc(rows * rb + off), *v = malloc(rows * rb + off);
  double *ref = malloc(nq * sizeof *ref);
  assert_true(q && kf && vf && o && k && v && ref);
  fill(q, nq, 1), fill(kf, nk, 2), fill(vf, nk, 3);
  for (size_t r = 0; r < rows; r++) {
    mha_ref_put(kv, kf + r * s->d, s->d, k + off + r * rb);
    mha_ref_put(kv, vf + r * s->d, s->d, v + off + r * rb);
  }
  assert_int_equal(mha_ref_attention(&desc, q, k + off, v + off, ref, NULL), 0);
  for (int threads = 1; threads <= 2; threads++) {
    for (size_t i = 0; i < nq; i++) o[i] = NAN;
    desc.threads = threads;
    const int rc = mha_attention(&desc, q, k + off, v + off, o);
    if (rc != MHA_OK) fail_msg("kv %d: %s", kv, mha_strerror(rc));
    double worst = 0;
    size_t at = 0;
    for (size_t i = 0; i < nq; i++) {
      const double e = fabs((double)o[i] - ref[i]);
      if (!(e <= worst)) worst = e, at = i;
    }
    if (!(worst <= TOL))
      fail_msg("kv %d B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d layout%d threads%d (%s): err %g at %zu",
               kv, s->b, s->hq, s->hkv, s->nq, s->nk, s->d, s->causal, layout, threads,
               mha_kernel_name(&desc), worst, at);
  }
  free(ref), free(v), free(k), free(o), free(vf), free(kf), free(q);
}

static void test_kv_types(void **st) {
  (void)st;
  for (int kv = MHA_F32; kv <= MHA_Q8_0; kv++)
    for (size_t i = 0; i < sizeof kv_grid / sizeof *kv_grid; i++)
      if (kv != MHA_Q8_0 || kv_grid[i].d % 32 == 0) {
        check_kv(&kv_grid[i], MHA_LAYOUT_BHSD, kv);
        check_kv(&kv_grid[i], MHA_LAYOUT_BSHD, kv);
      }
  /* The MQA decode step takes the split-KV path whatever the type. */
  mha_attention_desc desc = make_desc(&kv_grid[4], MHA_LAYOUT_BHSD, 2);
  for (int kv = MHA_F32; kv <= MHA_Q8_0; kv++) {
    const mha__kernel *k;
    const char *why;
    mha__plan p;
    desc.kv_type = kv;
    assert_int_equal(mha__choose(&desc, &k, &why), MHA_OK);
    assert_int_equal(k->kv_type, kv);
    mha__plan_make(&desc, k, &p);
    assert_true(p.splits > 1);
  }
}

/* Two halves of the keys, each through mha_attention with its lse from the reference
 * (natural log), merge into the whole; rows that see no key on one side or both too. */
static void test_merge(void **st) {
  (void)st;
  enum { HQ = 4, NQ = 5, NK = 300, N1 = 110, D = 64, ROWS = HQ * NQ };
  const shape whole = {1, HQ, 1, NQ, NK, D, 0, 0}, h1 = {1, HQ, 1, NQ, N1, D, 0, 0},
              h2 = {1, HQ, 1, NQ, NK - N1, D, 0, 0};
  float *q = malloc(ROWS * D * sizeof *q), *k = malloc(NK * D * sizeof *k),
        *v = malloc(NK * D * sizeof *v), *o1 = malloc(ROWS * D * sizeof *o1),
        *o2 = malloc(ROWS * D * sizeof *o2), *o = malloc(ROWS * D * sizeof *o);
  double *ref = malloc(ROWS * D * sizeof *ref), l[ROWS];
  float lse1[ROWS], lse2[ROWS], lse[ROWS];
  assert_true(q && k && v && o1 && o2 && o && ref);
  fill(q, ROWS * D, 4), fill(k, NK * D, 5), fill(v, NK * D, 6);
  mha_attention_desc d = make_desc(&h1, MHA_LAYOUT_BHSD, 1); /* one KV head: halves are contiguous */
  assert_int_equal(mha_attention(&d, q, k, v, o1), MHA_OK);
  assert_int_equal(mha_ref_attention(&d, q, k, v, ref, l), 0);
  for (int r = 0; r < ROWS; r++) lse1[r] = (float)(l[r] * M_LN2); /* the reference's is base 2 */
  d = make_desc(&h2, MHA_LAYOUT_BHSD, 1);
  assert_int_equal(mha_attention(&d, q, k + N1 * D, v + N1 * D, o2), MHA_OK);
  assert_int_equal(mha_ref_attention(&d, q, k + N1 * D, v + N1 * D, ref, l), 0);
  for (int r = 0; r < ROWS; r++) lse2[r] = (float)(l[r] * M_LN2);
  d = make_desc(&whole, MHA_LAYOUT_BHSD, 1);
  assert_int_equal(mha_ref_attention(&d, q, k, v, ref, l), 0);
  assert_int_equal(mha_merge_f32(ROWS, D, o1, lse1, o2, lse2, o, lse), MHA_OK);
  for (int i = 0; i < ROWS * D; i++)
    if (!(fabs(o[i] - ref[i]) <= TOL)) fail_msg("merged o[%d] = %g, whole %g", i, o[i], ref[i]);
  for (int r = 0; r < ROWS; r++)
    if (!(fabs(lse[r] - l[r] * M_LN2) <= 1e-5 * fmax(1.0, fabs(l[r] * M_LN2))))
      fail_msg("merged lse[%d] = %g, whole %g", r, lse[r], l[r] * M_LN2);
  /* A side that saw no key takes no part; both: zeros and -inf. In place, o = o1. */
  lse2[0] = -INFINITY, lse1[1] = -INFINITY, lse1[2] = lse2[2] = -INFINITY;
  memcpy(o, o1, ROWS * D * sizeof *o);
  assert_int_equal(mha_merge_f32(ROWS, D, o, lse1, o2, lse2, o, lse), MHA_OK);
  for (int c = 0; c < D; c++) {
    assert_true(o[c] == o1[c]);
    assert_true(o[D + c] == o2[D + c]);
    assert_true(o[2 * D + c] == 0.0f);
  }
  assert_true(lse[0] == lse1[0] && lse[1] == lse2[1] && isinf(lse[2]) && lse[2] < 0);
  assert_int_equal(mha_merge_f32(ROWS, D, o1, lse1, o2, lse2, o, NULL), MHA_OK);
  assert_int_equal(mha_merge_f32(ROWS, D, NULL, lse1, o2, lse2, o, lse), MHA_ENULL);
  assert_int_equal(mha_merge_f32(ROWS, D, o1, lse1, o2, NULL, o, lse), MHA_ENULL);
  assert_int_equal(mha_merge_f32(0, D, o1, lse1, o2, lse2, o, lse), MHA_ESEQ);
  assert_int_equal(mha_merge_f32(ROWS, 0, o1, lse1, o2, lse2, o, lse), MHA_EHEADDIM);
  free(ref), free(o), free(o2), free(o1), free(v), free(k), free(q);
}

typedef struct bad {
  int expect;
  void (*mutate)(mha_attention_desc *d);
} bad;

#define MUT(name, ...) \
  static void name(mha_attention_desc *d) { __VA_ARGS__; }
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

/* NaNs with distinct payloads: an output left untouched keeps every bit of them. */
static void sentinel(float *x, int n) {
  for (int i = 0; i < n; i++) {
    uint32_t u = 0x7fc0beefu + (uint32_t)i;
    memcpy(&x[i], &u, sizeof u);
  }
}

static void test_errors(void **st) {
  (void)st;
  const shape s = {1, 2, 1, 4, 5, 8, 1, 0};
  float q[64], k[40], v[40], o[64], keep[64];
  fill(q, 64, 1), fill(k, 40, 2), fill(v, 40, 3);
  sentinel(keep, 64);
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

/* The 0.2 fields: an unknown type, Q8_0 with a head dim not a multiple of 32, a bad value of
 * each new field, strides and overlaps, each its own code with o and lse untouched; each
 * valid setting runs (Q and O in F16 and BF16 among them). */
static const int lens_ok[1] = {3}, lens_zero[1] = {0}, lens_big[1] = {4}, lens_neg[1] = {-1};
static const float slopes[2] = {0.5f, 0.25f}, slopes_nan[2] = {0.5f, NAN}, sinks_inf[2] = {0, INFINITY};
static float lse_out[8];
static float q02[512], o02[512];
MUT(m_kv7, d->kv_type = 7)
MUT(m_kvneg, d->kv_type = -1)
MUT(m_qq8, d->q_type = MHA_Q8_0)
MUT(m_o9, d->o_type = 9)
MUT(m_q8dim, (d->kv_type = MHA_Q8_0, d->head_dim = 48))
MUT(m_winneg, d->window = -1)
MUT(m_winnocausal, (d->causal = 0, d->window = 2))
MUT(m_capnan, d->softcap = NAN)
MUT(m_capinf, d->softcap = INFINITY)
MUT(m_capneg, d->softcap = -1.0f)
MUT(m_slopenan, d->alibi_slopes = slopes_nan)
MUT(m_sinkinf, d->sinks = sinks_inf)
MUT(m_lensbig, d->seq_kv_lens = lens_big)
MUT(m_lensneg, d->seq_kv_lens = lens_neg)
MUT(m_align2, d->causal_align = 2)
MUT(m_strneg, d->k_strides.seq = -256)
MUT(m_qstr2, d->q_strides = (mha_strides){2048, 1024, 2}) /* not a multiple of a float */
MUT(m_kf16str, (d->kv_type = MHA_F16, d->k_strides = (mha_strides){0, 384, 129}))
MUT(m_orows, d->o_strides = (mha_strides){2048, 1024, 128}) /* 256-byte rows 128 apart */
MUT(m_oheads, d->o_strides = (mha_strides){2048, 512, 256}) /* head 1 starts in head 0's row 2 */
MUT(m_lse_o, d->lse = o02 + 100)
MUT(m_lse_q, d->lse = q02 + 500)
MUT(m_ctx, d->ctx = (struct mha_context *)&lse_out)
MUT(m_order, (d->causal_align = 3, d->window = -1, d->softcap = NAN)) /* EALIGN comes first */

static const bad bads02[] = {
    {MHA_ETYPE, m_kv7},          {MHA_ETYPE, m_kvneg},        {MHA_ETYPE, m_qq8},
    {MHA_ETYPE, m_o9},           {MHA_EQ8DIM, m_q8dim},
    {MHA_EWINDOW, m_winneg},     {MHA_EWINDOW, m_winnocausal},
    {MHA_ESOFTCAP, m_capnan},    {MHA_ESOFTCAP, m_capinf},    {MHA_ESOFTCAP, m_capneg},
    {MHA_ESLOPES, m_slopenan},   {MHA_ESLOPES, m_sinkinf},    {MHA_ELENS, m_lensbig},
    {MHA_ELENS, m_lensneg},      {MHA_EALIGN, m_align2},      {MHA_ESTRIDE, m_strneg},
    {MHA_ESTRIDE, m_qstr2},      {MHA_ESTRIDE, m_kf16str},    {MHA_ESTRIDE, m_orows},
    {MHA_ESTRIDE, m_oheads},     {MHA_EOVERLAP, m_lse_o},     {MHA_EOVERLAP, m_lse_q},
    {MHA_ECONTEXT, m_ctx},       {MHA_EALIGN, m_order},
};

/* Valid settings of each field, now supported. */
MUT(g_lens, d->seq_kv_lens = lens_ok)
MUT(g_lens0, d->seq_kv_lens = lens_zero)
MUT(g_align, d->causal_align = MHA_ALIGN_TOP_LEFT)
MUT(g_window, d->window = 2)
MUT(g_softcap, d->softcap = 30.0f)
MUT(g_alibi, d->alibi_slopes = slopes)
MUT(g_sinks, d->sinks = slopes)
MUT(g_lse, d->lse = lse_out)
MUT(g_qbshd, d->q_strides = (mha_strides){2048, 256, 512})
MUT(g_kcache, d->k_strides = d->v_strides = (mha_strides){0, 0, 256}) /* Hkv 1: one head, B 1 */
MUT(g_obshd, d->o_strides = (mha_strides){2048, 256, 512})
MUT(g_qshared, d->q_strides = (mha_strides){0, 0, 256}) /* both heads read the same rows */
MUT(g_qf16, d->q_type = MHA_F16)
MUT(g_obf16, d->o_type = MHA_BF16)
MUT(g_qobf16, (d->q_type = MHA_BF16, d->o_type = MHA_F16, d->kv_type = MHA_BF16))
static void (*const goods02[])(mha_attention_desc *) = {
    g_lens, g_lens0, g_align, g_window, g_softcap, g_alibi, g_sinks, g_lse, g_qbshd, g_kcache, g_obshd,
    g_qshared, g_qf16, g_obf16, g_qobf16,
};

static void test_errors_02(void **st) {
  (void)st;
  const shape s = {1, 2, 1, 4, 3, 64, 1, 0};
  static float k[192], v[192], keep[512], qkeep[512];
  fill(q02, 512, 1), fill(k, 192, 2), fill(v, 192, 3);
  memcpy(qkeep, q02, sizeof q02);
  sentinel(keep, 512);
  float *const o = o02, *const q = q02;
  for (size_t i = 0; i < sizeof bads02 / sizeof *bads02; i++) {
    mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
    bads02[i].mutate(&d);
    memcpy(o, keep, sizeof o02);
    for (int j = 0; j < 8; j++) lse_out[j] = 7.0f;
    const int rc = mha_attention(&d, q, k, v, o);
    if (rc != bads02[i].expect)
      fail_msg("0.2 case %zu: %s, wanted %s", i, mha_err_name(rc), mha_err_name(bads02[i].expect));
    assert_memory_equal(o, keep, sizeof o02);
    assert_memory_equal(q, qkeep, sizeof q02);
    for (int j = 0; j < 8; j++) assert_true(lse_out[j] == 7.0f);
    /* mha_kernel_name sees the desc alone, not where its buffers lie. */
    if (bads02[i].expect != MHA_EOVERLAP) assert_null(mha_kernel_name(&d));
  }
  /* o over q, k or v: nothing written, q included. */
  for (int which = 0; which < 3; which++) {
    mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
    float *p[3] = {q, k, v};
    const float *in[3] = {q, k, v};
    float save[512];
    const size_t n = which ? sizeof k : sizeof q02;
    memcpy(save, p[which], n);
    int rc = mha_attention(&d, in[0], in[1], in[2], p[which]);
    if (rc != MHA_EOVERLAP) fail_msg("o == input %d: %s, wanted MHA_EOVERLAP", which, mha_err_name(rc));
    assert_memory_equal(p[which], save, n);
    /* Half a row in is overlap too. */
    rc = mha_attention(&d, in[0], in[1], in[2], p[which] + 32);
    if (rc != MHA_EOVERLAP) fail_msg("o inside input %d: %s, wanted MHA_EOVERLAP", which, mha_err_name(rc));
    assert_memory_equal(p[which], save, n);
  }
  for (size_t i = 0; i < sizeof goods02 / sizeof *goods02; i++) {
    mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
    goods02[i](&d);
    const int rc = mha_attention(&d, q, k, v, o);
    if (rc != MHA_OK) fail_msg("0.2 valid case %zu: %s", i, mha_err_name(rc));
    assert_non_null(mha_kernel_name(&d));
  }
  /* mha_attention_f32 reads no type field: it is mha_attention with every type F32. */
  mha_attention_desc d = make_desc(&s, MHA_LAYOUT_BHSD, 1);
  d.kv_type = 7;
  assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_OK);
  d.kv_type = MHA_F32;
  assert_int_equal(mha_attention(NULL, q, k, v, o), MHA_ENULL);
  assert_int_equal(mha_attention(&d, q, NULL, v, o), MHA_ENULL);
  /* A caller-made context: made, used, destroyed. */
  struct mha_context *ctx = (struct mha_context *)&d;
  const mha_context_desc cd = {.threads = 2};
  assert_int_equal(mha_context_create(&cd, &ctx), MHA_OK);
  assert_non_null(ctx);
  d.ctx = ctx;
  assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_OK);
  mha_context_destroy(ctx);
  mha_context_destroy(NULL);
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
    assert_true(mha__kernel_applies(found, &d));
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strings),      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_kernel_name),
      cmocka_unit_test(test_decode_splits), cmocka_unit_test(test_grid_bhsd),
      cmocka_unit_test(test_grid_bshd),    cmocka_unit_test(test_kv_types),
      cmocka_unit_test(test_merge),        cmocka_unit_test(test_errors_02),
  };
  unsetenv("MHA_KERNEL");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
