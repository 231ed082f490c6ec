/* test_dispatch: kernel choice. Explicit tables under ISA caps (only runnable kernels,
 * answers still right), the group-size fallback, tuned entries, the table a CPU signature
 * selects (exact, nearest, none; the shipped tables), MHA_CPU, MHA_KERNEL forcing, and the
 * MHA_DEBUG log. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_internal.h"
#include "mha_table.h"
#include "reference.h"

static void fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

static mha_attention_desc mk(int hq, int hkv, int nq, int nk, int d, int causal) {
  mha_attention_desc s = {0};
  s.batch = 1, s.heads_q = hq, s.heads_kv = hkv, s.seq_q = nq, s.seq_kv = nk;
  s.head_dim = d, s.causal = causal, s.layout = MHA_LAYOUT_BSHD, s.threads = 2;
  return s;
}

/* Runs desc with kernel k (NULL: the public entry point) and checks it against the reference. */
static void check(const mha_attention_desc *desc, const mha__kernel *k) {
  const size_t nq = (size_t)desc->batch * desc->heads_q * desc->seq_q * desc->head_dim;
  const size_t nk = (size_t)desc->batch * desc->heads_kv * desc->seq_kv * desc->head_dim;
  float *q = malloc(nq * 4), *kk = malloc(nk * 4), *v = malloc(nk * 4), *o = malloc(nq * 4);
  double *ref = malloc(nq * 8);
  assert_true(q && kk && v && o && ref);
  fill(q, nq, 7), fill(kk, nk, 8), fill(v, nk, 9);
  assert_int_equal(mha_ref_attention(desc, q, kk, v, ref, NULL), 0);
  int rc = k ? mha__attention_with(desc, k, q, kk, v, o) : mha_attention_f32(desc, q, kk, v, o);
  assert_int_equal(rc, MHA_OK);
  for (size_t i = 0; i < nq; i++)
    if (!(fabs(o[i] - ref[i]) <= 2e-5))
      fail_msg("%s: o[%zu] = %g, reference %g", k ? k->name : "public", i, o[i], ref[i]);
  free(ref), free(o), free(v), free(kk), free(q);
}

/* The linked table's generic kernel of the lowest ISA: every CPU runs it. */
static const mha__kernel *scalar_generic(void) {
  const mha__kernel *k = mha__table_linked.defaults[MHA__KV_F32][MHA__ISA_SCALAR][0];
  assert_non_null(k);
  assert_int_equal(k->d, 0);
  assert_int_equal(k->g, 1);
  return k;
}

/* Stand-ins: a real g=1 kernel's code is correct for any multiple of g heads, so a copy
 * claiming g=4, or claiming AVX-512, still computes the right answer when it runs. */
static mha__kernel fake_g4, fake_avx512;

static int setup(void **st) {
  (void)st;
  unsetenv("MHA_KERNEL"), unsetenv("MHA_CPU"), unsetenv("MHA_DEBUG");
  fake_g4 = *mha__table_linked.defaults[MHA__KV_F32][MHA__ISA_SCALAR][mha__dclass(64)];
  fake_g4.name = "test_scalar_d64_g4";
  fake_g4.g = 4;
  fake_avx512 = *scalar_generic();
  fake_avx512.name = "test_fake_avx512";
  fake_avx512.isa = MHA__ISA_AVX512;
  return 0;
}

