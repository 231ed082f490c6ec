/* mha_team.c: the threads of the library: the CPUs a process may use, the library's pool, caller-made
 * teams (mha_context), and mha__parallel, which runs one piece of work on a team. Everything
 * that runs on several threads (attention, GEMM, the layer, the harness's reference) goes
 * through it. Below mha_run.c and the layer; uses nothing of the runtime. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT, pthread_attr_setaffinity_np */
#endif
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mha_team.h"

static long cdiv(long a, long b) { return (a + b - 1) / b; }

int mha__quota_cpus(const char *text) {
  char quota[32];
  long period = 0;
  if (!text || sscanf(text, "%31s %ld", quota, &period) != 2 || period <= 0) return 0;
  char *end;
  const long q = strtol(quota, &end, 10);
  if (*end || q <= 0) return 0; /* "max": no limit */
  const long n = cdiv(q, period);
  return (int)(n < MHA__MAX_THREADS ? n : MHA__MAX_THREADS);
}

/* The cgroup quota is read once: a container's limit does not change under a process. */
static int quota;
static void quota_read(void) {
  char buf[64] = {0};
  FILE *f = fopen("/sys/fs/cgroup/cpu.max", "r");
  if (!f) return;
  if (fgets(buf, sizeof buf, f)) quota = mha__quota_cpus(buf);
  fclose(f);
}

int mha__cpus_allowed(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, quota_read);
  cpu_set_t set;
  long n = 0;
  if (sched_getaffinity(0, sizeof set, &set) == 0) n = CPU_COUNT(&set);
  if (n <= 0) n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n <= 0) n = 1;
  if (quota > 0 && quota < n) n = quota;
  return (int)(n < MHA__MAX_THREADS ? n : MHA__MAX_THREADS);
}

/* ---- teams: workers that outlive a call ----
 * Starting and joining a thread costs about 100 us on a VM, as much as a whole decoding step
 * or a short prefill; so workers are started once and sleep between calls. Waking a sleeping
 * thread costs tens of microseconds more on a VM (its virtual CPU has halted), at the start
 * and at the end of every call: so a worker waits for the next call, and the caller for the
 * workers' end, spinning for a while before they sleep. Each worker sleeps on its own
 * condition variable, so a call wakes only the workers it uses.
 * The library's pool starts its workers as calls need them, spins MHA_SPIN_US (default 200;
 * 0 sleeps at once); a concurrent caller that finds it busy starts threads of its own. A
 * caller's context (mha_context_create) starts its workers at once, spins its spin_us, and
 * serves concurrent callers one call at a time in arrival order (tickets), so none starves.
 * A forked child has no workers: the pool forgets the parent's, a context runs on the
 * caller alone. Unloading the library (or exiting) stops and joins the pool's. Workers block
 * every signal: a process's signal handlers run on its own threads. */
enum { CTX_MAGIC = 0x6d686163 }; /* "mhac": a live caller's context */

typedef struct slot {
  struct mha_context *t;
  int w; /* 1 .. size - 1; the caller is worker 0 */
} slot;

struct mha_context {
  unsigned long magic; /* first, so a stray pointer is caught reading one word */
  pthread_mutex_t mu;
  pthread_cond_t done, turn, wake[MHA__MAX_THREADS];
  int size;            /* threads: the caller and up to size - 1 workers */
  int started, want, active, busy, stop, inited;
  unsigned long gen, ticket, serving;
  long spin_ns;
  pid_t pid;           /* the process that started the workers */
  cpu_set_t *pin;      /* NULL, or worker w's CPU set at pin[w] */
  const mha__work *j;
  pthread_t tid[MHA__MAX_THREADS];
  slot slots[MHA__MAX_THREADS];
};

static struct mha_context pool = {.mu = PTHREAD_MUTEX_INITIALIZER, .size = MHA__MAX_THREADS};

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

static long spin_ns_of(long us) { return us > 0 ? (us < 1000000 ? us : 1000000) * 1000 : 0; }

static void team_init(struct mha_context *t, long spin_ns) {
  pthread_mutex_init(&t->mu, NULL);
  pthread_cond_init(&t->done, NULL);
  pthread_cond_init(&t->turn, NULL);
  for (int w = 0; w < MHA__MAX_THREADS; w++) pthread_cond_init(&t->wake[w], NULL);
  t->started = t->want = t->active = t->busy = t->stop = 0;
  t->gen = t->ticket = t->serving = 0;
  t->spin_ns = spin_ns;
  t->pid = getpid();
  t->inited = 1;
}

