"""From what the API serves back to stored rows: the inverse of `resources.render`, driven by the same
registry. An item's attributes become the row's, its links the foreign keys (`{"id": "3"}` -> `3`), and
the expanded sub-collections rows of their own tables, keyed to the item."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mockbsale.dataset.schema import Column, columns
from mockbsale.resources.registry import REGISTRY, Attr, Children, Link, Resource
from mockbsale.store.table import Row

Rows = dict[str, dict[int, Row]]
"""Table -> id -> row."""


def add_items(rows: Rows, resource: Resource, items: Iterable[dict[str, Any]], parent_id: int | None = None) -> None:
    """Store `items` of `resource` (as one of its list pages serves them) as rows of its table."""
    served = REGISTRY[resource.serves] if resource.serves else resource
    stored = columns()[served.table]
    for item in items:
        row: Row = {}
        for spec in served.fields:
            if spec.name not in item:
                continue
            value = item[spec.name]
            if isinstance(spec, Attr):
                row[spec.source] = value
            elif isinstance(spec, Link):
                row[spec.key] = linked_id(value)
            elif isinstance(spec, Children) and isinstance(value, dict) and "items" in value:
                add_items(rows, REGISTRY[spec.target], value["items"], item["id"])
            elif isinstance(value, dict) and "id" in value and stored.get(key_of(spec.name), Column("")).references:
                row[key_of(spec.name)] = linked_id(value)
        if resource.parent_key and parent_id is not None:
            row[resource.parent_key] = parent_id
        rows.setdefault(served.table, {}).setdefault(row["id"], {}).update(row)


def key_of(name: str) -> str:
    """The foreign key a computed link is read from: `payment_type` -> `paymentTypeId`."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest) + "Id"


def linked_id(value: Any) -> int | None:
    """The id of a link (`{"href", "id": "3"}`, or the expanded object)."""
    if isinstance(value, dict) and value.get("id") not in (None, ""):
        return int(value["id"])
    return None
