#!/usr/bin/env bash
# test_tables.sh: tables for several CPUs and their staleness rule (tuned/README). Another
# machine's table from older templates is regenerated from the current ones by
# `mha-tune --refresh` when every kernel it names still exists (stamped with the current
# hash, its provenance kept, the kernels' sources the current generator's, its GEMM entries
# too); one naming a kernel that no longer exists is left as it is, and `make` leaves it out
# of the library with a line saying so. This CPU's own stale table stops `make`; the refresh
# regenerates it only when every kernel it names generates the code the table shipped
# (banner and #line markers aside), and otherwise leaves it and asks for a tune. A
# library built from a regenerated table of this CPU's vendor and ISA but another model
# selects it as the nearest, says so under MHA_DEBUG and picks its entry.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}
$MAKE -s BUILD="$BUILD" "$BUILD/mha-tune" "$BUILD/mha-signature" >/dev/null || { echo "FAIL build mha-tune"; exit 1; }
. "$(dirname "$0")/lib.sh"
G="$BUILD/gen"
now=$(sed -n 's/.*(templates \([0-9a-f]*\)).*/\1/p' "$G/registry.c" | head -n 1)
sig=$("$BUILD/mha-signature")
IFS=: read -r vendor family model isa <<<"$sig"
near="$vendor:$family:$((model + 1)):$isa"
# Two real kernels of this CPU's ISA or below: a d64 g1 one and a generic one.
k1=$(awk -F'\t' -v i="$isa" 'NR > 1 && $16 == "f32" && $4 == 64 && $5 == 1 && ($3 == "scalar" || $3 == i) { print $1 }' "$G/manifest.tsv" | tail -n 1)
k2=$(awk -F'\t' 'NR > 1 && $16 == "f32" && $4 == 0 && $3 == "scalar" { print $1 }' "$G/manifest.tsv" | tail -n 1)
[ -n "$now" ] && [ -n "$k1" ] && [ -n "$k2" ] || { echo "FAIL no templates hash or kernels in $G"; exit 1; }
isa1=$(awk -F'\t' -v k="$k1" '$1 == k { print $3 }' "$G/manifest.tsv")
# A GEMM kernel of this CPU's ISA or below, for a GEMM entry.
g1=$(awk -F'\t' -v i="$isa" 'NR > 1 && ($3 == "scalar" || $3 == i) { print $1 }' "$G/manifest_gemm.tsv" | tail -n 1)
gisa=$(awk -F'\t' -v k="$g1" '$1 == k { print $3 }' "$G/manifest_gemm.tsv")
[ -n "$g1" ] || { echo "FAIL no GEMM kernels in $G"; exit 1; }

# A table as an older mha-tune left it: its header, its stamps, its TSV.
old_table() { # folder id signature kernel-of-row-1
  mkdir -p "$tmp/t/tables/$1"
  cat >"$tmp/t/tables/$1/mha_table.c" <<C
/* This file was automatically generated --- DO NOT EDIT
 * by mha-tune for $1 ($2) from templates 0123456789abcdef. */
#include "mha_table.h"
const mha__table mha__table_linked = {
  "$1", "$2", "0123456789abcdef",
  "cc 1.0", "-O2", "2026-01-02T03:04:05Z",
  0, 0,
};
C
  printf '# isa\td\theads_q\theads_kv\tcausal\tnq_bucket\tnk_bucket\tkernel\tworkload\tgflops\n' >"$tmp/t/tables/$1/mha_table.tsv"
  printf '%s\t64\t4\t4\t0\t2\t2\t%s\tx/prefill/B1/Hq4/Hkv4/Nq100/Nk100/d64/c0\t12.5\n' "$isa1" "$3" >>"$tmp/t/tables/$1/mha_table.tsv"
  printf 'scalar\t64\t4\t4\t1\t2\t2\t%s\tx/causal/B1/Hq4/Hkv4/Nq100/Nk100/d64/c1\t3.5\n' "$k2" >>"$tmp/t/tables/$1/mha_table.tsv"
  printf 'gemm\t%s\t4\t2304\t768\t%s\tgemm/M1024/N2304/K768\t99.5\n' "$gisa" "${4:-$g1}" >>"$tmp/t/tables/$1/mha_table.tsv"
}
old_table near-f1m2-4c-"$isa" "$near" "$k1"
old_table gone-f1m3-4c-"$isa" "$vendor:1:3:$isa" attn_f32_no_longer_made
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >"$tmp/out" 2>"$tmp/err"
rc=$?
N="$tmp/t/tables/near-f1m2-4c-$isa"
[ $rc = 3 ] && ok "refresh exits 3: one table could not be regenerated" || bad "refresh exit $rc: $(cat "$tmp/err")"
grep -q "^ \* by mha-tune for near-f1m2-4c-$isa ($near) from templates $now\.$" "$N/mha_table.c" &&
  ok "the foreign table is stamped with the current templates ($now)" || bad "stamp: $(head -3 "$N/mha_table.c")"
