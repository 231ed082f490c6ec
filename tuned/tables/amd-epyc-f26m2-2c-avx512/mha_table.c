/* This file was automatically generated --- DO NOT EDIT
 * by mha-tune for amd-epyc-f26m2-2c-avx512 (AuthenticAMD:26:2:avx512) from templates 8d9794d0939a2fff.
 * Measured on 2026-11-30T23:00:55Z. */
#include "mha_table.h"

extern const mha__kernel mha__k_attn_f32_scalar_dany_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d32_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d64_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d80_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d96_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d128_g1_q32_k64_r4x2;
extern const mha__kernel mha__k_attn_f32_scalar_d256_g1_q32_k32_r4x2;
extern const mha__kernel mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g2_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g4_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g8_q16_k64_r1x8_dot;
extern const mha__kernel mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g4_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g8_q16_k64_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvbf16;
extern const mha__kernel mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvq8_0;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q64_k256_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d256_g2_q16_k128_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q32_k256_r12x2_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g1_q16_k64_r4x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q64_k128_r6x4_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g2_q32_k256_r12x2_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k128_r4x16_dot;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql;
extern const mha__kernel mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot_kvf16;
extern const mha__kernel mha__k_attn_f32_avx512_d80_g1_q32_k256_r12x2_ql;
extern const mha__kernel mha__k_attn_f32_avx2_d80_g1_q16_k128_r1x8_dot;

static const mha__kernel *const catalog[] = {
  &mha__k_attn_f32_scalar_dany_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d32_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d64_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d80_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d96_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d128_g1_q32_k64_r4x2,
  &mha__k_attn_f32_scalar_d256_g1_q32_k32_r4x2,
  &mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d32_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d32_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d32_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d64_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d64_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d64_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d80_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d80_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d80_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d96_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d96_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d96_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d128_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d128_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d128_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql,
  &mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d256_g2_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d256_g4_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx2_d256_g8_q16_k64_r1x8_dot,
  &mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d32_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d32_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d64_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d64_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d80_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d80_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d96_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d96_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d128_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d256_g4_q16_k64_r2x16_dot,
  &mha__k_attn_f32_avx512_d256_g8_q16_k64_r2x16_dot,
  &mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvf16,
  &mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvf16,
  &mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvf16,
  &mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvf16,
  &mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvf16,
  &mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvbf16,
  &mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvbf16,
  &mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvbf16,
  &mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvbf16,
  &mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvbf16,
  &mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0,
  &mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvq8_0,
  &mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvq8_0,
  &mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvq8_0,
  &mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvq8_0,
  &mha__k_attn_f32_avx512_d64_g1_q64_k256_r6x4_ql,
  &mha__k_attn_f32_avx512_d256_g2_q16_k128_r2x16_dot,
  &mha__k_attn_f32_avx512_d64_g1_q32_k256_r12x2_ql,
  &mha__k_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot,
  &mha__k_attn_f32_avx512_d128_g1_q16_k64_r4x16_dot,
  &mha__k_attn_f32_avx512_d128_g2_q64_k128_r6x4_ql,
  &mha__k_attn_f32_avx512_d128_g2_q32_k256_r12x2_ql,
  &mha__k_attn_f32_avx512_d128_g4_q16_k128_r4x16_dot,
  &mha__k_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql,
  &mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot_kvf16,
  &mha__k_attn_f32_avx512_d80_g1_q32_k256_r12x2_ql,
  &mha__k_attn_f32_avx2_d80_g1_q16_k128_r1x8_dot,
};

