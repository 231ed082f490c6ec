# report-render.awk: writes REPORT.md, the charts' data files and the gnuplot script that draws
# them, from the tables report.sh gathered (one TSV each, named by what it holds). Everything
# is sorted here, never left to awk's hash order, so the same inputs give the same bytes.
# -v out=DIR  where to write; -v term=... -v ext=png|svg  the gnuplot terminal and file type.

BEGIN {
  FS = "\t"
  split("#4e79a7 #e15759 #59a14f #f28e2b #b07aa1 #76b7b2 #edc948 #ff9da7 #9c755f #bab0ac", color, " ")
  ncolor = 10
  # Implementations in the order a reader compares them; ours first.
  split("mhatune mhatune-untuned onednn openblas", known, " ")
  for (i = 1; i <= 4; i++) implrank[known[i]] = i
  label["mhatune"] = "mhatune"; label["mhatune-untuned"] = "mhatune untuned"
  label["onednn"] = "oneDNN"; label["openblas"] = "OpenBLAS"
  # Bars of one machine share its colour; the fill tells the implementation apart.
  fill["mhatune"] = "fs solid 1.0"; fill["mhatune-untuned"] = "fs solid 0.35"
  fill["onednn"] = "fs pattern 4"; fill["openblas"] = "fs pattern 5"
  phaserank["prefill"] = 1; phaserank["causal"] = 2; phaserank["decode"] = 3
  lanes["scalar"] = 1; lanes["avx2"] = 8; lanes["avx512"] = 16
  md = out "/REPORT.md"
}

function base(path) { sub(/.*\//, "", path); return path }

base(FILENAME) == "machines.tsv" {
  cpus[++ncpu] = $1
  split("cpu id vendor model cores l1d l2 l3 isa peak peak1 bw bw1 counters compiler cflags hash", mf, " ")
  for (i = 1; i <= 17; i++) M[$1, mf[i]] = $i
  cpucolor[$1] = color[(ncpu - 1) % ncolor + 1]
  next
}
base(FILENAME) == "winners.tsv" {
  addwl($2)
  W[$1, $2] = $3; Wg[$1, $2] = $6; Wgbs[$1, $2] = $8; Wcand[$1, $2] = $9
  next
}
base(FILENAME) == "compare.tsv" {
  addwl($2)
  # Cset says which rows exist: awk creates an element on every mention of C[...]
  Cset[$1, $2, $3] = 1; C[$1, $2, $3] = $4; Cg[$1, $2, $3] = $7; Cgbs[$1, $2, $3] = $9; Cdet[$1, $2, $3] = $10
  hascmp[$1] = 1
  if (!($3 in implseen)) { implseen[$3] = 1; impls[++nimpl] = $3 }
  if ($4 == "ok") implok[$1, $3] = 1
  next
}
base(FILENAME) == "stats.tsv" && $1 == "cost" {
  split("tag cpu rows gates gatebad meas rounds measbad wls", cf, " ")
  for (i = 3; i <= 9; i++) cost[$2, cf[i]] = $i
  next
}
base(FILENAME) == "stats.tsv" && $1 == "why" {
  split("tag cpu wl round finalists runner margin byform", yf, " ")
  for (i = 4; i <= 8; i++) why[$2, $3, yf[i]] = $i
  next
}
base(FILENAME) == "summary.tsv" {
  split("cpu wall thisrun fromjournal failures", sf, " ")
  for (i = 2; i <= 5; i++) summ[$1, sf[i]] = $i
  next
}
base(FILENAME) == "sweep.tsv" && $1 == "sweep" { swept[$2] = $3; next }
base(FILENAME) == "sweep.tsv" && $1 == "gap" {
  # cpu workload kernels_timed sweep_winner sweep_median level winner median_in_sweep gap_pct
  if (!(($2, $3) in Sn)) { parsewl($3); swl[$2, ++nswl[$2]] = $3 }
  Sn[$2, $3] = $4; Sw[$2, $3] = $5; St[$2, $3] = $6
  Gw[$2, $3, $7] = $8; Gt[$2, $3, $7] = $9; Gp[$2, $3, $7] = $10
  haslvl[$2, $7] = 1
  next
}
base(FILENAME) == "sweep.tsv" && $1 == "cost" {
  split("tag cpu level wall thisrun fromjournal failures", xf, " ")
  for (i = 4; i <= 7; i++) lcost[$2, $3, xf[i]] = $i
  next
}
base(FILENAME) == "counters.tsv" && $1 == "label" {
  nlab[$2]++
  lab[$2, nlab[$2]] = $3
  next
}
base(FILENAME) == "counters.tsv" && $1 == "counter" { cnt[$2, $3, $4] = $5; next }
base(FILENAME) == "sources.tsv" { level[$1] = $2; used[$1] = $3; unused[$1] = $4; next }
base(FILENAME) == "leftout.tsv" { left[++nleft] = $0; next }

function addwl(wl) {
  if (wl in wlseen) return
  wlseen[wl] = 1
  wls[++nwl] = wl
  parsewl(wl)
}

# A workload key's fields and its place in every table's order.
function parsewl(wl,   p) {
  split(wl, p, "/")
  model[wl] = p[1]; phase[wl] = p[2]
  B[wl] = substr(p[3], 2) + 0; Hq[wl] = substr(p[4], 3) + 0; Hkv[wl] = substr(p[5], 4) + 0
  Nq[wl] = substr(p[6], 3) + 0; Nk[wl] = substr(p[7], 3) + 0; D[wl] = substr(p[8], 2) + 0
  causal[wl] = substr(p[9], 2) + 0
  sortkey[wl] = sprintf("%s\t%d\t%012d\t%012d\t%08d\t%08d\t%s", model[wl], \
                        (phase[wl] in phaserank) ? phaserank[phase[wl]] : 9, Nk[wl], Nq[wl], B[wl], D[wl], wl)
}

# The FLOPs of one call, as tuned/mha.c counts them (a causal row sees its keys up to the diagonal).
function flops(wl,   pairs, off, i0, n) {
  pairs = Nq[wl] * Nk[wl]
  if (causal[wl]) {
    off = Nk[wl] - Nq[wl]
    i0 = off < 0 ? -off : 0
    n = Nq[wl] > i0 ? Nq[wl] - i0 : 0
    pairs = n * ((i0 + off + 1) + Nk[wl]) / 2
  }
  return 4 * B[wl] * Hq[wl] * pairs * D[wl]
}

function kvbytes(wl) { return 2 * 4 * B[wl] * Hkv[wl] * Nk[wl] * D[wl] }

# A short name for charts and tables: "llama3-8b causal 2048"; longer only where two would clash.
function shortnames(   i, wl, s, n) {
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    n = (phase[wl] == "decode" || Nq[wl] == Nk[wl]) ? Nk[wl] : Nq[wl] "x" Nk[wl]
    s = model[wl] " " phase[wl] " " n (B[wl] != 1 ? " B" B[wl] : "")
    short[wl] = s
    uses[s]++
  }
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    if (uses[short[wl]] > 1) short[wl] = short[wl] " d" D[wl] " " Hq[wl] "/" Hkv[wl] " heads"
    uses2[short[wl]]++
  }
  for (i = 1; i <= nwl; i++) if (uses2[short[wls[i]]] > 1) short[wls[i]] = wls[i]
}

