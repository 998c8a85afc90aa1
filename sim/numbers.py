"""Figures as people read them, in one place: as few decimals as a table needs, and never so few
that an effect which is not zero prints as one ("each hour costs 0.00 points" when it costs
0.004 hides the lesson the figure is there to show).
"""

from __future__ import annotations

import math

SIGNIFICANT = 2
"""Significant digits a small figure keeps: 0.0043 reads 0.0043, not 0.00."""


def places(value: float, least: int = 0) -> int:
    """Decimals to print `value` with: `least`, or more when `least` would leave a non-zero
    value fewer than two significant digits (0.31 at least 2 -> 2; 0.0043 at least 2 -> 4)."""
    if value == 0 or not math.isfinite(value):
        return least
    return max(least, SIGNIFICANT - 1 - math.floor(math.log10(abs(value))))


def fixed(value: float, decimals: int) -> str:
    """`value` with `decimals` decimals, without the sign of a negative zero ("-0.00")."""
    text = f"{value:.{decimals}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def readable(value: float, least: int = 0) -> str:
    """`value` with `least` decimals, or as many more as it needs not to round to nothing."""
    return fixed(value, places(value, least))
