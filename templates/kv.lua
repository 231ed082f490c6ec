-- kv.lua: the K/V storage types. A type is an axis of the variant space: each ISA vocabulary
-- widens a vector of it to fp32 (V.widen), and this file gives what every ISA shares: the
-- descriptor's enum, the bytes of a row, the byte offset of an element, and one element as a
-- float in portable C (tails, packs and the scalar ISA). Rows are addressed in bytes
-- (`const unsigned char *`); a Q8_0 row is d/32 blocks { uint16_t scale_f16; int8_t q[32]; }.
local K = { order = { "f32", "f16", "bf16", "q8_0" } }
local function f(fmt) return function(...) return string.format(fmt, ...) end end
K.types = {
  f32 = { enum = "MHA__KV_F32", off = f "((size_t)(%s) * 4)", get = f "((const float *)(%s))[%s]" },
  f16 = { enum = "MHA__KV_F16", off = f "((size_t)(%s) * 2)",
    get = f "mha__f16_f32(((const uint16_t *)(%s))[%s])" },
  bf16 = { enum = "MHA__KV_BF16", off = f "((size_t)(%s) * 2)",
    get = f "mha__bf16_f32(((const uint16_t *)(%s))[%s])" },
  q8_0 = { enum = "MHA__KV_Q8_0", get = f "mha__q8_get(%s, %s)",
    off = function(c) return string.format("((size_t)((%s) >> 5) * 34 + 2 + ((%s) & 31))", c, c) end },
}

-- Portable conversions (tuned/mha_half.h, shared with the runtime); every kernel gets them,
-- a kernel uses those of its type.
K.prelude_line = debug.getinfo(1, "l").currentline + 2
K.prelude = [[
#include "mha_half.h"
/* Element c of a Q8_0 row: the block's fp16 scale times its int8 (the scale is unaligned). */
static inline __attribute__((unused)) float mha__q8_get(const unsigned char *row, int c) {
  const unsigned char *b = row + (size_t)(c >> 5) * 34;
  uint16_t h;
  memcpy(&h, b, sizeof h);
  return mha__f16_f32(h) * (float)(int8_t)b[2 + (c & 31)];
}
]]
return K
