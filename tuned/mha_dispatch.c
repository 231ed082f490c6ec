/* mha_dispatch.c: which kernel runs a call. The table this CPU's signature selects among
 * the linked ones, BLIS-style two passes over it (per-ISA defaults, then tuned entries),
 * then the MHA_KERNEL override. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mha_dispatch.h"
#include "mha_gemm.h"

int mha__dclass(int d) {
  static const int classes[] = {
#define MHA__DC(v) v,
      MHA__DCLASS_LIST(MHA__DC)
#undef MHA__DC
  };
  for (int i = 1; i < MHA__DCLASS_COUNT; i++)
    if (classes[i] == d) return i;
  return 0;
}

int mha__seq_bucket(int n) {
  static const int top[] = {1, 16, 128, 512, 2048};
  for (int i = 0; i < MHA__SEQ_BUCKETS - 1; i++)
    if (n <= top[i]) return i;
  return MHA__SEQ_BUCKETS - 1;
}

int mha__kernel_applies(const mha__kernel *k, const mha_attention_desc *desc) {
  const int d = desc->head_dim, group = desc->heads_q / desc->heads_kv;
  return k && k->g >= 1 && (k->d == 0 || k->d == d) && group % k->g == 0 &&
         k->kv_type == desc->kv_type && (k->q_type == MHA_F32 || k->q_type == desc->q_type);
}

int mha__kernel_runs(const mha__kernel *k, int cpu_isa, unsigned features) {
  return k && k->fn && k->ws_floats && k->isa <= cpu_isa && (k->needs & ~features) == 0;
}

static int runnable(const mha__kernel *k, int cpu_isa, unsigned features, const mha_attention_desc *desc) {
  return mha__kernel_runs(k, cpu_isa, features) && mha__kernel_applies(k, desc);
}

/* A signature "vendor:family:model:isa", split; 0 when it is not one. */
typedef struct sig_parts {
  char vendor[32], isa[16];
  unsigned family, model;
} sig_parts;

static int sig_split(const char *s, sig_parts *p) {
  int end = 0;
  if (!s || sscanf(s, "%31[^:]:%u:%u:%15[^:]%n", p->vendor, &p->family, &p->model, p->isa, &end) != 4)
    return 0;
  return s[end] == 0;
}

/* How near table t's CPU is to this one: -1 when it is not a candidate, else larger is nearer. */
static long nearness(const mha__table *t, const sig_parts *cpu) {
  sig_parts p;
  const int tuned = (t && t->entry_count > 0 && t->entries) || (t && t->gemm_entry_count > 0 && t->gemm_entries);
  if (!tuned || !sig_split(t->cpu_signature, &p)) return -1;
  if (strcmp(p.vendor, cpu->vendor) || strcmp(p.isa, cpu->isa)) return -1;
  const long df = (long)p.family - (long)cpu->family, dm = (long)p.model - (long)cpu->model;
  return 1000000 - (df < 0 ? -df : df) * 1000 - (dm < 0 ? -dm : dm);
}

const mha__table *mha__table_select(const mha__table *const *tables, int n, const char *sig,
                                    int *match) {
  sig_parts cpu;
  const mha__table *best = NULL;
  long score = -1;
  *match = MHA__MATCH_NONE;
  if (!sig_split(sig, &cpu)) return NULL;
  for (int i = 0; i < n; i++) {
    const long s = nearness(tables[i], &cpu);
    if (s >= 0 && !strcmp(tables[i]->cpu_signature, sig)) {
      *match = MHA__MATCH_EXACT;
      return tables[i];
    }
    if (s > score) score = s, best = tables[i];
  }
  if (best) *match = MHA__MATCH_NEAREST;
  return best;
}