static void test_caps(void **st) {
  (void)st;
  const int detected = mha__cpu_isa_detected();
  mha__table t = mha__table_linked;
  t.entries = NULL, t.entry_count = 0;
  const mha_attention_desc shapes[] = {mk(4, 2, 9, 70, 64, 1), mk(3, 1, 5, 33, 7, 0),
                                       mk(8, 2, 1, 300, 128, 1), mk(2, 2, 20, 20, 80, 0)};
  for (int cap = MHA__ISA_SCALAR; cap <= detected; cap++)
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
      const char *why = NULL;
      const mha__kernel *k = mha__pick(&t, cap, 0, &shapes[i], &why);
      assert_non_null(k);
      assert_non_null(why);
      assert_true(k->isa <= cap);
      assert_true(mha__kernel_applies(k, &shapes[i]));
      /* The best specialised default of the allowed ISAs (for decoding the few-rows one of
       * the largest g that divides the group), else the generic one. */
      const int dc = mha__dclass(shapes[i].head_dim), group = shapes[i].heads_q / shapes[i].heads_kv;
      const mha__kernel *few = NULL;
      for (int gi = MHA__FEW_G - 1; gi >= 0 && !few && shapes[i].seq_q <= MHA__FEW_ROWS; gi--)
        if (group % (1 << gi) == 0) few = t.few_rows[MHA__KV_F32][cap][dc][gi];
      if (dc && few) assert_ptr_equal(k, few);
      else if (dc && t.defaults[MHA__KV_F32][cap][dc]) assert_ptr_equal(k, t.defaults[MHA__KV_F32][cap][dc]);
      if (!dc) assert_int_equal(k->d, 0);
      check(&shapes[i], k);
    }
  /* A kernel for an ISA above the cap is never picked, even as the only specialised one. */
  for (int isa = 0; isa < MHA__ISA_COUNT; isa++) t.defaults[MHA__KV_F32][isa][mha__dclass(64)] = NULL;
  t.defaults[MHA__KV_F32][MHA__ISA_AVX512][0] = &fake_avx512;
  for (int cap = MHA__ISA_SCALAR; cap <= MHA__ISA_AVX2; cap++) {
    const mha__kernel *k = mha__pick(&t, cap, 0, &shapes[0], NULL);
    assert_true(k != &fake_avx512 && k->isa <= cap && k->d == 0);
  }
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, 0, &shapes[0], NULL), &fake_avx512);
}

/* A specialised kernel whose g does not divide the group is passed over. */
static void test_group_fallback(void **st) {
  (void)st;
  mha__table t = mha__table_linked;
  t.entries = NULL, t.entry_count = 0;
  for (int isa = 0; isa < MHA__ISA_COUNT; isa++) t.defaults[MHA__KV_F32][isa][mha__dclass(64)] = NULL;
  t.defaults[MHA__KV_F32][MHA__ISA_SCALAR][mha__dclass(64)] = &fake_g4;
  const mha_attention_desc g2 = mk(4, 2, 6, 50, 64, 1), g8 = mk(8, 1, 6, 50, 64, 1);
  const mha__kernel *k = mha__pick(&t, MHA__ISA_SCALAR, 0, &g2, NULL);
  assert_true(k != &fake_g4 && k->d == 0);
  check(&g2, k);
  assert_ptr_equal(mha__pick(&t, MHA__ISA_SCALAR, 0, &g8, NULL), &fake_g4);
  check(&g8, &fake_g4);
  /* mha__attention_with refuses a kernel that does not apply. */
  static float q[4 * 6 * 64], kv[2 * 50 * 64], o[4 * 6 * 64]; /* o apart from q, k, v */
  assert_int_equal(mha__attention_with(&g2, &fake_g4, q, kv, kv, o), MHA_EKERNEL);
}

/* Untuned decoding shares K/V across a GQA group: for each KV type the default for one query
 * row is a dot kernel of that type whose g is the largest of 1, 2, 4, 8 dividing the group
 * (Hq32 Hkv8: g4; Hq32 Hkv4: g8), on AVX-512 and on AVX2, and it computes the right answer
 * where this CPU runs it. */
