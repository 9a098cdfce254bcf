"""Return rules a client sees: what a return and its credit note hold (Bsale's documented example),
which details and quantities are refused, what an undispatched sale or a text edit brings back, and
what an annulment holds."""

from __future__ import annotations

from typing import Any

import httpx

from mockbsale import MockServer
from tests.conftest import snapshot
from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)
from tests.test_documents import CLIENT, details_of, sell, stock_quantity
from tests.test_returns import dispatched_factura, give_back

DEBIT_NOTE_TYPE = 7
PERSON = 2  # seeded: a person


def annul(api: httpx.Client, returned: dict[str, Any], status: int = 201, **body: Any) -> Any:
    response = api.post(f"/v1/returns/{returned['id']}/annulments.json", json=body)
    assert response.status_code == status, response.text
    return response.json()


def test_a_return_as_documented(api: httpx.Client, stopped_clock: int) -> None:  # noqa: F811
    sale = dispatched_factura(api)
    returned = give_back(api, sale, 1, type=2)
    assert {key: value for key, value in returned.items() if not isinstance(value, dict)} == {
        "amount": returned["amount"], "code": f"{stopped_clock}{returned['id'] % 100:02d}", "type": 2,
        "editTexts": 0, "href": returned["href"], "returnDate": stopped_clock - 12 * 3600, "motive": "prueba api",
        "priceAdjustment": 0, "id": returned["id"]}
    assert (returned["office"]["id"], returned["reference_document"]["id"]) == ("1", str(sale["id"]))
    note = api.get(returned["credit_note"]["href"]).json()
    reference = api.get(note["references"]["href"]).json()["items"][0]
    assert reference["referenceDate"] == sale["emissionDate"]
    assert api.get(reference["dte_code"]["href"]).json()["codeSii"] == "33"


def test_details_of_another_sale_or_without_quantity_are_refused(api: httpx.Client, server: MockServer) -> None:
    sale = dispatched_factura(api)
    other = sell(api, documentTypeId=1, client=CLIENT, dispatch=1, details=[{"variantId": 1, "quantity": 1}])
    detail = details_of(api, sale)[0]["id"]
    before = snapshot(server)
    for details, message in (
        ([{"documentDetailId": details_of(api, other)[0]["id"], "quantity": 1}], "invalid reference detail"),
        ([{"documentDetailId": 999999, "quantity": 1}], "invalid reference detail"),
        ([{"quantity": 1}], "documentDetailId can't be blank"),
        ([{"documentDetailId": detail, "quantity": 0}], "invalid quantity"),
        ([{"documentDetailId": detail}], "invalid quantity"),
    ):
        assert give_back(api, sale, 1, status=400, details=details) == {"error": message}, details
    assert snapshot(server) == before
    assert api.delete(f"/v1/documents/{other['id']}.json?officeId=1").status_code == 200
    assert give_back(api, other, 1, status=400) == {"error": "the json does not have reference document"}


def test_the_whole_sold_quantity_can_come_back(api: httpx.Client) -> None:
    sale = dispatched_factura(api, quantity=3)
    detail = details_of(api, sale)[0]["id"]
    give_back(api, sale, 1)
    returned = give_back(api, sale, 2, details=[{"documentDetailId": detail, "quantity": 2}])
    assert api.get(returned["details"]["href"]).json()["items"][0]["quantity"] == 2


def test_an_undispatched_sale_brings_no_stock_back(api: httpx.Client) -> None:
    sale = sell(api, codeSii=33, client=CLIENT, dispatch=0, details=[{"variantId": 1, "quantity": 2}])
    before = stock_quantity(api, 1, 1)
    returned = give_back(api, sale, 2)
    detail = api.get(returned["details"]["href"]).json()["items"][0]
    assert (detail["quantity"], detail["quantityDevStock"]) == (2, 0)
    assert stock_quantity(api, 1, 1) == before


def test_a_text_edit_returns_nothing_and_keeps_the_sold_quantity(api: httpx.Client) -> None:
    sale = dispatched_factura(api, quantity=2)
    before = stock_quantity(api, 1, 1)
    sold = details_of(api, sale)[0]
    body = {"editTexts": 1, "details": [{"documentDetailId": sold["id"], "comment": "Polera talla M"}]}
    edited = give_back(api, sale, 0, **body)
    assert edited["editTexts"] == 1 and stock_quantity(api, 1, 1) == before
    note = api.get(edited["credit_note"]["href"]).json()
    line = details_of(api, note)[0]
    assert (line["quantity"], line["netUnitValue"], line["note"], note["totalAmount"]) == (2, 0, "Polera talla M", 0)
    assert give_back(api, sale, 2)["amount"] == sale["totalAmount"]


def test_a_credit_note_is_made_out_to_the_client_the_return_names(api: httpx.Client) -> None:
    sale = dispatched_factura(api)
    returned = give_back(api, sale, 1, clientId=PERSON)
    note = api.get(returned["credit_note"]["href"]).json()
    assert note["client"]["id"] == str(PERSON)


def test_an_annulment_as_documented(api: httpx.Client, stopped_clock: int) -> None:  # noqa: F811
    sale = sell(api, codeSii=33, client=CLIENT, dispatch=1, officeId=2, details=[{"variantId": 1, "quantity": 1}])
    returned = give_back(api, sale, 1, officeId=2)
    annulment = annul(api, returned)
    assert (annulment["annulmentDate"], annulment["office"]["id"], annulment["amount"]) == (
        stopped_clock, "2", returned["amount"])
    debit = api.get(annulment["debit_note"]["href"]).json()
    assert api.get(debit["document_type"]["href"]).json()["codeSii"] == "56"
    assert debit["office"]["id"] == "2"
    reference = api.get(debit["references"]["href"]).json()["items"][0]
    assert reference["reason"] == "Anula nota de crédito"
    assert api.get(reference["dte_code"]["href"]).json()["codeSii"] == "61"


def test_an_annulment_of_another_type_is_refused(api: httpx.Client, server: MockServer) -> None:
    returned = give_back(api, dispatched_factura(api), 1)
    before = snapshot(server)
    assert annul(api, returned, 400, documentTypeId=8) == {"error": "invalid documentType"}
    assert annul(api, returned, 400, codeSii=61) == {"error": "invalid documentType"}
    assert snapshot(server) == before
    assert annul(api, returned, documentTypeId=DEBIT_NOTE_TYPE)["amount"] == returned["amount"]
