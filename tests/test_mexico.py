"""Mexico on a real server: the company, CFDI document types and taxes, totals in pesos with cents,
RFC checks, CFDI fields, Mexico's key names (never Chile's or Peru's), webhooks as in Chile, and the
endpoints only Mexico has (or lacks)."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from stdnum.mx import rfc

from mockbsale import MockServer, Settings, strategies
from tests.conftest import (
    TOKEN_MX,
    assert_every_url_resolves,
    company_client,
    reference_endpoints,
    snapshot,
)
from tests.mexico_reference import mx_endpoints, mx_keys
from tests.test_fuzz import fuzz

FACTURA, TICKET, FACTURA_GLOBAL = 2, 3, 6
CLIENT = {
    "code": "CACX7605101P8",
    "company": "XOCHILT CASAS CHAVEZ",
    "activity": "Giro Informática",
    "district": "Juárez",
    "city": "Ciudad de México",
    "address": "Varsovia No. 1000",
    "email": "api@example.com.mx",
    "postalCode": "06600",
    "regime": "612",
}


def post(client: httpx.Client, path: str, body: dict[str, Any], status: int = 201) -> Any:
    response = client.post(path, json=body)
    assert response.status_code == status, response.text
    return response.json()


def invoice(mx: httpx.Client, status: int = 201, **body: Any) -> Any:
    """POST a factura of one line of 6974.13 net with IVA (the documented example's amounts)."""
    payload = {"documentTypeId": FACTURA, "officeId": 1, "client": CLIENT, "cfdiUse": "G03",
               "details": [{"comment": "Servicio", "netUnitValue": 6974.13, "quantity": 1, "taxId": "[1]"}], **body}
    return post(mx, "/v1/documents.json", payload, status)


def ticket(mx: httpx.Client, quantity: int = 1) -> dict[str, Any]:
    return post(mx, "/v1/documents.json", {"documentTypeId": TICKET, "officeId": 1, "dispatch": 1,
                                          "details": [{"variantId": 1, "quantity": quantity, "taxId": "[1]"}]})


def test_the_company_is_mexican(mx: httpx.Client) -> None:
    info = mx.get(f"/v1/instances/basic/{TOKEN_MX}.json").json()
    assert info["country"] == "MX"
    assert rfc.is_valid(info["code"], validate_check_digits=True) and len(info["code"]) == 12
    offices = mx.get("/v1/offices.json").json()["items"]
    assert list(offices[0]) == mx_keys("GET /v1/offices.json")
    assert offices[0]["country"] == "México"


def test_cfdi_document_types_and_taxes(mx: httpx.Client) -> None:
    types = mx.get("/v1/document_types.json?limit=50").json()["items"]
    assert list(types[0]) == mx_keys("GET /v1/document_types.json")
    codes = {row["code"] for row in types}
    assert {"I", "E", "P", "T"} <= codes and all("codeSii" not in row for row in types)
    assert [row["id"] for row in types if row["code"] == "I"] == [FACTURA, FACTURA_GLOBAL]
    assert mx.get("/v1/document_types.json?code=T").json()["items"][0]["id"] == TICKET
    taxes = mx.get("/v1/taxes.json").json()["items"]
    assert (taxes[0]["name"], taxes[0]["percentage"], taxes[0]["code"]) == ("IVA", "16.0", "002")
    assert {tax["code"] for tax in taxes} == {"002", "003"}


def test_a_factura_has_mexican_keys_and_totals_in_cents(mexico: MockServer, mx: httpx.Client) -> None:
    document = invoice(mx)
    assert list(document) == mx_keys("POST /v1/documents.json")
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (6974.13, 1115.86, 8089.99)
    assert document["district"] == "Juárez" and (document["informed"], document["responseMsg"]) == (0, None)
    assert document["serialNumber"] == f"FE00-{document['number']}"
    one = mx.get(f"/v1/documents/{document['id']}.json").json()
    assert set(one) == set(document)
    assert not {"municipality", "informedSii", "responseMsgSii", "codeSii", "ted", "urlTimbre"} & set(one)
    detail = mx.get(document["details"]["href"]).json()["items"][0]
    assert (detail["netAmount"], detail["taxAmount"], detail["totalAmount"]) == (6974.13, 1115.86, 8089.99)
    payment = mx.get(f"/v1/payments.json?documentid={document['id']}").json()["items"][0]
    assert payment["amount"] == 8089.99
    for key in ("stamp", "urlPdf", "urlPublicView", "urlXml"):
        assert mx.get(document[key]).status_code == 200, key
    assert "<th>Total</th><td>8089.99</td>" in mx.get(document["urlPublicView"]).text
    assert_every_url_resolves(mx, mexico, document["href"], at_least=10)


def test_taxes_round_per_document_to_the_cent(mx: httpx.Client) -> None:
    lines = [{"comment": "A", "netUnitValue": 86.21, "quantity": 10, "taxId": "[1]"},
             {"comment": "B", "netUnitValue": 19.99, "quantity": 3, "taxId": "[3]"},
             {"comment": "C", "netUnitValue": 10.005, "quantity": 1}]
    document = invoice(mx, details=lines)
    assert document["netAmount"] == 922.07
    assert document["exemptAmount"] == 10.01
    assert document["taxAmount"] == round(862.1 * 0.16, 2) + round(59.97 * 0.08, 2) == 142.74
    assert document["totalAmount"] == 1074.82
    taxes = mx.get(document["document_taxes"]["href"]).json()["items"]
    assert sorted(tax["totalAmount"] for tax in taxes) == [4.8, 137.94]


def test_rfc_is_checked_with_bsales_message(mx: httpx.Client) -> None:
    before = mx.get("/v1/clients/count.json").json()["count"]
    wrong = invoice(mx, 400, client={**CLIENT, "code": "CACX7605101P9"})
    assert wrong == {"error": 'This document type has the following client attributes required: "Rfc del Cliente"'}
    assert invoice(mx, 400, client={**CLIENT, "code": "12345678-5"}) == wrong
    assert mx.get("/v1/clients/count.json").json()["count"] == before
    public = invoice(mx, client={**CLIENT, "code": "XAXX010101000", "regime": "616"})
    assert mx.get(public["client"]["href"]).json()["code"] == "XAXX010101000"


def test_cfdi_fields_are_checked(mx: httpx.Client) -> None:
    assert invoice(mx, 400, cfdiUse="Z99") == {"error": "invalid cfdiUse"}
    assert invoice(mx, 400, cfdiPaymentTypeCode="77") == {"error": "invalid cfdiPaymentTypeCode"}
    assert invoice(mx, 400, client={**CLIENT, "regime": "999"}) == {"error": "invalid regime"}
    assert invoice(mx, 400, client={**CLIENT, "postalCode": "6600"}) == {"error": "invalid postalCode"}
    assert invoice(mx, cfdiUse="cp01", cfdiPaymentTypeCode=3)["state"] == 0
    xml = mx.get(invoice(mx, cfdiPaymentTypeCode="03")["urlXml"])
    assert xml.status_code == 200 and 'UsoCFDI="G03"' in xml.text and 'FormaPago="03"' in xml.text
    assert 'MetodoPago="PUE"' in xml.text and 'RegimenFiscalReceptor="612"' in xml.text
    by_card = invoice(mx, payments=[{"paymentTypeId": 2, "amount": 8089.99}])
    assert 'FormaPago="04" ' in mx.get(by_card["urlXml"]).text
    on_credit = mx.get(invoice(mx, payments=[], cfdiPaymentTypeCode="03")["urlXml"]).text
    assert 'FormaPago="99"' in on_credit and 'MetodoPago="PPD"' in on_credit


def documented_keys_of(example: Any) -> set[str]:
    """The keys of a documented example's item (first item of a list)."""
    if isinstance(example, dict) and "items" in example:
        example = example["items"][0]
    return set(example) - {"next"}


@pytest.mark.parametrize(("endpoint", "path"), [
    ("GET /v1/clients.json", "/v1/clients.json"),
    ("GET /v1/clients/{id}.json", "/v1/clients/2.json"),
    ("GET /v1/clients/{clientId}/addresses.json", "/v1/clients/2/addresses.json"),
    ("GET /v1/clients/{clientId}/addresses/{id}.json", "/v1/clients/2/addresses/1.json"),
    ("GET /v1/document_types.json", "/v1/document_types.json"),
    ("GET /v1/document_types/{id}.json", "/v1/document_types/2.json"),
    ("GET /v1/documents/{id}.json", "/v1/documents/3.json"),
    ("GET /v1/offices.json", "/v1/offices.json"),
])
def test_keys_differ_from_chiles_as_mexicos_pages_show(mx: httpx.Client, endpoint: str, path: str) -> None:
    """Where Mexico's example and Chile's name a key otherwise (measured from the reference), a
    Mexican company gets Mexico's key and never Chile's."""
    mexican, chilean = documented_keys_of(mx_endpoints()[endpoint]["response"]), documented_keys_of(
        reference_endpoints()[endpoint]["response"])
    served = documented_keys_of(mx.get(path).json())
    optional = {"payment_type", "price_list", "note"}
    assert (chilean - mexican - optional) & served == set()
    assert (mexican - chilean - optional) <= served


def test_clients_carry_district_postal_code_and_regime(mx: httpx.Client) -> None:
    body = {"firstName": "Armando", "lastName": "Paredes", "code": "PARA850101AB5", "district": "Roma Norte",
            "city": "Ciudad de México", "address": "Orizaba 101", "postalCode": "06700", "regime": "612"}
    created = post(mx, "/v1/clients.json", body)
    assert created["district"] == "Roma Norte" and "municipality" not in created
    one = mx.get(created["href"]).json()
    documented = mx_keys("GET /v1/clients/{id}.json")
    keys = [key for key in one if key != "regime"]
    assert keys[: documented.index("companyOrPerson") + 1] == documented[: documented.index("companyOrPerson") + 1]
    assert set(documented) - {"payment_type", "price_list"} <= set(keys)
    assert (one["postal_code"], one["regime"]) == ("06700", "612")
    assert mx.put(created["href"], json={"regime": "999"}).json() == {"error": "invalid regime"}
    changed = mx.put(created["href"], json={"regime": "626", "postalCode": "06100"}).json()
    assert (changed["regime"], changed["postal_code"]) == ("626", "06100") and changed["updatedAt"] >= one["createdAt"]
    assert post(mx, "/v1/clients.json", {**body, "postalCode": "ABCDE"}, 400) == {"error": "invalid postalCode"}
    assert mx.get("/v1/clients/1.json").json()["code"] == "XAXX010101000"
    seeded = mx.get("/v1/clients.json?limit=50").json()["items"]
    assert all(len(row["postal_code"]) == 5 for row in seeded[1:])
    assert all(rfc.is_valid(row["code"], validate_check_digits=True) for row in seeded[1:])


def test_a_global_invoice_covers_the_days_tickets(mx: httpx.Client) -> None:
    first, second = ticket(mx), ticket(mx, 2)
    listed = mx.get("/v2/documents/ticket_invoice.json").json()
    ids = [row["documentId"] for row in listed["items"]]
    assert first["id"] in ids and second["id"] in ids
    row = next(row for row in listed["items"] if row["documentId"] == first["id"])
    assert list(row) == mx_keys("GET /v2/documents/ticket_invoice.json")
    assert row["vdtExtra"]["fullSerialNumber"] == f"0000-{first['number']}" and row["vdtExtra"]["uuid"] == ""
    assert listed["totalAmountDocuments"] == round(sum(row["totalAmount"] for row in listed["items"]), 2)
    net = round(first["netAmount"] + second["netAmount"], 2)
    body = {"documentTypeId": FACTURA_GLOBAL, "officeId": 1, "cfdiUse": "S01",
            "cfdiPaymentTypeCode": "01", "globalCfdiPeriodicity": 1,
            "details": [{"netUnitValue": net, "quantity": 1, "comment": "Factura global", "taxId": "[1]"}]}
    global_invoice = post(mx, "/v1/documents.json", body)
    assert global_invoice["client"]["id"] == "1"
    assert global_invoice["serialNumber"] == f"FG00-{global_invoice['number']}"
    month = time.strftime("%m", time.gmtime(global_invoice["emissionDate"]))
    assert f'<cfdi:InformacionGlobal Periodicidad="01" Meses="{month}"' in mx.get(global_invoice["urlXml"]).text
    tickets = [{"idDocTicket": first["id"], "numTicket": first["number"]},
               {"idDocTicket": second["id"], "numTicket": second["number"]}, {"idDocTicket": 99999}]
    answer = post(mx, "/v2/documents/ticket_invoice/global.json",
                  {"idDocInvoice": global_invoice["id"], "tickets": tickets, "period": 1})
    assert answer == {"code": 201, "data": {"message": "Tickets guardados correctamente",
                                            "idDocTicketsSuccess": [first["id"], second["id"]],
                                            "idDocTicketsFailed": [99999]}}
    invoices = mx.get("/v2/documents/ticket_invoice/global.json").json()
    assert [row["documentId"] for row in invoices["items"]] == [global_invoice["id"]]
    assert list(invoices["items"][0]) == mx_keys("GET /v2/documents/ticket_invoice/global.json")
    stamp = invoices["items"][0]["vdtExtra"]
    assert stamp["serialNumber"] == "FG00" and len(stamp["uuid"]) == 36
    assert mx.get(f"/v2/documents/ticket_invoice/global.json?uuid={stamp['uuid']}").json()["count"] == 1
    covered = mx.get(f"/v2/documents/ticket_invoice/global/{global_invoice['id']}/tickets.json").json()
    assert [row["documentId"] for row in covered["items"]] == [first["id"], second["id"]]
    assert covered["items"][0]["period"] == 1
    documented = mx_endpoints()["GET /v2/documents/ticket_invoice/global/{globalInvoiceId}/tickets.json"]["response"]
    assert list(covered["items"][0]) == list(documented["items"][0])
    assert list(covered["items"][0]["vdtExtra"]) == list(documented["items"][0]["vdtExtra"])
    assert list(stamp) == list(mx_endpoints()["GET /v2/documents/ticket_invoice/global.json"]["response"]["items"][0][
        "vdtExtra"])
    for unreadable in ("init_date=abc", "office_id=x", "payment_type_id=[1]"):
        assert mx.get(f"/v2/documents/ticket_invoice/global.json?{unreadable}").json()["count"] == 0
    assert mx.get("/v2/documents/ticket_invoice/global.json?sat_number=1").json()["count"] == 0
    still = [row["documentId"] for row in mx.get("/v2/documents/ticket_invoice.json").json()["items"]]
    assert first["id"] not in still and second["id"] not in still
    again = post(mx, "/v2/documents/ticket_invoice/global.json",
                 {"idDocInvoice": global_invoice["id"], "tickets": tickets[:1]})
    assert again["data"]["idDocTicketsFailed"] == [first["id"]]
    assert mx.get("/v2/documents/ticket_invoice/global/99999/tickets.json").status_code == 404
    cancelled = mx.request("DELETE", f"/v1/documents/void/{global_invoice['id']}.json", json={"reason": "02"})
    assert cancelled.status_code == 201, cancelled.text
    freed = [row["documentId"] for row in mx.get("/v2/documents/ticket_invoice.json").json()["items"]]
    assert first["id"] in freed and second["id"] in freed


def test_ticket_filters(mx: httpx.Client) -> None:
    first, second = ticket(mx), ticket(mx, 2)

    def listed(**query: Any) -> list[int]:
        return [row["documentId"] for row in mx.get("/v2/documents/ticket_invoice.json", params=query).json()["items"]]

    assert listed(num_ticket=second["number"]) == [second["id"]]
    assert listed(document_token=first["token"]) == [first["id"]]
    assert listed(tickets=f"[{second['id']}]", office_id=99) == [second["id"]]
    assert {first["id"], second["id"]} <= set(listed(office_id=1, serial_number="0000", payment_type_id=1))
    assert listed(office_id=2, num_ticket=first["number"]) == []
    assert listed(payment_type_id=2, num_ticket=first["number"]) == []
    assert listed(init_date=first["emissionDate"] - 30 * 86400, end_date=first["emissionDate"] - 86400) == []
    assert listed(serial_number="FE00") == [] and first["id"] not in listed(trib_code="I")
    assert listed(num_ticket="abc") == []


def test_a_ticket_is_validated_by_number_total_and_date(mx: httpx.Client) -> None:
    sold = ticket(mx)
    day = time.strftime("%Y-%m-%d", time.gmtime(sold["emissionDate"]))
    path = f"/v2/documents/ticket_invoice/{sold['number']}/validate.json"
    answer = mx.get(path, params={"total": sold["totalAmount"], "date": day})
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert list(data) == mx_keys("GET /v2/documents/ticket_invoice/{numDoc}/validate.json")
    assert (data["documentId"], data["documentTypeName"]) == (sold["id"], "TICKET DE VENTA")
    by_id = mx.get(f"/v2/documents/ticket_invoice/{sold['id']}/validate.json",
                   params={"total": sold["totalAmount"], "date": day, "is_id_doc": 1})
    assert by_id.json()["data"]["documentId"] == sold["id"]
    wrong = mx.get(path, params={"total": sold["totalAmount"] + 1, "date": day})
    assert wrong.status_code == 400
    assert mx.get(path, params={"date": day}).json() == {"error": "total can't be blank"}
    assert mx.get("/v2/documents/ticket_invoice/999999/validate.json",
                  params={"total": 1, "date": day}).status_code == 404


def test_voiding_a_cfdi(mx: httpx.Client) -> None:
    sold = invoice(mx, details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}], dispatch=1)
    stock = mx.get("/v1/stocks.json?variantid=1&officeid=1").json()["items"][0]["quantity"]
    path = f"/v1/documents/void/{sold['id']}.json"
    assert mx.request("DELETE", path, json={"reason": "09"}).json() == {"error": "invalid reason"}
    assert mx.request("DELETE", path, json={"reason": "02", "rfc": "LIQM950304SH5"}).json() == {"error": "invalid rfc"}
    answer = mx.request("DELETE", path, json={"reason": "02", "rfc": CLIENT["code"], "officeId": 1, "toVoid": 1})
    assert (answer.status_code, answer.json()) == (201, {"status": "OK"})
    assert mx.get(f"/v1/documents/{sold['id']}.json").json()["state"] == 1
    assert mx.get("/v1/stocks.json?variantid=1&officeid=1").json()["items"][0]["quantity"] == stock + 2
    assert mx.request("DELETE", path, json={"reason": "02"}).status_code == 400
    assert mx.request("DELETE", f"/v1/documents/void/{ticket(mx)['id']}.json").status_code == 400
    assert mx.request("DELETE", "/v1/documents/void/999999.json").status_code == 404


