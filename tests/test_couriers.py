"""The courier API: a checkout with shipping makes an order a courier reads, reports dispatch
states on (which move the checkout's `orderStatus`) and labels."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import reference_endpoints, snapshot
from tests.test_checkout import checkout_body, store_item
from tests.test_markets import documented

NOT_FOUND = {"error": "Resource not found"}


def ship(api: httpx.Client, **changes: Any) -> dict[str, Any]:
    """A checkout with shipping (the documented request); its courier order is the next one."""
    response = api.post("/v1/markets/checkout.json", json=checkout_body(store_item(api), **changes))
    assert response.status_code == 201
    return response.json()["data"]


def test_a_shipped_checkout_makes_a_courier_order(api: httpx.Client) -> None:
    order = ship(api, shippingComment="Tocar el timbre")
    served = api.get("/v1/couriers/orders/1.json").json()
    assert served["code"] == 200
    courier = served["data"]
    example = documented("GET /v1/couriers/orders/{id}.json")
    assert list(courier) == list(example)
    for node in ("origin", "destination", "contact", "deliveryType"):
        assert list(courier[node]) == list(example[node]), node
    assert list(courier["details"][0]) == list(example["details"][0])
    office = api.get("/v1/offices/1.json").json()
    assert (courier["origin"]["address"], courier["origin"]["district"]) == (office["address"], office["municipality"])
    assert courier["destination"]["address"] == order["clientStreet"] == "Sandro Boticelli 76043"
    assert courier["contact"] == {"firstName": "Mauricio Albertu", "lastName": "Prades Vargas",
                                  "email": "mprades1122@gmail.com", "code": "1-4", "phone": "993425349"}
    assert (courier["comment"], courier["stateId"], courier["label"], courier["trackingNumber"]) == (
        "Tocar el timbre", 1, "", "")
    assert [detail["quantity"] for detail in courier["details"]] == [1]
    assert courier["details"][0]["weight"] > 0


def test_a_pickup_in_store_makes_no_courier_order(api: httpx.Client) -> None:
    ship(api, withdrawStore=1, pickStoreId=2)
    response = api.get("/v1/couriers/orders/1.json")
    assert (response.status_code, response.json()) == (404, NOT_FOUND)


@pytest.mark.parametrize(("state", "status"), [(2, 6), (3, 7), (4, 0)])
def test_dispatch_states_move_the_checkout(api: httpx.Client, state: int, status: int) -> None:
    order = ship(api)
    body = {**reference_endpoints()["POST /v1/logs.json"]["request"], "orderId": 1, "stateId": state}
    response = api.post("/v1/logs.json", json=body)
    assert response.status_code == 201
    log = response.json()["data"]
    assert (log["orderId"], log["description"], log["stateId"]) == (1, "paquete despachado", state)
    assert api.get("/v1/couriers/orders/1.json").json()["data"]["stateId"] == state
    assert api.get(order["url"]).json()["data"]["orderStatus"] == status


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"orderId": 99, "stateId": 2}, "invalid order"),
        ({"stateId": 2}, "orderId can't be blank"),
        ({"orderId": 1, "stateId": 9}, "invalid state"),
        ({"orderId": 1}, "stateId can't be blank"),
        ({"orderId": [1], "stateId": 2}, "no implicit conversion of String into Integer"),
    ],
)
def test_a_refused_log_changes_nothing(api: httpx.Client, server: MockServer, body: dict, message: str) -> None:
    ship(api)
    before = snapshot(server)
    response = api.post("/v1/logs.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before


def test_label_and_tracking_number(api: httpx.Client, server: MockServer) -> None:
    ship(api)
    body = reference_endpoints()["POST /v1/couriers/orders/{orderId}/label.json"]["request"]
    response = api.post("/v1/couriers/orders/1/label.json", json={**body, "orderId": 1})
    assert response.status_code == 200
    courier = response.json()["data"]
    assert (courier["trackingNumber"], courier["label"]) == ("909981888-F", body["label"])
    assert api.get("/v1/couriers/orders/1.json").json()["data"] == courier
    before = snapshot(server)
    assert api.post("/v1/couriers/orders/9/label.json", json=body).json() == NOT_FOUND
    assert api.post("/v1/couriers/orders/1/label.json", json={"label": {"url": "x"}}).status_code == 400
    assert snapshot(server) == before


def test_courier_endpoints_need_the_token(server: MockServer, api: httpx.Client) -> None:
    ship(api)
    for method, path in (("GET", "/v1/couriers/orders/1.json"), ("POST", "/v1/logs.json"),
                         ("POST", "/v1/couriers/orders/1/label.json")):
        response = httpx.request(method, server.url + path, json={"orderId": 1, "stateId": 2})
        assert response.status_code == 401, path
