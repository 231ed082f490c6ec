/* tune.h: the pieces of `make tune` shared by its files: workloads, the journal,
 * isolated runs in child processes. */
#ifndef MHA_TUNE_H
#define MHA_TUNE_H

#include <stdio.h>

#include "mha.h"
#include "mha_kernel.h"

#define MHA_WORKLOAD_LENS 16 /* sequences a padded batch (lens=) may have */
#define MHA_KEY_LEN 256

typedef struct mha_workload {
  char model[32], phase[16];
  mha_attention_desc desc; /* its seq_kv_lens, when set, points at lens below */
  int lens[MHA_WORKLOAD_LENS];
  /* model/phase/B1/Hq32/Hkv8/Nq1/Nk8192/d128/c1, then only what is set, in this order:
   * /kv-f16 (a K/V type but f32), /qo-bf16 (a Q/O type but f32), /w4096 (window), /sc50 (softcap, %g),
   * /lens-4096-3000 (a padded batch): names it in the journal, winners and the table */
  char key[MHA_KEY_LEN];
} mha_workload;

/* Reads a workloads file; models (comma list) narrows it when not NULL/empty.
 * Returns the count (>= 0) or -1 with a message naming file:line in err. The array is
 * final: each desc.seq_kv_lens points into its own workload, so move or copy a workload
 * and that pointer must be set again (a copy of the desc alone is fine while *out lives). */
int mha_workloads_read(const char *path, const char *models, mha_workload **out, char *err,
                       size_t errlen);

/* One journal line: what was measured (or how it failed) for a key, kernel and round. */
typedef struct mha_jrec {
  char key[MHA_KEY_LEN], kernel[96];
  int round;        /* -1: the correctness gate */
  char status[16];  /* ok, wrong, crash, timeout, error; unsupported (a gate: the build takes no such Q/O) */
  double median_s, cv, gflops;
  int reps;
  char note[200];
} mha_jrec;

typedef struct mha_journal {
  FILE *f;
  mha_jrec *recs;
  int n, cap;
} mha_journal;

/* Opens (creating) and loads a journal; appends are flushed line by line. */
int mha_journal_open(mha_journal *j, const char *path, char *err, size_t errlen);
const mha_jrec *mha_journal_find(const mha_journal *j, const char *key, const char *kernel, int round);
int mha_journal_add(mha_journal *j, const mha_jrec *r);
void mha_journal_close(mha_journal *j);

/* Runs fn(ctx, fd) in a child process with a time limit; what the child writes to fd comes
 * back in buf (NUL-terminated, truncated to n). Returns 0 when the child exited 0; else -1
 * with status set to "crash" (a signal, named in note), "timeout" or "error" (non-zero exit). */
int mha_isolated(int (*fn)(void *ctx, int fd), void *ctx, double timeout_s, char *buf, size_t n,
                 char *status, size_t slen, char *note, size_t nlen);

#endif
