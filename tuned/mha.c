/* mha.c: the public entry points: argument checks, error strings, version,
 * mha_attention = validate + choose a kernel (mha_dispatch.c) + plan and run (mha_run.c), and
 * the merge of partial results (its row rule in mha_rows.c). The top of the runtime: nothing
 * below calls into it. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "mha_internal.h"

MHA_EXTERN const char *mha_strerror(int status) {
  switch (status) {
  case MHA_OK: return "success";
#define MHA__ERR_MSG(name, code, msg) \
  case MHA_##name: return msg;
    MHA_ERRNO_MAP(MHA__ERR_MSG)
#undef MHA__ERR_MSG
  default: return "unknown error";
  }
}

MHA_EXTERN const char *mha_err_name(int status) {
  switch (status) {
  case MHA_OK: return "MHA_OK";
#define MHA__ERR_NAME(name, code, msg) \
  case MHA_##name: return "MHA_" #name;
    MHA_ERRNO_MAP(MHA__ERR_NAME)
#undef MHA__ERR_NAME
  default: return "MHA_EUNKNOWN";
  }
}

MHA_EXTERN int mha_version(void) {
  return MHA_VERSION_MAJOR * 10000 + MHA_VERSION_MINOR * 100 + MHA_VERSION_PATCH;
}

MHA_EXTERN const char *mha_version_string(void) { return MHA_VERSION_STRING; }

/* a * b * c rows of `row` bytes fit a ptrdiff_t. */
static int fits(int a, int b, int c, size_t row) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, row, &n) && n <= PTRDIFF_MAX;
}

static int qo_type(int t) { return t == MHA_F32 || t == MHA_F16 || t == MHA_BF16; }

/* *e = the bytes from a tensor's first element to past its last (strides >= 0; negative
 * ones, refused later as MHA_ESTRIDE, give any value); 0 when that overflows a ptrdiff_t. */
static int extent(const mha_attention_desc *d, int which, ptrdiff_t *e) {
  int type, H, N;
  mha__tensor_of(d, which, &type, &H, &N);
  const mha_strides s = mha__strides(d, which);
  const ptrdiff_t n[3] = {d->batch - 1, H - 1, N - 1}, st[3] = {s.batch, s.head, s.seq};
  ptrdiff_t t;
  *e = (ptrdiff_t)mha__row_bytes(type, d->head_dim);
  for (int i = 0; i < 3; i++)
    if (__builtin_mul_overflow(n[i], st[i], &t) || __builtin_add_overflow(*e, t, e)) return 0;
  return 1;
}

/* o's rows are disjoint: its dims sorted by stride, each stride spans all the dims inside. */
static int rows_disjoint(const mha_attention_desc *d) {
  const mha_strides s = mha__strides(d, MHA__O);
  ptrdiff_t st[3] = {s.seq, s.head, s.batch}, n[3] = {d->seq_q, d->heads_q, d->batch};
  for (int i = 1; i < 3; i++) /* insertion sort by stride */
    for (int j = i; j > 0 && st[j] < st[j - 1]; j--) {
      ptrdiff_t x = st[j];
      st[j] = st[j - 1], st[j - 1] = x;
      x = n[j], n[j] = n[j - 1], n[j - 1] = x;
    }
  ptrdiff_t span = (ptrdiff_t)mha__row_bytes(d->o_type, d->head_dim);
  for (int i = 0; i < 3; i++) {
    if (n[i] == 1) continue; /* a dim of one never repeats a row */
    if (st[i] < span) return 0;
    span = st[i] * (n[i] - 1) + span; /* no overflow: extent() said so */
  }
  return 1;
}

static ptrdiff_t elem_bytes(int type) { return type == MHA_F32 ? 4 : type == MHA_Q8_0 ? 1 : 2; }

static int stride_ok(const mha_strides *s, int type) {
  const ptrdiff_t e = elem_bytes(type);
  return s->batch >= 0 && s->head >= 0 && s->seq >= 0 && s->batch % e == 0 && s->head % e == 0 &&
         s->seq % e == 0;
}

