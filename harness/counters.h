/* counters.h: hardware counters through PAPI (cycles, instructions, cache misses, FLOPs), or none.
 * A machine without counters (a VM) is not an error: the set is empty and the message says why.
 * MHA_FAKE_COUNTERS=1 (or mha_counters_open_fake) gives a synthetic set for tests;
 * MHA_NO_COUNTERS=1 turns them off. */
#ifndef MHA_COUNTERS_H
#define MHA_COUNTERS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MHA_COUNTERS_MAX 8

enum { MHA_CTR_NONE = 0, MHA_CTR_PAPI = 1, MHA_CTR_FAKE = 2 };

typedef struct mha_counters {
  int backend;                          /* MHA_CTR_* */
  int n;                                /* counters in the set */
  int event_set;                        /* PAPI event set, -1 without one */
  int running;
  long pid;                             /* the process that opened it: a forked child reopens */
  const char *label[MHA_COUNTERS_MAX];  /* "cycles", "instructions", ... (static strings) */
  int code[MHA_COUNTERS_MAX];           /* PAPI preset codes */
  long long value[MHA_COUNTERS_MAX];    /* accumulated over every start/stop since open
                                           (from zero again in a forked child) */
  char msg[320];                        /* what it has, or why it has none */
} mha_counters;

/* Opens the counters this machine offers (MHA_FAKE_COUNTERS=1: the fake set; MHA_NO_COUNTERS=1: none).
 * Returns how many (0: none, time alone then) or -1 on a bad argument; the message goes to msg. */
int mha_counters_open(mha_counters *c, char *msg, size_t n);
/* The fake backend: every counter reads work * mha_counters_fake_per_work(i) per stop. */
int mha_counters_open_fake(mha_counters *c, char *msg, size_t n);
long long mha_counters_fake_per_work(int i);
int mha_counters_available(const mha_counters *c);
const char *mha_counters_label(const mha_counters *c, int i);   /* NULL out of range */
const char *mha_counters_message(const mha_counters *c);
/* Counting runs from start to stop; stop adds the counts to value[]. `work` is how many units of
 * work (benchmark iterations) ran between them; only the fake backend uses it.
 * With no counters both are no-ops returning 0. Otherwise 0 or -1. */
int mha_counters_start(mha_counters *c);
int mha_counters_stop(mha_counters *c, long work);
/* Copies up to n accumulated values; returns how many. */
int mha_counters_read(const mha_counters *c, long long *v, int n);
void mha_counters_close(mha_counters *c);

#ifdef __cplusplus
}
#endif

#endif
