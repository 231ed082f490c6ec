# report-gbench.awk: the hardware counters of each winner, from a Google Benchmark JSON file.
# Input: the checked winners rows (folder name first), then the flattened JSON
# (report-json.awk). A counter is any numeric key of a benchmark that Google Benchmark itself
# does not write, and not one of the harness's rates (GFLOP/s, GB/s): PAPI labels such as
# "cycles" or "PAPI_TOT_CYC", per call. Output, tab-separated:
#   label    cpu label             once per counter seen anywhere in the file
#   counter  cpu workload label value   for the run chosen for each winner
# A winner may have been timed in several rounds; its median over the most repetitions wins,
# then the later run, as the tune's last word on it.

BEGIN {
  FS = OFS = "\t"
  split("family_index per_family_instance_index repetitions repetition_index threads iterations " \
        "real_time cpu_time GFLOP/s GB/s", std, " ")
  for (i in std) standard[std[i]] = 1
}

FNR == NR { cpu = $1; if ($3 != "-") want[$2 "/" $3 "/"] = $2; next }

$1 ~ /^benchmarks\.[0-9]+\./ {
  dot = index(substr($1, 12), ".")
  b = substr($1, 12, dot - 1) + 0
  f = substr($1, 12 + dot)
  if (b > nb) nb = b
  if (f == "run_name" || f == "run_type" || f == "aggregate_name") info[b, f] = $3
  else if (f == "repetitions") info[b, f] = $3 + 0
  else if (f == "error_occurred" && $3 == "true") broken[b] = 1
  else if ($2 == "n" && !(f in standard)) {
    if (!(f in labelseen)) { labelseen[f] = 1; labels[++nl] = f }
    nc[b]++
    cl[b, nc[b]] = f
    cv[b, nc[b]] = $3
  }
}

# Higher is the better source: a median aggregate, then a plain repetition, then the rest.
function rank(b) {
  if (info[b, "run_type"] == "aggregate") return info[b, "aggregate_name"] == "median" ? 2 : 0
  return 1
}

END {
  for (i = 1; i <= nl; i++) print "label", cpu, labels[i]
  for (b = 0; b <= nb; b++) {
    if (broken[b] || !nc[b] || rank(b) == 0) continue
    rn = info[b, "run_name"]
    # run_name is workload/kernel/min_time:.../repeats:.../real_time
    n = split(rn, part, "/")
    if (n < 11) continue
    pre = ""
    for (i = 1; i <= 10; i++) pre = pre part[i] "/"
    if (!(pre in want)) continue
    if (pre in chosen) {
      c = chosen[pre]
      if (rank(b) < rank(c) || (rank(b) == rank(c) && info[b, "repetitions"] < info[c, "repetitions"])) continue
    }
    chosen[pre] = b
  }
  for (pre in chosen) {
    b = chosen[pre]
    for (i = 1; i <= nc[b]; i++) print "counter", cpu, want[pre], cl[b, i], cv[b, i]
  }
}
