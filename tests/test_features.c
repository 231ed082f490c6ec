/* test_features: the 0.2 attention fields through mha_attention against the double reference,
 * each alone and together, with GQA, causal, both layouts, threads 1 and 0 (split-KV on the
 * decode shapes), tails (Nq/Nk 33, 47; d 64, 80, 128 and the any-d 7 and 40) and F32, F16 and
 * Q8_0 K/V: strides (a capacity cache, a fused QKV buffer, BSHD q on BHSD K/V, o through
 * strides with its gaps untouched, a K/V shared by every sequence), seq_kv_lens (NaN past
 * each length), causal_align, window, softcap, ALiBi, sinks, lse, and mha_merge_f32 of two
 * halves of the keys. A row that sees no key must be exactly zero, its lse -inf (the sink). */
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
#include "reference.h"

/* Softcap too, unloosened: its worst o error (softcap 30 at scale 4, scores near 30) is
 * 3.7e-6 on every ISA (MHA_CPU=scalar, avx2, avx512). */
#define TOL 2e-5     /* on o, absolute, as test_api */
#define LSE_TOL 1e-5 /* on lse, relative to max(1, |lse|) */

static void fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

/* ---- tensors in memory ---- */

static int strided(const mha_strides *s) { return s->batch || s->head || s->seq; }

/* The strides a tensor of H heads and N rows of `row` bytes really has: s, or packed per
 * layout when s is all zero (tuned/mha.h). */
static mha_strides eff(const mha_strides *s, int layout, int H, int N, size_t row) {
  if (strided(s)) return *s;
  const ptrdiff_t r = (ptrdiff_t)row;
  if (layout == MHA_LAYOUT_BHSD) return (mha_strides){(ptrdiff_t)H * N * r, (ptrdiff_t)N * r, r};
  return (mha_strides){(ptrdiff_t)N * H * r, r, (ptrdiff_t)H * r};
}

static ptrdiff_t at3(const mha_strides *e, int b, int h, int n) {
  return b * e->batch + h * e->head + n * e->seq;
}

/* Bytes from row (0, 0, 0) to the end of the last row (strides >= 0). */
static size_t extent(const mha_strides *e, int B, int H, int N, size_t row) {
  return (size_t)at3(e, B - 1, H - 1, N - 1) + row;
}

/* A buffer of n bytes, all 0xff: NaN in every type (an F16/BF16 NaN, a Q8_0 scale of NaN). */
static unsigned char *nan_buf(size_t n) {
  unsigned char *p = malloc(n);
  assert_non_null(p);
  memset(p, 0xff, n);
  return p;
}

/* Writes rows (b, h, n) of a tensor at base with strides e as `type`, values from seed,
 * rounded through type `via` first (F32: as drawn); with lens, rows n >= lens[b] are left
 * alone (NaN). */
static void put_rows_via(int type, int via, unsigned char *base, const mha_strides *e, int B, int H,
                         int N, int d, uint32_t seed, const int *lens) {
  float *x = malloc((size_t)d * sizeof *x);
  unsigned char *r = malloc(4 * (size_t)d);
  assert_true(x && r);
  for (int b = 0; b < B; b++)
    for (int h = 0; h < H; h++)
      for (int n = 0; n < (lens ? lens[b] : N); n++) {
        fill(x, (size_t)d, seed + 7919u * (uint32_t)((b * H + h) * N + n));
        mha_ref_put(via, x, d, r);
        for (int c = 0; c < d; c++) x[c] = (float)mha_ref_get(via, r, c);
        mha_ref_put(type, x, d, base + at3(e, b, h, n));
      }
  free(r), free(x);
}
static void put_rows(int type, unsigned char *base, const mha_strides *e, int B, int H, int N, int d,
                     uint32_t seed, const int *lens) {
  put_rows_via(type, MHA_F32, base, e, B, H, N, d, seed, lens);
}

/* ---- one call, checked ---- */

/* Keys row i of sequence b sees (tuned/mha.h's rule, written out again). */
static long seen(const mha_attention_desc *d, int b, int i) {
  const long nk = d->seq_kv_lens ? d->seq_kv_lens[b] : d->seq_kv;
  const long p = d->causal_align == MHA_ALIGN_TOP_LEFT ? i : i + nk - d->seq_q;
  long lo = 0, hi = nk;
  if (d->causal && p + 1 < hi) hi = p + 1;
  if (d->window > 0 && p - d->window + 1 > lo) lo = p - d->window + 1;
  return hi > lo ? hi - lo : 0;
}

enum { GUARD = 32, SENT = 0x5a };

/* A prepared call: the desc (strides, lens, slopes, sinks set; lse set here when want_lse),
 * q, k and v in place. check() gives o a fresh buffer through o_strides with sentinel bytes
 * around and between its rows, runs the library and the reference, and compares. */
typedef struct call {
  mha_attention_desc d;
  const void *q, *k, *v;
  const float *q32; /* NULL, or q's values as fp32 for the reference, packed per layout */
  int want_lse;
  char what[200];
} call;

