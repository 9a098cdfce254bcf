"""Packs: `POST /v2/products/pack.json` as documented, its product, variant, prices and events, the
refusals, and the stock a sold pack takes (its components')."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import TOKEN_A, reference_endpoints, snapshot
from tests.test_documents import CLIENT, sell, stock_quantity
from tests.test_returns import give_back

EXAMPLE = reference_endpoints()["POST /v2/products/pack.json"]
INVALID_DETAIL = "invalid pack promo detail"


def pack_body(*details: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The documented request, its components replaced by `details` when given (seeded variants)."""
    body = copy.deepcopy(EXAMPLE["request"])
    body["packDetails"][0]["variantPromoId"] = 5
    if details:
        body["packDetails"] = [{"multipleVariant": 0, "productPromoId": 0, **detail} for detail in details]
    return {**body, **changes}


def create(api: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post("/v2/products/pack.json", json=body)
    assert response.status_code == 201, response.text
    answer = response.json()
    assert answer["code"] == 201
    return answer["data"]


def pack_variant(api: httpx.Client, pack: dict[str, Any]) -> dict[str, Any]:
    [variant] = api.get(f"/v1/products/{pack['id']}/variants.json").json()["items"]
    return variant


def test_pack_is_created_as_documented(api: httpx.Client) -> None:
    pack = create(api, pack_body())
    documented = EXAMPLE["response"]["data"]
    assert list(pack) == list(documented)
    assert list(pack["packDetail"][0]) == list(documented["packDetail"][0])
    assert {key: pack[key] for key in ("classification", "printPackDetail", "state", "productTypeId", "brandId")} == {
        "classification": 3, "printPackDetail": 1, "state": 1, "productTypeId": 1, "brandId": 0}
    assert (pack["name"], pack["sku"], pack["barCode"]) == ("Pack de ejemplo - api - 5", "90101001015", "90101001015")
    assert pack["packDetail"] == [{"id": 1, "productId": 0, "variantId": 5, "quantity": 2, "state": 0,
                                   "packId": pack["id"], "multipleVariant": 0, "packInfo": {}}]
    product = api.get(f"/v1/products/{pack['id']}.json").json()
    assert (product["classification"], product["stockControl"], product["printDetailPack"], product["state"]) == (
        3, 0, 1, 0)
    variant = pack_variant(api, pack)
    assert (variant["code"], variant["barCode"], variant["state"]) == ("90101001015", "90101001015", 0)
    prices = [api.get(f"/v1/price_lists/{price_list['id']}/details.json", params={"variantid": variant["id"]})
              .json()["items"][0]["variantValue"] for price_list in api.get("/v1/price_lists.json").json()["items"]]
    assert len(prices) > 1 and set(prices) == {10000}


def test_base_price_with_tax_is_stored_net(api: httpx.Client) -> None:
    pack = create(api, pack_body(priceWithTax=1, basePrice=11900))
    variant = pack_variant(api, pack)
    [price] = api.get("/v1/price_lists/1/details.json", params={"variantid": variant["id"]}).json()["items"]
    assert (price["variantValue"], price["variantValueWithTaxes"]) == (10000, 11900)


def test_open_pack_names_a_product(api: httpx.Client) -> None:
    pack = create(api, pack_body({"multipleVariant": 1, "productPromoId": 2, "quantity": 3},
                                 {"variantPromoId": 6, "quantity": 1.5}))
    assert [(d["productId"], d["variantId"], d["quantity"], d["multipleVariant"]) for d in pack["packDetail"]] == [
        (2, 0, 3, 1), (0, 6, 1.5, 0)]


def test_pack_emits_product_and_variant_posts_whose_resources_resolve(api: httpx.Client, published: list) -> None:
    pack = create(api, pack_body())
    variant = pack_variant(api, pack)
    assert published == [("product", "post", pack["id"], {}), ("variant", "post", variant["id"], {})]
    assert api.get(f"/v2/products/{pack['id']}.json").json()["data"]["classification"] == 3
    assert api.get(f"/v2/variants/{variant['id']}.json").json()["data"]["code"] == pack["sku"]


TYPE_MISMATCH = "no implicit conversion of String into Integer"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "name can't be blank"),
        ({"productTypeId": None}, "productTypeId can't be blank"),
        ({"productTypeId": 999}, "invalid product type"),
        ({"packDetails": None}, "packDetails can't be blank"),
        ({"packDetails": []}, "packDetails can't be blank"),
        ({"packDetails": "[5]"}, TYPE_MISMATCH),
        ({"basePrice": "diez mil"}, TYPE_MISMATCH),
        ({"packDetails": [{"variantPromoId": 999999, "quantity": 1}]}, INVALID_DETAIL),
        ({"packDetails": [{"variantPromoId": 0, "quantity": 1}]}, INVALID_DETAIL),
        ({"packDetails": [{"variantPromoId": 5, "quantity": 0}]}, INVALID_DETAIL),
        ({"packDetails": [{"variantPromoId": 5}]}, "quantity can't be blank"),
        ({"packDetails": [{"variantPromoId": 5, "productPromoId": 40, "quantity": 1}]}, INVALID_DETAIL),
        ({"packDetails": [{"multipleVariant": 1, "productPromoId": 999999, "quantity": 1}]}, INVALID_DETAIL),
        ({"packDetails": [{"variantPromoId": 5, "quantity": 1}, {"variantPromoId": 999999, "quantity": 1}]},
         INVALID_DETAIL),
    ],
)
def test_a_refused_pack_changes_nothing(api: httpx.Client, server: MockServer, published: list,
                                        changes: dict[str, Any], message: str) -> None:
    before = snapshot(server)
    response = api.post("/v2/products/pack.json", json={**pack_body(), **changes})
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before and published == []


