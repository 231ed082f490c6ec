/* mha_table.h: the shape of a dispatch table. A table is generated C: the heuristic
 * default one by the generator (build/gen/default_table.c, as mha__table_linked), a tuned
 * one per machine by `make tune` (tuned/tables/<machine-id>/mha_table.c, as
 * mha__table_<machine_id>). A library links every tuned table it has, or the default one
 * alone, and lists them in mha__tables (a file tuned/tuned.mk writes); the dispatch picks
 * one by CPU signature (mha__table_select). */
#ifndef MHA_TABLE_H
#define MHA_TABLE_H

#include "mha_kernel.h"

#include "mha_dclass.h"

MHA__HIDDEN int mha__dclass(int d); /* index into the list above; 0 when d has no class */

/* Sequence-length buckets of the dispatch key: 0: n == 1, 1: <= 16, 2: <= 128,
 * 3: <= 512, 4: <= 2048, 5: larger. */
enum { MHA__SEQ_BUCKETS = 6, MHA__FEW_ROWS = 8 };
/* Few-rows defaults per grouping: slot i holds a kernel with g = 1 << i. */
enum { MHA__FEW_G = 4 };
/* Kernel forms per native_q slot: AMX-BF16, AVX512_BF16. */
enum { MHA__NATIVE_FORMS = 2 };
MHA__HIDDEN int mha__seq_bucket(int n);

typedef struct mha__table_entry {
  int isa;                  /* the ISA the kernel needs (its kernel's isa) */
  int d, heads_q, heads_kv; /* exact values */
  int causal;
  int nq_bucket, nk_bucket; /* mha__seq_bucket(); -1 matches any */
  const mha__kernel *kernel;
  int q_type;               /* the Q type it was tuned for (mha_dtype); serves that type only,
                               and F32's entries serve F16 too (both run fp32 kernels) */
} mha__table_entry;

/* A tuned GEMM winner (mha_gemm.h): for C = A W^T of exactly n columns and depth k, and m
 * rows in bucket m_bucket (mha__seq_bucket of m; -1 matches any). */
typedef struct mha__gemm_entry {
  int isa;
  int m_bucket;
  int n, k;
  const mha__gemm_kernel *kernel;
} mha__gemm_entry;

typedef struct mha__table {
  const char *machine_id;    /* "amd-epyc-9b45-2c-avx512", or "default" */
  const char *cpu_signature; /* mha__cpu_signature() of the tuning CPU; "" for any CPU */
  const char *template_hash; /* of the templates the kernels were generated from */
  /* created: when the entries were measured, and for a table regenerated from newer templates
   * than it was measured with (tuned/README), "<date> (measured with templates <hash>;
   * regenerated <date>)". */
  const char *compiler, *cflags, *created;
  const mha__kernel *const *catalog; /* every kernel linked (MHA_KERNEL picks among them) */
  int catalog_count;
  /* Pass one (BLIS-style): a kernel per KV type, ISA and head-dim class; [kv][isa][0] is
   * never NULL. */
  const mha__kernel *defaults[MHA__KV_COUNT][MHA__ISA_COUNT][MHA__DCLASS_COUNT];
  /* The same for calls with at most MHA__FEW_ROWS query rows (decoding), where kernels that
   * tile many rows waste their work, one per grouping g = 1 << i so that a GQA group's heads
   * share each K/V read; NULL slots fall back to defaults. */
  const mha__kernel *few_rows[MHA__KV_COUNT][MHA__ISA_COUNT][MHA__DCLASS_COUNT][MHA__FEW_G];
  /* Pass two: tuned winners for exact keys, over the defaults; an entry also serves the
   * neighbouring keys (mha_dispatch.c, entry_score). */
  const mha__table_entry *entries;
  int entry_count;
  /* Pass one's first choice for a call whose Q is bf16 and whose query rows are more than
   * MHA__FEW_ROWS, per KV type and head-dim class: kernels that read bf16 Q themselves and
   * multiply in bf16 (kernel q_type BF16), in order (AMX tiles, then AVX512_BF16), the first
   * whose needs the CPU, as MHA_CPU caps it, has. NULL slots: the defaults above (Q widened). */
  const mha__kernel *native_q[MHA__KV_COUNT][MHA__DCLASS_COUNT][MHA__NATIVE_FORMS];
  /* GEMM (mha_gemm.h), for the layer's projections: every GEMM kernel linked; per ISA the
   * generator's default (gemm_defaults[isa], NULL where the ISA has none) and, with panels of
   * the same width so that one packing of the weights serves both, the default for calls of at
   * most MHA__FEW_ROWS rows (decoding); and the tuned winners. */
  const mha__gemm_kernel *const *gemm_catalog;
  int gemm_catalog_count;
  const mha__gemm_kernel *gemm_defaults[MHA__ISA_COUNT];
  const mha__gemm_kernel *gemm_few_rows[MHA__ISA_COUNT];
  const mha__gemm_entry *gemm_entries;
  int gemm_entry_count;
} mha__table;

extern MHA__HIDDEN const mha__table mha__table_linked; /* the default table, where linked */

/* The tables a library links, in machine-id order; never empty, and every one carries the
 * generator's defaults of the library's templates. */
extern MHA__HIDDEN const mha__table *const mha__tables[];
extern MHA__HIDDEN const int mha__table_count;

/* How a table suits a CPU. */
enum { MHA__MATCH_NONE = 0, MHA__MATCH_NEAREST = 1, MHA__MATCH_EXACT = 2 };
/* Pure: the table of tables[0 .. n) for a CPU whose mha__cpu_signature() is sig: the one
 * tuned on the same signature (exact), else the nearest with the same vendor and ISA (the
 * same family first, then the nearest model), else NULL (the defaults); *match says which.
 * A table with no entries or no signature is never chosen; ties go to the first listed. */
MHA__HIDDEN const mha__table *mha__table_select(const mha__table *const *tables, int n,
                                                const char *sig, int *match);
/* Pure: the MHA_DEBUG line (no newline) saying which table serves a CPU of signature sig and why. */
MHA__HIDDEN void mha__table_describe(char *buf, size_t len, const mha__table *const *tables,
                                     int n, const char *sig);

#endif /* MHA_TABLE_H */
