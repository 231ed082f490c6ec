-- json.lua: a strict JSON reader (RFC 8259) by recursive descent. decode(text) gives objects and
-- arrays as tables (J.kind says which; J.keys gives an object's keys in document order; a repeated
-- key keeps its first place and its last value), strings (escapes decoded, \u to UTF-8), numbers
-- (integers where the text is one), booleans, and J.null. A malformed document raises an error
-- that says what is wrong and, before the end of the text, on which line.
local J = { null = setmetatable({}, { __tostring = function() return "null" end }) }
local kinds, order = setmetatable({}, { __mode = "k" }), setmetatable({}, { __mode = "k" })
local MAXDEPTH = 200
local ESCAPES = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }
local LITERALS = { ["true"] = true, ["false"] = false, null = J.null }
local value

function J.kind(v) return kinds[v] end
function J.keys(obj) return order[obj] or {} end

local function fail(p, msg)
  if p.pos > #p.s then error(msg, 0) end
  local _, nl = p.s:sub(1, p.pos):gsub("\n", "")
  error("line " .. nl + 1 .. ": " .. msg, 0)
end
local function skip(p) p.pos = p.s:find("[^ \t\n\r]", p.pos) or #p.s + 1 end
local function char(p) return p.s:sub(p.pos, p.pos) end
local function found(p) return (p.s:match('^"[^"\n]*"', p.pos) or p.s:match("^[%w.+-]+", p.pos) or char(p)):sub(1, 40) end
local function at(path) return path == "" and "" or " at " .. path end

-- The number of a JSON number's text, or nil when the text is not one ("01", "1.", ".5", "+1").
local function number(t)
  local rest = t:match("^-?0(.*)$") or t:match("^-?[1-9]%d*(.*)$")
  rest = rest and (rest:match("^%.%d+(.*)$") or rest)
  rest = rest and (rest:match("^[eE][-+]?%d+(.*)$") or rest)
  return rest == "" and tonumber(t) or nil
end

-- The code point of \uXXXX at pos (a surrogate pair as one); leaves pos after it.
local function unicode(p)
  local function hex()
    local h = p.s:match("^\\u(%x%x%x%x)", p.pos)
    if not h then fail(p, "a \\u escape without four hex digits") end
    p.pos = p.pos + 6
    return tonumber(h, 16)
  end
  local c = hex()
  if c >= 0xDC00 and c <= 0xDFFF then fail(p, "a lone surrogate in a \\u escape") end
  if c < 0xD800 or c > 0xDBFF then return utf8.char(c) end
  local lo = p.s:sub(p.pos, p.pos + 1) == "\\u" and hex() or 0
  if lo < 0xDC00 or lo > 0xDFFF then fail(p, "a lone surrogate in a \\u escape") end
  return utf8.char(0x10000 + (c - 0xD800) * 0x400 + (lo - 0xDC00))
end

-- The string at pos (its opening quote); leaves pos after it.
local function str(p, path)
  local out = {}
  p.pos = p.pos + 1
  while true do
    local j = p.s:find('["\\\0-\31]', p.pos)
    if not j then p.pos = #p.s + 1; fail(p, "a string that never ends" .. at(path)) end
    out[#out + 1], p.pos = p.s:sub(p.pos, j - 1), j
    local c, e = char(p), p.s:sub(j + 1, j + 1)
    if c == '"' then p.pos = j + 1; return table.concat(out) end
    if c ~= "\\" then fail(p, "a control character in a string" .. at(path)) end
    if e == "" then p.pos = #p.s + 1; fail(p, "a string that never ends" .. at(path)) end
    if not ESCAPES[e] and e ~= "u" then fail(p, "an unknown escape \\" .. e .. " in a string") end
    if e == "u" then out[#out + 1] = unicode(p) else out[#out + 1], p.pos = ESCAPES[e], j + 2 end
  end
end

-- After a member: true at the closing bracket, false at a comma; leaves pos after either.
local function next_member(p, close, path)
  skip(p)
  local c = char(p)
  if c == "," or c == close then p.pos = p.pos + 1; return c == close end
  local where = path == "" and "the top value" or path
  if p.pos > #p.s then fail(p, "the document ends too early, in " .. where) end
  fail(p, "expected ',' or '" .. close .. "' in " .. where .. ", found " .. found(p))
end

-- The object or array at pos, by its members.
local function members(p, path, close)
  local t, keys = {}, {}
  kinds[t], order[t] = close == "}" and "object" or "array", close == "}" and keys or nil
  p.pos = p.pos + 1
  skip(p)
  if char(p) == close then p.pos = p.pos + 1; return t end
  repeat
    if close == "]" then
      t[#t + 1] = value(p, path == "" and tostring(#t) or path .. "." .. #t)
    else
      skip(p)
      if p.pos > #p.s then fail(p, "the document ends too early, in " .. (path == "" and "the top value" or path)) end
      if char(p) ~= '"' then fail(p, "expected a key in " .. (path == "" and "the top object" or path) .. ", found " .. found(p)) end
      local k = str(p, path)
      skip(p)
      if p.pos > #p.s then fail(p, 'the document ends too early, after the key "' .. k .. '"') end
      if char(p) ~= ":" then fail(p, 'expected \':\' after the key "' .. k .. '"') end
      p.pos = p.pos + 1
      if t[k] == nil then keys[#keys + 1] = k end
      t[k] = value(p, path == "" and k or path .. "." .. k)
    end
  until next_member(p, close, path)
  return t
end

function value(p, path)
  skip(p)
  if p.pos > #p.s then fail(p, "the document ends too early" .. (path == "" and "" or ", at " .. path)) end
  local c = char(p)
  if c == "{" or c == "[" then
    p.depth = p.depth + 1
    if p.depth > MAXDEPTH then fail(p, "nested deeper than " .. MAXDEPTH .. " levels") end
    local v = members(p, path, c == "{" and "}" or "]")
    p.depth = p.depth - 1
    return v
  end
  if c == '"' then return str(p, path) end
  local word = p.s:match("^[%w.+-]+", p.pos) or c
  local v = number(word)
  -- 1e999 is well formed but no double holds it: a broken file, not a figure
  if v ~= nil and not (v > -math.huge and v < math.huge) then fail(p, "a number out of range " .. word .. at(path)) end
  if v == nil then v = LITERALS[word] end
  if v == nil then fail(p, (word:match("^[-%d]") and "a malformed number " or "unexpected ") .. word .. at(path)) end
  p.pos = p.pos + #word
  return v
end

function J.decode(s)
  local p = { s = s, pos = 1, depth = 0 }
  skip(p)
  if p.pos > #s then error("empty file", 0) end
  local v = value(p, "")
  skip(p)
  if p.pos <= #s then fail(p, "text after the end of the document: " .. found(p)) end
  return v
end

return J
