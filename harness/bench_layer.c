/* bench_layer.c: make bench's layer rows (bench_layer.h). A line of the cases file:
 *   gemm   M N K threads  targets      C = A W^T (W [N][K] as nn.Linear stores it, packed once)
 *   layer  MODEL tokens causal threads targets   the forward of one sequence, no cache
 *   step   MODEL cache threads targets           decoding one token with `cache` keys cached
 * MODEL: bert-base, gpt2-medium, llama2-7b, llama3-8b, or e<E>h<Hq>k<Hkv>[b][r] for others (b:
 * biases, r: RoPE; e64h4k2r is E 64, 4 query heads, 2 KV heads, RoPE, no biases).
 * Targets: peak>=P and sgemm>=R (gemm), composite>=R and torch>=R (layer), bound<=P (step). */
#include "bench_layer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl_internal.h" /* mha__impl_threads */
#include "layer_peers.h"
#include "mha_gemm.h"
#include "reference.h"

enum { LT_PEAK, LT_SGEMM, LT_COMPOSITE, LT_TORCH, LT_BOUND, LT_COUNT };
static const char *const LT_NAME[LT_COUNT] = {"peak>=", "sgemm>=", "composite>=", "torch>=", "bound<="};
static const int LT_KIND[LT_COUNT] = {LR_GEMM, LR_GEMM, LR_LAYER, LR_LAYER, LR_STEP};
static const char *const KIND_NAME[] = {"gemm", "layer", "step"};
/* The implementations of each kind's rows, in mha_lrow.r's order. */
static const char *const IMPL_NAME[][LR_IMPLS] = {{"mhatune", "onednn", NULL},
                                                   {"mhatune", "composite", "torch"},
                                                   {"mhatune", NULL, NULL}};

/* The layers of issue 17's models (their attention blocks). */
static const struct {
  const char *name;
  mha_layer_desc d;
} MODELS[] = {
    {"bert-base", {.embed_dim = 768, .heads_q = 12, .bias = 1}},
    {"gpt2-medium", {.embed_dim = 1024, .heads_q = 16, .bias = 1}},
    {"llama2-7b", {.embed_dim = 4096, .heads_q = 32, .rope = 1}},
    {"llama3-8b", {.embed_dim = 4096, .heads_q = 32, .heads_kv = 8, .rope = 1, .rope_theta = 500000}},
};

static int model(const char *s, mha_layer_desc *d) {
  for (size_t i = 0; i < sizeof MODELS / sizeof *MODELS; i++)
    if (!strcmp(s, MODELS[i].name)) return *d = MODELS[i].d, 0;
  int e, hq, hkv, used = 0;
  if (sscanf(s, "e%dh%dk%d%n", &e, &hq, &hkv, &used) != 3) return -1;
  const char *f = s + used;
  const int bias = *f == 'b', rope = f[bias] == 'r';
  if (f[bias + rope] || e < 1 || hq < 1 || hkv < 1 || hq % hkv || e % hq || (rope && (e / hq) % 2)) return -1;
  *d = (mha_layer_desc){.embed_dim = e, .heads_q = hq, .heads_kv = hkv, .bias = bias, .rope = rope};
  return 0;
}

int mha_lrow_layer(mha_lrow *x, const char *name, int tokens, int causal, int threads) {
  memset(x, 0, sizeof *x);
  if (tokens < 1 || model(name, &x->d) != 0) return -1;
  x->kind = LR_LAYER, x->tokens = tokens, x->threads = x->d.threads = threads, x->d.causal = causal;
  snprintf(x->name, sizeof x->name, "layer"), snprintf(x->model, sizeof x->model, "%s", name);
  snprintf(x->key, sizeof x->key, "layer/%s/N%d/c%d/t%d", x->model, x->tokens, causal, threads);
  return 0;
}

