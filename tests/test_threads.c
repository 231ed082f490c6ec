/* test_threads: 8 threads call the library at once, each with its own buffers, shape
 * and thread count (split-KV decode included); every answer must match the reference. The
 * pool of workers that outlive a call: reused by calls with other thread counts, and a
 * forked child, which starts without the parent's workers, still gets right answers; a key
 * split that no row of its query chunk sees; with
 * workers that spin between calls and with workers that sleep at once (MHA_SPIN_US=0).
 * Caller-made contexts: 8 callers on one context of 2 threads, and a context's life (its
 * workers' signal mask, a call waking only the workers it uses, the errors, destroy). */
#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_internal.h"
#include "mha_table.h"
#include "reference.h"

enum { CALLERS = 8, ROUNDS = 3 };

typedef struct caller {
  mha_attention_desc desc;
  int failures; /* calls that failed or were off */
  double worst;
} caller;

static pthread_barrier_t start;

static void fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

static void *run(void *arg) {
  caller *c = arg;
  mha_attention_desc *d = &c->desc;
  const size_t nq = (size_t)d->batch * d->heads_q * d->seq_q * d->head_dim;
  const size_t nk = (size_t)d->batch * d->heads_kv * d->seq_kv * d->head_dim;
  float *q = malloc(nq * 4), *k = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  double *ref = malloc(nq * 8);
  pthread_barrier_wait(&start);
  if (!q || !k || !v || !o || !ref) {
    c->failures = -1;
    goto out;
  }
  fill(q, nq, (uint32_t)d->seq_q), fill(k, nk, (uint32_t)d->seq_kv), fill(v, nk, 99);
  mha_ref_attention(d, q, k, v, ref, NULL);
  for (int r = 0; r < ROUNDS; r++) {
    for (size_t i = 0; i < nq; i++) o[i] = NAN;
    if (mha_attention_f32(d, q, k, v, o) != MHA_OK) {
      c->failures++;
      continue;
    }
    double w = 0;
    for (size_t i = 0; i < nq; i++) {
      double e = fabs(o[i] - ref[i]);
      if (!(e <= w)) w = e;
    }
    if (!(w <= 2e-5)) c->failures++;
    if (!(w <= c->worst)) c->worst = w;
  }
out:
  free(ref), free(o), free(v), free(k), free(q);
  return NULL;
}

static void test_concurrent(void **st) {
  (void)st;
  /* B, Hq, Hkv, Nq, Nk, d, causal, layout, threads */
  static const int shapes[CALLERS][9] = {
      {1, 4, 4, 40, 40, 64, 1, 0, 1},    {2, 8, 2, 17, 90, 128, 0, 1, 2},
      {1, 2, 1, 1, 2048, 128, 0, 0, 2},  {1, 3, 1, 33, 10, 7, 1, 1, 0},
      {1, 6, 3, 64, 64, 80, 1, 0, 3},    {1, 1, 1, 2, 1500, 32, 1, 1, 4},
      {2, 2, 2, 100, 130, 130, 0, 0, 1}, {1, 4, 1, 1, 700, 64, 1, 1, 0},
  };
  caller c[CALLERS] = {0};
  pthread_t tid[CALLERS];
  assert_int_equal(pthread_barrier_init(&start, NULL, CALLERS), 0);
  for (int i = 0; i < CALLERS; i++) {
    const int *s = shapes[i];
    mha_attention_desc *d = &c[i].desc;
    d->batch = s[0], d->heads_q = s[1], d->heads_kv = s[2], d->seq_q = s[3], d->seq_kv = s[4];
    d->head_dim = s[5], d->causal = s[6], d->layout = s[7], d->threads = s[8];
    assert_int_equal(pthread_create(&tid[i], NULL, run, &c[i]), 0);
  }
  for (int i = 0; i < CALLERS; i++) pthread_join(tid[i], NULL);
  pthread_barrier_destroy(&start);
  for (int i = 0; i < CALLERS; i++)
    if (c[i].failures) fail_msg("caller %d (%s): %d bad calls, worst error %g", i,
                                mha_kernel_name(&c[i].desc), c[i].failures, c[i].worst);
}

