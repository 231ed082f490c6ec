/* mha_cpu.h: what the CPU and the OS let the runtime run (mha_cpu.c), the bottom of the runtime. Not installed for users. */
#ifndef MHA_CPU_H
#define MHA_CPU_H

#include <stddef.h>
#include "mha_kernel.h"

MHA__HIDDEN int mha__cpu_isa_detected(void); /* highest MHA__ISA_* the CPU and OS support */
MHA__HIDDEN int mha__cpu_isa(void); /* detected, capped by MHA_CPU=scalar|avx2|avx512|avx512bf16|amx */
MHA__HIDDEN const char *mha__isa_name(int isa);
MHA__HIDDEN void mha__cpu_signature(char *buf, size_t n); /* "AuthenticAMD:26:2:avx512" */
/* The raw registers detection reads; leaves past max_leaf (sub-leaves past l7_eax) and XCR0
 * without OSXSAVE may hold anything: the decoder ignores them. */
typedef struct mha__cpuid_regs {
  unsigned max_leaf;                       /* CPUID.0:EAX */
  unsigned l1_ecx;                         /* CPUID.1:ECX */
  unsigned l7_eax, l7_ebx, l7_ecx, l7_edx; /* CPUID.(7,0); EAX: the highest sub-leaf */
  unsigned l7s1_eax;                       /* CPUID.(7,1):EAX */
  unsigned long long xcr0;                 /* XGETBV(0) */
} mha__cpuid_regs;
/* The CPU feature bits (MHA__CPU_*) are in mha_kernel.h: a kernel names those it needs. */
MHA__HIDDEN unsigned mha__cpu_flags_from_cpuid(const mha__cpuid_regs *r); /* pure */
MHA__HIDDEN int mha__isa_from_flags(unsigned flags);                       /* pure */
MHA__HIDDEN int mha__isa_from_cpuid(const mha__cpuid_regs *r);             /* pure */
MHA__HIDDEN unsigned mha__cpu_flags(void); /* this CPU's, read once; MHA_CPU does not cap them */
MHA__HIDDEN unsigned mha__cpu_features(void); /* this CPU's flags as MHA_CPU caps them */
/* Both at once (one read of MHA_CPU): returns mha__cpu_isa(), *features mha__cpu_features(). */
MHA__HIDDEN int mha__cpu_cap(unsigned *features);

#endif /* MHA_CPU_H */