int mha_lrow_parse(const char *line, mha_lrow *x, char *err, size_t errlen) {
  char kind[16] = "", rest[400];
  int used = 0;
  if (sscanf(line, "%15s%n", kind, &used) != 1) return 0;
  memset(x, 0, sizeof *x);
  for (x->kind = 0; x->kind < 3 && strcmp(kind, KIND_NAME[x->kind]); x->kind++) continue;
  if (x->kind == 3) return 0;
  snprintf(x->name, sizeof x->name, "%s", kind);
  snprintf(rest, sizeof rest, "%s", line + used);
  char *p = rest;
  int n = 0, ok = 1;
  if (x->kind == LR_GEMM) {
    ok = sscanf(p, "%d %d %d %d%n", &x->m, &x->n, &x->k, &x->threads, &n) == 4 && x->m > 0 && x->n > 0 && x->k > 0;
  } else if (x->kind == LR_LAYER) {
    int causal = 0;
    ok = sscanf(p, "%31s %d %d %d%n", x->model, &x->tokens, &causal, &x->threads, &n) == 4 && x->tokens > 0 &&
         (causal == 0 || causal == 1) && model(x->model, &x->d) == 0;
    x->d.causal = causal;
  } else {
    ok = sscanf(p, "%31s %d %d%n", x->model, &x->cache, &x->threads, &n) == 3 && x->cache >= 0 &&
         model(x->model, &x->d) == 0;
    x->d.causal = 1, x->tokens = 1;
  }
  ok = ok && x->threads >= 0;
  for (char *tok = ok ? strtok(p + n, " \t\r\n") : NULL; ok && tok; tok = strtok(NULL, " \t\r\n")) {
    int k = 0;
    while (k < LT_COUNT && strncmp(tok, LT_NAME[k], strlen(LT_NAME[k]))) k++;
    char *end;
    double v = k < LT_COUNT ? strtod(tok + strlen(LT_NAME[k]), &end) : 0;
    if (k == LT_COUNT || LT_KIND[k] != x->kind || *end || !(v > 0) || x->nt == LR_TARGETS) ok = 0;
    else x->t[x->nt].kind = k, x->t[x->nt++].want = v;
  }
  if (!ok || !x->nt) {
    snprintf(err, errlen, "expected 'gemm M N K threads' with peak>=P, sgemm>=R; 'layer MODEL tokens causal "
                          "threads' with composite>=R, torch>=R; or 'step MODEL cache threads' with bound<=P "
                          "(MODEL: bert-base, gpt2-medium, llama2-7b, llama3-8b, or e<E>h<Hq>k<Hkv>[b][r])");
    return -1;
  }
  x->d.threads = x->threads;
  if (x->kind == LR_GEMM) snprintf(x->key, sizeof x->key, "gemm/M%d/N%d/K%d/t%d", x->m, x->n, x->k, x->threads);
  else if (x->kind == LR_LAYER)
    snprintf(x->key, sizeof x->key, "layer/%s/N%d/c%d/t%d", x->model, x->tokens, x->d.causal, x->threads);
  else snprintf(x->key, sizeof x->key, "step/%s/cache%d/t%d", x->model, x->cache, x->threads);
  return 1;
}

/* ---- timing: calls taking turns, as the attention cases' implementations do ---- */

static void turn_one(void *u) {
  mha_turn *t = u;
  if (t->fn(t->arg) != 0) t->failed = 1;
}

static int cmp_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

void mha_time_turns(int n, mha_turn *tu, int *live, const char *const *names, const double *flops,
                    const double *bytes, const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json, int *nbench) {
  const int reps = bo->repetitions;
  double *t = calloc((size_t)n * reps, sizeof *t);
  mha_bench_opts one = *bo;
  one.repetitions = 1;
  for (int k = 0; k < reps && t; k++)
    for (int j = 0; j < n; j++) {
      const int i = (j + k) % n;
      if (!live[i]) continue;
      mha_bench_stats st;
      char *js = NULL;
      if (mha_bench_run(names[i], turn_one, &tu[i], &one, flops[i], bytes[i], NULL, &st, &js) != 0 || tu[i].failed) {
        snprintf(r[i].detail, sizeof r[i].detail, "%s", tu[i].failed ? "a timed run failed" : mha_bench_error());
        r[i].status = "failed";
        live[i] = 0;
      } else {
        t[(size_t)i * reps + k] = st.median_s;
        if (js) mha_gbench_merge(json, js, nbench);
      }
      free(js);
    }
  for (int i = 0; i < n; i++) {
    if (!live[i] || !t) continue;
    double *ti = t + (size_t)i * reps, mean = 0, var = 0;
    for (int k = 0; k < reps; k++) mean += ti[k] / reps;
    for (int k = 0; k < reps; k++) var += (ti[k] - mean) * (ti[k] - mean) / (reps > 1 ? reps - 1 : 1);
    qsort(ti, (size_t)reps, sizeof *ti, cmp_double);
    r[i].status = "ok";
    r[i].median_s = reps % 2 ? ti[reps / 2] : 0.5 * (ti[reps / 2 - 1] + ti[reps / 2]);
    r[i].cv = mean > 0 ? sqrt(var) / mean : 0;
    r[i].gflops = flops[i] / r[i].median_s * 1e-9, r[i].gbs = bytes[i] / r[i].median_s * 1e-9;
  }
  free(t);
}

