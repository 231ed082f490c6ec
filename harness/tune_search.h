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
/* The paired final (tune_final.c): each timing's length, and the seconds one workload's
 * final may take at most. */
typedef struct final_spec {
  double min_time_s; /* each timing of a pair */
  int pairs;         /* pairs a race takes */
  double cap_s;      /* after this, no more challengers (the default still races) */
} final_spec;
typedef struct level {
  const char *name;
  int best_isa_only; /* candidates only of the best ISA this CPU runs */
  int nrounds;
  round_spec rounds[3]; /* the last one keeps the finalists */
  final_spec final;
} level;
/* quick, measure, exhaustive; NULL for another name. */
const level *tune_level(const char *name);

typedef struct winner {
  const mha_workload *w;
  const mha__kernel *k;
  double median_s, gflops, cv;
  int tried;
  /* The paired final's verdict: the untuned default's time over the winner's (median of the
   * pairs; 0: not raced), and whether the default won (untuned: no tuned entry is written, the
   * default serves the workload). */
  double vs_default;
  int untuned;
} winner;

/* A candidate of one workload's search. */
typedef struct cand {
  const mha__kernel *k;
  double median_s, gflops, cv;
  int alive;
} cand;

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
  int *ggate_ok;    /* [GEMM kernel]: as gate_ok, for mha__gemm_registry */
} tune_run;

/* One timed call of a kernel on a workload's rotated inputs (Google Benchmark's function). */
typedef struct tune_call {
  const mha_attention_desc *desc;
  const mha__kernel *k;
  const mha_inputs *in;
  float *o;
  int next;
} tune_call;
void tune_one_call(void *u);
/* The gate of kernel k for Q/O type qo, from the journal or measured: 1 when it passed. */
int tune_gate_once(tune_run *r, const mha__kernel *k, int qo, const char *wkey);
/* A measurement made: journaled and counted; a status other than "ok" ("" becomes "error")
 * is a failure, counted and said on stderr as "KERNEL on WKEY<what>: status note". */
void tune_journal(tune_run *r, mha_jrec *rec, const char *kernel, const char *wkey, const char *what);
/* A child's time limit (MHA_TUNE_TIMEOUT overrides it), and the test hook that makes a named
 * candidate crash or hang in its child (MHA_TUNE_INJECT). */
double tune_child_timeout(double dflt);
void tune_inject_pre(const char *name);

/* The paired final of workload w (tune_final.c): the alive candidates of cs (sorted, the
 * leader first) and the untuned default race the leader in alternating pairs; fills wn's
 * kernel, times, vs_default and untuned. in: the workload's inputs (made if still empty). */
void tune_final(tune_run *r, const mha_workload *w, cand *cs, int nc, mha_inputs *in, winner *wn);
/* A race's two calls, timed in alternating pairs inside one child (tune_pair_times writes
 * line one "a b a b ..." and each timing's Google Benchmark JSON after a form feed to fd). */
enum { TUNE_MAX_PAIRS = 16 };
typedef struct tune_pair {
  const char *key;              /* the workload's key, naming the timings */
  const char *names[2];         /* the leader's and the challenger's */
  void (*fn[2])(void *);        /* one call of each */
  void *arg[2];
  double flops, bytes, min_time_s;
  int pairs;
} tune_pair;
int tune_pair_times(const tune_pair *p, int fd);
/* A challenger's time over the leader's below this takes the lead (more than 2% faster). */
#define TUNE_TAKE_LEAD (1 / 1.02)
/* The journaled race of any kind: child(ctx, fd) times the two (tune_pair_times) in an
 * isolated child; ch's time over the leader's (median of the pairs' ratios) in *ratio and ch's
 * median time in *t_ch, from the journal (round 9 under wkey, "vs LEAD ...") when this race
 * was run before. 0, or -1 when it failed. */
int tune_race_run(tune_run *r, const char *wkey, const char *lead, const char *ch, double flops,
                  int (*child)(void *ctx, int fd), void *ctx, int pairs, double *ratio, double *t_ch);