def test_a_return_makes_a_cfdi_of_expense(mx: httpx.Client) -> None:
    sold = invoice(mx, details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}])
    detail = mx.get(sold["details"]["href"]).json()["items"][0]
    body = {"documentTypeId": 4, "officeId": 1, "referenceDocumentId": sold["id"], "motive": "Devolución",
            "declare": 1, "client": {"code": "XAXX010101000", "city": "Ciudad de México", "district": "JUAREZ",
                                      "company": "PUBLICO EN GENERAL", "address": "VARSOVIA 111"},
            "details": [{"documentDetailId": detail["id"], "quantity": 1, "unitValue": detail["totalUnitValue"]}]}
    answer = post(mx, "/v1/returns.json", body)
    note = mx.get(answer["credit_note"]["href"]).json()
    assert note["serialNumber"] == f"NC00-{note['number']}" and note["totalAmount"] == detail["totalUnitValue"]
    xml = mx.get(note["urlXml"]).text
    assert 'TipoDeComprobante="E"' in xml and 'LugarExpedicion="06600"' in xml and 'Serie="NC00"' in xml
    sold_uuid = re.search(r'UUID="([^"]+)"', mx.get(sold["urlXml"]).text)
    assert sold_uuid and f'<cfdi:CfdiRelacionado UUID="{sold_uuid.group(1)}"/>' in xml


