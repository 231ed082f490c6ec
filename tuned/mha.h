/* mha.h: the public interface of the mhatune attention library.
 * Fast multi-head attention for the CPU it was tuned on (fp32 math; fp32, fp16, bf16 or
 * Q8_0 K/V); dependency-free C. */
#ifndef MHA_H
#define MHA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MHA_VERSION_MAJOR 0
#define MHA_VERSION_MINOR 2
#define MHA_VERSION_PATCH 0
#define MHA_VERSION_STRING "0.2.0"

#if defined(_WIN32) && defined(MHA_BUILD_SHARED)
#define MHA_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define MHA_EXTERN __attribute__((visibility("default")))
#else
#define MHA_EXTERN
#endif

/* Every call returns MHA_OK or one of these negative codes. One list makes the enum,
 * mha_strerror and mha_err_name, so a code and its message never drift apart. */
#define MHA_ERRNO_MAP(X)                                                                    \
  X(ENULL,      -1,  "a required pointer (desc, q, k, v or o; a layer's weights, x, y, cache) is NULL") \
  X(EBATCH,     -2,  "batch must be >= 1")                                                  \
  X(EHEADS,     -3,  "heads_q and heads_kv must be >= 1")                                   \
  X(EGROUP,     -4,  "heads_q must be a multiple of heads_kv")                              \
  X(ESEQ,       -5,  "seq_q and seq_kv must be >= 1")                                       \
  X(EHEADDIM,   -6,  "head_dim must be >= 1")                                               \
  X(ESCALE,     -7,  "scale must be finite (0 means 1/sqrt(head_dim))")                     \
  X(ELAYOUT,    -8,  "layout must be MHA_LAYOUT_BHSD or MHA_LAYOUT_BSHD")                   \
  X(ETHREADS,   -9,  "threads must be >= 0")                                                \
  X(EOVERFLOW,  -10, "tensor element count or byte size overflows")                         \
  X(ENOMEM,     -11, "out of memory")                                                       \
  X(EKERNEL,    -12, "MHA_KERNEL names no kernel this library has for this shape and CPU")  \
  X(ETHREAD,    -13, "could not start a worker thread")                                     \
  X(ECAUSAL,    -14, "causal must be 0 or 1")                                              \
  X(ETYPE,      -15, "q_type, kv_type or o_type is not a type that tensor may have")        \
  X(EQ8DIM,     -16, "a Q8_0 K/V cache needs head_dim a multiple of 32")                    \
  X(EUNSUPPORTED, -17, "this build does not support that field yet")                       \
  X(ECONTEXT,   -18, "ctx is not a live context made by mha_context_create")               \
  X(EALIGN,     -19, "causal_align must be MHA_ALIGN_BOTTOM_RIGHT or MHA_ALIGN_TOP_LEFT")   \
  X(EWINDOW,    -20, "window must be >= 0, and > 0 only with causal = 1")                   \
  X(ESOFTCAP,   -21, "softcap must be finite and >= 0 (0: none)")                           \
  X(ESLOPES,    -22, "alibi_slopes and sinks must hold finite values")                      \
  X(ELENS,      -23, "seq_kv_lens[b] must be in 0 .. seq_kv")                               \
  X(ESTRIDE,    -24, "a stride is negative, not a multiple of its element size, or makes o's rows overlap") \
  X(EOVERLAP,   -25, "o or lse overlaps q, k, v or each other")                             \
  X(EEMBED,     -26, "embed_dim must be >= 1 and kv_dim >= 0; head_dim 0 needs embed_dim a multiple of heads_q") \
  X(EROPE,      -27, "rope must be 0 or 1, and rope 1 needs an even head_dim and a finite rope_theta >= 0") \
  X(ECACHE,     -28, "the KV cache needs len >= 0 and capacity >= len + seq_kv")            \
  X(EBIAS,      -29, "bias must be 0 or 1")                                                 \
  X(EKVIN,      -30, "kv_in NULL (self-attention) needs kv_dim == embed_dim and seq_kv 0 or seq_q")

enum {
  MHA_OK = 0,
#define MHA__ERR_ENUM(name, code, msg) MHA_##name = code,
  MHA_ERRNO_MAP(MHA__ERR_ENUM)
#undef MHA__ERR_ENUM
};

enum { MHA_LAYOUT_BHSD = 0, MHA_LAYOUT_BSHD = 1 };
enum { MHA_ALIGN_BOTTOM_RIGHT = 0, MHA_ALIGN_TOP_LEFT = 1 };

/* Element types. MHA_Q8_0 (k and v only): blocks of 32 values along d, each
 * { uint16_t scale_f16; int8_t q[32]; } (34 bytes, ggml's block_q8_0), value = scale * q;
 * head_dim must be a multiple of 32. F16 is IEEE binary16, BF16 the top half of an fp32.
 * Softmax and accumulation are fp32 whatever the types. */