function sortwls(   i, j, t) {
  for (i = 2; i <= nwl; i++)
    for (j = i; j > 1 && sortkey[wls[j - 1]] > sortkey[wls[j]]; j--) { t = wls[j]; wls[j] = wls[j - 1]; wls[j - 1] = t }
}

# The workloads of one machine's sweep, in the order of every other table.
function sortswl(c,   i, j, t) {
  for (i = 2; i <= nswl[c]; i++)
    for (j = i; j > 1 && sortkey[swl[c, j - 1]] > sortkey[swl[c, j]]; j--) {
      t = swl[c, j]; swl[c, j] = swl[c, j - 1]; swl[c, j - 1] = t
    }
}

function sortimpls(   i, j, t) {
  for (i = 2; i <= nimpl; i++)
    for (j = i; j > 1 && implkey(impls[j - 1]) > implkey(impls[j]); j--) { t = impls[j]; impls[j] = impls[j - 1]; impls[j - 1] = t }
}
function implkey(s) { return sprintf("%02d%s", (s in implrank) ? implrank[s] : 99, s) }
function ilabel(s) { return (s in label) ? label[s] : s }

function f1(x) { return sprintf("%.1f", x) }
function bytes(x) {
  if (x >= 1073741824) return sprintf("%.4g GiB", x / 1073741824)
  if (x >= 1048576) return sprintf("%.4g MiB", x / 1048576)
  if (x >= 1024) return sprintf("%.4g KiB", x / 1024)
  return x " B"
}
function dur(x) {
  if (x >= 1) return sprintf("%.4g s", x)
  if (x >= 1e-3) return sprintf("%.4g ms", x * 1e3)
  return sprintf("%.4g µs", x * 1e6)
}
function si(x) {
  if (x >= 1e9) return sprintf("%.3g G", x / 1e9)
  if (x >= 1e6) return sprintf("%.3g M", x / 1e6)
  if (x >= 1e3) return sprintf("%.3g k", x / 1e3)
  return sprintf("%.3g", x)
}
# Text from the inputs, made safe for a table cell: a bar would end the cell, and an angle
# bracket could open an HTML tag in a Markdown viewer.
function cell(s) { gsub(/\|/, "\\|", s); gsub(/</, "\\<", s); gsub(/>/, "\\>", s); return s }
function w(s) { print s > md }

function has_winner(c, wl) { return ((c, wl) in W) && W[c, wl] != "-" }

# What a chart shows for an implementation: the head-to-head figure from compare.tsv where the
# machine has one; for mhatune without it, the tune's own measurement of the winner.
function gflops_of(c, wl, im) {
  if (C[c, wl, im] == "ok") return Cg[c, wl, im]
  if (im == "mhatune" && has_winner(c, wl)) return Wg[c, wl]
  return ""
}

# A compare.tsv cell: the figure, or why there is none.
function cmpcell(c, wl, im, what) {
  if (!hascmp[c]) return "—"
  if (!((c, wl, im) in Cset)) return "—"
  if (C[c, wl, im] != "ok") return C[c, wl, im]
  return f1(what == "gbs" ? Cgbs[c, wl, im] : Cg[c, wl, im])
}

