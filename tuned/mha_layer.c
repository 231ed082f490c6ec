/* mha_layer.c: the multi-head attention layer (mha.h's 0.2 block). Weights are packed once
 * for the projections' GEMM (mha_gemm.c). A forward is one GEMM for Q, K and V whose
 * epilogue puts each block where attention reads it (bias in the GEMM; RoPE, the cache's
 * type and layout in the block's finish), then attention (mha_attention) over the cache or
 * the fresh K/V, then the output projection reading attention's output in place. No pass
 * moves or transposes a tensor between them. The top of the runtime beside mha.c. */
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mha_gemm.h"
#include "mha_half.h"
#include "mha_internal.h"

/* The rows a layer's packed kernel is picked for: a prefill's. A call with fewer rows may
 * run another kernel of the same panel width over the same panels (mha__gemm_pick's nw). */
enum { PACK_M = 1024 };

struct mha_layer {
  int E, Hq, Hkv, dh, kvd; /* resolved: heads_kv, head_dim and kv_dim never 0 here */
  int causal, threads, rope, kv_type;
  /* kv_dim == E: `in` holds Wq, Wk, Wv stacked, one GEMM for the three; otherwise `in` is
   * Wq alone and `kv` Wk, Wv stacked (a second GEMM, over kv_in). */
  mha__gemm_w in, kv, out;
  double *inv_freq; /* rope: [dh/2], rope_theta^(-2i/dh) */
  /* Memory a forward keeps for the next (Q, attention's output, K and V, the RoPE angles;
   * the GEMMs' workspace), held by one call at a time: `busy` taken. */
  atomic_flag busy;
  float *buf;
  size_t buf_floats;
  mha__gemm_ws gws;
};

/* Bytes of a cache row of d elements (d a multiple of 32 for Q8_0). */
static size_t row_bytes(int type, int d) {
  return type == MHA_F32 ? (size_t)d * 4 : type == MHA_Q8_0 ? (size_t)d / 32 * 34 : (size_t)d * 2;
}

/* a * b * c elements of `size` bytes fit a ptrdiff_t. */
static int fits(size_t a, size_t b, size_t c, size_t size) {
  size_t n;
  return !__builtin_mul_overflow(a, b, &n) && !__builtin_mul_overflow(n, c, &n) &&
         !__builtin_mul_overflow(n, size, &n) && n <= PTRDIFF_MAX;
}

/* The descriptor's checks, in the order of mha.h's codes; *r gets it resolved. */
static int check_desc(const mha_layer_desc *d, mha_layer_desc *r) {
  *r = *d;
  if (d->embed_dim < 1 || d->kv_dim < 0) return MHA_EEMBED;
  if (d->heads_q < 1 || d->heads_kv < 0) return MHA_EHEADS;
  if (!r->heads_kv) r->heads_kv = d->heads_q;
  if (d->heads_q % r->heads_kv) return MHA_EGROUP;
  if (d->head_dim < 0) return MHA_EHEADDIM;
  if (!d->head_dim) {
    if (d->embed_dim % d->heads_q) return MHA_EEMBED;
    r->head_dim = d->embed_dim / d->heads_q;
  }
  if (!r->kv_dim) r->kv_dim = d->embed_dim;
  if (d->bias != 0 && d->bias != 1) return MHA_EBIAS;
  if (d->causal != 0 && d->causal != 1) return MHA_ECAUSAL;
  if (d->threads < 0) return MHA_ETHREADS;
  if (d->rope != 0 && d->rope != 1) return MHA_EROPE;
  if (d->rope && (r->head_dim % 2 || !isfinite(d->rope_theta) || d->rope_theta < 0.0f))
    return MHA_EROPE;
  if (d->rope && d->rope_theta == 0.0f) r->rope_theta = 10000.0f;
  if (d->weight_type == MHA_BF16) return MHA_EUNSUPPORTED; /* no bf16 GEMM kernels yet */
  if (d->weight_type != MHA_F32 || d->kv_type < MHA_F32 || d->kv_type > MHA_Q8_0) return MHA_ETYPE;
  if (d->kv_type == MHA_Q8_0 && r->head_dim % 32) return MHA_EQ8DIM;
  const size_t rows = (size_t)d->heads_q + 2 * (size_t)r->heads_kv, hd = (size_t)r->head_dim;
  const size_t wide = (size_t)(d->embed_dim > r->kv_dim ? d->embed_dim : r->kv_dim);
  if (!fits(rows, hd, wide, sizeof(float)) || !fits(d->embed_dim, d->heads_q, hd, sizeof(float)))
    return MHA_EOVERFLOW;
  return MHA_OK;
}

