/* mha_internal.h: the runtime's hidden internals (CPU features, dispatch, the work
 * split). Not installed for users; the harness and the tests use it. */
#ifndef MHA_INTERNAL_H
#define MHA_INTERNAL_H

#include <stddef.h>

#include "mha.h"
#include "mha_kernel.h"
#include "mha_table.h"

/* mha_cpu.c */
MHA__HIDDEN int mha__cpu_isa_detected(void); /* highest MHA__ISA_* the CPU and OS support */
MHA__HIDDEN int mha__cpu_isa(void);          /* detected, capped by MHA_CPU=scalar|avx2|avx512 */
MHA__HIDDEN const char *mha__isa_name(int isa);
MHA__HIDDEN void mha__cpu_signature(char *buf, size_t n); /* "AuthenticAMD:26:2:avx512" */

/* mha_dispatch.c */
MHA__HIDDEN int mha__kernel_applies(const mha__kernel *k, int d, int group);
/* Pure (reads no environment): the kernel table t gives desc on a CPU running cpu_isa;
 * never NULL for a valid desc and a table whose [isa][0] slots are filled. */
MHA__HIDDEN const mha__kernel *mha__pick(const mha__table *t, int cpu_isa,
                                         const mha_attention_desc *desc, const char **why);
/* The linked table's choice for desc with MHA_CPU and MHA_KERNEL applied; MHA_OK or
 * MHA_EKERNEL (with one line on stderr saying why). */
MHA__HIDDEN int mha__choose(const mha_attention_desc *desc, const mha__kernel **k,
                            const char **why);

/* mha.c */
MHA__HIDDEN int mha__validate(const mha_attention_desc *desc, const void *q, const void *k,
                              const void *v, const void *o);

/* mha_run.c: how a call is cut into kernel tasks. */
typedef struct mha__plan {
  int threads;     /* workers, the calling thread included */
  int qchunk;      /* query rows per task, a multiple of the kernel's qt (or all of Nq) */
  int nqchunks;    /* ceil(Nq / qchunk) */
  long units;      /* B * Hkv * (G / g): one per group of g query heads on one KV head */
  int splits;      /* key chunks per row block (1: no split-KV) */
  int kchunk;      /* keys per split */
  long tasks;      /* units * nqchunks * splits */
} mha__plan;

/* desc must be valid and k must apply. threads 0 resolves to the CPUs this process may use. */
MHA__HIDDEN void mha__plan_make(const mha_attention_desc *desc, const mha__kernel *k,
                                mha__plan *p);
/* Runs a planned call; MHA_OK or MHA_ENOMEM, with nothing written to o on error. */
MHA__HIDDEN int mha__execute(const mha_attention_desc *desc, const mha__kernel *k,
                             const mha__plan *p, const float *q, const float *k_,
                             const float *v, float *o);
/* The whole call with a given kernel: validate, plan, execute. MHA_EKERNEL when k does
 * not apply to desc or this CPU cannot run it. */
MHA__HIDDEN int mha__attention_with(const mha_attention_desc *desc, const mha__kernel *k,
                                    const float *q, const float *k_, const float *v, float *o);

#endif /* MHA_INTERNAL_H */