/* The row's live calls (status "ok" so far) timed: every call counts the row's FLOPs and bytes. */
static void time_turns(int n, mha_turn *tu, const char *const *names, double flops, double bytes,
                       const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json, int *nbench) {
  int live[LR_IMPLS];
  double f[LR_IMPLS], b[LR_IMPLS];
  for (int i = 0; i < n; i++) live[i] = !strcmp(r[i].status, "ok"), f[i] = flops, b[i] = bytes;
  if (!n) return;
  mha_time_turns(n, tu, live, names, f, b, bo, r, json, nbench);
  for (int i = 0; i < n; i++) /* calloc failed: no time */
    if (live[i] && !(r[i].median_s > 0)) r[i].status = "failed", snprintf(r[i].detail, sizeof r[i].detail, "out of memory");
}

static float *filled(size_t n, uint32_t seed, float amp) {
  float *x = aligned_alloc(64, (n * 4 + 63) / 64 * 64);
  if (!x) return NULL;
  mha_fill(x, n, seed);
  for (size_t i = 0; i < n; i++) x[i] *= amp;
  return x;
}

static void fail(mha_measured *r, const char *fmt, const char *a, const char *b) {
  r->status = "failed";
  snprintf(r->detail, sizeof r->detail, fmt, a, b);
}

/* Error of got against want, relative to max |want|; the check the attention peers pass. */
static double rel_err(const float *got, const double *want, size_t n, size_t stride_got, size_t stride_want,
                      size_t rows) {
  double e = 0, mx = 1e-30;
  for (size_t r = 0; r < rows; r++)
    for (size_t i = 0; i < n; i++) {
      const double g = got[r * stride_got + i], w = want[r * stride_want + i];
      e = isfinite(g) ? fmax(e, fabs(g - w)) : INFINITY;
      mx = fmax(mx, fabs(w));
    }
  return e / mx;
}

/* fp32 sums of K terms against double: K^(1/2) roundings of 2^-24 at worst-ish, with room. */
static double tol_for(int depth) { return 2e-6 * sqrt((double)depth) + 1e-6; }

/* ---- gemm ---- */

typedef struct gemm_ours {
  const mha__gemm_w *w;
  int m;
  const float *a;
  mha__gemm_out out;
  int threads;
} gemm_ours;
static int run_gemm_ours(void *u) {
  gemm_ours *g = u;
  return mha__gemm_run(NULL, g->threads, g->w, g->m, g->a, g->w->kdim, &g->out);
}
typedef struct gemm_dnnl {
  mha_dnnl_linear *l;
  const float *a;
  float *c;
} gemm_dnnl;
static int run_gemm_dnnl(void *u) {
  gemm_dnnl *g = u;
  return mha_dnnl_linear_run(g->l, g->a, g->c);
}

/* Rows of C checked against double: 16 spread evenly (every row where there are fewer), each
 * over the whole depth. */
static int gemm_check(const mha_lrow *x, const float *a, const float *w, const float *c, double *err) {
  const int rows = x->m < 16 ? x->m : 16;
  double *ref = malloc((size_t)x->n * 8);
  if (!ref) return -1;
  *err = 0;
  for (int s = 0; s < rows; s++) {
    const int i = rows > 1 ? (int)((long)s * (x->m - 1) / (rows - 1)) : 0;
    for (int j = 0; j < x->n; j++) {
      double v = 0;
      for (int p = 0; p < x->k; p++) v += (double)a[(size_t)i * x->k + p] * w[(size_t)j * x->k + p];
      ref[j] = v;
    }
    *err = fmax(*err, rel_err(c + (size_t)i * x->n, ref, (size_t)x->n, 0, 0, 1));
  }
  free(ref);
  return 0;
}

