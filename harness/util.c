/* util.c: see util.h. */
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "reference.h" /* mha_ref_put, mha_ref_row_bytes */

double mha_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

void mha_sb_printf(mha_sbuf *b, const char *fmt, ...) {
  if (b->oom) return;
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (k < 0) return;
  if (b->n + (size_t)k + 1 > b->cap) {
    size_t cap = (b->n + (size_t)k + 1) * 2;
    char *s = realloc(b->s, cap);
    if (!s) {
      b->oom = 1;
      return;
    }
    b->s = s, b->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->n, b->cap - b->n, fmt, ap);
  va_end(ap);
  b->n += (size_t)k;
}

int mha_write_atomic(const char *path, const char *text, size_t len) {
  char tmp[4200];
  if (snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid()) >= (int)sizeof tmp) return -1;
  FILE *f = fopen(tmp, "wb");
  if (!f) return -1;
  int bad = len && fwrite(text, 1, len, f) != len;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    remove(tmp);
    return -1;
  }
  return 0;
}

int mha_write_sbuf(const char *path, const mha_sbuf *b) {
  return b->oom ? -1 : mha_write_atomic(path, b->s ? b->s : "", b->n);
}

char *mha_slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *s = NULL;
  long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (s = malloc((size_t)n + 1)) &&
      fread(s, 1, (size_t)n, f) != (size_t)n) {
    free(s);
    s = NULL;
  }
  fclose(f);
  if (s) s[n] = 0, *len = (size_t)n;
  return s;
}

size_t mha_elems(const mha_attention_desc *d, int q) {
  return (size_t)d->batch * (size_t)(q ? d->heads_q : d->heads_kv) * (size_t)(q ? d->seq_q : d->seq_kv) *
         (size_t)d->head_dim;
}

long mha_visible(const mha_attention_desc *d, int b, int i, long *lo, long *hi) {
  const long nk = d->seq_kv_lens ? d->seq_kv_lens[b] : d->seq_kv;
  const long p = d->causal_align == MHA_ALIGN_TOP_LEFT ? i : i + nk - d->seq_q; /* the diagonal key */
  *lo = 0, *hi = nk;
  if (d->causal && p + 1 < *hi) *hi = p + 1;
  if (d->window > 0 && p - d->window + 1 > *lo) *lo = p - d->window + 1;
  if (*hi < *lo) *hi = *lo;
  return p;
}

/* The work of one call, per query head: the (row, key) pairs its rows see, and the keys it
 * reads (per sequence, the first key any row sees to the last). One row at a time: exact for
 * every mask, and cheap next to the call it counts. */
static void work(const mha_attention_desc *d, double *pairs, double *keys) {
  *pairs = *keys = 0;
  for (int b = 0; b < d->batch; b++) {
    long first = -1, last = 0, lo, hi;
    for (int i = 0; i < d->seq_q; i++) {
      mha_visible(d, b, i, &lo, &hi);
      *pairs += (double)(hi - lo);
      if (hi > lo) first = first < 0 || lo < first ? lo : first, last = hi > last ? hi : last;
    }
    *keys += first >= 0 ? (double)(last - first) : 0.0;
  }
}

double mha_attention_flops(const mha_attention_desc *d) {
  double pairs, keys;
  work(d, &pairs, &keys);
  return 4.0 * d->heads_q * pairs * d->head_dim;
}

void mha_fill(float *x, size_t n, uint32_t seed) {
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1664525u + 1013904223u;
    x[i] = (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
  }
}

void mha_inputs_free(mha_inputs *in) {
  for (int s = 0; s < in->sets; s++) {
    if (in->q) free(in->q[s]);
    if (in->k) free(in->k[s]);
    if (in->v) free(in->v[s]);
  }
  free(in->q), free(in->k), free(in->v), free(in->o), free(in->ref), free(in->pv);
  memset(in, 0, sizeof *in);
}

double mha_worse(double a, double b) { return isnan(a) || isnan(b) ? NAN : a > b ? a : b; }

double mha_at(int type, const void *x, size_t i) {
  return mha_ref_get(type, (const unsigned char *)x + i * mha_ref_row_bytes(type, 1), 0);
}

void mha_set(int type, void *x, size_t i, float v) {
  mha_ref_put(type, &v, 1, (unsigned char *)x + i * mha_ref_row_bytes(type, 1));
}

int mha_kv_store(int kv, float *x, size_t rows, int d) {
  const size_t rb = mha_ref_row_bytes(kv, d);
  unsigned char *row = kv != MHA_F32 ? malloc(rb) : NULL;
  if (kv != MHA_F32 && !row) return -1;
  /* Row r in kv lands at r * rb <= r * 4 d, where nothing unread remains. */
  for (size_t r = 0; kv != MHA_F32 && r < rows; r++) {
    mha_ref_put(kv, x + r * (size_t)d, d, row);
    memcpy((unsigned char *)x + r * rb, row, rb);
  }
  free(row);
  return 0;
}

double mha_kv_bytes(const mha_attention_desc *d) {
  double pairs, keys;
  work(d, &pairs, &keys);
  return 2.0 * keys * d->heads_kv * (double)mha_ref_row_bytes(d->kv_type, d->head_dim);
}