static int pack(const float *w, ptrdiff_t ldw, int n, int kdim, const float *bias, mha__gemm_w *out) {
  const mha__gemm_kernel *k = mha__gemm_pick(PACK_M, n, kdim, 0);
  return k ? mha__gemm_pack(k, w, ldw, n, kdim, bias, out) : MHA_EKERNEL;
}

MHA_EXTERN void mha_layer_destroy(struct mha_layer *L) {
  if (!L) return;
  mha__gemm_w_free(&L->in);
  mha__gemm_w_free(&L->kv);
  mha__gemm_w_free(&L->out);
  free(L->inv_freq);
  free(L->buf);
  mha__gemm_ws_free(&L->gws);
  free(L);
}

MHA_EXTERN int mha_layer_create(const mha_layer_desc *d, const float *in_w, const float *in_b,
                                const float *out_w, const float *out_b, struct mha_layer **out) {
  if (!out) return MHA_ENULL;
  *out = NULL;
  if (!d || !in_w || !out_w) return MHA_ENULL;
  mha_layer_desc r;
  int err = check_desc(d, &r);
  if (err) return err;
  if (r.bias && (!in_b || !out_b)) return MHA_ENULL;
  if (!r.bias) in_b = out_b = NULL;
  struct mha_layer *L = calloc(1, sizeof *L);
  if (!L) return MHA_ENOMEM;
  atomic_flag_clear(&L->busy);
  L->E = r.embed_dim, L->Hq = r.heads_q, L->Hkv = r.heads_kv, L->dh = r.head_dim, L->kvd = r.kv_dim;
  L->causal = r.causal, L->threads = r.threads, L->rope = r.rope, L->kv_type = r.kv_type;
  const int nq = L->Hq * L->dh, nkv = 2 * L->Hkv * L->dh;
  if (L->kvd == L->E)
    err = pack(in_w, L->E, nq + nkv, L->E, in_b, &L->in);
  else if (!(err = pack(in_w, L->E, nq, L->E, in_b, &L->in)))
    err = pack(in_w + (size_t)nq * L->E, L->kvd, nkv, L->kvd, in_b ? in_b + nq : NULL, &L->kv);
  if (!err) err = pack(out_w, nq, L->E, nq, out_b, &L->out);
  if (!err && L->rope) {
    if (!(L->inv_freq = malloc((size_t)L->dh / 2 * sizeof(double)))) err = MHA_ENOMEM;
    for (int i = 0; !err && i < L->dh / 2; i++)
      L->inv_freq[i] = pow((double)r.rope_theta, -2.0 * i / L->dh);
  }
  if (err) {
    mha_layer_destroy(L);
    return err;
  }
  *out = L;
  return MHA_OK;
}

/* ---- The QKV GEMM's epilogue: where each block of one head goes, and what is done there ----
 * A GEMM's column c + col0 is a column of the stacked projection: Q heads, then K heads, then
 * V heads, head_dim each. Its rows are `rows` per sequence. */
typedef struct dest {
  const struct mha_layer *L;
  int rows, col0;
  int grouped;             /* blocks lie in one sequence (row_group = rows) */
  int skip_q;              /* Q's columns are computed but not wanted (scratch, then dropped) */
  float *q;                /* [B][Nq][Hq][dh] */
  float *k, *v;            /* without a cache: [B][Nk][Hkv][dh] */
  const mha_kv_cache *cache;
  size_t rowb;             /* a cache row's bytes */
  const float *cs;         /* rope: [rows][dh/2] pairs (cos, sin) of positions pos0 + s */
  atomic_int bad;          /* a block that was not one whole head where one is needed */
  mha__gemm_ws *ws;        /* the GEMMs' kept memory, or NULL */
} dest;

enum { ROLE_Q, ROLE_K, ROLE_V };

static int role(const dest *o, int c, int *head) {
  const struct mha_layer *L = o->L;
  const int h = c / L->dh;
  if (h < L->Hq) return *head = h, ROLE_Q;
  if (h < L->Hq + L->Hkv) return *head = h - L->Hq, ROLE_K;
  return *head = h - L->Hq - L->Hkv, ROLE_V;
}

