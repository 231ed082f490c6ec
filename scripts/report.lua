-- report.lua: the report that compares CPUs, run by scripts/report.sh (which gives it a scratch
-- folder it removes afterwards). Reads every results/<machine-id>/ folder and writes REPORT.md,
-- REPORT.html and plots/ (gnuplot charts) next to them. A malformed or partial folder or file is
-- named on stderr and in the report's "Left out" section, then skipped; the exit status is
-- non-zero only when no folder is usable or gnuplot fails. Output is written to temporary names
-- and renamed, and a file whose bytes would not change is left alone, so a re-run changes nothing.
-- Usage: lua5.4 scripts/report.lua SCRATCH [--results DIR] [--out DIR]
local here = arg[0]:match("^(.*)/[^/]*$") or "."
package.path = here .. "/report/?.lua;" .. package.path
local U = require("util")
local F = require("folder")
local R = require("model")
local P = require("plots")
local MD = require("markdown")
local H = require("html")
local PLOTS = { "gflops", "pct-peak", "decode-gbs" }
local USAGE = "usage: scripts/report.sh [--results DIR] [--out DIR]\n"

local function die(msg)
  io.stderr:write("report: " .. msg .. "\n")
  os.exit(1)
end

local function sh(cmd) return os.execute(cmd) == true end

-- A path as one word of a shell command, which no command takes for an option.
local function path(p) return "'" .. (p:sub(1, 1) == "-" and "./" .. p or p):gsub("'", "'\\''") .. "'" end

local function options(argv)
  local o, i = { tmp = argv[1], results = "results" }, 2
  while argv[i] do
    local a = argv[i]
    if a == "-h" or a == "--help" then io.stdout:write(USAGE); os.exit(0) end
    if (a ~= "--results" and a ~= "--out") or not argv[i + 1] then io.stderr:write(USAGE); os.exit(2) end
    o[a:sub(3)], i = argv[i + 1], i + 2
  end
  o.out = o.out or o.results
  return o
end

-- PNG where gnuplot can make one (pngcairo draws the cleanest text), SVG only as the last resort.
local function terminal()
  if not sh("command -v gnuplot >/dev/null 2>&1") then
    die("gnuplot is missing: install gnuplot-nox (scripts/deps.sh lists it)")
  end
  local p = io.popen("gnuplot -e 'set terminal' 2>&1 </dev/null")
  local terms = "\n" .. p:read("a")
  p:close()
  local function has(t) return terms:find("\n *" .. t .. " ") ~= nil end
  for _, t in ipairs({ "pngcairo", "png" }) do if has(t) then return t, "png" end end
  if has("svg") then return "svg", "svg" end
  die("this gnuplot has neither a PNG nor an SVG terminal")
end

-- The names in a folder and their types, as find's %y gives them following links (f, d; l for
-- a broken link).
local function entries(dir)
  local p = io.popen("find -L " .. path(dir) .. " -mindepth 1 -maxdepth 1 -printf '%y %f\\0' 2>/dev/null")
  local t = {}
  for y, name in p:read("a"):gmatch("(%S) ([^\0]*)\0") do t[name] = y end
  p:close()
  return t
end

-- Every usable machine folder under results, in name order; leftout(what, why) for the rest.
local function scan(results, leftout)
  local names, machines = {}, {}
  for name, y in pairs(entries(results)) do
    if y == "d" and name:sub(1, 1) ~= "." and name ~= "plots" then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local dir = results .. "/" .. name
    local ok, m = pcall(F.read, { dir = dir, name = name, entries = entries(dir), leftout = leftout })
    if not ok then
      leftout(name, "unreadable: " .. tostring(m) .. "; folder skipped")
    elseif m then
      machines[#machines + 1] = m
    end
  end
  return machines
end

-- REPORT.md, REPORT.html and the charts into tmp.
local function render(r, tmp, term, ext)
  local ok, err = pcall(function()
    local charts = P.write(r, tmp, term, ext)
    U.write(tmp .. "/REPORT.md", MD.render(r, charts))
  end)
  if not ok then die("could not render the report: " .. tostring(err)) end
  if not sh("cd " .. path(tmp) .. " && gnuplot plots.gp >gnuplot.log 2>&1") then
    io.stderr:write(U.read(tmp .. "/gnuplot.log") or "")
    die("gnuplot failed (its messages are above)")
  end
  for line in U.lines(U.read(tmp .. "/plots.gp")) do
    local f = line:match('^set output "(.*)"$')
    if f and (U.read(tmp .. "/" .. f) or "") == "" then die("gnuplot drew no " .. f) end
  end
  U.write(tmp .. "/REPORT.html", H.render(U.read(tmp .. "/REPORT.md")))
end

-- Puts src's bytes at dst through a temporary name and a rename; an unchanged file keeps its
-- bytes and its date.
local function install(src, dst)
  local new = assert(U.read(src))
  if U.read(dst) == new then return end
  local dir, base = dst:match("^(.-)([^/]*)$")
  local tmp = dir .. ".report." .. base .. "." .. math.random(1000000000)
  U.write(tmp, new)
  local ok, err = os.rename(tmp, dst)
  if not ok then os.remove(tmp); die("cannot write " .. dst .. ": " .. err) end
end

local function main(argv)
  local o = options(argv)
  if not sh("test -d " .. path(o.results)) then die("no results folder '" .. o.results .. "'") end
  local term, ext = terminal()
  if not sh("mkdir -p " .. path(o.out)) then die("cannot create '" .. o.out .. "'") end
  local left = {}
  local machines = scan(o.results, function(what, why)
    left[#left + 1] = { what, why }
    io.stderr:write("report: warning: left out " .. what .. ": " .. why .. "\n")
  end)
  if #machines == 0 then die("no usable results folder under '" .. o.results .. "' (see the warnings above)") end
  render(R.new(machines, left), o.tmp, term, ext)
  if not sh("mkdir -p " .. path(o.out .. "/plots")) then die("cannot create '" .. o.out .. "/plots'") end
  for _, p in ipairs(PLOTS) do
    for _, e in ipairs({ "png", "svg" }) do
      local f = p .. "." .. e
      if U.read(o.tmp .. "/" .. f) then
        install(o.tmp .. "/" .. f, o.out .. "/plots/" .. f)
      else
        os.remove(o.out .. "/plots/" .. f) -- a chart this run does not draw (no decode workload, another format)
      end
    end
  end
  install(o.tmp .. "/REPORT.html", o.out .. "/REPORT.html")
  install(o.tmp .. "/REPORT.md", o.out .. "/REPORT.md")
  print("report: " .. o.out .. "/REPORT.md, " .. o.out .. "/REPORT.html and " .. o.out .. "/plots/ from " ..
    #machines .. " machine(s) (" .. #left .. " left out)")
end

local ok, err = pcall(main, arg)
if not ok then die(tostring(err)) end
