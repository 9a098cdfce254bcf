"""Reading request bodies the way Bsale (a Rails app) does: numeric strings are numbers
(`{"id": "42"}`), a value of the wrong shape is Bsale's type error, never a 500.

One bound for every number a client sends, applied here so that no handler sees an absurd value:
integers (ids, flags, dates, folios) fit Bsale's 4-byte columns, other numbers (prices, costs,
quantities, amounts) stay below a trillion like Bsale's decimal columns, percentages lie in 0-100.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from mockbsale.http.errors import TYPE_MISMATCH, BsaleError, bad_request

MISSING: Any = object()
INT_LIMIT = 2**31
OUT_OF_RANGE = '"{name}" is out of range for ActiveRecord::Type::Integer with limit 4'
AMOUNT_LIMIT = 1e12
DECIMAL_OUT_OF_RANGE = '"{name}" is out of range for ActiveRecord::Type::Decimal'
INVALID_PERCENTAGE = "Invalid percentage, negative values are not allowed for this type of document"


def required_message(name: str) -> str:
    return f"{name} can't be blank"


def _convert(value: Any, kind: str) -> Any:
    if kind == "str":
        if isinstance(value, (dict, list)):
            raise BsaleError(400, TYPE_MISMATCH)
        return str(value)
    if isinstance(value, (bool, dict, list)):
        raise BsaleError(400, TYPE_MISMATCH)
    try:
        number = float(value)
    except ValueError:
        raise BsaleError(400, TYPE_MISMATCH) from None
    if not math.isfinite(number) or (kind == "int" and not number.is_integer()):
        raise BsaleError(400, TYPE_MISMATCH)
    return int(number) if kind == "int" else number


def read(body: Mapping[str, Any], name: str, kind: str, default: Any = MISSING, *, required: bool = False) -> Any:
    """`body[name]` as `kind` (int, float, str); `default` when absent; 400 when required and absent."""
    if name not in body or body[name] is None or body[name] == "":
        if required:
            raise bad_request(required_message(name))
        return None if default is MISSING else default
    value = _convert(body[name], kind)
    if kind == "int" and not -INT_LIMIT <= value < INT_LIMIT:
        raise bad_request(OUT_OF_RANGE.format(name=name))
    if kind == "float" and abs(value) >= AMOUNT_LIMIT:
        raise bad_request(DECIMAL_OUT_OF_RANGE.format(name=name))
    return value


def read_attrs(body: Mapping[str, Any], spec: Mapping[str, tuple[str, Any]], *, with_defaults: bool) -> dict[str, Any]:
    """Every attribute of `spec` ({name: (kind, default)}) found in the body; with defaults for a create."""
    out: dict[str, Any] = {}
    for name, (kind, default) in spec.items():
        if name in body:
            value = read(body, name, kind)
            out[name] = default if value is None else value
        elif with_defaults:
            out[name] = default
    return out


def objects(body: Mapping[str, Any], name: str, *, required: bool = False) -> list[dict[str, Any]]:
    """`body[name]` as a list of JSON objects (absent: empty); another shape is Bsale's type error;
    `required`: an absent or empty list answers `<name> can't be blank`."""
    value = body.get(name)
    if value is None:
        value = []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise BsaleError(400, TYPE_MISMATCH)
    if required and not value:
        raise bad_request(required_message(name))
    return value


def read_amount(body: Mapping[str, Any], name: str, default: Any = None, *, required: bool = False) -> Any:
    """A price, cost or quantity: a number below a trillion (Bsale's decimal columns)."""
    return read(body, name, "float", default, required=required)


def read_percentage(body: Mapping[str, Any], name: str, default: Any = None) -> Any:
    """A percentage (a tax's, a discount): 0 to 100, else Bsale's invalid percentage."""
    value = read_amount(body, name, default)
    if value is not None and not 0 <= value <= 100:
        raise bad_request(INVALID_PERCENTAGE)
    return value
