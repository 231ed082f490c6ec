/* test_harness: the measurement primitives the tuner stands on. Google Benchmark through the C
 * shim (statistics, units, JSON, repeated use), counters absent (this machine's real PAPI, or
 * turned off) and present (the fake backend, through the tuner's own path), the measured peak
 * and bandwidth (positive, scaling with threads, within the budget), thread pinning, and the
 * double reference's 0.2 fields (strides, lengths, alignments, window, softcap, ALiBi, sinks,
 * their error codes, bf16 and f16 Q read as stored) against values worked out by hand, and the
 * accuracy bound of bf16/f16 Q and O (mha_ref_bound): a kernel that rounds P to bf16 once and O
 * to its type stays within it, one that rounds P more coarsely is caught. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
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
#include "reference.h"
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
    /* The bf16 dot-product peak exactly where the CPU has AVX512_BF16: 64 FLOPs an instruction
     * against the FMA's 32, so within 0.25x .. 4x of the fp32 AVX-512 peak (half on Intel's
     * Emerald Rapids, about twice on Zen 5). */
    const int bf16 = has[MHA_PEAK_AVX512] && __builtin_cpu_supports("avx512bf16");
    assert_true(bf16 ? p.bf16_one > 0 && p.bf16_all > 0 && p.bf16_chains >= 8 : p.bf16_one == 0 && p.bf16_all == 0);
    assert_true(mha_peak_gflops(&p, MHA_PEAK_BF16, 1) == p.bf16_one && mha_peak_gflops(&p, MHA_PEAK_BF16, 0) == p.bf16_all);
    if (bf16) {
      assert_true(p.bf16_one < 4 * p.gflops_one[MHA_PEAK_AVX512] && p.bf16_one > 0.25 * p.gflops_one[MHA_PEAK_AVX512]);
      ok &= p.bf16_all >= 0.6 * p.threads * p.bf16_one;
    }
    assert_true(p.read_gbs_one > 0 && p.read_gbs_all > 0 && p.copy_gbs_one > 0 && p.copy_gbs_all > 0);
    ok &= p.read_gbs_all >= 0.6 * p.read_gbs_one && p.copy_gbs_all >= 0.6 * p.copy_gbs_one;
    print_message("peak (try %d, %.1f s): avx512 %.0f/%.0f avx2 %.0f/%.0f scalar %.1f/%.1f bf16 %.0f/%.0f GFLOP/s; "
                  "read %.1f/%.1f copy %.1f/%.1f GB/s (1 thread/all)\n",
                  attempt + 1, p.seconds, p.gflops_one[2], p.gflops_all[2], p.gflops_one[1], p.gflops_all[1],
                  p.gflops_one[0], p.gflops_all[0], p.bf16_one, p.bf16_all, p.read_gbs_one, p.read_gbs_all, p.copy_gbs_one, p.copy_gbs_all);
  }
  assert_true(ok);
  assert_true(mha_peak_gflops(&p, MHA_PEAK_BF16 + 1, 1) == 0 && mha_peak_gflops(NULL, 0, 1) == 0);
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

/* ---- the double reference's 0.2 fields, against values worked out by hand ---- */
#define NEAR(a, b) assert_true(fabs((a) - (b)) <= 1e-12 * fmax(1.0, fabs(b)))

static mha_attention_desc ref_desc(int b, int nq, int nk, int d) {
  mha_attention_desc x = {.batch = b, .heads_q = 1, .heads_kv = 1, .seq_q = nq, .seq_kv = nk,
                          .head_dim = d, .scale = 1.0f};
  return x;
}

/* A sink equal to the one key's logit halves its row; a row with no key but a sink: o 0,
 * lse the sink (base 2 here). */
static void test_ref_sinks(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(1, 1, 1, 1);
  const float q[2] = {1, 1}, k[1] = {1}, v[1] = {3}, sink[1] = {1};
  double o[2], lse[2];
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], 3.0), NEAR(lse[0], 1 / M_LN2);
  d.sinks = sink;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], 1.5), NEAR(lse[0], (1 + M_LN2) / M_LN2); /* log2(2e) */
  d.seq_q = 2, d.causal = 1; /* row 0's diagonal key is -1: it sees none */
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  assert_true(o[0] == 0.0);
  NEAR(lse[0], 1 / M_LN2);
  NEAR(o[1], 1.5);
  d.sinks = NULL;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  assert_true(o[0] == 0.0 && isinf(lse[0]) && lse[0] < 0);
}

