/* mha_gemm.c: the projections' GEMM runtime (mha_gemm.h): weights packed once into a kernel's
 * panels, and a call cut into blocks of C that the workers of a team take from one counter.
 * The kernels (templates/gemm_f32.*) do the depth blocking and the micro-tiles inside a block;
 * this file decides the blocks, places them (mha__gemm_out) and runs them. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mha_gemm.h"
#include "mha_team.h"

static size_t up16(size_t n) { return (n + 15) / 16 * 16; }

/* floats * count floats, 64-byte aligned; NULL on overflow or when memory is short. */
static float *alloc64(size_t floats, size_t count) {
  size_t bytes;
  if (__builtin_mul_overflow(floats, count, &bytes) || __builtin_mul_overflow(bytes, sizeof(float), &bytes) ||
      bytes > SIZE_MAX - 128)
    return NULL;
  return aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
}

int mha__gemm_pack(const mha__gemm_kernel *k, const float *w, ptrdiff_t ldw, int n, int kdim,
                   const float *bias, mha__gemm_w *out) {
  if (!out) return MHA_ENULL;
  memset(out, 0, sizeof *out);
  if (!k || !w) return MHA_ENULL;
  if (n < 1 || kdim < 1) return MHA_EOVERFLOW;
  if (ldw < kdim) return MHA_ESTRIDE;
  if (k->w_type != MHA__KV_F32) return MHA_EUNSUPPORTED;
  const size_t nw = (size_t)k->nr * (size_t)k->lanes, np = ((size_t)n + nw - 1) / nw;
  size_t floats;
  if (__builtin_mul_overflow(np * nw, (size_t)kdim, &floats)) return MHA_EOVERFLOW;
  float *p = alloc64(floats, 1), *b = NULL;
  if (!p) return MHA_ENOMEM;
  if (bias) {
    b = malloc((size_t)n * sizeof *b);
    if (!b) {
      free(p);
      return MHA_ENOMEM;
    }
    memcpy(b, bias, (size_t)n * sizeof *b);
  }
  /* Column by column, so W is read along its rows; a panel (kdim x nw) stays in L2 meanwhile. */
  for (size_t pi = 0; pi < np; pi++) {
    float *dst = p + pi * (size_t)kdim * nw;
    for (size_t j = 0; j < nw; j++) {
      const size_t col = pi * nw + j;
      if (col < (size_t)n) {
        const float *src = w + (ptrdiff_t)col * ldw;
        for (int kk = 0; kk < kdim; kk++) dst[(size_t)kk * nw + j] = src[kk];
      } else {
        for (int kk = 0; kk < kdim; kk++) dst[(size_t)kk * nw + j] = 0.0f;
      }
    }
  }
  *out = (mha__gemm_w){k, n, kdim, p, b};
  return MHA_OK;
}

void mha__gemm_w_free(mha__gemm_w *w) {
  if (!w) return;
  free(w->panels);
  free(w->bias);
  memset(w, 0, sizeof *w);
}

/* A block's rows [r0, r1), and its columns: the kernel computes [a0, e) (a0 on a panel's
 * start), of which [s, e) is delivered; a0 < s only when a column group does not start on a
 * panel, and then the kernel writes into the worker's staging first. */
typedef struct rows_ {
  int r0, r1;
} rows_;
typedef struct cols_ {
  int a0, s, e;
} cols_;

typedef struct job {
  const mha__gemm_w *w;
  const float *a;
  ptrdiff_t lda;
  const mha__gemm_out *out;
  const rows_ *rows;
  const cols_ *cols;
  int nrows, ncols;
  float *mem;                     /* per worker: kernel ws, staging, the caller's scratch */
  size_t stride, ws_f, stage_f;
  atomic_int next;
} job;

static int ceil_div(int a, int b) { return (a + b - 1) / b; }

/* Row pieces: each row group cut evenly into pieces of at most rmax rows, rounded to mr. */
static int cut_rows(int m, int group, int rmax, int mr, rows_ *out) {
  int c = 0;
  for (int g0 = 0; g0 < m; g0 += group) {
    const int len = m - g0 < group ? m - g0 : group, pieces = ceil_div(len, rmax);
    int size = ceil_div(len, pieces);
    size = ceil_div(size, mr) * mr;
    if (size > rmax) size = rmax;
    for (int r = g0; r < g0 + len; r += size, c++)
      if (out) out[c] = (rows_){r, r + size < g0 + len ? r + size : g0 + len};
  }
  return c;
}

/* Column pieces: each column group from the panel holding its first column, cut evenly into
 * chunks of at most cw columns (a multiple of nw), each a whole number of panels. */
static int cut_cols(int n, int group, int cw, int nw, cols_ *out) {
  int c = 0;
  for (int g0 = 0; g0 < n; g0 += group) {
    const int e = g0 + group < n ? g0 + group : n, a = g0 / nw * nw;
    const int size = ceil_div(ceil_div(e - a, ceil_div(e - a, cw)), nw) * nw;
    for (int a0 = a; a0 < e; a0 += size, c++)
      if (out) out[c] = (cols_){a0, a0 > g0 ? a0 : g0, a0 + size < e ? a0 + size : e};
  }
  return c;
}

