#!/bin/sh
# table_list.sh [-n NAME] TABLE.c...: prints the C file that lists the dispatch tables a
# library links (mha__tables and mha__table_count, tuned/mha_table.h), reading each table's
# symbol from its definition; with -n, as mha__NAME_tables and mha__NAME_table_count (the
# tests' list of the shipped tables).
set -eu
name=
if [ "${1:-}" = -n ]; then name=${2}_; shift 2; fi
echo "/* This file was automatically generated --- DO NOT EDIT"
echo " * by scripts/table_list.sh from ${*:-no table}. */"
echo '#include "mha_table.h"'
echo
syms=""
for f in "$@"; do
  s=$(sed -n 's/^const mha__table \(mha__table_[A-Za-z0-9_]*\) = {$/\1/p' "$f" | head -n 1)
  [ -n "$s" ] || { echo "table_list.sh: $f defines no table" >&2; exit 1; }
  echo "extern const mha__table $s;"
  syms="$syms $s"
done
echo
echo "const mha__table *const mha__${name}tables[] = {"
for s in $syms; do echo "  &$s,"; done
[ $# -gt 0 ] || echo "  0,"
echo "};"
echo "const int mha__${name}table_count = $#;"
