# report-sweep.awk: the exhaustive sweep as the yardstick of the faster tune levels. Its one
# round times every candidate alike (0.2 s x 5 repetitions), so a level's winner is judged by
# its time in that same run. Input: the checked rows of journal-exhaustive.tsv, then for each
# faster level "level=NAME" and that level's checked winners rows (all with the folder name in
# front, as report-tsv.awk prints them). Output, tab-separated:
#   sweep  cpu workloads_timed
#   gap    cpu workload kernels_timed sweep_winner sweep_median level winner median_in_sweep gap_pct
# where winner is "-" for a level that found none, and median_in_sweep and gap_pct are "-" when
# the sweep has no ok time of that winner. A workload the sweep timed but no level lists is left out.

BEGIN { FS = OFS = "\t" }

level == "" {
  cpu = $1
  if ($4 != 0 || $2 == "-") next
  k = $2 SUBSEP $3
  # the tuner reads the last row of a key, kernel and round; so does this
  if (!(k in order)) { order[k] = ++n; okey[n] = $2; okern[n] = $3 }
  t[k] = ($5 == "ok" && $6 > 0) ? $6 + 0 : ""
  txt[k] = $6
  next
}

{ listed[level, $2] = $3 }

END {
  # The sweep's winner: the fastest ok time, the first timed among equals, as the tuner keeps it.
  for (i = 1; i <= n; i++) {
    k = okey[i] SUBSEP okern[i]
    if (t[k] == "") continue
    wl = okey[i]
    if (!(wl in best)) { wls[++nwl] = wl; best[wl] = okern[i] }
    else if (t[k] < t[wl, best[wl]]) best[wl] = okern[i]
    timed[wl]++
  }
  if (!nwl) exit 0
  print "sweep", cpu, nwl
  split("quick measure", lv, " ")
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    b = best[wl]
    for (j = 1; j <= 2; j++) {
      if (!((lv[j], wl) in listed)) continue
      w = listed[lv[j], wl]
      m = g = "-"
      if (w == b) { m = txt[wl, w]; g = "0.0" }
      else if (w != "-" && t[wl, w] != "") { m = txt[wl, w]; g = sprintf("%.1f", 100 * (t[wl, w] / t[wl, b] - 1)) }
      print "gap", cpu, wl, timed[wl], b, txt[wl, b], lv[j], w, m, g
    }
  }
}
