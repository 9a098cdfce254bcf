"""The rules of web orders that a client sees and the other checkout tests leave open: cart line
ids, a checkout's own flags and referenced document, services, the courier order's lines, dispatch
logs and labels, dates from the mock's clock, and a company with no store or with two."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from tests.conftest import TOKEN_A, TOKEN_B, company_client, snapshot
from tests.test_checkout import TYPE_MISMATCH, cart_body, checkout_body, stopped_clock, store_item
from tests.test_couriers import ship

__all__ = ["stopped_clock"]  # the fixture, used here by name
OUT_OF_RANGE = '"{name}" is out of range for ActiveRecord::Type::Integer with limit 4'


def checkout(api: httpx.Client, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    response = api.post("/v1/markets/checkout.json", json=body)
    assert response.status_code == status, response.text
    return response.json()["data"] if status == 201 else response.json()


def first_variant(api: httpx.Client, **product_query: Any) -> dict[str, Any]:
    """The first variant of the first product matching `product_query`."""
    product = api.get("/v1/products.json", params={"limit": 1, **product_query}).json()["items"][0]
    return api.get("/v1/variants.json", params={"productid": product["id"], "limit": 1}).json()["items"][0]


def log(api: httpx.Client, **body: Any) -> httpx.Response:
    return api.post("/v1/logs.json", json={"orderId": 1, **body})


def test_a_cart_and_a_dispatch_log_are_dated_by_the_mock_clock(api: httpx.Client, stopped_clock: int) -> None:
    cart = api.post("/v1/cart/new.json", json=cart_body(store_item(api))).json()["data"]
    assert cart["createAt"] == stopped_clock == api.get(cart["url"]).json()["data"]["createAt"]
    ship(api)
    answer = log(api, stateId=2)
    assert answer.status_code == 201
    assert (answer.json()["data"]["createAt"], answer.json()["data"]["description"]) == (stopped_clock, "")


def test_cart_line_ids_are_checked(api: httpx.Client, server: MockServer) -> None:
    cart = api.post("/v1/cart/new.json", json=cart_body(store_item(api))).json()["data"]
    line = cart["cartDetails"][0]
    before = snapshot(server)
    new_with_id = cart_body(store_item(api))
    new_with_id["cartDetails"][0]["id"] = line["id"]
    refused = [
        api.post("/v1/cart/new.json", json=new_with_id),
        api.put(cart["url"], json={"cartDetails": [{"id": 99999, "quantity": 2}]}),
        api.put(cart["url"], json={"cartDetails": [{"id": line["id"] + 0.5, "quantity": 2}]}),
        api.put(cart["url"], json={"cartDetails": [{"id": 2**31, "quantity": 2}]}),
    ]
    assert [(answer.status_code, answer.json()) for answer in refused] == [
        (400, {"error": "invalid cart detail"}), (400, {"error": "invalid cart detail"}),
        (400, {"error": TYPE_MISMATCH}), (400, {"error": OUT_OF_RANGE.format(name="id")}),
    ]
    assert snapshot(server) == before
    edited = api.put(cart["url"], json={"cartDetails": [{"id": str(line["id"]), "quantity": 2}]})
    assert [detail["quantity"] for detail in edited.json()["data"]["cartDetails"]] == [2]


def test_extras_user_data_is_an_object_or_nothing(api: httpx.Client) -> None:
    item = store_item(api)
    assert checkout(api, checkout_body(item, extrasUserData="rut"), 400) == {"error": TYPE_MISMATCH}
    order = checkout(api, checkout_body(item, extrasUserData=None))
    assert "extrasUserData" not in order
    assert api.get("/v1/couriers/orders/1.json").json()["data"]["contact"]["code"] == ""
    extras = {"user_rut": "1-9", "comuna": "Ñuñoa"}
    assert checkout(api, checkout_body(item, extrasUserData=extras))["extrasUserData"] == extras


def test_a_new_checkout_references_no_document_until_edited(api: httpx.Client) -> None:
    order = checkout(api, checkout_body(store_item(api)))
    assert (order["id_venta_documento_tributario"], order["documentNumber"]) == (0, 0)
    document = api.post("/v1/documents.json", json={
        "codeSii": 39, "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]"}]}).json()
    sent = {"id_venta_documento_tributario": document["id"], "documentNumber": 154, "documentToken": "5ea75c552f50"}
    edited = api.put(f"/v1/markets/checkout/{order['id']}.json", json=sent).json()["data"]
    assert {name: edited[name] for name in sent} == sent  # the number and token sent win over the document's
    assert (edited["clientName"], edited["clientLastName"]) == ("Mauricio Albertu", "Prades Vargas")


def test_a_checkout_edit_changes_only_what_it_sends(api: httpx.Client) -> None:
    order = checkout(api, checkout_body(store_item(api)))
    edited = api.put(f"/v1/markets/checkout/{order['id']}.json", json={"payProcess": "success"}).json()["data"]
    assert edited == {**order, "payProcess": "success"}


def test_a_checkout_keeps_the_active_flag_and_order_status_it_is_given(api: httpx.Client) -> None:
    item = store_item(api)
    order = checkout(api, checkout_body(item, active=0, orderStatus="6"))
    assert (order["active"], order["orderStatus"]) == (0, 6) and isinstance(order["orderStatus"], int)
    assert checkout(api, checkout_body(item))["active"] == 1
    path = f"/v1/markets/checkout/{order['id']}.json"
    edited = api.put(path, json={"active": 1, "orderStatus": 7}).json()["data"]
    assert (edited["active"], edited["orderStatus"]) == (1, 7)
    assert api.put(path, json={"orderStatus": 6.5}).json() == {"error": TYPE_MISMATCH}
    emptied = api.put(path, json={"active": None, "orderStatus": ""}).json()["data"]
    assert (emptied["active"], emptied["orderStatus"]) == (0, 0)


def test_a_checkout_of_services_only_is_a_service(api: httpx.Client) -> None:
    service, good = first_variant(api, classification=1), first_variant(api, classification=0)
    lines = {name: {"idVarianteProducto": variant["id"], "quantity": 1, "unitValue": 1190}
             for name, variant in (("service", service), ("good", good))}
    body = checkout_body(store_item(api))
    served = [checkout(api, {**body, "cartDetails": details})["isService"] for details in (
        [lines["service"]], [lines["service"], lines["good"]], [lines["good"]])]
    assert served == [1, 0, 0]


def test_the_courier_order_names_and_measures_each_line(api: httpx.Client) -> None:
    item = store_item(api)
    unpublished = first_variant(api, classification=1)
    product = api.get(f"/v1/products/{unpublished['product']['id']}.json").json()
    body = checkout_body(item)
    body["cartDetails"] = [{**body["cartDetails"][0], "itemName": "Polera de regalo"},
                           {"idVarianteProducto": unpublished["id"], "quantity": 2, "unitValue": 990}]
    lines = api.get(checkout(api, body)["cartDetails"][0]).json()["data"]
    order = api.get("/v1/couriers/orders/1.json").json()["data"]
    assert (order["packagingType"], order["courierId"], order["stateId"]) == (0, 1, 1)
    named, bare = order["details"]
    assert named["description"] == "Polera de regalo"
    parcel = lines[0]["shipping"]  # the web description's sizes, as the cart line serves them
    sizes = (named["weight"], named["length"], named["width"], named["height"])
    assert sizes == (parcel["weight"], parcel["length"], parcel["width"], parcel["deph"]) and parcel["weight"] > 0
    assert bare["description"] == f"{product['name']} {unpublished['description']}".strip()
    sizes = (bare["quantity"], bare["weight"], bare["length"], bare["width"], bare["height"])
    assert sizes == (2, 0, 0, 0, 0)


def test_dispatch_logs_read_whole_numbers(api: httpx.Client, server: MockServer) -> None:
    order = ship(api)
    before = snapshot(server)
    for body in ({"orderId": 1.5, "stateId": 2}, {"stateId": 2.5}):
        answer = log(api, **body)
        assert (answer.status_code, answer.json()) == (400, {"error": TYPE_MISMATCH}), body
    answer = log(api, orderId=2**31, stateId=2)
    assert answer.json() == {"error": OUT_OF_RANGE.format(name="orderId")}
    assert snapshot(server) == before
    written = log(api, orderId="1", stateId="3", description="entregado").json()["data"]
    assert (written["orderId"], written["stateId"], written["description"]) == (1, 3, "entregado")
    assert isinstance(written["stateId"], int) and isinstance(written["orderId"], int)
    assert api.get(order["url"]).json()["data"]["orderStatus"] == 7


def test_a_label_changes_only_what_it_sends(api: httpx.Client) -> None:
    ship(api)
    path = "/v1/couriers/orders/1/label.json"
    labelled = api.post(path, json={"trackingNumber": "909981888-F", "label": "https://example.cl/l.pdf"})
    assert labelled.status_code == 200
    tracked = api.post(path, json={"trackingNumber": "909981889-K"}).json()["data"]
    assert (tracked["trackingNumber"], tracked["label"]) == ("909981889-K", "https://example.cl/l.pdf")
    cleared = api.post(path, json={"trackingNumber": None, "label": ""}).json()["data"]
    assert (cleared["trackingNumber"], cleared["label"]) == ("", "")


@pytest.fixture(scope="module")
def stores(server: MockServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    """A mock loaded from fixtures: company A without an online store, company B with a second
    store (market 2, of office 2) where the first product is published too."""
    server.call(server.engine.reset)
    document = snapshot(server)
    first, second = document["companies"]
    first["tables"]["markets"] = {"nextId": 1, "rows": []}
    markets, webs = second["tables"]["markets"], second["tables"]["product_webs"]
    markets["rows"].append({**markets["rows"][0], "id": 2, "name": "Tienda mayorista", "officeId": 2})
    markets["nextId"] = 3
    webs["rows"].append({**webs["rows"][0], "id": webs["nextId"], "urlSlug": "polera-mayorista", "marketId": 2})
    webs["nextId"] += 1
    path = Path(tmp_path_factory.mktemp("stores")) / "stores.json"
    path.write_text(json.dumps(document))
    with MockServer(Settings(port=0, fixtures=str(path))) as live:
        yield live


def test_a_company_without_an_online_store_takes_no_cart(stores: MockServer) -> None:
    with company_client(stores, TOKEN_A) as api:
        item = {"idVariantDefault": 1, "id": None}
        assert api.post("/v1/cart/new.json", json=cart_body(item)).json() == {"error": "invalid market"}
        assert checkout(api, checkout_body(item, marketId=None), 400) == {"error": "invalid market"}


def test_a_checkout_in_the_second_store_takes_its_descriptions(stores: MockServer) -> None:
    with company_client(stores, TOKEN_B) as api:
        webs = {row["id"]: row for row in api.get("/v2/products/list/market_info.json",
                                                  params={"limit": 50}).json()["data"]}
        wholesale = max(webs)
        body = checkout_body({"idVariantDefault": webs[1]["idVariantDefault"], "id": None}, marketId=2)
        order = checkout(api, body)
        assert (order["marketId"], order["storeId"]) == (2, 2)
        [line] = api.get(order["cartDetails"][0]).json()["data"]
        assert line["productWebId"] == wholesale
        cart = api.put(f"/v1/cart/{order['cartId']}.json", json={"cartDetails": [
            {"idVarianteProducto": webs[1]["idVariantDefault"], "unitValue": 5000}]}).json()["data"]
        assert [detail["productWebId"] for detail in cart["cartDetails"]] == [wholesale, wholesale]


def test_a_checkout_without_options_takes_the_defaults(api: httpx.Client) -> None:
    options = ("marketId", "withdrawStore", "shippingCost", "ptId", "code", "payProcess")
    body = {name: value for name, value in checkout_body(store_item(api)).items() if name not in options}
    order = checkout(api, body)
    assert (order["marketId"], order["storeId"], order["withdrawStore"], order["pickStoreId"]) == (1, 1, 0, 0)
    assert (order["ptId"], order["ptName"], order["payProcess"], order["stName"]) == (
        1, "Webpay", "pending", "Despacho a domicilio")
    assert (order["shippingCost"], order["discountCost"], order["total"]) == (0, 0, order["totalCart"])
    assert "clientId" not in order
    assert api.get("/v1/couriers/orders/1.json").json()["data"]["id"] == 1


def test_a_checkout_names_its_client_payment_and_pickup(api: httpx.Client) -> None:
    client = api.get("/v1/clients.json", params={"limit": 1}).json()["items"][0]
    body = checkout_body(store_item(api), code=client["code"], ptId="6", withdrawStore=1, pickStoreId="2",
                         shippingCost=2990, discountCost=1000, spcId="3")
    order = checkout(api, body)
    assert (order["spcId"], order["isMafs"]) == (3, 0) and isinstance(order["spcId"], int)
    assert (order["clientId"], order["ptId"], order["ptName"]) == (client["id"], 6, "Transferencia Electrónica")
    assert (order["withdrawStore"], order["pickStoreId"], "stName" in order) == (1, 2, False)
    assert order["total"] == round(order["totalCart"] + 2990 - 1000, 4)
    assert api.get("/v1/couriers/orders/1.json").status_code == 404


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"marketId": 7}, "invalid market"),
        ({"withdrawStore": 1, "pickStoreId": 99}, "invalid office"),
        ({"withdrawStore": 1}, "invalid office"),
        ({"cartDetails": []}, "cartDetails can't be blank"),
        ({"marketId": 1.5}, TYPE_MISMATCH),
        ({"withdrawStore": 0.5}, TYPE_MISMATCH),
        ({"withdrawStore": 1, "pickStoreId": 1.5}, TYPE_MISMATCH),
        ({"ptId": 1.5}, TYPE_MISMATCH),
        ({"spcId": 1.5}, TYPE_MISMATCH),
        ({"marketId": 2**31}, OUT_OF_RANGE.format(name="marketId")),
    ],
)
def test_a_refused_checkout_says_why(api: httpx.Client, changes: dict[str, Any], message: str) -> None:
    assert checkout(api, checkout_body(store_item(api), **changes), 400) == {"error": message}


def test_a_checkout_may_reference_a_document_when_created(api: httpx.Client) -> None:
    document = api.post("/v1/documents.json", json={
        "codeSii": 39, "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]"}]}).json()
    order = checkout(api, checkout_body(store_item(api), id_venta_documento_tributario=document["id"]))
    served = (order["id_venta_documento_tributario"], order["documentNumber"], order["documentToken"])
    assert served == (document["id"], document["number"], document["token"])
