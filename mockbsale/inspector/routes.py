"""Routes of the inspector: `/` redirects to `/_mock/`, the page, its live fragments, its assets."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from importlib.resources import files
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from mockbsale.admin.engine_of import engine_of
from mockbsale.http.errors import not_found
from mockbsale.http.json import error_response
from mockbsale.http.query import parse_int
from mockbsale.inspector.labels import choose, translator
from mockbsale.inspector.page import page, request_detail, request_rows, state_view, webhooks_view

SHOWN = 200
"""Requests the page shows when it opens (the newest); the script then tails the journal."""
ASSETS = {"inspector.css": "text/css; charset=utf-8", "inspector.js": "text/javascript; charset=utf-8"}
NO_STORE = {"Cache-Control": "no-store"}


Endpoint = Callable[[Request], Awaitable[Response]]


def answers(*media_types: str, status: int = 200) -> Callable[[Endpoint], Endpoint]:
    """Declare what an endpoint answers for `/openapi.json` (a page or an asset, not JSON)."""

    def declare(endpoint: Endpoint) -> Endpoint:
        content = {media_type: {"schema": {"type": "string"}} for media_type in media_types}
        documented: dict[str, Any] = {
            str(status): {"description": "success", "content": content},
            "404": {"description": "not found", "content": {"application/json": {"schema": {"type": "object"}}}},
        }
        if status == 307:
            documented[str(status)] = {"description": "redirect to the inspector at /_mock/"}
        endpoint.openapi_responses = documented  # type: ignore[attr-defined]
        return endpoint

    return declare


def language(request: Request) -> str:
    return choose(request.query_params.get("lang"), request.headers.get("accept-language", ""))


@answers(status=307)
async def root(request: Request) -> Response:
    """Redirect to the inspector."""
    return RedirectResponse("/_mock/", status_code=307)


@answers("text/html")
async def inspector(request: Request) -> Response:
    """The inspector page: requests, webhooks, trigger, state (`?lang=en|es`)."""
    journal = engine_of(request).journal
    return HTMLResponse(page(engine_of(request), language(request), journal.records()[-SHOWN:]), headers=NO_STORE)


@answers("text/html")
async def requests_fragment(request: Request) -> Response:
    """The inspector's request rows after `since`, newest first (`X-Last-Id`: where to go on from)."""
    since = max(parse_int(request.query_params.get("since"), 0), 0)
    records = engine_of(request).journal.records(since=since)[-SHOWN:]
    last = records[-1].id if records else since
    html = request_rows(records, translator(language(request)))
    return HTMLResponse(html, headers={**NO_STORE, "X-Last-Id": str(last)})


@answers("text/html")
async def request_fragment(request: Request) -> Response:
    """The inspector's detail of one request: headers, bodies, error, events."""
    wanted = request.path_params["id"]
    found = [record for record in engine_of(request).journal.records(since=wanted - 1) if record.id == wanted]
    if not found:
        return error_response(not_found())
    return HTMLResponse(request_detail(found[0], translator(language(request))), headers=NO_STORE)


@answers("text/html")
async def webhooks_fragment(request: Request) -> Response:
    """The inspector's deliveries and subscriptions."""
    return HTMLResponse(webhooks_view(engine_of(request), translator(language(request))), headers=NO_STORE)


@answers("text/html")
async def state_fragment(request: Request) -> Response:
    """The inspector's companies, faults, rate limit and row counts."""
    return HTMLResponse(state_view(engine_of(request), translator(language(request))), headers=NO_STORE)


@answers("text/css", "text/javascript")
async def asset(request: Request) -> Response:
    """The inspector's stylesheet and script (shipped in the package)."""
    name = request.path_params["name"]
    if name not in ASSETS:
        return error_response(not_found())
    return Response(asset_bytes(name), media_type=ASSETS[name], headers=NO_STORE)


@cache
def asset_bytes(name: str) -> bytes:
    """One of `ASSETS`, read from the package once."""
    return files("mockbsale.inspector").joinpath("static", name).read_bytes()


def inspector_routes() -> list[Route]:
    return [
        Route("/", root, methods=["GET"]),
        Route("/_mock/", inspector, methods=["GET"]),
        Route("/_mock/inspector/requests", requests_fragment, methods=["GET"]),
        Route("/_mock/inspector/requests/{id:int}", request_fragment, methods=["GET"]),
        Route("/_mock/inspector/webhooks", webhooks_fragment, methods=["GET"]),
        Route("/_mock/inspector/state", state_fragment, methods=["GET"]),
        Route("/_mock/static/{name}", asset, methods=["GET"]),
    ]
