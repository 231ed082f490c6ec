/* mha_kernel.h: the internal ABI between the runtime and the generated kernels.
 * Not installed for users. Every generated variant implements mha__kernel_fn and is
 * described by one static const mha__kernel; the planner reads descriptors, never names. */
#ifndef MHA_KERNEL_H
#define MHA_KERNEL_H

#include <stddef.h>

/* The kernels and the runtime need IEEE arithmetic: a masked score is -inf, a row that sees no
 * key must give zeros, and the scalar exp rounds with 1.5 * 2^23, which -ffast-math folds
 * away (wrong answers, silently). Our Makefiles drop such flags from the user's CFLAGS and
 * the CMakeLists adds -fno-fast-math after them; a build that bypasses both is stopped here. */
#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__)
#error "mhatune must be compiled without -ffast-math / -ffinite-math-only: add -fno-fast-math after your flags"
#endif

#if defined(__GNUC__) && !defined(_WIN32)
#define MHA__HIDDEN __attribute__((visibility("hidden")))
#else
#define MHA__HIDDEN
#endif

/* ISAs, in increasing order of what they need from the CPU. */
enum { MHA__ISA_SCALAR = 0, MHA__ISA_AVX2 = 1, MHA__ISA_AVX512 = 2, MHA__ISA_COUNT = 3 };

/* Features the CPU has and the OS saves the state of (for AMX, mha_cpu.c asks Linux for
 * the tile state first: arch_prctl(ARCH_REQ_XCOMP_PERM)). A kernel's `needs` names
 * those past its ISA's. */
enum {
  MHA__CPU_AVX = 1 << 0, MHA__CPU_FMA = 1 << 1, MHA__CPU_F16C = 1 << 2, MHA__CPU_AVX2 = 1 << 3,
  MHA__CPU_AVX512F = 1 << 4, MHA__CPU_AVX512DQ = 1 << 5, MHA__CPU_AVX512BW = 1 << 6,
  MHA__CPU_AVX512VL = 1 << 7, MHA__CPU_AVX512_BF16 = 1 << 8, MHA__CPU_AVX512_FP16 = 1 << 9,
  MHA__CPU_AMX_TILE = 1 << 10, MHA__CPU_AMX_BF16 = 1 << 11
};

/* K/V storage types, the values of mha_dtype: a kernel reads one, fixed when it is generated.
 * A Q8_0 row is d/32 blocks { uint16_t scale_f16; int8_t q[32]; } (34 bytes, unaligned). */
enum { MHA__KV_F32 = 0, MHA__KV_F16 = 1, MHA__KV_BF16 = 2, MHA__KV_Q8_0 = 3, MHA__KV_COUNT = 4 };

/* One unit of work: `heads` query heads that share one K/V head, `nq` query rows and
 * `nk` keys. Q holds the kernel's q_type (fp32, or bf16 for a kernel that reads it natively;
 * q points at it whatever its type), O is fp32; their strides are in elements, K and V row strides in bytes (K and V rows hold
 * the kernel's kv_type). Row i of the task (0-based) has its diagonal key at p(i) = i + diag
 * and sees key j iff (!causal or j <= p(i)) and (!window or j > p(i) - window); a row that
 * sees no key gets zeros (and lse = -inf). Its score of key j, in base 2, is
 * log2(e) * (softcap ? softcap * tanh(s / softcap) : s) + log2(e) * alibi[h] * (j - p(i)),
 * s = scale * q . k (softcap 0 and alibi NULL: off; one branch per row and key tile).
 * The kernel writes the normalised output to o and, when lse is not NULL,
 * log2(sum_j 2^(s_ij)) + max in base 2 per row (lse[h * lse_hs + i]), for split-KV merges. */
typedef struct mha__task {
  const float *q;
  const void *k, *v;
  float *o;
  float *lse;
  ptrdiff_t q_rs, q_hs; /* query row stride, head stride */
  ptrdiff_t k_rs, v_rs; /* key and value row strides, in bytes */
  ptrdiff_t o_rs, o_hs; /* output row stride, head stride */
  ptrdiff_t lse_hs;     /* lse head stride; rows are contiguous */
  int nq, nk, d, heads; /* heads is a multiple of the kernel's g */
  int causal;
  long diag;
  float scale; /* already resolved: never 0 here */
  float *ws;   /* workspace of mha__kernel.ws_floats(d) floats, 64-byte aligned */
  float softcap;       /* > 0: cap the scores (above); 0: off */
  const float *alibi;  /* NULL, or the slopes of the task's heads: alibi[0 .. heads-1] */
  long window;         /* > 0 (causal only): keys before p(i) - window + 1 are masked */
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
  int kv_type;                /* MHA__KV_*: the type of the K and V it reads */
  int q_type;                 /* MHA__KV_F32 (any Q: the runtime widens F16 and BF16 to fp32
                                 first) or MHA__KV_BF16 (reads bf16 Q itself, for bf16 Q only) */
  unsigned needs;             /* CPU features (MHA__CPU_* of mha_internal.h) past its isa's */
} mha__kernel;

/* ---- GEMM kernels (templates/gemm_*.lua), for the layer's projections ----
 * C[m][n] = A[m][k] . B[k][n] (+ bias[n]), B the weights W^T of an nn.Linear, packed once by
 * the runtime (mha__gemm_pack, mha_gemm.c): panels of nw = nr * lanes columns; panel p holds
 * B[0 .. k-1][p*nw .. p*nw + nw-1], row kk at kk * nw (so a depth block kk0 .. kk0+kc-1 is
 * contiguous), columns past the matrix's last zero. A is read in place (rows at lda floats);
 * the kernel copies what it reuses of it into ws. One task is one block of C the runtime
 * hands a worker; the kernel runs the depth blocks (kc) and the micro-tiles inside it. */
typedef struct mha__gemm_task {
  int m, n, k;          /* the block's rows, columns (any: the kernel does the tails) and depth */
  const float *a;       /* the block's first row of A */
  ptrdiff_t lda;
  const void *bp;       /* the panel holding the block's first column (n0 a multiple of nw) */
  float *c;             /* the block's first element of C */
  ptrdiff_t ldc;
  const float *bias;    /* NULL, or the block's [n] biases */
  float *ws;            /* ws_floats floats, 64-byte aligned */
} mha__gemm_task;

typedef void (*mha__gemm_fn)(const mha__gemm_task *t);

typedef struct mha__gemm_kernel {
  const char *name;     /* gemm_f32_avx512_r14x2_kc384_mc112_nc512 */
  int isa;              /* MHA__ISA_* */
  int mr, nr;           /* micro-tile: mr rows x nr vectors */
  int lanes;            /* floats per vector; nw = nr * lanes */
  int kc, mc, nc;       /* cache blocking: depth per pass; rows and columns of a task's block */
  mha__gemm_fn fn;
  size_t ws_floats;     /* workspace a call needs, in floats */
  int w_type;           /* MHA__KV_F32: packed weights are fp32 (the type of the panels) */
  unsigned needs;       /* CPU features past its isa's (MHA__CPU_*) */
} mha__gemm_kernel;

#endif /* MHA_KERNEL_H */
