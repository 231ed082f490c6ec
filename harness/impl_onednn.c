/* impl_onednn.c: attention as a oneDNN user writes it: S = scale * Q K^T (a batched matmul,
 * the scale an output scale, the causal mask a binary-add post-op), softmax over the keys in
 * place, O = P V (another batched matmul). The primitives, S, the mask and the scratchpads are
 * made once in create().
 *
 * No copies: Q, K, V and O are viewed through strides as 5-D tensors [B][Hkv][G][M][d], so
 * either layout works, and a GQA group of g query heads sharing a KV head is either folded into
 * the matmul's rows (G = 1, M = g * Nq: K is read once per group, as a GQA kernel would) or,
 * where the rows do not fold, a batch dimension G = g against K and V broadcast over it.
 *
 * The causal mask: oneDNN 2.6 runs a matmul whose binary post-op broadcasts an [M][Nk] mask over
 * batch dimensions only in its reference implementation (ref:any, hundreds of times slower), and
 * a separate binary primitive would cost another pass over S. So where a mask is needed the
 * first matmul is a 2-D one, [M][d] x [d][Nk] with the full mask fused, run once per (batch, KV
 * head, G) slice; the optimised implementations take that. Decoding (one query row) sees every
 * key and needs no mask.
 *
 * bf16 (Q, K, V and O all bf16, as a bf16 model calls it): the same three primitives on bf16
 * tensors, the scores S in bf16 too (oneDNN 2.6's softmax takes one type for its source and its
 * destination, and the second matmul bf16 P), so its error is larger than ours: it states
 * BF16_TOL below. */
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dnnl.h>
#include <dnnl_debug.h>

#include "impl_internal.h"

enum { MM1, SOFTMAX, MM2, NPRIM };

typedef struct onednn {
  mha_attention_desc d;
  int nthr;
  int i0;      /* causal with Nq > Nk: the first i0 query rows of each head see no key */
  size_t qoff; /* elements from q (and o) to row i0 */
  /* The first matmul runs once per slice: slices = B * Hkv * G with a mask, else one. */
  long slices, G, Hkv;
  size_t sq_b, sq_kv, sq_g, sk_b, sk_kv, s_slice; /* a slice's offsets into q, k and S */
  dnnl_engine_t eng;
  dnnl_stream_t strm;
  dnnl_primitive_t prim[NPRIM];
  dnnl_memory_t q1, k1, s1;         /* the first matmul's views: all of it, or one slice */
  dnnl_memory_t v, o, s, mask, pad[NPRIM];
  size_t esz; /* bytes of an element of Q, K, V, O and S: 4 (f32) or 2 (bf16) */
  void *sbuf;
  float *mbuf;
  void *padbuf;
} onednn;

static void destroy(void *state) {
  onednn *x = state;
  if (!x) return;
  for (int i = 0; i < NPRIM; i++) {
    if (x->prim[i]) dnnl_primitive_destroy(x->prim[i]);
    if (x->pad[i]) dnnl_memory_destroy(x->pad[i]);
  }
  dnnl_memory_t mems[] = {x->q1, x->k1, x->s1, x->v, x->o, x->s, x->mask};
  for (size_t i = 0; i < sizeof mems / sizeof *mems; i++)
    if (mems[i]) dnnl_memory_destroy(mems[i]);
  if (x->strm) dnnl_stream_destroy(x->strm);
  if (x->eng) dnnl_engine_destroy(x->eng);
  free(x->sbuf);
  free(x->mbuf);
  free(x->padbuf);
  free(x);
}

static const char *runtime_name(unsigned r) {
  return r == DNNL_RUNTIME_OMP ? "OpenMP" : r == DNNL_RUNTIME_SEQ ? "sequential" : r == DNNL_RUNTIME_TBB ? "TBB"
         : r == DNNL_RUNTIME_THREADPOOL ? "threadpool" : "unknown runtime";
}

