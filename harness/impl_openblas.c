/* impl_openblas.c: attention as a BLAS user writes it: per query head, S = scale * Q K^T with
 * sgemm (sgemv when there is one query row), a row softmax in plain C with the causal mask,
 * O = P V with sgemm (sgemv). OpenBLAS runs single-threaded inside each call; our own threads
 * take heads from a shared counter, so the heads run in parallel, as they would under a
 * parallel-for. The threads and their score rows are made once in create() and wait between
 * runs. GQA costs nothing: a query head's K and V pointers are its KV head's. */
#include <cblas.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl_internal.h"

typedef struct openblas openblas;
typedef struct worker {
  openblas *x;
  int id;
} worker;

struct openblas {
  mha_attention_desc d;
  float scale;
  int nthr;     /* threads working on a run, the caller included */
  int started;  /* helper threads running */
  float **s;    /* per thread: the head's scores, Nq x Nk */
  pthread_t *tid;
  worker *w;
  pthread_mutex_t mu;
  pthread_cond_t go, done;
  unsigned long gen; /* bumped by each run: a helper's signal to start */
  int busy;          /* helpers still working on this run */
  int quit;
  const float *q, *k, *v;
  float *o;
  atomic_long next; /* the next head to take */
};

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

static void work(openblas *x, int t) {
  const long heads = (long)x->d.batch * x->d.heads_q;
  for (long bh; (bh = atomic_fetch_add(&x->next, 1)) < heads;) head(x, bh, x->s[t]);
}

static void *helper(void *arg) {
  worker *w = arg;
  openblas *x = w->x;
  unsigned long seen = 0;
  for (;;) {
    pthread_mutex_lock(&x->mu);
    while (x->gen == seen && !x->quit) pthread_cond_wait(&x->go, &x->mu);
    if (x->quit) {
      pthread_mutex_unlock(&x->mu);
      return NULL;
    }
    seen = x->gen;
    pthread_mutex_unlock(&x->mu);
    work(x, w->id);
    pthread_mutex_lock(&x->mu);
    if (--x->busy == 0) pthread_cond_signal(&x->done);
    pthread_mutex_unlock(&x->mu);
  }
}

static void destroy(void *state) {
  openblas *x = state;
  if (!x) return;
  if (x->started) {
    pthread_mutex_lock(&x->mu);
    x->quit = 1;
    pthread_cond_broadcast(&x->go);
    pthread_mutex_unlock(&x->mu);
    for (int t = 0; t < x->started; t++) pthread_join(x->tid[t], NULL);
  }
  pthread_mutex_destroy(&x->mu);
  pthread_cond_destroy(&x->go);
  pthread_cond_destroy(&x->done);
  for (int t = 0; x->s && t < x->nthr; t++) free(x->s[t]);
  free(x->s);
  free(x->tid);
  free(x->w);
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
  pthread_mutex_init(&x->mu, NULL);
  pthread_cond_init(&x->go, NULL);
  pthread_cond_init(&x->done, NULL);
  x->s = calloc((size_t)x->nthr, sizeof *x->s);
  x->tid = calloc((size_t)x->nthr, sizeof *x->tid);
  x->w = calloc((size_t)x->nthr, sizeof *x->w);
  if (!x->s || !x->tid || !x->w) goto nomem;
  for (int t = 0; t < x->nthr; t++)
    if (!(x->s[t] = aligned_alloc(64, (srow + 63) / 64 * 64))) goto nomem;
  /* Each head's calls are single-threaded; the parallelism is ours, across heads. */
  openblas_set_num_threads(1);
  for (int t = 1; t < x->nthr; t++) {
    x->w[t] = (worker){x, t};
    int e = pthread_create(&x->tid[x->started], NULL, helper, &x->w[t]);
    if (e) {
      snprintf(why, wlen, "pthread_create: %s", strerror(e));
      destroy(x);
      return MHA_ETHREAD;
    }
    x->started++;
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
  pthread_mutex_lock(&x->mu);
  x->gen++;
  x->busy = x->started;
  pthread_cond_broadcast(&x->go);
  pthread_mutex_unlock(&x->mu);
  work(x, 0);
  pthread_mutex_lock(&x->mu);
  while (x->busy) pthread_cond_wait(&x->done, &x->mu);
  pthread_mutex_unlock(&x->mu);
  return 0;
}

const mha__impl_ops mha__impl_openblas = {1u << MHA_F32, 0, create, run, destroy, NULL};