static void test_gqa_defaults(void **st) {
  (void)st;
  mha__table t = mha__table_linked;
  t.entries = NULL, t.entry_count = 0;
  const struct { int hkv, g; } cases[] = {{8, 4}, {4, 8}};
  for (int kv = MHA_F32; kv <= MHA_Q8_0; kv++)
    for (int isa = MHA__ISA_AVX2; isa <= MHA__ISA_AVX512; isa++)
      for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        mha_attention_desc dec = mk(32, cases[c].hkv, 1, 4096, 128, 1);
        dec.kv_type = kv;
        const char *why;
        const mha__kernel *k = mha__pick(&t, isa, 0, &dec, &why);
        assert_non_null(k);
        if (k->g != cases[c].g || !strstr(k->name, "_dot") || k->isa != isa || k->kv_type != kv)
          fail_msg("kv %d, isa %d, Hkv %d: %s (%s), want a dot kernel with g%d", kv, isa,
                   cases[c].hkv, k->name, why, cases[c].g);
        if (isa <= mha__cpu_isa_detected() && kv == MHA_F32) {
          dec.seq_kv = 300;
          check(&dec, k);
        }
      }
}

static void test_entries(void **st) {
  (void)st;
  const mha_attention_desc s = mk(4, 2, 16, 100, 64, 0);
  mha__table_entry e[] = {
      {MHA__ISA_SCALAR, 64, 4, 2, 0, -1, mha__seq_bucket(100), scalar_generic(), MHA_F32},
      {MHA__ISA_AVX512, 64, 4, 2, 0, -1, -1, &fake_avx512, MHA_F32},
  };
  mha__table t = mha__table_linked;
  t.entries = e, t.entry_count = 1, t.cpu_signature = "";
  const char *why;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &s, &why), scalar_generic());
  assert_string_equal(why, "tuned entry");
  check(&s, scalar_generic());
  /* Keys that differ in causal, Hkv or the nk bucket fall through to the defaults. */
  mha_attention_desc other = s;
  other.causal = 1;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  other = s, other.seq_kv = 4000;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  /* A neighbouring key takes the entry: other heads, or a key length one bucket away. */
  other = s, other.heads_q = 8, other.heads_kv = 8;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  assert_string_equal(why, "nearest tuned entry");
  check(&other, scalar_generic());
  other = s, other.seq_kv = 300;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  assert_string_equal(why, "nearest tuned entry");
  /* Two buckets away, or across the decoding line, it does not. */
  other = s, other.seq_kv = 1000;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  mha__table_entry pre = e[0];
  pre.nq_bucket = mha__seq_bucket(100);
  t.entries = &pre;
  other = s, other.seq_q = 16;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  other.seq_q = 17; /* the entry's own bucket */
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  assert_string_equal(why, "tuned entry");
  /* The exact key beats a neighbour listed first. */
  static mha__kernel neighbour;
  neighbour = *scalar_generic();
  neighbour.name = "test_neighbour";
  mha__table_entry two[] = {pre, pre};
  two[0].heads_q = 8, two[0].heads_kv = 8, two[0].kernel = &neighbour;
  t.entries = two, t.entry_count = 2;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &other, &why), scalar_generic());
  assert_string_equal(why, "tuned entry");
  t.entries = e, t.entry_count = 1;
  /* An entry for an ISA above the cap is ignored; at its ISA it wins. */
  t.entry_count = 2;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &s, NULL), scalar_generic());
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, 0, &s, NULL), &fake_avx512);
  /* mha__pick uses the table it is given, whatever CPU it was tuned on: which table a CPU
   * gets is mha__table_select's business (test_select). */
  t.entry_count = 1, t.cpu_signature = "GenuineIntel:6:143:avx512-not-this-cpu";
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &s, NULL), scalar_generic());
  /* The exact key beats a neighbour of a higher ISA: it was measured faster on this machine. */
  mha__table_entry hi = e[1], mix[2];
  hi.heads_q = 8, hi.heads_kv = 8;
  mix[0] = hi, mix[1] = e[0];
  t.entries = mix, t.entry_count = 2, t.cpu_signature = "";
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, 0, &s, &why), scalar_generic());
  assert_string_equal(why, "tuned entry");
  /* The key is normalised: one query row under a bottom-right causal mask sees every key, so
   * it is the same computation as without the mask, and finds the same entries both ways. */
  mha__table_entry dec = e[0];
  dec.nq_bucket = mha__seq_bucket(1);
  t.entries = &dec, t.entry_count = 1;
  mha_attention_desc one = s;
  one.seq_q = 1;
  for (int c = 0; c < 4; c++) {
    dec.causal = c & 1, one.causal = c >> 1;
    assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &one, &why), scalar_generic());
    assert_string_equal(why, "tuned entry");
  }
  /* With two rows the mask matters again. */
  dec.nq_bucket = mha__seq_bucket(2), dec.causal = 0;
  one.seq_q = 2, one.causal = 1;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX2, 0, &one, &why), scalar_generic());
}

