/* test_impl: every implementation behind harness/impl.h (ours tuned and untuned through the
 * public API of build/libmha*.so, oneDNN, OpenBLAS) against the double-precision reference on
 * small shapes that reach every path: tails, both layouts, causal with Nq < Nk and Nq > Nk (rows
 * that see no key), GQA and MQA, decoding, thread counts; inputs changed between runs; and the
 * interface's errors: the codes of mha.h for a bad desc, NULL buffers leave o untouched. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "impl.h"
#include "reference.h"

/* The tune's correctness gate allows this much (harness/tune.c). */
#define TOL 2e-5

typedef struct shape {
  const char *what;
  mha_attention_desc d;
} shape;

/* B, Hq, Hkv, Nq, Nk, d, scale, causal, layout, threads */
static const shape SHAPES[] = {
    {"tails", {2, 3, 3, 33, 70, 64, 0, 0, MHA_LAYOUT_BHSD, 2}},
    {"tails BSHD", {2, 3, 3, 33, 70, 64, 0, 0, MHA_LAYOUT_BSHD, 2}},
    {"causal GQA", {1, 8, 2, 33, 70, 64, 0, 1, MHA_LAYOUT_BHSD, 2}},
    {"causal GQA BSHD", {1, 8, 2, 33, 70, 64, 0, 1, MHA_LAYOUT_BSHD, 2}},
    {"causal Nq>Nk GQA", {2, 8, 2, 70, 33, 64, 0, 1, MHA_LAYOUT_BHSD, 2}},
    {"causal Nq>Nk GQA BSHD", {1, 8, 2, 70, 33, 64, 0, 1, MHA_LAYOUT_BSHD, 2}},
    {"causal MQA BSHD", {1, 4, 1, 40, 40, 32, 0, 1, MHA_LAYOUT_BSHD, 2}},
    {"decode GQA", {2, 8, 2, 1, 70, 128, 0, 1, MHA_LAYOUT_BHSD, 2}},
    {"decode GQA BSHD", {1, 8, 2, 1, 70, 128, 0, 1, MHA_LAYOUT_BSHD, 2}},
    {"odd d, scale, 1 thread", {1, 2, 1, 17, 29, 67, 0.3f, 0, MHA_LAYOUT_BHSD, 1}},
    {"causal, every core", {1, 4, 4, 48, 64, 80, 0, 1, MHA_LAYOUT_BHSD, 0}},
    {"more threads than cores", {1, 6, 3, 20, 50, 64, 0, 0, MHA_LAYOUT_BSHD, 5}},
};

static size_t elems(const mha_attention_desc *d, int q) {
  return (size_t)d->batch * (size_t)(q ? d->heads_q : d->heads_kv) * (size_t)(q ? d->seq_q : d->seq_kv) *
         (size_t)d->head_dim;
}

static void fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

/* Inputs, the reference and an output filled with NaN, so an element left unwritten shows. */
typedef struct bufs {
  float *q, *k, *v, *o;
  double *ref;
  size_t nq, nk;
} bufs;

static void bufs_make(bufs *b, const mha_attention_desc *d, uint32_t seed) {
  b->nq = elems(d, 1), b->nk = elems(d, 0);
  b->q = malloc(b->nq * 4), b->k = malloc(b->nk * 4), b->v = malloc(b->nk * 4), b->o = malloc(b->nq * 4);
  b->ref = malloc(b->nq * 8);
  assert_non_null(b->q), assert_non_null(b->k), assert_non_null(b->v), assert_non_null(b->o);
  assert_non_null(b->ref);
  fill(b->q, b->nq, seed), fill(b->k, b->nk, seed + 1), fill(b->v, b->nk, seed + 2);
  for (size_t i = 0; i < b->nq; i++) b->o[i] = NAN;
  assert_int_equal(mha_ref_attention(d, b->q, b->k, b->v, b->ref, NULL), 0);
}

static void bufs_free(bufs *b) { free(b->q), free(b->k), free(b->v), free(b->o), free(b->ref); }

static double max_error(const bufs *b) {
  double worst = 0;
  for (size_t i = 0; i < b->nq; i++) {
    double e = fabs(b->ref[i] - b->o[i]);
    if (!(e <= worst)) worst = e; /* NaN wins */
  }
  return worst;
}

