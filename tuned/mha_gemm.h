/* mha_gemm.h: the projections' GEMM (mha_gemm.c): weights packed once for a kernel, a call cut
 * into blocks of C run on a team (mha_team.h), and the choice of kernel. Beside mha_run.h, under
 * the layer (mha_layer.c); uses mha_team.h and mha_dispatch.h. Not installed for users. */
#ifndef MHA_GEMM_H
#define MHA_GEMM_H

#include <stddef.h>
#include "mha.h"
#include "mha_kernel.h"

/* Weights packed for one kernel (mha_kernel.h: panels of nw = k->nr * k->lanes columns). */
typedef struct mha__gemm_w {
  const mha__gemm_kernel *k;
  int n, kdim;   /* output features (C's columns), input features (the depth) */
  void *panels;  /* ceil(n / nw) panels of kdim x nw of k->w_type, 64-byte aligned */
  float *bias;   /* NULL, or a copy of the [n] biases */
} mha__gemm_w;

/* Packs w ([n][kdim], rows ldw floats apart: an nn.Linear's weight, or rows of a stacked one)
 * and bias (NULL or [n]) for kernel k. MHA_OK, or (out then holds nothing to free) MHA_ENOMEM;
 * for a caller's slip, MHA_ENULL (k, w, out), MHA_EOVERFLOW (n or kdim < 1, or too large),
 * MHA_ESTRIDE (ldw < kdim), MHA_EUNSUPPORTED (a w_type other than fp32). */
MHA__HIDDEN int mha__gemm_pack(const mha__gemm_kernel *k, const float *w, ptrdiff_t ldw, int n,
                               int kdim, const float *bias, mha__gemm_w *out);
MHA__HIDDEN void mha__gemm_w_free(mha__gemm_w *w);

/* Memory a caller keeps between calls for mha__gemm_run to reuse (workers' workspace and
 * staging), grown as a call needs: zero-initialised to start, one call at a time, freed with
 * mha__gemm_ws_free. Saves a call the page faults of fresh megabytes. */
typedef struct mha__gemm_ws {
  void *p;
  size_t bytes;
} mha__gemm_ws;
MHA__HIDDEN void mha__gemm_ws_free(mha__gemm_ws *ws);

/* Where each block of C goes, and what is done to it once written (the layer's epilogues:
 * RoPE, a cache's type, a cache's layout). Blocks never straddle a multiple of row_group
 * (0: no constraint), so a block lies in one sequence; a column group (col_group columns, 0:
 * none) is never cut, and place and finish see one group at a time: at most mc rows (the
 * layer sizes scratch_floats by them) of one whole head. A block of several groups is
 * computed into the worker's staging at once (A packed once for all of them) and then
 * delivered group by group. */
typedef struct mha__gemm_out {
  float *c;                 /* plain C, row i and column j at c[i * ldc + j], when place is NULL */
  ptrdiff_t ldc;
  int row_group, col_group;
  /* NULL, or where block (m0, n0) is written: its first element (*ldc set), which may be the
   * worker's scratch (scratch_floats floats, 64-byte aligned) for finish to move on. */
  float *(*place)(void *arg, int m0, int n0, ptrdiff_t *ldc, float *scratch);
  /* NULL, or called by the same worker once the block (m0 .. m0+m-1, n0 .. n0+n-1) is at c. */
  void (*finish)(void *arg, int m0, int m, int n0, int n, float *c, ptrdiff_t ldc);
  void *arg;
  size_t scratch_floats;
  mha__gemm_ws *ws;         /* NULL: memory per call */
} mha__gemm_out;

/* C = A W^T (+ bias): A is [m][w->kdim], rows lda floats apart, read in place; run on `threads`
 * workers of ctx (NULL: the library's pool; mha_team.h). MHA_OK, or MHA_ENOMEM with nothing
 * written (and, for a caller's slip, MHA_ENULL, MHA_ESTRIDE for lda < kdim or ldc < n,
 * MHA_ETHREADS, MHA_EOVERFLOW for m or a group < 0). m = 0 writes nothing. */
MHA__HIDDEN int mha__gemm_run(struct mha_context *ctx, int threads, const mha__gemm_w *w, int m,
                              const float *a, ptrdiff_t lda, const mha__gemm_out *out);

/* The kernel for C = A W^T with m rows, n columns and depth kdim on this CPU (MHA_CPU caps it):
 * a tuned entry of the CPU's table for the nearest shape, else the table's default for the ISA.
 * nw > 0: only kernels whose panels are nw columns wide (weights already packed); NULL when
 * none. MHA_GEMM_KERNEL=<name> forces one; MHA_DEBUG=1 says which and why. */
MHA__HIDDEN const mha__gemm_kernel *mha__gemm_pick(int m, int n, int kdim, int nw);

#endif /* MHA_GEMM_H */
