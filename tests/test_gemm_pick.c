/* test_gemm_pick: the GEMM kernel choice (mha__gemm_pick). On made-up tables: per-ISA
 * defaults under caps, the few-rows defaults, tuned entries (exact, nearest, the m bucket),
 * panel widths and needs. On the linked tables: MHA_CPU, MHA_GEMM_KERNEL forcing (and
 * refusing) and the MHA_DEBUG line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "mha.h"
#include "mha_gemm.h"
#include "mha_internal.h"
#include "mha_table.h"

/* The kernels below are descriptors for the choice only; their function is a plain loop over
 * the ABI's panels (mha_kernel.h), so that a stand-in chosen by mistake still computes C. */
static void plain(const mha__gemm_task *t, int nw) {
  const float *bp = t->bp;
  for (int i = 0; i < t->m; i++)
    for (int j = 0; j < t->n; j++) {
      float s = t->bias ? t->bias[j] : 0.0f;
      for (int kk = 0; kk < t->k; kk++)
        s += t->a[i * t->lda + kk] * bp[(size_t)(j / nw) * t->k * nw + (size_t)kk * nw + j % nw];
      t->c[i * t->ldc + j] = s;
    }
}
static void plain16(const mha__gemm_task *t) { plain(t, 16); }
static void plain32(const mha__gemm_task *t) { plain(t, 32); }
static void plain8(const mha__gemm_task *t) { plain(t, 8); }

/* name, isa, mr, nr, lanes, kc, mc, nc, fn, ws, w_type, needs */
static const mha__gemm_kernel
    k_scalar = {"test_gemm_scalar_r4x2", MHA__ISA_SCALAR, 4, 2, 4, 256, 64, 256, plain8, 0, MHA__KV_F32, 0},
    k_avx2 = {"test_gemm_avx2_r6x2", MHA__ISA_AVX2, 6, 2, 8, 256, 96, 512, plain16, 0, MHA__KV_F32, 0},
    k_avx2_few = {"test_gemm_avx2_r1x2", MHA__ISA_AVX2, 1, 2, 8, 256, 8, 512, plain16, 0, MHA__KV_F32, 0},
    k_512 = {"test_gemm_avx512_r14x2", MHA__ISA_AVX512, 14, 2, 16, 384, 112, 512, plain32, 0, MHA__KV_F32, 0},
    k_512_few = {"test_gemm_avx512_r2x2", MHA__ISA_AVX512, 2, 2, 16, 384, 8, 512, plain32, 0, MHA__KV_F32, 0},
    k_512_tuned = {"test_gemm_avx512_r8x3", MHA__ISA_AVX512, 8, 3, 16, 256, 64, 768, plain32, 0, MHA__KV_F32, 0},
    k_avx2_tuned = {"test_gemm_avx2_r4x3", MHA__ISA_AVX2, 4, 3, 8, 512, 64, 768, plain16, 0, MHA__KV_F32, 0},
    k_bf16 = {"test_gemm_avx512_bf16", MHA__ISA_AVX512, 8, 2, 16, 384, 64, 512, plain32, 0, MHA__KV_F32,
              MHA__CPU_AVX512_BF16};

static mha__table made(void) {
  mha__table t = {0};
  t.machine_id = "test", t.cpu_signature = "";
  t.gemm_defaults[MHA__ISA_SCALAR] = &k_scalar;
  t.gemm_defaults[MHA__ISA_AVX2] = &k_avx2, t.gemm_few_rows[MHA__ISA_AVX2] = &k_avx2_few;
  t.gemm_defaults[MHA__ISA_AVX512] = &k_512, t.gemm_few_rows[MHA__ISA_AVX512] = &k_512_few;
  return t;
}

static int setup(void **st) {
  (void)st;
  unsetenv("MHA_GEMM_KERNEL"), unsetenv("MHA_CPU"), unsetenv("MHA_DEBUG");
  return 0;
}

/* Pass one: the best ISA under the cap, the few-rows default for m <= MHA__FEW_ROWS. */
static void test_defaults(void **st) {
  (void)st;
  mha__table t = made();
  const char *why;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 768, 768, 0, &why), &k_512);
  assert_string_equal(why, "default");
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX2, 0, 1024, 768, 768, 0, &why), &k_avx2);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_SCALAR, 0, 1024, 768, 768, 0, &why), &k_scalar);
  for (int m = 1; m <= MHA__FEW_ROWS; m++) {
    assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, m, 768, 768, 0, &why), &k_512_few);
    assert_string_equal(why, "default for few rows");
  }
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, MHA__FEW_ROWS + 1, 768, 768, 0, &why), &k_512);
  /* No few-rows kernel for scalar: its default, not a higher ISA's few-rows one. */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_SCALAR, 0, 1, 768, 768, 0, &why), &k_scalar);
  assert_string_equal(why, "default");
  /* An ISA whose slot is empty falls to the next one down. */
  t.gemm_defaults[MHA__ISA_AVX512] = NULL, t.gemm_few_rows[MHA__ISA_AVX512] = NULL;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 768, 768, 0, &why), &k_avx2);
  /* Nothing that runs: NULL, and it says so. */
  mha__table none = {0};
  assert_null(mha__gemm_pick_in(&none, MHA__ISA_AVX512, 0, 1024, 768, 768, 0, &why));
  assert_string_equal(why, "no kernel");
  assert_null(mha__gemm_pick_in(NULL, MHA__ISA_AVX512, 0, 1024, 768, 768, 0, &why));
}

