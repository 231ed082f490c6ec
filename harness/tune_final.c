/* tune_final.c: the paired final of one workload's search. The rounds before it time each
 * candidate once per round, each at its own moment, on a machine whose speed drifts 10-40%
 * over minutes: a ranking across those moments carries the drift. The final times the leader
 * and one challenger back to back in alternating order (A B B A ...) inside one child, so
 * that what drifts between two timings a few tens of milliseconds apart falls on both, and
 * compares them by the median of the per-pair ratios.
 * - The other finalists (the last round's survivors) race the leader in turn; one that is
 *   more than 2% faster takes the lead.
 * - Then the untuned default (the generator's table, what the library does without a tune)
 *   races the leader, always, past the time cap too: when the leader does not beat it, the
 *   workload gets no tuned entry and the default serves it. A tune never makes a workload
 *   slower than untuned by more than the noise of that final.
 * Each race is journaled (round FINAL_ROUND, the leader named in its note), so a resumed
 * tune replays the same races instead of timing them again. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "tune_search.h"

enum { FINAL_ROUND = 9 };


/* The child's side of a race: pairs of timings, A then B, then B then A, ...; line one the
 * times (a b per pair), then each timing's Google Benchmark JSON after a form feed. */
int tune_pair_times(const tune_pair *p, int fd) {
  const mha_bench_opts o = {p->min_time_s, 1, 1};
  const int pairs = p->pairs < TUNE_MAX_PAIRS ? p->pairs : TUNE_MAX_PAIRS;
  double t[TUNE_MAX_PAIRS][2];
  char *json[TUNE_MAX_PAIRS][2] = {{0}};
  int err = 0;
  for (int i = 0; i < pairs && !err; i++)
    for (int s = 0; s < 2 && !err; s++) {
      const int which = (i & 1) ? 1 - s : s; /* A B, then B A */
      char name[MHA_KEY_LEN + 256];
      snprintf(name, sizeof name, "%s/final/%s", p->key, p->names[which]);
      mha_bench_stats st;
      if (mha_bench_run(name, p->fn[which], p->arg[which], &o, p->flops, p->bytes, NULL, &st, &json[i][which]) != 0) {
        dprintf(fd, "benchmark failed");
        err = 1;
      }
      t[i][which] = st.median_s;
    }
  for (int i = 0; i < pairs && !err; i++) dprintf(fd, "%.9g %.9g ", t[i][0], t[i][1]);
  for (int i = 0; i < pairs; i++)
    for (int s = 0; s < 2; s++) {
      if (!err) dprintf(fd, "\n\f%s", json[i][s] ? json[i][s] : "{}");
      free(json[i][s]);
    }
  return err;
}

typedef struct pair_ctx {
  const mha__kernel *a, *b; /* the leader, the challenger */
  const mha_workload *w;
  const mha_inputs *in;
  double min_time_s;
  int pairs;
} pair_ctx;

/* An attention race's child: the two kernels on the workload's rotated inputs. */
static int pair_child(void *vctx, int fd) {
  const pair_ctx *p = vctx;
  mha_attention_desc desc = p->w->desc;
  desc.threads = 0;
  tune_inject_pre(p->b->name);
  const size_t nq = p->in->nq;
  tune_call c[2] = {{&desc, p->a, p->in, malloc(nq * 4), 0}, {&desc, p->b, p->in, malloc(nq * 4), 0}};
  int err = 1;
  if (c[0].o && c[1].o) {
    const tune_pair tp = {p->w->key, {p->a->name, p->b->name}, {tune_one_call, tune_one_call}, {&c[0], &c[1]},
                          mha_attention_flops(&desc), mha_call_bytes(&desc), p->min_time_s, p->pairs};
    err = tune_pair_times(&tp, fd);
  }
  free(c[0].o);
  free(c[1].o);
  return err;
}

