-- tmpl.lua: the template language. A template is C text with Lua where something varies:
--   a line whose first non-blank character is '@' is a Lua statement;
--   $(expr) anywhere else is replaced by tostring(expr), raw.
-- Each template line becomes exactly one line of the compiled Lua chunk, so a Lua error
-- reads "template-file:line: message". Each output line remembers the template line that
-- made it, so the writer can emit #line directives pointing back into the template.
local M = {}

-- Split "text $(a) more $(b(c))" into Lua concatenation pieces; parentheses balance.
local function subst(text, file, lineno)
  local parts, pos = {}, 1
  while true do
    local s = text:find("$(", pos, true)
    if not s then break end
    if s > pos then parts[#parts + 1] = string.format("%q", text:sub(pos, s - 1)) end
    local depth, i = 1, s + 2
    while i <= #text and depth > 0 do
      local c = text:sub(i, i)
      if c == "(" then depth = depth + 1 elseif c == ")" then depth = depth - 1 end
      i = i + 1
    end
    if depth > 0 then error(string.format("%s:%d: unclosed $( in template text", file, lineno), 0) end
    parts[#parts + 1] = "_s(" .. text:sub(s + 2, i - 2) .. ")"
    pos = i
  end
  if pos <= #text then parts[#parts + 1] = string.format("%q", text:sub(pos)) end
  if #parts == 0 then return '""' end
  return table.concat(parts, "..")
end

-- Compile template text into function(env) -> list of {line = n, text = s}.
function M.compile(text, file)
  local lua = {}
  local n = 0
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\n") do
    n = n + 1
    local code = line:match("^%s*@(.*)$")
    if code then
      lua[n] = code
    else
      lua[n] = "_o(" .. n .. "," .. subst(line, file, n) .. ")"
    end
  end
  local src = table.concat(lua, "\n")
  return function(env)
    local out = {}
    local box = {
      _o = function(l, s) out[#out + 1] = { line = l, text = s } end,
      _s = function(v)
        if v == nil then error("template substitutes nil", 2) end
        return tostring(v)
      end,
    }
    -- Templates read only their parameter table (and a few pure libraries): an unknown
    -- name is an error at its template line, never a silent nil.
    setmetatable(box, { __index = function(_, k)
      local v = env[k]
      if v == nil then error("undefined name '" .. tostring(k) .. "'", 2) end
      return v
    end })
    local chunk, err = load(src, "@" .. file, "t", box)
    if not chunk then error(err, 0) end
    chunk()
    return out
  end
end

-- Render output lines to C text with #line directives back into the template.
function M.render(lines, file)
  local buf, expect = {}, nil
  for _, l in ipairs(lines) do
    if l.line ~= expect then buf[#buf + 1] = string.format('#line %d "%s"', l.line, file) end
    buf[#buf + 1] = l.text
    expect = l.line + 1
  end
  return table.concat(buf, "\n") .. "\n"
end

-- The pure libraries every template may use besides its parameters.
M.stdlib = { string = string, math = math, table = table, ipairs = ipairs, pairs = pairs,
  tostring = tostring, tonumber = tonumber, error = error, assert = assert, select = select,
  type = type, setmetatable = setmetatable }

return M