/* One call of desc with `threads` threads; its worst error against the reference, or -1. */
static double one_call(int threads) {
  mha_attention_desc d = {.batch = 1, .heads_q = 8, .heads_kv = 2,
                          .seq_q = 37, .seq_kv = 300, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = threads};
  const size_t nq = (size_t)8 * 37 * 64, nk = (size_t)2 * 300 * 64;
  float *q = malloc(nq * 4), *k = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  double *ref = malloc(nq * 8), w = -1;
  if (q && k && v && o && ref) {
    fill(q, nq, 1), fill(k, nk, 2), fill(v, nk, 3);
    mha_ref_attention(&d, q, k, v, ref, NULL);
    for (size_t i = 0; i < nq; i++) o[i] = NAN;
    if (mha_attention_f32(&d, q, k, v, o) == MHA_OK) {
      w = 0;
      for (size_t i = 0; i < nq; i++) {
        double e = fabs(o[i] - ref[i]);
        if (!(e <= w)) w = e;
      }
    }
  }
  free(ref), free(o), free(v), free(k), free(q);
  return w;
}

/* The threads of this process, from /proc/self/task: their ids in tids (sorted), their count. */
enum { MAX_TASKS = 512 };
static int cmp_long(const void *a, const void *b) {
  const long x = *(const long *)a, y = *(const long *)b;
  return (x > y) - (x < y);
}
static int tasks_now(long *tids) {
  DIR *dir = opendir("/proc/self/task");
  int n = 0;
  assert_non_null(dir);
  for (struct dirent *e; (e = readdir(dir)) && n < MAX_TASKS;)
    if (e->d_name[0] != '.') tids[n++] = atol(e->d_name);
  closedir(dir);
  qsort(tids, (size_t)n, sizeof *tids, cmp_long);
  return n;
}
/* How many of a's ids are in b (both sorted). */
static int kept(const long *a, int na, const long *b, int nb) {
  int c = 0;
  for (int i = 0, j = 0; i < na && j < nb;)
    if (a[i] == b[j]) c++, i++, j++;
    else if (a[i] < b[j]) i++;
    else j++;
  return c;
}

/* The threads a call of one_call's shape on `threads` threads is planned to use. */
static int planned(int threads) {
  mha_attention_desc d = {.batch = 1, .heads_q = 8, .heads_kv = 2,
                          .seq_q = 37, .seq_kv = 300, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = threads};
  const mha__kernel *k;
  const char *why;
  mha__plan p;
  assert_int_equal(mha__choose(&d, &k, &why), MHA_OK);
  mha__plan_make(&d, k, &p);
  return p.threads;
}

/* Workers outlive a call and serve the next ones: a call never ends a worker, and starts only
 * the workers the pool lacks, so after each call the process has the caller and as many
 * workers as the widest call so far needed (a library that started threads per call would
 * have none left after it). */
/* Threads that are not the library's: a sanitizer's helper, started at the first
 * pthread_create (counted in main, before the library runs). */
static int foreign;
static void *nop(void *a) { return a; }

static void test_pool_reuse(void **st) {
  (void)st;
  static const int threads[] = {2, 5, 3, 1, 2, 8, 4};
  static long before[MAX_TASKS], after[MAX_TASKS];
  int nb = tasks_now(before), workers = nb - 1 - foreign, reused = 0, grown = 0;
  for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
    const int t = planned(threads[i]);
    double w = one_call(threads[i]);
    if (!(w >= 0 && w <= 2e-5)) fail_msg("threads=%d: worst error %g", threads[i], w);
    const int na = tasks_now(after);
    assert_int_equal(kept(before, nb, after, na), nb);
    grown += t - 1 > workers;
    reused += t > 1 && t - 1 <= workers;
    if (t - 1 > workers) workers = t - 1;
    if (na - 1 - foreign != workers)
      fail_msg("threads=%d (planned %d): %d workers alive, expected %d", threads[i], t, na - 1 - foreign, workers);
    memcpy(before, after, sizeof after), nb = na;
  }
  assert_true(grown > 0 && reused > 0);
}

