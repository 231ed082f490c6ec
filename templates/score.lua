-- score.lua: the score step of the 0.2 features, one rule for every K form and ISA. Between
-- S = Q K^T and the softmax, a kernel caps the scores (softcap), adds the ALiBi bias and masks
-- the keys before a row's sliding window, as mha_kernel.h says. Scores are in base 2 (Q was
-- scaled by scale * log2(e)), so with S = log2(e) s and c = softcap:
--   log2(e) c tanh(s / c) = log2(e) c (1 - 2 / (1 + 2^(2 S / c)))
-- the argument of 2^ clamped to [-64, 64] (where tanh is +-1 in fp32), and the bias is
-- log2(e) slope (j - p(i)). Each step sits behind one branch per row (or per key tile in the
-- ql form) that the plain path never takes, outside the loops that compute S and P V.
-- Given an ISA vocabulary V, returns the emitters; each gives C lines for a template's $(line).
return function(V)
  local E, L = {}, V.lanes
  local LOG2E = "1.44269504088896341f"

  -- The capped score of vector x (base 2), with k = 2 / c and cl = log2(e) c broadcast.
  local function cap(x)
    local z = V.min(V.max(V.mul(x, "k_"), V.set1("-64.0f")), V.set1("64.0f"))
    return V.mul("cl_", V.sub(V.set1("1.0f"), V.div(V.set1("2.0f"), V.add(V.set1("1.0f"), V.exp2(z)))))
  end
  local function cap_consts(out)
    out[#out + 1] = "const " .. V.vt .. " k_ = " .. V.set1("2.0f / t->softcap") .. ", cl_ = " ..
      V.set1("t->softcap * " .. LOG2E) .. ";"
  end

  -- Row-major S (the t and dot forms): row pointer s of nkvp scores (keys j0 .. j0+nkv-1, the
  -- rest padding the mask overwrites), its diagonal key p (a long expression) and its head
  -- index into t->alibi. Before the causal mask and the max.
  function E.rows(s, p, head)
    local o = {}
    local function w(x) o[#o + 1] = x end
    w("if (feat) {")
    w("  const long p_ = " .. p .. ";")
    w("  if (t->softcap > 0.0f) {")
    w("    " .. (function() local c = {} cap_consts(c) return c[1] end)())
    w("    for (int j = 0; j < nkvp; j += " .. L .. ") " .. V.store(s .. " + j", cap(V.load(s .. " + j"))) .. ";")
    w("  }")
    w("  if (t->alibi) {")
    w("    const " .. V.vt .. " sl_ = " .. V.set1("t->alibi[" .. head .. "] * " .. LOG2E) .. ", st_ = " ..
      V.set1(L .. ".0f") .. ";")
    w("    " .. V.vt .. " jv_ = " .. V.add(V.iota, V.set1("(float)(j0 - p_)")) .. ";")
    w("    for (int j = 0; j < nkvp; j += " .. L .. ", jv_ = " .. V.add("jv_", "st_") .. ") " ..
      V.store(s .. " + j", V.fma("sl_", "jv_", V.load(s .. " + j"))) .. ";")
    w("  }")
    w("  if (t->window)")
    w("    for (long j = 0; j < p_ - t->window + 1 - j0 && j < nkv; j++) " .. s .. "[j] = -INFINITY;")
    w("}")
    return o
  end

  -- Lane-major S^T (the ql form): Sh[j * qt + r] for keys j < nkv and the tile's qt rows,
  -- row r's diagonal key i0 + r + t->diag; alibi index head. Before the causal mask.
  function E.lanes(qt, head)
    local o = {}
    local function w(x) o[#o + 1] = x end
    local iv = qt // L
    w("if (feat) {")
    w("  if (t->softcap > 0.0f) {")
    local c = {}
    cap_consts(c)
    w("    " .. c[1])
    w("    for (int j = 0; j < nkv; j++)")
    w("      for (int v = 0; v < " .. qt .. "; v += " .. L .. ") {")
    w("        float *sj_ = Sh + (size_t)j * " .. qt .. " + v;")
    w("        " .. V.store("sj_", cap(V.load("sj_"))) .. ";")
    w("      }")
    w("  }")
    w("  if (t->alibi) {")
    w("    const " .. V.vt .. " sl_ = " .. V.set1("t->alibi[" .. head .. "] * " .. LOG2E) .. ";")
    w("    for (int j = 0; j < nkv; j++)")
    w("      for (int v = 0; v < " .. qt .. "; v += " .. L .. ") {")
    w("        float *sj_ = Sh + (size_t)j * " .. qt .. " + v;")
    w("        const " .. V.vt .. " d_ = " .. V.sub(V.set1("(float)(j0 + j - i0 - t->diag - v)"), V.iota) .. ";")
    w("        " .. V.store("sj_", V.fma("sl_", "d_", V.load("sj_"))) .. ";")
    w("      }")
    w("  }")
    w("  if (t->window) /* row r sees key j0 + j iff r < j0 + j - i0 - diag + window */")
    w("    for (int j = 0; j < nkv; j++)")
    w("      for (long r = j0 + j - i0 - t->diag + t->window, r_ = r < 0 ? 0 : r; r_ < " .. qt ..
      "; r_++) Sh[(size_t)j * " .. qt .. " + r_] = -INFINITY;")
    w("}")
    assert(iv >= 1)
    return o
  end

  -- The first key a query tile reads: with a window, keys before the first row's window
  -- start are skipped whole (the cost follows the window, not Nk).
  E.first_key = "long jbeg = 0;\n" ..
    "      if (t->window && (long)i0 + t->diag - t->window + 1 > 0) jbeg = (long)i0 + t->diag - t->window + 1;"
  return E
end
