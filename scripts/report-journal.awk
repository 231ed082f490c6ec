# report-journal.awk: what one machine's tune journal says about its cost and its winners.
# Input: the checked winners rows, then the checked journal rows (both with the folder name in
# front, as report-tsv.awk prints them). Output, tab-separated:
#   cost  cpu rows gates gate_failures measurements per_round measurement_failures workloads
#   why   cpu workload final_round finalists runner_up margin_pct first_round_by_form
# Round -1 rows (key "-") are the correctness gate; rounds 0.. are successive-halving rounds.

BEGIN { FS = OFS = "\t" }

FNR == NR { winner[$2] = $3; next }

{
  cpu = $1
  rows++
  if ($4 == -1) {
    gates++
    if ($5 != "ok") gate_bad[$5]++
    next
  }
  meas++
  per_round[$4]++
  if ($4 > maxround) maxround = $4
  if ($5 != "ok") { meas_bad[$5]++; next }
  if (!($2 in seen_wl)) { seen_wl[$2] = 1; nwl++ }
  k = $2 SUBSEP $4
  med[k, $3] = $6
  if (!((k, "n") in cnt)) cnt[k, "n"] = 0
  names[k, ++cnt[k, "n"]] = $3
  if ($3 == winner[$2] && (!($2 in final) || $4 > final[$2])) final[$2] = $4
  if ($4 == 0) {
    f = kform($3)
    if (!(($2, f) in best0) || $8 > best0[$2, f]) best0[$2, f] = $8
    if (!(($2, f) in formseen)) { formseen[$2, f] = 1; forms[$2] = forms[$2] " " f }
  }
}

# The K form a name ends with: _dot, _ql, or none for packed K^T ("t").
function kform(name) {
  if (name ~ /_dot$/) return "dot"
  if (name ~ /_ql$/) return "ql"
  return "t"
}

function counts(arr,   s, key) {
  s = ""
  for (key in arr) s = s (s == "" ? "" : ", ") key " " arr[key]
  return s == "" ? "none" : sorted_list(s)
}

# "b 2, a 1" -> "a 1, b 2": awk's for-in order is unspecified, the report must not be.
function sorted_list(s,   a, n, i, j, t) {
  n = split(s, a, ", ")
  for (i = 2; i <= n; i++)
    for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
  s = a[1]
  for (i = 2; i <= n; i++) s = s ", " a[i]
  return s
}

END {
  if (rows == 0) exit 0
  rounds = ""
  for (r = 0; r <= maxround; r++) rounds = rounds (r ? ", " : "") "round " r " " (per_round[r] + 0)
  print "cost", cpu, rows, gates + 0, counts(gate_bad), meas + 0, (meas ? rounds : "none"), counts(meas_bad), nwl + 0
  for (wl in winner) {
    w = winner[wl]
    if (w == "-") continue
    if (!(wl in final)) { print "why", cpu, wl, "-", "-", "-", "-", "-"; continue }
    r = final[wl]
    k = wl SUBSEP r
    wm = med[k, w]
    runner = "-"
    for (i = 1; i <= cnt[k, "n"]; i++) {
      nm = names[k, i]
      if (nm != w && (runner == "-" || med[k, nm] < med[k, runner])) runner = nm
    }
    margin = runner == "-" || !(wm > 0) ? "-" : sprintf("%.1f", 100 * (med[k, runner] / wm - 1))
    # The best of each K form in the first round, fastest first.
    nf = split(substr(forms[wl], 2), fl, " ")
    for (i = 2; i <= nf; i++)
      for (j = i; j > 1 && best0[wl, fl[j - 1]] < best0[wl, fl[j]]; j--) { t = fl[j]; fl[j] = fl[j - 1]; fl[j - 1] = t }
    byform = ""
    for (i = 1; i <= nf; i++) byform = byform (i > 1 ? "; " : "") fl[i] " " sprintf("%.1f", best0[wl, fl[i]])
    print "why", cpu, wl, r, cnt[k, "n"], runner, margin, (nf ? byform : "-")
  }
}
