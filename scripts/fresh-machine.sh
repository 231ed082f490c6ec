#!/usr/bin/env bash
# fresh-machine.sh: what a newcomer on a bare Debian 12 system sees. Makes a minimal Debian
# root with debootstrap under build/fresh/ (downloads a system: not for CI), copies this
# checkout's committed HEAD into it with git, and runs there, as root, with nothing else
# installed:
#   1. `make lib` with only make and a C compiler (a tuned table needs nothing more);
#   2. `make test`, the README's command, which installs the rest through scripts/deps.sh;
#   3. `make tune TUNE=quick TIME_LIMIT=...`, the README's other command, time-limited.
# Writes the log to build/fresh/log.txt and a summary to results/fresh-machine.md.
# Usage (root): scripts/fresh-machine.sh [--keep-root] [--tune-limit SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
top=$PWD
root=$top/build/fresh/root
log=$top/build/fresh/log.txt
summary=$top/results/fresh-machine.md
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
keep=0 tune_limit=120
while (($#)); do
  case $1 in
    --keep-root) keep=1 ;;
    --tune-limit) tune_limit=$2; shift ;;
    *) echo "usage: $0 [--keep-root] [--tune-limit SECONDS]" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "fresh-machine: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null

mkdir -p "$(dirname "$root")"
: >"$log"
say() { echo "$*" | tee -a "$log"; }
mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
  ((keep)) || rm -rf "$root"
}
trap cleanup EXIT

t0=$(date +%s)
if [ ! -x "$root/usr/bin/apt-get" ] || ((!keep)); then
  rm -rf "$root"
  say "== debootstrap --variant=minbase $suite ($mirror)"
  debootstrap --variant=minbase "$suite" "$root" "$mirror" >>"$log" 2>&1
fi
for m in proc sys dev dev/pts; do
  mkdir -p "$root/$m"
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sys "$root/sys" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac
  mounted+=("$root/$m")
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
rm -rf "$root/src" && git clone -q "$top" "$root/src"
commit=$(git -C "$root/src" rev-parse --short HEAD)

# What the tune said: its measured peak, how many workloads got a winner within the time
# limit, and where it wrote the table.
tune_summary() {
  local n w
  n=$(grep -cE '^mha-tune: .* from [0-9]+ candidates' "$1" || true)
  w=$(grep -E '^mha-tune: .* from [0-9]+ candidates' "$1" | grep -vc ' (none) ' || true)
  echo "$(grep -E '^mha-tune: measured peak' "$1" | tail -1 | sed 's/^mha-tune: //'); $w of $n workloads got a winner within the time limit; $(grep -E '^mha-tune: wrote' "$1" | tail -1 | sed 's/^mha-tune: //')"
}

# step NAME COMMAND: runs COMMAND in the fresh root's checkout; records status and wall time.
declare -a rows
step() {
  local name=$1 cmd=$2 s e rc
  say "== $name: $cmd"
  s=$(date +%s)
  set +e
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    bash -c "cd /src && $cmd" >>"$log" 2>&1
  rc=$?
  set -e
  e=$(date +%s)
  local tail_line
  tail_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
  rows+=("| $name | \`$cmd\` | $([ $rc = 0 ] && echo ok || echo "FAILED (exit $rc)") | $((e - s)) s |")
  say "== $name: exit $rc in $((e - s)) s"
  return 0
}

step "what a bare system needs first" "apt-get update -qq && apt-get install -y -qq --no-install-recommends make gcc libc6-dev git ca-certificates >/dev/null"
step "the library alone (C compiler only)" "make lib && ls build/libmha.a build/libmha.so"
step "make test (installs the rest)" "make test"
test_line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
step "make tune, quick, time-limited" "make tune TUNE=quick TIME_LIMIT=$tune_limit"
tune_line=$(tune_summary "$log")
total=$(($(date +%s) - t0))

{
  echo "# A fresh Debian 12 machine"
  echo
  echo "Made by \`scripts/fresh-machine.sh\` on $(date -u +%Y-%m-%d) from commit $commit: a"
  echo "\`debootstrap --variant=minbase $suite\` root, this repository cloned into it, each step run"
  echo "as root in that root with nothing installed but what the steps install. $total s in all."
  echo
  echo "| step | command | result | wall time |"
  echo "|---|---|---|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "make test: ${test_line:-no summary line}"
  echo
  echo "make tune: ${tune_line:-no tune line}"
  echo
  echo "The whole log was build/fresh/log.txt; its last lines:"
  echo
  echo '```'
  tail -n 15 "$log"
  echo '```'
} >"$summary"
say "fresh-machine: summary in $summary"
grep -q 'FAILED' "$summary" && exit 1
exit 0
