/* layer_peers.c: the projections' and the layer's peers (layer_peers.h). */
#include "layer_peers.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <omp.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <dnnl.h>
#include <dnnl_debug.h>

#include "impl_internal.h"
#include "util.h"

#ifndef MHA_SCRIPTS_DIR_DEFAULT
#define MHA_SCRIPTS_DIR_DEFAULT "scripts"
#endif

extern char **environ;

/* ---- oneDNN matmul as nn.Linear ---- */

struct mha_dnnl_linear {
  int nthr;
  dnnl_engine_t eng;
  dnnl_stream_t strm;
  dnnl_primitive_t prim;
  dnnl_memory_t a, w, b, c, pad;
  void *wbuf, *padbuf;
  char detail[400];
};

void mha_dnnl_linear_destroy(mha_dnnl_linear *l) {
  if (!l) return;
  dnnl_memory_t mems[] = {l->a, l->w, l->b, l->c, l->pad};
  for (size_t i = 0; i < sizeof mems / sizeof *mems; i++)
    if (mems[i]) dnnl_memory_destroy(mems[i]);
  if (l->prim) dnnl_primitive_destroy(l->prim);
  if (l->strm) dnnl_stream_destroy(l->strm);
  if (l->eng) dnnl_engine_destroy(l->eng);
  free(l->wbuf), free(l->padbuf), free(l);
}

#define CHECK(call, what)                                                                    \
  do {                                                                                       \
    dnnl_status_t st_ = (call);                                                              \
    if (st_ != dnnl_success) {                                                               \
      snprintf(why, wlen, "oneDNN %s: %s", what, dnnl_status2str(st_));                      \
      rc = st_ == dnnl_unimplemented ? MHA_IMPL_UNSUPPORTED : -1;                            \
      goto fail;                                                                             \
    }                                                                                        \
  } while (0)

static void *alloc64(size_t bytes) { return aligned_alloc(64, (bytes + 63) / 64 * 64 + 64); }

