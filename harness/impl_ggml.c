/* impl_ggml.c: ggml's CPU flash attention (ggml_flash_attn_ext), the attention llama.cpp runs,
 * from the prebuilt libraries of the npm package @node-llama-cpp/linux-x64 3.22.1, which
 * scripts/ggml-fetch.sh unpacks into build/ggml (env MHA_GGML_DIR moves it). Loaded at run time
 * with dlopen (RTLD_LOCAL): libggml-base.so, then of the CPU backend's per-CPU builds
 * libggml-cpu-<arch>.so the one whose ggml_backend_score() is highest on this CPU, which is
 * what ggml's own backend registry picks. No library there: the peer is unsupported, and says
 * why.
 *
 * One graph per create(), as llama.cpp builds it for a layer: Q [d, Nq, Hq, B] f32, K and V
 * [d, Nk, Hkv, B] in the cache type, both seen through strides in either layout (BSHD is
 * llama.cpp's own cache layout), an F16 mask [Nk, Nq padded to 64] where causality masks
 * something (64 is a multiple of every GGML_KQ_MASK_PAD ggml has had), scale, no ALiBi, no
 * softcap, precision F32. The result is [d, Hq, Nq, B], i.e. BSHD; for BHSD with Nq > 1 a
 * ggml_cont of its permutation joins the graph. Per run only the data pointers change: the
 * tensors point at the caller's Q, K, V and O. The CPU backend runs the graph on a ggml
 * threadpool made once with the requested thread count, as llama.cpp attaches one.
 *
 * The libraries stay loaded once loaded: libggml-base.so installs a C++ terminate handler
 * when it is loaded and asserts that it is not already its own, so a second load at the same
 * address after an unload aborts the process (and an unload would leave the handler dangling).
 *
 * The few declarations below are ours, written from ggml.h's documentation of its public API;
 * struct ggml_tensor's leading fields are checked against the library in create(). */
#include <dirent.h>
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl_internal.h"
#include "reference.h"

#ifndef MHA_GGML_DIR_DEFAULT
#define MHA_GGML_DIR_DEFAULT "build/ggml"
#endif

enum { GG_F32 = 0, GG_F16 = 1, GG_Q8_0 = 8, GG_BF16 = 30 }; /* enum ggml_type */
enum { GG_PREC_F32 = 10, GG_MASK_PAD = 64 };

/* struct ggml_tensor up to its data pointer. */
typedef struct gg_tensor {
  int type;
  void *buffer;
  int64_t ne[4];
  size_t nb[4];
  int op;
  int32_t op_params[16];
  int32_t flags;
  void *src[10];
  void *view_src;
  size_t view_offs;
  void *data;
} gg_tensor;

typedef struct gg_init_params {
  size_t mem_size;
  void *mem_buffer;
  bool no_alloc;
} gg_init_params;

typedef struct gg_api {
  void *(*init)(gg_init_params);
  void (*free)(void *ctx);
  gg_tensor *(*new_tensor_4d)(void *ctx, int type, int64_t, int64_t, int64_t, int64_t);
  gg_tensor *(*flash_attn_ext)(void *ctx, gg_tensor *q, gg_tensor *k, gg_tensor *v, gg_tensor *mask, float scale,
                               float max_bias, float logit_softcap);
  void (*flash_attn_ext_set_prec)(gg_tensor *a, int prec);
  gg_tensor *(*permute)(void *ctx, gg_tensor *a, int, int, int, int);
  gg_tensor *(*cont)(void *ctx, gg_tensor *a);
  void *(*new_graph)(void *ctx);
  void (*build_forward_expand)(void *graph, gg_tensor *t);
  void *(*get_data)(const gg_tensor *t);
  size_t (*tensor_overhead)(void);
  size_t (*graph_overhead)(void);
  const char *(*version)(void);
  const char *(*commit)(void);
  int (*graph_compute)(void *backend, void *graph); /* enum ggml_status: 0 success */
  void (*backend_free)(void *backend);
  void (*threadpool_params_init)(void *params, int n_threads);
  /* the CPU backend's */
  void *(*cpu_init)(void);
  void (*cpu_set_n_threads)(void *backend, int n);
  void (*cpu_set_threadpool)(void *backend, void *tp);
  void *(*threadpool_new)(void *params);
  void (*threadpool_free)(void *tp);
  void (*threadpool_pause)(void *tp);
  void (*threadpool_resume)(void *tp);
} gg_api;

