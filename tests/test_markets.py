"""The online store's catalog: web product descriptions in their three documented shapes, their
pictures and variants, and collections; the v2 envelope; hrefs that resolve on the mock."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import assert_every_url_resolves, reference_endpoints

LIST = "/v2/products/list/market_info.json"
MARKET = "/v1/markets/1/products/market_info.json"
NOT_FOUND = {"error": "Resource not found"}


def documented(endpoint: str) -> Any:
    """The `data` of a documented ecommerce response (its first item for lists)."""
    data = reference_endpoints()[endpoint]["response"]["data"]
    return data[0] if isinstance(data, list) else data


def gross(api: httpx.Client, variant_id: int, price_list_id: int = 1) -> float:
    detail = api.get(f"/v1/price_lists/{price_list_id}/details.json?variantid={variant_id}").json()["items"][0]
    return detail["variantValueWithTaxes"]


def test_list_has_the_documented_envelope_and_keys(api: httpx.Client) -> None:
    expand = "[variantsInfo,variant.salePrice,collections,descriptions]"
    page = api.get(LIST, params={"expand": expand, "priceListId": 1, "limit": 3}).json()
    assert list(page) == ["code", "href", "count", "limit", "offset", "data", "next"]
    assert (page["code"], page["limit"], page["offset"], len(page["data"])) == (200, 3, 0, 3)
    products = api.get("/v1/products/count.json").json()["count"]
    assert 0 < page["count"] < products
    item = page["data"][0]
    assert list(item) == list(documented("GET /v2/products/list/market_info.json"))
    assert item["descriptions"] == [] and item["collections"][0]["name"] == "Todos los productos"
    variant = item["variants"][0]
    assert variant["productId"] == item["productId"] and variant["href"].endswith(f"/v2/variants/{variant['id']}.json")
    assert float(variant["salePrices"]["finalPrice"]) == gross(api, variant["id"])
    assert (item["variant"]["id"], item["link"]) == (item["idVariantDefault"], f"product/{item['urlSlug']}")


def test_list_nodes_are_links_unless_expanded(api: httpx.Client) -> None:
    item = api.get(LIST, params={"limit": 1}).json()["data"][0]
    variants = api.get(item["variants"]["href"]).json()
    assert variants["code"] == 200 and [v["productId"] for v in variants["data"]] == [item["productId"]] * len(
        variants["data"]
    )
    collections = api.get(item["collections"]["href"]).json()["data"]
    assert "Todos los productos" in [collection["name"] for collection in collections]
    assert item["baseInfo"] is None and item["variants"]["href"].endswith(f"/{item['id']}/variants.json")
    assert api.get(LIST, params={"limit": 1, "expand": "[baseInfo]"}).json()["data"][0]["baseInfo"]["id"] == (
        item["productId"]
    )


def test_list_filters(api: httpx.Client) -> None:
    everything = api.get(LIST, params={"limit": 50}).json()["data"]
    second = everything[1]
    code = api.get(f"/v1/products/{second['productId']}/variants.json").json()["items"][0]["code"]
    for params in ({"productId": second["productId"]}, {"productWfId": second["id"]}, {"code": code},
                   {"urlSlug": second["urlSlug"]}, {"name": second["name"]}):
        assert [item["id"] for item in api.get(LIST, params=params).json()["data"]] == [second["id"]], params
    pair = f"[{everything[0]['productId']},{second['productId']}]"
    assert len(api.get(LIST, params={"prodArray": pair}).json()["data"]) == 2
    assert api.get(LIST, params={"productid": second["productId"]}).json()["count"] == len(everything)
    assert api.get(LIST, params={"productId": "abc"}).json()["count"] == 0


def test_every_page_follows_next(api: httpx.Client) -> None:
    total = api.get(LIST).json()["count"]
    ids: list[int] = []
    url: str | None = f"{LIST}?limit=7"
    while url:
        page = api.get(url).json()
        ids += [item["id"] for item in page["data"]]
        url = page.get("next")
    assert ids == sorted(set(ids)) and len(ids) == total


def test_market_list_has_prices_and_stock(api: httpx.Client) -> None:
    page = api.get(MARKET).json()
    assert page["code"] == 200 and page["count"] == api.get(LIST).json()["count"]
    item = page["data"][0]
    assert list(item) == list(documented("GET /v1/markets/{marketId}/products/market_info.json"))
    assert item["variant"]["finalPrice"] == gross(api, item["idVariantDefault"])
    assert item["variant"]["finalPrice"] == item["variant"]["netDiscountPrice"] + item["variant"]["taxPrice"]
    stocks = api.get("/v1/stocks.json", params={"officeid": 1, "limit": 50}).json()["items"]
    variants = {v["id"] for v in api.get(f"/v1/products/{item['productId']}/variants.json").json()["items"]}
    assert item["totalStock"] == sum(s["quantityAvailable"] for s in stocks if int(s["variant"]["id"]) in variants)
    assert item["baseInfo"]["href"].endswith(f"/v2/products/{item['productId']}.json")


def test_market_list_by_collection(api: httpx.Client) -> None:
    collections = api.get("/v1/markets/collections/list.json").json()["data"]
    polos = next(collection for collection in collections if collection["name"] == "Poleras")
    items = api.get(MARKET, params={"collId": polos["id"]}).json()["data"]
    assert items and all(
        api.get(f"/v1/products/{item['productId']}.json?expand=[product_type]").json()["product_type"]["name"]
        == "Poleras" for item in items
    )
    assert api.get("/v1/markets/99/products/market_info.json").json()["count"] == 0


def test_market_list_by_price_and_stock(api: httpx.Client) -> None:
    items = api.get(MARKET, params={"limit": 50}).json()["data"]
    prices = sorted(item["variant"]["finalPrice"] for item in items)
    low, high = prices[len(prices) // 3], prices[2 * len(prices) // 3]
    between = api.get(MARKET, params={"minPrice": low, "maxPrice": high, "limit": 50}).json()["data"]
    assert between and {item["variant"]["finalPrice"] for item in between} == {p for p in prices if low <= p <= high}
    assert len(between) < len(items) and api.get(MARKET, params={"minPrice": "caro"}).json()["count"] == 0
    assert api.get(MARKET, params={"with_stock": 1}).json()["count"] == len(items)
    first = items[0]
    for variant in api.get(f"/v1/products/{first['productId']}/variants.json").json()["items"]:
        stock = api.get("/v1/stocks.json", params={"variantid": variant["id"], "officeid": 1}).json()["items"][0]
        if stock["quantityAvailable"]:
            detail = {"variantId": variant["id"], "quantity": stock["quantityAvailable"]}
            api.post("/v1/stocks/consumptions.json", json={"officeId": 1, "details": [detail]}).raise_for_status()
    in_stock = api.get(MARKET, params={"with_stock": 1, "limit": 50}).json()["data"]
    assert first["id"] not in [item["id"] for item in in_stock] and len(in_stock) == len(items) - 1


def test_one_web_description(api: httpx.Client) -> None:
    first = api.get(LIST, params={"limit": 1}).json()["data"][0]
    served = api.get(f"/v2/products/market_info/{first['id']}.json").json()
    assert served["code"] == 200
    item = served["data"]
    assert list(item) == list(documented("GET /v2/products/market_info/{id}.json"))
    assert item["pictures"] and item["urlImg"] == item["pictures"][0]["href"]
    assert [v["id"] for v in item["relatedVariants"]] == [v["id"] for v in item["variants"]]
    assert list(item["variants"][0]) == list(documented("GET /v2/products/market_info/{id}.json")["variants"][0])
    assert list(item["baseInfo"]) == list(documented("GET /v2/products/market_info/{id}.json")["baseInfo"])
    response = api.get("/v2/products/market_info/9999.json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_pictures_are_served_images(api: httpx.Client, server: MockServer) -> None:
    first = api.get(LIST, params={"limit": 1}).json()["data"][0]
    page = api.get(first["pictures"]["href"]).json()
    assert page["code"] == 200 and page["count"] >= 1
    picture = page["data"][0]
    assert list(picture) == list(documented("GET /v2/products/market_info/{productWebId}/pictures.json"))
    image = httpx.get(picture["href"])  # public, like Bsale's CDN: no token
    assert (image.status_code, image.headers["content-type"], image.content[:4]) == (200, "image/png", b"\x89PNG")
    assert httpx.get(picture["href"].replace(".png", "-x.png")).status_code == 404
    assert api.get("/v2/products/market_info/9999/pictures.json").status_code == 404
    assert api.get(first["pictures"]["href"], params={"state": 0}).json()["count"] == 0


def test_collections(api: httpx.Client) -> None:
    page = api.get("/v1/markets/collections/list.json").json()
    assert (page["code"], page["count"]) == (200, len(page["data"]))
    assert list(page["data"][0]) == list(documented("GET /v1/markets/collections/list.json"))
    active = api.get("/v1/markets/collections/list.json", params={"state": 1}).json()["data"]
    assert 0 < len(active) < page["count"] and {c["state"] for c in active} == {1}
    one = api.get(f"/v2/collections/{active[0]['id']}.json").json()["data"]
    first = api.get(f"/v2/products/market_info/{api.get(LIST).json()['data'][0]['id']}.json").json()["data"]
    assert list(one) == list(first["collections"][0])
    assert api.get("/v2/collections/999.json").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        f"{LIST}?limit=2&expand=[variantsInfo,collections,images,baseInfo]",
        f"{LIST}?limit=2",
        f"{MARKET}?limit=2",
        "/v2/products/market_info/1.json",
        "/v2/products/market_info/1/pictures.json",
        "/v1/markets/collections/list.json?limit=3",
    ],
)
def test_every_href_is_on_the_mock_and_resolves(api: httpx.Client, server: MockServer, path: str) -> None:
    assert_every_url_resolves(api, server, path, at_least=2)


def test_another_company_has_its_own_store(api: httpx.Client, api_b: httpx.Client) -> None:
    mine = api.get(LIST, params={"limit": 50}).json()["data"]
    theirs = api_b.get(LIST, params={"limit": 50}).json()["data"]
    assert mine and theirs and [item["name"] for item in mine] != [item["name"] for item in theirs]
    assert httpx.get(str(api.base_url) + LIST).status_code == 401
