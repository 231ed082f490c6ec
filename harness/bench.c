/* bench.c: `make bench`. The performance targets of the project, measured side by side in one
 * run on this machine: our tuned library through its public API, oneDNN, OpenBLAS and ggml
 * (llama.cpp's flash attention, where scripts/ggml-fetch.sh could fetch it) on the cases of
 * harness/bench.txt, K and V in each case's KV type, next to the FMA peak and the read bandwidth measured in the same
 * run, again just before and after each case they judge (--peak-budget S at the start, S/2 each
 * there; the higher of the two counts). Each implementation is checked against the
 * double-precision reference before it is timed (harness/measure.c). Prints a table, and writes bench.tsv, bench.md and
 * gbench-bench.json into results/<machine-id>/.
 * A paired case (speedup>=, cost<=, untuned<=, f32>=, qof32>=) times ours alone: the line's call, 0.2
 * fields and all, through mha_attention of libmha.so loaded here, against the call it is paired
 * with, their repetitions taking turns the same way; each call is checked first against the
 * reference computed, row by row, on the keys that row sees (see verify()).
 * The first prefill, causal and decode cases also get a scaling line (scaling()): parallel
 * efficiency, all cores against one, and the plan model's critical path for the call.
 * Usage: mha-bench [--cases FILE] [--results DIR] [--min-time S] [--reps N] [--peak-budget S] [--strict]
 * --strict: exit 1 when a target is missed (by default the table says so and the exit is 0). */
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bench_layer.h"
#include "impl.h"
#include "mha_internal.h"
#include "measure.h"
#include "peak.h"
#include "reference.h"
#include "registry.h"
#include "tune.h"

#ifndef MHA_LIB_DIR_DEFAULT
#define MHA_LIB_DIR_DEFAULT "build"
#endif

enum { MAX_TARGETS = 4, PEERS = 4, NTARGETS = 10, MAX_SETS = 64 };
static const int PEER_KIND[PEERS] = {MHA_IMPL_TUNED, MHA_IMPL_ONEDNN, MHA_IMPL_OPENBLAS, MHA_IMPL_GGML};

typedef enum { T_PEAK, T_ONEDNN, T_BW, T_MEM, T_GGML, T_SPEEDUP, T_COST, T_UNTUNED, T_F32, T_QOF32 } target_kind;
static const char *const TARGET_NAME[NTARGETS] = {"peak>=",    "onednn>=", "bw>=",      "mem<=", "ggml>=",
                                                  "speedup>=", "cost<=",   "untuned<=", "f32>=", "qof32>="};

/* The calls of a paired case: the line's own, and those its targets pair it with. */
enum { P_SELF, P_PLAIN, P_UNTUNED, P_F32, P_QOF32, PCALLS };
static const char *const PCALL_IMPL[PCALLS] = {"mhatune", "mhatune-plain", "mhatune-untuned", "mhatune-f32",
                                               "mhatune-qof32"};
static const char *const PCALL_WHAT[PCALLS] = {"", "the plain call", "the untuned default", "all f32",
                                               "f32 Q/O"};
static const int PAIRED_WITH[NTARGETS] = {-1, -1, -1, -1, -1, P_PLAIN, P_PLAIN, P_UNTUNED, P_F32, P_QOF32};

/* The paired call's desc: the plain call (0.1 fields and the types) with every type f32
 * (P_F32), or Q and O f32 (P_QOF32). */
static mha_attention_desc paired_desc(const mha_attention_desc *d, int p) {
  mha_attention_desc x = *d;
  if (p == P_F32) x.kv_type = MHA_F32;
  if (p == P_F32 || p == P_QOF32) x.q_type = x.o_type = MHA_F32;
  return x;
}

/* A line's 0.2 options (the call's fields; zero: not given). */
typedef struct opts {
  int window, lens, lens_on, kvcap, strides, lse, alibi_on;
  float alibi;
} opts;

typedef struct target {
  target_kind kind;
  double want;
  double got; /* what was measured: % of peak or bandwidth, a ratio, % of a score matrix */
  double ref; /* peak: the GFLOP/s, bw: the GB/s that got is a percentage of */
  int met;
} target;

typedef struct bcase {
  char name[32], key[176];
  mha_attention_desc desc;
  target t[MAX_TARGETS];
  int nt;
  int mem_only;
  mha_measured m[PEERS];
  double extra_bytes; /* mem: peak resident memory of one call beyond its inputs */
  mha_peak pk;        /* the peak or bandwidth measured again around the case: the higher */
  opts o;
  int paired;                /* a bit per call of a paired case (1 << P_SELF, ...); 0: not paired */
  mha_measured pm[PCALLS];   /* a paired case's calls */
  double flops[PCALLS], kvb[PCALLS]; /* per call: FLOPs of the visible pairs, K/V bytes it must read */
  int layer;   /* a layer row (gemm, layer, step: bench_layer.h), lr; the fields above unused */
  mha_lrow lr;
} bcase;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "mha-bench: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}

/* A whole token as an int >= lo, or -1 (lo >= 0). */
static long whole(const char *s, long lo) {
  char *end;
  errno = 0;
  const long v = strtol(s, &end, 10);
  return end != s && !*end && !errno && v >= lo && v <= 1L << 30 ? v : -1;
}

/* One key=value option of a case line into x; 1 taken, 0 not an option, -1 a bad value. */
static int read_option(const char *tok, bcase *x) {
  opts *o = &x->o;
  const char *v = strchr(tok, '=');
  if (!v) return 0;
  v++;
  if (!strncmp(tok, "kv=", 3)) {
    x->desc.kv_type = mha_kv_parse(v);
    return x->desc.kv_type < 0 ? -1 : 1;
  }
  if (!strncmp(tok, "qo=", 3)) {
    x->desc.q_type = x->desc.o_type = mha_qo_parse(v);
    return x->desc.q_type <= MHA_F32 ? -1 : 1;
  }
  if (!strncmp(tok, "window=", 7)) return (o->window = (int)whole(v, 1)) < 0 ? -1 : 1;
  if (!strncmp(tok, "lens=", 5)) return (o->lens = (int)whole(v, 0)) < 0 ? -1 : (o->lens_on = 1);
  if (!strncmp(tok, "kvcap=", 6)) return (o->kvcap = (int)whole(v, 1)) < 0 ? -1 : 1;
  if (!strncmp(tok, "strides=", 8)) return strcmp(v, "packed") ? -1 : (o->strides = 1);
  if (!strncmp(tok, "lse=", 4)) return strcmp(v, "1") ? -1 : (o->lse = 1);
  if (!strncmp(tok, "alibi=", 6)) {
    char *end;
    o->alibi = strtof(v, &end);
    return end == v || *end || !isfinite(o->alibi) ? -1 : (o->alibi_on = 1);
  }
  return 0;
}

static int has02(const opts *o) { return o->window || o->lens_on || o->kvcap || o->strides || o->lse || o->alibi_on; }