static void measure_gemm(mha_lrow *x, const mha_bench_opts *bo, mha_sbuf *json, int *nbench) {
  const size_t na = (size_t)x->m * x->k, nw = (size_t)x->n * x->k, nc = (size_t)x->m * x->n;
  float *a = filled(na, 1, 1), *w = filled(nw, 2, 1 / sqrtf((float)x->k)), *c = filled(nc, 3, 0);
  mha__gemm_w pw = {0};
  mha_dnnl_linear *l = NULL;
  char why[512] = "";
  x->flops = 2.0 * x->m * x->n * x->k;
  for (int i = 0; i < 2; i++) x->r[i].status = "ok";
  if (!a || !w || !c) {
    fail(&x->r[0], "out of memory%s%s", "", ""), fail(&x->r[1], "out of memory%s%s", "", "");
    goto done;
  }
  const mha__gemm_kernel *k = mha__gemm_pick(x->m, x->n, x->k, 0);
  if (!k) fail(&x->r[0], "no GEMM kernel for this CPU%s%s", "", "");
  else if (mha__gemm_pack(k, w, x->k, x->n, x->k, NULL, &pw) != 0) fail(&x->r[0], "packing: out of memory%s%s", "", "");
  else snprintf(x->r[0].detail, sizeof x->r[0].detail, "%s, weights packed once", k->name);
  if (mha_dnnl_linear_create(x->m, x->n, x->k, 0, 0, x->threads, w, NULL, &l, why, sizeof why) != 0)
    x->r[1].status = "failed", snprintf(x->r[1].detail, sizeof x->r[1].detail, "%s", why);
  else snprintf(x->r[1].detail, sizeof x->r[1].detail, "%s", mha_dnnl_linear_detail(l));
  mha__gemm_ws ws = {0}; /* kept between calls, as a layer keeps it (oneDNN its scratchpad) */
  gemm_ours go = {&pw, x->m, a, {.c = c, .ldc = x->n, .ws = &ws}, x->threads};
  gemm_dnnl gd = {l, a, c};
  mha_turn tu[2] = {{run_gemm_ours, &go, 0}, {run_gemm_dnnl, &gd, 0}};
  for (int i = 0; i < 2; i++) { /* checked before timed */
    if (strcmp(x->r[i].status, "ok")) continue;
    double e = 0;
    memset(c, 0xff, nc * 4);
    if (tu[i].fn(tu[i].arg) != 0) fail(&x->r[i], "run failed%s%s", "", "");
    else if (gemm_check(x, a, w, c, &e) != 0) fail(&x->r[i], "out of memory%s%s", "", "");
    else if (!(e <= tol_for(x->k))) {
      char m[64];
      snprintf(m, sizeof m, "%.3g", e);
      fail(&x->r[i], "wrong: max error %s of max |C| against the double reference%s", m, "");
    }
    x->r[i].max_err = e;
  }
  char names[2][220];
  const char *np[2];
  for (int i = 0; i < 2; i++) snprintf(names[i], sizeof names[i], "bench/%s/%s", x->key, IMPL_NAME[LR_GEMM][i]), np[i] = names[i];
  time_turns(2, tu, np, x->flops, 4.0 * (na + nw + nc), bo, x->r, json, nbench);
  mha__gemm_ws_free(&ws);
done:
  mha__gemm_w_free(&pw);
  mha_dnnl_linear_destroy(l);
  free(a), free(w), free(c);
}

/* ---- layer and step ---- */

typedef struct lw {
  float *w, *b, *wo, *bo;
  size_t nw, nb, nwo;
} lw;

