/* mha_rows.c: the arithmetic of rows that every layer above shares: a tensor's byte
 * geometry (row bytes, strides), and the merge and the sink of one output row. Uses nothing
 * of the runtime but the types. */
#include <math.h>
#include <stddef.h>

#include "mha_rows.h"

size_t mha__row_bytes(int type, int d) {
  switch (type) {
  case MHA_F16:
  case MHA_BF16: return 2 * (size_t)d;
  case MHA_Q8_0: return (size_t)d / 32 * 34;
  default: return 4 * (size_t)d;
  }
}

/* Geometry of tensor `which` (MHA__Q, K, V, O): its type, heads and rows. */
void mha__tensor_of(const mha_attention_desc *d, int which, int *type, int *H, int *N) {
  const int kv = which == MHA__K || which == MHA__V;
  *type = kv ? d->kv_type : which == MHA__Q ? d->q_type : d->o_type;
  *H = kv ? d->heads_kv : d->heads_q;
  *N = kv ? d->seq_kv : d->seq_q;
}

mha_strides mha__strides(const mha_attention_desc *d, int which) {
  const mha_strides *given[] = {&d->q_strides, &d->k_strides, &d->v_strides, &d->o_strides};
  const mha_strides s = *given[which];
  if (s.batch || s.head || s.seq) return s;
  int type, H, N;
  mha__tensor_of(d, which, &type, &H, &N);
  const ptrdiff_t row = (ptrdiff_t)mha__row_bytes(type, d->head_dim); /* EOVERFLOW checked first */
  if (d->layout == MHA_LAYOUT_BHSD) return (mha_strides){(ptrdiff_t)H * N * row, (ptrdiff_t)N * row, row};
  return (mha_strides){(ptrdiff_t)N * H * row, row, (ptrdiff_t)H * row};
}

float mha__merge_row(int d, const float *o1, float l1, const float *o2, float l2, float *o) {
  /* A part that saw no key adds nothing, whatever its row holds. */
  if (l1 == -INFINITY || l2 == -INFINITY) {
    const float *src = l1 == -INFINITY ? o2 : o1;
    const float l = l1 == -INFINITY ? l2 : l1;
    for (int c = 0; c < d; c++) o[c] = l == -INFINITY ? 0.0f : src[c];
    return l;
  }
  const float m = l1 > l2 ? l1 : l2;
  const float w1 = expf(l1 - m), w2 = expf(l2 - m), s = w1 + w2, a = w1 / s, b = w2 / s;
  for (int c = 0; c < d; c++) o[c] = a * o1[c] + b * o2[c];
  return m + logf(s);
}

float mha__sink_row(int d, float *o, float l, float sink) {
  if (l == -INFINITY) return sink; /* o is zeros; the denominator is the sink's alone */
  const float m = l > sink ? l : sink, a = expf(l - m), s = a + expf(sink - m), f = a / s;
  for (int c = 0; c < d; c++) o[c] *= f;
  return m + logf(s);
}

