/* machine_info.c: `mha-machine [--json] [--budget S]`: what mhatune knows about this machine
 * (id, model, cores, caches, ISA), whether it has hardware counters, and its measured FMA peak
 * and memory bandwidth. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "counters.h"
#include "machine.h"
#include "peak.h"


/* s with '"' and '\\' escaped and control characters dropped, for JSON. */
static const char *js(const char *s) {
  static char b[4][640];
  static int k;
  char *o = b[k++ & 3];
  size_t n = 0;
  for (; *s && n + 3 < sizeof b[0]; s++) {
    if (*s == '"' || *s == '\\') o[n++] = '\\';
    if ((unsigned char)*s >= 0x20) o[n++] = *s;
  }
  o[n] = 0;
  return o;
}

int main(int argc, char **argv) {
  int json = 0;
  double budget = 8.0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--json"))
      json = 1;
    else if (!strcmp(argv[i], "--budget") && i + 1 < argc)
      budget = atof(argv[++i]);
    else {
      fprintf(stderr, "usage: mha-machine [--json] [--budget SECONDS]\n");
      return 2;
    }
  }
  char err[256], cmsg[320];
  mha_machine m;
  if (mha_machine_probe(&m, err, sizeof err) != 0) {
    fprintf(stderr, "mha-machine: %s\n", err);
    return 1;
  }
  mha_counters c;
  int nc = mha_counters_open(&c, cmsg, sizeof cmsg);
  mha_counters_close(&c);
  mha_peak p;
  int rc = mha_peak_measure(&m, &p, budget);
  if (rc == -1) {
    fprintf(stderr, "mha-machine: could not measure the peak\n");
    return 1;
  }

  if (json) {
    printf("{\n  \"id\": \"%s\",\n  \"vendor\": \"%s\",\n  \"model\": \"%s\",\n  \"family\": %d, \"model_number\": %d,\n"
           "  \"cores\": %d, \"pus\": %d,\n  \"l1d_bytes\": %zu, \"l2_bytes\": %zu, \"l3_bytes\": %zu,\n"
           "  \"isa\": \"%s\",\n  \"counters\": {\"available\": %d, \"message\": \"%s\"},\n  \"peak_gflops\": {",
           js(m.id), js(m.vendor), js(m.model), m.family, m.model_number, m.cores, m.pus, m.l1d, m.l2, m.l3,
           mha_isa_name(m.isa), nc, js(cmsg));
    const char *sep = "";
    for (int i = 0; i < MHA_PEAK_ISAS; i++) {
      if (p.gflops_one[i] <= 0) continue;
      printf("%s\n    \"%s\": {\"one\": %.1f, \"all\": %.1f, \"chains\": %d}", sep, mha_isa_name(i), p.gflops_one[i],
             p.gflops_all[i], p.chains[i]);
      sep = ",";
    }
    printf("\n  },\n  \"read_gbs\": {\"one\": %.1f, \"all\": %.1f},\n  \"copy_gbs\": {\"one\": %.1f, \"all\": %.1f},\n"
           "  \"threads\": %d, \"pinned\": %s, \"buffer_bytes\": %zu, \"seconds\": %.2f, \"error\": \"%s\"\n}\n",
           p.read_gbs_one, p.read_gbs_all, p.copy_gbs_one, p.copy_gbs_all, p.threads, p.pinned ? "true" : "false",
           p.buffer_bytes, p.seconds, js(p.error));
  } else {
    printf("machine   %s\nmodel     %s (%s, family %d model %d)\ncores     %d (%d logical)\n", m.id, m.model,
           m.vendor, m.family, m.model_number, m.cores, m.pus);
    printf("caches    L1d %zu KiB, L2 %zu KiB, L3 %zu KiB (per instance)\nisa       %s\ncounters  %s\n", m.l1d >> 10,
           m.l2 >> 10, m.l3 >> 10, mha_isa_name(m.isa), cmsg);
    printf("measured in %.1f s, %d thread%s %s:\n", p.seconds, p.threads, p.threads == 1 ? "" : "s",
           p.pinned ? "pinned one per core" : "NOT pinned");
    for (int i = 0; i < MHA_PEAK_ISAS; i++)
      if (p.gflops_one[i] > 0)
        printf("  %-7s FP32 peak %8.1f GFLOP/s 1 thread, %8.1f all (%d chains)\n", mha_isa_name(i), p.gflops_one[i],
               p.gflops_all[i], p.chains[i]);
    printf("  read      %8.1f GB/s 1 thread, %8.1f all\n  copy      %8.1f GB/s 1 thread, %8.1f all  (%zu MiB buffer)\n",
           p.read_gbs_one, p.read_gbs_all, p.copy_gbs_one, p.copy_gbs_all, p.buffer_bytes >> 20);
    if (p.error[0]) printf("  missing: %s\n", p.error);
  }
  return rc ? 1 : 0;
}