int mha_dnnl_linear_create(int m, int n, int k, ptrdiff_t lda, ptrdiff_t ldc, int threads, const float *w,
                           const float *bias, mha_dnnl_linear **out, char *why, size_t wlen) {
  *out = NULL;
  if (m < 1 || n < 1 || k < 1 || !w) {
    snprintf(why, wlen, "linear %dx%dx%d: bad shape or no weights", m, n, k);
    return -1;
  }
  const dnnl_version_t *ver = dnnl_version();
  if (ver->cpu_runtime != DNNL_RUNTIME_OMP) {
    snprintf(why, wlen, "oneDNN %d.%d.%d does not run on OpenMP: its thread count cannot be set", ver->major,
             ver->minor, ver->patch);
    return MHA_IMPL_UNSUPPORTED;
  }
  int rc = 0;
  mha_dnnl_linear *l = calloc(1, sizeof *l);
  if (!l) {
    snprintf(why, wlen, "out of memory");
    return MHA_ENOMEM;
  }
  const mha_attention_desc td = {.threads = threads};
  l->nthr = mha__impl_threads(&td);
  omp_set_num_threads(l->nthr); /* oneDNN picks its blocking for the thread count it sees now */
  dnnl_primitive_desc_t pd = NULL, rpd = NULL;
  dnnl_primitive_t reorder = NULL;
  dnnl_memory_t wuser = NULL;
  const char *info = "";
  /* W as nn.Linear stores it, [n][k], is the matmul's [k][n] weights transposed (strides 1, k);
   * oneDNN gets format "any" and the user's W is reordered into its choice once, here. */
  dnnl_memory_desc_t amd, wmd, wany, bmd, cmd;
  const dnnl_dims_t adims = {m, k}, astr = {lda ? lda : k, 1}, wdims = {k, n}, wstr = {1, k}, bdims = {1, n},
                    cdims = {m, n}, cstr = {ldc ? ldc : n, 1};
  CHECK(dnnl_engine_create(&l->eng, dnnl_cpu, 0), "engine");
  CHECK(dnnl_stream_create(&l->strm, l->eng, dnnl_stream_default_flags), "stream");
  CHECK(dnnl_memory_desc_init_by_strides(&amd, 2, adims, dnnl_f32, astr), "A");
  CHECK(dnnl_memory_desc_init_by_strides(&wmd, 2, wdims, dnnl_f32, wstr), "W");
  CHECK(dnnl_memory_desc_init_by_tag(&wany, 2, wdims, dnnl_f32, dnnl_format_tag_any), "W any");
  CHECK(dnnl_memory_desc_init_by_tag(&bmd, 2, bdims, dnnl_f32, dnnl_ab), "bias");
  CHECK(dnnl_memory_desc_init_by_strides(&cmd, 2, cdims, dnnl_f32, cstr), "C");
  dnnl_matmul_desc_t mm;
  CHECK(dnnl_matmul_desc_init(&mm, &amd, &wany, bias ? &bmd : NULL, &cmd), "matmul");
  dnnl_primitive_attr_t attr;
  CHECK(dnnl_primitive_attr_create(&attr), "attributes");
  dnnl_status_t st = dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user);
  if (st == dnnl_success) st = dnnl_primitive_desc_create(&pd, &mm, attr, l->eng, NULL);
  dnnl_primitive_attr_destroy(attr);
  CHECK(st, "matmul");
  CHECK(dnnl_primitive_create(&l->prim, pd), "matmul");
  CHECK(dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &info), "query");
  const dnnl_memory_desc_t *wpick = dnnl_primitive_desc_query_md(pd, dnnl_query_weights_md, 0);
  const dnnl_memory_desc_t *padmd = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0);
  const size_t wsize = dnnl_memory_desc_get_size(wpick), padsize = dnnl_memory_desc_get_size(padmd);
  l->wbuf = alloc64(wsize);
  l->padbuf = padsize ? alloc64(padsize) : NULL;
  if (!l->wbuf || (padsize && !l->padbuf)) {
    snprintf(why, wlen, "out of memory for %zu bytes of weights", wsize);
    rc = MHA_ENOMEM;
    goto fail;
  }
  CHECK(dnnl_memory_create(&wuser, &wmd, l->eng, (void *)w), "memory"); /* only read */
  CHECK(dnnl_memory_create(&l->w, wpick, l->eng, l->wbuf), "memory");
  CHECK(dnnl_reorder_primitive_desc_create(&rpd, &wmd, l->eng, wpick, l->eng, NULL), "weights reorder");
  CHECK(dnnl_primitive_create(&reorder, rpd), "weights reorder");
  dnnl_exec_arg_t ra[] = {{DNNL_ARG_FROM, wuser}, {DNNL_ARG_TO, l->w}};
  CHECK(dnnl_primitive_execute(reorder, l->strm, 2, ra), "weights reorder");
  CHECK(dnnl_stream_wait(l->strm), "weights reorder");
  CHECK(dnnl_memory_create(&l->a, &amd, l->eng, DNNL_MEMORY_NONE), "memory");
  CHECK(dnnl_memory_create(&l->c, &cmd, l->eng, DNNL_MEMORY_NONE), "memory");
  if (bias) CHECK(dnnl_memory_create(&l->b, &bmd, l->eng, (void *)bias), "memory");
  if (padsize) CHECK(dnnl_memory_create(&l->pad, padmd, l->eng, l->padbuf), "memory");
  snprintf(l->detail, sizeof l->detail, "oneDNN %d.%d.%d (OpenMP) matmul: %s, weights reordered once", ver->major,
           ver->minor, ver->patch, info);
  dnnl_primitive_destroy(reorder);
  dnnl_primitive_desc_destroy(rpd);
  dnnl_memory_destroy(wuser);
  dnnl_primitive_desc_destroy(pd);
  *out = l;
  return 0;
fail:
  if (reorder) dnnl_primitive_destroy(reorder);
  if (rpd) dnnl_primitive_desc_destroy(rpd);
  if (wuser) dnnl_memory_destroy(wuser);
  if (pd) dnnl_primitive_desc_destroy(pd);
  mha_dnnl_linear_destroy(l);
  return rc;
}

int mha_dnnl_linear_run(mha_dnnl_linear *l, const float *a, float *c) {
  omp_set_num_threads(l->nthr); /* the calling thread's OpenMP setting is what oneDNN uses */
  dnnl_exec_arg_t args[5] = {{DNNL_ARG_SRC, l->a}, {DNNL_ARG_WEIGHTS, l->w}, {DNNL_ARG_DST, l->c}};
  int n = 3;
  if (l->b) args[n++] = (dnnl_exec_arg_t){DNNL_ARG_BIAS, l->b};
  if (l->pad) args[n++] = (dnnl_exec_arg_t){DNNL_ARG_SCRATCHPAD, l->pad};
  if (dnnl_memory_set_data_handle_v2(l->a, (void *)a, l->strm) != dnnl_success ||
      dnnl_memory_set_data_handle_v2(l->c, c, l->strm) != dnnl_success ||
      dnnl_primitive_execute(l->prim, l->strm, n, args) != dnnl_success || dnnl_stream_wait(l->strm) != dnnl_success)
    return -1;
  return 0;
}

