#!/bin/sh
# report.sh: the report that compares CPUs. Reads every results/<machine-id>/ folder and writes
# REPORT.md, REPORT.html and plots/ (gnuplot charts) next to them. Needs sh, awk, grep and
# gnuplot, nothing built. A malformed or partial folder or file is named on stderr and in the
# report's "Left out" section, then skipped; the exit status is non-zero only when no folder is
# usable or gnuplot fails. Output is written to temporary names and renamed, and a file whose
# bytes would not change is left alone, so a re-run changes nothing.
# Usage: scripts/report.sh [--results DIR] [--out DIR]   (--out defaults to the results folder)
set -eu
# One sort order and one decimal point, whatever the user's locale.
LC_ALL=C
export LC_ALL

here=$(cd "$(dirname "$0")" && pwd)
results=results
out=
levels="exhaustive measure quick" # most thorough first: the tie-break between levels
plots="gflops pct-peak decode-gbs"

usage() { echo "usage: scripts/report.sh [--results DIR] [--out DIR]"; }
die() {
  echo "report: $*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
  --results | --out)
    [ $# -ge 2 ] || { usage >&2; exit 2; }
    if [ "$1" = --results ]; then results=$2; else out=$2; fi
    shift 2
    ;;
  -h | --help) usage; exit 0 ;;
  *) usage >&2; exit 2 ;;
  esac
done
[ -n "$out" ] || out=$results
[ -d "$results" ] || die "no results folder '$results'"
command -v gnuplot >/dev/null 2>&1 || die "gnuplot is missing: install gnuplot-nox (scripts/deps.sh lists it)"

# PNG where gnuplot can make one (pngcairo draws the cleanest text), SVG only as the last resort.
terms=$(gnuplot -e 'set terminal' 2>&1 </dev/null || true)
term='' ext=png
for t in pngcairo png; do
  if printf '%s\n' "$terms" | grep -q "^ *$t "; then term=$t; break; fi
done
if [ -z "$term" ]; then
  printf '%s\n' "$terms" | grep -q '^ *svg ' || die "this gnuplot has neither a PNG nor an SVG terminal"
  term=svg ext=svg
fi

mkdir -p "$out"
tmp=$(mktemp -d "$out/.report.XXXXXX")
tmp=$(cd "$tmp" && pwd) # absolute: the rendering below runs inside it
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM PIPE
for f in machines winners compare stats summary sweep counters sources leftout; do : >"$tmp/$f.tsv"; done

leftout() {
  printf '%s\t%s\n' "$1" "$2" >>"$tmp/leftout.tsv"
  echo "report: warning: left out $1: $2" >&2
}

# JSON tokens one a line: strings, numbers, literals, punctuation; any other character alone,
# so that report-json.awk meets it and says what is wrong.
tokens() {
  grep -aoE '"([^"\\]|\\.)*"|-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|true|false|null|[][{}:,]|[^[:space:]]' "$1" || true
}

# check FILE KIND DEST: checks FILE (KIND json, winners, journal or compare) and writes what it
# holds to DEST; on failure sets $reason.
check() {
  reason=
  if [ ! -s "$1" ]; then
    reason="empty file"
    return 1
  fi
  if [ "$2" = json ]; then
    tokens "$1" | awk -f "$here/report-json.awk" >"$3" 2>"$tmp/err" && return 0
    reason="unparsable JSON: $(head -n 1 "$tmp/err")"
  else
    awk -v kind="$2" -v cpu="$name" -f "$here/report-tsv.awk" "$1" >"$3" 2>"$tmp/err" && return 0
    reason="malformed $2 TSV: $(head -n 1 "$tmp/err")"
  fi
  return 1
}

# summary FILE DEST: the numbers of FILE's line "Tune wall time N s; M measurements this run, K from
# the journal; F failures." (N M K F, tab-separated) into DEST; on failure sets $reason.
summary() {
  reason=
  if [ ! -s "$1" ]; then
    reason="empty file"
    return 1
  fi
  awk '
    /^Tune wall time [0-9.]+ s; [0-9]+ measurements this run, [0-9]+ from the journal; [0-9]+ failures\.$/ {
      line = $4 "\t" $6 "\t" $10 "\t" $14
    }
    END { if (line == "") exit 1; print line }' "$1" >"$2" && return 0
  reason="no line \"Tune wall time N s; M measurements this run, K from the journal; F failures.\""
  return 1
}

