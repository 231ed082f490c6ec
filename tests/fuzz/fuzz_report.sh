#!/usr/bin/env bash
# fuzz_report.sh: mutation runs over the report's parsers (scripts/report.sh and its awk).
# Each run copies tests/fixtures/results, applies 1-3 mutations (bit flips, truncation,
# random lines, huge and non-finite numbers, deleted, duplicated and emptied lines or files,
# NUL bytes, CRLF) and runs `scripts/report.sh --results COPY --out OUT`. A run fails on a
# hang, on stderr that is not the report's own (`report: ...`), on a success without
# REPORT.md/REPORT.html or with a NaN or infinity in REPORT.md, and on any non-zero exit but the clean refusal ("no usable results
# folder"): a folder the checks let through must render. A failing tree is kept under
# WORK/fail-N, with its mutations and stderr beside it (fail-N.mutations, fail-N.stderr).
# Usage: fuzz_report.sh [--seconds S] [--runs N] [--seed N] [--work DIR]
set -u
cd "$(dirname "$0")/../.."
secs=20 runs=0 seed=$(($(date +%s) % 32768)) work=build/fuzz-report
while (($#)); do
  case $1 in
  --seconds) secs=$2; shift 2 ;;
  --runs) runs=$2; shift 2 ;;
  --seed) seed=$2; shift 2 ;;
  --work) work=$2; shift 2 ;;
  *) echo "usage: fuzz_report.sh [--seconds S] [--runs N] [--seed N] [--work DIR]" >&2; exit 2 ;;
  esac
done
RANDOM=$seed
rm -rf "$work" && mkdir -p "$work"
fixtures=tests/fixtures/results

rnd() { echo $((RANDOM * 32768 + RANDOM)); } # 0 .. 2^30
pick() { local a=("$@"); echo "${a[$(($(rnd) % ${#a[@]}))]}"; }
lines() { awk 'END { print NR }' "$1"; }

tokens=(nan NaN inf -inf -1e999 1e308 1e-320 99999999999999999999999 -0 0 -1 '' '"' '\"' '{' '}' '['
  ']' ',' ':' 'null' 'true' $'\t' 'ok' 'fast' '#' 'x/y/B1/Hq1' "$(printf 'A%.0s' {1..3000})")
huge=(1e308 -1e308 1e999 nan inf -inf 18446744073709551616 -9223372036854775809 0x7fffffff 1e-400 '')

# mutate FILE: one mutation, named on stdout.
mutate() {
  local f=$1 size n off b k line
  size=$(wc -c <"$f")
  case $(($(rnd) % 12)) in
  0) ((size)) || { echo "(empty: no change)"; return 0; }
    off=$(($(rnd) % size)) b=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ') k=$((1 << ($(rnd) % 8)))
    printf "\\$(printf %03o $((b ^ k)))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
    echo "flip bit $k of byte $off" ;;
  1) n=$((size ? $(rnd) % size : 0)); truncate -s "$n" "$f"; echo "truncate to $n bytes" ;;
  2) n=$(($(rnd) % ($(lines "$f") + 1))) line="$(pick "${tokens[@]}")"
    for ((k = $(rnd) % 12; k > 0; k--)); do line+=$'\t'$(pick "${tokens[@]}"); done
    awk -v n="$n" -v l="$line" 'NR == n { print l } { print } END { if (n >= NR) print l }' "$f" >"$f.m" && mv "$f.m" "$f"
    echo "insert a random line before line $n" ;;
  3) n=$((1 + $(rnd) % ($(lines "$f") + 1))) k=$(pick "${huge[@]}")
    awk -v n="$n" -v h="$k" -v r="$(rnd)" 'NR == n {
        c = 0; for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?,?$/) c++
        if (c) { c = r % c + 1; for (i = 1; i <= NF; i++) if ($i ~ /^-?[0-9.]+([eE][-+]?[0-9]+)?,?$/ && --c == 0) { sub(/^-?[0-9.]+([eE][-+]?[0-9]+)?/, h, $i); break } }
      } { print }' FS='\t' OFS='\t' "$f" >"$f.m" && mv "$f.m" "$f"
    echo "a number on line $n becomes '$k'" ;;
  4) n=$((1 + $(rnd) % ($(lines "$f") + 1))); sed -i "${n}d" "$f"; echo "delete line $n" ;;
  5) n=$((1 + $(rnd) % ($(lines "$f") + 1))); sed -i "${n}p" "$f"; echo "duplicate line $n" ;;
  6) : >"$f"; echo "empty the file" ;;
  7) rm -f "$f"; echo "delete the file" ;;
  8) n=$((1 + $(rnd) % ($(lines "$f") + 1))); sed -i "${n}s/\t/ /" "$f"; echo "a tab on line $n becomes a space" ;;
  9) ((size)) || { echo "(empty: no change)"; return 0; }
    off=$(($(rnd) % size))
    { head -c "$off" "$f"; printf '\0'; tail -c +"$((off + 1))" "$f"; } >"$f.m" && mv "$f.m" "$f"
    echo "insert a NUL byte at $off" ;;
  10) sed -i 's/$/\r/' "$f"; echo "CRLF line ends" ;;
  11) k=$(pick "${huge[@]}"); sed -i "s/[0-9][0-9]*\.[0-9][0-9]*/$k/$((1 + $(rnd) % 3))" "$f"
    echo "a decimal on some lines becomes '$k'" ;;
  esac
}

