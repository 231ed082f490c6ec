/* reference.c: double-precision attention, written for obviousness, not speed. */
#include "reference.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static float f32_bits(uint32_t u) {
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}

static double half_to_double(uint16_t h) {
  const int e = (h >> 10) & 0x1f, m = h & 0x3ff;
  const double s = (h & 0x8000) ? -1.0 : 1.0;
  if (e == 0x1f) return m ? NAN : s * INFINITY;
  if (e == 0) return s * ldexp(m, -24);
  return s * ldexp(1024 + m, e - 25);
}

static uint16_t float_to_half(float f) {
  uint32_t x;
  memcpy(&x, &f, sizeof x);
  const uint16_t sign = (uint16_t)((x >> 16) & 0x8000);
  const uint32_t ax = x & 0x7fffffffu;
  if (ax > 0x7f800000u) return sign | 0x7e00; /* NaN */
  if (ax >= 0x477ff000u) return sign | 0x7c00; /* rounds past 65504: inf */
  if (ax < 0x38800000u) /* below 2^-14: a subnormal half, m * 2^-24 (f * 2^24 is exact) */
    return sign | (uint16_t)lrintf(f32_bits(ax) * 16777216.0f);
  /* Rebias the exponent, then round the 13 dropped bits to nearest even. */
  return sign | (uint16_t)((ax - 0x38000000u + 0xfffu + ((ax >> 13) & 1)) >> 13);
}

size_t mha_ref_row_bytes(int type, int d) {
  switch (type) {
  case MHA_F16:
  case MHA_BF16: return 2 * (size_t)d;
  case MHA_Q8_0: return (size_t)d / 32 * 34;
  default: return 4 * (size_t)d;
  }
}

double mha_ref_get(int type, const void *row, int c) {
  const unsigned char *r = row;
  uint16_t h;
  float f;
  switch (type) {
  case MHA_F16:
    memcpy(&h, r + 2 * (size_t)c, 2);
    return half_to_double(h);
  case MHA_BF16:
    memcpy(&h, r + 2 * (size_t)c, 2);
    return f32_bits((uint32_t)h << 16);
  case MHA_Q8_0: {
    const unsigned char *b = r + (size_t)(c / 32) * 34;
    memcpy(&h, b, 2);
    return half_to_double(h) * (int8_t)b[2 + c % 32];
  }
  default:
    memcpy(&f, r + 4 * (size_t)c, 4);
    return f;
  }
}

void mha_ref_put(int type, const float *x, int d, void *row) {
  unsigned char *r = row;
  if (type == MHA_Q8_0) {
    for (int b0 = 0; b0 + 32 <= d; b0 += 32) {
      unsigned char *b = r + (size_t)(b0 / 32) * 34;
      float amax = 0.0f;
      for (int c = 0; c < 32; c++) amax = fmaxf(amax, fabsf(x[b0 + c]));
      const float s = amax / 127.0f, inv = s > 0.0f ? 1.0f / s : 0.0f;
      const uint16_t h = float_to_half(s);
      memcpy(b, &h, 2);
      for (int c = 0; c < 32; c++) b[2 + c] = (unsigned char)(int8_t)lrintf(x[b0 + c] * inv);
    }
    return;
  }
  for (int c = 0; c < d; c++) {
    uint32_t u;
    memcpy(&u, &x[c], 4);
    const uint16_t bf = (uint16_t)((u + 0x7fffu + ((u >> 16) & 1)) >> 16), h = float_to_half(x[c]);
    if (type == MHA_F16) memcpy(r + 2 * (size_t)c, &h, 2);
    else if (type == MHA_BF16) memcpy(r + 2 * (size_t)c, &bf, 2);
    else memcpy(r + 4 * (size_t)c, &x[c], 4);
  }
}

