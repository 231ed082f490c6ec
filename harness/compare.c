/* compare.c: `make compare`. Times every implementation behind harness/impl.h (ours tuned and
 * untuned, oneDNN, OpenBLAS, ggml) on the tune's workloads, the way the tune times a candidate:
 * Google Benchmark through harness/bench.h, all cores, input sets rotated past the last-level
 * cache. A workload's KV type (its optional tenth column, f32 when absent) is the type K and V
 * are stored in, made once before anything is timed; its qo= (bf16 or f16) that of Q and O, and
 * an implementation that takes no such Q/O says so in its row. Each implementation is first checked
 * against the double-precision reference on the real shape; a wrong one is a failed row, never
 * timed (harness/measure.c). ggml is fetched by scripts/ggml-fetch.sh; where it could not be,
 * one line says so and the run goes on without it. Writes compare.tsv, compare.md and
 * gbench-compare.json into results/<machine-id>/ (temporary name, then rename).
 * --layers a,b: the whole layer of those models (bench_layer.c's names) at each of
 * --layer-tokens (default 1,128,1024), one sequence, all cores: ours (mha_layer_forward), the
 * composite (oneDNN's four projections with mhatune's attention) and torch.nn.MultiheadAttention,
 * each checked against the double-precision layer first; bert-base without a mask, the others
 * causal. Into compare-layer.tsv and a section of compare.md.
 * Usage: mha-compare [--workloads FILE] [--models a,b] [--impls a,b] [--results DIR]
 *                    [--min-time S] [--reps N] [--peak-budget S] [--layers a,b] [--layer-tokens n,m] */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bench_layer.h"
#include "impl.h"
#include "machine.h"
#include "measure.h"
#include "peak.h"
#include "tune.h"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "mha-compare: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
  exit(1);
}

typedef struct row {
  const mha_workload *w;
  const char *key; /* the workload's, with its KV type when not f32 */
  int kind;
  mha_measured m;
  double pct;
} row;

typedef struct cfg {
  const char *wfile, *models, *impls, *rdir, *layers, *ltokens;
  double min_time, peak_budget;
  int reps, want[MHA_IMPL_COUNT], nimpl;
} cfg;

/* The peak every row is a fraction of, and the line compare.md says it in. */
typedef struct peaks {
  double peak, bf16;
  const char *src;
  char bf16txt[160];
} peaks;

static void usage(void) {
  fprintf(stderr, "usage: mha-compare [--workloads FILE] [--models a,b] [--impls a,b] [--results DIR]\n"
                  "                   [--min-time S] [--reps N] [--peak-budget S] [--layers a,b] [--layer-tokens n,m]\n"
                  "impls:");
  for (int k = 0; k < MHA_IMPL_COUNT; k++) fprintf(stderr, " %s", mha_impl_name(k));
  fprintf(stderr, "\n");
  exit(2);
}

/* The command line into c; a usage error (exit 2) before anything is written. */
static void parse_args(int argc, char **argv, cfg *c) {
  *c = (cfg){.wfile = "harness/workloads.txt", .rdir = "results", .ltokens = "1,128,1024", .min_time = 0.2,
             .peak_budget = 8, .reps = 5};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (i + 1 >= argc) usage();
    if (!strcmp(a, "--workloads")) c->wfile = argv[++i];
    else if (!strcmp(a, "--models")) c->models = argv[++i];
    else if (!strcmp(a, "--impls")) c->impls = argv[++i];
    else if (!strcmp(a, "--results")) c->rdir = argv[++i];
    else if (!strcmp(a, "--min-time")) c->min_time = atof(argv[++i]);
    else if (!strcmp(a, "--reps")) c->reps = atoi(argv[++i]);
    else if (!strcmp(a, "--peak-budget")) c->peak_budget = atof(argv[++i]);
    else if (!strcmp(a, "--layers")) c->layers = argv[++i];
    else if (!strcmp(a, "--layer-tokens")) c->ltokens = argv[++i];
    else usage();
  }
  if (!(c->min_time > 0) || c->reps < 1) usage();
  const char *impls = c->impls;
  for (int k = 0; k < MHA_IMPL_COUNT; k++) c->want[k] = !impls || !*impls;
  for (const char *p = impls; p && *p;) {
    size_t l = strcspn(p, ",");
    int found = 0;
    for (int k = 0; k < MHA_IMPL_COUNT; k++)
      if (strlen(mha_impl_name(k)) == l && !strncmp(p, mha_impl_name(k), l)) c->want[k] = found = 1;
    if (!found) {
      fprintf(stderr, "mha-compare: unknown implementation '%.*s'\n", (int)l, p);
      usage();
    }
    p += l + (p[l] == ',');
  }
  for (int k = 0; k < MHA_IMPL_COUNT; k++) c->nimpl += c->want[k];
}