/* Scores 0 and 6 (scale 0.5 first); a softcap of 4 makes 6 into 4 tanh(1.5) and leaves 0. */
static void test_ref_softcap(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(1, 1, 2, 1);
  const float q[1] = {4}, k[2] = {0, 3}, v[2] = {0, 1};
  double o[1], lse[1];
  d.scale = 0.5f, d.softcap = 4;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  const double s = 4 * tanh(1.5);
  NEAR(o[0], exp(s) / (1 + exp(s)));
  NEAR(lse[0], log2(1 + exp(s)));
  d.softcap = 0;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], exp(6.0) / (1 + exp(6.0)));
}

/* ALiBi on two keys: slope * (j - p) with p the diagonal key, 1 bottom-right, 0 top-left,
 * causal or not; after the softcap. */
static void test_ref_alibi(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(1, 1, 2, 1);
  const float q[1] = {0}, k[2] = {5, 7}, v[2] = {1, 2}, slope[1] = {0.5f};
  double o[1], lse[1];
  d.alibi_slopes = slope;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  const double a = exp(-0.5);
  NEAR(o[0], (a + 2) / (a + 1));
  NEAR(lse[0], log2(a + 1));
  d.causal_align = MHA_ALIGN_TOP_LEFT; /* p = 0: keys get 0 and +0.5 */
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], (1 + 2 * exp(0.5)) / (1 + exp(0.5)));
  d.causal = 1; /* top-left causal: key 1 is masked */
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], 1.0), NEAR(lse[0], 0.0);
  /* Scores 0 and 4, capped at 2 to 0 and 2 tanh 2, then -1 and 0 from a slope of 1. */
  const float q1[1] = {1}, k1[2] = {0, 4}, one[1] = {1};
  d = ref_desc(1, 1, 2, 1);
  d.softcap = 2, d.alibi_slopes = one;
  assert_int_equal(mha_ref_attention(&d, q1, k1, v, o, lse), 0);
  const double e0 = exp(-1.0), e1 = exp(2 * tanh(2.0));
  NEAR(o[0], (e0 + 2 * e1) / (e0 + e1));
}

/* Four keys valued 0..3, equal scores: a row's output is the mean of the keys it sees. */
static void run_mean(mha_attention_desc *d, const double *want) {
  const float q[8] = {0}, k[4] = {0}, v[4] = {0, 1, 2, 3};
  double o[8], lse[8];
  assert_int_equal(mha_ref_attention(d, q, k, v, o, lse), 0);
  for (int i = 0; i < d->seq_q; i++) {
    if (isnan(want[i])) { /* sees nothing */
      assert_true(o[i] == 0.0 && isinf(lse[i]) && lse[i] < 0);
      continue;
    }
    NEAR(o[i], want[i]);
  }
}

static void test_ref_window_align(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(1, 4, 4, 1);
  d.causal = 1;
  run_mean(&d, (const double[]){0, 0.5, 1, 1.5});
  d.window = 2;
  run_mean(&d, (const double[]){0, 0.5, 1.5, 2.5});
  d.window = 1;
  run_mean(&d, (const double[]){0, 1, 2, 3});
  d.window = 9;
  run_mean(&d, (const double[]){0, 0.5, 1, 1.5});
  /* Nq 2 < Nk 4: bottom-right rows end at keys 2 and 3, top-left at 0 and 1. */
  d.seq_q = 2, d.window = 0;
  run_mean(&d, (const double[]){1, 1.5});
  d.causal_align = MHA_ALIGN_TOP_LEFT;
  run_mean(&d, (const double[]){0, 0.5});
  d.window = 2;
  run_mean(&d, (const double[]){0, 0.5});
  d.causal_align = MHA_ALIGN_BOTTOM_RIGHT;
  run_mean(&d, (const double[]){1.5, 2.5});
  /* Nq 4 > Nk 2: bottom-right rows 0 and 1 see nothing; top-left they see key 0, then 0 and 1. */
  d = ref_desc(1, 4, 2, 1);
  d.causal = 1;
  run_mean(&d, (const double[]){NAN, NAN, 0, 0.5});
  d.causal_align = MHA_ALIGN_TOP_LEFT;
  run_mean(&d, (const double[]){0, 0.5, 0.5, 0.5});
  d.window = 1;
  run_mean(&d, (const double[]){0, 1, NAN, NAN}); /* p 2 and 3: past the keys */
}

