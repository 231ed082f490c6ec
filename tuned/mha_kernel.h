/* mha_kernel.h: the internal ABI between the runtime and the generated kernels.
 * Not installed for users. Every generated variant implements mha__kernel_fn and is
 * described by one static const mha__kernel; the planner reads descriptors, never names. */
#ifndef MHA_KERNEL_H
#define MHA_KERNEL_H

#include <stddef.h>

#if defined(__GNUC__) && !defined(_WIN32)
#define MHA__HIDDEN __attribute__((visibility("hidden")))
#else
#define MHA__HIDDEN
#endif

/* ISAs, in increasing order of what they need from the CPU. */
enum { MHA__ISA_SCALAR = 0, MHA__ISA_AVX2 = 1, MHA__ISA_AVX512 = 2, MHA__ISA_COUNT = 3 };

/* One unit of work: `heads` query heads that share one K/V head, `nq` query rows and
 * `nk` keys. Strides are in floats. Row i of the task (0-based) sees key j iff
 * !causal or j <= i + diag; a row that sees no key gets zeros (and lse = -inf).
 * The kernel writes the normalised output to o and, when lse is not NULL,
 * log2(sum_j 2^(s_ij)) + max in base 2 per row (lse[h * lse_hs + i]), for split-KV merges. */
typedef struct mha__task {
  const float *q, *k, *v;
  float *o;
  float *lse;
  ptrdiff_t q_rs, q_hs; /* query row stride, head stride */
  ptrdiff_t k_rs, v_rs; /* key and value row strides */
  ptrdiff_t o_rs, o_hs; /* output row stride, head stride */
  ptrdiff_t lse_hs;     /* lse head stride; rows are contiguous */
  int nq, nk, d, heads; /* heads is a multiple of the kernel's g */
  int causal;
  long diag;
  float scale; /* already resolved: never 0 here */
  float *ws;   /* workspace of mha__kernel.ws_floats(d) floats, 64-byte aligned */
} mha__task;

typedef void (*mha__kernel_fn)(const mha__task *t);

typedef struct mha__kernel {
  const char *name; /* attn_f32_avx512_d128_g4_q64_k256_r8x2 */
  int isa;          /* MHA__ISA_* */
  int d;            /* head dim it is specialised for; 0: any d */
  int g;            /* query heads per pass sharing one packed K/V tile */
  int qt, kt;       /* query tile rows, key tile columns */
  int rm, rn;       /* S = Q K^T register block: rm rows x rn vectors */
  int lanes;        /* floats per vector */
  mha__kernel_fn fn;
  size_t (*ws_floats)(int d); /* workspace a call needs, in floats */
} mha__kernel;

#endif /* MHA_KERNEL_H */
