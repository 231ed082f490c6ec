#!/usr/bin/env bash
# seeds.sh DIR: writes fuzz_api's hand-made seeds into DIR, one descriptor a file in the
# layout fuzz_api.c decodes (per field a tag byte and 4 payload bytes: tag 0 takes the
# payload as the value minus the field's lower bound, tag 6 picks a corner value, tag 7 is
# the raw int). tests/fuzz/corpus_api/ holds these plus what short fuzz runs added.
set -eu
dir=${1:?usage: seeds.sh DIR}
mkdir -p "$dir"
le32() { printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }
small() { printf '\\x00'; le32 "$1"; }  # value of a field whose lower bound is 0
raw() { printf '\\x07'; le32 "$1"; }
seed() { # name B Hq Hkv Nq Nk d causal layout threads scale(0|raw bits) [field override...]
  local name=$1 b=$2 hq=$3 hkv=$4 nq=$5 nk=$6 d=$7 c=$8 l=$9 t=${10} s=${11} out=
  for v in "$b" "$hq" "$hkv" "$nq" "$nk" "$d" "$c" "$l" "$t"; do
    if [[ $v == r* ]]; then out+=$(raw "${v#r}"); else out+=$(small "$v"); fi
  done
  if [[ $s == 0 ]]; then out+='\x00\x00\x00\x00\x00'; else out+='\x07'$(le32 "$s"); fi
  out+='\x00\x00\x2a\x00\x00\x00' # no NULLs, amplitude 1, seed 42
  printf "$out" >"$dir/$name"
}
seed mha-bhsd        2 4 4 33 47 64 0 0 1 0
seed gqa-causal      1 8 2 64 64 128 1 0 2 0
seed mqa-decode      1 8 1 1 1024 128 0 0 2 0
seed split-masked    1 1 1 40 600 64 1 0 4 0
seed bshd-odd-d      2 6 2 5 77 130 0 1 0 0
seed d1-one-key      1 4 4 70 1 1 1 0 1 0
seed d256-prefill    1 2 1 20 40 256 1 1 3 0
seed d80-g4          1 8 2 9 300 80 0 0 2 0
seed d300-any        1 1 1 3 11 300 0 1 1 0
seed scale-neg       1 2 2 7 9 32 0 0 1 $((0xbf000000))
seed scale-nan       1 2 2 7 9 32 0 0 1 $((0x7fc00000))
seed batch-zero      0 2 2 7 9 32 0 0 1 0
seed group-bad       1 6 4 7 9 32 0 0 1 0
seed layout-bad      1 2 2 7 9 32 0 2 1 0
seed causal-bad      1 2 2 7 9 32 2 0 1 0
seed threads-neg     1 2 2 7 9 32 0 0 r-1 0
seed overflow        r2147483647 r2147483647 1 r2147483647 1 r2147483647 0 0 1 0
seed huge-valid      r1 r65536 r1 r65536 r65536 r128 0 0 1 0
seed heads-min       1 r-2147483648 r-1 1 1 1 0 0 1 0
