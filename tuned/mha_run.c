/* mha_run.c: cut a call into kernel tasks (batch x KV head x query-head group x query
 * chunk x key split), run them on a team (mha_team.c), and merge split-KV partial results. */
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mha_half.h"
#include "mha_run.h"

enum {
  TASKS_PER_THREAD = 8, /* tasks per thread, so a list schedule ends near the mean */
  CANDIDATES = 6,       /* query chunk sizes the planner models before it settles */
  SPLIT_MIN_KEYS = 256, /* a key split is at least this long */
  STAGE_ROWS = 128,     /* query rows per kernel call when Q or O are staged (run_task) */
};

static long cdiv(long a, long b) { return (a + b - 1) / b; }
static long round_up(long a, long m) { return cdiv(a, m) * m; }

/* sum over i < n of clamp(i + c, 0, m): the keys rows 0 .. n-1 of a causal block see. */
static long long clamp_sum(long long n, long long c, long long m) {
  long long lo = c < 0 ? -c : 0, hi = m - c;
  if (hi < lo) hi = lo;
  lo = lo < n ? lo : n;
  hi = hi < n ? hi : n;
  return (hi - lo) * (lo + hi - 1 + 2 * c) / 2 + (n - hi) * m;
}

/* The keys of sequence b, and where its rows' diagonal lies: row i's is key i + offset. */
static long keys_of(const mha_attention_desc *d, int b) {
  return d->seq_kv_lens ? d->seq_kv_lens[b] : d->seq_kv;
}
static long offset_of(const mha_attention_desc *d, int b) {
  return d->causal_align == MHA_ALIGN_TOP_LEFT ? 0 : keys_of(d, b) - d->seq_q;
}

double mha__span_cost(const mha_attention_desc *desc, const mha__span *s) {
  if (s->nk <= 0) return 0.0;
  long long pairs = (long long)s->nq * s->nk;
  if (desc->causal) { /* local row i sees local key j iff i + c - 1 - window < j < i + c */
    const long long c = (long long)s->q0 + offset_of(desc, s->b) - s->k0 + 1;
    pairs = clamp_sum(s->nq, c, s->nk);
    if (desc->window) pairs -= clamp_sum(s->nq, c - desc->window, s->nk);
  }
  return (double)pairs * s->heads;
}

void mha__plan_task(const mha__plan *p, const mha_attention_desc *desc, long t, mha__span *s) {
  const int group = desc->heads_q / desc->heads_kv, subs = group / p->heads;
  const int sp = (int)(t % p->splits);
  const long rest = t / p->splits, u = rest % p->units;
  const int r = (int)(rest / p->units), qc = p->last_first ? p->nqchunks - 1 - r : r;
  s->b = (int)(u / subs / desc->heads_kv);
  s->kh = (int)(u / subs % desc->heads_kv);
  s->h0 = s->kh * group + (int)(u % subs) * p->heads;
  s->heads = p->heads;
  s->q0 = qc * p->qchunk;
  s->nq = desc->seq_q - s->q0 < p->qchunk ? desc->seq_q - s->q0 : p->qchunk;
  s->split = sp;
  /* The keys the block's rows can see: [lo, hi), cut in splits of kchunk. */
  long lo = 0, hi = keys_of(desc, s->b);
  if (desc->causal) {
    const long off = offset_of(desc, s->b), last = (long)s->q0 + s->nq + off;
    if (last < hi) hi = last;
    if (desc->window && (long)s->q0 + off - desc->window + 1 > lo) lo = (long)s->q0 + off - desc->window + 1;
  }
  const long k0 = lo + (long)sp * p->kchunk, n = hi - k0 < p->kchunk ? hi - k0 : p->kchunk;
  s->k0 = (int)(k0 < hi ? k0 : hi);
  s->nk = (int)(n > 0 ? n : 0);
}

/* Free times of the workers as a min-heap: each task goes to the root, which then sinks. */
static void sink(double *h, int n) {
  for (int i = 0, c; (c = 2 * i + 1) < n; i = c) {
    if (c + 1 < n && h[c + 1] < h[c]) c++;
    if (h[i] <= h[c]) break;
    const double x = h[i];
    h[i] = h[c], h[c] = x;
  }
}

double mha__plan_critical_path(const mha__plan *p, const mha_attention_desc *desc, int T,
                               double *total) {
  double h[MHA__MAX_THREADS] = {0}, sum = 0, end = 0;
  const int n = T < 1 ? 1 : T > MHA__MAX_THREADS ? MHA__MAX_THREADS : T;
  mha__span s;
  for (long t = 0; t < p->tasks; t++) {
    mha__plan_task(p, desc, t, &s);
    const double c = mha__span_cost(desc, &s);
    sum += c;
    h[0] += c;
    if (h[0] > end) end = h[0];
    sink(h, n);
  }
  if (total) *total = sum;
  return end;
}

