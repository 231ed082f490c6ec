/* tune_search.c: the tuner's search, one workload at a time: the rigor levels, the
 * correctness gate and the timings, each in a child process (mha_isolated) and each looked up
 * in the journal first (a resumed tune measures only what is missing), and the successive-
 * halving rounds that keep the fastest. */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reference.h"
#include "registry.h"
#include "tune_search.h"

/* quick's first round is one short timing per candidate, so a disturbed one can drop the
 * best: it keeps six for the second. Measured here against the exhaustive sweep, in runs as
 * noisy as each other: keeping three, 9.6% behind on average (29.5% at worst); keeping six,
 * 14.7% (40.3%). The second round's three 0.05 s timings are as much the cause. */
static const level LEVELS[] = {
    {"quick", 1, 2, {{0.01, 1, 6}, {0.05, 3, 3}}, {0.05, 3, 2.0}},
    {"measure", 0, 3, {{0.02, 1, -3}, {0.1, 3, 3}, {0.2, 5, 3}}, {0.1, 5, 8.0}},
    {"exhaustive", 0, 1, {{0.2, 5, 4}}, {0.1, 5, 8.0}},
};


const level *tune_level(const char *name) {
  for (size_t i = 0; i < sizeof LEVELS / sizeof *LEVELS; i++)
    if (!strcmp(LEVELS[i].name, name)) return &LEVELS[i];
  return NULL;
}

/* Test hook: MHA_TUNE_INJECT="crash=NAME,hang=NAME,wrong=NAME" makes that candidate crash,
 * hang or answer wrong inside its child (wrong: on the gate's last shape alone, the one with
 * every 0.2 field), to show the tune survives and never picks it. */
