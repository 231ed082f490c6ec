/* tables.h: the tuned tables in a tuned folder, one per machine (tuned/tables/<machine-id>/:
 * mha_table.c, mha_table.tsv), and the winners' sources they name (tuned/kernels/, one
 * folder for all of them). mha-tune writes its own machine's table and regenerates the
 * others from the current templates (tuned/README, "Tables for several CPUs"). */
#ifndef MHA_TABLES_H
#define MHA_TABLES_H

#include "mha_internal.h"

/* One tuned entry, as mha_table.tsv has it. */
typedef struct mha_table_row {
  const mha__kernel *k;
  int d, heads_q, heads_kv, causal, nq_bucket, nk_bucket;
  const char *key; /* the workload it was measured on */
  double gflops;
  int q_type;      /* the workload's Q type (mha_dtype): the entry serves that type */
} mha_table_row;

/* One tuned GEMM entry (mha__gemm_entry), as mha_table.tsv has it: a line "gemm isa m_bucket
 * n k kernel workload gflops". */
typedef struct mha_gemm_row {
  const mha__gemm_kernel *k;
  int m_bucket, n, kdim;
  const char *key; /* the GEMM workload it was measured on */
  double gflops;
} mha_gemm_row;

/* Where a table comes from. measured_with: the templates the rows were measured with, when
 * older than the ones the table is now built from (NULL: the same). */
typedef struct mha_table_meta {
  const char *id, *signature, *cc, *cflags, *created, *measured_with, *regenerated;
} mha_table_meta;

/* Writes tdir/tables/<id>/mha_table.{c,tsv} with the generator's defaults (mha__table_linked,
 * its GEMM slots too), the attention rows and the GEMM rows, and copies the kernels it names
 * from gdir/kernels into tdir/kernels, then removes the sources no table in tdir/tables names.
 * Exits on an error, as mha-tune does. */
void mha_table_write(const char *tdir, const char *gdir, const mha_table_meta *m,
                     const mha_table_row *rows, int n, const mha_gemm_row *grows, int ng);

/* A table's TSV (tdir/tables/<id>/mha_table.tsv), its kernels found in the current registries:
 * 0, or the count of lines it could not use (said on stderr: unreadable, or a kernel the
 * templates no longer make); -1 when there is no TSV. The rows' keys are strdup'd:
 * mha_table_rows_free. */
int mha_table_read(const char *tdir, const char *id, mha_table_row **rows, int *n, mha_gemm_row **grows,
                   int *ng);
void mha_table_rows_free(mha_table_row *rows, int n, mha_gemm_row *grows, int ng);

/* This machine's table (tdir/tables/<id>/): its stamps when it is there (*current: made from
 * the current templates, or regenerated from them by mha_tables_refresh because its kernels'
 * code is unchanged); 0, or -1 when there is none. */
int mha_table_stamp(const char *tdir, const char *id, int *current);

/* Regenerates every table in tdir/tables stamped with other templates than the current ones,
 * when every kernel its TSV names is in the registries (and, for this CPU's own table (sig),
 * when each generates the same code from the current templates as the table shipped, banner
 * aside: then what was measured is what ships), and rewrites a
 * current one an older mha-tune wrote (defined as mha__table_linked) in this form, after
 * moving a table of the one-table layout (tdir/mha_table.c) into tables/<machine-id>/; says
 * on stderr what it did with each. Returns how many tables it could not regenerate. */
int mha_tables_refresh(const char *tdir, const char *gdir, const char *sig);

#endif
