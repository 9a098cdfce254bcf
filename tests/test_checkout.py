"""Web orders: carts (create, read, edit, delete a line) and checkouts sin documento (create, list
with filters, read by token, edit), with their documented shapes; neither reserves stock."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import reference_endpoints, snapshot
from tests.test_markets import documented

TYPE_MISMATCH = "no implicit conversion of String into Integer"


def store_item(api: httpx.Client, number: int = 0) -> dict[str, Any]:
    """A web description of the seeded store (its default variant is for sale)."""
    return api.get("/v2/products/list/market_info.json", params={"limit": 50}).json()["data"][number]


def cart_body(item: dict[str, Any], **detail: Any) -> dict[str, Any]:
    """The documented cart request, on a variant of the store."""
    body = copy.deepcopy(reference_endpoints()["POST /v1/cart/new.json"]["request"])
    body["cartDetails"][0].update(idVarianteProducto=item["idVariantDefault"], productWebId=item["id"], **detail)
    return body


def checkout_body(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The documented checkout request (shipping), on a variant of the store."""
    body = copy.deepcopy(reference_endpoints()["POST /v1/markets/checkout.json"]["request"])
    body["cartDetails"][0].update(idVarianteProducto=item["idVariantDefault"], productWebId=item["id"])
    return {**body, **changes}


def in_order(served: list[str], documented_keys: list[str]) -> bool:
    """The documented keys the item serves come in the documented order."""
    common = [key for key in documented_keys if key in served]
    return [key for key in served if key in common] == common


def test_cart_is_created_with_the_documented_shape(api: httpx.Client, server: MockServer) -> None:
    item = store_item(api)
    response = api.post("/v1/cart/new.json", json=cart_body(item, quantity=2))
    assert response.status_code == 200
    served = response.json()
    example = reference_endpoints()["POST /v1/cart/new.json"]["response"]["data"]
    assert served["code"] == 200 and list(served["data"]) == list(example)
    detail = served["data"]["cartDetails"][0]
    assert list(detail) == list(example["cartDetails"][0])
    amounts = (detail["quantity"], detail["unitValue"], detail["total"], detail["cd_sub_total"])
    assert amounts == (2, 13700, 27400, 27400)
    assert detail["netUnitValue"] == pytest.approx(13700 / 1.19)
    variant = api.get(f"/v1/variants/{item['idVariantDefault']}.json").json()
    assert (detail["sku"], detail["codigo_variante_producto"]) == (variant["code"], variant["code"])
    assert detail["taxList"] == [1]
    assert (detail["name"], detail["link"]) == ("Caja Calugas 200gr ", f"/product/{item['urlSlug']}")
    assert served["data"]["url"] == f"{server.url}/v1/cart/{served['data']['id']}.json"
    assert api.get(served["data"]["url"]).json() == served
    assert api.get(detail["href"]).json()["data"] == detail


