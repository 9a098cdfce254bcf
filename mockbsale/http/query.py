"""Query-string parsing in every syntax real Bsale clients send.

`expand=[a,b]`, `expand=a,b`, `expand=["a","b"]` (raw or URL-encoded) all mean the same list, empty
items dropped; a number is read as Rails reads a parameter (`to_i`: its leading integer); `limit` is
clamped to 50, never rejected; unknown parameters are ignored.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping

import orjson

DEFAULT_LIMIT = 25
MAX_LIMIT = 50
MAX_OFFSET = 2**31 - 1
"""Bsale's ids and offsets are 4-byte integers; a larger offset is read as this (an empty page)."""


def parse_list(raw: str | None) -> list[str]:
    """`[a,b]`, `a,b`, `["a","b"]` or `a` -> `["a", "b"]`; garbage yields what can be read. Only a JSON
    list keeps commas inside its strings (`["a,b"]`); empty items are dropped in every syntax."""
    if raw is None:
        return []
    text = raw.strip()
    if text.startswith("["):
        with contextlib.suppress(orjson.JSONDecodeError):
            value = orjson.loads(text)
            if isinstance(value, list):
                return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip().strip("\"'[] ") for part in text.split(",") if part.strip().strip("\"'[] ")]


LEADING_INTEGER = re.compile(r"\s*([+-]?)(\d+(?:_\d+)*)")
MAX_DIGITS = 19
"""Digits (and `_`) read at most: a longer number is past every bound (and Python's int() limit)."""


def parse_int(raw: str | None, default: int) -> int:
    """The leading integer of `raw`, as Ruby's `to_i` reads it (`"2.7"` -> 2, `"10.0"` -> 10, `"1e2"` -> 1,
    `" 7"` -> 7); `default` when `raw` does not start with one (`"inf"`, `"abc"`, `""`)."""
    if raw is None:
        return default
    found = LEADING_INTEGER.match(raw)
    if found is None:
        return default
    sign, digits = found.groups()
    value = int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS
    return -value if sign == "-" else value


def page_bounds(query: Mapping[str, str]) -> tuple[int, int]:
    """(limit, offset) as Bsale applies them: limit 25 by default, 50 at most, never negative."""
    limit = parse_int(query.get("limit"), DEFAULT_LIMIT)
    if limit <= 0:
        limit = DEFAULT_LIMIT
    offset = min(max(parse_int(query.get("offset"), 0), 0), MAX_OFFSET)
    return min(limit, MAX_LIMIT), offset
