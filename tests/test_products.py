"""Product types (with attributes) and products (with taxes and variants)."""

from __future__ import annotations

import httpx

from mockbsale import MockServer
from tests.conftest import documented_keys, snapshot


def test_product_type_has_documented_keys(api: httpx.Client) -> None:
    product_type = api.get("/v1/product_types/1.json").json()
    assert list(product_type) == documented_keys("GET /v1/product_types/{id}.json")
    attributes = api.get(product_type["attributes"]["href"]).json()
    assert attributes["count"] == len(attributes["items"]) == 1
    attribute = attributes["items"][0]
    assert list(attribute) == documented_keys("GET /v1/product_types/{productTypeId}/attributes.json")
    assert api.get(attribute["href"]).json() == attribute
    assert attribute["options"] == "XS|S|M|L|XL"


def test_product_type_products_are_served_as_products(api: httpx.Client) -> None:
    listed = api.get("/v1/product_types/2/products.json").json()
    assert listed["count"] == len(listed["items"]) > 0
    for product in listed["items"]:
        assert product["product_type"]["id"] == "2"
        assert api.get(product["href"]).json() == product
    assert api.get("/v1/product_types/999/products.json").status_code == 404


def test_post_put_delete_product_type_with_attributes(api: httpx.Client) -> None:
    created = api.post(
        "/v1/product_types.json",
        json={"name": "Consolas", "attributes": [{"name": "Fabricante", "hasOptions": 1, "options": "Nintendo|Sony"}]},
    )
    assert created.status_code == 201
    product_type = created.json()
    assert list(product_type) == documented_keys("POST /v1/product_types.json")
    assert (product_type["name"], product_type["isEditable"], product_type["state"]) == ("Consolas", 1, 0)
    attribute = api.get(product_type["attributes"]["href"]).json()["items"][0]
    body = {
        "id": str(product_type["id"]),
        "name": "Consolas Next GEN",
        "attributes": [{"id": attribute["id"], "options": "Nintendo|Sony|Microsoft"}, {"name": "Sistema"}],
    }
    updated = api.put(f"/v1/product_types/{product_type['id']}.json", json=body).json()
    assert updated["name"] == "Consolas Next GEN"
    attributes = api.get(product_type["attributes"]["href"]).json()["items"]
    assert [(a["name"], a["options"]) for a in attributes] == [
        ("Fabricante", "Nintendo|Sony|Microsoft"), ("Sistema", "")
    ]
    deleted = api.delete(f"/v1/product_types/{product_type['id']}.json").json()
    assert deleted["state"] == 1
    assert api.get("/v1/product_types/count.json?state=1").json() == {"count": 1}


