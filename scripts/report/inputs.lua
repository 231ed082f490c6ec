-- inputs.lua: checks the files of one results folder and reads them into tables. Every check
-- raises an error string that says what is wrong (the caller names the file and leaves it out):
-- a file is used whole or not at all, since a table missing some rows would read as if those
-- rows never existed.
local U = require("util")
local J = require("json")
local I = {}

-- The header and the numeric columns of each results TSV, as harness/tune.c and compare write them.
-- A tune since the paired final adds two columns to the winners (vs_default: the untuned
-- default's time over the winner's in the final; untuned: 1 when the default was kept);
-- winners files from before them still read.
local tsv = {
  winners = { header = "# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates", numeric = { 3, 4, 5, 6, 7, 8 } },
  winners_final = { header = "# workload\twinner\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tcandidates\tvs_default\tuntuned",
    numeric = { 3, 4, 5, 6, 7, 8, 9, 10 } },
  journal = { header = "# key\tkernel\tround\tstatus\tmedian_s\tcv\tgflops\treps\tnote", numeric = { 3, 5, 6, 7, 8 } },
  compare = { header = "# workload\timpl\tstatus\tmedian_s\tcv\tgflops\tpct_peak\tgbs\tdetail", numeric = { 4, 5, 6, 7, 8 } },
  bench = { header = "# case\timpl\tstatus\tmedian_s\tcv\tgflops\tgbs_kv\ttargets\tdetail", numeric = { 4, 5, 6, 7 } },
}
for _, k in pairs(tsv) do
  k.names = U.split(k.header, "\t")
  k.names[1] = k.names[1]:sub(3)
end

