/* counters.c: PAPI counters where the machine has them, a fake set for tests, none otherwise. */
#include "counters.h"

#include <papi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One line per counter. Rows sharing a label are alternatives: the first the CPU offers wins. */
static const struct {
  const char *label;
  int code;
} EVENTS[] = {
    {"cycles", PAPI_TOT_CYC},    {"instructions", PAPI_TOT_INS}, {"l1d_misses", PAPI_L1_DCM},
    {"l2d_misses", PAPI_L2_DCM}, {"flops", PAPI_SP_OPS},         {"flops", PAPI_FP_OPS},
};
#define NEVENTS (int)(sizeof EVENTS / sizeof *EVENTS)

static int has_label(const mha_counters *c, const char *label) {
  for (int i = 0; i < c->n; i++)
    if (!strcmp(c->label[i], label)) return 1;
  return 0;
}

static void reset(mha_counters *c) {
  memset(c, 0, sizeof *c);
  c->event_set = PAPI_NULL;
  c->pid = (long)getpid();
}

/* Why the CPU component offers nothing, from PAPI's own component table. */
static void why_none(char *out, size_t n, int *cidx) {
  snprintf(out, n, "no CPU counter component");
  for (int i = 0; i < PAPI_num_components(); i++) {
    const PAPI_component_info_t *ci = PAPI_get_component_info(i);
    if (!ci || strcmp(ci->name, "perf_event")) continue;
    *cidx = i;
    if (ci->disabled)
      snprintf(out, n, "%.40s: disabled, %.140s", ci->name, ci->disabled_reason[0] ? ci->disabled_reason : "no reason given");
    else
      snprintf(out, n, "%s: %d counters, no preset event added", ci->name, ci->num_cntrs);
    return;
  }
}

static int papi_open(mha_counters *c) {
  int ver = PAPI_library_init(PAPI_VER_CURRENT);
  if (ver != PAPI_VER_CURRENT) {
    snprintf(c->msg, sizeof c->msg, "PAPI: 0 hardware counters (PAPI_library_init: %s); timing alone",
             ver < 0 ? PAPI_strerror(ver) : "version mismatch");
    return 0;
  }
  char vs[32], why[200], missing[128] = "";
  snprintf(vs, sizeof vs, "PAPI %d.%d.%d.%d", PAPI_VERSION_MAJOR(ver), PAPI_VERSION_MINOR(ver),
           PAPI_VERSION_REVISION(ver), PAPI_VERSION_INCREMENT(ver));
  int cidx = 0;
  why_none(why, sizeof why, &cidx);
  int es = PAPI_NULL, inherit = 0;
  if (PAPI_create_eventset(&es) == PAPI_OK) {
    /* Count the threads a kernel spawns too, where the component allows it. */
    PAPI_option_t opt;
    memset(&opt, 0, sizeof opt);
    opt.inherit.eventset = es;
    opt.inherit.inherit = PAPI_INHERIT_ALL;
    inherit = PAPI_assign_eventset_component(es, cidx) == PAPI_OK && PAPI_set_opt(PAPI_INHERIT, &opt) == PAPI_OK;
    for (int i = 0; i < NEVENTS && c->n < MHA_COUNTERS_MAX; i++) {
      if (has_label(c, EVENTS[i].label)) continue;
      if (PAPI_query_event(EVENTS[i].code) == PAPI_OK && PAPI_add_event(es, EVENTS[i].code) == PAPI_OK) {
        c->label[c->n] = EVENTS[i].label;
        c->code[c->n++] = EVENTS[i].code;
      }
    }
  }
  if (!c->n) {
    if (es != PAPI_NULL) PAPI_destroy_eventset(&es);
    PAPI_shutdown();
    snprintf(c->msg, sizeof c->msg, "%s: 0 hardware counters (%.180s); timing alone", vs, why);
    return 0;
  }
  for (int i = 0; i < NEVENTS; i++)
    if (!has_label(c, EVENTS[i].label) && !strstr(missing, EVENTS[i].label))
      snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s", missing[0] ? ", " : "",
               EVENTS[i].label);
  c->backend = MHA_CTR_PAPI;
  c->event_set = es;
  int k = snprintf(c->msg, sizeof c->msg, "%s: %d hardware counters (", vs, c->n);
  for (int i = 0; i < c->n && k < (int)sizeof c->msg; i++)
    k += snprintf(c->msg + k, sizeof c->msg - (size_t)k, "%s%s", i ? ", " : "", c->label[i]);
  if (k < (int)sizeof c->msg)
    snprintf(c->msg + k, sizeof c->msg - (size_t)k, ")%s%s%s", missing[0] ? "; not offered: " : "", missing,
             inherit ? "" : "; measuring thread only");
  return c->n;
}

