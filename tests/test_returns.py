"""Returns: credit notes against sales, stock back, the documented refusals, annulments."""

from __future__ import annotations

from typing import Any

import httpx

from mockbsale import MockServer
from tests.conftest import documented_keys, snapshot
from tests.test_documents import CLIENT, details_of, sell, stock_quantity

CREDIT_NOTE_TYPE = 8


def give_back(api: httpx.Client, sale: dict[str, Any], quantity: float, status: int = 201, **body: Any) -> Any:
    detail = details_of(api, sale)[0]
    payload = {
        "documentTypeId": CREDIT_NOTE_TYPE,
        "referenceDocumentId": sale["id"],
        "motive": "prueba api",
        "declareSii": 1,
        "priceAdjustment": 0,
        "editTexts": 0,
        "type": 1,
        "details": [{"documentDetailId": detail["id"], "quantity": quantity, "unitValue": 0}],
        **body,
    }
    response = api.post("/v1/returns.json", json=payload)
    assert response.status_code == status, response.text
    return response.json()


def dispatched_factura(api: httpx.Client, quantity: float = 3) -> dict[str, Any]:
    line = {"variantId": 1, "quantity": quantity, "taxId": "[1]"}
    return sell(api, codeSii=33, client=CLIENT, dispatch=1, details=[line])


def test_return_makes_a_credit_note_and_brings_stock_back(api: httpx.Client, published: list) -> None:
    start = stock_quantity(api, 1, 1)
    sale = dispatched_factura(api)
    published.clear()
    returned = give_back(api, sale, 2)
    assert set(returned) == set(documented_keys("POST /v1/returns.json"))
    assert list(api.get(returned["href"]).json()) == documented_keys("GET /v1/returns/{id}.json")
    assert stock_quantity(api, 1, 1) == start - 1
    note = api.get(returned["credit_note"]["href"]).json()
    assert api.get(note["document_type"]["href"]).json()["codeSii"] == "61"
    assert note["client"] == sale["client"] and returned["amount"] == note["totalAmount"]
    assert note["totalAmount"] == round(sale["totalAmount"] * 2 / 3)
    reference = api.get(note["references"]["href"]).json()["items"][0]
    assert reference["number"] == str(sale["number"]) and reference["reason"] == "prueba api"
    line = details_of(api, note)[0]
    assert line["quantity"] == 2 and line["relatedDetailId"] == details_of(api, sale)[0]["id"]
    detail = api.get(returned["details"]["href"]).json()["items"][0]
    assert list(detail) == documented_keys("GET /v1/returns/{returnId}/details/{id}.json")
    assert detail["quantity"] == detail["quantityDevStock"] == 2 and detail["variantStock"] == start - 1
    assert detail["variantCost"] == float(api.get("/v1/variants/1/costs.json").json()["averageCost"])
    assert ("document", "post", note["id"], {"officeId": 1}) in published
    assert ("stock", "put", 1, {"officeId": 1}) in published
    assert api.get(f"/v1/returns.json?referencedocumentid={sale['id']}").json()["count"] == 1
    assert api.get(f"/v1/returns.json?creditnoteid={note['id']}&expand=[credit_note]").json()["items"][0][
        "credit_note"]["id"] == note["id"]


def test_returning_more_than_sold_is_refused(api: httpx.Client, server: MockServer, published: list) -> None:
    sale = dispatched_factura(api)
    give_back(api, sale, 2)
    detail_id = details_of(api, sale)[0]["id"]
    before = snapshot(server)
    published.clear()
    refused = give_back(api, sale, 2, status=400)
    message = f"The quantity returned (2.0) is higher than the available (1.0) for detail: {detail_id}"
    assert refused == {"error": message}
    missing = give_back(api, sale, 1, status=400, referenceDocumentId=None)
    assert missing == {"error": "the json does not have reference document"}
    sale_type = give_back(api, sale, 1, status=400, documentTypeId=4)
    assert sale_type == {"error": "invalid documentType"}
    assert snapshot(server) == before and published == []


def test_a_used_sale_cannot_be_deleted(api: httpx.Client) -> None:
    sale = sell(api, documentTypeId=1, client=CLIENT, dispatch=1, details=[{"variantId": 1, "quantity": 2}])
    give_back(api, sale, 1)
    refused = api.delete(f"/v1/documents/{sale['id']}.json?officeId=1")
    assert refused.status_code == 400
    assert refused.json() == {"error": "This document may not be removed because it was used"}


def test_price_adjustment_returns_no_stock(api: httpx.Client) -> None:
    sale = dispatched_factura(api, quantity=2)
    after_sale = stock_quantity(api, 1, 1)
    unit = details_of(api, sale)[0]["netUnitValue"]
    detail = details_of(api, sale)[0]["id"]
    adjusted = give_back(
        api, sale, 0, priceAdjustment=1, details=[{"documentDetailId": detail, "quantity": 0, "unitValue": unit - 1000}]
    )
    note = api.get(adjusted["credit_note"]["href"]).json()
    assert note["netAmount"] == 2000 and stock_quantity(api, 1, 1) == after_sale
    give_back(api, sale, 2)


def test_annulment_takes_the_stock_out_again_once(api: httpx.Client, server: MockServer, published: list) -> None:
    sale = dispatched_factura(api)
    returned = give_back(api, sale, 3)
    restored = stock_quantity(api, 1, 1)
    published.clear()
    body = {"documentTypeId": 7, "referenceDocumentId": returned["credit_note"]["id"], "declareSii": 1}
    response = api.post(f"/v1/returns/{returned['id']}/annulments.json", json=body)
    assert response.status_code == 201
    annulment = response.json()
    assert list(annulment) == documented_keys("POST /v1/returns/{returnId}/annulments.json")
    assert api.get(annulment["href"]).status_code == 200
    debit = api.get(annulment["debit_note"]["href"]).json()
    assert api.get(debit["document_type"]["href"]).json()["codeSii"] == "56"
    credit_note = api.get(returned["credit_note"]["href"]).json()
    assert annulment["amount"] == debit["totalAmount"] == credit_note["totalAmount"]
    assert stock_quantity(api, 1, 1) == restored - 3
    assert ("document", "post", debit["id"], {"officeId": 1}) in published
    assert ("stock", "put", 1, {"officeId": 1}) in published
    before = snapshot(server)
    again = api.post(f"/v1/returns/{returned['id']}/annulments.json", json=body)
    assert (again.status_code, again.json()) == (400, {"error": "the return already been nullified"})
    assert snapshot(server) == before
    assert api.post("/v1/returns/999/annulments.json", json=body).status_code == 404
    give_back(api, sale, 3)