int tune_injected(const char *what, const char *name) {
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
void tune_inject_pre(const char *name) {
  if (tune_injected("crash", name)) raise(SIGSEGV);
  if (tune_injected("hang", name))
    for (;;) pause();
}

/* A child's time limit; MHA_TUNE_TIMEOUT (seconds) overrides it, for tests of hangs. */
double tune_child_timeout(double dflt) {
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
  tune_inject_pre(k->name);
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
    if (rc == MHA_OK && s + 1 == sizeof GATE / sizeof *GATE && tune_injected("wrong", k->name))
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

void tune_journal(tune_run *r, mha_jrec *rec, const char *kernel, const char *wkey, const char *what) {
  if (!rec->status[0]) snprintf(rec->status, sizeof rec->status, "error");
  mha_journal_add(r->J, rec);
  r->measured++;
  if (strcmp(rec->status, "ok")) {
    r->failures++;
    fprintf(stderr, "%smha-tune: %s on %s%s: %s %s\n", r->tty ? "\n" : "", kernel, wkey, what, rec->status, rec->note);
  }
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

void tune_one_call(void *u) {
  tune_call *c = u;
  int s = c->next;
  c->next = (c->next + 1) % c->in->sets;
  mha__attention_with(c->desc, c->k, c->in->q[s], c->in->k[s], c->in->v[s], c->o);
}

static int time_child(void *vctx, int fd) {
  time_ctx *t = vctx;
  mha_attention_desc desc = t->w->desc;
  desc.threads = t->threads;
  tune_inject_pre(t->k->name);
  /* The inputs come from the tuner, rotated past the cache (tune_inputs); O is this child's. */
  const size_t nq = t->in->nq;
  tune_call cs = {&desc, t->k, t->in, malloc(nq * 4), 0};
  if (!cs.o) return 1;
  double flops = mha_attention_flops(&desc);
  double bytes = mha_call_bytes(&desc);
  mha_bench_opts o = {t->rs.min_time_s, t->rs.reps, 1};
  mha_bench_stats st;
  char *json = NULL;
  char name[MHA_KEY_LEN + 128];
  snprintf(name, sizeof name, "%s/%s", t->w->key, t->k->name);
  if (mha_bench_run(name, tune_one_call, &cs, &o, flops, bytes, t->ctr, &st, &json) != 0) {
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

/* The gate of kernel k for Q/O type qo, from the journal or measured (and journaled): 1 when
 * it passed. Its journal key is "-" for f32, "-/qo-bf16" for bf16. */
int tune_gate_once(tune_run *r, const mha__kernel *k, int qo, const char *wkey) {
  char gkey[32];
  snprintf(gkey, sizeof gkey, "-%s%s", qo ? "/qo-" : "", qo ? mha_kv_name(qo) : "");
  const mha_jrec *j = mha_journal_find(r->J, gkey, k->name, -1);
  mha_jrec rec = {0};
  if (!j) {
    gate_ctx gc = {k, qo};
    char buf[512];
    snprintf(rec.key, sizeof rec.key, "%s", gkey);
    snprintf(rec.kernel, sizeof rec.kernel, "%s", k->name);
    rec.round = -1;
    if (mha_isolated(gate_child, &gc, tune_child_timeout(60), buf, sizeof buf, rec.status, sizeof rec.status, rec.note,
                     sizeof rec.note) == 0)
      snprintf(rec.status, sizeof rec.status, "ok");
    else if (!strcmp(rec.status, "error") && !strncmp(rec.note, "unsupported", 11))
      snprintf(rec.status, sizeof rec.status, "unsupported");
    else if (!strcmp(rec.status, "error"))
      snprintf(rec.status, sizeof rec.status, "wrong");
    mha_journal_add(r->J, &rec);
    j = &rec;
    if (!strcmp(j->status, "unsupported")) {
      if (r->tty) fprintf(stderr, "\n");
      fprintf(stderr, "mha-tune: %s: %s; not a candidate for %s\n", k->name, j->note, wkey);
    } else if (strcmp(j->status, "ok")) {
      r->failures++;
      if (r->tty) fprintf(stderr, "\n");
      fprintf(stderr, "mha-tune: %s fails the gate (%s): %s\n", k->name, j->status, j->note);
    }
  }
  return !strcmp(j->status, "ok");
}

/* The candidates of workload w: every kernel this CPU runs (the level may keep its best ISA
 * alone) that applies to w and passes the gate. */
static int candidates(tune_run *r, const mha_workload *w, cand *cs) {
  const mha_attention_desc *d = &w->desc;
  int nc = 0;
  for (int i = 0; i < mha__registry_count; i++) {
    const mha__kernel *k = mha__registry[i];
    if (!mha__kernel_runs(k, r->cpu, mha__cpu_features()) || (r->L->best_isa_only && k->isa != r->cpu) ||
        !mha__kernel_applies(k, d))
      continue;
    int *ok = &r->gate_ok[(size_t)i * 3 + d->q_type];
    if (*ok < 0) *ok = tune_gate_once(r, k, d->q_type, w->key);
    if (*ok) cs[nc++] = (cand){k, 0, 0, 0, 1};
  }
  return nc;
}

/* Candidate c's timing in round ri, from the journal or measured (and journaled); 0 when it
 * has one. The inputs are made at the first timing the journal lacks. */
static int time_once(tune_run *r, const mha_workload *w, cand *c, int ri, mha_inputs *in) {
  const mha_attention_desc *d = &w->desc;
  const round_spec *rs = &r->L->rounds[ri];
  const mha_jrec *j = mha_journal_find(r->J, w->key, c->k->name, ri);
  mha_jrec rec = {0};
  if (!j) {
    /* Rotated input sets, so a call does not find its K/V in cache where the real one
     * would not (decode above all): made once per workload here and shared with every
     * timing child through fork, instead of refilled (up to 128 MiB) in each. */
    if (!in->sets && mha_inputs_alloc(in, d, mha_rotation_sets(r->m, d, MHA_ROTATION_CAP)))
      tune_die("out of memory for the inputs of %s", w->key);
    time_ctx tc = {c->k, w, r->m, r->ctr, *rs, 0, in};
    static char buf[1 << 20];
    snprintf(rec.key, sizeof rec.key, "%s", w->key);
    snprintf(rec.kernel, sizeof rec.kernel, "%s", c->k->name);
    rec.round = ri;
    double budget = tune_child_timeout(120 + 20 * rs->reps * rs->min_time_s);
    if (mha_isolated(time_child, &tc, budget, buf, sizeof buf, rec.status, sizeof rec.status, rec.note,
                     sizeof rec.note) == 0 &&
        sscanf(buf, "%lf %lf %d", &rec.median_s, &rec.cv, &rec.reps) == 3 && rec.median_s > 0) {
      snprintf(rec.status, sizeof rec.status, "ok");
      int skip = 0;
      char *nl = strchr(buf, '\n');
      for (int sp = 0; buf + skip < nl && sp < 3; skip++) sp += buf[skip] == ' ';
      if (nl && buf + skip < nl) snprintf(rec.note, sizeof rec.note, "%.*s", (int)(nl - buf - skip), buf + skip);
      rec.gflops = mha_attention_flops(d) / rec.median_s * 1e-9;
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

/* Keeps the fastest of a round: keep > 0 of them, or a fraction 1/-keep of the alive
 * (at least 2); returns how many are alive. cs is sorted, the fastest first. */
static int keep_fastest(cand *cs, int nc, int alive, int keep) {
  if (keep < 0) keep = alive / -keep > 2 ? alive / -keep : 2;
  for (int a = 0; a < nc; a++)
    for (int b = a + 1; b < nc; b++)
      if (cs[b].alive && (!cs[a].alive || cs[b].median_s < cs[a].median_s)) {
        cand t = cs[a];
        cs[a] = cs[b];
        cs[b] = t;
      }
  alive = 0;
  for (int c = 0; c < nc; c++) {
    if (cs[c].alive && cs[c].median_s > 0 && alive < keep) alive++;
    else cs[c].alive = 0;
  }
  return alive;
}

void tune_workload(tune_run *r, const mha_workload *w, int wi, int nw, winner *wn) {
  cand *cs = calloc((size_t)mha__registry_count, sizeof *cs);
  if (!cs) tune_die("%s", "out of memory");
  const int nc = candidates(r, w, cs);
  wn->w = w;
  wn->tried = nc;
  int alive = nc;
  mha_inputs in = {0};
  for (int ri = 0; ri < r->L->nrounds && alive > 0; ri++) {
    for (int c = 0; c < nc; c++) {
      if (!cs[c].alive) continue;
      if (r->limit > 0 && mha_now() - r->t0 > r->limit) break;
      if (time_once(r, w, &cs[c], ri, &in)) {
        cs[c].alive = 0;
        continue;
      }
      double frac = (wi + (double)(c + 1) / (nc ? nc : 1) * (ri + 1) / r->L->nrounds) / nw;
      progress(r->tty, w->key, c + 1, nc, cs[c].k->name, cs[c].gflops, r->t0, frac);
    }
    alive = keep_fastest(cs, nc, alive, r->L->rounds[ri].keep);
  }
  if (nc && cs[0].alive) wn->k = cs[0].k, wn->median_s = cs[0].median_s, wn->gflops = cs[0].gflops, wn->cv = cs[0].cv;
  if (wn->k) tune_final(r, w, cs, nc, &in, wn);
  mha_inputs_free(&in);
  free(cs);
}
