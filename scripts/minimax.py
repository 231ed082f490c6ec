#!/usr/bin/env python3
"""minimax.py: the coefficients of the vector exp2's polynomial (templates/isa_*.lua).

Remez exchange for the polynomial p of degree N that minimises the largest relative error
|p(f) - 2^f| / 2^f over f in [-1/2, 1/2], in double precision. Prints the coefficients
(constant first) and the error it reaches before float rounding.
Usage: scripts/minimax.py [N]   (default 6)
"""
import math
import sys


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                k = m[r][c] / m[c][c]
                for q in range(c, n + 1):
                    m[r][q] -= k * m[c][q]
    return [m[i][n] / m[i][i] for i in range(n)]


def remez(n, lo=-0.5, hi=0.5, iters=30, grid=20000):
    m = n + 2
    xs = [0.5 * (lo + hi) - 0.5 * (hi - lo) * math.cos(math.pi * i / (m - 1)) for i in range(m)]
    pts = [lo + (hi - lo) * k / grid for k in range(grid + 1)]
    for _ in range(iters):
        # p(x_i) + (-1)^i E 2^x_i = 2^x_i: equal relative error of alternating sign.
        sol = solve([[x ** j for j in range(n + 1)] + [(-1) ** i * 2.0 ** x] for i, x in enumerate(xs)],
                    [2.0 ** x for x in xs])
        c = sol[:n + 1]
        err = [(sum(cj * x ** j for j, cj in enumerate(c)) - 2.0 ** x) / 2.0 ** x for x in pts]
        ext = [pts[0]] + [pts[k] for k in range(1, grid) if (err[k] - err[k - 1]) * (err[k + 1] - err[k]) <= 0] + [pts[-1]]
        if len(ext) == m:
            xs = ext
    return c, max(abs(e) for e in err)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    c, e = remez(n)
    print("degree %d, max relative error %.3g" % (n, e))
    for j, cj in enumerate(c):
        print("c%d = %.9g" % (j, cj))
