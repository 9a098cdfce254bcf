"""Configuration writes: `PUT /v1/document_types.json` and `POST /v1/payment_types.json`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import documented_keys, reference_endpoints, snapshot


def test_put_document_type_edits_name_state_and_use_client_only(api: httpx.Client) -> None:
    body = {"id": "4", **reference_endpoints()["PUT /v1/document_types.json"]["request"], "codeSii": "33"}
    response = api.put("/v1/document_types.json", json=body)
    assert response.status_code == 200
    edited = response.json()
    assert list(edited) == documented_keys("PUT /v1/document_types.json")
    assert (edited["id"], edited["name"], edited["state"], edited["useClient"]) == (4, "Documento Boleta", 1, 1)
    assert edited["codeSii"] == "39"
    stored = api.get("/v1/document_types/4.json").json()
    assert (stored["name"], stored["state"], stored["codeSii"]) == ("Documento Boleta", 1, "39")
    assert api.get("/v1/document_types.json", params={"state": 1}).json()["count"] == 1


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"name": "Sin id"}, 400, "id can't be blank"),
        ({"id": 999, "name": "No existe"}, 404, "Resource not found"),
        ({"id": 2, "state": [1]}, 400, "no implicit conversion of String into Integer"),
    ],
)
def test_rejected_document_type_edit_changes_nothing(
    api: httpx.Client, server: MockServer, body: dict[str, Any], status: int, message: str
) -> None:
    before = snapshot(server)
    response = api.put("/v1/document_types.json", json=body)
    assert (response.status_code, response.json()) == (status, {"error": message})
    assert snapshot(server) == before


def test_post_payment_type(api: httpx.Client) -> None:
    example = reference_endpoints()["POST /v1/payment_types.json"]
    created = api.post("/v1/payment_types.json", json={"name": "Cheque a fecha", "isCheck": 1, "maxCheck": 3})
    assert created.status_code == 201
    payment_type = created.json()
    assert list(payment_type) == list(example["response"])
    assert (payment_type["name"], payment_type["isCheck"], payment_type["maxCheck"]) == ("Cheque a fecha", 1, 3)
    assert (payment_type["isCash"], payment_type["state"], payment_type["agreementCode"]) == (0, 0, None)
    assert api.get(payment_type["href"]).json() == payment_type
    ledger = api.post("/v1/payment_types.json", json={"name": "T", "ledgerAccount": "111-01", "ledgerCode": "1234"})
    assert (ledger.json()["ledgerAccount"], ledger.json()["ledgerCode"]) == ("111-01", "1234")
    assert api.get("/v1/payment_types/count.json").json() == {"count": 10}


@pytest.mark.parametrize(
    ("body", "message"),
    [({}, "name can't be blank"), ({"name": "X", "isCash": "sí"}, "no implicit conversion of String into Integer")],
)
def test_rejected_payment_type_changes_nothing(
    api: httpx.Client, server: MockServer, body: dict[str, Any], message: str
) -> None:
    before = snapshot(server)
    response = api.post("/v1/payment_types.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before
