/* tune.c: `make tune`. Learns the machine, gates every candidate against the reference,
 * times the survivors through Google Benchmark in child processes with a successive-halving
 * search, journals every measurement, then writes the tuned table and the winners' sources
 * into tuned/ and the results into results/<machine-id>/. This file is the order of those
 * jobs; the search is tune_search.c, the outputs tune_out.c.
 * Usage: mha-tune [--level quick|measure|exhaustive] [--models a,b] [--workloads FILE]
 *                 [--gemm-workloads FILE] [--only attention|gemm]
 *                 [--time-limit S] [--results DIR] [--tuned DIR] [--gen DIR]
 *        --only gemm tunes the projections' GEMM alone (tune_gemm.c) and keeps the attention
 *        entries of this machine's table; --only attention the reverse.
 *        mha-tune --refresh [--tuned DIR] [--gen DIR]: only regenerate the other machines'
 *                 tables from the current templates (harness/tables.h).
 *        mha-tune --check LEVEL [--against REF] [--check-file F] [--against-file F] [--results DIR]
 *                 [--workloads FILE] [--models a,b]: the tune's score (tune_check.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry.h"
#include "tables.h"
#include "tune_search.h"

typedef struct args {
  const char *lvl, *models, *wfile, *rdir, *tdir, *gdir, *gfile;
  check_args chk; /* chk.lvl set: --check */
  double limit;
  int refresh_only, attn, gemm; /* the parts to tune */
} args;

static args parse_args(int argc, char **argv) {
  args a = {getenv("TUNE") ? getenv("TUNE") : "measure", getenv("MODELS"), "harness/workloads.txt", "results",
            "tuned", "build/gen", "harness/gemm_workloads.txt", {0}, 0, 0, 1, 1};
  const char *only = getenv("ONLY");
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(s, "--level") && more) a.lvl = argv[++i];
    else if (!strcmp(s, "--models") && more) a.models = argv[++i];
    else if (!strcmp(s, "--workloads") && more) a.wfile = argv[++i];
    else if (!strcmp(s, "--time-limit") && more) a.limit = atof(argv[++i]);
    else if (!strcmp(s, "--results") && more) a.rdir = argv[++i];
    else if (!strcmp(s, "--tuned") && more) a.tdir = argv[++i];
    else if (!strcmp(s, "--gen") && more) a.gdir = argv[++i];
    else if (!strcmp(s, "--gemm-workloads") && more) a.gfile = argv[++i];
    else if (!strcmp(s, "--only") && more) only = argv[++i];
    else if (!strcmp(s, "--refresh")) a.refresh_only = 1;
    else if (!strcmp(s, "--check") && more) a.chk.lvl = argv[++i];
    else if (!strcmp(s, "--against") && more) a.chk.ref = argv[++i];
    else if (!strcmp(s, "--check-file") && more) a.chk.lvl_file = argv[++i];
    else if (!strcmp(s, "--against-file") && more) a.chk.ref_file = argv[++i];
    else bad = 1;
  }
  if (only && *only) a.attn = !strcmp(only, "attention"), a.gemm = !strcmp(only, "gemm");
  if (!a.chk.lvl && (a.chk.ref || a.chk.lvl_file || a.chk.ref_file)) bad = 1; /* they go with --check */
  if (bad || (!a.attn && !a.gemm)) {
    fprintf(stderr, "usage: mha-tune [--level quick|measure|exhaustive] [--models a,b] [--workloads FILE]\n"
                    "                [--gemm-workloads FILE] [--only attention|gemm (or ONLY=)]\n"
                    "                [--time-limit S] [--results DIR] [--tuned DIR] [--gen DIR]\n"
                    "       mha-tune --refresh [--tuned DIR] [--gen DIR]\n"
                    "       mha-tune --check LEVEL [--against REF] [--check-file F] [--against-file F]\n"
                    "                [--results DIR] [--workloads FILE] [--models a,b]\n");
    exit(2);
  }
  return a;
}

/* The machine's own limits, so every figure reads as a fraction of them; and the counters. */
static void learn_limits(const mha_machine *m, int cpu, mha_peak *pk, mha_counters *ctr, char *cmsg, size_t n) {
  if (mha_peak_measure(m, pk, 8.0) != 0) tune_die("%s", "could not measure the machine's peak");
  mha_counters_open(ctr, cmsg, n);
  fprintf(stderr, "mha-tune: counters: %s\n", cmsg);
  fprintf(stderr, "mha-tune: measured peak %.0f GFLOP/s (%d threads), %.0f (1 thread); read bandwidth %.1f GB/s\n",
          mha_peak_gflops(pk, cpu, 0), m->cores, mha_peak_gflops(pk, cpu, 1), pk->read_gbs_all);
  if (pk->bf16_all > 0)
    fprintf(stderr, "mha-tune: bf16 dot-product peak (VDPBF16PS) %.0f GFLOP/s (%d threads), %.0f (1 thread)\n",
            pk->bf16_all, m->cores, pk->bf16_one);
  else
    fprintf(stderr, "mha-tune: no AVX512_BF16: no bf16 dot-product peak; bf16 workloads are stated against the fp32 one\n");
}

/* The workloads of the parts this tune takes (attention, the projections' GEMM). */
typedef struct work {
  mha_workload *W;
  gemm_workload *GW;
  int nw, ngw;
} work;

static work read_work(const args *a) {
  char err[512];
  work k = {0};
  if (a->attn && (k.nw = mha_workloads_read(a->wfile, a->models, &k.W, err, sizeof err)) < 0) tune_die("%s", err);
  if (a->gemm && (k.ngw = tune_gemm_workloads(a->gfile, a->models, &k.GW, err, sizeof err)) < 0) tune_die("%s", err);
  if (k.nw + k.ngw == 0) tune_die("no workload%s", a->models && *a->models ? " for these models" : "");
  return k;
}