static void *team_worker(void *arg) {
  const slot *s = arg;
  struct mha_context *t = s->t;
  const int w = s->w;
  unsigned long seen = 0;
  pthread_mutex_lock(&t->mu);
  for (;;) {
    if (seen && t->gen == seen && !t->stop) { /* after a call: the next one soon? */
      pthread_mutex_unlock(&t->mu);
      const long end = now_ns() + t->spin_ns;
      for (long i = 1; t->spin_ns && __atomic_load_n(&t->gen, __ATOMIC_ACQUIRE) == seen &&
                       !__atomic_load_n(&t->stop, __ATOMIC_RELAXED) && spin_on(i, end);
           i++) {
      }
      pthread_mutex_lock(&t->mu);
    }
    while (!t->stop && (t->gen == seen || w > t->want)) pthread_cond_wait(&t->wake[w], &t->mu);
    if (t->stop) break;
    seen = t->gen;
    const mha__work *j = t->j;
    pthread_mutex_unlock(&t->mu);
    j->fn(j->arg, w);
    pthread_mutex_lock(&t->mu);
    if (__atomic_sub_fetch(&t->active, 1, __ATOMIC_RELEASE) == 0) pthread_cond_signal(&t->done);
  }
  pthread_mutex_unlock(&t->mu);
  return NULL;
}

/* Starts worker t->started + 1 with every signal blocked (a thread inherits its creator's
 * mask), pinned when the team has a CPU list; 0 when it would not start. */
static int team_grow(struct mha_context *t) {
  const int w = t->started + 1;
  sigset_t all, old;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr)) return 0;
  if (t->pin) pthread_attr_setaffinity_np(&attr, sizeof(cpu_set_t), &t->pin[w]);
  t->slots[w] = (slot){t, w};
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  const int ok = pthread_create(&t->tid[t->started], &attr, team_worker, &t->slots[w]) == 0;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  pthread_attr_destroy(&attr);
  t->started += ok;
  return ok;
}

/* Stops and joins t's workers. */
static void team_stop(struct mha_context *t) {
  pthread_mutex_lock(&t->mu);
  const int n = t->started;
  __atomic_store_n(&t->stop, 1, __ATOMIC_RELAXED); /* a spinning worker reads it unlocked */
  for (int w = 1; w <= n; w++) pthread_cond_signal(&t->wake[w]);
  pthread_mutex_unlock(&t->mu);
  for (int w = 0; w < n; w++) pthread_join(t->tid[w], NULL);
  t->started = 0;
}

/* Runs j on the caller and up to helpers workers of t, which the caller owns (busy). */
static void team_call(struct mha_context *t, const mha__work *j, int helpers) {
  pthread_mutex_lock(&t->mu);
  while (t->started < helpers && t->started < t->size - 1 && team_grow(t)) {
  }
  /* A worker that would not start leaves its share to the others. */
  t->want = helpers < t->started ? helpers : t->started;
  t->active = t->want;
  t->j = j;
  __atomic_store_n(&t->gen, t->gen + 1, __ATOMIC_RELEASE);
  for (int w = 1; w <= t->want; w++) pthread_cond_signal(&t->wake[w]);
  pthread_mutex_unlock(&t->mu);
  j->fn(j->arg, 0);
  const long end = now_ns() + t->spin_ns; /* the workers' end is near: spin before sleeping */
  for (long i = 1; t->spin_ns && __atomic_load_n(&t->active, __ATOMIC_ACQUIRE) > 0 && spin_on(i, end); i++) {
  }
  pthread_mutex_lock(&t->mu);
  while (t->active > 0) pthread_cond_wait(&t->done, &t->mu);
  t->j = NULL;
  pthread_mutex_unlock(&t->mu);
}

/* In a forked child only the forking thread exists: forget the parent's workers. */
static void pool_after_fork(void) {
  pool.inited = 0;
  team_init(&pool, pool.spin_ns);
}
static void pool_register(void) {
  const char *e = getenv("MHA_SPIN_US");
  team_init(&pool, spin_ns_of(e && *e ? atol(e) : 200));
  pthread_atfork(NULL, NULL, pool_after_fork);
}

__attribute__((destructor)) static void pool_stop(void) {
  if (pool.inited) team_stop(&pool);
}

/* Runs j on the pool; 0 when the pool is busy (the caller then uses threads of its own). */
static int pool_run(const mha__work *j, int helpers) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, pool_register);
  pthread_mutex_lock(&pool.mu);
  if (pool.busy || pool.stop) {
    pthread_mutex_unlock(&pool.mu);
    return 0;
  }
  pool.busy = 1;
  pthread_mutex_unlock(&pool.mu);
  team_call(&pool, j, helpers);
  pthread_mutex_lock(&pool.mu);
  pool.busy = 0;
  pthread_mutex_unlock(&pool.mu);
  return 1;
}

/* Runs j on a caller's context, waiting for this caller's turn (tickets: first come, first
 * served). A forked child's copy has no workers: the caller runs every task. */