/* Split-KV with a key split that no row of a query chunk sees (Nq > Nk, bottom-right: the
 * first rows see no key at all): the kernel is skipped for it, its lse is -inf, the merge
 * gives those rows zeros and the others their right answer. */
static void test_split_masked(void **st) {
  (void)st;
  mha_attention_desc d = {.batch = 1, .heads_q = 1, .heads_kv = 1,
                          .seq_q = 600, .seq_kv = 512, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 64};
  const mha__kernel *k;
  const char *why;
  mha__plan p;
  assert_int_equal(mha__choose(&d, &k, &why), MHA_OK);
  mha__plan_make(&d, k, &p);
  assert_true(p.splits > 1);
  int masked = 0; /* (query chunk, split) pairs where no row sees a key */
  for (int qc = 0; qc < p.nqchunks; qc++)
    for (int s = 0; s < p.splits; s++) {
      const long last_row = (long)qc * p.qchunk + p.qchunk - 1;
      masked += last_row + (d.seq_kv - d.seq_q) < (long)s * p.kchunk;
    }
  assert_true(masked > 0);
  const size_t nq = (size_t)600 * 64, nk = (size_t)512 * 64;
  float *q = malloc(nq * 4), *kk = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  double *ref = malloc(nq * 8);
  assert_true(q && kk && v && o && ref);
  fill(q, nq, 4), fill(kk, nk, 5), fill(v, nk, 6);
  for (size_t i = 0; i < nq; i++) o[i] = NAN;
  assert_int_equal(mha_ref_attention(&d, q, kk, v, ref, NULL), 0);
  assert_int_equal(mha_attention_f32(&d, q, kk, v, o), MHA_OK);
  for (size_t i = 0; i < nq; i++)
    if (!(fabs(o[i] - ref[i]) <= 2e-5)) fail_msg("o[%zu] = %g, reference %g", i, o[i], ref[i]);
  for (size_t i = 0; i < (size_t)(600 - 512) * 64; i++) assert_true(o[i] == 0.0f);
  free(ref), free(o), free(v), free(kk), free(q);
}

static void test_pool_fork(void **st) {
  (void)st;
  double w = one_call(3); /* the parent's pool has workers now */
  assert_true(w >= 0 && w <= 2e-5);
  /* The child's verdict comes through a pipe, not its exit status: under valgrind a forked
   * child reports the parent's thread stacks it inherited, and exits 99 for them. */
  int fd[2];
  assert_int_equal(pipe(fd), 0);
  pid_t pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    double c1 = one_call(3), c2 = one_call(2);
    char verdict = c1 >= 0 && c1 <= 2e-5 && c2 >= 0 && c2 <= 2e-5 ? 'y' : 'n';
    _exit(write(fd[1], &verdict, 1) == 1 ? 0 : 1);
  }
  close(fd[1]);
  char verdict = 0;
  assert_int_equal(read(fd[0], &verdict, 1), 1);
  close(fd[0]);
  int status = 0;
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status));
  assert_int_equal(verdict, 'y');
  w = one_call(3);
  assert_true(w >= 0 && w <= 2e-5);
}

/* 8 callers share one context of 2 threads, each with its own shape and thread count
 * (capped by the context): every answer right, every caller done (a starved caller would
 * hang the test into its timeout). */