def test_product_type_attribute_of_another_type_is_refused(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    response = api.put("/v1/product_types/2.json", json={"name": "X", "attributes": [{"id": 1, "name": "Talla"}]})
    assert response.status_code == 400
    assert response.json() == {"error": "invalid attribute"}
    assert snapshot(server) == before


def test_product_has_documented_keys_and_taxes(api: httpx.Client) -> None:
    product = api.get("/v1/products/1.json").json()
    documented = documented_keys("GET /v1/products/{id}.json")
    assert list(product) == [*documented[:-1], "variants", documented[-1]]
    assert isinstance(product["id"], int) and product["product_type"]["id"] == "1"
    taxes = api.get(product["product_taxes"]["href"]).json()
    assert list(taxes["items"][0]) == documented_keys("GET /v1/products/{productId}/product_taxes.json")
    assert [item["tax"]["id"] for item in taxes["items"]] == ["1"]
    assert api.get(taxes["items"][0]["href"]).json() == taxes["items"][0]
    assert api.get(taxes["items"][0]["tax"]["href"]).json()["name"] == "IVA"


def test_product_filters_and_count(api: httpx.Client) -> None:
    by_type = api.get("/v1/products.json?producttypeid=7&limit=50").json()
    assert by_type["count"] == len(by_type["items"]) == 8
    assert {item["classification"] for item in by_type["items"]} == {1}
    assert api.get("/v1/products.json?classification=1").json()["count"] == 8
    name = by_type["items"][0]["name"]
    assert [item["name"] for item in api.get("/v1/products.json", params={"name": name}).json()["items"]] == [name]
    assert api.get("/v1/products/count.json").json() == {"count": 50}
    assert api.get("/v1/products/count.json?state=1").json() == {"count": 0}


def test_product_expands_its_type(api: httpx.Client) -> None:
    product = api.get("/v1/products/1.json?expand=[product_type,product_taxes]").json()
    assert product["product_type"]["name"] == "Poleras"
    assert product["product_taxes"]["count"] == 1 and product["product_taxes"]["items"][0]["tax"]["id"] == "1"


def test_product_variants(api: httpx.Client) -> None:
    listed = api.get("/v1/products/1/variants.json").json()
    assert listed["count"] == len(listed["items"]) >= 3
    assert all(item["product"]["id"] == "1" for item in listed["items"])
    assert listed["items"][0]["href"].endswith(f"/v1/variants/{listed['items'][0]['id']}.json")
    assert list(listed["items"][0]) == documented_keys("GET /v1/products/{productId}/variants.json")


def test_post_product_with_default_and_explicit_taxes(api: httpx.Client, published: list) -> None:
    created = api.post("/v1/products.json", json={"name": "Calcetines", "stockControl": 1, "productTypeId": 1})
    assert created.status_code == 201
    product = created.json()
    assert set(documented_keys("POST /v1/products.json")) <= set(product)
    assert (product["name"], product["classification"], product["stockControl"], product["state"]) == (
        "Calcetines", 0, 1, 0,
    )
    taxes = api.get(f"/v1/products/{product['id']}/product_taxes.json").json()["items"]
    assert [tax["tax"]["id"] for tax in taxes] == ["1"]
    wine = api.post("/v1/products.json", json={"name": "Vino", "productTypeId": 5, "taxes": "[1,3]"}).json()
    taxes = api.get(f"/v1/products/{wine['id']}/product_taxes.json").json()["items"]
    assert [tax["tax"]["id"] for tax in taxes] == ["1", "3"]
    service = api.post("/v1/products.json", json={"name": "Flete", "productTypeId": 7, "classification": 1}).json()
    assert service["stockControl"] == 0
    assert published == [("product", "post", row["id"], {}) for row in (product, wine, service)]


def test_put_and_delete_product(api: httpx.Client, published: list) -> None:
    body = {"id": "1", "name": "Polera de Mujer", "productTypeId": "2", "ledgerAccount": "Calcetas", "taxes": [1, 2]}
    updated = api.put("/v1/products/1.json", json=body).json()
    assert (updated["name"], updated["ledgerAccount"]) == ("Polera de Mujer", "Calcetas")
    assert updated["product_type"]["id"] == "2"
    taxes = api.get("/v1/products/1/product_taxes.json").json()["items"]
    assert [tax["tax"]["id"] for tax in taxes] == ["1", "2"]
    deleted = api.delete("/v1/products/1.json").json()
    assert deleted["state"] == 1 and deleted["name"] == "Polera de Mujer"
    assert api.get("/v1/products.json?state=1").json()["count"] == 1
    assert published == [("product", "put", 1, {}), ("product", "put", 1, {})]


def test_rejected_products_change_nothing(api: httpx.Client, server: MockServer, published: list) -> None:
    before = snapshot(server)
    cases = [
        ({"productTypeId": 1}, "name can't be blank"),
        ({"name": "X"}, "productTypeId can't be blank"),
        ({"name": "X", "productTypeId": 999}, "invalid product type"),
        ({"name": "X", "productTypeId": 1, "taxes": [1, 99]}, "invalid tax"),
        ({"name": ["X"], "productTypeId": 1}, "no implicit conversion of String into Integer"),
    ]
    for body, message in cases:
        response = api.post("/v1/products.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message})
    response = api.put("/v1/products/1.json", json={"productTypeId": 999, "name": "Y"})
    assert (response.status_code, response.json()) == (400, {"error": "invalid product type"})
    assert api.put("/v1/products/9999.json", json={"name": "Y"}).status_code == 404
    assert snapshot(server) == before
    assert published == []


def test_products_link_and_expand_their_variants(api: httpx.Client, server: MockServer) -> None:
    product = api.get("/v1/products/1.json").json()
    assert product["variants"] == {"href": f"{server.url}/v1/products/1/variants.json"}
    variants = api.get(product["variants"]["href"]).json()
    assert variants["count"] > 0 and all(item["product"]["id"] == "1" for item in variants["items"])
    one = api.get("/v1/products/1.json?expand=[variants,product_type]").json()
    assert one["variants"] == {**variants, "href": product["variants"]["href"]}
    assert one["product_type"]["name"] and list(one) == list(product)
    listed = api.get("/v1/products.json?expand=[variants]&limit=3").json()["items"]
    for item in listed:
        nested = item["variants"]
        assert list(nested) == ["href", "count", "limit", "offset", "items"]
        assert [variant["id"] for variant in nested["items"]] == [
            variant["id"] for variant in api.get(nested["href"]).json()["items"]]


def test_expanded_variants_are_cut_at_25_with_a_next_link(api: httpx.Client) -> None:
    for number in range(30):
        assert api.post("/v1/variants.json", json={"productId": 2, "description": f"T{number}"}).status_code == 201
    total = api.get("/v1/products/2/variants.json").json()["count"]
    assert total >= 30
    nested = api.get("/v1/products/2.json?expand=[variants]&limit=50").json()["variants"]
    assert (nested["count"], nested["limit"], len(nested["items"])) == (total, 25, 25)
    rest = api.get(nested["next"]).json()
    assert rest["offset"] == 25 and len(rest["items"]) == total - 25
