/* mha.h: the public interface of the mhatune attention library.
 * Fast fp32 multi-head attention for the CPU it was tuned on; dependency-free C. */
#ifndef MHA_H
#define MHA_H

#ifdef __cplusplus
extern "C" {
#endif

#define MHA_VERSION_MAJOR 0
#define MHA_VERSION_MINOR 1
#define MHA_VERSION_PATCH 0
#define MHA_VERSION_STRING "0.1.0"

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
  X(ENULL,      -1,  "a required pointer (desc, q, k, v or o) is NULL")                     \
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
  X(ECAUSAL,    -14, "causal must be 0 or 1")

enum {
  MHA_OK = 0,
#define MHA__ERR_ENUM(name, code, msg) MHA_##name = code,
  MHA_ERRNO_MAP(MHA__ERR_ENUM)
#undef MHA__ERR_ENUM
};

enum { MHA_LAYOUT_BHSD = 0, MHA_LAYOUT_BSHD = 1 };

typedef struct mha_attention_desc {
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
} mha_attention_desc;

/* O = softmax(scale * Q K^T (+ causal mask)) V for every batch and query head.
 * Returns MHA_OK (0) or a negative error code; on error nothing is written to o. */
MHA_EXTERN int mha_attention_f32(const mha_attention_desc *desc, const float *q, const float *k,
                                 const float *v, float *o);

MHA_EXTERN const char *mha_strerror(int status); /* never NULL */
MHA_EXTERN const char *mha_err_name(int status); /* "MHA_EGROUP"; never NULL */

/* The name of the kernel variant the dispatch table picks for desc on this CPU
 * (MHA_KERNEL applied), or NULL when desc is invalid. */
MHA_EXTERN const char *mha_kernel_name(const mha_attention_desc *desc);

/* MHA_VERSION_MAJOR * 10000 + MINOR * 100 + PATCH of the library actually linked. */
MHA_EXTERN int mha_version(void);
MHA_EXTERN const char *mha_version_string(void);

#ifdef __cplusplus
}
#endif
#endif /* MHA_H */
