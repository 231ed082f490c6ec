/* tables.c: writing a machine's tuned table into tuned/tables/<machine-id>/ and
 * regenerating the other machines' tables from the current templates (tables.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "registry.h"
#include "tables.h"
#include "util.h"

static void fatal(const char *what, const char *path) {
  fprintf(stderr, "mha-tune: %s %s\n", what, path);
  exit(1);
}

static int in_list(const mha__kernel *const *l, int n, const mha__kernel *k) {
  for (int i = 0; i < n; i++)
    if (l[i] == k) return 1;
  return 0;
}

static void kernel_ref(mha_sbuf *b, const mha__kernel *k) {
  mha_sb_printf(b, "%s%s", k ? "&mha__k_" : "0", k ? k->name : "");
}

/* A C identifier from a machine id: amd-epyc-f26m2-2c-avx512 -> amd_epyc_f26m2_2c_avx512. */
static void ident(char *out, size_t n, const char *id) {
  size_t i = 0;
  for (; id[i] && i + 1 < n; i++) {
    const char c = id[i];
    out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_';
  }
  out[i] = 0;
}

/* Does any table in tdir/tables name kernel `name` (its extern line)? */
static int named_by_a_table(const char *tdir, const char *name) {
  char path[4096], want[512], gwant[512];
  snprintf(want, sizeof want, "extern const mha__kernel mha__k_%s;\n", name);
  snprintf(gwant, sizeof gwant, "extern const mha__gemm_kernel mha__gk_%s;\n", name);
  snprintf(path, sizeof path, "%s/tables", tdir);
  DIR *d = opendir(path);
  int found = 0;
  for (struct dirent *e; d && !found && (e = readdir(d));) {
    if (e->d_name[0] == '.') continue;
    size_t len;
    snprintf(path, sizeof path, "%s/tables/%s/mha_table.c", tdir, e->d_name);
    char *c = mha_slurp(path, &len);
    found = c && (strstr(c, want) || strstr(c, gwant));
    free(c);
  }
  if (d) closedir(d);
  return found;
}

static int in_glist(const mha__gemm_kernel *const *l, int n, const mha__gemm_kernel *k) {
  for (int i = 0; i < n; i++)
    if (l[i] == k) return 1;
  return 0;
}

static void gemm_ref(mha_sbuf *b, const mha__gemm_kernel *k) {
  mha_sb_printf(b, "%s%s", k ? "&mha__gk_" : "0", k ? k->name : "");
}

static void copy_kernel(const char *tdir, const char *gdir, const char *name) {
  char path[4096];
  size_t len;
  snprintf(path, sizeof path, "%s/kernels/%s.c", gdir, name);
  char *src = mha_slurp(path, &len);
  if (!src) fatal("cannot read (run make gen)", path);
  snprintf(path, sizeof path, "%s/kernels/%s.c", tdir, name);
  if (mha_write_atomic(path, src, len) != 0) fatal("cannot write", path);
  free(src);
}

/* The kernels a table links: the generator's defaults (every slot), then the winners. */
typedef struct linked {
  const mha__kernel *k[512];
  const mha__gemm_kernel *g[256];
  int nk, ng;
} linked;

static void add_k(linked *l, const mha__kernel *k) {
  if (k && !in_list(l->k, l->nk, k) && l->nk < 512) l->k[l->nk++] = k;
}
static void add_g(linked *l, const mha__gemm_kernel *g) {
  if (g && !in_glist(l->g, l->ng, g) && l->ng < 256) l->g[l->ng++] = g;
}

static void collect(const mha__table *def, const mha_table_row *rows, int n, const mha_gemm_row *grows, int ng,
                    linked *l) {
  l->nk = l->ng = 0;
  for (int t = 0; t < MHA__KV_COUNT; t++)
    for (int i = 0; i < MHA__ISA_COUNT; i++)
      for (int c = 0; c < MHA__DCLASS_COUNT; c++) {
        add_k(l, def->defaults[t][i][c]);
        for (int g = 0; g < MHA__FEW_G; g++) add_k(l, def->few_rows[t][i][c][g]);
        for (int f = 0; f < MHA__NATIVE_FORMS && !i; f++) add_k(l, def->native_q[t][c][f]);
      }
  for (int i = 0; i < n; i++) add_k(l, rows[i].k);
  for (int i = 0; i < MHA__ISA_COUNT; i++) add_g(l, def->gemm_defaults[i]), add_g(l, def->gemm_few_rows[i]);
  for (int i = 0; i < ng; i++) add_g(l, grows[i].k);
}

