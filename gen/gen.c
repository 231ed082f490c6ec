/* gen.c: the generator. Embeds Lua 5.4, gives the Lua driver (gen/driver.lua) a few C
 * helpers (machine facts from hwloc, atomic file writes) and runs it.
 * Usage: mhagen -t TEMPLATES -o OUTDIR [--only NAME] [--isa LIST] [--sample] [--hash H]
 *               [--emulate-amx] (tests: AMX tiles emulated in C)
 *        mhagen --machine-id | --machine */
#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine.h"

#define MHAGEN_VERSION "mhagen 0.1"
#ifndef MHAGEN_LUA_DIR
#define MHAGEN_LUA_DIR "gen"
#endif

/* mhagen.write(path, text): write to path.tmp, then rename, so no file is half-written. */
static int l_write(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  size_t len;
  const char *text = luaL_checklstring(L, 2, &len);
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f) return luaL_error(L, "cannot write %s: %s", tmp, strerror(errno));
  int bad = fwrite(text, 1, len, f) != len;
  bad |= fclose(f) != 0;
  if (bad || rename(tmp, path) != 0) {
    remove(tmp);
    return luaL_error(L, "cannot write %s: %s", path, strerror(errno));
  }
  return 0;
}

/* mhagen.mkdir(path): mkdir -p. */
static int l_mkdir(lua_State *L) {
  char p[4096];
  snprintf(p, sizeof p, "%s", luaL_checkstring(L, 1));
  for (char *s = p + 1;; s++) {
    char c = *s;
    if (c == '/' || c == 0) {
      *s = 0;
      if (mkdir(p, 0777) != 0 && errno != EEXIST) return luaL_error(L, "mkdir %s: %s", p, strerror(errno));
      *s = c;
    }
    if (!c) break;
  }
  return 0;
}

/* mhagen.machine(): the table of facts the constraints and the default table use. */
static int l_machine(lua_State *L) {
  mha_machine m;
  char err[256];
  if (mha_machine_probe(&m, err, sizeof err) != 0) return luaL_error(L, "%s", err);
  lua_createtable(L, 0, 10);
#define SETI(k, v) (lua_pushinteger(L, (lua_Integer)(v)), lua_setfield(L, -2, k))
#define SETS(k, v) (lua_pushstring(L, v), lua_setfield(L, -2, k))
  SETS("id", m.id);
  SETS("vendor", m.vendor);
  SETS("model", m.model);
  SETI("cores", m.cores);
  SETI("l1d", m.l1d ? m.l1d : 32 * 1024);
  SETI("l2", m.l2 ? m.l2 : 256 * 1024);
  SETI("l3", m.l3);
  SETI("isa", m.isa);
  return 1;
}

static int msgh(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  if (!msg) msg = luaL_tolstring(L, 1, NULL);
  /* Template errors already say file:line; keep the traceback for MHAGEN_TRACE=1. */
  if (getenv("MHAGEN_TRACE"))
    luaL_traceback(L, L, msg, 1);
  else
    lua_pushstring(L, msg);
  return 1;
}

static void usage(void) {
  fprintf(stderr,
          "usage: mhagen -t TEMPLATES -o OUTDIR [--only NAME] [--isa scalar,avx2,avx512] [--sample]\n"
          "              [--hash TEMPLATE_HASH] [--emulate-amx]\n"
          "       mhagen --machine-id     print this machine's id\n");
}

int main(int argc, char **argv) {
  const char *tdir = NULL, *odir = NULL, *only = NULL, *isas = NULL, *gdir = MHAGEN_LUA_DIR;
  const char *hash = NULL, *sample = NULL, *emulate_amx = NULL;
  const char *mode = "generate";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(a, "-t") && more) tdir = argv[++i];
    else if (!strcmp(a, "-o") && more) odir = argv[++i];
    else if (!strcmp(a, "-g") && more) gdir = argv[++i];
    else if (!strcmp(a, "--only") && more) only = argv[++i];
    else if (!strcmp(a, "--isa") && more) isas = argv[++i];
    else if (!strcmp(a, "--hash") && more) hash = argv[++i];
    else if (!strcmp(a, "--sample")) sample = "1";
    else if (!strcmp(a, "--emulate-amx")) emulate_amx = "1"; /* tests: AMX tiles in C */
    else if (!strcmp(a, "--machine-id")) mode = "machine-id";
    else {
      usage();
      return 2;
    }
  }
  if (!strcmp(mode, "generate") && (!tdir || !odir)) {
    usage();
    return 2;
  }

  lua_State *L = luaL_newstate();
  if (!L) {
    fprintf(stderr, "mhagen: out of memory\n");
    return 1;
  }
  luaL_openlibs(L);
  static const luaL_Reg fns[] = {{"write", l_write}, {"mkdir", l_mkdir},
                                 {"machine", l_machine}, {NULL, NULL}};
  luaL_newlib(L, fns);
  lua_pushstring(L, MHAGEN_VERSION);
  lua_setfield(L, -2, "version");
  lua_setglobal(L, "mhagen");

  int rc = 1;
  lua_pushcfunction(L, msgh);
  char driver[4096];
  snprintf(driver, sizeof driver, "%s/driver.lua", gdir);
  if (luaL_loadfile(L, driver) != LUA_OK) {
    fprintf(stderr, "mhagen: %s\n", lua_tostring(L, -1));
    goto out;
  }
  const char *keys[] = {"mode", "templates", "out", "only", "isa", "gendir", "hash", "sample", "emulate_amx"};
  const char *vals[] = {mode, tdir, odir, only, isas, gdir, hash, sample, emulate_amx};
  const int nargs = (int)(sizeof keys / sizeof keys[0]);
  lua_createtable(L, 0, nargs);
  for (int i = 0; i < nargs; i++)
    if (vals[i]) {
      lua_pushstring(L, vals[i]);
      lua_setfield(L, -2, keys[i]);
    }
  if (lua_pcall(L, 1, 0, 1) != LUA_OK) {
    fprintf(stderr, "%s\n", lua_tostring(L, -1));
    goto out;
  }
  rc = 0;
out:
  lua_close(L);
  return rc;
}
