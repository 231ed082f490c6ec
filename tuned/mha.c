/* mha.c: the public entry points: argument checks, error strings, version,
 * mha_attention = validate + choose a kernel + plan + run, and the merge of partial results. */
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

size_t mha__row_bytes(int type, int d) {
  switch (type) {
  case MHA_F16:
  case MHA_BF16: return 2 * (size_t)d;
  case MHA_Q8_0: return (size_t)d / 32 * 34;
  default: return 4 * (size_t)d;
  }
}

/* a * b * c rows of `row` bytes fit a ptrdiff_t. */
static int fits(int a, int b, int c, size_t row) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, row, &n) && n <= PTRDIFF_MAX;
}

static int qo_type(int t) { return t == MHA_F32 || t == MHA_F16 || t == MHA_BF16; }

static int strides_set(const mha_strides *s) { return s->batch || s->head || s->seq; }

/* A 0.2 field this build does not implement yet, set to other than its default. */
static int unsupported(const mha_attention_desc *d) {
  return d->q_type != MHA_F32 || d->o_type != MHA_F32 || strides_set(&d->q_strides) ||
         strides_set(&d->k_strides) || strides_set(&d->v_strides) || strides_set(&d->o_strides) ||
         d->seq_kv_lens || d->causal_align != MHA_ALIGN_BOTTOM_RIGHT || d->window ||
         d->softcap != 0.0f || d->alibi_slopes || d->sinks || d->lse;
}

int mha__validate(const mha_attention_desc *desc, const void *q, const void *k, const void *v,
                  const void *o) {
  if (!desc || !q || !k || !v || !o) return MHA_ENULL;
  const mha_attention_desc *d = desc;
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
  if (unsupported(d)) return MHA_EUNSUPPORTED;
  if (d->ctx && !mha__team_valid(d->ctx)) return MHA_ECONTEXT;
  return MHA_OK;
}

MHA_EXTERN const char *mha_kernel_name(const mha_attention_desc *desc) {
  const mha__kernel *k;
  const char *why;
  if (mha__validate(desc, desc, desc, desc, desc) != MHA_OK) return NULL;
  return mha__choose(desc, &k, &why) == MHA_OK ? k->name : NULL;
}

static void debug_log(const mha_attention_desc *d, const mha__kernel *k, const char *why,
                      const mha__plan *p) {
  static const char *const kv_names[] = {"f32", "f16", "bf16", "q8_0"};
  const char *e = getenv("MHA_DEBUG");
  if (!e || !*e || (e[0] == '0' && !e[1])) return;
  fprintf(stderr,
          "mha: B=%d Hq=%d Hkv=%d Nq=%d Nk=%d d=%d causal=%d layout=%s kv=%s -> %s (%s: isa %s, "
          "kernel d %d) threads=%d tasks=%ld split-kv=%d\n",
          d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal,
          d->layout == MHA_LAYOUT_BHSD ? "bhsd" : "bshd", kv_names[d->kv_type], k->name, why,
          mha__isa_name(k->isa),
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
    const float l1 = lse1[r], l2 = lse2[r], m = l1 > l2 ? l1 : l2;
    const size_t at = r * (size_t)d;
    if (m == -INFINITY) { /* neither part saw a key */
      for (int c = 0; c < d; c++) o[at + c] = 0.0f;
      if (lse) lse[r] = -INFINITY;
      continue;
    }
    const float w1 = expf(l1 - m), w2 = expf(l2 - m), s = w1 + w2, a = w1 / s, b = w2 / s;
    for (int c = 0; c < d; c++) o[at + c] = a * o1[at + c] + b * o2[at + c];
    if (lse) lse[r] = m + logf(s);
  }
  return MHA_OK;
}

MHA_EXTERN int mha_context_create(const mha_context_desc *d, struct mha_context **out) {
  return mha__team_create(d, out);
}

MHA_EXTERN void mha_context_destroy(struct mha_context *ctx) { mha__team_destroy(ctx); }
