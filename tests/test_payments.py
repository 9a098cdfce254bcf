"""Payments: those documents make, POST and PUT against a document, filters, totals per type."""

from __future__ import annotations

import httpx

from mockbsale import MockServer
from tests.conftest import documented_keys, reference_endpoints, snapshot
from tests.test_documents import sell


def test_payment_keys_and_links(api: httpx.Client) -> None:
    document = sell(api)
    payment = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"][0]
    assert list(payment) == documented_keys("GET /v1/payments.json")
    assert payment["document"]["id"] == str(document["id"]) and payment["amount"] == document["totalAmount"]
    for name in ("payment_type", "document", "office", "user"):
        assert api.get(payment[name]["href"]).status_code == 200
    expanded = api.get(f"/v1/documents/{document['id']}.json?expand=[payments]").json()["payments"]
    assert expanded["count"] == 1 and expanded["items"][0]["payment_type"]["name"] == "Efectivo"
    assert api.get(expanded["items"][0]["href"]).json() == payment


def test_post_and_put_a_payment(api: httpx.Client, published: list) -> None:
    document = sell(api, documentTypeId=1)
    body = {"recordDate": 1436214454, "amount": 3791, "documentId": document["id"], "paymentTypeId": 4}
    response = api.post("/v1/payments.json", json=body)
    assert response.status_code == 201
    payment = response.json()
    assert set(documented_keys("POST /v1/payments.json")) <= set(payment)
    assert (payment["amount"], payment["recordDate"], payment["payment_type"]["id"]) == (3791, 1436214454, "4")
    updated = api.put(payment["href"], json={"id": str(payment["id"]), "amount": "4000", "paymentTypeId": 2})
    assert (updated.json()["amount"], updated.json()["payment_type"]["id"]) == (4000, "2")
    assert [e[:3] for e in published if e[0] == "payment"] == [
        ("payment", "post", payment["id"]),
        ("payment", "put", payment["id"]),
    ]


def test_rejected_payments_change_nothing(api: httpx.Client, server: MockServer, published: list) -> None:
    document = sell(api)
    before = snapshot(server)
    published.clear()
    bodies = [
        ({"amount": 10, "documentId": 99999, "paymentTypeId": 1}, "invalid document"),
        ({"amount": 10, "documentId": document["id"], "paymentTypeId": 99}, "invalid payment type"),
        ({"amount": -10, "documentId": document["id"], "paymentTypeId": 1}, "invalid amount"),
    ]
    for body, message in bodies:
        response = api.post("/v1/payments.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before and published == []


def test_filters_count_and_groups(api: httpx.Client) -> None:
    seeded = api.get("/v1/payments/count.json").json()["count"]
    seeded_by_card = api.get("/v1/payments.json?paymenttypeid=2").json()["count"]
    first = sell(api, emissionDate=1396483200)
    second = sell(api, codeSii=39, emissionDate=1396483200, payments=[{"paymentTypeId": 2, "amount": 1000}])
    assert api.get("/v1/payments/count.json").json() == {"count": seeded + 2}
    assert api.get("/v1/payments.json?recorddate=1396483200").json()["count"] == 2
    assert api.get(f"/v1/payments.json?number={second['number']}").json()["items"][0]["amount"] == 1000
    assert api.get("/v1/payments.json?paymenttypeid=2").json()["count"] == seeded_by_card + 1
    groups = api.get("/v1/payments/group_payment_types.json?recorddate=1396483200").json()
    example = reference_endpoints()["GET /v1/payments/group_payment_types.json"]["response"][0]
    assert list(groups[0]) == list(example)
    assert [(g["paymentTypeId"], g["paymentTypeTotalAmount"]) for g in groups] == [(1, first["totalAmount"]), (2, 1000)]
    assert api.get("/v1/payments/group_payment_types.json?recorddate=1396483200&codesii=33").json() == []