static void plan_fill(mha__plan *p, int T, long qchunk, long nq, long splits, long kchunk) {
  p->qchunk = (int)qchunk;
  p->nqchunks = (int)cdiv(nq, qchunk);
  p->splits = (int)splits;
  p->kchunk = (int)kchunk;
  p->tasks = p->units * p->nqchunks * splits;
  p->threads = (int)(T < p->tasks ? T : p->tasks);
}

/* The query chunk: the largest multiple of qt that gives every thread TASKS_PER_THREAD tasks
 * (or every qt rows its own task, when the shape has fewer), then smaller ones while the
 * modeled schedule ends over 5% past the mean; the best of those modeled. */
static void plan_rows(const mha_attention_desc *desc, long qt, int T, mha__plan *p) {
  const long nq = desc->seq_q, want = cdiv((long)T * TASKS_PER_THREAD, p->units);
  long qchunk = want >= cdiv(nq, qt) ? qt : round_up(cdiv(nq, want), qt);
  if (qchunk >= nq) qchunk = nq;
  mha__plan best = *p;
  double best_r = INFINITY;
  for (int i = 0; i < CANDIDATES && qchunk >= 1; i++, qchunk -= qt) {
    plan_fill(p, T, qchunk, nq, 1, desc->seq_kv);
    double total, r = mha__plan_critical_path(p, desc, T, &total);
    r = total > 0 ? r / (total / T) : 1.0; /* no key to read anywhere (every length 0) */
    if (i == 0 || r < best_r) best = *p, best_r = r;
    if (r <= 1.05 || qchunk <= qt) break;
  }
  *p = best;
}

void mha__plan_for(const mha_attention_desc *desc, const mha__kernel *k, int T, mha__plan *p) {
  const long nq = desc->seq_q, nk = desc->seq_kv, qt = k->qt > 0 ? k->qt : 1;
  const long kt = k->kt > 0 ? k->kt : 1;
  if (T < 1) T = 1;
  if (T > MHA__MAX_THREADS) T = MHA__MAX_THREADS;
  p->heads = k->g;
  p->units = (long)desc->batch * desc->heads_kv * (desc->heads_q / desc->heads_kv / k->g);
  p->last_first = desc->causal;
  if (T == 1) {
    plan_fill(p, T, nq, nq, 1, nk);
    return;
  }
  plan_rows(desc, qt, T, p);
  /* Split-KV (decode): too few row tasks to feed the threads, but many keys. Each split
   * covers all heads of a unit, so a key chunk is read once for the whole group. With a
   * window, a row block sees at most window + rows - 1 keys: those are split. */
  long nkv = nk;
  if (desc->causal && desc->window && desc->window + p->qchunk - 1 < nkv) nkv = desc->window + p->qchunk - 1;
  if (p->tasks < 2L * T && nkv >= 2 * SPLIT_MIN_KEYS) {
    long kchunk = round_up(cdiv(nkv, cdiv(2L * T, p->tasks)), kt);
    if (kchunk < SPLIT_MIN_KEYS) kchunk = round_up(SPLIT_MIN_KEYS, kt);
    if (kchunk >= nkv) kchunk = nkv;
    plan_fill(p, T, p->qchunk, nq, cdiv(nkv, kchunk), kchunk);
  }
}

typedef struct job {
  const mha_attention_desc *desc;
  const mha__kernel *k;
  const mha__plan *p;
  const void *q;
  const void *kk, *v;
  void *o;
  float *part, *lse; /* split-KV: [splits][B][Hq][Nq][d] partial O and [splits][B][Hq][Nq] lse */
  float *rowlse;     /* NULL, or [B][Hq][Nq]: each row's lse (desc->lse, or ours for sinks) */
  mha_strides qs, ks, vs, os; /* bytes */
  float *ws;
  size_t ws_stride;
  size_t ws_kernel;  /* floats of ws the kernel uses; the staging below follows it */
  int sub;           /* query rows a kernel call takes when Q or O go through the staging */
  int wq;            /* Q is widened to fp32 task by task (the kernel reads fp32, Q is not) */
  atomic_long next;
} job;

#define LN2F 0.693147180559945309f

/* Q and O of a type the kernel does not read or write go through the worker's staging, sub
 * rows at a time: Q widened to fp32 before the kernel, O made in fp32 and narrowed after. */
