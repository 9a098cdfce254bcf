"""Company isolation, per resource group: company B's writes never show in company A's state,
lists or webhooks, and A's writes aimed at B's records change nothing of B's."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import snapshot

Write = tuple[str, str, Callable[[list[dict[str, Any]]], dict[str, Any]]]
"""(method, path, body from the answers of the group's earlier writes)."""

DOCUMENT = {"documentTypeId": 1, "officeId": 1, "dispatch": 1,
            "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]"}]}

GROUPS: dict[str, list[Write]] = {
    "config": [
        ("POST", "/v1/offices.json", lambda _: {"name": "Sucursal de B"}),
        ("PUT", "/v1/offices/1.json", lambda _: {"name": "Casa Matriz de B"}),
        ("POST", "/v1/payment_types.json", lambda _: {"name": "Pago de B"}),
    ],
    "catalog": [
        ("POST", "/v1/product_types.json", lambda _: {"name": "Tipo de B"}),
        ("POST", "/v1/products.json", lambda _: {"name": "Producto de B", "productTypeId": 1}),
        ("POST", "/v1/variants.json", lambda _: {"productId": 1, "description": "Variante de B"}),
        ("PUT", "/v1/variants/1.json", lambda _: {"description": "Cambiada por B"}),
        ("PUT", "/v1/price_lists/1/details/1.json", lambda _: {"variantValue": 999}),
        ("POST", "/v1/stocks/receptions.json",
         lambda _: {"officeId": 1, "details": [{"variantId": 1, "quantity": 5, "cost": 10}]}),
        ("POST", "/v1/stocks/consumptions.json",
         lambda _: {"officeId": 1, "details": [{"variantId": 1, "quantity": 1}]}),
    ],
    "clients": [
        ("POST", "/v1/clients.json", lambda _: {"firstName": "Cliente de B"}),
        ("PUT", "/v1/clients/1.json", lambda _: {"firstName": "Cambiado por B"}),
    ],
    "sales": [
        ("POST", "/v1/documents.json", lambda _: DOCUMENT),
        ("POST", "/v1/payments.json",
         lambda done: {"recordDate": 1436214454, "amount": 100, "documentId": done[0]["id"], "paymentTypeId": 4}),
        ("DELETE", "/v1/documents/{0}.json", lambda _: {}),
    ],
}
NOTIFYING = {"catalog", "sales"}


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener(Receiver()) as running:
        yield running


def paths(receiver: Receiver) -> set[str]:
    return {item.target for item in receiver.received}


def run_writes(client: httpx.Client, writes: list[Write]) -> list[dict[str, Any]]:
    done: list[dict[str, Any]] = []
    for method, path, body in writes:
        target = path.format(*(answer.get("id") for answer in done))
        answer = client.request(method, target, json=body(done) if method != "DELETE" else None)
        assert answer.is_success, f"{method} {target}: {answer.text}"
        done.append(answer.json())
    return done


@pytest.mark.parametrize("group", list(GROUPS))
def test_writes_of_b_stay_out_of_a(group: str, api: httpx.Client, api_b: httpx.Client, server: MockServer,
                                   listener: Listener) -> None:
    listener.receiver.clear()
    for cpn_id in (1, 2):
        subscription = {"cpnId": cpn_id, "url": f"{listener.url}/{cpn_id}"}
        assert api.post("/_mock/webhooks/subscriptions", json=subscription).status_code == 201
    company_a = snapshot(server)["companies"][0]

    created = run_writes(api_b, GROUPS[group])

    assert snapshot(server)["companies"][0] == company_a
    for record in created:
        if "href" in record:
            seen_by_a = api.get(record["href"])
            assert seen_by_a.status_code == 404 or seen_by_a.json() != record, record["href"]
    assert api.post("/_mock/webhooks/drain", params={"timeout": 10}, timeout=15).json() == {"idle": True}
    assert "/1" not in paths(listener.receiver)
    if group in NOTIFYING:
        assert "/2" in paths(listener.receiver)
    assert {entry["method"] for entry in api.get("/_mock/requests", params={"cpnId": 1}).json()} == {"GET"}


@pytest.mark.parametrize("group", list(GROUPS))
def test_writes_of_a_never_reach_b(group: str, api: httpx.Client, api_b: httpx.Client, server: MockServer) -> None:
    company_b = snapshot(server)["companies"][1]
    run_writes(api, GROUPS[group])
    assert snapshot(server)["companies"][1] == company_b


def test_a_cannot_touch_records_only_b_has(api: httpx.Client, api_b: httpx.Client, server: MockServer) -> None:
    count_a = api.get("/v1/products/count.json").json()["count"]
    products = [api_b.post("/v1/products.json", json={"name": f"Solo B {n}", "productTypeId": 1}).json()
                for n in range(count_a + 1)]
    only_b = products[-1]
    before = snapshot(server)
    assert api.get(only_b["href"]).status_code == 404
    assert api.put(only_b["href"], json={"name": "Robado"}).status_code == 404
    assert api.delete(only_b["href"]).status_code == 404
    assert api.post("/v1/variants.json", json={"productId": only_b["id"], "description": "x"}).json() == {
        "error": "invalid product"
    }
    assert snapshot(server) == before
