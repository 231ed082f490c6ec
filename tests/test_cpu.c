/* test_cpu: CPU detection. A table of CPUID/XGETBV register sets (real CPUs, and the
 * half-enabled ones VMs and old kernels make) and the ISA and feature flags each must
 * give; this machine's detection against the compiler's own; the MHA_CPU cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mha_internal.h"

/* Bit positions from the Intel SDM, written out here so the test does not share the
 * decoder's table. */
#define B(n) (1u << (n))
#define L1_FMA B(12)
#define L1_OSXSAVE B(27)
#define L1_AVX B(28)
#define L1_F16C B(29)
#define L1_AVX2CPU (L1_FMA | L1_OSXSAVE | L1_AVX | L1_F16C)
#define L7B_AVX2 B(5)
#define L7B_F B(16)
#define L7B_DQ B(17)
#define L7B_CD B(28)
#define L7B_BW B(30)
#define L7B_VL B(31)
#define L7B_SKX (L7B_AVX2 | L7B_F | L7B_DQ | L7B_CD | L7B_BW | L7B_VL)
#define L7D_AMX_BF16 B(22)
#define L7D_FP16 B(23)
#define L7D_AMX_TILE B(24)
#define L7D_SPR (L7D_AMX_BF16 | L7D_FP16 | L7D_AMX_TILE)
#define L7S1A_BF16 B(5)

/* Flag sets the cases expect. */
#define F_AVX2 (MHA__CPU_AVX | MHA__CPU_FMA | MHA__CPU_F16C | MHA__CPU_AVX2)
#define F_SKX (F_AVX2 | MHA__CPU_AVX512F | MHA__CPU_AVX512DQ | MHA__CPU_AVX512BW | MHA__CPU_AVX512VL)
#define F_AMX (MHA__CPU_AMX_TILE | MHA__CPU_AMX_BF16)
#define F_SPR (F_SKX | MHA__CPU_AVX512_BF16 | MHA__CPU_AVX512_FP16 | F_AMX)

typedef struct cpu_case {
  const char *what;
  mha__cpuid_regs r;
  int isa;
  unsigned flags;
} cpu_case;