/* a * b * c * d doubles fit a ptrdiff_t. */
static int fits(int a, int b, int c, int d) {
  size_t n = (size_t)a;
  return !__builtin_mul_overflow(n, (size_t)b, &n) && !__builtin_mul_overflow(n, (size_t)c, &n) &&
         !__builtin_mul_overflow(n, (size_t)d, &n) &&
         !__builtin_mul_overflow(n, sizeof(double), &n) && n <= PTRDIFF_MAX;
}

static int strided(const mha_strides *s) { return s->batch || s->head || s->seq; }

/* The three dimensions of a tensor of H heads and N rows: their strides (given, or packed
 * per layout for rows of `row` bytes) and counts, in the order batch, head, seq. */
typedef struct dims {
  ptrdiff_t stride[3];
  int count[3];
} dims;

static dims dims_of(const mha_attention_desc *d, const mha_strides *s, int H, int N, size_t row) {
  const ptrdiff_t r = (ptrdiff_t)row;
  dims x = {{s->batch, s->head, s->seq}, {d->batch, H, N}};
  if (!strided(s)) {
    const ptrdiff_t row_n = (ptrdiff_t)N * r, row_h = (ptrdiff_t)H * r;
    if (d->layout == MHA_LAYOUT_BHSD) x.stride[0] = H * row_n, x.stride[1] = row_n, x.stride[2] = r;
    else x.stride[0] = N * row_h, x.stride[1] = r, x.stride[2] = row_h;
  }
  return x;
}

/* Byte offset of batch b, head h, row n. */
static ptrdiff_t offset(const dims *x, int b, int h, int n) {
  return b * x->stride[0] + h * x->stride[1] + n * x->stride[2];
}

/* A strided tensor's byte extent, sum of (count - 1) * stride plus a row, fits a ptrdiff_t. */
static int extent_fits(const mha_attention_desc *d, const mha_strides *s, int H, int N, size_t row) {
  if (!strided(s)) return 1;
  const dims x = dims_of(d, s, H, N, row);
  ptrdiff_t e = (ptrdiff_t)row, t;
  for (int i = 0; i < 3; i++)
    if (__builtin_mul_overflow((ptrdiff_t)(x.count[i] - 1), x.stride[i], &t) ||
        __builtin_add_overflow(e, t, &e))
      return 0;
  return 1;
}

/* Strides >= 0 and multiples of the element size. */
static int strides_ok(const mha_strides *s, ptrdiff_t elem) {
  return s->batch >= 0 && s->head >= 0 && s->seq >= 0 && s->batch % elem == 0 &&
         s->head % elem == 0 && s->seq % elem == 0;
}

/* o's rows do not overlap each other: by increasing stride, each dimension of more than one
 * steps past the span of those before it. */
static int o_rows_apart(const mha_attention_desc *d) {
  if (!strided(&d->o_strides)) return 1;
  const size_t orow = mha_ref_row_bytes(d->o_type, d->head_dim);
  dims x = dims_of(d, &d->o_strides, d->heads_q, d->seq_q, orow);
  for (int i = 1; i < 3; i++) /* insertion sort by stride */
    for (int j = i; j > 0 && x.stride[j] < x.stride[j - 1]; j--) {
      const ptrdiff_t s = x.stride[j];
      const int c = x.count[j];
      x.stride[j] = x.stride[j - 1], x.count[j] = x.count[j - 1];
      x.stride[j - 1] = s, x.count[j - 1] = c;
    }
  ptrdiff_t span = (ptrdiff_t)orow;
  for (int i = 0; i < 3; i++) {
    if (x.count[i] == 1) continue; /* a dimension of one repeats no row */
    if (x.stride[i] < span) return 0;
    span += x.stride[i] * (x.count[i] - 1); /* fits: the extent was checked */
  }
  return 1;
}

/* The library's checks in its order, so codes agree; its EOVERLAP, EUNSUPPORTED and ECONTEXT
 * aside. */