static void test_context_shared(void **st) {
  (void)st;
  static const int shapes[CALLERS][9] = {
      {1, 4, 4, 40, 40, 64, 1, 0, 2},    {2, 8, 2, 17, 90, 128, 0, 1, 2},
      {1, 2, 1, 1, 2048, 128, 0, 0, 2},  {1, 3, 1, 33, 10, 7, 1, 1, 0},
      {1, 6, 3, 64, 64, 80, 1, 0, 3},    {1, 1, 1, 2, 1500, 32, 1, 1, 4},
      {2, 2, 2, 100, 130, 130, 0, 0, 1}, {1, 4, 1, 1, 700, 64, 1, 1, 0},
  };
  const mha_context_desc cd = {.threads = 2, .spin_us = 50};
  struct mha_context *ctx = NULL;
  assert_int_equal(mha_context_create(&cd, &ctx), MHA_OK);
  assert_non_null(ctx);
  caller c[CALLERS] = {0};
  pthread_t tid[CALLERS];
  assert_int_equal(pthread_barrier_init(&start, NULL, CALLERS), 0);
  for (int i = 0; i < CALLERS; i++) {
    const int *s = shapes[i];
    mha_attention_desc *d = &c[i].desc;
    d->batch = s[0], d->heads_q = s[1], d->heads_kv = s[2], d->seq_q = s[3], d->seq_kv = s[4];
    d->head_dim = s[5], d->causal = s[6], d->layout = s[7], d->threads = s[8], d->ctx = ctx;
    const mha__kernel *k;
    const char *why;
    mha__plan p;
    assert_int_equal(mha__choose(d, &k, &why), MHA_OK);
    mha__plan_make(d, k, &p);
    assert_true(p.threads <= 2);
    assert_int_equal(pthread_create(&tid[i], NULL, run, &c[i]), 0);
  }
  for (int i = 0; i < CALLERS; i++) pthread_join(tid[i], NULL);
  pthread_barrier_destroy(&start);
  mha_context_destroy(ctx);
  for (int i = 0; i < CALLERS; i++)
    if (c[i].failures) fail_msg("caller %d: %d bad calls, worst error %g", i, c[i].failures, c[i].worst);
}

/* SigBlk of thread tid, from /proc; 0 when it cannot be read. */
static unsigned long long sigblk(long tid) {
  char path[64], line[256];
  unsigned long long m = 0;
  snprintf(path, sizeof path, "/proc/self/task/%ld/status", tid);
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "SigBlk: %llx", &m) == 1) break;
  fclose(f);
  return m;
}

/* voluntary_ctxt_switches of thread tid: how often it slept; -1 when it cannot be read. */
static long sleeps(long tid) {
  char path[64], line[256];
  long n = -1;
  snprintf(path, sizeof path, "/proc/self/task/%ld/status", tid);
  FILE *f = fopen(path, "r");
  if (!f) return -1;
  while (fgets(line, sizeof line, f))
    if (sscanf(line, "voluntary_ctxt_switches: %ld", &n) == 1) break;
  fclose(f);
  return n;
}

/* A context's lifetime: its workers start at create with every signal blocked, a call that
 * uses 2 of its 6 threads wakes only one worker, destroy joins them; bad descs, a CPU the
 * process may not use, and a pointer that is no context are refused. */
