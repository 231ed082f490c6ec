-- markdown.lua: REPORT.md from the model (model.lua), one function per section.
local U = require("util")
local R = require("model")
local f1, num = U.f1, U.num
local MD = {}

-- x in the largest of units ({size, name}, largest first) it reaches; else nil.
local function scaled(x, fmt, units)
  for _, u in ipairs(units) do if x >= u[1] then return string.format(fmt, x / u[1], u[2]) end end
end
local function bytes(x) return scaled(x, "%.4g %s", { { 1073741824, "GiB" }, { 1048576, "MiB" }, { 1024, "KiB" } }) or num(x) .. " B" end
local function si(x) return scaled(x, "%.3g %s", { { 1e9, "G" }, { 1e6, "M" }, { 1e3, "k" } }) or string.format("%.3g", x) end
local function dur(x)
  x = tonumber(x)
  if x >= 1 then return string.format("%.4g s", x) end
  if x >= 1e-3 then return string.format("%.4g ms", x * 1e3) end
  return string.format("%.4g µs", x * 1e6)
end
-- Text from the inputs, made safe for a table cell: a bar would end the cell, and an angle
-- bracket could open an HTML tag in a Markdown viewer.
local function cell(s) return (s:gsub("[|<>]", "\\%0")) end
local function kname(s) return "`" .. s:gsub("^attn_f32_", "") .. "`" end
local function plural(n, s) return n > 1 and s .. "s" or s end
local function row(...) return "| " .. table.concat({ ... }, " | ") .. " |" end
local function pct(m, x) return 100 * tonumber(m.W[x.key].gflops) / R.peak_of(m, x) end

