"""Document rules a client sees through the API: which references a body may name, what a document
stores and serves by default, its TED, payments and deletion (expected values worked out by hand)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import TOKEN_A, TOKEN_PE, company_client, snapshot
from tests.test_documents import CLIENT, FACTURA, NOTA_DE_VENTA, details_of, sell, stock_quantity
from tests.test_mexico import CLIENT as MEXICAN_CLIENT
from tests.test_returns import give_back

LINE = {"variantId": 1, "quantity": 1, "taxId": "[1]"}
TYPE_MISMATCH = {"error": "no implicit conversion of String into Integer"}
FREE = {"comment": "Servicio", "quantity": 1, "netUnitValue": 1000, "taxId": "[1]"}


def edit(server: MockServer, table: str, row_id: int, changes: dict[str, Any] | None) -> None:
    """Change (or, with None, remove) a seeded row of company A, as Bsale's web app or an imported
    company would leave it."""
    def change() -> None:
        rows = server.engine.store.companies[1].table(table)
        rows.delete(row_id) if changes is None else rows.update(row_id, changes)

    server.call(change)


def refused(api: httpx.Client, server: MockServer, body: dict[str, Any], message: str) -> None:
    before = snapshot(server)
    response = api.post("/v1/documents.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before


# --- references a body names ----------------------------------------------------------------------


@pytest.mark.parametrize("body", [
    {"documentTypeId": 4.5}, {"officeId": 1.5}, {"priceListId": 1.5}, {"emissionDate": 1407715200.5},
    {"expirationDate": 1407715200.5}, {"dispatch": 0.5}, {"declareSii": 0.5}, {"saleConditionId": 1.5},
    {"sellerId": 1.5}, {"codeSii": 33, "clientId": 4.5}, {"codeSii": 33, "clientId": 4, "addressId": 4.5},
    {"references": [{"referenceDate": 1407715200.5}]}, {"dynamicAttributes": [{"dynamicAttributeId": 1.5}]},
    {"details": [{"detailId": 1.5, "quantity": 1}]}, {"details": [{**FREE, "taxId": "[1.5]"}]},
])
def test_an_integer_given_with_decimals_is_refused(api: httpx.Client, server: MockServer, body: dict[str, Any]) -> None:
    refused(api, server, {"codeSii": 39, "details": [LINE], **body}, TYPE_MISMATCH["error"])


def test_a_numeric_sales_id_is_the_same_sale_as_its_text(api: httpx.Client) -> None:
    first = sell(api, salesId=123)
    assert first["salesId"] == "123"
    assert sell(api, status=200, salesId="123") == first
    assert [item["id"] for item in api.get("/v1/documents.json?salesid=123").json()["items"]] == [first["id"]]


def test_an_inactive_document_type_is_refused_by_id_or_by_code(api: httpx.Client, server: MockServer) -> None:
    edit(server, "document_types", 4, {"state": 1})
    refused(api, server, {"documentTypeId": 4, "details": [LINE]}, "invalid documentType")
    refused(api, server, {"codeSii": 39, "details": [LINE]}, "invalid documentType")
    refused(api, server, {"details": [LINE]}, "invalid documentType")
    assert sell(api, codeSii=FACTURA, client=CLIENT)["document_type"]["id"] == "2"


def test_an_inactive_office_is_refused_and_skipped_by_default(api: httpx.Client, server: MockServer) -> None:
    edit(server, "offices", 1, {"state": 1})
    refused(api, server, {"codeSii": 39, "officeId": 1, "details": [LINE]}, "invalid office")
    assert sell(api)["office"]["id"] == "2"


def test_the_price_comes_from_the_named_price_list(api: httpx.Client) -> None:
    # Lista Mayorista's net price of variant 1 is 7135.72: tax round(1355.79) = 1356, total 8492.
    document = sell(api, priceListId=2)
    assert details_of(api, document)[0]["netUnitValue"] == 7135.72
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (7136, 1356, 8492)


def test_the_coin_is_the_price_list_s(api: httpx.Client, server: MockServer) -> None:
    edit(server, "price_lists", 2, {"coinId": 2})
    assert sell(api, priceListId=2)["coin"]["id"] == "2" and sell(api)["coin"]["id"] == "1"


def test_an_office_without_its_default_price_list_needs_one_named(api: httpx.Client, server: MockServer) -> None:
    edit(server, "offices", 1, {"defaultPriceListId": 99})
    refused(api, server, {"codeSii": 39, "details": [LINE]}, "Couldn't find ListaPrecio with 'id_lista_precio'= ")
    assert sell(api, priceListId=1)["totalAmount"] == 9990


def test_taxes_by_code_take_the_given_percentage(api: httpx.Client) -> None:
    document = sell(api, details=[{**FREE, "taxId": None, "taxes": [{"code": 14, "percentage": 10}]},
                                  {**FREE, "taxId": None, "taxes": [{"code": 24}]}])
    assert [line["taxAmount"] for line in details_of(api, document)] == [100, 315]
    taxes = api.get(document["document_taxes"]["href"]).json()["items"]
    assert sorted((tax["tax"]["id"], tax["totalAmount"], tax["exemptAmount"]) for tax in taxes) == [
        ("1", 100, 0), ("2", 315, 0)]


def test_taxes_by_id_in_a_list_add_up(api: httpx.Client) -> None:
    document = sell(api, details=[{**FREE, "taxId": [1, 2]}])
    assert details_of(api, document)[0]["taxAmount"] == 505 and document["totalAmount"] == 1505


@pytest.mark.parametrize("line", [
    {**FREE, "taxId": None, "taxes": [{"code": 99, "percentage": 19}]},
    {**FREE, "taxId": None, "taxes": [{"percentage": 19}]},
    {**FREE, "taxId": None, "taxes": [{"code": 24}]},
    {**FREE, "taxId": "[2]"},
])
def test_an_unknown_or_inactive_tax_is_refused(api: httpx.Client, server: MockServer, line: dict[str, Any]) -> None:
    edit(server, "taxes", 2, {"state": 1})
    refused(api, server, {"codeSii": 39, "details": [line]}, "invalid tax")


def test_an_exempt_document_carries_no_tax(api: httpx.Client) -> None:
    document = sell(api, codeSii=41, details=[FREE])
    assert (document["netAmount"], document["taxAmount"], document["exemptAmount"]) == (0, 0, 1000)
    assert details_of(api, document)[0]["taxAmount"] == 0
    assert api.get(document["document_taxes"]["href"]).json()["count"] == 0


def test_a_line_copied_by_detail_id_keeps_its_quantity_price_and_taxes(api: httpx.Client, server: MockServer) -> None:
    first = sell(api, details=[{**FREE, "quantity": 2, "discount": 10, "taxId": "[1,2]"}])
    detail_id = details_of(api, first)[0]["id"]
    copied = details_of(api, sell(api, details=[{"detailId": detail_id}]))[0]
    # 2 x 1000 less 10 % = 1800 net; IVA 342 + ILA 567 = 909.
    assert (copied["quantity"], copied["netAmount"], copied["taxAmount"], copied["note"]) == (2, 1800, 909, "Servicio")
    refused(api, server, {"codeSii": 39, "details": [{"detailId": detail_id, "quantity": 0}]}, "invalid quantity")


def test_a_per_unit_tax_is_copied_with_its_line(api: httpx.Client, server: MockServer) -> None:
    edit(server, "taxes", 3, {"amountTax": 1, "percentage": "50.0"})
    first = sell(api, details=[{**FREE, "quantity": 2, "taxId": "[1,3]"}])
    # 2000 net: IVA 380 + 2 units x 50 = 480.
    assert details_of(api, first)[0]["taxAmount"] == 480 and first["totalAmount"] == 2480
    copied = sell(api, details=[{"detailId": details_of(api, first)[0]["id"], "quantity": 3}])
    # 3000 net: IVA 570 + 3 units x 50 = 720.
    assert details_of(api, copied)[0]["taxAmount"] == 720 and copied["totalAmount"] == 3720
    taxes = api.get(copied["document_taxes"]["href"]).json()["items"]
    assert sorted((tax["tax"]["id"], tax["totalAmount"]) for tax in taxes) == [("1", 570), ("3", 150)]


def test_a_variant_without_a_price_in_the_list_needs_one_given(api: httpx.Client, server: MockServer) -> None:
    edit(server, "price_list_details", 2, None)
    refused(api, server, {"codeSii": 39, "priceListId": 2, "details": [LINE]},
            "Invalid net unit value, zero or negative values are not allowed for this type of document")
    assert sell(api, priceListId=2, details=[{**LINE, "netUnitValue": 1000}])["totalAmount"] == 1190


def test_an_imported_line_without_taxes_or_discount_is_copied_as_exempt(api: httpx.Client, server: MockServer) -> None:
    first = sell(api, details=[{**FREE, "quantity": 2, "discount": 10}])
    detail_id = details_of(api, first)[0]["id"]

    def as_imported() -> None:
        """A detail as a dataset imported from Bsale has it: Bsale serves neither its taxes nor its discount."""
        rows = server.engine.store.companies[1].table("document_details")
        rows.insert({key: value for key, value in rows.delete(detail_id).items() if key not in ("taxes", "discount")})

    server.call(as_imported)
    copied = sell(api, details=[{"detailId": detail_id, "quantity": 3}])
    assert (copied["netAmount"], copied["taxAmount"], copied["exemptAmount"], copied["totalAmount"]) == (
        0, 0, 3000, 3000)


def test_a_sales_note_may_sell_a_product_at_zero_but_not_a_free_line(api: httpx.Client, server: MockServer) -> None:
    note = sell(api, documentTypeId=NOTA_DE_VENTA, details=[{**LINE, "netUnitValue": 0}])
    assert note["totalAmount"] == 0
    refused(api, server, {"documentTypeId": NOTA_DE_VENTA, "details": [{**FREE, "netUnitValue": 0}]},
            "Invalid net unit value, zero or negative values are not allowed for this type of document")


def test_empty_variant_keys_make_a_free_line(api: httpx.Client) -> None:
    document = sell(api, details=[{**FREE, "variantId": "", "code": "", "barCode": None}])
    assert details_of(api, document)[0]["variant"] is None and document["totalAmount"] == 1190


def test_client_address_and_seller_must_exist(api: httpx.Client, server: MockServer) -> None:
    base = {"codeSii": FACTURA, "details": [LINE]}
    refused(api, server, {**base, "clientId": 999}, "invalid client")
    refused(api, server, {**base, "clientId": 4, "addressId": 5}, "invalid address")
    refused(api, server, {**base, "clientId": 4, "addressId": 999}, "invalid address")
    refused(api, server, {**base, "client": CLIENT, "sellerId": 999}, "invalid seller")
    refused(api, server, {**base, "client": "76086428-5"}, "no implicit conversion of String into Integer")


def test_a_client_by_id_gives_its_own_address(api: httpx.Client) -> None:
    client = api.get("/v1/clients/5.json").json()
    document = sell(api, codeSii=FACTURA, clientId=5)
    assert (document["address"], document["municipality"], document["city"]) == (
        client["address"], client["municipality"], client["city"])
    address = api.get("/v1/clients/5/addresses/5.json").json()
    other = sell(api, codeSii=FACTURA, clientId=5, addressId=5)
    assert (other["address"], other["municipality"], other["city"]) == (
        address["address"], address["municipality"], address["city"])


def test_a_boleta_keeps_an_inline_client_without_checking_it(api: httpx.Client) -> None:
    document = sell(api, client={"code": "1-9", "company": "Ana", "address": "Calle 1", "city": "Osorno",
                                 "municipality": "Osorno"})
    assert (document["address"], document["city"], document["municipality"]) == ("Calle 1", "Osorno", "Osorno")
    assert api.get(document["client"]["href"]).json()["code"] == "1-9"


@pytest.mark.parametrize("document_type", [4, NOTA_DE_VENTA])
def test_only_a_tax_document_naming_its_client_checks_a_new_client_rut(api: httpx.Client, document_type: int) -> None:
    document = sell(api, documentTypeId=document_type, client={"code": "12345678-9", "company": "Sin RUT válido"})
    assert api.get(document["client"]["href"]).json()["code"] == "12345678-9"


def test_the_user_is_the_first_active_one_and_the_seller_it_unless_named(api: httpx.Client, server: MockServer) -> None:
    edit(server, "users", 1, {"state": 1})
    document = sell(api)
    assert document["user"]["id"] == "2"
    assert [seller["id"] for seller in api.get(document["sellers"]["href"]).json()["items"]] == [2]
    named = sell(api, sellerId=3)
    assert named["user"]["id"] == "2"
    assert [seller["id"] for seller in api.get(named["sellers"]["href"]).json()["items"]] == [3]


# --- what a document stores and serves --------------------------------------------------------------


def test_references_and_attributes_are_kept_as_sent(api: httpx.Client) -> None:
    document = sell(
        api, emissionDate=1407715200,
        references=[{"number": 45, "reason": "OC", "codeSii": 801}, {}],
        dynamicAttributes=[{"dynamicAttributeId": 1, "description": "098"}, {"dynamicAttributeId": 2},
                           {"alias": "shipmentTransportModeCode", "values": ["01"]}],
    )
    references = api.get(document["references"]["href"]).json()["items"]
    assert [(r["number"], r["reason"], r["referenceDate"]) for r in references] == [
        ("45", "OC", 1407715200), ("", "", 1407715200)]
    assert api.get(references[0]["dte_code"]["href"]).json()["codeSii"] == "801" and references[1]["dte_code"] is None
    attributes = api.get(document["attributes"]["href"]).json()["items"]
    assert [(a["id"], a["value"]) for a in attributes] == [(1, "098"), (2, "")]


def test_expiration_defaults_to_emission_and_is_a_utc_date(api: httpx.Client) -> None:
    document = sell(api, emissionDate=1407715200, expirationDate=1407715200 + 30 * 86400 + 3600)
    assert (document["expirationDate"], document["rcofDate"]) == (1407715200 + 30 * 86400, 1407715200)


def test_a_document_without_dates_is_of_the_day_it_was_made(api: httpx.Client) -> None:
    document = sell(api)
    today = document["generationDate"] - document["generationDate"] % 86400
    assert (document["emissionDate"], document["expirationDate"], document["rcofDate"]) == (today, today, today)


def test_the_sale_condition_is_the_first_unless_named(api: httpx.Client) -> None:
    plain, credit = sell(api), sell(api, saleConditionId=2)
    assert plain["id"] in ids(api, "saleconditionid=1") and plain["id"] not in ids(api, "saleconditionid=2")
    assert credit["id"] in ids(api, "saleconditionid=2") and credit["id"] not in ids(api, "saleconditionid=1")


def ids(api: httpx.Client, query: str) -> list[int]:
    return [item["id"] for item in api.get(f"/v1/documents.json?{query}&limit=50&state=0").json()["items"]]


def test_a_document_not_declared_is_not_informed(api: httpx.Client) -> None:
    document = sell(api, declareSii=0)
    assert (document["informedSii"], document["responseMsgSii"]) == (1, None)
    declared = sell(api)
    assert (declared["informedSii"], declared["responseMsgSii"]) == (0, "Proceso Finalizado Correctamente!")
    note = sell(api, documentTypeId=NOTA_DE_VENTA)
    assert (note["informedSii"], note["responseMsgSii"]) == (1, None)


def test_amounts_bsale_fills_for_other_documents_are_zero(api: httpx.Client) -> None:
    document = sell(api)
    assert (document["trackingNumber"], document["urlTimbre"], document["state"], document["commercialState"]) == (
        "", None, 0, 0)
    assert {document[key] for key in ("exportTotalAmount", "commissionRate", "percentageTaxWithheld",
                                      "purchaseTotalAmount")} == {0}


def test_the_token_is_twelve_hex_characters_of_its_own(api: httpx.Client) -> None:
    first, second = sell(api), sell(api)
    assert len(first["token"]) == 12 and int(first["token"], 16) >= 0
    assert first["token"] != second["token"]
    assert api.get(f"/v1/documents.json?token={first['token']}").json()["items"][0]["id"] == first["id"]


def test_the_ted_names_the_receiver_the_total_and_the_first_item(api: httpx.Client) -> None:
    boleta = sell(api, emissionDate=1407715200, details=[{**FREE, "comment": "Arriendo & <mantención> " * 3}])
    assert boleta["ted"] == (
        f'<TED version="1.0"><DD><RE>{company_code(api)}</RE><TD>39</TD><F>{boleta["number"]}</F>'
        "<FE>2014-08-11</FE><RR>66666666-6</RR><RSR></RSR><MNT>1190</MNT>"
        "<IT1>Arriendo &amp; &lt;mantención&gt; Arriendo &amp; &lt;mant</IT1></DD></TED>")
    company = "Comercializadora del Sur de Chile Limitada"
    factura = sell(api, codeSii=FACTURA, client={**CLIENT, "company": company}, details=[LINE])
    assert "<TD>33</TD>" in factura["ted"] and "<MNT>9990</MNT>" in factura["ted"]
    assert f"<RR>{CLIENT['code']}</RR><RSR>{company[:40]}</RSR>" in factura["ted"]
    assert "<IT1>Polera Algodón Orgánico XS</IT1>" in factura["ted"]


def test_the_ted_names_a_variant_without_its_product_by_its_description(api: httpx.Client, server: MockServer) -> None:
    """A dataset imported from Bsale may carry variants of products it did not import."""
    edit(server, "products", 1, None)
    assert "<IT1>XS</IT1>" in sell(api, details=[{**LINE, "netUnitValue": 1000}])["ted"]


def test_the_ted_of_a_company_imported_without_rut_has_no_issuer(api: httpx.Client, server: MockServer) -> None:
    instance = server.engine.store.companies[1].instance
    code = server.call(instance.pop, "code")
    try:
        assert sell(api)["ted"].startswith('<TED version="1.0"><DD><RE></RE><TD>39</TD>')
    finally:
        server.call(instance.__setitem__, "code", code)


def test_the_ted_of_a_credit_note_without_lines_names_no_item(api: httpx.Client) -> None:
    sale = sell(api, codeSii=FACTURA, client=CLIENT)
    returned = api.post("/v1/returns.json", json={"documentTypeId": 8, "referenceDocumentId": sale["id"],
                                                  "motive": "sin líneas", "details": []})
    assert returned.status_code == 201, returned.text
    note = api.get(returned.json()["credit_note"]["href"]).json()
    assert "<TD>61</TD>" in note["ted"] and "<MNT>0</MNT><IT1></IT1>" in note["ted"]


def test_tokens_differ_between_companies(api: httpx.Client, api_b: httpx.Client) -> None:
    mine, theirs = sell(api), sell(api_b)
    assert mine["id"] == theirs["id"] and mine["token"] != theirs["token"]


def company_code(api: httpx.Client) -> str:
    """The company's RUT."""
    return api.get(f"/v1/instances/basic/{TOKEN_A}.json").json()["code"]


