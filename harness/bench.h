/* bench.h: time a C function through Google Benchmark (the shim is bench_shim.cc). One call registers
 * one benchmark, runs its warm-up and repetitions, and hands back the statistics and Google
 * Benchmark's own JSON document (compare.py reads it). Not thread-safe: Google Benchmark's registry
 * is global, so calls are serialised; usable any number of times in one process. */
#ifndef MHA_BENCH_H
#define MHA_BENCH_H

#include "counters.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef void (*mha_bench_fn)(void *user); /* one iteration */

/* Zero in any field means its default. The JSON holds the aggregates (mean, median, stddev, cv,
 * min), or the single run when repetitions is 1. */
typedef struct mha_bench_opts {
  double min_time_s;    /* per repetition; default 0.1 */
  int repetitions;      /* default 5 */
  int warmup_iters;     /* calls before timing; default 2, negative: none */
} mha_bench_opts;

/* Per-iteration wall-clock seconds over the repetitions (sample stddev; cv = stddev / mean). */
typedef struct mha_bench_stats {
  double median_s, mean_s, stddev_s, min_s, cv;
  int repetitions;
  long iterations;       /* per repetition (the first's) */
  double gflops, gbs;    /* at the median, from flops_per_iter and bytes_per_iter; 0 when given 0 */
  int counters;          /* how many counter values follow */
  const char *counter_label[MHA_COUNTERS_MAX];
  double counter_per_iter[MHA_COUNTERS_MAX]; /* median over the repetitions */
} mha_bench_stats;

/* Times fn(user) as benchmark `name` (real time: kernels may run threads). User counters in the
 * JSON: "GFLOP/s" and "GB/s" (rates; omitted when the figure is 0) and, when ctr has counters,
 * each of them per iteration under its label. ctr may be NULL. *json (when json is not NULL)
 * receives a malloc'd JSON document the caller frees. Returns 0, or a negative code with
 * mha_bench_error() saying why: -1 bad argument, -2 the run failed, -3 an exception. */
int mha_bench_run(const char *name, mha_bench_fn fn, void *user, const mha_bench_opts *opts,
                  double flops_per_iter, double bytes_per_iter, mha_counters *ctr, mha_bench_stats *out,
                  char **json);

/* The last error message of this thread ("" after a success). */
const char *mha_bench_error(void);

#ifdef __cplusplus
}
#endif

#endif
