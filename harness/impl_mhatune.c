/* impl_mhatune.c: ours, as a user gets it: the public API of a shared library, loaded with
 * dlopen so the tuned build (libmha.so) and the generator's untuned defaults
 * (libmha_default.so) live side by side in one process. RTLD_LOCAL keeps each library's symbols
 * to itself: both define mha_attention_f32 and the same internal names, and neither must bind
 * to the other's. Nothing else in a process that uses this file defines them, so the global
 * scope cannot capture a library's own references and RTLD_DEEPBIND is not needed. */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "impl_internal.h"

#ifndef MHA_LIB_DIR_DEFAULT
#define MHA_LIB_DIR_DEFAULT "build"
#endif

typedef struct ours {
  void *dl;
  int (*attention)(const mha_attention_desc *, const float *, const float *, const float *, float *);
  mha_attention_desc desc;
} ours;

static int create(int kind, const mha_attention_desc *desc, void **state, char *detail, size_t dlen, char *why,
                  size_t wlen) {
  const char *dir = getenv("MHA_LIB_DIR");
  if (!dir || !*dir) dir = MHA_LIB_DIR_DEFAULT;
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, kind == MHA_IMPL_TUNED ? "libmha.so" : "libmha_default.so");
  ours *s = calloc(1, sizeof *s);
  if (!s) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  s->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!s->dl) {
    snprintf(why, wlen, "dlopen: %s", dlerror());
    free(s);
    return -1;
  }
  const char *(*kernel_name)(const mha_attention_desc *);
  /* POSIX's sanctioned way to turn dlsym's void * into a function pointer. */
  *(void **)&s->attention = dlsym(s->dl, "mha_attention_f32");
  *(void **)&kernel_name = dlsym(s->dl, "mha_kernel_name");
  if (!s->attention || !kernel_name) {
    snprintf(why, wlen, "%s lacks mha_attention_f32 or mha_kernel_name", path);
    dlclose(s->dl);
    free(s);
    return -1;
  }
  const char *k = kernel_name(desc);
  if (!k) { /* desc is valid, so the library has no kernel: MHA_KERNEL names one it lacks */
    snprintf(why, wlen, "%s picks no kernel for this shape (MHA_KERNEL=%s)", path,
             getenv("MHA_KERNEL") ? getenv("MHA_KERNEL") : "");
    dlclose(s->dl);
    free(s);
    return MHA_EKERNEL;
  }
  snprintf(detail, dlen, "%s", k);
  s->desc = *desc;
  *state = s;
  return 0;
}

static int run(void *state, const float *q, const float *k, const float *v, float *o) {
  ours *s = state;
  return s->attention(&s->desc, q, k, v, o);
}

static void destroy(void *state) {
  ours *s = state;
  dlclose(s->dl);
  free(s);
}

const mha__impl_ops mha__impl_mhatune = {create, run, destroy};
