/* mha_cpu.c: what the CPU and the OS let us run (CPUID, XGETBV), the MHA_CPU cap,
 * and the CPU signature a tuned table is stamped with. detect() only reads registers;
 * mha__cpu_flags_from_cpuid decodes them (pure, so tests/test_cpu.c can feed it any CPU). */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha_cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define MHA__X86 1
#endif
#if defined(__linux__) && defined(__x86_64__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

static const char *const isa_names[MHA__ISA_COUNT] = {"scalar", "avx2", "avx512"};

const char *mha__isa_name(int isa) {
  return isa >= 0 && isa < MHA__ISA_COUNT ? isa_names[isa] : "unknown";
}

/* XCR0: the register state the OS saves, so may be used. */
#define XCR0_YMM 0x6ull      /* XMM, YMM */
#define XCR0_ZMM 0xe6ull     /* and opmask, ZMM0-15 upper halves, ZMM16-31 */
#define XCR0_TILE 0x60000ull /* XTILECFG, XTILEDATA */

enum { L1_ECX, L7_EBX, L7_ECX, L7_EDX, L7S1_EAX };

/* One feature: where its CPUID bit is and what OS state it needs. */
static const struct {
  unsigned flag;
  unsigned char reg, bit;
  unsigned long long xcr0;
} features[] = {
    {MHA__CPU_AVX, L1_ECX, 28, XCR0_YMM},
    {MHA__CPU_FMA, L1_ECX, 12, XCR0_YMM},
    {MHA__CPU_F16C, L1_ECX, 29, XCR0_YMM},
    {MHA__CPU_AVX2, L7_EBX, 5, XCR0_YMM},
    {MHA__CPU_AVX512F, L7_EBX, 16, XCR0_ZMM},
    {MHA__CPU_AVX512DQ, L7_EBX, 17, XCR0_ZMM},
    {MHA__CPU_AVX512BW, L7_EBX, 30, XCR0_ZMM},
    {MHA__CPU_AVX512VL, L7_EBX, 31, XCR0_ZMM},
    {MHA__CPU_AVX512_FP16, L7_EDX, 23, XCR0_ZMM},
    {MHA__CPU_AVX512_BF16, L7S1_EAX, 5, XCR0_ZMM},
    {MHA__CPU_AMX_BF16, L7_EDX, 22, XCR0_TILE},
    {MHA__CPU_AMX_TILE, L7_EDX, 24, XCR0_TILE},
};

unsigned mha__cpu_flags_from_cpuid(const mha__cpuid_regs *r) {
  const int osxsave = r->max_leaf >= 1 && ((r->l1_ecx >> 27) & 1);
  if (!osxsave) return 0; /* XCR0 unreadable: the OS saves no extended state */
  /* Out-of-range leaves return another leaf's data, never zeros: ignore them. */
  const unsigned l7 = r->max_leaf >= 7, l7s1 = l7 && r->l7_eax >= 1;
  const unsigned regs[] = {r->l1_ecx, l7 ? r->l7_ebx : 0, l7 ? r->l7_ecx : 0,
                           l7 ? r->l7_edx : 0, l7s1 ? r->l7s1_eax : 0};
  unsigned f = 0;
  for (size_t i = 0; i < sizeof features / sizeof features[0]; i++)
    if (((regs[features[i].reg] >> features[i].bit) & 1) &&
        (r->xcr0 & features[i].xcr0) == features[i].xcr0)
      f |= features[i].flag;
  /* Every VEX and EVEX feature needs AVX; AMX-BF16 computes on tiles. */
  if (!(f & MHA__CPU_AVX)) f &= MHA__CPU_AMX_BF16 | MHA__CPU_AMX_TILE;
  if (!(f & MHA__CPU_AMX_TILE)) f &= ~(unsigned)MHA__CPU_AMX_BF16;
  return f;
}

int mha__isa_from_flags(unsigned f) {
  /* What the kernels use: the AVX2 ones vcvtph2ps too, the AVX-512 ones only F and DQ
   * (templates/isa_avx512.lua), on top of the AVX2 set. */
  const unsigned avx2 = MHA__CPU_AVX | MHA__CPU_FMA | MHA__CPU_F16C | MHA__CPU_AVX2;
  const unsigned avx512 = avx2 | MHA__CPU_AVX512F | MHA__CPU_AVX512DQ;
  if ((f & avx512) == avx512) return MHA__ISA_AVX512;
  if ((f & avx2) == avx2) return MHA__ISA_AVX2;
  return MHA__ISA_SCALAR;
}

int mha__isa_from_cpuid(const mha__cpuid_regs *r) {
  return mha__isa_from_flags(mha__cpu_flags_from_cpuid(r));
}

