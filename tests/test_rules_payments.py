"""Payment rules a client sees: inactive payment types and non-positive amounts refused, what a new
payment holds (Bsale's documented example), the office and date it defaults to, what an edit changes."""

from __future__ import annotations

import httpx

from mockbsale import MockServer
from tests.conftest import snapshot
from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)
from tests.test_documents import sell


def inactive_payment_type(api: httpx.Client) -> int:
    created = api.post("/v1/payment_types.json", json={"name": "Vale Vista", "state": 1})
    assert created.status_code == 201 and created.json()["state"] == 1
    return created.json()["id"]


def test_an_inactive_payment_type_is_refused(api: httpx.Client, server: MockServer) -> None:
    inactive = inactive_payment_type(api)
    document = sell(api, documentTypeId=1, payments=[])
    payment = api.post("/v1/payments.json", json={"documentId": document["id"], "paymentTypeId": 1,
                                                   "amount": 100}).json()
    before = snapshot(server)
    for method, path, body in (
        ("POST", "/v1/payments.json", {"documentId": document["id"], "paymentTypeId": inactive, "amount": 100}),
        ("PUT", payment["href"], {"paymentTypeId": inactive}),
        ("PUT", payment["href"], {"paymentTypeId": None}),
    ):
        response = api.request(method, path, json=body)
        assert (response.status_code, response.json()) == (400, {"error": "invalid payment type"}), body
    response = api.post("/v1/documents.json", json={
        "codeSii": 39, "details": [{"variantId": 1, "quantity": 1}],
        "payments": [{"paymentTypeId": inactive, "amount": 100}]})
    assert (response.status_code, response.json()) == (400, {"error": "invalid payment type"})
    assert snapshot(server) == before


def test_a_sale_without_payments_is_paid_in_the_first_active_type(api: httpx.Client) -> None:
    inactive_payment_type(api)
    document = sell(api)
    paid = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"]
    assert [(p["payment_type"]["id"], p["amount"]) for p in paid] == [("1", document["totalAmount"])]


def test_a_zero_amount_is_refused(api: httpx.Client, server: MockServer) -> None:
    document = sell(api, documentTypeId=1, payments=[])
    payment = api.post("/v1/payments.json", json={"documentId": document["id"], "paymentTypeId": 1,
                                                   "amount": 100}).json()
    before = snapshot(server)
    for method, path, body in (
        ("POST", "/v1/payments.json", {"documentId": document["id"], "paymentTypeId": 1, "amount": 0}),
        ("PUT", payment["href"], {"amount": 0}),
        ("PUT", payment["href"], {"amount": -5}),
    ):
        response = api.request(method, path, json=body)
        assert (response.status_code, response.json()) == (400, {"error": "invalid amount"}), body
    assert snapshot(server) == before


def test_a_new_payment_as_documented(api: httpx.Client, stopped_clock: int) -> None:  # noqa: F811
    document = sell(api, documentTypeId=1, officeId=2, payments=[])
    response = api.post("/v1/payments.json", json={"documentId": document["id"], "paymentTypeId": 4, "amount": 6000})
    assert response.status_code == 201
    payment = response.json()
    assert {key: value for key, value in payment.items() if not isinstance(value, dict)} == {
        "href": payment["href"], "id": payment["id"], "recordDate": stopped_clock, "amount": 6000,
        "operationNumber": None, "accountingDate": "", "checkDate": None, "checkNumber": None,
        "checkAmount": None, "checkTaken": 0, "isCreditPayment": 0, "createdAt": stopped_clock, "state": 0,
    }
    assert {name: payment[name]["id"] for name in ("payment_type", "document", "office", "user")} == {
        "payment_type": "4", "document": str(document["id"]), "office": "2", "user": document["user"]["id"]}


def test_a_payment_in_another_office(api: httpx.Client, server: MockServer) -> None:
    document = sell(api, documentTypeId=1, payments=[])
    body = {"documentId": document["id"], "paymentTypeId": 1, "amount": 10, "officeId": 2}
    assert api.post("/v1/payments.json", json=body).json()["office"]["id"] == "2"
    before = snapshot(server)
    response = api.post("/v1/payments.json", json={**body, "officeId": 999})
    assert (response.status_code, response.json()) == (400, {"error": "invalid office"})
    assert snapshot(server) == before


def test_an_edit_changes_only_what_it_names(api: httpx.Client) -> None:
    document = sell(api, documentTypeId=1, payments=[])
    body = {"documentId": document["id"], "paymentTypeId": 3, "amount": 700, "recordDate": 1548720000}
    payment = api.post("/v1/payments.json", json=body).json()
    edited = api.put(payment["href"], json={"recordDate": 1548806400, "state": 1}).json()
    assert (edited["recordDate"], edited["state"], edited["amount"], edited["payment_type"]["id"]) == (
        1548806400, 1, 700, "3")
    assert api.get(payment["href"]).json() == edited
