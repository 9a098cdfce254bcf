"""The OpenAPI 3.1 document of everything the mock serves, generated from the resource registry
(generic routes and `register_route` extras) and the admin routes; served at `/openapi.json`, for
one country's companies (`?country=PE`; by default the server's `--country`): its endpoints, its
key names and filters."""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from mockbsale.domain.countries import COUNTRIES, Country
from mockbsale.http.errors import not_found
from mockbsale.http.json import JSONResponse, error_response
from mockbsale.resources.registry import Attr, Children, Computed, FieldSpec, Link, Registry, Resource, served_to

Schema = dict[str, Any]

JSON_TYPES: dict[type, str] = {int: "integer", float: "number", str: "string", bool: "boolean", dict: "object",
                                list: "array"}
ERRORS = {
    "400": "invalid request (Bsale's message in `error`)",
    "401": "missing or unknown access_token",
    "404": "unknown id or path",
    "405": "method not allowed on this path",
    "413": "request body too large",
    "429": "rate limit reached (`Retry-After` header and `retry_after`)",
    "500": "The requested resource is not available",
    "503": "service unavailable (v2 paths, injected fault)",
}
PAGE: list[Schema] = [
    {"name": "limit", "in": "query", "schema": {"type": "integer"}, "description": "25 by default, 50 at most"},
    {"name": "offset", "in": "query", "schema": {"type": "integer"}},
]
PATH_PARAM = re.compile(r"\{(\w+)(?::(\w+))?\}")


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(kind: type) -> Schema:
    json_type = JSON_TYPES.get(kind)
    return {"type": [json_type, "null"]} if json_type else {}


def field_schema(spec: FieldSpec, registry: Registry) -> Schema:
    if isinstance(spec, (Attr, Computed)):
        return nullable(spec.type)
    known = spec.target in registry.resources
    if isinstance(spec, Link):
        expanded = [ref(item_name(registry[spec.target], registry))] if known else []
        return {"anyOf": [ref("Link"), *expanded, {"type": "null"}]}
    assert isinstance(spec, Children)
    expanded = [ref(schema_name(registry[spec.target]) + "List")] if known else []
    return {"anyOf": [ref("ChildrenLink"), *expanded]}


def schema_name(resource: Resource) -> str:
    return "".join(part.capitalize() for part in resource.name.split("_"))


def item_name(resource: Resource, registry: Registry) -> str:
    """The schema of the items a resource serves (a view serves another resource's items)."""
    return schema_name(registry[resource.serves] if resource.serves else resource)


def resource_schemas(resource: Resource, registry: Registry, country: Country) -> dict[str, Schema]:
    """The schema of one item (every field optional: `fields=[..]` may leave any out) and of its list;
    a view (`serves`) lists the items of the resource it serves."""
    name = schema_name(resource)
    envelope = {
        "type": "object",
        "properties": {
            "href": {"type": "string"},
            "count": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "items": {"type": "array", "items": ref(item_name(resource, registry))},
            "next": {"type": "string"},
        },
        "required": ["href", "count", "limit", "offset", "items"],
    }
    if resource.serves:
        return {f"{name}List": envelope}
    properties: Schema = {"href": {"type": "string"}} if resource.self_href or resource.href_target else {}
    properties.update({name: field_schema(spec, registry) for spec, name in resource.layout(country)})
    item = {"type": "object", "properties": properties, "required": ["href"] if "href" in properties else []}
    if resource.v2:
        return {name: item, **v2_schemas(name, envelope)}
    return {name: item, f"{name}List": envelope}


def v2_schemas(name: str, envelope: Schema) -> dict[str, Schema]:
    """The ecommerce envelopes: `{"code", "data"}` around one item, `data` instead of `items` in a list."""
    code = {"type": "integer"}
    listed = {key: value for key, value in envelope["properties"].items() if key != "items"}
    page = {"type": "object", "properties": {"code": code, **listed, "data": envelope["properties"]["items"]},
            "required": ["code", "href", "count", "limit", "offset", "data"]}
    one = {"type": "object", "properties": {"code": code, "data": ref(name)}, "required": ["code", "data"]}
    return {f"{name}List": page, f"{name}Body": one}


def common_schemas() -> dict[str, Schema]:
    return {
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "retry_after": {"type": "integer"}},
            "required": ["error"],
        },
        "Link": {
            "type": "object",
            "properties": {"href": {"type": "string"}, "id": {"type": "string"}},
            "required": ["href", "id"],
        },
        "ChildrenLink": {"type": "object", "properties": {"href": {"type": "string"}}, "required": ["href"]},
        "Count": {"type": "object", "properties": {"count": {"type": "integer"}}, "required": ["count"]},
    }


def json_content(schema: Schema) -> Schema:
    return {"application/json": {"schema": schema}}


def responses(status: int, schema: Schema, description: str = "success") -> Schema:
    out: Schema = {str(status): {"description": description, "content": json_content(schema)}}
    for code, text in ERRORS.items():
        out[code] = {"description": text, "content": json_content(ref("Error"))}
    return out


def path_and_parameters(path: str) -> tuple[str, list[Schema]]:
    """`/v1/x/{id:int}.json` -> (`/v1/x/{id}.json`, its path parameters)."""
    parameters = []
    for name, convertor in PATH_PARAM.findall(path):
        kind = "integer" if convertor == "int" or name == "id" or name.endswith("Id") else "string"
        parameters.append({"name": name, "in": "path", "required": True, "schema": {"type": kind}})
    return PATH_PARAM.sub(lambda m: "{" + m.group(1) + "}", path), parameters