/* ggml is a peer where it could be fetched: without it, one line, and on without it (asked
 * for by name, it stays, its rows saying why). note: why it is left out, or "". */
static void ggml_probe(cfg *c, char *note, size_t n) {
  char err[512];
  note[0] = 0;
  if (!c->want[MHA_IMPL_GGML]) return;
  const mha_attention_desc probe = {.batch = 1, .heads_q = 1, .heads_kv = 1, .seq_q = 1, .seq_kv = 32, .head_dim = 32};
  mha_impl *im = NULL;
  if (mha_impl_create(MHA_IMPL_GGML, &probe, &im, err, sizeof err) == MHA_IMPL_UNSUPPORTED) {
    snprintf(note, n, "%s", err);
    fprintf(stderr, "mha-compare: %s; going on without it\n", err);
    if (!c->impls || !*c->impls) c->want[MHA_IMPL_GGML] = 0, c->nimpl--;
  }
  mha_impl_destroy(im);
}

/* The peak every row is a fraction of: the tune's own figure for this machine when it has
 * one, so compare.tsv and winners-*.tsv share a denominator; else measured now. */
static void find_peaks(const mha_machine *m, const char *out, const mha_workload *W, int nw, double budget, peaks *p) {
  const char *isa = mha_isa_name(m->isa);
  p->peak = mha_peak_from_machine_json(out, isa, 0);
  p->src = "results machine.json";
  mha_peak pk;
  int measured = 0, any_bf16 = 0;
  if (!(p->peak > 0)) {
    if (mha_peak_measure(m, &pk, budget) != 0 && !(mha_peak_gflops(&pk, m->isa, 0) > 0))
      die("could not measure the peak: %s", pk.error);
    p->peak = mha_peak_gflops(&pk, m->isa, 0), p->src = "measured now", measured = 1;
  }
  /* Rows with bf16 Q and O are a fraction of the bf16 dot-product peak where the CPU has one. */
  p->bf16 = measured ? pk.bf16_all : mha_peak_from_machine_json(out, "bf16", 0);
  for (int wi = 0; wi < nw; wi++) any_bf16 |= W[wi].desc.q_type == MHA_BF16;
  if (any_bf16 && !measured && !(p->bf16 > 0) && mha_peak_measure_some(m, &pk, budget / 2, MHA_PEAK_FMA) == 0)
    p->bf16 = pk.bf16_all;
  p->bf16txt[0] = 0;
  if (any_bf16 && p->bf16 > 0)
    snprintf(p->bf16txt, sizeof p->bf16txt, " Rows with bf16 Q/O: of the bf16 dot-product peak, %.1f GFLOP/s (VDPBF16PS).",
             p->bf16);
  else if (any_bf16)
    snprintf(p->bf16txt, sizeof p->bf16txt, " No AVX512_BF16: rows with bf16 Q/O are of the fp32 peak.");
}

/* Every wanted implementation on every workload, each printed as it is measured; the rows
 * (nw x nimpl) are returned, the timed runs appended to json. */
