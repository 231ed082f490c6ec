/* peak.c: measure the FP32 FMA peak per ISA (chains of independent FMAs, the chain count that
 * wins is measured too), the bf16 dot-product peak where the CPU has AVX512_BF16 (chains of
 * VDPBF16PS, compiled with a target attribute so that any CPU builds it) and memory bandwidth (read, copy), on 1 thread and on one pinned thread
 * per core, best of several runs within a time budget. Nothing here is a hard-coded figure. */
#include "peak.h"

#include <hwloc.h>
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "mha_internal.h" /* mha__cpu_isa_detected, mha__cpu_flags */
#include "mha_team.h"     /* mha__parallel on a team made here */

_Static_assert((int)MHA_PEAK_SCALAR == (int)MHA__ISA_SCALAR && (int)MHA_PEAK_AVX2 == (int)MHA__ISA_AVX2 &&
                   (int)MHA_PEAK_AVX512 == (int)MHA__ISA_AVX512 && (int)MHA_PEAK_ISAS == (int)MHA__ISA_COUNT,
               "MHA_PEAK_* follows MHA__ISA_*");

#define MAX_THREADS (MHA__MAX_THREADS - 1) /* the measuring threads; the team's caller only starts them */
#define TRIALS 5
#define TOUCH_CHUNK ((size_t)2 << 20) /* floats: 8 MiB */

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }

/* ---- topology and pinning ---- */
static hwloc_topology_t topo;
static int topo_ok;
static pthread_once_t topo_once = PTHREAD_ONCE_INIT;

static void topo_load(void) {
  if (hwloc_topology_init(&topo) < 0) return;
  if (hwloc_topology_load(topo) < 0) {
    hwloc_topology_destroy(topo);
    return;
  }
  topo_ok = 1;
}

int mha_pin_thread(int core) {
  pthread_once(&topo_once, topo_load);
  if (!topo_ok || core < 0) return -1;
  hwloc_obj_t o = hwloc_get_obj_by_type(topo, HWLOC_OBJ_CORE, (unsigned)core);
  if (!o && hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE) <= 0)
    o = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PU, (unsigned)core);
  if (!o || !o->cpuset) return -1;
  hwloc_bitmap_t s = hwloc_bitmap_dup(o->cpuset);
  if (!s) return -1;
  hwloc_bitmap_singlify(s);
  int rc = hwloc_set_cpubind(topo, s, HWLOC_CPUBIND_THREAD);
  hwloc_bitmap_free(s);
  return rc == 0 ? 0 : -1;
}

/* ---- FMA kernels: CH independent accumulators, each a = a * b + c per iteration ---- */
typedef float (*fma_fn)(long iters, float x);

#define C8(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7)
#define C12(X) C8(X) X(8) X(9) X(10) X(11)
#define C14(X) C12(X) X(12) X(13)
#define C16(X) C14(X) X(14) X(15)
#define C24(X) C16(X) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23)
#define DECL(i) VT a##i = SET1(x + 1e-3f * (float)(i));
#define STEP(i) a##i = FMA(a##i, b, c); KEEP(a##i)
#define SUM(i) s = ADD(s, a##i);
#define FMA_FN(name, CH)                                             \
  __attribute__((noinline, TARGET)) static float name(long iters, float x) { \
    VT b = SET1(x), c = SET1(1e-7f);                                 \
    CH(DECL)                                                         \
    for (long it = 0; it < iters; it++) { CH(STEP) }                 \
    VT s = SET1(0.0f);                                               \
    CH(SUM)                                                          \
    return HSUM(s);                                                  \
  }

/* Scalar as baseline x86-64 runs it: mul then add. The empty asm keeps the compiler from
 * packing the scalar chains into vectors. */
#define TARGET target("arch=x86-64")
#define VT float
#define SET1(v) (v)
#define FMA(a, b, c) ((a) * (b) + (c))
#define ADD(a, b) ((a) + (b))
#define KEEP(a) __asm__("" : "+x"(a));
#define HSUM(s) (s)
FMA_FN(fma_scalar_8, C8)
FMA_FN(fma_scalar_12, C12)
FMA_FN(fma_scalar_14, C14)
#undef TARGET
#undef VT
#undef SET1
#undef FMA
#undef ADD
#undef KEEP
#undef HSUM

