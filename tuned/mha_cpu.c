/* mha_cpu.c: what the CPU and the OS let us run (CPUID, XGETBV), the MHA_CPU cap,
 * and the CPU signature a tuned table is stamped with. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha_internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define MHA__X86 1
#endif

static const char *const isa_names[MHA__ISA_COUNT] = {"scalar", "avx2", "avx512"};

const char *mha__isa_name(int isa) {
  return isa >= 0 && isa < MHA__ISA_COUNT ? isa_names[isa] : "unknown";
}

#ifdef MHA__X86
static unsigned long long xgetbv0(void) {
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return ((unsigned long long)hi << 32) | lo;
}

static int detect(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return MHA__ISA_SCALAR;
  const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (!osxsave || !avx || !fma) return MHA__ISA_SCALAR;
  const unsigned long long xcr0 = xgetbv0();
  if ((xcr0 & 0x6) != 0x6) return MHA__ISA_SCALAR; /* XMM and YMM state */
  if (__get_cpuid_max(0, NULL) < 7) return MHA__ISA_SCALAR;
  __cpuid_count(7, 0, a, b, c, d);
  const int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1, avx512dq = (b >> 17) & 1;
  if (!avx2) return MHA__ISA_SCALAR;
  if (avx512f && avx512dq && (xcr0 & 0xe0) == 0xe0) return MHA__ISA_AVX512; /* opmask, ZMM */
  return MHA__ISA_AVX2;
}
#else
static int detect(void) { return MHA__ISA_SCALAR; }
#endif

static pthread_once_t detect_once = PTHREAD_ONCE_INIT;
static int detected;
static void detect_init(void) { detected = detect(); }

int mha__cpu_isa_detected(void) {
  pthread_once(&detect_once, detect_init);
  return detected;
}

int mha__cpu_isa(void) {
  static atomic_int warned;
  int isa = mha__cpu_isa_detected();
  const char *e = getenv("MHA_CPU");
  if (!e || !*e) return isa;
  for (int i = 0; i < MHA__ISA_COUNT; i++)
    if (!strcmp(e, isa_names[i])) return i < isa ? i : isa; /* a cap never raises */
  if (!atomic_exchange(&warned, 1))
    fprintf(stderr, "mha: MHA_CPU=%s is not scalar, avx2 or avx512; ignored\n", e);
  return isa;
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
