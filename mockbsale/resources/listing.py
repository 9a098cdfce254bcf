"""Selecting a page of rows: filters, parent scope, stable ascending-id order, exact count."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice

from mockbsale.domain.context import Ctx
from mockbsale.resources.filters import Selection
from mockbsale.resources.registry import Resource
from mockbsale.store.table import Row

STATE_FILTER = "state"


def select(
    ctx: Ctx,
    resource: Resource,
    query: Mapping[str, str],
    limit: int,
    offset: int,
    parent_id: int | None = None,
) -> tuple[int, list[Row]]:
    """(count of every match, the rows of the page)."""
    table = ctx.table(resource.table)
    selections: list[Selection] = []
    if parent_id is not None and resource.parent_key:
        selections.append(Selection(candidates=table.lookup(resource.parent_key, parent_id)))
    for name, spec in resource.filters_for(ctx.country).items():
        raw = query.get(name)
        if raw is not None and raw != "":
            selections.append(spec.compile(ctx, table, raw))
    if not selections:
        return len(table), list(islice(table, offset, offset + limit))
    candidate_lists = [s.candidates for s in selections if s.candidates is not None]
    predicates = [s.predicate for s in selections if s.predicate is not None]
    if candidate_lists:
        ids = candidate_lists[0]
        for other in candidate_lists[1:]:
            keep = set(other)
            ids = [row_id for row_id in ids if row_id in keep]
        rows = [table.rows[row_id] for row_id in ids]
    else:
        rows = list(table)
    if predicates:
        rows = [row for row in rows if all(p(row) for p in predicates)]
    return len(rows), rows[offset : offset + limit]


def count(ctx: Ctx, resource: Resource, query: Mapping[str, str]) -> int:
    total, _ = select(ctx, resource, query, 0, 0)
    return total
