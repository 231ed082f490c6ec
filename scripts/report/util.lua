-- util.lua: the small helpers every part of the report shares: number formats, splitting, and
-- whole-file reads and writes.
local U = {}

-- A number as awk prints it (the report's formats came from awk): whole values as integers,
-- others with six significant digits.
function U.num(x)
  if x == math.floor(x) and math.abs(x) < 2 ^ 53 then return string.format("%d", x) end
  return string.format("%.6g", x)
end

function U.f1(x) return string.format("%.1f", x) end

-- The fields of s between each sep (a plain string, not a pattern); "" gives no field.
function U.split(s, sep)
  local t, i = {}, 1
  if s == "" then return t end
  while true do
    local j = s:find(sep, i, true)
    if not j then t[#t + 1] = s:sub(i); return t end
    t[#t + 1] = s:sub(i, j - 1)
    i = j + #sep
  end
end

-- The lines of a text; a last line needs no newline.
function U.lines(text)
  if text ~= "" and text:sub(-1) ~= "\n" then text = text .. "\n" end
  return text:gmatch("(.-)\n")
end

-- A file's bytes; nil and why when it cannot be read (a folder, no permission).
function U.read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local s, rerr = f:read("a")
  f:close()
  if not s then return nil, "cannot read: " .. tostring(rerr) end
  return s
end

function U.write(path, text)
  local f = assert(io.open(path, "wb"))
  assert(f:write(text))
  assert(f:close())
end

return U