static void ctx_run(struct mha_context *t, const mha__work *j, int helpers) {
  if (t->pid != getpid()) {
    j->fn(j->arg, 0);
    return;
  }
  pthread_mutex_lock(&t->mu);
  const unsigned long me = t->ticket++;
  while (t->serving != me) pthread_cond_wait(&t->turn, &t->mu);
  pthread_mutex_unlock(&t->mu);
  team_call(t, j, helpers);
  pthread_mutex_lock(&t->mu);
  t->serving++;
  pthread_cond_broadcast(&t->turn);
  pthread_mutex_unlock(&t->mu);
}

static int cpu_ok(const cpu_set_t *allowed, int c) {
  return c >= 0 && c < CPU_SETSIZE && CPU_ISSET(c, allowed);
}

int mha__team_create(const mha_context_desc *d, struct mha_context **out) {
  if (out) *out = NULL;
  if (!d || !out) return MHA_ENULL;
  if (d->threads < 0 || d->spin_us < 0 || d->ncpus < 0 || (d->ncpus > 0 && !d->cpus))
    return MHA_ETHREADS;
  cpu_set_t allowed;
  CPU_ZERO(&allowed);
  if (d->ncpus > 0 && sched_getaffinity(0, sizeof allowed, &allowed)) return MHA_ETHREADS;
  for (int i = 0; i < d->ncpus; i++)
    if (!cpu_ok(&allowed, d->cpus[i])) return MHA_ETHREADS;
  int size = d->threads ? d->threads : d->ncpus ? d->ncpus : mha__cpus_allowed();
  if (size > MHA__MAX_THREADS) size = MHA__MAX_THREADS;
  int err = MHA_ENOMEM;
  struct mha_context *t = calloc(1, sizeof *t);
  if (!t) goto out;
  if (d->ncpus > 0) { /* worker w runs on cpus[w % ncpus]; the caller's thread stays free */
    if (!(t->pin = calloc((size_t)size, sizeof *t->pin))) goto out_t;
    for (int w = 1; w < size; w++) CPU_SET(d->cpus[w % d->ncpus], &t->pin[w]);
  }
  team_init(t, spin_ns_of(d->spin_us));
  t->size = size;
  err = MHA_ETHREAD;
  while (t->started < size - 1 && team_grow(t)) {
  }
  if (t->started < size - 1) goto out_workers;
  t->magic = CTX_MAGIC;
  *out = t;
  return MHA_OK;

out_workers:
  team_stop(t);
  free(t->pin);
out_t:
  free(t);
out:
  return err;
}

int mha__team_valid(const struct mha_context *ctx) { return ctx->magic == CTX_MAGIC; }

void mha__team_destroy(struct mha_context *ctx) {
  if (!ctx || ctx->magic != CTX_MAGIC) return;
  ctx->magic = 0;
  if (ctx->pid == getpid()) team_stop(ctx);
  pthread_mutex_destroy(&ctx->mu);
  pthread_cond_destroy(&ctx->done);
  pthread_cond_destroy(&ctx->turn);
  for (int w = 0; w < MHA__MAX_THREADS; w++) pthread_cond_destroy(&ctx->wake[w]);
  free(ctx->pin);
  free(ctx);
}

typedef struct own_arg {
  const mha__work *j;
  int w;
} own_arg;

static void *own_worker(void *arg) {
  const own_arg *a = arg;
  a->j->fn(a->j->arg, a->w);
  return NULL;
}

/* The pool is busy with another caller's call: threads of this call's own. */
static void run_own_threads(const mha__work *j, int threads) {
  own_arg args[MHA__MAX_THREADS];
  pthread_t tid[MHA__MAX_THREADS];
  int started = 0;
  sigset_t all, old;
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old);
  for (int t = 1; t < threads; t++) {
    args[t] = (own_arg){j, t};
    if (pthread_create(&tid[started], NULL, own_worker, &args[t]) != 0) break;
    started++;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  j->fn(j->arg, 0);
  for (int t = 0; t < started; t++) pthread_join(tid[t], NULL);
}

int mha__team_size(const struct mha_context *ctx) { return ctx->size; }

int mha__threads_for(int threads, const struct mha_context *ctx) {
  int T = threads;
  if (ctx) T = T == 0 || T > ctx->size ? ctx->size : T;
  else if (T == 0) T = mha__cpus_allowed();
  return T < 1 ? 1 : T > MHA__MAX_THREADS ? MHA__MAX_THREADS : T;
}

void mha__parallel(struct mha_context *ctx, int threads, mha__work_fn fn, void *arg) {
  const mha__work j = {fn, arg};
  if (threads <= 1) fn(arg, 0);
  else if (ctx) ctx_run(ctx, &j, threads - 1);
  else if (!pool_run(&j, threads - 1)) run_own_threads(&j, threads);
}
