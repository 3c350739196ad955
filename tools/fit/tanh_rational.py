#!/usr/bin/python3
"""Coefficients of the cpu backend's float tanh (ElementwiseMath.tanhForFloat):

    tanh(x) ~ v * P(v^2) / Q(v^2),  v = x clamped to [-C, C],  P of degree 4, Q of degree 4 with Q(0) = 1,

fitted by iteratively reweighted linear least squares on the relative error over [0, C] (C is where float tanh
rounds to 1), then checked in float32 Horner arithmetic over [-12, 12] and down to 1e-30. The Java function clamps
the input at 9 instead and the result to [-1, 1]: the rational passes 1 at 8.5, so large inputs give exactly +-1.
Needs only numpy:

    /usr/bin/python3 tools/fit/tanh_rational.py
"""
import numpy as np

C = 7.90531110763549805
P_TERMS, Q_TERMS = 5, 4


def fit():
    x = np.concatenate([np.linspace(1e-4, 1, 40000), np.linspace(1, C, 60000)])
    t = np.tanh(x)
    u = x * x
    weight = np.ones_like(x)
    for _ in range(30):
        # t * Q(u) - x * P(u) = 0, linear in the coefficients; dividing by the previous Q makes it the relative error.
        a = np.zeros((len(x), P_TERMS + Q_TERMS))
        for k in range(P_TERMS):
            a[:, k] = -x * u**k
        for k in range(1, Q_TERMS + 1):
            a[:, P_TERMS + k - 1] = t * u**k
        w = weight / np.abs(t)
        m = a * w[:, None]
        scale = np.linalg.norm(m, axis=0)
        sol = np.linalg.lstsq(m / scale, -t * w, rcond=None)[0] / scale
        p = sol[:P_TERMS]
        q = np.concatenate([[1.0], sol[P_TERMS:]])
        weight = 1 / np.abs(np.polyval(q[::-1], u))
    return np.float32(p), np.float32(q)


def tanh32(x, p, q):
    v = np.clip(np.float32(x), np.float32(-C), np.float32(C))
    u = v * v
    num = p[-1]
    for c in p[-2::-1]:
        num = num * u + c
    den = q[-1]
    for c in q[-2::-1]:
        den = den * u + c
    return v * num / den


def main():
    p, q = fit()
    xs = np.concatenate([np.linspace(-12, 12, 2000001), np.logspace(-30, 1, 100000)]).astype(np.float32)
    ref = np.tanh(xs.astype(np.float64))
    got = tanh32(xs, p, q).astype(np.float64)
    rel = np.abs(got - ref) / np.maximum(np.abs(ref), 1e-38)
    print(f"max relative error in float32: {rel.max():.3g} at x = {xs[rel.argmax()]:g}")
    print("P: " + ", ".join(f"{float(c)!r}f" for c in p))
    print("Q: " + ", ".join(f"{float(c)!r}f" for c in q))


if __name__ == "__main__":
    main()
