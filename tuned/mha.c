/* mha.c: the public entry points: argument checks, error strings, version, and
 * mha_attention_f32 = validate + choose a kernel + plan + run. */
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

/* a * b * c * d elements, and their bytes, fit a ptrdiff_t. */
static int fits(int a, int b, int c, int d) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, (size_t)d, &n) &&
         !__builtin_mul_overflow(n, sizeof(float), &n) && n <= PTRDIFF_MAX;
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
  if (!fits(d->batch, d->heads_q, d->seq_q, d->head_dim) ||
      !fits(d->batch, d->heads_kv, d->seq_kv, d->head_dim))
    return MHA_EOVERFLOW;
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
  const char *e = getenv("MHA_DEBUG");
  if (!e || !*e || (e[0] == '0' && !e[1])) return;
  fprintf(stderr,
          "mha: B=%d Hq=%d Hkv=%d Nq=%d Nk=%d d=%d causal=%d layout=%s -> %s (%s: isa %s, "
          "kernel d %d) threads=%d tasks=%ld split-kv=%d\n",
          d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal,
          d->layout == MHA_LAYOUT_BHSD ? "bhsd" : "bshd", k->name, why, mha__isa_name(k->isa),
          k->d, p->threads, p->tasks, p->splits);
}

MHA_EXTERN int mha_attention_f32(const mha_attention_desc *desc, const float *q, const float *k,
                                 const float *v, float *o) {
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
