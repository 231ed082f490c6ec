/* test_plan: the work plan as a model, on any machine. For the workloads of
 * harness/workloads.txt and the cases of harness/bench.txt, at T = 2 .. 128 threads, with the
 * kernel the dispatch picks: the tasks cover every (query head, row, key) block exactly once
 * and their modeled costs add up to the visible (row, key) pairs; handed out in the order
 * workers take them, the modeled schedule ends within 10% of the mean (total / T) wherever
 * the plan has >= 8 T tasks (the rule). Prints the table to quote. Also: the cgroup
 * quota parser and the CPUs a process may use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_internal.h"

typedef struct workload {
  const char *model, *phase;
  int B, Hq, Hkv, Nq, Nk, d, causal, kv;
} workload;

enum { F32 = MHA_F32, F16 = MHA_F16, Q8 = MHA_Q8_0 };
/* harness/workloads.txt, then the distinct shapes of harness/bench.txt. */
static const workload loads[] = {
    {"bert-base", "prefill", 1, 12, 12, 128, 128, 64, 0, F32},
    {"bert-base", "prefill", 1, 12, 12, 512, 512, 64, 0, F32},
    {"gpt2", "causal", 1, 12, 12, 256, 256, 64, 1, F32},
    {"gpt2", "causal", 1, 12, 12, 1024, 1024, 64, 1, F32},
    {"gpt2", "decode", 1, 12, 12, 1, 1024, 64, 1, F32},
    {"gpt2-medium", "prefill", 1, 16, 16, 1024, 1024, 64, 0, F32},
    {"gpt2-medium", "causal", 1, 16, 16, 1024, 1024, 64, 1, F32},
    {"gpt2-medium", "decode", 1, 16, 16, 1, 1024, 64, 1, F32},
    {"llama2-7b", "prefill", 1, 32, 32, 512, 512, 128, 0, F32},
    {"llama2-7b", "prefill", 1, 32, 32, 1024, 1024, 128, 0, F32},
    {"llama2-7b", "causal", 1, 32, 32, 2048, 2048, 128, 1, F32},
    {"llama2-7b", "decode", 1, 32, 32, 1, 4096, 128, 1, F32},
    {"llama3-8b", "prefill", 1, 32, 8, 512, 512, 128, 0, F32},
    {"llama3-8b", "prefill", 1, 32, 8, 1024, 1024, 128, 0, F32},
    {"llama3-8b", "causal", 1, 32, 8, 2048, 2048, 128, 1, F32},
    {"llama3-8b", "decode", 1, 32, 8, 1, 8192, 128, 1, F32},
    {"llama3-8b", "decode", 1, 32, 8, 1, 4096, 128, 1, F16},
    {"llama3-8b", "decode", 1, 32, 8, 1, 4096, 128, 1, Q8},
    {"llama3-8b", "decode", 1, 32, 8, 1, 32768, 128, 1, F16},
    {"llama3-8b", "decode", 1, 32, 8, 1, 32768, 128, 1, Q8},
    {"mistral-7b", "causal", 1, 32, 8, 1024, 1024, 128, 1, F32},
    {"mistral-7b", "decode", 1, 32, 8, 1, 16384, 128, 1, F32},
    {"mistral-7b", "decode", 1, 32, 8, 1, 4096, 128, 1, F16},
    {"mistral-7b", "decode", 1, 32, 8, 1, 4096, 128, 1, Q8},
    {"mistral-7b", "decode", 1, 32, 8, 1, 32768, 128, 1, F16},
    {"mistral-7b", "decode", 1, 32, 8, 1, 32768, 128, 1, Q8},
    {"phi-2", "prefill", 1, 32, 32, 512, 512, 80, 0, F32},
    {"phi-2", "prefill", 1, 32, 32, 1024, 1024, 80, 0, F32},
    {"phi-2", "causal", 1, 32, 32, 2048, 2048, 80, 1, F32},
    {"phi-2", "decode", 1, 32, 32, 1, 2048, 80, 1, F32},
    {"bench", "prefill", 1, 8, 8, 2048, 2048, 128, 0, F32},
    {"bench", "causal", 1, 8, 8, 2048, 2048, 128, 1, F32},
    {"bench", "odd", 1, 32, 32, 1000, 1000, 80, 0, F32},
    {"bench", "decode", 1, 32, 8, 1, 32768, 128, 1, F32},
    {"bench", "memory", 1, 8, 8, 8192, 8192, 128, 1, F32},
};
enum { NLOADS = sizeof loads / sizeof *loads };
static const int Ts[] = {2, 4, 8, 16, 32, 64, 128};
enum { NT = sizeof Ts / sizeof *Ts };