def test_components_are_active_and_not_packs(api: httpx.Client, server: MockServer, published: list) -> None:
    pack = create(api, pack_body())
    assert api.delete("/v1/variants/6.json").status_code == 200
    published.clear()
    before = snapshot(server)
    for detail in ({"variantPromoId": pack_variant(api, pack)["id"], "quantity": 1},
                   {"multipleVariant": 1, "productPromoId": pack["id"], "quantity": 1},
                   {"variantPromoId": 6, "quantity": 1}):
        response = api.post("/v2/products/pack.json", json=pack_body(detail))
        assert (response.status_code, response.json()) == (400, {"error": INVALID_DETAIL}), detail
    unauthenticated = httpx.post(f"{server.url}/v2/products/pack.json", json=pack_body(),
                                 headers={"access_token": TOKEN_A + "x"})
    assert unauthenticated.status_code == 401
    assert snapshot(server) == before and published == []


def two_for_one(api: httpx.Client) -> int:
    """A pack of 2 x variant 5 and 1 x variant 6; its variant's id."""
    return pack_variant(api, create(api, pack_body({"variantPromoId": 5, "quantity": 2},
                                                   {"variantPromoId": 6, "quantity": 1})))["id"]


def test_a_dispatched_pack_takes_its_components_stock(api: httpx.Client, published: list) -> None:
    pack_id = two_for_one(api)
    start = {variant: stock_quantity(api, variant, 1) for variant in (5, 6)}
    published.clear()
    line = {"variantId": pack_id, "quantity": 3, "taxId": "[1]"}
    sale = sell(api, codeSii=33, client=CLIENT, officeId=1, dispatch=1, details=[line])
    assert {variant: stock_quantity(api, variant, 1) for variant in (5, 6)} == {5: start[5] - 6, 6: start[6] - 3}
    assert stock_quantity(api, pack_id, 1) == 0
    assert sorted(event[2] for event in published if event[0] == "stock") == [5, 6]
    give_back(api, sale, 1)
    assert {variant: stock_quantity(api, variant, 1) for variant in (5, 6)} == {5: start[5] - 4, 6: start[6] - 2}


def test_a_pack_without_component_stock_is_refused(api: httpx.Client, server: MockServer, published: list) -> None:
    pack_id = two_for_one(api)
    quantity = stock_quantity(api, 6, 1) + 1
    short = [api.get(f"/v1/variants/{variant}.json").json()["code"]
             for variant, each in ((5, 2), (6, 1)) if stock_quantity(api, variant, 1) < quantity * each]
    published.clear()
    before = snapshot(server)
    refused = sell(api, 400, officeId=1, dispatch=1, details=[{"variantId": pack_id, "quantity": quantity}])
    assert refused == {"error": f"There is no stock for this products: {', '.join(short)}"}
    assert snapshot(server) == before and published == []


def test_an_open_pack_takes_no_stock(api: httpx.Client) -> None:
    pack = create(api, pack_body({"multipleVariant": 1, "productPromoId": 2, "quantity": 1}))
    variants = [variant["id"] for variant in api.get("/v1/products/2/variants.json").json()["items"]]
    start = [stock_quantity(api, variant, 1) for variant in variants]
    sell(api, officeId=1, dispatch=1, details=[{"variantId": pack_variant(api, pack)["id"], "quantity": 1,
                                                "taxId": "[1]"}])
    assert [stock_quantity(api, variant, 1) for variant in variants] == start


def test_a_pack_and_its_component_sold_together_take_their_sum(api: httpx.Client) -> None:
    pack_id = two_for_one(api)
    start = {variant: stock_quantity(api, variant, 1) for variant in (5, 6)}
    details = [{"variantId": pack_id, "quantity": 3, "taxId": "[1]"}, {"variantId": 5, "quantity": 1, "taxId": "[1]"}]
    sell(api, codeSii=33, client=CLIENT, officeId=1, dispatch=1, details=details)
    assert {variant: stock_quantity(api, variant, 1) for variant in (5, 6)} == {5: start[5] - 7, 6: start[6] - 3}
