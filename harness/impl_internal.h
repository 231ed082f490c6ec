/* impl_internal.h: what impl.c asks of each implementation behind harness/impl.h. */
#ifndef MHA_IMPL_INTERNAL_H
#define MHA_IMPL_INTERNAL_H

#include <stddef.h>

#include "impl.h"

/* What create() hands back besides its state: what runs and the error its arithmetic allows
 * (mha_impl_tolerance). */
typedef struct mha__impl_info {
  char detail[512];
  double tol;
} mha__impl_info;

/* One implementation. kv_types and qo_types: a bit per K/V type and per Q/O type its code can
 * take (1u << MHA_F16; every one takes F32 Q/O); impl.c answers the others with
 * MHA_IMPL_UNSUPPORTED and a message, and create() may refuse more (a library that lacks one).
 * create() gets a desc that impl.c has already checked (every field valid, q_type == o_type, no
 * other 0.2 field but kv_type set) and returns what mha_impl_create() returns, with info or why
 * filled; run() gets non-NULL buffers, q and o in desc->q_type, k and v in desc->kv_type. idle() (NULL: nothing to do) is
 * called when the harness turns to another implementation: threads of this one that would go on
 * polling for work must sleep, not take a core from the one timed next. */
typedef struct mha__impl_ops {
  unsigned kv_types, qo_types;
  int (*create)(int kind, const mha_attention_desc *desc, void **state, mha__impl_info *info, char *why, size_t wlen);
  int (*run)(void *state, const void *q, const void *k, const void *v, void *o);
  void (*destroy)(void *state);
  void (*idle)(void *state);
} mha__impl_ops;

extern const mha__impl_ops mha__impl_mhatune, mha__impl_onednn, mha__impl_openblas, mha__impl_ggml;

/* desc->threads resolved: 0 means every CPU this process may run on (as libmha counts them). */
int mha__impl_threads(const mha_attention_desc *desc);

/* desc->scale resolved: 0 means 1/sqrt(head_dim). */
float mha__impl_scale(const mha_attention_desc *desc);

#endif /* MHA_IMPL_INTERNAL_H */