# The winner's name, read back into its parameters (the inverse of templates/attn_f32.lua's
# variant_name). Sets V[...]; returns 0 when the name is not of that family.
function decode(name,   a, n, rb) {
  delete V
  n = split(name, a, "_")
  if (n < 8 || n > 9 || a[1] != "attn" || a[2] != "f32") return 0
  if (a[4] !~ /^d([0-9]+|any)$/ || a[5] !~ /^g[0-9]+$/ || a[6] !~ /^q[0-9]+$/ || a[7] !~ /^k[0-9]+$/ ||
      a[8] !~ /^r[0-9]+x[0-9]+$/) return 0
  V["isa"] = a[3]; V["d"] = substr(a[4], 2); V["g"] = substr(a[5], 2) + 0
  V["q"] = substr(a[6], 2) + 0; V["k"] = substr(a[7], 2) + 0
  split(substr(a[8], 2), rb, "x"); V["rm"] = rb[1] + 0; V["rn"] = rb[2] + 0
  V["form"] = n == 9 ? a[9] : "t"
  if (V["form"] != "t" && V["form"] != "dot" && V["form"] != "ql") return 0
  V["lanes"] = (V["isa"] in lanes) ? lanes[V["isa"]] : 0
  return 1
}

function blockdesc(   L) {
  L = V["lanes"]
  if (V["form"] == "ql")
    return V["rm"] " keys × " V["rn"] " vector" (V["rn"] > 1 ? "s" : "") (L ? " (" V["rn"] * L " query rows)" : "")
  if (V["form"] == "dot") return V["rm"] " row" (V["rm"] > 1 ? "s" : "") " × " V["rn"] " keys"
  return V["rm"] " row" (V["rm"] > 1 ? "s" : "") " × " V["rn"] " vector" (V["rn"] > 1 ? "s" : "") (L ? " (" V["rn"] * L " keys)" : "")
}

function groupdesc(wl,   grp) {
  grp = Hkv[wl] ? Hq[wl] / Hkv[wl] : 0
  if (grp == 1) return V["g"] " (MHA)"
  if (V["g"] == grp) return V["g"] " (whole group)"
  return V["g"] " of " grp
}

function formdesc(f) {
  if (f == "ql") return "ql: query rows in lanes"
  if (f == "dot") return "dot: K rows in place"
  return "t: packed Kᵀ"
}

function whydesc(c, wl,   s, r) {
  if (!((c, wl, "round") in why)) return "no journal"
  if (why[c, wl, "round"] == "-") return "not in the journal"
  s = ""
  if (why[c, wl, "byform"] != "-") {
    s = why[c, wl, "byform"]
    gsub(/; /, " > ", s)
    s = "first round by K form, GFLOP/s: " s
  }
  r = why[c, wl, "runner"]
  if (r != "-") {
    sub(/^attn_f32_/, "", r)
    s = s (s == "" ? "" : "; ") why[c, wl, "margin"] "% ahead of `" r "` in round " why[c, wl, "round"] \
        " (" why[c, wl, "finalists"] " finalists)"
  } else {
    s = s (s == "" ? "" : "; ") "sole finalist of round " why[c, wl, "round"]
  }
  return s
}

# ---- charts: data files and the gnuplot script ----

# One data file per panel: a row per workload, a column per series. Remembers which series
# have a value there: gnuplot refuses a histogram column with none.
function datafile(file, sel, nsel, kind,   i, j, wl, v, line) {
  for (i = 1; i <= nsel; i++) {
    wl = sel[i]
    line = short[wl]
    for (j = 1; j <= nser; j++) {
      v = ""
      if (kind == "gflops") v = gflops_of(scpu[j], wl, simpl[j])
      else if (kind == "pct" && has_winner(scpu[j], wl)) v = 100 * Wg[scpu[j], wl] / M[scpu[j], "peak"]
      else if (kind == "gbs" && has_winner(scpu[j], wl)) v = Wgbs[scpu[j], wl]
      if (v != "") hasval[file, j] = 1
      line = line "\t" (v == "" ? "NaN" : v)
    }
    print line > (out "/" file)
  }
  close(out "/" file)
}

function gp(s) { print s > (out "/plots.gp") }

function gpstart(file, wpx, hpx, title) {
  gp("set terminal " term " size " wpx "," hpx " font \"Sans,11\" noenhanced")
  gp("set output \"" file "." ext "\"")
  gp("reset")
  gp("set datafile separator \"\\t\"")
  gp("set style data histograms")
  gp("set style histogram clustered gap 1")
  gp("set style fill solid 1.0 border -1")
  gp("set xtics rotate by 45 right nomirror scale 0")
  gp("set ytics nomirror")
  gp("set grid ytics lc rgb \"#dddddd\"")
  gp("set border 3")
  gp("set key below center horizontal Left reverse noenhanced samplen 2")
  gp("set lmargin 12")
  if (title != "") gp("set title \"" title "\"")
}

