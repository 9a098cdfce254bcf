"""The resource registry: one declaration per Bsale resource drives its routes, serialization,
`fields`, `expand`, filters, `count.json`, the OpenAPI document and the Hypothesis strategies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mockbsale.domain.countries import Country
from mockbsale.resources.filters import Filter
from mockbsale.store.table import Row

if TYPE_CHECKING:
    from mockbsale.domain.context import Ctx


@dataclass(frozen=True)
class Attr:
    """A stored attribute, served under `name` (read from `key` when the row names it otherwise)."""

    name: str
    key: str | None = None
    type: type = int
    only: tuple[str, ...] = ()
    """The countries whose companies are served this field (empty: every country); the same on
    `Computed`, `Link` and `Children`."""

    @property
    def source(self) -> str:
        return self.key or self.name


@dataclass(frozen=True)
class Computed:
    """An attribute derived from the row and the company state when served."""

    name: str
    compute: Callable[[Ctx, Row], Any]
    type: type = float
    optional: bool = False
    """Left out of the object when it computes None (Bsale omits some nodes when empty)."""
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Link:
    """A related resource: `{"href", "id"}` (id as a string); `expand=[name]` inlines it."""

    name: str
    target: str
    key: str
    hidden: bool = False
    optional: bool = False
    """Left out of the object when the row has no related id (instead of `null`)."""
    only: tuple[str, ...] = ()


@dataclass(frozen=True)
class Children:
    """A sub-collection: `{"href"}`; `expand=[name]` inlines a nested envelope cut at 25 items."""

    name: str
    target: str
    hidden: bool = False
    optional: bool = False
    """Left out of the object when the sub-collection is empty."""
    only: tuple[str, ...] = ()


FieldSpec = Attr | Computed | Link | Children

PostHandler = Callable[["Ctx", dict[str, Any]], Any]
"""Returns the new row, or `Reply(row, status)` to answer another status than `post_status`."""
PutHandler = Callable[["Ctx", Row, dict[str, Any]], Row]
DeleteHandler = Callable[["Ctx", Row], Row]


@dataclass
class Resource:
    """A Bsale collection served at `path` (+ `.json`, `/{id}.json`, `/count.json`).

    `path` may hold one parent parameter, e.g. `/v1/documents/{documentId}/details`; `parent`
    then names the parent resource and `parent_key` the row key that holds the parent's id.

    `serves` makes the collection a parent-scoped view of another resource (a product's variants):
    its items are served as that resource serves them, at their own URLs (no member route here).
    `self_href=False` leaves `href` out of the items (Bsale's `stock_consumption_types`).
    `href_target=(resource, key)` points each item's `href` at that resource's row `row[key]`
    (a client's attributes link to `/v1/dynamic_attributes/{id}.json`).
    `member=False` serves no `/{id}.json` (a write-only endpoint: `POST /v2/products/pack.json`).
    `v2=True` serves the ecommerce envelope: `{"code": 200, "data": <item>}`, and lists as
    `{"code", "href", "count", "limit", "offset", "data", "next"}` (carts, checkouts, market info).

    Countries: `countries` lists those whose companies are served the resource at all (empty:
    every country; another country's company gets 404), `post_countries` those served its POST,
    `member_countries` those served `/{id}.json`; a field's `only` does the same for one
    attribute; `renames[country]` maps Chile's name of a field to the one served there when it
    differs from the country's own `renames` (`{"MX": {"municipality": "municipality"}}` keeps
    Chile's name in Mexico).
    """

    name: str
    path: str
    table: str
    fields: list[FieldSpec]
    filters: dict[str, Filter] = field(default_factory=dict)
    parent: str | None = None
    parent_key: str | None = None
    count: bool = False
    listable: bool = True
    member: bool = True
    post: PostHandler | None = None
    put: PutHandler | None = None
    delete: DeleteHandler | None = None
    post_status: int = 201
    indexed: tuple[str, ...] = ()
    serves: str | None = None
    self_href: bool = True
    href_target: tuple[str, str] | None = None
    v2: bool = False
    countries: tuple[str, ...] = ()
    post_countries: tuple[str, ...] = ()
    member_countries: tuple[str, ...] = ()
    renames: dict[str, dict[str, str]] = field(default_factory=dict)
    _layouts: dict[str, tuple[tuple[FieldSpec, str], ...]] = field(default_factory=dict, repr=False)
    _filters: dict[str, dict[str, Filter]] = field(default_factory=dict, repr=False)

    def layout(self, country: Country) -> tuple[tuple[FieldSpec, str], ...]:
        """(field, the name it is served under) for a company of `country`, in documented order."""
        cached = self._layouts.get(country.code)
        if cached is None:
            own = self.renames.get(country.code, {})
            cached = tuple(
                (spec, own.get(spec.name, country.served(spec.name)))
                for spec in self.fields
                if not spec.only or country.code in spec.only
            )
            self._layouts[country.code] = cached
        return cached

    def filters_for(self, country: Country) -> dict[str, Filter]:
        """The filters by the query name a company of `country` uses (`codesii` is `code` in Peru)."""
        cached = self._filters.get(country.code)
        if cached is None:
            cached = {self.served_name(country, name): spec for name, spec in self.filters.items()}
            self._filters[country.code] = cached
        return cached

    def served_name(self, country: Country, name: str) -> str:
        """What a company of `country` calls this resource's field `name` (Chile's name)."""
        return self.renames.get(country.code, {}).get(name, country.served(name))

    def request_renames(self, country: Country) -> dict[str, str]:
        """Request key -> Chile's name, for bodies this resource reads from `country`."""
        back = dict(country.request_renames)
        for canonical, local in self.renames.get(country.code, {}).items():
            back = {key: value for key, value in back.items() if value != canonical}
            if local != canonical:
                back[local] = canonical
        return back

    @property
    def rows_countries(self) -> tuple[str, ...]:
        """The countries served `/{id}.json` (empty: every country)."""
        return self.member_countries or self.countries

    @property
    def parent_param(self) -> str | None:
        if "{" not in self.path:
            return None
        return self.path[self.path.index("{") + 1 : self.path.index("}")]

    def field(self, name: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.name == name:
                return spec
        return None

    def expandable(self) -> list[str]:
        return [spec.name for spec in self.fields if isinstance(spec, (Link, Children))]

    def index_keys(self) -> set[str]:
        keys = set(self.indexed)
        if self.parent_key:
            keys.add(self.parent_key)
        keys.update(f.key for f in self.filters.values() if f.indexed and f.key)
        return keys


@dataclass(frozen=True)
class ExtraRoute:
    path: str
    handler: Any
    methods: tuple[str, ...]
    token_param: str | None
    cpn_param: str | None = None
    countries: tuple[str, ...] = ()


def served_to(countries: tuple[str, ...], country: str) -> bool:
    """Whether something limited to `countries` (empty: every country) is served to the companies of `country`."""
    return not countries or country in countries


class Registry:
    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.extra_routes: list[ExtraRoute] = []

    def add(self, resource: Resource) -> Resource:
        if resource.name in self.resources:
            raise ValueError(f"resource {resource.name!r} declared twice")
        self.resources[resource.name] = resource
        return resource

    def __getitem__(self, name: str) -> Resource:
        return self.resources[name]

    def __iter__(self) -> Iterator[Resource]:
        return iter(self.resources.values())

    def schema(self) -> dict[str, set[str]]:
        """Table name -> keys its resources index (filters and parent keys)."""
        tables: dict[str, set[str]] = {}
        for resource in self:
            tables.setdefault(resource.table, set()).update(resource.index_keys())
        return tables


REGISTRY = Registry()
"""Every resource module adds its declarations here at import time."""


def register(resource: Resource) -> Resource:
    return REGISTRY.add(resource)


def register_route(
    path: str,
    handler: Any,
    methods: tuple[str, ...] = ("GET",),
    token_param: str | None = None,
    cpn_param: str | None = None,
    countries: tuple[str, ...] = (),
) -> None:
    """An endpoint outside the generic list / one / count / write set (v2 paths, `caf.json`...).

    `handler(ctx, request)` returns the JSON body, a `Reply` for another status, or a `Response`.
    `cpn_param` names the path parameter holding the cpnId of a public page (no token asked).
    `countries` limits it to the companies of those countries (empty: every country).
    """
    REGISTRY.extra_routes.append(ExtraRoute(path, handler, methods, token_param, cpn_param, countries))

