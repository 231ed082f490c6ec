/* tune_search.h: the tuner's search (tune_search.c) and its outputs (tune_out.c), shared
 * with its main (tune.c): the rigor levels, one workload's search over the gated candidates,
 * and what a tune writes. */
#ifndef MHA_TUNE_SEARCH_H
#define MHA_TUNE_SEARCH_H

#include "bench.h"
#include "counters.h"
#include "machine.h"
#include "mha_internal.h"
#include "peak.h"
#include "tune.h"
#include "util.h"

/* A rigor level, FFTW-style: successive-halving rounds, each with its own timing effort and
 * how many candidates survive it. exhaustive is the plain sweep, kept as the reference. */
typedef struct round_spec {
  double min_time_s;
  int reps;
  int keep; /* survivors: > 0 a count, < 0 a fraction 1/-keep of the field (at least 2) */
} round_spec;
typedef struct level {
  const char *name;
  int best_isa_only; /* candidates only of the best ISA this CPU runs */
  int nrounds;
  round_spec rounds[3];
} level;
/* quick, measure, exhaustive; NULL for another name. */
const level *tune_level(const char *name);

typedef struct winner {
  const mha_workload *w;
  const mha__kernel *k;
  double median_s, gflops, cv;
  int tried;
} winner;

/* One tune: what every workload's search shares, and what it counts. */
typedef struct tune_run {
  const level *L;
  const mha_machine *m;
  mha_counters *ctr;
  mha_journal *J;
  int cpu;          /* the ISA, as MHA_CPU caps it */
  double limit, t0; /* --time-limit (0: none), the start */
  int tty;
  int *gate_ok;     /* [kernel][Q/O type: F32, F16, BF16]: -1 not gated yet, 0 failed, 1 passed */
  mha_sbuf gjson;   /* the Google Benchmark JSON of every timing */
  int nbench, measured, failures;
} tune_run;

/* Gates (once per kernel and Q/O type, through the journal) and times the candidates of
 * workload wi of nw, successive halving by the level's rounds, and fills *wn. */
void tune_workload(tune_run *r, const mha_workload *w, int wi, int nw, winner *wn);

/* The outputs (tune_out.c). */
void tune_die(const char *fmt, const char *a);
void tune_supersede_old_results(const char *out);
void tune_write_machine(const char *out, const mha_machine *m, const mha_peak *pk, int cpu, const char *cmsg);
void tune_write_results(const char *out, tune_run *r, const mha_peak *pk, const winner *wn, int nw,
                        int resumed, const char *cmsg);
void tune_write_tuned(const char *tdir, const char *gdir, const mha_machine *m, const winner *wn, int nw);

#endif