/* Every implementation on every shape: right, or unsupported with a reason. The plain first
 * shape must be supported by all of them. Each runs twice on different inputs through one
 * create(), as a timed loop does. */
static void test_against_reference(void **state) {
  (void)state;
  int failures = 0;
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++)
    for (size_t s = 0; s < sizeof SHAPES / sizeof *SHAPES; s++) {
      const mha_attention_desc *d = &SHAPES[s].d;
      mha_impl *im = NULL;
      char why[512] = "";
      int rc = mha_impl_create(kind, d, &im, why, sizeof why);
      if (rc == MHA_IMPL_UNSUPPORTED) {
        printf("  %-16s %-26s unsupported: %s\n", mha_impl_name(kind), SHAPES[s].what, why);
        assert_null(im);
        assert_true(strlen(why) > 0);
        if (s == 0) failures++;
        continue;
      }
      if (rc != 0) print_error("%s on %s: create %d: %s\n", mha_impl_name(kind), SHAPES[s].what, rc, why);
      assert_int_equal(rc, 0);
      assert_non_null(im);
      assert_true(strlen(mha_impl_detail(im)) > 0);
      for (uint32_t round = 0; round < 2; round++) {
        bufs b;
        bufs_make(&b, d, 11 + 10 * round + (uint32_t)s);
        assert_int_equal(mha_impl_run(im, b.q, b.k, b.v, b.o), 0);
        double e = max_error(&b);
        if (!(e <= TOL)) {
          print_error("%s on %s (run %u): max abs error %.3g > %.1g [%s]\n", mha_impl_name(kind), SHAPES[s].what,
                      round, e, TOL, mha_impl_detail(im));
          failures++;
        }
        bufs_free(&b);
      }
      if (s == 0) printf("  %-16s %s\n", mha_impl_name(kind), mha_impl_detail(im));
      mha_impl_destroy(im);
    }
  assert_int_equal(failures, 0);
}

/* Two implementations alive at once (both of ours are loaded in one process) stay correct. */
static void test_side_by_side(void **state) {
  (void)state;
  const mha_attention_desc *d = &SHAPES[2].d;
  mha_impl *im[MHA_IMPL_COUNT] = {0};
  char why[512];
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
    int rc = mha_impl_create(kind, d, &im[kind], why, sizeof why);
    if (rc) print_error("%s: %s\n", mha_impl_name(kind), why);
    assert_int_equal(rc, 0);
  }
  bufs b;
  bufs_make(&b, d, 99);
  for (int kind = MHA_IMPL_COUNT - 1; kind >= 0; kind--) {
    for (size_t i = 0; i < b.nq; i++) b.o[i] = NAN;
    assert_int_equal(mha_impl_run(im[kind], b.q, b.k, b.v, b.o), 0);
    assert_true(max_error(&b) <= TOL);
  }
  bufs_free(&b);
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) mha_impl_destroy(im[kind]);
}

static void test_bad_desc(void **state) {
  (void)state;
  const mha_attention_desc ok = {1, 4, 2, 8, 8, 16, 0, 0, MHA_LAYOUT_BHSD, 1};
  struct {
    const char *what;
    int field, value, code;
  } cases[] = {
      {"batch 0", 0, 0, MHA_EBATCH},         {"heads_q 0", 1, 0, MHA_EHEADS},   {"heads_kv -1", 2, -1, MHA_EHEADS},
      {"Hq % Hkv", 2, 3, MHA_EGROUP},        {"seq_q 0", 3, 0, MHA_ESEQ},       {"seq_kv 0", 4, 0, MHA_ESEQ},
      {"head_dim 0", 5, 0, MHA_EHEADDIM},    {"causal 2", 7, 2, MHA_ECAUSAL},   {"layout 7", 8, 7, MHA_ELAYOUT},
      {"threads -1", 9, -1, MHA_ETHREADS},   {"overflow", 3, 1 << 30, MHA_EOVERFLOW},
  };
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
      mha_attention_desc d = ok;
      int *f[] = {&d.batch, &d.heads_q, &d.heads_kv, &d.seq_q, &d.seq_kv, &d.head_dim, NULL, &d.causal, &d.layout,
                  &d.threads};
      *f[cases[c].field] = cases[c].value;
      if (cases[c].code == MHA_EOVERFLOW) d.head_dim = 1 << 30;
      mha_impl *im = (mha_impl *)(uintptr_t)1; /* create must clear it, never use it */
      char why[256] = "";
      int rc = mha_impl_create(kind, &d, &im, why, sizeof why);
      if (rc != cases[c].code) print_error("%s, %s: %d, want %d\n", mha_impl_name(kind), cases[c].what, rc, cases[c].code);
      assert_int_equal(rc, cases[c].code);
      assert_null(im);
      assert_true(strlen(why) > 0);
    }
    mha_attention_desc d = ok;
    mha_impl *im = NULL;
    d.scale = NAN;
    assert_int_equal(mha_impl_create(kind, &d, &im, NULL, 0), MHA_ESCALE);
    d.scale = INFINITY;
    assert_int_equal(mha_impl_create(kind, &d, &im, NULL, 0), MHA_ESCALE);
    assert_int_equal(mha_impl_create(kind, NULL, &im, NULL, 0), MHA_ENULL);
    assert_int_equal(mha_impl_create(kind, &ok, NULL, NULL, 0), MHA_ENULL);
    assert_null(im);
  }
  mha_impl *im = NULL;
  char why[64] = "";
  assert_true(mha_impl_create(MHA_IMPL_COUNT, &ok, &im, why, sizeof why) < 0);
  assert_true(mha_impl_create(-1, &ok, &im, why, sizeof why) < 0);
  assert_null(im);
  assert_true(strlen(why) > 0);
}

