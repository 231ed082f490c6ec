# report-tsv.awk: checks one results TSV (-v kind=winners|journal|compare) and prints its rows
# with the machine's folder name (-v cpu=...) in front. A file is used whole or not at all: at
# the first wrong header, wrong column count or non-numeric number it says why on stderr and
# exits 1, because a table missing some rows would read as if those rows never existed.

BEGIN {
  FS = "\t"
  if (kind == "winners") {
    header = "# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates"
    split("3 4 5 6 7 8", numeric, " ")
  } else if (kind == "journal") {
    header = "# key\tkernel\tround\tstatus\tmedian_s\tcv\tgflops\treps\tnote"
    split("3 5 6 7 8", numeric, " ")
  } else if (kind == "compare") {
    header = "# workload\timpl\tstatus\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tdetail"
    split("4 5 6 7 8", numeric, " ")
  } else {
    print "report-tsv.awk: unknown kind " kind > "/dev/stderr"
    exit 2
  }
  ncols = split(header, names, "\t")
  names[1] = "workload"
  if (kind == "journal") names[1] = "key"
}

# model/phase/B/Hq/Hkv/Nq/Nk/d/causal, as harness/tune.c writes it
function is_workload(s) {
  return s ~ /^[A-Za-z0-9._+-]+\/[a-z]+\/B[0-9]+\/Hq[0-9]+\/Hkv[0-9]+\/Nq[0-9]+\/Nk[0-9]+\/d[0-9]+\/c[01]$/
}

function is_number(s) { return s ~ /^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/ }

function bad(msg) {
  print "line " FNR ": " msg > "/dev/stderr"
  failed = 1
  exit 1
}

FNR == 1 {
  sub(/\r$/, "")
  if ($0 != header) bad("the header is not the expected \"" header "\"")
  next
}

{
  sub(/\r$/, "")
  if ($0 == "") next
  if (NF != ncols) bad(NF " columns, expected " ncols)
  for (i = 1; i in numeric; i++) {
    c = numeric[i]
    # unsupported or failed comparisons carry no timing; "-" says so
    if (kind == "compare" && $3 != "ok" && $c == "-") continue
    if (!is_number($c)) bad(names[c] " is not a number: \"" $c "\"")
  }
  if (kind == "winners") {
    if (!is_workload($1)) bad("not a workload key: \"" $1 "\"")
    if ($2 !~ /^[A-Za-z0-9_]+$/ && $2 != "-") bad("not a kernel name: \"" $2 "\"")
    if (seen[$1]++) bad("workload " $1 " listed twice")
    if ($2 != "-" && !($5 > 0)) bad("winner " $2 " has no positive GFLOP/s")
  } else if (kind == "journal") {
    if ($1 != "-" && !is_workload($1)) bad("not a workload key: \"" $1 "\"")
    if ($3 !~ /^-?[0-9]+$/ || $3 < -1) bad("round is not -1 or more: \"" $3 "\"")
    if ($4 !~ /^[a-z_]+$/) bad("not a status: \"" $4 "\"")
  } else {
    if (!is_workload($1)) bad("not a workload key: \"" $1 "\"")
    if ($2 !~ /^[a-z0-9_-]+$/) bad("not an implementation name: \"" $2 "\"")
    if ($3 != "ok" && $3 != "unsupported" && $3 != "failed") bad("status is not ok, unsupported or failed: \"" $3 "\"")
    if (seen[$1 "\t" $2]++) bad($2 " on " $1 " listed twice")
    if ($3 == "ok" && !($6 > 0)) bad($2 " on " $1 " is ok with no positive GFLOP/s")
  }
  rows++
  print cpu "\t" $0
}

END {
  if (failed) exit 1
  if (NR == 0) {
    print "empty file" > "/dev/stderr"
    exit 1
  }
  if (rows == 0) {
    print "a header and no rows" > "/dev/stderr"
    exit 1
  }
}
