/* bench.c: `make bench`. The performance targets of the project, measured side by side in one
 * run on this machine: our tuned library through its public API, oneDNN, OpenBLAS and ggml
 * (llama.cpp's flash attention, where scripts/ggml-fetch.sh could fetch it) on the cases of
 * harness/bench.txt, K and V in each case's KV type, next to the FMA peak and the read bandwidth measured in the same
 * run, again just before and after each case they judge (--peak-budget S at the start, S/2 each
 * there; the higher of the two counts). Each implementation is checked against the
 * double-precision reference before it is timed (harness/measure.c). Prints a table, and writes bench.tsv, bench.md and
 * gbench-bench.json into results/<machine-id>/.
 * Usage: mha-bench [--cases FILE] [--results DIR] [--min-time S] [--reps N] [--peak-budget S] [--strict]
 * --strict: exit 1 when a target is missed (by default the table says so and the exit is 0). */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "impl.h"
#include "measure.h"
#include "peak.h"
#include "tune.h"

enum { MAX_TARGETS = 4, PEERS = 4, NTARGETS = 5 };
static const int PEER_KIND[PEERS] = {MHA_IMPL_TUNED, MHA_IMPL_ONEDNN, MHA_IMPL_OPENBLAS, MHA_IMPL_GGML};

typedef enum { T_PEAK, T_ONEDNN, T_BW, T_MEM, T_GGML } target_kind;
static const char *const TARGET_NAME[NTARGETS] = {"peak>=", "onednn>=", "bw>=", "mem<=", "ggml>="};

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
    if (sscanf(s, "%31s %d %d %d %d %d %d %d %d%n", x.name, &d->batch, &d->heads_q, &d->heads_kv, &d->seq_q,
               &d->seq_kv, &d->head_dim, &d->causal, &d->threads, &used) != 9 ||
        d->batch < 1 || d->heads_q < 1 || d->heads_kv < 1 || d->heads_q % d->heads_kv || d->seq_q < 1 ||
        d->seq_kv < 1 || d->head_dim < 1 || (d->causal != 0 && d->causal != 1) || d->threads < 0)
      goto bad;
    d->layout = MHA_LAYOUT_BHSD;
    for (char *p = s + used, *tok; (tok = strtok(p, " \t\r\n")); p = NULL) {
      if (!strncmp(tok, "kv=", 3)) {
        if ((d->kv_type = mha_kv_parse(tok + 3)) < 0 || (d->kv_type == MHA_Q8_0 && d->head_dim % 32)) goto bad;
        continue;
      }
      int k = 0;
      while (k < NTARGETS && strncmp(tok, TARGET_NAME[k], strlen(TARGET_NAME[k]))) k++;
      char *end;
      if (k == NTARGETS || x.nt == MAX_TARGETS) goto bad;
      double v = strtod(tok + strlen(TARGET_NAME[k]), &end);
      if (*end || !(v > 0)) goto bad;
      x.t[x.nt++] = (target){(target_kind)k, v, 0, 0, 0};
      if (k == T_MEM) x.mem_only = 1;
    }
    if (!x.nt || (x.mem_only && (x.nt != 1 || d->kv_type != MHA_F32))) goto bad;
    snprintf(x.key, sizeof x.key, "%s/B%d/Hq%d/Hkv%d/Nq%d/Nk%d/d%d/c%d/t%d%s%s", x.name, d->batch, d->heads_q,
             d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal, d->threads, d->kv_type ? "/kv-" : "",
             d->kv_type ? mha_kv_name(d->kv_type) : "");
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
           "%s:%d: expected 'case B Hq Hkv Nq Nk d causal threads', an optional kv=f32|f16|bf16|q8_0 (head_dim a "
           "multiple of 32 for q8_0), and targets peak>=P, onednn>=R, ggml>=R, bw>=P, or mem<=P alone",
           path, lineno);
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

