/* journal.c: the tune's journal (one TSV line per measurement, flushed as written, so an
 * interrupted tune resumes with nothing measured twice) and the workloads file. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tune.h"
#include "util.h" /* mha_kv_parse */

int mha_workloads_read(const char *path, const char *models, mha_workload **out, char *err,
                       size_t errlen) {
  FILE *f = fopen(path, "r");
  if (!f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
  }
  mha_workload *w = NULL;
  int n = 0, cap = 0, lineno = 0;
  char line[512];
  while (fgets(line, sizeof line, f)) {
    lineno++;
    char *s = line;
    while (isspace((unsigned char)*s)) s++;
    if (!*s || *s == '#') continue;
    mha_workload x;
    memset(&x, 0, sizeof x);
    mha_attention_desc *d = &x.desc;
    char kv[16] = "f32";
    int used = 0;
    if (sscanf(s, "%31s %15s %d %d %d %d %d %d %d%n", x.model, x.phase, &d->batch, &d->heads_q,
               &d->heads_kv, &d->seq_q, &d->seq_kv, &d->head_dim, &d->causal, &used) != 9 ||
        d->batch < 1 || d->heads_q < 1 || d->heads_kv < 1 || d->heads_q % d->heads_kv ||
        d->seq_q < 1 || d->seq_kv < 1 || d->head_dim < 1 || (d->causal != 0 && d->causal != 1) ||
        (sscanf(s + used, "%15s", kv) == 1 && kv[0] != '#' &&
         ((d->kv_type = mha_kv_parse(kv)) < 0 || (d->kv_type == MHA_Q8_0 && d->head_dim % 32)))) {
      snprintf(err, errlen,
               "%s:%d: expected 'model phase B Hq Hkv Nq Nk d causal [kv]' with valid sizes and kv f32, "
               "f16, bf16 or q8_0 (d a multiple of 32)",
               path, lineno);
      free(w);
      fclose(f);
      return -1;
    }
    if (models && *models) {
      int keep = 0;
      size_t ml = strlen(x.model);
      for (const char *m = models; *m;) {
        const char *e = strchr(m, ',');
        size_t l = e ? (size_t)(e - m) : strlen(m);
        if (l == ml && !strncmp(m, x.model, l)) keep = 1;
        m += l + (e != NULL);
      }
      if (!keep) continue;
    }
    /* A KV type other than f32 ends the key, so an f32 workload keeps the key it always had. */
    snprintf(x.key, sizeof x.key, "%s/%s/B%d/Hq%d/Hkv%d/Nq%d/Nk%d/d%d/c%d%s%s", x.model, x.phase,
             d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal,
             d->kv_type ? "/kv-" : "", d->kv_type ? kv : "");
    if (n == cap) {
      cap = cap ? 2 * cap : 16;
      mha_workload *nw = realloc(w, sizeof *w * (size_t)cap);
      if (!nw) {
        free(w);
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
      }
      w = nw;
    }
    w[n++] = x;
  }
  fclose(f);
  if (n == 0) {
    snprintf(err, errlen, "%s: no workload%s%s", path, models && *models ? " for models " : "",
             models && *models ? models : "");
    free(w);
    return -1;
  }
  *out = w;
  return n;
}

static int push(mha_journal *j, const mha_jrec *r) {
  if (j->n == j->cap) {
    int cap = j->cap ? 2 * j->cap : 256;
    mha_jrec *nr = realloc(j->recs, sizeof *nr * (size_t)cap);
    if (!nr) return -1;
    j->recs = nr;
    j->cap = cap;
  }
  j->recs[j->n++] = *r;
  return 0;
}

int mha_journal_open(mha_journal *j, const char *path, char *err, size_t errlen) {
  memset(j, 0, sizeof *j);
  FILE *f = fopen(path, "r");
  if (f) {
    char line[1024];
    while (fgets(line, sizeof line, f)) {
      mha_jrec r;
      memset(&r, 0, sizeof r);
      if (line[0] == '#' || !strchr(line, '\n')) continue; /* header, or a line cut by a kill */
      if (sscanf(line, "%159[^\t]\t%95[^\t]\t%d\t%15[^\t]\t%lf\t%lf\t%lf\t%d\t%199[^\n]", r.key, r.kernel,
                 &r.round, r.status, &r.median_s, &r.cv, &r.gflops, &r.reps, r.note) < 8)
        continue;
      if (!strcmp(r.note, "-")) r.note[0] = 0;
      if (push(j, &r) != 0) {
        fclose(f);
        snprintf(err, errlen, "out of memory");
        return -1;
      }
    }
    fclose(f);
  }
  j->f = fopen(path, "a");
  if (!j->f) {
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    free(j->recs);
    return -1;
  }
  if (ftell(j->f) == 0)
    fprintf(j->f, "# key\tkernel\tround\tstatus\tmedian_s\tcv\tgflops\treps\tnote\n");
  fflush(j->f);
  return 0;
}

const mha_jrec *mha_journal_find(const mha_journal *j, const char *key, const char *kernel, int round) {
  for (int i = j->n - 1; i >= 0; i--) {
    const mha_jrec *r = &j->recs[i];
    if (r->round == round && !strcmp(r->kernel, kernel) && !strcmp(r->key, key)) return r;
  }
  return NULL;
}

int mha_journal_add(mha_journal *j, const mha_jrec *r) {
  char note[200];
  snprintf(note, sizeof note, "%s", r->note[0] ? r->note : "-");
  for (char *c = note; *c; c++)
    if (*c == '\t' || *c == '\n') *c = ' ';
  fprintf(j->f, "%s\t%s\t%d\t%s\t%.9g\t%.4g\t%.4g\t%d\t%s\n", r->key, r->kernel, r->round, r->status,
          r->median_s, r->cv, r->gflops, r->reps, note);
  fflush(j->f);
  return push(j, r);
}

void mha_journal_close(mha_journal *j) {
  if (j->f) fclose(j->f);
  free(j->recs);
  memset(j, 0, sizeof *j);
}
