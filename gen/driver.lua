-- driver.lua: what mhagen runs. Loads the ISA vocabularies and the kernel family, walks the
-- declared variant space through its constraints, renders every valid variant, and writes
-- under the output folder (for every K/V type of kv.lua): kernels/NAME.c, registry.{c,h},
-- mathfns.c, default_table.c,
-- manifest.tsv and kernels.mk; and the same for the GEMM family (templates/gemm_f32.*):
-- kernels/gemm_*.c, mha__gemm_registry, the default table's GEMM slots, manifest_gemm.tsv.
local args = ...
local tmpl = dofile(args.gendir .. "/tmpl.lua")
local G = mhagen

if args.mode == "machine-id" then
  print(G.machine().id)
  return
end

local TD, OD = args.templates, args.out
local ISA_ORDER = { "scalar", "avx2", "avx512" }

local function readfile(path)
  local f, err = io.open(path, "rb")
  if not f then error("mhagen: " .. err, 0) end
  local s = f:read("a")
  f:close()
  return s
end

-- The head-dim classes: one list, tuned/mha_dclass.h's, which the runtime indexes its tables
-- by; the families declare their head-dim axes from it (DCLASS in their environment).
local function dclasses()
  local h = readfile(args.gendir .. "/../tuned/mha_dclass.h")
  local line = h:match("#define MHA__DCLASS_LIST%(X%)([^\n]*)")
  local list = {}
  for v in (line or ""):gmatch("X%((%d+)%)") do list[#list + 1] = tonumber(v) end
  if #list == 0 or list[1] ~= 0 then error("mhagen: no head-dim class list in tuned/mha_dclass.h", 0) end
  return list
end
local DCLASS = dclasses()

-- Template-side Lua gets the pure libraries, plus debug for its own line numbers.
local function loadlua(path)
  local env = setmetatable({ debug = debug, DCLASS = DCLASS }, { __index = tmpl.stdlib })
  local chunk, err = loadfile(path, "t", env)
  if not chunk then error(err, 0) end
  return chunk()
end

-- Write only when the text changed, so make recompiles only what changed.
local function put(path, text)
  local f = io.open(path, "rb")
  if f then
    local old = f:read("a")
    f:close()
    if old == text then return end
  end
  G.write(path, text)
end


local machine = G.machine()
local isas = {}
for _, n in ipairs(ISA_ORDER) do isas[n] = loadlua(TD .. "/isa_" .. n .. ".lua") end
-- The kernel families, each its own variant space, constraints, names and templates: fp32
-- products (every ISA), and bf16 products (an ISA whose vocabulary has a bf16 table).
local FAMILIES = { loadlua(TD .. "/attn_f32.lua"), loadlua(TD .. "/attn_bf16.lua") }
-- The GEMM family (the layer's projections): its own space, derived from the machine's caches.
local GEMM = loadlua(TD .. "/gemm_f32.lua")
local KV = loadlua(TD .. "/kv.lua")
local score_of = loadlua(TD .. "/score.lua")
local scores = {}
for n, V in pairs(isas) do scores[n] = score_of(V) end
local renders = {} -- by template file
for _, fam in ipairs(FAMILIES) do
  for _, file in pairs(fam.templates) do
    local path = TD .. "/" .. file
    renders[file] = renders[file] or { path = path, fn = tmpl.compile(readfile(path), path) }
  end
end
local gemm_path = TD .. "/" .. GEMM.template
local gemm_render = tmpl.compile(readfile(gemm_path), gemm_path)
local function fam_of(p) return p.fam end

-- The template hash stamps everything generated: a table tuned from other templates is stale.
-- One rule, in the Makefile (TEMPLATE_HASH: every file of templates/ and gen/*.lua), so that
-- `make lib` can check a tuned table without building the generator; make passes it here.
local THASH = args.hash or "unstamped"

local wanted = {}
if args.isa then for n in args.isa:gmatch("[^,]+") do wanted[n] = true end end

-- Walk the space; --only NAME narrows it to one variant and says why it is refused.
local variants, refused, per_isa = {}, 0, {}
local gvariants, grefused, gper_isa = {}, 0, {}
if args.only and GEMM.parse(args.only, isas) then
  local p = GEMM.parse(args.only, isas)
  local why = GEMM.check(p, machine)
  if why then error("mhagen: refused " .. args.only .. ": " .. why, 0) end
  gvariants[1] = p
elseif args.only then
  local p
  for _, fam in ipairs(FAMILIES) do
    if not p then
      p = fam.parse(args.only, isas, KV.types)
      if p then p.fam = fam end
    end
  end
  if not p then error("mhagen: " .. args.only .. " is not a variant name of any family", 0) end
  local why = p.fam.check(p, machine)
  if why then error("mhagen: refused " .. args.only .. ": " .. why, 0) end
  variants[1] = p
else
  for _, fam in ipairs(FAMILIES) do
    for _, n in ipairs(ISA_ORDER) do
      if not args.isa or wanted[n] then
        for _, kv in ipairs(KV.order) do
          for _, p in ipairs(fam.space(isas[n], kv)) do
            p.fam = fam
            if fam.check(p, machine) then refused = refused + 1 else variants[#variants + 1] = p end
          end
        end
      end
    end
  end
  for _, n in ipairs(ISA_ORDER) do
    if not args.isa or wanted[n] then
      for _, p in ipairs(GEMM.space(isas[n], machine)) do
        if GEMM.check(p, machine) then grefused = grefused + 1 else gvariants[#gvariants + 1] = p end
      end
    end
  end
end

-- The GEMM defaults per ISA: GEMM.default_rank's best, and for few rows few_rows_rank's best
-- among those of the default's panel width (one packing of the weights serves both).
local function gbest(n, rank)
  local best, br
  for _, p in ipairs(gvariants) do
    local r = p.isa.name == n and rank(p)
    if r and (best == nil or r < br) then best, br = p, r end
  end
  return best
end
local gdefaults, gfew = {}, {}
for _, n in ipairs(ISA_ORDER) do
  gdefaults[n] = gbest(n, GEMM.default_rank)
  gfew[n] = gdefaults[n] and gbest(n, function(p) return GEMM.few_rows_rank(p, gdefaults[n]) end)
end

-- --sample: a few variants that still cover every ISA, form, head-dim class, grouping and KV
-- type, and every one the default table will pick (the best of each rank within each group
-- is kept, so the best overall is too): for builds that are slow per variant (sanitizers,
-- a second compiler).
if args.sample then
  local keep, best = {}, {}
  local function consider(key, p, r)
    local b = best[key]
    if not b or (r and (not b.r or r < b.r)) then best[key] = { p = p, r = r } end
  end
  for _, p in ipairs(variants) do
    local fam = fam_of(p)
    fam.derive(p)
    local kv = tostring(p.kv or "")
    local cell = table.concat({ fam.name, p.isa.name, p.kf, p.d, kv }, "|")
    consider("d|" .. cell, p, fam.default_rank(p))
    if fam.amx_rank then consider("a|" .. cell, p, fam.amx_rank(p)) end
    consider("f|" .. cell .. "|" .. p.g, p, fam.few_rows_rank(p)) -- a few-rows default per g
    consider("g|" .. table.concat({ fam.name, p.isa.name, p.kf, p.g, kv }, "|"), p, nil)
  end
  for _, b in pairs(best) do keep[b.p] = true end
  local sampled = {}
  for _, p in ipairs(variants) do if keep[p] then sampled[#sampled + 1] = p end end
  variants = sampled
  -- GEMM: the defaults, and per ISA and register block the blocking nearest the model's.
  local gkeep, gb = {}, {}
  for _, n in ipairs(ISA_ORDER) do
    if gdefaults[n] then gkeep[gdefaults[n]], gkeep[gfew[n]] = true, true end
  end
  for _, p in ipairs(gvariants) do
    local key, r = p.isa.name .. "|" .. p.mr .. "x" .. p.nr, GEMM.default_rank(p)
    if not gb[key] or r < gb[key].r then gb[key] = { p = p, r = r } end
  end
  for _, b in pairs(gb) do gkeep[b.p] = true end
  local gs = {}
  for _, p in ipairs(gvariants) do if gkeep[p] then gs[#gs + 1] = p end end
  gvariants = gs
end

local function banner(what)
  return string.format("/* This file was automatically generated --- DO NOT EDIT\n" ..
    " * by %s (templates %s).\n * %s */\n", G.version, THASH, what)
end

local function prelude(V)
  return string.format('#line %d "%s/isa_%s.lua"\n', V.prelude_line, TD, V.name) .. V.prelude
end
local kv_prelude = string.format('#line %d "%s/kv.lua"\n', KV.prelude_line, TD) .. KV.prelude

G.mkdir(OD .. "/kernels")
for _, p in ipairs(variants) do
  local fam = fam_of(p)
  fam.derive(p)
  p.name = fam.variant_name(p)
  local V = p.isa
  local BF = fam.name == "attn_bf16" and V.bf16 or nil -- bf16 products: their ops and target
  local AMX = BF and p.kf == "amx" and (args.emulate_amx and V.amx_emulated or V.amx) or nil -- AMX tiles
  local env = setmetatable({ NAME = p.name, BF = BF, AMX = AMX, Q_ENUM = BF and "MHA__KV_BF16" or "MHA__KV_F32",
    NEEDS = AMX and AMX.needs or BF and BF.needs or "0", D = p.d, G = p.g, QT = p.qt, KT = p.kt, RM = p.rm,
    RN = p.rn, RP = p.rp, CV = p.cv, KF = p.kf, L = V.lanes, REGS = V.regs, tree = V.tree, mstore = V.mstore, transpose = V.transpose, ISA_ENUM = V.isa,
    TARGET = AMX and AMX.target or BF and BF.target or V.target,
    vt = V.vt, load = V.load, store = V.store, set1 = V.set1, zero = V.zero, fma = V.fma,
    add = V.add, sub = V.sub, mul = V.mul, max = V.max, hmax = V.hmax, hsum = V.hsum,
    exp2 = V.exp2, KV = p.kv, KV_ENUM = KV.types[p.kv].enum, kload = V.widen[p.kv],
    kget = KV.types[p.kv].get, koff = KV.types[p.kv].off, score = scores[V.name] },
    { __index = tmpl.stdlib })
  local params = string.format("isa=%s d=%d g=%d qt=%d kt=%d rm=%d rn=%d kf=%s rp=%d cv=%d kv=%s", V.name,
    p.d, p.g, p.qt, p.kt, p.rm, p.rn, p.kf, p.rp, p.cv, p.kv)
  local R = renders[fam.templates[p.kf]]
  local text = banner("Template " .. R.path .. ": " .. p.name .. "\n * " .. params) ..
    prelude(V) .. kv_prelude .. (BF and BF.prelude or "") .. (AMX and AMX.prelude or "") ..
    tmpl.render(R.fn(env), R.path)
  put(OD .. "/kernels/" .. p.name .. ".c", text)
  per_isa[V.name] = (per_isa[V.name] or 0) + 1
end

local gnames = {}
for i, p in ipairs(gvariants) do
  p.name = GEMM.variant_name(p)
  gnames[i] = p.name
  local V = p.isa
  local env = setmetatable({ NAME = p.name, MR = p.mr, NR = p.nr, KC = p.kc, MC = p.mc, NC = p.nc,
    L = V.lanes, ISA_ENUM = V.isa, TARGET = V.target, vt = V.vt, load = V.load, store = V.store,
    set1 = V.set1, zero = V.zero, fma = V.fma, add = V.add }, { __index = tmpl.stdlib })
  local params = string.format("isa=%s mr=%d nr=%d kc=%d mc=%d nc=%d", V.name, p.mr, p.nr, p.kc, p.mc, p.nc)
  local text = banner("Template " .. gemm_path .. ": " .. p.name .. "\n * " .. params) ..
    prelude(V) .. tmpl.render(gemm_render(env), gemm_path)
  put(OD .. "/kernels/" .. p.name .. ".c", text)
  gper_isa[V.name] = (gper_isa[V.name] or 0) + 1
end

-- registry.{h,c}: every variant's descriptor, plus the vector exp of each ISA for the tests.
local names = {}
for i, p in ipairs(variants) do names[i] = p.name end
local buf = { banner("The registry of every generated variant."), '#include "registry.h"\n' }
for _, n in ipairs(names) do buf[#buf + 1] = "extern const mha__kernel mha__k_" .. n .. ";" end
buf[#buf + 1] = "\nconst mha__kernel *const mha__registry[] = {"
for _, n in ipairs(names) do buf[#buf + 1] = "  &mha__k_" .. n .. "," end
buf[#buf + 1] = "  0\n};\nconst int mha__registry_count = " .. #names .. ";"
for _, n in ipairs(gnames) do buf[#buf + 1] = "extern const mha__gemm_kernel mha__gk_" .. n .. ";" end
buf[#buf + 1] = "\nconst mha__gemm_kernel *const mha__gemm_registry[] = {"
for _, n in ipairs(gnames) do buf[#buf + 1] = "  &mha__gk_" .. n .. "," end
buf[#buf + 1] = "  0\n};\nconst int mha__gemm_registry_count = " .. #gnames .. ";"
buf[#buf + 1] = 'const char mha__template_hash[] = "' .. THASH .. '";\n'
put(OD .. "/registry.c", table.concat(buf, "\n"))
put(OD .. "/registry.h", banner("Declarations of the registry and the vector math.") .. [[
#ifndef MHA_REGISTRY_H
#define MHA_REGISTRY_H
#include <stddef.h>
#include "mha_kernel.h"
extern const mha__kernel *const mha__registry[]; /* NULL-terminated */
extern const int mha__registry_count;
extern const mha__gemm_kernel *const mha__gemm_registry[]; /* NULL-terminated */
extern const int mha__gemm_registry_count;
extern const char mha__template_hash[];
typedef void (*mha__vmath_fn)(const float *x, float *y, size_t n);
typedef struct mha__vmath {
  const char *isa_name;
  int isa;
  mha__vmath_fn exp, exp2;
} mha__vmath;
extern const mha__vmath mha__vmath_table[MHA__ISA_COUNT]; /* indexed by MHA__ISA_* */
#endif
]])

-- mathfns.c: each ISA's exp and exp2 over arrays, tails through a padded buffer.
buf = { banner("Each ISA's vector exp and exp2 over arrays, for the tests."), '#include "registry.h"' }
for _, n in ipairs(ISA_ORDER) do
  local V = isas[n]
  buf[#buf + 1] = prelude(V)
  for _, fn in ipairs({ "exp", "exp2" }) do
    buf[#buf + 1] = string.format([[
static %s void mha__v%s_%s(const float *x, float *y, size_t n) {
  size_t i = 0;
  for (; i + %d <= n; i += %d) %s;
  if (i < n) {
    float in[%d] = {0}, out[%d];
    for (size_t j = 0; j < n - i; j++) in[j] = x[i + j];
    %s;
    for (size_t j = 0; j < n - i; j++) y[i + j] = out[j];
  }
}]], V.target, fn, n, V.lanes, V.lanes, V.store("y + i", V[fn](V.load("x + i"))), V.lanes, V.lanes,
      V.store("out", V[fn](V.load("in"))))
  end
end
buf[#buf + 1] = "const mha__vmath mha__vmath_table[MHA__ISA_COUNT] = {"
for _, n in ipairs(ISA_ORDER) do
  buf[#buf + 1] = string.format('  {"%s", %s, mha__vexp_%s, mha__vexp2_%s},', n, isas[n].isa, n, n)
end
buf[#buf + 1] = "};\n"
put(OD .. "/mathfns.c", table.concat(buf, "\n"))

-- default_table.c: per KV type, ISA and head-dim class, the variant F.default_rank prefers,
-- and for calls of few query rows (decoding) the one F.few_rows_rank prefers for each grouping
-- g of MHA__FEW_G (mha_table.h).
local FEW_G = { 1, 2, 4, 8 }
local used, used_list = {}, {}
local function choose(fam, kv, n, d, rank, g)
  local best, br
  for _, p in ipairs(variants) do
    local r = p.fam == fam and p.kv == kv and p.isa.name == n and p.d == d and (not g or p.g == g) and rank(p)
    if r and (best == nil or r < br) then best, br = p, r end
  end
  if best and not used[best.name] then
    used[best.name] = true
    used_list[#used_list + 1] = best.name
  end
  return best
end
local fam, famq = FAMILIES[1], FAMILIES[2] -- fp32 products; bf16 ones (native_q)
local defaults, few, native = {}, {}, {}
local default_ok = true
for _, kv in ipairs(KV.order) do
  defaults[kv], few[kv], native[kv] = {}, {}, {}
  for ci, d in ipairs(DCLASS) do -- per form, the best ISA that has it: AMX tiles, then VDPBF16PS
    native[kv][ci] = {}
    for fi, rank in ipairs({ famq.amx_rank, famq.default_rank }) do
      for i = #ISA_ORDER, 1, -1 do
        native[kv][ci][fi] = native[kv][ci][fi] or choose(famq, kv, ISA_ORDER[i], d, rank)
      end
    end
  end
  for _, n in ipairs(ISA_ORDER) do
    defaults[kv][n], few[kv][n] = {}, {}
    for ci, d in ipairs(DCLASS) do
      defaults[kv][n][ci] = choose(fam, kv, n, d, fam.default_rank)
      few[kv][n][ci] = {}
      for gi, g in ipairs(FEW_G) do few[kv][n][ci][gi] = choose(fam, kv, n, d, fam.few_rows_rank, g) end
    end
    local g = defaults[kv][n][1]
    if not g or g.g ~= 1 then default_ok = false end
  end
end
buf = { banner("The default dispatch table: " .. fam.name .. ".default_rank and few_rows_rank, per KV type, ISA\n" ..
  " * and head-dim class; " .. famq.name .. ".amx_rank and default_rank for native_q."), '#include "mha_table.h"' }
for _, n in ipairs(used_list) do buf[#buf + 1] = "extern const mha__kernel mha__k_" .. n .. ";" end
local gused, gused_list = {}, {}
for _, n in ipairs(ISA_ORDER) do
  for _, p in ipairs({ gdefaults[n], gfew[n] }) do
    if p and not gused[p.name] then
      gused[p.name] = true
      gused_list[#gused_list + 1] = p.name
    end
  end
end
for _, n in ipairs(gused_list) do buf[#buf + 1] = "extern const mha__gemm_kernel mha__gk_" .. n .. ";" end
buf[#buf + 1] = "static const mha__gemm_kernel *const gemm_catalog[] = {"
for _, n in ipairs(gused_list) do buf[#buf + 1] = "  &mha__gk_" .. n .. "," end
buf[#buf + 1] = #gused_list == 0 and "  0\n};" or "};"
buf[#buf + 1] = "static const mha__kernel *const catalog[] = {"
for _, n in ipairs(used_list) do buf[#buf + 1] = "  &mha__k_" .. n .. "," end
buf[#buf + 1] = "};\nconst mha__table mha__table_linked = {\n  \"default\", \"\", \"" .. THASH ..
  "\", \"\", \"\", \"\",\n  catalog, " .. #used_list .. ",\n  {"
local function ref(p) return p and ("&mha__k_" .. p.name) or "0" end
for _, kv in ipairs(KV.order) do
  buf[#buf + 1] = "    { /* " .. kv .. " */"
  for _, n in ipairs(ISA_ORDER) do
    local row = {}
    for ci = 1, #DCLASS do row[ci] = ref(defaults[kv][n][ci]) end
    buf[#buf + 1] = "      {" .. table.concat(row, ", ") .. "},"
  end
  buf[#buf + 1] = "    },"
end
buf[#buf + 1] = "  },\n  {"
for _, kv in ipairs(KV.order) do
  buf[#buf + 1] = "    { /* " .. kv .. " */"
  for _, n in ipairs(ISA_ORDER) do
    buf[#buf + 1] = "      {"
    for ci = 1, #DCLASS do
      local row = {}
      for gi = 1, #FEW_G do row[gi] = ref(few[kv][n][ci][gi]) end
      buf[#buf + 1] = "        {" .. table.concat(row, ", ") .. "},"
    end
    buf[#buf + 1] = "      },"
  end
  buf[#buf + 1] = "    },"
end
buf[#buf + 1] = "  },\n  0, 0,\n  {"
for _, kv in ipairs(KV.order) do
  local row = {}
  for ci = 1, #DCLASS do row[ci] = "{" .. ref(native[kv][ci][1]) .. ", " .. ref(native[kv][ci][2]) .. "}" end
  buf[#buf + 1] = "    {" .. table.concat(row, ", ") .. "}, /* " .. kv .. " */"
end
local function gref(p) return p and ("&mha__gk_" .. p.name) or "0" end
local gd, gf = {}, {}
for i, n in ipairs(ISA_ORDER) do gd[i], gf[i] = gref(gdefaults[n]), gref(gfew[n]) end
buf[#buf + 1] = "  },\n  gemm_catalog, " .. #gused_list .. ", {" .. table.concat(gd, ", ") .. "}, {" ..
  table.concat(gf, ", ") .. "}, 0, 0\n};\n"
if not gdefaults.scalar then default_ok = false end
if default_ok and not args.only and not args.isa then
  put(OD .. "/default_table.c", table.concat(buf, "\n"))
end

-- manifest.tsv: one line per variant, for the harness, reports and people.
buf = { "name\tfamily\tisa\td\tg\tqt\tkt\trm\trn\tkf\trp\tcv\tlanes\tfootprint_bytes\ttemplate_hash\tkv" }
for _, p in ipairs(variants) do
  buf[#buf + 1] = table.concat({ p.name, p.fam.name, p.isa.name, p.d, p.g, p.qt, p.kt, p.rm, p.rn,
    p.kf, p.rp, p.cv, p.isa.lanes, p.fam.footprint(p), THASH, p.kv }, "\t")
end
put(OD .. "/manifest.tsv", table.concat(buf, "\n") .. "\n")
-- manifest_gemm.tsv: the same for the GEMM variants (their own columns; nw = nr * lanes).
buf = { "name\tfamily\tisa\tmr\tnr\tlanes\tnw\tkc\tmc\tnc\tfootprint_bytes\ttemplate_hash\tdefault" }
for _, p in ipairs(gvariants) do
  local role = gdefaults[p.isa.name] == p and "default" or (gfew[p.isa.name] == p and "few_rows" or "-")
  buf[#buf + 1] = table.concat({ p.name, GEMM.name, p.isa.name, p.mr, p.nr, p.isa.lanes, p.nr * p.isa.lanes,
    p.kc, p.mc, p.nc, GEMM.footprint(p), THASH, role }, "\t")
end
put(OD .. "/manifest_gemm.tsv", table.concat(buf, "\n") .. "\n")

local all_names, all_used = {}, {}
table.move(names, 1, #names, 1, all_names)
table.move(gnames, 1, #gnames, #names + 1, all_names)
table.move(used_list, 1, #used_list, 1, all_used)
table.move(gused_list, 1, #gused_list, #used_list + 1, all_used)
put(OD .. "/kernels.mk", "# Generated by " .. G.version .. " --- DO NOT EDIT\nGEN_KERNELS := " ..
  table.concat(all_names, " ") .. "\nDEFAULT_KERNELS := " .. table.concat(all_used, " ") ..
  "\nMACHINE_ID := " .. machine.id .. "\n")

local counts = {}
for _, n in ipairs(ISA_ORDER) do counts[#counts + 1] = string.format("%s %d", n, per_isa[n] or 0) end
local gcounts = {}
for _, n in ipairs(ISA_ORDER) do gcounts[#gcounts + 1] = string.format("%s %d", n, gper_isa[n] or 0) end
print(string.format("mhagen: %d variants (%s), %d refused by the constraints; %d GEMM variants (%s), %d refused; templates %s; machine %s",
  #variants, table.concat(counts, ", "), refused, #gvariants, table.concat(gcounts, ", "), grefused, THASH, machine.id))