# The plot command of one panel, or "" when no series has a value in it. A series that has
# values only in the panel named by other still gets its key entry here, so one key serves both.
function plotline(file, kind, labels, other,   j, k, s, st, first, n) {
  s = ""
  first = 1
  n = 0
  for (j = 1; j <= nser; j++) if (hasval[file, j]) n++
  if (!n) return ""
  for (j = 1; j <= nser; j++) {
    st = kind == "gflops" ? fill[simpl[j]] : "fs solid 1.0"
    if (st == "") st = "fs pattern " (j % 3 + 1)
    if (hasval[file, j]) {
      s = s (s == "" ? "plot " : ", ") "\"" file "\" using " (j + 1) (first ? ":xtic(1)" : "")
      first = 0
    } else if (other != "" && hasval[other, j]) {
      s = s (s == "" ? "plot " : ", ") "keyentry with boxes"
    } else {
      continue
    }
    s = s " title \"" stitle[j] "\" lc rgb \"" cpucolor[scpu[j]] "\" " st
  }
  # The value over each bar, while bars are few enough to leave room for it: the k-th of n bars
  # of row i sits at i - 1/2 + (gap/2 + k + 1/2) / (n + gap), gap 1 as gpstart sets it.
  if (labels != "" && n <= 4) {
    k = 0
    for (j = 1; j <= nser; j++) {
      if (!hasval[file, j]) continue
      s = s ", \"\" using ($0 - 0.5 + (0.5 + " k++ " + 0.5) / " (n + 1) "):" (j + 1) ":(sprintf(\"" labels \
          "\", $" (j + 1) ")) with labels offset 0,0.7 font \",9\" notitle"
    }
  }
  return s
}

# Pixels a chart needs so that bars and their rotated names stay apart.
function width(nrows,   per, px) {
  per = (nser + 1) * 26
  if (per < 52) per = 52
  px = 160 + nrows * per
  return px < 800 ? 800 : (px > 3200 ? 3200 : px)
}

function charts(   i, j, k, n, c, im, np, nd, pre, dec, all, maxv, lp, ld, v) {
  np = nd = 0
  for (i = 1; i <= nwl; i++) {
    all[i] = wls[i]
    if (phase[wls[i]] == "decode") dec[++nd] = wls[i]
    else pre[++np] = wls[i]
  }
  # GFLOP/s: a series per machine and implementation; prefill and decode in panels of their
  # own, since decode's GFLOP/s would be slivers on prefill's scale.
  nser = 0
  for (i = 1; i <= ncpu; i++) {
    c = cpus[i]
    for (j = 1; j <= nimplall; j++) {
      im = implall[j]
      if (im != "mhatune" && !implok[c, im]) continue
      scpu[++nser] = c; simpl[nser] = im; stitle[nser] = c ": " ilabel(im)
    }
  }
  datafile("gflops-prefill.dat", pre, np, "gflops")
  datafile("gflops-decode.dat", dec, nd, "gflops")
  lp = np ? plotline("gflops-prefill.dat", "gflops", "%.0f", nd ? "gflops-decode.dat" : "") : ""
  ld = nd ? plotline("gflops-decode.dat", "gflops", "%.1f", "") : ""
  if (lp != "" || ld != "") {
    gpstart("gflops", width(np > nd ? np : nd), (lp != "" && ld != "") ? 1300 : 680, "")
    if (lp != "" && ld != "") gp("set multiplot layout 2,1 title \"GFLOP/s per workload (fp32, all cores; higher is better)\"")
    gp("set ylabel \"GFLOP/s\"")
    gp("set yrange [0:*]")
    gp("set offsets 0, 0, graph 0.08, 0") # room for the value over the tallest bar
    if (lp != "") { gp("set title \"prefill and causal prefill\""); gp(lp) }
    if (ld != "") {
      if (lp != "") gp("unset key") # the prefill panel's key lists every series
      gp("set title \"decode (one query row per head; memory bound)\"")
      gp(ld)
    }
    if (lp != "" && ld != "") gp("unset multiplot")
    gp("set output")
    chart["gflops"] = "GFLOP/s per workload, machine and implementation"
  }

  # % of peak and decode GB/s: a series per machine, its tuned kernel.
  nser = 0
  for (i = 1; i <= ncpu; i++) { scpu[++nser] = cpus[i]; simpl[nser] = "mhatune"; stitle[nser] = cpus[i] }
  datafile("pct.dat", all, nwl, "pct")
  v = plotline("pct.dat", "pct", "%.0f%%", "")
  if (v != "") {
    gpstart("pct-peak", width(nwl), 680, "Tuned kernel as % of each machine's measured all-core FMA peak")
    gp("set ylabel \"% of measured peak\"")
    gp("set yrange [0:100]")
    gp("set format y \"%g%%\"")
    gp(v)
    gp("set output")
    chart["pct-peak"] = "Tuned kernel as % of each machine's measured peak"
  }

  datafile("decode.dat", dec, nd, "gbs")
  v = nd ? plotline("decode.dat", "gbs", "%.1f", "") : ""
  if (v != "") {
    maxv = 0
    for (i = 1; i <= ncpu; i++) {
      c = cpus[i]
      if (M[c, "bw"] + 0 > maxv) maxv = M[c, "bw"] + 0
      for (j = 1; j <= nd; j++) if (has_winner(c, dec[j]) && Wgbs[c, dec[j]] + 0 > maxv) maxv = Wgbs[c, dec[j]] + 0
    }
    gpstart("decode-gbs", width(nd) < 1000 ? 1000 : width(nd), 680, \
            "Decode: GB/s per call; the line over a machine's bars is its measured read bandwidth")
    gp("set ylabel \"GB/s (Q, K, V and O bytes per call / time)\"")
    gp("set yrange [0:" sprintf("%.1f", maxv * 1.15) "]")
    # Each machine's bandwidth as a cap over its own bars only, so that two machines'
    # lines never cross the other's bars. A missing bar (NaN) draws no cap: NaN != NaN.
    n = k = 0
    for (j = 1; j <= nser; j++) if (hasval["decode.dat", j]) n++
    for (j = 1; j <= nser; j++) {
      if (!hasval["decode.dat", j]) continue
      c = scpu[j]
      v = v ", \"decode.dat\" using ($0 - 0.5 + (0.5 + " k++ " + 0.5) / " (n + 1) " - " 0.6 / (n + 1) "):($" (j + 1) \
          " == $" (j + 1) " ? " M[c, "bw"] " : NaN):(" 1.2 / (n + 1) "):(0) with vectors nohead lc rgb \"" cpucolor[c] \
          "\" lw 3 title \"" c ": read bandwidth " f1(M[c, "bw"]) " GB/s\""
    }
    gp(v)
    gp("set output")
    chart["decode-gbs"] = "Decode GB/s against measured read bandwidth"
  }
  close(out "/plots.gp")
}