static void check(call *c) {
  mha_attention_desc d = c->d;
  const int B = d.batch, Hq = d.heads_q, Nq = d.seq_q, D = d.head_dim;
  const size_t rows = (size_t)B * Hq * Nq, orow = mha_ref_row_bytes(d.o_type, D);
  const mha_strides oe = eff(&d.o_strides, d.layout, Hq, Nq, orow);
  const size_t ob = extent(&oe, B, Hq, Nq, orow);
  unsigned char *obuf = malloc(ob + 2 * GUARD), *mask = calloc(ob + 2 * GUARD, 1);
  float *lse = malloc((rows + 2) * sizeof *lse);
  double *ref = malloc(rows * D * sizeof *ref), *rl = malloc(rows * sizeof *rl);
  assert_true(obuf && mask && lse && ref && rl);
  memset(obuf, SENT, ob + 2 * GUARD);
  for (size_t r = 0; r < rows + 2; r++) lse[r] = 7.0f;
  unsigned char *o = obuf + GUARD;
  d.lse = c->want_lse ? lse + 1 : NULL;
  const char *kn = mha_kernel_name(&d);
  const char *msg = kn ? kn : "no kernel";
  mha_attention_desc dr = d; /* the reference reads fp32 Q and checks o's strides as fp32 */
  if (c->q32) dr.q_type = dr.o_type = MHA_F32, dr.q_strides = dr.o_strides = (mha_strides){0, 0, 0};
  int rc = mha_ref_attention(&dr, c->q32 ? c->q32 : c->q, c->k, c->v, ref, rl);
  if (rc) fail_msg("%s: the reference says %s", c->what, mha_err_name(rc));
  rc = mha_attention(&d, c->q, c->k, c->v, o);
  if (rc) fail_msg("%s: %s", c->what, mha_err_name(rc));
  double worst = 0;
  size_t wat = 0;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < Hq; h++)
      for (int i = 0; i < Nq; i++) {
        const size_t r = (d.layout == MHA_LAYOUT_BHSD ? ((size_t)b * Hq + h) * Nq + i
                                                      : ((size_t)b * Nq + i) * Hq + h);
        const size_t li = ((size_t)b * Hq + h) * Nq + i;
        const ptrdiff_t off = at3(&oe, b, h, i);
        memset(mask + GUARD + off, 1, orow);
        const int none = seen(&d, b, i) == 0;
        for (int x = 0; x < D; x++) {
          const double got = mha_ref_get(d.o_type, o + off, x);
          if (none && got != 0.0)
            fail_msg("%s [%s]: b%d h%d row %d sees no key, o[%d] = %g", c->what, msg, b, h, i, x, got);
          /* Past fp32's TOL, o's rounding to its type (round to nearest: at most 2^-8 relative
           * for bf16, 2^-11 for f16) and, for the kernels that multiply in bf16 (Q BF16), P
           * rounded to bf16 once (2^-8 relative per probability, so at most 2^-8 max|v| =
           * 2^-8 on these values in [-1, 1]). */
          const double u = d.o_type == MHA_BF16 ? 0x1p-8 : d.o_type == MHA_F16 ? 0x1p-11 : 0.0;
          const double e = fabs(got - ref[r * D + x]) - u * fabs(ref[r * D + x]) -
                           (d.q_type == MHA_BF16 ? 0x1p-8 : 0.0);
          if (!(e <= worst)) worst = e, wat = r * D + x; /* NaN counts as worst */
        }
        if (!c->want_lse) continue;
        const float l = lse[1 + li];
        const double want = rl[li] * M_LN2;
        if (none && !d.sinks) {
          if (!(isinf(l) && l < 0))
            fail_msg("%s [%s]: b%d h%d row %d sees no key, lse %g", c->what, msg, b, h, i, l);
        } else if (none) {
          if (!(fabs(l - d.sinks[h]) <= 1e-6))
            fail_msg("%s [%s]: b%d h%d row %d sees only the sink %g, lse %g", c->what, msg, b, h, i,
                     d.sinks[h], l);
        } else if (!(fabs(l - want) <= LSE_TOL * fmax(1.0, fabs(want)))) {
          fail_msg("%s [%s]: b%d h%d row %d lse %.9g, want %.9g", c->what, msg, b, h, i, l, want);
        }
      }
  if (!(worst <= TOL))
    fail_msg("%s [%s]: o err %g at %zu of the packed rows (want %.9g)", c->what, msg, worst, wat,
             ref[wat]);
  for (size_t x = 0; x < ob + 2 * GUARD; x++)
    if (!mask[x] && obuf[x] != SENT)
      fail_msg("%s [%s]: o's byte %td, outside every row, was written", c->what, msg,
               (ptrdiff_t)x - GUARD);
  if (lse[0] != 7.0f || lse[rows + 1] != 7.0f) fail_msg("%s: lse written outside its rows", c->what);
  free(rl), free(ref), free(lse), free(mask), free(obuf);
}

/* ---- cases: a shape, the fields, where the tensors lie ---- */

