/* fuzz_api: libFuzzer over the public API. The input decodes into a descriptor (any field,
 * any value) and small tensors. A descriptor whose tensors fit what the harness allocates
 * (exactly, so ASan sees a byte past the end) is run; one the library must refuse is run on
 * small buffers; any other only goes to mha_kernel_name, which reads no tensor. Checks:
 * no crash, hang or sanitizer report; an error is one of the codes the descriptor earns and
 * leaves o byte-identical; a success writes every element of o, each a convex combination
 * of V's values when the logits are finite.
 *
 * Input layout: per field of `fields` below, 5 bytes (a tag, then 4 payload bytes); one
 * byte of NULL pointers; one byte of amplitude; 4 bytes of seed; then raw floats patched
 * into q, k and v in turn. A new descriptor field is one line in `fields` and, if it can be
 * invalid, one line in expected_codes. */
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha.h"

enum {
  CAP = 1 << 15,         /* floats per tensor the harness allocates at most */
  WORK_CAP = 1 << 22,    /* B * Hq * Nq * Nk * d the harness runs at most */
  SMALL = 64,            /* floats per tensor for a descriptor that must be refused */
};

typedef struct reader {
  const uint8_t *p;
  size_t n;
} reader;

static uint32_t take(reader *r, int bytes) {
  uint32_t v = 0;
  for (int i = 0; i < bytes; i++) {
    v |= (uint32_t)(r->n ? *r->p : 0) << (8 * i);
    if (r->n) r->p++, r->n--;
  }
  return v;
}

/* An int field: mostly a value in [lo, hi] (what the kernels see), sometimes a corner
 * value, sometimes any 32 bits. */
typedef struct field {
  const char *name;
  size_t off;
  int lo, hi;
} field;

#define F(f, lo, hi) {#f, offsetof(mha_attention_desc, f), lo, hi}
static const field fields[] = {
    F(batch, 0, 3),   F(heads_q, 0, 12), F(heads_kv, 0, 6), F(seq_q, 0, 70),
    F(seq_kv, 0, 1100), F(head_dim, 0, 300), F(causal, 0, 2), F(layout, 0, 2),
    F(threads, 0, 4),
};
#undef F

static const int corner_ints[] = {0, -1, 1, INT_MIN, INT_MAX, 1 << 16, 1 << 30, -(1 << 30),
                                  46341, 65537};
static const uint32_t corner_floats[] = {
    0x7fc00000u /* NaN */, 0x7f800000u /* inf */, 0xff800000u /* -inf */, 0x7f7fffffu /* max */,
    0x00800000u /* min normal */, 0x00000001u /* denormal */, 0x80000000u /* -0 */,
    0x0da24260u /* 1e-30 */};

static int decode_int(reader *r, const field *f) {
  const uint32_t tag = take(r, 1) & 7, pay = take(r, 4);
  if (tag <= 5) return f->lo + (int)(pay % (uint32_t)(f->hi - f->lo + 1));
  if (tag == 6) return corner_ints[pay % (sizeof corner_ints / sizeof corner_ints[0])];
  return (int)pay;
}

static float bits_float(uint32_t u) {
  float x;
  memcpy(&x, &u, sizeof x);
  return x;
}

static float decode_scale(reader *r) {
  const uint32_t tag = take(r, 1) & 7, pay = take(r, 4);
  if (tag <= 3) return 0.0f;
  if (tag <= 5) return ((float)(pay % 2001) - 1000.0f) / 256.0f;
  if (tag == 6) return bits_float(corner_floats[pay % (sizeof corner_floats / sizeof corner_floats[0])]);
  return bits_float(pay);
}

/* Elements of one tensor, or 0 when a dimension is < 1; saturates at SIZE_MAX. */
static size_t elems(int a, int b, int c, int d) {
  if (a < 1 || b < 1 || c < 1 || d < 1) return 0;
  size_t n = (size_t)a;
  if (__builtin_mul_overflow(n, (size_t)b, &n) || __builtin_mul_overflow(n, (size_t)c, &n) ||
      __builtin_mul_overflow(n, (size_t)d, &n))
    return SIZE_MAX;
  return n;
}

/* One bit per code (1 << -code) the descriptor earns; 0: it is valid. Written from mha.h's
 * comments, not from mha.c, and in no particular order: any earned code is a right answer. */
static uint32_t expected_codes(const mha_attention_desc *d, int nulls) {
  uint32_t m = 0;
#define E(cond, code) if (cond) m |= 1u << -(code)
  E(nulls, MHA_ENULL);
  if (!d) return m;
  E(d->batch < 1, MHA_EBATCH);
  E(d->heads_q < 1 || d->heads_kv < 1, MHA_EHEADS);
  E(d->heads_q >= 1 && d->heads_kv >= 1 && d->heads_q % d->heads_kv, MHA_EGROUP);
  E(d->seq_q < 1 || d->seq_kv < 1, MHA_ESEQ);
  E(d->head_dim < 1, MHA_EHEADDIM);
  E(!isfinite(d->scale), MHA_ESCALE);
  E(d->causal != 0 && d->causal != 1, MHA_ECAUSAL);
  E(d->layout != MHA_LAYOUT_BHSD && d->layout != MHA_LAYOUT_BSHD, MHA_ELAYOUT);
  E(d->threads < 0, MHA_ETHREADS);
  const size_t lim = (size_t)PTRDIFF_MAX / sizeof(float);
  const size_t nq = elems(d->batch, d->heads_q, d->seq_q, d->head_dim);
  const size_t nk = elems(d->batch, d->heads_kv, d->seq_kv, d->head_dim);
  E(nq > lim || nk > lim, MHA_EOVERFLOW);
#undef E
  return m;
}