__attribute__((target("avx2,fma"))) static float hsum256(__m256 s) {
  __m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
  h = _mm_hadd_ps(h, h);
  return _mm_cvtss_f32(_mm_hadd_ps(h, h));
}
#define TARGET target("avx2,fma")
#define VT __m256
#define SET1 _mm256_set1_ps
#define FMA _mm256_fmadd_ps
#define ADD _mm256_add_ps
#define KEEP(a)
#define HSUM hsum256
FMA_FN(fma_avx2_8, C8)
FMA_FN(fma_avx2_12, C12)
FMA_FN(fma_avx2_14, C14)
#undef TARGET
#undef VT
#undef SET1
#undef FMA
#undef ADD
#undef HSUM

#define TARGET target("avx512f")
#define VT __m512
#define SET1 _mm512_set1_ps
#define FMA _mm512_fmadd_ps
#define ADD _mm512_add_ps
#define HSUM _mm512_reduce_add_ps
FMA_FN(fma_avx512_8, C8)
FMA_FN(fma_avx512_12, C12)
FMA_FN(fma_avx512_16, C16)
FMA_FN(fma_avx512_24, C24)
#undef TARGET
#undef VT
#undef SET1
#undef FMA
#undef ADD
#undef KEEP
#undef HSUM

/* VDPBF16PS chains: a += the 32 pair products of b and c per instruction (bf16 values that
 * keep the sums finite). */
#define DDECL(i) __m512 a##i = _mm512_set1_ps(x + 1e-3f * (float)(i));
#define DSTEP(i) a##i = _mm512_dpbf16_ps(a##i, b, c);
#define DSUM(i) s = _mm512_add_ps(s, a##i);
#define DP_FN(name, CH)                                                                  \
  __attribute__((noinline, target("avx512f,avx512bf16"))) static float name(long iters, float x) { \
    const __m512bh b = _mm512_cvtne2ps_pbh(_mm512_set1_ps(x), _mm512_set1_ps(x));      \
    const __m512bh c = _mm512_cvtne2ps_pbh(_mm512_set1_ps(1e-7f), _mm512_set1_ps(1e-7f)); \
    CH(DDECL)                                                                            \
    for (long it = 0; it < iters; it++) { CH(DSTEP) }                                    \
    __m512 s = _mm512_setzero_ps();                                                      \
    CH(DSUM)                                                                             \
    return _mm512_reduce_add_ps(s);                                                      \
  }
DP_FN(dp_bf16_8, C8)
DP_FN(dp_bf16_12, C12)
DP_FN(dp_bf16_16, C16)
DP_FN(dp_bf16_24, C24)

/* One line per kernel: the chain counts tried for each ISA (and MHA_PEAK_BF16; lanes there
 * are the 32 bf16 pairs an instruction multiplies and adds). */
static const struct {
  int isa, chains, lanes;
  fma_fn fn;
} FMAS[] = {
    {MHA_PEAK_SCALAR, 8, 1, fma_scalar_8},   {MHA_PEAK_SCALAR, 12, 1, fma_scalar_12},
    {MHA_PEAK_SCALAR, 14, 1, fma_scalar_14}, {MHA_PEAK_AVX2, 8, 8, fma_avx2_8},
    {MHA_PEAK_AVX2, 12, 8, fma_avx2_12},     {MHA_PEAK_AVX2, 14, 8, fma_avx2_14},
    {MHA_PEAK_AVX512, 8, 16, fma_avx512_8},  {MHA_PEAK_AVX512, 12, 16, fma_avx512_12},
    {MHA_PEAK_AVX512, 16, 16, fma_avx512_16}, {MHA_PEAK_AVX512, 24, 16, fma_avx512_24},
    {MHA_PEAK_BF16, 8, 32, dp_bf16_8},        {MHA_PEAK_BF16, 12, 32, dp_bf16_12},
    {MHA_PEAK_BF16, 16, 32, dp_bf16_16},      {MHA_PEAK_BF16, 24, 32, dp_bf16_24},
};
#define NFMAS (int)(sizeof FMAS / sizeof *FMAS)

/* The runtime's rule (CPUID and the OS's XCR0 state, tuned/mha_cpu.c): the peak is measured
 * for exactly the ISAs the library will run here. MHA_PEAK_* are MHA__ISA_*; MHA_PEAK_BF16
 * needs AVX-512's state and the AVX512_BF16 flag. */
