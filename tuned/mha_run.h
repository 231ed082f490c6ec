/* mha_run.h: the plan and the execution of a call (mha_run.c); uses mha_rows.h and mha_team.h below it. Not installed for users. */
#ifndef MHA_RUN_H
#define MHA_RUN_H

#include <stddef.h>
#include "mha.h"
#include "mha_kernel.h"
#include "mha_rows.h"
#include "mha_team.h"

/* mha_run.c: how a call is cut into kernel tasks, and the thread teams that run them. */
typedef struct mha__plan {
  int threads;     /* workers, the calling thread included: min(T, tasks) */
  int qchunk;      /* query rows per task, a multiple of the kernel's qt (or all of Nq) */
  int nqchunks;    /* ceil(Nq / qchunk) */
  long units;      /* B * Hkv * (G / g): one per group of g query heads on one KV head */
  int splits;      /* key chunks per row block (1: no split-KV) */
  int kchunk;      /* keys per split, of the keys a row block can see */
  long tasks;      /* units * nqchunks * splits */
  int heads;       /* query heads per task: the kernel's g */
  int last_first;  /* causal: query chunks are handed out last (heaviest) first */
} mha__plan;

/* One task's block: query heads h0 .. h0+heads-1 of batch b (on KV head kh), query rows
 * q0 .. q0+nq-1, keys k0 .. k0+nk-1 (nk >= 0: keys past the sequence's length, after the
 * block's last diagonal or before its first window are left out). */
typedef struct mha__span {
  int b, kh, h0, heads, q0, nq, k0, nk;
  int split; /* 0 .. splits-1 */
} mha__span;

/* Pure: the plan for desc on T threads (T >= 1; desc->threads and ctx are not read). desc
 * must be valid and k must apply (its kv_type is desc's). */
MHA__HIDDEN void mha__plan_for(const mha_attention_desc *desc, const mha__kernel *k, int T,
                               mha__plan *p);
/* The plan for a call: T is desc->threads (0: the CPUs this process may use, or the size of
 * desc->ctx), capped by desc->ctx's size. */
MHA__HIDDEN void mha__plan_make(const mha_attention_desc *desc, const mha__kernel *k,
                                mha__plan *p);
/* Task t (0 .. tasks-1, in the order workers take them) of plan p. */
MHA__HIDDEN void mha__plan_task(const mha__plan *p, const mha_attention_desc *desc, long t,
                                mha__span *s);
/* The task's modeled cost: the (query row, key) pairs it computes, over its heads. */
MHA__HIDDEN double mha__span_cost(const mha_attention_desc *desc, const mha__span *s);
/* The modeled time of p on T workers that take tasks in order, each the next free worker
 * (list scheduling); *total (when not NULL) gets the sum of the task costs. */
MHA__HIDDEN double mha__plan_critical_path(const mha__plan *p, const mha_attention_desc *desc,
                                           int T, double *total);
/* Runs a planned call; MHA_OK or MHA_ENOMEM, with nothing written to o on error. */
MHA__HIDDEN int mha__execute(const mha_attention_desc *desc, const mha__kernel *k,
                             const mha__plan *p, const void *q, const void *k_,
                             const void *v, void *o);

#endif /* MHA_RUN_H */
