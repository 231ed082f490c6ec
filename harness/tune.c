/* tune.c: `make tune`. Learns the machine, gates every candidate against the reference,
 * times the survivors through Google Benchmark in child processes with a successive-halving
 * search, journals every measurement, then writes the tuned table and the winners' sources
 * into tuned/ and the results into results/<machine-id>/.
 * Usage: mha-tune [--level quick|measure|exhaustive] [--models a,b] [--workloads FILE]
 *                 [--time-limit S] [--results DIR] [--tuned DIR] [--gen DIR]
 *        mha-tune --refresh [--tuned DIR] [--gen DIR]: only regenerate the other machines'
 *                 tables from the current templates (harness/tables.h). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "counters.h"
#include "machine.h"
#include "mha_internal.h"
#include "peak.h"
#include "reference.h"
#include "registry.h"
#include "tables.h"
#include "tune.h"
#include "util.h"

#ifndef MHA_CC
#define MHA_CC "cc"
#endif
#ifndef MHA_CFLAGS
#define MHA_CFLAGS ""
#endif

/* A rigor level, FFTW-style: successive-halving rounds, each with its own timing effort and
 * how many candidates survive it. exhaustive is the plain sweep, kept as the reference. */
typedef struct round_spec {
  double min_time_s;
  int reps;
  int keep; /* survivors: > 0 a count, < 0 a fraction 1/-keep of the field (at least 2) */
} round_spec;
typedef struct level {
  const char *name;
  int best_isa_only; /* candidates only of the best ISA this CPU runs */
  int nrounds;
  round_spec rounds[3];
} level;
/* quick's first round is one short timing per candidate, so a disturbed one can drop the
 * best: it keeps six for the second. Measured here against the exhaustive sweep, in runs as
 * noisy as each other: keeping three, 9.6% behind on average (29.5% at worst); keeping six,
 * 14.7% (40.3%). The second round's three 0.05 s timings are as much the cause. */
static const level LEVELS[] = {
    {"quick", 1, 2, {{0.01, 1, 6}, {0.05, 3, 1}}},
    {"measure", 0, 3, {{0.02, 1, -3}, {0.1, 3, 3}, {0.2, 5, 1}}},
    {"exhaustive", 0, 1, {{0.2, 5, 1}}},
};

typedef struct cand {
  const mha__kernel *k;
  double median_s, gflops, cv;
  int alive;
} cand;

static void die(const char *fmt, const char *a) {
  fprintf(stderr, "mha-tune: ");
  fprintf(stderr, fmt, a);
  fprintf(stderr, "\n");
  exit(1);
}

/* Test hook: MHA_TUNE_INJECT="crash=NAME,hang=NAME,wrong=NAME" makes that candidate crash,
 * hang or answer wrong inside its child (wrong: on the gate's last shape alone, the one with
 * every 0.2 field), to show the tune survives and never picks it. */
static int injected(const char *what, const char *name) {
  const char *s = getenv("MHA_TUNE_INJECT");
  if (!s) return 0;
  char pat[160];
  snprintf(pat, sizeof pat, "%s=%s", what, name);
  for (const char *p = strstr(s, pat); p; p = strstr(p + 1, pat)) {
    char e = p[strlen(pat)];
    if ((p == s || p[-1] == ',') && (e == 0 || e == ',')) return 1;
  }
  return 0;
}
static void inject_pre(const char *name) {
  if (injected("crash", name)) raise(SIGSEGV);
  if (injected("hang", name))
    for (;;) pause();
}

/* A child's time limit; MHA_TUNE_TIMEOUT (seconds) overrides it, for tests of hangs. */
static double child_timeout(double dflt) {
  const char *e = getenv("MHA_TUNE_TIMEOUT");
  return e && atof(e) > 0 ? atof(e) : dflt;
}

/* ---- the correctness gate: several shapes (tails, causal both ways, GQA, both layouts, the
 * 0.2 fields a workload may set) ---- */
typedef struct gate_ctx {
  const mha__kernel *k;
  int qo; /* the Q/O type the candidate is gated with (a workload's qo=), MHA_F32 for none */
} gate_ctx;


