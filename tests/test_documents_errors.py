"""Rejected documents: Bsale's documented status and message, and nothing changed or published."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import snapshot
from tests.test_documents import CLIENT

LINE = {"variantId": 1, "quantity": 1, "taxId": "[1]"}
RUT_REQUIRED = 'This document type has the following client attributes required: "Rut del Cliente"'
NET_VALUE = "Invalid net unit value, zero or negative values are not allowed for this type of document"

REJECTED: list[tuple[dict[str, Any], str]] = [
    ({"codeSii": 39, "details": [{"variantId": 999999, "quantity": 1}]}, "invalid variant"),
    ({"codeSii": 39, "details": [{"code": "NO-SUCH-SKU", "quantity": 1}]}, "invalid variant"),
    ({"documentTypeId": 999, "details": [LINE]}, "invalid documentType"),
    ({"codeSii": 61, "details": [LINE]}, "invalid documentType"),
    ({"codeSii": 39, "priceListId": 999, "details": [LINE]}, "price list not found"),
    ({"codeSii": 39, "details": [{**LINE, "netUnitValue": 0}]}, NET_VALUE),
    ({"codeSii": 39, "details": [{"comment": "libre", "quantity": 1, "netUnitValue": -5}]}, NET_VALUE),
    ({"codeSii": 39, "details": [{**LINE, "quantity": 0}]}, "invalid quantity"),
    ({"codeSii": 39, "details": [{**LINE, "discount": -1}]},
     "Invalid percentage, negative values are not allowed for this type of document"),
    ({"codeSii": 39, "details": [{"detailId": 999999, "quantity": 1}]}, "invalid reference detail"),
    ({"codeSii": 33, "details": [LINE]}, RUT_REQUIRED),
    ({"codeSii": 33, "client": {"code": "76086428-5", "company": "Imaginex"}, "details": [LINE]},
     "client attribute required : activity,address,city,municipality"),
    ({"codeSii": 33, "client": {**CLIENT, "code": "12345678-9"}, "details": [LINE]},
     RUT_REQUIRED),
    ({"codeSii": 39, "dispatch": 1, "details": [{**LINE, "quantity": 100000}]},
     "There is no stock for this products: POL-001-XS"),
    ({"codeSii": 39, "details": [LINE], "payments": [{"paymentTypeId": 99, "amount": 10}]}, "invalid payment type"),
    ({"codeSii": 39, "details": [{**LINE, "taxId": "[9]"}]}, "invalid tax"),
    ({"codeSii": 39, "details": "not a list"}, "no implicit conversion of String into Integer"),
    ({"codeSii": 39, "officeId": 99, "details": [LINE]}, "invalid office"),
    ({"documentTypeId": 4}, "details can't be blank"),
    ({"codeSii": 39, "details": []}, "details can't be blank"),
    ({"codeSii": 33, "client": {**CLIENT, "code": "1-7"}, "details": [LINE]}, RUT_REQUIRED),
]


@pytest.mark.parametrize(("body", "message"), REJECTED)
def test_rejected_document_changes_nothing(
    api: httpx.Client, server: MockServer, published: list, body: dict[str, Any], message: str
) -> None:
    before = snapshot(server)
    response = api.post("/v1/documents.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before
    assert published == []
    assert server.engine.server_errors == []


def test_malformed_json_is_refused(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    response = api.post("/v1/documents.json", content=b'{"codeSii": 39, "details": [')
    assert (response.status_code, response.json()) == (400, {"error": "Invalid JSON object"})
    assert snapshot(server) == before


def test_inactive_price_list_and_used_up_folios(api: httpx.Client, server: MockServer) -> None:
    def edit(table: str, row_id: int, changes: dict[str, Any]) -> None:
        server.engine.store.companies[1].table(table).update(row_id, changes)

    server.call(edit, "price_lists", 2, {"state": 1})
    server.call(edit, "document_types", 4, {"nextNumber": 5001, "lastNumber": 5000})
    before = snapshot(server)
    inactive = api.post("/v1/documents.json", json={"codeSii": 39, "priceListId": 2, "details": [LINE]})
    assert inactive.json() == {"error": "invalid price list"}
    used_up = api.post("/v1/documents.json", json={"codeSii": 39, "details": [LINE]})
    assert (used_up.status_code, used_up.json()) == (400, {"error": "does not have numbers available, check sii caf"})
    assert snapshot(server) == before


def test_electronic_documents_cannot_be_deleted(api: httpx.Client, server: MockServer) -> None:
    document = api.post("/v1/documents.json", json={"codeSii": 39, "details": [LINE], "dispatch": 1}).json()
    before = snapshot(server)
    response = api.delete(f"/v1/documents/{document['id']}.json?officeId=1")
    assert (response.status_code, response.json()) == (400, {"error": "electronic documents can not be removed"})
    assert snapshot(server) == before


@pytest.mark.parametrize("code", ["2-7", "1-9", "1.000.005-K", "76086428-5", "12.345.678-5"])
def test_a_rut_is_valid_when_its_check_digit_is_right_whatever_its_length(api: httpx.Client, code: str) -> None:
    response = api.post("/v1/documents.json", json={"codeSii": 33, "client": {**CLIENT, "code": code},
                                                    "details": [LINE]})
    assert response.status_code == 201, response.text
    client = api.get(response.json()["client"]["href"]).json()
    assert client["code"] == code