def test_the_ted_of_a_client_without_company_name_has_an_empty_rsr(api: httpx.Client) -> None:
    document = sell(api, client={"code": "1-9", "address": "Calle 1"})
    assert "<RR>1-9</RR><RSR></RSR>" in document["ted"]


def test_lines_are_numbered_in_order(api: httpx.Client) -> None:
    document = sell(api, details=[LINE, FREE, {**FREE, "comment": "Otro"}])
    assert [(line["lineNumber"], line["note"]) for line in details_of(api, document)] == [
        (0, ""), (1, "Servicio"), (2, "Otro")]


# --- payments and deletion ----------------------------------------------------------------------------


def payment_count(api: httpx.Client, document: dict[str, Any]) -> int:
    return api.get(f"/v1/payments/count.json?documentid={document['id']}").json()["count"]


def test_which_documents_get_the_default_payment(api: httpx.Client) -> None:
    guide = sell(api, codeSii=52, client=CLIENT)
    debit = sell(api, codeSii=56, client=CLIENT)
    free = sell(api, details=[{**FREE, "discount": 100}])
    assert free["totalAmount"] == 0
    assert [payment_count(api, document) for document in (guide, debit, free)] == [0, 1, 0]


def test_the_default_payment_is_the_document_s_whole_total(api: httpx.Client, server: MockServer) -> None:
    edit(server, "users", 1, {"state": 1})
    document = sell(api, codeSii=41, officeId=2, emissionDate=1407715200, details=[{**FREE, "netUnitValue": 1}])
    payments = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"]
    assert [(p["amount"], p["recordDate"], p["office"]["id"], p["user"]["id"], p["payment_type"]["id"])
            for p in payments] == [(1, 1407715200, "2", "2", "1")]