enum { KV_PACKED = 0, KV_CACHE = 1, KV_SHARED = 2 }; /* K/V: packed, [B][Hkv][2 Nk][d], batch stride 0 */
typedef struct fcase {
  int b, hq, hkv, nq, nk, d;
  int causal, align, window;
  float scale, softcap;
  int alibi, sinks, lse;
  const int *lens;
  int kv_at;   /* KV_* */
  int q_bshd;  /* q as [B][Nq][Hq][d] through strides, whatever the layout */
  int o_gaps;  /* o through strides with gaps between rows, heads and batches */
  int qo;      /* the type of q and o (0: F32) */
} fcase;

static float slopes[64], sinks[64];

static void describe(char *out, size_t n, const fcase *f, int layout, int threads, int kv) {
  static const char *const kvn[] = {"f32", "f16", "bf16", "q8_0"};
  static const char *const at_n[] = {"packed", "cache", "shared"};
  int at = snprintf(out, n,
                    "B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d align%d window%d scale%g softcap%g%s%s%s "
                    "kv %s qo %s %s%s%s layout %s threads %d",
                    f->b, f->hq, f->hkv, f->nq, f->nk, f->d, f->causal, f->align, f->window,
                    f->scale, f->softcap, f->alibi ? " alibi" : "", f->sinks ? " sinks" : "",
                    f->lse ? " lse" : "", kvn[kv], kvn[f->qo], at_n[f->kv_at], f->q_bshd ? " q-bshd" : "",
                    f->o_gaps ? " o-gaps" : "", layout ? "bshd" : "bhsd", threads);
  if (f->lens && at > 0 && (size_t)at < n) {
    at += snprintf(out + at, n - at, " lens");
    for (int b = 0; b < f->b && (size_t)at < n; b++) at += snprintf(out + at, n - at, " %d", f->lens[b]);
  }
}

/* Runs f in one layout with K/V of type kv, for threads 1 and 0. */
static void run(const fcase *f, int layout, int kv) {
  mha_attention_desc d = {.batch = f->b, .heads_q = f->hq, .heads_kv = f->hkv, .seq_q = f->nq,
                          .seq_kv = f->nk, .head_dim = f->d, .scale = f->scale,
                          .causal = f->causal, .layout = layout, .kv_type = kv,
                          .causal_align = f->align, .window = f->window, .softcap = f->softcap,
                          .seq_kv_lens = f->lens};
  for (int h = 0; h < f->hq; h++) slopes[h] = (float)exp2(-8.0 * (h + 1) / f->hq);
  if (f->alibi) d.alibi_slopes = slopes;
  if (f->sinks) d.sinks = sinks;
  d.q_type = d.o_type = f->qo;
  const size_t qrow = mha_ref_row_bytes(f->qo, f->d), kvrow = mha_ref_row_bytes(kv, f->d);
  if (f->q_bshd)
    d.q_strides = (mha_strides){(ptrdiff_t)f->nq * f->hq * qrow, qrow, (ptrdiff_t)f->hq * qrow};
  if (f->kv_at == KV_CACHE) /* [B][Hkv][cap][d], cap = 2 Nk */
    d.k_strides = d.v_strides = (mha_strides){(ptrdiff_t)f->hkv * 2 * f->nk * kvrow,
                                              (ptrdiff_t)2 * f->nk * kvrow, kvrow};
  if (f->kv_at == KV_SHARED) { /* one sequence's K/V (packed per layout) for every batch */
    d.k_strides = eff(&d.k_strides, layout, f->hkv, f->nk, kvrow);
    d.k_strides.batch = 0;
    d.v_strides = d.k_strides;
  }
  if (f->o_gaps) { /* rows padded by 3 floats, a head or row gap of 16 bytes, a batch gap of 64 */
    const ptrdiff_t pitch = (ptrdiff_t)qrow + 12;
    if (layout == MHA_LAYOUT_BHSD) d.o_strides.seq = pitch, d.o_strides.head = f->nq * pitch + 16;
    else d.o_strides.head = pitch, d.o_strides.seq = f->hq * pitch + 16;
    d.o_strides.batch = (ptrdiff_t)f->hq * f->nq * pitch + (f->hq + f->nq) * 16 + 64;
  }
  const mha_strides qe = eff(&d.q_strides, layout, f->hq, f->nq, qrow);
  const mha_strides ke = eff(&d.k_strides, layout, f->hkv, f->nk, kvrow);
  const size_t qb = extent(&qe, f->b, f->hq, f->nq, qrow);
  /* K/V rows up to the capacity, so the spare rows are NaN, never read. */
  const size_t kb = f->kv_at == KV_CACHE ? extent(&ke, f->b, f->hkv, 2 * f->nk, kvrow)
                                         : extent(&ke, f->b, f->hkv, f->nk, kvrow);
  /* Misaligned by an element (q by a float) from malloc's alignment. */
  const size_t kvoff = kv == MHA_F32 ? 4 : kv == MHA_Q8_0 ? 1 : 2;
  unsigned char *q = nan_buf(qb + 4), *k = nan_buf(kb + kvoff), *v = nan_buf(kb + kvoff);
  put_rows(f->qo, q + 4, &qe, f->b, f->hq, f->nq, f->d, 11, NULL);
  /* Q of another type: the reference gets its values, rounded, as packed fp32. */
  float *q32 = NULL;
  if (f->qo != MHA_F32) {
    const size_t n = (size_t)f->b * f->hq * f->nq * f->d;
    q32 = malloc(n * sizeof *q32);
    assert_non_null(q32);
    const mha_strides pe = eff(&(mha_strides){0, 0, 0}, layout, f->hq, f->nq, 4 * (size_t)f->d);
    put_rows_via(MHA_F32, f->qo, (unsigned char *)q32, &pe, f->b, f->hq, f->nq, f->d, 11, NULL);
  }
  const int B_kv = f->kv_at == KV_SHARED ? 1 : f->b;
  put_rows(kv, k + kvoff, &ke, B_kv, f->hkv, f->nk, f->d, 23, f->lens);
  put_rows(kv, v + kvoff, &ke, B_kv, f->hkv, f->nk, f->d, 37, f->lens);
  call c = {.d = d, .q = q + 4, .k = k + kvoff, .v = v + kvoff, .q32 = q32, .want_lse = f->lse};
  for (int threads = 1; threads >= 0; threads--) {
    c.d.threads = threads;
    describe(c.what, sizeof c.what, f, layout, threads, kv);
    check(&c);
  }
  free(q32), free(v), free(k), free(q);
}