/* The tuned table has no column for a window, lengths or a softcap: a winner of any workload
 * may serve a call that sets them, so every candidate must get them right. */
typedef struct gate_shape {
  int b, gq, hkv, nq, nk, causal, layout, align, window; /* Hq = gq * the kernel's g */
  float scale, softcap;
  int lens[3]; /* with b > 1: a padded batch */
} gate_shape;
static const gate_shape GATE[] = {
    {.b = 1, .gq = 2, .hkv = 2, .nq = 37, .nk = 300, .layout = MHA_LAYOUT_BSHD},
    {.b = 1, .gq = 1, .hkv = 1, .nq = 130, .nk = 77, .causal = 1},
    {.b = 1, .gq = 2, .hkv = 1, .nq = 1, .nk = 1000, .causal = 1},
    {.b = 1, .gq = 4, .hkv = 2, .nq = 64, .nk = 129, .causal = 1, .layout = MHA_LAYOUT_BSHD},
    /* A window over a padded batch, one sequence empty (its rows: zeros), the padding NaN. */
    {.b = 3, .gq = 2, .hkv = 2, .nq = 37, .nk = 300, .causal = 1, .layout = MHA_LAYOUT_BSHD, .window = 50,
     .lens = {300, 0, 129}},
    /* A softcap that bites (scale 1: scores of a few units), causal aligned top-left. */
    {.b = 1, .gq = 1, .hkv = 1, .nq = 130, .nk = 77, .causal = 1, .align = MHA_ALIGN_TOP_LEFT, .scale = 1,
     .softcap = 2},
    /* Decode with all three. */
    {.b = 2, .gq = 2, .hkv = 1, .nq = 1, .nk = 1000, .causal = 1, .window = 300, .scale = 1, .softcap = 2,
     .lens = {1000, 513}},
};

static int gate_child(void *vctx, int fd) {
  const mha__kernel *k = ((gate_ctx *)vctx)->k;
  const int qo = ((gate_ctx *)vctx)->qo;
  /* Any-d kernels on an odd d (a multiple of 32 for Q8_0, whose blocks are 32 wide). */
  int d = k->d ? k->d : k->kv_type == MHA_Q8_0 ? 96 : 67, g = k->g;
  inject_pre(k->name);
  for (size_t s = 0; s < sizeof GATE / sizeof *GATE; s++) {
    const gate_shape *x = &GATE[s];
    mha_attention_desc desc = {.batch = x->b, .heads_q = x->gq * g, .heads_kv = x->hkv, .seq_q = x->nq,
                               .seq_kv = x->nk, .head_dim = d, .scale = x->scale, .causal = x->causal,
                               .layout = x->layout, .threads = 1, .kv_type = k->kv_type,
                               .seq_kv_lens = x->b > 1 ? x->lens : NULL, .causal_align = x->align,
                               .window = x->window, .softcap = x->softcap, .q_type = qo, .o_type = qo};
    mha_inputs in;
    if (mha_inputs_alloc(&in, &desc, 1) != 0 || !(in.ref = malloc(in.nq * 8)) || !(in.pv = malloc(in.nq * 8)))
      return 1;
    int rc = mha__attention_with(&desc, k, (const float *)in.q[0], in.k[0], in.v[0], in.o);
    if (rc == MHA_EUNSUPPORTED && qo != MHA_F32) { /* this build takes no such Q/O: not a wrong answer */
      dprintf(fd, "unsupported: %s Q/O (MHA_EUNSUPPORTED)", mha_kv_name(qo));
      mha_inputs_free(&in);
      return 3;
    }
    if (rc == MHA_OK && s + 1 == sizeof GATE / sizeof *GATE && injected("wrong", k->name))
      mha_set(qo, in.o, in.nq / 2, (float)mha_at(qo, in.o, in.nq / 2) + (qo == MHA_F32 ? 1e-3f : 1e-1f));
    if (rc == MHA_OK) rc = mha_ref_attention_pv(&desc, in.q[0], in.k[0], in.v[0], in.ref, NULL, in.pv);
    /* fp32's tanh may be off by ~1e-6 relative: a capped score by softcap times that. With
     * bf16 or f16 Q and O, each element is held to mha_ref_bound (worst: error over bound). */
    const double tol = 2e-5 + 1e-6 * x->softcap;
    double worst = rc == MHA_OK ? 0 : INFINITY, over = worst;
    for (size_t i = 0; rc == MHA_OK && i < in.nq; i++) {
      const double e = fabs(in.ref[i] - mha_at(qo, in.o, i)), f = e / mha_ref_bound(qo, in.ref[i], in.pv[i], tol);
      worst = mha_worse(worst, e), over = mha_worse(over, f);
    }
    mha_inputs_free(&in);
    if (!(over <= 1)) {
      if (qo != MHA_F32) dprintf(fd, "error %.3g x the %s bound (max abs error %.3g)", over, mha_kv_name(qo), worst);
      else dprintf(fd, "max abs error %.3g > %.2g", worst, tol);
      dprintf(fd, " on B%d Hq%d Hkv%d Nq%d Nk%d d%d causal%d", desc.batch, desc.heads_q, desc.heads_kv, desc.seq_q,
              desc.seq_kv, d, desc.causal);
      if (x->align) dprintf(fd, " top-left");
      if (x->window) dprintf(fd, " window%d", x->window);
      if (x->softcap > 0) dprintf(fd, " scale%g softcap%g", x->scale, x->softcap);
      for (int b = 0; desc.seq_kv_lens && b < desc.batch; b++) dprintf(fd, b ? ",%d" : " lens%d", x->lens[b]);
      dprintf(fd, " (rc %d)", rc);
      return 1;
    }
  }
  return 0;
}

