/* tune_check.c: `make tune-check`, the tune's score. A winners file says which kernel a level
 * chose; whether the choice was good is a second measurement. For each workload of the
 * workloads file that both winners files name, the two winners race in the paired final's
 * alternating pairs (tune_race: A B B A ... in one child, the measure level's pairs and
 * timings, each kernel gated first), and the regret is max(0, t_level / t_ref - 1) from the
 * median of the pairs' ratios; the same kernel in both is regret 0, not timed. The level's
 * winner races the untuned default too (what the library does without a tune). Two runs of
 * the same level (--against-file: another run's winners) give the repeatability figure: how
 * many workloads agree within 2%. Writes tune-check-LEVEL-vs-REF.md and .tsv beside the
 * winners, the races' journal and Google Benchmark JSON; the summary also on stdout. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "registry.h"
#include "tune_search.h"

static const double AGREE = 1.02; /* two kernels agree when either's time is within 2% of the other's */

/* One row of a winners file: the workload's key and its winner ("-": none). */
typedef struct wrow {
  char key[MHA_KEY_LEN], kernel[96];
} wrow;
typedef struct wlist {
  const char *path;
  wrow *rows;
  int n;
} wlist;

/* Reads a winners file as mha-tune writes it (tune_out.c); 0, or -1 with why in err. */
static int read_winners(wlist *f, char *err, size_t errlen) {
  FILE *fp = fopen(f->path, "r");
  if (!fp) {
    snprintf(err, errlen, "%s: %s", f->path, strerror(errno));
    return -1;
  }
  char line[1024];
  int lineno = 0, cap = 0;
  const char *why = NULL;
  while (!why && fgets(line, sizeof line, fp)) {
    lineno++;
    wrow x;
    if (!strchr(line, '\n') && !feof(fp)) why = "a line longer than 1023 characters";
    else if (lineno == 1) why = strncmp(line, "# workload\twinner", 17) ? "not a winners file: its first line is not "
                                                                          "'# workload<TAB>winner ...' as mha-tune writes it"
                                                                        : NULL;
    else if (line[0] == '#' || line[0] == '\n') continue;
    else if (sscanf(line, "%255[^\t\n]\t%95[^\t\n]", x.key, x.kernel) != 2 || !strchr(x.key, '/'))
      why = "not 'workload<TAB>winner<TAB>...' with a workload key (model/phase/B../..)";
    else {
      for (int i = 0; i < f->n; i++)
        if (!strcmp(f->rows[i].key, x.key)) why = "a workload given twice";
      if (!why && f->n == cap) {
        wrow *nr = realloc(f->rows, sizeof *nr * (size_t)(cap = cap ? 2 * cap : 32));
        if (!nr) why = "out of memory";
        else f->rows = nr;
      }
      if (!why) f->rows[f->n++] = x;
    }
  }
  fclose(fp);
  if (why) snprintf(err, errlen, "%s:%d: %s", f->path, lineno, why);
  else if (!f->n) snprintf(err, errlen, "%s: no winners in it", f->path);
  return why || !f->n ? -1 : 0;
}

static const char *winner_of(const wlist *f, const char *key) {
  for (int i = 0; i < f->n; i++)
    if (!strcmp(f->rows[i].key, key)) return f->rows[i].kernel;
  return NULL;
}

/* The kernel named name, when it can race on w here (in this build, runs on this CPU, applies
 * to w, passes the gate); else NULL and why. */
static const mha__kernel *racer(tune_run *r, const char *name, const mha_workload *w, const char **why) {
  const mha__kernel *k = NULL;
  for (int i = 0; i < mha__registry_count && !k; i++)
    if (!strcmp(mha__registry[i]->name, name)) k = mha__registry[i];
  *why = !strcmp(name, "-") ? "none"
         : !k               ? "not in this build"
         : !mha__kernel_runs(k, r->cpu, mha__cpu_features()) ? "does not run on this CPU"
         : !mha__kernel_applies(k, &w->desc)                 ? "does not apply to the workload"
         : !tune_gate_once(r, k, w->desc.q_type, w->key)     ? "fails the gate"
                                                              : NULL;
  return *why ? NULL : k;
}