static int widens_q(const job *j) { return j->wq; }
static int narrows_o(const job *j) { return j->desc->o_type != MHA_F32; }

static void widen_row(int type, const void *src, int d, float *dst) {
  const uint16_t *h = src;
  if (type == MHA_F16)
    for (int c = 0; c < d; c++) dst[c] = mha__f16_f32(h[c]);
  else if (type == MHA_BF16)
    for (int c = 0; c < d; c++) dst[c] = mha__bf16_f32(h[c]);
  else
    memcpy(dst, src, sizeof(float) * (size_t)d);
}

static void narrow_row(int type, const float *src, int d, void *dst) {
  uint16_t *h = dst;
  if (type == MHA_F16)
    for (int c = 0; c < d; c++) h[c] = mha__f32_f16(src[c]);
  else if (type == MHA_BF16)
    for (int c = 0; c < d; c++) h[c] = mha__f32_bf16(src[c]);
  else
    memcpy(dst, src, sizeof(float) * (size_t)d);
}

/* Row i of query head h of batch b in o (strides in bytes). */
static void *o_row(const job *j, int b, int h, int i) {
  return (unsigned char *)j->o + b * j->os.batch + h * j->os.head + i * j->os.seq;
}

/* A finished row (splits == 1: the kernel's own; else merged): its lse made natural and its
 * sink applied in fp32, then the row narrowed to o's type where o is not fp32. */
static void finish_row(const job *j, int b, int h, int i, float *row, float *lse) {
  const mha_attention_desc *desc = j->desc;
  if (lse) {
    float l = *lse;
    if (j->p->splits == 1) l *= LN2F; /* the kernels' lse is base 2 */
    if (desc->sinks) l = mha__sink_row(desc->head_dim, row, l, desc->sinks[h]);
    *lse = l;
  }
  if (narrows_o(j)) narrow_row(desc->o_type, row, desc->head_dim, o_row(j, b, h, i));
}

/* The kernel task of span sp without its rows: K and V, the fields, the workspace. */
static mha__task task_of(const job *j, const mha__span *sp, float *ws) {
  const mha_attention_desc *desc = j->desc;
  const unsigned char *const K = j->kk, *const V = j->v;
  mha__task k = {0};
  k.nk = sp->nk;
  k.d = desc->head_dim;
  k.heads = j->k->g;
  k.causal = desc->causal;
  k.scale = desc->scale != 0.0f ? desc->scale : 1.0f / sqrtf((float)desc->head_dim);
  k.ws = ws;
  k.softcap = desc->softcap;
  k.alibi = desc->alibi_slopes ? desc->alibi_slopes + sp->h0 : NULL;
  k.window = desc->window;
  k.k = K + sp->b * j->ks.batch + sp->kh * j->ks.head + sp->k0 * j->ks.seq;
  k.v = V + sp->b * j->vs.batch + sp->kh * j->vs.head + sp->k0 * j->vs.seq;
  k.k_rs = j->ks.seq;
  k.v_rs = j->vs.seq;
  return k;
}

/* Q of rows q0 .. q0+n-1 of the span's heads for the kernel: in place (strides in bytes,
 * multiples of its element: mha__validate), or widened into qbuf. */
static void task_q(const job *j, const mha__span *sp, int q0, int n, float *qbuf, mha__task *k) {
  const mha_attention_desc *desc = j->desc;
  const int d = desc->head_dim;
  const unsigned char *Q = (const unsigned char *)j->q + sp->b * j->qs.batch + sp->h0 * j->qs.head;
  if (widens_q(j)) {
    for (int h = 0; h < sp->heads; h++)
      for (int i = 0; i < n; i++)
        widen_row(desc->q_type, Q + h * j->qs.head + (q0 + i) * j->qs.seq, d, qbuf + ((size_t)h * n + i) * d);
    k->q = qbuf, k->q_rs = d, k->q_hs = (ptrdiff_t)n * d;
  } else {
    const ptrdiff_t el = j->k->q_type == MHA_BF16 ? 2 : (ptrdiff_t)sizeof(float); /* what it reads */
    k->q = (const float *)(const void *)(Q + q0 * j->qs.seq);
    k->q_rs = j->qs.seq / el, k->q_hs = j->qs.head / el;
  }
}

/* Where the kernel writes O and lse for rows q0 .. q0+n-1: split-KV's parts, o itself, or
 * obuf for an o of another type; returns the lse it writes (NULL: none). */
