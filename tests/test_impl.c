/* test_impl: every implementation behind harness/impl.h (ours tuned and untuned through the
 * public API of build/libmha*.so, oneDNN, OpenBLAS, ggml's flash attention) against the
 * double-precision reference on small shapes that reach every path: tails, both layouts, causal
 * with Nq < Nk and Nq > Nk (rows that see no key), GQA and MQA, decoding, thread counts, with
 * K/V in F32, F16 and Q8_0 (the reference reads them as stored); inputs changed between runs;
 * and the interface's errors: the codes of mha.h for a bad desc, NULL buffers leave o
 * untouched; bf16 Q, K, V and O within the bf16 bound, or skipped with a reason. ggml is there when scripts/ggml-fetch.sh could fetch it; where it could not, the
 * test says why and checks that ggml answers "unavailable", which is what compare goes on from. */
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
#include "util.h" /* mha_inputs_alloc */

/* The tune's correctness gate allows this much (harness/tune.c). */
#define TOL 2e-5

static const int KV[] = {MHA_F32, MHA_F16, MHA_Q8_0};
enum { NKV = sizeof KV / sizeof *KV };
static char ggml_why[512]; /* why ggml is unavailable here; "" when it is there */

typedef struct shape {
  const char *what;
  mha_attention_desc d;
} shape;

