-- attn_f32.lua: the fp32 attention forward family: its variant space, the constraints that
-- keep invalid variants out, the derived parameters, the names, and the default choice.
local F = { name = "attn_f32" } -- the family

-- Axes. d: the head-dim classes (tuned/mha_dclass.h, given as DCLASS); d = 0 is the variant
-- for any head dim. Scalar is the fallback, not a contender, so it keeps a small space.
F.axes = {
  d = DCLASS,
  g = { 1, 2, 4, 8 },
  qt = { 16, 32, 64 },
  kt = { 32, 64, 128 },
}
F.isa_axes = {
  scalar = { g = { 1 }, qt = { 16, 32 }, kt = { 32, 64 } },
}
-- K forms: "t" packs K^T once per key tile and reuses it over many query rows (prefill);
-- "dot" reads K rows in place and sums along d, for the few rows of decoding, where a pack
-- would cost more than the arithmetic; the rows of all G heads share each K and V load
-- (templates/attn_f32_dot.ct). Its S block is one row x L keys, so rm names the rows of its
-- O += P V block instead. Dot variants keep a small tile space of their own.
-- "ql" puts query rows in the vector lanes: Q^T packed once per query tile, K and V read in
-- place, softmax all vertical (templates/attn_f32_ql.ct); its block is keys x row vectors and
-- its query tile is the block's rows (rn * lanes).
F.kforms = { "t", "dot", "ql" }
F.templates = { t = "attn_f32.ct", dot = "attn_f32_dot.ct", ql = "attn_f32_ql.ct" }
F.kf_axes = { dot = { qt = { 16 }, kt = { 64, 128 } }, ql = { kt = { 64, 128, 256 } } }
F.kf_rblocks = {
  dot = { scalar = {}, avx2 = { { 1, 8 }, { 2, 8 } }, avx512 = { { 2, 16 }, { 4, 16 } } },
  ql = { scalar = {}, avx2 = { { 6, 2 }, { 3, 3 } }, avx512 = { { 12, 2 }, { 6, 4 } } },
}
-- K/V storage types (kv.lua). f32 takes the whole space above; the others a reduced one, to
-- keep the build's compile time in bounds: the forms that widen K and V as they read them,
-- with the tiles the default table takes (dot: both register blocks, for every grouping,
-- as decoding's defaults share K/V across a GQA group; ql: both blocks, as the f32 default's
-- query tile of 64 measured 741 GFLOP/s on H8 N2048 d128 with an f32 cache against 639 for
-- an f16 cache and the tile of 32), and one small any-d scalar variant of the packed K^T
-- form per type, so every type has a fallback for every d.
F.kv_axes = {
  dot = { g = { 1, 2, 4, 8 }, qt = { 16 }, kt = { 64 } },
  ql = { g = { 1 }, kt = { 128 } },
  t = { d = { 0 }, g = { 1 }, qt = { 16 }, kt = { 32 } },
}
-- S = Q K^T register blocks, rows x vectors.
F.rblocks = {
  scalar = { { 4, 2 }, { 2, 4 } },
  avx2 = { { 4, 2 }, { 6, 2 } },
  avx512 = { { 8, 2 }, { 4, 4 } },
}

-- attn_f32_avx512_d128_g4_q16_k64_r2x16_dot_kvf16; f32 K/V has no suffix.
function F.variant_name(p)
  return string.format("attn_f32_%s_%s_g%d_q%d_k%d_r%dx%d%s%s", p.isa.name,
    p.d == 0 and "dany" or ("d" .. p.d), p.g, p.qt, p.kt, p.rm, p.rn, p.kf == "t" and "" or ("_" .. p.kf),
    p.kv == "f32" and "" or ("_kv" .. p.kv))
end

