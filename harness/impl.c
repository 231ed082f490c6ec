/* impl.c: the table of implementations behind harness/impl.h, and what they share: the
 * argument checks (every implementation answers a bad desc with the code libmha gives it),
 * threads and scale, and the KV types' names. */
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "impl_internal.h"

static const struct {
  const char *name;
  const mha__impl_ops *ops;
} IMPLS[MHA_IMPL_COUNT] = {
    [MHA_IMPL_TUNED] = {"mhatune", &mha__impl_mhatune},
    [MHA_IMPL_DEFAULT] = {"mhatune-untuned", &mha__impl_mhatune},
    [MHA_IMPL_ONEDNN] = {"onednn", &mha__impl_onednn},
    [MHA_IMPL_OPENBLAS] = {"openblas", &mha__impl_openblas},
    [MHA_IMPL_GGML] = {"ggml", &mha__impl_ggml},
};

struct mha_impl {
  const mha__impl_ops *ops;
  void *state;
  mha__impl_info info;
};

const char *mha_impl_name(int kind) { return kind >= 0 && kind < MHA_IMPL_COUNT ? IMPLS[kind].name : NULL; }

/* a * b * c * d floats fit a ptrdiff_t. */
static int fits(int a, int b, int c, int d) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, (size_t)d, &n) && !__builtin_mul_overflow(n, sizeof(float), &n) &&
         n <= PTRDIFF_MAX;
}

/* libmha's checks on the descriptor, in its order, so every implementation gives one code. */
static int check(const mha_attention_desc *d) {
  if (!d) return MHA_ENULL;
  if (d->batch < 1) return MHA_EBATCH;
  if (d->heads_q < 1 || d->heads_kv < 1) return MHA_EHEADS;
  if (d->heads_q % d->heads_kv) return MHA_EGROUP;
  if (d->seq_q < 1 || d->seq_kv < 1) return MHA_ESEQ;
  if (d->head_dim < 1) return MHA_EHEADDIM;
  if (!isfinite(d->scale)) return MHA_ESCALE;
  if (d->causal != 0 && d->causal != 1) return MHA_ECAUSAL;
  if (d->layout != MHA_LAYOUT_BHSD && d->layout != MHA_LAYOUT_BSHD) return MHA_ELAYOUT;
  if (d->threads < 0) return MHA_ETHREADS;
  if (d->q_type != MHA_F32 && d->q_type != MHA_F16 && d->q_type != MHA_BF16) return MHA_ETYPE;
  if (d->o_type != MHA_F32 && d->o_type != MHA_F16 && d->o_type != MHA_BF16) return MHA_ETYPE;
  if (!mha_kv_name(d->kv_type)) return MHA_ETYPE;
  if (d->kv_type == MHA_Q8_0 && d->head_dim % 32) return MHA_EQ8DIM;
  if (!fits(d->batch, d->heads_q, d->seq_q, d->head_dim) || !fits(d->batch, d->heads_kv, d->seq_kv, d->head_dim))
    return MHA_EOVERFLOW;
  return MHA_OK;
}

/* Of 0.2's fields only the types are set, Q and O of one type: packed, a plain causal mask. */
static int plain(const mha_attention_desc *d) {
  const mha_strides *st[] = {&d->q_strides, &d->k_strides, &d->v_strides, &d->o_strides};
  for (int i = 0; i < 4; i++)
    if (st[i]->batch || st[i]->head || st[i]->seq) return 0;
  return d->q_type == d->o_type && !d->seq_kv_lens && !d->causal_align && !d->window &&
         d->softcap == 0 && !d->alibi_slopes && !d->sinks && !d->lse && !d->ctx;
}

static const char *errmsg(int rc) {
  switch (rc) {
#define MHA__IMPL_MSG(name, code, msg) \
  case MHA_##name: return msg;
    MHA_ERRNO_MAP(MHA__IMPL_MSG)
#undef MHA__IMPL_MSG
  default: return "unknown error";
  }
}

int mha_impl_create(int kind, const mha_attention_desc *desc, mha_impl **out, char *why, size_t whylen) {
  char spare[8];
  if (!why || !whylen) why = spare, whylen = sizeof spare;
  why[0] = 0;
  if (!out) {
    snprintf(why, whylen, "%s", errmsg(MHA_ENULL));
    return MHA_ENULL;
  }
  *out = NULL;
  if (kind < 0 || kind >= MHA_IMPL_COUNT) {
    snprintf(why, whylen, "no implementation of kind %d", kind);
    return -1;
  }
  int rc = check(desc);
  if (rc != MHA_OK) {
    snprintf(why, whylen, "%s", errmsg(rc));
    return rc;
  }
  if (!plain(desc)) {
    snprintf(why, whylen, "the harness measures Q and O of one type, packed, and no 0.2 field but the types");
    return MHA_IMPL_UNSUPPORTED;
  }
  if (desc->q_type != MHA_F32 && !(IMPLS[kind].ops->qo_types & 1u << desc->q_type)) {
    snprintf(why, whylen, "%s takes no %s Q/O", IMPLS[kind].name, mha_kv_name(desc->q_type));
    return MHA_IMPL_UNSUPPORTED;
  }
  if (!(IMPLS[kind].ops->kv_types & 1u << desc->kv_type)) {
    snprintf(why, whylen, "%s takes no %s K/V", IMPLS[kind].name, mha_kv_name(desc->kv_type));
    return MHA_IMPL_UNSUPPORTED;
  }
  mha_impl *im = calloc(1, sizeof *im);
  if (!im) {
    snprintf(why, whylen, "%s", errmsg(MHA_ENOMEM));
    return MHA_ENOMEM;
  }
  im->ops = IMPLS[kind].ops;
  rc = im->ops->create(kind, desc, &im->state, &im->info, why, whylen);
  if (rc != 0) {
    free(im);
    return rc;
  }
  *out = im;
  return 0;
}

int mha_impl_run(mha_impl *im, const void *q, const void *k, const void *v, void *o) {
  if (!im || !q || !k || !v || !o) return MHA_ENULL;
  return im->ops->run(im->state, q, k, v, o);
}

void mha_impl_idle(mha_impl *im) {
  if (im && im->ops->idle) im->ops->idle(im->state);
}

const char *mha_impl_detail(const mha_impl *im) { return im ? im->info.detail : ""; }

double mha_impl_tolerance(const mha_impl *im) { return im ? im->info.tol : 0; }

void mha_impl_destroy(mha_impl *im) {
  if (!im) return;
  im->ops->destroy(im->state);
  free(im);
}

int mha__impl_threads(const mha_attention_desc *desc) {
  if (desc->threads > 0) return desc->threads;
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0) return CPU_COUNT(&set);
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? (int)n : 1;
}

float mha__impl_scale(const mha_attention_desc *desc) {
  return desc->scale != 0.0f ? desc->scale : 1.0f / sqrtf((float)desc->head_dim);
}

/* ---- KV types ---- */