static const cpu_case cases[] = {
    {"all zero", {0}, MHA__ISA_SCALAR, 0},
    {"max leaf 0: leaf 1 is not there", {0, L1_AVX2CPU, 0, L7B_AVX2, 0, 0, 0, 0x7}, MHA__ISA_SCALAR, 0},
    {"no OSXSAVE: XCR0 is garbage", {0xd, L1_AVX2CPU & ~L1_OSXSAVE, 0, L7B_SKX, 0, 0, 0, 0xe7},
     MHA__ISA_SCALAR, 0},
    {"AVX2 without OS support for YMM", {0xd, L1_AVX2CPU, 0, L7B_AVX2, 0, 0, 0, 0x3},
     MHA__ISA_SCALAR, 0},
    {"AVX2, OS saves YMM but not XMM", {0xd, L1_AVX2CPU, 0, L7B_AVX2, 0, 0, 0, 0x5},
     MHA__ISA_SCALAR, 0},
    {"AVX2 without FMA", {0xd, L1_AVX2CPU & ~L1_FMA, 0, L7B_AVX2, 0, 0, 0, 0x7}, MHA__ISA_SCALAR,
     F_AVX2 & ~MHA__CPU_FMA},
    {"AVX2 without F16C", {0xd, L1_AVX2CPU & ~L1_F16C, 0, L7B_AVX2, 0, 0, 0, 0x7},
     MHA__ISA_SCALAR, F_AVX2 & ~MHA__CPU_F16C},
    {"AVX2 bit without AVX (hidden by a hypervisor)",
     {0xd, L1_AVX2CPU & ~L1_AVX, 0, L7B_SKX, 0, 0, 0, 0xe7}, MHA__ISA_SCALAR, 0},
    {"Ivy Bridge: AVX and F16C, no AVX2 nor FMA", {0xd, L1_OSXSAVE | L1_AVX | L1_F16C, 0, 0, 0, 0, 0, 0x7},
     MHA__ISA_SCALAR, MHA__CPU_AVX | MHA__CPU_F16C},
    {"max leaf 6: leaf 7 reads back another leaf", {6, L1_AVX2CPU, ~0u, ~0u, ~0u, ~0u, ~0u, 0xe7},
     MHA__ISA_SCALAR, MHA__CPU_AVX | MHA__CPU_FMA | MHA__CPU_F16C},
    {"Haswell", {0xd, L1_AVX2CPU, 0, L7B_AVX2, 0, 0, 0, 0x7}, MHA__ISA_AVX2, F_AVX2},
    {"AVX-512 with ZMM state disabled by the OS", {0xd, L1_AVX2CPU, 0, L7B_SKX, 0, 0, 0, 0x7},
     MHA__ISA_AVX2, F_AVX2},
    {"AVX-512, OS saves opmask but not ZMM", {0xd, L1_AVX2CPU, 0, L7B_SKX, 0, 0, 0, 0x27},
     MHA__ISA_AVX2, F_AVX2},
    {"AVX-512, OS saves all but ZMM16-31", {0xd, L1_AVX2CPU, 0, L7B_SKX, 0, 0, 0, 0x67},
     MHA__ISA_AVX2, F_AVX2},
    {"Knights Landing: AVX-512F without DQ", {0xd, L1_AVX2CPU, 0, L7B_AVX2 | L7B_F | L7B_CD, 0, 0, 0, 0xe7},
     MHA__ISA_AVX2, F_AVX2 | MHA__CPU_AVX512F},
    {"AVX-512F and DQ without AVX2", {0xd, L1_AVX2CPU, 0, L7B_SKX & ~L7B_AVX2, 0, 0, 0, 0xe7},
     MHA__ISA_SCALAR, F_SKX & ~MHA__CPU_AVX2},
    {"AVX-512 without F16C", {0xd, L1_AVX2CPU & ~L1_F16C, 0, L7B_SKX, 0, 0, 0, 0xe7},
     MHA__ISA_SCALAR, F_SKX & ~MHA__CPU_F16C},
    {"Skylake-X", {0xd, L1_AVX2CPU, 0, L7B_SKX, 0, 0, 0, 0xe7}, MHA__ISA_AVX512, F_SKX},
    {"Skylake-X, XCR0 with PKRU and high bits", {0xd, L1_AVX2CPU, 0, L7B_SKX, 0, 0, 0, 0x2ff | 1ull << 40},
     MHA__ISA_AVX512, F_SKX},
    {"Zen 4: AVX512_BF16 in sub-leaf 1", {0x10, L1_AVX2CPU, 1, L7B_SKX, 0, 0, L7S1A_BF16, 0xe7},
     MHA__ISA_AVX512, F_SKX | MHA__CPU_AVX512_BF16},
    {"sub-leaf 1 BF16 bit past the highest sub-leaf", {0x10, L1_AVX2CPU, 0, L7B_SKX, 0, 0, L7S1A_BF16, 0xe7},
     MHA__ISA_AVX512, F_SKX},
    {"Sapphire Rapids", {0x20, L1_AVX2CPU, 1, L7B_SKX, 0, L7D_SPR, L7S1A_BF16, 0x600e7},
     MHA__ISA_AVX512, F_SPR},
    {"AMX bits set, XCR0 tile bits off", {0x20, L1_AVX2CPU, 1, L7B_SKX, 0, L7D_SPR, L7S1A_BF16, 0xe7},
     MHA__ISA_AVX512, F_SPR & ~F_AMX},
    {"AMX, XCR0 saves XTILECFG only", {0x20, L1_AVX2CPU, 1, L7B_SKX, 0, L7D_SPR, L7S1A_BF16, 0x200e7},
     MHA__ISA_AVX512, F_SPR & ~F_AMX},
    {"AMX-BF16 without AMX-TILE", {0x20, L1_AVX2CPU, 1, L7B_SKX, 0, L7D_AMX_BF16, 0, 0x600e7},
     MHA__ISA_AVX512, F_SKX},
    {"Sapphire Rapids, ZMM disabled: AVX-512 flags off, AMX on",
     {0x20, L1_AVX2CPU, 1, L7B_SKX, 0, L7D_SPR, L7S1A_BF16, 0x60007}, MHA__ISA_AVX2, F_AVX2 | F_AMX},
    {"FP16 and BF16 bits without AVX-512F", {0x20, L1_AVX2CPU, 1, L7B_AVX2, 0, L7D_FP16, L7S1A_BF16, 0xe7},
     MHA__ISA_AVX2, F_AVX2 | MHA__CPU_AVX512_BF16 | MHA__CPU_AVX512_FP16},
};