/* Reads the cases file; -1 with file:line in err when a line is not a valid case. */
static int read_cases(const char *path, bcase **out, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  bcase *c = NULL;
  int n = 0, lineno = 0;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *s = line + strspn(line, " \t\r\n");
    if (!*s || *s == '#') continue;
    bcase x;
    memset(&x, 0, sizeof x);
    mha_attention_desc *d = &x.desc;
    int used = 0;
    const int lr = mha_lrow_parse(s, &x.lr, err, errlen);
    if (lr < 0) goto bad_layer;
    if (lr) {
      x.layer = 1;
      snprintf(x.name, sizeof x.name, "%s", x.lr.name), snprintf(x.key, sizeof x.key, "%s", x.lr.key);
      goto add;
    }
    if (sscanf(s, "%31s %d %d %d %d %d %d %d %d%n", x.name, &d->batch, &d->heads_q, &d->heads_kv, &d->seq_q,
               &d->seq_kv, &d->head_dim, &d->causal, &d->threads, &used) != 9 ||
        d->batch < 1 || d->heads_q < 1 || d->heads_kv < 1 || d->heads_q % d->heads_kv || d->seq_q < 1 ||
        d->seq_kv < 1 || d->head_dim < 1 || (d->causal != 0 && d->causal != 1) || d->threads < 0)
      goto bad;
    d->layout = MHA_LAYOUT_BHSD;
    int unpaired = 0;
    for (char *p = s + used, *tok; (tok = strtok(p, " \t\r\n")); p = NULL) {
      const int opt = read_option(tok, &x);
      if (opt < 0) goto bad;
      if (opt) continue;
      int k = 0;
      while (k < NTARGETS && strncmp(tok, TARGET_NAME[k], strlen(TARGET_NAME[k]))) k++;
      char *end;
      if (k == NTARGETS || x.nt == MAX_TARGETS) goto bad;
      double v = strtod(tok + strlen(TARGET_NAME[k]), &end);
      if (*end || !(v > 0)) goto bad;
      x.t[x.nt++] = (target){(target_kind)k, v, 0, 0, 0};
      if (k == T_MEM) x.mem_only = 1;
      if (PAIRED_WITH[k] >= 0) x.paired |= 1 << P_SELF | 1 << PAIRED_WITH[k];
      else unpaired = 1;
    }
    const opts *o = &x.o;
    if (!x.nt || (x.mem_only && (x.nt != 1 || d->kv_type != MHA_F32 || d->q_type != MHA_F32)) ||
        (d->kv_type == MHA_Q8_0 && d->head_dim % 32))
      goto bad;
    /* 0.2 options only in a paired case (the peers take none), pairs never beside the peers' targets,
     * speedup and cost against a plain call that differs, f32 on a plain call of another type,
     * qof32 on one with bf16 or f16 Q/O. */
    if ((x.paired && unpaired) || (has02(o) && !x.paired) || ((x.paired >> P_PLAIN & 1) && !has02(o)) ||
        ((x.paired >> P_F32 & 1) && (has02(o) || (d->kv_type == MHA_F32 && d->q_type == MHA_F32))) ||
        ((x.paired >> P_QOF32 & 1) && (has02(o) || d->q_type == MHA_F32)))
      goto bad;
    if ((o->window && !d->causal) || (o->lens_on && o->lens > d->seq_kv) || (o->kvcap && o->kvcap < d->seq_kv))
      goto bad;
    int at = snprintf(x.key, sizeof x.key, "%s/B%d/Hq%d/Hkv%d/Nq%d/Nk%d/d%d/c%d/t%d%s%s%s%s", x.name, d->batch,
                      d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal, d->threads,
                      d->kv_type ? "/kv-" : "", d->kv_type ? mha_kv_name(d->kv_type) : "",
                      d->q_type ? "/qo-" : "", d->q_type ? mha_kv_name(d->q_type) : "");
#define KEY_PART(...) at += snprintf(x.key + at, at < (int)sizeof x.key ? sizeof x.key - (size_t)at : 0, __VA_ARGS__)
    if (o->window) KEY_PART("/w%d", o->window);
    if (o->lens_on) KEY_PART("/lens%d", o->lens);
    if (o->kvcap) KEY_PART("/cap%d", o->kvcap);
    if (o->strides) KEY_PART("/strides");
    if (o->lse) KEY_PART("/lse");
    if (o->alibi_on) KEY_PART("/alibi%g", o->alibi);
#undef KEY_PART
    if (at >= (int)sizeof x.key) goto bad;
  add:;
    bcase *nc = realloc(c, sizeof *c * (size_t)(n + 1));
    if (!nc) {
      snprintf(err, errlen, "out of memory");
      goto fail;
    }
    c = nc;
    c[n++] = x;
  }
  fclose(f);
  if (!n) {
    snprintf(err, errlen, "%s: no case", path);
    free(c);
    return -1;
  }
  *out = c;
  return n;
bad:
  snprintf(err, errlen,
           "%.300s:%d: expected 'case B Hq Hkv Nq Nk d causal threads', options kv=f32|f16|bf16|q8_0 (head_dim a "
           "multiple of 32 for q8_0), qo=bf16|f16, window=W (causal only), lens=N (N <= Nk), kvcap=C (C >= Nk), strides=packed, "
           "lse=1, alibi=S, and targets: peak>=P, onednn>=R, ggml>=R, bw>=P, or mem<=P alone (f32, no option); "
           "or, ours alone, paired: speedup>=R and cost<=P (with a 0.2 option), untuned<=R, f32>=P (kv or qo not f32, "
           "no 0.2 option), qof32>=P (qo not f32, no 0.2 option); the 0.2 options (window, lens, kvcap, strides, lse, alibi) only with paired targets",
           path, lineno);
  goto fail;
bad_layer: { /* err holds what a layer line must be */
  char what[400];
  snprintf(what, sizeof what, "%.390s", err);
  snprintf(err, errlen, "%.300s:%d: %s", path, lineno, what);
}
fail:
  fclose(f);
  free(c);
  return -1;
}

/* ---- memory: peak resident memory of one call of ours beyond its inputs, in a child ---- */
typedef struct mem_ctx {
  const mha_attention_desc *desc;
} mem_ctx;

/* The peak resident set of this process, in KiB (VmHWM), or -1. */
static long peak_rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  long kib = -1;
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kib) == 1) break;
  if (f) fclose(f);
  return kib;
}

/* Resets the peak to the present resident set (Linux: "5" to clear_refs): a forked child
 * starts with its parent's peak, which would hide what the call itself adds. 0 or -1. */
static int reset_peak_rss(void) {
  FILE *f = fopen("/proc/self/clear_refs", "w");
  if (!f) return -1;
  int bad = fputs("5", f) < 0;
  bad |= fclose(f) != 0;
  return bad ? -1 : 0;
}

static int mem_child(void *vctx, int fd) {
  const mha_attention_desc *d = ((mem_ctx *)vctx)->desc;
  char why[512] = "";
  mha_impl *im = NULL;
  if (mha_impl_create(MHA_IMPL_TUNED, d, &im, why, sizeof why) != 0) {
    dprintf(fd, "create: %s", why);
    return 1;
  }
  const size_t nq = mha_elems(d, 1), nk = mha_elems(d, 0);
  float *q = malloc(nq * 4), *k = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  if (!q || !k || !v || !o) {
    dprintf(fd, "out of memory for the inputs");
    return 1;
  }
  mha_fill(q, nq, 1), mha_fill(k, nk, 2), mha_fill(v, nk, 3);
  memset(o, 0, nq * 4); /* every input page resident before the baseline */
  if (reset_peak_rss() != 0) {
    dprintf(fd, "cannot reset the peak resident set (/proc/self/clear_refs)");
    return 1;
  }
  const long before = peak_rss_kib();
  int rc = mha_impl_run(im, q, k, v, o);
  const long after = peak_rss_kib();
  if (rc != 0 || before < 0 || after < 0) {
    dprintf(fd, "run: %d, peak resident set %ld -> %ld KiB", rc, before, after);
    return 1;
  }
  dprintf(fd, "%ld %s", after - before, mha_impl_detail(im));
  return 0;
}

/* a = the higher of a and b, figure by figure. */
static void peak_max(mha_peak *a, const mha_peak *b) {
  for (int i = 0; i < MHA_PEAK_ISAS; i++) {
    a->gflops_one[i] = fmax(a->gflops_one[i], b->gflops_one[i]);
    a->gflops_all[i] = fmax(a->gflops_all[i], b->gflops_all[i]);
  }
  a->read_gbs_one = fmax(a->read_gbs_one, b->read_gbs_one);
  a->read_gbs_all = fmax(a->read_gbs_all, b->read_gbs_all);
}

/* ---- paired cases: ours alone, through libmha's public API loaded here ---- */
typedef struct mhalib {
  void *dl;
  int (*any)(const mha_attention_desc *, const void *, const void *, const void *, void *);
  int (*f32)(const mha_attention_desc *, const float *, const float *, const float *, float *);
  const char *(*kernel)(const mha_attention_desc *);
  char why[600]; /* why it could not be loaded */
} mhalib;