/* The C file's head: banner, declarations, the catalog, and the tuned entries (attention's,
 * then the GEMM's), each also a line of the TSV r; how many of each in *ne and *nge. */
static void write_entries(mha_sbuf *b, mha_sbuf *r, const mha_table_meta *m, const linked *l,
                          const mha_table_row *rows, int n, const mha_gemm_row *grows, int ng, int *ne, int *nge) {
  mha_sb_printf(b, "/* This file was automatically generated --- DO NOT EDIT\n * by mha-tune for %s (%s)"
                " from templates %s.\n", m->id, m->signature, mha__template_hash);
  if (m->measured_with)
    mha_sb_printf(b, " * Measured on %s with templates %s; its choices regenerated from templates %s on %s\n"
                  " * (every kernel it names is still in the variant space). */\n",
                  m->created, m->measured_with, mha__template_hash, m->regenerated);
  else
    mha_sb_printf(b, " * Measured on %s. */\n", m->created);
  mha_sb_printf(b, "#include \"mha_table.h\"\n\n");
  for (int i = 0; i < l->nk; i++) mha_sb_printf(b, "extern const mha__kernel mha__k_%s;\n", l->k[i]->name);
  for (int i = 0; i < l->ng; i++) mha_sb_printf(b, "extern const mha__gemm_kernel mha__gk_%s;\n", l->g[i]->name);
  mha_sb_printf(b, "\nstatic const mha__kernel *const catalog[] = {\n");
  for (int i = 0; i < l->nk; i++) mha_sb_printf(b, "  &mha__k_%s,\n", l->k[i]->name);
  mha_sb_printf(b, "};\n\nstatic const mha__table_entry entries[] = {\n");
  mha_sb_printf(r, "# isa\td\theads_q\theads_kv\tcausal\tnq_bucket\tnk_bucket\tkernel\tworkload\tgflops\n"
                   "# gemm\tisa\tm_bucket\tn\tk\tkernel\tworkload\tgflops\n");
  *ne = 0;
  for (int i = 0; i < n; i++) {
    const mha_table_row *w = &rows[i];
    if (!w->k) continue;
    mha_sb_printf(b, "  {%d, %d, %d, %d, %d, %d, %d, &mha__k_%s, %d}, /* %s */\n", w->k->isa, w->d, w->heads_q,
                  w->heads_kv, w->causal, w->nq_bucket, w->nk_bucket, w->k->name, w->q_type, w->key);
    mha_sb_printf(r, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t%.1f\n", mha__isa_name(w->k->isa), w->d, w->heads_q,
                  w->heads_kv, w->causal, w->nq_bucket, w->nk_bucket, w->k->name, w->key, w->gflops);
    (*ne)++;
  }
  if (!*ne) mha_sb_printf(b, "  {0, 0, 0, 0, 0, 0, 0, 0, 0},\n");
  mha_sb_printf(b, "};\n\nstatic const mha__gemm_kernel *const gemm_catalog[] = {\n");
  for (int i = 0; i < l->ng; i++) mha_sb_printf(b, "  &mha__gk_%s,\n", l->g[i]->name);
  if (!l->ng) mha_sb_printf(b, "  0,\n");
  mha_sb_printf(b, "};\n\nstatic const mha__gemm_entry gemm_entries[] = {\n");
  *nge = 0;
  for (int i = 0; i < ng; i++) {
    const mha_gemm_row *g = &grows[i];
    if (!g->k) continue;
    mha_sb_printf(b, "  {%d, %d, %d, %d, &mha__gk_%s}, /* %s */\n", g->k->isa, g->m_bucket, g->n, g->kdim,
                  g->k->name, g->key);
    mha_sb_printf(r, "gemm\t%s\t%d\t%d\t%d\t%s\t%s\t%.1f\n", mha__isa_name(g->k->isa), g->m_bucket, g->n,
                  g->kdim, g->k->name, g->key, g->gflops);
    (*nge)++;
  }
  if (!*nge) mha_sb_printf(b, "  {0, 0, 0, 0, 0},\n");
}