const char *mha_dnnl_linear_detail(const mha_dnnl_linear *l) { return l->detail; }

/* ---- the composite ---- */

struct mha_composite {
  mha_layer_desc d;
  int batch, nq, nk, hd, hq, hkv, cross;
  mha_dnnl_linear *qkv, *kv, *out; /* self: qkv makes Q, K and V; cross: qkv makes Q, kv K and V */
  float *pq, *pkv, *po;            /* the projections' outputs and the attention's */
  mha_attention_desc ad;
  mha_attention_fn attn;
  float *cosv, *sinv; /* RoPE: [seq][hd/2] */
  char detail[1100];
};

void mha_composite_destroy(mha_composite *c) {
  if (!c) return;
  mha_dnnl_linear_destroy(c->qkv), mha_dnnl_linear_destroy(c->kv), mha_dnnl_linear_destroy(c->out);
  free(c->pq), free(c->pkv), free(c->po), free(c->cosv), free(c->sinv), free(c);
}

int mha_composite_create(const mha_layer_desc *d, int batch, int seq_q, int seq_kv, const float *in_w,
                         const float *in_b, const float *out_w, const float *out_b, mha_attention_fn attn,
                         mha_composite **out, char *why, size_t wlen) {
  *out = NULL;
  const int E = d->embed_dim, hq = d->heads_q, hkv = d->heads_kv ? d->heads_kv : hq;
  const int hd = d->head_dim ? d->head_dim : hq > 0 ? E / hq : 0, kvd = d->kv_dim ? d->kv_dim : E;
  if (E < 1 || hq < 1 || hkv < 1 || hq % hkv || hd < 1 || (!d->head_dim && E % hq) || batch < 1 || seq_q < 1 || !in_w || !out_w || !attn ||
      (d->rope && hd % 2) || (!d->kv_dim && seq_kv != seq_q) || seq_kv < 1) {
    snprintf(why, wlen, "composite: a layer it cannot make (E %d, heads %d/%d, d %d)", E, hq, hkv, hd);
    return -1;
  }
  if (d->weight_type || d->kv_type) {
    snprintf(why, wlen, "composite: f32 weights and K/V only");
    return MHA_IMPL_UNSUPPORTED;
  }
  mha_composite *c = calloc(1, sizeof *c);
  if (!c) return snprintf(why, wlen, "out of memory"), MHA_ENOMEM;
  c->d = *d, c->batch = batch, c->nq = seq_q, c->nk = seq_kv, c->hd = hd, c->hq = hq, c->hkv = hkv;
  c->cross = d->kv_dim != 0, c->attn = attn;
  const int nqo = hq * hd, nkv = 2 * hkv * hd, mq = batch * seq_q, mk = batch * seq_kv;
  const int wq = c->cross ? nqo : nqo + nkv; /* the first projection's row */
  int rc = 0;
  const float *bq = d->bias ? in_b : NULL;
  c->pq = alloc64((size_t)mq * wq * 4);
  c->po = alloc64((size_t)mq * nqo * 4);
  if (c->cross) c->pkv = alloc64((size_t)mk * nkv * 4);
  if (!c->pq || !c->po || (c->cross && !c->pkv)) {
    snprintf(why, wlen, "out of memory");
    rc = MHA_ENOMEM;
    goto fail;
  }
  /* Self-attention: one matmul makes Q, K and V side by side, [B*N][(Hq + 2 Hkv) d], the rows
   * of in_proj_weight in order; cross: Q from x, K and V from kv_in. */
  if ((rc = mha_dnnl_linear_create(mq, wq, E, 0, 0, d->threads, in_w, bq, &c->qkv, why, wlen)) != 0) goto fail;
  if (c->cross && (rc = mha_dnnl_linear_create(mk, nkv, kvd, 0, 0, d->threads, in_w + (size_t)nqo * E,
                                               bq ? bq + nqo : NULL, &c->kv, why, wlen)) != 0)
    goto fail;
  if ((rc = mha_dnnl_linear_create(mq, E, nqo, 0, 0, d->threads, out_w, d->bias ? out_b : NULL, &c->out, why, wlen)) !=
      0)
    goto fail;
  if (d->rope) {
    const int half = hd / 2, n = seq_q > seq_kv ? seq_q : seq_kv;
    const double theta = d->rope_theta > 0 ? d->rope_theta : 10000;
    c->cosv = malloc((size_t)n * half * 4), c->sinv = malloc((size_t)n * half * 4);
    if (!c->cosv || !c->sinv) {
      snprintf(why, wlen, "out of memory");
      rc = MHA_ENOMEM;
      goto fail;
    }
    for (int p = 0; p < n; p++)
      for (int i = 0; i < half; i++) {
        const double a = p * pow(theta, -2.0 * i / hd);
        c->cosv[(size_t)p * half + i] = (float)cos(a), c->sinv[(size_t)p * half + i] = (float)sin(a);
      }
  }
  /* The attention reads the projections' output where it lies: BSHD through strides. */
  const ptrdiff_t rq = (ptrdiff_t)wq * 4, rkv = c->cross ? (ptrdiff_t)nkv * 4 : rq;
  c->ad = (mha_attention_desc){.batch = batch, .heads_q = hq, .heads_kv = hkv, .seq_q = seq_q, .seq_kv = seq_kv,
                               .head_dim = hd, .causal = d->causal, .layout = MHA_LAYOUT_BSHD, .threads = d->threads,
                               .q_strides = {rq * seq_q, (ptrdiff_t)hd * 4, rq},
                               .k_strides = {rkv * seq_kv, (ptrdiff_t)hd * 4, rkv},
                               .v_strides = {rkv * seq_kv, (ptrdiff_t)hd * 4, rkv}};
  snprintf(c->detail, sizeof c->detail, "%s projections (%s), mhatune's mha_attention on them in place%s",
           c->cross ? "three" : "two", mha_dnnl_linear_detail(c->qkv), d->rope ? ", RoPE a pass over Q and K" : "");
  *out = c;
  return 0;
fail:
  mha_composite_destroy(c);
  return rc;
}

