"""Routes: every API endpoint runs through `api_endpoint`, which authenticates the token, builds
the context, runs the handler inside `store.atomic()` (a request that fails, refused or broken,
changes nothing), turns `BsaleError` into Bsale's error body and publishes the events of a
successful write. The generic list / one / count / write endpoints are made from the registry.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Scope

from mockbsale.config import Settings
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import NOT_AUTHENTICATED, NOT_AVAILABLE, BsaleError, not_found
from mockbsale.http.json import JSONResponse, error_response, read_object
from mockbsale.http.path_ids import bounded_ids
from mockbsale.http.query import page_bounds, parse_list
from mockbsale.resources.listing import count, select
from mockbsale.resources.registry import REGISTRY, Registry, Resource, served_to
from mockbsale.resources.render import Memo, envelope, render, v2_body, v2_page, view_of
from mockbsale.store import Company, atomic
from mockbsale.store.table import Row

if TYPE_CHECKING:
    from mockbsale.engine import Engine

log = logging.getLogger("mockbsale")

EMPTY_QUERY: Mapping[str, str] = MappingProxyType({})


@dataclass
class Reply:
    body: Any
    status: int = 200


Handler = Callable[[Ctx, Request], Awaitable[Any] | Any]
Countries = dict[str, tuple[str, ...]]
"""HTTP method -> the countries whose companies it is served to (a method not named: every country)."""


class ApiRoute(Route):
    """A route of the API, knowing which countries' companies each of its methods is served to."""

    def __init__(self, path: str, endpoint: Callable[..., Any], methods: list[str], countries: Countries) -> None:
        super().__init__(path, endpoint, methods=methods)
        self.countries = countries

    def serves(self, method: str, country: str) -> bool:
        return served_to(self.countries.get(method, ()), country)


def base_url(request: Request) -> str:
    return public_base(request.app.state.engine.settings, request.scope, request.headers.get("host"))


def public_base(settings: Settings, scope: Scope, host: str | None) -> str:
    """The public base URL, else the one the request came in on (`Request.base_url` without
    building a URL object: it was a quarter of the cost of a GET by id)."""
    if settings.public_base_url:
        return settings.public_base_url
    if host is None:
        return str(Request(scope).base_url).rstrip("/")
    return f"{scope['scheme']}://{host}{scope.get('root_path', '')}".rstrip("/")


def request_context(engine: Engine, company: Company, scope: Scope, host: str | None, query: Mapping[str, str],
                    path_params: Mapping[str, Any]) -> Ctx:
    """The context of one API request: its company, base URL (see `public_base`), query and path
    parameters, and the engine's clock."""
    return Ctx(company=company, base_url=public_base(engine.settings, scope, host), query=query,
               path_params=path_params, clock=engine.clock)


def refusal(company: Company | None, countries: tuple[str, ...], by_cpn: bool = False) -> BsaleError | None:
    """Why a request is not served, or None: 401 without a company (404 when the path's cpnId names
    none), 404 for a company of a country `countries` does not serve (as an endpoint Bsale lacks there)."""
    if company is None:
        return not_found() if by_cpn else BsaleError(401, NOT_AUTHENTICATED)
    return None if served_to(countries, company.country) else not_found()


def server_failure(method: str, path: str, record: Callable[[str, str], None]) -> BsaleError:
    """The 500 for the exception being handled: logged, and remembered by `record` (the engine's server errors)."""
    log.exception("unexpected error on %s %s", method, path)
    record(method, path)
    return BsaleError(500, NOT_AVAILABLE)


def lean_ctx(scope: Scope, engine: Engine, company: Company | None, served_in: tuple[str, ...],
             row_id: int | None) -> Ctx | BsaleError:
    """The context of a request answered as lean ASGI (`Reads`, `FastWrites`), as `api_endpoint`
    builds it (the base URL from the first `host` header); or the error that answers it (`refusal`)."""
    refused = refusal(company, served_in)
    if refused is not None:
        return refused
    assert company is not None
    host = None
    for name, value in scope["headers"]:
        if name == b"host":
            host = value.decode("latin-1")
            break
    query_string = scope["query_string"]
    return request_context(engine, company, scope, host, QueryParams(query_string) if query_string else EMPTY_QUERY,
                           {} if row_id is None else {"id": row_id})


