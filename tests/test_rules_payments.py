"""Payment rules a client sees: inactive payment types and non-positive amounts refused, what a new
payment holds (Bsale's documented example), the office and date it defaults to, what an edit changes."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from mockbsale import MockServer, Settings
from tests.conftest import snapshot
from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)
from tests.test_documents import sell

TYPE_MISMATCH = "no implicit conversion of String into Integer"
TOO_MUCH = '"amount" is out of range for ActiveRecord::Type::Decimal'
OUT_OF_RANGE = '"state" is out of range for ActiveRecord::Type::Integer with limit 4'


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


def test_payment_ids_amounts_and_dates_are_read_strictly(api: httpx.Client, server: MockServer) -> None:
    document = sell(api, documentTypeId=1, payments=[])
    body = {"documentId": document["id"], "paymentTypeId": 1, "amount": 100}
    payment = api.post("/v1/payments.json", json=body).json()
    before = snapshot(server)
    for method, path, sent, message in (
        ("POST", "/v1/payments.json", {"paymentTypeId": 1, "amount": 100}, "documentId can't be blank"),
        ("POST", "/v1/payments.json", {**body, "paymentTypeId": None}, "paymentTypeId can't be blank"),
        ("POST", "/v1/payments.json", {**body, "paymentTypeId": 1.5}, TYPE_MISMATCH),
        ("POST", "/v1/payments.json", {**body, "amount": ""}, "amount can't be blank"),
        ("POST", "/v1/payments.json", {**body, "amount": 1e13}, TOO_MUCH),
        ("POST", "/v1/payments.json", {**body, "recordDate": 1.5}, TYPE_MISMATCH),
        ("POST", "/v1/payments.json", {**body, "documentId": document["id"] + 0.5}, TYPE_MISMATCH),
        ("POST", "/v1/payments.json", {**body, "officeId": 1.5}, TYPE_MISMATCH),
        ("PUT", payment["href"], {"paymentTypeId": 1.5}, TYPE_MISMATCH),
        ("PUT", payment["href"], {"amount": None}, "amount can't be blank"),
        ("PUT", payment["href"], {"amount": 1e13}, TOO_MUCH),
        ("PUT", payment["href"], {"recordDate": None}, "recordDate can't be blank"),
        ("PUT", payment["href"], {"recordDate": 1548720000.5}, TYPE_MISMATCH),
        ("PUT", payment["href"], {"state": 2**40}, OUT_OF_RANGE),
    ):
        response = api.request(method, path, json=sent)
        assert (response.status_code, response.json()) == (400, {"error": message}), sent
    assert snapshot(server) == before
    assert api.put(payment["href"], json={"amount": 1}).json()["amount"] == 1
    assert api.post("/v1/payments.json", json={**body, "amount": 1}).json()["amount"] == 1


def test_what_is_owed_is_kept_to_the_cent(api: httpx.Client) -> None:
    line = {"variantId": 2, "quantity": 1, "netUnitValue": 1000, "taxId": "[1]"}
    factura = sell(api, codeSii=33, clientId=10, payments=[], details=[line])
    assert factura["totalAmount"] == 1190
    body = {"documentId": factura["id"], "paymentTypeId": 4, "amount": 0.125}
    assert api.post("/v1/payments.json", json=body).status_code == 201
    report = api.get("/v1/clients/unpaid_documents.json", params={"clientid": 10}).json()
    owed = {item["id"]: item["totalAmountOwed"] for item in report["overdue_documents"] + report["upcoming_documents"]}
    assert owed[factura["id"]] == 1189.88


def test_a_company_without_an_active_payment_type_sells_unpaid(
    api: httpx.Client, server: MockServer, tmp_path: Path
) -> None:
    company = snapshot(server)["companies"][0]
    for row in company["tables"]["payment_types"]["rows"]:
        row["state"] = 1
    fixtures = tmp_path / "no_payment_types.json"
    fixtures.write_text(json.dumps({"companies": [company]}))
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as loaded, httpx.Client(
        base_url=loaded.url, headers={"access_token": company["token"]}, timeout=10
    ) as client:
        document = sell(client)
        assert client.get(f"/v1/payments.json?documentid={document['id']}").json()["count"] == 0