static int isa_ok(int isa) {
  if (isa == MHA_PEAK_BF16)
    return mha__cpu_isa_detected() >= MHA__ISA_AVX512 && (mha__cpu_flags() & MHA__CPU_AVX512_BF16);
  return isa <= mha__cpu_isa_detected();
}

/* ---- memory kernels: n is a multiple of 64 floats ---- */
__attribute__((target("avx512f"))) static float read_avx512(const float *p, size_t n) {
  __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
  for (size_t i = 0; i < n; i += 64) {
    a0 = _mm512_add_ps(a0, _mm512_load_ps(p + i));
    a1 = _mm512_add_ps(a1, _mm512_load_ps(p + i + 16));
    a2 = _mm512_add_ps(a2, _mm512_load_ps(p + i + 32));
    a3 = _mm512_add_ps(a3, _mm512_load_ps(p + i + 48));
  }
  return _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)));
}

__attribute__((target("avx2,fma"))) static float read_avx2(const float *p, size_t n) {
  __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
  for (size_t i = 0; i < n; i += 32) {
    a0 = _mm256_add_ps(a0, _mm256_load_ps(p + i));
    a1 = _mm256_add_ps(a1, _mm256_load_ps(p + i + 8));
    a2 = _mm256_add_ps(a2, _mm256_load_ps(p + i + 16));
    a3 = _mm256_add_ps(a3, _mm256_load_ps(p + i + 24));
  }
  return hsum256(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)));
}

static float read_scalar(const float *p, size_t n) {
  float a[8] = {0};
  for (size_t i = 0; i < n; i += 8)
    for (int k = 0; k < 8; k++) a[k] += p[i + k];
  return a[0] + a[1] + a[2] + a[3] + a[4] + a[5] + a[6] + a[7];
}

/* The empty asm with a memory clobber keeps the compiler from turning a copy into memcpy. */
__attribute__((target("avx512f"))) static void copy_avx512(float *d, const float *s, size_t n) {
  for (size_t i = 0; i < n; i += 64) {
    __m512 x0 = _mm512_load_ps(s + i), x1 = _mm512_load_ps(s + i + 16);
    __m512 x2 = _mm512_load_ps(s + i + 32), x3 = _mm512_load_ps(s + i + 48);
    _mm512_store_ps(d + i, x0), _mm512_store_ps(d + i + 16, x1);
    _mm512_store_ps(d + i + 32, x2), _mm512_store_ps(d + i + 48, x3);
    __asm__ volatile("" ::: "memory");
  }
}

__attribute__((target("avx2,fma"))) static void copy_avx2(float *d, const float *s, size_t n) {
  for (size_t i = 0; i < n; i += 32) {
    __m256 x0 = _mm256_load_ps(s + i), x1 = _mm256_load_ps(s + i + 8);
    __m256 x2 = _mm256_load_ps(s + i + 16), x3 = _mm256_load_ps(s + i + 24);
    _mm256_store_ps(d + i, x0), _mm256_store_ps(d + i + 8, x1);
    _mm256_store_ps(d + i + 16, x2), _mm256_store_ps(d + i + 24, x3);
    __asm__ volatile("" ::: "memory");
  }
}

static void copy_scalar(float *d, const float *s, size_t n) {
  for (size_t i = 0; i < n; i += 8) {
    for (int k = 0; k < 8; k++) d[i + k] = s[i + k];
    __asm__ volatile("" ::: "memory");
  }
}

/* ---- one timed run: `threads` pinned threads, each on its own core, started together ----
 * The threads are the workers of a team made for the whole measurement (mha_team.c, the
 * one thread team), every worker started when the team is made, else no figure: worker
 * w >= 1 measures as thread w - 1, pinned to core w - 1; worker 0, the caller, only starts
 * them once all are ready, as a thread that starts the others would. */
enum { JOB_FMA, JOB_TOUCH, JOB_READ, JOB_COPY };