def test_endpoints_follow_the_country(mx: httpx.Client, api: httpx.Client) -> None:
    """Chile's and Peru's own endpoints answer 404 to a Mexican company, Mexico's to a Chilean one."""
    for path in ("/v1/dte_codes.json", "/v1/document_types/caf.json?codesii=33", "/v1/documents/summary.json",
                 "/v1/cpe_codes.json"):
        assert mx.get(path).status_code == 404, path
    for path in ("/v2/documents/ticket_invoice.json", "/v2/documents/ticket_invoice/global.json",
                 "/v2/documents/ticket_invoice/global/1/tickets.json"):
        assert api.get(path).status_code == 404, path
    assert api.request("DELETE", "/v1/documents/void/1.json").status_code == 404
    assert "codeSii" in api.get("/v1/document_types/1.json").json()


@pytest.mark.bsale(country="MX")
def test_a_mexican_sale_notifies_as_in_chile(bsale: Any, bsale_webhook_receiver: Any) -> None:
    assert bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["country"] == "MX"
    bsale.subscribe(bsale_webhook_receiver.url, topics=["document", "stock"])
    sold = ticket(bsale.client)
    document = bsale_webhook_receiver.wait_for(topic="document", resource_id=sold["id"])
    assert document["resource"] == f"/documents/{sold['id']}.json" and document["officeId"] == "1"
    assert bsale.client.get(document["resource"]).json()["id"] == sold["id"]
    stock = bsale_webhook_receiver.wait_for(topic="stock", resource_id=1)
    assert stock["resource"] == "/v2/stocks.json?variant=1&office=1"