static void run_block(job *j, int b, int wk) {
  const mha__gemm_w *w = j->w;
  const mha__gemm_kernel *k = w->k;
  const mha__gemm_out *o = j->out;
  const rows_ r = j->rows[b % j->nrows];
  const cols_ c = j->cols[b / j->nrows];
  const int nw = k->nr * k->lanes, m0 = r.r0, mb = r.r1 - r.r0;
  float *ws = j->mem + (size_t)wk * j->stride, *stage = ws + j->ws_f, *scratch = stage + j->stage_f;
  float *dst;
  ptrdiff_t ldc = o->ldc;
  if (o->place)
    dst = o->place(o->arg, m0, c.s, &ldc, scratch);
  else
    dst = o->c + (ptrdiff_t)m0 * o->ldc + c.s;
  mha__gemm_task t = {mb, c.e - c.a0, w->kdim, j->a + (ptrdiff_t)m0 * j->lda, j->lda,
                      (const float *)w->panels + (size_t)(c.a0 / nw) * w->kdim * nw, dst, ldc,
                      w->bias ? w->bias + c.a0 : NULL, ws};
  if (c.a0 < c.s) {
    t.c = stage, t.ldc = t.n;
    k->fn(&t);
    for (int i = 0; i < mb; i++)
      memcpy(dst + i * ldc, stage + (size_t)i * t.n + (c.s - c.a0), (size_t)(c.e - c.s) * sizeof(float));
  } else {
    k->fn(&t);
  }
  if (o->finish) o->finish(o->arg, m0, mb, c.s, c.e - c.s, dst, ldc);
}

static void work(void *arg, int wk) {
  job *j = arg;
  const int count = j->nrows * j->ncols;
  for (int b; (b = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) < count;) run_block(j, b, wk);
}

int mha__gemm_run(struct mha_context *ctx, int threads, const mha__gemm_w *w, int m, const float *a,
                  ptrdiff_t lda, const mha__gemm_out *out) {
  if (!w || !w->k || !w->panels || !a || !out || (!out->place && !out->c)) return MHA_ENULL;
  if (m < 0 || out->row_group < 0 || out->col_group < 0) return MHA_EOVERFLOW;
  if (lda < w->kdim || (!out->place && out->ldc < w->n)) return MHA_ESTRIDE;
  if (threads < 0) return MHA_ETHREADS;
  if (m == 0) return MHA_OK;
  const mha__gemm_kernel *k = w->k;
  const int nw = k->nr * k->lanes, n = w->n;
  const int rg = out->row_group ? out->row_group : m, cg = out->col_group ? out->col_group : n;
  int nt = mha__threads_for(threads, ctx);
  if (nt < 1) nt = 1;
  /* Enough blocks that the workers finish together (eight each, so that an odd one out costs
   * at most an eighth), cutting N first: at one row (decoding) the columns are all there is to
   * share, and narrower blocks cost the least. */
  /* A column group is never cut (a head's RoPE pairs, a Q8_0 block of the cache need all of
   * it): blocks are at least its widest panel-aligned span, even past nc. */
  int rmax = k->mc, cw = k->nc, cmin = nw;
  if (out->col_group)
    for (int g0 = 0; g0 < n; g0 += cg) {
      const int span = (g0 + cg < n ? g0 + cg : n) - g0 / nw * nw;
      if (span > cmin) cmin = span;
    }
  if (cw < cmin) cw = cmin;
  int nr = cut_rows(m, rg, rmax, k->mr, NULL), nc = cut_cols(n, cg, cw, nw, NULL);
  while (nt > 1 && (long)nr * nc < 8L * nt && cw > cmin) {
    cw = (cw / 2 + nw - 1) / nw * nw;
    if (cw < cmin) cw = cmin;
    nc = cut_cols(n, cg, cw, nw, NULL);
  }
  while (nt > 1 && (long)nr * nc < 2L * nt && rmax > k->mr) {
    rmax = (rmax / 2 + k->mr - 1) / k->mr * k->mr;
    nr = cut_rows(m, rg, rmax, k->mr, NULL);
  }
  if ((long)nr * nc > INT32_MAX) return MHA_EOVERFLOW;
  if (nt > nr * nc) nt = nr * nc;
  cols_ *cols = malloc((size_t)nc * sizeof *cols);
  rows_ *rows = malloc((size_t)nr * sizeof *rows);
  int staged = 0;
  if (cols) {
    cut_cols(n, cg, cw, nw, cols);
    for (int i = 0; i < nc; i++) staged |= cols[i].a0 < cols[i].s;
  }
  if (rows) cut_rows(m, rg, rmax, k->mr, rows);
  job j = {w, a, lda, out, rows, cols, nr, nc, NULL, 0, up16(k->ws_floats),
           staged ? up16((size_t)(rmax < m ? rmax : m) * cw) : 0, 0};
  j.stride = j.ws_f + j.stage_f + up16(out->scratch_floats);
  if (rows && cols) j.mem = alloc64(j.stride, (size_t)nt);
  if (!j.mem) {
    free(rows);
    free(cols);
    return MHA_ENOMEM;
  }
  mha__parallel(ctx, nt, work, &j);
  free(j.mem);
  free(rows);
  free(cols);
  return MHA_OK;
}
