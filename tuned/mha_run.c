/* mha_run.c: cut a call into kernel tasks (batch x KV head x query-head group x query
 * chunk x key split), run them on threads, and merge split-KV partial results. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#endif
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mha_internal.h"

enum {
  MAX_THREADS = 256,     /* more buys nothing and costs a workspace each */
  TASKS_PER_THREAD = 4,  /* query chunks per thread, for balance (causal rows differ) */
  SPLIT_MIN_KEYS = 256,  /* a key split is at least this long */
};

static int cpus_allowed(void) {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)(n < MAX_THREADS ? n : MAX_THREADS) : 1;
}

static long cdiv(long a, long b) { return (a + b - 1) / b; }
static long round_up(long a, long m) { return cdiv(a, m) * m; }

void mha__plan_make(const mha_attention_desc *desc, const mha__kernel *k, mha__plan *p) {
  const int nq = desc->seq_q, nk = desc->seq_kv, group = desc->heads_q / desc->heads_kv;
  const long qt = k->qt > 0 ? k->qt : 1, kt = k->kt > 0 ? k->kt : 1;
  long threads = desc->threads > 0 ? desc->threads : cpus_allowed();
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  const long units = (long)desc->batch * desc->heads_kv * (group / k->g);

  long qchunk = nq;
  if (threads > 1) {
    long per_unit = cdiv(threads * TASKS_PER_THREAD, units);
    qchunk = round_up(cdiv(nq, per_unit), qt);
    if (qchunk >= nq) qchunk = nq;
  }
  const long nqchunks = cdiv(nq, qchunk);
  long tasks = units * nqchunks, splits = 1, kchunk = nk;

  /* Split-KV (decode): too few tasks to feed the threads, but many keys. */
  if (threads > 1 && tasks < 2 * threads && nk >= 2 * SPLIT_MIN_KEYS) {
    long want = cdiv(2 * threads, tasks);
    kchunk = round_up(cdiv(nk, want), kt);
    if (kchunk < SPLIT_MIN_KEYS) kchunk = round_up(SPLIT_MIN_KEYS, kt);
    if (kchunk >= nk) kchunk = nk;
    splits = cdiv(nk, kchunk);
    tasks *= splits;
  }
  if (threads > tasks) threads = tasks;
  p->threads = (int)threads;
  p->qchunk = (int)qchunk;
  p->nqchunks = (int)nqchunks;
  p->units = units;
  p->splits = (int)splits;
  p->kchunk = (int)kchunk;
  p->tasks = tasks;
}

typedef struct job {
  const mha_attention_desc *desc;
  const mha__kernel *k;
  const mha__plan *p;
  const float *q, *kk, *v;
  float *o;
  float *part, *lse; /* split-KV: [splits][B][Hq][Nq][d] partial O and [splits][B][Hq][Nq] lse */
  float *ws;
  size_t ws_stride;
  atomic_long next;
} job;

