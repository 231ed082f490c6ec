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

/* Where a table comes from. measured_with: the templates the rows were measured with, when
 * older than the ones the table is now built from (NULL: the same). */
typedef struct mha_table_meta {
  const char *id, *signature, *cc, *cflags, *created, *measured_with, *regenerated;
} mha_table_meta;

/* Writes tdir/tables/<id>/mha_table.{c,tsv} with the generator's defaults (mha__table_linked)
 * and copies the kernels it names from gdir/kernels into tdir/kernels, then removes the
 * sources no table in tdir/tables names. Exits on an error, as mha-tune does. */
void mha_table_write(const char *tdir, const char *gdir, const mha_table_meta *m,
                     const mha_table_row *rows, int n);

/* Regenerates every table in tdir/tables stamped with other templates than the current ones,
 * except this CPU's (sig), when every kernel its TSV names is in the registry, and rewrites a
 * current one an older mha-tune wrote (defined as mha__table_linked) in this form, after
 * moving a table of the one-table layout (tdir/mha_table.c) into tables/<machine-id>/; says
 * on stderr what it did with each. Returns how many tables it could not regenerate. */
int mha_tables_refresh(const char *tdir, const char *gdir, const char *sig);

#endif
