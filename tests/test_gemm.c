/* test_gemm: every GEMM variant of the registry this CPU runs, through mha__gemm_pack and
 * mha__gemm_run, against a double-precision C = A W^T + bias on shapes with tails (rows 1, 2,
 * mr - 1, mr + 1, 37, 130; columns not a multiple of the panel width; depth 1, past kc and not a
 * multiple of it), bias on and off, padded lda and ldc, 1 and 2 threads; a kernel called
 * directly on one block; the placement callbacks (each finished block within one row group and
 * one whole column group, within mc x nc, all of C covered once, through the caller's scratch too);
 * the packed panels' layout and zero padding; bad arguments with nothing written. Prints the
 * default kernel's GFLOP/s on M = N = K = 1024, one thread (information, not an assertion). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_cpu.h"
#include "mha_gemm.h"
#include "mha_internal.h"
#include "mha_kernel.h"
#include "registry.h"

#define CANARY 12345.0f

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static float frand(void) { /* uniform in [-1, 1) */
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (float)((double)(rng >> 40) / (double)(1ull << 23) - 1.0);
}
static float *randv(size_t n) {
  float *p = malloc(n * sizeof *p);
  assert_non_null(p);
  for (size_t i = 0; i < n; i++) p[i] = frand();
  return p;
}

/* C[i][j] = sum_kk A[i][kk] W[j][kk] + bias[j], in double. */
static double *reference(int m, int n, int k, const float *a, ptrdiff_t lda, const float *w, ptrdiff_t ldw,
                         const float *bias) {
  double *c = malloc((size_t)m * n * sizeof *c);
  assert_non_null(c);
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      double s = bias ? bias[j] : 0.0;
      for (int kk = 0; kk < k; kk++) s += (double)a[i * lda + kk] * w[j * ldw + kk];
      c[(size_t)i * n + j] = s;
    }
  return c;
}

static double tol(int k) { return 4e-7 * k + 1e-6; }

/* C (rows ldc apart, columns past n canaries) against the reference. */
static void check_c(const char *what, const mha__gemm_kernel *kn, int m, int n, int k, const float *c,
                    ptrdiff_t ldc, const double *ref) {
  double worst = 0;
  for (int i = 0; i < m; i++) {
    for (int j = 0; j < n; j++) {
      const double e = fabs(c[i * ldc + j] - ref[(size_t)i * n + j]);
      if (!(e <= worst)) worst = e;
    }
    for (int j = n; j < ldc; j++)
      if (c[i * ldc + j] != CANARY) fail_msg("%s %s m%d n%d k%d: wrote past column n at row %d", kn->name, what, m, n, k, i);
  }
  if (!(worst <= tol(k))) fail_msg("%s %s m%d n%d k%d: max error %g > %g", kn->name, what, m, n, k, worst, tol(k));
}

typedef struct shp {
  int m, n, k;
} shp;

/* The shapes for kernel kn: tails of rows, columns and depth around its blocking. */
static int shapes_for(const mha__gemm_kernel *kn, shp *s) {
  const int nw = kn->nr * kn->lanes, mr = kn->mr, kc = kn->kc;
  const int ms[] = {1, 2, mr > 1 ? mr - 1 : 3, mr + 1, 37, 130};
  const int ns[] = {2 * nw + 3, nw, 1, 100};
  const int ks[] = {1, kc + 5, 33, 2 * kc + 1};
  int c = 0;
  for (int i = 0; i < 6; i++) s[c++] = (shp){ms[i], ns[i % 4], ks[i % 4]};
  for (int i = 0; i < 4; i++) s[c++] = (shp){ms[(i + 3) % 6], ns[(i + 1) % 4], ks[(i + 2) % 4]};
  return c;
}

