# report-json.awk: checks one JSON document and flattens it for the report's other awk files.
# Input: the document's tokens, one a line (report.sh splits them with grep -o, so this file
# never holds a megabyte-long line). Output: one line per value, "path<TAB>type<TAB>value",
# type s (string), n (number), b (true/false), z (null), o or a (an object or array; value: its
# member count). A path joins keys and array indexes with ".": benchmarks.3.real_time.
# On the first syntax error it says why on stderr and exits 1, so the caller leaves the file out.

{ tok[++n] = $0 }

END {
  if (n == 0) fail("empty file")
  p = 1
  value("")
  if (p <= n) fail("text after the end of the document: " tok[p])
}

function fail(msg) {
  print msg > "/dev/stderr"
  exit 1
}

function child(path, key) { return path == "" ? key : path "." key }

# One value at tok[p], its members recursively; leaves p after it.
function value(path,   t, k, count) {
  if (p > n) fail("the document ends too early")
  t = tok[p++]
  if (t == "\"") fail("a string that never ends" (path == "" ? "" : " at " path))
  if (t == "{" || t == "[") {
    count = 0
    if (tok[p] == (t == "{" ? "}" : "]")) {
      p++
    } else {
      for (;;) {
        if (t == "{") {
          k = tok[p++]
          if (k == "\"") fail("a string that never ends")
          if (k !~ /^".*"$/) fail("expected a key in " (path == "" ? "the top object" : path) ", found " k)
          if (p > n) fail("the document ends too early, after the key " k)
          if (tok[p++] != ":") fail("expected ':' after the key " k)
          value(child(path, unquote(k)))
        } else {
          value(child(path, count))
        }
        count++
        if (tok[p] == ",") { p++; continue }
        if (tok[p] == (t == "{" ? "}" : "]")) { p++; break }
        if (p > n) fail("the document ends too early, in " (path == "" ? "the top value" : path))
        fail("expected ',' or '" (t == "{" ? "}" : "]") "' in " (path == "" ? "the top value" : path) ", found " tok[p])
      }
    }
    print path "\t" (t == "{" ? "o" : "a") "\t" count
  } else if (t ~ /^".*"$/) {
    print path "\ts\t" unquote(t)
  } else if (t ~ /^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/) {
    print path "\tn\t" t
  } else if (t == "true" || t == "false") {
    print path "\tb\t" t
  } else if (t == "null") {
    print path "\tz\t"
  } else {
    fail("unexpected " t (path == "" ? "" : " at " path))
  }
}

# A string token's text. Escapes that would break a TSV line become spaces; \uXXXX stays as
# written (the report shows such text, it never computes with it).
function unquote(t,   s, out, i, c) {
  s = substr(t, 2, length(t) - 2)
  out = ""
  while ((i = index(s, "\\")) > 0) {
    out = out substr(s, 1, i - 1)
    c = substr(s, i + 1, 1)
    if (c == "n" || c == "t" || c == "r" || c == "b" || c == "f") out = out " "
    else if (c == "u") out = out "\\u"
    else out = out c
    s = substr(s, i + 2)
  }
  out = out s
  gsub(/\t/, " ", out)
  return out
}
