"""Variants: representation, filters, attribute values, costs, writes and their events."""

from __future__ import annotations

import httpx

from mockbsale import MockServer
from mockbsale.http.errors import TYPE_MISMATCH
from tests.conftest import documented_keys, snapshot


def test_variant_has_documented_keys(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/1.json").json()
    assert list(variant) == documented_keys("GET /v1/variants/{id}.json")
    assert isinstance(variant["id"], int) and variant["product"]["id"] == "1"
    assert isinstance(variant["code"], str) and isinstance(variant["barCode"], str)


def test_expand_product_has_name_and_product_type_id(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/1.json?expand=[product]").json()
    assert variant["product"]["name"] == "Polera Algodón Orgánico"
    assert variant["product"]["product_type"]["id"] == "1"
    listed = api.get("/v1/variants.json?expand=product&limit=3").json()
    assert all("name" in item["product"] for item in listed["items"])


def test_variant_filters(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/5.json").json()
    for query in (
        {"code": variant["code"]},
        {"barcode": variant["barCode"]},
        {"code": f"[{variant['code']}]"},
        {"productid": variant["product"]["id"], "description": variant["description"]},
    ):
        items = api.get("/v1/variants.json", params=query).json()["items"]
        assert [item["id"] for item in items] == [5], query
    by_product = api.get("/v1/variants.json?productid=1").json()
    assert by_product["count"] == api.get("/v1/products/1/variants.json").json()["count"]
    assert api.get("/v1/variants.json?code=NOPE").json()["count"] == 0
    assert api.get("/v1/variants/count.json").json() == {"count": api.get("/v1/variants.json").json()["count"]}
    assert api.get("/v1/variants/count.json?state=1").json() == {"count": 0}


def test_serial_number_filter_finds_received_serials(api: httpx.Client) -> None:
    body = {"officeId": 1, "document": "Guía", "details": [{"variantId": 7, "quantity": 1, "serialNumber": "SN-77"}]}
    assert api.post("/v1/stocks/receptions.json", json=body).status_code == 201
    assert [item["id"] for item in api.get("/v1/variants.json?serialnumber=SN-77").json()["items"]] == [7]


def test_attribute_values(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/1.json").json()
    values = api.get(variant["attribute_values"]["href"]).json()
    assert values["count"] == 1
    value = values["items"][0]
    assert list(value) == documented_keys("GET /v1/variants/{variantId}/attribute_values.json")
    assert value["description"] == variant["description"]
    assert value["attribute"]["href"].endswith("/v1/product_types/1/attributes/1.json")
    assert api.get(value["attribute"]["href"]).json()["name"] == "Talla"
    assert api.get(value["href"]).json() == value


def test_costs(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/1.json").json()
    costs = api.get(variant["costs"]["href"]).json()
    assert list(costs) == ["averageCost", "history"]
    assert isinstance(costs["averageCost"], str) and float(costs["averageCost"]) > 0
    entry = costs["history"][0]
    assert list(entry) == ["reception_detail", "admissionDate", "cost", "availableFifo"]
    detail = api.get(entry["reception_detail"]["href"]).json()
    assert detail["id"] == entry["reception_detail"]["id"] and detail["variant"]["id"] == "1"
    on_hand = sum(item["quantity"] for item in api.get("/v1/stocks.json?variantid=1").json()["items"])
    assert sum(entry["availableFifo"] for entry in costs["history"]) == on_hand
    assert api.get("/v1/variants/9999/costs.json").status_code == 404


def test_average_cost_weighs_receptions(api: httpx.Client) -> None:
    service_variant = api.get("/v1/variants.json?code=SRV-001").json()["items"][0]
    assert api.get(service_variant["costs"]["href"]).json() == {"averageCost": "0.0", "history": []}
    for quantity, cost in ((1, 1000), (3, 2000)):
        body = {"officeId": 1, "details": [{"variantId": service_variant["id"], "quantity": quantity, "cost": cost}]}
        assert api.post("/v1/stocks/receptions.json", json=body).status_code == 201
    costs = api.get(service_variant["costs"]["href"]).json()
    assert costs["averageCost"] == "1750.0"
    assert [entry["cost"] for entry in costs["history"]] == [1000, 2000]


def test_post_variant_gets_prices_and_attribute_values(api: httpx.Client, published: list) -> None:
    body = {"productId": 1, "description": "XXL", "attribute_values": [{"description": "XXL", "attributeId": 1}]}
    created = api.post("/v1/variants.json", json=body)
    assert created.status_code == 201
    variant = created.json()
    assert set(documented_keys("POST /v1/variants.json")) <= set(variant)
    assert variant["code"] and variant["barCode"] == variant["code"] and variant["state"] == 0
    values = api.get(variant["attribute_values"]["href"]).json()["items"]
    assert [(v["description"], v["attribute"]["id"]) for v in values] == [("XXL", "1")]
    for price_list in api.get("/v1/price_lists.json").json()["items"]:
        details = api.get(f"/v1/price_lists/{price_list['id']}/details.json?variantid={variant['id']}").json()
        assert [item["variantValue"] for item in details["items"]] == [0]
    assert published == [("variant", "post", variant["id"], {})]
    second = api.post("/v1/variants.json", json={"productId": 1, "description": "XXXL"}).json()
    assert second["code"] != variant["code"]


def test_put_and_delete_variant(api: httpx.Client, published: list) -> None:
    body = {"id": "1", "description": "Extra Small", "allowNegativeStock": 1, "code": "POL-1-XS",
            "attribute_values": [{"description": "Extra Small", "attributeId": 1}]}
    updated = api.put("/v1/variants/1.json", json=body).json()
    assert (updated["description"], updated["allowNegativeStock"], updated["code"]) == ("Extra Small", 1, "POL-1-XS")
    assert api.get("/v1/variants.json?code=POL-1-XS").json()["count"] == 1
    assert api.get("/v1/variants.json?code=POL-001-XS").json()["count"] == 0
    values = api.get("/v1/variants/1/attribute_values.json").json()["items"]
    assert [v["description"] for v in values] == ["Extra Small"]
    deleted = api.delete("/v1/variants/1.json").json()
    assert deleted["state"] == 1
    assert api.get("/v1/variants/count.json?state=1").json() == {"count": 1}
    assert published == [("variant", "put", 1, {}), ("variant", "put", 1, {})]


def test_rejected_variants_change_nothing(api: httpx.Client, server: MockServer, published: list) -> None:
    before = snapshot(server)
    cases = [
        ({"description": "X"}, "productId can't be blank"),
        ({"productId": 999, "description": "X"}, "invalid product"),
        ({"productId": 1, "attribute_values": [{"description": "Rojo", "attributeId": 4}]}, "invalid attribute"),
        ({"productId": 1, "attribute_values": {"description": "Rojo"}}, TYPE_MISMATCH),
        ({"productId": "uno"}, TYPE_MISMATCH),
    ]
    for body, message in cases:
        response = api.post("/v1/variants.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message}), body
    response = api.put("/v1/variants/1.json", json={"productId": 999})
    assert (response.status_code, response.json()) == (400, {"error": "invalid product"})
    assert api.delete("/v1/variants/99999.json").status_code == 404
    assert snapshot(server) == before
    assert published == []