/* The pass-one slots: defaults (m2 0) or few-rows defaults (m2 1), per KV type and ISA. */
static void write_slots(mha_sbuf *b, const mha__table *def, int m2) {
  for (int t = 0; t < MHA__KV_COUNT; t++) {
    mha_sb_printf(b, "    {\n");
    for (int i = 0; i < MHA__ISA_COUNT; i++) {
      mha_sb_printf(b, "      {");
      for (int c = 0; c < MHA__DCLASS_COUNT; c++) {
        if (c) mha_sb_printf(b, ", ");
        if (!m2) {
          kernel_ref(b, def->defaults[t][i][c]);
          continue;
        }
        for (int g = 0; g < MHA__FEW_G; g++) {
          mha_sb_printf(b, g ? ", " : "{");
          kernel_ref(b, def->few_rows[t][i][c][g]);
        }
        mha_sb_printf(b, "}");
      }
      mha_sb_printf(b, "},\n");
    }
    mha_sb_printf(b, "    },\n");
  }
}

/* The table itself: its provenance, the generator's slots, the entries. */
static void write_struct(mha_sbuf *b, const mha__table *def, const mha_table_meta *m, const linked *l, int ne,
                         int nge) {
  char sym[160], created[256];
  ident(sym, sizeof sym, m->id);
  if (m->measured_with)
    snprintf(created, sizeof created, "%s (measured with templates %s; regenerated %s)", m->created,
             m->measured_with, m->regenerated);
  else
    snprintf(created, sizeof created, "%s", m->created);
  mha_sb_printf(b, "};\n\nconst mha__table mha__table_%s = {\n  \"%s\", \"%s\", \"%s\",\n  \"%s\", \"%s\", \"%s\",\n"
                "  catalog, %d,\n  {\n", sym, m->id, m->signature, mha__template_hash, m->cc, m->cflags,
                created, l->nk);
  write_slots(b, def, 0);
  mha_sb_printf(b, "  },\n  {\n");
  write_slots(b, def, 1);
  mha_sb_printf(b, "  },\n");
  mha_sb_printf(b, "  entries, %d,\n  {\n", ne);
  for (int t = 0; t < MHA__KV_COUNT; t++) {
    mha_sb_printf(b, "    {");
    for (int c = 0; c < MHA__DCLASS_COUNT; c++)
      for (int f = 0; f < MHA__NATIVE_FORMS; f++) {
        mha_sb_printf(b, c || f ? (f ? ", " : "}, {") : "{");
        kernel_ref(b, def->native_q[t][c][f]);
      }
    mha_sb_printf(b, "}},\n");
  }
  mha_sb_printf(b, "  },\n  gemm_catalog, %d,\n  {", l->ng);
  for (int i = 0; i < MHA__ISA_COUNT; i++) {
    mha_sb_printf(b, i ? ", " : "");
    gemm_ref(b, def->gemm_defaults[i]);
  }
  mha_sb_printf(b, "},\n  {");
  for (int i = 0; i < MHA__ISA_COUNT; i++) {
    mha_sb_printf(b, i ? ", " : "");
    gemm_ref(b, def->gemm_few_rows[i]);
  }
  mha_sb_printf(b, "},\n  gemm_entries, %d\n};\n", nge);
}

/* Kernel sources first, the table last: a table never names a kernel that is not there; then
 * the sources no table names any more go. */
static void save(const char *tdir, const char *gdir, const char *id, const linked *l, mha_sbuf *b, mha_sbuf *r) {
  char path[4096];
  mkdir(tdir, 0777); /* --tuned may name a folder that is not there yet */
  snprintf(path, sizeof path, "%s/kernels", tdir);
  mkdir(path, 0777);
  for (int i = 0; i < l->nk; i++) copy_kernel(tdir, gdir, l->k[i]->name);
  for (int i = 0; i < l->ng; i++) copy_kernel(tdir, gdir, l->g[i]->name);
  snprintf(path, sizeof path, "%s/tables", tdir);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/tables/%s", tdir, id);
  mkdir(path, 0777);
  snprintf(path, sizeof path, "%s/tables/%s/mha_table.c", tdir, id);
  if (mha_write_sbuf(path, b) != 0) fatal("cannot write", path);
  snprintf(path, sizeof path, "%s/tables/%s/mha_table.tsv", tdir, id);
  if (mha_write_sbuf(path, r) != 0) fatal("cannot write", path);
  snprintf(path, sizeof path, "%s/kernels", tdir);
  DIR *dir = opendir(path);
  for (struct dirent *e; dir && (e = readdir(dir));) {
    char name[300];
    const size_t len = strlen(e->d_name);
    if (len < 3 || len - 2 >= sizeof name || strcmp(e->d_name + len - 2, ".c") != 0) continue;
    memcpy(name, e->d_name, len - 2);
    name[len - 2] = 0;
    if (!named_by_a_table(tdir, name)) {
      char f[4400];
      snprintf(f, sizeof f, "%s/%s", path, e->d_name);
      remove(f);
    }
  }
  if (dir) closedir(dir);
}