/* libmha.so (untuned = 0) or libmha_default.so, from where impl_mhatune.c loads them (env
 * MHA_LIB_DIR, else this build's folder), RTLD_LOCAL as there: the same handle as the harness's,
 * and neither library binds to the other's symbols. Loaded once; NULL with *why set when it cannot be. */
static mhalib *lib_get(int untuned, const char **why) {
  static mhalib L[2];
  static int tried[2];
  mhalib *l = &L[untuned];
  *why = l->why;
  if (tried[untuned]) return l->dl ? l : NULL;
  tried[untuned] = 1;
  const char *dir = getenv("MHA_LIB_DIR");
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : MHA_LIB_DIR_DEFAULT,
           untuned ? "libmha_default.so" : "libmha.so");
  if (!(l->dl = dlopen(path, RTLD_NOW | RTLD_LOCAL))) {
    snprintf(l->why, sizeof l->why, "dlopen: %s", dlerror());
    return NULL;
  }
  /* POSIX's sanctioned way to turn dlsym's void * into a function pointer. */
  *(void **)&l->any = dlsym(l->dl, "mha_attention");
  *(void **)&l->f32 = dlsym(l->dl, "mha_attention_f32");
  *(void **)&l->kernel = dlsym(l->dl, "mha_kernel_name");
  if (!l->any || !l->f32 || !l->kernel) {
    snprintf(l->why, sizeof l->why, "%.400s lacks mha_attention (0.2), mha_attention_f32 or mha_kernel_name", path);
    dlclose(l->dl);
    l->dl = NULL;
  }
  return l->dl ? l : NULL;
}

static const char *err_name(int rc) {
  switch (rc) {
#define ERR_NAME(name, code, msg) \
  case MHA_##name: return "MHA_" #name " (" msg ")";
    MHA_ERRNO_MAP(ERR_NAME)
#undef ERR_NAME
  default: return "an unknown code";
  }
}

/* Packed BHSD strides in bytes, of Q and O (q != 0) or of K and V; and a desc's own, or those. */
static mha_strides packed(const mha_attention_desc *d, int q) {
  const ptrdiff_t row = (ptrdiff_t)mha_ref_row_bytes(q ? d->q_type : d->kv_type, d->head_dim);
  const ptrdiff_t n = q ? d->seq_q : d->seq_kv, h = q ? d->heads_q : d->heads_kv;
  return (mha_strides){h * n * row, n * row, row};
}
static mha_strides given(const mha_strides *s, const mha_attention_desc *d, int q) {
  return s->batch || s->head || s->seq ? *s : packed(d, q);
}

/* One call of a paired case, on its input sets (K and V in the call's type and strides). */
typedef struct pcall {
  const mhalib *L;
  mha_attention_desc d;
  int f32_entry; /* fp32 with no 0.2 field: through mha_attention_f32, as a 0.1 user calls it */
  int sets, next;
  const void *q[MAX_SETS], *k[MAX_SETS], *v[MAX_SETS];
  float *o; /* in d.o_type */
} pcall;

static int pcall_run(const pcall *c, int s) {
  return c->f32_entry ? c->L->f32(&c->d, c->q[s], c->k[s], c->v[s], c->o) : c->L->any(&c->d, c->q[s], c->k[s], c->v[s], c->o);
}

static int pcall_next(void *u) {
  pcall *c = u;
  const int s = c->next;
  c->next = (s + 1) % c->sets;
  return pcall_run(c, s);
}

/* Reference reads (2 per key, head and element) a check may cost before it samples rows. */
#define VERIFY_BUDGET 4e8

/* Checks c on input set 0: every element of O (and lse) written and finite (lse -inf only for a
 * row that sees no key), then rows of O and lse against the double reference. A checked row is
 * the reference of that query row (every head) over the keys it sees (mha_visible()), gathered
 * packed through the strides: the fields that choose keys (lengths, the causal alignment, a
 * window, a cache's capacity) need only the reference's plain form, and a key never to be read
 * may hold anything (kvcap's spare rows hold NaN). ALiBi slopes other than 0 go to the reference
 * (each row's scores shift by a constant there: O is the same, its lse is corrected). Every row
 * when that costs at most VERIFY_BUDGET reads, else rows spread evenly, the first and the last
 * among them. 0 ok, 1 the library refuses the call as unsupported, -1 failed; why says. */
static int verify(pcall *c, double *max_err, char *why, size_t wlen) {
  const mha_attention_desc *d = &c->d;
  const int B = d->batch, Hq = d->heads_q, Hkv = d->heads_kv, Nq = d->seq_q, D = d->head_dim;
  const size_t rb = mha_ref_row_bytes(d->kv_type, D), nq = mha_elems(d, 1), nl = (size_t)B * Hq * Nq;
  const size_t qb = mha_ref_row_bytes(d->q_type, D), ob = mha_ref_row_bytes(d->o_type, D);
  const mha_strides qs = given(&d->q_strides, d, 1), os = given(&d->o_strides, d, 1);
  const mha_strides ks = given(&d->k_strides, d, 0), vs = given(&d->v_strides, d, 0);
  memset(c->o, 0xff, nq / D * ob); /* NaN in every type */
  for (size_t i = 0; d->lse && i < nl; i++) d->lse[i] = NAN;
  int rc = pcall_run(c, 0);
  if (rc) {
    snprintf(why, wlen, "%s: %s", rc == MHA_EUNSUPPORTED ? "the library refuses it" : "run", err_name(rc));
    return rc == MHA_EUNSUPPORTED ? 1 : -1;
  }
  for (size_t i = 0; i < nq; i++) {
    const double x = mha_at(d->o_type, c->o, i);
    if (!isfinite(x)) {
      snprintf(why, wlen, "O[%zu] = %g: unwritten, or from a key never to be read", i, x);
      return -1;
    }
  }
  for (size_t i = 0; d->lse && i < nl; i++)
    if (isnan(d->lse[i]) || d->lse[i] == INFINITY) {
      snprintf(why, wlen, "lse[%zu] = %g", i, d->lse[i]);
      return -1;
    }
  double cost = 0;
  long lo, hi, widest = 0;
  for (int b = 0; b < B; b++)
    for (int i = 0; i < Nq; i++) {
      mha_visible(d, b, i, &lo, &hi);
      cost += 2.0 * Hq * D * (double)(hi - lo);
      widest = hi - lo > widest ? hi - lo : widest;
    }
  int rows = cost <= VERIFY_BUDGET ? Nq : (int)(Nq * VERIFY_BUDGET / cost);
  rows = rows < 2 ? 2 : rows;
  rows = rows > Nq ? Nq : rows;
  int slopes = 0;
  for (int h = 0; d->alibi_slopes && h < Hq; h++) slopes |= d->alibi_slopes[h] != 0;
  unsigned char *qg = malloc((size_t)Hq * qb);
  unsigned char *kg = malloc((size_t)Hkv * (size_t)(widest ? widest : 1) * rb);
  unsigned char *vg = malloc((size_t)Hkv * (size_t)(widest ? widest : 1) * rb);
  double *og = malloc(sizeof *og * (size_t)Hq * D), *lg = malloc(sizeof *lg * (size_t)Hq);
  double *pg = malloc(sizeof *pg * (size_t)Hq * D);
  double err = 0, refmax = 0, lerr = 0, worst = 0; /* worst: the largest error over its bound */
  rc = !qg || !kg || !vg || !og || !lg || !pg ? MHA_ENOMEM : 0;
  for (int b = 0; b < B && !rc; b++)
    for (int r = 0; r < rows && !rc; r++) {
      const int i = rows == 1 ? Nq - 1 : (int)((long)r * (Nq - 1) / (rows - 1));
      const long p = mha_visible(d, b, i, &lo, &hi), n = hi - lo;
      for (int h = 0; h < Hq; h++) memcpy(qg + (size_t)h * qb, (const char *)c->q[0] + b * qs.batch + h * qs.head + i * qs.seq, qb);
      for (int h = 0; h < Hkv; h++)
        for (long j = 0; j < n; j++) {
          memcpy(kg + ((size_t)h * n + j) * rb, (const char *)c->k[0] + b * ks.batch + h * ks.head + (lo + j) * ks.seq, rb);
          memcpy(vg + ((size_t)h * n + j) * rb, (const char *)c->v[0] + b * vs.batch + h * vs.head + (lo + j) * vs.seq, rb);
        }
      mha_attention_desc one = {.batch = 1, .heads_q = Hq, .heads_kv = Hkv, .seq_q = 1, .seq_kv = (int)n,
                                .head_dim = D, .scale = d->scale, .layout = MHA_LAYOUT_BHSD, .kv_type = d->kv_type,
                                .q_type = d->q_type, .o_type = d->o_type, .alibi_slopes = slopes ? d->alibi_slopes : NULL};
      if (n > 0) rc = mha_ref_attention_pv(&one, qg, kg, vg, og, lg, pg);
      double rowmax = 0; /* the fp32 allowance of a typed call: MHA_MEASURE_REL_TOL of this row's max |O| */
      for (size_t x = 0; n > 0 && !rc && x < (size_t)Hq * D; x++) rowmax = fmax(rowmax, fabs(og[x]));
      for (int h = 0; h < Hq && !rc; h++) {
        const char *oi = (const char *)c->o + b * os.batch + h * os.head + i * os.seq;
        for (int x = 0; x < D; x++) {
          const double want = n > 0 ? og[(size_t)h * D + x] : 0.0, e = fabs(want - mha_ref_get(d->o_type, oi, x));
          err = fmax(err, e);
          refmax = fmax(refmax, fabs(want));
          if (d->q_type != MHA_F32)
            worst = fmax(worst, e / mha_ref_bound(d->q_type, want, n > 0 ? pg[(size_t)h * D + x] : 0,
                                                  MHA_MEASURE_REL_TOL * rowmax));
        }
        if (!d->lse) continue;
        /* reference.h: its lse is in log2; in the slice, row p's diagonal key is hi - 1. */
        const double want = n > 0 ? lg[h] * M_LN2 + (slopes ? d->alibi_slopes[h] * (double)(hi - 1 - p) : 0) : -INFINITY;
        const float got = d->lse[((size_t)b * Hq + h) * Nq + i];
        const double e = n > 0 ? fabs(want - got) / fmax(1, fabs(want)) : got == -INFINITY ? 0 : INFINITY;
        lerr = fmax(lerr, e);
      }
    }
  free(qg), free(kg), free(vg), free(og), free(lg), free(pg);
  *max_err = err;
  if (rc) snprintf(why, wlen, "the reference: %s", err_name(rc));
  else if (d->q_type != MHA_F32 && !(worst <= 1))
    snprintf(why, wlen, "wrong: an error %.3g x its %s bound (max abs error %.3g; %d of %d rows checked)", worst,
             mha_kv_name(d->q_type), err, rows, Nq);
  else if (d->q_type == MHA_F32 && !(err <= MHA_MEASURE_REL_TOL * refmax))
    snprintf(why, wlen, "wrong: max abs error %.3g > %.1g x max |O| %.3g (%d of %d rows checked)", err,
             MHA_MEASURE_REL_TOL, refmax, rows, Nq);
  else if (!(lerr <= MHA_MEASURE_REL_TOL))
    snprintf(why, wlen, "wrong lse: relative error %.3g > %.1g (%d of %d rows checked)", lerr, MHA_MEASURE_REL_TOL, rows, Nq);
  else
    return 0;
  return -1;
}