int mha_ref_check(const mha_attention_desc *d, const void *q, const void *k, const void *v,
                  const void *o) {
  if (!d || !q || !k || !v || !o) return MHA_ENULL;
  if (d->batch < 1) return MHA_EBATCH;
  if (d->heads_q < 1 || d->heads_kv < 1) return MHA_EHEADS;
  if (d->heads_q % d->heads_kv) return MHA_EGROUP;
  if (d->seq_q < 1 || d->seq_kv < 1) return MHA_ESEQ;
  if (d->head_dim < 1) return MHA_EHEADDIM;
  if (!isfinite(d->scale)) return MHA_ESCALE;
  if (d->causal != 0 && d->causal != 1) return MHA_ECAUSAL;
  if (d->layout != MHA_LAYOUT_BHSD && d->layout != MHA_LAYOUT_BSHD) return MHA_ELAYOUT;
  if (d->threads < 0) return MHA_ETHREADS;
  if (d->q_type != MHA_F32 && d->q_type != MHA_F16 && d->q_type != MHA_BF16) return MHA_ETYPE;
  if (d->o_type != MHA_F32 && d->o_type != MHA_F16 && d->o_type != MHA_BF16) return MHA_ETYPE;
  if (d->kv_type < MHA_F32 || d->kv_type > MHA_Q8_0) return MHA_ETYPE;
  if (d->kv_type == MHA_Q8_0 && d->head_dim % 32) return MHA_EQ8DIM;
  const size_t qrow = mha_ref_row_bytes(d->q_type, d->head_dim), orow = mha_ref_row_bytes(d->o_type, d->head_dim),
               kvrow = mha_ref_row_bytes(d->kv_type, d->head_dim);
  if (!fits(d->batch, d->heads_q, d->seq_q, d->head_dim) ||
      !fits(d->batch, d->heads_kv, d->seq_kv, d->head_dim) ||
      !extent_fits(d, &d->q_strides, d->heads_q, d->seq_q, qrow) ||
      !extent_fits(d, &d->k_strides, d->heads_kv, d->seq_kv, kvrow) ||
      !extent_fits(d, &d->v_strides, d->heads_kv, d->seq_kv, kvrow) ||
      !extent_fits(d, &d->o_strides, d->heads_q, d->seq_q, orow))
    return MHA_EOVERFLOW;
  if (d->causal_align != MHA_ALIGN_BOTTOM_RIGHT && d->causal_align != MHA_ALIGN_TOP_LEFT)
    return MHA_EALIGN;
  if (d->window < 0 || (d->window > 0 && !d->causal)) return MHA_EWINDOW;
  if (!isfinite(d->softcap) || d->softcap < 0) return MHA_ESOFTCAP;
  for (int h = 0; h < d->heads_q; h++)
    if ((d->alibi_slopes && !isfinite(d->alibi_slopes[h])) || (d->sinks && !isfinite(d->sinks[h])))
      return MHA_ESLOPES;
  for (int b = 0; d->seq_kv_lens && b < d->batch; b++)
    if (d->seq_kv_lens[b] < 0 || d->seq_kv_lens[b] > d->seq_kv) return MHA_ELENS;
  const ptrdiff_t kv_elem = d->kv_type == MHA_F32 ? 4 : d->kv_type == MHA_Q8_0 ? 1 : 2;
  if (!strides_ok(&d->q_strides, (ptrdiff_t)qrow / d->head_dim) ||
      !strides_ok(&d->o_strides, (ptrdiff_t)orow / d->head_dim) ||
      !strides_ok(&d->k_strides, kv_elem) || !strides_ok(&d->v_strides, kv_elem) || !o_rows_apart(d))
    return MHA_ESTRIDE;
  return MHA_OK;
}

/* Index of row n, head h, batch b in a packed tensor of H heads and N rows. */
static size_t row(const mha_attention_desc *d, int b, int h, int n, int H, int N) {
  if (d->layout == MHA_LAYOUT_BHSD) return ((size_t)b * H + h) * N + n;
  return ((size_t)b * N + n) * H + h;
}