grep -q "Measured on 2026-01-02T03:04:05Z with templates 0123456789abcdef; its choices regenerated from templates $now" "$N/mha_table.c" &&
  grep -q '"2026-01-02T03:04:05Z (measured with templates 0123456789abcdef; regenerated ' "$N/mha_table.c" &&
  ok "it keeps its provenance: measured when and with which templates" || bad "provenance: $(head -5 "$N/mha_table.c")"
grep -q "^const mha__table mha__table_near_f1m2_4c_$isa = {$" "$N/mha_table.c" && ok "its symbol is its machine's" || bad "symbol"
[ "$(grep -v '^gemm' "$N/mha_table.tsv" | cut -f8 | tail -n 2 | tr '\n' ' ')" = "$k1 $k2 " ] && ok "its choices are kept" || bad "tsv: $(cat "$N/mha_table.tsv")"
cmp -s "$tmp/t/kernels/$k1.c" "$G/kernels/$k1.c" && ok "the kernels it names are the current generator's" || bad "kernel $k1"
grep -qx "gemm	$gisa	4	2304	768	$g1	gemm/M1024/N2304/K768	99.5" "$N/mha_table.tsv" &&
  grep -q "^  {[0-9], 4, 2304, 768, &mha__gk_$g1}, /\* gemm/M1024/N2304/K768 \*/$" "$N/mha_table.c" &&
  grep -q "^  gemm_entries, 1$" "$N/mha_table.c" && cmp -s "$tmp/t/kernels/$g1.c" "$G/kernels/$g1.c" &&
  ok "its GEMM entry is kept, its kernel's source the current generator's" || bad "GEMM entry: $(grep -n gemm "$N/mha_table.c" | head -5)"
old_table ggone-f1m4-4c-"$isa" "$vendor:1:4:$isa" "$k1" gemm_f32_no_longer_made
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>"$tmp/gerr"
grep -q "names gemm_f32_no_longer_made, which templates $now no longer make" "$tmp/gerr" &&
  grep -q "from templates 0123456789abcdef" "$tmp/t/tables/ggone-f1m4-4c-$isa/mha_table.c" &&
  ok "a table naming a GEMM kernel that no longer exists is left as it was" || bad "GEMM gone: $(cat "$tmp/gerr")"
rm -rf "$tmp/t/tables/ggone-f1m4-4c-$isa"
grep -q "names attn_f32_no_longer_made, which templates $now no longer make" "$tmp/err" &&
  grep -q "from templates 0123456789abcdef" "$tmp/t/tables/gone-f1m3-4c-$isa/mha_table.c" &&
  ok "a table naming a kernel that no longer exists is left as it was, and said why" || bad "gone: $(cat "$tmp/err")"
cp "$N/mha_table.c" "$tmp/before.c"
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>&1
cmp -s "$N/mha_table.c" "$tmp/before.c" && ok "a current table is not rewritten" || bad "rewritten"

# A current table in an older tuner's form (defined as mha__table_linked, as tuned/mha_table.c
# was) is rewritten in this one, its choices and provenance as they were.
sed 's/^const mha__table mha__table_near_f1m2_4c_[a-z0-9]* = {$/const mha__table mha__table_linked = {/' "$tmp/before.c" >"$N/mha_table.c"
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>&1
grep -q "^const mha__table mha__table_near_f1m2_4c_$isa = {$" "$N/mha_table.c" &&
  [ "$(grep -v '^ \* Measured on\|regenerated' "$N/mha_table.c")" = "$(grep -v '^ \* Measured on\|regenerated' "$tmp/before.c")" ] &&
  grep -q "with templates 0123456789abcdef" "$N/mha_table.c" &&
  ok "a table defined as mha__table_linked is rewritten under its machine's name" || bad "old form: $(grep -n 'mha__table_' "$N/mha_table.c" | tail -2)"

# A table of the one-table layout (tuned/mha_table.c and .tsv) moves into tables/<machine-id>/.
cp "$N/mha_table.tsv" "$tmp/t/mha_table.tsv"
sed 's/^const mha__table mha__table_near_f1m2_4c_[a-z0-9]* = {$/const mha__table mha__table_linked = {/' "$tmp/before.c" >"$tmp/t/mha_table.c"
rm -rf "$N"
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>"$tmp/err4"
[ ! -e "$tmp/t/mha_table.c" ] && [ ! -e "$tmp/t/mha_table.tsv" ] && [ -s "$N/mha_table.tsv" ] &&
  grep -q "^const mha__table mha__table_near_f1m2_4c_$isa = {$" "$N/mha_table.c" &&
  ok "a table of the one-table layout moves into tables/<machine-id>/" || bad "one-table layout: $(cat "$tmp/err4")"

# make: the stale foreign table is left out with a line; the current one is linked.
$MAKE -s BUILD="$BUILD" TABLES_DIR="$tmp/t/tables" table-check >"$tmp/mk" 2>&1 &&
  grep -q "gone-f1m3-4c-$isa/mha_table.c .*templates 0123456789abcdef, not $now: left out" "$tmp/mk" &&
  ok "make leaves the stale foreign table out, saying so" || bad "make table-check: $(cat "$tmp/mk")"