typedef struct job {
  struct mha_context *team; /* MAX_THREADS + 1 at most: the caller and one per core */
  int kind, threads, fma, mem_isa;
  long iters;
  float *buf;            /* slices of `per` floats, `stride` floats apart */
  size_t stride, per, floor;
  int slices;
  double touch_until;    /* JOB_TOUCH stops at this time once `floor` floats are touched */
  int ready, go, unpinned; /* atomics */
  size_t touched[MAX_THREADS];
  double secs[MAX_THREADS];
  float out[MAX_THREADS];
} job;

static volatile float fma_x = 0.9999999f;
static volatile float sink;

static void worker(void *v, int w) {
  job *j = v;
  if (w == 0) { /* the starter */
    while (__atomic_load_n(&j->ready, __ATOMIC_ACQUIRE) < j->threads) sched_yield();
    __atomic_store_n(&j->go, 1, __ATOMIC_RELEASE);
    return;
  }
  const int t = w - 1;
  if (mha_pin_thread(t) != 0) __atomic_store_n(&j->unpinned, 1, __ATOMIC_RELAXED);
  float x = fma_x, r = 0;
  __atomic_add_fetch(&j->ready, 1, __ATOMIC_RELEASE);
  while (!__atomic_load_n(&j->go, __ATOMIC_ACQUIRE)) sched_yield();
  /* FMA throughput is timed on the thread's own CPU clock: a busy neighbour that takes the core
   * away for a while shortens the run, not the rate. Bandwidth is shared, so wall time there. */
  clockid_t clk = j->kind == JOB_FMA ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
  double t0 = clock_s(clk);
  if (j->kind == JOB_FMA) r = FMAS[j->fma].fn(j->iters, x);
  /* Thread t takes slices t, t + threads, ...: all of them alone, its own one among all. */
  for (int sl = t; j->kind != JOB_FMA && sl < j->slices; sl += j->threads) {
    float *p = j->buf + (size_t)sl * j->stride;
    size_t per = j->per;
    switch (j->kind) {
    case JOB_TOUCH: /* first touch by the thread that owns the slice: its pages land near its core */
      for (per = 0; per < j->stride; per += TOUCH_CHUNK) {
        if (per >= j->floor && now() > j->touch_until) break;
        for (size_t i = per; i < per + TOUCH_CHUNK; i++) p[i] = 1.0f;
      }
      j->touched[t] = per;
      break;
    case JOB_READ:
      r += j->mem_isa == MHA_PEAK_AVX512 ? read_avx512(p, per)
           : j->mem_isa == MHA_PEAK_AVX2 ? read_avx2(p, per)
                                         : read_scalar(p, per);
      break;
    case JOB_COPY:
      if (j->mem_isa == MHA_PEAK_AVX512)
        copy_avx512(p + per / 2, p, per / 2);
      else if (j->mem_isa == MHA_PEAK_AVX2)
        copy_avx2(p + per / 2, p, per / 2);
      else
        copy_scalar(p + per / 2, p, per / 2);
      r += p[per - 1];
      break;
    }
  }
  j->secs[t] = clock_s(clk) - t0;
  j->out[t] = r;
}

/* The run's seconds: for FMA threads / sum(1 / thread seconds), so work / it is the sum of the
 * threads' rates; otherwise the slowest thread's. -1 when the team cannot give every thread. */
static double run_job(job *j) {
  if (!j->team || j->threads < 1 || j->threads >= mha__team_size(j->team)) return -1;
  j->ready = j->go = 0;
  mha__parallel(j->team, j->threads + 1, worker, j);
  double worst = 0, inv = 0;
  float s = 0;
  for (int t = 0; t < j->threads; t++) {
    if (j->secs[t] > worst) worst = j->secs[t];
    inv += j->secs[t] > 0 ? 1 / j->secs[t] : 0;
    s += j->out[t];
  }
  sink = s;
  return j->kind == JOB_FMA && inv > 0 ? j->threads / inv : worst;
}

/* Best (shortest) of up to TRIALS runs, at least one, stopping at the deadline. */
static double best_of(job *j, double deadline) {
  double best = -1;
  for (int k = 0; k < TRIALS; k++) {
    double s = run_job(j);
    if (s < 0) return -1;
    if (best < 0 || s < best) best = s;
    if (now() >= deadline) break;
  }
  return best;
}

