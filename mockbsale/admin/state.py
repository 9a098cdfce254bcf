"""Admin endpoints over the store: companies, reset, snapshot, and the requests the mock failed."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from mockbsale.admin.engine_of import engine_of
from mockbsale.http.json import JSONResponse


async def companies(request: Request) -> Response:
    engine = engine_of(request)
    return JSONResponse(
        [{"cpnId": c.cpn_id, "token": c.token, "name": c.instance.get("name")} for c in engine.store.companies.values()]
    )


async def reset(request: Request) -> Response:
    engine_of(request).reset()
    return JSONResponse({"reset": True})


async def snapshot(request: Request) -> Response:
    return JSONResponse(engine_of(request).store.dump())


async def server_errors(request: Request) -> Response:
    """The requests the mock answered 500 since the last reset (bugs of the mock, not injected faults)."""
    return JSONResponse(list(engine_of(request).server_errors))


def state_routes() -> list[Route]:
    return [
        Route("/_mock/companies", companies, methods=["GET"]),
        Route("/_mock/reset", reset, methods=["POST"]),
        Route("/_mock/snapshot", snapshot, methods=["GET"]),
        Route("/_mock/server-errors", server_errors, methods=["GET"]),
    ]