void mha__table_describe(char *buf, size_t len, const mha__table *const *tables, int n,
                         const char *sig) {
  int match, at;
  const mha__table *t = mha__table_select(tables, n, sig, &match);
  if (!len) return;
  if (!t) {
    at = snprintf(buf, len, "mha: no tuned table for this CPU (%s), so the generator's defaults; linked:", sig);
    for (int i = 0; i < n && at >= 0 && (size_t)at < len; i++)
      at += snprintf(buf + at, len - at, " %s (%s)", tables[i]->machine_id,
                     tables[i]->cpu_signature && tables[i]->cpu_signature[0] ? tables[i]->cpu_signature : "no signature");
    return;
  }
  snprintf(buf, len, "mha: table %s (%s: tuned on %s%s, this CPU %s; templates %s, made %s)",
           t->machine_id, match == MHA__MATCH_EXACT ? "exact" : "nearest", t->cpu_signature,
           match == MHA__MATCH_EXACT ? "" : ", the same vendor and ISA", sig, t->template_hash,
           t->created ? t->created : "?");
}

/* How far a tuned entry's bucket is from a call's: -1 (any) is 0 away. */
static int bucket_gap(int want, int n) {
  if (want == -1) return 0;
  const int b = mha__seq_bucket(n);
  return want > b ? want - b : b - want;
}

/* The dispatch key is normalised before lookup, so that descriptors meaning the same
 * computation find the same entry: a causal mask over one query row, aligned bottom-right,
 * masks nothing (the row sees every key), so such a call, and an entry tuned for such
 * calls (query bucket 0 is one row), count as not causal. */
static int call_causal(const mha_attention_desc *desc) {
  return desc->causal && desc->seq_q > 1;
}
int mha__call_keys(const mha_attention_desc *desc) {
  return desc->window > 0 && desc->window < desc->seq_kv ? desc->window : desc->seq_kv;
}
/* An entry serves calls of the Q type it was tuned for; F32's also serve F16 (no kernel
 * reads F16 Q: both run fp32 kernels), unless F16's own entries say otherwise (they score
 * higher: entry_score). */
static int entry_q_serves(int entry_q, int call_q) {
  return entry_q == call_q || (entry_q == MHA_F32 && call_q == MHA_F16);
}
static int entry_causal(const mha__table_entry *e) {
  return e->causal && e->nq_bucket != 0;
}

/* The score of a tuned entry for a call, or -1 when it does not apply. An entry applies
 * to its own key, and also to a neighbouring one: the same head dim and mask, query and key
 * lengths at most one bucket away, never across the few-rows line (a decode winner is a
 * poor prefill kernel and the reverse), heads that may differ, any ISA the CPU runs. The
 * exact key scores highest, whatever its ISA (it was measured faster than the others on
 * this machine); then the higher ISA, the same heads, the same group, the nearer buckets.
 * A tuned neighbour beats the untuned default: its tiles were measured on this machine for
 * this d and mask. */
static int entry_score(const mha__table_entry *e, int cpu_isa, unsigned features,
                       const mha_attention_desc *desc, int *exact) {
  const int group = desc->heads_q / desc->heads_kv;
  if (e->isa > cpu_isa || e->d != desc->head_dim || entry_causal(e) != call_causal(desc) ||
      !entry_q_serves(e->q_type, desc->q_type) || !runnable(e->kernel, cpu_isa, features, desc))
    return -1;
  const int gq = bucket_gap(e->nq_bucket, desc->seq_q), gk = bucket_gap(e->nk_bucket, mha__call_keys(desc));
  if (gq > 1 || gk > 1) return -1;
  if (e->nq_bucket != -1 && (e->nq_bucket <= 1) != (mha__seq_bucket(desc->seq_q) <= 1))
    return -1; /* buckets 0 and 1 (<= 16 query rows) are decoding's */
  const int heads = e->heads_q == desc->heads_q && e->heads_kv == desc->heads_kv;
  const int same_group = e->heads_q / e->heads_kv == group;
  *exact = heads && gq == 0 && gk == 0;
  return (e->q_type == desc->q_type) * 20000 + *exact * 10000 + e->isa * 1000 + heads * 100 + same_group * 50 - 10 * (gq + gk) +
         (e->nq_bucket != -1) + (e->nk_bucket != -1);
}