typedef enum mha_dtype { MHA_F32 = 0, MHA_F16 = 1, MHA_BF16 = 2, MHA_Q8_0 = 3 } mha_dtype;
typedef struct mha_strides { ptrdiff_t batch, head, seq; } mha_strides; /* the last dim is contiguous */

struct mha_context;

typedef struct mha_attention_desc {
  /* 0.1 */
  int batch;    /* B   >= 1 */
  int heads_q;  /* Hq  >= 1 */
  int heads_kv; /* Hkv >= 1, divides Hq: Hkv == Hq is MHA, 1 is MQA, otherwise GQA */
  int seq_q;    /* Nq  >= 1 */
  int seq_kv;   /* Nk  >= 1 */
  int head_dim; /* d   >= 1, any value; fast paths for the common ones */
  float scale;  /* 0: 1/sqrt(d); NaN or inf is an error */
  int causal;   /* query i sees keys j <= i + (Nk - Nq) (bottom-right aligned, as in decoding) */
  int layout;   /* MHA_LAYOUT_BHSD: [B][H][N][d]; MHA_LAYOUT_BSHD: [B][N][H][d] */
  int threads;  /* 0: every core the process may use; 1: the calling thread only */
  /* 0.2 (zero = the 0.1 behaviour). A field a build does not support is refused with
   * MHA_EUNSUPPORTED, never answered wrongly (this one supports them all). */
  int q_type, kv_type, o_type; /* mha_dtype; q and o: F32, F16, BF16; k and v: all four */
  /* Bytes between consecutive batches, heads and rows (>= 0, multiples of the element size;
   * Q8_0: any). All three zero: packed per layout. Otherwise taken as given: a K/V cache with
   * spare capacity ([B][Hkv][cap][d]: seq = row bytes, head = cap * row bytes), a fused QKV
   * buffer, a batch stride of 0 for a K/V prefix that every sequence shares. o's rows must not
   * overlap each other, and o must not overlap q, k, v or lse (MHA_EOVERLAP). */
  mha_strides q_strides, k_strides, v_strides, o_strides;
  const int *seq_kv_lens;   /* NULL, or [batch]: keys of sequence b are 0 .. lens[b]-1 (0 <= lens[b]
                               <= seq_kv); keys past them are never read (they may hold NaN) */
  int causal_align;         /* where row i's diagonal key p(i) lies: MHA_ALIGN_BOTTOM_RIGHT = 0,
                               p(i) = i + Nk_b - Nq (as in decoding; Nk_b is lens[b] or seq_kv),
                               or MHA_ALIGN_TOP_LEFT, p(i) = i (PyTorch's is_causal) */
  int window;               /* > 0 (causal only): a query sees at most `window` keys, its own
                               diagonal key and the window-1 before it (Mistral); 0: no limit */
  float softcap;            /* > 0: each scaled score s becomes softcap * tanh(s / softcap) */
  const float *alibi_slopes; /* NULL, or [heads_q]: adds slope[h] * (j - p(i)) to each score,
                                after the softcap (causal or not) */
  const float *sinks;       /* NULL, or [heads_q]: a logit per head that joins the softmax's
                               denominator and carries no value (attention sinks) */
  float *lse;               /* NULL, or out [batch][heads_q][seq_q]: the natural log of each row's
                               softmax denominator, sinks included; a row that sees no key gets
                               zeros in o and lse = -inf (sinks[h] with sinks) */
  struct mha_context *ctx;  /* NULL: the library's own pool; else a caller-made context */
} mha_attention_desc;

/* O = softmax(scale * Q K^T (softcapped, + ALiBi, masked by causal, window and lengths;
 * sinks in the denominator)) V for every batch and query head, with q, k, v and o of the
 * desc's types. Returns MHA_OK (0) or a negative error code; on error nothing
 * is written to o. */
MHA_EXTERN int mha_attention(const mha_attention_desc *desc, const void *q, const void *k,
                             const void *v, void *o);
/* 0.1: mha_attention with every type F32 (the desc's type fields are not read). */
MHA_EXTERN int mha_attention_f32(const mha_attention_desc *desc, const float *q, const float *k,
                                 const float *v, float *o);
/* Combines two partial results over disjoint key sets (split-KV, ring attention), rows x d
 * each, lse the natural log of each row's softmax denominator (-inf: the row saw no key):
 * o = (e^(lse1-m) o1 + e^(lse2-m) o2) / (e^(lse1-m) + e^(lse2-m)), m = max(lse1, lse2), and
 * lse (when not NULL) = m + log(e^(lse1-m) + e^(lse2-m)). A row with both -inf gets zeros and
 * -inf. o may be o1 or o2. */
MHA_EXTERN int mha_merge_f32(int rows, int d, const float *o1, const float *lse1, const float *o2,
                             const float *lse2, float *o, float *lse);