/* The cache's row for sequence b, KV head h, new row s (the one at len + s). */
static char *cache_row(const dest *o, void *base, int b, int h, int s) {
  const struct mha_layer *L = o->L;
  const size_t at = ((size_t)b * L->Hkv + (size_t)h) * (size_t)o->cache->capacity +
                    (size_t)o->cache->len + (size_t)s;
  return (char *)base + at * o->rowb;
}

static float *place(void *arg, int m0, int n0, ptrdiff_t *ldc, float *scratch) {
  const dest *o = arg;
  const struct mha_layer *L = o->L;
  int h;
  const int c = n0 + o->col0, j = c % L->dh, b = m0 / o->rows, s = m0 % o->rows;
  const int r = role(o, c, &h);
  if (r == ROLE_Q) {
    if (o->skip_q) return *ldc = L->dh, scratch;
    *ldc = (ptrdiff_t)L->Hq * L->dh;
    return o->q + (((size_t)b * o->rows + s) * L->Hq + h) * L->dh + j;
  }
  if (!o->cache) {
    *ldc = (ptrdiff_t)L->Hkv * L->dh;
    return (r == ROLE_K ? o->k : o->v) + (((size_t)b * o->rows + s) * L->Hkv + h) * L->dh + j;
  }
  /* A block that may span sequences, or a cache of another type: finish moves it. */
  if (!o->grouped || L->kv_type != MHA_F32) return *ldc = L->dh, scratch;
  *ldc = L->dh;
  return (float *)cache_row(o, r == ROLE_K ? o->cache->k : o->cache->v, b, h, s) + j;
}

/* Rotate-half RoPE of m rows of one head (x[i], x[i + d/2] pairs), GEMM rows m0 .. m0+m-1. */
static void rope_rows(const dest *o, float *c, ptrdiff_t ldc, int m0, int m) {
  const int half = o->L->dh / 2;
  for (int r = 0; r < m; r++) {
    float *x = c + r * ldc;
    const float *cs = o->cs + (size_t)((m0 + r) % o->rows) * half * 2;
    for (int i = 0; i < half; i++) {
      const float a = x[i], b = x[i + half], co = cs[2 * i], si = cs[2 * i + 1];
      x[i] = a * co - b * si;
      x[i + half] = b * co + a * si;
    }
  }
}

/* x[0 .. d-1] as a Q8_0 row (d a multiple of 32): per block of 32, scale max|x| / 127 kept in
 * fp16 and q = x / scale rounded to nearest, as ggml quantises a cache. */
static void put_q8_0(const float *x, int d, unsigned char *row) {
  for (int blk = 0; blk < d / 32; blk++, x += 32, row += 34) {
    float amax = 0.0f;
    for (int i = 0; i < 32; i++) amax = fmaxf(amax, fabsf(x[i]));
    const float sc = amax / 127.0f, inv = sc != 0.0f ? 1.0f / sc : 0.0f;
    const uint16_t h = mha__f32_f16(sc);
    memcpy(row, &h, 2);
    for (int i = 0; i < 32; i++) row[2 + i] = (unsigned char)(int8_t)lrintf(x[i] * inv);
  }
}

static void put_row(int type, const float *x, int n, void *row) {
  uint16_t *h = row;
  switch (type) {
  case MHA_F16:
    for (int i = 0; i < n; i++) h[i] = mha__f32_f16(x[i]);
    break;
  case MHA_BF16:
    for (int i = 0; i < n; i++) h[i] = mha__f32_bf16(x[i]);
    break;
  default: put_q8_0(x, n, row);
  }
}

static void finish(void *arg, int m0, int m, int n0, int n, float *c, ptrdiff_t ldc) {
  dest *o = arg;
  const struct mha_layer *L = o->L;
  int h;
  const int col = n0 + o->col0, r = role(o, col, &h);
  const int whole = col % L->dh == 0 && n == L->dh;
  if (r == ROLE_Q && o->skip_q) return;
  if (r != ROLE_V && L->rope) {
    if (!whole) {
      atomic_store(&o->bad, 1);
      return;
    }
    rope_rows(o, c, ldc, m0, m);
  }
  if (r == ROLE_Q || !o->cache || (o->grouped && L->kv_type == MHA_F32)) return;
  if (L->kv_type == MHA_Q8_0 && !whole) {
    atomic_store(&o->bad, 1);
    return;
  }
  void *base = r == ROLE_K ? o->cache->k : o->cache->v;
  const int j = col % L->dh;
  for (int i = 0; i < m; i++) {
    char *row = cache_row(o, base, (m0 + i) / o->rows, h, (m0 + i) % o->rows);
    if (L->kv_type == MHA_F32)
      memcpy(row + (size_t)j * 4, c + i * ldc, (size_t)n * sizeof *c);
    else
      put_row(L->kv_type, c + i * ldc, n, L->kv_type == MHA_Q8_0 ? row : row + (size_t)j * 2);
  }
}

