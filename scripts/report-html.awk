# report-html.awk: REPORT.md to a standalone REPORT.html, for the Markdown that
# report-render.awk writes and nothing more: headings, paragraphs, bullet lists, pipe tables,
# images on a line of their own, and inline `code`, **bold** and [links](#anchors).
# Images stay relative, so the page opens from disk next to its plots/ folder.

BEGIN {
  print "<!DOCTYPE html>"
  print "<html lang=\"en\">"
  print "<head>"
  print "<meta charset=\"utf-8\">"
  print "<title>mhatune: attention kernels across CPUs</title>"
  print "<style>"
  print "body { font-family: sans-serif; max-width: 1400px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }"
  print "table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }"
  print "th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }"
  print "th { background: #f3f3f3; }"
  print "tr:nth-child(even) td { background: #fafafa; }"
  print "code { font-size: 0.95em; background: #f3f3f3; padding: 0 0.2em; }"
  print "img { max-width: 100%; border: 1px solid #eee; }"
  print "</style>"
  print "</head>"
  print "<body>"
}

function esc(s) {
  gsub(/&/, "\\&amp;", s)
  gsub(/</, "\\&lt;", s)
  gsub(/>/, "\\&gt;", s)
  gsub(/"/, "\\&quot;", s)
  return s
}

function slug(s) {
  s = tolower(s)
  gsub(/`/, "", s)
  gsub(/[^a-z0-9]+/, "-", s)
  gsub(/^-|-$/, "", s)
  return s
}

# Inline markup: code spans first, so nothing inside them is read as markup.
function inline(s,   n, seg, i, t, out, a, b) {
  gsub(/\\</, "<", s) # Markdown's escaped angle brackets; esc() makes them entities
  gsub(/\\>/, ">", s)
  n = split(s, seg, "`")
  out = ""
  for (i = 1; i <= n; i++) {
    t = esc(seg[i])
    if (i % 2 == 0 && i < n) { out = out "<code>" t "</code>"; continue }
    if (i % 2 == 0) t = "`" t  # an unpaired backtick stays as written
    while (match(t, /\*\*[^*]+\*\*/)) t = substr(t, 1, RSTART - 1) "<strong>" substr(t, RSTART + 2, RLENGTH - 4) "</strong>" substr(t, RSTART + RLENGTH)
    while (match(t, /\[[^]]+\]\([^)]+\)/)) {
      a = substr(t, RSTART + 1, RLENGTH - 2)
      b = index(a, "](")
      t = substr(t, 1, RSTART - 1) "<a href=\"" substr(a, b + 2) "\">" substr(a, 1, b - 1) "</a>" substr(t, RSTART + RLENGTH)
    }
    out = out t
  }
  return out
}

# The cells of a table row; "\|" is a literal bar inside a cell.
function cells(line, arr,   n, i) {
  gsub(/\\\|/, "\001", line)
  sub(/^\|/, "", line)
  sub(/\|$/, "", line)
  n = split(line, arr, "|")
  for (i = 1; i <= n; i++) {
    gsub(/\001/, "|", arr[i])
    sub(/^ +/, "", arr[i])
    sub(/ +$/, "", arr[i])
  }
  return n
}

function close_blocks() {
  if (para != "") { print "<p>" inline(para) "</p>"; para = "" }
  if (inlist) { print "</ul>"; inlist = 0 }
  if (intable) { print "</tbody></table>"; intable = 0 }
}

/^#+ / {
  close_blocks()
  lvl = index($0, " ") - 1
  text = substr($0, lvl + 2)
  print "<h" lvl " id=\"" slug(text) "\">" inline(text) "</h" lvl ">"
  next
}

/^\|/ {
  if (para != "" || inlist) close_blocks()
  if (!intable) {
    nh = cells($0, head)
    intable = 1
    rowno = 0
    next
  }
  if (++rowno == 1) {
    # the separator row: alignment per column, then the header
    cells($0, sep)
    print "<table><thead><tr>"
    for (i = 1; i <= nh; i++) {
      align[i] = sep[i] ~ /:$/ ? " style=\"text-align:right\"" : ""
      print "<th" align[i] ">" inline(head[i]) "</th>"
    }
    print "</tr></thead><tbody>"
    next
  }
  n = cells($0, row)
  printf "<tr>"
  for (i = 1; i <= n; i++) printf "<td%s>%s</td>", align[i], inline(row[i])
  print "</tr>"
  next
}

/^!\[[^]]*\]\([^)]+\)$/ {
  close_blocks()
  b = index($0, "](")
  print "<p><img src=\"" esc(substr($0, b + 2, length($0) - b - 2)) "\" alt=\"" esc(substr($0, 3, b - 3)) "\"></p>"
  next
}

/^- / {
  if (para != "" || intable) close_blocks()
  if (!inlist) { print "<ul>"; inlist = 1 }
  print "<li>" inline(substr($0, 3)) "</li>"
  next
}

/^$/ { close_blocks(); next }

{
  if (inlist || intable) close_blocks()
  para = para (para == "" ? "" : " ") $0
}

END {
  close_blocks()
  print "</body>"
  print "</html>"
}