/* Every layout and every type (Q8_0 when d allows) of each case. */
static void run_all(const fcase *f, size_t n) {
  static const int kvs[] = {MHA_F32, MHA_F16, MHA_Q8_0};
  for (size_t i = 0; i < n; i++)
    for (int layout = MHA_LAYOUT_BHSD; layout <= MHA_LAYOUT_BSHD; layout++)
      for (size_t t = 0; t < sizeof kvs / sizeof *kvs; t++)
        if (kvs[t] != MHA_Q8_0 || f[i].d % 32 == 0) run(&f[i], layout, kvs[t]);
}
#define RUN_ALL(cases) run_all(cases, sizeof cases / sizeof *cases)

/* ---- the features ---- */

static const int lens3[3] = {47, 5, 0}, lens3d[3] = {1100, 700, 0}, lens3t[3] = {33, 20, 0};
static const int lens1d[1] = {900}; /* B 1: a decode that splits the keys even on two cores */

/* A K/V cache with capacity 2 Nk (its spare rows NaN), packed or cached K/V under BSHD q, o
 * through strides with gaps, a K/V every sequence shares. */
static void test_strides(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .kv_at = KV_CACHE},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 47, .nk = 47, .d = 128, .causal = 1, .kv_at = KV_CACHE},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 33, .nk = 47, .d = 80, .causal = 1, .kv_at = KV_CACHE},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .kv_at = KV_CACHE}, /* split-KV */
      {.b = 2, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 64, .causal = 1, .q_bshd = 1, .o_gaps = 1},
      {.b = 2, .hq = 4, .hkv = 2, .nq = 33, .nk = 47, .d = 7, .q_bshd = 1, .kv_at = KV_CACHE, .o_gaps = 1},
      {.b = 2, .hq = 8, .hkv = 2, .nq = 47, .nk = 33, .d = 40, .causal = 1, .o_gaps = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 64, .o_gaps = 1, .lse = 1},
      {.b = 3, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 64, .causal = 1, .kv_at = KV_SHARED},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .kv_at = KV_SHARED, .q_bshd = 1},
  };
  RUN_ALL(f);
}

/* A fused QKV buffer [B][N][3][H][d] (F32), q, k and v pointers into it; o packed or gapped. */
static void run_fused(int B, int H, int N, int D, int causal, int layout, int o_gaps) {
  const ptrdiff_t row = 4 * (ptrdiff_t)D, tok = 3 * H * row;
  const mha_strides s = {N * tok, row, tok};
  unsigned char *buf = nan_buf((size_t)B * N * tok);
  put_rows(MHA_F32, buf, &s, B, H, N, D, 5, NULL);
  put_rows(MHA_F32, buf + H * row, &s, B, H, N, D, 6, NULL);
  put_rows(MHA_F32, buf + 2 * H * row, &s, B, H, N, D, 7, NULL);
  call c = {.d = {.batch = B, .heads_q = H, .heads_kv = H, .seq_q = N, .seq_kv = N, .head_dim = D,
                  .causal = causal, .layout = layout, .q_strides = s, .k_strides = s, .v_strides = s},
            .q = buf, .k = buf + H * row, .v = buf + 2 * H * row, .want_lse = 1};
  if (o_gaps) c.d.o_strides = (mha_strides){N * (H * row + 32), row, H * row + 32};
  for (int threads = 1; threads >= 0; threads--) {
    c.d.threads = threads;
    snprintf(c.what, sizeof c.what, "fused QKV B%d H%d N%d d%d causal%d layout %d o-gaps %d threads %d", B,
             H, N, D, causal, layout, o_gaps, threads);
    check(&c);
  }
  free(buf);
}