/* Tables for several CPUs: a table with one tuned entry (the AVX-512 stand-in for s) per
 * signature, selected by the CPU's signature alone. */
static mha__table tuned_for(const char *id, const char *sig, const mha__table_entry *e) {
  mha__table t = mha__table_linked;
  t.machine_id = id, t.cpu_signature = sig, t.entries = e, t.entry_count = 1;
  return t;
}

static void test_select(void **st) {
  (void)st;
  const mha_attention_desc s = mk(4, 2, 16, 100, 64, 0);
  const mha__table_entry e = {MHA__ISA_AVX512, 64, 4, 2, 0, -1, -1, &fake_avx512, MHA_F32};
  const mha__table amd = tuned_for("amd", "AuthenticAMD:26:2:avx512", &e),
                   spr = tuned_for("spr", "GenuineIntel:6:143:avx512", &e),
                   emr = tuned_for("emr", "GenuineIntel:6:207:avx512", &e),
                   skx = tuned_for("skx", "GenuineIntel:6:85:avx2", &e),
                   old = tuned_for("p4", "GenuineIntel:15:4:avx512", &e);
  const mha__table *all[] = {&amd, &spr, &emr, &skx, &old, &mha__table_linked};
  const int n = sizeof all / sizeof *all;
  const struct {
    const char *cpu;
    const mha__table *want;
    int match;
  } cases[] = {
      {"GenuineIntel:6:207:avx512", &emr, MHA__MATCH_EXACT},   /* exact, though spr is listed first */
      {"AuthenticAMD:26:2:avx512", &amd, MHA__MATCH_EXACT},
      {"GenuineIntel:6:200:avx512", &emr, MHA__MATCH_NEAREST}, /* the same vendor and ISA: nearest model */
      {"GenuineIntel:6:150:avx512", &spr, MHA__MATCH_NEAREST},
      {"GenuineIntel:6:85:avx512", &spr, MHA__MATCH_NEAREST},  /* skx is another ISA; family 6 before 15 */
      {"GenuineIntel:15:6:avx512", &old, MHA__MATCH_NEAREST},
      {"GenuineIntel:6:60:avx2", &skx, MHA__MATCH_NEAREST},
      {"GenuineIntel:6:60:scalar", NULL, MHA__MATCH_NONE},     /* no table of that ISA */
      {"AuthenticAMD:25:1:avx2", NULL, MHA__MATCH_NONE},       /* the AMD table is AVX-512 */
      {"HygonGenuine:24:0:avx512", NULL, MHA__MATCH_NONE},     /* a foreign vendor */
      {"CentaurHauls:7:1:avx2", NULL, MHA__MATCH_NONE},
      {"GenuineIntel:6:207", NULL, MHA__MATCH_NONE},           /* not a signature */
      {"", NULL, MHA__MATCH_NONE},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    int match = -1;
    const mha__table *t = mha__table_select(all, n, cases[i].cpu, &match);
    if (t != cases[i].want || match != cases[i].match)
      fail_msg("%s: got %s (match %d), want %s (match %d)", cases[i].cpu, t ? t->machine_id : "none", match,
               cases[i].want ? cases[i].want->machine_id : "none", cases[i].match);
  }
  /* A foreign vendor's table is never taken, even alone; nor one with no entries. */
  int match;
  const mha__table *amd_only[] = {&amd}, *untuned[] = {&mha__table_linked};
  assert_null(mha__table_select(amd_only, 1, "GenuineIntel:6:207:avx512", &match));
  assert_null(mha__table_select(untuned, 1, "AuthenticAMD:26:2:avx512", &match));
  assert_ptr_equal(mha__table_select(amd_only, 1, "AuthenticAMD:26:1:avx512", &match), &amd);
  assert_int_equal(match, MHA__MATCH_NEAREST);

  /* MHA_CPU below the table's ISA: the same table is selected (by signature), and its
   * AVX-512 entry is passed over for the capped ISA's defaults. */
  const mha__table *t = mha__table_select(all, n, "GenuineIntel:6:143:avx512", &match);
  assert_ptr_equal(t, &spr);
  const char *why;
  assert_ptr_equal(mha__pick(t, MHA__ISA_AVX512, 0, &s, &why), &fake_avx512);
  assert_string_equal(why, "tuned entry");
  for (int cap = MHA__ISA_SCALAR; cap <= MHA__ISA_AVX2; cap++) {
    const mha__kernel *k = mha__pick(t, cap, 0, &s, &why);
    assert_true(k != &fake_avx512 && k->isa <= cap);
    assert_true(!strncmp(why, "default", 7));
  }

  /* What MHA_DEBUG says about each. */
  char line[1024];
  mha__table_describe(line, sizeof line, all, n, "GenuineIntel:6:207:avx512");
  assert_non_null(strstr(line, "table emr (exact: tuned on GenuineIntel:6:207:avx512, this CPU GenuineIntel:6:207:avx512"));
  mha__table_describe(line, sizeof line, all, n, "GenuineIntel:6:200:avx512");
  assert_non_null(strstr(line, "table emr (nearest: tuned on GenuineIntel:6:207:avx512, the same vendor and ISA, "
                               "this CPU GenuineIntel:6:200:avx512"));
  mha__table_describe(line, sizeof line, all, n, "HygonGenuine:24:0:avx512");
  assert_non_null(strstr(line, "no tuned table for this CPU (HygonGenuine:24:0:avx512), so the generator's defaults"));
  assert_non_null(strstr(line, "amd (AuthenticAMD:26:2:avx512)"));
}

