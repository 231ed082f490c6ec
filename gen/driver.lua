-- driver.lua: what mhagen runs. Loads the ISA vocabularies and the kernel family, walks the
-- declared variant space through its constraints, renders every valid variant, and writes
-- under the output folder: kernels/NAME.c, registry.{c,h}, mathfns.c, default_table.c,
-- manifest.tsv and kernels.mk.
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

-- Template-side Lua gets the pure libraries, plus debug for its own line numbers.
local function loadlua(path)
  local env = setmetatable({ debug = debug }, { __index = tmpl.stdlib })
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
local fam = loadlua(TD .. "/attn_f32.lua")
local renders = {}
for kf, file in pairs(fam.templates) do
  local path = TD .. "/" .. file
  renders[kf] = renders[file] or { path = path, fn = tmpl.compile(readfile(path), path) }
  renders[file] = renders[kf]
end

-- The template hash stamps everything generated: a table tuned from other templates is stale.
local hashed = {}
local files = { "isa_scalar.lua", "isa_avx2.lua", "isa_avx512.lua", "attn_f32.lua" }
for _, f in ipairs(fam.kforms) do
  local t = fam.templates[f]
  local seen = false
  for _, g in ipairs(files) do seen = seen or g == t end
  if not seen then files[#files + 1] = t end
end
for _, f in ipairs(files) do
  hashed[#hashed + 1] = readfile(TD .. "/" .. f)
end
hashed[#hashed + 1] = readfile(args.gendir .. "/tmpl.lua") .. G.version
local THASH = G.hash(table.concat(hashed, "\0"))

local wanted = {}
if args.isa then for n in args.isa:gmatch("[^,]+") do wanted[n] = true end end

-- Walk the space; --only NAME narrows it to one variant and says why it is refused.
local variants, refused, per_isa = {}, 0, {}
if args.only then
  local p = fam.parse(args.only, isas)
  if not p then error("mhagen: " .. args.only .. " is not a variant name of " .. fam.name, 0) end
  local why = fam.check(p, machine)
  if why then error("mhagen: refused " .. args.only .. ": " .. why, 0) end
  variants[1] = p
else
  for _, n in ipairs(ISA_ORDER) do
    if not args.isa or wanted[n] then
      for _, p in ipairs(fam.space(isas[n])) do
        if fam.check(p, machine) then refused = refused + 1 else variants[#variants + 1] = p end
      end
    end
  end
end

local function banner(what)
  return string.format("/* This file was automatically generated --- DO NOT EDIT\n" ..
    " * by %s (templates %s) for machine %s.\n * %s */\n", G.version, THASH, machine.id, what)
end

local function prelude(V)
  return string.format('#line %d "%s/isa_%s.lua"\n', V.prelude_line, TD, V.name) .. V.prelude
end

G.mkdir(OD .. "/kernels")
for _, p in ipairs(variants) do
  fam.derive(p)
  p.name = fam.variant_name(p)
  local V = p.isa
  local env = setmetatable({ NAME = p.name, D = p.d, G = p.g, QT = p.qt, KT = p.kt, RM = p.rm,
    RN = p.rn, RP = p.rp, CV = p.cv, KF = p.kf, L = V.lanes, REGS = V.regs, tree = V.tree, mstore = V.mstore, transpose = V.transpose, ISA_ENUM = V.isa, TARGET = V.target,
    vt = V.vt, load = V.load, store = V.store, set1 = V.set1, zero = V.zero, fma = V.fma,
    add = V.add, sub = V.sub, mul = V.mul, max = V.max, hmax = V.hmax, hsum = V.hsum,
    exp2 = V.exp2 }, { __index = tmpl.stdlib })
  local params = string.format("isa=%s d=%d g=%d qt=%d kt=%d rm=%d rn=%d kf=%s rp=%d cv=%d", V.name,
    p.d, p.g, p.qt, p.kt, p.rm, p.rn, p.kf, p.rp, p.cv)
  local R = renders[p.kf]
  local text = banner("Template " .. R.path .. ": " .. p.name .. "\n * " .. params) ..
    prelude(V) .. tmpl.render(R.fn(env), R.path)
  put(OD .. "/kernels/" .. p.name .. ".c", text)
  per_isa[V.name] = (per_isa[V.name] or 0) + 1
end

-- registry.{h,c}: every variant's descriptor, plus the vector exp of each ISA for the tests.
local names = {}
for i, p in ipairs(variants) do names[i] = p.name end
local buf = { banner("The registry of every generated variant."), '#include "registry.h"\n' }
for _, n in ipairs(names) do buf[#buf + 1] = "extern const mha__kernel mha__k_" .. n .. ";" end
buf[#buf + 1] = "\nconst mha__kernel *const mha__registry[] = {"
for _, n in ipairs(names) do buf[#buf + 1] = "  &mha__k_" .. n .. "," end
buf[#buf + 1] = "  0\n};\nconst int mha__registry_count = " .. #names .. ";"
buf[#buf + 1] = 'const char mha__template_hash[] = "' .. THASH .. '";\n'
put(OD .. "/registry.c", table.concat(buf, "\n"))
put(OD .. "/registry.h", banner("Declarations of the registry and the vector math.") .. [[
#ifndef MHA_REGISTRY_H
#define MHA_REGISTRY_H
#include <stddef.h>
#include "mha_kernel.h"
extern const mha__kernel *const mha__registry[]; /* NULL-terminated */
extern const int mha__registry_count;
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

-- default_table.c: per ISA and head-dim class, the variant F.default_rank prefers, for calls
-- in general and for calls of few query rows (decoding).
local DCLASS = { 0, 32, 64, 80, 96, 128, 256 }
local used, used_list = {}, {}
local function choose(rank)
  local m = {}
  for _, n in ipairs(ISA_ORDER) do
    m[n] = {}
    for ci, d in ipairs(DCLASS) do
      local best, br
      for _, p in ipairs(variants) do
        local r = p.isa.name == n and p.d == d and rank(p)
        if r and (best == nil or r < br) then best, br = p, r end
      end
      m[n][ci] = best
      if best and not used[best.name] then
        used[best.name] = true
        used_list[#used_list + 1] = best.name
      end
    end
  end
  return m
end
local defaults = choose(fam.default_rank)
local few = choose(fam.few_rows_rank)
local default_ok = true
for _, n in ipairs(ISA_ORDER) do
  local g = defaults[n][1]
  if not g or g.g ~= 1 then default_ok = false end
end
buf = { banner("The default dispatch table: " .. fam.name .. ".default_rank, per ISA and head-dim class."),
  '#include "mha_table.h"' }
for _, n in ipairs(used_list) do buf[#buf + 1] = "extern const mha__kernel mha__k_" .. n .. ";" end
buf[#buf + 1] = "static const mha__kernel *const catalog[] = {"
for _, n in ipairs(used_list) do buf[#buf + 1] = "  &mha__k_" .. n .. "," end
buf[#buf + 1] = "};\nconst mha__table mha__table_linked = {\n  \"default\", \"\", \"" .. THASH ..
  "\", \"\", \"\", \"\",\n  catalog, " .. #used_list .. ",\n  {"
local function matrix(m)
  for _, n in ipairs(ISA_ORDER) do
    local row = {}
    for ci = 1, #DCLASS do row[ci] = m[n][ci] and ("&mha__k_" .. m[n][ci].name) or "0" end
    buf[#buf + 1] = "    {" .. table.concat(row, ", ") .. "},"
  end
end
matrix(defaults)
buf[#buf + 1] = "  },\n  {"
matrix(few)
buf[#buf + 1] = "  },\n  0, 0\n};\n"
if default_ok and not args.only and not args.isa then
  put(OD .. "/default_table.c", table.concat(buf, "\n"))
end

-- manifest.tsv: one line per variant, for the harness, reports and people.
buf = { "name\tfamily\tisa\td\tg\tqt\tkt\trm\trn\tkf\trp\tcv\tlanes\tfootprint_bytes\ttemplate_hash" }
for _, p in ipairs(variants) do
  buf[#buf + 1] = table.concat({ p.name, fam.name, p.isa.name, p.d, p.g, p.qt, p.kt, p.rm, p.rn,
    p.kf, p.rp, p.cv, p.isa.lanes, fam.footprint(p), THASH }, "\t")
end
put(OD .. "/manifest.tsv", table.concat(buf, "\n") .. "\n")

put(OD .. "/kernels.mk", "# Generated by " .. G.version .. " --- DO NOT EDIT\nGEN_KERNELS := " ..
  table.concat(names, " ") .. "\nDEFAULT_KERNELS := " .. table.concat(used_list, " ") ..
  "\nTEMPLATE_HASH := " .. THASH .. "\nMACHINE_ID := " .. machine.id .. "\n")

local counts = {}
for _, n in ipairs(ISA_ORDER) do counts[#counts + 1] = string.format("%s %d", n, per_isa[n] or 0) end
print(string.format("mhagen: %d variants (%s), %d refused by the constraints; templates %s; machine %s",
  #variants, table.concat(counts, ", "), refused, THASH, machine.id))