static void test_variant(void **state) {
  const mha__gemm_kernel *kn = *state;
  shp s[16];
  const int ns = shapes_for(kn, s);
  mha__gemm_ws kept = {0}; /* v = 1's calls reuse (and grow) one workspace over the shapes */
  for (int si = 0; si < ns; si++) {
    const int m = s[si].m, n = s[si].n, k = s[si].k;
    for (int v = 0; v < 2; v++) { /* v = 1: bias, padded strides, two threads */
      const ptrdiff_t lda = k + 3 * v, ldw = k + 5 * v, ldc = n + 7 * v;
      float *a = randv((size_t)m * lda), *w = randv((size_t)n * ldw), *bias = v ? randv((size_t)n) : NULL;
      float *c = malloc((size_t)m * ldc * sizeof *c);
      assert_non_null(c);
      for (size_t i = 0; i < (size_t)m * ldc; i++) c[i] = CANARY;
      double *ref = reference(m, n, k, a, lda, w, ldw, bias);
      mha__gemm_w pw;
      assert_int_equal(mha__gemm_pack(kn, w, ldw, n, k, bias, &pw), MHA_OK);
      const mha__gemm_out out = {c, ldc, 0, 0, NULL, NULL, NULL, 0, v ? &kept : NULL};
      for (size_t i = 0; v && i < kept.bytes / sizeof(float); i++) ((float *)kept.p)[i] = CANARY;
      assert_int_equal(mha__gemm_run(NULL, 1 + v, &pw, m, a, lda, &out), MHA_OK);
      check_c(v ? "run (bias, padded, 2 threads)" : "run", kn, m, n, k, c, ldc, ref);
      /* The kernel alone on one block (at most mc rows): the ABI as mha_kernel.h states it. */
      if (m <= kn->mc) {
        for (size_t i = 0; i < (size_t)m * ldc; i++) c[i] = CANARY;
        float *ws = aligned_alloc(64, (kn->ws_floats * sizeof(float) + 63) / 64 * 64);
        assert_non_null(ws);
        const mha__gemm_task t = {m, n, k, a, lda, pw.panels, c, ldc, pw.bias, ws};
        kn->fn(&t);
        check_c("kernel", kn, m, n, k, c, ldc, ref);
        free(ws);
      }
      mha__gemm_w_free(&pw);
      free(ref), free(c), free(a), free(w), free(bias);
    }
  }
  assert_true(kept.p && kept.bytes > 0);
  mha__gemm_ws_free(&kept);
  assert_true(!kept.p && !kept.bytes);
}

/* ---- placement: blocks within groups, each element once, through scratch ---- */
typedef struct placer {
  const mha__gemm_kernel *kn;
  float *c;
  ptrdiff_t ldc;
  int m, n, rg, cg, via_scratch;
  int *seen; /* per element of C: times finished */
  int bad;
  char why[160];
} placer;

static float *place_cb(void *arg, int m0, int n0, ptrdiff_t *ldc, float *scratch) {
  placer *p = arg;
  if (p->via_scratch) {
    *ldc = p->kn->nc > p->cg ? p->kn->nc : p->cg;
    return scratch;
  }
  *ldc = p->ldc;
  return p->c + m0 * p->ldc + n0;
}

static void finish_cb(void *arg, int m0, int m, int n0, int n, float *c, ptrdiff_t ldc) {
  placer *p = arg;
  const int whole = !p->cg || (n0 % p->cg == 0 && n == (n0 + p->cg < p->n ? p->cg : p->n - n0));
  if (m < 1 || n < 1 || m0 < 0 || n0 < 0 || m0 + m > p->m || n0 + n > p->n || m > p->kn->mc ||
      n > (p->kn->nc > p->cg ? p->kn->nc : p->cg) || !whole ||
      (p->rg && m0 / p->rg != (m0 + m - 1) / p->rg) || (p->cg && n0 / p->cg != (n0 + n - 1) / p->cg)) {
    if (!p->bad) snprintf(p->why, sizeof p->why, "block rows %d+%d cols %d+%d breaks (or cuts) the groups %d x %d", m0, m, n0, n, p->rg, p->cg);
    p->bad = 1;
    return;
  }
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++) {
      __atomic_fetch_add(&p->seen[(size_t)(m0 + i) * p->n + n0 + j], 1, __ATOMIC_RELAXED);
      if (p->via_scratch) p->c[(m0 + i) * p->ldc + n0 + j] = c[i * ldc + j];
    }
}