static float *task_o(const job *j, const mha__span *sp, int q0, int n, float *obuf, mha__task *k) {
  const mha_attention_desc *desc = j->desc;
  const int Hq = desc->heads_q, Nq = desc->seq_q, d = desc->head_dim;
  const ptrdiff_t rows = (ptrdiff_t)desc->batch * Hq * Nq, row = ((ptrdiff_t)sp->b * Hq + sp->h0) * Nq + q0;
  if (j->p->splits > 1) {
    k->o = j->part + (sp->split * rows + row) * d, k->o_rs = d, k->o_hs = (ptrdiff_t)Nq * d;
    k->lse = j->lse + sp->split * rows + row, k->lse_hs = Nq;
    return k->lse;
  }
  if (narrows_o(j)) {
    k->o = obuf, k->o_rs = d, k->o_hs = (ptrdiff_t)n * d;
  } else {
    k->o = o_row(j, sp->b, sp->h0, q0);
    k->o_rs = j->os.seq / (ptrdiff_t)sizeof(float), k->o_hs = j->os.head / (ptrdiff_t)sizeof(float);
  }
  if (!j->rowlse) return NULL;
  k->lse = j->rowlse + row, k->lse_hs = Nq; /* base 2 here; finish_row turns it natural */
  return k->lse;
}

/* Task t: the kernel over its span, sub rows at a time where Q or O go through the staging,
 * each row finished (lse, sink, o's type) where the call is not split. */
static void run_task(job *j, long t, float *ws) {
  const mha_attention_desc *desc = j->desc;
  const int g = j->k->g, Nq = desc->seq_q, d = desc->head_dim;
  mha__span sp;
  mha__plan_task(j->p, desc, t, &sp);
  const int split = j->p->splits > 1, no = narrows_o(j) && !split;
  if (split && sp.nk == 0) { /* no row sees a key of this split */
    const ptrdiff_t rows = (ptrdiff_t)desc->batch * desc->heads_q * Nq;
    const ptrdiff_t row0 = ((ptrdiff_t)sp.b * desc->heads_q + sp.h0) * Nq + sp.q0;
    for (int h = 0; h < g; h++)
      for (int i = 0; i < sp.nq; i++) j->lse[sp.split * rows + row0 + (ptrdiff_t)h * Nq + i] = -INFINITY;
    return;
  }
  mha__task k = task_of(j, &sp, ws);
  float *const qbuf = ws + j->ws_kernel, *const obuf = qbuf + (size_t)g * j->sub * d;
  const int sub = widens_q(j) || no ? j->sub : sp.nq;
  for (int r0 = 0; r0 < sp.nq; r0 += sub) {
    const int n = sp.nq - r0 < sub ? sp.nq - r0 : sub, q0 = sp.q0 + r0;
    k.nq = n;
    k.diag = (long)q0 + offset_of(desc, sp.b) - sp.k0; /* ALiBi reads it without causal too */
    task_q(j, &sp, q0, n, qbuf, &k);
    float *lse = task_o(j, &sp, q0, n, obuf, &k);
    j->k->fn(&k);
    if (!split && (lse || no))
      for (int h = 0; h < g; h++)
        for (int i = 0; i < n; i++)
          finish_row(j, sp.b, sp.h0 + h, q0 + i, k.o + h * k.o_hs + i * k.o_rs,
                     lse ? lse + (ptrdiff_t)h * Nq + i : NULL);
  }
}

/* Worker w of a job runs tasks with workspace ws + w * ws_stride until none is left. */
static void work(void *arg, int w) {
  job *j = arg;
  float *ws = j->ws + (size_t)w * j->ws_stride;
  for (long t; (t = atomic_fetch_add_explicit(&j->next, 1, memory_order_relaxed)) < j->p->tasks;)
    run_task(j, t, ws);
}

void mha__plan_make(const mha_attention_desc *desc, const mha__kernel *k, mha__plan *p) {
  mha__plan_for(desc, k, mha__threads_for(desc->threads, desc->ctx), p);
}

/* Split-KV: each row's partial results folded by mha_merge_f32's rule (the kernels' base-2
 * lse made natural first), into o or, where o is not fp32, into the first part's row; then
 * finished (its sink, its type). */