function kname(s) { sub(/^attn_f32_/, "", s); return "`" s "`" }
function wlname(wl) { return (wl in short) ? short[wl] : wl }

# The cells of one level's winner on one workload of the sweep table: winner, time, gap.
function gapcells(c, wl, l,   x) {
  x = c SUBSEP wl SUBSEP l
  if (!(x in Gw)) return " — | — | — |"
  if (Gw[x] == "-") return " none | — | — |"
  if (Gp[x] == "-") return " " kname(Gw[x]) " | not timed by the sweep | — |"
  return " " kname(Gw[x]) " | " dur(Gt[x]) " | " Gp[x] "% |"
}

# Last session's cost of one level, from its summary.
function lastsession(c, l) {
  if (!((c, l, "wall") in lcost)) return "cost unknown (no usable summary-" l ".md)."
  return "the last session of a possibly resumed tune (summary-" l ".md): " lcost[c, l, "wall"] " s wall time, " \
         lcost[c, l, "thisrun"] " measurements, " lcost[c, l, "fromjournal"] " more taken from the journal."
}

# One line per faster level: how often it found the sweep's kernel, its mean and worst gap, its cost.
function levelline(c, l,   i, wl, x, n, same, nt, nn, sum, g, worst, worstwl, s) {
  n = same = nt = nn = sum = 0
  worst = -1
  for (i = 1; i <= nswl[c]; i++) {
    wl = swl[c, i]
    x = c SUBSEP wl SUBSEP l
    if (!(x in Gw)) continue
    if (Gw[x] == "-") { nn++; continue }
    if (Gp[x] == "-") { nt++; continue }
    n++
    if (Gw[x] == Sw[c, wl]) same++
    g = Gw[x] == Sw[c, wl] ? 0 : 100 * (Gt[x] / St[c, wl] - 1)
    sum += g
    if (g > worst) { worst = g; worstwl = wl }
  }
  s = "- **" l "**: "
  if (n) s = s "the sweep's own kernel on " same " of " n " workload" (n > 1 ? "s" : "") "; gap mean " f1(sum / n) \
             "%, worst " f1(worst) "%" (worst > 0 ? " (" wlname(worstwl) ")" : "")
  else s = s "no winner timed by the sweep"
  if (nt) s = s "; " nt " winner" (nt > 1 ? "s" : "") " not timed by the sweep, left out of the mean"
  if (nn) s = s "; " nn " workload" (nn > 1 ? "s" : "") " without a winner"
  return s "; " lastsession(c, l)
}

function img(name) { if (name in chart) w("![" chart[name] "](plots/" name "." ext ")") }