static int finite_all(const float *x, int n) {
  for (int i = 0; x && i < n; i++)
    if (!isfinite(x[i])) return 0;
  return 1;
}

/* [a, a + na) and [b, b + nb) share a byte. */
static int overlap(const void *a, ptrdiff_t na, const void *b, ptrdiff_t nb) {
  const uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
  return x < y + (uintptr_t)nb && y < x + (uintptr_t)na;
}

/* The checks of the descriptor alone (no buffers), in the order of mha.h's codes. */
static int check_desc(const mha_attention_desc *d) {
  if (d->batch < 1) return MHA_EBATCH;
  if (d->heads_q < 1 || d->heads_kv < 1) return MHA_EHEADS;
  if (d->heads_q % d->heads_kv) return MHA_EGROUP;
  if (d->seq_q < 1 || d->seq_kv < 1) return MHA_ESEQ;
  if (d->head_dim < 1) return MHA_EHEADDIM;
  if (!isfinite(d->scale)) return MHA_ESCALE;
  if (d->causal != 0 && d->causal != 1) return MHA_ECAUSAL;
  if (d->layout != MHA_LAYOUT_BHSD && d->layout != MHA_LAYOUT_BSHD) return MHA_ELAYOUT;
  if (d->threads < 0) return MHA_ETHREADS;
  if (!qo_type(d->q_type) || !qo_type(d->o_type) || d->kv_type < MHA_F32 || d->kv_type > MHA_Q8_0)
    return MHA_ETYPE;
  if (d->kv_type == MHA_Q8_0 && d->head_dim % 32) return MHA_EQ8DIM;
  if (!fits(d->batch, d->heads_q, d->seq_q, mha__row_bytes(MHA_F32, d->head_dim)) ||
      !fits(d->batch, d->heads_kv, d->seq_kv, mha__row_bytes(d->kv_type, d->head_dim)))
    return MHA_EOVERFLOW;
  ptrdiff_t e;
  for (int w = MHA__Q; w <= MHA__O; w++)
    if (!extent(d, w, &e)) return MHA_EOVERFLOW;
  if (d->causal_align != MHA_ALIGN_BOTTOM_RIGHT && d->causal_align != MHA_ALIGN_TOP_LEFT)
    return MHA_EALIGN;
  if (d->window < 0 || (d->window > 0 && !d->causal)) return MHA_EWINDOW;
  if (!(d->softcap >= 0.0f) || !isfinite(d->softcap)) return MHA_ESOFTCAP;
  if (!finite_all(d->alibi_slopes, d->heads_q) || !finite_all(d->sinks, d->heads_q))
    return MHA_ESLOPES;
  for (int b = 0; d->seq_kv_lens && b < d->batch; b++)
    if (d->seq_kv_lens[b] < 0 || d->seq_kv_lens[b] > d->seq_kv) return MHA_ELENS;
  if (!stride_ok(&d->q_strides, d->q_type) || !stride_ok(&d->k_strides, d->kv_type) ||
      !stride_ok(&d->v_strides, d->kv_type) || !stride_ok(&d->o_strides, d->o_type) ||
      !rows_disjoint(d))
    return MHA_ESTRIDE;
  if (d->ctx && !mha__team_valid(d->ctx)) return MHA_ECONTEXT;
  return MHA_OK;
}

int mha__validate(const mha_attention_desc *desc, const void *q, const void *k, const void *v,
                  const void *o) {
  if (!desc || !q || !k || !v || !o) return MHA_ENULL;
  const mha_attention_desc *d = desc;
  const int err = check_desc(d);
  if (err) return err;
  /* o (and lse) must not share a byte with what the call reads, nor with each other. */
  ptrdiff_t eo, ei;
  extent(d, MHA__O, &eo); /* check_desc: no overflow, strides >= 0 */
  const ptrdiff_t el = (ptrdiff_t)d->batch * d->heads_q * d->seq_q * (ptrdiff_t)sizeof(float);
  const void *in[3] = {q, k, v};
  for (int w = MHA__Q; w <= MHA__V; w++) {
    extent(d, w, &ei);
    if (overlap(o, eo, in[w], ei) || (d->lse && overlap(d->lse, el, in[w], ei))) return MHA_EOVERLAP;
  }
  if (d->lse && overlap(d->lse, el, o, eo)) return MHA_EOVERLAP;
  return MHA_OK;
}

