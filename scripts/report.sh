#!/bin/sh
# report.sh: the report that compares CPUs. Reads every results/<machine-id>/ folder and writes
# REPORT.md, REPORT.html and plots/ (gnuplot charts) next to them; scripts/report.lua does the
# work (see there), under Lua 5.4 and gnuplot, nothing built. This wrapper gives it a scratch
# folder, removed however the run ends.
# Usage: scripts/report.sh [--results DIR] [--out DIR]   (--out defaults to the results folder)
set -eu
# One sort order and one decimal point, whatever the user's locale.
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
command -v lua5.4 >/dev/null 2>&1 || { echo "report: lua5.4 is missing: install it (scripts/deps.sh lists it)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
lua5.4 "$here/report.lua" "$tmp" "$@"