/* ---- timing: one candidate, one workload, one round, in a child ---- */
typedef struct time_ctx {
  const mha__kernel *k;
  const mha_workload *w;
  const mha_machine *m;
  mha_counters *ctr;
  round_spec rs;
  int threads;
  const mha_inputs *in; /* the workload's, made once by the tuner and inherited */
} time_ctx;

typedef struct call_state {
  const mha_attention_desc *desc;
  const mha__kernel *k;
  const mha_inputs *in;
  float *o;
  int next;
} call_state;

static void one_call(void *u) {
  call_state *c = u;
  int s = c->next;
  c->next = (c->next + 1) % c->in->sets;
  mha__attention_with(c->desc, c->k, c->in->q[s], c->in->k[s], c->in->v[s], c->o);
}

static int time_child(void *vctx, int fd) {
  time_ctx *t = vctx;
  mha_attention_desc desc = t->w->desc;
  desc.threads = t->threads;
  inject_pre(t->k->name);
  /* The inputs come from the tuner, rotated past the cache (tune_inputs); O is this child's. */
  const size_t nq = t->in->nq;
  call_state cs = {&desc, t->k, t->in, malloc(nq * 4), 0};
  if (!cs.o) return 1;
  double flops = mha_attention_flops(&desc);
  double bytes = mha_call_bytes(&desc);
  mha_bench_opts o = {t->rs.min_time_s, t->rs.reps, 1};
  mha_bench_stats st;
  char *json = NULL;
  char name[MHA_KEY_LEN + 128];
  snprintf(name, sizeof name, "%s/%s", t->w->key, t->k->name);
  if (mha_bench_run(name, one_call, &cs, &o, flops, bytes, t->ctr, &st, &json) != 0) {
    dprintf(fd, "benchmark failed");
    return 1;
  }
  /* Line one: median, cv, repetitions, then the counters per call; then the JSON. */
  dprintf(fd, "%.9g %.9g %d", st.median_s, st.cv, st.repetitions);
  for (int i = 0; i < st.counters; i++) dprintf(fd, " %s=%.4g", st.counter_label[i], st.counter_per_iter[i]);
  dprintf(fd, "\n%s", json ? json : "{}");
  free(json);
  return 0;
}

/* Results measured with other templates must not be resumed from or mixed with these: when
 * the folder's machine.json names other templates, every other file in the folder moves to
 * superseded-<their hash>/, kept, out of the way. */
