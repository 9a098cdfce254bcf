"""Rows to Bsale JSON: attributes in documented order, links, `fields` and `expand`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlencode

from mockbsale.domain.context import Ctx
from mockbsale.resources.registry import REGISTRY, Attr, Children, Computed, Link, Resource
from mockbsale.store.table import Row

NESTED_LIMIT = 25
KEPT_V2 = frozenset({"href", "id"})
"""What `fields=` never removes from a v2 item (its `href` is an attribute there, not the self link)."""


def resource_path(resource: Resource, row: Row) -> str:
    """`/v1/...` path of one row (its parent id filled in)."""
    if resource.href_target:
        target, key = resource.href_target
        return f"{REGISTRY[target].path}/{row[key]}.json"
    base = resource.path
    if resource.parent_param and resource.parent_key:
        base = base.replace("{" + resource.parent_param + "}", str(row[resource.parent_key]))
    return f"{base}/{row['id']}.json"


def link(ctx: Ctx, target: str, row_id: Any) -> dict[str, str] | None:
    """`{"href": ..., "id": "12"}` for a related row, or None when there is none."""
    if row_id is None:
        return None
    resource = REGISTRY[target]
    if resource.parent_key:
        row = ctx.table(resource.table).get(int(row_id))
        if row is None:
            return None
        path = resource_path(resource, row)
    else:
        path = f"{resource.path}/{row_id}.json"
    return {"href": ctx.base_url + path, "id": str(row_id)}


def render(
    ctx: Ctx,
    resource: Resource,
    row: Row,
    fields: set[str] | None = None,
    expand: Iterable[str] = (),
) -> dict[str, Any]:
    """One row as Bsale serves it. `fields` are lower-cased names; `href` (and `id` on v2) are always kept."""
    if resource.serves:
        resource = REGISTRY[resource.serves]
    if fields is not None:
        fields = fields | KEPT_V2 if resource.v2 else fields
    expand = set(expand)
    self_path = resource_path(resource, row)
    out: dict[str, Any] = {"href": ctx.base_url + self_path} if resource.self_href else {}
    for spec in resource.fields:
        name = spec.name
        if fields is not None and name.lower() not in fields:
            continue
        if isinstance(spec, Attr):
            out[name] = row.get(spec.source)
        elif isinstance(spec, Computed):
            value = spec.compute(ctx, row)
            if value is None and spec.optional:
                continue
            out[name] = value
        elif isinstance(spec, Link):
            if (spec.hidden and name not in expand) or (spec.optional and row.get(spec.key) is None):
                continue
            out[name] = _render_link(ctx, spec, row, name in expand)
        elif isinstance(spec, Children):
            if spec.hidden and name not in expand:
                continue
            if spec.optional and not children_of(ctx, REGISTRY[spec.target], row["id"]):
                continue
            child_href = ctx.base_url + self_path[: -len(".json")] + f"/{name}.json"
            if name in expand:
                out[name] = nested_envelope(ctx, REGISTRY[spec.target], row["id"], child_href)
            else:
                out[name] = {"href": child_href}
    return out


def _render_link(ctx: Ctx, spec: Link, row: Row, expanded: bool) -> Any:
    related_id = row.get(spec.key)
    if not expanded or related_id is None:
        return link(ctx, spec.target, related_id)
    target = REGISTRY[spec.target]
    related = ctx.table(target.table).get(int(related_id))
    if related is None:
        return link(ctx, spec.target, related_id)
    return render(ctx, target, related)


def children_of(ctx: Ctx, resource: Resource, parent_id: int) -> list[Row]:
    table = ctx.table(resource.table)
    assert resource.parent_key is not None
    return table.find(resource.parent_key, parent_id)


def nested_envelope(ctx: Ctx, resource: Resource, parent_id: int, href: str) -> dict[str, Any]:
    """An expanded sub-collection: its own envelope, cut at 25 items with a `next` to the rest."""
    rows = children_of(ctx, resource, parent_id)
    items = [render(ctx, resource, row) for row in rows[:NESTED_LIMIT]]
    return envelope(href, len(rows), NESTED_LIMIT, 0, items, {})


def envelope(
    href: str,
    count: int,
    limit: int,
    offset: int,
    items: list[dict[str, Any]],
    query: dict[str, str],
) -> dict[str, Any]:
    """`{href, count, limit, offset, items}` plus `next` (keeping every filter) if more remain."""
    out: dict[str, Any] = {"href": href, "count": count, "limit": limit, "offset": offset, "items": items}
    if offset + limit < count:
        params = {**query, "limit": str(limit), "offset": str(offset + limit)}
        out["next"] = f"{href}?{urlencode(params, safe='[],')}"
    return out


def v2_body(data: Any, code: int = 200) -> dict[str, Any]:
    """One item (or any value) in the ecommerce envelope."""
    return {"code": code, "data": data}


def v2_page(page: dict[str, Any]) -> dict[str, Any]:
    """A list envelope in the ecommerce form: `items` served as `data`, after `offset`."""
    out = {"code": 200, **{key: page[key] for key in ("href", "count", "limit", "offset")}, "data": page["items"]}
    if "next" in page:
        out["next"] = page["next"]
    return out