int mha_ref_attention(const mha_attention_desc *desc, const void *q, const void *k,
                      const void *v, double *o, double *lse) {
  return mha_ref_attention_pv(desc, q, k, v, o, lse, NULL);
}

int mha_ref_attention_pv(const mha_attention_desc *desc, const void *q, const void *k,
                         const void *v, double *o, double *lse, double *pv) {
  const int rc = mha_ref_check(desc, q, k, v, o);
  if (rc) return rc;
  const int B = desc->batch, Hq = desc->heads_q, Hkv = desc->heads_kv;
  const int Nq = desc->seq_q, Nk = desc->seq_kv, D = desc->head_dim;
  const int G = Hq / Hkv;
  const double scale = desc->scale != 0.0f ? (double)desc->scale : 1.0 / sqrt((double)D);
  const double cap = desc->softcap;
  const size_t rb = mha_ref_row_bytes(desc->kv_type, D);
  const dims qd = dims_of(desc, &desc->q_strides, Hq, Nq, mha_ref_row_bytes(desc->q_type, D));
  const dims kd = dims_of(desc, &desc->k_strides, Hkv, Nk, rb);
  const dims vd = dims_of(desc, &desc->v_strides, Hkv, Nk, rb);
  double *s = malloc((size_t)Nk * sizeof *s), *qi = malloc((size_t)D * sizeof *qi);
  if (!s || !qi) {
    free(s), free(qi);
    return MHA_ENOMEM;
  }

  for (int b = 0; b < B; b++) {
    const long nk = desc->seq_kv_lens ? desc->seq_kv_lens[b] : Nk;
    for (int h = 0; h < Hq; h++)
      for (int i = 0; i < Nq; i++) {
        const char *qrow = (const char *)q + offset(&qd, b, h, i);
        for (int c = 0; c < D; c++) qi[c] = mha_ref_get(desc->q_type, qrow, c);
        double *oi = o + row(desc, b, h, i, Hq, Nq) * (size_t)D;
        double *pvi = pv ? pv + row(desc, b, h, i, Hq, Nq) * (size_t)D : NULL;
        double *li = lse ? lse + ((size_t)b * Hq + h) * Nq + i : NULL;
        const long p = desc->causal_align == MHA_ALIGN_TOP_LEFT ? i : i + nk - Nq; /* the diagonal key */
        /* Keys lo .. hi-1 are visible. */
        long lo = 0, hi = nk;
        if (desc->causal && p + 1 < hi) hi = p + 1;
        if (desc->window > 0 && p - desc->window + 1 > lo) lo = p - desc->window + 1;
        double m = desc->sinks ? (double)desc->sinks[h] : -INFINITY;
        for (long j = lo; j < hi; j++) {
          const char *kj = (const char *)k + offset(&kd, b, h / G, (int)j);
          double dot = 0.0;
          for (int c = 0; c < D; c++) dot += qi[c] * mha_ref_get(desc->kv_type, kj, c);
          s[j] = scale * dot;
          if (cap > 0) s[j] = cap * tanh(s[j] / cap);
          if (desc->alibi_slopes) s[j] += (double)desc->alibi_slopes[h] * (double)(j - p);
          if (s[j] > m) m = s[j];
        }
        for (int c = 0; c < D; c++) oi[c] = 0.0;
        for (int c = 0; pvi && c < D; c++) pvi[c] = 0.0;
        if (m == -INFINITY) { /* no key, no sink */
          if (li) *li = -INFINITY;
          continue;
        }
        double sum = desc->sinks ? exp((double)desc->sinks[h] - m) : 0.0;
        for (long j = lo; j < hi; j++) {
          const double w = exp(s[j] - m);
          const char *vj = (const char *)v + offset(&vd, b, h / G, (int)j);
          sum += w;
          for (int c = 0; c < D; c++) {
            const double x = mha_ref_get(desc->kv_type, vj, c);
            oi[c] += w * x;
            if (pvi) pvi[c] += w * fabs(x);
          }
        }
        for (int c = 0; c < D; c++) oi[c] /= sum;
        for (int c = 0; pvi && c < D; c++) pvi[c] /= sum;
        if (li) *li = (m + log(sum)) / M_LN2;
      }
  }
  free(s), free(qi);
  return MHA_OK;
}

