/* mha_gemm.c: the projections' GEMM runtime (mha_gemm.h): weights packed once into a kernel's
 * panels, and a call cut into blocks of C that the workers of a team take from one counter.
 * The kernels (templates/gemm_f32.*) do the depth blocking and the micro-tiles inside a block;
 * this file decides the blocks, places them (mha__gemm_out) and runs them. */
#include <math.h>
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

void mha__gemm_ws_free(mha__gemm_ws *ws) {
  if (!ws) return;
  free(ws->p);
  ws->p = NULL, ws->bytes = 0;
}

/* floats * count floats, 64-byte aligned, from ws when it has them (grown when not), else
 * fresh; NULL when memory is short. */
static float *take(mha__gemm_ws *ws, size_t floats, size_t count) {
  if (!ws) return alloc64(floats, count);
  size_t bytes;
  if (__builtin_mul_overflow(floats, count * sizeof(float), &bytes)) return NULL;
  if (ws->bytes < bytes) {
    float *p = alloc64(floats, count);
    if (!p) return NULL;
    free(ws->p);
    ws->p = p, ws->bytes = bytes;
  }
  return ws->p;
}

void mha__gemm_w_free(mha__gemm_w *w) {
  if (!w) return;
  free(w->panels);
  free(w->bias);
  memset(w, 0, sizeof *w);
}

/* A block's rows [r0, r1), and its columns: the kernel computes [a0, e) (a0 on a panel's
 * start), of which [s, e) is delivered, one column group (width u) at a time. The kernel writes
 * into the worker's staging when a0 < s (a group that does not start on a panel) or when the
 * block holds several groups that a place callback puts apart. */
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
  int nrows, ncols, unit;         /* unit: the column group a place/finish call gets (u) */
  float *mem;                     /* per worker: kernel ws, staging, the caller's scratch */
  size_t stride, ws_f, stage_f;
  atomic_int next;
} job;

static int ceil_div(int a, int b) { return (a + b - 1) / b; }

/* Row pieces: each row group cut evenly into pieces of at most rmax rows, rounded to mr. */
static int cut_rows(int m, int group, int rmax, int mr, rows_ *out, int *maxr) {
  int c = 0;
  if (maxr) *maxr = 0;
  for (int g0 = 0; g0 < m; g0 += group) {
    const int len = m - g0 < group ? m - g0 : group, pieces = ceil_div(len, rmax);
    int size = ceil_div(len, pieces);
    size = ceil_div(size, mr) * mr;
    if (size > rmax) size = rmax;
    if (maxr && (size < len ? size : len) > *maxr) *maxr = size < len ? size : len;
    for (int r = g0; r < g0 + len; r += size, c++)
      if (out) out[c] = (rows_){r, r + size < g0 + len ? r + size : g0 + len};
  }
  return c;
}

/* Column pieces: the n columns as ceil(n / u) units of u (a column group, or a panel when
 * there is none), dealt evenly into `pieces` runs of whole units; each computed from the panel
 * holding its first column. */
static void cut_cols(int n, int u, int nw, int pieces, cols_ *out) {
  const int units = ceil_div(n, u);
  for (int i = 0; i < pieces; i++) {
    const int s = (int)((long)units * i / pieces) * u, e0 = (int)((long)units * (i + 1) / pieces) * u;
    out[i] = (cols_){s / nw * nw, s, e0 < n ? e0 : n};
  }
}

/* The blocking model: a block of mb x cb costs its FMAs (2 mb cb k), packing its A (each of
 * mb x k elements copied k-major, a scalar transpose, COST_PACK_A flops' time each) and
 * streaming its B (cb x k elements, COST_READ_B each: the weights of a projection come from
 * memory, a few GB/s per core against 200 GFLOP/s). Workers take blocks from a counter, so
 * a call ends after ceil(blocks / workers) blocks, plus part of one (COST_TAIL) for the worker
 * a noisy neighbour slowed. The cutting that costs least is taken: wide blocks where A is
 * large (each column piece packs A again), narrow ones where B is the traffic (decoding).
 * Fitted on Zen 5, 2 threads (same run, cuttings forced): 1024 x 768 x 768 ran 378 GFLOP/s in
 * 2 blocks, 297 in 3 and 355 in 6; 1024 x 4096 x 4096 369 in 4, 347 in 8, 326 in 64. */