/* A failed call: no implementation for a shape is oneDNN saying it cannot, anything else an error. */
#define CHECK(call, what)                                                                    \
  do {                                                                                       \
    dnnl_status_t st_ = (call);                                                              \
    if (st_ != dnnl_success) {                                                               \
      snprintf(why, wlen, "oneDNN %s: %s", what, dnnl_status2str(st_));                      \
      rc = st_ == dnnl_unimplemented ? MHA_IMPL_UNSUPPORTED : -1;                            \
      goto fail;                                                                             \
    }                                                                                        \
  } while (0)

/* attr: user scratchpad (we allocate it, once), and for the first matmul the scale and mask. */
static dnnl_status_t make_attr(dnnl_primitive_attr_t *attr, const float *scale, const dnnl_memory_desc_t *mask) {
  dnnl_status_t st = dnnl_primitive_attr_create(attr);
  if (st == dnnl_success) st = dnnl_primitive_attr_set_scratchpad_mode(*attr, dnnl_scratchpad_mode_user);
  if (st == dnnl_success && scale) st = dnnl_primitive_attr_set_output_scales(*attr, 1, 0, scale);
  if (st == dnnl_success && mask) {
    dnnl_post_ops_t po;
    st = dnnl_post_ops_create(&po);
    if (st == dnnl_success) {
      st = dnnl_post_ops_append_binary(po, dnnl_binary_add, mask);
      if (st == dnnl_success) st = dnnl_primitive_attr_set_post_ops(*attr, po);
      dnnl_post_ops_destroy(po);
    }
  }
  return st;
}

/* The error of the bf16 form, relative to max |O|, over the bf16 bound: each score rounded to
 * bf16 before the softmax (2^-8 |s|, |s| a few units here) and P written in bf16. */
#define BF16_TOL 1e-2