static mha_attention_desc desc_of(const workload *w, int T) {
  mha_attention_desc d = {.batch = w->B, .heads_q = w->Hq, .heads_kv = w->Hkv, .seq_q = w->Nq,
                          .seq_kv = w->Nk, .head_dim = w->d, .causal = w->causal,
                          .layout = MHA_LAYOUT_BHSD, .threads = T, .kv_type = w->kv};
  return d;
}

/* The (query head, row, key) pairs a call computes, counted row by row. */
static long long visible_pairs(const mha_attention_desc *d) {
  long long n = 0;
  for (int b = 0; b < d->batch; b++) {
    const long nk = d->seq_kv_lens ? d->seq_kv_lens[b] : d->seq_kv;
    const long off = d->causal_align == MHA_ALIGN_TOP_LEFT ? 0 : nk - d->seq_q;
    for (long i = 0; i < d->seq_q; i++)
      for (long j = 0; j < nk; j++)
        n += !d->causal || (j <= i + off && (!d->window || j > i + off - d->window));
  }
  return n * d->heads_q;
}

/* Every task is a (unit, query chunk, key split) block of the right size, each block is
 * some task exactly once, and the costs add up to the visible pairs. */
static void check_cover(const mha_attention_desc *d, const mha__kernel *k, const mha__plan *p) {
  const int group = d->heads_q / d->heads_kv, subs = group / k->g;
  assert_int_equal(p->heads, k->g);
  assert_int_equal(p->units, (long)d->batch * d->heads_kv * subs);
  assert_true(p->qchunk == d->seq_q || p->qchunk % (k->qt > 0 ? k->qt : 1) == 0);
  assert_true(p->kchunk == d->seq_kv || p->kchunk % (k->kt > 0 ? k->kt : 1) == 0);
  assert_true((long)p->qchunk * p->nqchunks >= d->seq_q && (long)p->qchunk * (p->nqchunks - 1) < d->seq_q);
  assert_true((long)p->kchunk * (p->splits - 1) < d->seq_kv);
  assert_int_equal(p->tasks, p->units * p->nqchunks * p->splits);
  char *seen = calloc((size_t)p->tasks, 1);
  assert_non_null(seen);
  double cost = 0;
  for (long t = 0; t < p->tasks; t++) {
    mha__span s;
    mha__plan_task(p, d, t, &s);
    const int qc = s.q0 / p->qchunk, sp = s.split, sub = (s.h0 - s.kh * group) / k->g;
    assert_true(s.b >= 0 && s.b < d->batch && s.kh >= 0 && s.kh < d->heads_kv);
    assert_true(sub >= 0 && sub < subs && s.h0 == s.kh * group + sub * k->g && s.heads == k->g);
    assert_true(s.q0 == qc * p->qchunk && qc < p->nqchunks && sp >= 0 && sp < p->splits);
    assert_int_equal(s.nq, d->seq_q - s.q0 < p->qchunk ? d->seq_q - s.q0 : p->qchunk);
    /* Keys: within the sequence, at most a split's; that they hold every visible pair is
     * the cost check below. */
    assert_true(s.k0 >= 0 && s.nk >= 0 && s.nk <= p->kchunk && s.k0 + s.nk <= d->seq_kv);
    const long at = ((((long)s.b * d->heads_kv + s.kh) * subs + sub) * p->nqchunks + qc) * p->splits + sp;
    if (seen[at]++) fail_msg("task %ld repeats block %ld", t, at);
    cost += mha__span_cost(d, &s);
  }
  free(seen); /* tasks blocks, none twice: every block once */
  if (cost != (double)visible_pairs(d))
    fail_msg("task costs add up to %.0f, visible pairs %lld", cost, visible_pairs(d));
}

static void test_plan_model(void **st) {
  (void)st;
  int asserted = 0, missed = 0, below = 0;
  printf("plan model: critical path / (total / T); tasks in (); '-' = fewer than 8T tasks, not asserted\n");
  printf("%-11s %-7s %3s %3s %5s %5s %3s %-4s", "model", "phase", "Hq", "Hkv", "Nq", "Nk", "d", "kv");
  for (int i = 0; i < NT; i++) printf("        T=%-4d", Ts[i]);
  printf("\n");
  for (int w = 0; w < NLOADS; w++) {
    const workload *l = &loads[w];
    static const char *const kvn[] = {"f32", "f16", "bf16", "q8_0"};
    printf("%-11s %-7s %3d %3d %5d %5d %3d %-4s", l->model, l->phase, l->Hq, l->Hkv, l->Nq, l->Nk, l->d, kvn[l->kv]);
    for (int i = 0; i < NT; i++) {
      const int T = Ts[i];
      mha_attention_desc d = desc_of(l, T);
      const mha__kernel *k;
      const char *why;
      mha__plan p;
      assert_int_equal(mha__choose(&d, &k, &why), MHA_OK);
      mha__plan_for(&d, k, T, &p);
      assert_int_equal(p.threads, T < p.tasks ? T : p.tasks);
      check_cover(&d, k, &p);
      double total, crit = mha__plan_critical_path(&p, &d, T, &total);
      const double r = crit / (total / T);
      const int rule = p.tasks >= 8L * T;
      printf(" %5.3f%c(%5ld)", r, rule ? ' ' : '-', p.tasks);
      if (rule) asserted++, missed += r > 1.10;
      else below++;
      if (rule && r > 1.10)
        fail_msg("%s %s Nq %d T %d: critical path %.3f x ideal with %ld tasks", l->model, l->phase, l->Nq, T, r, p.tasks);
    }
    printf("\n");
  }
  printf("plan model: %d (workload, T) with >= 8T tasks asserted (%d over 1.10); %d with fewer tasks "
         "than 8T (too few rows and keys for that many threads), not asserted\n",
         asserted, missed, below);
}