static int layer_weights(const mha_layer_desc *d, lw *L) {
  const int E = d->embed_dim, hq = d->heads_q, hkv = d->heads_kv ? d->heads_kv : hq, hd = E / hq;
  L->nw = (size_t)(hq + 2 * hkv) * hd * E, L->nb = (size_t)(hq + 2 * hkv) * hd, L->nwo = (size_t)E * hq * hd;
  L->w = filled(L->nw, 11, 1 / sqrtf((float)E)), L->b = filled(L->nb, 12, 0.1f);
  L->wo = filled(L->nwo, 13, 1 / sqrtf((float)E)), L->bo = filled((size_t)E, 14, 0.1f);
  return L->w && L->b && L->wo && L->bo ? 0 : -1;
}
static void lw_free(lw *L) { free(L->w), free(L->b), free(L->wo), free(L->bo); }

static double layer_flops(const mha_layer_desc *d, int nq, int nk) {
  const double E = d->embed_dim, hq = d->heads_q, hkv = d->heads_kv ? d->heads_kv : hq, hd = E / hq;
  double pairs = d->causal ? 0 : (double)nq * nk;
  for (int i = 0; d->causal && i < nq; i++) pairs += fmin(nk, i + nk - nq + 1);
  return 2.0 * nq * E * (hq + 2 * hkv) * hd + 2.0 * nq * hq * hd * E + 4.0 * hd * hq * pairs;
}

typedef struct layer_ours {
  struct mha_layer *L;
  int seq;
  const float *x;
  float *y;
  mha_kv_cache *cache;
} layer_ours;
static int run_layer_ours(void *u) {
  layer_ours *o = u;
  return mha_layer_forward(o->L, 1, o->seq, o->x, o->seq, NULL, o->cache, o->y);
}
typedef struct layer_comp {
  mha_composite *c;
  const float *x;
  float *y;
} layer_comp;
static int run_layer_comp(void *u) {
  layer_comp *o = u;
  return mha_composite_run(o->c, o->x, NULL, o->y);
}

/* got against the double layer: 0, or r failed saying by how much. */
static void check_layer(mha_measured *r, const float *got, const double *want, size_t rows, int E, size_t gs,
                        size_t ws) {
  const double e = rel_err(got, want, (size_t)E, gs, ws, rows);
  r->max_err = e;
  if (!(e <= 1e-4)) {
    char m[64];
    snprintf(m, sizeof m, "%.3g", e);
    fail(r, "wrong: max error %s of max |y| against the double reference layer%s", m, "");
  }
}

/* Causal rows see only the tokens up to theirs: the first CHECK_ROWS rows of a causal layer's
 * output are its output on the first CHECK_ROWS tokens, which the double reference computes in
 * seconds where the whole of llama2-7b's 1024 tokens would take minutes. */
enum { CHECK_ROWS = 256 };