# This CPU's own stale table stops the build.
old_table self-f0m0-1c-"$isa" "$sig" "$k1"
if $MAKE -s BUILD="$BUILD" TABLES_DIR="$tmp/t/tables" table-check >"$tmp/mk2" 2>&1; then bad "this CPU's stale table passed"
elif grep -q "is this CPU's table ($sig), tuned with templates 0123456789abcdef" "$tmp/mk2"; then ok "this CPU's stale table stops make"
else bad "make: $(cat "$tmp/mk2")"; fi
# Its kernels' shipped code (tuned/kernels) differs from what the templates now make: a tune is needed.
S="$tmp/t/tables/self-f0m0-1c-$isa"
cp "$tmp/t/kernels/$k2.c" "$tmp/k2.c"
echo "static int mha__measured_other_code;" >>"$tmp/t/kernels/$k2.c"
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>"$tmp/err2"
grep -q "the table of self-f0m0-1c-$isa names $k2, whose code the current templates change" "$tmp/err2" &&
  grep -q "self-f0m0-1c-$isa/mha_table.c is this CPU's table, from templates 0123456789abcdef: tune again" "$tmp/err2" &&
  grep -q "from templates 0123456789abcdef" "$S/mha_table.c" &&
  ok "refresh leaves this CPU's own table when a kernel's code changed, and asks for a tune" || bad "refresh self: $(cat "$tmp/err2")"
# The same code, banner and #line markers aside: regenerated, its provenance kept.
cp "$tmp/k2.c" "$tmp/t/kernels/$k2.c"
sed -i -e '2s/templates [0-9a-f]*/templates 0123456789abcdef/' -e 's/^#line \([0-9]*\) /#line 9\1 /' "$tmp/t/kernels/$k2.c"
"$BUILD/mha-tune" --refresh --tuned "$tmp/t" --gen "$G" >/dev/null 2>"$tmp/err3"
grep -q "regenerated the table of self-f0m0-1c-$isa (2 entries, 1 GEMM entries, measured with templates 0123456789abcdef) from templates $now: this CPU's, its kernels' code unchanged" "$tmp/err3" &&
  grep -q "^ \* by mha-tune for self-f0m0-1c-$isa ($sig) from templates $now\.$" "$S/mha_table.c" &&
  grep -q "Measured on 2026-01-02T03:04:05Z with templates 0123456789abcdef; its choices regenerated" "$S/mha_table.c" &&
  $MAKE -s BUILD="$BUILD" TABLES_DIR="$tmp/t/tables" table-check >"$tmp/mk3" 2>&1 &&
  ok "refresh regenerates this CPU's own table when its kernels' code is unchanged; make takes it" ||
  bad "refresh self, same code: $(cat "$tmp/err3" "$tmp/mk3")"
rm -rf "$S"

# A library with the regenerated table: on this CPU (same vendor and ISA, another model) it
# is the nearest, MHA_DEBUG says so, and its entry is picked.
cat >"$tmp/use.c" <<'C'
#include <stdio.h>
#include "mha.h"
int main(void) {
  mha_attention_desc d = {1, 4, 4, 100, 100, 64, 0, 0, MHA_LAYOUT_BHSD, 1};
  static float q[4 * 100 * 64], k[4 * 100 * 64], v[4 * 100 * 64], o[4 * 100 * 64];
  const char *name = mha_kernel_name(&d);
  printf("%s\n", name ? name : "(null)");
  return mha_attention_f32(&d, q, k, v, o) != 0;
}
C
sh scripts/table_list.sh "$N/mha_table.c" >"$tmp/list.c"
# The refreshed kernels: the build's objects of those whose source is the generator's.
mapfile -t kernels < <(sh tests/built_kernels.sh "$tmp/t/kernels" "$G" "$BUILD")
if cc -std=c11 -O1 -D_GNU_SOURCE -Ituned -o "$tmp/use" "$tmp/use.c" tuned/mha.c tuned/mha_cpu.c tuned/mha_dispatch.c \
  tuned/mha_run.c tuned/mha_rows.c tuned/mha_team.c "$N/mha_table.c" "$tmp/list.c" "${kernels[@]}" -lpthread -lm 2>"$tmp/cerr"; then
  MHA_DEBUG=1 "$tmp/use" >"$tmp/uout" 2>"$tmp/uerr"
  [ "$(cat "$tmp/uout")" = "$k1" ] && ok "the nearest table's entry is picked ($k1)" || bad "picked $(cat "$tmp/uout"), want $k1"
  grep -q "^mha: table near-f1m2-4c-$isa (nearest: tuned on $near, the same vendor and ISA, this CPU $sig; templates $now" "$tmp/uerr" &&
    ok "MHA_DEBUG names the table and why" || bad "MHA_DEBUG: $(cat "$tmp/uerr")"
else bad "the table does not build: $(head -3 "$tmp/cerr")"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
