-- html.lua: REPORT.md to a standalone REPORT.html, for the Markdown that markdown.lua writes and
-- nothing more: headings, paragraphs, bullet lists, pipe tables, images on a line of their own,
-- and inline `code`, **bold** and [links](#anchors). Images stay relative, so the page opens
-- from disk next to its plots/ folder.
local U = require("util")
local H = {}

local HEAD = [[
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>mhatune: attention kernels across CPUs</title>
<style>
body { font-family: sans-serif; max-width: 1400px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f3f3f3; }
tr:nth-child(even) td { background: #fafafa; }
code { font-size: 0.95em; background: #f3f3f3; padding: 0 0.2em; }
img { max-width: 100%; border: 1px solid #eee; }
</style>
</head>
<body>
]]

local ENTITIES = { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }
local function esc(s) return (s:gsub('[&<>"]', ENTITIES)) end

local function slug(s) return (s:lower():gsub("`", ""):gsub("[^a-z0-9]+", "-"):gsub("^%-", ""):gsub("%-$", "")) end

-- Inline markup: code spans first, so nothing inside them is read as markup.
local function inline(s)
  s = s:gsub("\\([<>])", "%1") -- Markdown's escaped angle brackets; esc() makes them entities
  local seg, out = U.split(s, "`"), {}
  for i, part in ipairs(seg) do
    local t = esc(part)
    if i % 2 == 0 and i < #seg then
      out[#out + 1] = "<code>" .. t .. "</code>"
    else
      if i % 2 == 0 then t = "`" .. t end -- an unpaired backtick stays as written
      -- one at a time from the left, each over the text the last one left
      local n
      repeat t, n = t:gsub("%*%*([^*]+)%*%*", "<strong>%1</strong>", 1) until n == 0
      repeat t, n = t:gsub("%[([^%]]+)%]%(([^)]+)%)", '<a href="%2">%1</a>', 1) until n == 0
      out[#out + 1] = t
    end
  end
  return table.concat(out)
end

-- The cells of a table row; "\|" is a literal bar inside a cell.
local function cells(line)
  line = line:gsub("\\|", "\1"):gsub("^|", ""):gsub("|$", "")
  local t = U.split(line, "|")
  for i, c in ipairs(t) do t[i] = c:gsub("\1", "|"):gsub("^ +", ""):gsub(" +$", "") end
  return t
end

-- A pipe table's line: its header, then the separator (alignment per column), then a row.
local function table_line(st, line, put)
  if not st.table then
    st.head, st.table, st.rowno = cells(line), true, 0
    return
  end
  st.rowno = st.rowno + 1
  if st.rowno == 1 then
    local sep = cells(line)
    put("<table><thead><tr>")
    for i, h in ipairs(st.head) do
      st.align[i] = (sep[i] or ""):match(":$") and ' style="text-align:right"' or ""
      put("<th" .. st.align[i] .. ">" .. inline(h) .. "</th>")
    end
    put("</tr></thead><tbody>")
    return
  end
  local row = {}
  for i, c in ipairs(cells(line)) do row[i] = "<td" .. (st.align[i] or "") .. ">" .. inline(c) .. "</td>" end
  put("<tr>" .. table.concat(row) .. "</tr>")
end

function H.render(md)
  local out, st = { HEAD }, { para = "", align = {} }
  local function put(s) out[#out + 1] = s .. "\n" end
  local function close()
    if st.para ~= "" then put("<p>" .. inline(st.para) .. "</p>"); st.para = "" end
    if st.list then put("</ul>"); st.list = false end
    if st.table then put("</tbody></table>"); st.table = false end
  end
  for line in U.lines(md) do
    local hashes, text = line:match("^(#+) (.*)$")
    local alt, src = line:match("^!%[([^%]]*)%]%(([^)]+)%)$")
    if hashes then
      close()
      put("<h" .. #hashes .. ' id="' .. slug(text) .. '">' .. inline(text) .. "</h" .. #hashes .. ">")
    elseif line:sub(1, 1) == "|" then
      if st.para ~= "" or st.list then close() end
      table_line(st, line, put)
    elseif alt then
      close()
      put('<p><img src="' .. esc(src) .. '" alt="' .. esc(alt) .. '"></p>')
    elseif line:sub(1, 2) == "- " then
      if st.para ~= "" or st.table then close() end
      if not st.list then put("<ul>"); st.list = true end
      put("<li>" .. inline(line:sub(3)) .. "</li>")
    elseif line == "" then
      close()
    else
      if st.list or st.table then close() end
      st.para = st.para .. (st.para == "" and "" or " ") .. line
    end
  end
  close()
  put("</body>")
  put("</html>")
  return table.concat(out)
end

return H
