/* test_exp: the generated vector exp and exp2 of every ISA this CPU runs, against libm in
 * double: max ULP error over the whole useful float range (every 257th float bit pattern
 * plus an even grid), the underflow side (never NaN, 0 or tiny; -inf gives 0), and
 * vector tails (every n writes exactly y[0..n)). */
#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mha_internal.h"
#include "mha_kernel.h"
#include "registry.h"

#define MAX_ULP 4.0
#define GRID 4000000   /* evenly spaced points over the range */
#define BITS_STEP 257  /* and every 257th float between the range's ends */

typedef struct fn {
  const char *name;
  double lo, hi;           /* the useful range: results normal and finite */
  double under;            /* below this, results are at most FLT_MIN */
  double (*ref)(double);
  int exp2;                /* which mha__vmath member */
  float *x;                /* the points, shared by every ISA */
  double *y;               /* libm's answers */
  size_t n;
} fn;

static fn fns[2] = {
    {"exp", -87.33, 88.72, -87.34, exp, 0, NULL, NULL, 0},
    {"exp2", -126.0, 127.99, -126.0, exp2, 1, NULL, NULL, 0},
};

static mha__vmath_fn pick(const mha__vmath *m, int exp2) { return exp2 ? m->exp2 : m->exp; }

static uint32_t bits(float f) {
  uint32_t u;
  memcpy(&u, &f, 4);
  return u;
}

static float from_bits(uint32_t u) {
  float f;
  memcpy(&f, &u, 4);
  return f;
}

/* Points in [lo, hi]: an even grid, then every BITS_STEP-th float, both signs. */
static int make_points(fn *f) {
  const float lo = (float)f->lo, hi = (float)f->hi;
  const size_t nneg = (bits(lo) & 0x7fffffffu) / BITS_STEP + 1, npos = bits(hi) / BITS_STEP + 1;
  const size_t cap = GRID + nneg + npos + 2;
  f->x = malloc(cap * sizeof(float));
  f->y = malloc(cap * sizeof(double));
  if (!f->x || !f->y) return -1;
  size_t n = 0;
  for (size_t i = 0; i < GRID; i++) {
    float x = (float)(f->lo + (f->hi - f->lo) * (double)i / (GRID - 1));
    if (x < lo) x = lo;
    if (x > hi) x = hi;
    f->x[n++] = x;
  }
  for (uint32_t u = 0; u <= bits(hi); u += BITS_STEP) f->x[n++] = from_bits(u);
  for (uint32_t u = 0x80000000u; u <= bits(lo); u += BITS_STEP) f->x[n++] = from_bits(u);
  f->x[n++] = lo, f->x[n++] = hi;
  for (size_t i = 0; i < n; i++) f->y[i] = f->ref((double)f->x[i]);
  f->n = n;
  return 0;
}

static int setup(void **st) {
  (void)st;
  for (int i = 0; i < 2; i++)
    if (make_points(&fns[i])) return -1;
  return 0;
}

static int teardown(void **st) {
  (void)st;
  for (int i = 0; i < 2; i++) free(fns[i].x), free(fns[i].y);
  return 0;
}

/* |got - want| in units of the float ULP at want (want normal). */
static double ulps(float got, double want) {
  int e;
  frexp(want, &e); /* want = m 2^e, 0.5 <= |m| < 1: a float ULP there is 2^(e - 24) */
  return fabs((double)got - want) / ldexp(1.0, e - 24);
}

typedef struct isa_case {
  int isa;
  int exp2;
} isa_case;

static double measured[MHA__ISA_COUNT][2];

/* Max ULP over the range. */
static void test_ulp(void **state) {
  const isa_case *c = *state;
  const mha__vmath *m = &mha__vmath_table[c->isa];
  fn *f = &fns[c->exp2];
  float *y = malloc(f->n * sizeof(float));
  assert_non_null(y);
  pick(m, c->exp2)(f->x, y, f->n);
  double worst = 0;
  size_t wi = 0;
  for (size_t i = 0; i < f->n; i++) {
    const double u = isnan(y[i]) ? INFINITY : ulps(y[i], f->y[i]);
    if (u > worst) worst = u, wi = i;
  }
  measured[c->isa][c->exp2] = worst;
  print_message("%s %s: max error %.3f ULP over %zu points in [%g, %g] (worst at x = %.9g: %.9g, "
                "libm %.9g)\n",
                m->isa_name, f->name, worst, f->n, f->lo, f->hi, f->x[wi], y[wi], f->y[wi]);
  const float xw = f->x[wi], yw = y[wi];
  const double rw = f->y[wi];
  free(y);
  if (!(worst <= MAX_ULP))
    fail_msg("%s %s: %.3f ULP at x = %.9g (got %.9g, libm %.9g); at most %g allowed",
             m->isa_name, f->name, worst, xw, yw, rw, MAX_ULP);
}