void mha_table_write(const char *tdir, const char *gdir, const mha_table_meta *m,
                     const mha_table_row *rows, int n, const mha_gemm_row *grows, int ng) {
  const mha__table *def = &mha__table_linked; /* the generator's heuristic defaults */
  linked l;
  collect(def, rows, n, grows, ng, &l);
  mha_sbuf b = {0}, r = {0};
  int ne, nge;
  write_entries(&b, &r, m, &l, rows, n, grows, ng, &ne, &nge);
  write_struct(&b, def, m, &l, ne, nge);
  save(tdir, gdir, m->id, &l, &b, &r);
  free(b.s);
  free(r.s);
}

/* The n-th quoted string after `from` in text (no escapes: the tuner writes none). */
static int quoted(const char *from, int nth, char *out, size_t n) {
  const char *p = from;
  for (int i = 0; i <= nth; i++) {
    const char *a = strchr(p, '"'), *z = a ? strchr(a + 1, '"') : NULL;
    if (!z) return -1;
    if (i == nth) {
      snprintf(out, n, "%.*s", (int)(z - a - 1), a + 1);
      return 0;
    }
    p = z + 1;
  }
  return -1;
}

static const mha__kernel *registered(const char *name) {
  for (int i = 0; i < mha__registry_count; i++)
    if (!strcmp(mha__registry[i]->name, name)) return mha__registry[i];
  return NULL;
}

static const mha__gemm_kernel *gemm_registered(const char *name) {
  for (int i = 0; i < mha__gemm_registry_count; i++)
    if (!strcmp(mha__gemm_registry[i]->name, name)) return mha__gemm_registry[i];
  return NULL;
}

void mha_table_rows_free(mha_table_row *rows, int n, mha_gemm_row *grows, int ng) {
  for (int i = 0; rows && i < n; i++) free((char *)rows[i].key);
  for (int i = 0; grows && i < ng; i++) free((char *)grows[i].key);
  free(rows);
  free(grows);
}

int mha_table_read(const char *tdir, const char *id, mha_table_row **rows_out, int *n_out,
                   mha_gemm_row **grows_out, int *ng_out) {
  char path[4096];
  size_t len;
  snprintf(path, sizeof path, "%.2000s/tables/%.255s/mha_table.tsv", tdir, id);
  char *tsv = mha_slurp(path, &len);
  *rows_out = NULL, *grows_out = NULL, *n_out = *ng_out = 0;
  if (!tsv) return -1;
  int cap = 16, gcap = 16, n = 0, ng = 0, bad = 0;
  mha_table_row *rows = malloc(cap * sizeof *rows);
  mha_gemm_row *grows = malloc(gcap * sizeof *grows);
  if (!rows || !grows) fatal("out of memory reading", path);
  for (char *line = strtok(tsv, "\n"); line; line = strtok(NULL, "\n")) {
    char isa[16], name[200], key[400];
    double gf = 0;
    if (line[0] == '#') continue;
    if (!strncmp(line, "gemm\t", 5)) {
      mha_gemm_row g = {0};
      if (sscanf(line + 5, "%15s %d %d %d %199s %399s %lf", isa, &g.m_bucket, &g.n, &g.kdim, name, key, &gf) != 7) {
        fprintf(stderr, "mha-tune: %s: cannot read the line '%s'\n", path, line);
        bad++;
      } else if (!(g.k = gemm_registered(name))) {
        fprintf(stderr, "mha-tune: %s names %s, which templates %s no longer make\n", path, name, mha__template_hash);
        bad++;
      } else {
        if (ng == gcap) {
          mha_gemm_row *more = realloc(grows, (gcap *= 2) * sizeof *grows);
          if (!more) fatal("out of memory reading", path);
          grows = more;
        }
        g.key = strdup(key), g.gflops = gf;
        grows[ng++] = g;
      }
      continue;
    }
    mha_table_row w = {0};
    if (sscanf(line, "%15s %d %d %d %d %d %d %199s %399s %lf", isa, &w.d, &w.heads_q, &w.heads_kv, &w.causal,
               &w.nq_bucket, &w.nk_bucket, name, key, &gf) != 10) {
      fprintf(stderr, "mha-tune: %s: cannot read the line '%s'\n", path, line);
      bad++;
      continue;
    }
    if (!(w.k = registered(name))) {
      fprintf(stderr, "mha-tune: %s names %s, which templates %s no longer make\n", path, name,
              mha__template_hash);
      bad++;
      continue;
    }
    if (n == cap) {
      mha_table_row *more = realloc(rows, (cap *= 2) * sizeof *rows);
      if (!more) fatal("out of memory reading", path);
      rows = more;
    }
    w.key = strdup(key), w.gflops = gf;
    w.q_type = strstr(key, "/qo-bf16") ? MHA_BF16 : strstr(key, "/qo-f16") ? MHA_F16 : MHA_F32;
    rows[n++] = w;
  }
  free(tsv);
  *rows_out = rows, *grows_out = grows, *n_out = n, *ng_out = ng;
  return bad;
}