-- The inverse of F.name, for `mhagen --only NAME`; nil when it is not a name of this family.
function F.parse(name, isas, kvs)
  local base, kv = name:match("^(.-)_kv([%w_]+)$")
  if not base then base, kv = name, "f32" end
  if kv == "f32" and base ~= name or not kvs[kv] then return nil end
  local isa, d, g, qt, kt, rm, rn, dot =
    base:match("^attn_f32_(%w+)_d(%w+)_g(%d+)_q(%d+)_k(%d+)_r(%d+)x(%d+)(_?%a*)$")
  if not isa or not isas[isa] or not (dot == "" or dot == "_dot" or dot == "_ql") then return nil end
  d = d == "any" and 0 or tonumber(d)
  if not d then return nil end
  return { isa = isas[isa], d = d, g = tonumber(g), qt = tonumber(qt), kt = tonumber(kt),
    rm = tonumber(rm), rn = tonumber(rn), kf = dot == "" and "t" or dot:sub(2), kv = kv }
end

-- Bytes the kernel touches per key tile: Q and O tiles, K^T and V tiles, S tile.
function F.footprint(p)
  local d = p.d > 0 and p.d or 128
  return 4 * (2 * p.g * p.qt * d + 2 * p.kt * d + p.g * p.qt * p.kt)
end

