/* machine.h: what hwloc and CPUID say about this machine, and its stable id. */
#ifndef MHA_MACHINE_H
#define MHA_MACHINE_H

#include <stddef.h>

typedef struct mha_machine {
  char vendor[32];   /* "AuthenticAMD" */
  char model[96];    /* "AMD EPYC 9B45 ..." as the CPU names itself */
  int family, model_number;
  int cores, pus;    /* physical cores, logical processors (in this process's cpuset) */
  size_t l1d, l2, l3; /* bytes per cache instance, 0 when unknown */
  int isa;           /* MHA__ISA_* the CPU and OS support */
  char id[128];      /* stable id naming results/: amd-epyc-f26m2-2c-avx512 */
} mha_machine;

/* "scalar", "avx2" or "avx512" for an MHA__ISA_* value; "?" for another. */
const char *mha_isa_name(int isa);

/* Fills m from hwloc (topology, caches) and CPUID (features). 0 or -1 with a message in err. */
int mha_machine_probe(mha_machine *m, char *err, size_t errlen);

#endif