def operation(op_id: str, summary: str, parameters: list[Schema], answers: Schema, *, secure: bool = True,
              body: bool = False) -> Schema:
    out: Schema = {"operationId": op_id, "summary": summary, "parameters": parameters, "responses": answers}
    if body:
        out["requestBody"] = {"required": True, "content": json_content({"type": "object"})}
    if not secure:
        out["security"] = []
    return out


def resource_paths(resource: Resource, registry: Registry, country: Country) -> dict[str, Schema]:
    """The generic endpoints of one resource, as `resource_routes` serves them to `country`."""
    name, plural = item_name(resource, registry), resource.name
    path, parent = path_and_parameters(resource.path)
    expandable = ", ".join(resource.expandable()) or "nothing"
    projection = [
        {"name": "fields", "in": "query", "schema": {"type": "string"}, "description": "e.g. [name,code]"},
        {"name": "expand", "in": "query", "schema": {"type": "string"}, "description": f"of {expandable}"},
    ]
    filters = [{"name": key, "in": "query", "schema": {"type": "string"}} for key in resource.filters_for(country)]
    member_params = [*parent, {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}]
    one = responses(200, ref(f"{name}Body" if resource.v2 else name))
    many = responses(200, ref(f"{schema_name(resource)}List"))
    collection: Schema = {}
    if resource.listable:
        collection["get"] = operation(f"list_{plural}", f"list {plural}", [*parent, *PAGE, *projection, *filters], many)
    if resource.post and served_to(resource.post_countries, country.code):
        created = responses(resource.post_status, ref(f"{name}Body" if resource.v2 else name))
        collection["post"] = operation(f"create_{plural}", f"create one of {plural}", parent, created, body=True)
    member: Schema = {"get": operation(f"get_{plural}", f"one of {plural}", [*member_params, *projection], one)}
    if resource.put:
        member["put"] = operation(f"update_{plural}", f"update one of {plural}", member_params, one, body=True)
    if resource.delete:
        member["delete"] = operation(f"delete_{plural}", f"delete one of {plural}", member_params, one)
    paths: dict[str, Schema] = {f"{path}.json": collection} if collection else {}
    if resource.count:
        counted = operation(f"count_{plural}", f"count {plural}", [*parent, *filters], responses(200, ref("Count")))
        paths[f"{path}/count.json"] = {"get": counted}
    if resource.member and not resource.serves and served_to(resource.member_countries, country.code):
        paths[f"{path}/{{id}}.json"] = member
    return paths


def route_paths(path: str, methods: Iterable[str], handler: Any, *, secure: bool) -> dict[str, Schema]:
    """An extra or admin route: its docstring as summary, any JSON as its answer (unless the handler
    declares its own `openapi_responses`, as the inspector's pages do)."""
    openapi_path, parameters = path_and_parameters(path)
    summary = (inspect.getdoc(handler) or "").split("\n")[0]
    slug = re.sub(r"\W+", "_", openapi_path).strip("_") or "root"
    answers = getattr(handler, "openapi_responses", None) or responses(200, {})
    item = {
        method.lower(): operation(f"{method.lower()}_{slug}", summary, parameters, answers,
                                  secure=secure, body=method in ("POST", "PUT"))
        for method in methods
        if method != "HEAD"
    }
    return {openapi_path: item}


def merge(paths: dict[str, Schema], more: dict[str, Schema]) -> None:
    """Add operations; two routes may serve one path with different methods."""
    for path, operations in more.items():
        paths.setdefault(path, {}).update(operations)


def build(registry: Registry, admin: Iterable[BaseRoute], country: Country) -> Schema:
    from mockbsale import __version__  # the package imports this module while it loads

    schemas = common_schemas()
    paths: dict[str, Schema] = {}
    for resource in registry:
        if not served_to(resource.countries, country.code):
            continue
        schemas.update(resource_schemas(resource, registry, country))
        merge(paths, resource_paths(resource, registry, country))
    for extra in registry.extra_routes:
        if not served_to(extra.countries, country.code):
            continue
        merge(paths, route_paths(extra.path, extra.methods, extra.handler, secure=extra.token_param is None))
    for route in admin:
        if isinstance(route, Route) and (route.path.startswith("/_mock/") or route.path == "/"):
            merge(paths, route_paths(route.path, sorted(route.methods or ()), route.endpoint, secure=False))
    merge(paths, route_paths("/openapi.json", ["GET"], openapi_endpoint, secure=False))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mockbsale",
            "version": __version__,
            "description": f"A fake of the Bsale API ({country.name}: the endpoints and keys Bsale serves a "
            f"company there; ?country= gives another country's). Paths under /_mock/ are the mock's own admin "
            "API: unauthenticated, for local use only; its writes take application/json only (else 415) and "
            "refuse another origin (403).",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"accessToken": {"type": "apiKey", "in": "header", "name": "access_token"}},
        },
        "security": [{"accessToken": []}],
    }


async def openapi_endpoint(request: Request) -> Response:
    """This OpenAPI document for `?country=` (default: the server's), `servers` the URL it was
    fetched from; an unknown country is 404."""
    state = request.app.state
    code = request.query_params.get("country", state.engine.settings.country).upper()
    if code not in COUNTRIES:
        return error_response(not_found())
    documents: dict[str, Schema] | None = getattr(state, "openapi", None)
    if documents is None:
        documents = state.openapi = {}
    if code not in documents:
        documents[code] = build(state.engine.registry, request.app.routes, COUNTRIES[code])
    return JSONResponse({**documents[code], "servers": [{"url": str(request.base_url).rstrip("/")}]})


def openapi_route() -> Route:
    return Route("/openapi.json", openapi_endpoint, methods=["GET"])