/* Iterations of FMA kernel f that take about q seconds on one thread. */
static long calibrate(struct mha_context *team, int f, double q) {
  job j = {.team = team, .kind = JOB_FMA, .threads = 1, .fma = f, .iters = 1000};
  for (int k = 0; k < 40; k++) {
    double s = run_job(&j);
    if (s < 0) return -1;
    if (s >= q / 4) {
      double it = (double)j.iters * q / s;
      return it < 1000 ? 1000 : (long)it;
    }
    j.iters *= s > 0 && q / 4 / s < 64 ? 2 + (long)(q / 4 / s) : 64;
  }
  return j.iters;
}

static void measure_fma(struct mha_context *team, mha_peak *out, int threads, double t0, double share) {
  int nm = 0, k = 0;
  for (int i = 0; i < NFMAS; i++) nm += isa_ok(FMAS[i].isa);
  for (int isa = 0; isa <= MHA_PEAK_BF16; isa++) nm += isa_ok(isa);
  double slice = share / (nm ? nm : 1), q = slice / (TRIALS + 2);
  if (q > 0.1) q = 0.1;
  if (q < 0.002) q = 0.002;
  for (int isa = 0; isa <= MHA_PEAK_BF16; isa++) {
    if (!isa_ok(isa)) continue;
    const int bf = isa == MHA_PEAK_BF16;
    double *one = bf ? &out->bf16_one : &out->gflops_one[isa], *all = bf ? &out->bf16_all : &out->gflops_all[isa];
    int best = -1;
    long best_iters = 0;
    for (int f = 0; f < NFMAS; f++) {
      if (FMAS[f].isa != isa) continue;
      job j = {.team = team, .kind = JOB_FMA, .threads = 1, .fma = f, .iters = calibrate(team, f, q)};
      double s = j.iters > 0 ? best_of(&j, t0 + slice * ++k) : -1;
      if (s <= 0) continue;
      double g = 2.0 * FMAS[f].chains * FMAS[f].lanes * (double)j.iters / s / 1e9;
      out->pinned &= !j.unpinned;
      if (g > *one) *one = g, best = f, best_iters = j.iters;
    }
    if (best < 0) continue;
    *(bf ? &out->bf16_chains : &out->chains[isa]) = FMAS[best].chains;
    job j = {.team = team, .kind = JOB_FMA, .threads = threads, .fma = best, .iters = best_iters};
    double s = best_of(&j, t0 + slice * ++k);
    out->pinned &= !j.unpinned;
    if (s > 0) *all = 2.0 * FMAS[best].chains * FMAS[best].lanes * (double)best_iters * threads / s / 1e9;
  }
}

/* 4x the machine's total last-level cache, in [512 MiB, min(2 GiB, RAM / 4)]. */
static size_t buffer_size(const mha_machine *m, size_t *least) {
  size_t llc = m->l3 ? m->l3 : m->l2;
  int n = topo_ok ? hwloc_get_nbobjs_by_type(topo, m->l3 ? HWLOC_OBJ_L3CACHE : HWLOC_OBJ_L2CACHE) : 0;
  size_t want = 4 * llc * (size_t)(n > 0 ? n : 1), lo = (size_t)512 << 20, hi = (size_t)2 << 30;
  long pages = sysconf(_SC_PHYS_PAGES), psz = sysconf(_SC_PAGESIZE);
  if (pages > 0 && psz > 0 && (size_t)pages * (size_t)psz / 4 < hi) hi = (size_t)pages * (size_t)psz / 4;
  if (lo > hi) lo = hi;
  *least = lo;
  return want < lo ? lo : want > hi ? hi : want;
}

/* Read and copy bandwidth on 1 thread and all. The buffer is first touched in parallel; when
 * that is slow (a VM's host backing fresh pages), touching stops at 40% of the time left once
 * the floor is reached, and the buffer is what was touched. Returns 0 or -1 with out->error. */
