/* bench_layer.h: make bench's rows for the layer (issue 17), beside the attention cases of
 * bench.c: the projections' GEMM against oneDNN's matmul and the FMA peak, a layer's forward
 * against the composite (oneDNN projections + mhatune's attention) and torch.nn.MultiheadAttention,
 * and a decoding step against its bandwidth bound. Each implementation is checked against the
 * double-precision reference before it is timed; ours and the in-process peer take turns. */
#ifndef MHA_BENCH_LAYER_H
#define MHA_BENCH_LAYER_H

#include "bench.h"
#include "machine.h"
#include "measure.h"
#include "peak.h"
#include "util.h"

enum { LR_GEMM, LR_LAYER, LR_STEP };
enum { LR_IMPLS = 3, LR_TARGETS = 4 };

typedef struct mha_lrow {
  int kind;
  char name[16], model[32], key[160];
  int m, n, k;        /* gemm: C[m][n] = A[m][k] W^T */
  mha_layer_desc d;   /* layer and step */
  int tokens, cache;  /* layer: tokens of one sequence; step: keys in the cache before the step */
  int threads;
  struct { int kind; double want, got, ref; int met; } t[LR_TARGETS];
  int nt;
  mha_measured r[LR_IMPLS]; /* gemm: ours, oneDNN; layer: ours, composite, torch; step: ours */
  double flops, bytes;      /* per call: FLOPs; step: the bytes it must read */
} mha_lrow;

/* One call of a timed set: fn(arg), 0 when it went well. */
typedef struct mha_turn {
  int (*fn)(void *);
  void *arg;
  int failed; /* set when a timed call fails */
} mha_turn;
/* n calls timed as mha_measure_set times implementations: repetition k of each (one Google
 * Benchmark run of at least bo->min_time_s), round k starting at call k mod n, so a machine
 * whose speed drifts moves them alike; r[i] gets the median and cv of those still alive
 * (live[i]; a failed one is marked "failed" and dropped), GFLOP/s and GB/s from flops[i] and
 * bytes[i]; every timed run's JSON is appended to json. */
void mha_time_turns(int n, mha_turn *tu, int *live, const char *const *names, const double *flops,
                    const double *bytes, const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json, int *nbench);

/* One line of the cases file: 1 a layer row (x filled), 0 not one (another kind of case), -1
 * malformed (err says what a line must be). */
int mha_lrow_parse(const char *line, mha_lrow *x, char *err, size_t errlen);
/* x as a layer row without targets (compare's): model as a cases line names it. 0, or -1 for
 * an unknown model or tokens < 1. */
int mha_lrow_layer(mha_lrow *x, const char *model, int tokens, int causal, int threads);
/* Measures x and judges its targets (peak and bandwidth from pk, for x's threads). */
void mha_lrow_measure(mha_lrow *x, const mha_machine *m, const mha_peak *pk, const mha_bench_opts *bo,
                      mha_sbuf *json, int *nbench);
/* x's row in bench.md's table (its columns: mhatune, oneDNN, OpenBLAS, ggml, targets) and its
 * rows in bench.tsv; *met and *total count its targets. */
void mha_lrow_write(const mha_lrow *x, mha_sbuf *md, mha_sbuf *tsv, int *met, int *total);
/* The "What ran" lines. */
void mha_lrow_what(const mha_lrow *x, mha_sbuf *md);

#endif /* MHA_BENCH_LAYER_H */
