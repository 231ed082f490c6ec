/* tune_gemm.c: the tuner's GEMM part, for the layer's projections. The workloads are the
 * projections of the models in harness/gemm_workloads.txt (QKV: N = (Hq + 2 Hkv) d, K = E;
 * output: N = E, K = Hq d; at each token count M), equal shapes once. Each GEMM variant is
 * gated against a double-precision reference through the runtime's own packing and blocking
 * (mha_gemm.c), then timed through Google Benchmark in a child, journaled under keys of its
 * own ("gemm/M1024/N12288/K4096"; the gate's "gemm-"), with successive halving as for
 * attention. A level prunes the space first: the candidates nearest the family's default for
 * the call (the generator's choice, from the machine's caches) in blocking and micro-tile. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha_gemm.h"
#include "registry.h"
#include "tune_search.h"

/* How much of the GEMM space a level times: the best ISA alone, and at most `cap`
 * candidates (0: all), the nearest the default first (tune_gemm_workload). At M = 1024,
 * N = 12288, K = 4096 a call is ~100 GFLOP: the space is pruned hard, not swept. measure's
 * 8 of AVX-512's 32 variants (on a 2-core Zen 5): the default, the other micro-tiles' nearest,
 * blocking steps around the default. */
typedef struct gemm_level {
  const char *name;
  int best_isa_only, cap;
} gemm_level;
static const gemm_level GLEVELS[] = {{"quick", 1, 3}, {"measure", 1, 8}, {"exhaustive", 0, 0}};

static const gemm_level *gemm_level_of(const level *L) {
  for (size_t i = 0; i < sizeof GLEVELS / sizeof *GLEVELS; i++)
    if (!strcmp(GLEVELS[i].name, L->name)) return &GLEVELS[i];
  return &GLEVELS[1];
}

/* ---- workloads ---- */

static int add_shape(gemm_workload **w, int *n, int *cap, int m, int nn, int k, const char *user) {
  for (int i = 0; i < *n; i++)
    if ((*w)[i].m == m && (*w)[i].n == nn && (*w)[i].k == k) {
      const size_t l = strlen((*w)[i].users);
      snprintf((*w)[i].users + l, sizeof (*w)[i].users - l, "%s%s", l ? "," : "", user);
      return 0;
    }
  if (*n == *cap) {
    *cap = *cap ? 2 * *cap : 16;
    gemm_workload *more = realloc(*w, sizeof **w * (size_t)*cap);
    if (!more) return -1;
    *w = more;
  }
  gemm_workload *x = &(*w)[(*n)++];
  memset(x, 0, sizeof *x);
  x->m = m, x->n = nn, x->k = k;
  snprintf(x->key, sizeof x->key, "gemm/M%d/N%d/K%d", m, nn, k);
  snprintf(x->users, sizeof x->users, "%s", user);
  return 0;
}

static int model_wanted(const char *models, const char *model) {
  if (!models || !*models) return 1;
  const size_t ml = strlen(model);
  for (const char *m = models; *m;) {
    const char *e = strchr(m, ',');
    const size_t l = e ? (size_t)(e - m) : strlen(m);
    if (l == ml && !strncmp(m, model, l)) return 1;
    m += l + (e != NULL);
  }
  return 0;
}