static void run_task(job *j, long t, float *ws) {
  const mha_attention_desc *desc = j->desc;
  const mha__plan *p = j->p;
  const int g = j->k->g, group = desc->heads_q / desc->heads_kv, subs = group / g;
  const int Hq = desc->heads_q, Hkv = desc->heads_kv, Nq = desc->seq_q, Nk = desc->seq_kv;
  const int d = desc->head_dim;
  const int s = (int)(t % p->splits);
  long rest = t / p->splits;
  const int qc = p->nqchunks - 1 - (int)(rest % p->nqchunks); /* late (heavy causal) rows first */
  const long u = rest / p->nqchunks;
  const int sub = (int)(u % subs), kh = (int)(u / subs % Hkv), b = (int)(u / subs / Hkv);
  const int h0 = kh * group + sub * g;
  const int q0 = qc * p->qchunk, k0 = s * p->kchunk;
  const int nq = Nq - q0 < p->qchunk ? Nq - q0 : p->qchunk;
  const int nk = Nk - k0 < p->kchunk ? Nk - k0 : p->kchunk;
  const int bhsd = desc->layout == MHA_LAYOUT_BHSD;

  mha__task k = {0};
  k.nq = nq;
  k.nk = nk;
  k.d = d;
  k.heads = g;
  k.causal = desc->causal;
  k.diag = ((long)q0 + Nk - Nq) - k0;
  k.scale = desc->scale != 0.0f ? desc->scale : 1.0f / sqrtf((float)d);
  k.ws = ws;
  if (bhsd) {
    k.q = j->q + (((ptrdiff_t)b * Hq + h0) * Nq + q0) * d;
    k.q_rs = d;
    k.q_hs = (ptrdiff_t)Nq * d;
    k.k = j->kk + (((ptrdiff_t)b * Hkv + kh) * Nk + k0) * d;
    k.v = j->v + (((ptrdiff_t)b * Hkv + kh) * Nk + k0) * d;
    k.k_rs = k.v_rs = d;
  } else {
    k.q = j->q + (((ptrdiff_t)b * Nq + q0) * Hq + h0) * d;
    k.q_rs = (ptrdiff_t)Hq * d;
    k.q_hs = d;
    k.k = j->kk + (((ptrdiff_t)b * Nk + k0) * Hkv + kh) * d;
    k.v = j->v + (((ptrdiff_t)b * Nk + k0) * Hkv + kh) * d;
    k.k_rs = k.v_rs = (ptrdiff_t)Hkv * d;
  }
  if (p->splits == 1) {
    k.o = j->o + (k.q - j->q); /* o has q's layout */
    k.o_rs = k.q_rs;
    k.o_hs = k.q_hs;
  } else {
    const ptrdiff_t rows = (ptrdiff_t)desc->batch * Hq * Nq, row = ((ptrdiff_t)b * Hq + h0) * Nq + q0;
    k.o = j->part + (s * rows + row) * d;
    k.o_rs = d;
    k.o_hs = (ptrdiff_t)Nq * d;
    k.lse = j->lse + s * rows + row;
    k.lse_hs = Nq;
    if (k.causal && nq - 1 + k.diag < 0) { /* no row sees a key of this split */
      for (int h = 0; h < g; h++)
        for (int i = 0; i < nq; i++) k.lse[h * k.lse_hs + i] = -INFINITY;
      return;
    }
  }
  j->k->fn(&k);
}

/* Worker w of a job runs tasks with workspace ws + w * ws_stride until none is left. */
static void work(job *j, int w) {
  float *ws = j->ws + (size_t)w * j->ws_stride;
  for (long t; (t = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) < j->p->tasks;)
    run_task(j, t, ws);
}

/* ---- the pool: workers that outlive a call ----
 * Starting and joining a thread costs about 100 us on a VM, as much as a whole decoding step
 * or a short prefill; so workers are started once, on the first call that wants them, and
 * sleep between calls. Waking a sleeping thread costs tens of microseconds more on a VM (its
 * virtual CPU has halted), at the start and at the end of every call: so a worker waits for
 * the next call, and the caller for the workers' end, spinning for a while before they sleep
 * (MHA_SPIN_US, default 200; 0 sleeps at once). One call owns the pool at a time: a
 * concurrent caller that finds it busy starts threads of its own, as every call did before.
 * A forked child starts with no workers; unloading the library (or exiting) stops and joins
 * them. */
static struct {
  pthread_mutex_t mu;
  pthread_cond_t wake, done;
  int started, want, active, busy, stop;
  unsigned long gen;
  job *j;
  pthread_t tid[MAX_THREADS];
} pool = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0, 0, 0, 0, NULL, {0}};

static long spin_ns;
static void spin_init(void) {
  const char *e = getenv("MHA_SPIN_US");
  const long us = e && *e ? atol(e) : 200;
  spin_ns = us > 0 ? (us < 1000000 ? us : 1000000) * 1000 : 0;
}

static long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000L + t.tv_nsec;
}

/* One step of a spin that gives up at end (ns): 0 once it is over. */
static int spin_on(long i, long end) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
  return (i & 63) || now_ns() <= end;
}

