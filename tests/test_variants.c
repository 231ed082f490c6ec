/* test_variants: every generated variant, called directly through its descriptor, against
 * the double-precision reference on every shape of tests/shapes.txt it applies to; lse,
 * large logits, rows that see no key, and two properties (a permutation of keys with their
 * values leaves O unchanged; scaling V by 2 doubles O), and the 0.2 score step (softcap,
 * ALiBi, sliding window) on one shape. One cmocka test per variant. A
 * variant reads K and V of its KV type: fp32 inputs rounded (or quantised) into the type,
 * the reference computed on the values the type holds, so the tolerances are fp32's; the
 * quantisation error itself (against fp32 K/V) is printed, for information. */
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
#include "mha_kernel.h"
#include "reference.h"
#include "registry.h"

#define TOL 2e-5       /* max abs error, inputs in [-1, 1] */
#define TOL_LARGE 1e-4 /* large logits: abs or relative on O and lse (plus large_allowance) */
#define TOL_LSE 2e-5   /* relative to max(1, |lse|), base 2 */
#define TOL_PROP 1e-5  /* permutation (abs) and V scaling (relative) */
#define GUARD 16       /* floats of sentinel either side of each output */
#define MAX_SHAPES 512

/* Per shape, a slot per K/V type, and one more (BQ) for Q and K/V all in bf16. */
enum { BQ = MHA__KV_COUNT, SLOTS = MHA__KV_COUNT + 1 };

typedef struct shape {
  int line;
  mha_attention_desc desc; /* scale already resolved as the runtime does */
  float amp;
  int lse;                 /* check the lse output on this shape */
  size_t nq, nk, nl;       /* elements of q (and o), of k (and v), of lse */
  float *q, *k, *v;        /* fp32 inputs */
  /* Per KV type (mha_dtype), where the shape's d allows it (has): K and V stored in the
   * type, the fp32 values they hold, and the reference on those values. */
  int has[SLOTS];
  size_t rb[SLOTS]; /* bytes per K/V row */
  unsigned char *ks[SLOTS], *vs[SLOTS];
  float *kf[SLOTS], *vf[SLOTS];
  double *ref[SLOTS], *ref_lse[SLOTS];
  double *allow[SLOTS]; /* large logits: the fp32 logit rounding's effect, per element */
  const float *qf[SLOTS]; /* the Q values of the slot, for the reference */
  const void *qk[SLOTS];  /* and as the slot's kernels read them */
} shape;

static const char *const KV_NAMES[SLOTS] = {"f32", "f16", "bf16", "q8_0", "bf16 with bf16 Q"};

/* The slot of a kernel: its K/V type, or BQ for the kernels that read bf16 Q too. */
static int slot_of(const mha__kernel *k) { return k->q_type == MHA_BF16 ? BQ : k->kv_type; }
static int kv_of(int slot) { return slot == BQ ? MHA_BF16 : slot; }
/* P rounded to bf16 once (BQ's kernels): round to nearest, 2^-8 relative per probability at
 * most, so at most 2^-8 max|v| on O, and |v| <= 1 here. */
static double p_rounding(int slot) { return slot == BQ ? 0x1p-8 : 0.0; }

static shape shapes[MAX_SHAPES];
static int nshapes;
static const char *shapes_path = "tests/shapes.txt";

