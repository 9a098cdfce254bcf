"""The v2 paths Bsale's product, variant, price and stock webhooks name: `{"code": 200, "data": ...}`
with the current state of the resource."""

from __future__ import annotations

import httpx

from mockbsale.events import Event
from mockbsale.webhooks.payloads import build_payload


def test_v2_product_and_variant(api: httpx.Client) -> None:
    product = api.get("/v2/products/3.json").json()
    assert product == {"code": 200, "data": api.get("/v1/products/3.json").json()}
    variant = api.get("/v2/variants/7.json").json()
    assert variant == {"code": 200, "data": api.get("/v1/variants/7.json").json()}
    for path in ("/v2/products/9999.json", "/v2/variants/9999.json"):
        response = api.get(path)
        assert (response.status_code, response.json()) == (404, {"error": "Resource not found"})


def test_v2_price_details_of_one_variant(api: httpx.Client) -> None:
    served = api.get("/v2/price_lists/2/details.json?variant=7").json()
    v1 = api.get("/v1/price_lists/2/details.json?variantid=7").json()
    assert served == {"code": 200, "data": v1["items"], "count": 1, "limit": 25, "offset": 0}
    everything = api.get("/v2/price_lists/2/details.json?limit=100&offset=10").json()
    total = api.get("/v1/variants/count.json").json()["count"]
    assert (everything["count"], everything["limit"], everything["offset"], len(everything["data"])) == (
        total, 50, 10, 50
    )
    assert api.get("/v2/price_lists/99/details.json?variant=7").status_code == 404


def test_v2_stock_of_one_variant_in_one_office(api: httpx.Client) -> None:
    served = api.get("/v2/stocks.json?variant=7&office=2").json()
    assert served["code"] == 200 and served["count"] == 1
    assert served["data"] == api.get("/v1/stocks.json?variantid=7&officeid=2").json()["items"]
    assert api.get("/v2/stocks.json?variant=7").json()["count"] == 3


def test_webhook_resources_show_the_change(api: httpx.Client, published: list) -> None:
    """Each notification the writes raise names a resource that answers with the new state."""
    stock_before = api.get("/v1/stocks.json?variantid=7&officeid=2").json()["items"][0]["quantity"]
    detail = api.get("/v1/price_lists/2/details.json?variantid=7").json()["items"][0]
    api.put("/v1/products/2.json", json={"name": "Polera Nueva"})
    api.put("/v1/variants/7.json", json={"description": "Talla única"})
    api.put(detail["href"], json={"variantValue": 1234})
    api.post("/v1/stocks/receptions.json", json={"officeId": 2, "details": [{"variantId": 7, "quantity": 5}]})
    resources = {
        topic: build_payload(1, Event(topic, action, resource_id, extras), 0)["resource"]
        for topic, action, resource_id, extras in published
    }
    assert api.get(resources["product"]).json()["data"]["name"] == "Polera Nueva"
    assert api.get(resources["variant"]).json()["data"]["description"] == "Talla única"
    assert [item["variantValue"] for item in api.get(resources["price"]).json()["data"]] == [1234]
    assert [item["quantity"] for item in api.get(resources["stock"]).json()["data"]] == [stock_before + 5]


def test_fields_keep_href_and_id_on_v2_items(api: httpx.Client) -> None:
    collection = api.get("/v2/collections/1.json?fields=[nope]").json()
    assert collection == {"code": 200, "data": {"id": 1, "href": collection["data"]["href"]}}
    assert api.get(collection["data"]["href"]).json()["data"]["id"] == 1
    named = api.get("/v2/collections/1.json?fields=[name]").json()["data"]
    assert list(named) == ["id", "name", "href"]
    web = api.get("/v2/products/list/market_info.json?limit=1").json()["data"][0]
    pictures = api.get(f"/v2/products/market_info/{web['id']}/pictures.json?fields=[state]").json()["data"]
    assert pictures and all(list(picture) == ["id", "href", "state"] for picture in pictures)
    assert all(api.get(picture["href"]).status_code == 200 for picture in pictures)