int tune_gemm_workloads(const char *path, const char *models, gemm_workload **out, char *err, size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  gemm_workload *w = NULL;
  int n = 0, cap = 0, lineno = 0;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *s = line, model[32], toks[256];
    while (isspace((unsigned char)*s)) s++;
    if (!*s || *s == '#') continue;
    int e, hq, hkv, d, used = 0;
    int ok = sscanf(s, "%31s %d %d %d %d %255s%n", model, &e, &hq, &hkv, &d, toks, &used) == 6 && e > 0 && hq > 0 &&
             hkv > 0 && hq % hkv == 0 && d > 0;
    for (const char *r = s + used; ok && *r; r++) ok = isspace((unsigned char)*r);
    long long qkv = ok ? (long long)(hq + 2 * hkv) * d : 0;
    ok = ok && qkv <= 1 << 20 && (long long)hq * d <= 1 << 20;
    if (ok && model_wanted(models, model))
      for (char *t = toks; ok && *t;) {
        char *end;
        errno = 0;
        const long m = strtol(t, &end, 10);
        ok = end != t && !errno && m >= 1 && m <= 1 << 20 && (*end == ',' || !*end);
        char user[48];
        snprintf(user, sizeof user, "%s.qkv", model);
        if (ok && add_shape(&w, &n, &cap, (int)m, (int)qkv, e, user) != 0) ok = 0;
        snprintf(user, sizeof user, "%s.out", model);
        if (ok && add_shape(&w, &n, &cap, (int)m, e, hq * d, user) != 0) ok = 0;
        t = *end ? end + 1 : end;
      }
    if (!ok) {
      snprintf(err, errlen, "%s:%d: expected 'model E Hq Hkv d tokens' with sizes > 0, Hq a multiple of Hkv, "
               "tokens a comma list of counts >= 1 (or out of memory)", path, lineno);
      free(w);
      fclose(f);
      return -1;
    }
  }
  fclose(f);
  *out = w;
  return n;
}

/* ---- the gate: shapes that cross every block (rows past mc, columns past nc and one panel,
 * depth past kc) with tails everywhere, strided A and C, bias on and off, two workers ---- */

typedef struct ggate_ctx {
  const mha__gemm_kernel *k;
} ggate_ctx;

/* One shape through mha__gemm_pack and mha__gemm_run; 0 when every element of C is within
 * the reference's bound and nothing around C was written, else 1 with a line on fd. */
static int gate_shape(const mha__gemm_kernel *k, int m, int n, int kd, int bias, int threads, int fd) {
  const ptrdiff_t lda = kd + 3, ldc = n + 5;
  float *a = malloc(sizeof(float) * (size_t)m * lda), *w = malloc(sizeof(float) * (size_t)n * kd);
  float *b = malloc(sizeof(float) * (size_t)n), *c = malloc(sizeof(float) * ((size_t)m * ldc + 8));
  mha__gemm_w pw;
  int bad = 1;
  if (!a || !w || !b || !c) goto out;
  mha_fill(a, (size_t)m * lda, 11), mha_fill(w, (size_t)n * kd, 12), mha_fill(b, (size_t)n, 13);
  for (size_t i = 0; i < (size_t)m * ldc + 8; i++) c[i] = -7.0f; /* a sentinel past every element of C */
  if (mha__gemm_pack(k, w, kd, n, kd, bias ? b : NULL, &pw) != MHA_OK) {
    dprintf(fd, "mha__gemm_pack failed");
    goto out;
  }
  const mha__gemm_out o = {.c = c, .ldc = ldc};
  const int rc = mha__gemm_run(NULL, threads, &pw, m, a, lda, &o);
  mha__gemm_w_free(&pw);
  if (rc != MHA_OK) {
    dprintf(fd, "mha__gemm_run returned %d on M%d N%d K%d", rc, m, n, kd);
    goto out;
  }
  if (tune_injected("wrong", k->name) && bias) c[(size_t)(m / 2) * ldc + n / 2] += 1e-2f;
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < n; j++) {
      double s = bias ? b[j] : 0, mag = fabs(s);
      for (int x = 0; x < kd; x++) {
        const double p = (double)a[(size_t)i * lda + x] * w[(size_t)j * kd + x];
        s += p, mag += fabs(p);
      }
      /* fp32 sums of kd products, in whatever order the blocking takes them. */
      const double tol = 2e-7 * sqrt((double)kd + 1) * mag + 1e-6, e = fabs(c[(size_t)i * ldc + j] - s);
      if (!(e <= tol)) {
        dprintf(fd, "C[%d][%d] = %.9g, reference %.9g (error %.3g > %.3g) on M%d N%d K%d bias%d threads%d", i, j,
                c[(size_t)i * ldc + j], s, e, tol, m, n, kd, bias, threads);
        goto out;
      }
    }
    for (ptrdiff_t j = n; j < ldc && i + 1 < m; j++)
      if (c[(size_t)i * ldc + j] != -7.0f) {
        dprintf(fd, "wrote C[%d][%td], past the %d columns, on M%d N%d K%d", i, j, n, m, n, kd);
        goto out;
      }
  }
  for (size_t i = (size_t)(m - 1) * ldc + n; i < (size_t)m * ldc + 8; i++)
    if (c[i] != -7.0f) {
      dprintf(fd, "wrote past the last row of C on M%d N%d K%d", m, n, kd);
      goto out;
    }
  bad = 0;
