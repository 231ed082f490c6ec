/* mha_internal.h: the runtime's hidden internals, one header per layer, and the top layer's
 * own (mha.c). Not installed for users; the harness and the tests use it. */
#ifndef MHA_INTERNAL_H
#define MHA_INTERNAL_H

#include <stddef.h>

#include "mha.h"
#include "mha_cpu.h"
#include "mha_dispatch.h"
#include "mha_kernel.h"
#include "mha_rows.h"
#include "mha_run.h"
#include "mha_table.h"
#include "mha_team.h"

/* The runtime is a one-way street: mha.c (the public entry points and validation) uses
 * mha_dispatch.c (which kernel) and mha_run.c (the plan and the execution); those
 * use mha_rows.c, mha_team.c (threads) and mha_cpu.c below them, and nothing uses a file above it. */

/* mha.c */
MHA__HIDDEN int mha__validate(const mha_attention_desc *desc, const void *q, const void *k,
                              const void *v, const void *o);
/* The whole call with a given kernel: validate, plan, execute. MHA_EKERNEL when k does
 * not apply to desc (its head dim, group, KV or Q type) or this CPU cannot run it. */
MHA__HIDDEN int mha__attention_with(const mha_attention_desc *desc, const mha__kernel *k,
                                    const void *q, const void *k_, const void *v, void *o);

#endif /* MHA_INTERNAL_H */