/* n calls timed taking turns (mha_time_turns): each call steps through its input sets. */
static void time_turns(int n, pcall *pc, int *live, const char *const *names, const double *flops,
                       const double *bytes, const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json, int *nbench) {
  mha_turn tu[PCALLS];
  for (int i = 0; i < n; i++) tu[i] = (mha_turn){pcall_next, &pc[i], 0};
  mha_time_turns(n, tu, live, names, flops, bytes, bo, r, json, nbench);
}

/* A paired case: its calls made, checked and timed taking turns; c->pm, flops and kvb filled. */
static void measure_paired(bcase *c, const mha_machine *m, const mha_bench_opts *bo, mha_sbuf *json, int *nbench) {
  const mha_attention_desc *d = &c->desc; /* the plain call: 0.1 fields and kv_type */
  const opts *o = &c->o;
  const int B = d->batch, Hq = d->heads_q;
  const size_t rb = mha_ref_row_bytes(d->kv_type, d->head_dim), heads = (size_t)B * d->heads_kv;
  /* Input sets: in[0] the line's types, in[1] all f32 (P_F32), in[2] f32 Q/O (P_QOF32). */
  const int INSET[PCALLS] = {[P_F32] = 1, [P_QOF32] = 2};
  const mha_attention_desc f32 = paired_desc(d, P_F32), qof32 = paired_desc(d, P_QOF32);
  mha_attention_desc x = *d;
  /* The line's call: the plain one with its 0.2 fields. */
  int *lens = o->lens_on ? malloc(sizeof *lens * (size_t)B) : NULL;
  float *slopes = o->alibi_on ? malloc(sizeof *slopes * (size_t)Hq) : NULL;
  float *lse = o->lse ? malloc(sizeof *lse * (size_t)B * Hq * d->seq_q) : NULL;
  unsigned char *kc[MAX_SETS] = {0}, *vc[MAX_SETS] = {0};
  if ((o->lens_on && !lens) || (o->alibi_on && !slopes) || (o->lse && !lse)) die("%s: out of memory", c->key);
  for (int b = 0; lens && b < B; b++) lens[b] = o->lens;
  for (int h = 0; slopes && h < Hq; h++) slopes[h] = o->alibi;
  x.window = o->window, x.seq_kv_lens = lens, x.alibi_slopes = slopes, x.lse = lse;
  if (o->strides) x.q_strides = x.o_strides = packed(d, 1), x.k_strides = x.v_strides = packed(d, 0);
  /* Input sets rotated so that the call reading least (a window reads its keys alone) passes
   * 8 times the last-level cache hwloc reports, within 2 GiB of inputs: this VM's 32 MiB L3
   * let a 32 MiB window read at 54 GB/s from 3 sets, above the 47 GB/s the memory gives (38.8
   * from 9 sets). */
  double least = 0;
  for (int p = 0; p < PCALLS; p++) {
    if (!(c->paired >> p & 1)) continue;
    const double kvb = mha_call_bytes(p == P_F32 ? &f32 : p == P_QOF32 ? &qof32 : p == P_PLAIN ? d : &x);
    least = !least || kvb < least ? kvb : least;
  }
  const double llc = (double)(m->l3 ? m->l3 : m->l2), spare = o->kvcap ? 2.0 * heads * o->kvcap * rb : 0;
  const int more = (c->paired >> P_F32 & 1) + (c->paired >> P_QOF32 & 1);
  const double set = (1 + more) * 4.0 * (double)(mha_elems(d, 1) + 2 * mha_elems(d, 0)) + spare;
  double want = 8 * llc / (least > 0 ? least : 1) + 1;
  want = fmin(want, fmin((double)MAX_SETS, ((double)(2u << 30)) / set));
  const int sets = want < 1 ? 1 : (int)want;
  mha_inputs in[3];
  memset(in, 0, sizeof in);
  if (mha_inputs_alloc(&in[0], d, sets) != 0 || ((c->paired >> P_F32 & 1) && mha_inputs_alloc(&in[1], &f32, sets) != 0) ||
      ((c->paired >> P_QOF32 & 1) && mha_inputs_alloc(&in[2], &qof32, sets) != 0))
    die("%s: out of memory for %d input sets", c->key, sets);
  if (o->kvcap) { /* [B][Hkv][kvcap][d]: rows past seq_kv are NaN in every type (all bits set) */
    const size_t cap = (size_t)o->kvcap * rb, used = (size_t)d->seq_kv * rb;
    x.k_strides = x.v_strides = (mha_strides){(ptrdiff_t)(d->heads_kv * cap), (ptrdiff_t)cap, (ptrdiff_t)rb};
    for (int s = 0; s < sets; s++) {
      if (!(kc[s] = malloc(heads * cap)) || !(vc[s] = malloc(heads * cap)))
        die("%s: out of memory for a K/V cache of capacity %d", c->key, o->kvcap);
      memset(kc[s], 0xff, heads * cap), memset(vc[s], 0xff, heads * cap);
      for (size_t h = 0; h < heads; h++) {
        memcpy(kc[s] + h * cap, (const unsigned char *)in[0].k[s] + h * used, used);
        memcpy(vc[s] + h * cap, (const unsigned char *)in[0].v[s] + h * used, used);
      }
    }
  }
  pcall pc[PCALLS];
  mha_measured res[PCALLS];
  int kind[PCALLS], live[PCALLS], n = 0;
  const char *names[PCALLS];
  char name[PCALLS][300];
  double flops[PCALLS], bytes[PCALLS];
  memset(pc, 0, sizeof pc);
  memset(res, 0, sizeof res);
  for (int p = 0; p < PCALLS; p++) {
    if (!(c->paired >> p & 1)) continue;
    pcall *q = &pc[n];
    mha_measured *r = &res[n];
    const int plain = p == P_PLAIN || p == P_F32 || p == P_QOF32;
    const mha_inputs *I = &in[INSET[p]];
    const char *why;
    r->status = "failed";
    q->d = p == P_F32 || p == P_QOF32 ? paired_desc(d, p) : plain ? *d : x;
    q->f32_entry = q->d.kv_type == MHA_F32 && q->d.q_type == MHA_F32 && (plain || !has02(o));
    q->sets = sets, q->o = in[0].o;
    for (int s = 0; s < sets; s++) {
      q->q[s] = I->q[s];
      q->k[s] = !plain && kc[s] ? (const void *)kc[s] : I->k[s];
      q->v[s] = !plain && vc[s] ? (const void *)vc[s] : I->v[s];
    }
    c->flops[p] = mha_attention_flops(&q->d), c->kvb[p] = mha_kv_bytes(&q->d);
    flops[n] = c->flops[p], bytes[n] = mha_call_bytes(&q->d);
    snprintf(name[n], sizeof name[n], "bench/%s/%s", c->key, PCALL_IMPL[p]);
    names[n] = name[n], kind[n] = p, live[n] = 0;
    if (!(q->L = lib_get(p == P_UNTUNED, &why))) {
      snprintf(r->detail, sizeof r->detail, "%s", why);
    } else {
      const char *k = q->L->kernel(&q->d);
      const int v = verify(q, &r->max_err, r->detail, sizeof r->detail);
      if (v == 1) r->status = "unsupported";
      live[n] = v == 0;
      if (v == 0)
        snprintf(r->detail, sizeof r->detail, "%s%s through %s", p == P_UNTUNED ? "libmha_default.so: " : "",
                 k ? k : "(mha_kernel_name: none)", q->f32_entry ? "mha_attention_f32" : "mha_attention");
    }
    n++;
  }
  time_turns(n, pc, live, names, flops, bytes, bo, res, json, nbench);
  for (int i = 0; i < n; i++) {
    for (char *t = res[i].detail; *t; t++) *t = *t == '\t' || *t == '\n' || *t == '\r' ? ' ' : *t;
    c->pm[kind[i]] = res[i];
  }
  for (int s = 0; s < sets; s++) free(kc[s]), free(vc[s]);
  free(lens), free(slopes), free(lse);
  mha_inputs_free(&in[0]), mha_inputs_free(&in[1]), mha_inputs_free(&in[2]);
}