/* Below the range: never NaN, never negative, at most FLT_MIN; -inf gives exactly 0. */
static void test_underflow(void **state) {
  const isa_case *c = *state;
  const mha__vmath *m = &mha__vmath_table[c->isa];
  fn *f = &fns[c->exp2];
  enum { N = 100003 };
  float *x = malloc(N * sizeof(float)), *y = malloc(N * sizeof(float));
  assert_true(x && y);
  size_t n = 0;
  /* From where results fall below FLT_MIN down to 3x that, then huge negatives and -inf. */
  for (int i = 0; i < N - 8; i++) x[n++] = (float)(f->under - 2.0 * fabs(f->under) * i / (N - 9));
  x[n++] = -1e4f, x[n++] = -1e10f, x[n++] = -1e30f, x[n++] = -FLT_MAX;
  x[n++] = -INFINITY, x[n++] = -INFINITY, x[n++] = -INFINITY, x[n++] = -INFINITY;
  pick(m, c->exp2)(x, y, n);
  int bad = 0;
  for (size_t i = 0; i < n && bad < 5; i++) {
    const int ok = isinf(x[i]) ? y[i] == 0.0f : (y[i] >= 0.0f && y[i] <= FLT_MIN);
    if (!ok) {
      print_error("%s %s(%.9g) = %.9g: expected %s\n", m->isa_name, f->name, x[i], y[i],
                  isinf(x[i]) ? "0" : "0 <= y <= FLT_MIN");
      bad++;
    }
  }
  free(x), free(y);
  if (bad) fail_msg("%s %s: wrong below the range", m->isa_name, f->name);
}

/* Every length 0..70: exactly y[0..n) written, each equal to the full-vector answer. */
static void test_tails(void **state) {
  const isa_case *c = *state;
  const mha__vmath *m = &mha__vmath_table[c->isa];
  mha__vmath_fn fnp = pick(m, c->exp2);
  enum { MAXN = 70, G = 16 };
  float x[MAXN], full[MAXN], y[MAXN + 2 * G];
  for (int i = 0; i < MAXN; i++) x[i] = -20.0f + 0.37f * i;
  fnp(x, full, MAXN);
  for (int n = 0; n <= MAXN; n++) {
    for (int i = 0; i < MAXN + 2 * G; i++) y[i] = -7.0f;
    fnp(x, y + G, (size_t)n);
    for (int i = 0; i < MAXN + 2 * G; i++) {
      const int inside = i >= G && i < G + n;
      if (inside ? y[i] != full[i - G] : y[i] != -7.0f)
        fail_msg("%s exp%s with n = %d: y[%d] = %g (%s)", m->isa_name, c->exp2 ? "2" : "", n,
                 i - G, y[i], inside ? "differs from the full-vector answer" : "written out of range");
    }
  }
}

int main(void) {
  const int cpu = mha__cpu_isa();
  static isa_case cases[MHA__ISA_COUNT][2];
  struct CMUnitTest tests[MHA__ISA_COUNT * 2 * 3];
  static char names[MHA__ISA_COUNT * 2 * 3][48];
  int nt = 0;
  for (int isa = 0; isa < MHA__ISA_COUNT; isa++) {
    const mha__vmath *m = &mha__vmath_table[isa];
    if (isa > cpu) {
      const char *cap = getenv("MHA_CPU");
      printf("test_exp: skipping %s: this CPU runs up to %s%s%s%s\n",
             m->isa_name ? m->isa_name : "?", mha__isa_name(cpu), cap ? " (MHA_CPU=" : "",
             cap ? cap : "", cap ? ")" : "");
      continue;
    }
    for (int e = 0; e < 2; e++) {
      cases[isa][e] = (isa_case){isa, e};
      if (!m->exp || !m->exp2) {
        fprintf(stderr, "test_exp: mha__vmath_table[%d] has no exp/exp2\n", isa);
        return 1;
      }
      static const char *kinds[3] = {"ulp", "underflow", "tails"};
      static const CMUnitTestFunction fns_[3] = {test_ulp, test_underflow, test_tails};
      for (int t = 0; t < 3; t++) {
        snprintf(names[nt], sizeof names[nt], "%s_%s_%s", m->isa_name, e ? "exp2" : "exp",
                 kinds[t]);
        tests[nt] = (struct CMUnitTest){names[nt], fns_[t], NULL, NULL, &cases[isa][e]};
        nt++;
      }
    }
  }
  const int rc = _cmocka_run_group_tests("exp", tests, (size_t)nt, setup, teardown);
  printf("test_exp: max ULP error (libm in double as truth; at most %g allowed)\n", MAX_ULP);
  for (int isa = 0; isa <= cpu && isa < MHA__ISA_COUNT; isa++)
    printf("  %-7s exp %.3f  exp2 %.3f\n", mha__vmath_table[isa].isa_name, measured[isa][0],
           measured[isa][1]);
  return rc;
}
