"""The Starlette application: admin routes, then every API route from the resource registry."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from mockbsale.admin import admin_routes
from mockbsale.admin.guard import AdminGuard
from mockbsale.engine import Engine
from mockbsale.http.errors import METHOD_NOT_ALLOWED, NOT_AVAILABLE, NOT_FOUND, BsaleError
from mockbsale.http.json import error_response
from mockbsale.http.middleware import TrafficMiddleware
from mockbsale.http.router import IndexedRouter
from mockbsale.inspector import inspector_routes
from mockbsale.openapi import openapi_route
from mockbsale.resources.routing import api_route, registry_routes


def api_routes(engine: Engine) -> list[BaseRoute]:
    extra: list[BaseRoute] = [
        api_route(route.path, route.handler, route.methods, route.token_param, route.cpn_param)
        for route in engine.registry.extra_routes
    ]
    return [*extra, *registry_routes(engine.registry)]


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_response(BsaleError(404, NOT_FOUND))
    if exc.status_code == 405:
        return error_response(BsaleError(405, METHOD_NOT_ALLOWED, dict(exc.headers or {})))
    return error_response(BsaleError(exc.status_code, str(exc.detail)))


async def server_error(request: Request, exc: Exception) -> Response:
    request.app.state.engine.record_server_error(request.method, request.url.path)
    return error_response(BsaleError(500, NOT_AVAILABLE))


def create_app(engine: Engine) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await engine.start()
        try:
            yield
        finally:
            await engine.stop()

    routes: list[BaseRoute] = [*admin_routes(), *inspector_routes(), openapi_route(), *api_routes(engine)]
    app = Starlette(
        middleware=[Middleware(AdminGuard), Middleware(TrafficMiddleware, engine=engine)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.router = IndexedRouter(routes, lifespan=lifespan)
    app.state.engine = engine
    return app


__all__ = ["create_app"]