/* ---- scaling: T threads against one, and the plan model's critical path ---- */
/* The first prefill, causal and decode cases (unpaired, all cores) are timed again through
 * libmha.so with threads = 0 (T: the CPUs this process may use) and threads = 1, their
 * repetitions taking turns: parallel efficiency = t1 / (T tT). Beside it, the plan the
 * library makes for T threads with the kernel it picks (mha__plan_for) and its modeled
 * critical path over the ideal, total work / T (mha__plan_critical_path). One line each. */
static const char *const SCALING_CASES[] = {"prefill", "causal", "decode"};
enum { NSCALING = 3 };

static void scaling(const bcase *c, const mha_machine *m, const mha_bench_opts *bo, mha_sbuf *json, int *nbench,
                    char *line, size_t len) {
  const mha_attention_desc *d = &c->desc;
  const int T = mha__cpus_allowed();
  const char *why;
  const mhalib *L = lib_get(0, &why);
  if (!L) {
    snprintf(line, len, "%s: not measured (%s)", c->key, why);
    return;
  }
  const char *kname = L->kernel(d);
  const mha__kernel *k = NULL;
  for (int i = 0; kname && i < mha__registry_count; i++)
    if (!strcmp(mha__registry[i]->name, kname)) k = mha__registry[i];
  char model[200] = "plan: the kernel is not in this build's registry";
  if (k) {
    mha__plan p;
    double total = 0;
    mha__plan_for(d, k, T, &p);
    const double cp = mha__plan_critical_path(&p, d, T, &total);
    snprintf(model, sizeof model, "plan: %ld tasks (%d key splits) for %d threads, modeled critical path %.3f x ideal",
             p.tasks, p.splits, T, total > 0 ? cp / (total / T) : 0);
  }
  const int sets = mha_rotation_sets(m, d, (size_t)2 << 30);
  mha_inputs in;
  if (mha_inputs_alloc(&in, d, sets) != 0) {
    snprintf(line, len, "%s: not measured (out of memory); %s", c->key, model);
    return;
  }
  pcall pc[2];
  mha_measured r[2];
  int live[2];
  char name[2][300];
  const char *names[2] = {name[0], name[1]};
  const double flops[2] = {mha_attention_flops(d), mha_attention_flops(d)};
  const double bytes[2] = {mha_call_bytes(d), mha_call_bytes(d)};
  memset(pc, 0, sizeof pc);
  memset(r, 0, sizeof r);
  for (int i = 0; i < 2; i++) {
    pc[i].L = L, pc[i].d = *d, pc[i].d.threads = i ? 1 : 0;
    pc[i].f32_entry = d->kv_type == MHA_F32, pc[i].sets = sets, pc[i].o = in.o;
    for (int s = 0; s < sets; s++) pc[i].q[s] = in.q[s], pc[i].k[s] = in.k[s], pc[i].v[s] = in.v[s];
    snprintf(name[i], sizeof name[i], "scaling/%s/%s", c->key, i ? "1-thread" : "all");
    live[i] = verify(&pc[i], &r[i].max_err, r[i].detail, sizeof r[i].detail) == 0;
  }
  if (live[0] && live[1]) time_turns(2, pc, live, names, flops, bytes, bo, r, json, nbench);
  if (live[0] && live[1] && r[0].median_s > 0 && r[1].median_s > 0)
    snprintf(line, len, "%s: %d threads %.0f us, 1 thread %.0f us: parallel efficiency %.0f%%; %s", c->key, T,
             r[0].median_s * 1e6, r[1].median_s * 1e6, 100 * r[1].median_s / (T * r[0].median_s), model);
  else
    snprintf(line, len, "%s: not measured (%s); %s", c->key, live[0] ? r[1].detail : r[0].detail, model);
  for (char *t = line; *t; t++) *t = *t == '\t' || *t == '\n' ? ' ' : *t;
  mha_inputs_free(&in);
}

