/* tune_out.c: what a tune writes: results/<machine-id>/ (machine.json, the Google Benchmark
 * JSON, the winners and their summary; an older templates' results moved aside first) and
 * this machine's tuned table with the winners' sources (harness/tables.c). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "registry.h"
#include "tables.h"
#include "tune_search.h"

#ifndef MHA_CC
#define MHA_CC "cc"
#endif
#ifndef MHA_CFLAGS
#define MHA_CFLAGS ""
#endif

void tune_die(const char *fmt, const char *a) {
  fprintf(stderr, "mha-tune: ");
  fprintf(stderr, fmt, a);
  fprintf(stderr, "\n");
  exit(1);
}

/* Results measured with other templates must not be resumed from or mixed with these: when
 * the folder's machine.json names other templates, every other file in the folder moves to
 * superseded-<their hash>/, kept, out of the way. */
void tune_supersede_old_results(const char *out) {
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
    tune_die("%s", msg);
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
      tune_die("%s", msg);
    }
    moved++;
  }
  closedir(d);
  fprintf(stderr, "mha-tune: %s was measured with templates %s, not %s: %d files moved to %s\n", out, old,
          mha__template_hash, moved, dir);
}

/* machine.json: the machine, its measured limits (bf16_peak_gflops: the VDPBF16PS peak, 64
 * FLOPs an instruction, null without AVX512_BF16; amx: whether AMX-BF16 tiles are there and
 * granted, so the bf16 family's AMX form could run), the counters, compiler and templates. */
void tune_write_machine(const char *out, const mha_machine *m, const mha_peak *pk, int cpu, const char *cmsg) {
  char bf16[96] = "null", path[4096];
  if (pk->bf16_all > 0) snprintf(bf16, sizeof bf16, "{\"all\": %.1f, \"one\": %.1f}", pk->bf16_all, pk->bf16_one);
  mha_sbuf j = {0};
  mha_sb_printf(&j, "{\n  \"machine_id\": \"%s\",\n  \"vendor\": \"%s\",\n  \"model\": \"%s\",\n  \"cores\": %d,\n"
                "  \"l1d_bytes\": %zu, \"l2_bytes\": %zu, \"l3_bytes\": %zu,\n  \"isa\": \"%s\",\n"
                "  \"peak_gflops\": {\"%s\": {\"all\": %.1f, \"one\": %.1f}},\n"
                "  \"bf16_peak_gflops\": %s,\n  \"amx\": %s,\n"
                "  \"read_gbs\": {\"all\": %.1f, \"one\": %.1f},\n  \"counters\": \"%s\",\n"
                "  \"compiler\": \"%s\",\n  \"cflags\": \"%s\",\n  \"template_hash\": \"%s\"\n}\n",
                m->id, m->vendor, m->model, m->cores, m->l1d, m->l2, m->l3, mha__isa_name(cpu), mha__isa_name(cpu),
                mha_peak_gflops(pk, cpu, 0), mha_peak_gflops(pk, cpu, 1), bf16,
                mha__cpu_flags() & MHA__CPU_AMX_BF16 ? "true" : "false", pk->read_gbs_all, pk->read_gbs_one,
                cmsg, MHA_CC, MHA_CFLAGS, mha__template_hash);
  snprintf(path, sizeof path, "%s/machine.json", out);
  if (mha_write_sbuf(path, &j) != 0) tune_die("cannot write %s", path);
  free(j.s);
}

/* A workload's rows are a fraction of this peak: the bf16 one for bf16 Q/O where measured. */
static double peak_of(const mha_peak *pk, int cpu, const mha_attention_desc *d) {
  return d->q_type == MHA_BF16 && pk->bf16_all > 0 ? pk->bf16_all : mha_peak_gflops(pk, cpu, 0);
}

/* The summary's "default / winner" cell: the paired final's ratio, "-" when not raced. */
static void vs_text(char *buf, size_t n, double vs_default, int untuned) {
  if (vs_default > 0) snprintf(buf, n, "%.3f%s", vs_default, untuned ? " (default kept)" : "");
  else snprintf(buf, n, "-");
}

/* The Google Benchmark JSON of this run (one document, compare.py reads it), the winners
 * (TSV) and their summary (Markdown, also on stdout). */
