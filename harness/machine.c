/* machine.c: learn the machine with hwloc (cores, caches, CPU model) and build its id. */
#include "machine.h"

#include <ctype.h>
#include <hwloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha_internal.h" /* mha__cpu_isa_detected */

static size_t cache_size(hwloc_topology_t t, hwloc_obj_type_t type) {
  hwloc_obj_t o = hwloc_get_obj_by_type(t, type, 0);
  return o && o->attr ? (size_t)o->attr->cache.size : 0;
}

/* Lower-case words of s joined by '-', at most `words` of them, skipping noise. */
static void slug(char *out, size_t n, const char *s, int words) {
  size_t k = 0;
  int w = 0;
  while (*s && w < words) {
    while (*s && !isalnum((unsigned char)*s)) s++;
    const char *b = s;
    while (isalnum((unsigned char)*s)) s++;
    size_t len = (size_t)(s - b);
    if (!len) break;
    if ((len == 3 && !strncasecmp(b, "cpu", 3)) || (len == 9 && !strncasecmp(b, "processor", 9)) ||
        (len == 4 && !strncasecmp(b, "core", 4)))
      continue;
    for (size_t i = 0; i < len && k + 2 < n; i++) {
      if (k && i == 0) out[k++] = '-';
      out[k++] = (char)tolower((unsigned char)b[i]);
    }
    w++;
  }
  out[k] = 0;
}

const char *mha_isa_name(int isa) {
  static const char *const names[] = {"scalar", "avx2", "avx512"}; /* MHA__ISA_* order */
  return isa >= 0 && isa < (int)(sizeof names / sizeof *names) ? names[isa] : "?";
}

int mha_machine_probe(mha_machine *m, char *err, size_t errlen) {
  hwloc_topology_t t;
  memset(m, 0, sizeof *m);
  if (hwloc_topology_init(&t) < 0 || hwloc_topology_load(t) < 0) {
    snprintf(err, errlen, "hwloc could not load the topology");
    return -1;
  }
  hwloc_obj_t root = hwloc_get_root_obj(t);
  hwloc_obj_t pkg = hwloc_get_obj_by_type(t, HWLOC_OBJ_PACKAGE, 0);
  const char *v = pkg ? hwloc_obj_get_info_by_name(pkg, "CPUVendor") : NULL;
  const char *mo = pkg ? hwloc_obj_get_info_by_name(pkg, "CPUModel") : NULL;
  const char *fam = pkg ? hwloc_obj_get_info_by_name(pkg, "CPUFamilyNumber") : NULL;
  const char *mn = pkg ? hwloc_obj_get_info_by_name(pkg, "CPUModelNumber") : NULL;
  if (!v) v = hwloc_obj_get_info_by_name(root, "CPUVendor");
  if (!mo) mo = hwloc_obj_get_info_by_name(root, "CPUModel");
  snprintf(m->vendor, sizeof m->vendor, "%s", v ? v : "unknown");
  snprintf(m->model, sizeof m->model, "%s", mo ? mo : "unknown");
  for (size_t l = strlen(m->model); l > 0 && isspace((unsigned char)m->model[l - 1]); l--) m->model[l - 1] = 0;
  m->family = fam ? atoi(fam) : -1;
  m->model_number = mn ? atoi(mn) : -1;
  m->cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
  m->pus = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_PU);
  if (m->cores < 1) m->cores = m->pus > 0 ? m->pus : 1;
  m->l1d = cache_size(t, HWLOC_OBJ_L1CACHE);
  m->l2 = cache_size(t, HWLOC_OBJ_L2CACHE);
  m->l3 = cache_size(t, HWLOC_OBJ_L3CACHE);
  hwloc_topology_destroy(t);
  m->isa = mha__cpu_isa_detected(); /* the runtime's own rule: one CPU-feature module */

  char model[64];
  slug(model, sizeof model, m->model, 3);
  snprintf(m->id, sizeof m->id, "%s-f%dm%d-%dc-%s", model[0] ? model : "cpu", m->family,
           m->model_number, m->cores, mha_isa_name(m->isa));
  return 0;
}