-- nil when p is valid on this machine, else the reason it is refused.
function F.check(p, machine)
  local V, L = p.isa, p.isa.lanes
  if p.kf == "dot" and p.rn ~= L then
    return string.format("the dot form's S block is %d keys, one per lane, not %d", L, p.rn)
  end
  -- The dot form's S block holds rn accumulators, its rm query vectors and a K load.
  local regs = p.kf == "dot" and p.rn + p.rm + 1 or p.rm * p.rn + p.rn + 1
  if regs > V.regs then
    return string.format("register block %dx%d needs %d registers, %s has %d", p.rm, p.rn, regs,
      V.name, V.regs)
  end
  if p.d > 0 and p.d % L ~= 0 then return string.format("d=%d is not a multiple of %d lanes", p.d, L) end
  if p.kv == "q8_0" and p.d % 32 ~= 0 then return string.format("d=%d is not a multiple of Q8_0's 32", p.d) end
  if p.kv ~= "f32" and p.kf == "t" and (p.d ~= 0 or L > 1) then
    return "the packed K^T form takes other KV types only as the any-d scalar fallback"
  end
  if p.kf == "ql" and p.qt ~= p.rn * L then
    return string.format("the ql query tile is the block's %d rows, not %d", p.rn * L, p.qt)
  end
  if p.kf == "ql" and L == 1 then return "the ql form needs vector lanes" end
  local width = p.kf == "dot" and p.rn or (p.kf == "ql" and 1 or p.rn * L)
  if p.kt % width ~= 0 or p.kt % L ~= 0 then
    return string.format("key tile %d is not a multiple of the register block width %d", p.kt, width)
  end
  if p.kf == "dot" and p.d == 0 then return "the dot K form needs a head dim that is a multiple of the lanes" end
  if p.qt < p.rm then return string.format("query tile %d is smaller than the block's %d rows", p.qt, p.rm) end
  if p.g * p.qt < 16 or p.g * p.qt > 128 then
    return string.format("g*qt = %d rows per pass is outside [16, 128]", p.g * p.qt)
  end
  if p.d == 0 and p.g ~= 1 then return "the any-d variants take one head per pass (g=1)" end
  -- The K^T tile is streamed once per query row block: it must stay in L1.
  local ktile = 4 * (p.d > 0 and p.d or 128) * p.kt
  if p.kf == "t" and ktile > machine.l1d then
    return string.format("K^T tile of %d KiB does not fit the %d KiB L1d", ktile // 1024,
      machine.l1d // 1024)
  end
  local half = machine.l2 // 2
  if F.footprint(p) > half then
    return string.format("tiles need %d KiB, more than half of the %d KiB L2", F.footprint(p) // 1024,
      machine.l2 // 1024)
  end
  return nil
end

-- Every combination of the axes for one ISA and KV type, valid or not (check() decides).
function F.space(V, kv)
  local out = {}
  for _, kf in ipairs(F.kforms) do
    local ax = setmetatable(F.kf_axes[kf] or F.isa_axes[V.name] or {}, { __index = F.axes })
    local rbs = (F.kf_rblocks[kf] or F.rblocks)[V.name]
    if kv ~= "f32" then
      ax = setmetatable(F.kv_axes[kf], { __index = ax })
      if kf == "t" then rbs = { rbs[1] } end
    end
    for _, d in ipairs(ax.d) do
      for _, g in ipairs(ax.g) do
        for _, qt in ipairs(kf == "ql" and { 0 } or ax.qt) do
          for _, kt in ipairs(ax.kt) do
            for _, rb in ipairs(rbs) do
              out[#out + 1] = { isa = V, d = d, g = g, qt = kf == "ql" and rb[2] * V.lanes or qt, kt = kt,
                rm = rb[1], rn = rb[2], kf = kf, kv = kv }
            end
          end
        end
      end
    end
  end
  return out
end

-- The O += P V block follows from the ISA and d: the rows x vectors that fit the register
-- file with the most FMAs per load, preferring blocks that split d evenly.
function F.derive(p)
  local V, L = p.isa, p.isa.lanes
  if p.kf == "ql" then -- O^T block: values of d x the row vectors, dividing d when it can
    local cmax = (V.regs - 1 - p.rn) // p.rn
    p.rp, p.cv = 1, cmax
    for c = cmax, 1, -1 do
      if p.d > 0 and p.d % c == 0 and c >= cmax // 2 then p.cv = c break end
    end
    return p
  end
  local dv = p.d > 0 and p.d // L or math.max(1, 128 // L)
  if p.kf == "dot" then -- rm rows x cv vectors of d, with the V loads: a divisor of d if it can
    local cmax = math.min(dv, (V.regs - 1) // (p.rm + 1))
    p.rp, p.cv = p.rm, cmax
    for c = cmax, 1, -1 do
      if dv % c == 0 and c >= (cmax + 1) // 2 then p.cv = c break end
    end
    return p
  end
  local best, bs
  for r = 1, 6 do
    for c = 1, dv do
      if r * c + c + 1 <= V.regs then
        local s = r * c / (r + c) - ((dv % c ~= 0) and 0.25 or 0)
        if not best or s > bs then best, bs = { r, c }, s end
      end
    end
  end
  p.rp, p.cv = best[1], best[2]
  return p
end

-- The default table's choice among valid variants of one ISA and head-dim class: one head per
-- pass (g=1 applies to every grouping); query rows in lanes where the ISA has lanes, else the
-- packed K^T form; then the largest query tile, a key tile nearest 128, the first register
-- block. Measured here (one core, d128, N2048): ql 202 GFLOP/s, packed K^T 144.
local KF_ORDER = { ql = 0, t = 1, dot = 2 }
local function rb_index(p, list)
  for i, rb in ipairs(list[p.isa.name] or {}) do
    if rb[1] == p.rm and rb[2] == p.rn then return i end
  end
  return 0
end
function F.default_rank(p)
  if p.g ~= 1 then return nil end
  return KF_ORDER[p.kf] * 1e6 - p.qt * 1000 + math.abs(math.log(p.kt / 128, 2)) * 10 +
    rb_index(p, F.kf_rblocks[p.kf] or F.rblocks)
end
-- For few query rows (decoding): the dot form (K read once, no pack, no idle lanes), the
-- first register block; else what default_rank picks. The default table keeps the best of
-- each grouping g, and the dispatch takes the largest g that divides the call's group, so
-- each K/V read serves g heads of a GQA group.
-- A cache in 16 or 8 bits is widened as it is read, which makes its decode bound by the
-- loads, not the memory: there the block whose rows cover the group (rm = g, one pass over
-- K and V) goes first. Measured on Zen 5, Hq32 Hkv8 Nk32768 d128, q8_0: r4x16 27% faster than
-- r2x16; for an fp32 cache the tuner keeps r2x16.
function F.few_rows_rank(p)
  if p.kf ~= "dot" then return nil end
  if p.kv ~= "f32" then return math.abs(p.rm - p.g) * 10 + rb_index(p, F.kf_rblocks.dot) end
  return rb_index(p, F.kf_rblocks.dot)
end

return F