static row *measure_all(const cfg *c, const mha_machine *m, mha_workload *W, int nw, const peaks *pks, int *nrows,
                        mha_sbuf *json, int *nbench) {
  char err[512];
  const int cpus = m->pus > 0 ? m->pus : 1; /* what threads = 0 uses: this process's CPUs */
  row *rows = calloc((size_t)nw * MHA_IMPL_COUNT, sizeof *rows);
  if (!rows) die("out of memory");
  *nrows = 0;
  printf("%-56s %-16s %-11s %9s %6s %8s %10s  %s\n", "workload", "impl", "status", "GFLOP/s", "%peak", "GB/s", "us/call",
         "detail");
  fflush(stdout);
  mha_bench_opts bo = {c->min_time, c->reps, 1};
  for (int wi = 0; wi < nw; wi++) {
    mha_attention_desc desc = W[wi].desc;
    desc.threads = 0; /* every core, as the tune times */
    mha_inputs in;
    const int sets = mha_rotation_sets(m, &desc, MHA_ROTATION_CAP);
    if (mha_inputs_make(&in, &desc, sets, cpus, err, sizeof err) != 0) die("%s: %s", W[wi].key, err);
    int kinds[MHA_IMPL_COUNT], nk = 0;
    char names[MHA_IMPL_COUNT][400];
    const char *np[MHA_IMPL_COUNT];
    mha_measured ms[MHA_IMPL_COUNT];
    for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
      if (!c->want[kind]) continue;
      snprintf(names[nk], sizeof names[nk], "%s/%s", W[wi].key, mha_impl_name(kind));
      np[nk] = names[nk];
      kinds[nk++] = kind;
    }
    mha_measure_set(nk, kinds, &desc, &in, np, &bo, ms, json, nbench);
    for (int i = 0; i < nk; i++) {
      row *r = &rows[(*nrows)++];
      r->w = &W[wi], r->key = W[wi].key, r->kind = kinds[i], r->m = ms[i];
      r->pct = 100 * r->m.gflops / (desc.q_type == MHA_BF16 && pks->bf16 > 0 ? pks->bf16 : pks->peak);
      printf("%-56s %-16s %-11s %9.1f %5.1f%% %8.1f %10.1f  %s", W[wi].key, mha_impl_name(r->kind), r->m.status,
             r->m.gflops, r->pct, r->m.gbs, r->m.median_s * 1e6, r->m.detail);
      if (strcmp(r->m.status, "unsupported")) printf(" [max err %.2g]", r->m.max_err);
      printf("\n");
      fflush(stdout);
    }
    mha_inputs_free(&in);
  }
  return rows;
}

/* compare.tsv: one row per workload and implementation (scripts/report.sh reads it). */
static void write_tsv(const char *out, const row *rows, int nrows) {
  char path[1200];
  mha_sbuf t = {0};
  mha_sb_printf(&t, "# workload\timpl\tstatus\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tdetail\n");
  for (int i = 0; i < nrows; i++) {
    const row *r = &rows[i];
    if (!strcmp(r->m.status, "ok"))
      mha_sb_printf(&t, "%s\t%s\tok\t%.9g\t%.4g\t%.2f\t%.2f\t%.2f\t%s\n", r->key, mha_impl_name(r->kind), r->m.median_s,
                    r->m.cv, r->m.gflops, r->pct, r->m.gbs, r->m.detail);
    else
      mha_sb_printf(&t, "%s\t%s\t%s\t0\t0\t0\t0\t0\t%s\n", r->key, mha_impl_name(r->kind), r->m.status, r->m.detail);
  }
  snprintf(path, sizeof path, "%s/compare.tsv", out);
  if (mha_write_sbuf(path, &t) != 0) die("cannot write %s", path);
  free(t.s);
}

/* The layer rows asked for (--layers x --layer-tokens), made before anything is measured so a
 * bad name is a usage error; *n of them (0 when none were asked for). */
static mha_lrow *layer_rows(const cfg *c, int *n) {
  *n = 0;
  if (!c->layers || !*c->layers) return NULL;
  mha_lrow *x = NULL;
  for (const char *p = c->layers; *p;) {
    char name[64];
    const size_t l = strcspn(p, ",");
    snprintf(name, sizeof name, "%.*s", (int)(l < sizeof name ? l : sizeof name - 1), p);
    for (const char *t = c->ltokens; *t;) {
      char *end;
      const long tok = strtol(t, &end, 10);
      mha_lrow *nx = realloc(x, sizeof *x * (size_t)(*n + 1));
      if (!nx) die("out of memory");
      x = nx;
      /* bert-base is an encoder (no mask); the others are decoders */
      if ((*end && *end != ',') || tok < 1 || tok > 1 << 20 ||
          mha_lrow_layer(&x[*n], name, (int)tok, strcmp(name, "bert-base") != 0, 0) != 0) {
        fprintf(stderr, "mha-compare: --layers %s --layer-tokens %s: '%s' at %.*s tokens is not a layer: expected "
                        "bert-base, gpt2-medium, llama2-7b, llama3-8b or e<E>h<Hq>k<Hkv>[b][r], tokens >= 1\n",
                c->layers, c->ltokens, name, (int)strcspn(t, ","), t);
        usage();
      }
      (*n)++;
      t = *end ? end + 1 : end;
    }
    p += l + (p[l] == ',');
  }
  return x;
}