-- A workload key's fields, or nil when s is not one: model/phase/B/Hq/Hkv/Nq/Nk/d/causal, then,
-- each only when set and in this order, as harness/journal.c writes them: /kv-TYPE (a K/V cache
-- in f32 has none), /qo-TYPE (Q and O in bf16 or f16; f32 has none), /wN (a window, causal only), /scX (a softcap > 0, as %g prints it) and
-- /lens-a-b-... (a padded batch: B lengths, each 0 .. Nk).
local KV = { ["f16"] = true, ["bf16"] = true, ["q8_0"] = true }
local QO = { ["f16"] = true, ["bf16"] = true }
function I.workload(s)
  local model, phase, B, Hq, Hkv, Nq, Nk, D, c, rest =
    s:match("^([%w._+-]+)/(%l+)/B(%d+)/Hq(%d+)/Hkv(%d+)/Nq(%d+)/Nk(%d+)/d(%d+)/c([01])(.*)$")
  if not model then return nil end
  local w = { model = model, phase = phase, B = tonumber(B), Hq = tonumber(Hq), Hkv = tonumber(Hkv),
    Nq = tonumber(Nq), Nk = tonumber(Nk), D = tonumber(D), causal = c == "1", kv = "f32", qo = "f32", window = 0, softcap = 0 }
  local kv, r = rest:match("^/kv%-([%w_]+)(.*)$")
  if kv then
    if not KV[kv] then return nil end
    w.kv, rest = kv, r
  end
  local qo, rq = rest:match("^/qo%-([%w_]+)(.*)$")
  if qo then
    if not QO[qo] then return nil end
    w.qo, rest = qo, rq
  end
  local win, r2 = rest:match("^/w(%d+)(.*)$")
  if win then
    w.window, rest = tonumber(win), r2
    if w.window < 1 or not w.causal then return nil end
  end
  local sc, r3 = rest:match("^/sc([%d.e+-]+)(.*)$")
  if sc then
    w.softcap, rest = tonumber(sc), r3
    if not w.softcap or not (w.softcap > 0 and w.softcap < math.huge) then return nil end
  end
  local lens = rest:match("^/lens%-([%d-]+)$")
  if lens then
    w.lens, rest = {}, ""
    for _, n in ipairs(U.split(lens, "-")) do
      if not n:match("^%d+$") or tonumber(n) > w.Nk then return nil end
      w.lens[#w.lens + 1] = tonumber(n)
    end
    if #w.lens ~= w.B then return nil end
  end
  return rest == "" and w or nil
end
function I.is_workload(s) return I.workload(s) ~= nil end

-- A decimal number of a size a figure of ours can have: 1e999 is well formed but infinite, and
-- 1e308 a double that turns every ratio, percentage and plot made from it infinite; no time,
-- rate, byte count or share we write comes near 1e15. Past it: a broken file, not a figure.
local function is_number(s)
  local rest = s:match("^-?%d+%.?%d*(.*)$") or s:match("^-?%.%d+(.*)$")
  local v = tonumber(s)
  return rest ~= nil and (rest == "" or rest:match("^[eE][-+]?%d+$") ~= nil) and v ~= nil and
    math.abs(v) < 1e15
end

-- The checks of one row f (its fields) of a kind beyond the column count and the numbers.
local rowcheck = {}
function rowcheck.winners(f, bad, seen)
  if not I.is_workload(f[1]) then bad('not a workload key: "' .. f[1] .. '"') end
  if not f[2]:match("^[%w_]+$") and f[2] ~= "-" then bad('not a kernel name: "' .. f[2] .. '"') end
  if seen[f[1]] then bad("workload " .. f[1] .. " listed twice") end
  seen[f[1]] = true
  if f[2] ~= "-" and not (tonumber(f[5]) > 0) then bad("winner " .. f[2] .. " has no positive GFLOP/s") end
  for c = 3, 8 do -- a time, a spread, rates, a share, a count: never negative
    if tonumber(f[c]) < 0 then bad(tsv.winners.names[c] .. ' is negative: "' .. f[c] .. '"') end
  end
  if f[10] and f[10] ~= "0" and f[10] ~= "1" then bad('untuned is not 0 or 1: "' .. f[10] .. '"') end
  if f[9] and tonumber(f[9]) < 0 then bad('vs_default is negative: "' .. f[9] .. '"') end
end
-- A gate's key: "-", or "-/qo-bf16" / "-/qo-f16" for a gate with that Q/O type.
-- A GEMM's gate is "gemm-", its timings "gemm/M<m>/N<n>/K<k>" (harness/tune_gemm.c).
local GATE = { ["-"] = true, ["-/qo-bf16"] = true, ["-/qo-f16"] = true, ["gemm-"] = true }
local function is_gemm_key(s) return s:match("^gemm/M%d+/N%d+/K%d+$") ~= nil end
function rowcheck.journal(f, bad)
  if not GATE[f[1]] and not I.is_workload(f[1]) and not is_gemm_key(f[1]) then
    bad('not a workload key: "' .. f[1] .. '"')
  end
  -- Each round of successive halving halves the candidates: a journal has a few dozen at most
  -- (the report lists every round up to the last, so 2^64 would never end).
  if not f[3]:match("^-?%d+$") or tonumber(f[3]) < -1 or tonumber(f[3]) > 64 then
    bad('round is not -1 .. 64: "' .. f[3] .. '"')
  end
  if not f[4]:match("^[%l_]+$") then bad('not a status: "' .. f[4] .. '"') end
  for _, c in ipairs({ 5, 6, 7, 8 }) do -- a time, a spread, a rate, a count: never negative
    if tonumber(f[c]) < 0 then bad(tsv.journal.names[c] .. ' is negative: "' .. f[c] .. '"') end
  end
end
function rowcheck.compare(f, bad, seen)
  if not I.is_workload(f[1]) then bad('not a workload key: "' .. f[1] .. '"') end
  if not f[2]:match("^[%l%d_-]+$") then bad('not an implementation name: "' .. f[2] .. '"') end
  if not ({ ok = 1, unsupported = 1, failed = 1 })[f[3]] then bad('status is not ok, unsupported or failed: "' .. f[3] .. '"') end
  if seen[f[1] .. "\t" .. f[2]] then bad(f[2] .. " on " .. f[1] .. " listed twice") end
  seen[f[1] .. "\t" .. f[2]] = true
  if f[3] == "ok" and not (tonumber(f[6]) > 0) then bad(f[2] .. " on " .. f[1] .. " is ok with no positive GFLOP/s") end
end

-- bench.tsv (harness/bench.c): any case key, an implementation, a status ("-": a call not made).
function rowcheck.bench(f, bad, seen)
  if not f[1]:match("^[%w._+,/-]+$") then bad('not a case key: "' .. f[1] .. '"') end
  if not f[2]:match("^[%l%d_-]+$") then bad('not an implementation name: "' .. f[2] .. '"') end
  if not ({ ok = 1, unsupported = 1, failed = 1, ["-"] = 1 })[f[3]] then bad('status is not ok, unsupported, failed or -: "' .. f[3] .. '"') end
  if seen[f[1] .. "\t" .. f[2]] then bad(f[2] .. " on " .. f[1] .. " listed twice") end
  seen[f[1] .. "\t" .. f[2]] = true
  -- A memory case measures bytes, not time: its time is 0.
  if f[3] == "ok" and not f[1]:match("^memory/") and not (tonumber(f[4]) > 0) then
    bad(f[2] .. " on " .. f[1] .. " is ok with no positive time")
  end
end

-- The layer rows of bench.tsv (harness/bench_layer.c): kind and fields of a key, or nil.
function I.layer_key(s)
  local M, N, K, t = s:match("^gemm/M(%d+)/N(%d+)/K(%d+)/t(%d+)$")
  if M then return { kind = "gemm", M = tonumber(M), N = tonumber(N), K = tonumber(K), threads = tonumber(t) } end
  local model, n, c, t2 = s:match("^layer/([%w._+,-]+)/N(%d+)/c([01])/t(%d+)$")
  if model then return { kind = "layer", model = model, tokens = tonumber(n), causal = c == "1", threads = tonumber(t2) } end
  local model2, cache, t3 = s:match("^step/([%w._+,-]+)/cache(%d+)/t(%d+)$")
  if model2 then return { kind = "step", model = model2, cache = tonumber(cache), threads = tonumber(t3) } end
  return nil
end

-- The rows of a results TSV of that kind (winners, journal, compare or bench), each a list of fields.
function I.tsv(text, kind)
  local k, rows, seen, n = tsv[kind], {}, {}, 0
  for line in U.lines(text) do
    n = n + 1
    local function bad(msg) error("line " .. n .. ": " .. msg, 0) end
    line = line:gsub("\r$", "")
    if n == 1 then
      if kind == "winners" and line == tsv.winners_final.header then k = tsv.winners_final end
      if line ~= k.header then bad('the header is not the expected "' .. k.header .. '"') end
    elseif line ~= "" then
      local f = U.split(line, "\t")
      if #f ~= #k.names then bad(#f .. " columns, expected " .. #k.names) end
      for _, c in ipairs(k.numeric) do
        -- unsupported or failed comparisons carry no timing; "-" says so
        if not (kind == "compare" and f[3] ~= "ok" and f[c] == "-") and not is_number(f[c]) then
          bad(k.names[c] .. ' is not a number of a figure\'s size (under 1e15): "' .. f[c] .. '"')
        end
      end
      rowcheck[kind](f, bad, seen)
      rows[#rows + 1] = f
    end
  end
  if #rows == 0 then error("a header and no rows", 0) end
  return rows
end

-- The numbers of the summary's line "Tune wall time N s; M measurements this run, K from the
-- journal; F failures." (the last such line), as written.
function I.summary(text)
  local found
  for line in U.lines(text) do
    local w, m, k, f = line:match("^Tune wall time ([%d.]+) s; (%d+) measurements this run, (%d+) from the journal; (%d+) failures%.$")
    if w then found = { wall = w, thisrun = m, fromjournal = k, failures = f } end
  end
  return found or error('no line "Tune wall time N s; M measurements this run, K from the journal; F failures."', 0)
end

-- Text from machine.json for the report: control characters (a decoded \n or \t) as spaces.
local function clean(v) return type(v) == "string" and (v:gsub("[\0-\31]", " ")) or v end

-- One machine's record from its machine.json (cpu: the folder's name): what the report shows.
function I.machine(doc, cpu)
  if J.kind(doc) ~= "object" then error("the document is not an object", 0) end
  local function get(path)
    local v = doc
    for key in path:gmatch("[^.]+") do v = J.kind(v) == "object" and v[key] or nil end
    return clean(v)
  end
  local function need(key, t)
    local v = get(key)
    if v == nil then error('no "' .. key .. '"', 0) end
    if type(v) ~= t then error('"' .. key .. '" is not a ' .. t, 0) end
    return v
  end
  local function positive(key)
    local v = need(key, "number")
    if not (v > 0) then error('"' .. key .. '" is not positive: ' .. tostring(v), 0) end
    return v
  end
  local function whole(key, v)
    if math.type(v) ~= "integer" or v < 0 then error('"' .. key .. '" is not a whole number' ..
      (key == "cores" and "" or " of bytes") .. ": " .. tostring(v), 0) end
    return v
  end
  -- Optional keys: "-" when absent, empty or not of the expected type.
  local function maybe(key, t)
    local v = get(key)
    return type(v) == t and v ~= "" and v or "-"
  end
  local m = { cpu = cpu }
  m.id = need("machine_id", "string")
  m.model = need("model", "string")
  m.isa = need("isa", "string")
  if not m.isa:match("^[%l%d_]+$") then error('"isa" is not an ISA name: ' .. m.isa, 0) end
  m.cores = whole("cores", positive("cores"))
  m.l1d = whole("l1d_bytes", need("l1d_bytes", "number"))
  m.l2 = whole("l2_bytes", need("l2_bytes", "number"))
  m.l3 = whole("l3_bytes", need("l3_bytes", "number"))
  -- The peak that counts is the one of the ISA the winners were tuned for.
  m.peak, m.peak1 = positive("peak_gflops." .. m.isa .. ".all"), maybe("peak_gflops." .. m.isa .. ".one", "number")
  m.bw, m.bw1 = positive("read_gbs.all"), maybe("read_gbs.one", "number")
  -- The bf16 dot-product peak (VDPBF16PS): a positive number, "none" where the tune wrote null
  -- (no AVX512_BF16), "-" where machine.json predates it.
  local bf = get("bf16_peak_gflops")
  if bf == J.null then m.bf16peak = "none"
  elseif bf == nil then m.bf16peak = "-"
  else m.bf16peak = positive("bf16_peak_gflops.all") end
  -- AMX-BF16 tiles there and granted (the bf16 family's AMX form runs): true, false, or nil
  -- where machine.json predates it.
  local amx = J.kind(doc) == "object" and doc.amx -- get() cannot return false
  if type(amx) == "boolean" then m.amx = amx end
  m.vendor, m.counters, m.compiler = maybe("vendor", "string"), maybe("counters", "string"), maybe("compiler", "string")
  m.cflags, m.hash = maybe("cflags", "string"), maybe("template_hash", "string")
  return m
end

-- Keys of a Google Benchmark run that are not counters: its own, and the harness's rates.
local standard = {}
for k in ("family_index per_family_instance_index repetitions repetition_index threads iterations " ..
  "real_time cpu_time GFLOP/s GB/s run_name run_type aggregate_name error_occurred"):gmatch("%S+") do
  standard[k] = true
end

-- One benchmark run: its counters (any other numeric key: PAPI labels such as "cycles" or
-- "PAPI_TOT_CYC", per call), whether it is a source (rank 2 for a median aggregate, 1 for a
-- plain repetition, 0 for the rest), and its repetitions.
local function run(b, labels, seen)
  local r = { ctr = {} }
  for _, k in ipairs(J.keys(b)) do
    if type(b[k]) == "number" and not standard[k] then
      if not seen[k] then seen[k] = true; labels[#labels + 1] = k end
      r.ctr[#r.ctr + 1] = { k, b[k] }
    end
  end
  local function text(v) return (type(v) == "string" or type(v) == "number") and tostring(v) or "" end
  r.rank = text(b.run_type) ~= "aggregate" and 1 or text(b.aggregate_name) == "median" and 2 or 0
  r.reps, r.name, r.broken = tonumber(b.repetitions) or 0, text(b.run_name), b.error_occurred == true
  return r
end

-- The hardware counters of each winner (W: workload -> winner) in a Google Benchmark JSON
-- document: every label seen, in document order, and values[workload][label] from one run per
-- winner: the median over the most repetitions, then the later run, as the tune's last word.
function I.counters(doc, W)
  local want, labels, seen, chosen, values = {}, {}, {}, {}, {}
  for wl, k in pairs(W) do if k ~= "-" then want[wl .. "/" .. k .. "/"] = wl end end
  local list = J.kind(doc) == "object" and doc.benchmarks
  if J.kind(list) ~= "array" then return labels, values end
  for _, b in ipairs(list) do
    if J.kind(b) == "object" then
      local r = run(b, labels, seen)
      -- run_name is workload/kernel/min_time:.../repeats:.../real_time (a key may have suffixes)
      local pre = r.name:match("^(.-/)min_time:")
      local c = pre and chosen[pre]
      if not r.broken and #r.ctr > 0 and r.rank > 0 and want[pre] and
        not (c and (r.rank < c.rank or r.rank == c.rank and r.reps < c.reps)) then
        chosen[pre] = r
      end
    end
  end
  for pre, r in pairs(chosen) do
    values[want[pre]] = {}
    for _, kv in ipairs(r.ctr) do values[want[pre]][kv[1]] = kv[2] end
  end
  return labels, values
end

return I
