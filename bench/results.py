"""The result arithmetic and number format that bench/compare.py and bench/pytorch/workloads.py share."""


def median(values):
    """The median; the mean of the middle two for an even count (as burnj's runner computes it)."""
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def fmt(v, thousands=""):
    """Three significant digits or whole units, whichever is longer: 94712, 251, 5.13, 0.081."""
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}".replace(",", thousands)
    return f"{v:.{0 if a >= 100 else 1 if a >= 10 else 2 if a >= 1 else 3}f}"