@pytest.mark.bsale(country="MX")
@pytest.mark.parametrize("topic", ["document", "payment", "stock", "price", "product", "variant", "courierOrder"])
def test_every_topic_can_be_triggered_in_mexico(bsale: Any, topic: str) -> None:
    payloads = bsale.trigger(topic)
    assert payloads and payloads[0]["topic"] == topic
    assert bsale.client.get(payloads[0]["resource"]).status_code == 200


def test_mexicos_own_operations_answer_as_documented(mexico: MockServer, mx: httpx.Client) -> None:
    """Schemathesis on the Mexico-only operations of `/openapi.json?country=MX`: no 5xx, every
    answer as documented, the writes included."""
    ticket(mx)
    schema = schemathesis.openapi.from_url(f"{mexico.url}/openapi.json").include(path_regex="ticket_invoice|void")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:
        fuzz(operation, TOKEN_MX)
    assert mexico.engine.server_errors == []

MEXICAN_EXAMPLES = settings(max_examples=20, deadline=None,
                            suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@MEXICAN_EXAMPLES
@given(body=strategies.document_bodies(country="MX"))
@pytest.mark.bsale(country="MX")
def test_mexican_document_bodies_are_accepted(bsale: Any, body: dict[str, Any]) -> None:
    bsale.reset()
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 201, (body, answer.text)
    document = answer.json()
    assert "codeSii" not in body and "municipality" not in body.get("client", {})
    assert document["totalAmount"] == round(document["netAmount"] + document["taxAmount"] + document["exemptAmount"], 2)


@MEXICAN_EXAMPLES
@given(body=strategies.invalid_document_bodies(country="MX"))
@pytest.mark.bsale(country="MX")
def test_invalid_mexican_document_bodies_change_nothing(bsale: Any, body: dict[str, Any]) -> None:
    bsale.reset()
    before = bsale.state.count("documents")
    answer = bsale.client.post("/v1/documents.json", json=body)
    assert answer.status_code == 400 and set(answer.json()) == {"error"}, (body, answer.text)
    assert bsale.state.count("documents") == before



def test_bad_input_to_mexicos_endpoints_changes_nothing(mexico: MockServer, mx: httpx.Client) -> None:
    sold = ticket(mx)
    before = snapshot(mexico)
    path = "/v2/documents/ticket_invoice/global.json"
    broken = mx.post(path, content=b"{not json", headers={"Content-Type": "application/json"})
    assert (broken.status_code, broken.json()) == (400, {"error": "Invalid JSON object"})
    assert post(mx, path, {"idDocInvoice": sold["id"], "tickets": []}, 400) == {"error": "invalid idDocInvoice"}
    assert post(mx, path, {"tickets": []}, 400) == {"error": "idDocInvoice can't be blank"}
    assert post(mx, path, {"idDocInvoice": "abc"}, 400) == {"error": "no implicit conversion of String into Integer"}
    void = mx.request("DELETE", f"/v1/documents/void/{sold['id']}.json", content=b"[1]")
    assert void.status_code == 400
    validate = f"/v2/documents/ticket_invoice/{sold['number']}/validate.json"
    assert mx.get(validate, params={"total": "x", "date": "2024-01-01"}).status_code == 400
    assert mx.get(validate, params={"total": 1, "date": "01-01-2024"}).json() == {"error": "invalid date"}
    assert snapshot(mexico) == before


def test_a_mexican_company_round_trips_through_fixtures(mexico: MockServer, mx: httpx.Client, tmp_path: Any) -> None:
    invoice(mx)
    fixtures = tmp_path / "mexico.json"
    fixtures.write_text(json.dumps(snapshot(mexico)))
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as loaded, company_client(loaded, TOKEN_MX) as client:
        assert client.get(f"/v1/instances/basic/{TOKEN_MX}.json").json()["country"] == "MX"
        assert client.get("/v1/document_types/2.json").json()["code"] == "I"
        assert client.get("/v2/documents/ticket_invoice/global.json?init_date=0").json()["count"] == 1
