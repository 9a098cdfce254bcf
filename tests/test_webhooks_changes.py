"""Which change fires what: real API writes on the session server, a real receiver, the documented
payloads, and a follow-up GET of each `resource` (same token) showing the change. Triggers too."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import REFERENCE
from tests.test_webhooks import drain

EXAMPLES: dict[str, list[dict[str, Any]]] = json.loads((REFERENCE / "webhook_examples.json").read_text())


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener(Receiver()) as running:
        yield running


@pytest.fixture
def hook(server: MockServer, api: httpx.Client, listener: Listener) -> Iterator[Receiver]:
    """The receiver, subscribed to every notification of company A (after the reset of `api`)."""
    listener.receiver.clear()
    server.call(server.engine.webhooks.subscribe, 1, listener.url + "/bsale")
    yield listener.receiver
    listener.receiver.release()


def notified(server: MockServer, hook: Receiver) -> list[dict[str, Any]]:
    assert drain(server)
    return sorted(hook.payloads, key=lambda payload: (payload["topic"], payload["resource"]))


def documented_shape(payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` must have the documented keys in order with their types; returned for chaining."""
    example = next(e for e in EXAMPLES[payload["topic"]] if e["action"] == payload["action"])
    assert list(payload) == [*example, *(["send"] if "send" not in example else [])]
    assert payload["cpnId"] == 1 and isinstance(payload["send"], int)
    assert all(isinstance(payload[key], str) for key in ("resource", "resourceId", "officeId", "priceListId")
               if key in payload)
    return payload


def data(api: httpx.Client, payload: dict[str, Any]) -> Any:
    answer = api.get(payload["resource"])
    assert answer.status_code == 200, payload["resource"]
    return answer.json()["data"]