/* The bound, element by element. A kernel that takes bf16 or f16 Q and O may round each
 * probability p_ij to bf16 once for its P.V product (|dp| <= 2^-8 p: bf16 keeps 8 significant
 * bits, rounded to nearest), which moves O_ic by at most 2^-8 * sum_j p_ij |v_jc| (pv, from
 * mha_ref_attention_pv; softmax, its sums and the accumulator stay fp32), then rounds O to its
 * type once (2^-8 relative for bf16, 2^-11 for f16); the reference already holds Q, K and V
 * as stored, so their rounding is no error. fp32 is the caller's allowance for the fp32
 * arithmetic (what an fp32 call is held to). So
 *   |ours - ref| <= 2^-8 pv + u_o (|ref| + 2^-8 pv) + fp32,
 * and, as a sanity check, within PyTorch's published SDPA tolerances for the type
 * (atol = rtol = 5e-2 for bf16, 1e-2 for f16: |ours - ref| <= atol + rtol |ref|). F32 Q and O:
 * fp32 alone. */
static double unit(int type) { return type == MHA_BF16 ? 0x1p-8 : type == MHA_F16 ? 0x1p-11 : 0.0; }

double mha_ref_bound(int qo_type, double ref, double pv, double fp32) {
  if (qo_type == MHA_F32) return fp32;
  const double dp = 0x1p-8 * pv, ours = dp + unit(qo_type) * (fabs(ref) + dp) + fp32;
  const double tol = qo_type == MHA_BF16 ? 5e-2 : 1e-2, torch = tol + tol * fabs(ref);
  return ours < torch ? ours : torch;
}

/* ---- The layer ---- */

/* out[r][o] = sum_i in[r][i] w[o][i] + b[o], for rows r < n: one nn.Linear. */
static void linear(const double *in, int n, int in_dim, const float *w, const float *b, int out_dim,
                   double *out) {
  for (int r = 0; r < n; r++)
    for (int o = 0; o < out_dim; o++) {
      double s = b ? b[o] : 0.0;
      for (int i = 0; i < in_dim; i++) s += in[(size_t)r * in_dim + i] * w[(size_t)o * in_dim + i];
      out[(size_t)r * out_dim + o] = s;
    }
}

/* Rotate-half RoPE on each head_dim-long piece of row r of t ([n][heads * dh]), position r. */
static void rotate(double *t, int n, int heads, int dh, double theta) {
  for (int r = 0; r < n; r++)
    for (int h = 0; h < heads; h++) {
      double *x = t + ((size_t)r * heads + h) * dh;
      for (int i = 0; i < dh / 2; i++) {
        const double a = r * pow(theta, -2.0 * i / dh), x1 = x[i], x2 = x[i + dh / 2];
        x[i] = x1 * cos(a) - x2 * sin(a);
        x[i + dh / 2] = x2 * cos(a) + x1 * sin(a);
      }
    }
}

/* Each dh-long piece of t as a cache of `type` holds it. */
static void round_rows(double *t, size_t pieces, int dh, int type) {
  float *f = malloc((size_t)dh * sizeof *f);
  unsigned char *row = malloc(mha_ref_row_bytes(type, dh));
  for (size_t p = 0; f && row && p < pieces; p++) {
    for (int i = 0; i < dh; i++) f[i] = (float)t[p * dh + i];
    mha_ref_put(type, f, dh, row);
    for (int i = 0; i < dh; i++) t[p * dh + i] = mha_ref_get(type, row, i);
  }
  free(row);
  free(f);
}