/* ---- outputs ---- */
static void supersede_old_results(const char *out) {
  char path[4096], old[64] = "";
  size_t len;
  snprintf(path, sizeof path, "%s/machine.json", out);
  char *j = mha_slurp(path, &len);
  const char *h = j ? strstr(j, "\"template_hash\": \"") : NULL;
  if (h) sscanf(h + strlen("\"template_hash\": \""), "%63[0-9a-f]", old);
  free(j);
  if (!old[0] || !strcmp(old, mha__template_hash)) return;
  char dir[4200];
  snprintf(dir, sizeof dir, "%s/superseded-%s", out, old);
  DIR *d = opendir(out);
  char msg[9800];
  if (!d || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
    if (d) closedir(d);
    snprintf(msg, sizeof msg, "%s holds results from templates %s; cannot move them to %s", out, old, dir);
    die("%s", msg);
  }
  int moved = 0;
  for (struct dirent *e; (e = readdir(d));) {
    struct stat st;
    char from[4400], to[4800];
    snprintf(from, sizeof from, "%s/%s", out, e->d_name);
    if (!strcmp(e->d_name, "machine.json") || stat(from, &st) != 0 || !S_ISREG(st.st_mode)) continue;
    snprintf(to, sizeof to, "%s/%s", dir, e->d_name);
    if (rename(from, to) != 0) {
      snprintf(msg, sizeof msg, "cannot move %s to %s: %s", from, to, strerror(errno));
      die("%s", msg);
    }
    moved++;
  }
  closedir(d);
  fprintf(stderr, "mha-tune: %s was measured with templates %s, not %s: %d files moved to %s\n", out, old,
          mha__template_hash, moved, dir);
}

typedef struct winner {
  const mha_workload *w;
  const mha__kernel *k;
  double median_s, gflops, cv;
  int tried;
} winner;

/* This machine's table in tdir/tables/<machine-id>/ and the winners' sources in tdir/kernels. */
static void write_tuned(const char *tdir, const char *gdir, const mha_machine *m, const winner *wn,
                        int nw) {
  char sig[128], stamp[64];
  mha__cpu_signature(sig, sizeof sig);
  time_t tt = time(NULL);
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
  mha_table_row *rows = calloc(nw > 0 ? nw : 1, sizeof *rows);
  if (!rows) die("%s", "out of memory");
  for (int i = 0; i < nw; i++) {
    const mha_attention_desc *d = &wn[i].w->desc;
    rows[i] = (mha_table_row){wn[i].k, d->head_dim, d->heads_q, d->heads_kv, d->causal, mha__seq_bucket(d->seq_q),
                              mha__seq_bucket(mha__call_keys(d)) /* keyed as the dispatch keys a call */,
                              wn[i].w->key, wn[i].gflops, d->q_type};
  }
  const mha_table_meta meta = {m->id, sig, MHA_CC, MHA_CFLAGS, stamp, NULL, NULL};
  mha_table_write(tdir, gdir, &meta, rows, nw);
  free(rows);
}

static void progress(int tty, const char *wkey, int done, int total, const char *best, double gf,
                     double t0, double frac) {
  double el = mha_now() - t0, eta = frac > 0.01 ? el / frac - el : 0;
  if (tty) {
    int w = 24, f = (int)(frac * w + 0.5);
    char bar[32];
    for (int i = 0; i < w; i++) bar[i] = i < f ? '#' : '.';
    bar[w] = 0;
    fprintf(stderr, "\r[%s] %3.0f%% %-44.44s %3d/%-3d best %-40.40s %6.1f GF/s ETA %4.0fs\033[K", bar,
            frac * 100, wkey, done, total, best ? best : "-", gf, eta);
  }
}