static void test_strides_fused(void **st) {
  (void)st;
  static const int dims[] = {64, 80, 128, 7};
  for (size_t i = 0; i < sizeof dims / sizeof *dims; i++)
    for (int causal = 0; causal <= 1; causal++)
      for (int layout = 0; layout <= 1; layout++) run_fused(2, 4, 33, dims[i], causal, layout, (int)i & 1);
  run_fused(1, 2, 300, 64, 1, MHA_LAYOUT_BSHD, 1);
}

/* A padded batch: lens {Nk, 5, 0} with NaN in every K/V row past a sequence's length; causal
 * bottom-right aligns on the sequence's own length; a length of 0: zeros and lse -inf. */
static void test_lens(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 3, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .lens = lens3, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .causal = 1, .lens = lens3, .lse = 1},
      {.b = 3, .hq = 4, .hkv = 1, .nq = 47, .nk = 47, .d = 80, .causal = 1, .lens = lens3, .lse = 1},
      {.b = 3, .hq = 4, .hkv = 4, .nq = 17, .nk = 47, .d = 7, .causal = 1, .align = MHA_ALIGN_TOP_LEFT,
       .lens = lens3, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .causal = 1, .lens = lens3d, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 3, .nk = 1100, .d = 64, .lens = lens3d, .kv_at = KV_CACHE, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .causal = 1, .lens = lens1d, .lse = 1},
  };
  RUN_ALL(f);
}

/* Top-left against bottom-right with Nq < Nk and Nq > Nk (bottom-right rows that see nothing). */
static void test_align(void **st) {
  (void)st;
  fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .causal = 1, .lse = 1},
      {.b = 2, .hq = 8, .hkv = 2, .nq = 47, .nk = 33, .d = 64, .causal = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 47, .nk = 33, .d = 80, .causal = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 40, .causal = 1},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 70, .nk = 20, .d = 128, .causal = 1, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 5, .nk = 1100, .d = 128, .causal = 1, .lse = 1},
  };
  for (int a = MHA_ALIGN_BOTTOM_RIGHT; a <= MHA_ALIGN_TOP_LEFT; a++) {
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) f[i].align = a;
    RUN_ALL(f);
  }
}

/* Windows of 1, 3 and more than Nk, prefill and decode (Nk 3000, window 512, split-KV). */
static void test_window(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 1, .hq = 8, .hkv = 2, .nq = 47, .nk = 47, .d = 64, .causal = 1, .window = 1, .lse = 1},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 47, .nk = 47, .d = 64, .causal = 1, .window = 3},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 33, .nk = 47, .d = 80, .causal = 1, .window = 3, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 128, .causal = 1, .window = 100},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 47, .nk = 33, .d = 7, .causal = 1, .window = 3, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 47, .nk = 33, .d = 40, .causal = 1, .window = 5,
       .align = MHA_ALIGN_TOP_LEFT, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 300, .nk = 300, .d = 64, .causal = 1, .window = 64},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 3000, .d = 128, .causal = 1, .window = 512, .lse = 1},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 4, .nk = 3000, .d = 64, .causal = 1, .window = 512, .kv_at = KV_CACHE},
  };
  RUN_ALL(f);
}

/* Softcap 30 and 2, with scales large enough that it bites (scores up to ~30 before it). */
static void test_softcap(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .scale = 4, .softcap = 30, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 47, .nk = 47, .d = 128, .causal = 1, .scale = 1, .softcap = 2,
       .lse = 1},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 33, .nk = 47, .d = 80, .scale = 1, .softcap = 2},
      {.b = 1, .hq = 4, .hkv = 2, .nq = 33, .nk = 47, .d = 7, .causal = 1, .scale = 3, .softcap = 2},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .scale = 2, .softcap = 30, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 64, .softcap = 50}, /* barely bites */
  };
  RUN_ALL(f);
}

/* ALiBi, per head 2^(-8 (h + 1) / H), causal or not, both alignments. */
static void test_alibi(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .alibi = 1, .lse = 1},
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .alibi = 1, .align = MHA_ALIGN_TOP_LEFT},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 47, .nk = 47, .d = 80, .causal = 1, .alibi = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 47, .nk = 33, .d = 7, .causal = 1, .alibi = 1,
       .align = MHA_ALIGN_TOP_LEFT},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .causal = 1, .alibi = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 300, .nk = 300, .d = 64, .causal = 1, .alibi = 1},
  };
  RUN_ALL(f);
}

/* Sinks, including rows that see no key (o zeros, lse the sink). */
static void test_sinks(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .sinks = 1, .lse = 1},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 50, .nk = 20, .d = 128, .causal = 1, .sinks = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 47, .nk = 33, .d = 80, .causal = 1, .sinks = 1},
      {.b = 1, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 40, .causal = 1, .sinks = 1, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .sinks = 1, .lens = lens3d, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 64, .sinks = 1, .lens = lens1d, .lse = 1},
  };
  RUN_ALL(f);
}