/* B, Hq, Hkv, Nq, Nk, d, scale, causal, layout, threads */
static const shape SHAPES[] = {
    {"tails", {.batch = 2, .heads_q = 3, .heads_kv = 3, .seq_q = 33, .seq_kv = 70, .head_dim = 64, .causal = 0, .layout = MHA_LAYOUT_BHSD, .threads = 2}},
    {"tails BSHD", {.batch = 2, .heads_q = 3, .heads_kv = 3, .seq_q = 33, .seq_kv = 70, .head_dim = 64, .causal = 0, .layout = MHA_LAYOUT_BSHD, .threads = 2}},
    {"causal GQA", {.batch = 1, .heads_q = 8, .heads_kv = 2, .seq_q = 33, .seq_kv = 70, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 2}},
    {"causal GQA BSHD", {.batch = 1, .heads_q = 8, .heads_kv = 2, .seq_q = 33, .seq_kv = 70, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BSHD, .threads = 2}},
    {"causal Nq>Nk GQA", {.batch = 2, .heads_q = 8, .heads_kv = 2, .seq_q = 70, .seq_kv = 33, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 2}},
    {"causal Nq>Nk GQA BSHD", {.batch = 1, .heads_q = 8, .heads_kv = 2, .seq_q = 70, .seq_kv = 33, .head_dim = 64, .causal = 1, .layout = MHA_LAYOUT_BSHD, .threads = 2}},
    {"causal MQA BSHD", {.batch = 1, .heads_q = 4, .heads_kv = 1, .seq_q = 40, .seq_kv = 40, .head_dim = 32, .causal = 1, .layout = MHA_LAYOUT_BSHD, .threads = 2}},
    {"decode GQA", {.batch = 2, .heads_q = 8, .heads_kv = 2, .seq_q = 1, .seq_kv = 70, .head_dim = 128, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 2}},
    {"decode GQA BSHD", {.batch = 1, .heads_q = 8, .heads_kv = 2, .seq_q = 1, .seq_kv = 70, .head_dim = 128, .causal = 1, .layout = MHA_LAYOUT_BSHD, .threads = 2}},
    {"odd d, scale, 1 thread", {.batch = 1, .heads_q = 2, .heads_kv = 1, .seq_q = 17, .seq_kv = 29, .head_dim = 67, .scale = 0.3f, .causal = 0, .layout = MHA_LAYOUT_BHSD, .threads = 1}},
    {"causal, every core", {.batch = 1, .heads_q = 4, .heads_kv = 4, .seq_q = 48, .seq_kv = 64, .head_dim = 80, .causal = 1, .layout = MHA_LAYOUT_BHSD, .threads = 0}},
    {"more threads than cores", {.batch = 1, .heads_q = 6, .heads_kv = 3, .seq_q = 20, .seq_kv = 50, .head_dim = 64, .causal = 0, .layout = MHA_LAYOUT_BSHD, .threads = 5}},
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

/* Inputs (K and V in d->kv_type), the reference and an output filled with NaN, so an element
 * left unwritten shows. */
typedef struct bufs {
  float *q, *o;
  unsigned char *k, *v;
  double *ref, refmax;
  size_t nq, nk;
} bufs;

static void bufs_make(bufs *b, const mha_attention_desc *d, uint32_t seed) {
  const size_t rb = mha_ref_row_bytes(d->kv_type, d->head_dim), rows = elems(d, 0) / (size_t)d->head_dim;
  b->nq = elems(d, 1), b->nk = elems(d, 0);
  b->q = malloc(b->nq * 4), b->k = malloc(rows * rb), b->v = malloc(rows * rb), b->o = malloc(b->nq * 4);
  b->ref = malloc(b->nq * 8);
  float *k = malloc(b->nk * 4), *v = malloc(b->nk * 4);
  assert_non_null(b->q), assert_non_null(b->k), assert_non_null(b->v), assert_non_null(b->o);
  assert_non_null(b->ref), assert_non_null(k), assert_non_null(v);
  fill(b->q, b->nq, seed), fill(k, b->nk, seed + 1), fill(v, b->nk, seed + 2);
  for (size_t r = 0; r < rows; r++) {
    mha_ref_put(d->kv_type, k + r * d->head_dim, d->head_dim, b->k + r * rb);
    mha_ref_put(d->kv_type, v + r * d->head_dim, d->head_dim, b->v + r * rb);
  }
  free(k), free(v);
  for (size_t i = 0; i < b->nq; i++) b->o[i] = NAN;
  assert_int_equal(mha_ref_attention(d, b->q, b->k, b->v, b->ref, NULL), 0);
  b->refmax = 0;
  for (size_t i = 0; i < b->nq; i++) b->refmax = fmax(b->refmax, fabs(b->ref[i]));
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

/* What an implementation's answer may be off by: the gate's bound for fp32 arithmetic, or the
 * one it states for its own (ggml rounds Q to the KV type), relative to max |O|. */
static double allowed(const mha_impl *im, const bufs *b) { return fmax(TOL, mha_impl_tolerance(im) * b->refmax); }

/* ggml is left out of a test that needs it where it could not be loaded. */
static int absent(int kind) { return kind == MHA_IMPL_GGML && *ggml_why; }

/* Every implementation on every shape and KV type: right, or unsupported with a reason. The
 * plain first shape with F32 K/V must be supported by all of them (ggml where it is there), and
 * ggml, where it is there, must take F16 and Q8_0 on every shape that allows them. Each runs
 * twice on different inputs through one create(), as a timed loop does. */
static void test_against_reference(void **state) {
  (void)state;
  int failures = 0;
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++)
    for (int t = 0; t < NKV; t++)
      for (size_t s = 0; s < sizeof SHAPES / sizeof *SHAPES; s++) {
        mha_attention_desc d = SHAPES[s].d;
        d.kv_type = KV[t];
        if (KV[t] == MHA_Q8_0 && d.head_dim % 32) continue; /* MHA_EQ8DIM: test_bad_desc */
        mha_impl *im = NULL;
        char why[512] = "";
        int rc = mha_impl_create(kind, &d, &im, why, sizeof why);
        if (rc == MHA_IMPL_UNSUPPORTED) {
          if (s == 0) printf("  %-16s %-4s unsupported: %s\n", mha_impl_name(kind), mha_kv_name(KV[t]), why);
          assert_null(im);
          assert_true(strlen(why) > 0);
          if ((s == 0 && KV[t] == MHA_F32 && !absent(kind)) || (kind == MHA_IMPL_GGML && !absent(kind))) {
            print_error("%s on %s, %s K/V: unsupported: %s\n", mha_impl_name(kind), SHAPES[s].what,
                        mha_kv_name(KV[t]), why);
            failures++;
          }
          continue;
        }
        if (rc != 0) print_error("%s on %s: create %d: %s\n", mha_impl_name(kind), SHAPES[s].what, rc, why);
        assert_int_equal(rc, 0);
        assert_non_null(im);
        assert_true(strlen(mha_impl_detail(im)) > 0);
        double worst = 0;
        for (uint32_t round = 0; round < 2; round++) {
          bufs b;
          bufs_make(&b, &d, 11 + 10 * round + (uint32_t)s);
          rc = mha_impl_run(im, b.q, b.k, b.v, b.o);
          if (rc == MHA_IMPL_UNSUPPORTED && kind <= MHA_IMPL_DEFAULT && KV[t] != MHA_F32) {
            bufs_free(&b); /* our library refuses this shape for this type: MHA_EUNSUPPORTED */
            break;
          }
          assert_int_equal(rc, 0);
          double e = max_error(&b);
          worst = fmax(worst, e / b.refmax);
          if (!(e <= allowed(im, &b))) {
            print_error("%s on %s, %s K/V (run %u): max abs error %.3g > %.3g [%s]\n", mha_impl_name(kind),
                        SHAPES[s].what, mha_kv_name(KV[t]), round, e, allowed(im, &b), mha_impl_detail(im));
            failures++;
          }
          bufs_free(&b);
        }
        if (s == 0)
          printf("  %-16s %-4s max error %.2g of max |O|: %s\n", mha_impl_name(kind), mha_kv_name(KV[t]), worst,
                 mha_impl_detail(im));
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
    if (absent(kind)) continue;
    int rc = mha_impl_create(kind, d, &im[kind], why, sizeof why);
    if (rc) print_error("%s: %s\n", mha_impl_name(kind), why);
    assert_int_equal(rc, 0);
  }
  bufs b;
  bufs_make(&b, d, 99);
  for (int kind = MHA_IMPL_COUNT - 1; kind >= 0; kind--) {
    if (!im[kind]) continue;
    for (size_t i = 0; i < b.nq; i++) b.o[i] = NAN;
    assert_int_equal(mha_impl_run(im[kind], b.q, b.k, b.v, b.o), 0);
    assert_true(max_error(&b) <= allowed(im[kind], &b));
  }
  bufs_free(&b);
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) mha_impl_destroy(im[kind]);
}

