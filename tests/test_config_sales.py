"""What users and coins sold between two dates: `/v1/users/sales_summary.json`,
`/v1/users/{id}/sales.json`, `/v1/users/{id}/returns.json` and `/v1/coins/{id}/sales.json`,
after real sales and a return made through the API."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import documented_keys, reference_endpoints

DAY = 1_700_006_400  # 2023-11-15 00:00 UTC
WINDOW = {"startdate": DAY, "enddate": DAY}
CLIENT = {"code": "11111111-1", "company": "Comercial Uno", "activity": "Comercio", "address": "Calle 1",
          "city": "Santiago", "municipality": "Providencia"}


def sell(api: httpx.Client, seller: int, document_type: int, emission: int = DAY, price: int = 1000) -> dict[str, Any]:
    body = {"documentTypeId": document_type, "officeId": 1, "sellerId": seller, "emissionDate": emission,
            "client": CLIENT, "details": [{"variantId": 1, "quantity": 1, "netUnitValue": price, "taxId": "[1]"}]}
    response = api.post("/v1/documents.json", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def give_back(api: httpx.Client, sale: dict[str, Any], seller: int) -> dict[str, Any]:
    detail = api.get(f"/v1/documents/{sale['id']}/details.json").json()["items"][0]
    body = {"documentTypeId": 8, "officeId": 1, "sellerId": seller, "referenceDocumentId": sale["id"],
            "emissionDate": DAY, "motive": "Cambio", "declareSii": 0, "priceAdjustment": 0, "editTexts": 0,
            "type": 1, "details": [{"documentDetailId": detail["id"], "quantity": 1,
                                    "unitValue": detail["totalAmount"]}]}
    response = api.post("/v1/returns.json", json=body)
    assert response.status_code == 201, response.text
    return api.get(response.json()["credit_note"]["href"]).json()


@pytest.fixture
def sales(api: httpx.Client) -> dict[str, Any]:
    """User 2 sells a note and an invoice on DAY and an invoice the day after; user 3 takes one back."""
    note, invoice = sell(api, 2, 1), sell(api, 2, 2, price=2000)
    later = sell(api, 2, 2, emission=DAY + 86400)
    credit_note = give_back(api, note, 3)
    return {"note": note, "invoice": invoice, "later": later, "credit_note": credit_note}


def test_user_sales_between_dates(api: httpx.Client, sales: dict[str, Any]) -> None:
    page = api.get("/v1/users/2/sales.json", params=WINDOW).json()
    assert [item["id"] for item in page["items"]] == [sales["note"]["id"], sales["invoice"]["id"]]
    item = page["items"][1]
    assert list(item) == documented_keys("GET /v1/users/{userId}/sales.json")
    assert (item["name"], item["number"]) == ("FACTURA ELECTRÓNICA", sales["invoice"]["number"])
    assert api.get(item["href"]).json()["id"] == sales["invoice"]["id"]
    both_days = api.get("/v1/users/2/sales.json", params={**WINDOW, "enddate": DAY + 86400}).json()
    assert both_days["count"] == 3
    assert api.get("/v1/users/3/sales.json", params=WINDOW).json()["count"] == 0


def test_user_returns(api: httpx.Client, sales: dict[str, Any]) -> None:
    page = api.get("/v1/users/3/returns.json", params=WINDOW).json()
    assert [item["id"] for item in page["items"]] == [sales["credit_note"]["id"]]
    assert list(page["items"][0]) == documented_keys("GET /v1/users/{userId}/returns.json")
    assert api.get("/v1/users/2/returns.json", params=WINDOW).json()["count"] == 0


def test_sales_summary(api: httpx.Client, sales: dict[str, Any]) -> None:
    summary = api.get("/v1/users/sales_summary.json", params=WINDOW).json()
    assert list(summary) == documented_keys("GET /v1/users/sales_summary.json")
    assert (summary["startDate"], summary["endDate"]) == (DAY, DAY)
    sellers = {seller["id"]: seller for seller in summary["sellers"]}
    assert set(sellers) == {2, 3}
    sold = sales["note"]["totalAmount"] + sales["invoice"]["totalAmount"]
    assert sellers[2]["subtotal"] == sold
    assert sellers[2]["taxSubtotal"] == sales["note"]["taxAmount"] + sales["invoice"]["taxAmount"]
    assert sellers[3]["subtotal"] == -sales["credit_note"]["totalAmount"]
    assert summary["total"] == sold - sales["credit_note"]["totalAmount"]
    two = sellers[2]
    assert list(two) == list(reference_endpoints()["GET /v1/users/sales_summary.json"]["response"]["sellers"][0])
    assert [item["id"] for item in api.get(two["sales"]["href"]).json()["items"]] == [
        sales["note"]["id"], sales["invoice"]["id"]
    ]
    assert api.get(two["returns"]["href"]).json()["count"] == 0
    only = api.get("/v1/users/sales_summary.json", params={**WINDOW, "userid": 3}).json()
    assert [seller["id"] for seller in only["sellers"]] == [3]


def test_coin_sales(api: httpx.Client, sales: dict[str, Any]) -> None:
    page = api.get("/v1/coins/1/sales.json", params=WINDOW).json()
    assert [item["id"] for item in page["items"]] == [sales["note"]["id"], sales["invoice"]["id"]]
    assert list(page["items"][0]) == documented_keys("GET /v1/coins/{coinId}/sales.json")
    assert api.get("/v1/coins/2/sales.json", params=WINDOW).json()["count"] == 0


@pytest.mark.parametrize("path", ["/v1/users/99/sales.json", "/v1/users/99/returns.json", "/v1/coins/99/sales.json"])
def test_unknown_user_or_coin(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert (response.status_code, response.json()) == (404, {"error": "Resource not found"})
