-- gemm_f32.lua: the fp32 GEMM family for the layer's projections (C = A W^T + bias, W packed in
-- panels; mha_kernel.h): its variant space, the constraints, the names and the default choice.
-- The space is the micro-tile (rows x vectors of C held in registers) and the three cache blocks
-- around it: kc (depth per pass: a kc x nw panel of B stays in L1 while every row of A's block
-- passes over it), mc (the rows of A's block, packed k-major, kept in L2) and nc (the columns of
-- a block, whose kc x nc slice of B is read from L2/L3 once per row block).
local F = { name = "gemm_f32", template = "gemm_f32.ct" }

-- Register blocks, rows x vectors, in order of preference for the default; scalar is the
-- fallback. Per depth step a block loads nr vectors and broadcasts mr values for mr * nr FMAs:
-- the wider blocks load less per FMA. Measured on Zen 5 (one core, M = N = K = 1024, per CPU
-- second): 6x4 209 GFLOP/s, 14x2 202, 12x2 200, 8x3 197 (each at its best blocking).
F.rblocks = {
  scalar = { { 4, 2 }, { 2, 4 } },
  avx2 = { { 6, 2 }, { 4, 3 } },
  avx512 = { { 6, 4 }, { 14, 2 }, { 12, 2 }, { 8, 3 } },
}
-- Around the derived blocking: kc at 1/2, 1 and 2 times the model's, mc at 1/2 and 1, nc at 1/4
-- and 1 (nc mostly sets how finely the runtime can share a call among threads).
F.kc_steps = { 0.5, 1, 2 }
F.mc_steps = { 0.5, 1 }
F.nc_steps = { 0.25, 1 }
F.isa_steps = { scalar = { kc = { 1 }, mc = { 1 }, nc = { 1 } } }

-- gemm_f32_avx512_r14x2_kc384_mc112_nc512
function F.variant_name(p)
  return string.format("gemm_f32_%s_r%dx%d_kc%d_mc%d_nc%d", p.isa.name, p.mr, p.nr, p.kc, p.mc, p.nc)
end

function F.parse(name, isas)
  local isa, mr, nr, kc, mc, nc = name:match("^gemm_f32_(%w+)_r(%d+)x(%d+)_kc(%d+)_mc(%d+)_nc(%d+)$")
  if not isa or not isas[isa] then return nil end
  return { isa = isas[isa], mr = tonumber(mr), nr = tonumber(nr), kc = tonumber(kc), mc = tonumber(mc),
    nc = tonumber(nc) }
end

local function round_down(x, q) return math.max(q, (x // q) * q) end

-- The model's blocking for one micro-tile on this machine (ATLAS/BLIS's analysis, kept small):
-- the kc x nw panel of B takes 3/4 of L1 (A's micro-panel streams from L2; measured, half of
-- L1 for both gave a kc half the best one); A's mc x kc block
-- takes half of L2; B's kc x nc block a sixteenth of a core's share of L3 (at least L2 / 4), as
-- other blocks' B and C share it.
function F.model(V, mr, nr, machine)
  local nw = nr * V.lanes
  local kc = math.min(512, round_down((machine.l1d * 3 // 4) // (4 * nw), 16)) -- deeper buys nothing
  local mc = round_down((machine.l2 // 2) // (4 * kc), mr)
  local share = math.max(machine.l2 // 4, (machine.l3 or 0) // math.max(1, machine.cores or 1) // 16)
  local nc = round_down(share // (4 * kc), nw)
  return kc, mc, nc
end

-- Bytes one task keeps in the caches: A's packed block, a B micro-panel, a C micro-tile.
function F.footprint(p)
  return 4 * (p.mc * p.kc + p.kc * p.nr * p.isa.lanes + p.mr * p.nr * p.isa.lanes)
end

-- nil when p is valid on this machine, else the reason it is refused.
function F.check(p, machine)
  local V = p.isa
  local nw = p.nr * V.lanes
  local regs = p.mr * p.nr + p.nr + 1
  if regs > V.regs then
    return string.format("register block %dx%d needs %d registers, %s has %d", p.mr, p.nr, regs, V.name, V.regs)
  end
  if p.kc < 16 or p.kc % 16 ~= 0 then return string.format("kc=%d is not a multiple of 16", p.kc) end
  if p.mc < p.mr or p.mc % p.mr ~= 0 then return string.format("mc=%d is not a multiple of mr=%d", p.mc, p.mr) end
  if p.nc < nw or p.nc % nw ~= 0 then return string.format("nc=%d is not a multiple of the panel width %d", p.nc, nw) end
  if 4 * p.kc * nw > machine.l1d * 3 // 4 then
    return string.format("B's %d KiB micro-panel takes more than 3/4 of the %d KiB L1d", 4 * p.kc * nw // 1024,
      machine.l1d // 1024)
  end
  if 4 * p.mc * p.kc > machine.l2 * 3 // 4 then
    return string.format("A's block of %d KiB is more than 3/4 of the %d KiB L2", 4 * p.mc * p.kc // 1024,
      machine.l2 // 1024)
  end
  if p.mc > 1024 or p.nc > 8192 then return "blocks past 1024 rows or 8192 columns cut too coarsely for threads" end
  return nil
end

-- Every combination around the model's blocking for one ISA, valid or not (check() decides).
function F.space(V, machine)
  local out, seen = {}, {}
  local st = F.isa_steps[V.name] or {}
  for _, rb in ipairs(F.rblocks[V.name]) do
    local mr, nr = rb[1], rb[2]
    local kc0, mc0, nc0 = F.model(V, mr, nr, machine)
    for _, ks in ipairs(st.kc or F.kc_steps) do
      local kc = round_down(math.floor(kc0 * ks), 16)
      local mcm = round_down((machine.l2 // 2) // (4 * kc), mr) -- A's block follows kc
      for _, ms in ipairs(st.mc or F.mc_steps) do
        for _, ns in ipairs(st.nc or F.nc_steps) do
          local p = { isa = V, mr = mr, nr = nr, kc = kc, mc = round_down(math.floor(mcm * ms), mr),
            nc = round_down(math.floor(nc0 * ns), nr * V.lanes), model = { kc0, mc0, nc0 } }
          local key = F.variant_name(p)
          if not seen[key] then
            seen[key] = true
            out[#out + 1] = p
          end
        end
      end
    end
  end
  return out
end

local function rb_index(p)
  for i, rb in ipairs(F.rblocks[p.isa.name]) do
    if rb[1] == p.mr and rb[2] == p.nr then return i end
  end
  return 99
end
local function dist(x, y) return math.abs(math.log(x / y, 2)) end

-- The default without measurements: the first register block, then the blocking nearest the
-- model's (kc first: it decides L1 reuse; then mc, nc).
function F.default_rank(p)
  local m = p.model or { p.kc, p.mc, p.nc } -- a name alone (mhagen --only) has no model
  return rb_index(p) * 1e6 + dist(p.kc, m[1]) * 1e4 + dist(p.mc, m[2]) * 100 + dist(p.nc, m[3])
end
-- For few rows (decoding, m <= MHA__FEW_ROWS): the same panel width nw as the default (the
-- weights are packed once), then the fewest rows per micro-tile (A's padding is wasted work),
-- the deepest kc (fewer passes over C) and the narrowest nc (the runtime splits N finely anyway).
function F.few_rows_rank(p, default)
  if p.nr * p.isa.lanes ~= default.nr * default.isa.lanes then return nil end
  return p.mr * 1e6 - p.kc * 100 + p.nc / 1e4
end

return F