/* A kernel's source as the compiler turns it into code: the banner (the first comment, which
 * names the templates' hash) cut off, and the #line markers too (they say where a template
 * line is, which an edit above it moves, and change only diagnostics and debug lines, never
 * the instructions); NULL when unreadable. */
static char *code_of(const char *dir, const char *name, size_t *len) {
  char path[4096];
  snprintf(path, sizeof path, "%s/kernels/%s.c", dir, name);
  char *c = mha_slurp(path, len);
  if (!c) return NULL;
  const char *end = !strncmp(c, "/*", 2) ? strstr(c, "*/") : NULL, *p = end ? end + 2 : c;
  size_t o = 0;
  while (*p) {
    const char *nl = strchr(p, '\n');
    const size_t l = nl ? (size_t)(nl - p) + 1 : strlen(p);
    if (strncmp(p, "#line ", 6)) memmove(c + o, p, l), o += l;
    p += l;
  }
  c[o] = 0;
  *len = o;
  return c;
}

/* Does every kernel the rows name generate, from the current templates (gdir), the code the
 * table shipped (tdir/kernels), banner aside? Says which does not. */
static int same_code(const char *tdir, const char *gdir, const char *id, const mha_table_row *rows, int n,
                     const mha_gemm_row *grows, int ng) {
  for (int i = 0; i < n + ng; i++) {
    const char *name = i < n ? rows[i].k->name : grows[i - n].k->name;
    size_t la = 0, lb = 0;
    char *a = code_of(tdir, name, &la), *b = code_of(gdir, name, &lb);
    const int same = a && b && la == lb && !memcmp(a, b, la);
    free(a), free(b);
    if (!same) {
      fprintf(stderr, "mha-tune: the table of %s names %s, whose code the current templates change%s\n", id, name,
              a ? "" : " (its shipped source is missing)");
      return 0;
    }
  }
  return 1;
}

int mha_table_stamp(const char *tdir, const char *id, int *current) {
  char path[4096], hash[64];
  size_t len;
  snprintf(path, sizeof path, "%.2000s/tables/%.255s/mha_table.c", tdir, id);
  char *c = mha_slurp(path, &len);
  const char *t = c ? strstr(c, "\nconst mha__table mha__table_") : NULL;
  const int ok = t && quoted(t, 2, hash, sizeof hash) == 0;
  free(c);
  if (!ok) return -1;
  *current = !strcmp(hash, mha__template_hash);
  return 0;
}