start=$SECONDS ok=0 refused=0 fails=0 i=0
while (((runs == 0 || i < runs) && SECONDS - start < secs)); do
  i=$((i + 1))
  w=$work/run && rm -rf "$w" "$work/out" && cp -r "$fixtures" "$w"
  mapfile -t files < <(find "$w" -type f | sort)
  log=$work/mutations
  : >"$log"
  for ((m = 1 + $(rnd) % 3; m > 0; m--)); do
    f=$(pick "${files[@]}")
    [[ -f $f ]] || continue
    echo "${f#"$w"/}: $(mutate "$f")" >>"$log"
  done
  timeout -k 5 60 scripts/report.sh --results "$w" --out "$work/out" >"$work/stdout" 2>"$work/stderr"
  rc=$?
  why=
  if ((rc == 124 || rc == 137)); then
    why="hung (killed after 60 s)"
  elif grep -aqv '^report: ' "$work/stderr"; then
    why="stderr that is not the report's: $(grep -av '^report: ' "$work/stderr" | head -n 1)"
  elif ((rc == 0)); then
    if [[ ! -s $work/out/REPORT.md || ! -s $work/out/REPORT.html ]]; then
      why="exit 0 without REPORT.md and REPORT.html"
    elif k=$(awk '/^## Left out/ { skip = 1; next } /^## / { skip = 0 } !skip' "$work/out/REPORT.md" |
      grep -Eaiwm1 'nan|inf|infinity'); then # the Left out section quotes what it refused
      why="a non-finite number in REPORT.md: $k"
    fi
    ok=$((ok + 1))
  elif ((rc == 1)) && tail -n 1 "$work/stderr" | grep -aq '^report: no usable results folder'; then
    refused=$((refused + 1))
  else
    why="exit $rc: $(tail -n 1 "$work/stderr")"
  fi
  if [[ -n $why ]]; then
    fails=$((fails + 1))
    keep=$work/fail-$fails
    rm -rf "$keep" && mv "$w" "$keep" && cp "$log" "$keep.mutations" && cp "$work/stderr" "$keep.stderr"
    { echo "run $i: $why"; sed 's/^/  /' "$log"; } | tee -a "$work/failures" >&2
    echo "  reproduce: scripts/report.sh --results $keep --out $work/out-$fails" >&2
  fi
done
echo "fuzz_report: seed $seed, $i runs in $((SECONDS - start)) s: $ok rendered, $refused refused cleanly, $fails failed"
((fails == 0))
