"""Price lists and their details: net values, values with the variant's taxes, PUT and its event."""

from __future__ import annotations

import httpx

from mockbsale import MockServer
from tests.conftest import documented_keys, snapshot


def test_price_list_has_documented_keys(api: httpx.Client) -> None:
    listed = api.get("/v1/price_lists.json").json()
    assert listed["count"] == len(listed["items"]) == 2
    price_list = listed["items"][0]
    assert list(price_list) == documented_keys("GET /v1/price_lists/{id}.json")
    assert isinstance(price_list["id"], int)
    assert api.get(price_list["href"]).json() == price_list
    assert api.get(price_list["coin"]["href"]).status_code == 200
    assert api.get("/v1/price_lists/count.json?state=0").json() == {"count": 2}
    assert api.get("/v1/price_lists.json?coinid=1").json()["count"] == 2


def test_details_filters_and_keys(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/3.json").json()
    for query in (f"variantid={variant['id']}", f"code={variant['code']}", f"barcode={variant['barCode']}"):
        details = api.get(f"/v1/price_lists/1/details.json?{query}").json()
        assert details["count"] == 1, query
        detail = details["items"][0]
        assert list(detail) == documented_keys("GET /v1/price_lists/{priceListId}/details.json")
        assert detail["variant"] == {"href": variant["href"], "id": "3"}
    assert api.get(detail["href"]).json() == detail
    everything = api.get("/v1/price_lists/1/details.json").json()
    assert everything["count"] == api.get("/v1/variants/count.json").json()["count"]
    assert api.get("/v1/price_lists/9/details.json").status_code == 404
    assert api.get(f"/v1/price_lists/2/details/{detail['id']}.json").status_code == 404


def test_value_with_taxes_follows_the_product_taxes(api: httpx.Client) -> None:
    shirt = api.get("/v1/price_lists/1/details.json?code=POL-001-XS").json()["items"][0]
    assert shirt["variantValueWithTaxes"] == round(shirt["variantValue"] * 1.19)
    wine_variant = api.get("/v1/products.json?producttypeid=5&expand=[product_taxes]").json()["items"][0]
    assert sorted(t["tax"]["id"] for t in wine_variant["product_taxes"]["items"]) == ["1", "3"]
    variant_id = api.get(f"/v1/products/{wine_variant['id']}/variants.json").json()["items"][0]["id"]
    wine = api.get(f"/v1/price_lists/1/details.json?variantid={variant_id}").json()["items"][0]
    assert wine["variantValueWithTaxes"] == round(wine["variantValue"] * (1 + 0.19 + 0.205))


def test_put_detail_with_string_id(api: httpx.Client, published: list) -> None:
    detail = api.get("/v1/price_lists/2/details.json?variantid=4").json()["items"][0]
    body = {"variantValue": 2000, "id": str(detail["id"])}
    updated = api.put(f"/v1/price_lists/2/details/{detail['id']}.json", json=body)
    assert updated.status_code == 200
    served = updated.json()
    assert set(documented_keys("PUT /v1/price_lists/{priceListId}/details/{id}.json")) == set(served)
    assert (served["variantValue"], served["variantValueWithTaxes"]) == (2000, 2380)
    assert api.get(detail["href"]).json()["variantValue"] == 2000
    assert published == [("price", "put", 4, {"priceListId": 2})]


def test_rejected_price_changes_nothing(api: httpx.Client, server: MockServer, published: list) -> None:
    before = snapshot(server)
    for body, message in (
        ({"id": 1}, "variantValue can't be blank"),
        ({"variantValue": "mil"}, "no implicit conversion of String into Integer"),
        ({"variantValue": 1e308}, '"variantValue" is out of range for ActiveRecord::Type::Decimal'),
    ):
        response = api.put("/v1/price_lists/1/details/1.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message})
    assert api.put("/v1/price_lists/1/details/1.json", content=b"{").status_code == 400
    assert snapshot(server) == before
    assert published == []