def test_deleting_twice_or_at_another_office(api: httpx.Client, server: MockServer, published: list) -> None:
    at_one, at_two = stock_quantity(api, 1, 1), stock_quantity(api, 1, 2)
    note = sell(api, documentTypeId=NOTA_DE_VENTA, dispatch=1, details=[{"variantId": 1, "quantity": 4}])
    refused_delete = api.delete(f"/v1/documents/{note['id']}.json?officeId=99")
    assert (refused_delete.status_code, refused_delete.json()) == (400, {"error": "invalid office"})
    not_an_id = api.delete(f"/v1/documents/{note['id']}.json?officeId=1.5")
    assert (not_an_id.status_code, not_an_id.json()) == (400, TYPE_MISMATCH)
    assert api.delete(f"/v1/documents/{note['id']}.json?officeId=2").json()["state"] == 1
    assert (stock_quantity(api, 1, 1), stock_quantity(api, 1, 2)) == (at_one - 4, at_two + 4)
    published.clear()
    again = api.delete(f"/v1/documents/{note['id']}.json")
    assert (again.status_code, again.json()["state"]) == (200, 1)
    assert (stock_quantity(api, 1, 1), stock_quantity(api, 1, 2)) == (at_one - 4, at_two + 4)
    assert published == []


def test_deleting_without_office_gives_stock_back_where_it_was_taken(api: httpx.Client) -> None:
    before = stock_quantity(api, 1, 2)
    note = sell(api, documentTypeId=NOTA_DE_VENTA, officeId=2, dispatch=1,
                details=[{"variantId": 1, "quantity": 1}, {"variantId": 1, "quantity": 2}])
    assert stock_quantity(api, 1, 2) == before - 3
    shipping = f"/v1/shippings.json?documentid={note['id']}"
    assert [item["state"] for item in api.get(shipping).json()["items"]] == [0]
    assert api.delete(f"/v1/documents/{note['id']}.json").json()["state"] == 1
    assert stock_quantity(api, 1, 2) == before
    assert [item["state"] for item in api.get(shipping).json()["items"]] == [1]


