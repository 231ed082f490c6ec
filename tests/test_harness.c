/* test_harness: the measurement primitives the tuner stands on. Google Benchmark through the C
 * shim (statistics, units, JSON, repeated use), counters absent (this machine's real PAPI, or
 * turned off) and present (the fake backend, through the tuner's own path), the measured peak
 * and bandwidth (positive, scaling with threads, within the budget) and thread pinning. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "bench.h"
#include "counters.h"
#include "machine.h"
#include "peak.h"
#include "util.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- functions to time ---- */
enum { N = 256 };
static float data[N];
static volatile float sink;

static void tiny(void *u) {
  (void)u;
  float s = 0;
  for (int i = 0; i < N; i++) s += data[i];
  sink = s;
}

/* Busy for `*(double *)u` seconds of wall time: the shim must report at least that. */
static void spin(void *u) {
  double until = now() + *(double *)u;
  while (now() < until) {
  }
}

/* The number after "\"key\": " in json, or -1. */
static double json_number(const char *json, const char *key) {
  char pat[64];
  snprintf(pat, sizeof pat, "\"%s\": ", key);
  const char *p = strstr(json, pat);
  return p ? strtod(p + strlen(pat), NULL) : -1;
}

static void env_clear(void) {
  unsetenv("MHA_FAKE_COUNTERS");
  unsetenv("MHA_NO_COUNTERS");
}

/* ---- Google Benchmark from C ---- */
static void test_bench_stats(void **state) {
  (void)state;
  mha_bench_opts o = {.min_time_s = 0.01, .repetitions = 4, .warmup_iters = 1};
  mha_bench_stats st;
  char *json = NULL;
  int rc = mha_bench_run("harness/tiny", tiny, NULL, &o, 2.0 * N, 4.0 * N, NULL, &st, &json);
  assert_int_equal(rc, 0);
  assert_string_equal(mha_bench_error(), "");
  assert_int_equal(st.repetitions, 4);
  assert_true(st.iterations > 0);
  assert_true(st.median_s > 0 && st.median_s < 1e-3);
  assert_true(st.min_s > 0 && st.min_s <= st.median_s && st.min_s <= st.mean_s);
  assert_true(st.stddev_s >= 0 && st.cv >= 0);
  assert_true(st.cv < 5);
  assert_true(st.gflops > 0);
  assert_float_equal(st.gflops, 2.0 * N / st.median_s / 1e9, 1e-6 * st.gflops);
  assert_float_equal(st.gbs, 4.0 * N / st.median_s / 1e9, 1e-6 * st.gbs);
  assert_int_equal(st.counters, 0);

  assert_non_null(json);
  assert_non_null(strstr(json, "\"benchmarks\": ["));
  assert_non_null(strstr(json, "\"context\""));
  assert_non_null(strstr(json, "\"name\": \"harness/tiny"));
  assert_non_null(strstr(json, "\"aggregate_name\": \"median\""));
  assert_non_null(strstr(json, "\"aggregate_name\": \"min\""));
  assert_null(strstr(json, "\"run_type\": \"iteration\"")); /* aggregates only unless asked */
  double g = json_number(json, "GFLOP/s");
  assert_true(g > 0.5 * st.gflops && g < 2 * st.gflops);
  assert_true(json_number(json, "GB/s") > 0);
  assert_non_null(strstr(json, "\n}"));
  free(json);
}

/* Seconds are seconds: a 300 us busy loop reads as at least 300 us, and not far more. */
static void test_bench_units(void **state) {
  (void)state;
  double busy = 300e-6;
  mha_bench_opts o = {.min_time_s = 0.02, .repetitions = 3};
  mha_bench_stats st;
  char *json = NULL;
  assert_int_equal(mha_bench_run("harness/spin", spin, &busy, &o, 0, 0, NULL, &st, &json), 0);
  assert_true(st.min_s >= busy);
  assert_true(st.median_s < 10 * busy);
  assert_true(st.gflops == 0 && st.gbs == 0);
  assert_null(strstr(json, "GFLOP/s")); /* no FLOP figure given: no counter */
  free(json);
  /* One repetition: no aggregates, the run itself is the document's benchmark. */
  o.repetitions = 1;
  assert_int_equal(mha_bench_run("harness/spin1", spin, &busy, &o, 0, 0, NULL, &st, &json), 0);
  assert_int_equal(st.repetitions, 1);
  assert_true(st.stddev_s == 0 && st.min_s == st.median_s && st.median_s >= busy);
  assert_non_null(strstr(json, "\"run_type\": \"iteration\""));
  assert_null(strstr(json, "\"run_type\": \"aggregate\""));
  free(json);
}