static int create(int kind, const mha_attention_desc *desc, void **state, mha__impl_info *out, char *why,
                  size_t wlen) {
  (void)kind;
  const int bf16 = desc->q_type == MHA_BF16;
  if (bf16 != (desc->kv_type == MHA_BF16)) { /* all f32, or all bf16 */
    snprintf(why, wlen, "onednn takes no %s K/V with %s Q/O (all f32 or all bf16)", mha_kv_name(desc->kv_type),
             mha_kv_name(desc->q_type));
    return MHA_IMPL_UNSUPPORTED;
  }
  const dnnl_data_type_t dt = bf16 ? dnnl_bf16 : dnnl_f32;
  const dnnl_version_t *ver = dnnl_version();
  if (ver->cpu_runtime != DNNL_RUNTIME_OMP) {
    snprintf(why, wlen, "oneDNN %d.%d.%d runs on %s threads, whose count this harness cannot set", ver->major,
             ver->minor, ver->patch, runtime_name(ver->cpu_runtime));
    return MHA_IMPL_UNSUPPORTED;
  }
  int rc = 0;
  onednn *x = calloc(1, sizeof *x);
  if (!x) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  const mha_attention_desc *d = desc;
  x->d = *d;
  x->esz = bf16 ? 2 : 4;
  x->nthr = mha__impl_threads(d);
  /* Implementations pick their blocking for the thread count at creation: set it first. */
  omp_set_num_threads(x->nthr);

  const int64_t B = d->batch, Hq = d->heads_q, Hkv = d->heads_kv, g = Hq / Hkv, Nq = d->seq_q, Nk = d->seq_kv,
                D = d->head_dim;
  const int bhsd = d->layout == MHA_LAYOUT_BHSD;
  x->i0 = d->causal && Nq > Nk ? (int)(Nq - Nk) : 0;
  const int64_t nq = Nq - x->i0, qrow = bhsd ? D : Hq * D, krow = bhsd ? D : Hkv * D;
  x->qoff = (size_t)x->i0 * (size_t)qrow;
  /* The g heads of a group fold into the rows when their rows are evenly spaced: BHSD (head after
   * head), or BSHD with one KV head (query i's g heads side by side). Not past skipped rows. */
  const int fold = g > 1 && x->i0 == 0 && (bhsd || Hkv == 1);
  const int64_t G = fold ? 1 : g, M = fold ? g * nq : nq;
  const int64_t sgrp = bhsd ? Nq * D : D, skv = g * sgrp, skvk = bhsd ? Nk * D : D;

  const int masked = d->causal && nq > 1;
  const int64_t mrow = fold ? D : qrow;
  x->slices = masked ? B * Hkv * G : 1, x->G = G, x->Hkv = Hkv;
  x->sq_b = (size_t)(Hq * Nq * D), x->sq_kv = (size_t)skv, x->sq_g = (size_t)sgrp;
  x->sk_b = (size_t)(Hkv * Nk * D), x->sk_kv = (size_t)skvk, x->s_slice = (size_t)(M * Nk);

  dnnl_memory_desc_t qmd, kmd, vmd, smd, mmd, q1md, k1md, s1md;
  /* A folded G dimension (size 1) gets the dense stride: the brgemm matmul checks for it. */
  const dnnl_dims_t qdims = {B, Hkv, G, M, D}, qstr = {Hq * Nq * D, skv, fold ? skv : sgrp, mrow, 1};
  const dnnl_dims_t kdims = {B, Hkv, 1, D, Nk}, kstr = {Hkv * Nk * D, skvk, skvk, 1, krow};
  const dnnl_dims_t vdims = {B, Hkv, 1, Nk, D}, vstr = {Hkv * Nk * D, skvk, skvk, krow, 1};
  const dnnl_dims_t sdims = {B, Hkv, G, M, Nk};
  const dnnl_dims_t q2dims = {M, D}, q2str = {mrow, 1}, k2dims = {D, Nk}, k2str = {1, krow}, s2dims = {M, Nk};
  const float scale = mha__impl_scale(d);
  dnnl_primitive_attr_t attr = NULL;
  dnnl_primitive_desc_t pd[NPRIM] = {0};
  const char *info[NPRIM] = {0};
  size_t padsize[NPRIM] = {0}, padmax = 0;

  CHECK(dnnl_engine_create(&x->eng, dnnl_cpu, 0), "engine");
  CHECK(dnnl_stream_create(&x->strm, x->eng, dnnl_stream_default_flags), "stream");
  CHECK(dnnl_memory_desc_init_by_strides(&qmd, 5, qdims, dt, qstr), "Q view");
  CHECK(dnnl_memory_desc_init_by_strides(&kmd, 5, kdims, dt, kstr), "K view");
  CHECK(dnnl_memory_desc_init_by_strides(&vmd, 5, vdims, dt, vstr), "V view");
  CHECK(dnnl_memory_desc_init_by_tag(&smd, 5, sdims, dt, dnnl_abcde), "S");
  if (masked) {
    CHECK(dnnl_memory_desc_init_by_strides(&q1md, 2, q2dims, dt, q2str), "Q slice");
    CHECK(dnnl_memory_desc_init_by_strides(&k1md, 2, k2dims, dt, k2str), "K slice");
    CHECK(dnnl_memory_desc_init_by_tag(&s1md, 2, s2dims, dt, dnnl_ab), "S slice");
    CHECK(dnnl_memory_desc_init_by_tag(&mmd, 2, s2dims, dnnl_f32, dnnl_ab), "mask");
  } else {
    q1md = qmd, k1md = kmd, s1md = smd;
  }

  dnnl_matmul_desc_t mm;
  CHECK(dnnl_matmul_desc_init(&mm, &q1md, &k1md, NULL, &s1md), "matmul Q K^T");
  CHECK(make_attr(&attr, &scale, masked ? &mmd : NULL), "attributes");
  CHECK(dnnl_primitive_desc_create(&pd[MM1], &mm, attr, x->eng, NULL), "matmul Q K^T");
  dnnl_primitive_attr_destroy(attr), attr = NULL;

  dnnl_softmax_desc_t sm;
  CHECK(dnnl_softmax_forward_desc_init(&sm, dnnl_forward_inference, &smd, 4), "softmax");
  CHECK(make_attr(&attr, NULL, NULL), "attributes");
  CHECK(dnnl_primitive_desc_create(&pd[SOFTMAX], &sm, attr, x->eng, NULL), "softmax");

  CHECK(dnnl_matmul_desc_init(&mm, &smd, &vmd, NULL, &qmd), "matmul P V");
  CHECK(dnnl_primitive_desc_create(&pd[MM2], &mm, attr, x->eng, NULL), "matmul P V");
  dnnl_primitive_attr_destroy(attr), attr = NULL;

  for (int i = 0; i < NPRIM; i++) {
    CHECK(dnnl_primitive_create(&x->prim[i], pd[i]), "primitive");
    CHECK(dnnl_primitive_desc_query(pd[i], dnnl_query_impl_info_str, 0, &info[i]), "query");
    padsize[i] = dnnl_memory_desc_get_size(dnnl_primitive_desc_query_md(pd[i], dnnl_query_scratchpad_md, 0));
    if (padsize[i] > padmax) padmax = padsize[i];
  }

  /* S is the whole score tensor, as an unfused attention materialises it. */
  size_t ssize = dnnl_memory_desc_get_size(&smd), msize = masked ? dnnl_memory_desc_get_size(&mmd) : 0;
  x->sbuf = aligned_alloc(64, (ssize + 63) / 64 * 64);
  x->mbuf = masked ? aligned_alloc(64, (msize + 63) / 64 * 64) : NULL;
  x->padbuf = padmax ? aligned_alloc(64, (padmax + 63) / 64 * 64) : NULL;
  if (!x->sbuf || (masked && !x->mbuf) || (padmax && !x->padbuf)) {
    snprintf(why, wlen, "out of memory for the %zu-byte score tensor", ssize);
    rc = MHA_ENOMEM;
    goto fail;
  }
  if (masked) /* row r is query i of the visible rows; it sees key j <= i + Nk - nq */
    for (int64_t r = 0; r < M; r++) {
      int64_t i = !fold ? r : bhsd ? r % nq : r / g, last = i + Nk - nq;
      for (int64_t j = 0; j < Nk; j++) x->mbuf[r * Nk + j] = j <= last ? 0.0f : -INFINITY;
    }
  CHECK(dnnl_memory_create(&x->q1, &q1md, x->eng, DNNL_MEMORY_NONE), "memory");
  CHECK(dnnl_memory_create(&x->k1, &k1md, x->eng, DNNL_MEMORY_NONE), "memory");
  CHECK(dnnl_memory_create(&x->s1, &s1md, x->eng, x->sbuf), "memory");
  CHECK(dnnl_memory_create(&x->v, &vmd, x->eng, DNNL_MEMORY_NONE), "memory");
  CHECK(dnnl_memory_create(&x->o, &qmd, x->eng, DNNL_MEMORY_NONE), "memory");
  CHECK(dnnl_memory_create(&x->s, &smd, x->eng, x->sbuf), "memory");
  if (masked) CHECK(dnnl_memory_create(&x->mask, &mmd, x->eng, x->mbuf), "memory");
  /* The primitives run one after another, so one scratchpad buffer serves them all. */
  for (int i = 0; i < NPRIM; i++)
    if (padsize[i])
      CHECK(dnnl_memory_create(&x->pad[i], dnnl_primitive_desc_query_md(pd[i], dnnl_query_scratchpad_md, 0), x->eng,
                               x->padbuf),
            "memory");
  out->tol = bf16 ? BF16_TOL : 0;
  snprintf(out->detail, sizeof out->detail, "oneDNN %d.%d.%d (%s) matmul+softmax+matmul%s: %s + %s + %s%s%s", ver->major,
           ver->minor, ver->patch, runtime_name(ver->cpu_runtime), bf16 ? " in bf16" : "", info[MM1], info[SOFTMAX], info[MM2],
           g == 1 ? "" : fold ? ", GQA group in the rows" : ", GQA by broadcast",
           masked ? ", causal: Q K^T per slice with the mask fused" : "");
  for (int i = 0; i < NPRIM; i++) dnnl_primitive_desc_destroy(pd[i]);
  *state = x;
  return 0;

fail:
  if (attr) dnnl_primitive_attr_destroy(attr);
  for (int i = 0; i < NPRIM; i++)
    if (pd[i]) dnnl_primitive_desc_destroy(pd[i]);
  destroy(x);
  return rc;
}

