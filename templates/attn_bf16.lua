-- attn_bf16.lua: the bf16 attention forward family: Q, K and V in bf16, both products in bf16
-- pairs with fp32 sums, the scores, softmax, running max and sum and the O accumulator in
-- fp32, P rounded to bf16 once for P V. Two K forms:
--   "ql" (templates/attn_bf16_ql.ct): VDPBF16PS (the ISA vocabulary's bf16 table), query rows
--     in the vector lanes, as in attn_f32's ql, Q^T packed in pairs along d once per query
--     tile and V in pairs of keys once per key tile;
--   "amx" (templates/attn_bf16_amx.ct): AMX-BF16 tiles (the vocabulary's amx table), S and
--     P V by TDPBF16PS on 32 x 32 blocks, softmax row by row.
-- Only for an ISA whose vocabulary has those tables, and a bf16 K/V cache; the runtime takes
-- them for bf16 Q and widens other Q types for attn_f32's kernels instead.
local F = { name = "attn_bf16" }

local D = {} -- the head-dim classes but "any d" (tuned/mha_dclass.h, given as DCLASS)
for _, d in ipairs(DCLASS) do if d > 0 then D[#D + 1] = d end end
F.axes = {
  d = D,
  g = { 1, 2 },
  kt = { 64, 128, 256 },
}
F.kforms = { "ql", "amx" }
F.templates = { ql = "attn_bf16_ql.ct", amx = "attn_bf16_amx.ct" }
F.amx_axes = { qt = { 32, 64 }, kt = { 64, 128 } }
-- Blocks: keys x row vectors of S^T, as attn_f32's ql blocks.
F.rblocks = { { 12, 2 }, { 6, 4 } }

-- attn_bf16_avx512_d128_g1_q64_k256_r6x4_ql, attn_bf16_avx512_d128_g1_q64_k128_r2x2_amx (the amx
-- block is 2 x 2 tiles).
function F.variant_name(p)
  return string.format("attn_bf16_%s_d%d_g%d_q%d_k%d_r%dx%d_%s", p.isa.name, p.d, p.g, p.qt, p.kt, p.rm, p.rn, p.kf)
end

function F.parse(name, isas)
  local isa, d, g, qt, kt, rm, rn, kf =
    name:match("^attn_bf16_(%w+)_d(%d+)_g(%d+)_q(%d+)_k(%d+)_r(%d+)x(%d+)_(%a+)$")
  if not isa or not isas[isa] or not F.templates[kf] then return nil end
  return { isa = isas[isa], d = tonumber(d), g = tonumber(g), qt = tonumber(qt), kt = tonumber(kt),
    rm = tonumber(rm), rn = tonumber(rn), kf = kf, kv = "bf16", fam = F }
end

-- Bytes per key tile: Q^T and O^T tiles (bf16 pairs and fp32), S^T and its pairs, V's pairs
-- (amx: and K^T's pairs, and T).
function F.footprint(p)
  local b = 2 * p.g * p.qt * p.d + 4 * p.g * p.qt * p.d + 6 * p.g * p.qt * p.kt + 2 * p.kt * p.d
  if p.kf == "amx" then b = b + 2 * p.kt * p.d + 4 * p.qt * p.d end
  return b
end

function F.check(p, machine)
  local V, L = p.isa, p.isa.lanes
  if not V.bf16 then return V.name .. " has no bf16 products" end
  if p.kv ~= "bf16" then return "the bf16 family reads bf16 K and V only" end
  if p.kf == "amx" then
    if not V.amx then return V.name .. " has no AMX tiles" end
    if p.d % 32 ~= 0 then return string.format("d=%d is not a multiple of a tile's 32 bf16", p.d) end
    if p.qt % 32 ~= 0 or p.kt % 32 ~= 0 then return "tiles of 32 rows and 32 keys need qt and kt multiples of 32" end
    if F.footprint(p) > machine.l2 // 2 then
      return string.format("tiles need %d KiB, more than half of the %d KiB L2", F.footprint(p) // 1024,
        machine.l2 // 1024)
    end
    return nil
  end
  if p.d % L ~= 0 then return string.format("d=%d is not a multiple of %d lanes", p.d, L) end
  local regs = p.rm * p.rn + p.rn + 1
  if regs > V.regs then
    return string.format("register block %dx%d needs %d registers, %s has %d", p.rm, p.rn, regs, V.name, V.regs)
  end
  if p.kt % 2 ~= 0 or p.kt < p.rm then return string.format("key tile %d does not hold the block's pairs", p.kt) end
  if p.g * p.qt > 128 then return string.format("g*qt = %d rows per pass is over 128", p.g * p.qt) end
  if F.footprint(p) > machine.l2 // 2 then
    return string.format("tiles need %d KiB, more than half of the %d KiB L2", F.footprint(p) // 1024,
      machine.l2 // 1024)
  end
  return nil
end

function F.space(V, kv)
  local out = {}
  if not V.bf16 or kv ~= "bf16" then return out end
  for _, d in ipairs(F.axes.d) do
    for _, g in ipairs(F.axes.g) do
      for _, kt in ipairs(F.axes.kt) do
        for _, rb in ipairs(F.rblocks) do
          out[#out + 1] = { isa = V, d = d, g = g, qt = rb[2] * V.lanes, kt = kt, rm = rb[1], rn = rb[2],
            kf = "ql", kv = kv, fam = F }
        end
      end
      for _, qt in ipairs(V.amx and F.amx_axes.qt or {}) do
        for _, kt in ipairs(F.amx_axes.kt) do
          out[#out + 1] = { isa = V, d = d, g = g, qt = qt, kt = kt, rm = 2, rn = 2, kf = "amx", kv = kv, fam = F }
        end
      end
    end
  end
  return out
end

-- The O^T += V^T P^T block: values of d x the row vectors, dividing d when it can (as attn_f32's
-- ql); the amx form's blocks are its tiles.
function F.derive(p)
  if p.kf == "amx" then
    p.rp, p.cv = 2, 2
    return p
  end
  local cmax = (p.isa.regs - 1 - p.rn) // p.rn
  p.rp, p.cv = 1, cmax
  for c = cmax, 1, -1 do
    if p.d % c == 0 and c >= cmax // 2 then p.cv = c break end
  end
  return p
end

-- The default (the runtime's native_q slot of each head-dim class): one head per pass, the
-- 6x4 block (a query tile of 64 rows shares each V pair pack), the key tile nearest 256.
-- Measured on Zen 5, one thread, H8 N2048 d128: 6x4 k256 433 GFLOP/s, 6x4 k128 429, 12x2 k256
-- 404, 12x2 k128 385 (fp32's default 251 in the same run); d64 H16 N1024: 380 against 212-289.
function F.default_rank(p)
  if p.g ~= 1 or p.kf ~= "ql" then return nil end
  return (p.rm == 6 and 0 or 100) + math.abs(math.log(p.kt / 256, 2)) * 10
end
-- The amx form's default, tried first where the CPU has AMX (not measured: no machine at hand
-- had it when it was written): one head per pass, the larger query tile (the K and V packs
-- serve more rows), the key tile of 128.
function F.amx_rank(p)
  if p.g ~= 1 or p.kf ~= "amx" then return nil end
  return -p.qt + math.abs(math.log(p.kt / 128, 2)) * 10
end
function F.few_rows_rank() return nil end

return F
