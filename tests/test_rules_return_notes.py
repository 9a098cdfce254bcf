"""Return rules a client sees in the notes they make: what a minimal return body defaults to, each
credit note line copied from its sold line (variant, comment, free lines), the quantities left to
return, price adjustments and text edits, the client a note is made out to, and the debit note of an
annulment (the credit note's lines, no payment, whatever details the body names)."""

from __future__ import annotations

from typing import Any

import httpx

from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)
from tests.test_documents import CLIENT, details_of, sell, stock_quantity
from tests.test_returns import CREDIT_NOTE_TYPE, dispatched_factura, give_back
from tests.test_rules_clients import stored
from tests.test_rules_returns import PERSON, annul

FACTURA_TYPE = 2
TYPE_ERROR = {"error": "no implicit conversion of String into Integer"}


def post_return(api: httpx.Client, body: dict[str, Any], status: int = 201) -> Any:
    response = api.post("/v1/returns.json", json=body)
    assert response.status_code == status, response.text
    return response.json()


def two_line_sale(api: httpx.Client) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A dispatched factura: 3 of variant 1 (a comment on the line) and a free line of 1,000 net."""
    sale = sell(api, codeSii=33, client=CLIENT, dispatch=1, details=[
        {"variantId": 1, "quantity": 3, "taxId": "[1]", "comment": "Polera roja"},
        {"comment": "Servicio de despacho", "quantity": 1, "netUnitValue": 1000, "taxId": "[1]"},
    ])
    return sale, details_of(api, sale)


def test_a_minimal_return_and_its_credit_note_lines(api: httpx.Client) -> None:
    sale, (polera, service) = two_line_sale(api)
    start = stock_quantity(api, 1, 1)
    returned = post_return(api, {"documentTypeId": CREDIT_NOTE_TYPE, "referenceDocumentId": sale["id"], "type": "2",
                                 "details": [{"documentDetailId": polera["id"], "quantity": 1},
                                             {"documentDetailId": service["id"], "quantity": "1"}]})
    # absent flags are 0 (a plain return), a numeric string is an integer, an absent motive is ""
    kinds = (returned["type"], returned["priceAdjustment"], returned["editTexts"], returned["motive"])
    assert kinds == (2, 0, 0, "") and all(type(value) is int for value in kinds[:3])
    assert stock_quantity(api, 1, 1) == start + 1
    goods, free = api.get(returned["details"]["href"]).json()["items"]
    assert (goods["quantity"], goods["quantityDevStock"], goods["variantStock"]) == (1, 1, start + 1)
    assert (free["quantity"], free["quantityDevStock"], free["variantStock"], free["variantCost"]) == (1, 0, 0, 0)
    note = api.get(returned["credit_note"]["href"]).json()
    assert api.get(note["references"]["href"]).json()["items"][0]["reason"] == ""
    first, second = details_of(api, note)
    assert (first["variant"]["id"], first["note"], first["relatedDetailId"]) == (1, "Polera roja", polera["id"])
    assert (second["variant"], second["note"], second["relatedDetailId"]) == (None, "Servicio de despacho",
                                                                              service["id"])
    assert (second["netAmount"], second["taxAmount"], second["totalAmount"]) == (1000, 190, 1190)


def test_what_is_left_to_return_counts_every_live_return(api: httpx.Client) -> None:
    sale, (polera, _) = two_line_sale(api)

    def back(quantity: Any, status: int = 201, **entry: Any) -> Any:
        return post_return(api, {"documentTypeId": CREDIT_NOTE_TYPE, "referenceDocumentId": sale["id"], "details": [
            {"documentDetailId": polera["id"], "quantity": quantity, **entry}]}, status)

    back(1)
    back(1)
    too_much = f"The quantity returned (2.0) is higher than the available (1.0) for detail: {polera['id']}"
    assert back(2, 400) == {"error": too_much}
    # numbers past Bsale's decimal columns are refused as such, even where they are not used
    assert back(1e12, 400) == {"error": '"quantity" is out of range for ActiveRecord::Type::Decimal'}
    assert back(1, 400, unitValue=1e12) == {"error": '"unitValue" is out of range for ActiveRecord::Type::Decimal'}
    # a quantity within the rounding tolerance (1e-9) of what is left is the rest
    assert api.get(back(1.000000001)["details"]["href"]).json()["items"][0]["quantity"] == 1.000000001


def test_flags_that_are_not_integers_are_refused_before_the_details(api: httpx.Client) -> None:
    sale = dispatched_factura(api)
    for flag in ("priceAdjustment", "editTexts"):
        body = {"documentTypeId": CREDIT_NOTE_TYPE, "referenceDocumentId": sale["id"], flag: 0.5,
                "details": [{"documentDetailId": 999999, "quantity": 1}]}
        assert post_return(api, body, 400) == TYPE_ERROR, flag


def test_price_adjustments_and_text_edits_keep_the_lines_taxes(api: httpx.Client) -> None:
    sale = dispatched_factura(api, quantity=2)
    sold = details_of(api, sale)[0]
    assert sold["totalUnitValue"] == 9990  # the seeded gross price of variant 1

    def credit_note(kind: str, **entry: Any) -> dict[str, Any]:
        returned = post_return(api, {"documentTypeId": CREDIT_NOTE_TYPE, "referenceDocumentId": sale["id"], kind: 1,
                                     "details": [{"documentDetailId": sold["id"], **entry}]})
        return api.get(returned["credit_note"]["href"]).json()

    whole = credit_note("priceAdjustment")  # no unitValue: the new price is 0, the whole price comes back
    assert (whole["netAmount"], whole["taxAmount"], whole["totalAmount"]) == (16790, 3190, 19980)
    higher = credit_note("priceAdjustment", unitValue=sold["netUnitValue"] + 500)  # a higher price credits nothing
    assert (higher["netAmount"], higher["totalAmount"]) == (0, 0)
    assert details_of(api, higher)[0]["netUnitValue"] == 0
    edited = credit_note("editTexts", comment="Polera talla M")
    taxes = api.get(edited["document_taxes"]["href"]).json()["items"]
    assert [(tax["tax"]["id"], tax["totalAmount"]) for tax in taxes] == [("1", 0)]


def test_a_credit_note_goes_to_the_returns_inline_client_and_is_not_paid(api: httpx.Client) -> None:
    person = api.get(f"/v1/clients/{PERSON}.json").json()
    inline = {key: person[key] for key in ("code", "company", "activity", "address", "municipality", "city")}
    sale = dispatched_factura(api)
    returned = give_back(api, sale, 1, client=inline, payments=[{"paymentTypeId": 1, "amount": 1000}])
    note = api.get(returned["credit_note"]["href"]).json()
    assert note["client"]["id"] == str(PERSON) != sale["client"]["id"]
    assert api.get(f"/v1/documents/{note['id']}/payments.json").json()["count"] == 0


def test_the_hundredth_return_code_ends_in_00(api: httpx.Client, stopped_clock: int) -> None:  # noqa: F811
    sale = sell(api, codeSii=33, client=CLIENT, details=[{"variantId": 1, "quantity": 100, "taxId": "[1]"}])
    body = {"documentTypeId": CREDIT_NOTE_TYPE, "referenceDocumentId": sale["id"],
            "details": [{"documentDetailId": details_of(api, sale)[0]["id"], "quantity": 1}]}
    codes = [post_return(api, body)["code"] for _ in range(100)]
    assert (codes[0], codes[98], codes[99]) == (f"{stopped_clock}01", f"{stopped_clock}99", f"{stopped_clock}00")


def test_an_annulment_copies_the_credit_note_and_ignores_details_and_payments(api: httpx.Client) -> None:
    sale, (polera, service) = two_line_sale(api)
    returned = give_back(api, sale, 2, details=[{"documentDetailId": polera["id"], "quantity": 2},
                                                {"documentDetailId": service["id"], "quantity": 1}])
    assert annul(api, returned, 400, documentTypeId=FACTURA_TYPE) == {"error": "invalid documentType"}
    credit_lines = details_of(api, api.get(returned["credit_note"]["href"]).json())
    # a null or empty type is no type: the debit note; the body's details are not the note's
    annulment = annul(api, returned, documentTypeId=None, codeSii="",
                      details=[{"variantId": 999999, "quantity": 1}])
    debit = api.get(annulment["debit_note"]["href"]).json()
    assert debit["totalAmount"] == returned["amount"] == 2 * 9990 + 1190
    assert [(line["variant"] and line["variant"]["id"], line["quantity"], line["note"], line["relatedDetailId"])
            for line in details_of(api, debit)] == [
        (1, 2, "Polera roja", credit_lines[0]["id"]), (None, 1, "Servicio de despacho", credit_lines[1]["id"])]
    assert api.get(f"/v1/documents/{debit['id']}/payments.json").json()["count"] == 0
    assert (stored(api, "returns", returned["id"])["annulled"], stored(api, "returns", give_back(api, sale, 1)["id"])[
        "annulled"]) == (1, 0)  # what a state file keeps