/* Fixed-seed xorshift32: uniform in [-amp, amp]. */
static void fill(float *x, size_t n, uint32_t seed, float amp) {
  uint32_t s = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; i++) {
    s ^= s << 13, s ^= s >> 17, s ^= s << 5;
    x[i] = amp * (float)((s >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

static const char *layout_name(int l) { return l == MHA_LAYOUT_BSHD ? "bshd" : "bhsd"; }

/* "shapes.txt:17 (B1 Hq8 Hkv1 Nq33 Nk300 d64 causal bhsd)" */
static const char *shape_str(const shape *s) {
  static char buf[160];
  const mha_attention_desc *d = &s->desc;
  snprintf(buf, sizeof buf, "shapes.txt:%d (B%d Hq%d Hkv%d Nq%d Nk%d d%d%s %s%s)", s->line,
           d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim,
           d->causal ? " causal" : "", layout_name(d->layout), s->amp != 1.0f ? " large" : "");
  return buf;
}

static int parse_shapes(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) {
    fprintf(stderr, "test_variants: cannot open %s (run from the repository root)\n", path);
    return -1;
  }
  char buf[512];
  int line = 0;
  while (fgets(buf, sizeof buf, f)) {
    line++;
    char *hash = strchr(buf, '#');
    if (hash) *hash = 0;
    int b, hq, hkv, nq, nk, d, causal, n;
    char lay[16];
    float amp = 1.0f;
    n = sscanf(buf, "%d %d %d %d %d %d %d %15s %f", &b, &hq, &hkv, &nq, &nk, &d, &causal, lay,
               &amp);
    if (n <= 0) continue;
    if (n < 8 || (strcmp(lay, "bhsd") && strcmp(lay, "bshd")) || !(amp > 0) ||
        nshapes == MAX_SHAPES) {
      fprintf(stderr, "%s:%d: expected B Hq Hkv Nq Nk d causal bhsd|bshd [amp]\n", path, line);
      fclose(f);
      return -1;
    }
    shape *s = &shapes[nshapes++];
    s->line = line;
    s->amp = amp;
    mha_attention_desc *ds = &s->desc;
    ds->batch = b, ds->heads_q = hq, ds->heads_kv = hkv, ds->seq_q = nq, ds->seq_kv = nk;
    ds->head_dim = d, ds->causal = causal, ds->threads = 1;
    ds->layout = strcmp(lay, "bshd") ? MHA_LAYOUT_BHSD : MHA_LAYOUT_BSHD;
    ds->scale = 1.0f / sqrtf((float)d); /* what the runtime hands a kernel for scale 0 */
  }
  fclose(f);
  return 0;
}

static int causal_blind_rows(const mha_attention_desc *d) {
  return d->causal && d->seq_q > d->seq_kv ? d->seq_q - d->seq_kv : 0;
}

/* Offset of (batch b, head h, row 0) in a tensor of H heads and N rows. */
static size_t head_at(const mha_attention_desc *d, int b, int h, int H, int N) {
  const size_t D = (size_t)d->head_dim;
  if (d->layout == MHA_LAYOUT_BHSD) return ((size_t)b * H + h) * N * D;
  return ((size_t)b * N * H + h) * D;
}

/* Floats between consecutive rows of one head in a tensor of H heads. */
static size_t row_stride(const mha_attention_desc *d, int H) {
  return d->layout == MHA_LAYOUT_BSHD ? (size_t)H * d->head_dim : (size_t)d->head_dim;
}

/* Visible keys of row n (0 when the row sees none). */
static long visible(const mha_attention_desc *d, size_t n) {
  if (!d->causal) return d->seq_kv;
  const long m = (long)n + d->seq_kv - d->seq_q + 1;
  return m < 0 ? 0 : m > d->seq_kv ? d->seq_kv : m;
}

static size_t row_of(const mha_attention_desc *d, size_t i) {
  const size_t r = i / d->head_dim;
  return d->layout == MHA_LAYOUT_BHSD ? r % d->seq_q : r / d->heads_q % d->seq_q;
}

/* Large logits: a float logit s carries a rounding error of up to
 *   delta_j = gamma_d * scale * sum_c |q_c k_jc| + 4 u |s_j|   (u = 2^-24, gamma_d = d u / (1 - d u))
 * (the dot product, then the scale, log2(e) and max steps), whatever the algorithm. O_c moves
 * by sum_j p_j |v_jc - O_c| delta_j under it: near zero in a row one key dominates, but up to
 * ~1e-2 where two keys' logits of ~5e3 lie within a unit or two. That much is allowed on top
 * of TOL_LARGE, element by element; without it honest fp32 rounding fails (2e-4 on O where
 * the top two logits of a d 32 row differ by 1.4, with logit errors of ~1e-3). */
static int large_allowance(shape *s, int kv) {
  const mha_attention_desc *d = &s->desc;
  const float *K = s->kf[kv], *V = s->vf[kv];
  const double *ref = s->ref[kv];
  const int Hq = d->heads_q, Hkv = d->heads_kv, G = Hq / Hkv, Nq = d->seq_q, Nk = d->seq_kv;
  const int D = d->head_dim;
  const double u = ldexp(1.0, -24), gamma = D * u / (1 - D * u), sc = d->scale;
  double *sv = malloc((size_t)Nk * sizeof *sv), *del = malloc((size_t)Nk * sizeof *del);
  double *allow = s->allow[kv] = calloc(s->nq, sizeof(double));
  if (!sv || !del || !allow) {
    free(sv), free(del);
    return -1;
  }
  for (int b = 0; b < d->batch; b++)
    for (int h = 0; h < Hq; h++)
      for (int i = 0; i < Nq; i++) {
        const size_t qo = head_at(d, b, h, Hq, Nq) + (size_t)i * row_stride(d, Hq);
        const long n = visible(d, (size_t)i);
        double m = -INFINITY, sum = 0;
        for (long j = 0; j < n; j++) {
          const float *kj = K + head_at(d, b, h / G, Hkv, Nk) + (size_t)j * row_stride(d, Hkv);
          double dot = 0, mag = 0;
          for (int c = 0; c < D; c++) {
            dot += (double)s->qf[kv][qo + c] * kj[c];
            mag += fabs((double)s->qf[kv][qo + c] * kj[c]);
          }
          sv[j] = sc * dot;
          del[j] = gamma * sc * mag + 4 * u * fabs(sv[j]);
          if (sv[j] > m) m = sv[j];
        }
        for (long j = 0; j < n; j++) sum += sv[j] = exp(sv[j] - m);
        for (long j = 0; j < n; j++) {
          const float *vj = V + head_at(d, b, h / G, Hkv, Nk) + (size_t)j * row_stride(d, Hkv);
          for (int c = 0; c < D; c++)
            allow[qo + c] += sv[j] / sum * fabs(vj[c] - ref[qo + c]) * del[j];
        }
      }
  free(sv), free(del);
  return 0;
}

/* K and V of shape s stored in the slot's type, the values they hold, and the reference on
 * them and the slot's Q. */
static int setup_kv(shape *s, int slot) {
  mha_attention_desc d = s->desc;
  const int kv = slot;
  const int D = d.head_dim;
  const size_t rows = s->nk / (size_t)D, rb = s->rb[kv] = mha_ref_row_bytes(kv_of(slot), D);
  d.kv_type = kv_of(slot);
  s->ks[kv] = malloc(rows * rb), s->vs[kv] = malloc(rows * rb);
  s->kf[kv] = malloc(s->nk * sizeof(float)), s->vf[kv] = malloc(s->nk * sizeof(float));
  s->ref[kv] = malloc(s->nq * sizeof(double)), s->ref_lse[kv] = malloc(s->nl * sizeof(double));
  if (!s->ks[kv] || !s->vs[kv] || !s->kf[kv] || !s->vf[kv] || !s->ref[kv] || !s->ref_lse[kv])
    return -1;
  for (size_t r = 0; r < rows; r++) {
    mha_ref_put(kv_of(slot), s->k + r * D, D, s->ks[kv] + r * rb);
    mha_ref_put(kv_of(slot), s->v + r * D, D, s->vs[kv] + r * rb);
    for (int c = 0; c < D; c++) {
      s->kf[kv][r * D + c] = (float)mha_ref_get(kv_of(slot), s->ks[kv] + r * rb, c);
      s->vf[kv][r * D + c] = (float)mha_ref_get(kv_of(slot), s->vs[kv] + r * rb, c);
    }
  }
  const int rc = mha_ref_attention(&d, s->qf[slot], s->ks[kv], s->vs[kv], s->ref[kv], s->ref_lse[kv]);
  if (rc) {
    fprintf(stderr, "%s: reference, K/V %s: %s\n", shape_str(s), KV_NAMES[kv], mha_strerror(rc));
    return -1;
  }
  s->has[kv] = 1;
  return s->amp != 1.0f ? large_allowance(s, kv) : 0;
}

/* Inputs and the references, once per shape, for every variant; then, for information, how
 * far each KV type's rounding moves O from fp32 K/V's (the reference's own outputs, so the
 * kernels' arithmetic is not in it), over the shapes of plain inputs. */
static int setup_shapes(void **st) {
  (void)st;
  double qerr[SLOTS] = {0};
  if (parse_shapes(shapes_path)) return -1;
  for (int i = 0; i < nshapes; i++) {
    shape *s = &shapes[i];
    const mha_attention_desc *d = &s->desc;
    s->nq = (size_t)d->batch * d->heads_q * d->seq_q * d->head_dim;
    s->nk = (size_t)d->batch * d->heads_kv * d->seq_kv * d->head_dim;
    s->nl = (size_t)d->batch * d->heads_q * d->seq_q;
    s->q = malloc(s->nq * sizeof(float));
    s->k = malloc(s->nk * sizeof(float));
    s->v = malloc(s->nk * sizeof(float));
    if (!s->q || !s->k || !s->v) return -1;
    fill(s->q, s->nq, 3 * i + 1, s->amp);
    fill(s->k, s->nk, 3 * i + 2, s->amp);
    fill(s->v, s->nk, 3 * i + 3, 1.0f);
    /* lse on every other shape, and wherever a row sees no key or logits are large. */
    s->lse = (i & 1) || causal_blind_rows(d) || s->amp != 1.0f;
    /* BQ's Q: q rounded to bf16, as bits for its kernels and as floats for the reference. */
    uint16_t *qb = malloc(s->nq * sizeof *qb);
    float *qr = malloc(s->nq * sizeof *qr);
    if (!qb || !qr) return -1;
    for (size_t j = 0; j < s->nq; j++) {
      mha_ref_put(MHA_BF16, &s->q[j], 1, &qb[j]);
      qr[j] = (float)mha_ref_get(MHA_BF16, &qb[j], 0);
    }
    for (int slot = 0; slot < SLOTS; slot++) s->qf[slot] = s->q, s->qk[slot] = s->q;
    s->qf[BQ] = qr, s->qk[BQ] = qb;
    for (int kv = 0; kv < SLOTS; kv++) {
      if (kv == MHA_Q8_0 && d->head_dim % 32) continue;
      if (setup_kv(s, kv)) return -1;
      for (size_t j = 0; j < s->nq && s->amp == 1.0f; j++)
        qerr[kv] = fmax(qerr[kv], fabs(s->ref[kv][j] - s->ref[MHA_F32][j]));
    }
  }
  printf("test_variants: quantisation error against fp32 K/V, max |O - O_f32| (reference, "
         "inputs in [-1, 1]):");
  for (int kv = 1; kv < MHA__KV_COUNT; kv++) printf(" %s %.3g", KV_NAMES[kv], qerr[kv]);
  printf("\n");
  fflush(stdout);
  return 0;
}

static int teardown_shapes(void **st) {
  (void)st;
  for (int i = 0; i < nshapes; i++) {
    shape *s = &shapes[i];
    free((void *)s->qf[BQ]), free((void *)s->qk[BQ]);
    free(s->q), free(s->k), free(s->v);
    for (int kv = 0; kv < SLOTS; kv++) {
      free(s->ks[kv]), free(s->vs[kv]), free(s->kf[kv]), free(s->vf[kv]);
      free(s->ref[kv]), free(s->ref_lse[kv]), free(s->allow[kv]);
    }
  }
  return 0;
}

static int applies(const mha__kernel *k, const shape *s) {
  const mha_attention_desc *d = &s->desc;
  return (k->d == 0 || k->d == d->head_dim) && (d->heads_q / d->heads_kv) % k->g == 0 &&
         k->kv_type >= 0 && k->kv_type < MHA__KV_COUNT && s->has[slot_of(k)];
}

/* The shape the property checks run on: applicable, non-causal, plain inputs, Nq >= 2,
 * Nk >= 33 (keys across more than one tile for small tiles), the fewest FLOPs. */
static const shape *property_shape(const mha__kernel *k) {
  const shape *best = NULL;
  double best_flops = 0;
  for (int i = 0; i < nshapes; i++) {
    const shape *s = &shapes[i];
    const mha_attention_desc *d = &s->desc;
    if (!applies(k, s) || d->causal || s->amp != 1.0f || d->seq_q < 2 || d->seq_kv < 33)
      continue;
    const double f = (double)s->nq * d->seq_kv;
    if (!best || f < best_flops) best = s, best_flops = f;
  }
  return best;
}

/* An output buffer with sentinels either side; the inside starts as NaN so a value
 * the kernel never writes shows. */
typedef struct outbuf {
  float *base, *o;
  size_t n;
} outbuf;

static const uint32_t SENTINEL = 0x7fc0dead; /* a quiet NaN with a payload */

static int out_alloc(outbuf *b, size_t n) {
  b->n = n;
  b->base = malloc((n + 2 * GUARD) * sizeof(float));
  if (!b->base) return -1;
  b->o = b->base + GUARD;
  for (size_t i = 0; i < n + 2 * GUARD; i++) memcpy(&b->base[i], &SENTINEL, sizeof(float));
  return 0;
}

/* 0 when no sentinel around the output was overwritten. */
static int out_guard_ok(const outbuf *b) {
  for (size_t i = 0; i < GUARD; i++)
    if (memcmp(&b->base[i], &SENTINEL, 4) || memcmp(&b->o[b->n + i], &SENTINEL, 4)) return 0;
  return 1;
}

/* Runs kernel k on shape s the way the runtime does without splitting: one task per
 * (batch, KV head) with all G query heads, all rows and all keys. kk and v hold rows of
 * rb bytes (k's KV type). */
static int run_kernel(const mha__kernel *k, const mha_attention_desc *d, const void *q,
                      const unsigned char *kk, const unsigned char *v, size_t rb, float *o,
                      float *lse) {
  const int B = d->batch, Hq = d->heads_q, Hkv = d->heads_kv, G = Hq / Hkv, D = d->head_dim;
  const int bshd = d->layout == MHA_LAYOUT_BSHD;
  const size_t wsb = (k->ws_floats(D) * sizeof(float) + 63) / 64 * 64;
  float *ws = aligned_alloc(64, wsb ? wsb : 64);
  if (!ws) return -1;
  for (int b = 0; b < B; b++)
    for (int h = 0; h < Hkv; h++) {
      mha__task t;
      memset(&t, 0, sizeof t);
      t.q = (const float *)(const void *)((const char *)q + head_at(d, b, h * G, Hq, d->seq_q) *
                                                              (k->q_type == MHA_BF16 ? 2 : 4));
      t.o = o + head_at(d, b, h * G, Hq, d->seq_q);
      t.k = kk + head_at(d, b, h, Hkv, d->seq_kv) / D * rb;
      t.v = v + head_at(d, b, h, Hkv, d->seq_kv) / D * rb;
      t.q_rs = t.o_rs = bshd ? (ptrdiff_t)Hq * D : D;
      t.q_hs = t.o_hs = bshd ? D : (ptrdiff_t)d->seq_q * D;
      t.k_rs = t.v_rs = (ptrdiff_t)(bshd ? (size_t)Hkv * rb : rb);
      t.lse = lse ? lse + ((size_t)b * Hq + (size_t)h * G) * d->seq_q : NULL;
      t.lse_hs = d->seq_q;
      t.nq = d->seq_q, t.nk = d->seq_kv, t.d = D, t.heads = G;
      t.causal = d->causal;
      t.diag = (long)d->seq_kv - d->seq_q;
      t.scale = d->scale;
      t.ws = ws;
      t.softcap = d->softcap;
      t.alibi = d->alibi_slopes ? d->alibi_slopes + (size_t)h * G : NULL;
      t.window = d->window;
      k->fn(&t);
    }
  free(ws);
  return 0;
}

/* Index of element i (of a q-shaped tensor) as "b h row col", for messages. */
static const char *where(const mha_attention_desc *d, size_t i) {
  static char buf[96];
  const size_t D = d->head_dim, c = i % D, r = i / D;
  size_t b, h, n;
  if (d->layout == MHA_LAYOUT_BHSD)
    n = r % d->seq_q, h = r / d->seq_q % d->heads_q, b = r / d->seq_q / d->heads_q;
  else
    h = r % d->heads_q, n = r / d->heads_q % d->seq_q, b = r / d->heads_q / d->seq_q;
  snprintf(buf, sizeof buf, "b%zu h%zu row%zu col%zu", b, h, n, c);
  return buf;
}

/* Checks one variant on one shape; 0 or -1 with the reason printed. */
static int check_shape(const mha__kernel *k, const shape *s, outbuf *ob, outbuf *lb) {
  const mha_attention_desc *d = &s->desc;
  const int large = s->amp != 1.0f, kv = slot_of(k);
  const double *rf = s->ref[kv], *rl = s->ref_lse[kv], *allow = s->allow[kv];
  float *o = ob->o, *lse = s->lse ? lb->o : NULL;
  for (size_t i = 0; i < s->nq; i++) memcpy(&o[i], &SENTINEL, 4);
  for (size_t i = 0; i < s->nl; i++) memcpy(&lb->o[i], &SENTINEL, 4);
  ob->n = s->nq, lb->n = s->nl;
  for (size_t i = 0; i < GUARD; i++) {
    memcpy(&o[s->nq + i], &SENTINEL, 4);
    memcpy(&lb->o[s->nl + i], &SENTINEL, 4);
  }
  if (run_kernel(k, d, s->qk[kv], s->ks[kv], s->vs[kv], s->rb[kv], o, lse)) {
    print_error("%s: %s: out of memory\n", k->name, shape_str(s));
    return -1;
  }
  if (!out_guard_ok(ob) || (lse && !out_guard_ok(lb))) {
    print_error("%s: %s: wrote outside the output%s\n", k->name, shape_str(s),
                lse ? " or lse" : "");
    return -1;
  }
  double worst = -1;
  size_t wi = 0;
  for (size_t i = 0; i < s->nq; i++) {
    const double ref = rf[i], e = fabs((double)o[i] - ref);
    if (!isfinite(o[i])) {
      print_error("%s: %s: o[%s] = %g (reference %.9g)\n", k->name, shape_str(s), where(d, i),
                  o[i], ref);
      return -1;
    }
    if (visible(d, row_of(d, i)) == 0 && o[i] != 0.0f) {
      print_error("%s: %s: o[%s] = %g in a row that sees no key (must be 0)\n", k->name,
                  shape_str(s), where(d, i), o[i]);
      return -1;
    }
    const double tol = (large ? TOL_LARGE * fmax(1.0, fabs(ref)) + allow[i] : TOL) + p_rounding(kv);
    const double u = e / tol;
    if (u > worst) worst = u, wi = i;
  }
  if (worst > 1.0) {
    print_error("%s: %s: error %.3g at %s: got %.9g, reference %.9g (tolerance %.3g)\n",
                k->name, shape_str(s), fabs((double)o[wi] - rf[wi]), where(d, wi), o[wi], rf[wi],
                (large ? TOL_LARGE * fmax(1.0, fabs(rf[wi])) + allow[wi] : TOL) + p_rounding(kv));
    return -1;
  }
  if (!lse) return 0;
  for (size_t i = 0; i < s->nl; i++) {
    const double ref = rl[i];
    const size_t n = i % d->seq_q;
    if (isinf(ref)) {
      if (!(isinf(lse[i]) && lse[i] < 0)) {
        print_error("%s: %s: lse[b%zu h%zu row%zu] = %g for a row that sees no key (must be "
                    "-inf)\n",
                    k->name, shape_str(s), i / d->seq_q / d->heads_q, i / d->seq_q % d->heads_q,
                    n, lse[i]);
        return -1;
      }
      continue;
    }
    const double e = fabs((double)lse[i] - ref) / fmax(1.0, fabs(ref));
    if (!(e <= (large ? TOL_LARGE : TOL_LSE))) {
      print_error("%s: %s: lse[b%zu h%zu row%zu] = %.9g, reference %.9g (base 2, rel error %.3g)\n",
                  k->name, shape_str(s), i / d->seq_q / d->heads_q, i / d->seq_q % d->heads_q, n,
                  lse[i], ref, e);
      return -1;
    }
  }
  return 0;
}

/* A row of V (type kv) times 2, exactly: a Q8_0 block's fp16 scale (a normal number here)
 * doubles in its exponent; the others round-trip through fp32 (x: D floats of room). */
static void double_row(int kv, unsigned char *row, int D, float *x) {
  if (kv == MHA_Q8_0) {
    for (int b = 0; b < D / 32; b++) {
      uint16_t h;
      memcpy(&h, row + 34 * b, 2);
      if (h & 0x7c00) h += 0x400;
      memcpy(row + 34 * b, &h, 2);
    }
    return;
  }
  for (int c = 0; c < D; c++) x[c] = 2.0f * (float)mha_ref_get(kv, row, c);
  mha_ref_put(kv, x, D, row);
}

/* Properties on shape s: keys permuted together with their values leave O unchanged;
 * 2 V gives 2 O. Both compared with the kernel's own output on the original inputs. */
static int check_properties(const mha__kernel *k, const shape *s) {
  const mha_attention_desc *d = &s->desc;
  const int B = d->batch, H = d->heads_kv, N = d->seq_kv, D = d->head_dim, kv = slot_of(k);
  const size_t rb = s->rb[kv], rows = s->nk / (size_t)D;
  float *o0 = malloc(s->nq * sizeof(float)), *o1 = malloc(s->nq * sizeof(float));
  unsigned char *kp = malloc(rows * rb), *vp = malloc(rows * rb);
  int *perm = malloc((size_t)N * sizeof(int)), rc = -1;
  if (!o0 || !o1 || !kp || !vp || !perm) goto out;
  if (run_kernel(k, d, s->qk[kv], s->ks[kv], s->vs[kv], rb, o0, NULL)) goto out;

  /* A fixed Fisher-Yates shuffle of the keys, the same for every batch and head. */
  uint32_t r = 12345;
  for (int j = 0; j < N; j++) perm[j] = j;
  for (int j = N - 1; j > 0; j--) {
    r = r * 1664525u + 1013904223u;
    const int x = (int)((r >> 8) % (uint32_t)(j + 1)), t = perm[j];
    perm[j] = perm[x], perm[x] = t;
  }
  for (int b = 0; b < B; b++)
    for (int h = 0; h < H; h++)
      for (int j = 0; j < N; j++) {
        const size_t rs = (d->layout == MHA_LAYOUT_BSHD ? (size_t)H : 1) * rb;
        const size_t base = head_at(d, b, h, H, N) / D * rb;
        memcpy(kp + base + j * rs, s->ks[kv] + base + (size_t)perm[j] * rs, rb);
        memcpy(vp + base + j * rs, s->vs[kv] + base + (size_t)perm[j] * rs, rb);
      }
  if (run_kernel(k, d, s->qk[kv], kp, vp, rb, o1, NULL)) goto out;
  for (size_t i = 0; i < s->nq; i++)
    if (!(fabs((double)o1[i] - o0[i]) <= TOL_PROP + p_rounding(kv))) {
      print_error("%s: %s: permuting keys with values changed o[%s] from %.9g to %.9g\n",
                  k->name, shape_str(s), where(d, i), o0[i], o1[i]);
      goto out;
    }

  memcpy(vp, s->vs[kv], rows * rb);
  for (size_t r = 0; r < rows; r++) double_row(kv_of(kv), vp + r * rb, D, o1);
  if (run_kernel(k, d, s->qk[kv], s->ks[kv], vp, rb, o1, NULL)) goto out;
  for (size_t i = 0; i < s->nq; i++)
    if (!(fabs((double)o1[i] - 2.0 * o0[i]) <= TOL_PROP * fmax(1e-30, fabs(2.0 * o0[i])) ||
          o1[i] == 2.0f * o0[i])) {
      print_error("%s: %s: 2 V gave o[%s] = %.9g, expected 2 * %.9g\n", k->name, shape_str(s),
                  where(d, i), o1[i], o0[i]);
      goto out;
    }
  rc = 0;
out:
  if (rc && !(o0 && o1 && kp && vp && perm)) print_error("%s: out of memory\n", k->name);
  free(perm), free(vp), free(kp), free(o1), free(o0);
  return rc;
}

/* The 0.2 score step (mha_kernel.h): softcap, ALiBi and a sliding window, all at once, on
 * the property shape made causal, against the reference computed with the same fields. */
static int check_features(const mha__kernel *k, const shape *s) {
  mha_attention_desc d = s->desc;
  const int kv = slot_of(k);
  float slopes[64];
  for (int h = 0; h < d.heads_q && h < 64; h++) slopes[h] = ldexpf(1.0f, -(h % 8) - 1);
  d.kv_type = k->kv_type; /* the reference reads K and V as stored */
  d.causal = 1;
  d.window = d.seq_kv / 3 + 1;
  d.softcap = 1.5f;
  d.alibi_slopes = slopes;
  float *o = malloc(s->nq * sizeof(float));
  double *ref = malloc(s->nq * sizeof(double));
  int rc = -1;
  if (d.heads_q > 64 || !o || !ref) goto out;
  if (mha_ref_attention(&d, s->qf[kv], s->ks[kv], s->vs[kv], ref, NULL) != MHA_OK) goto out;
  if (run_kernel(k, &d, s->qk[kv], s->ks[kv], s->vs[kv], s->rb[kv], o, NULL)) goto out;
  for (size_t i = 0; i < s->nq; i++)
    if (!(fabs((double)o[i] - ref[i]) <= TOL + p_rounding(kv))) {
      print_error("%s: %s with window %d, softcap %g and ALiBi: o[%s] = %.9g, reference %.9g\n",
                  k->name, shape_str(s), d.window, d.softcap, where(&d, i), o[i], ref[i]);
      goto out;
    }
  rc = 0;
out:
  free(ref), free(o);
  return rc;
}

static void test_variant(void **state) {
  const mha__kernel *k = *state;
  size_t maxq = 0, maxl = 0;
  for (int i = 0; i < nshapes; i++)
    if (applies(k, &shapes[i])) {
      if (shapes[i].nq > maxq) maxq = shapes[i].nq;
      if (shapes[i].nl > maxl) maxl = shapes[i].nl;
    }
  outbuf ob = {0}, lb = {0}; /* gcc -O3 cannot see that out_alloc sets them */
  assert_int_equal(out_alloc(&ob, maxq), 0);
  assert_int_equal(out_alloc(&lb, maxl), 0);
  int tried = 0, failed = 0, large = 0;
  for (int i = 0; i < nshapes; i++) {
    const shape *s = &shapes[i];
    if (!applies(k, s)) continue;
    tried++;
    large += s->amp != 1.0f;
    failed += check_shape(k, s, &ob, &lb) != 0;
  }
  const shape *ps = property_shape(k);
  const int prop_failed = ps ? check_properties(k, ps) != 0 : 0;
  const int feat_failed = ps ? check_features(k, ps) != 0 : 0;
  free(ob.base), free(lb.base);
  if (!tried) fail_msg("%s: no shape in %s applies (d %d, g %d)", k->name, shapes_path, k->d, k->g);
  if (!large) fail_msg("%s: no large-logit shape in %s applies", k->name, shapes_path);
  if (!ps) fail_msg("%s: no shape for the property checks in %s", k->name, shapes_path);
  if (failed || prop_failed || feat_failed)
    fail_msg("%s: %d of %d shapes failed%s%s", k->name, failed, tried,
             prop_failed ? ", and a property check failed" : "",
             feat_failed ? ", and the 0.2 score step failed" : "");
}

/* The registry itself: NULL-terminated, count agrees, names unique, descriptors sane. */
static void test_registry(void **state) {
  (void)state;
  int n = 0;
  while (mha__registry[n]) n++;
  assert_int_equal(n, mha__registry_count);
  assert_true(n > 0);
  static const int lanes[MHA__ISA_COUNT] = {1, 8, 16};
  for (int i = 0; i < n; i++) {
    const mha__kernel *k = mha__registry[i];
    if (!k->name || !k->fn || !k->ws_floats || k->isa < 0 || k->isa >= MHA__ISA_COUNT ||
        k->g < 1 || k->d < 0 || k->qt < 1 || k->kt < 1 || k->lanes != lanes[k->isa] ||
        k->kv_type < 0 || k->kv_type >= MHA__KV_COUNT ||
        (k->q_type == MHA_F32 && !strstr(k->name, "_kv") != !k->kv_type) ||
        (k->q_type != MHA_F32 && (k->q_type != MHA_BF16 || k->kv_type != MHA_BF16 || !k->needs)))
      fail_msg("registry[%d] %s: a malformed descriptor", i, k->name ? k->name : "(no name)");
    for (int j = 0; j < i; j++)
      if (!strcmp(k->name, mha__registry[j]->name)) fail_msg("%s registered twice", k->name);
  }
}

/* Every variant, the ones this CPU cannot run included, finds its shapes in shapes.txt. */
static void test_coverage(void **state) {
  (void)state;
  int bad = 0;
  for (int i = 0; i < mha__registry_count; i++) {
    const mha__kernel *k = mha__registry[i];
    int any = 0, large = 0;
    for (int j = 0; j < nshapes; j++)
      if (applies(k, &shapes[j])) any = 1, large |= shapes[j].amp != 1.0f;
    if (!any || !large || !property_shape(k)) {
      print_error("%s (d %d, g %d): no %s shape in %s applies\n", k->name, k->d, k->g,
                  !any ? "applicable" : !large ? "large-logit" : "property-check", shapes_path);
      bad++;
    }
  }
  if (bad) fail_msg("%d variants lack shapes", bad);
}

int main(int argc, char **argv) {
  if (argc > 1) shapes_path = argv[1];
  const int cpu = mha__cpu_isa(), n = mha__registry_count;
  const unsigned features = mha__cpu_features();
  struct CMUnitTest *tests = calloc((size_t)n + 2, sizeof *tests);
  if (!tests) return 1;
  int nt = 0, skipped[MHA__ISA_COUNT] = {0}, skipped_bf16 = 0;
  tests[nt++] = (struct CMUnitTest){"registry", test_registry, NULL, NULL, NULL};
  tests[nt++] = (struct CMUnitTest){"coverage", test_coverage, NULL, NULL, NULL};
  for (int i = 0; i < n; i++) {
    const mha__kernel *k = mha__registry[i];
    if (k->isa > cpu) {
      if (k->isa >= 0 && k->isa < MHA__ISA_COUNT) skipped[k->isa]++;
      continue;
    }
    if (!mha__kernel_runs(k, cpu, features)) { /* its needs: AVX512_BF16, AMX */
      skipped_bf16++;
      continue;
    }
    tests[nt++] = (struct CMUnitTest){k->name, test_variant, NULL, NULL, (void *)k};
  }
  const char *cap = getenv("MHA_CPU");
  printf("test_variants: %d variants; this CPU runs up to %s%s%s%s", n, mha__isa_name(cpu),
         cap ? " (MHA_CPU=" : "", cap ? cap : "", cap ? ")" : "");
  printf(", %s AVX512_BF16, %s AMX", features & MHA__CPU_AVX512_BF16 ? "with" : "without",
         features & MHA__CPU_AMX_BF16 ? "with" : "without");
  int nskip = skipped_bf16;
  for (int i = 0; i < MHA__ISA_COUNT; i++) nskip += skipped[i];
  if (nskip) {
    printf("; skipping %d it cannot run:", nskip);
    for (int i = 0; i < MHA__ISA_COUNT; i++)
      if (skipped[i]) printf(" %d %s", skipped[i], mha__isa_name(i));
    if (skipped_bf16) printf(" %d that need AVX512_BF16 or AMX", skipped_bf16);
  } else {
    printf("; none skipped");
  }
  printf("\n");
  fflush(stdout);
  /* cmocka_run_group_tests_name() takes sizeof of an array; this list is built at run time. */
  const int rc = _cmocka_run_group_tests("variants", tests, (size_t)nt, setup_shapes,
                                         teardown_shapes);
  free(tests);
  return rc;
}