/* The shipped tables (tuned/tables/, as `make lib` links them): each is selected on its own
 * CPU and, as the nearest, on a CPU of the same vendor and ISA with another model; the Intel
 * quick tune is the table a Sapphire Rapids (6:143) with AVX-512 gets. */
extern const mha__table *const mha__shipped_tables[];
extern const int mha__shipped_table_count;

static void test_shipped(void **st) {
  (void)st;
  const int n = mha__shipped_table_count;
  const mha__table *intel = NULL;
  for (int i = 0; i < n; i++) {
    const mha__table *t = mha__shipped_tables[i];
    int match, family, model;
    char vendor[32], isa[16], cpu[128];
    assert_true(t->entry_count > 0);
    assert_int_equal(sscanf(t->cpu_signature, "%31[^:]:%d:%d:%15s", vendor, &family, &model, isa), 4);
    assert_ptr_equal(mha__table_select(mha__shipped_tables, n, t->cpu_signature, &match), t);
    assert_int_equal(match, MHA__MATCH_EXACT);
    snprintf(cpu, sizeof cpu, "%s:%d:%d:%s", vendor, family, model + 1000, isa);
    const mha__table *near = mha__table_select(mha__shipped_tables, n, cpu, &match);
    assert_non_null(near);
    assert_int_equal(match, MHA__MATCH_NEAREST);
    assert_true(!strncmp(near->cpu_signature, vendor, strlen(vendor))); /* the same vendor and ISA */
    assert_string_equal(strrchr(near->cpu_signature, ':') + 1, isa);
    for (int j = 0; j < t->entry_count; j++) { /* every entry runs on its ISA and applies to its key */
      const mha__table_entry *e = &t->entries[j];
      assert_non_null(e->kernel);
      assert_int_equal(e->kernel->isa, e->isa);
      assert_true(e->kernel->d == 0 || e->kernel->d == e->d);
    }
    if (!strcmp(t->machine_id, "intel-r-xeon-f6m207-16c-avx512")) intel = t;
  }
  if (!intel) {
    if (n) fail_msg("the Intel table (intel-r-xeon-f6m207-16c-avx512) is not among the %d shipped", n);
    skip();
  }
  assert_string_equal(intel->cpu_signature, "GenuineIntel:6:207:avx512");
  int match;
  assert_ptr_equal(mha__table_select(mha__shipped_tables, n, "GenuineIntel:6:143:avx512", &match), intel);
  assert_int_equal(match, MHA__MATCH_NEAREST);
  /* The call llama3-8b's GQA decode makes: its tuned g4 winner, at AVX-512. */
  mha_attention_desc dec = mk(32, 8, 1, 8192, 128, 1);
  const char *why;
  const mha__kernel *k = mha__pick(intel, MHA__ISA_AVX512, 0, &dec, &why);
  assert_string_equal(why, "tuned entry");
  assert_int_equal(k->isa, MHA__ISA_AVX512);
  if (k->g != 4 && k->g != 8) fail_msg("llama3-8b decode on the Intel table: %s, want g4 or g8", k->name);
}

