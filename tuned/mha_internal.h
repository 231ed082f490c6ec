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
MHA__HIDDEN int mha__cpu_isa(void); /* detected, capped by MHA_CPU=scalar|avx2|avx512|avx512bf16|amx */
MHA__HIDDEN const char *mha__isa_name(int isa);
MHA__HIDDEN void mha__cpu_signature(char *buf, size_t n); /* "AuthenticAMD:26:2:avx512" */
/* The raw registers detection reads; leaves past max_leaf (sub-leaves past l7_eax) and XCR0
 * without OSXSAVE may hold anything: the decoder ignores them. */
typedef struct mha__cpuid_regs {
  unsigned max_leaf;                       /* CPUID.0:EAX */
  unsigned l1_ecx;                         /* CPUID.1:ECX */
  unsigned l7_eax, l7_ebx, l7_ecx, l7_edx; /* CPUID.(7,0); EAX: the highest sub-leaf */
  unsigned l7s1_eax;                       /* CPUID.(7,1):EAX */
  unsigned long long xcr0;                 /* XGETBV(0) */
} mha__cpuid_regs;
/* The CPU feature bits (MHA__CPU_*) are in mha_kernel.h: a kernel names those it needs. */
MHA__HIDDEN unsigned mha__cpu_flags_from_cpuid(const mha__cpuid_regs *r); /* pure */
MHA__HIDDEN int mha__isa_from_flags(unsigned flags);                       /* pure */
MHA__HIDDEN int mha__isa_from_cpuid(const mha__cpuid_regs *r);             /* pure */
MHA__HIDDEN unsigned mha__cpu_flags(void); /* this CPU's, read once; MHA_CPU does not cap them */
MHA__HIDDEN unsigned mha__cpu_features(void); /* this CPU's flags as MHA_CPU caps them */

/* mha_dispatch.c */
MHA__HIDDEN int mha__kernel_applies(const mha__kernel *k, const mha_attention_desc *desc);
/* k runs on a CPU of cpu_isa with features (MHA__CPU_*): its isa and its needs. */
MHA__HIDDEN int mha__kernel_runs(const mha__kernel *k, int cpu_isa, unsigned features);
/* The key count a call is keyed by: the keys a query row reads, so a sliding window's when it
 * is shorter than the cache (Mistral's decode at Nk 16384 with window 4096 streams 4096 keys
 * a row). The tuner writes its table entries by the same count. */
MHA__HIDDEN int mha__call_keys(const mha_attention_desc *desc);
/* Pure (reads no environment): the kernel table t gives desc on a CPU running cpu_isa;
 * never NULL for a valid desc and a table whose [isa][0] slots are filled. */
MHA__HIDDEN const mha__kernel *mha__pick(const mha__table *t, int cpu_isa, unsigned features,
                                         const mha_attention_desc *desc, const char **why);
/* The choice for desc of the table this CPU's signature selects among the linked ones
 * (mha__table_select; none: the first one's defaults), with MHA_CPU and MHA_KERNEL (any
 * linked table's kernel) applied; MHA_OK or MHA_EKERNEL (with one line on stderr saying
 * why). Under MHA_DEBUG, the first call says which table and why (mha__table_describe). */
MHA__HIDDEN int mha__choose(const mha_attention_desc *desc, const mha__kernel **k,
                            const char **why);

/* The runtime is a one-way street: mha.c (the public entry points and validation) uses
 * mha_dispatch.c (which kernel) and mha_run.c (the plan, the threads, the execution); those
 * use mha_rows.c and mha_cpu.c below them, and nothing uses a file above it. */

/* mha.c */
MHA__HIDDEN int mha__validate(const mha_attention_desc *desc, const void *q, const void *k,
                              const void *v, const void *o);
/* The whole call with a given kernel: validate, plan, execute. MHA_EKERNEL when k does
 * not apply to desc (its head dim, group, KV or Q type) or this CPU cannot run it. */
MHA__HIDDEN int mha__attention_with(const mha_attention_desc *desc, const mha__kernel *k,
                                    const void *q, const void *k_, const void *v, void *o);

/* mha_rows.c */
/* The byte strides {batch, head, seq} of tensor which (a valid desc): as given, or packed
 * per layout when all three are zero. */
enum { MHA__Q = 0, MHA__K = 1, MHA__V = 2, MHA__O = 3 };
MHA__HIDDEN mha_strides mha__strides(const mha_attention_desc *desc, int which);
/* Tensor which's element type, heads and rows. */
MHA__HIDDEN void mha__tensor_of(const mha_attention_desc *d, int which, int *type, int *H, int *N);
/* The merge of two partial rows of d values over disjoint key sets, l1 and l2 the natural
 * logs of their softmax denominators (-inf: no key): mha_merge_f32's rule, the one the
 * split-KV reduction folds with. o may be o1 or o2; returns the merged row's lse. */
MHA__HIDDEN float mha__merge_row(int d, const float *o1, float l1, const float *o2, float l2,
                                 float *o);
/* A row's attention sink: its denominator gains e^sink (o scaled down to match); returns the
 * new lse. A row that saw no key (l = -inf) keeps its zeros and gets lse = sink. */
MHA__HIDDEN float mha__sink_row(int d, float *o, float l, float sink);
/* Bytes of a row of d elements of a valid mha_dtype (Q8_0: d a multiple of 32). */
MHA__HIDDEN size_t mha__row_bytes(int type, int d);

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
/* The CPUs this process may use: its affinity set, capped by a cgroup v2 quota. */
MHA__HIDDEN int mha__cpus_allowed(void);
/* CPUs a cgroup v2 cpu.max text ("max 100000", "250000 100000") allows: quota / period
 * rounded up, 0 for no limit. */
MHA__HIDDEN int mha__quota_cpus(const char *cpu_max);
/* Caller-made teams (mha_context_create/destroy): make, check, join. */
MHA__HIDDEN int mha__team_create(const mha_context_desc *d, struct mha_context **out);
MHA__HIDDEN int mha__team_valid(const struct mha_context *ctx);
MHA__HIDDEN void mha__team_destroy(struct mha_context *ctx);
/* Runs a planned call; MHA_OK or MHA_ENOMEM, with nothing written to o on error. */
MHA__HIDDEN int mha__execute(const mha_attention_desc *desc, const mha__kernel *k,
                             const mha__plan *p, const void *q, const void *k_,
                             const void *v, void *o);
#endif /* MHA_INTERNAL_H */
