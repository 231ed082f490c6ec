/* test_threads: 8 threads call the library at once, each with its own buffers, shape
 * and thread count (split-KV decode included); every answer must match the reference. The
 * pool of workers that outlive a call: reused by calls with other thread counts, and a
 * forked child, which starts without the parent's workers, still gets right answers; with
 * workers that spin between calls and with workers that sleep at once (MHA_SPIN_US=0). */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
  mha_attention_desc d = {1, 8, 2, 37, 300, 64, 0, 1, MHA_LAYOUT_BHSD, threads};
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

static void test_pool_reuse(void **st) {
  (void)st;
  static const int threads[] = {2, 5, 3, 1, 2, 8, 4};
  for (size_t i = 0; i < sizeof threads / sizeof *threads; i++) {
    double w = one_call(threads[i]);
    if (!(w >= 0 && w <= 2e-5)) fail_msg("threads=%d: worst error %g", threads[i], w);
  }
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

/* The suite runs twice: first in a child that has not called the library yet, with
 * MHA_SPIN_US=0 (workers that sleep at once), then here with the default (workers that spin
 * for a while after a call before they sleep). */
int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_concurrent), cmocka_unit_test(test_pool_reuse),
                                     cmocka_unit_test(test_pool_fork)};
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