double mha_call_bytes(const mha_attention_desc *d) {
  const double rows = (double)mha_elems(d, 1) / d->head_dim;
  return rows * (double)(mha_ref_row_bytes(d->q_type, d->head_dim) + mha_ref_row_bytes(d->o_type, d->head_dim)) +
         mha_kv_bytes(d);
}

/* The rows of K or V (stored in d->kv_type, packed in d->layout) past each sequence's length
 * made NaN: all bits set is a NaN in every type (Q8_0: its fp16 scale). */
static void pad_nan(const mha_attention_desc *d, float *x) {
  const size_t rb = mha_ref_row_bytes(d->kv_type, d->head_dim), H = (size_t)d->heads_kv, N = (size_t)d->seq_kv;
  for (size_t b = 0; b < (size_t)d->batch; b++)
    for (size_t h = 0; h < H; h++)
      for (size_t n = (size_t)d->seq_kv_lens[b]; n < N; n++) {
        const size_t r = d->layout == MHA_LAYOUT_BSHD ? (b * N + n) * H + h : (b * H + h) * N + n;
        memset((unsigned char *)x + r * rb, 0xff, rb);
      }
}

int mha_inputs_alloc(mha_inputs *in, const mha_attention_desc *d, int sets) {
  memset(in, 0, sizeof *in);
  in->sets = sets;
  in->nq = mha_elems(d, 1), in->nk = mha_elems(d, 0);
  in->q = calloc((size_t)sets, sizeof *in->q), in->k = calloc((size_t)sets, sizeof *in->k);
  in->v = calloc((size_t)sets, sizeof *in->v);
  in->o = malloc(in->nq * 4);
  int ok = in->q && in->k && in->v && in->o;
  for (int s = 0; ok && s < sets; s++) {
    in->q[s] = malloc(in->nq * 4), in->k[s] = malloc(in->nk * 4), in->v[s] = malloc(in->nk * 4);
    ok = in->q[s] && in->k[s] && in->v[s];
    if (ok) {
      mha_fill(in->q[s], in->nq, 3 + (uint32_t)s), mha_fill(in->k[s], in->nk, 5 + (uint32_t)s);
      mha_fill(in->v[s], in->nk, 9 + (uint32_t)s);
      ok = mha_kv_store(d->q_type, in->q[s], in->nq / (size_t)d->head_dim, d->head_dim) == 0 &&
           mha_kv_store(d->kv_type, in->k[s], in->nk / (size_t)d->head_dim, d->head_dim) == 0 &&
           mha_kv_store(d->kv_type, in->v[s], in->nk / (size_t)d->head_dim, d->head_dim) == 0;
    }
    if (ok && d->seq_kv_lens) pad_nan(d, in->k[s]), pad_nan(d, in->v[s]);
  }
  if (!ok) mha_inputs_free(in);
  return ok ? 0 : -1;
}

int mha_rotation_sets(const mha_machine *m, const mha_attention_desc *d, size_t cap) {
  double pairs, keys;
  work(d, &pairs, &keys);
  const size_t set_bytes = (2 * mha_elems(d, 1) + 2 * (size_t)keys * (size_t)d->heads_kv * (size_t)d->head_dim) * 4;
  size_t llc = m->l3 ? m->l3 : m->l2, want = 2 * llc;
  if (want > cap) want = cap;
  size_t sets = want / (set_bytes ? set_bytes : 1) + 1;
  return sets > 64 ? 64 : (int)sets;
}

void mha_gbench_merge(mha_sbuf *out, const char *doc, int *nbench) {
  static const char open[] = "\"benchmarks\": [";
  const char *b = strstr(doc, open), *e = b ? strrchr(b, ']') : NULL;
  if (!b || !e) return;
  if (out->n == 0) mha_sb_printf(out, "%.*s", (int)(b - doc + strlen(open)), doc);
  b += strlen(open);
  while (b < e && (*b == '\n' || *b == ' ')) b++;
  while (e > b && (e[-1] == '\n' || e[-1] == ' ')) e--;
  if (e > b) {
    mha_sb_printf(out, "%s\n    %.*s", *nbench ? "," : "", (int)(e - b), b);
    (*nbench)++;
  }
}

void mha_gbench_close(mha_sbuf *out) { mha_sb_printf(out, "\n  ]\n}\n"); }

/* The KV-cache types by name, as workloads files, reports and keys write them. */
static const char *const KV_NAME[] = {[MHA_F32] = "f32", [MHA_F16] = "f16", [MHA_BF16] = "bf16", [MHA_Q8_0] = "q8_0"};
enum { KV_TYPES = sizeof KV_NAME / sizeof *KV_NAME };

const char *mha_kv_name(int kv) { return kv >= 0 && kv < KV_TYPES ? KV_NAME[kv] : NULL; }

int mha_kv_parse(const char *name) {
  for (int kv = 0; name && kv < KV_TYPES; kv++)
    if (!strcmp(name, KV_NAME[kv])) return kv;
  return -1;
}

int mha_qo_parse(const char *name) {
  const int t = mha_kv_parse(name);
  return t == MHA_Q8_0 ? -1 : t;
}