/* ---- the table ---- */
static void judge(bcase *c, const mha_peak *pk, int isa) {
  const mha_attention_desc *d = &c->desc;
  const mha_measured *o = &c->m[0], *dnnl = &c->m[1], *gg = &c->m[3]; /* ours, oneDNN, ggml */
  const int ok = o->status && !strcmp(o->status, "ok");
  for (int i = 0; i < c->nt; i++) {
    target *t = &c->t[i];
    switch (t->kind) {
    case T_PEAK: { /* bf16 Q/O: of the bf16 dot-product peak where the CPU has one */
      const double bf = mha_peak_gflops(pk, MHA_PEAK_BF16, d->threads == 1);
      const double peak = d->q_type == MHA_BF16 && bf > 0 ? bf : mha_peak_gflops(pk, isa, d->threads == 1);
      t->ref = peak;
      t->got = ok && peak > 0 ? 100 * o->gflops / peak : 0;
      t->met = ok && t->got >= t->want;
      break;
    }
    case T_ONEDNN:
      t->got = ok && dnnl->status && !strcmp(dnnl->status, "ok") ? o->gflops / dnnl->gflops : 0;
      t->met = t->got >= t->want;
      break;
    case T_GGML: /* the time per call of ggml's over ours: 2 is half ggml's time */
      t->got = ok && gg->status && !strcmp(gg->status, "ok") ? gg->median_s / o->median_s : 0;
      t->met = t->got >= t->want;
      break;
    case T_BW: {
      const double kv = mha_kv_bytes(d), bw = d->threads == 1 ? pk->read_gbs_one : pk->read_gbs_all;
      t->ref = bw;
      t->got = ok && bw > 0 ? 100 * kv / o->median_s * 1e-9 / bw : 0;
      t->met = ok && t->got >= t->want;
      break;
    }
    case T_MEM: {
      const double s = 4.0 * d->batch * d->heads_q * (double)d->seq_q * d->seq_kv;
      t->got = 100 * c->extra_bytes / s;
      t->met = ok && t->got <= t->want;
      break;
    }
    default: { /* paired: r is the time per call of the paired call over the line's */
      const mha_measured *a = &c->pm[P_SELF], *b = &c->pm[PAIRED_WITH[t->kind]];
      const int both = a->status && !strcmp(a->status, "ok") && b->status && !strcmp(b->status, "ok");
      const double r = both ? b->median_s / a->median_s : 0;
      t->got = !both ? 0 : t->kind == T_COST ? 100 * (1 / r - 1) : t->kind == T_F32 || t->kind == T_QOF32 ? 100 * r : r;
      t->met = both && (t->kind == T_COST || t->kind == T_UNTUNED ? t->got <= t->want : t->got >= t->want);
      break;
    }
    }
  }
}

static void target_text(const target *t, char *buf, size_t n) {
  const int ratio = t->kind == T_ONEDNN || t->kind == T_GGML || t->kind == T_SPEEDUP || t->kind == T_UNTUNED;
  const char *unit = ratio ? "x" : "%";
  char of[48] = "";
  if (t->kind == T_PEAK || t->kind == T_BW) snprintf(of, sizeof of, " of %.1f%s", t->ref, t->kind == T_BW ? " GB/s" : "");
  snprintf(buf, n, t->kind == T_COST ? "%s%g%s: %+.*f%s%s %s" : "%s%g%s: %.*f%s%s %s", TARGET_NAME[t->kind], t->want,
           unit, ratio ? 2 : 1, t->got, unit, of, t->met ? "met" : "MISSED");
}

/* "B1 Hq32 Hkv8 Nq1 Nk16384 d128 causal window 4096 kv f16": a call's shape and its options. */
static void shape_text(const mha_attention_desc *d, const opts *o, char *buf, size_t n) {
  int at = snprintf(buf, n, "B%d Hq%d Hkv%d Nq%d Nk%d d%d%s", d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv,
                    d->head_dim, d->causal ? " causal" : "");
#define SHAPE_PART(...) at += snprintf(buf + at, at < (int)n ? n - (size_t)at : 0, __VA_ARGS__)
  if (o && o->window) SHAPE_PART(" window %d", o->window);
  if (o && o->lens_on) SHAPE_PART(" lens %d", o->lens);
  if (o && o->kvcap) SHAPE_PART(" K/V capacity %d", o->kvcap);
  if (o && o->strides) SHAPE_PART(" strides given");
  if (o && o->lse) SHAPE_PART(" lse");
  if (o && o->alibi_on) SHAPE_PART(" ALiBi %g", o->alibi);
  if (d->kv_type) SHAPE_PART(" kv %s", mha_kv_name(d->kv_type));
  if (d->q_type) SHAPE_PART(" qo %s", mha_kv_name(d->q_type));
#undef SHAPE_PART
}

static void usage(void) {
  fprintf(stderr, "usage: mha-bench [--cases FILE] [--results DIR] [--min-time S] [--reps N] [--peak-budget S] "
                  "[--strict]\n");
  exit(2);
}

/* What a run was asked for, and what it shares across cases. */
typedef struct run {
  const char *cfile, *rdir;
  double min_time, peak_budget;
  int reps, strict;
  mha_machine m;
  mha_peak pk;        /* measured at the start */
  char out[1100];     /* results/<machine-id> */
  char ggml_what[600];
  mha_bench_opts bo;
  mha_sbuf json;
  int nbench;
  char scaled[NSCALING][700];
} run;

static void parse_args(int argc, char **argv, run *r) {
  r->cfile = "harness/bench.txt", r->rdir = "results";
  r->min_time = 0.2, r->peak_budget = 8, r->reps = 5, r->strict = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--strict")) r->strict = 1;
    else if (i + 1 >= argc) usage();
    else if (!strcmp(a, "--cases")) r->cfile = argv[++i];
    else if (!strcmp(a, "--results")) r->rdir = argv[++i];
    else if (!strcmp(a, "--min-time")) r->min_time = atof(argv[++i]);
    else if (!strcmp(a, "--reps")) r->reps = atoi(argv[++i]);
    else if (!strcmp(a, "--peak-budget")) r->peak_budget = atof(argv[++i]);
    else usage();
  }
  if (!(r->min_time > 0) || r->reps < 1 || !(r->peak_budget > 0)) usage();
}

/* ggml, named in the table with its version, or the one line that says why it is left out. */
static void ggml_probe(char *what, size_t n) {
  char err[1024];
  const mha_attention_desc probe = {.batch = 1, .heads_q = 1, .heads_kv = 1, .seq_q = 1, .seq_kv = 32, .head_dim = 32};
  mha_impl *im = NULL;
  if (mha_impl_create(MHA_IMPL_GGML, &probe, &im, err, sizeof err) == 0) {
    const char *dt = mha_impl_detail(im);
    snprintf(what, n, "%.*s", (int)strcspn(dt, ":"), dt);
  } else {
    snprintf(what, n, "left out: %.500s", err);
    fprintf(stderr, "mha-bench: %s; going on without it\n", err);
  }
  mha_impl_destroy(im);
}

/* A paired case: its calls timed taking turns, one line per case on stderr. */
static void case_paired(bcase *c, run *r) {
  measure_paired(c, &r->m, &r->bo, &r->json, &r->nbench);
  judge(c, &r->pk, r->m.isa);
  fprintf(stderr, "mha-bench: %-44s", c->key);
  for (int p = 0; p < PCALLS; p++) {
    if (!(c->paired >> p & 1)) continue;
    if (c->pm[p].median_s > 0) fprintf(stderr, "%s %s %.0f us", p ? "," : "", PCALL_IMPL[p], c->pm[p].median_s * 1e6);
    else fprintf(stderr, "%s %s %s", p ? "," : "", PCALL_IMPL[p], c->pm[p].status);
  }
  fprintf(stderr, "\n");
}

/* A layer row: bench_layer.c measures and judges it. */
static void case_layer(bcase *c, run *r) {
  mha_lrow *x = &c->lr;
  mha_lrow_measure(x, &r->m, &r->pk, &r->bo, &r->json, &r->nbench);
  fprintf(stderr, "mha-bench: %-44s", c->key);
  for (int i = 0; i < LR_IMPLS && x->r[i].status; i++) {
    if (!strcmp(x->r[i].status, "ok")) fprintf(stderr, "%s %.0f us", i ? "," : "", x->r[i].median_s * 1e6);
    else fprintf(stderr, "%s %s", i ? "," : "", x->r[i].status);
  }
  fprintf(stderr, "\n");
}