/* Causal tasks go heaviest first: the first task of a causal prefill plan costs at least as
 * much as the last. */
static void test_heavy_first(void **st) {
  (void)st;
  mha_attention_desc d = desc_of(&loads[10], 16);
  const mha__kernel *k;
  const char *why;
  mha__plan p;
  mha__span a, b;
  assert_int_equal(mha__choose(&d, &k, &why), MHA_OK);
  mha__plan_for(&d, k, 16, &p);
  mha__plan_task(&p, &d, 0, &a);
  mha__plan_task(&p, &d, p.tasks - 1, &b);
  assert_true(mha__span_cost(&d, &a) > 2 * mha__span_cost(&d, &b));
  /* One thread: one task per unit, no split. */
  mha__plan_for(&d, k, 1, &p);
  assert_int_equal(p.threads, 1);
  assert_int_equal(p.nqchunks, 1);
  assert_int_equal(p.splits, 1);
}

/* The 0.2 fields that change which keys a row sees (lengths, alignment, window): the tasks
 * still cover exactly the visible pairs, at every thread count, split-KV included. */
static void test_plan_features(void **st) {
  (void)st;
  static const int lens[3] = {3000, 17, 0}, none[3] = {0, 0, 0};
  const struct { int B, Hq, Hkv, Nq, Nk, causal, align, window; const int *lens; } cases[] = {
      {1, 32, 8, 1, 3000, 1, 0, 512, NULL},   /* windowed decode: split over the window only */
      {1, 8, 8, 300, 3000, 1, 0, 100, NULL},  /* chunked prefill with a window */
      {1, 4, 4, 200, 200, 1, 1, 64, NULL},    /* top-left with a window */
      {2, 4, 2, 50, 120, 1, 1, 0, NULL},      /* top-left, Nq < Nk */
      {3, 4, 2, 1, 3000, 1, 0, 0, lens},      /* padded decode batch, one empty sequence */
      {3, 4, 2, 40, 3000, 1, 0, 33, lens},
      {3, 4, 4, 40, 3000, 0, 0, 0, lens},     /* not causal: the lengths alone */
      {3, 4, 2, 40, 3000, 1, 0, 0, none},     /* no key anywhere: a plan all the same */
  };
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++)
    for (int T = 1; T <= 64; T *= 4) {
      mha_attention_desc d = {.batch = cases[c].B, .heads_q = cases[c].Hq, .heads_kv = cases[c].Hkv,
                              .seq_q = cases[c].Nq, .seq_kv = cases[c].Nk, .head_dim = 128,
                              .causal = cases[c].causal, .causal_align = cases[c].align,
                              .window = cases[c].window, .seq_kv_lens = cases[c].lens, .threads = T};
      const mha__kernel *k;
      const char *why;
      mha__plan p;
      assert_int_equal(mha__choose(&d, &k, &why), MHA_OK);
      mha__plan_for(&d, k, T, &p);
      assert_true(p.threads >= 1 && p.threads <= T && p.splits >= 1 && p.tasks >= 1);
      check_cover(&d, k, &p);
    }
}

static void test_quota(void **st) {
  (void)st;
  assert_int_equal(mha__quota_cpus("max 100000\n"), 0);
  assert_int_equal(mha__quota_cpus("250000 100000\n"), 3);
  assert_int_equal(mha__quota_cpus("200000 100000"), 2);
  assert_int_equal(mha__quota_cpus("50000 100000"), 1);
  assert_int_equal(mha__quota_cpus(""), 0);
  assert_int_equal(mha__quota_cpus("x 0"), 0);
  assert_int_equal(mha__quota_cpus(NULL), 0);
  const int n = mha__cpus_allowed();
  assert_true(n >= 1 && n <= 256);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_plan_model), cmocka_unit_test(test_heavy_first),
                                     cmocka_unit_test(test_plan_features), cmocka_unit_test(test_quota)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