/* The kernel a call of m rows runs on w: the few-rows one for a decode step where one of the
 * panels' width exists, else the one w was packed for. */
static mha__gemm_w for_rows(const mha__gemm_w *w, int m) {
  mha__gemm_w r = *w;
  const mha__gemm_kernel *k = mha__gemm_pick(m, w->n, w->kdim, w->k->nr * w->k->lanes);
  if (k && k->w_type == w->k->w_type) r.k = k;
  return r;
}

enum { GROUP_ROWS = 16 };

static int qkv_gemm(dest *o, int threads, const mha__gemm_w *w, int m, const float *a, ptrdiff_t lda) {
  const mha__gemm_w run = for_rows(w, m);
  const int dh = o->L->dh;
  /* Blocks of one sequence, so that a prefill's K/V go straight into the cache; a decode
   * step's blocks take rows of every sequence, so the weights are read once, and finish
   * scatters its few rows into the cache. */
  o->grouped = o->rows >= GROUP_ROWS;
  const mha__gemm_out fused = {.row_group = o->grouped ? o->rows : 0, .col_group = dh,
                               .place = place, .finish = finish, .arg = o,
                               .scratch_floats = (size_t)run.k->mc * (size_t)dh, .ws = o->ws};
  const int err = mha__gemm_run(NULL, threads, &run, m, a, lda, &fused);
  /* mha_gemm.c never cuts a column group (test_gemm holds it to that): a block that is not
   * whole heads where RoPE or Q8_0 needs them would be its bug, refused, never a wrong answer
   * passed on silently. */
  return err ? err : atomic_load(&o->bad) ? MHA_EKERNEL : MHA_OK;
}

/* The forward's checks, before anything is written. */
static int check_call(const struct mha_layer *L, int B, int Nq, const float *x, int *Nk,
                      const float *kv_in, const mha_kv_cache *cache, const float *y) {
  if (!L || !x || !y) return MHA_ENULL;
  if (B < 1) return MHA_EBATCH;
  if (Nq < 1) return MHA_ESEQ;
  if (!kv_in) {
    if (L->kvd != L->E || (*Nk != 0 && *Nk != Nq)) return MHA_EKVIN;
    *Nk = Nq;
  } else if (*Nk < 1)
    return MHA_ESEQ;
  /* The GEMMs count rows in an int. */
  if ((long long)B * Nq > INT_MAX || (long long)B * *Nk > INT_MAX ||
      !fits(B, Nq, L->E > L->Hq * L->dh ? L->E : L->Hq * L->dh, sizeof(float)) ||
      !fits(B, *Nk, L->kvd, sizeof(float)) || !fits(B, *Nk, 2 * L->Hkv * L->dh, sizeof(float)))
    return MHA_EOVERFLOW;
  if (cache) {
    if (!cache->k || !cache->v) return MHA_ENULL;
    if (cache->len < 0 || cache->capacity < 1 || cache->len > cache->capacity - *Nk) return MHA_ECACHE;
    if (!fits(B, L->Hkv, cache->capacity, row_bytes(L->kv_type, L->dh))) return MHA_EOVERFLOW;
  }
  return MHA_OK;
}

/* cos and sin of positions pos0 .. pos0+n-1 at each frequency, in double then rounded, so a
 * position in the thousands keeps its angle exact to fp32. */
static void rope_table(const struct mha_layer *L, int pos0, int n, float *cs) {
  const int half = L->dh / 2;
  for (int s = 0; s < n; s++)
    for (int i = 0; i < half; i++) {
      const double a = (double)(pos0 + s) * L->inv_freq[i];
      cs[((size_t)s * half + i) * 2] = (float)cos(a);
      cs[((size_t)s * half + i) * 2 + 1] = (float)sin(a);
    }
}