def test_product_create_update_delete(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    created = api.post("/v1/products.json", json={"name": "Polera Imaginex", "productTypeId": 1}).json()
    [post] = notified(server, hook)
    assert documented_shape(post) == {**post, "resource": f"/v2/products/{created['id']}.json",
                                      "resourceId": str(created["id"]), "topic": "product", "action": "post"}
    assert data(api, post)["name"] == "Polera Imaginex"
    hook.clear()
    api.put(f"/v1/products/{created['id']}.json", json={"name": "Polera Imaginex TI"})
    [put] = notified(server, hook)
    assert documented_shape(put)["action"] == "put" and data(api, put)["name"] == "Polera Imaginex TI"
    hook.clear()
    api.delete(f"/v1/products/{created['id']}.json")
    [deleted] = notified(server, hook)
    assert documented_shape(deleted)["action"] == "put" and data(api, deleted)["state"] == 1


def test_variant_create_update_delete(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    created = api.post("/v1/variants.json", json={"productId": 1, "description": "XL azul"}).json()
    [post] = notified(server, hook)
    assert documented_shape(post)["resource"] == f"/v2/variants/{created['id']}.json"
    assert post["action"] == "post" and data(api, post)["description"] == "XL azul"
    hook.clear()
    api.put(f"/v1/variants/{created['id']}.json", json={"description": "XXL azul"})
    api.delete(f"/v1/variants/{created['id']}.json")
    first, second = notified(server, hook)
    assert (first["action"], second["action"]) == ("put", "put")
    assert documented_shape(second)["resourceId"] == str(created["id"]) and data(api, second)["state"] == 1


def test_price_change(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    detail = api.get("/v1/price_lists/1/details.json", params={"variantid": 5}).json()["items"][0]
    api.put(f"/v1/price_lists/1/details/{detail['id']}.json", json={"id": detail["id"], "variantValue": 12345})
    [price] = notified(server, hook)
    assert documented_shape(price) == {**price, "resource": "/v2/price_lists/1/details.json?variant=5",
                                       "resourceId": "5", "topic": "price", "action": "put", "priceListId": "1"}
    assert [item["variantValue"] for item in data(api, price)] == [12345]


def stock_of(api: httpx.Client, payload: dict[str, Any]) -> float:
    [stock] = data(api, payload)
    return stock["quantity"]


def test_stock_reception_and_consumption(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    before = api.get("/v1/stocks.json", params={"variantid": 2, "officeid": 1}).json()["items"][0]["quantity"]
    details = [{"variantId": 2, "quantity": 5}, {"variantId": 3, "quantity": 1}]
    assert api.post("/v1/stocks/receptions.json", json={"officeId": 1, "details": details}).status_code == 201
    first, second = notified(server, hook)
    assert documented_shape(first) == {**first, "resource": "/v2/stocks.json?variant=2&office=1",
                                       "resourceId": "2", "topic": "stock", "action": "put", "officeId": "1"}
    assert second["resourceId"] == "3"
    assert stock_of(api, first) == before + 5
    hook.clear()
    consumed = api.post("/v1/stocks/consumptions.json", json={"officeId": 1, "details": [details[0]]})
    assert consumed.status_code == 201
    [stock] = notified(server, hook)
    assert stock["resource"] == "/v2/stocks.json?variant=2&office=1" and stock_of(api, stock) == before


def test_rejected_requests_fire_nothing(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    assert api.post("/v1/products.json", json={"productTypeId": 1}).status_code == 400
    assert api.put("/v1/price_lists/1/details/1.json", json={"variantValue": [1]}).status_code == 400
    huge = [{"variantId": 2, "quantity": 10**9}]
    assert api.post("/v1/stocks/consumptions.json", json={"officeId": 1, "details": huge}).status_code == 400
    assert notified(server, hook) == []
    assert server.call(server.engine.webhooks.deliveries) == []


def test_the_api_answers_while_the_receiver_holds_the_notification(api: httpx.Client, server: MockServer,
                                                                   hook: Receiver) -> None:
    hook.script(hold=30)
    assert api.put("/v1/products/1.json", json={"name": "Primera"}).status_code == 200
    assert hook.arrived.wait(5)
    assert api.put("/v1/products/1.json", json={"name": "Segunda"}).json()["name"] == "Segunda"
    first = server.call(server.engine.webhooks.deliveries)[-1]
    assert first.state == "pending" and first.attempts == []
    hook.release()


TRIGGERS = [("product", "post"), ("product", "put"), ("variant", "post"), ("variant", "put"), ("price", "put"),
            ("stock", "put")]


@pytest.mark.parametrize(("topic", "action"), TRIGGERS)
def test_trigger_makes_a_real_change(api: httpx.Client, server: MockServer, hook: Receiver, topic: str,
                                     action: str) -> None:
    answer = httpx.post(f"{server.url}/_mock/webhooks/trigger", json={"topic": topic, "action": action, "cpnId": 1})
    assert answer.status_code == 201
    fired = answer.json()["payloads"]
    assert (fired[0]["topic"], fired[0]["action"]) == (topic, action)
    assert notified(server, hook) == sorted(fired, key=lambda payload: (payload["topic"], payload["resource"]))
    shown = data(api, documented_shape(fired[0]))
    assert shown, fired[0]["resource"]


def test_trigger_on_a_given_resource(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    [payload] = server.call(server.engine.webhooks.trigger, 1, "product", "put", 7)
    assert payload["resource"] == "/v2/products/7.json"
    assert "mockbsale trigger" in data(api, payload)["description"]
    before = api.get("/v1/stocks.json", params={"variantid": 9, "officeid": 1}).json()["items"][0]["quantity"]
    [stock] = server.call(server.engine.webhooks.trigger, 1, "stock", None, 9)
    assert stock_of(api, stock) == before + 1
    answer = httpx.post(f"{server.url}/_mock/webhooks/trigger", json={"topic": "variant", "action": "put",
                                                                      "resourceId": 99999})
    assert answer.status_code == 400 and "404 Resource not found" in answer.json()["error"]
