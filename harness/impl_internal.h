/* impl_internal.h: what impl.c asks of each implementation behind harness/impl.h. */
#ifndef MHA_IMPL_INTERNAL_H
#define MHA_IMPL_INTERNAL_H

#include <stddef.h>

#include "impl.h"

/* One implementation. create() gets a desc that impl.c has already checked (every field valid)
 * and returns what mha_impl_create() returns, with detail (what runs) or why filled; run() gets
 * non-NULL buffers. */
typedef struct mha__impl_ops {
  int (*create)(int kind, const mha_attention_desc *desc, void **state, char *detail, size_t dlen,
                char *why, size_t wlen);
  int (*run)(void *state, const float *q, const float *k, const float *v, float *o);
  void (*destroy)(void *state);
} mha__impl_ops;

extern const mha__impl_ops mha__impl_mhatune, mha__impl_onednn, mha__impl_openblas;

/* desc->threads resolved: 0 means every CPU this process may run on (as libmha counts them). */
int mha__impl_threads(const mha_attention_desc *desc);

/* desc->scale resolved: 0 means 1/sqrt(head_dim). */
float mha__impl_scale(const mha_attention_desc *desc);

#endif /* MHA_IMPL_INTERNAL_H */