enum { COST_PACK_A = 64, COST_READ_B = 48 };
static const double COST_TAIL = 0.05;
/* Floats a worker may stage (a block of several groups before place puts them apart). */
enum { STAGE_MAX = 1 << 21 };

typedef struct cutting {
  int rmax, pieces, nrows, maxr, maxc;
} cutting;

/* The model's time (in flops) of m x n x k cut into nrows x pieces blocks, the largest
 * maxr x maxc, on nt workers. */
static double cost_of(int m, int n, int k, int nrows, int maxr, int pieces, int maxc, int nt) {
  const double blocks = (double)nrows * pieces;
  const double all = (double)k * (2.0 * m * n + COST_PACK_A * (double)m * pieces + COST_READ_B * (double)n * nrows);
  const double big = (double)k * (2.0 * maxr * maxc + COST_PACK_A * (double)maxr + COST_READ_B * (double)maxc);
  return ceil(blocks / nt) * (all / blocks) + (nt > 1 ? COST_TAIL * big : 0.0);
}

/* The cheapest cutting of m x n: row pieces of at most mc, mc/2, ... rows (never across a
 * row group), column pieces of whole units of u columns (never cutting a column group), at
 * most max(nc, u) columns wide (nc is the kernel's column blocking), staged ones small enough
 * to stage. */
static cutting choose(const mha__gemm_kernel *k, int m, int n, int kd, int rg, int u, int staging, int nt) {
  const int nw = k->nr * k->lanes, units = ceil_div(n, u), cap = k->nc > u ? k->nc : u;
  cutting best = {0, 0, 0, 0, 0};
  double best_cost = 0;
  for (int rmax = k->mc;; rmax = (rmax / 2 + k->mr - 1) / k->mr * k->mr) {
    int maxr;
    const int nrows = cut_rows(m, rg, rmax, k->mr, NULL, &maxr);
    for (int pieces = 1;; pieces = pieces * 2 < units ? pieces * 2 : units) {
      const int per = ceil_div(units, pieces);
      const int maxc = (per * u < n ? per * u : n) + (u % nw ? nw : 0);
      const int staged = u % nw || (staging && per > 1);
      if ((per == 1 || (per * u <= cap && (!staged || (size_t)maxr * maxc <= STAGE_MAX))) &&
          (long)nrows * pieces <= INT32_MAX / 2) {
        const double c = cost_of(m, n, kd, nrows, maxr, pieces, maxc, nt);
        if (!best.rmax || c < best_cost) best = (cutting){rmax, pieces, nrows, maxr, maxc}, best_cost = c;
      }
      if (pieces >= units) break;
    }
    if (rmax <= k->mr) break;
  }
  return best;
}

static void work_block(job *j, int b, int wk);

static void work(void *arg, int wk) {
  job *j = arg;
  const int count = j->nrows * j->ncols;
  for (int b; (b = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) < count;) work_block(j, b, wk);
}

/* Delivers the block's columns [s, e) of rows m0 .. m0+mb-1, computed at src (column a0 at
 * src[0], rows ldsrc apart), one column group at a time: placed, copied, finished. */
static void deliver(job *j, const cols_ *c, int m0, int mb, float *src, ptrdiff_t ldsrc, float *scratch) {
  const mha__gemm_out *o = j->out;
  for (int g = c->s; g < c->e; g += j->unit) {
    const int ge = g + j->unit < c->e ? g + j->unit : c->e;
    float *from = src + (g - c->a0);
    ptrdiff_t ldc = ldsrc;
    float *dst = o->place ? o->place(o->arg, m0, g, &ldc, scratch) : o->c + (ptrdiff_t)m0 * o->ldc + g;
    if (!o->place) ldc = o->ldc;
    if (dst == scratch) { /* the caller moves it in finish: it may read it where it lies */
      dst = from;
      ldc = ldsrc;
    } else {
      for (int i = 0; i < mb; i++) memcpy(dst + i * ldc, from + i * ldsrc, (size_t)(ge - g) * sizeof(float));
    }
    if (o->finish) o->finish(o->arg, m0, mb, g, ge - g, dst, ldc);
  }
}