/* Regenerates the table in folder id, or says why not: 0 regenerated or current, 1 not. */
static int refresh_one(const char *tdir, const char *gdir, const char *id, const char *sig) {
  char path[4096], f[6][256], measured[64] = "";
  size_t len;
  snprintf(path, sizeof path, "%.2000s/tables/%.255s/mha_table.c", tdir, id);
  char *c = mha_slurp(path, &len);
  if (!c) return 0; /* not a table folder */
  const char *t = strstr(c, "\nconst mha__table mha__table_");
  int ok = t != NULL, named = 0;
  for (int i = 0; i < 6 && ok; i++) ok = quoted(t, i, f[i], sizeof f[i]) == 0;
  if (ok) { /* defined as mha__table_<machine_id>, not as an older tuner's mha__table_linked */
    char sym[160], want[200];
    ident(sym, sizeof sym, f[0]);
    snprintf(want, sizeof want, "\nconst mha__table mha__table_%s = {", sym);
    named = strstr(c, want) != NULL;
  }
  free(c);
  if (ok) { /* a table regenerated before keeps its first measurement's date and templates */
    char *w = strstr(f[5], " (measured with templates ");
    if (w) {
      sscanf(w, " (measured with templates %63[0-9a-f]", measured);
      *w = 0;
    }
  }
  if (!ok) {
    fprintf(stderr, "mha-tune: %s is not a table mha-tune wrote; left out of the library\n", path);
    return 1;
  }
  const int current = !strcmp(f[2], mha__template_hash), own = !strcmp(f[1], sig);
  if (current && named) return 0;
  /* The rows, by kernel name; every name must still be a variant. */
  mha_table_row *rows;
  mha_gemm_row *grows;
  int n, ng;
  const int bad = mha_table_read(tdir, id, &rows, &n, &grows, &ng);
  if (bad < 0) {
    fprintf(stderr, "mha-tune: %.2000s/tables/%.255s/mha_table.tsv is missing; the table of %s stays out of the "
            "library\n", tdir, id, id);
    return 1;
  }
  int fail = bad != 0;
  if (bad) {
    fprintf(stderr, "mha-tune: the table of %s (templates %s) is left out of the library until it is tuned "
            "again on that machine\n", id, f[2]);
  } else if (!current && own && !same_code(tdir, gdir, id, rows, n, grows, ng)) {
    /* This CPU's table may be rebuilt only when what it measured is what would ship. */
    fprintf(stderr, "mha-tune: %s is this CPU's table, from templates %s: tune again (make tune)\n", path, f[2]);
    fail = 1;
  } else {
    char stamp[64];
    time_t tt = time(NULL);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime(&tt));
    /* A current table in an older tuner's form (its symbol) is rewritten as it is, from its TSV. */
    const mha_table_meta m = {f[0], f[1], f[3], f[4], f[5], measured[0] ? measured : current ? NULL : f[2], stamp};
    mha_table_write(tdir, gdir, &m, rows, n, grows, ng);
    fprintf(stderr, "mha-tune: regenerated the table of %s (%d entries, %d GEMM entries, measured with templates %s) "
            "from templates %s%s\n", id, n, ng, m.measured_with ? m.measured_with : f[2], mha__template_hash,
            own && !current ? ": this CPU's, its kernels' code unchanged" : "");
  }
  mha_table_rows_free(rows, n, grows, ng);
  return fail;
}

/* A table of the one-table layout (tdir/mha_table.c and .tsv, before tables/) moves into
 * tables/<its machine id>/, replacing what is there (it is the newer tune); 0, or -1. */
static int adopt_single(const char *tdir) {
  char from[4096], to[4096], id[256];
  size_t len;
  snprintf(from, sizeof from, "%s/mha_table.c", tdir);
  char *c = mha_slurp(from, &len);
  if (!c) return 0;
  const char *t = strstr(c, "\nconst mha__table mha__table_");
  const int ok = t && quoted(t, 0, id, sizeof id) == 0 && id[0] && !strchr(id, '/') && id[0] != '.';
  free(c);
  if (!ok) {
    fprintf(stderr, "mha-tune: %s is not a table mha-tune wrote; left where it is\n", from);
    return -1;
  }
  snprintf(to, sizeof to, "%.2000s/tables", tdir);
  mkdir(to, 0777);
  snprintf(to, sizeof to, "%.2000s/tables/%.255s", tdir, id);
  mkdir(to, 0777);
  for (int i = 0; i < 2; i++) {
    snprintf(from, sizeof from, "%.2000s/mha_table.%s", tdir, i ? "tsv" : "c");
    snprintf(to, sizeof to, "%.2000s/tables/%.255s/mha_table.%s", tdir, id, i ? "tsv" : "c");
    if (rename(from, to) != 0) {
      fprintf(stderr, "mha-tune: cannot move %s to %s\n", from, to);
      return -1;
    }
  }
  fprintf(stderr, "mha-tune: moved %s/mha_table.c and .tsv to %s/tables/%s/\n", tdir, tdir, id);
  return 0;
}

int mha_tables_refresh(const char *tdir, const char *gdir, const char *sig) {
  char path[4096];
  const int adopt = adopt_single(tdir);
  snprintf(path, sizeof path, "%s/tables", tdir);
  DIR *d = opendir(path);
  if (!d) return 0;
  /* Names first: regenerating writes into the folder being read. */
  char names[64][256];
  int nn = 0, failed = 0;
  for (struct dirent *e; nn < 64 && (e = readdir(d));)
    if (e->d_name[0] != '.') snprintf(names[nn++], sizeof names[0], "%s", e->d_name);
  closedir(d);
  for (int i = 0; i < nn; i++) failed += refresh_one(tdir, gdir, names[i], sig);
  return failed + (adopt != 0);
}