/* Usable again and again in one process: each document holds only its own benchmark. */
static void test_bench_repeated(void **state) {
  (void)state;
  mha_bench_opts o = {.min_time_s = 0.005, .repetitions = 2};
  mha_bench_stats st;
  char *a = NULL, *b = NULL;
  assert_int_equal(mha_bench_run("harness/first", tiny, NULL, &o, 1, 1, NULL, &st, &a), 0);
  assert_int_equal(mha_bench_run("harness/second", tiny, NULL, &o, 1, 1, NULL, &st, &b), 0);
  assert_non_null(strstr(a, "harness/first"));
  assert_null(strstr(a, "harness/second"));
  assert_non_null(strstr(b, "harness/second"));
  assert_null(strstr(b, "harness/first"));
  assert_int_equal(st.repetitions, 2);
  free(a);
  free(b);
  /* Defaults (NULL options) work, and no JSON is fine. */
  assert_int_equal(mha_bench_run("harness/defaults", tiny, NULL, NULL, 0, 0, NULL, &st, NULL), 0);
  assert_int_equal(st.repetitions, 5);
}

static void test_bench_errors(void **state) {
  (void)state;
  mha_bench_stats st;
  char *json = (char *)"untouched";
  assert_true(mha_bench_run("x", NULL, NULL, NULL, 0, 0, NULL, &st, &json) < 0);
  assert_null(json);
  assert_true(strlen(mha_bench_error()) > 0);
  assert_true(mha_bench_run("", tiny, NULL, NULL, 0, 0, NULL, &st, NULL) < 0);
  assert_true(mha_bench_run("x", tiny, NULL, NULL, 0, 0, NULL, NULL, NULL) < 0);
  mha_bench_opts bad = {.min_time_s = -1};
  assert_true(mha_bench_run("x", tiny, NULL, &bad, 0, 0, NULL, &st, NULL) < 0);
  assert_true(mha_bench_run("x", tiny, NULL, NULL, -5, 0, NULL, &st, NULL) < 0);
}

/* ---- counters ---- */
static void bench_with(mha_counters *c, mha_bench_stats *st, char **json) {
  mha_bench_opts o = {.min_time_s = 0.005, .repetitions = 3};
  assert_int_equal(mha_bench_run("harness/counted", tiny, NULL, &o, 2.0 * N, 0, c, st, json), 0);
  assert_true(st->median_s > 0);
}

/* What this machine really has. Here (a VM) PAPI finds no counter: the message says so and
 * timing goes on alone. Where the CPU has counters, they must be listed and attached. */
static void test_counters_real(void **state) {
  (void)state;
  env_clear();
  mha_counters c;
  char msg[320];
  int n = mha_counters_open(&c, msg, sizeof msg);
  assert_true(n >= 0);
  assert_int_equal(n, mha_counters_available(&c));
  assert_string_equal(msg, mha_counters_message(&c));
  print_message("counters: %s\n", msg);
  assert_non_null(strstr(msg, "PAPI"));
  if (n == 0) {
    assert_int_equal(c.backend, MHA_CTR_NONE);
    assert_non_null(strstr(msg, "0 hardware counters ("));
    assert_non_null(strstr(msg, "timing alone"));
    assert_int_equal(mha_counters_start(&c), 0); /* no-ops, not errors */
    assert_int_equal(mha_counters_stop(&c, 10), 0);
  } else {
    assert_int_equal(c.backend, MHA_CTR_PAPI);
    assert_non_null(strstr(msg, mha_counters_label(&c, 0)));
  }
  mha_bench_stats st;
  char *json = NULL;
  bench_with(&c, &st, &json);
  assert_int_equal(st.counters, n);
  for (int i = 0; i < n; i++) {
    assert_true(st.counter_per_iter[i] >= 0);
    assert_true(json_number(json, mha_counters_label(&c, i)) >= 0);
  }
  if (n == 0) assert_null(strstr(json, "\"cycles\""));
  free(json);
  mha_counters_close(&c);
  assert_int_equal(mha_counters_available(&c), 0);
}