static int measure_mem(struct mha_context *team, const mha_machine *m, mha_peak *out, int threads,
                       double deadline) {
  size_t least, bytes = buffer_size(m, &least);
  size_t unit = (size_t)threads * TOUCH_CHUNK * sizeof(float);
  bytes = (bytes + unit - 1) / unit * unit;
  float *buf = NULL;
  if (posix_memalign((void **)&buf, (size_t)2 << 20, bytes) != 0) {
    snprintf(out->error, sizeof out->error, "no memory for a %zu MiB bandwidth buffer", bytes >> 20);
    return -1;
  }
  madvise(buf, bytes, MADV_HUGEPAGE);
  int isa = isa_ok(MHA_PEAK_AVX512) ? MHA_PEAK_AVX512 : isa_ok(MHA_PEAK_AVX2) ? MHA_PEAK_AVX2 : MHA_PEAK_SCALAR;
  job j = {.team = team, .kind = JOB_TOUCH, .threads = threads, .mem_isa = isa, .buf = buf, .slices = threads};
  j.stride = bytes / sizeof(float) / (size_t)threads;
  j.floor = least / sizeof(float) / (size_t)threads;
  j.touch_until = now() + 0.4 * (deadline - now());
  int rc = run_job(&j) < 0 ? -1 : 0;
  j.per = j.stride;
  for (int t = 0; t < threads; t++)
    if (j.touched[t] < j.per) j.per = j.touched[t];
  out->buffer_bytes = j.per * sizeof(float) * (size_t)threads;
  static const struct {
    int kind, all;
  } RUNS[] = {{JOB_READ, 0}, {JOB_READ, 1}, {JOB_COPY, 0}, {JOB_COPY, 1}};
  double *dst[] = {&out->read_gbs_one, &out->read_gbs_all, &out->copy_gbs_one, &out->copy_gbs_all};
  for (int r = 0; r < 4 && rc == 0; r++) {
    j.kind = RUNS[r].kind;
    j.threads = RUNS[r].all ? threads : 1;
    j.unpinned = 0;
    double t = now(), s = best_of(&j, t + (deadline - t) / (4 - r));
    if (s <= 0) rc = -1;
    out->pinned &= !j.unpinned;
    if (s > 0) *dst[r] = (double)out->buffer_bytes / s / 1e9;
  }
  if (rc) snprintf(out->error, sizeof out->error, "could not start the bandwidth threads");
  free(buf);
  return rc;
}

int mha_peak_measure(const mha_machine *m, mha_peak *out, double budget_s) {
  return mha_peak_measure_some(m, out, budget_s, MHA_PEAK_FMA | MHA_PEAK_MEM);
}

int mha_peak_measure_some(const mha_machine *m, mha_peak *out, double budget_s, int what) {
  if (!m || !out || !(what & (MHA_PEAK_FMA | MHA_PEAK_MEM))) return -1;
  memset(out, 0, sizeof *out);
  double t0 = now(), b = budget_s > 0 ? budget_s : 8.0;
  pthread_once(&topo_once, topo_load);
  int cores = topo_ok ? hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE) : 0;
  int threads = m->cores < cores || cores <= 0 ? m->cores : cores;
  if (threads < 1) threads = 1;
  if (threads > MAX_THREADS) threads = MAX_THREADS;
  out->threads = threads;
  out->pinned = topo_ok;
  /* One worker per measuring thread beside the caller, all started now or no figure. Idle
   * workers sleep at once (spin 0): a spinning one would share a core with a 1-thread run. */
  struct mha_context *team = NULL;
  const mha_context_desc td = {.threads = threads + 1, .spin_us = 0};
  if (mha__team_create(&td, &team) != MHA_OK) {
    snprintf(out->error, sizeof out->error, "the %d measuring threads could not start", threads);
    out->seconds = now() - t0;
    return -2;
  }
  if (what & MHA_PEAK_FMA) measure_fma(team, out, threads, t0, what & MHA_PEAK_MEM ? 0.5 * b : b);
  int rc = what & MHA_PEAK_MEM ? measure_mem(team, m, out, threads, t0 + b) : 0;
  if (!rc && (what & MHA_PEAK_FMA) && out->gflops_one[MHA_PEAK_SCALAR] <= 0) {
    snprintf(out->error, sizeof out->error, "the FMA threads could not start");
    rc = -1;
  }
  mha__team_destroy(team);
  out->seconds = now() - t0;
  return rc ? -2 : 0;
}

double mha_peak_gflops(const mha_peak *p, int isa, int one_thread) {
  if (p && isa == MHA_PEAK_BF16) return one_thread ? p->bf16_one : p->bf16_all;
  if (!p || isa < 0 || isa >= MHA_PEAK_ISAS) return 0;
  return one_thread ? p->gflops_one[isa] : p->gflops_all[isa];
}
