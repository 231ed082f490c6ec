-- isa_scalar.lua: the scalar vocabulary: one float per "vector", plain C, any x86-64 or
-- other CPU. It is the fallback every dispatch slot starts from.
local V = { name = "scalar", isa = "MHA__ISA_SCALAR", lanes = 1, regs = 16, vt = "float",
  target = "" }
local function f(fmt) return function(...) return string.format(fmt, ...) end end
V.load  = f "(*(%s))"
V.loada = V.load
V.store = f "(*(%s) = (%s))"
V.storea = V.store
V.set1  = f "(%s)"
V.zero  = f "0.0f"
V.fma   = f "((%s) * (%s) + (%s))"
V.add   = f "((%s) + (%s))"
V.sub   = f "((%s) - (%s))"
V.mul   = f "((%s) * (%s))"
V.max   = f "mha__maxf(%s, %s)"
V.min   = f "mha__minf(%s, %s)"
V.div   = f "((%s) / (%s))"
V.iota  = "0.0f" -- lane n holds n
V.hmax  = f "(%s)"
V.hsum  = f "(%s)"
V.exp2  = f "mha__exp2_scalar(%s)"
V.exp   = f "mha__exp_scalar(%s)"
-- widen[type](row, c): element c of a K/V row (bytes) as a float, by kv.lua's portable C.
V.widen = {
  f32 = f "((const float *)(%s))[%s]",
  f16 = f "mha__f16_f32(((const uint16_t *)(%s))[%s])",
  bf16 = f "mha__bf16_f32(((const uint16_t *)(%s))[%s])",
  q8_0 = f "mha__q8_get(%s, %s)",
}

-- The same reduction and polynomial as the vector ISAs, in C: rounding by the 1.5 * 2^23
-- trick and 2^n assembled in the exponent bits as 2^(n/2) * 2^(n - n/2).
V.prelude_line = debug.getinfo(1, "l").currentline + 2
V.prelude = [[
#include <stdint.h>
#include <string.h>
static inline __attribute__((unused)) float mha__maxf(float a, float b) { return a > b ? a : b; }
static inline __attribute__((unused)) float mha__minf(float a, float b) { return a < b ? a : b; }
static inline __attribute__((unused)) float mha__roundf(float x) { return (x + 12582912.0f) - 12582912.0f; }
static inline __attribute__((unused)) float mha__pow2i(int n) {
  uint32_t u = (uint32_t)(n + 127) << 23;
  float f;
  memcpy(&f, &u, sizeof f);
  return f;
}
static inline __attribute__((unused)) float mha__expr_scalar(float r) {
  float p = 1.98412698e-4f;
  p = p * r + 1.38888889e-3f;
  p = p * r + 8.33333333e-3f;
  p = p * r + 4.16666667e-2f;
  p = p * r + 1.66666667e-1f;
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  return p * r + 1.0f;
}
static inline __attribute__((unused)) float mha__scale2n_scalar(float p, float n) {
  int ni = (int)n, h = ni >> 1;
  return p * mha__pow2i(h) * mha__pow2i(ni - h);
}
static inline __attribute__((unused)) float mha__exp2_scalar(float x) {
  x = x < -151.0f ? -151.0f : (x > 129.0f ? 129.0f : x);
  float n = mha__roundf(x);
  return mha__scale2n_scalar(mha__expr_scalar((x - n) * 0.693147180559945f), n);
}
static inline __attribute__((unused)) float mha__exp_scalar(float x) {
  x = x < -104.0f ? -104.0f : (x > 89.0f ? 89.0f : x);
  float n = mha__roundf(x * 1.44269504088896f);
  float r = x - n * 0.693145751953125f;
  r = r - n * 1.428606765330187e-6f;
  return mha__scale2n_scalar(mha__expr_scalar(r), n);
}
]]
return V