static void test_counters_off(void **state) {
  (void)state;
  env_clear();
  setenv("MHA_NO_COUNTERS", "1", 1);
  mha_counters c;
  char msg[320];
  assert_int_equal(mha_counters_open(&c, msg, sizeof msg), 0);
  assert_non_null(strstr(msg, "off"));
  mha_bench_stats st;
  char *json = NULL;
  bench_with(&c, &st, &json);
  assert_int_equal(st.counters, 0);
  assert_null(strstr(json, "\"cycles\""));
  assert_true(json_number(json, "GFLOP/s") > 0);
  free(json);
  mha_counters_close(&c);
  env_clear();
}

/* The fake backend, chosen by the environment as the tuner would be: counters present, their
 * values per iteration in the stats and in the JSON as user counters. */
static void test_counters_fake(void **state) {
  (void)state;
  env_clear();
  setenv("MHA_FAKE_COUNTERS", "1", 1);
  mha_counters c;
  char msg[320];
  int n = mha_counters_open(&c, msg, sizeof msg);
  env_clear();
  assert_true(n >= 4);
  assert_int_equal(c.backend, MHA_CTR_FAKE);
  assert_non_null(strstr(msg, "fake"));
  assert_string_equal(mha_counters_label(&c, 0), "cycles");
  assert_string_equal(mha_counters_label(&c, 1), "instructions");
  assert_null(mha_counters_label(&c, n));

  /* start/stop accumulate; misuse is an error value */
  long long v[MHA_COUNTERS_MAX];
  assert_int_equal(mha_counters_stop(&c, 1), -1);
  assert_int_equal(mha_counters_start(&c), 0);
  assert_int_equal(mha_counters_start(&c), -1);
  assert_int_equal(mha_counters_stop(&c, 7), 0);
  assert_int_equal(mha_counters_start(&c), 0);
  assert_int_equal(mha_counters_stop(&c, 3), 0);
  assert_int_equal(mha_counters_read(&c, v, MHA_COUNTERS_MAX), n);
  for (int i = 0; i < n; i++) assert_true(v[i] == 10 * mha_counters_fake_per_work(i));

  mha_bench_stats st;
  char *json = NULL;
  bench_with(&c, &st, &json);
  assert_int_equal(st.counters, n);
  for (int i = 0; i < n; i++) {
    assert_string_equal(st.counter_label[i], mha_counters_label(&c, i));
    assert_float_equal(st.counter_per_iter[i], (double)mha_counters_fake_per_work(i), 1e-9);
    assert_float_equal(json_number(json, st.counter_label[i]), (double)mha_counters_fake_per_work(i), 1e-6);
  }
  assert_true(json_number(json, "GFLOP/s") > 0);
  free(json);
  mha_counters_close(&c);
  assert_int_equal(mha_counters_available(&c), 0);
}

/* ---- peak and bandwidth ---- */
static int measure(const mha_machine *m, mha_peak *p, double budget, double *wall) {
  double t = now();
  int rc = mha_peak_measure(m, p, budget);
  *wall = now() - t;
  return rc;
}

/* Every figure positive; all threads at least as fast as one (within noise; bandwidth, shared by
 * all cores, looser) and FMA throughput growing with the cores; AVX-512 never slower than AVX2 (equal where 512-bit ops are split in two,
 * as on Zen 4); the budget kept. A busy neighbour can spoil one measurement: three tries. */