static void die(const char *what, const mha_attention_desc *d, int rc) {
  fprintf(stderr, "fuzz_api: %s (rc %d %s)\n", what, rc, mha_err_name(rc));
  if (d) {
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
      int v;
      memcpy(&v, (const char *)d + fields[i].off, sizeof v);
      fprintf(stderr, "  %s = %d\n", fields[i].name, v);
    }
    fprintf(stderr, "  scale = %a\n", d->scale);
  }
  abort();
}

static float *alloc_fill(size_t n, float val) {
  float *x = malloc((n ? n : 1) * sizeof *x);
  if (!x) abort();
  for (size_t i = 0; i < n; i++) x[i] = val;
  return x;
}

/* The largest |x[i]|; NaN when any is NaN. */
static float absmax(const float *x, size_t n) {
  float m = 0.0f;
  for (size_t i = 0; i < n; i++) {
    const float a = fabsf(x[i]);
    if (a != a) return a;
    if (a > m) m = a;
  }
  return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  reader r = {data, size};
  mha_attention_desc desc;
  memset(&desc, 0, sizeof desc); /* fields the fuzzer does not set keep their defaults */
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    const int v = decode_int(&r, &fields[i]);
    memcpy((char *)&desc + fields[i].off, &v, sizeof v);
  }
  desc.scale = decode_scale(&r);
  const uint32_t nb = take(&r, 1);
  const int nulls = (nb & 0xe0) == 0xe0 ? (int)(nb & 0x1f) : 0; /* desc q k v o */
  static const float amps[] = {1.0f, 8.0f, 64.0f, 1000.0f};
  const float amp = amps[take(&r, 1) & 3];
  uint32_t seed = take(&r, 4);

  const uint32_t want = expected_codes(&desc, nulls);
  const size_t nq = elems(desc.batch, desc.heads_q, desc.seq_q, desc.head_dim);
  const size_t nk = elems(desc.batch, desc.heads_kv, desc.seq_kv, desc.head_dim);
  double work = (double)nq * (desc.seq_kv > 0 ? desc.seq_kv : 0);
  const int runnable = nq && nk && nq <= CAP && nk <= CAP && work <= WORK_CAP;

  /* mha_kernel_name reads no tensor: any descriptor may go there. */
  const char *kname = mha_kernel_name(nulls & 1 ? NULL : &desc);
  if ((want & ~(1u << -MHA_ENULL)) || (nulls & 1)) {
    if (kname) die("mha_kernel_name named a kernel for an invalid descriptor", &desc, 0);
  } else if (!kname) {
    die("mha_kernel_name gave NULL for a valid descriptor", &desc, 0);
  }
  if (!want && !runnable) return 0; /* valid, but bigger than the harness allocates */

  /* Exact sizes when runnable, so a read or write past the end is an ASan report. */
  const size_t aq = runnable ? nq : SMALL, ak = runnable ? nk : SMALL;
  float *q = alloc_fill(aq, 0.0f), *k = alloc_fill(ak, 0.0f), *v = alloc_fill(ak, 0.0f);
  float *o = alloc_fill(aq, bits_float(0x7fc0a5a5u)), *o0 = alloc_fill(aq, bits_float(0x7fc0a5a5u));
  float *const t[3] = {q, k, v};
  const size_t tn[3] = {aq, ak, ak};
  for (int i = 0; i < 3; i++)
    for (size_t j = 0; j < tn[i]; j++) {
      seed = seed * 1664525u + 1013904223u;
      t[i][j] = amp * (float)((seed >> 8) * (2.0 / 16777216.0) - 1.0);
    }
  for (int i = 0; r.n >= 4; i = (i + 1) % 3) { /* the rest of the input: raw values */
    seed = seed * 1664525u + 1013904223u;
    t[i][seed % tn[i]] = bits_float(take(&r, 4));
  }

  const int rc = mha_attention_f32(nulls & 1 ? NULL : &desc, nulls & 2 ? NULL : q,
                                   nulls & 4 ? NULL : k, nulls & 8 ? NULL : v,
                                   nulls & 16 ? NULL : o);
  if (rc > 0 || !strcmp(mha_err_name(rc), "MHA_EUNKNOWN")) die("an unknown return code", &desc, rc);
  if (rc != MHA_OK) {
    if (memcmp(o, o0, aq * sizeof *o)) die("an error return wrote to o", &desc, rc);
    if (want ? !(want & (1u << -rc)) : rc != MHA_ENOMEM && rc != MHA_ETHREAD)
      die("an error code the descriptor does not earn", &desc, rc);
  } else {
    if (want) die("MHA_OK for a descriptor that must be refused", &desc, rc);
    /* Finite logits and values: every o is finite and within V's range. The kernels fold the
     * scale (times log2 e) into Q before the product, so scale * |q| must be finite too: a
     * known limit, found by this fuzzer (scale -5e19, |q| 1e30, |k| 1e-30 gives NaN rows). */
    const float s = desc.scale != 0.0f ? fabsf(desc.scale) : 1.0f / sqrtf((float)desc.head_dim);
    const double logit = (double)s * absmax(q, nq) * absmax(k, nk) * desc.head_dim;
    const double qscaled = (double)s * absmax(q, nq);
    const float vmax = absmax(v, nk);
    if (logit < 1e20 && qscaled < 1e30 && vmax < 1e20f) {
      const float bound = vmax * 1.001f + 1e-30f;
      for (size_t i = 0; i < nq; i++)
        if (!(fabsf(o[i]) <= bound)) {
          fprintf(stderr, "o[%zu] = %g, |v| <= %g, kernel %s\n", i, o[i], vmax, kname);
          die("o is NaN, unwritten or outside V's range", &desc, rc);
        }
    }
  }
  free(q), free(k), free(v), free(o), free(o0);
  return 0;
}
