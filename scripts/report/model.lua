-- model.lua: what the Markdown and the charts share, from the machines' records: the workloads
-- parsed, in one order, with short names; the implementations in one order; colours and labels.
-- Everything is sorted here, never left to a hash order, so the same inputs give the same bytes.
local U = require("util")
local R = {}
R.LABEL = { mhatune = "mhatune", ["mhatune-untuned"] = "mhatune untuned", onednn = "oneDNN", openblas = "OpenBLAS" }
-- Implementations in the order a reader compares them; ours first.
local IMPLRANK = { mhatune = 1, ["mhatune-untuned"] = 2, onednn = 3, openblas = 4 }
local PHASERANK = { prefill = 1, causal = 2, decode = 3 }
local COLORS = { "#4e79a7", "#e15759", "#59a14f", "#f28e2b", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f", "#bab0ac" }

function R.label(im) return R.LABEL[im] or im end

-- A workload key's fields (numbers as doubles, as awk had them) and its place in every table's order.
function R.parse(key)
  local p = U.split(key, "/")
  local function n(s, skip) return tonumber(s:sub(skip + 1)) + 0.0 end
  local w = { key = key, model = p[1], phase = p[2], B = n(p[3], 1), Hq = n(p[4], 2), Hkv = n(p[5], 3),
    Nq = n(p[6], 2), Nk = n(p[7], 2), D = n(p[8], 1), causal = p[9] == "c1", kv = p[10] and p[10]:sub(4) or "f32" }
  w.sortkey = string.format("%s\t%d\t%012.0f\t%012.0f\t%08.0f\t%08.0f\t%s", w.model, PHASERANK[w.phase] or 9,
    w.Nk, w.Nq, w.B, w.D, key)
  return w
end

-- The FLOPs of one call, as tuned/mha.c counts them (a causal row sees its keys up to the diagonal).
function R.flops(w)
  local pairs = w.Nq * w.Nk
  if w.causal then
    local off = w.Nk - w.Nq
    local i0 = off < 0 and -off or 0
    local n = w.Nq > i0 and w.Nq - i0 or 0
    pairs = n * ((i0 + off + 1) + w.Nk) / 2
  end
  return 4 * w.B * w.Hq * pairs * w.D
end

-- Bytes of K and V as stored: q8_0 keeps 34 bytes per 32 values (ggml's block_q8_0).
local KVROW = { f32 = function(d) return 4 * d end, f16 = function(d) return 2 * d end,
  bf16 = function(d) return 2 * d end, q8_0 = function(d) return 34 * d / 32 end }
function R.kvbytes(w) return 2 * w.B * w.Hkv * w.Nk * KVROW[w.kv](w.D) end

-- A short name for charts and tables: "llama3-8b causal 2048"; longer only where two would clash.
local function shortnames(wls)
  local uses, uses2 = {}, {}
  for _, w in ipairs(wls) do
    local n = (w.phase == "decode" or w.Nq == w.Nk) and U.num(w.Nk) or U.num(w.Nq) .. "x" .. U.num(w.Nk)
    w.short = w.model .. " " .. w.phase .. " " .. n .. (w.B ~= 1 and " B" .. U.num(w.B) or "") ..
      (w.kv ~= "f32" and " " .. w.kv or "")
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