static int run(void *state, const void *qp, const void *kp, const void *vp, void *op) {
  const char *q = qp, *k = kp, *v = vp; /* elements of x->esz bytes */
  char *o = op;
  onednn *x = state;
  const size_t e = x->esz;
  omp_set_num_threads(x->nthr); /* the calling thread's OpenMP setting is what oneDNN uses */
  dnnl_stream_t st = x->strm;
  /* oneDNN only reads its sources; its API takes every handle as void *. */
  if (dnnl_memory_set_data_handle_v2(x->v, (void *)v, st) != dnnl_success ||
      dnnl_memory_set_data_handle_v2(x->o, o + x->qoff * e, st) != dnnl_success)
    return -1;
  /* A NULL memory (no scratchpad, no mask) must not be passed: the set ones go first. */
  dnnl_exec_arg_t a1[5] = {{DNNL_ARG_SRC, x->q1}, {DNNL_ARG_WEIGHTS, x->k1}, {DNNL_ARG_DST, x->s1}};
  int n1 = 3;
  if (x->pad[MM1]) a1[n1++] = (dnnl_exec_arg_t){DNNL_ARG_SCRATCHPAD, x->pad[MM1]};
  if (x->mask) a1[n1++] = (dnnl_exec_arg_t){DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1, x->mask};
  for (long i = 0; i < x->slices; i++) {
    const long b = i / (x->Hkv * x->G), kv = i / x->G % x->Hkv, gi = i % x->G;
    const char *qs = q + x->qoff * e, *ks = k;
    char *ss = x->sbuf;
    if (x->slices > 1) {
      qs += (b * x->sq_b + kv * x->sq_kv + gi * x->sq_g) * e;
      ks += (b * x->sk_b + kv * x->sk_kv) * e;
      ss += i * x->s_slice * e;
    }
    if (dnnl_memory_set_data_handle_v2(x->q1, (void *)qs, st) != dnnl_success ||
        dnnl_memory_set_data_handle_v2(x->k1, (void *)ks, st) != dnnl_success ||
        dnnl_memory_set_data_handle_v2(x->s1, ss, st) != dnnl_success ||
        dnnl_primitive_execute(x->prim[MM1], st, n1, a1) != dnnl_success)
      return -1;
  }
  dnnl_exec_arg_t a2[] = {{DNNL_ARG_SRC, x->s}, {DNNL_ARG_DST, x->s}, {DNNL_ARG_SCRATCHPAD, x->pad[SOFTMAX]}};
  dnnl_exec_arg_t a3[] = {{DNNL_ARG_SRC, x->s},
                          {DNNL_ARG_WEIGHTS, x->v},
                          {DNNL_ARG_DST, x->o},
                          {DNNL_ARG_SCRATCHPAD, x->pad[MM2]}};
  if (dnnl_primitive_execute(x->prim[SOFTMAX], st, 2 + (x->pad[SOFTMAX] != NULL), a2) != dnnl_success ||
      dnnl_primitive_execute(x->prim[MM2], st, 3 + (x->pad[MM2] != NULL), a3) != dnnl_success ||
      dnnl_stream_wait(st) != dnnl_success)
    return -1;
  /* Rows that see no key are zeros by the contract; the matmuls never touched them. */
  if (x->i0) {
    const mha_attention_desc *d = &x->d;
    const size_t D = (size_t)d->head_dim;
    for (int b = 0; b < d->batch; b++)
      for (int h = 0; h < d->heads_q; h++)
        for (int i = 0; i < x->i0; i++) {
          size_t at = d->layout == MHA_LAYOUT_BHSD ? (((size_t)b * d->heads_q + h) * d->seq_q + i) * D
                                                   : (((size_t)b * d->seq_q + i) * d->heads_q + h) * D;
          memset(o + at * e, 0, D * e); /* +0 in f32 and bf16 */
        }
  }
  return 0;
}

const mha__impl_ops mha__impl_onednn = {1u << MHA_F32 | 1u << MHA_BF16, 1u << MHA_BF16, create, run, destroy, NULL};