static void measure_layer(mha_lrow *x, const mha_bench_opts *bo, mha_sbuf *json, int *nbench) {
  const mha_layer_desc *d = &x->d;
  const int E = d->embed_dim, N = x->tokens, P = d->causal && N > CHECK_ROWS ? CHECK_ROWS : N;
  const size_t ny = (size_t)N * E;
  lw W = {0};
  float *in = filled(ny, 21, 1), *y = filled(ny, 22, 0);
  double *ref = malloc((size_t)P * E * 8);
  struct mha_layer *L = NULL;
  mha_composite *cp = NULL;
  char why[512] = "";
  x->flops = layer_flops(d, N, N);
  for (int i = 0; i < LR_IMPLS; i++) x->r[i].status = "ok";
  if (layer_weights(d, &W) != 0 || !in || !y || !ref) {
    for (int i = 0; i < LR_IMPLS; i++) fail(&x->r[i], "out of memory%s%s", "", "");
    goto done;
  }
  const float *b = d->bias ? W.b : NULL, *bo2 = d->bias ? W.bo : NULL;
  if (mha_ref_layer(d, W.w, b, W.wo, bo2, 1, P, in, P, NULL, ref) != 0) {
    for (int i = 0; i < LR_IMPLS; i++) fail(&x->r[i], "the reference cannot make this layer%s%s", "", "");
    goto done;
  }
  int rc = mha_layer_create(d, W.w, b, W.wo, bo2, &L);
  if (rc) fail(&x->r[0], "mha_layer_create: %s%s", mha_strerror(rc), "");
  else snprintf(x->r[0].detail, sizeof x->r[0].detail, "mha_layer_forward, weights packed once in mha_layer_create");
  if ((rc = mha_composite_create(d, 1, N, N, W.w, b, W.wo, bo2, mha_attention, &cp, why, sizeof why)) != 0)
    x->r[1].status = rc == 1 ? "unsupported" : "failed", snprintf(x->r[1].detail, sizeof x->r[1].detail, "%s", why);
  else snprintf(x->r[1].detail, sizeof x->r[1].detail, "%s", mha_composite_detail(cp));
  layer_ours lo = {L, N, in, y, NULL};
  layer_comp lc = {cp, in, y};
  mha_turn tu[2] = {{run_layer_ours, &lo, 0}, {run_layer_comp, &lc, 0}};
  for (int i = 0; i < 2; i++) {
    if (strcmp(x->r[i].status, "ok")) continue;
    memset(y, 0xff, ny * 4);
    if ((rc = tu[i].fn(tu[i].arg)) != 0) fail(&x->r[i], "run failed: %s%s", mha_strerror(rc), "");
    else check_layer(&x->r[i], y, ref, (size_t)P, E, (size_t)E, (size_t)E);
  }
  /* torch in its own process, on the same threads: checked on its first call, then timed there. */
  double med = 0, cv = 0;
  memset(y, 0xff, ny * 4);
  rc = mha_torch_layer(d, 1, N, in, NULL, W.w, W.b, W.wo, W.bo, x->threads ? x->threads : mha__impl_threads(&(mha_attention_desc){0}),
                       bo->min_time_s, bo->repetitions, y, &med, &cv, x->r[2].detail, sizeof x->r[2].detail, why,
                       sizeof why);
  if (rc) {
    x->r[2].status = rc == 1 ? "unsupported" : "failed";
    snprintf(x->r[2].detail, sizeof x->r[2].detail, "%s", why);
  } else {
    check_layer(&x->r[2], y, ref, (size_t)P, E, (size_t)E, (size_t)E);
    x->r[2].median_s = med, x->r[2].cv = cv, x->r[2].gflops = x->flops / med * 1e-9;
  }
  char names[2][220];
  const char *np[2];
  for (int i = 0; i < 2; i++) snprintf(names[i], sizeof names[i], "bench/%s/%s", x->key, IMPL_NAME[LR_LAYER][i]), np[i] = names[i];
  time_turns(2, tu, np, x->flops, 0, bo, x->r, json, nbench);
done:
  mha_layer_destroy(L);
  mha_composite_destroy(cp);
  lw_free(&W), free(in), free(y), free(ref);
}

/* A step: one token through the layer with x->cache keys already in its cache (capacity one
 * more). Checked first on a short prompt (8 tokens, then one step) against the double layer
 * over the 9 tokens; timed at the cache's length, the step rewriting the same cache row. */