/* Rotate-half RoPE on `heads` heads of each row of x (rows ld floats apart, head h at h * hd),
 * the position the row's index in its sequence. */
static void rope(const mha_composite *c, float *x, ptrdiff_t ld, int rows, int seq, int heads) {
  const int half = c->hd / 2;
  for (int r = 0; r < rows; r++) {
    const float *cs = c->cosv + (size_t)(r % seq) * half, *sn = c->sinv + (size_t)(r % seq) * half;
    for (int h = 0; h < heads; h++) {
      float *v = x + r * ld + (ptrdiff_t)h * c->hd;
      for (int i = 0; i < half; i++) {
        const float a = v[i], b = v[i + half];
        v[i] = a * cs[i] - b * sn[i], v[i + half] = b * cs[i] + a * sn[i];
      }
    }
  }
}

int mha_composite_run(mha_composite *c, const float *x, const float *kv_in, float *y) {
  const int nqo = c->hq * c->hd, mq = c->batch * c->nq;
  if (c->cross && !kv_in) return MHA_ENULL;
  if (mha_dnnl_linear_run(c->qkv, x, c->pq) != 0) return -1;
  if (c->cross && mha_dnnl_linear_run(c->kv, kv_in, c->pkv) != 0) return -1;
  const float *k = c->cross ? c->pkv : c->pq + nqo, *v = k + c->hkv * c->hd;
  const ptrdiff_t lq = c->ad.q_strides.seq / 4, lk = c->ad.k_strides.seq / 4;
  if (c->d.rope) {
    rope(c, c->pq, lq, mq, c->nq, c->hq);
    rope(c, (float *)k, lk, c->batch * c->nk, c->nk, c->hkv);
  }
  int rc = c->attn(&c->ad, c->pq, k, v, c->po);
  if (rc != 0) return rc;
  return mha_dnnl_linear_run(c->out, c->po, y) != 0 ? -1 : 0;
}

const char *mha_composite_detail(const mha_composite *c) { return c->detail; }

/* ---- torch.nn.MultiheadAttention ---- */

static int put(const char *dir, const char *name, const float *x, size_t n) {
  char path[600];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  int bad = fwrite(x, 4, n, f) != n;
  bad |= fclose(f) != 0;
  return bad ? -1 : 0;
}

static void rm_dir(const char *dir) {
  static const char *const names[] = {"x.bin", "kv.bin", "in_w.bin", "in_b.bin", "wq.bin", "wk.bin", "wv.bin",
                                      "out_w.bin", "out_b.bin", "y.bin", "out.txt", "err.txt"};
  char path[600];
  for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    unlink(path);
  }
  rmdir(dir);
}