/* One race of the final (also the check's, tune_check.c): the challenger ch and the leader in
 * r->L->final's alternating pairs in one child; ch's time over the leader's (median of the
 * pairs' ratios) in *ratio, ch's median time in *t_ch; from the journal when this race was run
 * before. 0, or -1 when the challenger failed (crash, timeout, error: it is out). in: w's
 * inputs (made if still empty). */
int tune_race(tune_run *r, const mha_workload *w, const mha__kernel *lead, const mha__kernel *ch, mha_inputs *in,
              double *ratio, double *t_ch);
/* The kernel the library picks for w untuned: the generator's default table, under r's ISA cap. */
const mha__kernel *tune_untuned_default(const tune_run *r, const mha_workload *w);

/* Gates (once per kernel and Q/O type, through the journal) and times the candidates of
 * workload wi of nw, successive halving by the level's rounds, and fills *wn. */
void tune_workload(tune_run *r, const mha_workload *w, int wi, int nw, winner *wn);

/* Test hooks (MHA_TUNE_INJECT="crash=NAME,hang=NAME,wrong=NAME", MHA_TUNE_TIMEOUT): whether
 * the candidate NAME is to fail that way; crash or hang it here when it is. */
int tune_injected(const char *what, const char *name);
void tune_inject_pre(const char *name);
double tune_child_timeout(double dflt);

/* The GEMM part (tune_gemm.c): the projections of harness/gemm_workloads.txt's models, one
 * workload per distinct (M, N, K), keyed "gemm/M1024/N12288/K4096"; users names the
 * projections that have the shape ("llama2-7b.out,llama3-8b.out"). */
typedef struct gemm_workload {
  int m, n, k;
  char key[64], users[192];
} gemm_workload;
typedef struct gemm_winner {
  const gemm_workload *w;
  const mha__gemm_kernel *k;
  double median_s, gflops, cv;
  int tried;
  double vs_default; /* the paired final's verdict, as winner's */
  int untuned;
} gemm_winner;
/* Reads a GEMM workloads file ("model E Hq Hkv d tokens", tokens a comma list); models (a
 * comma list) narrows it when not NULL/empty. The count (>= 0), or -1 with err set. */
int tune_gemm_workloads(const char *path, const char *models, gemm_workload **out, char *err, size_t errlen);
/* Gates and times the GEMM candidates of w, the level's pruning first, and fills *wn. */
void tune_gemm_workload(tune_run *r, const gemm_workload *w, int wi, int nw, gemm_winner *wn);

/* `mha-tune --check LEVEL` (tune_check.c): the winners of LEVEL (rdir/<machine-id>/winners-LEVEL.tsv,
 * or lvl_file) raced against those of ref (NULL: exhaustive where its file is, else measure; or
 * ref_file, ref then named after it) and the untuned default, for the workloads of wfile (models
 * narrows them). Writes rdir/<machine-id>/tune-check-LEVEL-vs-REF.md and .tsv; returns the exit
 * status (non-zero: a file missing or malformed, nothing written). */
typedef struct check_args {
  const char *lvl, *ref, *lvl_file, *ref_file, *rdir, *wfile, *models;
} check_args;
int tune_check(const check_args *a);

/* The outputs (tune_out.c). */
void tune_die(const char *fmt, const char *a);
void tune_supersede_old_results(const char *out);
void tune_write_machine(const char *out, const mha_machine *m, const mha_peak *pk, int cpu, const char *cmsg);
void tune_write_results(const char *out, tune_run *r, const mha_peak *pk, const winner *wn, int nw,
                        const gemm_winner *gw, int ngw, int resumed, const char *cmsg);
/* This machine's table: the winners of this run; with only one part tuned (attention or GEMM),
 * the other part's entries of the table already there are kept when it is current. */
void tune_write_tuned(const char *tdir, const char *gdir, const mha_machine *m, const winner *wn, int nw,
                      const gemm_winner *gw, int ngw, int keep_attn, int keep_gemm);

#endif
