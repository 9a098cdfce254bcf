"""The `courierOrder` notification: a checkout with shipping makes a courier order and notifies it
with the documented payload (a real receiver); its `resource` answers on the mock. Trigger too."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import TOKEN_A, TOKEN_B
from tests.test_checkout import checkout_body, store_item
from tests.test_couriers import ship
from tests.test_webhooks_changes import documented_shape, notified


def courier_order(api: httpx.Client, payload: dict[str, Any]) -> dict[str, Any]:
    """The order the notification names, as the mock serves it at `resource`."""
    answer = api.get(payload["resource"])
    assert answer.status_code == 200, payload["resource"]
    return answer.json()["data"]


def test_a_shipped_checkout_notifies_its_courier_order(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    ship(api, shippingComment="Dejar en conserjería")
    [payload] = notified(server, hook)
    assert documented_shape(payload) == {**payload, "cpnId": 1, "resource": "/v1/couriers/orders/1.json",
                                         "resourceId": "1", "topic": "courierOrder", "action": "post"}
    assert isinstance(payload["sellerId"], int) and payload["userToken"] == TOKEN_A
    order = courier_order(api, payload)
    assert (order["id"], order["sellerId"], order["comment"]) == (1, payload["sellerId"], "Dejar en conserjería")


def test_pickups_and_refused_checkouts_notify_nothing(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    ship(api, withdrawStore=1, pickStoreId=2)
    refused = api.post("/v1/markets/checkout.json", json=checkout_body(store_item(api), clientEmail=None))
    assert refused.status_code == 400
    assert notified(server, hook) == []


def test_each_company_notifies_with_its_own_token(api: httpx.Client, api_b: httpx.Client, server: MockServer,
                                                  hook: Receiver, listener: Listener) -> None:
    server.call(server.engine.webhooks.subscribe, 2, listener.url + "/bsale-b", ["courierOrder"])
    ship(api)
    ship(api_b)
    first, second = sorted(notified(server, hook), key=lambda payload: payload["cpnId"])
    assert (first["cpnId"], first["userToken"]) == (1, TOKEN_A)
    assert (second["cpnId"], second["userToken"]) == (2, TOKEN_B)
    assert courier_order(api_b, second)["sellerId"] == second["sellerId"]


def test_a_subscription_to_courier_orders_only(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    [subscription] = server.call(server.engine.webhooks.subscriptions, 1)
    server.call(lambda: server.engine.webhooks.update(subscription.id, topics=["courierOrder"]))
    api.post("/v1/products.json", json={"name": "Polera", "productTypeId": 1})
    ship(api)
    assert [payload["topic"] for payload in notified(server, hook)] == ["courierOrder"]


def test_trigger_makes_a_shipped_checkout(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    [payload] = server.call(server.engine.webhooks.trigger, 1, "courierOrder")
    assert notified(server, hook) == [payload]
    order = courier_order(api, documented_shape(payload))
    assert order["comment"] == "mockbsale trigger" and [line["quantity"] for line in order["details"]] == [1]
    answer = httpx.post(f"{server.url}/_mock/webhooks/trigger", json={"topic": "courierOrder", "cpnId": 2})
    assert answer.status_code == 201
    assert [(p["topic"], p["userToken"]) for p in answer.json()["payloads"]] == [("courierOrder", TOKEN_B)]
    with pytest.raises(ValueError, match="courierOrder notifications for post only"):
        server.call(server.engine.webhooks.trigger, 1, "courierOrder", "put")