const mha__kernel *mha__pick(const mha__table *t, int cpu_isa, unsigned features,
                             const mha_attention_desc *desc, const char **why) {
  const int dc = mha__dclass(desc->head_dim), kv = desc->kv_type;
  const mha__kernel *best = NULL;
  const char *reason = "no kernel";
  if (cpu_isa >= MHA__ISA_COUNT) cpu_isa = MHA__ISA_COUNT - 1;

  /* Pass one, in the slots of the call's KV type: the best ISA with a specialised default
   * that applies, else its generic; for a few query rows the few-rows defaults first, the
   * largest g that divides the group (each K/V read serves g heads). */
  if (desc->seq_q > MHA__FEW_ROWS && desc->q_type != MHA_F32)
    for (int c = dc; c >= 0 && !best; c = c ? 0 : -1)
      for (int f = 0; f < MHA__NATIVE_FORMS && !best; f++)
        if (runnable(t->native_q[kv][c][f], cpu_isa, features, desc)) {
          best = t->native_q[kv][c][f];
          reason = "default for its Q type";
        }
  if (desc->seq_q <= MHA__FEW_ROWS) {
    for (int isa = cpu_isa; isa >= 0 && !best && dc; isa--)
      for (int gi = MHA__FEW_G - 1; gi >= 0 && !best; gi--)
        if (runnable(t->few_rows[kv][isa][dc][gi], cpu_isa, features, desc)) {
          best = t->few_rows[kv][isa][dc][gi];
          reason = "default for few rows";
        }
  }
  for (int isa = cpu_isa; isa >= 0 && !best && dc; isa--)
    if (runnable(t->defaults[kv][isa][dc], cpu_isa, features, desc)) {
      best = t->defaults[kv][isa][dc];
      reason = "default";
    }
  for (int isa = cpu_isa; isa >= 0 && !best; isa--)
    if (runnable(t->defaults[kv][isa][0], cpu_isa, features, desc)) {
      best = t->defaults[kv][isa][0];
      reason = "default generic";
    }

  /* Pass two: the tuned entry that scores best (entry_score), over the defaults. */
  if (t->entry_count > 0 && t->entries) {
    int score = -1;
    for (int i = 0; i < t->entry_count; i++) {
      const mha__table_entry *e = &t->entries[i];
      int exact = 0;
      const int s = entry_score(e, cpu_isa, features, desc, &exact);
      if (s > score) {
        score = s;
        best = e->kernel;
        reason = exact ? "tuned entry" : "nearest tuned entry";
      }
    }
  }
  if (why) *why = reason;
  return best;
}

/* The table this CPU uses, chosen once (the signature never changes): the one
 * mha__table_select gives, else the first linked table's defaults without its entries. */
static pthread_once_t selected_once = PTHREAD_ONCE_INIT;
static const mha__table *selected;
static mha__table defaults_only;

static void select_init(void) {
  char sig[128];
  int match;
  mha__cpu_signature(sig, sizeof sig);
  selected = mha__table_select(mha__tables, mha__table_count, sig, &match);
  if (!selected && mha__table_count > 0) {
    defaults_only = *mha__tables[0];
    defaults_only.entries = NULL, defaults_only.entry_count = 0;
    defaults_only.gemm_entries = NULL, defaults_only.gemm_entry_count = 0;
    selected = &defaults_only;
  }
}

static int forced(const char *name, const mha_attention_desc *desc, int cpu_isa,
                  unsigned features, const mha__kernel **out) {
  const int group = desc->heads_q / desc->heads_kv;
  int linked = 0;
  for (int ti = 0; ti < mha__table_count; ti++) {
    const mha__table *t = mha__tables[ti];
    linked += t->catalog_count;
    for (int i = 0; i < t->catalog_count; i++) {
      const mha__kernel *k = t->catalog[i];
      if (!k || strcmp(k->name, name)) continue;
      if (!mha__kernel_runs(k, cpu_isa, features)) {
        fprintf(stderr, "mha: MHA_KERNEL=%s needs %s%s; this CPU (or MHA_CPU) allows %s%s\n", name,
                mha__isa_name(k->isa), k->needs ? " and AVX512_BF16 (or AMX)" : "", mha__isa_name(cpu_isa),
                features & MHA__CPU_AVX512_BF16 ? " and AVX512_BF16" : "");
        return MHA_EKERNEL;
      }
      if (!mha__kernel_applies(k, desc)) {
        fprintf(stderr, "mha: MHA_KERNEL=%s does not apply to head_dim %d, group %d, K/V type %d, Q type %d\n",
                name, desc->head_dim, group, desc->kv_type, desc->q_type);
        return MHA_EKERNEL;
      }
      *out = k;
      return MHA_OK;
    }
  }
  fprintf(stderr, "mha: MHA_KERNEL=%s names no kernel of the %d table(s) linked (%d kernels)\n",
          name, mha__table_count, linked);
  return MHA_EKERNEL;
}

