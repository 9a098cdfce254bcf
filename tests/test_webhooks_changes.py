"""Which change fires what: real API writes on the session server, a real receiver, the documented
payloads, and a follow-up GET of each `resource` (same token) showing the change. Triggers too."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.webhooks.listen import Receiver
from tests.conftest import REFERENCE
from tests.test_webhooks import drain

EXAMPLES: dict[str, list[dict[str, Any]]] = json.loads((REFERENCE / "webhook_examples.json").read_text())


def notified(server: MockServer, hook: Receiver) -> list[dict[str, Any]]:
    assert drain(server)
    return sorted(hook.payloads, key=order)


def settle(server: MockServer, hook: Receiver) -> None:
    """Let the notifications so far arrive, then forget them."""
    assert drain(server)
    hook.clear()


def order(payload: dict[str, Any]) -> tuple[str, str, str]:
    return payload["topic"], payload["resource"], payload["action"]


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
    return answer.json()["data"] if payload["resource"].startswith("/v2/") else answer.json()


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


def topics(payloads: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(p["topic"], p["action"], p["resourceId"]) for p in payloads]


def quantity(api: httpx.Client, variant_id: int, office_id: int = 1) -> float:
    return api.get("/v1/stocks.json", params={"variantid": variant_id, "officeid": office_id}).json()["items"][0][
        "quantity"]


SALE = {"codeSii": "39", "officeId": 1, "dispatch": 1, "salesId": "web-1",
        "details": [{"variantId": 1, "quantity": 2}, {"variantId": 2, "quantity": 1}]}


def test_sale_fires_document_stock_and_payment(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    before = quantity(api, 1)
    sale = api.post("/v1/documents.json", json=SALE)
    assert sale.status_code == 201
    document = sale.json()
    fired = notified(server, hook)
    [payment_id] = [p["resourceId"] for p in fired if p["topic"] == "payment"]
    doc = str(document["id"])
    assert topics(fired) == [("document", "post", doc), ("payment", "post", payment_id), ("stock", "put", "1"),
                             ("stock", "put", "2")]
    for payload in fired:
        documented_shape(payload)
    assert fired[0]["resource"] == f"/documents/{doc}.json" and fired[0]["officeId"] == "1"
    assert api.get(fired[0]["resource"]).json()["totalAmount"] == document["totalAmount"]
    assert api.get(fired[1]["resource"]).json()["amount"] == document["totalAmount"]
    assert stock_of(api, fired[2]) == before - 2
    hook.clear()
    assert api.post("/v1/documents.json", json=SALE).status_code == 200
    assert notified(server, hook) == []


def test_return_and_delete_fire_the_stock_that_came_back(api: httpx.Client, server: MockServer,
                                                         hook: Receiver) -> None:
    before = quantity(api, 1)
    sale = api.post("/v1/documents.json", json=SALE).json()
    detail = api.get(f"/v1/documents/{sale['id']}/details.json").json()["items"][0]
    settle(server, hook)
    returned = api.post("/v1/returns.json", json={
        "codeSii": "61", "referenceDocumentId": sale["id"], "officeId": 1, "motive": "Devolución", "clientId": 1,
        "details": [{"documentDetailId": detail["id"], "quantity": 1}],
    })
    assert returned.status_code == 201
    credit_note = returned.json()["credit_note"]["id"]
    fired = notified(server, hook)
    assert topics(fired) == [("document", "post", credit_note), ("stock", "put", "1")]
    assert stock_of(api, fired[1]) == before - 1
    note = api.post("/v1/documents.json", json={"documentTypeId": 1, "officeId": 1, "dispatch": 1,
                                                "details": [{"variantId": 1, "quantity": 3}]}).json()
    settle(server, hook)
    assert api.delete(f"/v1/documents/{note['id']}.json").status_code == 200
    [stock] = notified(server, hook)
    assert topics([stock]) == [("stock", "put", "1")] and stock_of(api, stock) == before - 1


def test_payment_post_and_put(api: httpx.Client, server: MockServer, hook: Receiver) -> None:
    sale = api.post("/v1/documents.json", json={**SALE, "payments": []}).json()
    settle(server, hook)
    paid = api.post("/v1/payments.json", json={"documentId": sale["id"], "paymentTypeId": 1, "amount": 1000,
                                               "recordDate": 1795824000}).json()
    api.put(f"/v1/payments/{paid['id']}.json", json={"amount": 1500})
    post, put = notified(server, hook)
    assert topics([post, put]) == [("payment", "post", str(paid["id"])), ("payment", "put", str(paid["id"]))]
    assert documented_shape(post)["resource"] == f"/v1/payments/{paid['id']}.json"
    assert api.get(documented_shape(put)["resource"]).json()["amount"] == 1500


TRIGGERS = [("product", "post"), ("product", "put"), ("variant", "post"), ("variant", "put"), ("price", "put"),
            ("stock", "put"), ("document", "post"), ("payment", "post"), ("payment", "put")]


@pytest.mark.parametrize(("topic", "action"), TRIGGERS)
def test_trigger_makes_a_real_change(api: httpx.Client, server: MockServer, hook: Receiver, topic: str,
                                     action: str) -> None:
    answer = httpx.post(f"{server.url}/_mock/webhooks/trigger", json={"topic": topic, "action": action, "cpnId": 1})
    assert answer.status_code == 201
    fired = answer.json()["payloads"]
    assert (fired[0]["topic"], fired[0]["action"]) == (topic, action)
    assert notified(server, hook) == sorted(fired, key=order)
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


def test_trigger_document_sells_a_taxed_line(api: httpx.Client, server: MockServer) -> None:
    [document_post, *_] = server.call(server.engine.webhooks.trigger, 1, "document", "post", None)
    document = api.get(document_post["resource"]).json()
    detail = api.get(document["details"]["href"]).json()["items"][0]
    assert document["taxAmount"] == round(document["netAmount"] * 0.19) > 0
    assert document["totalAmount"] == document["netAmount"] + document["taxAmount"]
    assert detail["taxAmount"] > 0 and detail["totalAmount"] > detail["netAmount"]
    assert detail["variant"]["id"] == int(detail["variant"]["href"].rsplit("/", 1)[1].split(".")[0])