def api_endpoint(
    handler: Handler,
    token_param: str | None = None,
    cpn_param: str | None = None,
    countries: Countries | None = None,
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap `handler(ctx, request)`; the token comes from the `access_token` header, or from the
    path parameter `token_param` (instance info). With `cpn_param` the company is the one whose
    cpnId is in the path and no token is asked (public pages: a document's PDF and view).
    A handler may return a Starlette `Response` (a PDF, a page) as it is. A method that `countries`
    limits answers the companies of other countries 404, as an endpoint Bsale does not have there."""

    async def endpoint(request: Request) -> Response:
        engine = request.app.state.engine
        if cpn_param:
            company = engine.store.companies.get(request.path_params[cpn_param])
        else:
            token = request.path_params[token_param] if token_param else request.headers.get("access_token")
            company = engine.store.by_token(token)
        allowed = countries.get("GET" if request.method == "HEAD" else request.method, ()) if countries else ()
        refused = refusal(company, allowed, by_cpn=bool(cpn_param))
        if refused is not None:
            return error_response(refused)
        ctx = request_context(engine, company, request.scope, request.headers.get("host"), request.query_params,
                              request.path_params)
        result = await outcome(engine, ctx, lambda: handler(ctx, request), request.method, request.url.path)
        if isinstance(result, BsaleError):
            return error_response(result)
        if isinstance(result, Reply):
            return JSONResponse(result.body, status_code=result.status)
        if isinstance(result, Response):
            return result
        return JSONResponse(result)

    return endpoint


async def outcome(engine: Engine, ctx: Ctx, work: Callable[[], Awaitable[Any] | Any], method: str,
                  path: str) -> Any:
    """What `work()` returns (awaited when it is awaitable), run inside `store.atomic()`, its events
    published to the engine's listeners once it succeeded; or the `BsaleError` to answer instead
    (a 500 for an unexpected error, logged and recorded as the engine's). After publishing it yields
    to the event loop once, so the notifications just queued are on the wire before the answer."""
    try:
        with atomic():
            result = work()
            if inspect.isawaitable(result):
                result = await result
    except BsaleError as error:
        return error
    except Exception:
        return server_failure(method, path, engine.record_server_error)
    if ctx.events:
        engine.publish(ctx.company, ctx.events)
        await asyncio.sleep(0)
    return result


def api_route(
    path: str,
    handler: Handler,
    methods: tuple[str, ...] = ("GET",),
    token_param: str | None = None,
    cpn_param: str | None = None,
    countries: Countries | None = None,
) -> ApiRoute:
    countries = countries or {}
    return ApiRoute(bounded_ids(path), api_endpoint(handler, token_param, cpn_param, countries), list(methods),
                    countries)


def method_countries(methods: tuple[str, ...], countries: tuple[str, ...]) -> Countries:
    """The same countries for every method of a route (none: every country)."""
    return {method: countries for method in methods} if countries else {}


async def read_body(ctx: Ctx, request: Request, resource: Resource | None = None) -> dict[str, Any]:
    """The request's JSON object, its keys read back to Chile's names (`declare` -> `declareSii`
    in Peru) at every depth, as `resource` (or the country) names them."""
    return in_chile_names(ctx, await read_object(request), resource)


def in_chile_names(ctx: Ctx, body: dict[str, Any], resource: Resource | None = None) -> dict[str, Any]:
    """A request object with its keys read back to Chile's names (`read_body`)."""
    back = resource.request_renames(ctx.country) if resource else dict(ctx.country.request_renames)
    return renamed(body, back) if back else body


def renamed(value: Any, names: dict[str, str]) -> Any:
    """`value` with every object key in `names` renamed, at any depth."""
    if isinstance(value, dict):
        return {names.get(key, key): renamed(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, names) for item in value]
    return value


NOTHING_EXPANDED: frozenset[str] = frozenset()


def _projection(ctx: Ctx) -> tuple[set[str] | None, frozenset[str]]:
    """The lower-cased names `fields=` keeps (None: every field) and the names `expand=` inlines."""
    if not ctx.query:
        return None, NOTHING_EXPANDED
    fields = parse_list(ctx.query.get("fields"))
    return ({name.lower() for name in fields} if fields else None), frozenset(parse_list(ctx.query.get("expand")))


def _parent_id(ctx: Ctx, resource: Resource) -> int | None:
    """The parent id of a nested path, after checking the parent exists (404 otherwise)."""
    param = resource.parent_param
    if param is None:
        return None
    parent_id = int(ctx.path_params[param])
    parent = REGISTRY[resource.parent] if resource.parent else None
    if parent is not None and ctx.table(parent.table).get(parent_id) is None:
        raise not_found()
    return parent_id


def find_row(ctx: Ctx, resource: Resource) -> Row:
    """The row named by the path (`{id}`, under its parent when nested), or 404."""
    parent_id = _parent_id(ctx, resource)
    row = ctx.table(resource.table).get(int(ctx.path_params["id"]))
    if row is None or (parent_id is not None and row.get(resource.parent_key or "") != parent_id):
        raise not_found()
    return row


def render_one(ctx: Ctx, resource: Resource, row: Row) -> dict[str, Any]:
    fields, expand = _projection(ctx)
    return served(resource, render(ctx, resource, row, fields, expand))


def served(resource: Resource, item: dict[str, Any], code: int = 200) -> dict[str, Any]:
    """One rendered item in the resource's envelope (bare, or v2's `{"code", "data"}`)."""
    return v2_body(item, code) if resource.v2 else item


def created(ctx: Ctx, resource: Resource, made: Any) -> Reply:
    """The answer to a POST: the new row served, with `post_status` or the status a handler chose
    (an idempotent repeat answers 200)."""
    row, status = (made.body, made.status) if isinstance(made, Reply) else (made, resource.post_status)
    return Reply(served(resource, render(ctx, resource, row), status), status)


def list_page(ctx: Ctx, resource: Resource, path: str) -> dict[str, Any]:
    """One page of the collection at `path` (the request's path: what `href` and `next` name)."""
    parent_id = _parent_id(ctx, resource)
    limit, offset = page_bounds(ctx.query)
    total, rows = select(ctx, resource, ctx.query, limit, offset, parent_id)
    view = view_of(ctx, resource, *_projection(ctx))
    memo: Memo = {}
    items = [view.render(ctx, row, memo) for row in rows]
    href = ctx.base_url + path
    page = envelope(href, total, limit, offset, items, dict(ctx.query))
    return v2_page(page) if resource.v2 else page


def resource_routes(resource: Resource) -> list[Route]:
    """The generic endpoints of one resource, literal paths (`count.json`) before `{id}`."""
    param = resource.parent_param
    path = resource.path.replace("{" + param + "}", "{" + param + ":int}") if param else resource.path
    routes: list[Route] = []
    served_in = resource.countries

    if resource.count:
        routes.append(api_route(f"{path}/count.json", lambda ctx, _: {"count": count(ctx, resource, ctx.query)},
                                countries=method_countries(("GET",), served_in)))

    async def collection(ctx: Ctx, request: Request) -> Any:
        if request.method == "POST":
            assert resource.post is not None
            _parent_id(ctx, resource)
            body = await read_body(ctx, request, resource)
            return created(ctx, resource, resource.post(ctx, body))
        return list_page(ctx, resource, request.url.path)

    methods = (("GET",) if resource.listable else ()) + (("POST",) if resource.post else ())
    if methods:
        countries = method_countries(methods, served_in)
        if resource.post_countries:
            countries["POST"] = resource.post_countries
        routes.append(api_route(f"{path}.json", collection, methods, countries=countries))

    async def member(ctx: Ctx, request: Request) -> Any:
        row = find_row(ctx, resource)
        if request.method == "PUT":
            assert resource.put is not None
            body = await read_body(ctx, request, resource)
            return served(resource, render(ctx, resource, resource.put(ctx, row, body)))
        if request.method == "DELETE":
            assert resource.delete is not None
            return served(resource, render(ctx, resource, resource.delete(ctx, row)))
        return render_one(ctx, resource, row)

    member_methods = ("GET",) + (("PUT",) if resource.put else ()) + (("DELETE",) if resource.delete else ())
    if resource.member and not resource.serves:
        routes.append(api_route(f"{path}/{{id:int}}.json", member, member_methods,
                                countries=method_countries(member_methods, resource.rows_countries)))
    return routes


def registry_routes(registry: Registry) -> list[Route]:
    routes: list[Route] = []
    for resource in registry:
        routes.extend(resource_routes(resource))
    return routes
