"""Routes of the inspector: `/` redirects to `/_mock/`, the page, its live fragments, its assets."""

from __future__ import annotations

from importlib.resources import files

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


def language(request: Request) -> str:
    return choose(request.query_params.get("lang"), request.headers.get("accept-language", ""))


async def root(request: Request) -> Response:
    return RedirectResponse("/_mock/", status_code=307)


async def inspector(request: Request) -> Response:
    journal = engine_of(request).journal
    return HTMLResponse(page(engine_of(request), language(request), journal.records()[-SHOWN:]), headers=NO_STORE)


async def requests_fragment(request: Request) -> Response:
    """The rows after `since` (newest first); `X-Last-Id` is the id to ask from next time."""
    since = max(parse_int(request.query_params.get("since"), 0), 0)
    records = engine_of(request).journal.records(since=since)[-SHOWN:]
    last = records[-1].id if records else since
    html = request_rows(records, translator(language(request)))
    return HTMLResponse(html, headers={**NO_STORE, "X-Last-Id": str(last)})


async def request_fragment(request: Request) -> Response:
    wanted = request.path_params["id"]
    found = [record for record in engine_of(request).journal.records(since=wanted - 1) if record.id == wanted]
    if not found:
        return error_response(not_found())
    return HTMLResponse(request_detail(found[0], translator(language(request))), headers=NO_STORE)


async def webhooks_fragment(request: Request) -> Response:
    return HTMLResponse(webhooks_view(engine_of(request), translator(language(request))), headers=NO_STORE)


async def state_fragment(request: Request) -> Response:
    return HTMLResponse(state_view(engine_of(request), translator(language(request))), headers=NO_STORE)


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name not in ASSETS:
        return error_response(not_found())
    content = files("mockbsale.inspector").joinpath("static", name).read_bytes()
    return Response(content, media_type=ASSETS[name], headers=NO_STORE)


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
