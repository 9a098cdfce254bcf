"""`/openapi.json`: generated from the registry, it documents every route the app serves, and the
served responses match it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from jsonschema import Draft202012Validator
from starlette.routing import Route

from mockbsale import MockServer
from mockbsale.app import create_app
from mockbsale.domain.countries import COUNTRIES
from mockbsale.openapi import item_name, path_and_parameters, schema_name
from mockbsale.resources.registry import Resource
from mockbsale.resources.routing import ApiRoute
from tests.conftest import TOKEN_A


def openapi(api: httpx.Client) -> dict[str, Any]:
    response = api.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator(document: dict[str, Any], name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


def test_document_is_openapi_3_1_with_the_token_scheme(api: httpx.Client) -> None:
    document = openapi(api)
    assert document["openapi"] == "3.1.0"
    assert document["components"]["securitySchemes"]["accessToken"] == {
        "type": "apiKey", "in": "header", "name": "access_token",
    }
    assert document["servers"] == [{"url": str(api.base_url).rstrip("/")}]


@pytest.mark.parametrize("country", sorted(COUNTRIES))
def test_every_route_of_the_app_is_documented(api: httpx.Client, server: MockServer, country: str) -> None:
    """Per country: the document lists exactly the methods the app serves a company there."""
    response = api.get("/openapi.json", params={"country": country})
    assert response.status_code == 200
    paths = response.json()["paths"]
    routes = [route for route in create_app(server.engine).routes if isinstance(route, Route)]
    assert any(route.path.startswith("/_mock/") for route in routes)
    served: dict[str, set[str]] = {}
    for route in routes:
        methods = {method for method in route.methods or () if method != "HEAD"
                   and (not isinstance(route, ApiRoute) or route.serves(method, country))}
        if methods:
            served.setdefault(path_and_parameters(route.path)[0], set()).update(methods)
    assert {path: {method.upper() for method in operations} for path, operations in paths.items()} == served


def test_instance_info_needs_no_header_and_admin_is_open(api: httpx.Client) -> None:
    paths = openapi(api)["paths"]
    assert paths["/v1/instances/basic/{token}.json"]["get"]["security"] == []
    assert paths["/_mock/faults"]["post"]["security"] == []
    assert "security" not in paths["/v1/offices.json"]["get"]


def items(page: dict[str, Any], resource: Resource) -> list[dict[str, Any]]:
    return page["data" if resource.v2 else "items"]


def list_path(server: MockServer, resource: Resource) -> str | None:
    """The list URL of a resource; a nested one under the parent of its first row (None without one)."""
    if not resource.listable:
        return None
    if not resource.parent_param or not resource.parent_key:
        return f"{resource.path}.json"
    company = server.engine.store.by_token(TOKEN_A)
    first = server.call(lambda: next(iter(company.table(resource.table)), None))
    if first is None:
        return None
    return resource.path.replace("{" + resource.parent_param + "}", str(first[resource.parent_key])) + ".json"


def test_served_lists_and_items_match_their_schemas(api: httpx.Client, server: MockServer) -> None:
    document = openapi(api)
    base = str(api.base_url).rstrip("/")
    resources = [resource for resource in server.engine.registry if "CL" in (resource.countries or ("CL",))]
    paths = {resource.name: list_path(server, resource) for resource in resources}
    assert sum(path is not None for path in paths.values()) >= 0.8 * sum(r.listable for r in resources)
    for resource in resources:
        path = paths[resource.name]
        if path is None:
            continue
        expand = ",".join(resource.expandable())
        page = api.get(path, params={"limit": 3, "expand": f"[{expand}]"})
        assert page.status_code == 200, resource.path
        page_schema = validator(document, f"{schema_name(resource)}List")
        assert [error.message for error in page_schema.iter_errors(page.json())] == [], resource.path
        item_schema = validator(document, item_name(resource, server.engine.registry))
        for item in items(page.json(), resource):
            if "href" in item and item["href"].endswith(f"/{item.get('id')}.json"):
                one = api.get(item["href"].removeprefix(base))
                assert [error.message for error in item_schema.iter_errors(one.json())] == [], item["href"]


def test_errors_match_the_error_schema(api: httpx.Client) -> None:
    check = validator(openapi(api), "Error")
    for response in (
        api.get("/v1/offices/999999.json"),
        api.get("/v1/offices.json", headers={"access_token": "wrong"}),
        api.post("/v1/offices.json", content=b"{not json"),
    ):
        assert response.status_code >= 400
        assert list(check.iter_errors(response.json())) == []
    assert not check.is_valid({"message": "not Bsale's shape"})