/* ---- the table ---- */
static void judge(bcase *c, const mha_peak *pk, int isa) {
  const mha_attention_desc *d = &c->desc;
  const mha_measured *o = &c->m[0], *dnnl = &c->m[1], *gg = &c->m[3]; /* ours, oneDNN, ggml */
  const int ok = o->status && !strcmp(o->status, "ok");
  for (int i = 0; i < c->nt; i++) {
    target *t = &c->t[i];
    switch (t->kind) {
    case T_PEAK: {
      const double peak = mha_peak_gflops(pk, isa, d->threads == 1);
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
    }
  }
}

static void target_text(const target *t, char *buf, size_t n) {
  const int ratio = t->kind == T_ONEDNN || t->kind == T_GGML;
  const char *unit = ratio ? "x" : "%";
  char of[48] = "";
  if (t->kind == T_PEAK || t->kind == T_BW) snprintf(of, sizeof of, " of %.1f%s", t->ref, t->kind == T_BW ? " GB/s" : "");
  snprintf(buf, n, "%s%g%s: %.*f%s%s %s", TARGET_NAME[t->kind], t->want, unit, ratio ? 2 : 1, t->got, unit, of,
           t->met ? "met" : "MISSED");
}

static void usage(void) {
  fprintf(stderr, "usage: mha-bench [--cases FILE] [--results DIR] [--min-time S] [--reps N] [--peak-budget S] "
                  "[--strict]\n");
  exit(2);
}

int main(int argc, char **argv) {
  const char *cfile = "harness/bench.txt", *rdir = "results";
  double min_time = 0.2, peak_budget = 8;
  int reps = 5, strict = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--strict")) strict = 1;
    else if (i + 1 >= argc) usage();
    else if (!strcmp(a, "--cases")) cfile = argv[++i];
    else if (!strcmp(a, "--results")) rdir = argv[++i];
    else if (!strcmp(a, "--min-time")) min_time = atof(argv[++i]);
    else if (!strcmp(a, "--reps")) reps = atoi(argv[++i]);
    else if (!strcmp(a, "--peak-budget")) peak_budget = atof(argv[++i]);
    else usage();
  }
  if (!(min_time > 0) || reps < 1 || !(peak_budget > 0)) usage();

  char err[512], out[1100], path[1200];
  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) die("%s", err);
  bcase *C;
  const int nc = read_cases(cfile, &C, err, sizeof err);
  if (nc < 0) die("%s", err);
  snprintf(out, sizeof out, "%.900s/%s", rdir, m.id);
  if ((mkdir(rdir, 0777) && errno != EEXIST) || (mkdir(out, 0777) && errno != EEXIST))
    die("cannot create %s: %s", out, strerror(errno));

  /* This machine's limits, measured now: every figure below is a fraction of them. */
  mha_peak pk;
  if (mha_peak_measure(&m, &pk, peak_budget) != 0 && !(mha_peak_gflops(&pk, m.isa, 0) > 0)) die("peak: %s", pk.error);
  const char *isa = mha_isa_name(m.isa);
  fprintf(stderr,
          "mha-bench: %s (%s, %d cores): FMA peak %.0f GFLOP/s on %d threads, %.0f on 1 (%s); read bandwidth %.1f GB/s "
          "(%.1f on 1 thread)\n",
          m.id, m.model, m.cores, mha_peak_gflops(&pk, m.isa, 0), pk.threads, mha_peak_gflops(&pk, m.isa, 1), isa,
          pk.read_gbs_all, pk.read_gbs_one);

  /* ggml, named in the table with its version, or the one line that says why it is left out. */
  char ggml_what[600];
  {
    const mha_attention_desc probe = {.batch = 1, .heads_q = 1, .heads_kv = 1, .seq_q = 1, .seq_kv = 32, .head_dim = 32};
    mha_impl *im = NULL;
    if (mha_impl_create(MHA_IMPL_GGML, &probe, &im, err, sizeof err) == 0) {
      const char *dt = mha_impl_detail(im);
      snprintf(ggml_what, sizeof ggml_what, "%.*s", (int)strcspn(dt, ":"), dt);
    } else {
      snprintf(ggml_what, sizeof ggml_what, "left out: %s", err);
      fprintf(stderr, "mha-bench: %s; going on without it\n", err);
    }
    mha_impl_destroy(im);
  }
  const int cpus = m.pus > 0 ? m.pus : 1;
  mha_bench_opts bo = {min_time, reps, 1};
  mha_sbuf json = {0};
  int nbench = 0;
  const double t0 = mha_now();
  for (int ci = 0; ci < nc; ci++) {
    bcase *c = &C[ci];
    const mha_attention_desc *d = &c->desc;
    if (c->mem_only) {
      mem_ctx mc = {d};
      char buf[1024] = "", status[16], note[200];
      mha_measured *r = &c->m[0];
      r->status = "failed";
      if (mha_isolated(mem_child, &mc, 600, buf, sizeof buf, status, sizeof status, note, sizeof note) == 0) {
        long kib = 0;
        int used = 0;
        if (sscanf(buf, "%ld %n", &kib, &used) >= 1) {
          r->status = "ok";
          c->extra_bytes = 1024.0 * (double)kib;
          snprintf(r->detail, sizeof r->detail, "%s", buf + used);
        }
      } else {
        snprintf(r->detail, sizeof r->detail, "%s %s: %s", status, note, buf);
      }
      judge(c, &pk, m.isa);
      fprintf(stderr, "mha-bench: %-44s mhatune needs %.1f MiB beyond its inputs (%s)\n", c->key,
              c->extra_bytes / 1048576, r->detail);
      continue;
    }
    /* Decode reads its whole K/V cache each call: rotate enough of them to pass twice the L3
     * hwloc reports (however large a VM says it is), within 2 GiB; prefill is the tune's rule. */
    size_t cap = MHA_ROTATION_CAP;
    for (int i = 0; i < c->nt; i++)
      if (c->t[i].kind == T_BW) cap = (size_t)2 << 30;
    const int sets = mha_rotation_sets(&m, d, cap);
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
    const int near = what && mha_peak_measure_some(&m, &c->pk, peak_budget / 2, what) == 0;
    mha_measure_set(PEERS, PEER_KIND, d, &in, np, &bo, c->m, &json, &nbench);
    mha_inputs_free(&in);
    if (near && mha_peak_measure_some(&m, &after, peak_budget / 2, what) == 0) peak_max(&c->pk, &after);
    judge(c, near ? &c->pk : &pk, m.isa);
    fprintf(stderr, "mha-bench: %-44s mhatune %.1f, oneDNN %.1f, OpenBLAS %.1f, ggml %.1f GFLOP/s\n", c->key,
            c->m[0].gflops, c->m[1].gflops, c->m[2].gflops, c->m[3].gflops);
  }

  /* The table: ours, the peers, and each target with what was measured. */
  mha_sbuf md = {0}, tsv = {0};
  int met = 0, total = 0;
  mha_sb_printf(&md,
                "# make bench on %s\n\n%s, %d cores. Measured at the start of this run: FMA peak %.1f GFLOP/s on %d "
                "threads, %.1f on one (%s); read bandwidth %.1f GB/s on %d threads, %.1f on one. A case with a peak "
                "or bandwidth target is judged against the higher of that figure measured again just before and "
                "just after the case (its targets say the figure). Medians of %d repetitions of at least %.2g s, "
                "the implementations taking turns; input sets rotated past the cache; every implementation checked "
                "against the double-precision reference first (computed on K and V as stored: a cache type's values dequantised). "
                "GFLOP/s count 4 d per visible query-key pair; decode is in GB/s of K and V read in the type they are "
                "stored in (kv), and microseconds per call. The ggml column is %s.\n\n"
                "| case | shape | threads | mhatune | oneDNN | OpenBLAS | ggml | targets |\n|---|---|---:|---:|---:|---:|---:|---|\n",
                m.id, m.model, m.cores, mha_peak_gflops(&pk, m.isa, 0), pk.threads, mha_peak_gflops(&pk, m.isa, 1), isa,
                pk.read_gbs_all, pk.threads, pk.read_gbs_one, reps, min_time, ggml_what);
  mha_sb_printf(&tsv, "# case\timpl\tstatus\tmedian_s\tcv\tgflops\tgbs_kv\ttargets\tdetail\n");
  for (int ci = 0; ci < nc; ci++) {
    bcase *c = &C[ci];
    const mha_attention_desc *d = &c->desc;
    const int decode = c->nt && c->t[0].kind == T_BW;
    const double kv = mha_kv_bytes(d);
    char tg[512] = "", one[128];
    for (int i = 0; i < c->nt; i++) {
      target_text(&c->t[i], one, sizeof one);
      snprintf(tg + strlen(tg), sizeof tg - strlen(tg), "%s%s", i ? "; " : "", one);
      met += c->t[i].met, total++;
    }
    mha_sb_printf(&md, "| %s | B%d Hq%d Hkv%d Nq%d Nk%d d%d%s%s%s | %s |", c->name, d->batch, d->heads_q, d->heads_kv,
                  d->seq_q, d->seq_kv, d->head_dim, d->causal ? " causal" : "", d->kv_type ? " kv " : "",
                  d->kv_type ? mha_kv_name(d->kv_type) : "", d->threads ? "1" : "all");
    for (int p = 0; p < PEERS; p++) {
      const mha_measured *r = &c->m[p];
      if (c->mem_only && p == 0) mha_sb_printf(&md, " %.2f MiB extra |", c->extra_bytes / 1048576);
      else if (c->mem_only) mha_sb_printf(&md, " |");
      else if (!r->status || strcmp(r->status, "ok")) mha_sb_printf(&md, " %s |", r->status ? r->status : "-");
      else if (decode) mha_sb_printf(&md, " %.1f GB/s, %.0f us |", kv / r->median_s * 1e-9, r->median_s * 1e6);
      else mha_sb_printf(&md, " %.1f |", r->gflops);
      if (c->mem_only && p) continue;
      mha_sb_printf(&tsv, "%s\t%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%s\t%s\n", c->key, mha_impl_name(PEER_KIND[p]),
                    r->status ? r->status : "-", r->median_s, r->cv, r->gflops,
                    r->median_s > 0 ? kv / r->median_s * 1e-9 : 0, p == 0 ? tg : "-", r->detail);
    }
    mha_sb_printf(&md, " %s |\n", tg);
  }
  mha_sb_printf(&md, "\n%d of %d targets met. What ran:\n\n", met, total);
  for (int ci = 0; ci < nc; ci++)
    for (int p = 0; p < PEERS && !C[ci].mem_only; p++)
      mha_sb_printf(&md, "- %s, %s: %s\n", C[ci].key, mha_impl_name(PEER_KIND[p]), C[ci].m[p].detail);
  printf("%s", md.s ? md.s : "");
  snprintf(path, sizeof path, "%s/bench.md", out);
  if (mha_write_sbuf(path, &md) != 0) die("cannot write %s", path);
  snprintf(path, sizeof path, "%s/bench.tsv", out);
  if (mha_write_sbuf(path, &tsv) != 0) die("cannot write %s", path);
  snprintf(path, sizeof path, "%s/gbench-bench.json", out);
  if (nbench) {
    mha_gbench_close(&json);
    if (mha_write_sbuf(path, &json) != 0) die("cannot write %s", path);
  }
  fprintf(stderr, "mha-bench: %d of %d targets met in %.0f s; wrote %s/bench.md, bench.tsv%s\n", met, total,
          mha_now() - t0, out, nbench ? ", gbench-bench.json" : "");
  free(md.s), free(tsv.s), free(json.s), free(C);
  return strict && met < total ? 1 : 0;
}
