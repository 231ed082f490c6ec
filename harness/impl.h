/* impl.h: one interface over every attention implementation `make compare` and `make bench`
 * measure: ours through the public API (tuned, and the generator's untuned defaults), and the
 * libraries a user would pick instead of ours (oneDNN, OpenBLAS). Everything a run needs is
 * prepared in create(), so a timed run() measures the attention alone. */
#ifndef MHA_IMPL_H
#define MHA_IMPL_H

#include <stddef.h>

#include "mha.h"

#ifdef __cplusplus
extern "C" {
#endif

enum { MHA_IMPL_TUNED, MHA_IMPL_DEFAULT, MHA_IMPL_ONEDNN, MHA_IMPL_OPENBLAS, MHA_IMPL_COUNT };
enum { MHA_IMPL_UNSUPPORTED = 1 }; /* create(): this implementation cannot do desc; not an error */

typedef struct mha_impl mha_impl;

/* "mhatune", "mhatune-untuned", "onednn", "openblas"; NULL for an unknown kind. */
const char *mha_impl_name(int kind);

/* 0 ok; MHA_IMPL_UNSUPPORTED with why filled; or a negative MHA_ code / -1 with why filled.
 * Allocates every scratch buffer here, never in run(). desc->threads: 0 = every core the
 * process may use, n = n threads. Ours load build/libmha.so and build/libmha_default.so (the
 * directory: env MHA_LIB_DIR, else the build directory this file was compiled for). */
int mha_impl_create(int kind, const mha_attention_desc *desc, mha_impl **out, char *why, size_t whylen);

/* O for the desc given to create(), in its layout. 0 or a negative code; o untouched then. */
int mha_impl_run(mha_impl *im, const float *q, const float *k, const float *v, float *o);

/* What runs: the kernel name for ours, "oneDNN 2.6.3 matmul+softmax+matmul (...)" for a peer. */
const char *mha_impl_detail(const mha_impl *im);

void mha_impl_destroy(mha_impl *im); /* NULL ok */

#ifdef __cplusplus
}
#endif

#endif /* MHA_IMPL_H */
