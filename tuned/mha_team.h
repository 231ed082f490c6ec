/* mha_team.h: the threads (mha_team.c): the CPUs a process may use, the library's pool of
 * workers, caller-made teams (mha_context), and one way to run work on them. The bottom of
 * the runtime beside mha_rows.h; it uses nothing above it. Not installed for users. */
#ifndef MHA_TEAM_H
#define MHA_TEAM_H

#include "mha.h"

/* MHA__HIDDEN as mha_kernel.h defines it, without that header's guard against -ffast-math:
 * nothing here is arithmetic, and the harness's fast-math peer (impl_openblas.c) runs on a team. */
#ifndef MHA__HIDDEN
#if defined(__GNUC__) && !defined(_WIN32)
#define MHA__HIDDEN __attribute__((visibility("hidden")))
#else
#define MHA__HIDDEN
#endif
#endif

enum { MHA__MAX_THREADS = 256 }; /* more buys nothing and costs a workspace each */

/* Work for a team: fn(arg, w) runs on workers w = 0 .. threads-1 at once (0 is the caller).
 * A worker may not start (the system refuses a thread): fn must take its pieces from a shared
 * counter until none is left, never a fixed share by w, so the others do a missing worker's
 * share; w only names the worker's own scratch. */
typedef void (*mha__work_fn)(void *arg, int w);
typedef struct mha__work {
  mha__work_fn fn;
  void *arg;
} mha__work;

/* Runs fn on `threads` workers: 1 runs it on the caller alone; else on ctx when not NULL
 * (callers served one at a time, in arrival order), else on the library's pool, or, when
 * another caller has the pool, on threads of this call's own. Returns when every worker is done. */
MHA__HIDDEN void mha__parallel(struct mha_context *ctx, int threads, mha__work_fn fn, void *arg);
/* The workers a call asking for `threads` gets (0: the CPUs this process may use, or ctx's
 * size), capped by ctx's size and MHA__MAX_THREADS. */
MHA__HIDDEN int mha__threads_for(int threads, const struct mha_context *ctx);
/* The CPUs this process may use: its affinity set, capped by a cgroup v2 quota. */
MHA__HIDDEN int mha__cpus_allowed(void);
/* CPUs a cgroup v2 cpu.max text ("max 100000", "250000 100000") allows: quota / period
 * rounded up, 0 for no limit. */
MHA__HIDDEN int mha__quota_cpus(const char *cpu_max);
/* Caller-made teams (mha_context_create/destroy): make, check, join, size. */
MHA__HIDDEN int mha__team_create(const mha_context_desc *d, struct mha_context **out);
MHA__HIDDEN int mha__team_valid(const struct mha_context *ctx);
MHA__HIDDEN int mha__team_size(const struct mha_context *ctx);
MHA__HIDDEN void mha__team_destroy(struct mha_context *ctx);

#endif /* MHA_TEAM_H */