out:
  free(a), free(w), free(b), free(c);
  return bad;
}

static int ggate_child(void *vctx, int fd) {
  const mha__gemm_kernel *k = ((ggate_ctx *)vctx)->k;
  const int nw = k->nr * k->lanes;
  /* small: tails of one micro-tile; deep: past two kc; tall: past mc rows (and kc); wide: past
   two nc columns; tails everywhere, two workers. */
  const int shapes[][5] = {
      {1, nw + 3, 19, 1, 1},
      {3 * k->mr + 2, 2 * nw + 1, 2 * k->kc + 7, 1, 2},
      {k->mc + k->mr + 1, nw + 3, k->kc + 9, 0, 2},
      {k->mr + 1, 2 * k->nc + nw + 1, 17, 1, 2},
  };
  tune_inject_pre(k->name);
  for (size_t s = 0; s < sizeof shapes / sizeof *shapes; s++)
    if (gate_shape(k, shapes[s][0], shapes[s][1], shapes[s][2], shapes[s][3], shapes[s][4], fd)) return 1;
  return 0;
}

static int ggate_once(tune_run *r, const mha__gemm_kernel *k) {
  const mha_jrec *j = mha_journal_find(r->J, "gemm-", k->name, -1);
  mha_jrec rec = {0};
  if (!j) {
    ggate_ctx gc = {k};
    char buf[512];
    snprintf(rec.key, sizeof rec.key, "gemm-");
    snprintf(rec.kernel, sizeof rec.kernel, "%s", k->name);
    rec.round = -1;
    if (mha_isolated(ggate_child, &gc, tune_child_timeout(60), buf, sizeof buf, rec.status, sizeof rec.status,
                     rec.note, sizeof rec.note) == 0)
      snprintf(rec.status, sizeof rec.status, "ok");
    else if (!strcmp(rec.status, "error"))
      snprintf(rec.status, sizeof rec.status, "wrong");
    mha_journal_add(r->J, &rec);
    j = &rec;
    if (strcmp(j->status, "ok")) {
      r->failures++;
      if (r->tty) fprintf(stderr, "\n");
      fprintf(stderr, "mha-tune: %s fails the gate (%s): %s\n", k->name, j->status, j->note);
    }
  }
  return !strcmp(j->status, "ok");
}

/* ---- timing ---- */

typedef struct gtime_ctx {
  const mha__gemm_kernel *k;
  const gemm_workload *w;
  const float *a, *wt; /* the workload's A and weights, made once by the tuner and inherited */
  mha_counters *ctr;
  round_spec rs;
} gtime_ctx;

typedef struct gcall {
  const mha__gemm_w *pw;
  const float *a;
  int m, kd;
  mha__gemm_out o;
} gcall;

static void gemm_call(void *u) {
  gcall *g = u;
  mha__gemm_run(NULL, 0, g->pw, g->m, g->a, g->kd, &g->o);
}

static double gemm_flops(const gemm_workload *w) { return 2.0 * w->m * w->n * (double)w->k; }
static double gemm_bytes(const gemm_workload *w) {
  return 4.0 * ((double)w->m * w->k + (double)w->n * w->k + (double)w->m * w->n);
}