for dir in "$results"/*/; do
  [ -d "$dir" ] || continue # an empty results folder leaves the pattern as it is
  dir=${dir%/}
  name=${dir##*/}
  [ "$name" = plots ] && continue
  if [ ! -f "$dir/machine.json" ]; then
    leftout "$name" "no machine.json; folder skipped"
    continue
  fi
  if ! check "$dir/machine.json" json "$tmp/m.flat"; then
    leftout "$name/machine.json" "$reason; folder skipped"
    continue
  fi
  if ! awk -v cpu="$name" -f "$here/report-machine.awk" "$tmp/m.flat" >"$tmp/m.row" 2>"$tmp/err"; then
    leftout "$name/machine.json" "$(head -n 1 "$tmp/err"); folder skipped"
    continue
  fi

  # The level that covers the most workloads: a default tune of every model beats an
  # exhaustive study of two; among equals, the most thorough. Every usable winners file is
  # kept as w-<level>.rows: the faster levels are set against the exhaustive sweep below.
  level= best=0
  rm -f "$tmp"/w-*.rows "$tmp"/s-*.row
  for l in $levels; do
    [ -e "$dir/winners-$l.tsv" ] || continue
    if check "$dir/winners-$l.tsv" winners "$tmp/w-$l.rows"; then
      n=$(wc -l <"$tmp/w-$l.rows")
      if [ "$n" -gt "$best" ]; then
        level=$l best=$n
        cp "$tmp/w-$l.rows" "$tmp/w.rows"
      fi
    else
      rm -f "$tmp/w-$l.rows"
      leftout "$name/winners-$l.tsv" "$reason"
    fi
  done
  if [ -z "$level" ]; then
    leftout "$name" "no usable winners file (winners-exhaustive.tsv, winners-measure.tsv or winners-quick.tsv); folder skipped"
    continue
  fi
  cat "$tmp/m.row" >>"$tmp/machines.tsv"
  cat "$tmp/w.rows" >>"$tmp/winners.tsv"
  read_files="machine.json, winners-$level.tsv"
  absent=

  f=summary-$level.md
  if [ ! -e "$dir/$f" ]; then
    absent="$absent, $f"
  elif summary "$dir/$f" "$tmp/s-$level.row"; then
    printf '%s\t%s\n' "$name" "$(cat "$tmp/s-$level.row")" >>"$tmp/summary.tsv"
    read_files="$read_files, $f"
  else
    rm -f "$tmp/s-$level.row"
    leftout "$name/$f" "$reason"
  fi

  f=journal-$level.tsv
  swept=
  if [ ! -e "$dir/$f" ]; then
    absent="$absent, $f"
  elif check "$dir/$f" journal "$tmp/j.rows"; then
    awk -f "$here/report-journal.awk" "$tmp/w.rows" "$tmp/j.rows" >>"$tmp/stats.tsv"
    read_files="$read_files, $f"
    [ "$level" = exhaustive ] && swept=1
  else
    leftout "$name/$f" "$reason"
  fi

  f=gbench-$level.json
  if [ ! -e "$dir/$f" ]; then
    absent="$absent, $f"
  elif check "$dir/$f" json "$tmp/g.flat"; then
    awk -f "$here/report-gbench.awk" "$tmp/w.rows" "$tmp/g.flat" >>"$tmp/counters.tsv"
    read_files="$read_files, $f"
  else
    leftout "$name/$f" "$reason"
  fi

  f=compare.tsv
  if [ ! -e "$dir/$f" ]; then
    absent="$absent, $f"
  elif check "$dir/$f" compare "$tmp/c.rows"; then
    cat "$tmp/c.rows" >>"$tmp/compare.tsv"
    read_files="$read_files, $f"
  else
    leftout "$name/$f" "$reason"
  fi

  # The exhaustive sweep, where there is one, as the yardstick of the quick and measure winners
  # (report-sweep.awk), with the cost of each level's last session from its summary.
  f=journal-exhaustive.tsv
  if [ "$level" != exhaustive ] && [ -e "$dir/$f" ]; then
    if check "$dir/$f" journal "$tmp/j.rows"; then
      swept=1
      read_files="$read_files, $f"
    else
      leftout "$name/$f" "$reason"
    fi
  fi
  if [ -n "$swept" ]; then
    set -- "$tmp/j.rows"
    for l in quick measure; do
      [ -f "$tmp/w-$l.rows" ] || continue
      set -- "$@" "level=$l" "$tmp/w-$l.rows"
      case ", $read_files, " in *", winners-$l.tsv, "*) ;; *) read_files="$read_files, winners-$l.tsv" ;; esac
    done
    awk -f "$here/report-sweep.awk" "$@" >>"$tmp/sweep.tsv"
    for l in exhaustive measure quick; do
      [ "$l" = exhaustive ] || [ -f "$tmp/w-$l.rows" ] || continue
      f=summary-$l.md
      # the main level's summary was read (or named as left out) above
      if [ "$l" != "$level" ] && [ -e "$dir/$f" ]; then
        if summary "$dir/$f" "$tmp/s-$l.row"; then
          read_files="$read_files, $f"
        else
          rm -f "$tmp/s-$l.row"
          leftout "$name/$f" "$reason"
        fi
      fi
      if [ -f "$tmp/s-$l.row" ]; then
        printf 'cost\t%s\t%s\t%s\n' "$name" "$l" "$(cat "$tmp/s-$l.row")" >>"$tmp/sweep.tsv"
      fi
    done
  fi

  # Whatever else the folder holds, named so a reader knows it was seen and not used.
  unread=
  for p in "$dir"/*; do
    [ -e "$p" ] || continue
    b=${p##*/}
    case ", $read_files, " in *", $b, "*) continue ;; esac
    unread="$unread, $b"
  done
  printf '%s\t%s\t%s\t%s\n' "$name" "$level" "$read_files" \
    "${unread#, }${unread:+${absent:+; }}${absent:+absent: ${absent#, }}" >>"$tmp/sources.tsv"