local function intro(r, w)
  local names, nleft = {}, #r.leftout
  for _, m in ipairs(r.machines) do names[#names + 1] = "`" .. m.cpu .. "`" end
  w("# mhatune: attention kernels across CPUs", "",
    "Built by `scripts/report.sh` from the results folders of " .. #names .. plural(#names, " machine") .. ": " ..
    table.concat(names, ", ") .. ". " .. (nleft > 0 and nleft .. (nleft > 1 and " folders or files were" or
    " folder or file was") .. " left out (see [Left out](#left-out))." or "Nothing was left out."), "",
    "Every figure is the attention forward pass on all of a machine's cores, in fp32 where the workload names no " ..
    "other type (`bf16`, `f16`, `q8_0`: the K/V cache; `qo bf16`: Q and O). \"% of peak\" divides by that " ..
    "machine's own measured all-core FMA peak for its ISA (`peak_gflops` in machine.json); a workload with bf16 " ..
    "Q and O (`qo bf16`) divides by the bf16 dot-product peak (VDPBF16PS, `bf16_peak_gflops`) where the machine " ..
    "has AVX512_BF16; decode's GB/s is set against its own measured read bandwidth (`read_gbs`).", "")
end

local function machines(r, w)
  w("## Machines", "",
    "| machine | CPU | cores | L1d / L2 / L3 | ISA | peak GFLOP/s, all cores (1 core) | bf16 peak GFLOP/s, all cores | read GB/s, all cores (1 core) | counters | tune level |",
    "|---|---|---:|---|---|---:|---:|---:|---|---|")
  for _, m in ipairs(r.machines) do
    local ctr = #m.labels > 0 and "PAPI: " .. table.concat(m.labels, ", ") or "timing only"
    w(row("`" .. m.cpu .. "`", cell((m.vendor ~= "-" and m.vendor .. " " or "") .. m.model), m.cores,
      bytes(m.l1d) .. " / " .. bytes(m.l2) .. " / " .. bytes(m.l3), m.isa,
      f1(m.peak) .. (m.peak1 ~= "-" and " (" .. f1(m.peak1) .. ")" or ""),
      (m.bf16peak == "none" and "no AVX512_BF16" or m.bf16peak == "-" and "—" or f1(m.bf16peak)) ..
        (m.amx == false and "; no AMX (its form unmeasured)" or m.amx == true and "; AMX" or ""),
      f1(m.bw) .. (m.bw1 ~= "-" and " (" .. f1(m.bw1) .. ")" or ""), ctr, m.level))
  end
  w("")
  for _, m in ipairs(r.machines) do
    w("- `" .. m.cpu .. "`" .. (m.id ~= m.cpu and " (machine_id `" .. m.id .. "`)" or "") .. ": compiler " ..
      cell(m.compiler) .. ", flags `" .. m.cflags .. "`, template hash `" .. m.hash .. "`.")
  end
  w("", "## Workloads", "", "| workload | model | phase | B | heads Q / KV | Nq | Nk | d | causal | GFLOP per call |",
    "|---|---|---|---:|---:|---:|---:|---:|---|---:|")
  for _, x in ipairs(r.wls) do
    w(row(x.short, x.model, x.phase, num(x.B), num(x.Hq) .. " / " .. num(x.Hkv), num(x.Nq), num(x.Nk), num(x.D),
      x.causal and "yes" or "no", string.format("%.4g", R.flops(x) / 1e9)))
  end
  w("")
end

-- A compare.tsv cell: the figure, or why there is none.
local function cmpcell(m, key, im, what)
  local c = m.C and m.C[key] and m.C[key][im]
  if not c then return "—" end
  if c.status ~= "ok" then return c.status end
  return f1(tonumber(c[what]))
end

-- One row of the throughput table, nil where the machine has nothing of the workload.
local function throughput_row(r, m, x)
  local W = m.W[x.key]
  if not W and not (m.C and m.C[x.key] and m.C[x.key].mhatune) then return nil end
  local line = row(x.short, "`" .. m.cpu .. "`", R.has_winner(m, x.key) and f1(tonumber(W.gflops)) .. " | " ..
    f1(pct(m, x)) or (W and "no winner | —" or "not tuned | —"))
  if not r.anycmp then return line end
  local best, C = 0, m.C and m.C[x.key] or {}
  for _, im in ipairs(r.impls) do
    line = line .. " " .. cmpcell(m, x.key, im, "gflops") .. " |"
    if im ~= "mhatune" and im ~= "mhatune-untuned" and C[im] and C[im].status == "ok" and tonumber(C[im].gflops) > best then
      best = tonumber(C[im].gflops)
    end
  end
  local ours = C.mhatune and C.mhatune.status == "ok" and tonumber(C.mhatune.gflops)
  return line .. " " .. (best > 0 and ours and string.format("%.2f×", ours / best) or "—") .. " |"
end

local function throughput(r, w, img)
  w("## Throughput per workload", "", img("gflops"), "",
    "The tuned kernel's GFLOP/s is the tune's measurement of the winner (`winners-<level>.tsv`)." ..
    (r.anycmp and " The other columns come from the machine's compare.tsv, which times mhatune through its public " ..
      "API next to the libraries it would replace; \"—\" means the machine has no compare.tsv or it lacks " ..
      "that row. In the chart, mhatune is the compare.tsv figure where there is one, else the tune's." or ""), "")
  local hdr, sep = "| workload | machine | tuned kernel GFLOP/s | % of peak |", "|---|---|---:|---:|"
  if r.anycmp then
    for _, im in ipairs(r.impls) do hdr, sep = hdr .. " " .. R.label(im) .. " |", sep .. "---:|" end
    hdr, sep = hdr .. " mhatune ÷ best library |", sep .. "---:|"
  end
  w(hdr, sep)
  for _, x in ipairs(r.wls) do
    for _, m in ipairs(r.machines) do w(throughput_row(r, m, x)) end
  end
  w("")
  -- Why a library has no figure, in its own words (compare.tsv's detail column).
  local nnot = 0
  for _, x in ipairs(r.wls) do
    for _, m in ipairs(r.machines) do
      for _, im in ipairs(r.impls) do
        local c = m.C and m.C[x.key] and m.C[x.key][im]
        if c and c.status ~= "ok" then
          nnot = nnot + 1
          if nnot == 1 then w("Not measured by compare.tsv:\n") end
          w("- " .. x.short .. " on `" .. m.cpu .. "`, " .. R.label(im) .. ": " .. c.status ..
            (c.detail ~= "" and " (" .. cell(c.detail) .. ")" or ""))
        end
      end
    end
  end
  if nnot > 0 then w("") end
end

local function share(r, w, img)
  w("## Share of each machine's peak", "", img("pct-peak"), "")
  local hdr, sep = "| workload |", "|---|"
  for _, m in ipairs(r.machines) do hdr, sep = hdr .. " `" .. m.cpu .. "` |", sep .. "---:|" end
  w(hdr, sep)
  for _, x in ipairs(r.wls) do
    local cells = { x.short }
    for _, m in ipairs(r.machines) do table.insert(cells, R.has_winner(m, x.key) and f1(pct(m, x)) .. "%" or "—") end
    w(row(table.unpack(cells)))
  end
  w("")
end

local function decode_row(r, m, x)
  local kv, W = R.kvbytes(x), m.W[x.key]
  local cells = { x.short, bytes(kv), "`" .. m.cpu .. "`", R.has_winner(m, x.key) and f1(tonumber(W.gbs)) .. " | " ..
    f1(100 * tonumber(W.gbs) / m.bw) .. "%" or "no winner | —", f1(m.bw),
    kv <= m.l3 and "fits (L3 " .. bytes(m.l3) .. ")" or string.format("%.1f× L3", kv / m.l3) }
  for _, im in ipairs(r.anycmp and r.impls or {}) do table.insert(cells, cmpcell(m, x.key, im, "gbs")) end
  return row(table.unpack(cells))
end

local function decode(r, w, img)
  w("## Decode against memory bandwidth", "")
  local nd = 0
  for _, x in ipairs(r.wls) do if x.phase == "decode" then nd = nd + 1 end end
  if nd == 0 then return w("No machine has a decode workload.", "") end
  w("A decode step reads the whole K/V cache once per call, so its limit is memory bandwidth, not the FMA peak. " ..
    "GB/s counts Q, K, V and O once per call. A K/V cache that fits in L3 can beat the measured read bandwidth.", "",
    img("decode-gbs"), "")
  local hdr = "| workload | K/V cache | machine | tuned kernel GB/s | % of read bandwidth | read GB/s | K/V cache vs L3 |"
  local sep = "|---|---:|---|---:|---:|---:|---|"
  for _, im in ipairs(r.anycmp and r.impls or {}) do hdr, sep = hdr .. " " .. R.label(im) .. " GB/s |", sep .. "---:|" end
  w(hdr, sep)
  for _, x in ipairs(r.wls) do
    if x.phase == "decode" then
      for _, m in ipairs(r.machines) do
        if m.W[x.key] then w(decode_row(r, m, x)) end
      end
    end
  end
  w("")
end

local LANES = { scalar = 1, avx2 = 8, avx512 = 16 }

-- A winner's name read back into its parameters (the inverse of templates/attn_f32.lua's
-- variant_name), or nil when the name is not of that family.
local function variant(name)
  local a = U.split(name, "_")
  if #a < 8 or #a > 9 or a[1] ~= "attn" or (a[2] ~= "f32" and a[2] ~= "bf16") then return nil end
  if not (a[4]:match("^d%d+$") or a[4] == "dany") or not a[5]:match("^g%d+$") or not a[6]:match("^q%d+$") or
    not a[7]:match("^k%d+$") or not a[8]:match("^r%d+x%d+$") then return nil end
  local v = { isa = a[3], d = a[4]:sub(2), g = tonumber(a[5]:sub(2)) + 0.0, q = tonumber(a[6]:sub(2)) + 0.0,
    k = tonumber(a[7]:sub(2)) + 0.0, form = a[9] or "t", lanes = LANES[a[3]] or 0 }
  local rm, rn = a[8]:match("^r(%d+)x(%d+)$")
  v.rm, v.rn = tonumber(rm) + 0.0, tonumber(rn) + 0.0
  if v.form ~= "t" and v.form ~= "dot" and v.form ~= "ql" then return nil end
  return v
end

local function blockdesc(v)
  local L = v.lanes
  local vectors = " vector" .. (v.rn > 1 and "s" or "")
  if v.form == "ql" then
    return num(v.rm) .. " keys × " .. num(v.rn) .. vectors .. (L > 0 and " (" .. num(v.rn * L) .. " query rows)" or "")
  end
  local rows = num(v.rm) .. " row" .. (v.rm > 1 and "s" or "") .. " × " .. num(v.rn)
  if v.form == "dot" then return rows .. " keys" end
  return rows .. vectors .. (L > 0 and " (" .. num(v.rn * L) .. " keys)" or "")
end

local function groupdesc(v, x)
  local grp = x.Hkv ~= 0 and x.Hq / x.Hkv or 0
  if grp == 1 then return num(v.g) .. " (MHA)" end
  if v.g == grp then return num(v.g) .. " (whole group)" end
  return num(v.g) .. " of " .. num(grp)
end

local FORMS = { ql = "ql: query rows in lanes", dot = "dot: K rows in place", t = "t: packed Kᵀ" }

local function whydesc(m, key)
  local y = m.why and m.why[key]
  if not y then return "no journal" end
  if y.round == "-" then return "not in the journal" end
  local s = y.byform ~= "-" and "first round by K form, GFLOP/s: " .. y.byform or ""
  s = s .. (s == "" and "" or "; ")
  if y.runner == "-" then return s .. "sole finalist of round " .. y.round end
  return s .. y.margin .. "% ahead of " .. kname(y.runner) .. " in round " .. y.round .. " (" .. y.finalists .. " finalists)"
end

local function winner_row(m, x)
  local W = m.W[x.key]
  if not R.has_winner(m, x.key) then return row(x.short, "none", "— | — | — | — | — | — | —", W.cand, "no candidate survived") end
  local v = variant(W.kernel)
  if not v then return row(x.short, "`" .. W.kernel .. "`", "— | — | — | — | — | — | —", W.cand, whydesc(m, x.key)) end
  return row(x.short, "`" .. W.kernel .. "`", v.isa .. (v.lanes > 0 and " (" .. v.lanes .. ")" or ""), v.d,
    groupdesc(v, x), num(v.q), num(v.k), blockdesc(v), FORMS[v.form], W.cand, whydesc(m, x.key))
end

local function winners(r, w)
  w("## Winning variants", "",
    "A winner's name gives all its parameters (`attn_f32_<isa>_d<head dim>_g<group>_q<query tile>_k<key tile>_r<block>[_<K form>]`):",
    "", "- **ISA**: the vector instructions, with their fp32 lanes (scalar 1, AVX2 8, AVX-512 16).",
    "- **d**: the head dim compiled in (`dany`: any head dim, the generic fallback).",
    "- **g**: query heads one work item takes; a whole GQA group reads each K/V tile once for all its heads.",
    "- **q tile / k tile**: query rows and keys per tile, sized to the L1d and L2 the tune saw.",
    "- **register block**: the accumulator block held in registers (for `ql`, keys × vectors of query rows).")
  w("- **K form**: `t` packs Kᵀ once per key tile and reuses it over many query rows; `dot` reads K rows in place " ..
    "and sums along d, for the few rows of decoding; `ql` puts query rows in the vector lanes (Qᵀ packed per tile, " ..
    "K and V read in place).")
  w("- **why**: from the journal: the best of each K form in the first round (every candidate timed once), then the " ..
    "winner's lead over the next finalist in the last round it ran in.", "")
  for _, m in ipairs(r.machines) do
    w("### `" .. m.cpu .. "` (" .. m.level .. " level)", "",
      "| workload | winner | ISA (lanes) | d | g | q tile | k tile | register block | K form | candidates | why |",
      "|---|---|---|---:|---|---:|---:|---|---|---:|---|")
    for _, x in ipairs(r.wls) do
      if m.W[x.key] then w(winner_row(m, x)) end
    end
    w("")
  end
end

local function counter_table(r, m, w)
  w("", "### `" .. m.cpu .. "`: per call, from the winners' Google Benchmark runs", "", "Counts are per call, summed over the kernel's threads where PAPI could follow them (harness/counters.c). " ..
    "FLOPs per cycle divides the FLOPs the workload needs (see Workloads) by the counted cycles.", "")
  local cyc, ins -- the labels that give instructions per cycle and FLOPs per cycle
  for _, l in ipairs(m.labels) do
    if l == "cycles" or l == "PAPI_TOT_CYC" then cyc = l end
    if l == "instructions" or l == "PAPI_TOT_INS" then ins = l end
  end
  local hdr, sep = "| workload | winner |", "|---|---|"
  for _, l in ipairs(m.labels) do hdr, sep = hdr .. " " .. l .. " |", sep .. "---:|" end
  if cyc and ins then hdr, sep = hdr .. " instructions per cycle |", sep .. "---:|" end
  if cyc then hdr, sep = hdr .. " FLOPs per cycle |", sep .. "---:|" end
  w(hdr, sep)
  for _, x in ipairs(r.wls) do
    if R.has_winner(m, x.key) then
      local c, any = m.cnt[x.key] or {}, false
      local cells, cycles = { x.short, "`" .. m.W[x.key].kernel .. "`" }, cyc and c[cyc] or 0
      for _, l in ipairs(m.labels) do table.insert(cells, c[l] and si(c[l]) or "—"); any = any or c[l] ~= nil end
      if cyc and ins then table.insert(cells, cycles > 0 and c[ins] and string.format("%.2f", c[ins] / cycles) or "—") end
      if cyc then table.insert(cells, cycles > 0 and string.format("%.1f", R.flops(x) / cycles) or "—") end
      w(any and row(table.unpack(cells)) or row(cells[1], cells[2], "no counted run of the winner in the JSON"))
    end
  end
end

local function counters(r, w)
  w("## Hardware counters", "")
  for _, m in ipairs(r.machines) do
    if #m.labels == 0 then
      w("- `" .. m.cpu .. "`: timing only" .. (m.counters ~= "-" and " (machine.json: " .. cell(m.counters) .. ")" or "") .. ".")
    end
  end
  for _, m in ipairs(r.machines) do
    if #m.labels > 0 then counter_table(r, m, w) end
  end
  w("")
end

local function cost(r, w)
  w("## Cost of the tune", "", "From each machine's journal (one row per gate check or timing) and the last line of its summary. A tune " ..
    "resumed over several sessions records only its last session's wall time; the journal keeps no time per row.", "",
    "| machine | level | wall time, last session | measurements: last session / earlier (journal) | gate: checked (failed) | timings by round | timing failures | workloads timed |",
    "|---|---|---:|---|---|---|---|---:|")
  for _, m in ipairs(r.machines) do
    local s, c = m.summ, m.cost
    w(row("`" .. m.cpu .. "`", m.level, s and s.wall .. " s" or "unknown (no summary)",
      s and s.thisrun .. " / " .. s.fromjournal or "—", c and c.gates .. " (" .. (c.gatebad == "none" and "0" or c.gatebad)
      .. ")" or "no journal", c and c.rounds or "—", c and c.measbad or "—", c and c.wls or "—"))
  end
  w("")
end

-- The cells of one level's winner on one workload of the sweep table: winner, time, gap.
local function gapcells(g)
  if not g then return "— | — | —" end
  if g.w == "-" then return "none | — | —" end
  if g.gap == "-" then return kname(g.w) .. " | not timed by the sweep | —" end
  return kname(g.w) .. " | " .. dur(g.t) .. " | " .. g.gap .. "%"
end

-- Last session's cost of one level, from its summary.
local function lastsession(m, l)
  local c = m.lcost[l]
  if not c then return "cost unknown (no usable summary-" .. l .. ".md)." end
  return "the last session of a possibly resumed tune (summary-" .. l .. ".md): " .. c.wall .. " s wall time, " ..
    c.thisrun .. " measurements, " .. c.fromjournal .. " more taken from the journal."
end

-- One line per faster level: how often it found the sweep's kernel, its mean and worst gap, its cost.
local function levelline(r, m, l)
  local n, same, nt, nn, sum, worst, worstwl = 0, 0, 0, 0, 0, -1, nil
  for _, row in ipairs(m.sweep.rows) do
    local g = row[l]
    if g and g.w == "-" then nn = nn + 1
    elseif g and g.gap == "-" then nt = nt + 1
    elseif g then
      n = n + 1
      if g.w == row.best then same = same + 1 end
      local gap = g.w == row.best and 0 or 100 * (tonumber(g.t) / tonumber(row.time) - 1)
      sum = sum + gap
      if gap > worst then worst, worstwl = gap, row.wl end
    end
  end
  local s = "- **" .. l .. "**: "
  if n > 0 then
    s = s .. "the sweep's own kernel on " .. same .. " of " .. n .. plural(n, " workload") .. "; gap mean " ..
      f1(sum / n) .. "%, worst " .. f1(worst) .. "%" .. (worst > 0 and " (" .. R.name(r, worstwl) .. ")" or "")
  else
    s = s .. "no winner timed by the sweep"
  end
  if nt > 0 then s = s .. "; " .. nt .. plural(nt, " winner") .. " not timed by the sweep, left out of the mean" end
  if nn > 0 then s = s .. "; " .. nn .. plural(nn, " workload") .. " without a winner" end
  return s .. "; " .. lastsession(m, l)
end

local function sweep_table(r, m, w)
  local sw = m.sweep
  w("### `" .. m.cpu .. "`", "")
  if #sw.rows == 0 then
    return w("The sweep timed " .. sw.timed .. plural(sw.timed, " workload") .. "; the quick and measure winners list none of them.", "")
  end
  local hdr, sep, lv = "| workload | kernels timed by the sweep | sweep winner | its time |", "|---|---:|---|---:|", {}
  for _, l in ipairs({ "quick", "measure" }) do
    if sw.has[l] then
      lv[#lv + 1] = l
      hdr, sep = hdr .. " " .. l .. " winner | its time in the sweep | gap |", sep .. "---|---:|---:|"
    end
  end
  w(hdr, sep)
  table.sort(sw.rows, function(a, b) return R.parse(a.wl).sortkey < R.parse(b.wl).sortkey end)
  for _, x in ipairs(sw.rows) do
    local cells = { R.name(r, x.wl), x.n, kname(x.best), dur(x.time) }
    for _, l in ipairs(lv) do table.insert(cells, gapcells(x[l])) end
    w(row(table.unpack(cells)))
  end
  w("")
  for _, l in ipairs(lv) do w(levelline(r, m, l)) end
  w("- **exhaustive**: " .. lastsession(m, "exhaustive"), "")
end

local function sweeps(r, w)
  local any = false
  for _, m in ipairs(r.machines) do any = any or m.sweep ~= nil end
  if any then
    w("## How close the faster tune levels come to the exhaustive sweep", "", "The exhaustive level times every candidate of every ISA the machine runs in one round, all with the same " ..
      "effort (0.2 s × 5 repetitions; `journal-exhaustive.tsv`), so its fastest is the reference. Each quick or " ..
      "measure winner is looked up in that same sweep, timed in the same run under the same conditions as the " ..
      "sweep's winner; the gap is its time there ÷ the sweep winner's time − 1, 0.0% where the level picked the " ..
      "sweep's kernel. Kernel names lack their `attn_f32_` prefix. A level's wall time covers every workload it " ..
      "tuned, which need not be the sweep's.", "")
  end
  for _, m in ipairs(r.machines) do
    if m.sweep then sweep_table(r, m, w) end
  end
end

local function sources(r, w)
  w("## Sources", "", "| machine | level | files read | not read |", "|---|---|---|---|")
  for _, m in ipairs(r.machines) do
    w(row("`" .. m.cpu .. "`", m.level, m.used, m.unused == "" and "—" or m.unused))
  end
  w("", "## Left out", "")
  if #r.leftout == 0 then w("Nothing: every results folder and file was read.") end
  for _, l in ipairs(r.leftout) do w("- `" .. l[1] .. "`: " .. cell(l[2])) end
end

-- The layer's rows of make bench (bench.tsv), for the machines that have them.
local LAYERWHAT = { gemm = "projection GEMM", layer = "layer forward", step = "decode step" }
local function layer_row(m, x)
  local k, what = x.k, LAYERWHAT[x.k.kind]
  local shape = k.kind == "gemm" and string.format("M %d, N %d, K %d", k.M, k.N, k.K)
    or k.kind == "layer" and string.format("%s, %d tokens%s", k.model, k.tokens, k.causal and ", causal" or "")
    or string.format("%s, 1 token, cache %d", k.model, k.cache)
  local fig, share = x.status, "—"
  if x.status == "ok" then
    if k.kind == "gemm" then fig = string.format("%.1f GFLOP/s", x.gflops)
    elseif k.kind == "layer" then fig = dur(x.median)
    else fig = dur(x.median) .. string.format(", %.1f GB/s", x.gbs) end
    if x.pct then share = string.format("%.1f%% of %.0f GFLOP/s", x.pct, x.peak) end
    if x.bound then share = x.bound .. "% of its bound" end
  end
  return row("`" .. m.cpu .. "`", what, cell(shape), k.threads == 0 and "all" or tostring(k.threads), R.label(x.impl),
    fig, share, x.impl == "mhatune" and x.targets ~= "-" and cell(x.targets) or "")
end

local function layer(r, w)
  if not r.anylayer then return end
  w("## The layer: projections, forward and decoding", "",
    "From each machine's bench.tsv (make bench): the projections' GEMM (C = A W^T, W as nn.Linear stores it) in " ..
    "GFLOP/s and its share of the FMA peak measured in the same run, ours against oneDNN's matmul; a layer's forward " ..
    "time, ours against the composite (oneDNN's projections with mhatune's attention) and torch.nn.MultiheadAttention; " ..
    "a decoding step's time against its bound (weights and cache read at the measured bandwidth). Medians of the " ..
    "bench's repetitions, every implementation checked against the double-precision reference first.", "",
    "| machine | row | shape | threads | implementation | figure | of peak / bound | targets |",
    "|---|---|---|---:|---|---:|---:|---|")
  for _, m in ipairs(r.machines) do
    local L = {} -- gemm, layer, then step rows, each kind in the file's order
    for i, x in ipairs(m.L or {}) do L[i] = { x = x, at = i } end
    table.sort(L, function(a, b) return a.x.rank < b.x.rank or (a.x.rank == b.x.rank and a.at < b.at) end)
    for i, e in ipairs(L) do L[i] = e.x end
    for _, x in ipairs(L) do w(layer_row(m, x)) end
  end
  w("")
end

-- REPORT.md's text; charts[name]: a drawn chart's Markdown image. Each section writes its lines
-- with w(line, ...), which skips a nil or false line (a chart not drawn, a row not shown).
function MD.render(r, charts)
  local out = {}
  local function w(...)
    for i = 1, select("#", ...) do
      local s = select(i, ...)
      if s then out[#out + 1] = s .. "\n" end
    end
  end
  local function img(name) return charts[name] or false end
  intro(r, w)
  machines(r, w)
  throughput(r, w, img)
  share(r, w, img)
  decode(r, w, img)
  layer(r, w)
  winners(r, w)
  counters(r, w)
  cost(r, w)
  sweeps(r, w)
  sources(r, w)
  return table.concat(out)
end

return MD
