"""How a document body is read into what is written (`plan_document`): copied lines, free lines,
dynamic and transport attributes, the acting user (expected values worked out by hand)."""

from __future__ import annotations

from typing import Any

import httpx

from mockbsale import MockServer
from tests.conftest import TOKEN_A
from tests.test_documents import details_of, sell, stock_quantity
from tests.test_rules_documents import FREE, refused

NET_VALUE = "Invalid net unit value, zero or negative values are not allowed for this type of document"


def test_a_copied_product_line_keeps_its_variant_and_may_take_one_unit(api: httpx.Client) -> None:
    first = sell(api, details=[{"variantId": 1, "quantity": 2, "netUnitValue": 1000, "taxId": "[1]"}])
    original = details_of(api, first)[0]
    before = stock_quantity(api, 1, 1)
    copy = sell(api, dispatch=1, details=[{"detailId": original["id"], "quantity": 1}])
    line = details_of(api, copy)[0]
    # One unit of the copied line: 1000 net, IVA 190, variant 1 taken from office 1's stock.
    assert (line["quantity"], line["netAmount"], line["taxAmount"], line["variant"]["id"], line["relatedDetailId"]) == (
        1, 1000, 190, 1, original["id"])
    assert copy["totalAmount"] == 1190 and stock_quantity(api, 1, 1) == before - 1


def test_what_a_line_or_an_attribute_must_name(api: httpx.Client, server: MockServer) -> None:
    refused(api, server, {"codeSii": 39, "details": [{"comment": "Sin precio", "quantity": 1, "taxId": "[1]"}]},
            NET_VALUE)
    refused(api, server, {"codeSii": 39, "details": [FREE], "dynamicAttributes": [{"description": "098"}]},
            "dynamicAttributeId can't be blank")
    for name in ("quantity", "netUnitValue"):
        refused(api, server, {"codeSii": 39, "details": [{**FREE, name: 1e12}]},
                f'"{name}" is out of range for ActiveRecord::Type::Decimal')
    # An item of a `taxId` list is one id: "1,2" is no integer.
    refused(api, server, {"codeSii": 39, "details": [{**FREE, "taxId": ["1,2"]}]},
            "no implicit conversion of String into Integer")


def stored(api: httpx.Client, table: str, **match: Any) -> list[dict[str, Any]]:
    """Rows of company A as the mock keeps them (`GET /_mock/snapshot`, the format of `--fixtures`)."""
    companies = api.get("/_mock/snapshot").json()["companies"]
    rows = next(company for company in companies if company["token"] == TOKEN_A)["tables"][table]["rows"]
    return [row for row in rows if all(row.get(key) == value for key, value in match.items())]


def test_what_is_kept_of_transport_attributes_and_of_a_reference_without_code(api: httpx.Client) -> None:
    document = sell(api, details=[FREE], references=[{"number": "45"}], priceListId=2, dynamicAttributes=[
        {"dynamicAttributeId": 1, "description": "098"}, {"alias": "shipmentTransportModeCode"},
        {"alias": "shipmentGrossWeightMeasure", "values": [3]}])
    [row] = stored(api, "documents", id=document["id"])
    assert row["priceListId"] == 2
    assert row["shipmentAttributes"] == '{"shipmentTransportModeCode":[],"shipmentGrossWeightMeasure":["3"]}'
    assert [(a["id"], a["value"]) for a in api.get(document["attributes"]["href"]).json()["items"]] == [(1, "098")]
    assert [(r["number"], r["codeSii"]) for r in stored(api, "document_references", documentId=document["id"])] == [
        ("45", "")]


def deactivate_every_row(server: MockServer, table: str) -> None:
    def deactivate() -> None:
        rows = server.engine.store.companies[1].table(table)
        for row_id in [row["id"] for row in rows]:
            rows.update(row_id, {"state": 1})

    server.call(deactivate)


def test_without_an_active_user_the_token_acts_as_user_one(api: httpx.Client, server: MockServer) -> None:
    deactivate_every_row(server, "users")
    document = sell(api)
    assert document["user"]["id"] == "1"
    assert [seller["id"] for seller in api.get(document["sellers"]["href"]).json()["items"]] == [1]


def test_without_an_active_office_a_document_must_name_one(api: httpx.Client, server: MockServer) -> None:
    deactivate_every_row(server, "offices")
    refused(api, server, {"codeSii": 39, "details": [FREE]}, "invalid office")


def test_payments_without_a_date_are_of_the_emission_day(api: httpx.Client) -> None:
    document = sell(api, emissionDate=1407715200 + 3600, payments=[{"paymentTypeId": 2, "amount": 1190}])
    payments = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"]
    assert [(p["amount"], p["recordDate"], p["payment_type"]["id"]) for p in payments] == [(1190, 1407715200, "2")]


def test_a_global_invoice_without_its_period_is_of_its_emission_month(mx: httpx.Client) -> None:
    body = {"documentTypeId": 6, "officeId": 1, "cfdiUse": "S01", "cfdiPaymentTypeCode": "01",
            "emissionDate": 1407715200, "globalCfdiPeriodicity": 4,
            "details": [{"netUnitValue": 100, "quantity": 1, "taxId": "[1]"}]}
    response = mx.post("/v1/documents.json", json=body)
    assert response.status_code == 201, response.text
    xml = mx.get(response.json()["urlXml"]).text
    # Emitted on 2014-08-11: a monthly (04) global invoice of August 2014.
    assert '<cfdi:InformacionGlobal Periodicidad="04" Meses="08" Año="2014"/>' in xml