static void read_regs(mha__cpuid_regs *r) {
  memset(r, 0, sizeof *r);
#ifdef MHA__X86
  unsigned a, b, c, d;
  r->max_leaf = __get_cpuid_max(0, NULL);
  if (r->max_leaf >= 1) {
    __cpuid(1, a, b, c, d);
    r->l1_ecx = c;
  }
  if (r->max_leaf >= 7) {
    __cpuid_count(7, 0, a, b, c, d);
    r->l7_eax = a, r->l7_ebx = b, r->l7_ecx = c, r->l7_edx = d;
    if (a >= 1) {
      __cpuid_count(7, 1, a, b, c, d);
      r->l7s1_eax = a;
    }
  }
  if ((r->l1_ecx >> 27) & 1) { /* OSXSAVE: XGETBV would fault without it */
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    r->xcr0 = ((unsigned long long)hi << 32) | lo;
  }
#endif
}

/* Linux hands a process AMX's tile data state only when asked (arch_prctl
 * ARCH_REQ_XCOMP_PERM for XFEATURE_XTILEDATA, 18); where it refuses, or elsewhere, the AMX
 * flags are cleared, so no kernel that needs them is ever picked. */
static int amx_permitted(void) {
#if defined(__linux__) && defined(__x86_64__) && defined(SYS_arch_prctl)
  return syscall(SYS_arch_prctl, 0x1023, 18) == 0;
#else
  return 0;
#endif
}

static pthread_once_t detect_once = PTHREAD_ONCE_INIT;
static unsigned detected_flags;
static void detect_init(void) {
  mha__cpuid_regs r;
  read_regs(&r);
  unsigned f = mha__cpu_flags_from_cpuid(&r);
  if ((f & MHA__CPU_AMX_TILE) && !amx_permitted()) f &= ~(unsigned)(MHA__CPU_AMX_TILE | MHA__CPU_AMX_BF16);
  detected_flags = f;
}

unsigned mha__cpu_flags(void) {
  pthread_once(&detect_once, detect_init);
  return detected_flags;
}

int mha__cpu_isa_detected(void) { return mha__isa_from_flags(mha__cpu_flags()); }

/* MHA_CPU caps what the dispatch may use: scalar, avx2 or avx512 caps the ISA (and avx512
 * leaves out the features past AVX-512F/DQ/BW/VL: AVX512_BF16, AVX512_FP16, AMX), avx512bf16
 * allows AVX512_BF16 too, amx allows everything. A cap never raises. *features: the features
 * the cap keeps. */
int mha__cpu_cap(unsigned *features) {
  static atomic_int warned;
  static const unsigned beyond = MHA__CPU_AVX512_BF16 | MHA__CPU_AVX512_FP16 | MHA__CPU_AMX_TILE |
                                 MHA__CPU_AMX_BF16;
  const int isa = mha__cpu_isa_detected();
  const char *e = getenv("MHA_CPU");
  *features = mha__cpu_flags();
  if (!e || !*e || !strcmp(e, "amx")) return isa;
  if (!strcmp(e, "avx512bf16")) {
    *features &= ~(beyond & ~MHA__CPU_AVX512_BF16);
    return isa;
  }
  for (int i = 0; i < MHA__ISA_COUNT; i++)
    if (!strcmp(e, isa_names[i])) {
      *features &= ~beyond;
      return i < isa ? i : isa;
    }
  if (!atomic_exchange(&warned, 1))
    fprintf(stderr, "mha: MHA_CPU=%s is not scalar, avx2, avx512, avx512bf16 or amx; ignored\n", e);
  return isa;
}

int mha__cpu_isa(void) {
  unsigned f;
  return mha__cpu_cap(&f);
}

unsigned mha__cpu_features(void) {
  unsigned f;
  mha__cpu_cap(&f);
  return f;
}

/* CPUID traps to the hypervisor in a VM (microseconds each), and the dispatch asks for the
 * signature on every call: it is read once. */
static pthread_once_t signature_once = PTHREAD_ONCE_INIT;
static char signature[128];

static void signature_init(void) {
  char vendor[13] = "unknown";
  unsigned family = 0, model = 0;
#ifdef MHA__X86
  unsigned a, b, c, d;
  if (__get_cpuid(0, &a, &b, &c, &d)) {
    memcpy(vendor, &b, 4);
    memcpy(vendor + 4, &d, 4);
    memcpy(vendor + 8, &c, 4);
    vendor[12] = 0;
  }
  if (__get_cpuid(1, &a, &b, &c, &d)) {
    family = (a >> 8) & 0xf;
    model = (a >> 4) & 0xf;
    if (family == 0xf) family += (a >> 20) & 0xff;
    if (family == 0x6 || family >= 0xf) model |= ((a >> 16) & 0xf) << 4;
  }
#endif
  snprintf(signature, sizeof signature, "%s:%u:%u:%s", vendor, family, model,
           mha__isa_name(mha__cpu_isa_detected()));
}

void mha__cpu_signature(char *buf, size_t n) {
  pthread_once(&signature_once, signature_init);
  if (n) snprintf(buf, n, "%s", signature);
}
