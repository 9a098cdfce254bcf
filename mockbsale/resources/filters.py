"""List filters as Bsale names them (lower case), each compiled once per request.

A value may be one item or a list in any client syntax (`variantid=[12,13]`, `code=a,b`); a list
matches any of its items. A value that cannot be read matches nothing (Bsale does not reject it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mockbsale.http.query import parse_list
from mockbsale.store.table import Row, Table

if TYPE_CHECKING:
    from mockbsale.domain.context import Ctx

DAY = 86400
BOOLEANS = {"true": 1, "false": 0}
Predicate = Callable[[Row], bool]


@dataclass(frozen=True)
class Selection:
    """What one filter keeps: candidate ids from an index, and/or a per-row predicate."""

    candidates: list[int] | None = None
    predicate: Predicate | None = None


@dataclass(frozen=True)
class Filter:
    """`key` is the row key compared; `kind` is int, float, bool, str, date, daterange, since or until
    (float compares numbers even where the row stores them as strings, `"19.0"`; bool reads
    `true`/`false`; since and until keep the rows dated that UTC day or after / or before).
    min and max keep the rows whose number is at least / at most the value; `compute(ctx, row)`
    gives that number instead of `row[key]` (a price or a stock derived from other tables).

    `via=(table, key)` matches rows of another table first (`kind` then reads the value compared
    with that table's `key`) and compares their ids with `key`
    (e.g. stocks by variant `code`: `Filter("variantId", "str", via=("variants", "code"))`);
    `via_key` compares another key of those rows instead of their ids (variants by the serial
    numbers of their receptions: `Filter("id", "str", via=("stock_reception_details",
    "serialNumber"), via_key="variantId")`).
    """

    key: str
    kind: str = "int"
    indexed: bool = False
    via: tuple[str, str] | None = None
    via_key: str = "id"
    compute: Callable[[Ctx, Row], Any] | None = None

    def compile(self, ctx: Ctx, table: Table, raw: str) -> Selection:
        if self.kind in ("min", "max"):
            return Selection(predicate=_bounded(self._number_of(ctx), _number(raw), self.kind == "min"))
        if self.kind == "daterange":
            return Selection(predicate=_date_range(self.key, raw))
        if self.kind in ("since", "until"):
            key = self.key
            return Selection(predicate=_bounded(lambda row: _day(row.get(key)), _day(raw), self.kind == "since"))
        if self.kind == "date":
            days = {_day(value) for value in parse_list(raw)} - {None}
            key = self.key
            return Selection(predicate=lambda row: _day(row.get(key)) in days)
        values = _coerce_all(parse_list(raw) or [raw], self.kind)
        if self.via:
            other, other_key = self.via
            source = ctx.company.table(other)
            values = {row[self.via_key] for value in values for row in source.find(other_key, value)}
        if table.is_indexed(self.key):
            ids: set[int] = set()
            for value in values:
                ids.update(table.lookup(self.key, value))
            return Selection(candidates=sorted(ids))
        key = self.key
        if self.kind == "float":
            return Selection(predicate=lambda row: _number(row.get(key)) in values)
        return Selection(predicate=lambda row: row.get(key) in values)

    def _number_of(self, ctx: Ctx) -> Callable[[Row], float | None]:
        compute, key = self.compute, self.key
        return lambda row: _number(compute(ctx, row) if compute else row.get(key))


def _coerce_all(raw_values: list[str], kind: str) -> set[Any]:
    values: set[Any] = set()
    for raw in raw_values:
        try:
            if kind == "bool" and raw.lower() in BOOLEANS:
                values.add(BOOLEANS[raw.lower()])
            elif kind in ("int", "bool"):
                values.add(int(float(raw)))
            elif kind == "float":
                values.add(float(raw))
            else:
                values.add(raw)
        except (ValueError, OverflowError):
            continue
    return values


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> int | None:
    """The UTC calendar day of a Unix time (seconds; milliseconds are recognised)."""
    try:
        seconds = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    if seconds > 100_000_000_000:
        seconds //= 1000
    return seconds // DAY


def _date_range(key: str, raw: str) -> Predicate:
    bounds = [_day(value) for value in parse_list(raw)]
    if len(bounds) != 2 or None in bounds:
        return lambda row: False
    low, high = bounds
    return lambda row: (day := _day(row.get(key))) is not None and low <= day <= high  # type: ignore[operator]


def _bounded(value: Callable[[Row], float | None], bound: float | None, at_least: bool) -> Predicate:
    """Rows whose `value` is at least (or at most) `bound`; none when the bound cannot be read."""
    if bound is None:
        return lambda row: False
    limit: float = bound

    def keep(row: Row) -> bool:
        found = value(row)
        return found is not None and (found >= limit if at_least else found <= limit)

    return keep