def test_a_note_not_dispatched_is_deleted_without_stock(api: httpx.Client, published: list) -> None:
    note = sell(api, documentTypeId=NOTA_DE_VENTA, details=[{"variantId": 1, "quantity": 4}])
    published.clear()
    assert api.delete(f"/v1/documents/{note['id']}.json").json()["state"] == 1
    assert [event for event in published if event[0] == "stock"] == []


def test_a_note_a_return_used_is_not_deleted(api: httpx.Client, server: MockServer) -> None:
    note = sell(api, documentTypeId=NOTA_DE_VENTA, client=CLIENT, dispatch=1, details=[{"variantId": 1, "quantity": 2}])
    give_back(api, note, 1)
    before = snapshot(server)
    response = api.delete(f"/v1/documents/{note['id']}.json?officeId=1")
    assert (response.status_code, response.json()) == (
        400, {"error": "This document may not be removed because it was used"})
    assert snapshot(server) == before


@pytest.fixture
def peru(peru_server: MockServer) -> Iterator[httpx.Client]:
    with company_client(peru_server, TOKEN_PE) as client:
        yield client


def test_a_peruvian_document_is_named_by_code_and_counted_in_cents(peru: httpx.Client) -> None:
    response = peru.post("/v1/documents.json", json={
        "code": "03", "emissionDate": 1407715200,
        "details": [{"comment": "Servicio", "quantity": 3, "netUnitValue": 10.1, "taxId": [1]}],
        "references": [{"number": "77", "reason": "Orden de Compra", "code": "01"}]})
    assert response.status_code == 201, response.text
    document = response.json()
    assert peru.get(document["document_type"]["href"]).json()["code"] == "03"
    assert document["responseMsg"] == f"El Comprobante  numero B001-{document['number']}, ha sido aceptado"
    # 3 x 10.10 = 30.30 soles; IGV 18 % = 5.454, 5.45 to the cent.
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (30.3, 5.45, 35.75)
    line = details_of(peru, document)[0]
    assert (line["netAmount"], line["taxAmount"], line["totalAmount"]) == (30.3, 5.45, 35.75)
    reference = peru.get(document["references"]["href"]).json()["items"][0]
    assert reference["number"] == "77" and reference["dte_code"] is not None