/* Every workload's search, gating each candidate once; a line per winner. */
static void search_all(tune_run *r, const work *k, const mha_peak *pk, winner *wn, gemm_winner *gwn) {
  const int cpu = r->cpu;
  for (int i = 0; i < mha__registry_count * 3; i++) r->gate_ok[i] = -1; /* not gated yet */
  for (int i = 0; i < mha__gemm_registry_count; i++) r->ggate_ok[i] = -1;
  for (int wi = 0; wi < k->nw; wi++) {
    const mha_attention_desc *d = &k->W[wi].desc;
    tune_workload(r, &k->W[wi], wi, k->nw, &wn[wi]);
    if (r->tty) fprintf(stderr, "\r\033[K");
    const double peak = d->q_type == MHA_BF16 && pk->bf16_all > 0 ? pk->bf16_all : mha_peak_gflops(pk, cpu, 0);
    fprintf(stderr, "mha-tune: %-44s %-42s %7.1f GFLOP/s (%4.1f%% of peak) from %d candidates\n", k->W[wi].key,
            wn[wi].k ? wn[wi].k->name : "(none)", wn[wi].gflops, 100 * wn[wi].gflops / peak, wn[wi].tried);
  }
  /* The projections' GEMM: its FMA peak is the fp32 one. */
  for (int gi = 0; gi < k->ngw; gi++) {
    tune_gemm_workload(r, &k->GW[gi], gi, k->ngw, &gwn[gi]);
    fprintf(stderr, "mha-tune: %-44s %-42s %7.1f GFLOP/s (%4.1f%% of peak) from %d candidates\n", k->GW[gi].key,
            gwn[gi].k ? gwn[gi].k->name : "(none)", gwn[gi].gflops, 100 * gwn[gi].gflops / mha_peak_gflops(pk, cpu, 0),
            gwn[gi].tried);
  }
}

int main(int argc, char **argv) {
  const args a = parse_args(argc, argv);
  char sig[128], err[512], path[4096], out[1024], cmsg[512];
  mha__cpu_signature(sig, sizeof sig);
  if (a.refresh_only) return mha_tables_refresh(a.tdir, a.gdir, sig) ? 3 : 0;
  if (a.chk.lvl) {
    check_args c = a.chk;
    c.rdir = a.rdir, c.wfile = a.wfile, c.models = a.models;
    return tune_check(&c);
  }
  const level *L = tune_level(a.lvl);
  if (!L) tune_die("unknown level '%s' (quick, measure, exhaustive)", a.lvl);

  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) tune_die("%s", err);
  work k = read_work(&a);
  snprintf(out, sizeof out, "%.800s/%s", a.rdir, m.id);
  mkdir(a.rdir, 0777);
  mkdir(out, 0777);
  const int cpu = mha__cpu_isa();
  fprintf(stderr, "mha-tune: machine %s (%s, %d cores, L1d %zu KiB, L2 %zu KiB), ISA %s, level %s, %d workloads, "
          "%d GEMM workloads\n", m.id, m.model, m.cores, m.l1d >> 10, m.l2 >> 10, mha__isa_name(cpu), L->name, k.nw, k.ngw);
  tune_supersede_old_results(out);

  mha_peak pk;
  mha_counters ctr;
  learn_limits(&m, cpu, &pk, &ctr, cmsg, sizeof cmsg);
  tune_write_machine(out, &m, &pk, cpu, cmsg);

  mha_journal J;
  snprintf(path, sizeof path, "%s/journal-%s.tsv", out, L->name);
  if (mha_journal_open(&J, path, err, sizeof err) != 0) tune_die("%s", err);
  const int resumed = J.n;
  if (resumed) fprintf(stderr, "mha-tune: resuming: %d measurements already in %s\n", resumed, path);

  tune_run r = {L, &m, &ctr, &J, cpu, a.limit, mha_now(), isatty(2), calloc((size_t)mha__registry_count * 3, sizeof(int)),
                {0}, 0, 0, 0, calloc((size_t)mha__gemm_registry_count + 1, sizeof(int))};
  winner *wn = calloc((size_t)k.nw + 1, sizeof *wn);
  gemm_winner *gwn = calloc((size_t)k.ngw + 1, sizeof *gwn);
  if (!r.gate_ok || !r.ggate_ok || !wn || !gwn) tune_die("%s", "out of memory");
  search_all(&r, &k, &pk, wn, gwn);

  /* Results, then tuned/: this machine's table (a part not tuned keeps its rows, once a
   * refresh has brought the table to these templates where it may), then the others'
   * regenerated to these templates. */
  tune_write_results(out, &r, &pk, wn, k.nw, gwn, k.ngw, resumed, cmsg);
  if (!a.attn || !a.gemm) mha_tables_refresh(a.tdir, a.gdir, sig);
  tune_write_tuned(a.tdir, a.gdir, &m, wn, k.nw, gwn, k.ngw, !a.attn, !a.gemm);
  fprintf(stderr, "mha-tune: wrote %s/tables/%s/mha_table.c and the winners' sources in %s/kernels; results in %s\n",
          a.tdir, m.id, a.tdir, out);
  mha_tables_refresh(a.tdir, a.gdir, sig);
  mha_journal_close(&J);
  mha_counters_close(&ctr);
  free(r.gjson.s);
  free(r.gate_ok);
  free(r.ggate_ok);
  free(wn);
  free(gwn);
  free(k.W);
  free(k.GW);
  return 0;
}