static void test_place(void **state) {
  const mha__gemm_kernel *kn = *state;
  const int nw = kn->nr * kn->lanes;
  /* Groups: none; a sequence of 7 rows and heads of 20 columns (not panel-aligned unless nw
   * divides 20); heads two panels wide; and heads wider than nc (still never cut). */
  const int groups[][2] = {{0, 0}, {7, 20}, {13, 2 * nw}, {5, kn->nc + 3}};
  int n = 3 * nw + 41 > 120 ? 3 * nw + 41 : 120;
  if (n < 2 * (kn->nc + 3) + 5) n = 2 * (kn->nc + 3) + 5;
  const int m = 45, k = kn->kc + 9;
  float *a = randv((size_t)m * k), *w = randv((size_t)n * k), *bias = randv((size_t)n);
  double *ref = reference(m, n, k, a, k, w, k, bias);
  mha__gemm_w pw;
  assert_int_equal(mha__gemm_pack(kn, w, k, n, k, bias, &pw), MHA_OK);
  for (int gi = 0; gi < 4; gi++)
    for (int vs = 0; vs < 2; vs++)
      for (int th = 1; th <= 2; th++) {
        float *c = malloc((size_t)m * n * sizeof *c);
        int *seen = calloc((size_t)m * n, sizeof *seen);
        assert_true(c && seen);
        for (size_t i = 0; i < (size_t)m * n; i++) c[i] = CANARY;
        placer p = {kn, c, n, m, n, groups[gi][0], groups[gi][1], vs, seen, 0, ""};
        const mha__gemm_out out = {NULL, 0, p.rg, p.cg, place_cb, finish_cb, &p,
                                   vs ? (size_t)kn->mc * (kn->nc > p.cg ? kn->nc : p.cg) : 0, NULL};
        assert_int_equal(mha__gemm_run(NULL, th, &pw, m, a, k, &out), MHA_OK);
        if (p.bad) fail_msg("%s: %s", kn->name, p.why);
        for (size_t i = 0; i < (size_t)m * n; i++)
          if (seen[i] != 1) fail_msg("%s: element %zu finished %d times (groups %d x %d)", kn->name, i, seen[i], p.rg, p.cg);
        check_c("placed", kn, m, n, k, c, n, ref);
        free(c), free(seen);
      }
  mha__gemm_w_free(&pw);
  free(ref), free(a), free(w), free(bias);
}

/* The panels: column p*nw + j of panel p at row kk is W[p*nw + j][kk], zeros past n. */
static void test_pack(void **state) {
  const mha__gemm_kernel *kn = *state;
  const int nw = kn->nr * kn->lanes, n = 2 * nw + 5, k = 19;
  float *w = randv((size_t)n * (k + 2));
  mha__gemm_w pw;
  assert_int_equal(mha__gemm_pack(kn, w, k + 2, n, k, NULL, &pw), MHA_OK);
  assert_true(pw.k == kn && pw.n == n && pw.kdim == k && pw.bias == NULL);
  assert_int_equal((uintptr_t)pw.panels % 64, 0);
  const float *p = pw.panels;
  for (int pi = 0; pi < 3; pi++)
    for (int kk = 0; kk < k; kk++)
      for (int j = 0; j < nw; j++) {
        const int col = pi * nw + j;
        const float want = col < n ? w[col * (k + 2) + kk] : 0.0f;
        if (p[((size_t)pi * k + kk) * nw + j] != want) fail_msg("%s: panel %d row %d col %d", kn->name, pi, kk, j);
      }
  mha__gemm_w_free(&pw);
  assert_null(pw.panels);
  free(w);
}

/* Bad arguments: a code, and C untouched. */
static void test_errors(void **state) {
  const mha__gemm_kernel *kn = *state;
  float w[4 * 8], a[3 * 8], c[3 * 4];
  for (int i = 0; i < 32; i++) w[i] = 1.0f;
  for (int i = 0; i < 24; i++) a[i] = 1.0f;
  for (int i = 0; i < 12; i++) c[i] = CANARY;
  mha__gemm_w pw;
  assert_int_equal(mha__gemm_pack(kn, NULL, 8, 4, 8, NULL, &pw), MHA_ENULL);
  assert_int_equal(mha__gemm_pack(NULL, w, 8, 4, 8, NULL, &pw), MHA_ENULL);
  assert_int_equal(mha__gemm_pack(kn, w, 7, 4, 8, NULL, &pw), MHA_ESTRIDE);
  assert_int_equal(mha__gemm_pack(kn, w, 8, 0, 8, NULL, &pw), MHA_EOVERFLOW);
  assert_int_equal(mha__gemm_pack(kn, w, 8, 4, 8, NULL, &pw), MHA_OK);
  mha__gemm_out out = {c, 4, 0, 0, NULL, NULL, NULL, 0, NULL};
  assert_int_equal(mha__gemm_run(NULL, 1, &pw, 3, a, 7, &out), MHA_ESTRIDE);
  assert_int_equal(mha__gemm_run(NULL, 1, &pw, 3, NULL, 8, &out), MHA_ENULL);
  assert_int_equal(mha__gemm_run(NULL, -1, &pw, 3, a, 8, &out), MHA_ETHREADS);
  out.ldc = 3;
  assert_int_equal(mha__gemm_run(NULL, 1, &pw, 3, a, 8, &out), MHA_ESTRIDE);
  out.ldc = 4;
  assert_int_equal(mha__gemm_run(NULL, 1, &pw, 0, a, 8, &out), MHA_OK);
  for (int i = 0; i < 12; i++) assert_true(c[i] == CANARY);
  assert_int_equal(mha__gemm_run(NULL, 1, &pw, 3, a, 8, &out), MHA_OK);
  for (int i = 0; i < 12; i++) assert_true(fabsf(c[i] - 8.0f) < 1e-6f);
  mha__gemm_w_free(&pw);
}