/* Per-sequence lengths: keys past them hold NaN and are never read; causal bottom-right
 * aligns on the sequence's own length; a length of 0 gives zeros and -inf. */
static void test_ref_lens(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(2, 2, 3, 1);
  const int lens[2] = {2, 0};
  const float q[4] = {0}, k[6] = {0, 0, NAN, NAN, NAN, NAN}, v[6] = {1, 3, NAN, NAN, NAN, NAN};
  double o[4], lse[4];
  d.seq_kv_lens = lens;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], 2.0), NEAR(o[1], 2.0), NEAR(lse[0], 1.0);
  for (int i = 2; i < 4; i++) assert_true(o[i] == 0.0 && isinf(lse[i]) && lse[i] < 0);
  d.causal = 1; /* p(i) = i + 2 - 2 */
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[0], 1.0), NEAR(o[1], 2.0);
  assert_true(o[2] == 0.0 && o[3] == 0.0);
  /* ALiBi's p uses the length too: row 1 of sequence 0 has p = 1, biases -1 and 0. */
  const float slope[1] = {1};
  d.causal = 0, d.alibi_slopes = slope;
  assert_int_equal(mha_ref_attention(&d, q, k, v, o, lse), 0);
  NEAR(o[1], (exp(-1.0) + 3) / (exp(-1.0) + 1));
}