static void test_context_life(void **st) {
  (void)st;
  static long before[MAX_TASKS], after[MAX_TASKS];
  struct mha_context *ctx = (struct mha_context *)&before;
  assert_int_equal(mha_context_create(NULL, &ctx), MHA_ENULL);
  assert_null(ctx);
  mha_context_desc cd = {.threads = -1};
  assert_int_equal(mha_context_create(&cd, &ctx), MHA_ETHREADS);
  const int bad_cpu[1] = {100000};
  cd = (mha_context_desc){.threads = 2, .cpus = bad_cpu, .ncpus = 1};
  assert_int_equal(mha_context_create(&cd, &ctx), MHA_ETHREADS);
  assert_null(ctx);
  mha_context_destroy(NULL);

  cpu_set_t set;
  int cpu = 0;
  assert_int_equal(sched_getaffinity(0, sizeof set, &set), 0);
  while (!CPU_ISSET(cpu, &set)) cpu++;
  const int nb = tasks_now(before);
  cd = (mha_context_desc){.threads = 6, .spin_us = 0, .cpus = &cpu, .ncpus = 1};
  assert_int_equal(mha_context_create(&cd, &ctx), MHA_OK);
  const int na = tasks_now(after);
  assert_int_equal(na, nb + 5);
  long workers[5];
  int nw = 0;
  for (int i = 0, j = 0; i < na && nw < 5; i++) { /* after's ids that before lacks */
    while (j < nb && before[j] < after[i]) j++;
    if (j >= nb || before[j] != after[i]) workers[nw++] = after[i];
  }
  assert_int_equal(nw, 5);
  for (int i = 0; i < nw; i++) {
    const unsigned long long m = sigblk(workers[i]);
    assert_true(m & (1ull << (SIGINT - 1)) && m & (1ull << (SIGTERM - 1)) && m & (1ull << (SIGUSR1 - 1)));
  }
  mha_attention_desc d = {.batch = 1, .heads_q = 8, .heads_kv = 2, .seq_q = 37, .seq_kv = 300,
                          .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 2, .ctx = ctx};
  const size_t nq = (size_t)8 * 37 * 64, nk = (size_t)2 * 300 * 64;
  float *q = malloc(nq * 4), *k = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  double *ref = malloc(nq * 8);
  assert_true(q && k && v && o && ref);
  fill(q, nq, 1), fill(k, nk, 2), fill(v, nk, 3);
  mha_ref_attention(&d, q, k, v, ref, NULL);
  long s0[5], s1[5];
  for (int i = 0; i < nw; i++) s0[i] = sleeps(workers[i]);
  for (int r = 0; r < 20; r++) {
    for (size_t i = 0; i < nq; i++) o[i] = NAN;
    assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_OK);
    for (size_t i = 0; i < nq; i++)
      if (!(fabs(o[i] - ref[i]) <= 2e-5)) fail_msg("o[%zu] = %g, reference %g", i, o[i], ref[i]);
  }
  int woken = 0;
  for (int i = 0; i < nw; i++) s1[i] = sleeps(workers[i]), woken += s1[i] != s0[i];
  if (woken > 1) fail_msg("calls on 2 threads woke %d workers", woken);
  d.ctx = (struct mha_context *)&before; /* no context */
  assert_int_equal(mha_attention_f32(&d, q, k, v, o), MHA_ECONTEXT);
  mha_context_destroy(ctx);
  assert_int_equal(tasks_now(after), nb);
  free(ref), free(o), free(v), free(k), free(q);
}

/* The suite runs twice: first in a child that has not called the library yet, with
 * MHA_SPIN_US=0 (workers that sleep at once), then here with the default (workers that spin
 * for a while after a call before they sleep). */
int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_concurrent), cmocka_unit_test(test_pool_reuse),
                                     cmocka_unit_test(test_split_masked), cmocka_unit_test(test_pool_fork),
                                     cmocka_unit_test(test_context_shared), cmocka_unit_test(test_context_life)};
  pthread_t t;
  static long tids[MAX_TASKS];
  if (pthread_create(&t, NULL, nop, NULL) == 0) pthread_join(t, NULL);
  foreign = tasks_now(tids) - 1;
  const char *spin = getenv("MHA_SPIN_US");
  if (!spin) {
    fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
      setenv("MHA_SPIN_US", "0", 1);
      printf("test_threads: workers sleep between calls\n");
      exit(cmocka_run_group_tests(tests, NULL, NULL));
    }
    int st = 0;
    if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      fprintf(stderr, "test_threads: the suite with MHA_SPIN_US=0 failed\n");
      return 1;
    }
  }
  printf("test_threads: workers %s between calls\n", spin && atol(spin) == 0 ? "sleep" : "spin, then sleep,");
  return cmocka_run_group_tests(tests, NULL, NULL);
}
