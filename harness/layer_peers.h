/* layer_peers.h: the peers of the layer's projections and of the whole layer, for `make bench`
 * and `make compare`: oneDNN's matmul used as a user writes nn.Linear with it (C = A W^T + b,
 * the weights reordered once into the layout oneDNN picks), the strong composite layer (oneDNN
 * for the four projections, mhatune's attention between them, reading the projections' output
 * in place through strides), and torch.nn.MultiheadAttention run by scripts/torch_mha.py in a
 * subprocess. Everything is prepared in create(); a run() is what is timed. The caller checks
 * each against the double-precision reference before timing it. */
#ifndef MHA_LAYER_PEERS_H
#define MHA_LAYER_PEERS_H

#include <stddef.h>

#include "mha.h"

/* ---- oneDNN matmul as nn.Linear: C[m][n] = A[m][k] W[n][k]^T (+ bias[n]) ---- */
typedef struct mha_dnnl_linear mha_dnnl_linear;
/* 0, or -1 / MHA_IMPL_UNSUPPORTED (impl.h) with why filled. threads: 0 every CPU. A's rows are
 * lda floats apart, C's ldc (0: k and n). */
int mha_dnnl_linear_create(int m, int n, int k, ptrdiff_t lda, ptrdiff_t ldc, int threads, const float *w,
                           const float *bias, mha_dnnl_linear **out, char *why, size_t wlen);
int mha_dnnl_linear_run(mha_dnnl_linear *l, const float *a, float *c); /* 0 or -1 */
const char *mha_dnnl_linear_detail(const mha_dnnl_linear *l);
void mha_dnnl_linear_destroy(mha_dnnl_linear *l); /* NULL ok */

/* ---- the composite: oneDNN projections + mhatune's attention ---- */
typedef int (*mha_attention_fn)(const mha_attention_desc *, const void *, const void *, const void *, void *);
typedef struct mha_composite mha_composite;
/* The layer of d (weights as mha_layer_create takes them) for batch x seq_q queries over seq_kv
 * keys (kv_in given at run time when d->kv_dim is set, else self-attention: seq_kv = seq_q),
 * attention through attn (mhatune's mha_attention). No KV cache. 0, or as above. */
int mha_composite_create(const mha_layer_desc *d, int batch, int seq_q, int seq_kv, const float *in_w,
                         const float *in_b, const float *out_w, const float *out_b, mha_attention_fn attn,
                         mha_composite **out, char *why, size_t wlen);
int mha_composite_run(mha_composite *c, const float *x, const float *kv_in, float *y); /* 0 or < 0 */
const char *mha_composite_detail(const mha_composite *c);
void mha_composite_destroy(mha_composite *c);

/* ---- torch.nn.MultiheadAttention ---- */
/* One run of scripts/torch_mha.py (python: env MHA_TORCH_PYTHON, else Debian's /usr/bin/python3;
 * the script: env MHA_TORCH_SCRIPT, else this checkout's) on the layer of d (MHA only: heads_kv
 * equal to heads_q, no RoPE; bias all or none; causal self-attention only), batch x seq tokens,
 * threads threads: y filled from its first call, then the median time per call over reps
 * repetitions of >= min_time s. 0; MHA_IMPL_UNSUPPORTED with why (torch absent, or a layer it
 * cannot express); -1 with why. detail: "torch.nn.MultiheadAttention, torch 1.13.0a0". */
int mha_torch_layer(const mha_layer_desc *d, int batch, int seq, const float *x, const float *kv_in,
                    const float *in_w, const float *in_b, const float *out_w, const float *out_b, int threads,
                    double min_time, int reps, float *y, double *median_s, double *cv, char *detail, size_t dlen,
                    char *why, size_t wlen);

#endif /* MHA_LAYER_PEERS_H */
