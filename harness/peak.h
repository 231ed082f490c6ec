/* peak.h: this machine's own limits, measured: FP32 FMA peak per ISA, the bf16 dot-product
 * peak (VDPBF16PS) where the CPU has AVX512_BF16, and memory bandwidth, on one thread and on one
 * pinned thread per core; and pinning a thread to a core with hwloc. */
#ifndef MHA_PEAK_H
#define MHA_PEAK_H

#include <stddef.h>

#include "machine.h"

/* Same order as MHA__ISA_* (mha_kernel.h). */
enum { MHA_PEAK_SCALAR = 0, MHA_PEAK_AVX2 = 1, MHA_PEAK_AVX512 = 2, MHA_PEAK_ISAS = 3 };
/* Not an ISA of the dispatch: mha_peak_gflops's index of the bf16 dot-product peak. */
enum { MHA_PEAK_BF16 = MHA_PEAK_ISAS };

typedef struct mha_peak {
  /* FP32 GFLOP/s (an FMA counts 2; scalar is mul + add, as baseline x86-64 code runs it);
   * 0 where the CPU lacks the ISA. */
  double gflops_one[MHA_PEAK_ISAS], gflops_all[MHA_PEAK_ISAS];
  int chains[MHA_PEAK_ISAS];   /* independent accumulator chains that gave the best 1-thread figure */
  /* The bf16 dot-product peak: VDPBF16PS on 512 bits, 32 pairs of bf16 products added into 16
   * fp32 lanes, counted as 64 FLOPs (2 x 32, a multiply and an add per product, the way a
   * kernel's 4 d FLOPs per query-key pair count it); 0 where the CPU lacks AVX512_BF16. */
  double bf16_one, bf16_all;
  int bf16_chains;
  /* GB/s, 1e9 bytes: a sum over the buffer; copy counts read + written bytes (STREAM's rule). */
  double read_gbs_one, read_gbs_all, copy_gbs_one, copy_gbs_all;
  int threads;                 /* threads of the *_all figures: one per core */
  int pinned;                  /* 1 when every measuring thread was pinned to its own core */
  size_t buffer_bytes;         /* the bandwidth buffer */
  double seconds;              /* how long the measurement took */
  char error[160];             /* why a figure is missing, "" when none is */
} mha_peak;

/* Measures everything within about budget_s seconds (<= 0: 8 s); best of several runs each.
 * The bandwidth buffer is 4x the machine's total L3 (L2 without one), at least 512 MiB, at most
 * 2 GiB and a quarter of RAM: a VM may report an implausibly large L3, then the cap applies.
 * Returns 0, -1 on a bad argument, -2 when a figure could not be measured (see error). */
int mha_peak_measure(const mha_machine *m, mha_peak *out, double budget_s);

/* The same for only the FMA peaks (MHA_PEAK_FMA), only the bandwidths (MHA_PEAK_MEM) or both,
 * within about budget_s; the figures not measured are 0. For a figure taken again next to a
 * timing on a machine whose speed drifts. */
enum { MHA_PEAK_FMA = 1, MHA_PEAK_MEM = 2 };
int mha_peak_measure_some(const mha_machine *m, mha_peak *out, double budget_s, int what);

/* The peak for an ISA (MHA_PEAK_* / MHA__ISA_*), or the bf16 one (MHA_PEAK_BF16): one thread,
 * or all when one_thread is 0. */
double mha_peak_gflops(const mha_peak *p, int isa, int one_thread);

/* Binds the calling thread to one processing unit of core `core` (0 .. cores-1, hwloc's logical
 * order). 0, or -1 when there is no such core or the binding fails. */
int mha_pin_thread(int core);

#endif
