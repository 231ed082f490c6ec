-- plots.lua: the charts: one data file per panel (a row per workload, a column per series) and
-- the gnuplot script that draws them all (plots.gp), written into a folder.
local U = require("util")
local R = require("model")
local P = {}
-- Bars of one machine share its colour; the fill tells the implementation apart.
local FILL = { mhatune = "fs solid 1.0", ["mhatune-untuned"] = "fs solid 0.35", onednn = "fs pattern 4", openblas = "fs pattern 5" }

-- Writes one panel's data file; marks in has[j] each series with a value there (gnuplot
-- refuses a histogram column with none). value(series, workload) gives a figure or nil.
local function datafile(dir, file, sel, series, value)
  local lines, has = {}, {}
  for _, x in ipairs(sel) do
    local line = x.short
    for j, s in ipairs(series) do
      local v = value(s, x)
      if v then has[j] = true end
      line = line .. "\t" .. (v or "NaN")
    end
    lines[#lines + 1] = line .. "\n"
  end
  if #lines > 0 then U.write(dir .. "/" .. file, table.concat(lines)) end
  return has
end

-- What every chart sets after its terminal and output file.
local PREAMBLE = [[
reset
set datafile separator "\t"
set style data histograms
set style histogram clustered gap 1
set style fill solid 1.0 border -1
set xtics rotate by 45 right nomirror scale 0
set ytics nomirror
set grid ytics lc rgb "#dddddd"
set border 3
set key below center horizontal Left reverse noenhanced samplen 2
set lmargin 12]]

local function count(has, series)
  local n = 0
  for j = 1, #series do if has[j] then n = n + 1 end end
  return n
end

-- The plot command of one panel, or nil when no series has a value in it. A series that has
-- values only in the other panel (has2) still gets its key entry here, so one key serves both.
local function plotline(file, series, has, labels, has2)
  local n, parts, first = count(has, series), {}, true
  if n == 0 then return nil end
  for j, s in ipairs(series) do
    local st = s.fill or "fs pattern " .. (j % 3 + 1)
    if has[j] then
      parts[#parts + 1] = "\"" .. file .. "\" using " .. (j + 1) .. (first and ":xtic(1)" or "")
      first = false
    elseif has2 and has2[j] then
      parts[#parts + 1] = "keyentry with boxes"
    end
    if has[j] or has2 and has2[j] then
      parts[#parts] = parts[#parts] .. " title \"" .. s.title .. "\" lc rgb \"" .. s.m.color .. "\" " .. st
    end
  end
  -- The value over each bar, while bars are few enough to leave room for it: the k-th of n bars
  -- of row i sits at i - 1/2 + (gap/2 + k + 1/2) / (n + gap), gap 1 as PREAMBLE sets it.
  if labels and n <= 4 then
    local k = 0
    for j = 1, #series do
      if has[j] then
        parts[#parts + 1] = "\"\" using ($0 - 0.5 + (0.5 + " .. k .. " + 0.5) / " .. (n + 1) .. "):" .. (j + 1) ..
          ":(sprintf(\"" .. labels .. "\", $" .. (j + 1) .. ")) with labels offset 0,0.7 font \",9\" notitle"
        k = k + 1
      end
    end
  end
  return "plot " .. table.concat(parts, ", ")
end

-- Pixels a chart needs so that bars and their rotated names stay apart.
local function width(nrows, nser)
  local px = 160 + nrows * math.max((nser + 1) * 26, 52)
  return math.min(math.max(px, 800), 3200)
end

-- GFLOP/s: a series per machine and implementation; prefill and decode in panels of their own,
-- since decode's GFLOP/s would be slivers on prefill's scale.
local function gflops(r, c, pre, dec)
  local series = {}
  for _, m in ipairs(r.machines) do
    for _, im in ipairs(r.impls) do
      if im == "mhatune" or m.implok[im] then
        series[#series + 1] = { m = m, im = im, title = m.cpu .. ": " .. R.label(im), fill = FILL[im] }
      end
    end
  end
  local function value(s, x) return R.gflops_of(s.m, x.key, s.im) end
  local hp = datafile(c.dir, "gflops-prefill.dat", pre, series, value)
  local hd = datafile(c.dir, "gflops-decode.dat", dec, series, value)
  local lp = #pre > 0 and plotline("gflops-prefill.dat", series, hp, "%.0f", #dec > 0 and hd) or nil
  local ld = #dec > 0 and plotline("gflops-decode.dat", series, hd, "%.1f") or nil
  if not lp and not ld then return end
  c.start("gflops", width(math.max(#pre, #dec), #series), (lp and ld) and 1300 or 680)
  if lp and ld then c.gp("set multiplot layout 2,1 title \"GFLOP/s per workload (fp32, all cores; higher is better)\"") end
  c.gp("set ylabel \"GFLOP/s\"", "set yrange [0:*]", "set offsets 0, 0, graph 0.08, 0") -- room for the value over the tallest bar
  if lp then c.gp("set title \"prefill and causal prefill\"", lp) end
  if ld then
    if lp then c.gp("unset key") end -- the prefill panel's key lists every series
    c.gp("set title \"decode (one query row per head; memory bound)\"", ld)
  end
  if lp and ld then c.gp("unset multiplot") end
  c.done("gflops", "GFLOP/s per workload, machine and implementation")
end

-- % of peak: a series per machine, its tuned kernel.
local function pct_peak(r, c, series)
  local has = datafile(c.dir, "pct.dat", r.wls, series, function(s, x)
    return R.has_winner(s.m, x.key) and U.num(100 * tonumber(s.m.W[x.key].gflops) / R.peak_of(s.m, x)) or nil
  end)
  local line = plotline("pct.dat", series, has, "%.0f%%")
  if not line then return end
  c.start("pct-peak", width(#r.wls, #series), 680, "Tuned kernel as % of each machine's measured all-core FMA peak")
  c.gp("set ylabel \"% of measured peak\"", "set yrange [0:100]", "set format y \"%g%%\"", line)
  c.done("pct-peak", "Tuned kernel as % of each machine's measured peak")
end

-- Decode GB/s, with each machine's bandwidth as a cap over its own bars only, so that two
-- machines' lines never cross the other's bars. A missing bar (NaN) draws no cap: NaN != NaN.
local function decode_gbs(r, c, series, dec)
  local has = datafile(c.dir, "decode.dat", dec, series, function(s, x)
    return R.has_winner(s.m, x.key) and s.m.W[x.key].gbs or nil
  end)
  local line = #dec > 0 and plotline("decode.dat", series, has, "%.1f") or nil
  if not line then return end
  local maxv = 0
  for _, m in ipairs(r.machines) do
    maxv = math.max(maxv, m.bw)
    for _, x in ipairs(dec) do
      if R.has_winner(m, x.key) then maxv = math.max(maxv, tonumber(m.W[x.key].gbs)) end
    end
  end
  c.start("decode-gbs", math.max(width(#dec, #series), 1000), 680,
    "Decode: GB/s per call; the line over a machine's bars is its measured read bandwidth")
  c.gp("set ylabel \"GB/s (Q, K, V and O bytes per call / time)\"", string.format("set yrange [0:%.1f]", maxv * 1.15))
  local n, k = count(has, series), 0
  for j, s in ipairs(series) do
    if has[j] then
      line = line .. ", \"decode.dat\" using ($0 - 0.5 + (0.5 + " .. k .. " + 0.5) / " .. (n + 1) .. " - " ..
        U.num(0.6 / (n + 1)) .. "):($" .. (j + 1) .. " == $" .. (j + 1) .. " ? " .. tostring(s.m.bw) .. " : NaN):(" ..
        U.num(1.2 / (n + 1)) .. "):(0) with vectors nohead lc rgb \"" .. s.m.color .. "\" lw 3 title \"" .. s.m.cpu ..
        ": read bandwidth " .. U.f1(s.m.bw) .. " GB/s\""
      k = k + 1
    end
  end
  c.gp(line)
  c.done("decode-gbs", "Decode GB/s against measured read bandwidth")
end

-- Writes the data files and plots.gp into dir for gnuplot's terminal term (files of type ext);
-- returns each drawn chart's Markdown image line by name.
function P.write(r, dir, term, ext)
  local gp, charts = {}, {}
  local c = { dir = dir }
  function c.gp(...) for _, s in ipairs({ ... }) do gp[#gp + 1] = s .. "\n" end end
  function c.start(file, wpx, hpx, title)
    c.gp("set terminal " .. term .. " size " .. wpx .. "," .. hpx .. " font \"Sans,11\" noenhanced")
    c.gp("set output \"" .. file .. "." .. ext .. "\"", PREAMBLE, title and "set title \"" .. title .. "\"")
  end
  function c.done(name, alt)
    c.gp("set output")
    charts[name] = "![" .. alt .. "](plots/" .. name .. "." .. ext .. ")"
  end
  local pre, dec, series = {}, {}, {}
  for _, x in ipairs(r.wls) do table.insert(x.phase == "decode" and dec or pre, x) end
  gflops(r, c, pre, dec)
  for _, m in ipairs(r.machines) do series[#series + 1] = { m = m, title = m.cpu, fill = "fs solid 1.0" } end
  pct_peak(r, c, series)
  decode_gbs(r, c, series, dec)
  U.write(dir .. "/plots.gp", table.concat(gp))
  return charts
end

return P
