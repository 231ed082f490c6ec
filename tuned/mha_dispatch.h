/* mha_dispatch.h: which kernel runs a call (mha_dispatch.c); uses mha_cpu.h below it. Not installed for users. */
#ifndef MHA_DISPATCH_H
#define MHA_DISPATCH_H

#include "mha.h"
#include "mha_kernel.h"
#include "mha_table.h"
#include "mha_cpu.h"

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

/* GEMM (mha_gemm.h's mha__gemm_pick over the table this CPU uses): k runs on a CPU of cpu_isa
 * with features, and, nw > 0, its panels are nw columns wide. */
MHA__HIDDEN int mha__gemm_runs(const mha__gemm_kernel *k, int cpu_isa, unsigned features, int nw);
/* Pure: table t's kernel for C = A W^T of m rows, n columns and depth kdim (t NULL: none): a
 * tuned entry (the same m bucket; the exact n and k, else the nearest), else per ISA, the best
 * first, gemm_few_rows (m <= MHA__FEW_ROWS) then gemm_defaults; NULL when none runs. */
MHA__HIDDEN const mha__gemm_kernel *mha__gemm_pick_in(const mha__table *t, int cpu_isa,
                                                      unsigned features, int m, int n, int kdim,
                                                      int nw, const char **why);

#endif /* MHA_DISPATCH_H */