static int gtime_child(void *vctx, int fd) {
  gtime_ctx *t = vctx;
  const gemm_workload *w = t->w;
  tune_inject_pre(t->k->name);
  mha__gemm_w pw;
  float *c = malloc(sizeof(float) * (size_t)w->m * w->n);
  if (!c || mha__gemm_pack(t->k, t->wt, w->k, w->n, w->k, NULL, &pw) != MHA_OK) {
    dprintf(fd, "out of memory");
    return 1;
  }
  mha__gemm_ws ws = {0}; /* kept between calls, as a layer keeps it */
  gcall g = {&pw, t->a, w->m, w->k, {.c = c, .ldc = w->n, .ws = &ws}};
  const double bytes = gemm_bytes(w);
  /* One warm-up call: the big shapes take a good part of a second each. */
  mha_bench_opts o = {t->rs.min_time_s, t->rs.reps, 1};
  mha_bench_stats st;
  char *json = NULL, name[MHA_KEY_LEN + 128];
  snprintf(name, sizeof name, "%s/%s", w->key, t->k->name);
  if (mha_bench_run(name, gemm_call, &g, &o, gemm_flops(w), bytes, t->ctr, &st, &json) != 0) {
    dprintf(fd, "benchmark failed");
    return 1;
  }
  dprintf(fd, "%.9g %.9g %d", st.median_s, st.cv, st.repetitions);
  for (int i = 0; i < st.counters; i++) dprintf(fd, " %s=%.4g", st.counter_label[i], st.counter_per_iter[i]);
  dprintf(fd, "\n%s", json ? json : "{}");
  free(json);
  mha__gemm_w_free(&pw);
  mha__gemm_ws_free(&ws);
  free(c);
  return 0;
}

typedef struct gcand {
  const mha__gemm_kernel *k;
  double median_s, gflops, cv, rank;
  int alive;
} gcand;

/* A and W of w, made at the first timing the journal lacks and shared with the children. */
static void ginputs(const gemm_workload *w, float **a, float **wt) {
  if (*a) return;
  *a = malloc(sizeof(float) * (size_t)w->m * w->k);
  *wt = malloc(sizeof(float) * (size_t)w->n * w->k);
  if (!*a || !*wt) tune_die("out of memory for the inputs of %s", w->key);
  mha_fill(*a, (size_t)w->m * w->k, 21), mha_fill(*wt, (size_t)w->n * w->k, 22);
}

static int gtime_once(tune_run *r, const gemm_workload *w, gcand *c, int ri, float **a, float **wt) {
  const round_spec *rs = &r->L->rounds[ri];
  const mha_jrec *j = mha_journal_find(r->J, w->key, c->k->name, ri);
  mha_jrec rec = {0};
  if (!j) {
    ginputs(w, a, wt);
    gtime_ctx tc = {c->k, w, *a, *wt, r->ctr, *rs};
    static char buf[1 << 20];
    snprintf(rec.key, sizeof rec.key, "%s", w->key);
    snprintf(rec.kernel, sizeof rec.kernel, "%s", c->k->name);
    rec.round = ri;
    const double budget = tune_child_timeout(120 + 20 * rs->reps * rs->min_time_s);
    if (mha_isolated(gtime_child, &tc, budget, buf, sizeof buf, rec.status, sizeof rec.status, rec.note,
                     sizeof rec.note) == 0 &&
        sscanf(buf, "%lf %lf %d", &rec.median_s, &rec.cv, &rec.reps) == 3 && rec.median_s > 0) {
      snprintf(rec.status, sizeof rec.status, "ok");
      char *nl = strchr(buf, '\n');
      rec.gflops = gemm_flops(w) / rec.median_s * 1e-9;
      if (nl) mha_gbench_merge(&r->gjson, nl + 1, &r->nbench);
    } else if (!strcmp(rec.status, "ok")) {
      rec.status[0] = 0; /* the child exited 0 but its line did not read: an error */
    }
    tune_journal(r, &rec, c->k->name, w->key, "");
    j = &rec;
  }
  if (strcmp(j->status, "ok")) return -1;
  c->median_s = j->median_s, c->gflops = j->gflops, c->cv = j->cv;
  return 0;
}

/* How far a kernel is from the family's default for the call (the generator's model of this
 * machine's caches): the blocking's ratios in octaves, a micro-tile of another shape one
 * more, another ISA two more per step. 0 is the default itself. */
static double rank_of(const mha__gemm_kernel *k, const mha__gemm_kernel *d) {
  if (!d) return k->isa * -2.0;
  const double oct = fabs(log2((double)k->kc / d->kc)) + fabs(log2((double)k->mc / d->mc)) +
                     fabs(log2((double)k->nc / d->nc));
  return oct + (k->mr != d->mr || k->nr != d->nr || k->lanes != d->lanes) + 2.0 * abs(d->isa - k->isa);
}