done

[ -s "$tmp/machines.tsv" ] || die "no usable results folder under '$results' (see the warnings above)"

cd "$tmp"
awk -v out=. -v term="$term" -v ext="$ext" -f "$here/report-render.awk" \
  machines.tsv winners.tsv compare.tsv stats.tsv summary.tsv sweep.tsv counters.tsv sources.tsv leftout.tsv ||
  die "could not render the report"
gnuplot plots.gp >gnuplot.log 2>&1 || {
  cat gnuplot.log >&2
  die "gnuplot failed (its messages are above)"
}
sed -n 's/^set output "\(.*\)"$/\1/p' plots.gp | while read -r f; do
  [ -s "$f" ] || die "gnuplot drew no $f"
done || exit 1
awk -f "$here/report-html.awk" REPORT.md >REPORT.html
cd - >/dev/null

# Rename into place; an unchanged file keeps its bytes and its date.
install_file() {
  if cmp -s "$1" "$2"; then rm -f "$1"; else mv -f "$1" "$2"; fi
}
mkdir -p "$out/plots"
for p in $plots; do
  for e in png svg; do
    if [ -f "$tmp/$p.$e" ]; then
      install_file "$tmp/$p.$e" "$out/plots/$p.$e"
    else
      rm -f "$out/plots/$p.$e" # a chart this run does not draw (no decode workload, another format)
    fi
  done
done
install_file "$tmp/REPORT.html" "$out/REPORT.html"
install_file "$tmp/REPORT.md" "$out/REPORT.md"
echo "report: $out/REPORT.md, $out/REPORT.html and $out/plots/ from $(wc -l <"$tmp/machines.tsv" | tr -d ' ') machine(s)" \
  "($(wc -l <"$tmp/leftout.tsv" | tr -d ' ') left out)"
