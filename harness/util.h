/* util.h: small things every measuring tool of the harness needs (mha-tune, mha-compare,
 * mha-bench): a growing text buffer, files written whole or not at all, the inputs the tools
 * time on and how many copies of them rotate past the cache, and merging Google Benchmark's
 * JSON documents. */
#ifndef MHA_UTIL_H
#define MHA_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "machine.h"
#include "mha.h"

double mha_now(void); /* monotonic seconds */

/* A growing text buffer. Out of memory, it stops growing and sets oom; writing it then fails. */
typedef struct mha_sbuf {
  char *s;
  size_t n, cap;
  int oom;
} mha_sbuf;
void mha_sb_printf(mha_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes text to path through a temporary name and a rename: a reader never sees half a
 * file. 0, or -1 (nothing written, the temporary removed). */
int mha_write_atomic(const char *path, const char *text, size_t len);
int mha_write_sbuf(const char *path, const mha_sbuf *b); /* -1 as well when b ran out of memory */

/* The whole file, NUL-terminated and malloc'd, its length in *len; NULL when unreadable. */
char *mha_slurp(const char *path, size_t *len);

/* Elements of Q (q != 0; O has the same) or of K (V has the same) for desc. */
size_t mha_elems(const mha_attention_desc *d, int q);

/* The keys lo .. hi-1 that row i of sequence b sees, as mha.h defines them: its length
 * (seq_kv_lens[b], else seq_kv), causal with either alignment, the window; hi == lo when none.
 * Returns the row's diagonal key p(i) (ALiBi's origin, with or without causal). */
long mha_visible(const mha_attention_desc *d, int b, int i, long *lo, long *hi);
/* FLOPs of one call: 4 d per (query row, key) pair a row sees (mha_visible; Q K^T and P V). */
double mha_attention_flops(const mha_attention_desc *d);

/* The inputs every tool times on: uniform in [-1, 1) from a small LCG seeded with seed. */
void mha_fill(float *x, size_t n, uint32_t seed);

/* sets copies of Q, K and V (mha_fill, seeds by set), and one O to write. */
typedef struct mha_inputs {
  int sets;
  size_t nq, nk;        /* elements of Q (and O), of K (and V) */
  float **q, **k, **v, *o; /* each in its type (q_type, kv_type, o_type) in a buffer of floats */
  double *ref, refmax;  /* the reference O of set 0 and its largest magnitude (measure.h) */
  double *pv;           /* with Q and O not F32: set 0's sum_j p_ij |v_jc| (mha_ref_bound) */
} mha_inputs;
/* The larger of two errors; a NaN (an element unwritten, or wrong past measure) sticks. */
double mha_worse(double a, double b);

/* Element i of a packed tensor of type (F32, F16 or BF16; Q's and O's), widened; and set to v
 * (rounded to nearest even). */
double mha_at(int type, const void *x, size_t i);
void mha_set(int type, void *x, size_t i, float v);

/* Rows of fp32 Q, K or V (d floats each) stored in place as type kv (packed rows of that type's
 * bytes from x's start: the rounding or quantisation a cache of that type holds). 0, or -1
 * out of memory. */
int mha_kv_store(int kv, float *x, size_t rows, int d);
/* Bytes a call reads of K and V in their stored type (per sequence, the keys from the first
 * any row sees to the last: a window's, not the cache's; a padded sequence's length), and of
 * everything (Q and O in their types). */
double mha_kv_bytes(const mha_attention_desc *d);
double mha_call_bytes(const mha_attention_desc *d);
/* sets input sets for d (packed in d->layout), Q stored in d->q_type, K and V in d->kv_type; with
 * seq_kv_lens, the K and V rows past a sequence's length are NaN (all bits set, in every
 * type): a call that reads them shows it. 0, or -1 (out of memory; in is then empty). */
int mha_inputs_alloc(mha_inputs *in, const mha_attention_desc *d, int sets);
void mha_inputs_free(mha_inputs *in);

/* How many input sets (Q, K, V and O of shape d) a timed loop cycles through so that a call
 * does not find its inputs in a cache where the real call would not (decode above all):
 * enough that the keys the calls read (a window's or a length's, not the whole cache's)
 * pass twice the last-level cache, within cap bytes of them (MHA_ROTATION_CAP for the tune),
 * at most 64. */
#define MHA_ROTATION_CAP ((size_t)128 << 20)
int mha_rotation_sets(const mha_machine *m, const mha_attention_desc *d, size_t cap);

/* Appends the "benchmarks" of one Google Benchmark JSON document to out, which starts with
 * the first document's context; *nbench counts them. Close out with mha_gbench_close. */
void mha_gbench_merge(mha_sbuf *out, const char *doc, int *nbench);
void mha_gbench_close(mha_sbuf *out);

/* "f32", "f16", "bf16", "q8_0" for an mha_dtype of K/V, NULL for another value; and back
 * (-1 for an unknown name). */
const char *mha_kv_name(int kv);
int mha_kv_parse(const char *name);
/* The same for a Q/O type: "f32", "f16" or "bf16"; -1 for another name. */
int mha_qo_parse(const char *name);

#endif /* MHA_UTIL_H */