static int debug_on(void) {
  const char *e = getenv("MHA_DEBUG");
  return e && *e && !(e[0] == '0' && !e[1]);
}

/* Under MHA_DEBUG, the first choice of the process (attention's or GEMM's) says which table. */
static void tell_table(void) {
  static atomic_int told;
  if (debug_on() && !atomic_exchange(&told, 1)) {
    char sig[128], line[1024];
    mha__cpu_signature(sig, sizeof sig);
    mha__table_describe(line, sizeof line, mha__tables, mha__table_count, sig);
    fprintf(stderr, "%s\n", line);
  }
}

int mha__choose(const mha_attention_desc *desc, const mha__kernel **k, const char **why) {
  unsigned features;
  const int cpu_isa = mha__cpu_cap(&features); /* once per call: MHA_CPU read once */
  const char *name = getenv("MHA_KERNEL");
  pthread_once(&selected_once, select_init);
  tell_table();
  if (name && *name) {
    *why = "forced by MHA_KERNEL";
    return forced(name, desc, cpu_isa, features, k);
  }
  *k = selected ? mha__pick(selected, cpu_isa, features, desc, why) : NULL; /* no table linked */
  if (!selected) *why = "no table linked";
  return *k ? MHA_OK : MHA_EKERNEL;
}

/* ---- GEMM (mha_gemm.h) ---- */

int mha__gemm_runs(const mha__gemm_kernel *k, int cpu_isa, unsigned features, int nw) {
  return k && k->fn && k->mr > 0 && k->nr > 0 && k->lanes > 0 && k->isa <= cpu_isa &&
         (k->needs & ~features) == 0 && (nw <= 0 || k->nr * k->lanes == nw);
}

/* How far apart two sizes are, as a ratio in thousandths (1000: equal): n 4096 is nearer
 * 3072 than 1024, however the sizes scale. */
static long size_gap(int a, int b) {
  const long lo = a < b ? a : b, hi = a < b ? b : a;
  return lo > 0 ? hi * 1000 / lo : 1000000;
}

/* The score of a tuned GEMM entry for a call, or -1 when it does not apply: the same m
 * bucket (or an entry for any), a kernel this CPU runs with the panels asked for. The
 * exact n and k score highest, whatever the ISA (it was measured fastest for them here);
 * then the nearer n and k (ratios, so shapes keep their proportions), then the higher ISA,
 * then an entry of the exact bucket over one for any. */
static long gemm_entry_score(const mha__gemm_entry *e, int cpu_isa, unsigned features, int m,
                             int n, int kdim, int nw, int *exact) {
  if (e->isa > cpu_isa || !mha__gemm_runs(e->kernel, cpu_isa, features, nw)) return -1;
  if (e->m_bucket != -1 && e->m_bucket != mha__seq_bucket(m)) return -1;
  *exact = e->n == n && e->k == kdim;
  const long gap = size_gap(e->n, n) + size_gap(e->k, kdim) - 2000; /* 0: the same n and k */
  return (long)*exact * 100000000L + (1000000L - (gap < 999999 ? gap : 999999)) * 10 +
         e->isa * 2 + (e->m_bucket != -1);
}

