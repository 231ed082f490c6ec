/* measure.c: see measure.h. */
#include "measure.h"

#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impl.h"
#include "mha_team.h"
#include "reference.h"

/* ---- the reference, on the library's team, its threads over the (batch, KV head) groups ---- */
typedef struct ref_job {
  const mha_attention_desc *d;
  const unsigned char *q, *k, *v; /* in d->q_type and d->kv_type */
  double *o, *pv;
  atomic_int next;
  atomic_int rc;
} ref_job;

static void ref_worker(void *arg, int w) {
  (void)w; /* no scratch: each group writes its own rows */
  ref_job *j = arg;
  const mha_attention_desc *d = j->d;
  const int groups = d->batch * d->heads_kv, g = d->heads_q / d->heads_kv;
  /* BHSD: a group's query heads and its KV head are contiguous, a problem of their own. */
  mha_attention_desc one = *d;
  one.batch = 1, one.heads_q = g, one.heads_kv = 1;
  const size_t qn = (size_t)g * d->seq_q * d->head_dim, kn = (size_t)d->seq_kv * mha_ref_row_bytes(d->kv_type, d->head_dim),
               qb = (size_t)g * d->seq_q * mha_ref_row_bytes(d->q_type, d->head_dim);
  for (int i; (i = atomic_fetch_add(&j->next, 1)) < groups;) {
    int rc = mha_ref_attention_pv(&one, j->q + i * qb, j->k + i * kn, j->v + i * kn, j->o + i * qn, NULL,
                                  j->pv ? j->pv + i * qn : NULL);
    if (rc) atomic_store(&j->rc, rc);
  }
}

static int given(const mha_strides *s) { return s->batch || s->head || s->seq; }

static int reference(const mha_attention_desc *d, const void *q, const void *k, const void *v, double *o,
                     double *pv, int threads) {
  /* Split per KV-head group (batch 1, packed offsets) only where nothing else ties a row to
   * its batch or head: lengths, ALiBi, sinks and strides take the whole call. */
  if (d->layout != MHA_LAYOUT_BHSD || d->seq_kv_lens || d->alibi_slopes || d->sinks ||
      given(&d->q_strides) || given(&d->k_strides) || given(&d->v_strides) || given(&d->o_strides))
    return mha_ref_attention_pv(d, q, k, v, o, NULL, pv);
  ref_job j = {d, q, k, v, o, pv, 0, 0};
  mha__parallel(NULL, threads < MHA__MAX_THREADS ? threads : MHA__MAX_THREADS, ref_worker, &j);
  return atomic_load(&j.rc);
}

int mha_inputs_make(mha_inputs *in, const mha_attention_desc *d, int sets, int ref_threads, char *err,
                    size_t errlen) {
  if (mha_inputs_alloc(in, d, sets) != 0 || !(in->ref = malloc(in->nq * 8)) ||
      (d->q_type != MHA_F32 && !(in->pv = malloc(in->nq * 8)))) {
    snprintf(err, errlen, "out of memory for %d input sets of %zu + 2 x %zu floats", sets, mha_elems(d, 1),
             mha_elems(d, 0));
    goto fail;
  }
  int rc = reference(d, in->q[0], in->k[0], in->v[0], in->ref, in->pv, ref_threads);
  if (rc) {
    snprintf(err, errlen, "the reference refuses the shape (code %d)", rc);
    goto fail;
  }
  for (size_t i = 0; i < in->nq; i++) in->refmax = fabs(in->ref[i]) > in->refmax ? fabs(in->ref[i]) : in->refmax;
  return 0;
fail:
  mha_inputs_free(in);
  return -1;
}

/* Test hook: MHA_COMPARE_INJECT="wrong=IMPL[,wrong=IMPL]" spoils that implementation's checked
 * output, to show a wrong answer is a failed row and never timed. */
