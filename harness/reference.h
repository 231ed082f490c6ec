/* reference.h: the plain double-precision attention every kernel is verified against. */
#ifndef MHA_REFERENCE_H
#define MHA_REFERENCE_H

#include <stddef.h>

#include "mha.h"

/* The contract of mha.h computed naively in double, every field of the descriptor: both
 * layouts and any strides (bytes; all three zero: packed per layout), GQA (query head h reads
 * KV head h / (Hq / Hkv)), scale 0 -> 1/sqrt(d), per-sequence key counts Nk_b (seq_kv_lens[b],
 * else seq_kv; keys past them are never read). With p(i) = i + Nk_b - Nq (bottom-right) or i
 * (top-left), row i sees key j iff j < Nk_b, j <= p(i) when causal, and j > p(i) - window when
 * window > 0. Its score is s_ij = scale * q_i . k_j, then softcap * tanh(s_ij / softcap) when
 * softcap > 0, then + slope[h] * (j - p(i)) with ALiBi; the softmax's denominator is
 * Z = sum_j e^s_ij (+ e^sinks[h] with sinks). q holds desc->q_type, k and v desc->kv_type,
 * each widened exactly to double first, so a kernel's error against it is its arithmetic
 * alone (o_type and o_strides only checked; lse, threads and ctx not read). o is packed in
 * desc->layout order (B*Hq*Nq*d doubles, whatever o_strides says). lse, when not NULL, is
 * [B][Hq][Nq]: log2(Z), base 2 unlike the library's. A row that sees no key gets zeros and
 * lse = -inf (sinks[h] / ln 2 with sinks). Returns 0 or the negative MHA_ code of the first
 * invalid field, checked in the library's order (its EOVERLAP, EUNSUPPORTED and ECONTEXT
 * excepted); o is untouched then. */
int mha_ref_attention(const mha_attention_desc *desc, const void *q, const void *k,
                      const void *v, double *o, double *lse);
/* The same, and pv (NULL: not asked; else packed as o) gets sum_j p_ij |v_jc| per element:
 * what mha_ref_bound needs. */
int mha_ref_attention_pv(const mha_attention_desc *desc, const void *q, const void *k,
                         const void *v, double *o, double *lse, double *pv);
/* The largest |ours - ref| allowed at one element of O of a call with Q and O in qo_type
 * (mha_dtype), ours widened from that type: fp32 (the caller's allowance for fp32 arithmetic)
 * for F32; for F16 and BF16, one bf16 rounding of P (2^-8 pv) plus O's rounding to its type,
 * and never past PyTorch's SDPA tolerances (derived in reference.c). One place for the
 * tuner's gate, the bench's and compare's checks and the tests. */
double mha_ref_bound(int qo_type, double ref, double pv, double fp32);
/* mha_ref_attention's checks alone: 0 or the code it would return, reading nothing but the
 * desc (its lens, slopes and sinks) and whether the pointers are NULL. */
int mha_ref_check(const mha_attention_desc *desc, const void *q, const void *k, const void *v,
                  const void *o);

/* K/V rows of any mha_dtype, for the tests: bytes of a row of d elements (Q8_0: d a
 * multiple of 32), element c of a row, and x[0 .. d-1] stored as a row (rounded to nearest
 * even; Q8_0 as ggml quantises: per block of 32 the scale max|x| / 127 in fp16, q = round(x
 * / scale)). */
size_t mha_ref_row_bytes(int type, int d);
double mha_ref_get(int type, const void *row, int c);
void mha_ref_put(int type, const float *x, int d, void *row);

/* The multi-head attention layer of mha.h (mha_layer_forward without a cache), naively in
 * double, its own projections (y = x W^T + b, PyTorch's stacked in_proj: Wq, Wk, Wv), RoPE
 * (rotate-half pairs (i, i + d/2), angle pos * theta^(-2i/d), positions from 0), softmax and
 * GQA (query head h reads KV head h / (Hq / Hkv)); causal is bottom-right (query i sees key
 * j <= i + Nk - Nq). K (after RoPE) and V are rounded to d->kv_type first, as a cache of that
 * type holds them (F32: to fp32). kv_in NULL: self-attention over x (Nk = Nq). y is
 * [B][Nq][E]. 0, or -1 for a descriptor or sizes it cannot read (nothing written). */
int mha_ref_layer(const mha_layer_desc *d, const float *in_w, const float *in_b,
                  const float *out_w, const float *out_b, int batch, int seq_q, const float *x,
                  int seq_kv, const float *kv_in, double *y);

#endif /* MHA_REFERENCE_H */
