/* impl.h: one interface over every attention implementation `make compare` and `make bench`
 * measure: ours through the public API (tuned, and the generator's untuned defaults), and the
 * libraries a user would pick instead of ours (oneDNN, OpenBLAS, and ggml's flash attention,
 * what llama.cpp runs). Everything a run needs is prepared in create(), so a timed run()
 * measures the attention alone. Q and O come in one type (desc->q_type == desc->o_type: f32,
 * or bf16 / f16 where the implementation takes it), K and V in desc->kv_type (the cache's
 * type), made once by the caller, never inside a timed run; the other 0.2 fields of the desc
 * stay zero here. */
#ifndef MHA_IMPL_H
#define MHA_IMPL_H

#include <stddef.h>

#include "mha.h"
#include "util.h" /* mha_kv_name, mha_kv_parse */

#ifdef __cplusplus
extern "C" {
#endif

enum { MHA_IMPL_TUNED, MHA_IMPL_DEFAULT, MHA_IMPL_ONEDNN, MHA_IMPL_OPENBLAS, MHA_IMPL_GGML, MHA_IMPL_COUNT };
enum { MHA_IMPL_UNSUPPORTED = 1 }; /* create(): this implementation cannot do desc; not an error */

typedef struct mha_impl mha_impl;

/* "mhatune", "mhatune-untuned", "onednn", "openblas", "ggml"; NULL for an unknown kind. */
const char *mha_impl_name(int kind);

/* 0 ok; MHA_IMPL_UNSUPPORTED with why filled (among others: a KV or Q/O type it does not take,
 * a 0.2 field other than the types, or a library that is not there, as ggml's may not be); or a
 * negative MHA_ code / -1 with why filled. Allocates every scratch buffer here, never in run().
 * desc->threads: 0 = every core the process may use, n = n threads. Ours load
 * build/libmha.so and build/libmha_default.so (the directory: env MHA_LIB_DIR, else the build
 * directory this file was compiled for); ggml's libraries come from env MHA_GGML_DIR, else
 * build/ggml (scripts/ggml-fetch.sh puts them there). */
int mha_impl_create(int kind, const mha_attention_desc *desc, mha_impl **out, char *why, size_t whylen);

/* O for the desc given to create(), in its layout and o_type; q in its q_type, k and v in its
 * kv_type (rows as harness/reference.h's mha_ref_put makes them), in the same layout. 0 or a
 * negative code, or
 * MHA_IMPL_UNSUPPORTED where the library itself refuses the call as unsupported (libmha's
 * MHA_EUNSUPPORTED); o untouched then. */
int mha_impl_run(mha_impl *im, const void *q, const void *k, const void *v, void *o);
/* The harness is turning to another implementation: im's threads sleep until its next run. */
void mha_impl_idle(mha_impl *im);

/* What runs: the kernel name for ours, "oneDNN 2.6.3 matmul+softmax+matmul (...)" for a peer. */
const char *mha_impl_detail(const mha_impl *im);

/* The error the implementation's own arithmetic allows, relative to max |O| of the reference
 * computed on the same K and V as stored; 0: fp32 arithmetic, held to the caller's own bound.
 * ggml's is larger: it rounds Q to the KV type before Q K^T, and with an F16 cache decodes
 * with an fp16 accumulator. */
double mha_impl_tolerance(const mha_impl *im);

void mha_impl_destroy(mha_impl *im); /* NULL ok */

#ifdef __cplusplus
}
#endif

#endif /* MHA_IMPL_H */