MHA_EXTERN int mha_layer_forward(struct mha_layer *L, int B, int Nq, const float *x, int Nk,
                                 const float *kv_in, mha_kv_cache *cache, float *y) {
  int err = check_call(L, B, Nq, x, &Nk, kv_in, cache, y);
  if (err) return err;
  const int threads = mha__threads_for(L->threads, NULL), dh = L->dh;
  const size_t qn = (size_t)B * Nq * L->Hq * dh, kvn = cache ? 0 : (size_t)B * Nk * L->Hkv * dh;
  const int pos0 = cache ? cache->len : 0, rows = Nq > Nk ? Nq : Nk;
  /* Q, attention's output, K and V when there is no cache, the RoPE angles: the layer's
   * kept memory when no other call holds it (a layer that threads share gives the others
   * theirs per call), so that a forward after the first faults no fresh pages in. */
  const size_t qf = (qn + 15) / 16 * 16, kf = (kvn + 15) / 16 * 16;
  const size_t cf = L->rope ? (size_t)rows * dh : 0, all = 2 * qf + 2 * kf + cf;
  if (all > PTRDIFF_MAX / sizeof(float) || all < qf) return MHA_EOVERFLOW;
  const int own = !atomic_flag_test_and_set(&L->busy);
  float *mem = NULL;
  if (own && L->buf_floats >= all) {
    mem = L->buf;
  } else if ((mem = aligned_alloc(64, (all * sizeof(float) + 63) / 64 * 64)) && own) {
    free(L->buf);
    L->buf = mem, L->buf_floats = all;
  }
  float *q = mem, *o = mem ? mem + qf : NULL, *k = kvn && mem ? o + qf : NULL, *v = k ? k + kf : NULL;
  float *cs = L->rope && mem ? mem + 2 * qf + 2 * kf : NULL;
  if (!mem) {
    err = MHA_ENOMEM;
    goto done;
  }
  if (L->rope) rope_table(L, pos0, rows, cs);
  dest d = {.L = L, .rows = Nq, .q = q, .k = k, .v = v, .cache = cache,
            .rowb = row_bytes(L->kv_type, dh), .cs = cs, .ws = own ? &L->gws : NULL};
  if (!kv_in) {
    err = qkv_gemm(&d, threads, &L->in, B * Nq, x, L->E);
  } else {
    /* Q from x (Wq is the first Hq*dh columns of `in` either way), then K and V from kv_in:
     * over `kv`, or over the stacked `in` from the panel holding Wk's first column (when Wq
     * ends on a panel's edge) or from the start with Q's columns dropped. */
    mha__gemm_w wq = L->in, wkv = L->kv;
    wq.n = L->Hq * dh;
    d.col0 = L->Hq * dh;
    if (L->kvd == L->E) {
      /* A panel past the first starts 64-byte aligned, as kernels may load it, only when a
       * panel's bytes are a multiple of 64. */
      const int nw = L->in.k->nr * L->in.k->lanes;
      const size_t pbytes = (size_t)L->E * nw * sizeof(float);
      const int p0 = wq.n % nw || pbytes % 64 ? 0 : wq.n / nw;
      wkv = L->in;
      d.col0 = p0 * nw;
      wkv.n -= d.col0;
      wkv.panels = (char *)wkv.panels + (size_t)p0 * pbytes;
      if (wkv.bias) wkv.bias += d.col0;
      d.skip_q = 1;
    }
    dest dq = d;
    dq.col0 = 0, dq.skip_q = 0;
    err = qkv_gemm(&dq, threads, &wq, B * Nq, x, L->E);
    d.rows = Nk;
    if (!err) err = qkv_gemm(&d, threads, &wkv, B * Nk, kv_in, L->kvd);
  }
  if (err) goto done;
  const size_t rb = row_bytes(cache ? L->kv_type : MHA_F32, dh);
  mha_attention_desc ad = {.batch = B, .heads_q = L->Hq, .heads_kv = L->Hkv, .seq_q = Nq,
                           .seq_kv = pos0 + Nk, .head_dim = dh, .causal = L->causal,
                           .layout = MHA_LAYOUT_BSHD, .threads = L->threads,
                           .kv_type = cache ? L->kv_type : MHA_F32};
  if (cache) {
    const ptrdiff_t hs = (ptrdiff_t)(cache->capacity * rb);
    ad.k_strides = ad.v_strides = (mha_strides){hs * L->Hkv, hs, (ptrdiff_t)rb};
  }
  err = mha_attention(&ad, q, cache ? cache->k : k, cache ? cache->v : v, o);
  if (!err) {
    const mha__gemm_w run = for_rows(&L->out, B * Nq);
    const mha__gemm_out out = {.c = y, .ldc = L->E, .ws = d.ws};
    err = mha__gemm_run(NULL, threads, &run, B * Nq, o, (ptrdiff_t)L->Hq * dh, &out);
  }
done:
  if (own) atomic_flag_clear(&L->busy);
  else free(mem);
  return err;
}