static int cmp_double(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One race of any kind (tune_search.h); journaled as round FINAL_ROUND under wkey and ch,
 * noted "vs LEADER ratio Q leader_s T". */
int tune_race_run(tune_run *r, const char *wkey, const char *lead, const char *ch, double flops,
                  int (*child)(void *ctx, int fd), void *ctx, int pairs, double *ratio, double *t_ch) {
  char want[128];
  snprintf(want, sizeof want, "vs %.100s ", lead);
  const mha_jrec *j = NULL;
  for (int i = 0; i < r->J->n; i++) { /* the race against this leader; another leader's is another race */
    const mha_jrec *x = &r->J->recs[i];
    if (x->round == FINAL_ROUND && !strcmp(x->key, wkey) && !strcmp(x->kernel, ch) &&
        !strncmp(x->note, want, strlen(want)))
      j = x;
  }
  mha_jrec rec = {0};
  if (!j) {
    if (pairs > TUNE_MAX_PAIRS) pairs = TUNE_MAX_PAIRS;
    static char buf[1 << 21];
    snprintf(rec.key, sizeof rec.key, "%s", wkey);
    snprintf(rec.kernel, sizeof rec.kernel, "%s", ch);
    rec.round = FINAL_ROUND;
    double ta[TUNE_MAX_PAIRS], tb[TUNE_MAX_PAIRS], q[TUNE_MAX_PAIRS];
    int n = 0;
    if (mha_isolated(child, ctx, tune_child_timeout(120 + 40 * pairs * r->L->final.min_time_s), buf, sizeof buf,
                     rec.status, sizeof rec.status, rec.note, sizeof rec.note) == 0) {
      const char *s = buf;
      for (int used; n < pairs && sscanf(s, "%lf %lf %n", &ta[n], &tb[n], &used) == 2 && ta[n] > 0 && tb[n] > 0;
           s += used)
        q[n] = tb[n] / ta[n], n++;
      for (const char *f = strchr(buf, '\f'); f; f = strchr(f + 1, '\f')) {
        const char *e = strchr(f + 1, '\f');
        char *doc = strndup(f + 1, e ? (size_t)(e - f - 2) : strlen(f + 1)); /* the newline before \f */
        if (doc) mha_gbench_merge(&r->gjson, doc, &r->nbench);
        free(doc);
      }
    }
    if (n == pairs) {
      const double rq = median(q, n), tch = median(tb, n), tl = median(ta, n);
      snprintf(rec.status, sizeof rec.status, "ok");
      rec.median_s = tch, rec.reps = n, rec.gflops = flops / tch * 1e-9;
      snprintf(rec.note, sizeof rec.note, "%sratio %.6f leader_s %.9g", want, rq, tl);
    } else if (!strcmp(rec.status, "ok")) {
      rec.status[0] = 0; /* the child exited 0 but gave fewer pairs: an error */
    }
    tune_journal(r, &rec, ch, wkey, " (final)");
    j = &rec;
  }
  if (strcmp(j->status, "ok") || sscanf(j->note + strlen(want), "ratio %lf", ratio) != 1) return -1;
  *t_ch = j->median_s;
  return 0;
}

int tune_race(tune_run *r, const mha_workload *w, const mha__kernel *lead, const mha__kernel *ch, mha_inputs *in,
              double *ratio, double *t_ch) {
  const mha_attention_desc *d = &w->desc;
  if (!in->sets && mha_inputs_alloc(in, d, mha_rotation_sets(r->m, d, MHA_ROTATION_CAP)))
    tune_die("out of memory for the inputs of %s", w->key);
  pair_ctx pc = {lead, ch, w, in, r->L->final.min_time_s, r->L->final.pairs};
  return tune_race_run(r, w->key, lead->name, ch->name, mha_attention_flops(d), pair_child, &pc, pc.pairs, ratio,
                       t_ch);
}

const mha__kernel *tune_untuned_default(const tune_run *r, const mha_workload *w) {
  return mha__pick(&mha__table_linked, r->cpu, mha__cpu_features(), &w->desc, NULL);
}

void tune_final(tune_run *r, const mha_workload *w, cand *cs, int nc, mha_inputs *in, winner *wn) {
  const double t0 = mha_now();
  const mha__kernel *lead = wn->k;
  double lead_s = wn->median_s;
  for (int c = 1; c < nc && cs[c].alive && mha_now() - t0 < r->L->final.cap_s; c++) {
    double q, t;
    if (tune_race(r, w, lead, cs[c].k, in, &q, &t) == 0 && q < TUNE_TAKE_LEAD) lead = cs[c].k, lead_s = t;
  }
  const mha__kernel *dk = tune_untuned_default(r, w);
  double q = 1, t = lead_s;
  /* The default races even past the cap: it is what a tune must never lose to. A default that
   * fails its gate (or the race) cannot serve, and the leader stays. */
  if (dk && dk != lead && tune_gate_once(r, dk, w->desc.q_type, w->key) && tune_race(r, w, lead, dk, in, &q, &t) == 0) {
    wn->vs_default = q;
    if (q <= 1) lead = dk, lead_s = t, wn->untuned = 1;
  } else if (dk == lead) {
    wn->vs_default = 1, wn->untuned = 1;
  }
  if (lead != wn->k) {
    wn->k = lead, wn->median_s = lead_s, wn->cv = 0;
    wn->gflops = mha_attention_flops(&w->desc) / lead_s * 1e-9;
  }
}