const mha__gemm_kernel *mha__gemm_pick_in(const mha__table *t, int cpu_isa, unsigned features,
                                          int m, int n, int kdim, int nw, const char **why) {
  const mha__gemm_kernel *best = NULL;
  const char *reason = "no kernel";
  long score = -1;
  if (cpu_isa >= MHA__ISA_COUNT) cpu_isa = MHA__ISA_COUNT - 1;
  /* Pass two first here: a tuned entry (exact, else the nearest of the m bucket). */
  for (int i = 0; t && t->gemm_entries && i < t->gemm_entry_count; i++) {
    int exact = 0;
    const long s = gemm_entry_score(&t->gemm_entries[i], cpu_isa, features, m, n, kdim, nw, &exact);
    if (s > score) {
      score = s;
      best = t->gemm_entries[i].kernel;
      reason = exact ? "tuned entry" : "nearest tuned entry";
    }
  }
  /* Pass one: per ISA, the best first, the few-rows default for decoding's few rows (a
   * smaller mr wastes less of each micro-tile on one row), then the default. */
  for (int isa = cpu_isa; isa >= 0 && !best && t; isa--) {
    if (m <= MHA__FEW_ROWS && mha__gemm_runs(t->gemm_few_rows[isa], cpu_isa, features, nw)) {
      best = t->gemm_few_rows[isa];
      reason = "default for few rows";
    } else if (mha__gemm_runs(t->gemm_defaults[isa], cpu_isa, features, nw)) {
      best = t->gemm_defaults[isa];
      reason = "default";
    }
  }
  if (why) *why = reason;
  return best;
}

static const mha__gemm_kernel *gemm_forced(const char *name, int cpu_isa, unsigned features, int nw) {
  int linked = 0;
  for (int ti = 0; ti < mha__table_count; ti++) {
    const mha__table *t = mha__tables[ti];
    linked += t->gemm_catalog_count;
    for (int i = 0; t->gemm_catalog && i < t->gemm_catalog_count; i++) {
      const mha__gemm_kernel *k = t->gemm_catalog[i];
      if (!k || strcmp(k->name, name)) continue;
      if (!mha__gemm_runs(k, cpu_isa, features, 0)) {
        fprintf(stderr, "mha: MHA_GEMM_KERNEL=%s needs %s%s; this CPU (or MHA_CPU) allows %s\n", name,
                mha__isa_name(k->isa), k->needs ? " and more features" : "", mha__isa_name(cpu_isa));
        return NULL;
      }
      if (!mha__gemm_runs(k, cpu_isa, features, nw)) {
        fprintf(stderr, "mha: MHA_GEMM_KERNEL=%s has panels %d columns wide; the weights were packed %d wide\n",
                name, k->nr * k->lanes, nw);
        return NULL;
      }
      return k;
    }
  }
  fprintf(stderr, "mha: MHA_GEMM_KERNEL=%s names no GEMM kernel of the %d table(s) linked (%d kernels)\n",
          name, mha__table_count, linked);
  return NULL;
}

const mha__gemm_kernel *mha__gemm_pick(int m, int n, int kdim, int nw) {
  unsigned features;
  const int cpu_isa = mha__cpu_cap(&features);
  const char *name = getenv("MHA_GEMM_KERNEL"), *why;
  const mha__gemm_kernel *k;
  pthread_once(&selected_once, select_init);
  tell_table();
  if (name && *name) {
    why = "forced by MHA_GEMM_KERNEL";
    k = gemm_forced(name, cpu_isa, features, nw);
  } else {
    k = mha__gemm_pick_in(selected, cpu_isa, features, m, n, kdim, nw, &why);
    /* A table tuned before the GEMM family has no GEMM slots: any linked table's defaults
     * (each carries the generator's of the library's templates). */
    for (int ti = 0; !k && ti < mha__table_count; ti++)
      if (mha__tables[ti] != selected) {
        mha__table d = *mha__tables[ti];
        d.gemm_entries = NULL, d.gemm_entry_count = 0;
        k = mha__gemm_pick_in(&d, cpu_isa, features, m, n, kdim, nw, &why);
      }
  }
  if (debug_on()) {
    if (k)
      fprintf(stderr, "mha: gemm m=%d n=%d k=%d nw=%d -> %s (%s: isa %s, micro-tile %dx%d, kc %d mc %d nc %d)\n",
              m, n, kdim, nw, k->name, why, mha__isa_name(k->isa), k->mr, k->nr * k->lanes, k->kc, k->mc, k->nc);
    else
      fprintf(stderr, "mha: gemm m=%d n=%d k=%d nw=%d -> none (%s)\n", m, n, kdim, nw,
              name && *name ? "MHA_GEMM_KERNEL refused" : "no GEMM kernel runs here with these panels");
  }
  return k;
}