static void test_table(void **state) {
  (void)state;
  int bad = 0;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const cpu_case *c = &cases[i];
    const int isa = mha__isa_from_cpuid(&c->r);
    const unsigned flags = mha__cpu_flags_from_cpuid(&c->r);
    if (isa != c->isa || flags != c->flags) {
      print_error("%s: isa %s flags 0x%x, want %s 0x%x\n", c->what, mha__isa_name(isa), flags,
                  mha__isa_name(c->isa), c->flags);
      bad++;
    }
    if (mha__isa_from_flags(flags) != isa) {
      print_error("%s: mha__isa_from_flags disagrees\n", c->what);
      bad++;
    }
  }
  if (bad) fail_msg("%d of %zu register sets decoded wrong", bad, sizeof cases / sizeof cases[0]);
}

/* The decoder only looks at the bits it names: any other bit set changes nothing. */
static void test_other_bits(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    mha__cpuid_regs r = cases[i].r;
    r.l1_ecx |= ~(L1_AVX2CPU); /* SSE*, POPCNT, ... */
    r.l7_ecx = ~0u;
    r.l7_edx |= ~L7D_SPR;
    r.l7s1_eax |= ~L7S1A_BF16;
    r.xcr0 |= 0x19ull | 0xfff80000ull << 32; /* x87, BND regs, high bits */
    if (mha__isa_from_cpuid(&r) != cases[i].isa || mha__cpu_flags_from_cpuid(&r) != cases[i].flags)
      fail_msg("%s: unrelated bits changed the result", cases[i].what);
  }
}

/* This machine: the detection agrees with the compiler's, and the signature names it. */
static void test_this_cpu(void **state) {
  (void)state;
  const int isa = mha__cpu_isa_detected();
  const unsigned f = mha__cpu_flags();
  assert_int_equal(isa, mha__isa_from_flags(f));
  assert_int_equal(mha__cpu_isa_detected(), isa); /* read once, stable */
#if defined(__x86_64__) || defined(__i386__)
  __builtin_cpu_init();
  const int avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  const int avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
  if (isa >= MHA__ISA_AVX2) assert_true(avx2);
  if (avx2 && (f & MHA__CPU_F16C)) assert_true(isa >= MHA__ISA_AVX2);
  assert_int_equal(isa == MHA__ISA_AVX512, isa >= MHA__ISA_AVX2 && avx512);
#endif
  char sig[128];
  mha__cpu_signature(sig, sizeof sig);
  const char *tail = strrchr(sig, ':');
  assert_non_null(tail);
  assert_string_equal(tail + 1, mha__isa_name(isa));
  printf("this CPU: %s, flags 0x%x\n", sig, f);
}

/* MHA_CPU caps the ISA, never raises it; an unknown value is ignored (one warning). */
static void test_cap(void **state) {
  (void)state;
  const int det = mha__cpu_isa_detected();
  static const struct {
    const char *val;
    int want;
  } caps[] = {{"scalar", MHA__ISA_SCALAR}, {"avx2", MHA__ISA_AVX2}, {"avx512", MHA__ISA_AVX512},
              {"bogus", MHA__ISA_COUNT},   {"", MHA__ISA_COUNT},    {"AVX2", MHA__ISA_COUNT},
              {"avx2 ", MHA__ISA_COUNT}};
  for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
    assert_int_equal(setenv("MHA_CPU", caps[i].val, 1), 0);
    const int want = caps[i].want < det ? caps[i].want : det;
    if (mha__cpu_isa() != want)
      fail_msg("MHA_CPU=\"%s\": %s, want %s", caps[i].val, mha__isa_name(mha__cpu_isa()),
               mha__isa_name(want));
    assert_int_equal(mha__cpu_isa_detected(), det); /* the cap never changes detection */
  }
  unsetenv("MHA_CPU");
  assert_int_equal(mha__cpu_isa(), det);
}

static void test_names(void **state) {
  (void)state;
  assert_string_equal(mha__isa_name(MHA__ISA_SCALAR), "scalar");
  assert_string_equal(mha__isa_name(MHA__ISA_AVX2), "avx2");
  assert_string_equal(mha__isa_name(MHA__ISA_AVX512), "avx512");
  assert_string_equal(mha__isa_name(-1), "unknown");
  assert_string_equal(mha__isa_name(MHA__ISA_COUNT), "unknown");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table), cmocka_unit_test(test_other_bits),
      cmocka_unit_test(test_this_cpu), cmocka_unit_test(test_cap), cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests_name("cpu", tests, NULL, NULL);
}
