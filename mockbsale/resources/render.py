"""Rows to Bsale JSON: attributes in documented order, links, `fields` and `expand`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from mockbsale.domain.context import Ctx
from mockbsale.domain.countries import CHILE, Country
from mockbsale.resources.registry import REGISTRY, Attr, Children, Computed, Link, Resource
from mockbsale.store.table import Row

NESTED_LIMIT = 25
KEPT_V2 = frozenset({"href", "id"})
"""What `fields=` never removes from a v2 item (its `href` is an attribute there, not the self link)."""


def resource_path(resource: Resource, row: Row) -> str:
    """`/v1/...` path of one row (its parent id filled in)."""
    return plan_of(resource).path_of(row)


Memo = dict[tuple[str, int], dict[str, Any]]
"""Related rows already rendered for one response (`expand=[product]` on a page of variants
renders each product once, and serves the same object wherever it appears)."""
Step = Callable[[Ctx, Row, dict[str, Any], str, Memo], None]
"""Adds one field (or a run of stored attributes) to the item being built; `str` is the row's path."""
Fields = frozenset[str] | None
"""The lower-cased names `fields=` keeps, or None for every field."""


class View:
    """How one resource renders for one `expand` and `fields`: the steps that build an item, in
    documented order, a run of stored attributes copied in one step."""

    __slots__ = ("path_of", "self_href", "steps")

    def __init__(self, path_of: Callable[[Row], str], self_href: bool, steps: list[Step]) -> None:
        self.path_of = path_of
        self.self_href = self_href
        self.steps = steps

    def render(self, ctx: Ctx, row: Row, memo: Memo) -> dict[str, Any]:
        self_path = self.path_of(row)
        out: dict[str, Any] = {"href": ctx.base_url + self_path} if self.self_href else {}
        for step in self.steps:
            step(ctx, row, out, self_path, memo)
        return out


class Plan:
    """How one resource renders in one country, worked out once from its declaration: its path
    template, and a `View` per `expand` and `fields` asked (`href`, and `id` on v2, always kept)."""

    MAX_VIEWS = 64
    """Views kept per resource (one per distinct `expand` and `fields`; more are built and not kept)."""

    def __init__(self, resource: Resource, country: Country) -> None:
        self.resource = resource
        self.country = country
        self.path_of = self._path_function(resource)
        self.expandable = frozenset(resource.expandable())
        self.plain = self._view(frozenset(), None)
        self.views: dict[tuple[frozenset[str], Fields], View] = {(frozenset(), None): self.plain}

    @staticmethod
    def _path_function(resource: Resource) -> Callable[[Row], str]:
        if resource.href_target:
            target, key = resource.href_target
            prefix = REGISTRY[target].path + "/"
            return lambda row: f"{prefix}{row[key]}.json"
        param, parent_key, path = resource.parent_param, resource.parent_key, resource.path
        if param and parent_key:
            head, tail = path.split("{" + param + "}", 1)
            return lambda row: f"{head}{row[parent_key]}{tail}/{row['id']}.json"
        return lambda row: f"{path}/{row['id']}.json"

    def _view(self, expand: frozenset[str], fields: Fields) -> View:
        steps: list[Step] = []
        pairs: list[tuple[str, str]] = []
        for spec, name in self.resource.layout(self.country):
            if fields is not None and name.lower() not in fields:
                continue
            if isinstance(spec, Attr):
                pairs.append((name, spec.source))
                continue
            if pairs:
                steps.append(_attrs_step(tuple(pairs)))
                pairs.clear()
            if isinstance(spec, Computed):
                steps.append(_computed_step(spec, name))
            elif isinstance(spec, Link) and (spec.name in expand or not spec.hidden):
                steps.append(_expanded_link_step(spec, self.country) if spec.name in expand else _link_step(spec))
            elif isinstance(spec, Children) and (spec.name in expand or not spec.hidden):
                steps.append(_children_step(spec, spec.name in expand, self.country))
        if pairs:
            steps.append(_attrs_step(tuple(pairs)))
        return View(self.path_of, self.resource.self_href, steps)

    def view(self, expand: Iterable[str] = (), fields: Iterable[str] | None = None) -> View:
        if not expand and fields is None:
            return self.plain
        if fields is not None and self.resource.v2:
            fields = {*fields, *KEPT_V2}
        key = (frozenset(expand) & self.expandable, None if fields is None else frozenset(fields))
        view = self.views.get(key)
        if view is None:
            view = self._view(*key)
            if len(self.views) < self.MAX_VIEWS:
                self.views[key] = view
        return view


def _attrs_step(pairs: tuple[tuple[str, str], ...]) -> Step:
    """Stored attributes: each `(name, source)` served as `row[source]` (null when the row lacks it)."""

    def step(ctx: Ctx, row: Row, out: dict[str, Any], self_path: str, memo: Memo) -> None:
        get = row.get
        for name, source in pairs:
            out[name] = get(source)

    return step