/* Every ISA's default and few-rows kernel is in the registry, with the same panel width. */
static void test_registry(void **state) {
  (void)state;
  assert_int_equal(mha__gemm_registry[mha__gemm_registry_count], NULL);
  for (int isa = 0; isa < MHA__ISA_COUNT; isa++) {
    const mha__gemm_kernel *d = mha__table_linked.gemm_defaults[isa], *f = mha__table_linked.gemm_few_rows[isa];
    if (isa == MHA__ISA_SCALAR) assert_non_null(d);
    if (!d) continue;
    assert_non_null(f);
    assert_int_equal(d->isa, isa);
    assert_int_equal(d->nr * d->lanes, f->nr * f->lanes);
    int found = 0;
    for (int i = 0; i < mha__gemm_registry_count; i++) found += mha__gemm_registry[i] == d;
    assert_int_equal(found, 1);
  }
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Information only: the default kernel's GFLOP/s on 1024^3, one thread, best of 3. */
static void test_throughput(void **state) {
  (void)state;
  const mha__gemm_kernel *kn = mha__table_linked.gemm_defaults[mha__cpu_isa()];
  if (!kn) kn = mha__table_linked.gemm_defaults[MHA__ISA_SCALAR];
  const int s = kn->isa == MHA__ISA_SCALAR ? 256 : 1024;
  float *a = randv((size_t)s * s), *w = randv((size_t)s * s), *c = malloc((size_t)s * s * sizeof *c);
  assert_non_null(c);
  mha__gemm_w pw;
  assert_int_equal(mha__gemm_pack(kn, w, s, s, s, NULL, &pw), MHA_OK);
  const mha__gemm_out out = {c, s, 0, 0, NULL, NULL, NULL, 0, NULL};
  double best = 1e30;
  for (int r = 0; r < 3; r++) {
    const double t0 = now();
    assert_int_equal(mha__gemm_run(NULL, 1, &pw, s, a, s, &out), MHA_OK);
    const double t = now() - t0;
    if (t < best) best = t;
  }
  printf("test_gemm: %s on M=N=K=%d, 1 thread: %.1f GFLOP/s\n", kn->name, s, 2.0 * s * s * s / best / 1e9);
  mha__gemm_w_free(&pw);
  free(a), free(w), free(c);
}

int main(void) {
  const int cpu = mha__cpu_isa(), n = mha__gemm_registry_count;
  const unsigned features = mha__cpu_features();
  struct CMUnitTest *tests = calloc(4 * (size_t)n + 2, sizeof *tests);
  if (!tests) return 1;
  int nt = 0, skipped = 0;
  tests[nt++] = (struct CMUnitTest){"registry", test_registry, NULL, NULL, NULL};
  for (int i = 0; i < n; i++) {
    const mha__gemm_kernel *k = mha__gemm_registry[i];
    if (k->isa > cpu || (k->needs & ~features)) {
      skipped++;
      continue;
    }
    void *kp = (void *)(uintptr_t)k;
    tests[nt++] = (struct CMUnitTest){k->name, test_variant, NULL, NULL, kp};
    tests[nt++] = (struct CMUnitTest){"place", test_place, NULL, NULL, kp};
    tests[nt++] = (struct CMUnitTest){"pack", test_pack, NULL, NULL, kp};
    tests[nt++] = (struct CMUnitTest){"errors", test_errors, NULL, NULL, kp};
  }
  tests[nt++] = (struct CMUnitTest){"throughput", test_throughput, NULL, NULL, NULL};
  printf("test_gemm: %d GEMM variants; this CPU runs up to %s; skipping %d it cannot run\n", n,
         mha__isa_name(cpu), skipped);
  fflush(stdout);
  const int rc = _cmocka_run_group_tests("gemm", tests, (size_t)nt, NULL, NULL);
  free(tests);
  return rc;
}