static void measure_layers(const cfg *c, mha_lrow *x, int n, const mha_machine *m, mha_sbuf *json, int *nbench) {
  const mha_peak none = {0}; /* the layer rows of compare have no targets to judge */
  mha_bench_opts bo = {c->min_time, c->reps, 1};
  for (int i = 0; i < n; i++) {
    mha_lrow_measure(&x[i], m, &none, &bo, json, nbench);
    for (int k = 0; k < LR_IMPLS; k++) {
      const mha_measured *r = &x[i].r[k];
      printf("%-56s %-16s %-11s %9.1f %6s %8s %10.1f  %s\n", x[i].key, k == 0 ? "mhatune" : k == 1 ? "composite" : "torch",
             r->status, r->gflops, "", "", r->median_s * 1e6, r->detail);
    }
    fflush(stdout);
  }
}

/* compare-layer.tsv, and the layer's section of compare.md: time per call, ours' speed-up. */
static void write_layers(const char *out, const mha_lrow *x, int n, mha_sbuf *md) {
  static const char *const impl[LR_IMPLS] = {"mhatune", "composite", "torch"};
  char path[1200];
  mha_sbuf t = {0};
  mha_sb_printf(&t, "# layer\timpl\tstatus\tmedian_s\tcv\tgflops\tdetail\n");
  mha_sb_printf(md, "\n## The layer\n\nOne sequence through the layer (no cache), all cores, time per call (median); "
                    "in brackets ours' speed-up over it. The composite: oneDNN's four projections with mhatune's "
                    "attention reading them in place; torch.nn.MultiheadAttention in its own process (no RoPE, no GQA: "
                    "unsupported on LLaMA layers). Each checked against the double-precision layer first.\n\n"
                    "| layer | mhatune | composite | torch |\n|---|---:|---:|---:|\n");
  for (int i = 0; i < n; i++) {
    const mha_measured *o = &x[i].r[0];
    mha_sb_printf(md, "| %s |", x[i].key);
    for (int k = 0; k < LR_IMPLS; k++) {
      const mha_measured *r = &x[i].r[k];
      const int ok = !strcmp(r->status, "ok");
      mha_sb_printf(&t, "%s\t%s\t%s\t%.9g\t%.4g\t%.2f\t%s\n", x[i].key, impl[k], r->status, ok ? r->median_s : 0,
                    ok ? r->cv : 0, ok ? r->gflops : 0, r->detail);
      if (!ok) mha_sb_printf(md, " %s |", r->status);
      else if (k && !strcmp(o->status, "ok")) mha_sb_printf(md, " %.3f ms (%.2fx) |", r->median_s * 1e3, r->median_s / o->median_s);
      else mha_sb_printf(md, " %.3f ms |", r->median_s * 1e3);
    }
    mha_sb_printf(md, "\n");
  }
  for (int i = 0; i < n; i++)
    for (int k = 0; k < LR_IMPLS; k++)
      if (strcmp(x[i].r[k].status, "ok")) mha_sb_printf(md, "%s- %s on %s: %s\n", i || k ? "" : "\n", impl[k], x[i].key, x[i].r[k].detail);
  snprintf(path, sizeof path, "%s/compare-layer.tsv", out);
  if (mha_write_sbuf(path, &t) != 0) die("cannot write %s", path);
  free(t.s);
}