/* lse out alone: rows that see no key get exactly -inf; the split-KV decode merges it. */
static void test_lse(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 2, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .lse = 1},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 50, .nk = 20, .d = 128, .causal = 1, .lse = 1},
      {.b = 1, .hq = 4, .hkv = 4, .nq = 47, .nk = 47, .d = 7, .causal = 1, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .lse = 1},
      {.b = 1, .hq = 2, .hkv = 1, .nq = 3, .nk = 4100, .d = 64, .causal = 1, .lse = 1},
  };
  RUN_ALL(f);
}

/* Fields together: window + ALiBi + sinks + lse; softcap + lens + GQA (+ Q8_0 among the
 * types); a capacity cache with lens and a window; everything at once. */
static void test_combos(void **st) {
  (void)st;
  const fcase f[] = {
      {.b = 1, .hq = 8, .hkv = 2, .nq = 47, .nk = 47, .d = 64, .causal = 1, .window = 3, .alibi = 1,
       .sinks = 1, .lse = 1},
      {.b = 2, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 80, .causal = 1, .window = 16, .alibi = 1,
       .sinks = 1, .lse = 1, .align = MHA_ALIGN_TOP_LEFT},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 3000, .d = 128, .causal = 1, .window = 512, .alibi = 1,
       .sinks = 1, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .scale = 1, .softcap = 2, .lens = lens3,
       .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .causal = 1, .scale = 2, .softcap = 30,
       .lens = lens3d, .lse = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 64, .causal = 1, .scale = 2, .softcap = 30,
       .alibi = 1, .sinks = 1, .lens = lens1d, .kv_at = KV_CACHE, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 64, .causal = 1, .window = 256, .lens = lens3d,
       .kv_at = KV_CACHE, .lse = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 33, .nk = 47, .d = 64, .causal = 1, .window = 7, .scale = 1,
       .softcap = 5, .alibi = 1, .sinks = 1, .lens = lens3t, .kv_at = KV_CACHE, .q_bshd = 1, .o_gaps = 1,
       .lse = 1},
      {.b = 3, .hq = 4, .hkv = 1, .nq = 33, .nk = 47, .d = 40, .causal = 1, .window = 9, .softcap = 20,
       .alibi = 1, .sinks = 1, .lens = lens3, .align = MHA_ALIGN_TOP_LEFT, .o_gaps = 1, .lse = 1},
  };
  RUN_ALL(f);
}

/* Q and O in F16 and BF16 with every K/V type: Q widened to fp32 for the fp32 kernels (or
 * read as it is by the bf16 ones: Q and K/V BF16, more than a few rows), O narrowed after the
 * fields (sinks, lse) are applied in fp32; through strides, split-KV, the prefill path and
 * the decode path. */
static void test_qo_types(void **st) {
  (void)st;
  static const int kvs[] = {MHA_F32, MHA_F16, MHA_BF16, MHA_Q8_0};
  static const int qos[] = {MHA_F16, MHA_BF16};
  fcase f[] = {
      {.b = 1, .hq = 4, .hkv = 2, .nq = 150, .nk = 150, .d = 128, .causal = 1},
      {.b = 2, .hq = 2, .hkv = 1, .nq = 37, .nk = 301, .d = 64, .lse = 1, .sinks = 1},
      {.b = 1, .hq = 2, .hkv = 2, .nq = 70, .nk = 99, .d = 80, .causal = 1, .window = 20, .alibi = 1,
       .softcap = 20, .q_bshd = 1, .o_gaps = 1},
      {.b = 1, .hq = 8, .hkv = 2, .nq = 1, .nk = 1100, .d = 128, .causal = 1, .lse = 1, .sinks = 1},
      {.b = 3, .hq = 8, .hkv = 2, .nq = 3, .nk = 1100, .d = 64, .causal = 1, .lens = lens3d,
       .kv_at = KV_CACHE, .lse = 1, .o_gaps = 1},
      {.b = 1, .hq = 3, .hkv = 1, .nq = 40, .nk = 40, .d = 40, .causal = 1},
  };
  for (size_t i = 0; i < sizeof f / sizeof *f; i++)
    for (size_t a = 0; a < sizeof qos / sizeof *qos; a++)
      for (size_t t = 0; t < sizeof kvs / sizeof *kvs; t++) {
        f[i].qo = qos[a];
        if (kvs[t] != MHA_Q8_0 || f[i].d % 32 == 0) run(&f[i], (int)(i + t) % 2, kvs[t]);
      }
}

/* mha_merge_f32 of two halves of the keys gives the whole call's o and lse: the first half by
 * seq_kv_lens on the whole cache, the second by pointers N1 rows in (K/V [B][Hkv][Nk][d]
 * through strides), each with its lse. */