#define SYM(lib, f, name) {lib, offsetof(gg_api, f), name}
static const struct {
  int cpu; /* 0: libggml-base.so, 1: the CPU backend */
  size_t at;
  const char *name;
} SYMS[] = {
    SYM(0, init, "ggml_init"),
    SYM(0, free, "ggml_free"),
    SYM(0, new_tensor_4d, "ggml_new_tensor_4d"),
    SYM(0, flash_attn_ext, "ggml_flash_attn_ext"),
    SYM(0, flash_attn_ext_set_prec, "ggml_flash_attn_ext_set_prec"),
    SYM(0, permute, "ggml_permute"),
    SYM(0, cont, "ggml_cont"),
    SYM(0, new_graph, "ggml_new_graph"),
    SYM(0, build_forward_expand, "ggml_build_forward_expand"),
    SYM(0, get_data, "ggml_get_data"),
    SYM(0, tensor_overhead, "ggml_tensor_overhead"),
    SYM(0, graph_overhead, "ggml_graph_overhead"),
    SYM(0, version, "ggml_version"),
    SYM(0, commit, "ggml_commit"),
    SYM(0, graph_compute, "ggml_backend_graph_compute"),
    SYM(0, backend_free, "ggml_backend_free"),
    SYM(0, threadpool_params_init, "ggml_threadpool_params_init"),
    SYM(1, cpu_init, "ggml_backend_cpu_init"),
    SYM(1, cpu_set_n_threads, "ggml_backend_cpu_set_n_threads"),
    SYM(1, cpu_set_threadpool, "ggml_backend_cpu_set_threadpool"),
    SYM(1, threadpool_new, "ggml_threadpool_new"),
    SYM(1, threadpool_free, "ggml_threadpool_free"),
    SYM(1, threadpool_pause, "ggml_threadpool_pause"),
    SYM(1, threadpool_resume, "ggml_threadpool_resume"),
};

/* The error ggml's arithmetic allows, relative to max |O| (impl.h: mha_impl_tolerance). Its CPU
 * kernel rounds each Q row to the K type before Q K^T (BF16, F16; Q8_0: 8-bit blocks), and for
 * one query row with F16 V accumulates P V in fp16, whose rounding grows as sqrt(Nk) ulps.
 * Measured on test_impl's shapes and decode Hq32 Hkv8 d128 (Zen 5): F32 4e-7, BF16
 * 7e-4, Q8_0 2e-3, F16 2e-3, and F16 decode 8e-3 at Nk 4096, 2.6e-2 at 32768: each bound
 * below is 3x or more of what was seen. A wrong head, mask or scale moves O by its own size. */
static double tolerance(int kv, int nk) {
  switch (kv) {
  case MHA_F16: return fmax(1e-2, sqrt((double)nk) / 2048);
  case MHA_BF16: return 5e-3;
  case MHA_Q8_0: return 1e-2;
  default: return 0; /* fp32: the caller's own bound */
  }
}
static const int GG_TYPE[MHA_Q8_0 + 1] = {[MHA_F32] = GG_F32, [MHA_F16] = GG_F16, [MHA_BF16] = GG_BF16,
                                          [MHA_Q8_0] = GG_Q8_0};

/* The libraries of one folder, loaded once for the process. */
typedef struct gg_lib {
  char dir[4096], cpu[256]; /* cpu: the CPU backend build picked */
  gg_api f;
} gg_lib;

typedef struct ggml {
  gg_api f;
  void *ctx, *backend, *tp, *graph;
  gg_tensor *q, *k, *v, *res, *out; /* out: res, or its BHSD copy */
  unsigned short *mask;
  float *scratch; /* res when out is its copy */
  _Alignas(64) unsigned char tpp[4096]; /* struct ggml_threadpool_params, filled by ggml (~540 bytes) */
  int paused;                           /* idle(): the pool's workers sleep until the next run */
} ggml;

static void destroy(void *state) {
  ggml *g = state;
  if (!g) return;
  if (g->backend) g->f.backend_free(g->backend);
  if (g->tp) g->f.threadpool_free(g->tp);
  if (g->ctx) g->f.free(g->ctx);
  free(g->mask);
  free(g->scratch);
  free(g);
}

/* The CPU backend build with the highest score on this CPU (0: it cannot run here), opened;
 * NULL with why filled when there is none. */
static void *best_cpu(const char *dir, char *name, size_t nlen, char *why, size_t wlen) {
  DIR *dp = opendir(dir);
  if (!dp) {
    snprintf(why, wlen, "ggml not available: no folder %s (scripts/ggml-fetch.sh makes it)", dir);
    return NULL;
  }
  void *best = NULL;
  int best_score = 0, seen = 0;
  char path[4096];
  for (struct dirent *e; (e = readdir(dp));) {
    const size_t l = strlen(e->d_name);
    if (strncmp(e->d_name, "libggml-cpu-", 12) || l < 16 || strcmp(e->d_name + l - 3, ".so")) continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    int (*score)(void) = NULL;
    if (h) *(void **)&score = dlsym(h, "ggml_backend_score");
    const int s = score ? score() : 0;
    seen++;
    if (s > best_score) {
      if (best) dlclose(best);
      best = h, best_score = s;
      snprintf(name, nlen, "%s", e->d_name);
    } else if (h) {
      dlclose(h);
    }
  }
  closedir(dp);
  if (!best)
    snprintf(why, wlen, "ggml not available: %s", seen ? "no libggml-cpu-*.so there runs on this CPU" : "no libggml-cpu-*.so");
  return best;
}