static void test_cpu(void **st) {
  (void)st;
  char sig[128];
  mha__cpu_signature(sig, sizeof sig);
  int colons = 0;
  for (const char *c = sig; *c; c++) colons += *c == ':';
  assert_int_equal(colons, 3);
  const char *isa = strrchr(sig, ':') + 1;
  assert_string_equal(isa, mha__isa_name(mha__cpu_isa_detected()));
  const int det = mha__cpu_isa_detected();
  setenv("MHA_CPU", "scalar", 1);
  assert_int_equal(mha__cpu_isa(), MHA__ISA_SCALAR);
  mha_attention_desc s = mk(4, 2, 3, 40, 64, 1);
  assert_true(strstr(mha_kernel_name(&s), "_scalar_") != NULL);
  check(&s, NULL);
  setenv("MHA_CPU", "avx2", 1);
  assert_int_equal(mha__cpu_isa(), det < MHA__ISA_AVX2 ? det : MHA__ISA_AVX2);
  setenv("MHA_CPU", "avx512", 1);
  assert_int_equal(mha__cpu_isa(), det); /* a cap never raises */
  setenv("MHA_CPU", "sse9", 1);
  assert_int_equal(mha__cpu_isa(), det);
  unsetenv("MHA_CPU");
}

static void test_forced(void **st) {
  (void)st;
  mha_attention_desc s = mk(4, 2, 3, 40, 64, 1);
  const mha__kernel *g = scalar_generic();
  setenv("MHA_KERNEL", g->name, 1);
  assert_string_equal(mha_kernel_name(&s), g->name);
  check(&s, NULL);

  float q[4 * 3 * 80], k[2 * 40 * 80], v[2 * 40 * 80], o[4 * 3 * 80], keep[4 * 3 * 80];
  fill(q, sizeof q / 4, 1), fill(k, sizeof k / 4, 2), fill(v, sizeof v / 4, 3);
  fill(keep, sizeof keep / 4, 4);
  const char *bad_names[3] = {"attn_f32_no_such_kernel", NULL, NULL};
  /* A specialised d64 kernel forced on d80, and (capped to scalar) a vector kernel. */
  bad_names[1] = mha__table_linked.defaults[MHA__KV_F32][MHA__ISA_SCALAR][mha__dclass(64)]->name;
  if (mha__table_linked.defaults[MHA__KV_F32][MHA__ISA_AVX2][0] && mha__cpu_isa_detected() >= MHA__ISA_AVX2)
    bad_names[2] = mha__table_linked.defaults[MHA__KV_F32][MHA__ISA_AVX2][0]->name;
  s.head_dim = 80;
  for (int i = 0; i < 3; i++) {
    if (!bad_names[i]) continue;
    setenv("MHA_KERNEL", bad_names[i], 1);
    if (i == 2) setenv("MHA_CPU", "scalar", 1);
    memcpy(o, keep, sizeof o);
    assert_int_equal(mha_attention_f32(&s, q, k, v, o), MHA_EKERNEL);
    assert_memory_equal(o, keep, sizeof o);
    assert_null(mha_kernel_name(&s));
  }
  unsetenv("MHA_CPU");
  unsetenv("MHA_KERNEL");
  assert_non_null(mha_kernel_name(&s));
}