def _computed_step(spec: Computed, name: str) -> Step:
    """A computed field, served under `name` (the country's name of it)."""
    compute, optional = spec.compute, spec.optional

    def step(ctx: Ctx, row: Row, out: dict[str, Any], self_path: str, memo: Memo) -> None:
        value = compute(ctx, row)
        if value is not None or not optional:
            out[name] = value

    return step


RelatedValue = Callable[[Ctx, Any, Memo], Any]
"""What a link field holds for a related id that is set."""


def _related_step(spec: Link, value: RelatedValue) -> Step:
    """A link field: `value` of the related id, or null when there is none (left out if optional)."""
    name, key, optional = spec.name, spec.key, spec.optional

    def step(ctx: Ctx, row: Row, out: dict[str, Any], self_path: str, memo: Memo) -> None:
        related_id = row.get(key)
        if related_id is not None:
            out[name] = value(ctx, related_id, memo)
        elif not optional:
            out[name] = None

    return step


def _link_value(target_name: str) -> RelatedValue:
    """`{"href", "id"}` of a related row (the id as a string); null when a related row under a
    parent is missing (its path needs the parent's id)."""
    target = REGISTRY[target_name]
    if target.parent_key:
        table = target.table

        def nested(ctx: Ctx, related_id: Any, memo: Memo) -> dict[str, str] | None:
            related = ctx.table(table).get(int(related_id))
            if related is None:
                return None
            return {"href": ctx.base_url + plan_of(target).path_of(related), "id": str(related_id)}

        return nested
    prefix = target.path + "/"
    return lambda ctx, related_id, memo: {"href": f"{ctx.base_url}{prefix}{related_id}.json", "id": str(related_id)}


def _link_step(spec: Link) -> Step:
    return _related_step(spec, _link_value(spec.target))


def _served_view(name: str, country: Country) -> View:
    """The plain view a related resource renders with in a country (that of the resource it `serves`)."""
    resource = REGISTRY[name]
    return plan_of(REGISTRY[resource.serves] if resource.serves else resource, country).plain


def _expanded_link_step(spec: Link, country: Country) -> Step:
    """An expanded link: the related row rendered (once per response), or the plain link if it is gone."""
    target = spec.target
    table, view, plain = REGISTRY[target].table, _served_view(target, country), _link_value(target)

    def expanded(ctx: Ctx, related_id: Any, memo: Memo) -> Any:
        key = (target, int(related_id))
        rendered = memo.get(key)
        if rendered is None:
            related = ctx.table(table).get(key[1])
            if related is None:
                return plain(ctx, related_id, memo)
            rendered = memo[key] = view.render(ctx, related, memo)
        return rendered

    return _related_step(spec, expanded)


def _children_step(spec: Children, expanded: bool, country: Country) -> Step:
    name, optional, suffix = spec.name, spec.optional, f"/{spec.name}.json"
    target = REGISTRY[spec.target]
    table, parent_key = target.table, target.parent_key or ""
    view = _served_view(spec.target, country) if expanded else None

    def step(ctx: Ctx, row: Row, out: dict[str, Any], self_path: str, memo: Memo) -> None:
        rows = ctx.table(table).find(parent_key, row["id"]) if optional or expanded else None
        if optional and not rows:
            return
        href = ctx.base_url + self_path[: -len(".json")] + suffix
        if rows is None or view is None:
            out[name] = {"href": href}
            return
        items = [view.render(ctx, child, memo) for child in rows[:NESTED_LIMIT]]
        out[name] = envelope(href, len(rows), NESTED_LIMIT, 0, items, {})

    return step


_PLANS: dict[tuple[int, str], Plan] = {}


def forget_plans() -> None:
    """Drop every plan: the next render makes them again from the declarations as they are then (a
    new app and a reset render with the declarations as they are at that moment; a test may change one)."""
    _PLANS.clear()


def plan_of(resource: Resource, country: Country = CHILE) -> Plan:
    """The resource's plan in a country (its fields and names there), made on first use
    (declarations do not change once registered); paths are the same in every country."""
    key = (id(resource), country.code)
    plan = _PLANS.get(key)
    if plan is None or plan.resource is not resource:
        plan = _PLANS[key] = Plan(resource, country)
    return plan


def view_of(ctx: Ctx, resource: Resource, fields: Iterable[str] | None = None, expand: Iterable[str] = ()) -> View:
    """How the rows of `resource` render for a company of `ctx`'s country (a resource that `serves`
    another renders as that one). `fields` are lower-cased names."""
    if resource.serves:
        resource = REGISTRY[resource.serves]
    return plan_of(resource, ctx.country).view(expand, fields)


def render(
    ctx: Ctx,
    resource: Resource,
    row: Row,
    fields: Iterable[str] | None = None,
    expand: Iterable[str] = (),
    memo: Memo | None = None,
) -> dict[str, Any]:
    """One row as Bsale serves it (see `view_of`). Items of one response may share a `memo` of the
    related rows they expand."""
    return view_of(ctx, resource, fields, expand).render(ctx, row, {} if memo is None else memo)


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