/* A memory case: one call in a child process, its peak resident set beyond the inputs. */
static void case_mem(bcase *c, run *r) {
  mem_ctx mc = {&c->desc};
  char buf[1024] = "", status[16], note[200];
  mha_measured *x = &c->m[0];
  x->status = "failed";
  if (mha_isolated(mem_child, &mc, 600, buf, sizeof buf, status, sizeof status, note, sizeof note) == 0) {
    long kib = 0;
    int used = 0;
    if (sscanf(buf, "%ld %n", &kib, &used) >= 1) {
      x->status = "ok";
      c->extra_bytes = 1024.0 * (double)kib;
      snprintf(x->detail, sizeof x->detail, "%s", buf + used);
    }
  } else {
    snprintf(x->detail, sizeof x->detail, "%s %s: %s", status, note, buf);
  }
  judge(c, &r->pk, r->m.isa);
  fprintf(stderr, "mha-bench: %-44s mhatune needs %.1f MiB beyond its inputs (%s)\n", c->key, c->extra_bytes / 1048576,
          x->detail);
}

/* A plain case: ours and the peers taking turns, judged against the peak or bandwidth measured
 * around it; the first prefill, causal and decode cases get their scaling line. */
static void case_peers(bcase *c, run *r) {
  char err[1024];
  const mha_attention_desc *d = &c->desc;
  const int cpus = r->m.pus > 0 ? r->m.pus : 1;
  /* Decode reads its whole K/V cache each call: rotate enough of them to pass twice the L3
   * hwloc reports (however large a VM says it is), within 2 GiB; prefill is the tune's rule. */
  size_t cap = MHA_ROTATION_CAP;
  for (int i = 0; i < c->nt; i++)
    if (c->t[i].kind == T_BW) cap = (size_t)2 << 30;
  const int sets = mha_rotation_sets(&r->m, d, cap);
  mha_inputs in;
  if (mha_inputs_make(&in, d, sets, cpus, err, sizeof err) != 0) die("%s: %s", c->key, err);
  char names[PEERS][300];
  const char *np[PEERS];
  for (int p = 0; p < PEERS; p++) {
    snprintf(names[p], sizeof names[p], "bench/%s/%s", c->key, mha_impl_name(PEER_KIND[p]));
    np[p] = names[p];
  }
  /* The VM's speed drifts over minutes: the peak or bandwidth a case is judged against is
   * measured again just before and just after it is timed, and the higher taken. */
  int what = 0;
  for (int i = 0; i < c->nt; i++)
    what |= c->t[i].kind == T_PEAK ? MHA_PEAK_FMA : c->t[i].kind == T_BW ? MHA_PEAK_MEM : 0;
  mha_peak after;
  const int near = what && mha_peak_measure_some(&r->m, &c->pk, r->peak_budget / 2, what) == 0;
  mha_measure_set(PEERS, PEER_KIND, d, &in, np, &r->bo, c->m, &r->json, &r->nbench);
  mha_inputs_free(&in);
  if (near && mha_peak_measure_some(&r->m, &after, r->peak_budget / 2, what) == 0) peak_max(&c->pk, &after);
  judge(c, near ? &c->pk : &r->pk, r->m.isa);
  fprintf(stderr, "mha-bench: %-44s mhatune %.1f, oneDNN %.1f, OpenBLAS %.1f, ggml %.1f GFLOP/s\n", c->key,
          c->m[0].gflops, c->m[1].gflops, c->m[2].gflops, c->m[3].gflops);
  for (int s = 0; s < NSCALING && d->threads == 0; s++)
    if (!r->scaled[s][0] && !strcmp(c->name, SCALING_CASES[s])) {
      scaling(c, &r->m, &r->bo, &r->json, &r->nbench, r->scaled[s], sizeof r->scaled[s]);
      fprintf(stderr, "mha-bench: scaling %s\n", r->scaled[s]);
    }
}

/* The table's opening: what was measured at the start, and how every figure was taken. */
static void md_head(mha_sbuf *md, const run *r) {
  const mha_machine *m = &r->m;
  const mha_peak *pk = &r->pk;
  mha_sb_printf(md,
                "# make bench on %s\n\n%s, %d cores. Measured at the start of this run: FMA peak %.1f GFLOP/s on %d "
                "threads, %.1f on one (%s); read bandwidth %.1f GB/s on %d threads, %.1f on one. A case with a peak "
                "or bandwidth target is judged against the higher of that figure measured again just before and "
                "just after the case (its targets say the figure). Medians of %d repetitions of at least %.2g s, "
                "the implementations taking turns; input sets rotated past the cache; every implementation checked "
                "against the double-precision reference first (computed on K and V as stored: a cache type's values dequantised). "
                "GFLOP/s count 4 d per visible query-key pair; decode is in GB/s of K and V read in the type they are "
                "stored in (kv), and microseconds per call. The ggml column is %s. A paired case (speedup, cost, "
                "untuned, f32 targets) times mhatune alone: the case's call, its 0.2 fields through mha_attention, "
                "and on the rows under it the call it is paired with (the plain call: 0.1 fields and kv only, the "
                "untuned default library, or f32 K/V), their repetitions taking turns; each checked against the "
                "reference on the keys each row sees (every row, or rows spread evenly where that would take long); "
                "a window's GFLOP/s count the pairs its rows see, its GB/s the keys some row sees.\n\n"
                "| case | shape | threads | mhatune | oneDNN | OpenBLAS | ggml | targets |\n|---|---|---:|---:|---:|---:|---:|---|\n",
                m->id, m->model, m->cores, mha_peak_gflops(pk, m->isa, 0), pk->threads, mha_peak_gflops(pk, m->isa, 1),
                mha_isa_name(m->isa), pk->read_gbs_all, pk->threads, pk->read_gbs_one, r->reps, r->min_time,
                r->ggml_what);
}

/* A paired case's rows: a row per call, the line's first; the peers' columns say why they are
 * empty. */
static void rows_paired(mha_sbuf *md, mha_sbuf *tsv, const bcase *c, const char *tg) {
  const mha_attention_desc *d = &c->desc;
  const char *peer = has02(&c->o) ? "unsupported" : "-";
  for (int p = 0; p < PCALLS; p++) {
    if (!(c->paired >> p & 1)) continue;
    const mha_measured *r = &c->pm[p];
    const mha_attention_desc pd = paired_desc(d, p);
    char sh[240], fig[64];
    shape_text(&pd, p == P_SELF || p == P_UNTUNED ? &c->o : NULL, sh, sizeof sh);
    if (!r->status || strcmp(r->status, "ok")) snprintf(fig, sizeof fig, "%s", r->status ? r->status : "-");
    else if (d->seq_q == 1)
      snprintf(fig, sizeof fig, "%.1f GB/s, %.0f us", c->kvb[p] / r->median_s * 1e-9, r->median_s * 1e6);
    else snprintf(fig, sizeof fig, "%.1f", r->gflops);
    if (p == P_SELF)
      mha_sb_printf(md, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", c->name, sh, d->threads ? "1" : "all", fig, peer,
                    peer, peer, tg);
    else
      mha_sb_printf(md, "| %s: %s | %s | %s | %s | | | | |\n", c->name, PCALL_WHAT[p], sh, d->threads ? "1" : "all",
                    fig);
    mha_sb_printf(tsv, "%s\t%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%s\t%s\n", c->key, PCALL_IMPL[p], r->status ? r->status : "-",
                  r->median_s, r->cv, r->gflops, r->median_s > 0 ? c->kvb[p] / r->median_s * 1e-9 : 0,
                  p == P_SELF ? tg : "-", r->detail);
    for (int q = 1; p == P_SELF && q < PEERS; q++)
      mha_sb_printf(tsv, "%s\t%s\t%s\t0\t0\t0.00\t0.00\t-\t%s\n", c->key, mha_impl_name(PEER_KIND[q]), peer,
                    has02(&c->o) ? "the peers take no 0.2 field" : "a paired case times mhatune alone");
  }
}