static void test_peak(void **state) {
  (void)state;
  mha_machine m;
  char err[256];
  assert_int_equal(mha_machine_probe(&m, err, sizeof err), 0);
  __builtin_cpu_init();
  int has[MHA_PEAK_ISAS] = {1, __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"),
                            __builtin_cpu_supports("avx512f")};
  const double budget = 3.0;
  mha_peak p;
  int ok = 0;
  for (int attempt = 0; attempt < 3 && !ok; attempt++) {
    double wall;
    assert_int_equal(measure(&m, &p, budget, &wall), 0);
    assert_string_equal(p.error, "");
    assert_true(p.seconds <= 1.5 * budget + 0.5);
    assert_true(wall >= p.seconds && wall < p.seconds + 0.5);
    assert_int_equal(p.threads, m.cores);
    assert_true(p.buffer_bytes >= ((size_t)256 << 20));
    ok = 1;
    for (int i = 0; i < MHA_PEAK_ISAS; i++) {
      if (!has[i]) {
        assert_true(p.gflops_one[i] == 0 && p.gflops_all[i] == 0);
        continue;
      }
      assert_true(p.gflops_one[i] > 0 && p.gflops_all[i] > 0);
      assert_true(p.chains[i] >= 8);
      assert_true(mha_peak_gflops(&p, i, 1) == p.gflops_one[i] && mha_peak_gflops(&p, i, 0) == p.gflops_all[i]);
      /* pinned to distinct cores, FMA throughput adds up (less any all-core clock drop) */
      assert_true(p.gflops_all[i] <= 1.2 * p.threads * p.gflops_one[i]);
      ok &= p.gflops_all[i] >= 0.9 * p.gflops_one[i] && p.gflops_all[i] >= 0.6 * p.threads * p.gflops_one[i];
    }
    /* Gross errors (a wrong lane count) show as impossible ratios between the ISAs. */
    if (has[MHA_PEAK_AVX2]) assert_true(p.gflops_one[MHA_PEAK_AVX2] < 40 * p.gflops_one[MHA_PEAK_SCALAR]);
    if (has[MHA_PEAK_AVX512]) {
      assert_true(p.gflops_one[MHA_PEAK_AVX512] < 2.5 * p.gflops_one[MHA_PEAK_AVX2]);
      ok &= p.gflops_one[MHA_PEAK_AVX512] >= 0.9 * p.gflops_one[MHA_PEAK_AVX2];
    }
    assert_true(p.read_gbs_one > 0 && p.read_gbs_all > 0 && p.copy_gbs_one > 0 && p.copy_gbs_all > 0);
    ok &= p.read_gbs_all >= 0.6 * p.read_gbs_one && p.copy_gbs_all >= 0.6 * p.copy_gbs_one;
    print_message("peak (try %d, %.1f s): avx512 %.0f/%.0f avx2 %.0f/%.0f scalar %.1f/%.1f GFLOP/s; "
                  "read %.1f/%.1f copy %.1f/%.1f GB/s (1 thread/all)\n",
                  attempt + 1, p.seconds, p.gflops_one[2], p.gflops_all[2], p.gflops_one[1], p.gflops_all[1],
                  p.gflops_one[0], p.gflops_all[0], p.read_gbs_one, p.read_gbs_all, p.copy_gbs_one, p.copy_gbs_all);
  }
  assert_true(ok);
  assert_true(mha_peak_gflops(&p, MHA_PEAK_ISAS, 1) == 0 && mha_peak_gflops(NULL, 0, 1) == 0);
  assert_int_equal(mha_peak_measure(NULL, &p, 1), -1);
  assert_int_equal(mha_peak_measure(&m, NULL, 1), -1);
}

/* A small budget is a small measurement. */
static void test_peak_budget(void **state) {
  (void)state;
  mha_machine m;
  char err[256];
  assert_int_equal(mha_machine_probe(&m, err, sizeof err), 0);
  mha_peak p;
  double wall;
  assert_int_equal(measure(&m, &p, 1.0, &wall), 0);
  assert_true(wall < 2.0);
  assert_true(p.gflops_one[MHA_PEAK_SCALAR] > 0 && p.read_gbs_one > 0);
}