/* nw > 0 keeps to kernels whose panels fit weights already packed; needs are respected. */
static void test_width_needs(void **st) {
  (void)st;
  mha__table t = made();
  const char *why;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 768, 768, 16, &why), &k_avx2);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 4, 768, 768, 16, &why), &k_avx2_few);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 4, 768, 768, 8, &why), &k_scalar);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 4, 768, 768, 32, &why), &k_512_few);
  assert_null(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 4, 768, 768, 24, &why));
  assert_true(mha__gemm_runs(&k_512, MHA__ISA_AVX512, 0, 32));
  assert_false(mha__gemm_runs(&k_512, MHA__ISA_AVX2, 0, 0));
  assert_false(mha__gemm_runs(&k_bf16, MHA__ISA_AVX512, 0, 0));
  assert_true(mha__gemm_runs(&k_bf16, MHA__ISA_AVX512, MHA__CPU_AVX512_BF16, 0));
  t.gemm_defaults[MHA__ISA_AVX512] = &k_bf16;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 768, 768, 0, &why), &k_avx2);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, MHA__CPU_AVX512_BF16, 1024, 768, 768, 0, &why), &k_bf16);
}

/* Pass two: the exact (m bucket, n, k) entry, else the nearest n and k of the same bucket;
 * an entry of another bucket, above the cap, of another width or that the CPU cannot run
 * is passed over. */
static void test_entries(void **st) {
  (void)st;
  mha__table t = made();
  const int b1024 = mha__seq_bucket(1024), b128 = mha__seq_bucket(128);
  mha__gemm_entry e[] = {
      {MHA__ISA_AVX512, b1024, 2304, 768, &k_512_tuned},
      {MHA__ISA_AVX2, b1024, 768, 768, &k_avx2_tuned},
      {MHA__ISA_AVX512, b128, 12288, 4096, &k_512_tuned},
  };
  t.gemm_entries = e, t.gemm_entry_count = 3;
  const char *why;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2304, 768, 0, &why), &k_512_tuned);
  assert_string_equal(why, "tuned entry");
  /* The exact shape's winner, even of a lower ISA (it was measured fastest here). */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1000, 768, 768, 0, &why), &k_avx2_tuned);
  assert_string_equal(why, "tuned entry");
  /* A shape between them takes the nearer: n 2048 is nearer 2304 than 768. */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2048, 768, 0, &why), &k_512_tuned);
  assert_string_equal(why, "nearest tuned entry");
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 900, 700, 0, &why), &k_avx2_tuned);
  assert_string_equal(why, "nearest tuned entry");
  /* Capped to AVX2, the AVX-512 entry is out: the AVX2 one serves even n 2304. */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX2, 0, 1024, 2304, 768, 0, &why), &k_avx2_tuned);
  /* Panels 24 wide: only the AVX2 entry fits; 16 wide, none does: the AVX2 default. */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2304, 768, 24, &why), &k_avx2_tuned);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2304, 768, 16, &why), &k_avx2);
  /* Another m bucket has its own entries; none there: the defaults. */
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 100, 4096, 4096, 0, &why), &k_512_tuned);
  assert_string_equal(why, "nearest tuned entry");
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1, 2304, 768, 0, &why), &k_512_few);
  assert_string_equal(why, "default for few rows");
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 5000, 2304, 768, 0, &why), &k_512);
  /* An entry for any m (-1) serves every bucket, below an entry of the exact bucket. */
  mha__gemm_entry any[] = {{MHA__ISA_AVX2, -1, 2304, 768, &k_avx2_tuned}, e[0]};
  t.gemm_entries = any, t.gemm_entry_count = 2;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 5000, 2304, 768, 0, &why), &k_avx2_tuned);
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2304, 768, 0, &why), &k_512_tuned);
  /* A kernel the CPU cannot run is never chosen, entry or not. */
  mha__gemm_entry bf = {MHA__ISA_AVX512, b1024, 2304, 768, &k_bf16};
  t.gemm_entries = &bf, t.gemm_entry_count = 1;
  assert_ptr_equal(mha__gemm_pick_in(&t, MHA__ISA_AVX512, 0, 1024, 2304, 768, 0, &why), &k_512);
  assert_string_equal(why, "default");
}