static int inject_wrong(const char *impl) {
  const char *s = getenv("MHA_COMPARE_INJECT");
  char pat[64];
  snprintf(pat, sizeof pat, "wrong=%s", impl);
  for (const char *p = s ? strstr(s, pat) : NULL; p; p = strstr(p + 1, pat)) {
    char e = p[strlen(pat)];
    if ((p == s || p[-1] == ',') && (e == 0 || e == ',')) return 1;
  }
  return 0;
}

typedef struct call_state {
  mha_impl *im;
  const mha_inputs *in;
  int next, failed;
} call_state;

static void one_call(void *u) {
  call_state *c = u;
  int s = c->next;
  c->next = (c->next + 1) % c->in->sets;
  if (mha_impl_run(c->im, c->in->q[s], c->in->k[s], c->in->v[s], c->in->o) != 0) c->failed = 1;
}

static void clean(char *s) {
  for (; *s; s++)
    if (*s == '\t' || *s == '\n' || *s == '\r') *s = ' ';
}

/* Creates kind and checks it on set 0; the implementation, or NULL with r filled. */
static mha_impl *checked(int kind, const mha_attention_desc *d, const mha_inputs *in, mha_measured *r) {
  memset(r, 0, sizeof *r);
  r->status = "failed";
  mha_impl *im = NULL;
  char why[512] = "";
  int rc = mha_impl_create(kind, d, &im, why, sizeof why);
  if (rc == MHA_IMPL_UNSUPPORTED) {
    r->status = "unsupported";
    snprintf(r->detail, sizeof r->detail, "%s", why);
    return NULL;
  }
  if (rc != 0) {
    snprintf(r->detail, sizeof r->detail, "create: %d %s", rc, why);
    return NULL;
  }
  memset(in->o, 0xff, in->nq * 4); /* NaN in every type: an element left unwritten fails */
  rc = mha_impl_run(im, in->q[0], in->k[0], in->v[0], in->o);
  if (rc == 0 && inject_wrong(mha_impl_name(kind)))
    mha_set(d->o_type, in->o, in->nq / 2, (float)mha_at(d->o_type, in->o, in->nq / 2) + 1e-1f * (float)in->refmax);
  /* fp32 arithmetic is held to our bound; an implementation whose arithmetic rounds more
   * (ggml's Q in the KV type) to the one it states; bf16 and f16 Q and O to mha_ref_bound's,
   * element by element (worst: the largest error over its bound). */
  const double tol = fmax(MHA_MEASURE_REL_TOL, mha_impl_tolerance(im));
  double e = 0, worst = 0;
  for (size_t i = 0; rc == 0 && i < in->nq; i++) {
    const double x = fabs(in->ref[i] - mha_at(d->o_type, in->o, i));
    e = mha_worse(e, x);
    if (d->q_type == MHA_F32) continue; /* held to tol * max |O| below */
    worst = mha_worse(worst, x == 0 ? 0 : x / mha_ref_bound(d->q_type, in->ref[i], in->pv[i], tol * in->refmax));
  }
  r->max_err = e;
  if (rc == MHA_IMPL_UNSUPPORTED) {
    r->status = "unsupported";
    snprintf(r->detail, sizeof r->detail, "the library refuses it as unsupported; %s", mha_impl_detail(im));
  } else if (rc != 0) {
    snprintf(r->detail, sizeof r->detail, "run: %d; %s", rc, mha_impl_detail(im));
  } else if (d->q_type == MHA_F32 && !(e <= tol * in->refmax)) {
    snprintf(r->detail, sizeof r->detail, "wrong: max abs error %.3g > %.1g x max |O| %.3g; %s", e, tol, in->refmax,
             mha_impl_detail(im));
  } else if (!(worst <= 1)) {
    snprintf(r->detail, sizeof r->detail, "wrong: an error %.3g x its %s bound (max abs error %.3g); %s", worst,
             mha_kv_name(d->q_type), e, mha_impl_detail(im));
  } else {
    return im;
  }
  mha_impl_destroy(im);
  return NULL;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

void mha_measure_set(int n, const int *kinds, const mha_attention_desc *d, const mha_inputs *in,
                     const char *const *names, const mha_bench_opts *bo, mha_measured *r, mha_sbuf *json,
                     int *nbench) {
  const int reps = bo && bo->repetitions > 0 ? bo->repetitions : 5;
  call_state *cs = calloc((size_t)n, sizeof *cs); /* cs[i].im: NULL once i is out */
  double *t = calloc((size_t)n * reps, sizeof *t);
  if (!cs || !t) {
    for (int i = 0; i < n; i++) r[i] = (mha_measured){.status = "failed", .detail = "out of memory"};
    free(cs);
    free(t);
    return;
  }
  for (int i = 0; i < n; i++) cs[i] = (call_state){checked(kinds[i], d, in, &r[i]), in, 0, 0};
  const double fl = mha_attention_flops(d), by = mha_call_bytes(d);
  mha_bench_opts one = bo ? *bo : (mha_bench_opts){0};
  one.repetitions = 1;
  /* Repetition k of every implementation, then k + 1: a drift over seconds moves all alike.
   * Round k starts at implementation k mod n, so none always follows the same one. */
  for (int k = 0; k < reps; k++) {
    for (int j = 0; j < n; j++) {
      call_state *c = &cs[(j + k) % n];
      const int i = (int)(c - cs);
      if (!c->im) continue;
      mha_bench_stats st;
      char *js = NULL;
      if (mha_bench_run(names[i], one_call, c, &one, fl, by, NULL, &st, &js) != 0 || c->failed) {
        snprintf(r[i].detail, sizeof r[i].detail, c->failed ? "a timed run failed; %s" : "benchmark: %s",
                 c->failed ? mha_impl_detail(c->im) : mha_bench_error());
        mha_impl_destroy(c->im);
        c->im = NULL;
      } else {
        t[(size_t)i * reps + k] = st.median_s;
        if (js && json) mha_gbench_merge(json, js, nbench);
      }
      free(js);
      mha_impl_idle(c->im);
    }
  }
  for (int i = 0; i < n; i++) {
    if (cs[i].im) {
      double *ti = t + (size_t)i * reps, mean = 0, var = 0;
      for (int k = 0; k < reps; k++) mean += ti[k] / reps;
      for (int k = 0; k < reps; k++) var += (ti[k] - mean) * (ti[k] - mean) / (reps > 1 ? reps - 1 : 1);
      qsort(ti, (size_t)reps, sizeof *ti, cmp_double);
      const double med = reps % 2 ? ti[reps / 2] : 0.5 * (ti[reps / 2 - 1] + ti[reps / 2]);
      r[i].status = "ok";
      r[i].median_s = med, r[i].cv = mean > 0 ? sqrt(var) / mean : 0, r[i].gflops = fl / med * 1e-9;
      r[i].gbs = by / med * 1e-9;
      snprintf(r[i].detail, sizeof r[i].detail, "%s", mha_impl_detail(cs[i].im));
      mha_impl_destroy(cs[i].im);
    }
    clean(r[i].detail);
  }
  free(cs);
  free(t);
}

double mha_peak_from_machine_json(const char *dir, const char *isa, int one) {
  char path[1200], pat[64];
  size_t len;
  snprintf(path, sizeof path, "%s/machine.json", dir);
  char *j = mha_slurp(path, &len);
  if (!j) return 0;
  const int bf16 = !strcmp(isa, "bf16");
  const char *p = strstr(j, bf16 ? "\"bf16_peak_gflops\": " : "\"peak_gflops\"");
  snprintf(pat, sizeof pat, bf16 ? "\"bf16_peak_gflops\": {\"all\": " : "\"%s\": {\"all\": ", isa);
  p = p ? strstr(p, pat) : NULL;
  double all = 0, o = 0;
  if (p && sscanf(p + strlen(pat), "%lf, \"one\": %lf", &all, &o) < 1) all = 0;
  free(j);
  return one ? o : all;
}
