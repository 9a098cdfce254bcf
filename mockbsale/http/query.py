"""Query-string parsing in every syntax real Bsale clients send.

`expand=[a,b]`, `expand=a,b`, `expand=["a","b"]` (raw or URL-encoded) all mean the same list;
`limit` is clamped to 50, never rejected; unknown parameters are ignored.
"""

from __future__ import annotations

from collections.abc import Mapping

import orjson

DEFAULT_LIMIT = 25
MAX_LIMIT = 50
MAX_OFFSET = 2**31 - 1
"""Bsale's ids and offsets are 4-byte integers; a larger offset is read as this (an empty page)."""


def parse_list(raw: str | None) -> list[str]:
    """`[a,b]`, `a,b`, `["a","b"]` or `a` -> `["a", "b"]`; garbage yields what can be read."""
    if raw is None:
        return []
    text = raw.strip()
    if text.startswith("["):
        try:
            value = orjson.loads(text)
        except orjson.JSONDecodeError:
            value = None
        if isinstance(value, list):
            return [str(item).strip() for item in value if str(item).strip()]
    text = text.strip("[]")
    return [part.strip().strip("\"'[] ") for part in text.split(",") if part.strip().strip("\"'[] ")]


def parse_int(raw: str | None, default: int) -> int:
    if raw is None:
        return default
    try:
        return int(float(raw.strip()))
    except (ValueError, OverflowError):
        return default


def page_bounds(query: Mapping[str, str]) -> tuple[int, int]:
    """(limit, offset) as Bsale applies them: limit 25 by default, 50 at most, never negative."""
    limit = parse_int(query.get("limit"), DEFAULT_LIMIT)
    if limit <= 0:
        limit = DEFAULT_LIMIT
    offset = min(max(parse_int(query.get("offset"), 0), 0), MAX_OFFSET)
    return min(limit, MAX_LIMIT), offset
