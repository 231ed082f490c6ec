# report-machine.awk: checks a flattened machine.json (report-json.awk's output) and prints it
# as one TSV row for the report, the folder name (-v cpu=...) first. A key the report needs
# that is missing or of the wrong type: it says which on stderr and exits 1.
# Row: cpu machine_id vendor model cores l1d l2 l3 isa peak_all peak_one bw_all bw_one
#      counters compiler cflags template_hash

BEGIN { FS = "\t" }
{ type[$1] = $2; val[$1] = $3 }

function need(key, t) {
  if (!(key in type)) fail("no \"" key "\"")
  if (type[key] != t) fail("\"" key "\" is not a " (t == "n" ? "number" : "string"))
  return val[key]
}

function positive(key,   v) {
  v = need(key, "n")
  if (!(v + 0 > 0)) fail("\"" key "\" is not positive: " v)
  return v
}

# Optional keys: "-" when absent or not of the expected type.
function maybe(key, t) { return (key in type) && type[key] == t && val[key] != "" ? val[key] : "-" }

function fail(msg) {
  print msg > "/dev/stderr"
  failed = 1
  exit 1
}

END {
  if (failed) exit 1
  if (type[""] != "o") fail("the document is not an object")
  id = need("machine_id", "s")
  model = need("model", "s")
  isa = need("isa", "s")
  if (isa !~ /^[a-z0-9_]+$/) fail("\"isa\" is not an ISA name: " isa)
  cores = positive("cores")
  if (cores !~ /^[0-9]+$/) fail("\"cores\" is not a whole number: " cores)
  for (i = 1; i <= 3; i++) {
    k = i == 1 ? "l1d_bytes" : "l" i "_bytes"
    cache[i] = need(k, "n")
    if (cache[i] !~ /^[0-9]+$/) fail("\"" k "\" is not a whole number of bytes: " cache[i])
  }
  # The peak that counts is the one of the ISA the winners were tuned for.
  peak = positive("peak_gflops." isa ".all")
  bw = positive("read_gbs.all")
  row = cpu "\t" id "\t" maybe("vendor", "s") "\t" model "\t" cores
  row = row "\t" cache[1] "\t" cache[2] "\t" cache[3] "\t" isa "\t" peak "\t" maybe("peak_gflops." isa ".one", "n")
  row = row "\t" bw "\t" maybe("read_gbs.one", "n") "\t" maybe("counters", "s") "\t" maybe("compiler", "s")
  row = row "\t" maybe("cflags", "s") "\t" maybe("template_hash", "s")
  print row
}