int main(int argc, char **argv) {
  const char *lvl = getenv("TUNE") ? getenv("TUNE") : "measure";
  const char *models = getenv("MODELS"), *wfile = "harness/workloads.txt", *rdir = "results",
             *tdir = "tuned", *gdir = "build/gen";
  double limit = 0;
  int refresh_only = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(a, "--level") && more) lvl = argv[++i];
    else if (!strcmp(a, "--models") && more) models = argv[++i];
    else if (!strcmp(a, "--workloads") && more) wfile = argv[++i];
    else if (!strcmp(a, "--time-limit") && more) limit = atof(argv[++i]);
    else if (!strcmp(a, "--results") && more) rdir = argv[++i];
    else if (!strcmp(a, "--tuned") && more) tdir = argv[++i];
    else if (!strcmp(a, "--gen") && more) gdir = argv[++i];
    else if (!strcmp(a, "--refresh")) refresh_only = 1;
    else {
      fprintf(stderr, "usage: mha-tune [--level quick|measure|exhaustive] [--models a,b] [--workloads FILE]\n"
                      "                [--time-limit S] [--results DIR] [--tuned DIR] [--gen DIR]\n"
                      "       mha-tune --refresh [--tuned DIR] [--gen DIR]\n");
      return 2;
    }
  }
  if (refresh_only) {
    char sig[128];
    mha__cpu_signature(sig, sizeof sig);
    return mha_tables_refresh(tdir, gdir, sig) ? 3 : 0;
  }
  const level *L = NULL;
  for (size_t i = 0; i < sizeof LEVELS / sizeof *LEVELS; i++)
    if (!strcmp(LEVELS[i].name, lvl)) L = &LEVELS[i];
  if (!L) die("unknown level '%s' (quick, measure, exhaustive)", lvl);

  char err[512], path[4096];
  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) die("%s", err);
  mha_workload *W;
  int nw = mha_workloads_read(wfile, models, &W, err, sizeof err);
  if (nw < 0) die("%s", err);

  char out[1024];
  snprintf(out, sizeof out, "%.800s/%s", rdir, m.id);
  mkdir(rdir, 0777);
  mkdir(out, 0777);
  int cpu = mha__cpu_isa();
  fprintf(stderr, "mha-tune: machine %s (%s, %d cores, L1d %zu KiB, L2 %zu KiB), ISA %s, level %s, %d workloads\n",
          m.id, m.model, m.cores, m.l1d >> 10, m.l2 >> 10, mha__isa_name(cpu), L->name, nw);

  supersede_old_results(out);

  /* The machine's own limits, so every figure reads as a fraction of them. */
  mha_peak pk;
  if (mha_peak_measure(&m, &pk, 8.0) != 0) die("%s", "could not measure the machine's peak");
  mha_counters ctr;
  char cmsg[512];
  mha_counters_open(&ctr, cmsg, sizeof cmsg);
  fprintf(stderr, "mha-tune: counters: %s\n", cmsg);
  double peak_all = mha_peak_gflops(&pk, cpu, 0), peak_one = mha_peak_gflops(&pk, cpu, 1);
  fprintf(stderr, "mha-tune: measured peak %.0f GFLOP/s (%d threads), %.0f (1 thread); read bandwidth %.1f GB/s\n",
          peak_all, m.cores, peak_one, pk.read_gbs_all);
  if (pk.bf16_all > 0)
    fprintf(stderr, "mha-tune: bf16 dot-product peak (VDPBF16PS) %.0f GFLOP/s (%d threads), %.0f (1 thread)\n",
            pk.bf16_all, m.cores, pk.bf16_one);
  else
    fprintf(stderr, "mha-tune: no AVX512_BF16: no bf16 dot-product peak; bf16 workloads are stated against the fp32 one\n");
  /* A workload's rows are a fraction of this peak: the bf16 one for bf16 Q/O where measured. */
