-- tune.lua: what a machine's tune journals say: the tune's cost, why each winner won, and how
-- close the faster levels come to the exhaustive sweep. Journal rows are the checked fields of
-- journal-<level>.tsv (key kernel round status median_s cv gflops reps note); W maps each
-- workload to its winner ("-" for none).
local T = {}

-- The K form a name ends with: _dot, _ql, or none for packed K^T ("t").
local function kform(name) return name:match("_(dot)$") or name:match("_(ql)$") or "t" end

-- "b 2, a 1" as "a 1, b 2", or "none".
local function counts(map)
  local t = {}
  for k, n in pairs(map) do t[#t + 1] = k .. " " .. n end
  table.sort(t)
  return #t == 0 and "none" or table.concat(t, ", ")
end

local function add(map, k) map[k] = (map[k] or 0) + 1 end

-- One timing that ran: its round's medians and finalists, the winner's last round, and the best
-- GFLOP/s of each K form in the first round.
local function timed(j, f, r, W)
  local key, kernel = f[1], f[2]
  if not j.seen[key] then j.seen[key] = true; j.nwl = j.nwl + 1 end
  local k = key .. "\t" .. r
  j.round[k] = j.round[k] or { med = {}, names = {} }
  j.round[k].med[kernel] = tonumber(f[5])
  table.insert(j.round[k].names, kernel)
  if kernel == W[key] and (not j.final[key] or r > j.final[key]) then j.final[key] = r end
  if r == 0 then
    local best, g = j.best0[key] or { forms = {} }, tonumber(f[7])
    j.best0[key] = best
    if best[kform(kernel)] == nil then table.insert(best.forms, kform(kernel)) end
    if best[kform(kernel)] == nil or g > best[kform(kernel)] then best[kform(kernel)] = g end
  end
end

-- Why W[wl] won: its last round, the finalists there, the runner-up and its margin, and the
-- best of each K form in the first round, fastest first.
local function why(j, wl, w)
  local r = j.final[wl]
  if not r then return { round = "-" } end
  local rd = j.round[wl .. "\t" .. r]
  local wm, runner = rd.med[w], nil
  for _, nm in ipairs(rd.names) do
    if nm ~= w and (not runner or rd.med[nm] < rd.med[runner]) then runner = nm end
  end
  local y = { round = r, finalists = #rd.names, runner = runner or "-", margin = "-", byform = "-" }
  local margin = runner and wm > 0 and 100 * (rd.med[runner] / wm - 1)
  if margin and margin > -math.huge and margin < math.huge then y.margin = string.format("%.1f", margin) end
  local b = j.best0[wl]
  if b then
    local t, at = {}, {}
    for i, f in ipairs(b.forms) do t[i], at[f] = f, i end
    table.sort(t, function(x, z) return b[x] > b[z] or b[x] == b[z] and at[x] < at[z] end) -- among equals, the first seen
    for i, f in ipairs(t) do t[i] = f .. " " .. string.format("%.1f", b[f]) end
    y.byform = table.concat(t, " > ")
  end
  return y
end

-- The cost of the tune (gate checks and timings, by round and by failure) and the why of each winner.
function T.journal(rows, W)
  local j = { seen = {}, nwl = 0, round = {}, final = {}, best0 = {} }
  local gates, gatebad, meas, perround, maxround, measbad = 0, {}, 0, {}, 0, {}
  for _, f in ipairs(rows) do
    local r = tonumber(f[3])
    if r == -1 then
      gates = gates + 1
      if f[4] ~= "ok" then add(gatebad, f[4]) end
    else
      meas = meas + 1
      add(perround, r)
      if r > maxround then maxround = r end
      if f[4] ~= "ok" then add(measbad, f[4]) else timed(j, f, r, W) end
    end
  end
  local t = {}
  for r = 0, maxround do t[#t + 1] = "round " .. r .. " " .. (perround[r] or 0) end
  local cost = { gates = gates, gatebad = counts(gatebad), rounds = meas > 0 and table.concat(t, ", ") or "none",
    measbad = counts(measbad), wls = j.nwl }
  local whys = {}
  for wl, w in pairs(W) do if w ~= "-" then whys[wl] = why(j, wl, w) end end
  return cost, whys
end

-- The sweep's round-0 rows: the last time of each workload and kernel, in order of first
-- appearance (the tuner reads the last row of a key, kernel and round; so does this).
local function sweep_times(rows)
  local order, t, txt = {}, {}, {}
  for _, f in ipairs(rows) do
    if tonumber(f[3]) == 0 and f[1] ~= "-" then
      local k = f[1] .. "\t" .. f[2]
      if not txt[k] then order[#order + 1] = { f[1], f[2] } end
      t[k] = f[4] == "ok" and tonumber(f[5]) > 0 and tonumber(f[5]) or nil
      txt[k] = f[5]
    end
  end
  return order, t, txt
end

-- The exhaustive sweep (rows of journal-exhaustive.tsv) as the yardstick of the faster levels
-- (levels.quick, levels.measure: their W): its one round times every candidate alike, so a
-- level's winner is judged by its time in that same run. Nil when the sweep timed nothing; else
-- the workloads it timed, and a row per workload some level lists: kernels timed, the sweep's
-- winner (the fastest, the first timed among equals) and its time, and per level its winner,
-- that winner's time in the sweep and the gap ("-" where the sweep has no ok time of it).
function T.sweep(rows, levels)
  local order, t, txt = sweep_times(rows)
  local best, wls, ntimed = {}, {}, {}
  for _, o in ipairs(order) do
    local wl, k = o[1], o[1] .. "\t" .. o[2]
    if t[k] then
      if not best[wl] then wls[#wls + 1] = wl; best[wl] = o[2]
      elseif t[k] < t[wl .. "\t" .. best[wl]] then best[wl] = o[2] end
      ntimed[wl] = (ntimed[wl] or 0) + 1
    end
  end
  if #wls == 0 then return nil end
  local s = { timed = #wls, rows = {}, has = {} }
  for _, wl in ipairs(wls) do
    local b, row = best[wl], nil
    for _, l in ipairs({ "quick", "measure" }) do
      local w = levels[l] and levels[l][wl]
      if w then
        row = row or { wl = wl, n = ntimed[wl], best = b, time = txt[wl .. "\t" .. b] }
        local tw, g = t[wl .. "\t" .. w], { w = w, t = "-", gap = "-" }
        if w == b then g.t, g.gap = txt[wl .. "\t" .. w], "0.0"
        elseif w ~= "-" and tw then g.t, g.gap = txt[wl .. "\t" .. w], string.format("%.1f", 100 * (tw / t[wl .. "\t" .. b] - 1)) end
        row[l], s.has[l] = g, true
      end
    end
    if row then s.rows[#s.rows + 1] = row end
  end
  return s
end

return T
