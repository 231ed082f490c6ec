#!/bin/sh
# built_kernels.sh DIR GEN_DIR BUILD: for each kernel source DIR/*.c, one line: the build's own
# object of it ($BUILD/obj/gen/kernels/NAME.o) when the source is byte for byte the generator's
# (GEN_DIR/kernels/NAME.c), so compiling it again would make the same code; else the source
# itself. For the tests that build a library from a folder of tables and kernels (a tune's or
# a refresh's output): compiling a few hundred kernels again, one at a time, was most of their time.
set -eu
dir=$1 gen=$2 build=$3
for c in "$dir"/*.c; do
  [ -f "$c" ] || continue
  n=$(basename "$c" .c)
  o="$build/obj/gen/kernels/$n.o"
  if [ -f "$o" ] && [ ! "$o" -ot "$gen/kernels/$n.c" ] && cmp -s "$c" "$gen/kernels/$n.c"; then echo "$o"; else echo "$c"; fi
done
