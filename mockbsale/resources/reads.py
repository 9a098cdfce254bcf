"""The hottest requests as lean ASGI: `GET` of a generic list (`/v1/variants.json`) or of one row
(`/v1/variants/1.json`, an id of at most 10 digits as the routes take) of a resource without a
parent, answered here without Starlette's router, `Request` or `Response`: the same
authentication, country check (404 for another country's resource), context, body (`list_page`,
`render_one`) and errors as `api_endpoint`, encoded with orjson. Every other request goes on to Starlette.

Sits inside the traffic middleware (journal, faults and rate limit see these requests as any
other). A path is served here only if no route before the generic one would match it (an extra
route registered for the same path keeps it).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

import orjson
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from mockbsale.config import Settings
from mockbsale.http.errors import NOT_AVAILABLE, BsaleError
from mockbsale.http.path_ids import is_id
from mockbsale.resources.registry import Registry, Resource
from mockbsale.resources.routing import find_row, lean_ctx, list_page, render_one
from mockbsale.store import Store

log = logging.getLogger("mockbsale")

JSON_TYPE = (b"content-type", b"application/json")
SAMPLE_IDS = (1, 987654321)
"""Ids a member path is tried with when checking that no earlier route takes it."""


async def send_json(send: Send, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
    """One JSON response, as `http.json.JSONResponse` sends it."""
    content = orjson.dumps(body)
    head = [(b"content-length", str(len(content)).encode()), JSON_TYPE]
    if headers:
        head += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": content})


def _taken(routes: Sequence[BaseRoute], path: str) -> bool:
    scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
    return any(route.matches(scope)[0] is Match.FULL for route in routes)


class FastReads:
    """ASGI middleware: answers GET of generic lists and rows itself, passes everything else on."""

    def __init__(self, app: ASGIApp, registry: Registry, store: Store, settings: Settings,
                 record_server_error: Callable[[str, str], None], earlier: Sequence[BaseRoute]) -> None:
        self.app = app
        self.store = store
        self.settings = settings
        self.record_server_error = record_server_error
        self.lists: dict[str, Resource] = {}
        """`/v1/variants` -> the resource whose list is `/v1/variants.json`."""
        self.members: dict[str, Resource] = {}
        """`/v1/variants` -> the resource whose rows are `/v1/variants/{id}.json`."""
        for resource in registry:
            if resource.parent_param:
                continue
            if resource.listable and not _taken(earlier, f"{resource.path}.json"):
                self.lists[resource.path] = resource
            if resource.member and not resource.serves and not any(
                _taken(earlier, f"{resource.path}/{row_id}.json") for row_id in SAMPLE_IDS
            ):
                self.members[resource.path] = resource

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            path: str = scope["path"]
            if path.endswith(".json"):
                resource = self.lists.get(path[:-5])
                if resource is not None:
                    await self.answer(scope, send, resource, None)
                    return
                prefix, _, last = path.rpartition("/")
                resource = self.members.get(prefix)
                digits = last[:-5]
                if resource is not None and is_id(digits):
                    await self.answer(scope, send, resource, int(digits))
                    return
        await self.app(scope, receive, send)

    async def answer(self, scope: Scope, send: Send, resource: Resource, row_id: int | None) -> None:
        served_in = resource.rows_countries if row_id is not None else resource.countries
        ctx = lean_ctx(scope, self.store, self.settings, served_in, row_id)
        if isinstance(ctx, BsaleError):
            await send_json(send, ctx.status, ctx.body(), ctx.headers)
            return
        try:
            if row_id is None:
                body = list_page(ctx, resource, scope["path"])
            else:
                body = render_one(ctx, resource, find_row(ctx, resource))
        except BsaleError as error:
            await send_json(send, error.status, error.body(), error.headers)
            return
        except Exception:
            log.exception("unexpected error on GET %s", scope["path"])
            self.record_server_error("GET", scope["path"])
            error = BsaleError(500, NOT_AVAILABLE)
            await send_json(send, error.status, error.body(), error.headers)
            return
        await send_json(send, 200, body)