#define PEAK_OF(d) ((d)->q_type == MHA_BF16 && pk.bf16_all > 0 ? pk.bf16_all : peak_all)
  {
    /* bf16_peak_gflops: the VDPBF16PS peak (64 FLOPs an instruction), null without AVX512_BF16. */
    char bf16[96] = "null";
    if (pk.bf16_all > 0) snprintf(bf16, sizeof bf16, "{\"all\": %.1f, \"one\": %.1f}", pk.bf16_all, pk.bf16_one);
    mha_sbuf j = {0};
    mha_sb_printf(&j, "{\n  \"machine_id\": \"%s\",\n  \"vendor\": \"%s\",\n  \"model\": \"%s\",\n  \"cores\": %d,\n"
                  "  \"l1d_bytes\": %zu, \"l2_bytes\": %zu, \"l3_bytes\": %zu,\n  \"isa\": \"%s\",\n"
                  "  \"peak_gflops\": {\"%s\": {\"all\": %.1f, \"one\": %.1f}},\n"
                  "  \"bf16_peak_gflops\": %s,\n"
                  "  \"read_gbs\": {\"all\": %.1f, \"one\": %.1f},\n  \"counters\": \"%s\",\n"
                  "  \"compiler\": \"%s\",\n  \"cflags\": \"%s\",\n  \"template_hash\": \"%s\"\n}\n",
              m.id, m.vendor, m.model, m.cores, m.l1d, m.l2, m.l3, mha__isa_name(cpu), mha__isa_name(cpu),
              peak_all, peak_one, bf16, pk.read_gbs_all, pk.read_gbs_one, cmsg, MHA_CC, MHA_CFLAGS, mha__template_hash);
    snprintf(path, sizeof path, "%s/machine.json", out);
    if (mha_write_sbuf(path, &j) != 0) die("cannot write %s", path);
    free(j.s);
  }

  mha_journal J;
  snprintf(path, sizeof path, "%s/journal-%s.tsv", out, L->name);
  if (mha_journal_open(&J, path, err, sizeof err) != 0) die("%s", err);
  int resumed = J.n;
  if (resumed) fprintf(stderr, "mha-tune: resuming: %d measurements already in %s\n", resumed, path);

  /* Gate every candidate any workload could use, once. */
  int nk = mha__registry_count;
  int *gate_ok = calloc((size_t)nk * 3, sizeof(int)); /* [kernel][Q/O type: F32, F16, BF16] */
  winner *wn = calloc((size_t)nw, sizeof *wn);
  cand *cs = calloc((size_t)nk, sizeof *cs);
  mha_sbuf gjson = {0};
  int nbench = 0;
  if (!gate_ok || !wn || !cs) die("%s", "out of memory");
  int tty = isatty(2), measured = 0, failures = 0;
  double t0 = mha_now();
  for (int i = 0; i < nk * 3; i++) gate_ok[i] = -1; /* not gated yet */

  for (int wi = 0; wi < nw; wi++) {
    const mha_workload *w = &W[wi];
    const mha_attention_desc *d = &w->desc;
    int nc = 0;
    for (int i = 0; i < nk; i++) {
      const mha__kernel *k = mha__registry[i];
      if (!mha__kernel_runs(k, cpu, mha__cpu_features()) || (L->best_isa_only && k->isa != cpu) ||
          !mha__kernel_applies(k, d))
        continue;
      /* Gated once per Q/O type: "-" in the journal for f32, "-/qo-bf16" for bf16. */
      int *ok = &gate_ok[(size_t)i * 3 + d->q_type];
      char gkey[32];
      snprintf(gkey, sizeof gkey, "-%s%s", d->q_type ? "/qo-" : "", d->q_type ? mha_kv_name(d->q_type) : "");
      if (*ok < 0) {
        const mha_jrec *r = mha_journal_find(&J, gkey, k->name, -1);
        mha_jrec rec = {0};
        if (!r) {
          gate_ctx gc = {k, d->q_type};
          char buf[512];
          snprintf(rec.key, sizeof rec.key, "%s", gkey);
          snprintf(rec.kernel, sizeof rec.kernel, "%s", k->name);
          rec.round = -1;
          if (mha_isolated(gate_child, &gc, child_timeout(60), buf, sizeof buf, rec.status, sizeof rec.status, rec.note,
                           sizeof rec.note) == 0)
            snprintf(rec.status, sizeof rec.status, "ok");
          else if (!strcmp(rec.status, "error") && !strncmp(rec.note, "unsupported", 11))
            snprintf(rec.status, sizeof rec.status, "unsupported");
          else if (!strcmp(rec.status, "error"))
            snprintf(rec.status, sizeof rec.status, "wrong");
          mha_journal_add(&J, &rec);
          r = &rec;
          if (!strcmp(r->status, "unsupported")) {
            if (tty) fprintf(stderr, "\n");
            fprintf(stderr, "mha-tune: %s: %s; not a candidate for %s\n", k->name, r->note, w->key);
          } else if (strcmp(r->status, "ok")) {
            failures++;
            if (tty) fprintf(stderr, "\n");
            fprintf(stderr, "mha-tune: %s fails the gate (%s): %s\n", k->name, r->status, r->note);
          }
        }
        *ok = !strcmp(r->status, "ok");
      }
      if (*ok) cs[nc++] = (cand){k, 0, 0, 0, 1};
    }
    wn[wi].w = w;
    wn[wi].tried = nc;
    int alive = nc;
    mha_inputs in = {0};
    for (int ri = 0; ri < L->nrounds && alive > 0; ri++) {
      const round_spec *rs = &L->rounds[ri];
      for (int c = 0; c < nc; c++) {
        if (!cs[c].alive) continue;
        if (limit > 0 && mha_now() - t0 > limit) break;
        const mha_jrec *r = mha_journal_find(&J, w->key, cs[c].k->name, ri);
        mha_jrec rec = {0};
        if (!r) {
          /* Rotated input sets, so a call does not find its K/V in cache where the real one
           * would not (decode above all): made once per workload here and shared with every
           * timing child through fork, instead of refilled (up to 128 MiB) in each. */
          if (!in.sets && mha_inputs_alloc(&in, d, mha_rotation_sets(&m, d, MHA_ROTATION_CAP)))
            die("out of memory for the inputs of %s", w->key);
          time_ctx tc = {cs[c].k, w, &m, &ctr, *rs, 0, &in};
          static char buf[1 << 20];
          snprintf(rec.key, sizeof rec.key, "%s", w->key);
          snprintf(rec.kernel, sizeof rec.kernel, "%s", cs[c].k->name);
          rec.round = ri;
          double budget = child_timeout(120 + 20 * rs->reps * rs->min_time_s);
          if (mha_isolated(time_child, &tc, budget, buf, sizeof buf, rec.status, sizeof rec.status, rec.note,
                           sizeof rec.note) == 0 &&
              sscanf(buf, "%lf %lf %d", &rec.median_s, &rec.cv, &rec.reps) == 3 && rec.median_s > 0) {
            snprintf(rec.status, sizeof rec.status, "ok");
            int skip = 0;
            char *nl = strchr(buf, '\n');
            for (int sp = 0; buf + skip < nl && sp < 3; skip++) sp += buf[skip] == ' ';
            if (nl && buf + skip < nl) snprintf(rec.note, sizeof rec.note, "%.*s", (int)(nl - buf - skip), buf + skip);
            double fl = mha_attention_flops(d);
            rec.gflops = fl / rec.median_s * 1e-9;
            char *js = strchr(buf, '\n');
            if (js) mha_gbench_merge(&gjson, js + 1, &nbench);
          } else if (!strcmp(rec.status, "") || !strcmp(rec.status, "ok")) {
            snprintf(rec.status, sizeof rec.status, "error");
          }
          mha_journal_add(&J, &rec);
          measured++;
          r = &rec;
          if (strcmp(r->status, "ok")) {
            failures++;
            if (tty) fprintf(stderr, "\n");
            fprintf(stderr, "mha-tune: %s on %s: %s %s\n", cs[c].k->name, w->key, r->status, r->note);
          }
        }
        if (strcmp(r->status, "ok")) {
          cs[c].alive = 0;
          continue;
        }
        cs[c].median_s = r->median_s, cs[c].gflops = r->gflops, cs[c].cv = r->cv;
        double frac = (wi + (double)(c + 1) / (nc ? nc : 1) * (ri + 1) / L->nrounds) / nw;
        progress(tty, w->key, c + 1, nc, cs[c].k->name, cs[c].gflops, t0, frac);
      }
      /* Keep the fastest of this round. */
      int keep = rs->keep > 0 ? rs->keep : (alive / -rs->keep > 2 ? alive / -rs->keep : 2);
      for (int a = 0; a < nc; a++)
        for (int b2 = a + 1; b2 < nc; b2++) {
          int swap = cs[b2].alive && (!cs[a].alive || cs[b2].median_s < cs[a].median_s);
          if (swap) {
            cand t = cs[a];
            cs[a] = cs[b2];
            cs[b2] = t;
          }
        }
      alive = 0;
      for (int c = 0; c < nc; c++) {
        if (cs[c].alive && cs[c].median_s > 0 && alive < keep) alive++;
        else cs[c].alive = 0;
      }
    }
    mha_inputs_free(&in);
    if (nc && cs[0].alive) {
      wn[wi].k = cs[0].k, wn[wi].median_s = cs[0].median_s, wn[wi].gflops = cs[0].gflops, wn[wi].cv = cs[0].cv;
    }
    if (tty) fprintf(stderr, "\r\033[K");
    fprintf(stderr, "mha-tune: %-44s %-42s %7.1f GFLOP/s (%4.1f%% of peak) from %d candidates\n", w->key,
            wn[wi].k ? wn[wi].k->name : "(none)", wn[wi].gflops, 100 * wn[wi].gflops / PEAK_OF(d), nc);
  }

  /* Results: Google Benchmark JSON of this run (one document, compare.py reads it), winners,
   * summary; then tuned/. */
  if (nbench) {
    snprintf(path, sizeof path, "%s/gbench-%s.json", out, L->name);
    mha_gbench_close(&gjson);
    if (mha_write_sbuf(path, &gjson) != 0) die("cannot write %s", path);
  }
  {
    mha_sbuf s = {0};
    char bf16[160] = "No AVX512_BF16: bf16 rows are of the fp32 peak.";
    if (pk.bf16_all > 0)
      snprintf(bf16, sizeof bf16, "bf16 dot-product peak (VDPBF16PS): %.0f GFLOP/s, %.0f (1 thread); bf16 rows are of it.",
               pk.bf16_all, pk.bf16_one);
    mha_sb_printf(&s, "# Winners on %s (level %s)\n\nMeasured peak: %.0f GFLOP/s (%d threads, %s FMA), %.0f (1 thread); "
                  "read bandwidth %.1f GB/s. %s Counters: %s\n\n"
                  "| workload | winner | GFLOP/s | %% of peak | GB/s | candidates |\n|---|---|---:|---:|---:|---:|\n",
              m.id, L->name, peak_all, m.cores, mha__isa_name(cpu), peak_one, pk.read_gbs_all, bf16, cmsg);
    mha_sbuf t = {0};
    mha_sb_printf(&t, "# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates\n");
    for (int i = 0; i < nw; i++) {
      const mha_attention_desc *d = &wn[i].w->desc;
      double gbs = wn[i].k ? mha_call_bytes(d) / wn[i].median_s * 1e-9 : 0;
      mha_sb_printf(&s, "| %s | %s | %.1f | %.1f | %.1f | %d |\n", wn[i].w->key, wn[i].k ? wn[i].k->name : "(none)",
                wn[i].gflops, 100 * wn[i].gflops / PEAK_OF(d), gbs, wn[i].tried);
      mha_sb_printf(&t, "%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%.2f\t%d\n", wn[i].w->key, wn[i].k ? wn[i].k->name : "-",
                wn[i].median_s, wn[i].cv, wn[i].gflops, 100 * wn[i].gflops / PEAK_OF(d), gbs, wn[i].tried);
    }
    mha_sb_printf(&s, "\nTune wall time %.0f s; %d measurements this run, %d from the journal; %d failures.\n",
              mha_now() - t0, measured, resumed, failures);
    snprintf(path, sizeof path, "%s/summary-%s.md", out, L->name);
    if (mha_write_sbuf(path, &s) != 0) die("cannot write %s", path);
    snprintf(path, sizeof path, "%s/winners-%s.tsv", out, L->name);
    if (mha_write_sbuf(path, &t) != 0) die("cannot write %s", path);
    fputs(s.s, stdout);
    free(s.s);
    free(t.s);
  }
  write_tuned(tdir, gdir, &m, wn, nw);
  fprintf(stderr, "mha-tune: wrote %s/tables/%s/mha_table.c and the winners' sources in %s/kernels; results in %s\n",
          tdir, m.id, tdir, out);
  {
    char sig[128];
    mha__cpu_signature(sig, sizeof sig);
    mha_tables_refresh(tdir, gdir, sig); /* the other machines' tables, to these templates */
  }
  mha_journal_close(&J);
  mha_counters_close(&ctr);
  free(gjson.s);
  free(gate_ok);
  free(wn);
  free(cs);
  free(W);
#undef PEAK_OF
  return 0;
}
