/* reference.h: the plain double-precision attention every kernel is verified against. */
#ifndef MHA_REFERENCE_H
#define MHA_REFERENCE_H

#include "mha.h"

/* The contract of mha.h computed naively in double: both layouts, causal bottom-right
 * aligned (query i sees key j iff j <= i + Nk - Nq), GQA (query head h reads KV head
 * h / (Hq / Hkv)), scale 0 -> 1/sqrt(d). o has q's layout (B*Hq*Nq*d doubles). lse, when
 * not NULL, is [B][Hq][Nq]: log2(sum_j exp(s_ij)) with s_ij = scale * q_i . k_j, i.e. the
 * log2 of the softmax denominator. A row that sees no key gets zeros and lse = -inf.
 * Returns 0 or the negative MHA_ code of the first invalid field; o is untouched then. */
int mha_ref_attention(const mha_attention_desc *desc, const float *q, const float *k,
                      const float *v, double *o, double *lse);

#endif /* MHA_REFERENCE_H */