/* MHA_DEBUG=1 logs the table, then the shape and the kernel, to stderr. */
static void test_debug(void **st) {
  (void)st;
  char path[] = "/tmp/mha_debug_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  mha_attention_desc s = mk(4, 2, 3, 40, 64, 1);
  const char *name = mha_kernel_name(&s);
  assert_non_null(name);
  float q[4 * 3 * 64], k[2 * 40 * 64], v[2 * 40 * 64], o[4 * 3 * 64];
  fill(q, sizeof q / 4, 1), fill(k, sizeof k / 4, 2), fill(v, sizeof v / 4, 3);
  fflush(stderr);
  int saved = dup(2);
  dup2(fd, 2);
  setenv("MHA_DEBUG", "1", 1);
  int rc = mha_attention_f32(&s, q, k, v, o);
  unsetenv("MHA_DEBUG");
  int rc2 = mha_attention_f32(&s, q, k, v, o); /* logs nothing */
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  assert_int_equal(rc, MHA_OK);
  assert_int_equal(rc2, MHA_OK);
  char log[4096] = {0};
  assert_true(pread(fd, log, sizeof log - 1, 0) > 0);
  close(fd);
  unlink(path);
  /* Two lines, from the first call: which table serves this CPU and why, then the call. */
  char sig[128], want[1024];
  mha__cpu_signature(sig, sizeof sig);
  mha__table_describe(want, sizeof want, mha__tables, mha__table_count, sig);
  assert_true(!strncmp(log, want, strlen(want)) && log[strlen(want)] == '\n');
  const char *call = log + strlen(want) + 1;
  assert_non_null(strstr(call, name));
  assert_non_null(strstr(call, "Hq=4 Hkv=2 Nq=3 Nk=40 d=64"));
  assert_non_null(strstr(call, "threads="));
  assert_true(strchr(call, '\n') == strrchr(call, '\n'));
}

/* Q types: a bf16 call of many rows on a CPU with AVX512_BF16 takes the kernel that reads
 * bf16 Q itself (native_q); without the feature (or capped by MHA_CPU=avx512), with fewer
 * rows, or with other Q or K/V types it takes the fp32 kernels (Q widened). Tuned entries
 * serve their own Q type (and F32's serve F16). */