static void merge(const job *j) {
  const mha_attention_desc *desc = j->desc;
  const int Hq = desc->heads_q, Nq = desc->seq_q, d = desc->head_dim, S = j->p->splits;
  const ptrdiff_t rows = (ptrdiff_t)desc->batch * Hq * Nq;
  for (ptrdiff_t r = 0; r < rows; r++) {
    const int b = (int)(r / Nq / Hq), h = (int)(r / Nq % Hq), i = (int)(r % Nq);
    float *o = narrows_o(j) ? j->part + r * d : o_row(j, b, h, i);
    float l = -INFINITY;
    for (int s = 0; s < S; s++)
      l = mha__merge_row(d, o, l, j->part + (s * rows + r) * d, j->lse[s * rows + r] * LN2F, o);
    if (j->rowlse) j->rowlse[r] = l;
    finish_row(j, b, h, i, o, j->rowlse ? j->rowlse + r : NULL);
  }
}

static void *alloc64(size_t floats, size_t count, int *err) {
  size_t bytes;
  if (__builtin_mul_overflow(floats, count, &bytes) ||
      __builtin_mul_overflow(bytes, sizeof(float), &bytes) || bytes > SIZE_MAX - 64) {
    *err = MHA_ENOMEM;
    return NULL;
  }
  void *m = aligned_alloc(64, (bytes + 63) / 64 * 64 + 64);
  if (!m) *err = MHA_ENOMEM;
  return m;
}

int mha__execute(const mha_attention_desc *desc, const mha__kernel *k, const mha__plan *p,
                 const void *q, const void *k_, const void *v, void *o) {
  int err = MHA_OK;
  const size_t ws_kernel = (k->ws_floats(desc->head_dim) + 15) / 16 * 16;
  job j = {desc, k, p, q, k_, v, o, NULL, NULL, desc->lse, mha__strides(desc, MHA__Q),
           mha__strides(desc, MHA__K), mha__strides(desc, MHA__V), mha__strides(desc, MHA__O),
           NULL, ws_kernel, ws_kernel, 0, desc->q_type != k->q_type, 0};
  float *q32 = NULL;
  /* Split-KV reads each query row once per split: a Q read that often (and that small: few
   * rows) is widened once, whole, [B][Hq][Nq][d], and read in place. */
  if (j.wq && p->splits > 1) {
    const int Hq = desc->heads_q, Nq = desc->seq_q, d = desc->head_dim;
    q32 = alloc64((size_t)desc->batch * Hq * Nq * d, 1, &err);
    if (!q32) return err;
    for (int b = 0; b < desc->batch; b++)
      for (int h = 0; h < Hq; h++)
        for (int i = 0; i < Nq; i++)
          widen_row(desc->q_type, (const unsigned char *)q + b * j.qs.batch + h * j.qs.head + i * j.qs.seq, d,
                    q32 + (((size_t)b * Hq + h) * Nq + i) * d);
    const ptrdiff_t row = (ptrdiff_t)d * (ptrdiff_t)sizeof(float);
    j.q = q32, j.qs = (mha_strides){Hq * Nq * row, Nq * row, row}, j.wq = 0;
  }
  /* The staging for Q and O (run_task): g heads x sub rows x d each, sub a multiple of the
   * kernel's query tile near STAGE_ROWS, so that the kernel's tiles stay whole. */
  if (widens_q(&j) || narrows_o(&j)) {
    const long qt = k->qt > 0 ? k->qt : 1;
    j.sub = (int)round_up(STAGE_ROWS, qt);
    if (j.sub > p->qchunk) j.sub = p->qchunk;
    j.ws_stride += (2 * (size_t)k->g * j.sub * desc->head_dim + 15) / 16 * 16;
  }
  const size_t ws_stride = j.ws_stride;
  float *own_lse = NULL;

  if (desc->sinks && !desc->lse) { /* a sink needs each row's lse */
    own_lse = alloc64((size_t)desc->batch * desc->heads_q, (size_t)desc->seq_q, &err);
    if (!own_lse) goto out;
    j.rowlse = own_lse;
  }
  j.ws = alloc64(ws_stride ? ws_stride : 16, (size_t)p->threads, &err);
  if (!j.ws) goto out;
  if (p->splits > 1) {
    const size_t rows = (size_t)desc->batch * desc->heads_q * desc->seq_q;
    j.part = alloc64(rows * desc->head_dim, (size_t)p->splits, &err);
    if (!j.part) goto out_ws;
    j.lse = alloc64(rows, (size_t)p->splits, &err);
    if (!j.lse) goto out_part;
  }
  /* The calling thread is worker 0; a worker that will not start leaves its share to the
   * others. */
  mha__parallel(desc->ctx, p->threads, work, &j);
  if (p->splits > 1) merge(&j);

  free(j.lse);
out_part:
  free(j.part);
out_ws:
  free(j.ws);
out:
  free(own_lse);
  free(q32);
  return err;
}