def test_cart_lines_are_listed_edited_added_and_deleted(api: httpx.Client) -> None:
    first, second = store_item(api), store_item(api, 1)
    cart = api.post("/v1/cart/new.json", json=cart_body(first)).json()["data"]
    line = cart["cartDetails"][0]
    page = api.get(f"/v1/cart/{cart['id']}/detail.json").json()
    assert (page["code"], page["count"], [d["id"] for d in page["data"]]) == (200, 1, [line["id"]])
    assert in_order(list(page["data"][0]), list(documented("GET /v1/cart/{cartId}/detail.json")))
    changed = api.put(cart["url"], json={"cartDetails": [
        {"id": line["id"], "quantity": 3, "discount": 10},
        {"idVarianteProducto": second["idVariantDefault"], "unitValue": 5000},
    ]}).json()["data"]["cartDetails"]
    assert [(d["quantity"], d["total"]) for d in changed] == [(3, 36990), (1, 5000)]
    assert changed[1]["productWebId"] == second["id"] and "itemName" not in changed[1]
    deleted = api.delete(line["href"])
    assert (deleted.status_code, deleted.json()) == (200, {"code": 200, "data": "Cart detail successfully deleted"})
    assert [d["id"] for d in api.get(f"/v1/cart/{cart['id']}/detail.json").json()["data"]] == [changed[1]["id"]]
    assert api.get(line["href"]).status_code == 404 and api.delete(line["href"]).status_code == 404
    other = api.post("/v1/cart/new.json", json=cart_body(first)).json()["data"]
    assert api.delete(f"/v1/cart/{cart['id']}/detail/{other['cartDetails'][0]['id']}.json").status_code == 404


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ({"idVarianteProducto": 99999}, "invalid variant"),
        ({"idVarianteProducto": None}, "invalid variant"),
        ({"quantity": 0}, "invalid quantity"),
        ({"discount": 120}, "invalid quantity"),
        ({"unitValue": None}, "unitValue can't be blank"),
        ({"unitValue": -5}, "invalid unitValue"),
        ({"unitValue": "mucho"}, TYPE_MISMATCH),
        ({"productWebId": 999}, "invalid productWebId"),
    ],
)
def test_a_refused_cart_changes_nothing(api: httpx.Client, server: MockServer, detail: dict, message: str) -> None:
    body = cart_body(store_item(api))
    body["cartDetails"].append({**body["cartDetails"][0], **detail})
    before = snapshot(server)
    response = api.post("/v1/cart/new.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before


def test_a_refused_cart_edit_changes_nothing(api: httpx.Client, server: MockServer) -> None:
    cart = api.post("/v1/cart/new.json", json=cart_body(store_item(api))).json()["data"]
    other = api.post("/v1/cart/new.json", json=cart_body(store_item(api))).json()["data"]
    before = snapshot(server)
    for body in ({"cartDetails": [{"id": other["cartDetails"][0]["id"], "quantity": 2}]},
                 {"cartDetails": [{"quantity": 5}, {"id": cart["cartDetails"][0]["id"], "quantity": -1}]},
                 {"cartDetails": "todo"}):
        response = api.put(cart["url"], json=body)
        assert response.status_code == 400, body
    assert snapshot(server) == before
    assert api.put("/v1/cart/999.json", json={"cartDetails": []}).status_code == 404


def test_checkout_is_created_from_the_documented_request(
    api: httpx.Client, server: MockServer, published: list
) -> None:
    item = store_item(api)
    stock_before = api.get("/v1/stocks.json", params={"variantid": item["idVariantDefault"]}).json()["items"]
    response = api.post("/v1/markets/checkout.json", json=checkout_body(item))
    assert response.status_code == 201
    served = response.json()
    assert served["code"] == 201
    order = served["data"]
    documented_keys = list(reference_endpoints()["POST /v1/markets/checkout.json"]["response"]["data"])
    missing = set(documented_keys) - set(order)
    assert missing == {"pickName", "pickCode", "documentToken"}  # not sent, no document yet
    assert in_order(list(order), documented_keys)
    assert (order["totalCart"], order["total"]) == (92317.3321, 92317.3321)  # 77577.59 + IVA, as documented
    assert (order["payProcess"], order["withdrawStore"], order["marketId"]) == ("for_validate", 0, 1)
    assert order["storeId"] == 1
    assert len(order["token"]) == 40 and order["url"] == f"{server.url}/v1/checkout/{order['id']}.json"
    assert api.get(order["url"]).json() == {"code": 200, "data": order}
    lines = api.get(order["cartDetails"][0]).json()["data"]
    assert [(line["idVarianteProducto"], line["netUnitValue"]) for line in lines] == [
        (item["idVariantDefault"], 77577.59)
    ]
    stock_after = api.get("/v1/stocks.json", params={"variantid": item["idVariantDefault"]}).json()["items"]
    assert stock_after == stock_before  # no stock reserved
    assert [event[:2] for event in published] == [("courierOrder", "post")]  # the shipping's courier order


def test_checkout_by_token_and_expanded_lines(api: httpx.Client) -> None:
    order = api.post("/v1/markets/checkout.json", json=checkout_body(store_item(api))).json()["data"]
    served = api.get(f"/v2/token/checkout/{order['token']}.json").json()
    assert served == {"code": 200, "data": order}
    assert in_order(list(order), list(documented("GET /v2/token/checkout/{token}.json")))
    expanded = api.get(f"/v2/token/checkout/{order['token']}.json?expand=[cartDetails]").json()["data"]
    assert expanded["cartDetails"] == api.get(order["cartDetails"][0]).json()["data"]
    assert api.get("/v2/token/checkout/nope.json").status_code == 404


@pytest.fixture
def stopped_clock(server: MockServer) -> Iterator[int]:
    """The mock's clock stopped at 12:00 UTC on 2024-03-15 (put back after): dates do not depend on
    when the test runs, even across midnight."""
    noon = 1710504000
    server.call(setattr, server.engine, "clock", lambda: noon)
    yield noon
    server.call(setattr, server.engine, "clock", time.time)


def test_checkout_list_and_filters(api: httpx.Client, stopped_clock: int) -> None:
    item = store_item(api)
    first = api.post("/v1/markets/checkout.json", json=checkout_body(item)).json()["data"]
    second = api.post("/v1/markets/checkout.json", json=checkout_body(
        item, clientEmail="otra@example.cl", payProcess="success", withdrawStore=1, pickStoreId=1,
        pickName="JUAN", pickCode="66666666-6")).json()["data"]
    page = api.get("/v1/markets/checkout/list.json").json()
    assert (page["code"], page["count"], page["data"]) == (200, 2, [first, second])
    assert in_order(list(second), list(documented("GET /v1/markets/checkout/list.json")))
    assert api.get("/v1/checkout.json").json()["data"] == page["data"]
    today, yesterday = stopped_clock, stopped_clock - 86400
    assert first["createAt"] == second["createAt"] == today
    cases = [
        ({"token": second["token"]}, [second]), ({"clientEmail": "otra@example.cl"}, [second]),
        ({"payProcess": "for_validate"}, [first]), ({"marketId": 1}, [first, second]), ({"marketId": 2}, []),
        ({"clientName": "Mauricio Albertu"}, [first, second]), ({"dateStart": today}, [first, second]),
        ({"dateEnd": yesterday}, []), ({"dateStart": yesterday, "dateEnd": today}, [first, second]),
    ]
    for params, expected in cases:
        assert api.get("/v1/markets/checkout/list.json", params=params).json()["data"] == expected, params
    short = api.get("/v1/markets/checkout/list.json", params={"limit": 1}).json()
    assert api.get(short["next"]).json()["data"] == [second]


def test_checkout_edit_references_a_document(api: httpx.Client) -> None:
    order = api.post("/v1/markets/checkout.json", json=checkout_body(store_item(api))).json()["data"]
    document = api.post("/v1/documents.json", json={
        "codeSii": 39, "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]"}]}).json()
    body = reference_endpoints()["PUT /v1/markets/checkout/{id}.json"]["request"]
    edited = api.put(f"/v1/markets/checkout/{order['id']}.json", json={
        **body, "id_venta_documento_tributario": document["id"], "documentNumber": 0, "documentToken": None,
        "payProcess": "success"}).json()
    assert edited["code"] == 200
    changed = edited["data"]
    assert (changed["clientName"], changed["clientEmail"], changed["id_tipo_documento_tributario"]) == (
        "Esteban", "ebahamonde@imaginex.cl", 1)
    assert (changed["id_venta_documento_tributario"], changed["documentNumber"], changed["documentToken"]) == (
        document["id"], document["number"], document["token"])
    assert changed["payProcess"] == "success" and changed["token"] == order["token"]
    assert api.get(order["url"]).json()["data"] == changed