int mha_torch_layer(const mha_layer_desc *d, int batch, int seq, const float *x, const float *kv_in,
                    const float *in_w, const float *in_b, const float *out_w, const float *out_b, int threads,
                    double min_time, int reps, float *y, double *median_s, double *cv, char *detail, size_t dlen,
                    char *why, size_t wlen) {
  const int E = d->embed_dim, H = d->heads_q, kvd = d->kv_dim ? d->kv_dim : E;
  if ((d->heads_kv && d->heads_kv != H) || d->rope || (d->head_dim && d->head_dim * H != E) || (d->causal && d->kv_dim) ||
      d->weight_type || d->kv_type) {
    snprintf(why, wlen, "torch.nn.MultiheadAttention has no %s",
             d->rope ? "RoPE" : d->heads_kv && d->heads_kv != H ? "GQA/MQA" : d->kv_dim ? "causal cross-attention"
             : d->weight_type || d->kv_type ? "other weight or cache type" : "head_dim other than E / heads");
    return MHA_IMPL_UNSUPPORTED;
  }
  const char *py = getenv("MHA_TORCH_PYTHON"), *script = getenv("MHA_TORCH_SCRIPT");
  if (!py || !*py) py = "/usr/bin/python3";
  if (!script || !*script) script = MHA_SCRIPTS_DIR_DEFAULT "/torch_mha.py";
  char dir[] = "/tmp/mha-torch-XXXXXX";
  if (!mkdtemp(dir)) return snprintf(why, wlen, "mkdtemp: %s", strerror(errno)), -1;
  int rc = -1;
  const size_t nx = (size_t)batch * seq * E, nkv = (size_t)batch * seq * kvd, ee = (size_t)E * E;
  int bad = put(dir, "x.bin", x, nx) || put(dir, "out_w.bin", out_w, ee);
  if (d->kv_dim) /* torch keeps separate Wq, Wk, Wv when kdim differs from E */
    bad |= !kv_in || put(dir, "kv.bin", kv_in, nkv) || put(dir, "wq.bin", in_w, ee) ||
           put(dir, "wk.bin", in_w + ee, (size_t)E * kvd) || put(dir, "wv.bin", in_w + ee + (size_t)E * kvd, (size_t)E * kvd);
  else bad |= put(dir, "in_w.bin", in_w, 3 * ee);
  if (d->bias) bad |= put(dir, "in_b.bin", in_b, 3 * (size_t)E) || put(dir, "out_b.bin", out_b, (size_t)E);
  if (bad) {
    snprintf(why, wlen, "cannot write the inputs into %s", dir);
    goto done;
  }
  char a[10][32], outp[600], errp[600];
  const int iv[] = {E, H, d->bias != 0, d->causal != 0, batch, seq, d->kv_dim, threads};
  for (int i = 0; i < 8; i++) snprintf(a[i], sizeof a[i], "%d", iv[i]);
  snprintf(a[8], sizeof a[8], "%g", min_time), snprintf(a[9], sizeof a[9], "%d", reps);
  char *argv[] = {(char *)py, (char *)script, dir, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], NULL};
  snprintf(outp, sizeof outp, "%s/out.txt", dir), snprintf(errp, sizeof errp, "%s/err.txt", dir);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&fa, 2, errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid;
  int st = 0, e = posix_spawn(&pid, py, &fa, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&fa);
  if (e) {
    snprintf(why, wlen, "torch.nn.MultiheadAttention left out: %s cannot run (%s); scripts/deps.sh --torch installs "
             "python3-torch", py, strerror(e));
    rc = MHA_IMPL_UNSUPPORTED;
    goto done;
  }
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) continue;
  size_t len = 0;
  char *o = mha_slurp(outp, &len), *er = mha_slurp(errp, &len);
  const char *msg = er && *er ? er : "no message";
  if (WIFEXITED(st) && WEXITSTATUS(st) == 3) {
    snprintf(why, wlen, "torch.nn.MultiheadAttention left out: %.*s; scripts/deps.sh --torch installs python3-torch",
             (int)strcspn(msg, "\n"), msg);
    rc = MHA_IMPL_UNSUPPORTED;
  } else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
    snprintf(why, wlen, "%s failed (status %d): %.300s", script, st, msg);
  } else {
    char ver[64];
    int n = 0;
    snprintf(outp, sizeof outp, "%s/y.bin", dir);
    float *yy = (float *)mha_slurp(outp, &len);
    if (!o || sscanf(o, "torch %63s %lf %lf %d", ver, median_s, cv, &n) != 4 || n != reps || !(*median_s > 0)) {
      snprintf(why, wlen, "%s: unexpected output '%.200s'", script, o ? o : "");
    } else if (!yy || len != nx * 4) {
      snprintf(why, wlen, "%s: y.bin has %zu bytes, want %zu", script, yy ? len : 0, nx * 4);
    } else {
      memcpy(y, yy, nx * 4);
      snprintf(detail, dlen, "torch.nn.MultiheadAttention, torch %s (%s, %d threads)", ver, py, threads);
      rc = 0;
    }
    free(yy);
  }
  free(o), free(er);
done:
  rm_dir(dir);
  return rc;
}