def test_transport_attributes_are_kept_apart_by_alias(peru: httpx.Client, peru_server: MockServer) -> None:
    def stored(document_id: int) -> Any:
        rows = peru_server.engine.store.by_token("token-peru").table("documents").rows
        return peru_server.call(lambda: rows[document_id].get("shipmentAttributes"))

    body = {"code": "03", "details": [{"comment": "Servicio", "quantity": 1, "netUnitValue": 10, "taxId": [1]}]}
    plain = peru.post("/v1/documents.json", json=body).json()
    attributes = [{"alias": "shipmentTransportModeCode", "values": ["01"]}, {"alias": "shipmentGrossWeightMeasure",
                                                                            "values": [3, 2.5]}]
    guided = peru.post("/v1/documents.json", json={**body, "dynamicAttributes": attributes}).json()
    assert stored(plain["id"]) is None
    assert stored(guided["id"]) == '{"shipmentTransportModeCode":["01"],"shipmentGrossWeightMeasure":["3","2.5"]}'
    assert peru.get(guided["attributes"]["href"]).json()["count"] == 0
    for values in ("01", [{"code": "01"}], [["01"]]):
        broken = peru.post("/v1/documents.json", json={**body, "dynamicAttributes": [{"alias": "x", "values": values}]})
        assert (broken.status_code, broken.json()) == (400, TYPE_MISMATCH)
    no_alias = peru.post("/v1/documents.json", json={**body, "dynamicAttributes": [{"alias": "", "values": ["1"]}]})
    assert (no_alias.status_code, no_alias.json()) == (400, {"error": "alias can't be blank"})


def test_a_mexican_global_invoice_naming_no_client_is_the_general_public_s(mx: httpx.Client) -> None:
    body = {"documentTypeId": 6, "officeId": 1, "cfdiUse": "S01", "cfdiPaymentTypeCode": "01",
            "globalCfdiPeriodicity": 1, "details": [{"netUnitValue": 100, "quantity": 1, "taxId": "[1]"}]}
    response = mx.post("/v1/documents.json", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["client"]["id"] == "1"
    assert (response.json()["netAmount"], response.json()["taxAmount"]) == (100, 16)
    named = mx.post("/v1/documents.json", json={**body, "client": MEXICAN_CLIENT})
    assert named.status_code == 201, named.text
    assert mx.get(named.json()["client"]["href"]).json()["code"] == MEXICAN_CLIENT["code"]