END {
  if (ncpu == 0) exit 1
  sortwls()
  shortnames()
  # Every implementation any machine has, ours first; mhatune always, from the winners.
  implall[nimplall = 1] = "mhatune"
  sortimpls()
  for (i = 1; i <= nimpl; i++) if (impls[i] != "mhatune") implall[++nimplall] = impls[i]
  anycmp = 0
  for (i = 1; i <= ncpu; i++) if (hascmp[cpus[i]]) anycmp = 1
  charts()

  w("# mhatune: attention kernels across CPUs")
  w("")
  s = ""
  for (i = 1; i <= ncpu; i++) s = s (i > 1 ? ", " : "") "`" cpus[i] "`"
  w("Built by `scripts/report.sh` from the results folders of " ncpu " machine" (ncpu > 1 ? "s" : "") ": " s ". " \
    (nleft ? nleft " folder" (nleft > 1 ? "s or files were" : " or file was") " left out (see [Left out](#left-out))." \
           : "Nothing was left out."))
  w("")
  w("Every figure is the fp32 attention forward pass on all of a machine's cores. \"% of peak\" divides by that " \
    "machine's own measured all-core FMA peak for its ISA (`peak_gflops` in machine.json); decode's GB/s is set " \
    "against its own measured read bandwidth (`read_gbs`).")
  w("")

  w("## Machines")
  w("")
  w("| machine | CPU | cores | L1d / L2 / L3 | ISA | peak GFLOP/s, all cores (1 core) | read GB/s, all cores (1 core) | counters | tune level |")
  w("|---|---|---:|---|---|---:|---:|---|---|")
  for (i = 1; i <= ncpu; i++) {
    c = cpus[i]
    ctr = ""
    for (j = 1; j <= nlab[c]; j++) ctr = ctr (j > 1 ? ", " : "") lab[c, j]
    ctr = ctr == "" ? "timing only" : "PAPI: " ctr
    w("| `" c "` | " cell((M[c, "vendor"] != "-" ? M[c, "vendor"] " " : "") M[c, "model"]) " | " M[c, "cores"] " | " \
      bytes(M[c, "l1d"]) " / " bytes(M[c, "l2"]) " / " bytes(M[c, "l3"]) " | " M[c, "isa"] " | " \
      f1(M[c, "peak"]) (M[c, "peak1"] != "-" ? " (" f1(M[c, "peak1"]) ")" : "") " | " \
      f1(M[c, "bw"]) (M[c, "bw1"] != "-" ? " (" f1(M[c, "bw1"]) ")" : "") " | " ctr " | " level[c] " |")
  }
  w("")
  for (i = 1; i <= ncpu; i++) {
    c = cpus[i]
    w("- `" c "`" (M[c, "id"] != c ? " (machine_id `" M[c, "id"] "`)" : "") ": compiler " cell(M[c, "compiler"]) \
      ", flags `" M[c, "cflags"] "`, template hash `" M[c, "hash"] "`.")
  }
  w("")

  w("## Workloads")
  w("")
  w("| workload | model | phase | B | heads Q / KV | Nq | Nk | d | causal | GFLOP per call |")
  w("|---|---|---|---:|---:|---:|---:|---:|---|---:|")
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    w("| " short[wl] " | " model[wl] " | " phase[wl] " | " B[wl] " | " Hq[wl] " / " Hkv[wl] " | " Nq[wl] " | " \
      Nk[wl] " | " D[wl] " | " (causal[wl] ? "yes" : "no") " | " sprintf("%.4g", flops(wl) / 1e9) " |")
  }
  w("")

  w("## Throughput per workload")
  w("")
  img("gflops")
  w("")
  w("The tuned kernel's GFLOP/s is the tune's measurement of the winner (`winners-<level>.tsv`)." \
    (anycmp ? " The other columns come from the machine's compare.tsv, which times mhatune through its public " \
              "API next to the libraries it would replace; \"—\" means the machine has no compare.tsv or it lacks " \
              "that row. In the chart, mhatune is the compare.tsv figure where there is one, else the tune's." : ""))
  w("")
  hdr = "| workload | machine | tuned kernel GFLOP/s | % of peak |"
  sep = "|---|---|---:|---:|"
  if (anycmp) {
    for (j = 1; j <= nimplall; j++) { hdr = hdr " " ilabel(implall[j]) " |"; sep = sep "---:|" }
    hdr = hdr " mhatune ÷ best library |"; sep = sep "---:|"
  }
  w(hdr); w(sep)
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    for (k = 1; k <= ncpu; k++) {
      c = cpus[k]
      if (!((c, wl) in W) && !hascmp[c]) continue
      if (!((c, wl) in W) && !((c, wl, "mhatune") in Cset)) continue
      row = "| " short[wl] " | `" c "` | " (has_winner(c, wl) ? f1(Wg[c, wl]) " | " f1(100 * Wg[c, wl] / M[c, "peak"]) \
                                                              : ((c, wl) in W ? "no winner | —" : "not tuned | —")) " |"
      if (anycmp) {
        best = 0
        for (j = 1; j <= nimplall; j++) {
          im = implall[j]
          row = row " " cmpcell(c, wl, im, "gflops") " |"
          if (im != "mhatune" && im != "mhatune-untuned" && C[c, wl, im] == "ok" && Cg[c, wl, im] > best) best = Cg[c, wl, im]
        }
        row = row " " (best > 0 && C[c, wl, "mhatune"] == "ok" ? sprintf("%.2f×", Cg[c, wl, "mhatune"] / best) : "—") " |"
      }
      w(row)
    }
  }
  w("")

  # Why a library has no figure, in its own words (compare.tsv's detail column).
  nnot = 0
  for (i = 1; i <= nwl; i++)
    for (k = 1; k <= ncpu; k++)
      for (j = 1; j <= nimplall; j++) {
        c = cpus[k]; wl = wls[i]; im = implall[j]
        if (!((c, wl, im) in Cset) || C[c, wl, im] == "ok") continue
        if (!nnot++) w("Not measured by compare.tsv:\n")
        w("- " short[wl] " on `" c "`, " ilabel(im) ": " C[c, wl, im] (Cdet[c, wl, im] != "" ? " (" cell(Cdet[c, wl, im]) ")" : ""))
      }
  if (nnot) w("")

  w("## Share of each machine's peak")
  w("")
  img("pct-peak")
  w("")
  hdr = "| workload |"; sep = "|---|"
  for (k = 1; k <= ncpu; k++) { hdr = hdr " `" cpus[k] "` |"; sep = sep "---:|" }
  w(hdr); w(sep)
  for (i = 1; i <= nwl; i++) {
    wl = wls[i]
    row = "| " short[wl] " |"
    for (k = 1; k <= ncpu; k++) {
      c = cpus[k]
      row = row " " (has_winner(c, wl) ? f1(100 * Wg[c, wl] / M[c, "peak"]) "%" : "—") " |"
    }
    w(row)
  }
  w("")

  w("## Decode against memory bandwidth")
  w("")
  nd = 0
  for (i = 1; i <= nwl; i++) if (phase[wls[i]] == "decode") nd++
  if (!nd) {
    w("No machine has a decode workload.")
  } else {
    w("A decode step reads the whole K/V cache once per call, so its limit is memory bandwidth, not the FMA peak. " \
      "GB/s counts Q, K, V and O once per call. A K/V cache that fits in L3 can beat the measured read bandwidth.")
    w("")
    img("decode-gbs")
    w("")
    hdr = "| workload | K/V cache | machine | tuned kernel GB/s | % of read bandwidth | read GB/s | K/V cache vs L3 |"
    sep = "|---|---:|---|---:|---:|---:|---|"
    if (anycmp) for (j = 1; j <= nimplall; j++) { hdr = hdr " " ilabel(implall[j]) " GB/s |"; sep = sep "---:|" }
    w(hdr); w(sep)
    for (i = 1; i <= nwl; i++) {
      wl = wls[i]
      if (phase[wl] != "decode") continue
      for (k = 1; k <= ncpu; k++) {
        c = cpus[k]
        if (!((c, wl) in W)) continue
        kv = kvbytes(wl)
        row = "| " short[wl] " | " bytes(kv) " | `" c "` | " (has_winner(c, wl) ? f1(Wgbs[c, wl]) " | " \
              f1(100 * Wgbs[c, wl] / M[c, "bw"]) "%" : "no winner | —") " | " f1(M[c, "bw"]) " | " \
              (kv <= M[c, "l3"] + 0 ? "fits (L3 " bytes(M[c, "l3"]) ")" : sprintf("%.1f× L3", kv / M[c, "l3"])) " |"
        if (anycmp) for (j = 1; j <= nimplall; j++) row = row " " cmpcell(c, wl, implall[j], "gbs") " |"
        w(row)
      }
    }
  }
  w("")

  w("## Winning variants")
  w("")
  w("A winner's name gives all its parameters (`attn_f32_<isa>_d<head dim>_g<group>_q<query tile>_k<key tile>_r<block>[_<K form>]`):")
  w("")
  w("- **ISA**: the vector instructions, with their fp32 lanes (scalar 1, AVX2 8, AVX-512 16).")
  w("- **d**: the head dim compiled in (`dany`: any head dim, the generic fallback).")
  w("- **g**: query heads one work item takes; a whole GQA group reads each K/V tile once for all its heads.")
  w("- **q tile / k tile**: query rows and keys per tile, sized to the L1d and L2 the tune saw.")
  w("- **register block**: the accumulator block held in registers (for `ql`, keys × vectors of query rows).")
  w("- **K form**: `t` packs Kᵀ once per key tile and reuses it over many query rows; `dot` reads K rows in place " \
    "and sums along d, for the few rows of decoding; `ql` puts query rows in the vector lanes (Qᵀ packed per tile, " \
    "K and V read in place).")
  w("- **why**: from the journal: the best of each K form in the first round (every candidate timed once), then the " \
    "winner's lead over the next finalist in the last round it ran in.")
  w("")
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    w("### `" c "` (" level[c] " level)")
    w("")
    w("| workload | winner | ISA (lanes) | d | g | q tile | k tile | register block | K form | candidates | why |")
    w("|---|---|---|---:|---|---:|---:|---|---|---:|---|")
    for (i = 1; i <= nwl; i++) {
      wl = wls[i]
      if (!((c, wl) in W)) continue
      if (!has_winner(c, wl)) {
        w("| " short[wl] " | none | — | — | — | — | — | — | — | " Wcand[c, wl] " | no candidate survived |")
      } else if (!decode(W[c, wl])) {
        w("| " short[wl] " | `" W[c, wl] "` | — | — | — | — | — | — | — | " Wcand[c, wl] " | " whydesc(c, wl) " |")
      } else {
        w("| " short[wl] " | `" W[c, wl] "` | " V["isa"] (V["lanes"] ? " (" V["lanes"] ")" : "") " | " V["d"] " | " \
          groupdesc(wl) " | " V["q"] " | " V["k"] " | " blockdesc() " | " formdesc(V["form"]) " | " Wcand[c, wl] \
          " | " whydesc(c, wl) " |")
      }
    }
    w("")
  }

  w("## Hardware counters")
  w("")
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    if (!nlab[c]) {
      w("- `" c "`: timing only" (M[c, "counters"] != "-" ? " (machine.json: " cell(M[c, "counters"]) ")" : "") ".")
      continue
    }
  }
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    if (!nlab[c]) continue
    w("")
    w("### `" c "`: per call, from the winners' Google Benchmark runs")
    w("")
    w("Counts are per call, summed over the kernel's threads where PAPI could follow them (harness/counters.c). " \
      "FLOPs per cycle divides the FLOPs the workload needs (see Workloads) by the counted cycles.")
    w("")
    cyc = ins = fl = ""
    for (j = 1; j <= nlab[c]; j++) {
      if (lab[c, j] == "cycles" || lab[c, j] == "PAPI_TOT_CYC") cyc = lab[c, j]
      if (lab[c, j] == "instructions" || lab[c, j] == "PAPI_TOT_INS") ins = lab[c, j]
      if (lab[c, j] == "flops" || lab[c, j] == "PAPI_SP_OPS" || lab[c, j] == "PAPI_FP_OPS") fl = lab[c, j]
    }
    hdr = "| workload | winner |"; sep = "|---|---|"
    for (j = 1; j <= nlab[c]; j++) { hdr = hdr " " lab[c, j] " |"; sep = sep "---:|" }
    if (cyc != "" && ins != "") { hdr = hdr " instructions per cycle |"; sep = sep "---:|" }
    if (cyc != "") { hdr = hdr " FLOPs per cycle |"; sep = sep "---:|" }
    w(hdr); w(sep)
    for (i = 1; i <= nwl; i++) {
      wl = wls[i]
      if (!has_winner(c, wl)) continue
      row = "| " short[wl] " | `" W[c, wl] "` |"
      any = 0
      for (j = 1; j <= nlab[c]; j++) {
        if ((c, wl, lab[c, j]) in cnt) { row = row " " si(cnt[c, wl, lab[c, j]]) " |"; any = 1 }
        else row = row " — |"
      }
      if (cyc != "" && ins != "")
        row = row " " (cnt[c, wl, cyc] > 0 && ((c, wl, ins) in cnt) ? sprintf("%.2f", cnt[c, wl, ins] / cnt[c, wl, cyc]) : "—") " |"
      if (cyc != "") row = row " " (cnt[c, wl, cyc] > 0 ? sprintf("%.1f", flops(wl) / cnt[c, wl, cyc]) : "—") " |"
      w(any ? row : "| " short[wl] " | `" W[c, wl] "` | no counted run of the winner in the JSON |")
    }
  }
  w("")

  w("## Cost of the tune")
  w("")
  w("From each machine's journal (one row per gate check or timing) and the last line of its summary. A tune " \
    "resumed over several sessions records only its last session's wall time; the journal keeps no time per row.")
  w("")
  w("| machine | level | wall time, last session | measurements: last session / earlier (journal) | gate: checked (failed) | timings by round | timing failures | workloads timed |")
  w("|---|---|---:|---|---|---|---|---:|")
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    wall = ((c, "wall") in summ) ? summ[c, "wall"] " s" : "unknown (no summary)"
    sess = ((c, "wall") in summ) ? summ[c, "thisrun"] " / " summ[c, "fromjournal"] : "—"
    if (!((c, "rows") in cost)) {
      w("| `" c "` | " level[c] " | " wall " | " sess " | no journal | — | — | — |")
      continue
    }
    w("| `" c "` | " level[c] " | " wall " | " sess " | " cost[c, "gates"] " (" (cost[c, "gatebad"] == "none" ? "0" : cost[c, "gatebad"]) ") | " \
      cost[c, "rounds"] " | " cost[c, "measbad"] " | " cost[c, "wls"] " |")
  }
  w("")

  nsweep = 0
  for (k = 1; k <= ncpu; k++) if (cpus[k] in swept) nsweep++
  if (nsweep) {
    w("## How close the faster tune levels come to the exhaustive sweep")
    w("")
    w("The exhaustive level times every candidate of every ISA the machine runs in one round, all with the same " \
      "effort (0.2 s × 5 repetitions; `journal-exhaustive.tsv`), so its fastest is the reference. Each quick or " \
      "measure winner is looked up in that same sweep, timed in the same run under the same conditions as the " \
      "sweep's winner; the gap is its time there ÷ the sweep winner's time − 1, 0.0% where the level picked the " \
      "sweep's kernel. Kernel names lack their `attn_f32_` prefix. A level's wall time covers every workload it " \
      "tuned, which need not be the sweep's.")
    w("")
  }
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    if (!(c in swept)) continue
    sortswl(c)
    w("### `" c "`")
    w("")
    if (!nswl[c]) {
      w("The sweep timed " swept[c] " workload" (swept[c] > 1 ? "s" : "") "; the quick and measure winners list none of them.")
      w("")
      continue
    }
    hdr = "| workload | kernels timed by the sweep | sweep winner | its time |"
    sep = "|---|---:|---|---:|"
    nl = 0
    split("quick measure", lvl, " ")
    for (j = 1; j <= 2; j++) {
      if (!((c, lvl[j]) in haslvl)) continue
      lv[++nl] = lvl[j]
      hdr = hdr " " lvl[j] " winner | its time in the sweep | gap |"
      sep = sep "---|---:|---:|"
    }
    w(hdr); w(sep)
    for (i = 1; i <= nswl[c]; i++) {
      wl = swl[c, i]
      row = "| " wlname(wl) " | " Sn[c, wl] " | " kname(Sw[c, wl]) " | " dur(St[c, wl]) " |"
      for (j = 1; j <= nl; j++) row = row gapcells(c, wl, lv[j])
      w(row)
    }
    w("")
    for (j = 1; j <= nl; j++) w(levelline(c, lv[j]))
    w("- **exhaustive**: " lastsession(c, "exhaustive"))
    w("")
  }

  w("## Sources")
  w("")
  w("| machine | level | files read | not read |")
  w("|---|---|---|---|")
  for (k = 1; k <= ncpu; k++) {
    c = cpus[k]
    w("| `" c "` | " level[c] " | " used[c] " | " (unused[c] == "" ? "—" : unused[c]) " |")
  }
  w("")

  w("## Left out")
  w("")
  if (!nleft) w("Nothing: every results folder and file was read.")
  for (i = 1; i <= nleft; i++) {
    split(left[i], lp, "\t")
    w("- `" lp[1] "`: " cell(lp[2]))
  }
  close(md)
}