static void work_block(job *j, int b, int wk) {
  const mha__gemm_w *w = j->w;
  const mha__gemm_kernel *k = w->k;
  const mha__gemm_out *o = j->out;
  const rows_ r = j->rows[b % j->nrows];
  const cols_ c = j->cols[b / j->nrows];
  const int nw = k->nr * k->lanes, m0 = r.r0, mb = r.r1 - r.r0;
  float *ws = j->mem + (size_t)wk * j->stride, *stage = ws + j->ws_f, *scratch = stage + j->stage_f;
  mha__gemm_task t = {mb, c.e - c.a0, w->kdim, j->a + (ptrdiff_t)m0 * j->lda, j->lda,
                      (const float *)w->panels + (size_t)(c.a0 / nw) * w->kdim * nw, NULL, 0,
                      w->bias ? w->bias + c.a0 : NULL, ws};
  const int staged = c.a0 < c.s || (o->place && c.e - c.s > j->unit);
  if (staged) {
    t.c = stage, t.ldc = t.n;
    k->fn(&t);
    deliver(j, &c, m0, mb, stage, t.ldc, scratch);
    return;
  }
  /* One group, or plain C: the kernel writes where it goes. */
  ptrdiff_t ldc = o->ldc;
  t.c = o->place ? o->place(o->arg, m0, c.s, &ldc, scratch) : o->c + (ptrdiff_t)m0 * o->ldc + c.s;
  t.ldc = ldc;
  k->fn(&t);
  if (o->finish) o->finish(o->arg, m0, mb, c.s, c.e - c.s, t.c, ldc);
}

int mha__gemm_run(struct mha_context *ctx, int threads, const mha__gemm_w *w, int m, const float *a,
                  ptrdiff_t lda, const mha__gemm_out *out) {
  if (!w || !w->k || !w->panels || !a || !out || (!out->place && !out->c)) return MHA_ENULL;
  if (m < 0 || out->row_group < 0 || out->col_group < 0) return MHA_EOVERFLOW;
  if (lda < w->kdim || (!out->place && out->ldc < w->n)) return MHA_ESTRIDE;
  if (threads < 0) return MHA_ETHREADS;
  if (m == 0) return MHA_OK;
  const mha__gemm_kernel *k = w->k;
  const int nw = k->nr * k->lanes, n = w->n, kd = w->kdim;
  const int rg = out->row_group ? out->row_group : m, u = out->col_group ? out->col_group : nw;
  int nt = mha__threads_for(threads, ctx);
  if (nt < 1) nt = 1;
  const cutting best = choose(k, m, n, kd, rg, u, out->place != NULL, nt);
  const int nr = best.nrows, nc = best.pieces;
  if (nt > nr * nc) nt = nr * nc;
  cols_ *cols = malloc((size_t)nc * sizeof *cols);
  rows_ *rows = malloc((size_t)nr * sizeof *rows);
  int staged = 0;
  if (cols) {
    cut_cols(n, u, nw, nc, cols);
    for (int i = 0; i < nc; i++) staged |= cols[i].a0 < cols[i].s || (out->place && cols[i].e - cols[i].s > u);
  }
  if (rows) cut_rows(m, rg, best.rmax, k->mr, rows, NULL);
  job j = {w, a, lda, out, rows, cols, nr, nc, u, NULL, 0, up16(k->ws_floats),
           staged ? up16((size_t)best.maxr * best.maxc) : 0, 0};
  j.stride = j.ws_f + j.stage_f + up16(out->scratch_floats);
  if (rows && cols) j.mem = take(out->ws, j.stride, (size_t)nt);
  if (!j.mem) {
    free(rows);
    free(cols);
    return MHA_ENOMEM;
  }
  mha__parallel(ctx, nt, work, &j);
  if (!out->ws) free(j.mem);
  free(rows);
  free(cols);
  return MHA_OK;
}