/* A plain or memory case's row: ours and the peers across. */
static void rows_peers(mha_sbuf *md, mha_sbuf *tsv, const bcase *c, const char *tg) {
  const mha_attention_desc *d = &c->desc;
  const int decode = c->nt && c->t[0].kind == T_BW;
  const double kv = mha_kv_bytes(d);
  char sh[240];
  shape_text(d, NULL, sh, sizeof sh);
  mha_sb_printf(md, "| %s | %s | %s |", c->name, sh, d->threads ? "1" : "all");
  for (int p = 0; p < PEERS; p++) {
    const mha_measured *r = &c->m[p];
    if (c->mem_only && p == 0) mha_sb_printf(md, " %.2f MiB extra |", c->extra_bytes / 1048576);
    else if (c->mem_only) mha_sb_printf(md, " |");
    else if (!r->status || strcmp(r->status, "ok")) mha_sb_printf(md, " %s |", r->status ? r->status : "-");
    else if (decode) mha_sb_printf(md, " %.1f GB/s, %.0f us |", kv / r->median_s * 1e-9, r->median_s * 1e6);
    else mha_sb_printf(md, " %.1f |", r->gflops);
    if (c->mem_only && p) continue;
    mha_sb_printf(tsv, "%s\t%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%s\t%s\n", c->key, mha_impl_name(PEER_KIND[p]),
                  r->status ? r->status : "-", r->median_s, r->cv, r->gflops,
                  r->median_s > 0 ? kv / r->median_s * 1e-9 : 0, p == 0 ? tg : "-", r->detail);
  }
  mha_sb_printf(md, " %s |\n", tg);
}

/* The table: ours, the peers, and each target with what was measured; the scaling lines and
 * what ran. Printed, and written to bench.md and bench.tsv (and gbench-bench.json). Returns
 * the targets met; *total their number. */
static int write_results(run *r, bcase *C, int nc, int *total) {
  char path[1200];
  mha_sbuf md = {0}, tsv = {0};
  int met = 0;
  *total = 0;
  md_head(&md, r);
  mha_sb_printf(&tsv, "# case\timpl\tstatus\tmedian_s\tcv\tgflops\tgbs_kv\ttargets\tdetail\n");
  for (int ci = 0; ci < nc; ci++) {
    bcase *c = &C[ci];
    char tg[512] = "", one[128];
    if (c->layer) {
      mha_lrow_write(&c->lr, &md, &tsv, &met, total);
      continue;
    }
    for (int i = 0; i < c->nt; i++) {
      target_text(&c->t[i], one, sizeof one);
      snprintf(tg + strlen(tg), sizeof tg - strlen(tg), "%s%s", i ? "; " : "", one);
      met += c->t[i].met, (*total)++;
    }
    if (c->paired) rows_paired(&md, &tsv, c, tg);
    else rows_peers(&md, &tsv, c, tg);
  }
  mha_sb_printf(&md, "\n%d of %d targets met.\n\n", met, *total);
  for (int ci = 0; ci < nc; ci++)
    if (C[ci].layer) {
      mha_sb_printf(&md, "Layer rows (gemm, layer, step): ours through libmha (the GEMM runtime with the kernel "
                         "mha__gemm_pick chooses, weights packed once; mha_layer_forward), the peers in the oneDNN "
                         "and OpenBLAS columns, named there: oneDNN's f32 matmul with its weights reordered once; "
                         "the composite (oneDNN's projections, mhatune's attention on them in place); "
                         "torch.nn.MultiheadAttention in its own process, same threads, timed there. Each checked "
                         "against the double-precision reference first (a GEMM on 16 rows; a causal layer on its "
                         "first 256 rows, which see only the first 256 tokens; a step on a short prompt and one "
                         "step); ours and the in-process peer taking turns. A step's bound is the "
                         "time its weights and cache take to read at the measured read bandwidth.\n\n");
      break;
    }
  int nscaled = 0;
  for (int s = 0; s < NSCALING; s++) {
    if (!r->scaled[s][0]) continue;
    if (!nscaled++)
      mha_sb_printf(&md, "Scaling (the library with threads = 0 against threads = 1, their repetitions taking "
                         "turns; the plan model for the same call):\n\n");
    mha_sb_printf(&md, "- scaling %s\n", r->scaled[s]);
  }
  mha_sb_printf(&md, "%sWhat ran:\n\n", nscaled ? "\n" : "");
  for (int ci = 0; ci < nc; ci++) {
    if (C[ci].layer) mha_lrow_what(&C[ci].lr, &md);
    for (int p = 0; p < PEERS && !C[ci].mem_only && !C[ci].paired && !C[ci].layer; p++)
      mha_sb_printf(&md, "- %s, %s: %s\n", C[ci].key, mha_impl_name(PEER_KIND[p]), C[ci].m[p].detail);
    for (int p = 0; p < PCALLS; p++)
      if (C[ci].paired >> p & 1) mha_sb_printf(&md, "- %s, %s: %s\n", C[ci].key, PCALL_IMPL[p], C[ci].pm[p].detail);
  }
  printf("%s", md.s ? md.s : "");
  snprintf(path, sizeof path, "%s/bench.md", r->out);
  if (mha_write_sbuf(path, &md) != 0) die("cannot write %s", path);
  snprintf(path, sizeof path, "%s/bench.tsv", r->out);
  if (mha_write_sbuf(path, &tsv) != 0) die("cannot write %s", path);
  snprintf(path, sizeof path, "%s/gbench-bench.json", r->out);
  if (r->nbench) {
    mha_gbench_close(&r->json);
    if (mha_write_sbuf(path, &r->json) != 0) die("cannot write %s", path);
  }
  free(md.s), free(tsv.s);
  return met;
}

int main(int argc, char **argv) {
  static run r; /* large (the scaling lines); one per process */
  parse_args(argc, argv, &r);
  char err[1024];
  if (mha_machine_probe(&r.m, err, sizeof err) != 0) die("%s", err);
  bcase *C;
  const int nc = read_cases(r.cfile, &C, err, sizeof err);
  if (nc < 0) die("%s", err);
  snprintf(r.out, sizeof r.out, "%.900s/%s", r.rdir, r.m.id);
  if ((mkdir(r.rdir, 0777) && errno != EEXIST) || (mkdir(r.out, 0777) && errno != EEXIST))
    die("cannot create %s: %s", r.out, strerror(errno));

  /* This machine's limits, measured now: every figure below is a fraction of them. */
  if (mha_peak_measure(&r.m, &r.pk, r.peak_budget) != 0 && !(mha_peak_gflops(&r.pk, r.m.isa, 0) > 0))
    die("peak: %s", r.pk.error);
  fprintf(stderr,
          "mha-bench: %s (%s, %d cores): FMA peak %.0f GFLOP/s on %d threads, %.0f on 1 (%s); read bandwidth %.1f GB/s "
          "(%.1f on 1 thread)\n",
          r.m.id, r.m.model, r.m.cores, mha_peak_gflops(&r.pk, r.m.isa, 0), r.pk.threads,
          mha_peak_gflops(&r.pk, r.m.isa, 1), mha_isa_name(r.m.isa), r.pk.read_gbs_all, r.pk.read_gbs_one);
  ggml_probe(r.ggml_what, sizeof r.ggml_what);
  r.bo = (mha_bench_opts){r.min_time, r.reps, 1};
  const double t0 = mha_now();
  for (int ci = 0; ci < nc; ci++) {
    if (C[ci].layer) case_layer(&C[ci], &r);
    else if (C[ci].paired) case_paired(&C[ci], &r);
    else if (C[ci].mem_only) case_mem(&C[ci], &r);
    else case_peers(&C[ci], &r);
  }
  int total;
  const int met = write_results(&r, C, nc, &total);
  fprintf(stderr, "mha-bench: %d of %d targets met in %.0f s; wrote %s/bench.md, bench.tsv%s\n", met, total,
          mha_now() - t0, r.out, r.nbench ? ", gbench-bench.json" : "");
  free(r.json.s), free(C);
  return r.strict && met < total ? 1 : 0;
}