static void run_merge(int B, int Hq, int Hkv, int Nq, int Nk, int N1, int D, int kv, int threads) {
  const size_t rows = (size_t)B * Hq * Nq, row = mha_ref_row_bytes(kv, D);
  const mha_strides s = {(ptrdiff_t)Hkv * Nk * row, (ptrdiff_t)Nk * row, (ptrdiff_t)row};
  unsigned char *k = nan_buf((size_t)B * Hkv * Nk * row), *v = nan_buf((size_t)B * Hkv * Nk * row);
  float *q = malloc(rows * D * 4), *o1 = malloc(rows * D * 4), *o2 = malloc(rows * D * 4),
        *o = malloc(rows * D * 4), *ow = malloc(rows * D * 4), *l1 = malloc(rows * 4),
        *l2 = malloc(rows * 4), *l = malloc(rows * 4), *lw = malloc(rows * 4);
  double *ref = malloc(rows * D * sizeof *ref), *rl = malloc(rows * sizeof *rl);
  int *lens = malloc(B * sizeof *lens);
  assert_true(q && o1 && o2 && o && ow && l1 && l2 && l && lw && ref && rl && lens);
  fill(q, rows * D, 3);
  put_rows(kv, k, &s, B, Hkv, Nk, D, 4, NULL);
  put_rows(kv, v, &s, B, Hkv, Nk, D, 5, NULL);
  for (int b = 0; b < B; b++) lens[b] = N1;
  mha_attention_desc d = {.batch = B, .heads_q = Hq, .heads_kv = Hkv, .seq_q = Nq, .seq_kv = Nk,
                          .head_dim = D, .threads = threads, .kv_type = kv, .k_strides = s,
                          .v_strides = s};
  char what[160];
  snprintf(what, sizeof what, "merge B%d Hq%d Hkv%d Nq%d Nk%d N1 %d d%d kv %d threads %d", B, Hq, Hkv, Nq,
           Nk, N1, D, kv, threads);
  d.lse = lw;
  assert_int_equal(mha_attention(&d, q, k, v, ow), MHA_OK);
  assert_int_equal(mha_ref_attention(&d, q, k, v, ref, rl), MHA_OK);
  d.seq_kv_lens = lens, d.lse = l1;
  assert_int_equal(mha_attention(&d, q, k, v, o1), MHA_OK);
  d.seq_kv_lens = NULL, d.seq_kv = Nk - N1, d.lse = l2;
  assert_int_equal(mha_attention(&d, q, k + N1 * row, v + N1 * row, o2), MHA_OK);
  assert_int_equal(mha_merge_f32((int)rows, D, o1, l1, o2, l2, o, l), MHA_OK);
  for (size_t i = 0; i < rows * D; i++) {
    if (!(fabs(o[i] - ow[i]) <= TOL)) fail_msg("%s: merged o[%zu] = %g, whole %g", what, i, o[i], ow[i]);
    if (!(fabs(o[i] - ref[i]) <= TOL)) fail_msg("%s: merged o[%zu] = %g, ref %g", what, i, o[i], ref[i]);
  }
  for (size_t r = 0; r < rows; r++) {
    const double want = rl[r] * M_LN2, t = LSE_TOL * fmax(1.0, fabs(want));
    if (!(fabs(l[r] - lw[r]) <= t)) fail_msg("%s: merged lse[%zu] = %g, whole %g", what, r, l[r], lw[r]);
    if (!(fabs(lw[r] - want) <= t)) fail_msg("%s: whole lse[%zu] = %g, ref %g", what, r, lw[r], want);
  }
  free(lens), free(rl), free(ref), free(lw), free(l), free(l2), free(l1), free(ow), free(o), free(o2),
      free(o1), free(q), free(v), free(k);
}

static void test_merge(void **st) {
  (void)st;
  static const int kvs[] = {MHA_F32, MHA_F16, MHA_Q8_0};
  for (size_t t = 0; t < sizeof kvs / sizeof *kvs; t++)
    for (int threads = 1; threads >= 0; threads--) {
      run_merge(2, 8, 2, 1, 2200, 1100, 64, kvs[t], threads);
      run_merge(2, 8, 2, 5, 300, 110, 64, kvs[t], threads);
      run_merge(1, 4, 1, 33, 47, 20, 128, kvs[t], threads);
      if (kvs[t] != MHA_Q8_0) run_merge(1, 4, 4, 7, 90, 45, 80, kvs[t], threads);
    }
}

/* The reference's checks and the library's give every desc the same code, over random descs
 * with bad and good values of each field (EOVERLAP aside: the pointers are far apart, and a
 * stride that reaches across them is skipped). */
static uint64_t xs = 88172645463325252ull;
static uint64_t rnd(void) {
  xs ^= xs << 13, xs ^= xs >> 7, xs ^= xs << 17;
  return xs;
}
#define PICK(a) (a)[rnd() % (sizeof(a) / sizeof *(a))]