static const mha__table_entry entries[] = {
  {2, 64, 12, 12, 0, 2, 2, &mha__k_attn_f32_avx512_d64_g1_q64_k256_r6x4_ql}, /* bert-base/prefill/B1/Hq12/Hkv12/Nq128/Nk128/d64/c0 */
  {2, 64, 12, 12, 0, 3, 3, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql}, /* bert-base/prefill/B1/Hq12/Hkv12/Nq512/Nk512/d64/c0 */
  {2, 256, 16, 8, 1, 4, 4, &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql}, /* gemma2-9b/causal/B1/Hq16/Hkv8/Nq1024/Nk1024/d256/c1/sc50 */
  {2, 256, 16, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d256_g2_q16_k128_r2x16_dot}, /* gemma2-9b/decode/B1/Hq16/Hkv8/Nq1/Nk8192/d256/c1/sc50 */
  {2, 64, 12, 12, 1, 3, 3, &mha__k_attn_f32_avx512_d64_g1_q32_k256_r12x2_ql}, /* gpt2/causal/B1/Hq12/Hkv12/Nq256/Nk256/d64/c1 */
  {2, 64, 12, 12, 1, 4, 4, &mha__k_attn_f32_avx512_d64_g1_q32_k256_r12x2_ql}, /* gpt2/causal/B1/Hq12/Hkv12/Nq1024/Nk1024/d64/c1 */
  {2, 64, 12, 12, 1, 0, 4, &mha__k_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot}, /* gpt2/decode/B1/Hq12/Hkv12/Nq1/Nk1024/d64/c1 */
  {2, 64, 16, 16, 0, 4, 4, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql}, /* gpt2-medium/prefill/B1/Hq16/Hkv16/Nq1024/Nk1024/d64/c0 */
  {2, 64, 16, 16, 1, 4, 4, &mha__k_attn_f32_avx512_d64_g1_q32_k256_r12x2_ql}, /* gpt2-medium/causal/B1/Hq16/Hkv16/Nq1024/Nk1024/d64/c1 */
  {2, 64, 16, 16, 1, 0, 4, &mha__k_attn_f32_avx512_d64_g1_q16_k128_r2x16_dot}, /* gpt2-medium/decode/B1/Hq16/Hkv16/Nq1/Nk1024/d64/c1 */
  {2, 128, 32, 32, 0, 3, 3, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql}, /* llama2-7b/prefill/B1/Hq32/Hkv32/Nq512/Nk512/d128/c0 */
  {2, 128, 32, 32, 0, 4, 4, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql}, /* llama2-7b/prefill/B1/Hq32/Hkv32/Nq1024/Nk1024/d128/c0 */
  {2, 128, 32, 32, 1, 4, 4, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql}, /* llama2-7b/causal/B1/Hq32/Hkv32/Nq2048/Nk2048/d128/c1 */
  {2, 128, 32, 32, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g1_q16_k64_r4x16_dot}, /* llama2-7b/decode/B1/Hq32/Hkv32/Nq1/Nk4096/d128/c1 */
  {2, 128, 32, 8, 0, 3, 3, &mha__k_attn_f32_avx512_d128_g2_q64_k128_r6x4_ql}, /* llama3-8b/prefill/B1/Hq32/Hkv8/Nq512/Nk512/d128/c0 */
  {2, 128, 32, 8, 0, 4, 4, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql}, /* llama3-8b/prefill/B1/Hq32/Hkv8/Nq1024/Nk1024/d128/c0 */
  {2, 128, 32, 8, 1, 4, 4, &mha__k_attn_f32_avx512_d128_g2_q32_k256_r12x2_ql}, /* llama3-8b/causal/B1/Hq32/Hkv8/Nq2048/Nk2048/d128/c1 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k128_r4x16_dot}, /* llama3-8b/decode/B1/Hq32/Hkv8/Nq1/Nk8192/d128/c1 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16}, /* llama3-8b/decode/B1/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-f16 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0}, /* llama3-8b/decode/B1/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-q8_0 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16}, /* llama3-8b/decode/B1/Hq32/Hkv8/Nq1/Nk32768/d128/c1/kv-f16 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0}, /* llama3-8b/decode/B1/Hq32/Hkv8/Nq1/Nk32768/d128/c1/kv-q8_0 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16}, /* llama3-8b/decode/B4/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-f16/lens-4096-3000-1024-17 */
  {2, 128, 32, 8, 1, 4, 4, &mha__k_attn_f32_avx512_d128_g4_q32_k256_r12x2_ql}, /* mistral-7b/causal/B1/Hq32/Hkv8/Nq1024/Nk1024/d128/c1 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k128_r4x16_dot}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk16384/d128/c1 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-f16 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk4096/d128/c1/kv-q8_0 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot_kvf16}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk32768/d128/c1/kv-f16 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk32768/d128/c1/kv-q8_0 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k128_r4x16_dot}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk16384/d128/c1/w4096 */
  {2, 128, 32, 8, 1, 0, 5, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16}, /* mistral-7b/decode/B1/Hq32/Hkv8/Nq1/Nk16384/d128/c1/kv-f16/w4096 */
  {2, 128, 32, 8, 1, 3, 5, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql}, /* mistral-7b/causal/B1/Hq32/Hkv8/Nq512/Nk16384/d128/c1/w4096 */
  {2, 80, 32, 32, 0, 3, 3, &mha__k_attn_f32_avx512_d80_g1_q32_k256_r12x2_ql}, /* phi-2/prefill/B1/Hq32/Hkv32/Nq512/Nk512/d80/c0 */
  {2, 80, 32, 32, 0, 4, 4, &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql}, /* phi-2/prefill/B1/Hq32/Hkv32/Nq1024/Nk1024/d80/c0 */
  {2, 80, 32, 32, 1, 4, 4, &mha__k_attn_f32_avx512_d80_g1_q32_k256_r12x2_ql}, /* phi-2/causal/B1/Hq32/Hkv32/Nq2048/Nk2048/d80/c1 */
  {1, 80, 32, 32, 1, 0, 4, &mha__k_attn_f32_avx2_d80_g1_q16_k128_r1x8_dot}, /* phi-2/decode/B1/Hq32/Hkv32/Nq1/Nk2048/d80/c1 */
};