static void measure_step(mha_lrow *x, const mha_bench_opts *bo, mha_sbuf *json, int *nbench) {
  const mha_layer_desc *d = &x->d;
  const int E = d->embed_dim, hq = d->heads_q, hkv = d->heads_kv ? d->heads_kv : hq, hd = E / hq, P = 8;
  const size_t cache_el = (size_t)hkv * (x->cache + 1) * hd;
  lw W = {0};
  float *in = filled((size_t)(P + 1) * E, 31, 1), *y = filled((size_t)(P + 1) * E, 32, 0);
  float *ck = filled(cache_el > (size_t)hkv * (P + 1) * hd ? cache_el : (size_t)hkv * (P + 1) * hd, 33, 1);
  float *cv = filled(cache_el > (size_t)hkv * (P + 1) * hd ? cache_el : (size_t)hkv * (P + 1) * hd, 34, 1);
  double *ref = malloc((size_t)(P + 1) * E * 8);
  struct mha_layer *L = NULL;
  x->r[0].status = "ok";
  x->flops = layer_flops(d, 1, x->cache + 1);
  x->bytes = 4.0 * ((double)(hq + 2 * hkv) * hd * E + (double)E * hq * hd) + 4.0 * 2 * cache_el;
  if (layer_weights(d, &W) != 0 || !in || !y || !ck || !cv || !ref) {
    fail(&x->r[0], "out of memory%s%s", "", "");
    goto done;
  }
  const float *b = d->bias ? W.b : NULL, *bo2 = d->bias ? W.bo : NULL;
  int rc = mha_layer_create(d, W.w, b, W.wo, bo2, &L);
  if (rc) {
    fail(&x->r[0], "mha_layer_create: %s%s", mha_strerror(rc), "");
    goto done;
  }
  snprintf(x->r[0].detail, sizeof x->r[0].detail, "mha_layer_forward with a KV cache, one token");
  if (mha_ref_layer(d, W.w, b, W.wo, bo2, 1, P + 1, in, P + 1, NULL, ref) != 0) {
    fail(&x->r[0], "the reference cannot make this layer%s%s", "", "");
    goto done;
  }
  mha_kv_cache c = {ck, cv, P + 1, 0};
  if ((rc = mha_layer_forward(L, 1, P, in, P, NULL, &c, y)) != 0 ||
      (c.len = P, rc = mha_layer_forward(L, 1, 1, in + (size_t)P * E, 1, NULL, &c, y + (size_t)P * E)) != 0) {
    fail(&x->r[0], "the short prompt: %s%s", mha_strerror(rc), "");
    goto done;
  }
  check_layer(&x->r[0], y + (size_t)P * E, ref + (size_t)P * E, 1, E, 0, 0);
  mha_kv_cache big = {ck, cv, x->cache + 1, x->cache};
  layer_ours lo = {L, 1, in, y, &big};
  mha_turn tu = {run_layer_ours, &lo, 0};
  char name[220];
  const char *np = name;
  snprintf(name, sizeof name, "bench/%s/mhatune", x->key);
  time_turns(1, &tu, &np, x->flops, x->bytes, bo, x->r, json, nbench);
done:
  mha_layer_destroy(L);
  lw_free(&W), free(in), free(y), free(ck), free(cv), free(ref);
}

/* The FMA peak or read bandwidth for `threads` threads (0: all). */
static double for_threads(double all, double one, int threads, int pk_threads) {
  return threads == 0 || threads >= pk_threads ? all : fmin(all, threads * one);
}

void mha_lrow_measure(mha_lrow *x, const mha_machine *m, const mha_peak *pk, const mha_bench_opts *bo,
                      mha_sbuf *json, int *nbench) {
  if (x->kind == LR_GEMM) measure_gemm(x, bo, json, nbench);
  else if (x->kind == LR_LAYER) measure_layer(x, bo, json, nbench);
  else measure_step(x, bo, json, nbench);
  const mha_measured *o = &x->r[0];
  const int ok = !strcmp(o->status, "ok");
  for (int i = 0; i < x->nt; i++) {
    __typeof__(x->t[0]) *t = &x->t[i];
    const mha_measured *p = t->kind == LT_SGEMM || t->kind == LT_COMPOSITE ? &x->r[1] : &x->r[2];
    const int pok = p->status && !strcmp(p->status, "ok");
    switch (t->kind) {
    case LT_PEAK:
      t->ref = for_threads(mha_peak_gflops(pk, m->isa, 0), mha_peak_gflops(pk, m->isa, 1), x->threads, pk->threads);
      t->got = ok && t->ref > 0 ? 100 * o->gflops / t->ref : 0;
      t->met = ok && t->got >= t->want;
      break;
    case LT_SGEMM: case LT_COMPOSITE: case LT_TORCH: /* the peer's time over ours */
      t->got = ok && pok ? p->median_s / o->median_s : 0;
      t->met = ok && pok && t->got >= t->want;
      break;
    case LT_BOUND: /* ours as a % of the time the bytes take at the read bandwidth */
      t->ref = for_threads(pk->read_gbs_all, pk->read_gbs_one, x->threads, pk->threads);
      t->got = ok && t->ref > 0 ? 100 * o->median_s / (x->bytes / (t->ref * 1e9)) : 0;
      t->met = ok && t->ref > 0 && t->got <= t->want;
      break;
    }
  }
}