/* The libraries in dir, loaded now or before; NULL with why filled when they are not there. A
 * folder once loaded is kept, and so is every library of another folder loaded after it. */
static const gg_lib *load(const char *dir, char *why, size_t wlen) {
  static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
  static gg_lib *last;
  pthread_mutex_lock(&mu);
  gg_lib *lib = last;
  if (lib && !strcmp(lib->dir, dir)) goto done;
  void *base = NULL, *cpu = NULL;
  char path[4096 + 32];
  lib = calloc(1, sizeof *lib);
  snprintf(path, sizeof path, "%s/libggml-base.so", dir);
  /* The CPU builds need libggml-base.so: loaded first, it is the one their DT_NEEDED finds. */
  if (!lib) {
    snprintf(why, wlen, "out of memory");
  } else if (!(base = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
    snprintf(why, wlen, "ggml not available: %s", dlerror());
  } else if ((cpu = best_cpu(dir, lib->cpu, sizeof lib->cpu, why, wlen))) {
    for (size_t i = 0; i < sizeof SYMS / sizeof *SYMS; i++) {
      void *p = dlsym(SYMS[i].cpu ? cpu : base, SYMS[i].name);
      if (!p) {
        snprintf(why, wlen, "ggml not available: %s lacks %s", SYMS[i].cpu ? lib->cpu : "libggml-base.so",
                 SYMS[i].name);
        cpu = NULL;
        break;
      }
      memcpy((char *)&lib->f + SYMS[i].at, &p, sizeof p);
    }
  }
  if (!cpu) { /* what did load stays loaded: see the top of this file */
    free(lib);
    lib = NULL;
    goto done;
  }
  snprintf(lib->dir, sizeof lib->dir, "%s", dir);
  last = lib; /* a previous folder's stays loaded, and is not used again */
done:
  pthread_mutex_unlock(&mu);
  return lib;
}

/* The npm package's name and version, as scripts/ggml-fetch.sh wrote them. */
static void package(const char *dir, char *buf, size_t n) {
  char path[4096];
  snprintf(path, sizeof path, "%s/PACKAGE", dir);
  FILE *f = fopen(path, "r");
  if (!f || !fgets(buf, (int)n, f)) snprintf(buf, n, "an unknown package");
  buf[strcspn(buf, "\n")] = 0;
  if (f) fclose(f);
}

static int create(int kind, const mha_attention_desc *desc, void **state, mha__impl_info *info, char *why,
                  size_t wlen) {
  (void)kind;
  const mha_attention_desc *d = desc;
  const int kv = d->kv_type;
  const char *dir = getenv("MHA_GGML_DIR");
  if (!dir || !*dir) dir = MHA_GGML_DIR_DEFAULT;
  ggml *g = calloc(1, sizeof *g);
  if (!g) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  const gg_lib *lib = load(dir, why, wlen);
  if (!lib) goto unsupported;
  g->f = lib->f;
  const long B = d->batch, Hq = d->heads_q, Hkv = d->heads_kv, Nq = d->seq_q, Nk = d->seq_kv, D = d->head_dim;
  const int bhsd = d->layout == MHA_LAYOUT_BHSD, masked = d->causal && Nq > 1;
  g->ctx = g->f.init((gg_init_params){16 * g->f.tensor_overhead() + g->f.graph_overhead(), NULL, true});
  if (!g->ctx) goto nomem;
  g->q = g->f.new_tensor_4d(g->ctx, GG_F32, D, Nq, Hq, B);
  g->k = g->f.new_tensor_4d(g->ctx, GG_TYPE[kv], D, Nk, Hkv, B);
  g->v = g->f.new_tensor_4d(g->ctx, GG_TYPE[kv], D, Nk, Hkv, B);
  /* Our struct ggml_tensor is the library's, or nothing below can be trusted. */
  int sentinel;
  g->q->data = &sentinel;
  if (g->q->type != GG_F32 || g->q->ne[0] != D || g->q->ne[1] != Nq || g->q->ne[2] != Hq || g->q->ne[3] != B ||
      g->q->nb[0] != 4 || g->q->nb[1] != 4 * (size_t)D || g->f.get_data(g->q) != &sentinel ||
      g->k->nb[1] != mha_ref_row_bytes(kv, d->head_dim)) {
    snprintf(why, wlen, "ggml %s: its struct ggml_tensor is not the layout impl_ggml.c declares", g->f.version());
    goto unsupported;
  }
  /* Strides in bytes: a row of Q or K/V is contiguous; heads and rows follow the layout. */
  const size_t qr = 4 * (size_t)D, kr = mha_ref_row_bytes(kv, d->head_dim);
  const size_t qs[3] = {bhsd ? qr : Hq * qr, bhsd ? Nq * qr : qr, Nq * Hq * qr};
  const size_t ks[3] = {bhsd ? kr : Hkv * kr, bhsd ? Nk * kr : kr, Nk * Hkv * kr};
  for (int i = 0; i < 3; i++) g->q->nb[i + 1] = qs[i], g->k->nb[i + 1] = ks[i], g->v->nb[i + 1] = ks[i];
  gg_tensor *mask = NULL;
  if (masked) {
    const long rows = (Nq + GG_MASK_PAD - 1) / GG_MASK_PAD * GG_MASK_PAD;
    mask = g->f.new_tensor_4d(g->ctx, GG_F16, Nk, rows, 1, 1);
    if (!(g->mask = malloc((size_t)rows * Nk * 2))) goto nomem;
    for (long i = 0; i < rows; i++)
      for (long j = 0; j < Nk; j++) g->mask[i * Nk + j] = i < Nq && j <= i + Nk - Nq ? 0 : 0xfc00; /* 0, -inf */
    mask->data = g->mask;
  }
  g->res = g->f.flash_attn_ext(g->ctx, g->q, g->k, g->v, mask, mha__impl_scale(d), 0.0f, 0.0f);
  g->f.flash_attn_ext_set_prec(g->res, GG_PREC_F32);
  g->out = g->res;
  if (bhsd && Nq > 1) {
    if (!(g->scratch = malloc((size_t)B * Hq * Nq * D * 4))) goto nomem;
    g->res->data = g->scratch; /* before the view: a view takes its data from its source */
    g->out = g->f.cont(g->ctx, g->f.permute(g->ctx, g->res, 0, 2, 1, 3));
  }
  g->graph = g->f.new_graph(g->ctx);
  g->f.build_forward_expand(g->graph, g->out);

  const int nthr = mha__impl_threads(d);
  g->f.threadpool_params_init(g->tpp, nthr);
  if (!(g->backend = g->f.cpu_init()) || !(g->tp = g->f.threadpool_new(g->tpp))) {
    snprintf(why, wlen, "ggml: the CPU backend or its %d-thread pool did not start", nthr);
    destroy(g);
    return MHA_ETHREAD;
  }
  g->f.cpu_set_n_threads(g->backend, nthr);
  g->f.cpu_set_threadpool(g->backend, g->tp);
  char pkg[128];
  package(dir, pkg, sizeof pkg);
  snprintf(info->detail, sizeof info->detail,
           "ggml %s (commit %s) of %s, %s: flash_attn_ext, K/V %s, %s, %s, %d threads", g->f.version(),
           g->f.commit(), pkg, lib->cpu, mha_kv_name(kv), masked ? "F16 causal mask" : "no mask",
           bhsd && Nq > 1 ? "O permuted to BHSD in the graph" : "O in place", nthr);
  info->tol = tolerance(kv, d->seq_kv);
  *state = g;
  return 0;
nomem:
  snprintf(why, wlen, "out of memory");
  destroy(g);
  return MHA_ENOMEM;
unsupported:
  destroy(g);
  return MHA_IMPL_UNSUPPORTED;
}

static int run(void *state, const void *q, const void *k, const void *v, void *o) {
  ggml *g = state;
  /* ggml only reads its sources; its tensors hold them as void *. */
  g->q->data = (void *)q, g->k->data = (void *)k, g->v->data = (void *)v;
  g->out->data = o;
  if (g->paused) g->f.threadpool_resume(g->tp), g->paused = 0;
  return g->f.graph_compute(g->backend, g->graph) == 0 ? 0 : -1;
}

/* ggml's pool polls for the next graph after one ends, as llama.cpp wants between its ops; in
 * a harness that takes turns that poll would take a core from the implementation timed next
 * (measured: ours at H12 N512 d64 414 GFLOP/s alone, 268 after ggml). Paused, its workers
 * sleep; the first run after resumes them (once per repetition, not per call). */
static void idle(void *state) {
  ggml *g = state;
  if (g->tp && !g->paused) g->f.threadpool_pause(g->tp), g->paused = 1;
}

/* Q/O: fp32 only (ggml's flash attention takes F32 Q and writes F32 O). */
const mha__impl_ops mha__impl_ggml = {1u << MHA_F32 | 1u << MHA_F16 | 1u << MHA_BF16 | 1u << MHA_Q8_0, 0, create,
                                      run, destroy, idle};