static void test_codes_agree(void **st) {
  (void)st;
  static const int small[] = {1, 1, 2, 3, 4, 0, -1}, heads[] = {1, 2, 4, 8, 6, 0},
                   seqs[] = {1, 2, 3, 7, 100, 0}, dims[] = {1, 7, 32, 64, 0},
                   types[] = {0, 1, 2, 3, 0, 0, 4, -1};
  static const ptrdiff_t strides[] = {0, 0, 0, 0, -4, -128, -256, 1, 2, 3, 4, 16, 34, 64, 128, 256, 512,
                                      1024, 4096, 65536, PTRDIFF_MAX / 2, PTRDIFF_MAX - 3};
  static const float caps[] = {0, 0, 1, 30, -1, NAN, INFINITY};
  char *far = (char *)((uintptr_t)1 << 40);
  const void *ptr[4] = {far, far + ((uintptr_t)1 << 44), far + ((uintptr_t)2 << 44),
                        far + ((uintptr_t)3 << 44)};
  int lens[4];
  float sl[8], sk[8];
  long compared = 0;
  for (int it = 0; it < 300000; it++) {
    mha_attention_desc d = {.batch = PICK(small), .heads_q = PICK(heads), .heads_kv = PICK(heads),
                            .seq_q = PICK(seqs), .seq_kv = PICK(seqs), .head_dim = PICK(dims)};
    if (d.heads_kv > 0 && d.heads_q % d.heads_kv && rnd() % 4) d.heads_kv = 1;
    d.scale = rnd() % 50 ? 0.0f : NAN;
    d.causal = rnd() % 10 ? (int)(rnd() % 2) : 2;
    d.layout = rnd() % 20 ? (int)(rnd() % 2) : 2;
    d.threads = rnd() % 20 ? 1 : -1;
    d.kv_type = PICK(types);
    if (rnd() % 4 == 0) d.causal_align = (int)(rnd() % 4) - 1;
    if (rnd() % 3 == 0) d.window = (int)(rnd() % 5) - 1;
    if (rnd() % 4 == 0) d.softcap = PICK(caps);
    for (int h = 0; h < 8; h++) sl[h] = rnd() % 20 ? 0.5f : NAN, sk[h] = rnd() % 20 ? 0.0f : INFINITY;
    if (rnd() % 3 == 0) d.alibi_slopes = sl;
    if (rnd() % 3 == 0) d.sinks = sk;
    for (int b = 0; b < 4; b++) lens[b] = (int)(rnd() % (uint64_t)(abs(d.seq_kv) + 2)) - (rnd() % 10 == 0);
    if (rnd() % 3 == 0) d.seq_kv_lens = lens;
    mha_strides *ss[4] = {&d.q_strides, &d.k_strides, &d.v_strides, &d.o_strides};
    for (int w = 0; w < 4; w++)
      if (rnd() % 3 == 0) *ss[w] = (mha_strides){PICK(strides), PICK(strides), PICK(strides)};
    const void *p[4] = {ptr[0], ptr[1], ptr[2], ptr[3]};
    if (rnd() % 50 == 0) p[rnd() % 4] = NULL;
    if (d.batch > 4) continue; /* lens has 4 */
    const int lib = mha__validate(&d, p[0], p[1], p[2], p[3]);
    if (lib == MHA_EOVERLAP) continue;
    const int ref = mha_ref_check(&d, p[0], p[1], p[2], p[3]);
    compared++;
    if (lib != ref)
      fail_msg("B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d layout%d kv%d align%d window%d softcap%g%s%s%s "
               "strides q{%td,%td,%td} k{%td,%td,%td} v{%td,%td,%td} o{%td,%td,%td}: library %s, "
               "reference %s",
               d.batch, d.heads_q, d.heads_kv, d.seq_q, d.seq_kv, d.head_dim, d.causal, d.layout,
               d.kv_type, d.causal_align, d.window, d.softcap, d.alibi_slopes ? " slopes" : "",
               d.sinks ? " sinks" : "", d.seq_kv_lens ? " lens" : "", d.q_strides.batch,
               d.q_strides.head, d.q_strides.seq, d.k_strides.batch, d.k_strides.head,
               d.k_strides.seq, d.v_strides.batch, d.v_strides.head, d.v_strides.seq,
               d.o_strides.batch, d.o_strides.head, d.o_strides.seq, mha_err_name(lib),
               mha_err_name(ref));
  }
  assert_true(compared > 200000);
}

int main(void) {
  for (int h = 0; h < 64; h++) sinks[h] = (float)(h % 3) - 1.0f; /* -1, 0, 1, ... */
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_strides),  cmocka_unit_test(test_strides_fused),
      cmocka_unit_test(test_lens),     cmocka_unit_test(test_align),
      cmocka_unit_test(test_window),   cmocka_unit_test(test_softcap),
      cmocka_unit_test(test_alibi),    cmocka_unit_test(test_sinks),
      cmocka_unit_test(test_lse),      cmocka_unit_test(test_combos),
      cmocka_unit_test(test_qo_types),
      cmocka_unit_test(test_merge),    cmocka_unit_test(test_codes_agree),
  };
  unsetenv("MHA_KERNEL");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
