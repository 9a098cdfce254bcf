"""Numbers in admin bodies and queries: read or refused with a message naming the field (the
admin endpoints answer a ValueError as 400), never a raw Python message or an absurd value."""

from __future__ import annotations

import math
from typing import Any

INT64 = 2**63


def integer(value: Any, name: str, low: int = -INT64, high: int = INT64 - 1) -> int:
    """`value` (a JSON integer or a string of digits) as an int in [low, high]."""
    if isinstance(value, str) and value.strip().lstrip("-").isdecimal() and len(value) < 20:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} must be an integer between {low} and {high}")
    return value


def number(value: Any, name: str, low: float = -math.inf, high: float = math.inf) -> float:
    """`value` (a JSON number or a numeric string) as a float in [low, high] (never NaN)."""
    try:
        read = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else math.nan
    except ValueError:
        read = math.nan
    if not low <= read <= high:
        raise ValueError(f"{name} must be a number" + (f" between {low:g} and {high:g}" if high < math.inf else ""))
    return read