/* compare.md: workloads down, implementations across, GFLOP/s and the ratio to oneDNN. */
static void write_md(const char *out, const cfg *c, const mha_machine *m, const peaks *pks, const row *rows, int nrows,
                     const char *ggml_note, const mha_lrow *lrows, int nl) {
  char path[1200];
  const int cpus = m->pus > 0 ? m->pus : 1;
  mha_sbuf md = {0};
  mha_sb_printf(&md, "# mhatune and its peers on %s\n\nGFLOP/s per call (median over %d repetitions, all %d cores, inputs "
                     "rotated past the cache); in brackets the ratio to oneDNN. Peak: %.1f GFLOP/s (%s FMA, all cores, %s).%s\n\n"
                     "| workload |",
                m->id, c->reps, cpus, pks->peak, mha_isa_name(m->isa), pks->src, pks->bf16txt);
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++)
    if (c->want[kind]) mha_sb_printf(&md, " %s |", mha_impl_name(kind));
  mha_sb_printf(&md, "\n|---|");
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++)
    if (c->want[kind]) mha_sb_printf(&md, "---:|");
  mha_sb_printf(&md, "\n");
  for (int i = 0; i < nrows;) {
    const mha_workload *w = rows[i].w;
    double onednn = 0;
    for (int j = i; j < nrows && rows[j].w == w; j++)
      if (rows[j].kind == MHA_IMPL_ONEDNN && !strcmp(rows[j].m.status, "ok")) onednn = rows[j].m.gflops;
    mha_sb_printf(&md, "| %s |", rows[i].key);
    for (; i < nrows && rows[i].w == w; i++) {
      if (strcmp(rows[i].m.status, "ok")) mha_sb_printf(&md, " %s |", rows[i].m.status);
      else if (onednn > 0) mha_sb_printf(&md, " %.1f (%.2fx) |", rows[i].m.gflops, rows[i].m.gflops / onednn);
      else mha_sb_printf(&md, " %.1f |", rows[i].m.gflops);
    }
    mha_sb_printf(&md, "\n");
  }
  int notes = 0;
  for (int i = 0; i < nrows; i++)
    if (strcmp(rows[i].m.status, "ok"))
      mha_sb_printf(&md, "%s- %s on %s: %s: %s\n", notes++ ? "" : "\n", mha_impl_name(rows[i].kind), rows[i].key,
                    rows[i].m.status, rows[i].m.detail);
  if (*ggml_note) mha_sb_printf(&md, "%s- ggml: left out: %s\n", notes++ ? "" : "\n", ggml_note);
  mha_sb_printf(&md, "\nWhat ran (the first workload's):\n\n");
  for (int i = 0; i < nrows && rows[i].w == rows[0].w; i++)
    mha_sb_printf(&md, "- %s: %s\n", mha_impl_name(rows[i].kind), rows[i].m.detail);
  if (nl) write_layers(out, lrows, nl, &md);
  snprintf(path, sizeof path, "%s/compare.md", out);
  if (mha_write_sbuf(path, &md) != 0) die("cannot write %s", path);
  free(md.s);
}

int main(int argc, char **argv) {
  cfg c;
  parse_args(argc, argv, &c);
  int nl;
  mha_lrow *lrows = layer_rows(&c, &nl);
  char err[512], out[1100], path[1200];
  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) die("%s", err);
  mha_workload *W;
  int nw = mha_workloads_read(c.wfile, c.models, &W, err, sizeof err);
  if (nw < 0) die("%s", err);
  char ggml_note[600];
  ggml_probe(&c, ggml_note, sizeof ggml_note);
  snprintf(out, sizeof out, "%.900s/%s", c.rdir, m.id);
  if ((mkdir(c.rdir, 0777) && errno != EEXIST) || (mkdir(out, 0777) && errno != EEXIST))
    die("cannot create %s: %s", out, strerror(errno));
  peaks pks;
  find_peaks(&m, out, W, nw, c.peak_budget, &pks);
  fprintf(stderr, "mha-compare: machine %s (%s, %d cores), peak %.0f GFLOP/s (%s FMA, all cores, %s); %d workloads x %d "
                  "implementations\n",
          m.id, m.model, m.cores, pks.peak, mha_isa_name(m.isa), pks.src, nw, c.nimpl);

  int nrows = 0, nbench = 0;
  mha_sbuf json = {0};
  const double t0 = mha_now();
  row *rows = measure_all(&c, &m, W, nw, &pks, &nrows, &json, &nbench);
  measure_layers(&c, lrows, nl, &m, &json, &nbench);
  write_tsv(out, rows, nrows);
  write_md(out, &c, &m, &pks, rows, nrows, ggml_note, lrows, nl);
  snprintf(path, sizeof path, "%s/gbench-compare.json", out);
  if (nbench) {
    mha_gbench_close(&json);
    if (mha_write_sbuf(path, &json) != 0) die("cannot write %s", path);
  } else {
    remove(path); /* nothing was timed: an earlier run's document must not pass for this one's */
  }
  fprintf(stderr, "mha-compare: %d rows in %.0f s; wrote %s/compare.tsv, compare.md%s\n", nrows, mha_now() - t0, out,
          nbench ? ", gbench-compare.json" : "");
  free(json.s), free(rows), free(W), free(lrows);
  return 0;
}
