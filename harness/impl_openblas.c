/* impl_openblas.c: attention as a BLAS user writes it: per query head, S = scale * Q K^T with
 * sgemm (sgemv when there is one query row), a row softmax in plain C with the causal mask,
 * O = P V with sgemm (sgemv). OpenBLAS runs single-threaded inside each call; the threads of a
 * team of our own (mha_team.c, the one thread team) take heads from a shared counter, so the
 * heads run in parallel, as they would under a parallel-for. The team (every worker started,
 * else create fails) and the threads' score rows are made once in create(); the workers sleep
 * between runs. GQA costs nothing: a query head's K and V pointers are its KV head's. */
#include <cblas.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl_internal.h"
#include "mha_team.h"

typedef struct openblas {
  mha_attention_desc d;
  float scale;
  int nthr;     /* threads working on a run, the caller included */
  float **s;    /* per thread: the head's scores, Nq x Nk */
  struct mha_context *team;
  const float *q, *k, *v;
  float *o;
  atomic_long next; /* the next head to take */
} openblas;

/* Row softmax of s (Nq x Nk) in place, masked entries and rows that see no key set to zero. */
static void softmax_rows(const mha_attention_desc *d, float *s) {
  const long Nq = d->seq_q, Nk = d->seq_kv;
  for (long i = 0; i < Nq; i++) {
    float *r = s + i * Nk;
    long n = d->causal ? i + Nk - Nq + 1 : Nk; /* keys 0 .. n-1 are visible */
    if (n > Nk) n = Nk;
    if (n < 0) n = 0;
    float mx = n ? r[0] : 0.0f, sum = 0.0f; /* no infinities: this file is built finite-math */
    for (long j = 1; j < n; j++) mx = r[j] > mx ? r[j] : mx;
    for (long j = 0; j < n; j++) {
      r[j] = expf(r[j] - mx);
      sum += r[j];
    }
    const float inv = n ? 1.0f / sum : 0.0f;
    for (long j = 0; j < n; j++) r[j] *= inv;
    for (long j = n; j < Nk; j++) r[j] = 0.0f;
  }
}

/* One query head (b, h) of the current run, with s its scratch. */
static void head(openblas *x, long bh, float *s) {
  const mha_attention_desc *d = &x->d;
  const long Hq = d->heads_q, Hkv = d->heads_kv, Nq = d->seq_q, Nk = d->seq_kv, D = d->head_dim;
  const long b = bh / Hq, h = bh % Hq, kv = h / (Hq / Hkv);
  const int bhsd = d->layout == MHA_LAYOUT_BHSD;
  /* Offsets of row 0 and the row strides, for either layout. */
  const size_t qat = bhsd ? (size_t)(b * Hq + h) * Nq * D : ((size_t)b * Nq * Hq + h) * D;
  const size_t kat = bhsd ? (size_t)(b * Hkv + kv) * Nk * D : ((size_t)b * Nk * Hkv + kv) * D;
  const int ldq = (int)(bhsd ? D : Hq * D), ldk = (int)(bhsd ? D : Hkv * D);
  const float *q = x->q + qat, *k = x->k + kat, *v = x->v + kat;
  float *o = x->o + qat;
  if (Nq == 1) {
    cblas_sgemv(CblasRowMajor, CblasNoTrans, (int)Nk, (int)D, x->scale, k, ldk, q, 1, 0.0f, s, 1);
    softmax_rows(d, s);
    cblas_sgemv(CblasRowMajor, CblasTrans, (int)Nk, (int)D, 1.0f, v, ldk, s, 1, 0.0f, o, 1);
  } else {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)Nq, (int)Nk, (int)D, x->scale, q, ldq, k, ldk, 0.0f, s,
                (int)Nk);
    softmax_rows(d, s);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)Nq, (int)D, (int)Nk, 1.0f, s, (int)Nk, v, ldk, 0.0f,
                o, ldq);
  }
}

static void work(void *arg, int t) {
  openblas *x = arg;
  const long heads = (long)x->d.batch * x->d.heads_q;
  for (long bh; (bh = atomic_fetch_add(&x->next, 1)) < heads;) head(x, bh, x->s[t]);
}

static void destroy(void *state) {
  openblas *x = state;
  if (!x) return;
  mha__team_destroy(x->team);
  for (int t = 0; x->s && t < x->nthr; t++) free(x->s[t]);
  free(x->s);
  free(x);
}

static int create(int kind, const mha_attention_desc *desc, void **state, mha__impl_info *info, char *why,
                  size_t wlen) {
  (void)kind; /* F32 K/V only (kv_types below) */
  const mha_attention_desc *d = desc;
  /* cblas takes int sizes and leading dimensions. */
  if ((long)d->heads_q * d->head_dim > INT32_MAX) {
    snprintf(why, wlen, "cblas leading dimension Hq*d = %ld exceeds an int", (long)d->heads_q * d->head_dim);
    return MHA_IMPL_UNSUPPORTED;
  }
  size_t srow;
  if (__builtin_mul_overflow((size_t)d->seq_q, (size_t)d->seq_kv * sizeof(float), &srow)) {
    snprintf(why, wlen, "a head's %d x %d scores overflow", d->seq_q, d->seq_kv);
    return MHA_EOVERFLOW;
  }
  openblas *x = calloc(1, sizeof *x);
  if (!x) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  x->d = *d;
  x->scale = mha__impl_scale(d);
  long heads = (long)d->batch * d->heads_q, n = mha__impl_threads(d);
  x->nthr = (int)(n < heads ? n : heads);
  if (x->nthr > MHA__MAX_THREADS) x->nthr = MHA__MAX_THREADS;
  x->s = calloc((size_t)x->nthr, sizeof *x->s);
  if (!x->s) goto nomem;
  for (int t = 0; t < x->nthr; t++)
    if (!(x->s[t] = aligned_alloc(64, (srow + 63) / 64 * 64))) goto nomem;
  /* Each head's calls are single-threaded; the parallelism is ours, across heads. The
   * workers sleep at once between runs (spin 0), as a plain condition-variable pool does. */
  openblas_set_num_threads(1);
  const mha_context_desc td = {.threads = x->nthr, .spin_us = 0};
  const int e = mha__team_create(&td, &x->team);
  if (e) {
    snprintf(why, wlen, "could not start %d threads (code %d)", x->nthr, e);
    destroy(x);
    return e;
  }
  const char *cfg = openblas_get_config();
  snprintf(info->detail, sizeof info->detail, "%s (%s) sgemm%s+softmax+sgemm%s per head, %d threads over heads", cfg ? cfg : "OpenBLAS",
           openblas_get_corename(), d->seq_q == 1 ? "v" : "", d->seq_q == 1 ? "v" : "", x->nthr);
  *state = x;
  return 0;
nomem:
  snprintf(why, wlen, "out of memory for %d threads' %zu-byte scores", x->nthr, srow);
  destroy(x);
  return MHA_ENOMEM;
}

static int run(void *state, const void *qp, const void *kp, const void *vp, void *op) {
  const float *q = qp, *k = kp, *v = vp;
  float *o = op;
  openblas *x = state;
  x->q = q, x->k = k, x->v = v, x->o = o;
  atomic_store(&x->next, 0);
  mha__parallel(x->team, x->nthr, work, x);
  return 0;
}

const mha__impl_ops mha__impl_openblas = {1u << MHA_F32, 0, create, run, destroy, NULL};