static void sort_by(gcand *cs, int nc, int by_time) {
  for (int a = 0; a < nc; a++)
    for (int b = a + 1; b < nc; b++) {
      const int swap = by_time ? cs[b].alive && (!cs[a].alive || cs[b].median_s < cs[a].median_s)
                               : cs[b].rank < cs[a].rank;
      if (swap) {
        gcand t = cs[a];
        cs[a] = cs[b];
        cs[b] = t;
      }
    }
}

/* Whether k passed its gate (run once per kernel: r->ggate_ok, and the journal across runs). */
static int gemm_gated(tune_run *r, const mha__gemm_kernel *k) {
  int idx = 0;
  while (mha__gemm_registry[idx] && mha__gemm_registry[idx] != k) idx++;
  if (!mha__gemm_registry[idx]) return 0;
  if (r->ggate_ok[idx] < 0) r->ggate_ok[idx] = ggate_once(r, k);
  return r->ggate_ok[idx];
}

/* ---- the paired final (tune_final.c's races, over GEMM calls): the finalists race the
 * leader, then the untuned default does, past the time cap too; the default is kept unless
 * the leader beats it, so a tuned GEMM entry is never slower than untuned ---- */

typedef struct gpair_ctx {
  const mha__gemm_kernel *k[2]; /* the leader, the challenger */
  const gemm_workload *w;
  const float *a, *wt;
  double min_time_s;
  int pairs;
} gpair_ctx;

static int gpair_child(void *vctx, int fd) {
  const gpair_ctx *p = vctx;
  const gemm_workload *w = p->w;
  tune_inject_pre(p->k[1]->name);
  mha__gemm_w pw[2] = {{0}};
  mha__gemm_ws ws[2] = {{0}};
  float *c = malloc(sizeof(float) * (size_t)w->m * w->n);
  int err = !c;
  for (int i = 0; i < 2 && !err; i++) err = mha__gemm_pack(p->k[i], p->wt, w->k, w->n, w->k, NULL, &pw[i]) != MHA_OK;
  if (err) {
    dprintf(fd, "out of memory");
  } else {
    gcall g[2];
    for (int i = 0; i < 2; i++) g[i] = (gcall){&pw[i], p->a, w->m, w->k, {.c = c, .ldc = w->n, .ws = &ws[i]}};
    const tune_pair tp = {w->key, {p->k[0]->name, p->k[1]->name}, {gemm_call, gemm_call}, {&g[0], &g[1]},
                          gemm_flops(w), gemm_bytes(w), p->min_time_s, p->pairs};
    err = tune_pair_times(&tp, fd);
  }
  for (int i = 0; i < 2; i++) mha__gemm_w_free(&pw[i]), mha__gemm_ws_free(&ws[i]);
  free(c);
  return err;
}

static int grace(tune_run *r, const gemm_workload *w, const mha__gemm_kernel *lead, const mha__gemm_kernel *ch,
                 float **a, float **wt, double *q, double *t) {
  ginputs(w, a, wt);
  gpair_ctx pc = {{lead, ch}, w, *a, *wt, r->L->final.min_time_s, r->L->final.pairs};
  return tune_race_run(r, w->key, lead->name, ch->name, gemm_flops(w), gpair_child, &pc, pc.pairs, q, t);
}

static void gemm_final(tune_run *r, const gemm_workload *w, const gcand *cs, int nc, const mha__gemm_kernel *d,
                       float **a, float **wt, gemm_winner *wn) {
  const double t0 = mha_now();
  const mha__gemm_kernel *lead = wn->k;
  double lead_s = wn->median_s, q, t;
  for (int c = 1; c < nc && cs[c].alive && mha_now() - t0 < r->L->final.cap_s; c++)
    if (grace(r, w, lead, cs[c].k, a, wt, &q, &t) == 0 && q < TUNE_TAKE_LEAD) lead = cs[c].k, lead_s = t;
  if (d && d != lead && gemm_gated(r, d) && grace(r, w, lead, d, a, wt, &q, &t) == 0) {
    wn->vs_default = q;
    if (q <= 1) lead = d, lead_s = t, wn->untuned = 1;
  } else if (d == lead) {
    wn->vs_default = 1, wn->untuned = 1;
  }
  if (lead != wn->k) wn->k = lead, wn->median_s = lead_s, wn->cv = 0, wn->gflops = gemm_flops(w) / lead_s * 1e-9;
}

