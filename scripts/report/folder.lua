-- folder.lua: one results/<machine-id>/ folder: picks its tune level, reads and checks each file
-- the report uses, names each one it leaves out, and lists what it read and what it did not.
local U = require("util")
local J = require("json")
local I = require("inputs")
local T = require("tune")
local F = {}
local LEVELS = { "exhaustive", "measure", "quick" } -- most thorough first: the tie-break between levels

local readers = {
  json = { J.decode, "unparsable JSON: " },
  summary = { I.summary, "" },
}
for _, kind in ipairs({ "winners", "journal", "compare", "bench" }) do
  readers[kind] = { function(text) return I.tsv(text, kind) end, "malformed " .. kind .. " TSV: " }
end

-- What path holds, read as kind (a key of readers); nil and why when it is not usable.
local function load(path, kind)
  local text, err = U.read(path)
  if not text then return nil, err end
  if text == "" then return nil, "empty file" end
  local ok, v = pcall(readers[kind][1], text)
  if ok then return v end
  return nil, readers[kind][2] .. tostring(v)
end

-- Workload -> winner of a winners file's rows.
local function kernels(rows)
  local W = {}
  for _, f in ipairs(rows) do W[f[1]] = f[2] end
  return W
end

-- The machine.json and the winners files: the machine's record with its level (the one that
-- covers the most workloads: a default tune of every model beats an exhaustive study of two;
-- among equals, the most thorough), or nil when the folder is skipped.
local function machine(d)
  if d.entries["machine.json"] ~= "f" then return d.leftout(d.name, "no machine.json; folder skipped") end
  local doc, why = load(d.dir .. "/machine.json", "json")
  local ok, m = doc ~= nil, why
  if ok then ok, m = pcall(I.machine, doc, d.name) end
  if not ok then return d.left("machine.json", m .. "; folder skipped") end
  m.levels, m.read, m.absent = {}, { "machine.json" }, {}
  local best = 0
  for _, l in ipairs(LEVELS) do
    local f = "winners-" .. l .. ".tsv"
    local rows, err
    if d.exists(f) then rows, err = load(d.dir .. "/" .. f, "winners") end
    if rows then
      m.levels[l] = kernels(rows)
      if #rows > best then m.level, m.winners, best = l, rows, #rows end
    elseif err then
      d.left(f, err)
    end
  end
  if not m.level then
    return d.leftout(d.name, "no usable winners file (winners-exhaustive.tsv, winners-measure.tsv or winners-quick.tsv); folder skipped")
  end
  table.insert(m.read, "winners-" .. m.level .. ".tsv")
  return m
end

-- The exhaustive sweep against the quick and measure winners, with each level's last session's
-- cost from its summary (the main level's summary was read, or named as left out, already).
local function sweep(d, m, rows)
  local levels = { quick = m.levels.quick, measure = m.levels.measure }
  for _, l in ipairs({ "quick", "measure" }) do
    if levels[l] and l ~= m.level then table.insert(m.read, "winners-" .. l .. ".tsv") end
  end
  m.sweep, m.lcost = T.sweep(rows, levels), {}
  for _, l in ipairs(LEVELS) do
    if l == m.level then
      m.lcost[l] = m.summ
    elseif (l == "exhaustive" or m.levels[l]) and d.exists("summary-" .. l .. ".md") then
      m.lcost[l] = d.use("summary-" .. l .. ".md", "summary", m)
    end
  end
end

-- Reads the folder d.dir (named d.name; d.entries: its names and their types, as find's %y
-- gives them); calls d.leftout(what, why) for each file or folder left out. Returns the
-- machine's record, or nil when the folder is skipped.
function F.read(d)
  function d.exists(file) return d.entries[file] ~= nil and d.entries[file] ~= "l" end
  function d.left(file, why) return d.leftout(d.name .. "/" .. file, why) end
  -- file read as kind: nil when it is absent (so listed), or unusable (so named as left out).
  function d.use(file, kind, m)
    if not d.exists(file) then table.insert(m.absent, file); return nil end
    local v, why = load(d.dir .. "/" .. file, kind)
    if not v then return d.left(file, why) end
    table.insert(m.read, file)
    return v
  end
  local m = machine(d)
  if not m then return nil end
  local L = m.level
  m.summ = d.use("summary-" .. L .. ".md", "summary", m)
  local jrows = d.use("journal-" .. L .. ".tsv", "journal", m)
  if jrows then m.cost, m.why = T.journal(jrows, kernels(m.winners)) end
  local doc = d.use("gbench-" .. L .. ".json", "json", m)
  if doc then m.labels, m.cnt = I.counters(doc, kernels(m.winners)) end
  m.compare = d.use("compare.tsv", "compare", m)
  -- make bench's rows (the layer's, where it has them): an older folder has none, and is not
  -- told it lacks them.
  if d.exists("bench.tsv") then m.bench = d.use("bench.tsv", "bench", m) end
  local sweeprows = L == "exhaustive" and jrows or nil
  if L ~= "exhaustive" and d.exists("journal-exhaustive.tsv") then
    sweeprows = d.use("journal-exhaustive.tsv", "journal", m)
  end
  if sweeprows then sweep(d, m, sweeprows) end
  F.sources(d, m)
  return m
end

-- Whatever else the folder holds, named so a reader knows it was seen and not used.
function F.sources(d, m)
  local names, read = {}, {}
  for _, f in ipairs(m.read) do read[f] = true end
  for name, t in pairs(d.entries) do
    if t ~= "l" and name:sub(1, 1) ~= "." and not read[name] then names[#names + 1] = name end
  end
  table.sort(names)
  local s = table.concat(names, ", ")
  if #names > 0 and #m.absent > 0 then s = s .. "; " end
  if #m.absent > 0 then s = s .. "absent: " .. table.concat(m.absent, ", ") end
  m.used, m.unused = table.concat(m.read, ", "), s
end

return F
