/* signature.c: mha-signature prints this CPU's signature, as the runtime selects a tuned
 * table by it ("AuthenticAMD:26:2:avx512"); `make lib` uses it to find this machine's table. */
#include <stdio.h>

#include "mha_internal.h"

int main(void) {
  char sig[128];
  mha__cpu_signature(sig, sizeof sig);
  puts(sig);
  return 0;
}