/* A NULL buffer is MHA_ENULL and o is not written. */
static void test_null_buffers(void **state) {
  (void)state;
  const mha_attention_desc *d = &SHAPES[4].d; /* causal Nq > Nk: the one that writes zero rows */
  bufs b;
  bufs_make(&b, d, 5);
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
    mha_impl *im = NULL;
    char why[256];
    assert_int_equal(mha_impl_create(kind, d, &im, why, sizeof why), 0);
    for (size_t i = 0; i < b.nq; i++) b.o[i] = 42.0f;
    assert_int_equal(mha_impl_run(im, NULL, b.k, b.v, b.o), MHA_ENULL);
    assert_int_equal(mha_impl_run(im, b.q, NULL, b.v, b.o), MHA_ENULL);
    assert_int_equal(mha_impl_run(im, b.q, b.k, NULL, b.o), MHA_ENULL);
    assert_int_equal(mha_impl_run(im, b.q, b.k, b.v, NULL), MHA_ENULL);
    assert_int_equal(mha_impl_run(NULL, b.q, b.k, b.v, b.o), MHA_ENULL);
    for (size_t i = 0; i < b.nq; i++) assert_true(b.o[i] == 42.0f);
    mha_impl_destroy(im);
  }
  bufs_free(&b);
}

static void test_names_and_destroy(void **state) {
  (void)state;
  const char *want[MHA_IMPL_COUNT] = {"mhatune", "mhatune-untuned", "onednn", "openblas"};
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) assert_string_equal(mha_impl_name(kind), want[kind]);
  assert_null(mha_impl_name(MHA_IMPL_COUNT));
  assert_null(mha_impl_name(-1));
  mha_impl_destroy(NULL);
  assert_string_equal(mha_impl_detail(NULL), "");
}

/* MHA_LIB_DIR moves where ours are loaded from; a folder without them is an error that says so. */
static void test_lib_dir(void **state) {
  (void)state;
  const mha_attention_desc *d = &SHAPES[0].d;
  setenv("MHA_LIB_DIR", "/nonexistent-mhatune-dir", 1);
  for (int kind = MHA_IMPL_TUNED; kind <= MHA_IMPL_DEFAULT; kind++) {
    mha_impl *im = NULL;
    char why[512] = "";
    assert_int_equal(mha_impl_create(kind, d, &im, why, sizeof why), -1);
    assert_null(im);
    assert_non_null(strstr(why, "/nonexistent-mhatune-dir/libmha"));
  }
  unsetenv("MHA_LIB_DIR");
  mha_impl *im = NULL;
  assert_int_equal(mha_impl_create(MHA_IMPL_TUNED, d, &im, NULL, 0), 0);
  mha_impl_destroy(im);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_against_reference), cmocka_unit_test(test_side_by_side),
      cmocka_unit_test(test_bad_desc),          cmocka_unit_test(test_null_buffers),
      cmocka_unit_test(test_names_and_destroy), cmocka_unit_test(test_lib_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