const mha__table mha__table_amd_epyc_f26m2_2c_avx512 = {
  "amd-epyc-f26m2-2c-avx512", "AuthenticAMD:26:2:avx512", "8d9794d0939a2fff",
  "cc (Debian 12.2.0-14+deb12u1) 12.2.0", "-std=c11 -O2 -g -fPIC -D_GNU_SOURCE -fno-math-errno -Wall -Wextra", "2026-11-30T23:00:55Z",
  catalog, 260,
  {
    {
      {&mha__k_attn_f32_scalar_dany_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d32_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d64_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d80_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d96_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d128_g1_q32_k64_r4x2, &mha__k_attn_f32_scalar_d256_g1_q32_k32_r4x2},
      {&mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql, &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql},
      {&mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql, &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql},
    },
    {
      {&mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvf16, 0, 0, 0, 0, 0, 0},
      {&mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvf16, &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvf16},
      {&mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvf16, &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvf16},
    },
    {
      {&mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvbf16, 0, 0, 0, 0, 0, 0},
      {&mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d80_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvbf16, &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvbf16},
      {&mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d80_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvbf16, &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvbf16},
    },
    {
      {&mha__k_attn_f32_scalar_dany_g1_q16_k32_r4x2_kvq8_0, 0, 0, 0, 0, 0, 0},
      {&mha__k_attn_f32_avx2_dany_g1_q24_k128_r3x3_ql_kvq8_0, &mha__k_attn_f32_avx2_d32_g1_q24_k128_r3x3_ql_kvq8_0, &mha__k_attn_f32_avx2_d64_g1_q24_k128_r3x3_ql_kvq8_0, 0, &mha__k_attn_f32_avx2_d96_g1_q24_k128_r3x3_ql_kvq8_0, &mha__k_attn_f32_avx2_d128_g1_q24_k128_r3x3_ql_kvq8_0, &mha__k_attn_f32_avx2_d256_g1_q24_k128_r3x3_ql_kvq8_0},
      {&mha__k_attn_f32_avx512_dany_g1_q64_k128_r6x4_ql_kvq8_0, &mha__k_attn_f32_avx512_d32_g1_q64_k128_r6x4_ql_kvq8_0, &mha__k_attn_f32_avx512_d64_g1_q64_k128_r6x4_ql_kvq8_0, 0, &mha__k_attn_f32_avx512_d96_g1_q64_k128_r6x4_ql_kvq8_0, &mha__k_attn_f32_avx512_d128_g1_q64_k128_r6x4_ql_kvq8_0, &mha__k_attn_f32_avx512_d256_g1_q64_k128_r6x4_ql_kvq8_0},
    },
  },
  {
    {
      {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d32_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d32_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d32_g8_q16_k64_r1x8_dot}, {&mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d64_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d64_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d64_g8_q16_k64_r1x8_dot}, {&mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d80_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d80_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d80_g8_q16_k64_r1x8_dot}, {&mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d96_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d96_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d96_g8_q16_k64_r1x8_dot}, {&mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d128_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d128_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d128_g8_q16_k64_r1x8_dot}, {&mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d256_g2_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d256_g4_q16_k64_r1x8_dot, &mha__k_attn_f32_avx2_d256_g8_q16_k64_r1x8_dot}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d32_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d32_g8_q16_k64_r2x16_dot}, {&mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d64_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d64_g8_q16_k64_r2x16_dot}, {&mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d80_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d80_g8_q16_k64_r2x16_dot}, {&mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d96_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d96_g8_q16_k64_r2x16_dot}, {&mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d128_g8_q16_k64_r2x16_dot}, {&mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d256_g4_q16_k64_r2x16_dot, &mha__k_attn_f32_avx512_d256_g8_q16_k64_r2x16_dot}},
    },
    {
      {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvf16}, {&mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvf16}, {&mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvf16}, {&mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvf16}, {&mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvf16}, {&mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvf16, &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvf16, &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvf16}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvf16}, {&mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvf16}, {&mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvf16}, {&mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvf16}, {&mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvf16}, {&mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvf16, &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvf16, &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvf16}},
    },
    {
      {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvbf16}, {&mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvbf16}, {&mha__k_attn_f32_avx2_d80_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d80_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d80_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d80_g8_q16_k64_r2x8_dot_kvbf16}, {&mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvbf16}, {&mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvbf16}, {&mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvbf16, &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvbf16, &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvbf16}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvbf16}, {&mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvbf16}, {&mha__k_attn_f32_avx512_d80_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d80_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d80_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d80_g8_q16_k64_r4x16_dot_kvbf16}, {&mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvbf16}, {&mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvbf16}, {&mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvbf16, &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvbf16, &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvbf16}},
    },
    {
      {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx2_d32_g1_q16_k64_r1x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d32_g2_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d32_g4_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d32_g8_q16_k64_r2x8_dot_kvq8_0}, {&mha__k_attn_f32_avx2_d64_g1_q16_k64_r1x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d64_g2_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d64_g4_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d64_g8_q16_k64_r2x8_dot_kvq8_0}, {0, 0, 0, 0}, {&mha__k_attn_f32_avx2_d96_g1_q16_k64_r1x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d96_g2_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d96_g4_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d96_g8_q16_k64_r2x8_dot_kvq8_0}, {&mha__k_attn_f32_avx2_d128_g1_q16_k64_r1x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d128_g2_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d128_g4_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d128_g8_q16_k64_r2x8_dot_kvq8_0}, {&mha__k_attn_f32_avx2_d256_g1_q16_k64_r1x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d256_g2_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d256_g4_q16_k64_r2x8_dot_kvq8_0, &mha__k_attn_f32_avx2_d256_g8_q16_k64_r2x8_dot_kvq8_0}},
      {{0, 0, 0, 0}, {&mha__k_attn_f32_avx512_d32_g1_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d32_g2_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d32_g4_q16_k64_r4x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d32_g8_q16_k64_r4x16_dot_kvq8_0}, {&mha__k_attn_f32_avx512_d64_g1_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d64_g2_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d64_g4_q16_k64_r4x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d64_g8_q16_k64_r4x16_dot_kvq8_0}, {0, 0, 0, 0}, {&mha__k_attn_f32_avx512_d96_g1_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d96_g2_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d96_g4_q16_k64_r4x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d96_g8_q16_k64_r4x16_dot_kvq8_0}, {&mha__k_attn_f32_avx512_d128_g1_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d128_g2_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d128_g4_q16_k64_r4x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d128_g8_q16_k64_r4x16_dot_kvq8_0}, {&mha__k_attn_f32_avx512_d256_g1_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d256_g2_q16_k64_r2x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d256_g4_q16_k64_r4x16_dot_kvq8_0, &mha__k_attn_f32_avx512_d256_g8_q16_k64_r4x16_dot_kvq8_0}},
    },
  },
  entries, 36
};