void tune_write_results(const char *out, tune_run *r, const mha_peak *pk, const winner *wn, int nw,
                        const gemm_winner *gw, int ngw, int resumed, const char *cmsg) {
  char path[4096];
  const int cpu = r->cpu;
  if (r->nbench) {
    snprintf(path, sizeof path, "%s/gbench-%s.json", out, r->L->name);
    mha_gbench_close(&r->gjson);
    if (mha_write_sbuf(path, &r->gjson) != 0) tune_die("cannot write %s", path);
  }
  mha_sbuf s = {0};
  char bf16[160] = "No AVX512_BF16: bf16 rows are of the fp32 peak.";
  if (pk->bf16_all > 0)
    snprintf(bf16, sizeof bf16, "bf16 dot-product peak (VDPBF16PS): %.0f GFLOP/s, %.0f (1 thread); bf16 rows are of it.",
             pk->bf16_all, pk->bf16_one);
  mha_sb_printf(&s, "# Winners on %s (level %s)\n\nMeasured peak: %.0f GFLOP/s (%d threads, %s FMA), %.0f (1 thread); "
                "read bandwidth %.1f GB/s. %s Counters: %s\n\n"
                "| workload | winner | GFLOP/s | %% of peak | GB/s | candidates | default / winner |\n|---|---|---:|---:|---:|---:|---:|\n",
                r->m->id, r->L->name, mha_peak_gflops(pk, cpu, 0), r->m->cores, mha__isa_name(cpu),
                mha_peak_gflops(pk, cpu, 1), pk->read_gbs_all, bf16, cmsg);
  mha_sbuf t = {0};
  mha_sb_printf(&t, "# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates\tvs_default\tuntuned\n");
  for (int i = 0; i < nw; i++) {
    const mha_attention_desc *d = &wn[i].w->desc;
    double gbs = wn[i].k ? mha_call_bytes(d) / wn[i].median_s * 1e-9 : 0;
    char vs[48];
    vs_text(vs, sizeof vs, wn[i].vs_default, wn[i].untuned);
    mha_sb_printf(&s, "| %s | %s | %.1f | %.1f | %.1f | %d | %s |\n", wn[i].w->key, wn[i].k ? wn[i].k->name : "(none)",
                  wn[i].gflops, 100 * wn[i].gflops / peak_of(pk, cpu, d), gbs, wn[i].tried, vs);
    mha_sb_printf(&t, "%s\t%s\t%.9g\t%.4g\t%.2f\t%.2f\t%.2f\t%d\t%.4f\t%d\n", wn[i].w->key,
                  wn[i].k ? wn[i].k->name : "-", wn[i].median_s, wn[i].cv, wn[i].gflops,
                  100 * wn[i].gflops / peak_of(pk, cpu, d), gbs, wn[i].tried, wn[i].vs_default, wn[i].untuned);
  }
  /* The GEMM winners: a section of their own in the summary, and gemm-winners-<level>.tsv. */
  mha_sbuf g = {0};
  mha_sb_printf(&g, "# workload\tprojections\twinner\tmedian_s\tcv\tgflops\tpct_peak\tcandidates\tvs_default\tuntuned\n");
  if (ngw)
    mha_sb_printf(&s, "\n| GEMM (C = A W^T) | projections | winner | GFLOP/s | %% of FMA peak | candidates | default / winner |\n"
                  "|---|---|---|---:|---:|---:|---:|\n");
  for (int i = 0; i < ngw; i++) {
    const double pct = 100 * gw[i].gflops / mha_peak_gflops(pk, cpu, 0);
    char vs[48];
    vs_text(vs, sizeof vs, gw[i].vs_default, gw[i].untuned);
    mha_sb_printf(&s, "| %s | %s | %s | %.1f | %.1f | %d | %s |\n", gw[i].w->key, gw[i].w->users,
                  gw[i].k ? gw[i].k->name : "(none)", gw[i].gflops, pct, gw[i].tried, vs);
    mha_sb_printf(&g, "%s\t%s\t%s\t%.9g\t%.4g\t%.4g\t%.4g\t%d\t%.4f\t%d\n", gw[i].w->key, gw[i].w->users,
                  gw[i].k ? gw[i].k->name : "-", gw[i].median_s, gw[i].cv, gw[i].gflops, pct, gw[i].tried,
                  gw[i].vs_default, gw[i].untuned);
  }
  if (ngw) {
    snprintf(path, sizeof path, "%s/gemm-winners-%s.tsv", out, r->L->name);
    if (mha_write_sbuf(path, &g) != 0) tune_die("cannot write %s", path);
  }
  free(g.s);
  mha_sb_printf(&s, "\nTune wall time %.0f s; %d measurements this run, %d from the journal; %d failures.\n",
                mha_now() - r->t0, r->measured, resumed, r->failures);
  /* A tune of the GEMM alone (--only gemm) leaves the attention winners of an earlier tune,
   * which the report reads, as they are: its summary is a file of its own. */
  snprintf(path, sizeof path, "%s/summary-%s%s.md", out, nw ? "" : "gemm-", r->L->name);
  if (mha_write_sbuf(path, &s) != 0) tune_die("cannot write %s", path);
  snprintf(path, sizeof path, "%s/winners-%s.tsv", out, r->L->name);
  if (nw && mha_write_sbuf(path, &t) != 0) tune_die("cannot write %s", path);
  fputs(s.s, stdout);
  free(s.s);
  free(t.s);
}

