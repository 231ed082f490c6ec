/* journal.c: the tune's journal (one TSV line per measurement, flushed as written, so an
 * interrupted tune resumes with nothing measured twice) and the workloads file. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tune.h"
#include "util.h" /* mha_kv_parse */

/* A whole number lo .. hi from the start of s, where it must end at one of the characters in
 * ends; the end in *end. -1 when it is not one. */
static long whole(const char *s, long lo, long hi, const char *ends, const char **end) {
  char *e;
  errno = 0;
  long v = isdigit((unsigned char)*s) ? strtol(s, &e, 10) : -1;
  if (v < 0 || errno || v < lo || v > hi || !strchr(ends, *e)) return -1;
  *end = e;
  return v;
}

/* The options after the columns: [kv] then qo=T, window=N, softcap=X, lens=a,b,... (each once).
 * Fills x and appends their key suffixes; NULL, or why the line is refused. */
static const char *options(char *s, mha_workload *x, char *kv, size_t kvlen) {
  mha_attention_desc *d = &x->desc;
  int ntok = 0, nlens = 0;
  char sfx[MHA_KEY_LEN] = "";
  size_t at = 0;
#define SFX(...) at += (size_t)snprintf(sfx + at, at < sizeof sfx ? sizeof sfx - at : 0, __VA_ARGS__)
  for (char *tok; (tok = strtok(s, " \t\r\n")); s = NULL, ntok++) {
    const char *e, *v = strchr(tok, '=');
    if (*tok == '#') break;
    if (!v) { /* the K/V type: first or not at all */
      if (ntok) return "a word without '=' may only be kv, right after causal";
      if ((d->kv_type = mha_kv_parse(tok)) < 0) return "kv is not f32, f16, bf16 or q8_0";
      if (d->kv_type == MHA_Q8_0 && d->head_dim % 32) return "kv q8_0 needs d a multiple of 32";
      snprintf(kv, kvlen, "%s", tok);
      continue;
    }
    v++;
    if (!strncmp(tok, "qo=", 3)) {
      if (d->q_type) return "qo= given twice";
      if ((d->q_type = d->o_type = mha_qo_parse(v)) <= MHA_F32) return "qo= is not bf16 or f16";
    } else if (!strncmp(tok, "window=", 7)) {
      if (d->window) return "window= given twice";
      if ((d->window = (int)whole(v, 1, 1 << 30, "", &e)) < 0) return "window= is not a whole number > 0";
      if (!d->causal) return "window= needs causal 1";
    } else if (!strncmp(tok, "softcap=", 8)) {
      char *end;
      if (d->softcap > 0) return "softcap= given twice";
      d->softcap = strtof(v, &end);
      if (end == v || *end || !(d->softcap > 0) || !isfinite(d->softcap)) return "softcap= is not a number > 0";
    } else if (!strncmp(tok, "lens=", 5)) {
      if (nlens) return "lens= given twice";
      _Static_assert(MHA_WORKLOAD_LENS == 16, "the messages say 16");
      if (d->batch > MHA_WORKLOAD_LENS) return "lens= takes at most 16 sequences (B <= 16)";
      e = v;
      for (const char *p = v; nlens < d->batch; p = e + 1) {
        long n = whole(p, 0, d->seq_kv, ",", &e);
        if (n < 0) return "lens= is not B lengths, each 0 .. Nk, separated by commas";
        x->lens[nlens++] = (int)n;
        if (!*e) break;
      }
      if (nlens != d->batch || *e) return "lens= is not B lengths, each 0 .. Nk, separated by commas";
    } else {
      return "unknown option (qo=, window=, softcap=, lens=)";
    }
  }
  if (d->q_type) SFX("/qo-%s", mha_kv_name(d->q_type));
  if (d->window) SFX("/w%d", d->window);
  if (d->softcap > 0) SFX("/sc%g", d->softcap);
  for (int b = 0; b < nlens; b++) SFX(b ? "-%d" : "/lens-%d", x->lens[b]);
#undef SFX
  /* A KV type other than f32 ends the base key, so an f32 workload keeps the key it always
   * had; each option adds its suffix only when set, so a workload without keeps its key. */
  size_t n = (size_t)snprintf(x->key, sizeof x->key, "%s/%s/B%d/Hq%d/Hkv%d/Nq%d/Nk%d/d%d/c%d%s%s%s", x->model, x->phase,
                              d->batch, d->heads_q, d->heads_kv, d->seq_q, d->seq_kv, d->head_dim, d->causal,
                              d->kv_type ? "/kv-" : "", d->kv_type ? kv : "", sfx);
  if (at >= sizeof sfx || n >= sizeof x->key) return "the workload's key is too long";
  d->seq_kv_lens = nlens ? x->lens : NULL; /* a flag until the array is final */
  return NULL;
}

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
    const char *why = NULL;
    int used = 0;
    if (sscanf(s, "%31s %15s %d %d %d %d %d %d %d%n", x.model, x.phase, &d->batch, &d->heads_q,
               &d->heads_kv, &d->seq_q, &d->seq_kv, &d->head_dim, &d->causal, &used) != 9 ||
        d->batch < 1 || d->heads_q < 1 || d->heads_kv < 1 || d->heads_q % d->heads_kv ||
        d->seq_q < 1 || d->seq_kv < 1 || d->head_dim < 1 || (d->causal != 0 && d->causal != 1))
      why = "not nine columns of valid sizes";
    else
      why = options(s + used, &x, kv, sizeof kv);
    if (why) {
      snprintf(err, errlen,
               "%s:%d: %s: expected 'model phase B Hq Hkv Nq Nk d causal [kv] [qo=T] [window=N] [softcap=X] "
               "[lens=a,b,...]' with valid sizes, kv f32, f16, bf16 or q8_0 (d a multiple of 32), qo bf16 or "
               "f16, window N > 0 (causal 1 only), softcap X > 0, lens B lengths each 0 .. Nk (B <= 16)",
               path, lineno, why);
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
  /* The array moved as it grew: only now may a desc point into its own workload. */
  for (int i = 0; i < n; i++)
    if (w[i].desc.seq_kv_lens) w[i].desc.seq_kv_lens = w[i].lens;
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
      if (sscanf(line, "%255[^\t]\t%95[^\t]\t%d\t%15[^\t]\t%lf\t%lf\t%lf\t%d\t%199[^\n]", r.key, r.kernel,
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
