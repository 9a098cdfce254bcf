"""Bsale's documented MX endpoints (copied into tests/reference/mx_endpoints.json)."""

from __future__ import annotations

from typing import Any

from tests.coverage_table import country_endpoints


def mx_endpoints() -> dict[str, Any]:
    return country_endpoints("MX")


def mx_keys(endpoint: str) -> list[str]:
    """The keys of the documented MX response example of `"METHOD /path"` (first item of a list,
    `data` of a v2 answer)."""
    example = mx_endpoints()[endpoint]["response"]
    if isinstance(example, dict) and "data" in example:
        example = example["data"]
    if isinstance(example, dict) and "items" in example:
        example = example["items"][0]
    return list(example)