/* This machine's table in tdir/tables/<machine-id>/ and the winners' sources in tdir/kernels.
 * A part not tuned this run (keep_*) keeps the rows of the table already there, when that
 * table is current (made or regenerated from these templates: mha_tables_refresh ran first). */
void tune_write_tuned(const char *tdir, const char *gdir, const mha_machine *m, const winner *wn, int nw,
                      const gemm_winner *gw, int ngw, int keep_attn, int keep_gemm) {
  char sig[128], stamp[64];
  mha__cpu_signature(sig, sizeof sig);
  time_t tt = time(NULL);
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
  mha_table_row *old = NULL;
  mha_gemm_row *gold = NULL;
  int nold = 0, ngold = 0, current = 0;
  if ((keep_attn || keep_gemm) && mha_table_stamp(tdir, m->id, &current) == 0) {
    if (!current)
      fprintf(stderr, "mha-tune: %s/tables/%s is from other templates and its kernels' code changed: the %s "
              "entries it had are dropped (tune them again)\n", tdir, m->id, keep_attn ? "attention" : "GEMM");
    else if (mha_table_read(tdir, m->id, &old, &nold, &gold, &ngold) != 0)
      fprintf(stderr, "mha-tune: %s/tables/%s: only the rows above are kept\n", tdir, m->id);
  }
  const int na = keep_attn ? nold : nw, ng = keep_gemm ? ngold : ngw;
  mha_table_row *rows = calloc(na > 0 ? na : 1, sizeof *rows);
  mha_gemm_row *grows = calloc(ng > 0 ? ng : 1, sizeof *grows);
  if (!rows || !grows) tune_die("%s", "out of memory");
  if (keep_attn) {
    for (int i = 0; i < nold; i++) rows[i] = old[i];
  } else {
    for (int i = 0; i < nw; i++) {
      const mha_attention_desc *d = &wn[i].w->desc;
      rows[i] = (mha_table_row){wn[i].k, d->head_dim, d->heads_q, d->heads_kv, d->causal, mha__seq_bucket(d->seq_q),
                                mha__seq_bucket(mha__call_keys(d)) /* keyed as the dispatch keys a call */,
                                wn[i].w->key, wn[i].gflops, d->q_type};
    }
  }
  if (keep_gemm) {
    for (int i = 0; i < ngold; i++) grows[i] = gold[i];
  } else {
    for (int i = 0; i < ngw; i++)
      grows[i] = (mha_gemm_row){gw[i].k, mha__seq_bucket(gw[i].w->m), gw[i].w->n, gw[i].w->k, gw[i].w->key,
                                gw[i].gflops};
  }
  const mha_table_meta meta = {m->id, sig, MHA_CC, MHA_CFLAGS, stamp, NULL, NULL};
  mha_table_write(tdir, gdir, &meta, rows, na, grows, ng);
  mha_table_rows_free(old, nold, gold, ngold);
  free(rows);
  free(grows);
}