void tune_gemm_workload(tune_run *r, const gemm_workload *w, int wi, int nw, gemm_winner *wn) {
  const gemm_level *G = gemm_level_of(r->L);
  gcand *cs = calloc((size_t)mha__gemm_registry_count + 1, sizeof *cs);
  if (!cs) tune_die("%s", "out of memory");
  /* The default the runtime would take for this call, untuned: the space is searched around it. */
  const mha__table *def = &mha__table_linked;
  const mha__gemm_kernel *d = NULL;
  for (int isa = r->cpu; isa >= 0 && !d; isa--) {
    const mha__gemm_kernel *few = def->gemm_few_rows[isa], *dd = def->gemm_defaults[isa];
    if (w->m <= MHA__FEW_ROWS && mha__gemm_runs(few, r->cpu, mha__cpu_features(), 0)) d = few;
    else if (mha__gemm_runs(dd, r->cpu, mha__cpu_features(), 0)) d = dd;
  }
  int nc = 0;
  for (int i = 0; i < mha__gemm_registry_count; i++) {
    const mha__gemm_kernel *k = mha__gemm_registry[i];
    if (!mha__gemm_runs(k, r->cpu, mha__cpu_features(), 0) || (G->best_isa_only && k->isa != r->cpu)) continue;
    cs[nc++] = (gcand){k, 0, 0, 0, rank_of(k, d), 1};
  }
  /* Nearest the default first, but each micro-tile's nearest ahead of the default's own
   * neighbours: the register block matters more than a blocking step, so a pruned search
   * still tries every micro-tile once. */
  sort_by(cs, nc, 0);
  for (int c = 0, firsts = 0; c < nc; c++) {
    int seen = 0;
    for (int e = 0; e < firsts && !seen; e++)
      seen = cs[e].k->isa == cs[c].k->isa && cs[e].k->mr == cs[c].k->mr && cs[e].k->nr == cs[c].k->nr;
    if (seen) continue;
    const gcand t = cs[c];
    memmove(&cs[firsts + 1], &cs[firsts], sizeof *cs * (size_t)(c - firsts));
    cs[firsts++] = t;
  }
  if (G->cap > 0 && nc > G->cap) nc = G->cap;
  int kept = 0;
  for (int c = 0; c < nc; c++)
    if (gemm_gated(r, cs[c].k)) cs[kept++] = cs[c];
  nc = kept;
  wn->w = w, wn->tried = nc, wn->k = NULL, wn->vs_default = 0, wn->untuned = 0;
  float *a = NULL, *wt = NULL;
  int alive = nc;
  for (int ri = 0; ri < r->L->nrounds && alive > 0; ri++) {
    for (int c = 0; c < nc; c++) {
      if (!cs[c].alive) continue;
      if (r->limit > 0 && mha_now() - r->t0 > r->limit) break;
      if (gtime_once(r, w, &cs[c], ri, &a, &wt)) cs[c].alive = 0;
    }
    int keep = r->L->rounds[ri].keep;
    if (keep < 0) keep = alive / -keep > 2 ? alive / -keep : 2;
    sort_by(cs, nc, 1);
    alive = 0;
    for (int c = 0; c < nc; c++) {
      if (cs[c].alive && cs[c].median_s > 0 && alive < keep) alive++;
      else cs[c].alive = 0;
    }
    (void)wi, (void)nw;
  }
  if (nc && cs[0].alive) {
    wn->k = cs[0].k, wn->median_s = cs[0].median_s, wn->gflops = cs[0].gflops, wn->cv = cs[0].cv;
    gemm_final(r, w, cs, nc, d, &a, &wt, wn);
  }
  free(a), free(wt);
  free(cs);
}
