/* fuzz_journal: libFuzzer over the files the tuner reads back (harness/journal.c): the
 * input, written to a file, is read as a journal and as a workloads file. Checks: no crash or
 * sanitizer report; every record read is NUL-terminated within its fields and found again by
 * its key; a record appended after loading is found and reads back the same; a workload has
 * valid sizes and a key. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tune.h"

static char path[64];

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "fuzz_journal: %s\n", what);
    abort();
  }
}

static int terminated(const char *s, size_t n) { return memchr(s, 0, n) != NULL; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!path[0]) snprintf(path, sizeof path, "/tmp/fuzz_journal.%ld.tsv", (long)getpid());
  FILE *f = fopen(path, "wb");
  if (!f) abort();
  if (size && fwrite(data, 1, size, f) != size) abort();
  fclose(f);

  char err[256];
  mha_journal j;
  if (mha_journal_open(&j, path, err, sizeof err) == 0) {
    check(j.n >= 0 && j.n <= j.cap, "record count out of range");
    for (int i = 0; i < j.n; i++) {
      const mha_jrec *r = &j.recs[i];
      check(terminated(r->key, sizeof r->key) && terminated(r->kernel, sizeof r->kernel) &&
                terminated(r->status, sizeof r->status) && terminated(r->note, sizeof r->note),
            "a field is not NUL-terminated");
      const mha_jrec *g = mha_journal_find(&j, r->key, r->kernel, r->round);
      check(g && g >= r, "a record is not found by its own key"); /* the latest one wins */
    }
    mha_jrec add;
    memset(&add, 0, sizeof add);
    snprintf(add.key, sizeof add.key, "fuzz/key");
    snprintf(add.kernel, sizeof add.kernel, "fuzz_kernel");
    snprintf(add.status, sizeof add.status, "ok");
    snprintf(add.note, sizeof add.note, "a\tnote\nwith breaks");
    add.round = 7, add.median_s = 1e-3, add.reps = 3;
    check(mha_journal_add(&j, &add) == 0, "append failed");
    const mha_jrec *g = mha_journal_find(&j, "fuzz/key", "fuzz_kernel", 7);
    check(g && g->reps == 3, "an appended record is not found");
    mha_journal_close(&j);
  }

  mha_workload *w = NULL;
  const int n = mha_workloads_read(path, size & 1 ? "llama,fuzz" : NULL, &w, err, sizeof err);
  check(n == -1 || (n > 0 && w), "workloads: neither a list nor an error");
  for (int i = 0; i < n; i++) {
    const mha_attention_desc *d = &w[i].desc;
    check(d->batch >= 1 && d->heads_q >= 1 && d->heads_kv >= 1 && d->heads_q % d->heads_kv == 0 &&
              d->seq_q >= 1 && d->seq_kv >= 1 && d->head_dim >= 1 &&
              (d->causal == 0 || d->causal == 1),
          "workloads: invalid sizes accepted");
    check(terminated(w[i].key, sizeof w[i].key) && terminated(w[i].model, sizeof w[i].model),
          "workloads: a field is not NUL-terminated");
  }
  free(w);
  unlink(path);
  return 0;
}