static void target_text(const mha_lrow *x, int i, char *buf, size_t n) {
  const __typeof__(x->t[0]) *t = &x->t[i];
  const char *verdict = t->met ? "met" : "MISSED";
  if (t->kind == LT_PEAK)
    snprintf(buf, n, "peak>=%g: %.1f%% of %.0f GFLOP/s, %s", t->want, t->got, t->ref, verdict);
  else if (t->kind == LT_BOUND)
    snprintf(buf, n, "bound<=%g: %.1f%% of the bound (%.2f GB/s), %s", t->want, t->got, t->ref, verdict);
  else snprintf(buf, n, "%s%g: %.2fx, %s", LT_NAME[t->kind], t->want, t->got, verdict);
}

static void fig(const mha_lrow *x, const mha_measured *r, char *buf, size_t n) {
  if (!r->status) snprintf(buf, n, "-");
  else if (strcmp(r->status, "ok")) snprintf(buf, n, "%s", r->status);
  else if (x->kind == LR_GEMM) snprintf(buf, n, "%.1f GFLOP/s", r->gflops);
  else if (x->kind == LR_STEP) snprintf(buf, n, "%.0f us, %.1f GB/s", r->median_s * 1e6, x->bytes / r->median_s * 1e-9);
  else snprintf(buf, n, "%.2f ms, %.1f GFLOP/s", r->median_s * 1e3, r->gflops);
}

void mha_lrow_write(const mha_lrow *x, mha_sbuf *md, mha_sbuf *tsv, int *met, int *total) {
  char tg[600] = "", one[160], f[3][80], sh[160];
  for (int i = 0; i < x->nt; i++) {
    target_text(x, i, one, sizeof one);
    snprintf(tg + strlen(tg), sizeof tg - strlen(tg), "%s%s", i ? "; " : "", one);
    *met += x->t[i].met, (*total)++;
  }
  for (int i = 0; i < LR_IMPLS; i++) fig(x, &x->r[i], f[i], sizeof f[i]);
  if (x->kind == LR_GEMM) snprintf(sh, sizeof sh, "C = A W^T, M %d, N %d, K %d", x->m, x->n, x->k);
  else if (x->kind == LR_LAYER)
    snprintf(sh, sizeof sh, "%s layer, %d tokens%s", x->model, x->tokens, x->d.causal ? ", causal" : "");
  else snprintf(sh, sizeof sh, "%s layer, 1 token, cache %d", x->model, x->cache);
  const char *th = x->threads ? "" : "all";
  char tht[16];
  snprintf(tht, sizeof tht, "%d", x->threads);
  /* The table's columns are the attention cases': a layer's peers sit under oneDNN and
   * OpenBLAS, each named in its cell. */
  if (x->kind == LR_GEMM)
    mha_sb_printf(md, "| %s | %s | %s | %s | %s | | | %s |\n", x->name, sh, *th ? th : tht, f[0], f[1], tg);
  else if (x->kind == LR_LAYER)
    mha_sb_printf(md, "| %s | %s | %s | %s | composite: %s | torch: %s | | %s |\n", x->name, sh, *th ? th : tht, f[0],
                  f[1], f[2], tg);
  else mha_sb_printf(md, "| %s | %s | %s | %s | | | | %s |\n", x->name, sh, *th ? th : tht, f[0], tg);
  for (int i = 0; i < LR_IMPLS; i++) {
    const mha_measured *r = &x->r[i];
    if (!IMPL_NAME[x->kind][i]) continue;
    mha_sb_printf(tsv, "%s\t%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%s\t%s\n", x->key, IMPL_NAME[x->kind][i],
                  r->status ? r->status : "-", r->median_s, r->cv, r->gflops,
                  x->kind == LR_STEP && r->median_s > 0 ? x->bytes / r->median_s * 1e-9 : 0, i ? "-" : tg, r->detail);
  }
}

void mha_lrow_what(const mha_lrow *x, mha_sbuf *md) {
  for (int i = 0; i < LR_IMPLS; i++)
    if (IMPL_NAME[x->kind][i]) mha_sb_printf(md, "- %s, %s: %s\n", x->key, IMPL_NAME[x->kind][i], x->r[i].detail);
}