/* One workload's check. ratio: the level's time over the reference's (0: not scored);
 * vs_def: the level's time over the untuned default's (0: not raced); pairs timed for each
 * (0: the same kernel, nothing timed). */
typedef struct crow {
  const mha_workload *w;
  const char *lk, *rk, *dk;
  double ratio, vs_def;
  int pairs, dpairs;
  char note[256];
} crow;

/* Appends to c's note, "; " between. */
static void note(crow *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(crow *c, const char *fmt, ...) {
  size_t n = strlen(c->note);
  snprintf(c->note + n, sizeof c->note - n, "%s", n ? "; " : "");
  n = strlen(c->note);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(c->note + n, sizeof c->note - n, fmt, ap);
  va_end(ap);
}

/* A race that failed: what its journal line says. */
static void race_failed(crow *c, const tune_run *r, const char *what) {
  const mha_jrec *j = r->J->n ? &r->J->recs[r->J->n - 1] : NULL;
  char s[160] = "";
  if (j) snprintf(s, sizeof s, "%.15s %.120s", j->status, j->note);
  note(c, "the race %s failed: %s", what, s);
}

static void check_one(tune_run *r, crow *c, const char *lvl, const char *ref) {
  const mha_workload *w = c->w;
  mha_inputs in = {0};
  const char *why = NULL;
  const mha__kernel *lk = racer(r, c->lk, w, &why);
  double q, t;
  if (why) note(c, "%s's winner: %s", lvl, why);
  if (!strcmp(c->lk, c->rk) && strcmp(c->lk, "-")) {
    c->ratio = 1; /* the same choice: no regret, nothing to time */
  } else {
    const mha__kernel *rk = racer(r, c->rk, w, &why);
    if (why) note(c, "%s's winner: %s", ref, why);
    if (lk && rk && tune_race(r, w, rk, lk, &in, &q, &t) == 0) c->ratio = q, c->pairs = r->L->final.pairs;
    else if (lk && rk) race_failed(c, r, "against the reference");
  }
  const mha__kernel *dk = tune_untuned_default(r, w);
  c->dk = dk ? dk->name : "-";
  if (!dk) note(c, "no untuned default for the workload");
  else if (!strcmp(dk->name, c->lk)) c->vs_def = 1; /* the default itself: nothing to time */
  else if (lk && !racer(r, dk->name, w, &why)) note(c, "the untuned default: %s", why);
  else if (lk && tune_race(r, w, lk, dk, &in, &q, &t) == 0) c->vs_def = 1 / q, c->dpairs = r->L->final.pairs;
  else if (lk) race_failed(c, r, "against the default"); /* without lk, its note says why */
  mha_inputs_free(&in);
}

/* The table (Markdown and TSV) and the summary, also on stdout. */
static int write_check(const char *out, const char *name, const tune_run *r, const crow *cs, int n,
                       const wlist *lf, const wlist *rf, const char *lvl, const char *ref, int unmatched) {
  mha_sbuf md = {0}, tsv = {0};
  mha_sb_printf(&md, "# Tune check on %s: %s against %s\n\n%s: `%s` (%d winners); %s: `%s` (%d winners).\n\n"
                "Each pair of different winners raced in alternating pairs (A B B A ..., %d pairs of %g s timings, "
                "the %s level's final) in one child, each gated first; ratio: %s's time over %s's, the median of "
                "the pairs' ratios; regret: max(0, ratio - 1). The same kernel in both: ratio 1, not timed. "
                "vs default: %s's time over the untuned default's (the generator's table), raced the same way.\n\n"
                "| workload | %s winner | %s winner | ratio | regret %% | agree (2%%) | untuned default | vs default | note |\n"
                "|---|---|---|---:|---:|---|---|---:|---|\n",
                r->m->id, lvl, ref, lvl, lf->path, lf->n, ref, rf->path, rf->n, r->L->final.pairs,
                r->L->final.min_time_s, r->L->name, lvl, ref, lvl, lvl, ref);
  mha_sb_printf(&tsv, "# workload\tlevel_winner\tref_winner\tratio\tregret\tpairs\tagree\tdefault\tvs_default\t"
                "default_pairs\tnote\n");
  int scored = 0, agree = 0, raced_def = 0, slower = 0, worst = -1;
  double sum = 0;
  for (int i = 0; i < n; i++) {
    const crow *c = &cs[i];
    const double reg = c->ratio > 1 ? c->ratio - 1 : 0;
    const int ag = c->ratio > 0 && c->ratio <= AGREE && c->ratio >= 1 / AGREE;
    char q[32] = "-", g[32] = "-", v[32] = "-";
    if (c->ratio > 0) {
      snprintf(q, sizeof q, "%.3f", c->ratio), snprintf(g, sizeof g, "%.1f", 100 * reg);
      scored++, agree += ag, sum += reg;
      if (worst < 0 || reg > (cs[worst].ratio > 1 ? cs[worst].ratio - 1 : 0)) worst = i;
    }
    if (c->vs_def > 0) snprintf(v, sizeof v, "%.3f", c->vs_def), raced_def++, slower += c->vs_def > AGREE;
    mha_sb_printf(&md, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", c->w->key, c->lk, c->rk, q, g,
                  c->ratio > 0 ? (ag ? "yes" : "no") : "-", c->dk, v, c->note);
    mha_sb_printf(&tsv, "%s\t%s\t%s\t%.6f\t%.6f\t%d\t%s\t%s\t%.6f\t%d\t%s\n", c->w->key, c->lk, c->rk, c->ratio, reg,
                  c->pairs, c->ratio > 0 ? (ag ? "yes" : "no") : "-", c->dk, c->vs_def, c->dpairs,
                  c->note[0] ? c->note : "-");
  }
  mha_sbuf s = {0};
  if (scored)
    mha_sb_printf(&s, "%s against %s: mean regret %.2f%% over %d workloads, worst %.2f%% (%s); %d of %d agree within "
                  "2%% (paired).", lvl, ref, 100 * sum / scored, scored,
                  100 * (cs[worst].ratio > 1 ? cs[worst].ratio - 1 : 0), cs[worst].w->key, agree, scored);
  else
    mha_sb_printf(&s, "%s against %s: no workload scored.", lvl, ref);
  mha_sb_printf(&s, " %d of %d tuned entries are slower than the untuned default by more than 2%% (paired).", slower,
                raced_def);
  if (n - scored) mha_sb_printf(&s, " %d workloads not scored (their notes say why).", n - scored);
  if (unmatched) mha_sb_printf(&s, " %d workloads of the workloads file are not in both winners files.", unmatched);
  mha_sb_printf(&s, " %d races, %.0f s.\n", r->measured, mha_now() - r->t0);
  mha_sb_printf(&md, "\n%s", s.s);
  char path[4096];
  int rc = 0;
  snprintf(path, sizeof path, "%s/%s.md", out, name);
  if (mha_write_sbuf(path, &md) != 0) fprintf(stderr, "mha-tune: cannot write %s\n", path), rc = 1;
  snprintf(path, sizeof path, "%s/%s.tsv", out, name);
  if (mha_write_sbuf(path, &tsv) != 0) fprintf(stderr, "mha-tune: cannot write %s\n", path), rc = 1;
  fputs(s.s, stdout);
  fprintf(stderr, "mha-tune: wrote %s/%s.md and .tsv\n", out, name);
  free(md.s);
  free(tsv.s);
  free(s.s);
  return rc;
}

/* A label for a file name: the reference's from its winners file (winners-X.tsv: X). */
static void label_of(const char *path, char *l, size_t n) {
  const char *b = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  if (!strncmp(b, "winners-", 8)) b += 8;
  size_t len = strlen(b);
  if (len > 4 && !strcmp(b + len - 4, ".tsv")) len -= 4;
  snprintf(l, n, "%.*s", (int)len, b);
}

static int fail(const char *msg) {
  fprintf(stderr, "mha-tune: --check: %s\n", msg);
  return 1;
}

int tune_check(const check_args *a) {
  char err[1024], out[1024], lpath[4096], rpath[4096], ref[64], name[200], jpath[4400];
  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) return fail(err);
  snprintf(out, sizeof out, "%.800s/%s", a->rdir, m.id);
  snprintf(lpath, sizeof lpath, "%s/winners-%s.tsv", out, a->lvl);
  if (a->lvl_file) snprintf(lpath, sizeof lpath, "%s", a->lvl_file);
  snprintf(rpath, sizeof rpath, "%s/winners-exhaustive.tsv", out);
  if (a->ref) snprintf(ref, sizeof ref, "%s", a->ref);
  else if (a->ref_file) label_of(a->ref_file, ref, sizeof ref);
  else snprintf(ref, sizeof ref, "%s", access(rpath, R_OK) ? "measure" : "exhaustive");
  snprintf(rpath, sizeof rpath, "%s/winners-%s.tsv", out, ref);
  if (a->ref_file) snprintf(rpath, sizeof rpath, "%s", a->ref_file);
  if (!*a->lvl || !*ref || strchr(a->lvl, '/') || strchr(ref, '/'))
    return fail("LEVEL and REF name files: not empty, no '/' (give a path with --check-file or --against-file)");

  wlist lf = {lpath, NULL, 0}, rf = {rpath, NULL, 0};
  mha_workload *W = NULL;
  int nw = 0, rc = 1;
  crow *cs = NULL;
  if (read_winners(&lf, err, sizeof err) || read_winners(&rf, err, sizeof err) ||
      (nw = mha_workloads_read(a->wfile, a->models, &W, err, sizeof err)) < 0) {
    fail(err);
    goto done;
  }
  if (!(cs = calloc((size_t)nw, sizeof *cs))) {
    fail("out of memory");
    goto done;
  }
  int n = 0, unmatched = 0;
  for (int i = 0; i < nw; i++) {
    const char *lk = winner_of(&lf, W[i].key), *rk = winner_of(&rf, W[i].key);
    if (lk && rk) cs[n++] = (crow){.w = &W[i], .lk = lk, .rk = rk};
    else unmatched += lk || rk;
  }
  if (!n) {
    snprintf(err, sizeof err, "no workload of %.300s is in both %.300s and %.300s", a->wfile, lpath, rpath);
    fail(err);
    goto done;
  }

  /* Its own journal, started empty: a check times again what it checks. */
  mkdir(a->rdir, 0777);
  mkdir(out, 0777);
  snprintf(name, sizeof name, "tune-check-%s-vs-%s", a->lvl, ref);
  snprintf(jpath, sizeof jpath, "%s/%s-journal.tsv", out, name);
  unlink(jpath);
  mha_journal J;
  if (mha_journal_open(&J, jpath, err, sizeof err) != 0) {
    fail(err);
    goto done;
  }
  tune_run r = {tune_level("measure"), &m, NULL, &J, mha__cpu_isa(), 0, mha_now(), isatty(2), NULL, {0}, 0, 0, 0, NULL};
  fprintf(stderr, "mha-tune: machine %s: checking %s (%s) against %s (%s) on %d workloads\n", m.id, a->lvl, lpath, ref,
          rpath, n);
  for (int i = 0; i < n; i++) {
    check_one(&r, &cs[i], a->lvl, ref);
    fprintf(stderr, "mha-tune: %-50s ratio %5.3f, vs default %5.3f (0: not raced) %s\n", cs[i].w->key, cs[i].ratio,
            cs[i].vs_def, cs[i].note);
  }
  rc = write_check(out, name, &r, cs, n, &lf, &rf, a->lvl, ref, unmatched);
  if (r.nbench) {
    snprintf(jpath, sizeof jpath, "%s/gbench-%s.json", out, name);
    mha_gbench_close(&r.gjson);
    if (mha_write_sbuf(jpath, &r.gjson) != 0) rc = fail("cannot write the Google Benchmark JSON");
  }
  free(r.gjson.s);
  mha_journal_close(&J);
done:
  free(cs);
  free(W);
  free(lf.rows);
  free(rf.rows);
  return rc;
}