@pytest.mark.parametrize(
    "changes",
    [
        {"clientName": None},
        {"clientEmail": ""},
        {"marketId": 7},
        {"withdrawStore": 1, "pickStoreId": 99},
        {"cartDetails": []},
        {"cartDetails": [{"idVarianteProducto": 99999, "netUnitValue": 10}]},
        {"payProcess": "paid"},
        {"extrasUserData": "rut"},
        {"shippingCost": 1e15},
    ],
)
def test_a_refused_checkout_changes_nothing(api: httpx.Client, server: MockServer, changes: dict) -> None:
    body = checkout_body(store_item(api), **changes)
    before = snapshot(server)
    response = api.post("/v1/markets/checkout.json", json=body)
    assert response.status_code == 400 and set(response.json()) == {"error"}
    assert snapshot(server) == before


def test_a_refused_checkout_edit_changes_nothing(api: httpx.Client, server: MockServer) -> None:
    order = api.post("/v1/markets/checkout.json", json=checkout_body(store_item(api))).json()["data"]
    before = snapshot(server)
    for body, message in (({"id_venta_documento_tributario": 999}, "invalid document"),
                          ({"payProcess": "paid"}, "invalid payProcess"), ({"documentNumber": "x"}, TYPE_MISMATCH)):
        response = api.put(f"/v1/markets/checkout/{order['id']}.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before
    assert api.put("/v1/markets/checkout/999.json", json={"payProcess": "fail"}).status_code == 404