static void fill_lcg(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

/* Strides, taken as given: a capacity cache with NaN in its spare rows, BSHD q with BHSD
 * K/V, a fused QKV buffer and a K/V shared by every batch (batch stride 0) give what the
 * packed tensors give, bit for bit. */
enum { SB = 2, SH = 4, SHKV = 2, SN = 5, SD = 8, CAP = 9 };
static void test_ref_strides(void **state) {
  (void)state;
  static float q[SB * SN * SH * SD], k[SB * SN * SHKV * SD], v[SB * SN * SHKV * SD];
  static float kc[SB * SHKV * CAP * SD], vc[SB * SHKV * CAP * SD];
  static double want[SB * SH * SN * SD], got[SB * SH * SN * SD], wl[SB * SH * SN], gl[SB * SH * SN];
  fill_lcg(q, sizeof q / 4, 1), fill_lcg(k, sizeof k / 4, 2), fill_lcg(v, sizeof v / 4, 3);
  mha_attention_desc d = {.batch = SB, .heads_q = SH, .heads_kv = SHKV, .seq_q = SN, .seq_kv = SN,
                          .head_dim = SD, .causal = 1, .layout = MHA_LAYOUT_BSHD};
  assert_int_equal(mha_ref_attention(&d, q, k, v, want, wl), 0);
  /* The same K/V as [B][Hkv][CAP][d], spare rows NaN. */
  for (size_t i = 0; i < sizeof kc / 4; i++) kc[i] = vc[i] = NAN;
  for (int b = 0; b < SB; b++)
    for (int h = 0; h < SHKV; h++)
      for (int n = 0; n < SN; n++) {
        memcpy(&kc[((b * SHKV + h) * CAP + n) * SD], &k[((b * SN + n) * SHKV + h) * SD], SD * 4);
        memcpy(&vc[((b * SHKV + h) * CAP + n) * SD], &v[((b * SN + n) * SHKV + h) * SD], SD * 4);
      }
  mha_attention_desc s = d;
  s.q_strides = (mha_strides){SN * SH * SD * 4, SD * 4, SH * SD * 4};
  s.k_strides = s.v_strides = (mha_strides){SHKV * CAP * SD * 4, CAP * SD * 4, SD * 4};
  assert_int_equal(mha_ref_attention(&s, q, kc, vc, got, gl), 0);
  assert_memory_equal(got, want, sizeof want);
  assert_memory_equal(gl, wl, sizeof wl);
  /* o_strides do not move the reference's own output. */
  s.o_strides = (mha_strides){100000, 4000, 400};
  assert_int_equal(mha_ref_attention(&s, q, kc, vc, got, gl), 0);
  assert_memory_equal(got, want, sizeof want);
  /* Fused QKV, [B][N][3][H][d] with H = Hq = Hkv = 2. */
  enum { FH = 2 };
  static float fused[SB * SN * 3 * FH * SD];
  static float fq[SB * SN * FH * SD], fk[SB * SN * FH * SD], fv[SB * SN * FH * SD];
  fill_lcg(fused, sizeof fused / 4, 4);
  for (int b = 0; b < SB; b++)
    for (int n = 0; n < SN; n++) {
      const float *row = &fused[(b * SN + n) * 3 * FH * SD];
      memcpy(&fq[(b * SN + n) * FH * SD], row, FH * SD * 4);
      memcpy(&fk[(b * SN + n) * FH * SD], row + FH * SD, FH * SD * 4);
      memcpy(&fv[(b * SN + n) * FH * SD], row + 2 * FH * SD, FH * SD * 4);
    }
  mha_attention_desc f = d;
  f.heads_q = f.heads_kv = FH;
  assert_int_equal(mha_ref_attention(&f, fq, fk, fv, want, wl), 0);
  f.q_strides = f.k_strides = f.v_strides = (mha_strides){SN * 3 * FH * SD * 4, SD * 4, 3 * FH * SD * 4};
  assert_int_equal(mha_ref_attention(&f, fused, fused + FH * SD, fused + 2 * FH * SD, got, gl), 0);
  assert_memory_equal(got, want, SB * FH * SN * SD * sizeof *got);
  assert_memory_equal(gl, wl, SB * FH * SN * sizeof *gl);
  /* Batch stride 0: both sequences read batch 0's K/V (packed BSHD), as a copy would. */
  memcpy(k + SN * SHKV * SD, k, SN * SHKV * SD * 4);
  memcpy(v + SN * SHKV * SD, v, SN * SHKV * SD * 4);
  assert_int_equal(mha_ref_attention(&d, q, k, v, want, wl), 0);
  for (size_t i = SN * SHKV * SD; i < sizeof k / 4; i++) k[i] = v[i] = NAN;
  s = d;
  s.k_strides = s.v_strides = (mha_strides){0, SD * 4, SHKV * SD * 4};
  assert_int_equal(mha_ref_attention(&s, q, k, v, got, gl), 0);
  assert_memory_equal(got, want, sizeof want);
  /* Q8_0 rows in a cache with odd byte strides: any stride works. */
  enum { QD = 32 };
  static unsigned char k8[2 * 1 * 3 * 40 + 7], v8[2 * 1 * 3 * 40 + 7];
  static float qq[2 * 2 * QD], row[QD];
  static double o8[2 * 2 * QD], o8s[2 * 2 * QD];
  unsigned char pk[6 * 34], pv[6 * 34];
  fill_lcg(qq, 2 * 2 * QD, 5);
  for (int r = 0; r < 6; r++) {
    fill_lcg(row, QD, 6 + r), mha_ref_put(MHA_Q8_0, row, QD, pk + r * 34);
    memcpy(k8 + 1 + r * 41, pk + r * 34, 34);
    fill_lcg(row, QD, 16 + r), mha_ref_put(MHA_Q8_0, row, QD, pv + r * 34);
    memcpy(v8 + 1 + r * 41, pv + r * 34, 34);
  }
  mha_attention_desc e = {.batch = 2, .heads_q = 1, .heads_kv = 1, .seq_q = 2, .seq_kv = 3, .head_dim = QD,
                          .kv_type = MHA_Q8_0};
  assert_int_equal(mha_ref_attention(&e, qq, pk, pv, o8, NULL), 0);
  e.k_strides = e.v_strides = (mha_strides){3 * 41, 0, 41};
  assert_int_equal(mha_ref_attention(&e, qq, k8 + 1, v8 + 1, o8s, NULL), 0);
  assert_memory_equal(o8s, o8, sizeof o8);
}

/* Each 0.2 field's own code, checked in the library's order, with o untouched. */
static void test_ref_errors(void **state) {
  (void)state;
  static float q[64], k[64], v[64];
  double o[64], keep[64], lse[8];
  const int lens[2] = {3, 2}, lens_big[2] = {3, 6}, lens_neg[2] = {-1, 2};
  const float fin[2] = {0.5f, 0.25f}, nan2[2] = {0.5f, NAN}, inf2[2] = {INFINITY, 0.5f};
  for (int i = 0; i < 64; i++) keep[i] = -7.0;
  const mha_attention_desc base = {.batch = 2, .heads_q = 2, .heads_kv = 1, .seq_q = 2, .seq_kv = 5,
                                   .head_dim = 4, .causal = 1};
  struct {
    int want;
    mha_attention_desc d;
  } c[40];
  int n = 0;
#define CASE(code, ...)                             \
  do {                                              \
    c[n].want = code, c[n].d = base;                \
    mha_attention_desc *x = &c[n++].d;              \
    __VA_ARGS__;                                    \
  } while (0)
  CASE(MHA_OK, x->window = 3, x->softcap = 5, x->alibi_slopes = fin, x->sinks = fin, x->seq_kv_lens = lens);
  CASE(MHA_OK, x->causal_align = MHA_ALIGN_TOP_LEFT, x->q_type = MHA_F16, x->o_type = MHA_BF16);
  CASE(MHA_EOVERFLOW, x->q_strides.seq = PTRDIFF_MAX - 3, x->causal_align = 5); /* + a row: past */
  CASE(MHA_EOVERFLOW, x->o_strides.batch = PTRDIFF_MAX, x->window = -1);
  CASE(MHA_EOVERFLOW, x->k_strides.head = 1, x->k_strides.seq = PTRDIFF_MAX / 3);
  CASE(MHA_EALIGN, x->causal_align = 2, x->window = -1);
  CASE(MHA_EALIGN, x->causal_align = -1);
  CASE(MHA_EWINDOW, x->window = -1, x->softcap = NAN);
  CASE(MHA_EWINDOW, x->causal = 0, x->window = 2);
  CASE(MHA_OK, x->causal = 0, x->window = 0);
  CASE(MHA_ESOFTCAP, x->softcap = NAN, x->alibi_slopes = nan2);
  CASE(MHA_ESOFTCAP, x->softcap = INFINITY);
  CASE(MHA_ESOFTCAP, x->softcap = -1);
  CASE(MHA_ESLOPES, x->alibi_slopes = nan2, x->seq_kv_lens = lens_big); /* the last head's */
  CASE(MHA_ESLOPES, x->sinks = inf2);
  CASE(MHA_ELENS, x->seq_kv_lens = lens_big, x->q_strides.seq = -4);
  CASE(MHA_ELENS, x->seq_kv_lens = lens_neg);
  CASE(MHA_ESTRIDE, x->q_strides.seq = -16);
  CASE(MHA_ESTRIDE, x->v_strides.batch = -80);
  CASE(MHA_ESTRIDE, x->q_strides = (mha_strides){160, 80, 18}); /* not a multiple of 4 */
  CASE(MHA_ESTRIDE, x->kv_type = MHA_F16, x->k_strides = (mha_strides){40, 40, 9});
  CASE(MHA_OK, x->kv_type = MHA_F16, x->k_strides = (mha_strides){40, 40, 10});
  CASE(MHA_ESTRIDE, x->o_strides = (mha_strides){128, 32, 12}); /* rows of 16 bytes 12 apart */
  CASE(MHA_ESTRIDE, x->o_strides = (mha_strides){64, 16, 24}); /* row 1 of head 0 in head 1's */
  CASE(MHA_ESTRIDE, x->o_strides = (mha_strides){48, 16, 32}); /* batch 1 lands inside batch 0 */
  CASE(MHA_OK, x->o_strides = (mha_strides){64, 16, 32});      /* BSHD, packed */
  CASE(MHA_OK, x->o_strides = (mha_strides){256, 96, 16});
  CASE(MHA_OK, x->o_strides = (mha_strides){16, 64, 32}); /* batches innermost */
#undef CASE
  for (int i = 0; i < n; i++) {
    memcpy(o, keep, sizeof o);
    const int rc = mha_ref_attention(&c[i].d, q, k, v, o, lse);
    if (rc != c[i].want) fail_msg("reference case %d: code %d, wanted %d", i, rc, c[i].want);
    if (rc) assert_memory_equal(o, keep, sizeof o);
  }
}


/* Q is read as stored: bf16 1 + 2^-8 + 2^-10 is 1 + 2^-7, and the softmax of scores 0 and 8q
 * is that of the rounded q. With q 0 the weights are equal: O is the mean of V, pv the mean of
 * |V|. Q's strides are multiples of its own element (2 bytes for bf16), O's of its type's. */
static void test_ref_qo_types(void **state) {
  (void)state;
  mha_attention_desc d = ref_desc(1, 1, 2, 1);
  const float qf[1] = {1.0f + 0x1p-8f + 0x1p-10f}, k[2] = {0, 8}, v[2] = {0, 1};
  unsigned char qb[2];
  mha_ref_put(MHA_BF16, qf, 1, qb);
  d.q_type = MHA_BF16;
  double o[2], pv[2];
  assert_int_equal(mha_ref_attention_pv(&d, qb, k, v, o, NULL, pv), 0);
  const double q = 1.0 + 0x1p-7, want = exp(8 * q) / (1 + exp(8 * q));
  NEAR(o[0], want), NEAR(pv[0], want);
  assert_true(fabs(o[0] - exp(8.0 * qf[0]) / (1 + exp(8.0 * qf[0]))) > 1e-6); /* not the fp32 q */
  d.q_type = MHA_F16; /* f16 holds 1 + 2^-8 + 2^-10 exactly */
  unsigned char qh[2];
  mha_ref_put(MHA_F16, qf, 1, qh);
  assert_int_equal(mha_ref_attention(&d, qh, k, v, o, NULL), 0);
  NEAR(o[0], exp(8.0 * qf[0]) / (1 + exp(8.0 * qf[0])));

  mha_attention_desc e = ref_desc(1, 1, 2, 2);
  const float q0[2] = {0, 0}, k2[4] = {1, 2, 3, 4}, v2[4] = {1, -2, -3, 4};
  unsigned char q0b[4];
  mha_ref_put(MHA_BF16, q0, 2, q0b);
  e.q_type = e.o_type = MHA_BF16;
  assert_int_equal(mha_ref_attention_pv(&e, q0b, k2, v2, o, NULL, pv), 0);
  NEAR(o[0], -1.0), NEAR(o[1], 1.0), NEAR(pv[0], 2.0), NEAR(pv[1], 3.0);

  mha_attention_desc s = ref_desc(1, 2, 2, 1);
  unsigned char q2[4] = {0};
  s.q_type = MHA_BF16, s.q_strides.seq = 2; /* one bf16 a row */
  assert_int_equal(mha_ref_attention(&s, q2, k, v, o, NULL), 0);
  s.q_strides.seq = 3;
  assert_int_equal(mha_ref_attention(&s, q2, k, v, o, NULL), MHA_ESTRIDE);
  s.q_type = MHA_F32, s.q_strides.seq = 2; /* fp32 rows 2 bytes apart: not a multiple of 4 */
  assert_int_equal(mha_ref_attention(&s, q2, k, v, o, NULL), MHA_ESTRIDE);
}

/* The bound's terms, and its cap at PyTorch's SDPA tolerances. */
static void test_bound_terms(void **state) {
  (void)state;
  assert_true(mha_ref_bound(MHA_F32, 1, 5, 1e-4) == 1e-4);
  NEAR(mha_ref_bound(MHA_BF16, 0.5, 1, 0), 0x1p-8 + 0x1p-8 * (0.5 + 0x1p-8));
  NEAR(mha_ref_bound(MHA_F16, -0.5, 1, 1e-5), 0x1p-8 + 0x1p-11 * (0.5 + 0x1p-8) + 1e-5);
  NEAR(mha_ref_bound(MHA_BF16, 0, 100, 0), 5e-2); /* 100 / 256 is past atol */
  NEAR(mha_ref_bound(MHA_BF16, 2, 100, 0), 5e-2 + 5e-2 * 2);
  NEAR(mha_ref_bound(MHA_F16, 0, 100, 0), 1e-2);
}

/* One query row as a bf16 kernel computes it: scores and softmax in fp32, each p rounded to
 * `bits` significant bits once for P.V (8: bf16), the sum of the unrounded p, O rounded to
 * the type. */
static float round_bits(float x, int bits) {
  int e;
  const float m = frexpf(x, &e);
  return ldexpf(nearbyintf(ldexpf(m, bits)), e - bits);
}
static void kernel_row(int type, int bits, int nk, int d, const float *q, const float *k, const float *v, float *o) {
  float s[512], m = -INFINITY, l = 0, acc[64] = {0};
  for (int j = 0; j < nk; j++) {
    float dot = 0;
    for (int c = 0; c < d; c++) dot += q[c] * k[j * d + c];
    s[j] = dot / sqrtf((float)d), m = fmaxf(m, s[j]);
  }
  for (int j = 0; j < nk; j++) {
    const float p = expf(s[j] - m), pr = round_bits(p, bits);
    l += p;
    for (int c = 0; c < d; c++) acc[c] += pr * v[j * d + c];
  }
  for (int c = 0; c < d; c++) {
    const float x = acc[c] / l;
    unsigned char b[4];
    mha_ref_put(type, &x, 1, b);
    o[c] = (float)mha_ref_get(type, b, 0);
  }
}
/* Largest error over its bound of a kernel row against the reference. */
static double over_bound(int type, int bits, int nk, int d, const float *q, const float *k, const float *v) {
  mha_attention_desc x = ref_desc(1, 1, nk, d);
  x.scale = 0, x.q_type = x.o_type = type;
  unsigned char qs[128];
  double ref[64], pv[64], worst = 0;
  float o[64];
  mha_ref_put(type, q, d, qs);
  float qw[64];
  for (int c = 0; c < d; c++) qw[c] = (float)mha_ref_get(type, qs, c);
  assert_int_equal(mha_ref_attention_pv(&x, qs, k, v, ref, NULL, pv), 0);
  kernel_row(type, bits, nk, d, qw, k, v, o);
  for (int c = 0; c < d; c++) worst = fmax(worst, fabs(o[c] - ref[c]) / mha_ref_bound(type, ref[c], pv[c], 2e-5));
  return worst;
}

/* Random rows (bf16 K and V as stored, 300 keys, d 64): P rounded to bf16 once stays within the
 * bound, for bf16 and f16 Q/O. Then two keys with p = 1 and p = 0.7578125 (7 significant bits):
 * bf16 holds it, 6 bits do not (an error of 2^-7 in p, twice 2^-8): caught. */
static void test_bound_kernel(void **state) {
  (void)state;
  enum { NK = 300, D = 64 };
  static float q[D], k[NK * D], v[NK * D];
  unsigned char row[2 * D];
  mha_fill(q, D, 7), mha_fill(k, NK * D, 8), mha_fill(v, NK * D, 9);
  for (int j = 0; j < NK; j++) { /* K and V as a bf16 cache holds them, widened */
    mha_ref_put(MHA_BF16, k + j * D, D, row);
    for (int c = 0; c < D; c++) k[j * D + c] = (float)mha_ref_get(MHA_BF16, row, c);
    mha_ref_put(MHA_BF16, v + j * D, D, row);
    for (int c = 0; c < D; c++) v[j * D + c] = (float)mha_ref_get(MHA_BF16, row, c);
  }
  for (int i = 0; i < D; i++) q[i] *= 4; /* peaked scores: a few keys dominate */
  assert_true(over_bound(MHA_BF16, 8, NK, D, q, k, v) <= 1);
  assert_true(over_bound(MHA_F16, 8, NK, D, q, k, v) <= 1);
  assert_true(over_bound(MHA_BF16, 24, NK, D, q, k, v) <= 1); /* fp32 P: within, of course */

  const float q1[1] = {1}, k1[2] = {0, logf(0.7578125f)}, v1[2] = {0, 1};
  assert_true(over_bound(MHA_F16, 8, 2, 1, q1, k1, v1) <= 1);
  assert_true(over_bound(MHA_F16, 6, 2, 1, q1, k1, v1) > 1);
  assert_true(over_bound(MHA_BF16, 6, 2, 1, q1, k1, v1) > 1);
}

int main(void) {
  for (int i = 0; i < N; i++) data[i] = (float)i * 0.25f;
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bench_stats),   cmocka_unit_test(test_bench_units),
      cmocka_unit_test(test_bench_repeated), cmocka_unit_test(test_bench_errors),
      cmocka_unit_test(test_counters_real), cmocka_unit_test(test_counters_off),
      cmocka_unit_test(test_counters_fake), cmocka_unit_test(test_peak),
      cmocka_unit_test(test_peak_budget),   cmocka_unit_test(test_peak_some),   cmocka_unit_test(test_pin),
      cmocka_unit_test(test_flops),         cmocka_unit_test(test_ref_sinks),
      cmocka_unit_test(test_ref_softcap),   cmocka_unit_test(test_ref_alibi),
      cmocka_unit_test(test_ref_window_align), cmocka_unit_test(test_ref_lens),
      cmocka_unit_test(test_ref_strides),   cmocka_unit_test(test_ref_errors),
      cmocka_unit_test(test_ref_qo_types),  cmocka_unit_test(test_bound_terms),
      cmocka_unit_test(test_bound_kernel),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