static void test_bad_desc(void **state) {
  (void)state;
  const mha_attention_desc ok = {.batch = 1, .heads_q = 4, .heads_kv = 2, .seq_q = 8, .seq_kv = 8,
                                 .head_dim = 16, .layout = MHA_LAYOUT_BHSD, .threads = 1};
  struct {
    const char *what;
    int field, value, code;
  } cases[] = {
      {"batch 0", 0, 0, MHA_EBATCH},         {"heads_q 0", 1, 0, MHA_EHEADS},   {"heads_kv -1", 2, -1, MHA_EHEADS},
      {"Hq % Hkv", 2, 3, MHA_EGROUP},        {"seq_q 0", 3, 0, MHA_ESEQ},       {"seq_kv 0", 4, 0, MHA_ESEQ},
      {"head_dim 0", 5, 0, MHA_EHEADDIM},    {"causal 2", 7, 2, MHA_ECAUSAL},   {"layout 7", 8, 7, MHA_ELAYOUT},
      {"threads -1", 9, -1, MHA_ETHREADS},   {"overflow", 3, 1 << 30, MHA_EOVERFLOW},
      {"kv_type 7", 10, 7, MHA_ETYPE},       {"kv_type -1", 10, -1, MHA_ETYPE},
      {"Q8_0, d 16", 10, MHA_Q8_0, MHA_EQ8DIM},
  };
  for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
      mha_attention_desc d = ok;
      int *f[] = {&d.batch,  &d.heads_q, &d.heads_kv, &d.seq_q,   &d.seq_kv, &d.head_dim,
                  NULL,      &d.causal,  &d.layout,   &d.threads, &d.kv_type};
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
    if (absent(kind)) continue;
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
  const char *want[MHA_IMPL_COUNT] = {"mhatune", "mhatune-untuned", "onednn", "openblas", "ggml"};
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

/* ggml where it is not: any folder without its libraries is "unavailable" with the reason,
 * never an error and never a crash; where it is, it names its version and the package. And a
 * KV type a peer does not take is unsupported, not wrong. */
static void test_ggml_peer(void **state) {
  (void)state;
  const mha_attention_desc *d = &SHAPES[0].d;
  mha_impl *im = (mha_impl *)(uintptr_t)1;
  char why[512] = "";
  const char *dir = getenv("MHA_GGML_DIR");
  char *saved = dir ? strdup(dir) : NULL;
  setenv("MHA_GGML_DIR", "/nonexistent-ggml-dir", 1);
  assert_int_equal(mha_impl_create(MHA_IMPL_GGML, d, &im, why, sizeof why), MHA_IMPL_UNSUPPORTED);
  assert_null(im);
  assert_non_null(strstr(why, "ggml not available"));
  assert_non_null(strstr(why, "/nonexistent-ggml-dir"));
  if (saved) setenv("MHA_GGML_DIR", saved, 1);
  else unsetenv("MHA_GGML_DIR");
  free(saved);
  if (*ggml_why) {
    printf("  ggml is not available here (%s): checked that it says so, and compare goes on without it\n", ggml_why);
  } else {
    assert_int_equal(mha_impl_create(MHA_IMPL_GGML, d, &im, why, sizeof why), 0);
    const char *dt = mha_impl_detail(im);
    assert_true(!strncmp(dt, "ggml ", 5));
    assert_non_null(strstr(dt, "(commit "));
    assert_non_null(strstr(dt, "@node-llama-cpp/linux-x64 3.22.1"));
    assert_non_null(strstr(dt, "libggml-cpu-"));
    mha_impl_destroy(im);
  }
  mha_attention_desc f16 = *d;
  f16.kv_type = MHA_F16;
  for (int kind = MHA_IMPL_ONEDNN; kind <= MHA_IMPL_OPENBLAS; kind++) {
    assert_int_equal(mha_impl_create(kind, &f16, &im, why, sizeof why), MHA_IMPL_UNSUPPORTED);
    assert_non_null(strstr(why, "f16"));
  }
}

/* bf16 Q, K, V and O: ours and oneDNN right within the bf16 bound (mha_ref_bound, over the
 * allowance each states for its own arithmetic) on tails, causal GQA and decoding, or (oneDNN on a
 * CPU without bf16) unsupported with a reason; OpenBLAS and ggml skipped, saying they take no bf16
 * Q/O; Q and O of two types refused by the harness for every one. */
static void test_qo_types(void **state) {
  (void)state;
  static const size_t which[] = {0, 2, 7};
  int failures = 0;
  for (size_t w = 0; w < sizeof which / sizeof *which; w++) {
    mha_attention_desc d = SHAPES[which[w]].d;
    d.q_type = d.o_type = d.kv_type = MHA_BF16;
    for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
      mha_impl *im = NULL;
      char why[512] = "", want[64];
      int rc = mha_impl_create(kind, &d, &im, why, sizeof why);
      if (kind == MHA_IMPL_OPENBLAS || kind == MHA_IMPL_GGML) {
        snprintf(want, sizeof want, "%s takes no bf16 Q/O", mha_impl_name(kind));
        assert_int_equal(rc, MHA_IMPL_UNSUPPORTED);
        assert_string_equal(why, want);
        continue;
      }
      if (kind == MHA_IMPL_ONEDNN && rc == MHA_IMPL_UNSUPPORTED) {
        printf("  onednn bf16 unsupported here: %s\n", why);
        assert_true(strlen(why) > 0);
        continue;
      }
      if (rc) print_error("%s, bf16 on %s: create %d: %s\n", mha_impl_name(kind), SHAPES[which[w]].what, rc, why);
      assert_int_equal(rc, 0);
      mha_inputs in;
      assert_int_equal(mha_inputs_alloc(&in, &d, 1), 0);
      in.ref = malloc(in.nq * 8), in.pv = malloc(in.nq * 8);
      assert_non_null(in.ref), assert_non_null(in.pv);
      assert_int_equal(mha_ref_attention_pv(&d, in.q[0], in.k[0], in.v[0], in.ref, NULL, in.pv), 0);
      for (size_t i = 0; i < in.nq; i++) in.refmax = fmax(in.refmax, fabs(in.ref[i]));
      memset(in.o, 0xff, in.nq * 2); /* NaN in bf16 */
      assert_int_equal(mha_impl_run(im, in.q[0], in.k[0], in.v[0], in.o), 0);
      const double fp32 = fmax(TOL, mha_impl_tolerance(im) * in.refmax);
      double over = 0;
      for (size_t i = 0; i < in.nq; i++) {
        const double e = fabs(mha_at(MHA_BF16, in.o, i) - in.ref[i]);
        const double f = e / mha_ref_bound(MHA_BF16, in.ref[i], in.pv[i], fp32);
        if (!(f <= over)) over = f;
      }
      printf("  %-16s bf16 on %-18s worst error %.2f of its bound: %s\n", mha_impl_name(kind), SHAPES[which[w]].what,
             over, mha_impl_detail(im));
      if (!(over <= 1)) failures++;
      mha_inputs_free(&in);
      mha_impl_destroy(im);
    }
    d.o_type = MHA_F32;
    for (int kind = 0; kind < MHA_IMPL_COUNT; kind++) {
      mha_impl *im = NULL;
      char why[512] = "";
      assert_int_equal(mha_impl_create(kind, &d, &im, why, sizeof why), MHA_IMPL_UNSUPPORTED);
      assert_non_null(strstr(why, "Q and O of one type"));
    }
  }
  assert_int_equal(failures, 0);
}

int main(void) {
  /* Is ggml there? Every test that needs it leaves it out where it is not, and says so. */
  const mha_attention_desc probe = {.batch = 1, .heads_q = 1, .heads_kv = 1, .seq_q = 1, .seq_kv = 32, .head_dim = 32};
  mha_impl *g = NULL;
  if (mha_impl_create(MHA_IMPL_GGML, &probe, &g, ggml_why, sizeof ggml_why) == 0) ggml_why[0] = 0;
  else if (!*ggml_why) snprintf(ggml_why, sizeof ggml_why, "no reason given");
  mha_impl_destroy(g);
  if (*ggml_why) printf("test_impl: ggml left out: %s\n", ggml_why);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_against_reference), cmocka_unit_test(test_side_by_side),
      cmocka_unit_test(test_bad_desc),          cmocka_unit_test(test_null_buffers),
      cmocka_unit_test(test_names_and_destroy), cmocka_unit_test(test_lib_dir),
      cmocka_unit_test(test_ggml_peer),         cmocka_unit_test(test_qo_types),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
