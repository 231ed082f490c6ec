/* mha_rows.h: the arithmetic of rows (mha_rows.c): a tensor's byte geometry, the merge and the sink of an output row; the bottom of the runtime. Not installed for users. */
#ifndef MHA_ROWS_H
#define MHA_ROWS_H

#include <stddef.h>
#include "mha.h"
#include "mha_kernel.h"

/* The byte strides {batch, head, seq} of tensor which (a valid desc): as given, or packed
 * per layout when all three are zero. */
enum { MHA__Q = 0, MHA__K = 1, MHA__V = 2, MHA__O = 3 };
MHA__HIDDEN mha_strides mha__strides(const mha_attention_desc *desc, int which);
/* Tensor which's element type, heads and rows. */
MHA__HIDDEN void mha__tensor_of(const mha_attention_desc *d, int which, int *type, int *H, int *N);
/* The merge of two partial rows of d values over disjoint key sets, l1 and l2 the natural
 * logs of their softmax denominators (-inf: no key): mha_merge_f32's rule, the one the
 * split-KV reduction folds with. o may be o1 or o2; returns the merged row's lse. */
MHA__HIDDEN float mha__merge_row(int d, const float *o1, float l1, const float *o2, float l2,
                                 float *o);
/* A row's attention sink: its denominator gains e^sink (o scaled down to match); returns the
 * new lse. A row that saw no key (l = -inf) keeps its zeros and gets lse = sink. */
MHA__HIDDEN float mha__sink_row(int d, float *o, float l, float sink);
/* Bytes of a row of d elements of a valid mha_dtype (Q8_0: d a multiple of 32). */
MHA__HIDDEN size_t mha__row_bytes(int type, int d);

#endif /* MHA_ROWS_H */
