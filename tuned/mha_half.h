/* mha_half.h: the 16-bit float formats, element by element, in portable C: IEEE binary16
 * (F16) and bfloat16 (BF16, the top half of an fp32) to and from float, rounding to nearest
 * even. One definition for the runtime (Q and O of those types) and the generated kernels
 * (their K/V tails and scalar fallbacks: templates/kv.lua includes this file). */
#ifndef MHA_HALF_H
#define MHA_HALF_H

#include <stdint.h>
#include <string.h>

static inline __attribute__((unused)) uint32_t mha__bits(float x) {
  uint32_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}
static inline __attribute__((unused)) float mha__float(uint32_t u) {
  float x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/* IEEE binary16 to float, subnormals, infinities and NaNs included (exact). */
static inline __attribute__((unused)) float mha__f16_f32(uint16_t h) {
  const uint32_t s = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
  if (e == 0x1f) return mha__float(s | 0x7f800000u | (m << 13));
  if (e) return mha__float(s | ((e + 112) << 23) | (m << 13));
  const float x = (float)m * 5.9604644775390625e-8f; /* m * 2^-24, exact */
  return s ? -x : x;
}

static inline __attribute__((unused)) float mha__bf16_f32(uint16_t h) {
  return mha__float((uint32_t)h << 16);
}

/* float to bfloat16, nearest even; a NaN stays a (quiet) NaN. Branch-free but for NaN, so
 * a loop of it vectorises. */
static inline __attribute__((unused)) uint16_t mha__f32_bf16(float x) {
  const uint32_t u = mha__bits(x);
  if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40u);
  return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}

/* float to IEEE binary16, nearest even: past 65504 (after rounding) is infinity, below
 * 2^-14 a subnormal, a NaN stays a (quiet) NaN. */
static inline __attribute__((unused)) uint16_t mha__f32_f16(float x) {
  const uint32_t u = mha__bits(x), s = (u >> 16) & 0x8000u, a = u & 0x7fffffffu;
  if (a > 0x7f800000u) return (uint16_t)(s | 0x7e00u | ((a >> 13) & 0x3ffu));
  if (a >= 0x477ff000u) return (uint16_t)(s | 0x7c00u); /* rounds to >= 65520: inf */
  if (a < 0x38800000u) {                                /* below 2^-14: subnormal or zero */
    /* x * 2^24 is the subnormal's mantissa; nearbyint rounds it to nearest even (1024
     * becomes the smallest normal, 0x400, as it should). */
    const float m = mha__float(a) * 16777216.0f; /* exact: a power-of-two scale */
    return (uint16_t)(s | (uint32_t)__builtin_nearbyintf(m));
  }
  /* Normal: rebias the exponent (127 -> 15) and round the 13 dropped bits to nearest even. */
  const uint32_t r = a - 0x38000000u;
  return (uint16_t)(s | ((r + 0xfffu + ((r >> 13) & 1u)) >> 13));
}

#endif /* MHA_HALF_H */
