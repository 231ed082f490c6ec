/* impl_mhatune.c: ours, as a user gets it: the public API of a shared library, loaded with
 * dlopen so the tuned build (libmha.so) and the generator's untuned defaults
 * (libmha_default.so) live side by side in one process. RTLD_LOCAL keeps each library's symbols
 * to itself: both define mha_attention_f32 and the same internal names, and neither must bind
 * to the other's. Nothing else in a process that uses this file defines them, so the global
 * scope cannot capture a library's own references and RTLD_DEEPBIND is not needed.
 *
 * F32 Q, K, V and O go through mha_attention_f32 (0.1); other K/V types (F16, BF16, Q8_0) and
 * Q/O types (F16, BF16) through mha_attention (0.2), where the library has it: a 0.1 library,
 * or a 0.2 one that answers MHA_EUNSUPPORTED for the types, is "unsupported by this libmha",
 * not a failure. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "impl_internal.h"

#ifndef MHA_LIB_DIR_DEFAULT
#define MHA_LIB_DIR_DEFAULT "build"
#endif

typedef struct ours {
  void *dl;
  int (*f32)(const mha_attention_desc *, const float *, const float *, const float *, float *);
  int (*any)(const mha_attention_desc *, const void *, const void *, const void *, void *); /* 0.2 */
  mha_attention_desc desc;
} ours;

static int create(int kind, const mha_attention_desc *desc, void **state, mha__impl_info *info, char *why,
                  size_t wlen) {
  const int kv = desc->kv_type, qo = desc->q_type, typed = kv != MHA_F32 || qo != MHA_F32;
  char types[64];
  snprintf(types, sizeof types, "%s%s%s%s%s", kv != MHA_F32 ? mha_kv_name(kv) : "", kv != MHA_F32 ? " K/V" : "",
           kv != MHA_F32 && qo != MHA_F32 ? " and " : "", qo != MHA_F32 ? mha_kv_name(qo) : "", qo != MHA_F32 ? " Q/O" : "");
  const char *dir = getenv("MHA_LIB_DIR");
  if (!dir || !*dir) dir = MHA_LIB_DIR_DEFAULT;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, kind == MHA_IMPL_TUNED ? "libmha.so" : "libmha_default.so");
  ours *s = calloc(1, sizeof *s);
  if (!s) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  int rc = -1;
  s->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!s->dl) {
    snprintf(why, wlen, "dlopen: %s", dlerror());
    free(s);
    return -1;
  }
  const char *(*kernel_name)(const mha_attention_desc *);
  /* POSIX's sanctioned way to turn dlsym's void * into a function pointer. */
  *(void **)&s->f32 = dlsym(s->dl, "mha_attention_f32");
  *(void **)&s->any = dlsym(s->dl, "mha_attention");
  *(void **)&kernel_name = dlsym(s->dl, "mha_kernel_name");
  if (!s->f32 || !kernel_name) {
    snprintf(why, wlen, "%s lacks mha_attention_f32 or mha_kernel_name", path);
    goto fail;
  }
  s->desc = *desc;
  if (typed) {
    if (!s->any) {
      snprintf(why, wlen, "%s unsupported by this libmha (%s has no mha_attention: 0.1)", types, path);
      rc = MHA_IMPL_UNSUPPORTED;
      goto fail;
    }
    /* One query row against one key of the same types says whether this build takes them. */
    mha_attention_desc one = s->desc;
    one.batch = one.heads_q = one.heads_kv = one.seq_q = one.seq_kv = 1;
    one.threads = 1;
    float q[1024] = {0}, o[1024];
    unsigned char k[4096] = {0}; /* a row of up to 1024 values of any type */
    if (desc->head_dim <= 1024) {
      if (s->any(&one, q, k, k, o) == MHA_EUNSUPPORTED) {
        snprintf(why, wlen, "%s unsupported by this libmha (mha_attention: MHA_EUNSUPPORTED)", types);
        rc = MHA_IMPL_UNSUPPORTED;
        goto fail;
      }
    }
  }
  const char *k = kernel_name(&s->desc);
  if (!k) { /* desc is valid, so the library has no kernel: MHA_KERNEL names one it lacks */
    snprintf(why, wlen, "%s picks no kernel for this shape (MHA_KERNEL=%s)", path,
             getenv("MHA_KERNEL") ? getenv("MHA_KERNEL") : "");
    rc = MHA_EKERNEL;
    goto fail;
  }
  snprintf(info->detail, sizeof info->detail, "%s%s%s", k, typed ? ", " : "", typed ? types : "");
  *state = s;
  return 0;
fail:
  dlclose(s->dl);
  free(s);
  return rc;
}

static int run(void *state, const void *q, const void *k, const void *v, void *o) {
  ours *s = state;
  if (s->desc.kv_type == MHA_F32 && s->desc.q_type == MHA_F32) return s->f32(&s->desc, q, k, v, o);
  const int rc = s->any(&s->desc, q, k, v, o);
  return rc == MHA_EUNSUPPORTED ? MHA_IMPL_UNSUPPORTED : rc;
}

static void destroy(void *state) {
  ours *s = state;
  dlclose(s->dl);
  free(s);
}

/* No idle(): libmha's workers spin at most MHA_SPIN_US (200 us) after a call, then sleep. */
const mha__impl_ops mha__impl_mhatune = {1u << MHA_F32 | 1u << MHA_F16 | 1u << MHA_BF16 | 1u << MHA_Q8_0,
                                         1u << MHA_F16 | 1u << MHA_BF16, create, run, destroy, NULL};
