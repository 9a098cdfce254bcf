"""A client's purchases and unpaid documents, computed from documents, payments and returns."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import documented_keys, reference_endpoints
from tests.test_documents import CLIENT, details_of, sell

FACTURA = 33
DAY = 86400


def unpaid(api: httpx.Client, **query: Any) -> dict[str, Any]:
    response = api.get("/v1/clients/unpaid_documents.json", params=query)
    assert response.status_code == 200, response.text
    return response.json()


def on_credit(api: httpx.Client, client_id: int, emission: int = 1437436800, **body: Any) -> dict[str, Any]:
    """A factura to the client, due 30 days after emission, nothing paid."""
    return sell(api, codeSii=FACTURA, clientId=client_id, emissionDate=emission, expirationDate=emission + 30 * DAY,
                payments=[], **body)


def owed_ids(report: dict[str, Any], kind: str) -> list[int]:
    return [item["id"] for item in report[f"{kind}_documents"]]


def test_purchases_are_the_clients_documents(api: httpx.Client) -> None:
    client = api.get("/v1/clients/4.json").json()
    seeded = api.get("/v1/documents.json", params={"clientid": 4, "limit": 50}).json()
    purchases = api.get("/v1/clients/purchases.json", params={"clientid": 4, "limit": 50}).json()
    assert purchases["items"] == seeded["items"] and purchases["count"] == seeded["count"]
    factura = on_credit(api, 4)
    by_code = api.get("/v1/clients/purchases.json", params={"code": client["code"], "limit": 50}).json()
    assert [item["id"] for item in by_code["items"]] == [*(item["id"] for item in seeded["items"]), factura["id"]]
    item = by_code["items"][-1]
    assert set(documented_keys("GET /v1/clients/purchases.json")) <= set(item)
    assert item == api.get(factura["href"]).json()
    assert api.get("/v1/clients/purchases.json", params={"clientid": 99999}).json()["count"] == 0


def test_purchases_page_links_keep_the_filter(api: httpx.Client) -> None:
    for _ in range(3):
        on_credit(api, 5)
    page = api.get("/v1/clients/purchases.json", params={"clientid": 5, "limit": 1}).json()
    assert page["href"].endswith("/v1/clients/purchases.json") and "clientid=5" in page["next"]
    following = api.get(page["next"]).json()
    assert following["offset"] == 1 and following["count"] == page["count"] >= 3


def test_unpaid_documents_split_at_the_comparison_date(api: httpx.Client) -> None:
    baseline = unpaid(api, clientid=7)
    older = on_credit(api, 7, emission=1437436800)
    newer = on_credit(api, 7, emission=1440201600)
    report = unpaid(api, clientid=7, comparisondate=1440201600 + DAY)
    example = reference_endpoints()["GET /v1/clients/unpaid_documents.json"]["response"]
    assert list(report) == list(example) and list(report["client"]) == list(example["client"])
    assert list(report["overdue_documents"][-1]) == list(example["overdue_documents"][0])
    assert report["client"]["id"] == 7 and api.get(report["client"]["href"]).json()["id"] == 7
    assert older["id"] in owed_ids(report, "overdue") and newer["id"] in owed_ids(report, "upcoming")
    item = next(item for item in report["overdue_documents"] if item["id"] == older["id"])
    assert (item["totalAmount"], item["totalAmountOwed"]) == (older["totalAmount"], older["totalAmount"])
    assert item["name"] == "FACTURA ELECTRÓNICA" and item["expirationDate"] == 1437436800 + 30 * DAY
    assert api.get(item["href"]).json()["id"] == older["id"]
    assert report["totalDebt"] == report["overdueDebt"] + report["upcomingDebt"]
    assert report["totalDebt"] == baseline["totalDebt"] + older["totalAmount"] + newer["totalAmount"]
    assert report["overdueDebt"] == sum(entry["totalAmountOwed"] for entry in report["overdue_documents"])
    earlier = unpaid(api, clientid=7, comparisondate=1437436800)
    assert older["id"] in owed_ids(earlier, "upcoming") and newer["id"] in owed_ids(earlier, "upcoming")
    now = unpaid(api, clientid=7)
    assert {older["id"], newer["id"]} <= set(owed_ids(now, "overdue"))


def test_payments_and_returns_reduce_what_is_owed(api: httpx.Client) -> None:
    factura = on_credit(api, 10, details=[{"variantId": 2, "quantity": 2, "taxId": "[1]"}])
    payment = {"documentId": factura["id"], "paymentTypeId": 4, "amount": 1000, "recordDate": 1437436800}
    assert api.post("/v1/payments.json", json=payment).status_code == 201

    def owed() -> float | None:
        report = unpaid(api, clientid=10)
        items = report["overdue_documents"] + report["upcoming_documents"]
        return next((item["totalAmountOwed"] for item in items if item["id"] == factura["id"]), None)

    assert owed() == factura["totalAmount"] - 1000
    detail = details_of(api, factura)[0]
    returned = api.post("/v1/returns.json", json={
        "documentTypeId": 8, "referenceDocumentId": factura["id"], "motive": "devolución",
        "details": [{"documentDetailId": detail["id"], "quantity": 1, "unitValue": 0}]}).json()
    assert owed() == factura["totalAmount"] - 1000 - returned["amount"]
    rest = {**payment, "amount": factura["totalAmount"] - 1000 - returned["amount"]}
    assert api.post("/v1/payments.json", json=rest).status_code == 201
    assert owed() is None


def test_documents_nobody_pays_are_left_out(api: httpx.Client) -> None:
    baseline = unpaid(api, clientid=13)["totalDebt"]
    sell(api, documentTypeId=1, clientId=13, payments=[])
    sell(api, codeSii=FACTURA, clientId=13)
    assert unpaid(api, clientid=13)["totalDebt"] == baseline


def test_client_by_code_and_unknown_client(api: httpx.Client) -> None:
    factura = sell(api, codeSii=FACTURA, client=CLIENT, payments=[])
    report = unpaid(api, code=CLIENT["code"])
    assert report["client"]["code"] == CLIENT["code"]
    assert owed_ids(report, "overdue") + owed_ids(report, "upcoming") == [factura["id"]]
    for query in ({"clientid": 99999}, {"code": "1-9"}, {}):
        response = api.get("/v1/clients/unpaid_documents.json", params=query)
        assert (response.status_code, response.json()) == (404, {"error": "Resource not found"})
    bad = api.get("/v1/clients/unpaid_documents.json", params={"clientid": "abc"})
    assert bad.status_code == 400
