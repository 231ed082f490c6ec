-- model.lua: what the Markdown and the charts share, from the machines' records: the workloads
-- parsed, in one order, with short names; the implementations in one order; colours and labels.
-- Everything is sorted here, never left to a hash order, so the same inputs give the same bytes.
local U = require("util")
local I = require("inputs")
local R = {}
R.LABEL = { mhatune = "mhatune", ["mhatune-untuned"] = "mhatune untuned", onednn = "oneDNN", openblas = "OpenBLAS" }
-- Implementations in the order a reader compares them; ours first.
local IMPLRANK = { mhatune = 1, ["mhatune-untuned"] = 2, onednn = 3, openblas = 4 }
local PHASERANK = { prefill = 1, causal = 2, decode = 3 }
local COLORS = { "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac" }

function R.label(im) return R.LABEL[im] or im end

-- A workload key's fields (inputs.lua reads them; numbers as doubles, as awk had them) and its
-- place in every table's order.
function R.parse(key)
  local w = assert(I.workload(key), key)
  for _, f in ipairs({ "B", "Hq", "Hkv", "Nq", "Nk", "D" }) do w[f] = w[f] + 0.0 end
  w.key = key
  w.sortkey = string.format("%s\t%d\t%012.0f\t%012.0f\t%08.0f\t%08.0f\t%s", w.model, PHASERANK[w.phase] or 9,
    w.Nk, w.Nq, w.B, w.D, key)
  return w
end

