"""Folios: every document type numbers its documents in sequence; an electronic type stops at the last
folio of its CAF, the last one included; a nota de venta (not electronic) has no CAF and never runs out."""

from __future__ import annotations

from typing import Any

import httpx

from mockbsale import MockServer
from tests.conftest import snapshot

LINE = {"variantId": 1, "quantity": 1, "taxId": "[1]"}
NO_NUMBERS = {"error": "does not have numbers available, check sii caf"}
NOTA_DE_VENTA, BOLETA, BOLETA_EXENTA = 1, 4, 5


def set_folios(server: MockServer, type_id: int, next_number: int, last_number: int) -> None:
    """The CAF range a type was given in Bsale's back office (no API sets it)."""

    def edit() -> None:
        table = server.engine.store.companies[1].table("document_types")
        table.update(type_id, {"nextNumber": next_number, "lastNumber": last_number})

    server.call(edit)


def post(api: httpx.Client, type_id: int) -> httpx.Response:
    return api.post("/v1/documents.json", json={"documentTypeId": type_id, "details": [LINE]})


def numbers(api: httpx.Client, type_id: int, times: int) -> list[Any]:
    return [post(api, type_id).json()["number"] for _ in range(times)]


def test_notas_de_venta_advance_their_number(api: httpx.Client) -> None:
    first, second, third = numbers(api, NOTA_DE_VENTA, 3)
    assert (second, third) == (first + 1, first + 2)


def test_a_nota_de_venta_has_no_caf_to_run_out_of(api: httpx.Client, server: MockServer) -> None:
    set_folios(server, NOTA_DE_VENTA, 9001, 9000)
    assert numbers(api, NOTA_DE_VENTA, 2) == [9001, 9002]


def test_the_last_folio_of_the_caf_is_used_then_the_type_runs_out(api: httpx.Client, server: MockServer) -> None:
    set_folios(server, BOLETA, 4999, 5000)
    assert numbers(api, BOLETA, 2) == [4999, 5000]
    caf = api.get("/v1/document_types/caf.json", params={"codesii": "39"}).json()
    assert (caf["endNumber"], caf["lastNumberUsed"], caf["numbersAvailable"]) == (5000, 5000, 0)
    before = snapshot(server)
    used_up = post(api, BOLETA)
    assert (used_up.status_code, used_up.json()) == (400, NO_NUMBERS)
    assert snapshot(server) == before
    assert post(api, BOLETA_EXENTA).status_code == 201, "another type keeps its own folios"