static void *pool_worker(void *arg) {
  const int w = (int)(intptr_t)arg; /* 1 .. MAX_THREADS - 1; the caller is worker 0 */
  unsigned long seen = 0;
  pthread_mutex_lock(&pool.mu);
  for (;;) {
    if (seen && pool.gen == seen && !pool.stop) { /* after a call: the next one soon? */
      pthread_mutex_unlock(&pool.mu);
      const long end = now_ns() + spin_ns;
      for (long i = 1; spin_ns && __atomic_load_n(&pool.gen, __ATOMIC_ACQUIRE) == seen &&
                       !__atomic_load_n(&pool.stop, __ATOMIC_RELAXED) && spin_on(i, end);
           i++) {
      }
      pthread_mutex_lock(&pool.mu);
    }
    while (!pool.stop && (pool.gen == seen || w > pool.want)) pthread_cond_wait(&pool.wake, &pool.mu);
    if (pool.stop) break;
    seen = pool.gen;
    job *j = pool.j;
    pthread_mutex_unlock(&pool.mu);
    work(j, w);
    pthread_mutex_lock(&pool.mu);
    if (__atomic_sub_fetch(&pool.active, 1, __ATOMIC_RELEASE) == 0) pthread_cond_signal(&pool.done);
  }
  pthread_mutex_unlock(&pool.mu);
  return NULL;
}

/* In a forked child only the forking thread exists: forget the parent's workers. */
static void pool_after_fork(void) {
  pthread_mutex_init(&pool.mu, NULL);
  pthread_cond_init(&pool.wake, NULL);
  pthread_cond_init(&pool.done, NULL);
  pool.started = pool.want = pool.active = pool.busy = pool.stop = 0;
}
static void pool_register(void) {
  spin_init();
  pthread_atfork(NULL, NULL, pool_after_fork);
}

__attribute__((destructor)) static void pool_stop(void) {
  pthread_mutex_lock(&pool.mu);
  const int n = pool.started;
  __atomic_store_n(&pool.stop, 1, __ATOMIC_RELAXED); /* a spinning worker reads it unlocked */
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.mu);
  for (int t = 0; t < n; t++) pthread_join(pool.tid[t], NULL);
  pool.started = 0;
}

/* Runs j on the caller and helpers - 1 pooled workers; 0 when the pool is busy (the caller
 * then uses threads of its own). */
static int pool_run(job *j, int helpers) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, pool_register);
  pthread_mutex_lock(&pool.mu);
  if (pool.busy || pool.stop) {
    pthread_mutex_unlock(&pool.mu);
    return 0;
  }
  pool.busy = 1;
  while (pool.started < helpers &&
         pthread_create(&pool.tid[pool.started], NULL, pool_worker, (void *)(intptr_t)(pool.started + 1)) == 0)
    pool.started++;
  /* A worker that would not start leaves its share to the others. */
  pool.want = helpers < pool.started ? helpers : pool.started;
  pool.active = pool.want;
  pool.j = j;
  __atomic_store_n(&pool.gen, pool.gen + 1, __ATOMIC_RELEASE);
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.mu);
  work(j, 0);
  const long end = now_ns() + spin_ns; /* the workers' end is near: spin before sleeping */
  for (long i = 1; spin_ns && __atomic_load_n(&pool.active, __ATOMIC_ACQUIRE) > 0 && spin_on(i, end); i++) {
  }
  pthread_mutex_lock(&pool.mu);
  while (pool.active > 0) pthread_cond_wait(&pool.done, &pool.mu);
  pool.busy = 0;
  pool.j = NULL;
  pthread_mutex_unlock(&pool.mu);
  return 1;
}

typedef struct own_arg {
  job *j;
  int w;
} own_arg;

static void *own_worker(void *arg) {
  const own_arg *a = arg;
  work(a->j, a->w);
  return NULL;
}

/* The pool is busy with another caller's call: threads of this call's own. */
static void run_own_threads(job *j, int threads) {
  own_arg args[MAX_THREADS];
  pthread_t tid[MAX_THREADS];
  int started = 0;
  for (int t = 1; t < threads; t++) {
    args[t] = (own_arg){j, t};
    if (pthread_create(&tid[started], NULL, own_worker, &args[t]) != 0) break;
    started++;
  }
  work(j, 0);
  for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
}

