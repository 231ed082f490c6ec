/* measure.h: implementations (harness/impl.h) measured side by side on one shape, the way
 * `make compare` and `make bench` both do it: each created, checked against the
 * double-precision reference on the real shape (a wrong answer is a failed row, never timed),
 * then timed through Google Benchmark with input sets rotated past the cache, their
 * repetitions taking turns. */
#ifndef MHA_MEASURE_H
#define MHA_MEASURE_H

#include "bench.h"
#include "util.h"

/* Relative to the largest reference element: float rounding over 16k keys stays near 1e-6 of
 * it, while a wrong mask, head or scale moves outputs by far more than this. */
#define MHA_MEASURE_REL_TOL 1e-4

/* mha_inputs_alloc (util.h), K and V made into d->kv_type once (every set's k[s] and v[s]
 * then hold that type's rows, as mha_ref_put makes them: an fp32 buffer holds any type), then
 * the reference output of set 0, computed on K and V as stored (so an implementation's error
 * against it is its arithmetic alone), and its largest magnitude; with bf16 or f16 Q and O
 * (stored in that type, as K and V are), sum_j p_ij |v_jc| too (in->pv), for mha_ref_bound. */

/* 0, or -1 with err filled (out of memory, or the reference refused desc); in is then empty.
 * The reference runs on ref_threads threads. */
int mha_inputs_make(mha_inputs *in, const mha_attention_desc *d, int sets, int ref_threads, char *err,
                    size_t errlen);

/* Bytes one call moves: Q and O in fp32, K and V in d->kv_type; and those of K and V alone. */

typedef struct mha_measured {
  const char *status; /* "ok", "unsupported" or "failed" */
  double median_s, cv, gflops, gbs, max_err; /* gbs: Q, K, V and O bytes per call (K, V in their type) */
  char detail[600];   /* what ran, or why it did not; no tabs or newlines */
} mha_measured;

/* Measures n implementations (kinds[i], as benchmark names[i]) on d (d->threads as given, K and
 * V in d->kv_type: in made by mha_inputs_make with d), side by side: each is created and
 * checked first, then their repetitions take turns (the first of each, then the second of each
 * starting one further along, ...), each one Google Benchmark run of at least bo->min_time_s,
 * so that a machine whose speed drifts over seconds moves them alike and their ratio holds.
 * r[i] gets the median and cv over the repetitions; every timed run's JSON is appended to json
 * (mha_gbench_merge). */
void mha_measure_set(int n, const int *kinds, const mha_attention_desc *d, const mha_inputs *in,
                     const char *const *names, const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json,
                     int *nbench);

/* The FMA peak of isa ("avx512"), or the bf16 dot-product peak (isa "bf16"), that the tune
 * wrote into dir/machine.json, all cores or one (one != 0); 0 when there is none. */
double mha_peak_from_machine_json(const char *dir, const char *isa, int one);

#endif /* MHA_MEASURE_H */