MHA_EXTERN const char *mha_strerror(int status); /* never NULL */
MHA_EXTERN const char *mha_err_name(int status); /* "MHA_EGROUP"; never NULL */

/* The name of the kernel variant the dispatch table picks for desc on this CPU
 * (MHA_KERNEL applied), or NULL when desc is invalid. */
MHA_EXTERN const char *mha_kernel_name(const mha_attention_desc *desc);

/* A caller-owned thread team, for engines that run their own pools (0.2). */
typedef struct mha_context_desc {
  int threads;     /* 0: the CPUs the process may use (affinity and cgroup quota) */
  int spin_us;     /* how long idle workers spin before sleeping; 0: sleep at once */
  const int *cpus; /* NULL, or [ncpus] CPU ids to pin the workers to */
  int ncpus;
} mha_context_desc;
/* MHA_OK, or MHA_ENULL, MHA_ETHREADS (threads, spin_us or ncpus < 0, or a CPU id outside the
 * process's affinity), MHA_ENOMEM, MHA_ETHREAD; *out is NULL on error. threads 0 with a CPU
 * list: ncpus threads; worker w runs on cpus[w % ncpus]. Concurrent calls on one context run
 * one at a time, in arrival order. */
MHA_EXTERN int mha_context_create(const mha_context_desc *d, struct mha_context **out);
MHA_EXTERN void mha_context_destroy(struct mha_context *ctx); /* joins its workers; NULL: nothing */

/* ---- The multi-head attention layer (0.2) ----
 * Q/K/V projections of x, attention per head, the heads concatenated, the output projection.
 * Weights follow PyTorch: nn.Linear rows are output features (y = x W^T + b), and the three
 * input projections are stacked as in nn.MultiheadAttention.in_proj_weight (Wq, Wk, Wv). */
typedef struct mha_layer_desc {
  int embed_dim;            /* E */
  int heads_q, heads_kv;    /* heads_kv 0: heads_q */
  int head_dim;             /* 0: E / heads_q */
  int kv_dim;               /* 0: E; the width of the key/value input (cross-attention) */
  int bias;                 /* 1: the four projections have biases */
  int causal, threads;
  int rope;                 /* 0 none; 1: rotary on Q and K (rotate-half pairs (i, i + d/2)), base rope_theta */
  float rope_theta;         /* 0: 10000 */
  int weight_type, kv_type; /* mha_dtype of the weights and of the KV cache; 0: F32 */
} mha_layer_desc;
/* A layer's KV cache: k and v each [B][Hkv][capacity][head_dim] of kv_type. */
typedef struct mha_kv_cache {
  void *k, *v;
  int capacity, len;
} mha_kv_cache;
struct mha_layer;

/* Packs the weights once (the caller's arrays are not kept). in_proj_weight:
 * [(Hq + 2 Hkv) * head_dim][E] (the Wk and Wv rows are [kv_dim] long); in_proj_bias:
 * [(Hq + 2 Hkv) * head_dim] or NULL; out_proj_weight: [E][Hq * head_dim]; out_proj_bias: [E]
 * or NULL. The biases are read only with bias 1, which needs both. MHA_OK or a negative code;
 * *out is NULL on error. */
MHA_EXTERN int mha_layer_create(const mha_layer_desc *d, const float *in_proj_weight,
                                const float *in_proj_bias, const float *out_proj_weight,
                                const float *out_proj_bias, struct mha_layer **out);
/* y[B][Nq][E] = layer(x[B][Nq][E], kv_in[B][Nk][kv_dim]); kv_in NULL is self-attention (Nk =
 * Nq: seq_kv 0 or seq_q; a layer with kv_dim != E needs kv_in, MHA_EKVIN). With a cache, the
 * new K/V rows are appended at len .. len+Nk-1 and attention runs over all of them (causal:
 * bottom-right); the caller advances cache->len. RoPE positions start at cache->len (0
 * without a cache), for the queries and the new keys alike. Without a cache K and V stay
 * fp32 (kv_type is the cache's type). On error nothing is written to y nor to the cache
 * (MHA_ENOMEM may come after the rows past len were written; len .. are not the cache's
 * yet). Threads may share a layer, each with its own x, y and cache. */
MHA_EXTERN int mha_layer_forward(struct mha_layer *L, int batch, int seq_q, const float *x,
                                 int seq_kv, const float *kv_in, mha_kv_cache *cache, float *y);
MHA_EXTERN void mha_layer_destroy(struct mha_layer *L); /* NULL: nothing */

/* MHA_VERSION_MAJOR * 10000 + MINOR * 100 + PATCH of the library actually linked. */
MHA_EXTERN int mha_version(void);
MHA_EXTERN const char *mha_version_string(void);

#ifdef __cplusplus
}
#endif
#endif /* MHA_H */
