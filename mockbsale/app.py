"""The Starlette application: admin routes, then every API route from the resource registry; GETs of
generic lists and rows are answered by `Reads` inside the traffic middleware, their POST, PUT and DELETE
by `FastWrites`, before Starlette's routing."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute
from starlette.types import ASGIApp

from mockbsale.admin import admin_routes
from mockbsale.admin.guard import AdminGuard
from mockbsale.engine import Engine
from mockbsale.http.errors import METHOD_NOT_ALLOWED, NOT_AVAILABLE, NOT_FOUND, BsaleError
from mockbsale.http.json import error_response
from mockbsale.http.middleware import TrafficMiddleware
from mockbsale.http.router import IndexedRouter
from mockbsale.inspector import inspector_routes
from mockbsale.openapi import openapi_route
from mockbsale.resources.reads import Reads
from mockbsale.resources.render import forget_plans
from mockbsale.resources.routing import api_route, method_countries, registry_routes
from mockbsale.resources.writes import FastWrites


def extra_routes(engine: Engine) -> list[BaseRoute]:
    """The registry's extra routes (v2 paths, `caf.json`...), tried before the generic ones."""
    return [
        api_route(route.path, route.handler, route.methods, route.token_param, route.cpn_param,
                  method_countries(route.methods, route.countries))
        for route in engine.registry.extra_routes
    ]


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


class MockApp(Starlette):
    """Starlette with the traffic middleware outermost, outside even its error middleware: a GET
    that `Reads` answers passes through nothing else, and a 500 Starlette makes is journaled whole."""

    def __init__(self, engine: Engine, reads: Reads, **options: Any) -> None:
        super().__init__(**options)
        self.engine = engine
        self.reads = reads

    def build_middleware_stack(self) -> ASGIApp:
        return TrafficMiddleware(super().build_middleware_stack(), self.engine, self.reads)


def create_app(engine: Engine) -> Starlette:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await engine.start()
        try:
            yield
        finally:
            await engine.stop()

    forget_plans()
    earlier: list[BaseRoute] = [*admin_routes(), *inspector_routes(), openapi_route(), *extra_routes(engine)]
    routes = [*earlier, *registry_routes(engine.registry)]
    app = MockApp(
        engine,
        Reads(engine, earlier),
        middleware=[Middleware(AdminGuard), Middleware(FastWrites, registry=engine.registry, engine=engine,
                                                       routes=routes)],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.router = IndexedRouter(routes, lifespan=lifespan)
    app.state.engine = engine
    return app


__all__ = ["create_app"]