static void test_q_types(void **st) {
  (void)st;
  const mha__table *T = &mha__table_linked;
  const unsigned bf = MHA__CPU_AVX512BW | MHA__CPU_AVX512VL | MHA__CPU_AVX512_BF16;
  mha_attention_desc s = mk(8, 8, 512, 512, 128, 1);
  s.q_type = s.o_type = s.kv_type = MHA_BF16;
  const mha__kernel *amx = T->native_q[MHA__KV_BF16][mha__dclass(128)][0];
  const mha__kernel *nat = T->native_q[MHA__KV_BF16][mha__dclass(128)][1];
  assert_non_null(nat);
  assert_non_null(amx);
  assert_int_equal(amx->needs & MHA__CPU_AMX_BF16, MHA__CPU_AMX_BF16);
  /* With AMX (faked: the pick is pure) the tile kernel goes first. */
  const unsigned amxf = bf | MHA__CPU_AMX_TILE | MHA__CPU_AMX_BF16;
  assert_ptr_equal(mha__pick(T, MHA__ISA_AVX512, amxf, &s, NULL), amx);
  assert_int_equal(nat->q_type, MHA__KV_BF16);
  assert_int_equal(nat->needs & bf, nat->needs);
  const char *why;
  assert_ptr_equal(mha__pick(T, MHA__ISA_AVX512, bf, &s, &why), nat);
  assert_string_equal(why, "default for its Q type");
  /* Without the feature: the fp32 default for a bf16 cache. */
  const mha__kernel *k = mha__pick(T, MHA__ISA_AVX512, 0, &s, &why);
  assert_ptr_equal(k, T->defaults[MHA__KV_BF16][MHA__ISA_AVX512][mha__dclass(128)]);
  assert_int_equal(k->q_type, MHA__KV_F32);
  k = mha__pick(T, MHA__ISA_AVX2, bf, &s, &why);
  assert_int_equal(k->isa, MHA__ISA_AVX2);
  /* Decoding rows: the few-rows kernels, fp32 products. */
  mha_attention_desc dec = s;
  dec.seq_q = 1;
  k = mha__pick(T, MHA__ISA_AVX512, bf, &dec, &why);
  assert_int_equal(k->q_type, MHA__KV_F32);
  assert_string_equal(why, "default for few rows");
  /* F16 Q, or fp32 Q with a bf16 cache: never the bf16-Q kernel. */
  mha_attention_desc o = s;
  o.q_type = MHA_F16;
  assert_int_equal(mha__pick(T, MHA__ISA_AVX512, bf, &o, NULL)->q_type, MHA__KV_F32);
  o.q_type = MHA_F32;
  assert_int_equal(mha__pick(T, MHA__ISA_AVX512, bf, &o, NULL)->q_type, MHA__KV_F32);
  assert_false(mha__kernel_applies(nat, &o));
  /* Tuned entries: one for bf16 Q serves bf16 calls only; one for F32 serves F16 too. */
  mha__table t = *T;
  mha__table_entry e = {MHA__ISA_SCALAR, 128, 8, 8, 1, mha__seq_bucket(512), mha__seq_bucket(512),
                        T->defaults[MHA__KV_BF16][MHA__ISA_SCALAR][0], MHA_BF16};
  t.entries = &e, t.entry_count = 1, t.cpu_signature = "";
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, bf, &s, &why), e.kernel);
  assert_string_equal(why, "tuned entry");
  o = s, o.q_type = MHA_F16;
  assert_ptr_not_equal(mha__pick(&t, MHA__ISA_AVX512, bf, &o, NULL), e.kernel);
  e.q_type = MHA_F32;
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, bf, &o, NULL), e.kernel);
  assert_ptr_equal(mha__pick(&t, MHA__ISA_AVX512, bf, &s, NULL), nat); /* not bf16's entry */
  /* MHA_CPU: avx512 leaves AVX512_BF16 out, avx512bf16 keeps it; neither raises. */
  const unsigned have = mha__cpu_flags();
  setenv("MHA_CPU", "avx512", 1);
  assert_int_equal(mha__cpu_features() & MHA__CPU_AVX512_BF16, 0);
  setenv("MHA_CPU", "avx512bf16", 1);
  assert_int_equal(mha__cpu_features(), have & ~(unsigned)(MHA__CPU_AVX512_FP16 | MHA__CPU_AMX_TILE |
                                                           MHA__CPU_AMX_BF16));
  assert_int_equal(mha__cpu_isa(), mha__cpu_isa_detected());
  setenv("MHA_CPU", "avx2", 1);
  assert_int_equal(mha__cpu_features() & MHA__CPU_AVX512_BF16, 0);
  assert_true(mha__cpu_isa() <= MHA__ISA_AVX2);
  unsetenv("MHA_CPU");
  assert_int_equal(mha__cpu_features(), have);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_caps),   cmocka_unit_test(test_group_fallback),
      cmocka_unit_test(test_gqa_defaults),
      cmocka_unit_test(test_entries), cmocka_unit_test(test_select),
      cmocka_unit_test(test_shipped), cmocka_unit_test(test_cpu),
      cmocka_unit_test(test_forced), cmocka_unit_test(test_debug), cmocka_unit_test(test_q_types),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
