"""One API write made in-process through the registry's own handlers, exactly as a client's request
would run it (same validation, same domain code, same events), minus HTTP, journal and faults."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from mockbsale.config import Settings
from mockbsale.domain.context import Ctx
from mockbsale.events import Event
from mockbsale.resources.registry import Registry, Resource
from mockbsale.resources.render import render
from mockbsale.resources.routing import Reply, find_row, renamed, served
from mockbsale.store import Company
from mockbsale.store.table import Row


class Api(Protocol):
    """What an in-process write needs of the server (the engine is one)."""

    settings: Settings
    registry: Registry

    def publish(self, company: Company, events: Sequence[Event]) -> None: ...


def _pattern(resource: Resource, member: bool) -> re.Pattern[str]:
    path = re.sub(r"\{(\w+)\}", r"(?P<\1>\\d+)", resource.path)
    return re.compile(path + (r"/(?P<id>\d+)" if member else "") + r"\.json")


def _route(api: Api, method: str, path: str) -> tuple[Resource, dict[str, int]]:
    member = method != "POST"
    for resource in api.registry:
        handler = {"POST": resource.post, "PUT": resource.put, "DELETE": resource.delete,
                   "GET": resource.member and resource.serves is None}.get(method)
        match = _pattern(resource, member).fullmatch(path) if handler else None
        if match:
            return resource, {name: int(value) for name, value in match.groupdict().items()}
    raise LookupError(f"the mock does not serve {method} {path} yet")


def call_api(
    api: Api, company: Company, method: str, path: str, body: dict[str, Any] | None = None
) -> tuple[Row, list[Event]]:
    """Run `METHOD path` (a registry write: POST, PUT or DELETE) for `company` and publish its events,
    as a successful request does; a refused write raises its `BsaleError` and publishes nothing."""
    _, ctx, row = _call(api, company, method, path, body)
    return row, list(ctx.events)


def call_served(
    api: Api, company: Company, method: str, path: str, body: dict[str, Any] | None, base_url: str
) -> dict[str, Any]:
    """`call_api`, or a GET of one item (`/v1/stocks/3.json`), answering the item as the API serves it
    (its links on `base_url`)."""
    resource, ctx, row = _call(api, company, method, path, body, base_url)
    return served(resource, render(ctx, resource, row))


def _call(
    api: Api, company: Company, method: str, path: str, body: dict[str, Any] | None, base_url: str | None = None
) -> tuple[Resource, Ctx, Row]:
    resource, params = _route(api, method, path)
    base = base_url or api.settings.public_base_url or f"http://{api.settings.host}:{api.settings.port}"
    ctx = Ctx(company=company, base_url=base, path_params=params)
    if method == "GET":
        return resource, ctx, find_row(ctx, resource)
    body = renamed(body or {}, resource.request_renames(ctx.country))
    if method == "POST":
        assert resource.post is not None
        row = resource.post(ctx, body)
    elif method == "PUT":
        assert resource.put is not None
        row = resource.put(ctx, find_row(ctx, resource), body)
    else:
        assert resource.delete is not None
        row = resource.delete(ctx, find_row(ctx, resource))
    if isinstance(row, Reply):
        row = row.body
    if ctx.events:
        api.publish(company, ctx.events)
    return resource, ctx, row