/* The linked tables: the default per ISA for this CPU (every linked table carries the
 * generator's GEMM defaults), MHA_CPU caps it, and what is chosen runs here. */
static void test_linked(void **st) {
  (void)st;
  const int det = mha__cpu_isa_detected();
  const mha__gemm_kernel *k = mha__gemm_pick(1024, 768, 768, 0);
  assert_non_null(k);
  assert_true(k->isa <= det);
  assert_true(mha__gemm_runs(k, det, mha__cpu_flags(), 0));
  const mha__gemm_kernel *few = mha__gemm_pick(1, 768, 768, k->nr * k->lanes);
  assert_non_null(few);
  assert_int_equal(few->nr * few->lanes, k->nr * k->lanes);
  setenv("MHA_CPU", "scalar", 1);
  k = mha__gemm_pick(1024, 768, 768, 0);
  assert_non_null(k);
  assert_int_equal(k->isa, MHA__ISA_SCALAR);
  unsetenv("MHA_CPU");
}

/* MHA_GEMM_KERNEL forces a linked kernel by name, only if it runs here and has the panels
 * asked for; else NULL (the caller's error) with one line on stderr. */
static void test_forced(void **st) {
  (void)st;
  const mha__gemm_kernel *s = mha__table_linked.gemm_defaults[MHA__ISA_SCALAR];
  assert_non_null(s);
  setenv("MHA_GEMM_KERNEL", s->name, 1);
  assert_ptr_equal(mha__gemm_pick(1024, 4096, 4096, 0), s);
  assert_ptr_equal(mha__gemm_pick(3, 100, 50, s->nr * s->lanes), s);
  assert_null(mha__gemm_pick(1024, 4096, 4096, s->nr * s->lanes + 1));
  setenv("MHA_GEMM_KERNEL", "gemm_f32_no_such_kernel", 1);
  assert_null(mha__gemm_pick(1024, 4096, 4096, 0));
  const mha__gemm_kernel *v = mha__table_linked.gemm_defaults[mha__cpu_isa_detected()];
  if (v && v->isa > MHA__ISA_SCALAR) { /* a vector kernel, capped to scalar */
    setenv("MHA_GEMM_KERNEL", v->name, 1);
    setenv("MHA_CPU", "scalar", 1);
    assert_null(mha__gemm_pick(1024, 4096, 4096, 0));
    unsetenv("MHA_CPU");
    assert_ptr_equal(mha__gemm_pick(1024, 4096, 4096, 0), v);
  }
  unsetenv("MHA_GEMM_KERNEL");
}

/* MHA_DEBUG=1: the table line once (the process's first choice), then a line per choice. */
static void test_debug(void **st) {
  (void)st;
  char path[] = "/tmp/mha_gemm_debug_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  const mha__gemm_kernel *k = mha__gemm_pick(128, 3072, 1024, 0);
  assert_non_null(k);
  fflush(stderr);
  int saved = dup(2);
  dup2(fd, 2);
  setenv("MHA_DEBUG", "1", 1);
  const mha__gemm_kernel *a = mha__gemm_pick(128, 3072, 1024, 0);
  const mha__gemm_kernel *b = mha__gemm_pick(1, 1024, 1024, 0);
  unsetenv("MHA_DEBUG");
  mha__gemm_pick(128, 3072, 1024, 0); /* logs nothing */
  fflush(stderr);
  dup2(saved, 2);
  close(saved);
  char log[4096] = {0};
  assert_true(pread(fd, log, sizeof log - 1, 0) > 0);
  close(fd);
  unlink(path);
  assert_ptr_equal(a, k);
  assert_non_null(b);
  char sig[128], want[1024];
  mha__cpu_signature(sig, sizeof sig);
  mha__table_describe(want, sizeof want, mha__tables, mha__table_count, sig);
  assert_true(!strncmp(log, want, strlen(want)) && log[strlen(want)] == '\n');
  const char *l1 = log + strlen(want) + 1, *l2 = strchr(l1, '\n');
  assert_non_null(l2);
  assert_true(!strncmp(l1, "mha: gemm m=128 n=3072 k=1024 nw=0 -> ", 38));
  assert_non_null(strstr(l1, a->name));
  assert_true(!strncmp(l2 + 1, "mha: gemm m=1 n=1024 k=1024 nw=0 -> ", 36));
  assert_non_null(strstr(l2 + 1, b->name));
  assert_true(strchr(l2 + 1, '\n') == strrchr(log, '\n'));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults), cmocka_unit_test(test_width_needs),
      cmocka_unit_test(test_entries),  cmocka_unit_test(test_debug),
      cmocka_unit_test(test_linked),   cmocka_unit_test(test_forced),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