-- The (row, key) pairs a call's rows see and the keys it reads (per sequence, from the first
-- any row sees to the last), as harness/util.c counts them row by row, here summed in closed
-- form (a key's sizes may be any size): a sequence of nk keys, causal aligned bottom-right,
-- the window. Row i's diagonal is p = i + nk - Nq; it sees min(p + 1, window) keys, none for p < 0.
local function work(w)
  local pairs, keys = 0, 0
  for b = 1, w.B do
    local nk = w.lens and w.lens[b] or w.Nk
    if nk > 0 and not w.causal then
      pairs, keys = pairs + w.Nq * nk, keys + nk
    elseif nk > 0 then
      local W = w.window > 0 and w.window or math.huge
      local m0, a = math.max(1, nk - w.Nq + 1), math.min(nk, W) -- m = p + 1 from m0 to nk: m keys up to a, then W
      if a >= m0 then pairs = pairs + (m0 + a) * (a - m0 + 1) / 2 end
      local b0 = math.max(m0, a + 1)
      if nk >= b0 then pairs = pairs + (nk - b0 + 1) * W end
      keys = keys + nk - math.max(0, m0 - W) -- the first row's first key: p - W + 1
    end
  end
  return pairs, keys
end

-- The FLOPs of one call: 4 d per (row, key) pair a row sees, as harness/util.c counts them.
function R.flops(w)
  local pairs = work(w)
  return 4 * w.Hq * pairs * w.D
end

-- Bytes of K and V a call reads, as stored: q8_0 keeps 34 bytes per 32 values (ggml's block_q8_0).
local KVROW = { f32 = function(d) return 4 * d end, f16 = function(d) return 2 * d end,
  bf16 = function(d) return 2 * d end, q8_0 = function(d) return 34 * d / 32 end }
function R.kvbytes(w)
  local _, keys = work(w)
  return 2 * w.Hkv * keys * KVROW[w.kv](w.D)
end

-- The peak a workload's GFLOP/s are a fraction of on machine m: the bf16 dot-product peak for
-- bf16 Q and O where the machine measured one, else the FMA peak of its ISA.
function R.peak_of(m, w)
  return w.qo == "bf16" and type(m.bf16peak) == "number" and m.bf16peak or m.peak
end

-- A short name for charts and tables: "llama3-8b causal 2048"; longer only where two would clash.
local function shortnames(wls)
  local uses, uses2 = {}, {}
  for _, w in ipairs(wls) do
    local n = (w.phase == "decode" or w.Nq == w.Nk) and U.num(w.Nk) or U.num(w.Nq) .. "x" .. U.num(w.Nk)
    w.short = w.model .. " " .. w.phase .. " " .. n .. (w.B ~= 1 and " B" .. U.num(w.B) or "") ..
      (w.kv ~= "f32" and " " .. w.kv or "") .. (w.qo ~= "f32" and " qo " .. w.qo or "") .. (w.window > 0 and " window " .. U.num(w.window) or "") ..
      (w.softcap > 0 and " softcap " .. U.num(w.softcap) or "") ..
      (w.lens and " lens " .. table.concat(w.lens, ",") or "")
    uses[w.short] = (uses[w.short] or 0) + 1
  end
  for _, w in ipairs(wls) do
    if uses[w.short] > 1 then
      w.short = w.short .. " d" .. U.num(w.D) .. " " .. U.num(w.Hq) .. "/" .. U.num(w.Hkv) .. " heads"
    end
    uses2[w.short] = (uses2[w.short] or 0) + 1
  end
  for _, w in ipairs(wls) do if uses2[w.short] > 1 then w.short = w.key end end
end

-- A machine's winners (W) and compare.tsv figures (C[workload][impl]), keyed for the tables.
local function index(m, r, addwl)
  m.W, m.implok = {}, {}
  for _, f in ipairs(m.winners) do
    addwl(f[1])
    m.W[f[1]] = { kernel = f[2], gflops = f[5], gbs = f[7], cand = f[8] }
  end
  if not m.compare then return end
  m.C = {}
  for _, f in ipairs(m.compare) do
    addwl(f[1])
    m.C[f[1]] = m.C[f[1]] or {}
    m.C[f[1]][f[2]] = { status = f[3], gflops = f[6], gbs = f[8], detail = f[9] }
    if not r.implseen[f[2]] then r.implseen[f[2]] = true; table.insert(r.implfound, f[2]) end
    if f[3] == "ok" then m.implok[f[2]] = true end
  end
end

-- A machine's layer rows of bench.tsv (m.L), in the file's order: the GEMM's GFLOP/s and their
-- share of the FMA peak the bench measured (named in ours' peak target; else machine.json's for
-- all cores), a layer's time, a step's time against its bandwidth bound.
local LAYERRANK = { gemm = 1, layer = 2, step = 3 }
local function layer_rows(m)
  if not m.bench then return end
  local peak = {}
  for _, f in ipairs(m.bench) do
    local p = f[2] == "mhatune" and f[8]:match("peak>=[%d.]+: [%d.]+%% of ([%d.]+) GFLOP/s")
    if p then peak[f[1]] = tonumber(p) end
  end
  for _, f in ipairs(m.bench) do
    local k = I.layer_key(f[1])
    if k then
      m.L = m.L or {}
      local x = { key = f[1], k = k, impl = f[2], status = f[3], median = tonumber(f[4]), gflops = tonumber(f[6]),
        gbs = tonumber(f[7]), targets = f[8], detail = f[9], rank = LAYERRANK[k.kind] }
      local pk = peak[f[1]] or (k.kind == "gemm" and m.peak)
      if k.kind == "gemm" and x.status == "ok" and pk and pk > 0 then x.pct, x.peak = 100 * x.gflops / pk, pk end
      x.bound = f[8]:match("bound<=[%d.]+: ([%d.]+)%% of the bound")
      table.insert(m.L, x)
    end
  end
end

-- The model of the machines' records (folder.lua) and the list of what was left out.
function R.new(machines, leftout)
  local r = { machines = machines, leftout = leftout, wls = {}, wl = {}, implseen = {}, implfound = {} }
  local function addwl(key)
    if r.wl[key] then return end
    r.wl[key] = R.parse(key)
    table.insert(r.wls, r.wl[key])
  end
  for i, m in ipairs(machines) do
    m.color, m.labels, m.cnt = COLORS[(i - 1) % #COLORS + 1], m.labels or {}, m.cnt or {}
    index(m, r, addwl)
    if m.C then r.anycmp = true end
    layer_rows(m)
    if m.L then r.anylayer = true end
  end
  table.sort(r.wls, function(a, b) return a.sortkey < b.sortkey end) -- each key is unique
  shortnames(r.wls)
  local function implkey(s) return string.format("%02d%s", IMPLRANK[s] or 99, s) end
  table.sort(r.implfound, function(a, b) return implkey(a) < implkey(b) end)
  r.impls = { "mhatune" } -- every implementation any machine has, ours first; mhatune always
  for _, im in ipairs(r.implfound) do if im ~= "mhatune" then table.insert(r.impls, im) end end
  return r
end

-- A workload's short name, or its key where it is not one of the table's (a sweep's own).
function R.name(r, key) return r.wl[key] and r.wl[key].short or key end

function R.has_winner(m, key) return m.W[key] ~= nil and m.W[key].kernel ~= "-" end

-- What a chart shows for an implementation: the head-to-head figure from compare.tsv where the
-- machine has one; for mhatune without it, the tune's own measurement of the winner.
function R.gflops_of(m, key, im)
  local c = m.C and m.C[key] and m.C[key][im]
  if c and c.status == "ok" then return c.gflops end
  if im == "mhatune" and R.has_winner(m, key) then return m.W[key].gflops end
  return nil
end

return R