int mha_ref_layer(const mha_layer_desc *d, const float *in_w, const float *in_b,
                  const float *out_w, const float *out_b, int B, int Nq, const float *x, int Nk,
                  const float *kv_in, double *y) {
  if (!d || !in_w || !out_w || !x || !y || B < 1 || Nq < 1 || d->embed_dim < 1 || d->heads_q < 1)
    return -1;
  const int E = d->embed_dim, Hq = d->heads_q, Hkv = d->heads_kv ? d->heads_kv : Hq;
  const int dh = d->head_dim ? d->head_dim : E / Hq, kvd = d->kv_dim ? d->kv_dim : E;
  const double theta = d->rope_theta > 0 ? d->rope_theta : 10000.0;
  if (!kv_in) Nk = Nq, kv_in = x;
  if (Hq % Hkv || dh < 1 || Nk < 1 || (d->rope && dh % 2) || (d->kv_type == MHA_Q8_0 && dh % 32))
    return -1;
  const int nq = Hq * dh, nkv = Hkv * dh;
  const float *bq = d->bias ? in_b : NULL, *bk = d->bias ? in_b + nq : NULL;
  const float *bv = d->bias ? in_b + nq + nkv : NULL, *bo = d->bias ? out_b : NULL;
  const float *wk = in_w + (size_t)nq * E, *wv = wk + (size_t)nkv * kvd;
  double *xin = malloc((size_t)Nq * E * sizeof(double)), *kin = malloc((size_t)Nk * kvd * sizeof(double));
  double *q = malloc((size_t)Nq * nq * sizeof(double)), *k = malloc((size_t)Nk * nkv * sizeof(double));
  double *v = malloc((size_t)Nk * nkv * sizeof(double)), *o = malloc((size_t)Nq * nq * sizeof(double));
  double *p = malloc((size_t)Nk * sizeof(double));
  int err = !xin || !kin || !q || !k || !v || !o || !p ? -1 : 0;
  for (int b = 0; !err && b < B; b++) {
    for (size_t i = 0; i < (size_t)Nq * E; i++) xin[i] = x[(size_t)b * Nq * E + i];
    for (size_t i = 0; i < (size_t)Nk * kvd; i++) kin[i] = kv_in[(size_t)b * Nk * kvd + i];
    linear(xin, Nq, E, in_w, bq, nq, q);
    linear(kin, Nk, kvd, wk, bk, nkv, k);
    linear(kin, Nk, kvd, wv, bv, nkv, v);
    if (d->rope) rotate(q, Nq, Hq, dh, theta), rotate(k, Nk, Hkv, dh, theta);
    round_rows(k, (size_t)Nk * Hkv, dh, d->kv_type);
    round_rows(v, (size_t)Nk * Hkv, dh, d->kv_type);
    for (int h = 0; h < Hq; h++) {
      const int g = h / (Hq / Hkv);
      for (int i = 0; i < Nq; i++) {
        const double *qi = q + (size_t)i * nq + (size_t)h * dh;
        const int last = d->causal ? i + Nk - Nq : Nk - 1;
        double m = -INFINITY, z = 0.0;
        for (int j = 0; j <= last && j < Nk; j++) {
          double s = 0.0;
          for (int c = 0; c < dh; c++) s += qi[c] * k[(size_t)j * nkv + (size_t)g * dh + c];
          p[j] = s / sqrt((double)dh);
          if (p[j] > m) m = p[j];
        }
        double *oi = o + (size_t)i * nq + (size_t)h * dh;
        for (int c = 0; c < dh; c++) oi[c] = 0.0;
        for (int j = 0; j <= last && j < Nk; j++) z += p[j] = exp(p[j] - m);
        for (int j = 0; j <= last && j < Nk; j++)
          for (int c = 0; c < dh; c++) oi[c] += p[j] / z * v[(size_t)j * nkv + (size_t)g * dh + c];
      }
    }
    linear(o, Nq, nq, out_w, bo, E, y + (size_t)b * Nq * E);
  }
  free(p), free(o), free(v), free(k), free(q), free(kin), free(xin);
  return err;
}
