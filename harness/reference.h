/* reference.h: the plain double-precision attention every kernel is verified against. */
#ifndef MHA_REFERENCE_H
#define MHA_REFERENCE_H

#include <stddef.h>

#include "mha.h"

/* The contract of mha.h computed naively in double: both layouts, causal bottom-right
 * aligned (query i sees key j iff j <= i + Nk - Nq), GQA (query head h reads KV head
 * h / (Hq / Hkv)), scale 0 -> 1/sqrt(d). q is fp32; k and v hold desc->kv_type, dequantised
 * exactly to double first, so a kernel's error against it is its arithmetic alone (the other
 * 0.2 fields are not read). o has q's layout (B*Hq*Nq*d doubles). lse, when
 * not NULL, is [B][Hq][Nq]: log2(sum_j exp(s_ij)) with s_ij = scale * q_i . k_j, i.e. the
 * log2 of the softmax denominator. A row that sees no key gets zeros and lse = -inf.
 * Returns 0 or the negative MHA_ code of the first invalid field; o is untouched then. */
int mha_ref_attention(const mha_attention_desc *desc, const float *q, const void *k,
                      const void *v, double *o, double *lse);

/* K/V rows of any mha_dtype, for the tests: bytes of a row of d elements (Q8_0: d a
 * multiple of 32), element c of a row, and x[0 .. d-1] stored as a row (rounded to nearest
 * even; Q8_0 as ggml quantises: per block of 32 the scale max|x| / 127 in fp16, q = round(x
 * / scale)). */
size_t mha_ref_row_bytes(int type, int d);
double mha_ref_get(int type, const void *row, int c);
void mha_ref_put(int type, const float *x, int d, void *row);

#endif /* MHA_REFERENCE_H */