/* Only what was asked for: FMA alone leaves the bandwidths 0, the bandwidth alone the peaks;
 * nothing asked is a bad argument. */
static void test_peak_some(void **state) {
  (void)state;
  mha_machine m;
  char err[256];
  assert_int_equal(mha_machine_probe(&m, err, sizeof err), 0);
  mha_peak p;
  assert_int_equal(mha_peak_measure_some(&m, &p, 0.5, MHA_PEAK_FMA), 0);
  assert_true(p.gflops_one[MHA_PEAK_SCALAR] > 0 && p.gflops_all[MHA_PEAK_SCALAR] > 0);
  assert_true(p.read_gbs_one == 0 && p.read_gbs_all == 0 && p.buffer_bytes == 0);
  assert_int_equal(mha_peak_measure_some(&m, &p, 1.0, MHA_PEAK_MEM), 0);
  assert_true(p.read_gbs_one > 0 && p.read_gbs_all > 0);
  for (int i = 0; i < MHA_PEAK_ISAS; i++) assert_true(p.gflops_one[i] == 0 && p.gflops_all[i] == 0);
  assert_int_equal(mha_peak_measure_some(&m, &p, 1.0, 0), -1);
}

/* ---- pinning ---- */
static void *pin_probe(void *arg) {
  int *r = arg;
  r[0] = mha_pin_thread(r[1]);
  cpu_set_t s;
  CPU_ZERO(&s);
  r[2] = sched_getaffinity(0, sizeof s, &s) == 0 ? CPU_COUNT(&s) : -1;
  return NULL;
}

static double flops(int batch, int heads_q, int seq_q, int seq_kv, int head_dim, int causal) {
  mha_attention_desc d = {.batch = batch, .heads_q = heads_q, .heads_kv = heads_q,
                          .seq_q = seq_q, .seq_kv = seq_kv, .head_dim = head_dim, .causal = causal, .layout = MHA_LAYOUT_BHSD, .threads = 0};
  return mha_attention_flops(&d);
}

static void test_flops(void **state) {
  (void)state;
  assert_true(flops(2, 3, 5, 7, 11, 0) == 4.0 * 2 * 3 * 5 * 7 * 11);
  /* Nq == Nk causal: 1 + 2 + ... + N pairs. */
  assert_true(flops(1, 1, 4, 4, 1, 1) == 4.0 * 10);
  /* Nq < Nk: rows see 3, 4 and 5 keys. */
  assert_true(flops(1, 1, 3, 5, 1, 1) == 4.0 * 12);
  /* Nq > Nk: rows 0..2 see nothing, then 1, 2. */
  assert_true(flops(1, 1, 5, 2, 1, 1) == 4.0 * 3);
}

static void test_pin(void **state) {
  (void)state;
  mha_machine m;
  char err[256];
  assert_int_equal(mha_machine_probe(&m, err, sizeof err), 0);
  for (int core = 0; core < m.cores; core++) {
    int r[3] = {-9, core, -9};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, pin_probe, r), 0);
    pthread_join(t, NULL);
    assert_int_equal(r[0], 0);
    assert_int_equal(r[2], 1); /* bound to exactly one processor */
  }
  int r[3] = {-9, m.cores + 1000, -9};
  pin_probe(r);
  assert_int_equal(r[0], -1);
  assert_int_equal(mha_pin_thread(-1), -1);
}

int main(void) {
  for (int i = 0; i < N; i++) data[i] = (float)i * 0.25f;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bench_stats),   cmocka_unit_test(test_bench_units),
      cmocka_unit_test(test_bench_repeated), cmocka_unit_test(test_bench_errors),
      cmocka_unit_test(test_counters_real), cmocka_unit_test(test_counters_off),
      cmocka_unit_test(test_counters_fake), cmocka_unit_test(test_peak),
      cmocka_unit_test(test_peak_budget),   cmocka_unit_test(test_peak_some),   cmocka_unit_test(test_pin),
      cmocka_unit_test(test_flops),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