/* O = sum_s 2^(lse_s - m) O_s / sum_s 2^(lse_s - m), m = max_s lse_s; zeros where all are -inf. */
static void merge(const job *j) {
  const mha_attention_desc *desc = j->desc;
  const int Hq = desc->heads_q, Nq = desc->seq_q, d = desc->head_dim, S = j->p->splits;
  const ptrdiff_t rows = (ptrdiff_t)desc->batch * Hq * Nq;
  for (ptrdiff_t r = 0; r < rows; r++) {
    const int i = (int)(r % Nq), h = (int)(r / Nq % Hq), b = (int)(r / Nq / Hq);
    float *o = j->o + (desc->layout == MHA_LAYOUT_BHSD ? r * d
                                                         : (((ptrdiff_t)b * Nq + i) * Hq + h) * d);
    float m = -INFINITY;
    for (int s = 0; s < S; s++)
      if (j->lse[s * rows + r] > m) m = j->lse[s * rows + r];
    for (int c = 0; c < d; c++) o[c] = 0.0f;
    if (m == -INFINITY) continue;
    float sum = 0.0f;
    for (int s = 0; s < S; s++) {
      const float l = j->lse[s * rows + r];
      if (l == -INFINITY) continue;
      const float w = exp2f(l - m);
      const float *ps = j->part + (s * rows + r) * d;
      sum += w;
      for (int c = 0; c < d; c++) o[c] += w * ps[c];
    }
    const float inv = 1.0f / sum;
    for (int c = 0; c < d; c++) o[c] *= inv;
  }
}

static void *alloc64(size_t floats, size_t count, int *err) {
  size_t bytes;
  if (__builtin_mul_overflow(floats, count, &bytes) ||
      __builtin_mul_overflow(bytes, sizeof(float), &bytes) || bytes > SIZE_MAX - 64) {
    *err = MHA_ENOMEM;
    return NULL;
  }
  void *m = aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
  if (!m) *err = MHA_ENOMEM;
  return m;
}

int mha__execute(const mha_attention_desc *desc, const mha__kernel *k, const mha__plan *p,
                 const float *q, const float *k_, const float *v, float *o) {
  int err = MHA_OK;
  const size_t ws_stride = (k->ws_floats(desc->head_dim) + 15) / 16 * 16;
  job j = {desc, k, p, q, k_, v, o, NULL, NULL, NULL, ws_stride, 0};

  j.ws = alloc64(ws_stride ? ws_stride : 16, (size_t)p->threads, &err);
  if (!j.ws) goto out;
  if (p->splits > 1) {
    const size_t rows = (size_t)desc->batch * desc->heads_q * desc->seq_q;
    j.part = alloc64(rows * desc->head_dim, (size_t)p->splits, &err);
    if (!j.part) goto out_ws;
    j.lse = alloc64(rows, (size_t)p->splits, &err);
    if (!j.lse) goto out_part;
  }
  /* The calling thread is worker 0; a worker that will not start leaves its share to the
   * others. */
  if (p->threads <= 1) work(&j, 0);
  else if (!pool_run(&j, p->threads - 1)) run_own_threads(&j, p->threads);
  if (p->splits > 1) merge(&j);

  free(j.lse);
out_part:
  free(j.part);
out_ws:
  free(j.ws);
out:
  return err;
}

int mha__attention_with(const mha_attention_desc *desc, const mha__kernel *k, const float *q,
                        const float *k_, const float *v, float *o) {
  mha__plan p;
  int err = mha__validate(desc, q, k_, v, o);
  if (err) return err;
  if (!k || !k->fn || !k->ws_floats || k->isa > mha__cpu_isa_detected() ||
      !mha__kernel_applies(k, desc->head_dim, desc->heads_q / desc->heads_kv))
    return MHA_EKERNEL;
  mha__plan_make(desc, k, &p);
  return mha__execute(desc, k, &p, q, k_, v, o);
}
