"""The generic writes as lean ASGI: `POST /v1/documents.json` (a resource's collection) and `PUT` /
`DELETE /v1/variants/1.json` (one of its rows, an id of at most 10 digits as the routes take) of a
resource without a parent, answered here without Starlette's router, `Request` or `Response`: the
same authentication, country check (404 for another country's method), context (the engine's
clock), body (read with the same 2 MiB cap, 413 and 400 "Invalid JSON object"), handler inside
`store.atomic()`, errors and published events as `api_endpoint` with the generic `collection` and
`member` handlers, encoded with orjson. Every other request goes on to Starlette.

Sits inside the traffic middleware, which answers the generic GETs (`Reads`). A path is served here only if the route
Starlette would pick for it and that method is the generic one (an extra route for the same path keeps it).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute, Match, Route
from starlette.types import ASGIApp, Receive, Scope, Send

from mockbsale.http.errors import BsaleError
from mockbsale.http.json import error_answer, json_answer, json_object, parsed_json, read_capped, send_answer
from mockbsale.http.middleware import access_token
from mockbsale.http.path_ids import bounded_ids, is_id
from mockbsale.resources.reads import SAMPLE_IDS
from mockbsale.resources.registry import Registry, Resource
from mockbsale.resources.render import render
from mockbsale.resources.routing import Reply, created, find_row, in_chile_names, lean_ctx, outcome, served

if TYPE_CHECKING:
    from mockbsale.engine import Engine


def _generic(routes: Sequence[BaseRoute], method: str, path: str, template: str) -> bool:
    """Whether the first route to take `method path` is the generic one whose path is `template`."""
    scope = {"type": "http", "method": method, "path": path, "root_path": ""}
    taker = next((route for route in routes if route.matches(scope)[0] is Match.FULL), None)
    return isinstance(taker, Route) and taker.path == template


async def _chunks(receive: Receive) -> AsyncIterator[bytes]:
    """The request body's chunks, as Starlette's `Request.stream()` gives them (a client gone: `ClientDisconnect`)."""
    while True:
        message = await receive()
        if message["type"] == "http.request":
            body = message.get("body", b"")
            if body:
                yield body
            if not message.get("more_body", False):
                return
        elif message["type"] == "http.disconnect":
            raise ClientDisconnect()


class FastWrites:
    """ASGI middleware: answers generic POST, PUT and DELETE itself, passes everything else on."""

    def __init__(self, app: ASGIApp, registry: Registry, engine: Engine, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.engine = engine
        self.collections: dict[str, Resource] = {}
        """`/v1/documents` -> the resource whose collection takes `POST /v1/documents.json`."""
        self.members: dict[tuple[str, str], Resource] = {}
        """(`PUT`, `/v1/variants`) -> the resource whose rows take `PUT /v1/variants/{id}.json`."""
        for resource in registry:
            if resource.parent_param:
                continue
            if resource.post and _generic(routes, "POST", f"{resource.path}.json", f"{resource.path}.json"):
                self.collections[resource.path] = resource
            if not resource.member or resource.serves:
                continue
            member = bounded_ids(f"{resource.path}/{{id:int}}.json")
            for method, handler in (("PUT", resource.put), ("DELETE", resource.delete)):
                if handler and all(_generic(routes, method, f"{resource.path}/{row_id}.json", member)
                                   for row_id in SAMPLE_IDS):
                    self.members[method, resource.path] = resource

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "DELETE"):
            path: str = scope["path"]
            if path.endswith(".json"):
                if scope["method"] == "POST":
                    resource = self.collections.get(path[:-5])
                    if resource is not None:
                        await self.answer(scope, receive, send, resource, None)
                        return
                else:
                    prefix, _, last = path.rpartition("/")
                    resource = self.members.get((scope["method"], prefix))
                    digits = last[:-5]
                    if resource is not None and is_id(digits):
                        await self.answer(scope, receive, send, resource, int(digits))
                        return
        await self.app(scope, receive, send)

    async def answer(self, scope: Scope, receive: Receive, send: Send, resource: Resource,
                     row_id: int | None) -> None:
        method: str = scope["method"]
        served_in = (resource.post_countries or resource.countries) if row_id is None else resource.rows_countries
        ctx = lean_ctx(scope, self.engine, self.engine.store.by_token(access_token(scope)), served_in, row_id)
        if isinstance(ctx, BsaleError):
            await send_answer(send, error_answer(ctx))
            return
        declared = next((value.decode("latin-1") for name, value in scope["headers"] if name == b"content-length"), "")

        async def body() -> dict[str, Any]:
            return in_chile_names(ctx, json_object(parsed_json(await read_capped(declared, _chunks(receive)))),
                                  resource)

        async def post() -> Reply:
            assert resource.post is not None
            return created(ctx, resource, resource.post(ctx, await body()))

        async def change() -> dict[str, Any]:
            row = find_row(ctx, resource)
            if method == "PUT":
                assert resource.put is not None
                return served(resource, render(ctx, resource, resource.put(ctx, row, await body())))
            assert resource.delete is not None
            return served(resource, render(ctx, resource, resource.delete(ctx, row)))

        result = await outcome(self.engine, ctx, post if row_id is None else change, method, scope["path"])
        if isinstance(result, BsaleError):
            await send_answer(send, error_answer(result))
        elif isinstance(result, Reply):
            await send_answer(send, json_answer(result.status, result.body))
        else:
            await send_answer(send, json_answer(200, result))