MHA_EXTERN const char *mha_kernel_name(const mha_attention_desc *desc) {
  const mha__kernel *k;
  const char *why;
  if (!desc || check_desc(desc) != MHA_OK) return NULL;
  return mha__choose(desc, &k, &why) == MHA_OK ? k->name : NULL;
}

static void debug_log(const mha_attention_desc *d, const mha__kernel *k, const char *why,
                      const mha__plan *p) {
  static const char *const kv_names[] = {"f32", "f16", "bf16", "q8_0"};
  const char *e = getenv("MHA_DEBUG");
  if (!e || !*e || (e[0] == '0' && !e[1])) return;
  fprintf(stderr,
          "mha: B=%d Hq=%d Hkv=%d Nq=%d Nk=%d d=%d causal=%d layout=%s kv=%s q=%s o=%s -> %s (%s: isa "
          "%s%s, kernel d %d) threads=%d tasks=%ld split-kv=%d\n",
          d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal,
          d->layout == MHA_LAYOUT_BHSD ? "bhsd" : "bshd", kv_names[d->kv_type], kv_names[d->q_type],
          kv_names[d->o_type], k->name, why, mha__isa_name(k->isa),
          k->needs & MHA__CPU_AMX_BF16 ? " with AMX" : k->needs & MHA__CPU_AVX512_BF16 ? " with AVX512_BF16" : "",
          k->d, p->threads, p->tasks, p->splits);
}

MHA_EXTERN int mha_attention(const mha_attention_desc *desc, const void *q, const void *k,
                             const void *v, void *o) {
  const mha__kernel *kern;
  const char *why;
  mha__plan p;
  int err = mha__validate(desc, q, k, v, o);
  if (err) return err;
  if ((err = mha__choose(desc, &kern, &why))) return err;
  mha__plan_make(desc, kern, &p);
  debug_log(desc, kern, why, &p);
  return mha__execute(desc, kern, &p, q, k, v, o);
}

int mha__attention_with(const mha_attention_desc *desc, const mha__kernel *k, const void *q,
                        const void *k_, const void *v, void *o) {
  mha__plan p;
  int err = mha__validate(desc, q, k_, v, o);
  if (err) return err;
  if (!mha__kernel_runs(k, mha__cpu_isa_detected(), mha__cpu_flags()) || !mha__kernel_applies(k, desc))
    return MHA_EKERNEL;
  mha__plan_make(desc, k, &p);
  return mha__execute(desc, k, &p, q, k_, v, o);
}

MHA_EXTERN int mha_attention_f32(const mha_attention_desc *desc, const float *q, const float *k,
                                 const float *v, float *o) {
  if (!desc) return MHA_ENULL;
  mha_attention_desc d = *desc;
  d.q_type = d.kv_type = d.o_type = MHA_F32;
  return mha_attention(&d, q, k, v, o);
}

MHA_EXTERN int mha_merge_f32(int rows, int d, const float *o1, const float *lse1, const float *o2,
                             const float *lse2, float *o, float *lse) {
  if (!o1 || !lse1 || !o2 || !lse2 || !o) return MHA_ENULL;
  if (rows < 1) return MHA_ESEQ;
  if (d < 1) return MHA_EHEADDIM;
  if (!fits(rows, 1, 1, mha__row_bytes(MHA_F32, d))) return MHA_EOVERFLOW;
  for (size_t r = 0; r < (size_t)rows; r++) {
    const size_t at = r * (size_t)d;
    const float l = mha__merge_row(d, o1 + at, lse1[r], o2 + at, lse2[r], o + at);
    if (lse) lse[r] = l;
  }
  return MHA_OK;
}

MHA_EXTERN int mha_context_create(const mha_context_desc *d, struct mha_context **out) {
  return mha__team_create(d, out);
}

MHA_EXTERN void mha_context_destroy(struct mha_context *ctx) { mha__team_destroy(ctx); }