static void copy_msg(const mha_counters *c, char *msg, size_t n) {
  if (msg && n) snprintf(msg, n, "%s", c->msg);
}

int mha_counters_open(mha_counters *c, char *msg, size_t n) {
  if (!c) return -1;
  const char *f = getenv("MHA_FAKE_COUNTERS");
  if (f && f[0] && strcmp(f, "0")) return mha_counters_open_fake(c, msg, n);
  reset(c);
  f = getenv("MHA_NO_COUNTERS");
  if (f && f[0] && strcmp(f, "0"))
    snprintf(c->msg, sizeof c->msg, "counters off (MHA_NO_COUNTERS); timing alone");
  else
    papi_open(c);
  copy_msg(c, msg, n);
  return c->n;
}

long long mha_counters_fake_per_work(int i) { return 1000LL * (i + 1); }

int mha_counters_open_fake(mha_counters *c, char *msg, size_t n) {
  if (!c) return -1;
  reset(c);
  c->backend = MHA_CTR_FAKE;
  for (int i = 0; i < NEVENTS && c->n < MHA_COUNTERS_MAX; i++)
    if (!has_label(c, EVENTS[i].label)) c->code[c->n] = EVENTS[i].code, c->label[c->n++] = EVENTS[i].label;
  snprintf(c->msg, sizeof c->msg, "fake counters: %d synthetic (value = work x 1000 x (index + 1))", c->n);
  copy_msg(c, msg, n);
  return c->n;
}

int mha_counters_available(const mha_counters *c) { return c ? c->n : 0; }

const char *mha_counters_label(const mha_counters *c, int i) {
  return c && i >= 0 && i < c->n ? c->label[i] : NULL;
}

const char *mha_counters_message(const mha_counters *c) { return c ? c->msg : "no counter set"; }

/* PAPI state does not survive fork(): a child (the tuner times in children) opens its own set. */
static int adopt(mha_counters *c) {
  if (c->backend != MHA_CTR_PAPI || c->pid == (long)getpid()) return 0;
  PAPI_shutdown();
  reset(c);
  return papi_open(c) > 0 ? 0 : -1;
}

int mha_counters_start(mha_counters *c) {
  if (!c || c->running) return -1;
  if (!c->n) return 0;
  if (adopt(c) != 0) return -1;
  if (c->backend == MHA_CTR_PAPI && PAPI_start(c->event_set) != PAPI_OK) return -1;
  c->running = 1;
  return 0;
}

int mha_counters_stop(mha_counters *c, long work) {
  if (!c) return -1;
  if (!c->n) return 0;
  if (!c->running) return -1;
  c->running = 0;
  if (c->backend == MHA_CTR_FAKE) {
    for (int i = 0; i < c->n; i++) c->value[i] += work * mha_counters_fake_per_work(i);
    return 0;
  }
  long long v[MHA_COUNTERS_MAX];
  if (PAPI_stop(c->event_set, v) != PAPI_OK) return -1;
  for (int i = 0; i < c->n; i++) c->value[i] += v[i];
  return 0;
}

int mha_counters_read(const mha_counters *c, long long *v, int n) {
  if (!c || !v) return 0;
  int k = n < c->n ? n : c->n;
  for (int i = 0; i < k; i++) v[i] = c->value[i];
  return k;
}

void mha_counters_close(mha_counters *c) {
  if (!c) return;
  if (c->backend == MHA_CTR_PAPI && c->pid == (long)getpid()) {
    long long v[MHA_COUNTERS_MAX];
    if (c->running) PAPI_stop(c->event_set, v);
    PAPI_cleanup_eventset(c->event_set);
    PAPI_destroy_eventset(&c->event_set);
    PAPI_shutdown();
  }
  reset(c);
  snprintf(c->msg, sizeof c->msg, "closed");
}
