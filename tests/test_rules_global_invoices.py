"""Global invoice rules a Mexican client sees: the period each ticket is covered for, which tickets
and values are refused, how a ticket is validated (to the cent, by id or number), the filters of the
tickets and global invoices listed, and what cancelling a CFDI checks and keeps."""

from __future__ import annotations

import re
import time
from typing import Any

import httpx
import pytest

from tests.test_mexico import CLIENT, FACTURA, FACTURA_GLOBAL, TICKET, invoice, post, ticket

BASE = "/v2/documents/ticket_invoice"
TYPE_MISMATCH = {"error": "no implicit conversion of String into Integer"}
CSD_NUMBER = "00001000000509963201"
"""The issuer's certificate number of Mexico's documented example."""
UUID4 = re.compile(r"[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}")
"""A folio fiscal as the SAT hands it out: an upper-case random (version 4) UUID."""


def global_invoice(mx: httpx.Client, **body: Any) -> dict[str, Any]:
    return post(mx, "/v1/documents.json", {
        "documentTypeId": FACTURA_GLOBAL, "officeId": 1, "cfdiUse": "S01", "cfdiPaymentTypeCode": "01",
        "globalCfdiPeriodicity": 1, "details": [{"netUnitValue": 100, "quantity": 1, "comment": "Global",
                                                 "taxId": "[1]"}], **body})


def uuid_of(mx: httpx.Client, document: dict[str, Any]) -> str:
    found = re.search(r'<tfd:TimbreFiscalDigital [^>]*UUID="([^"]+)"', mx.get(document["urlXml"]).text)
    assert found, document["urlXml"]
    return found.group(1)


def iso_day(seconds: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(seconds))


def void(mx: httpx.Client, document: dict[str, Any], **body: Any) -> httpx.Response:
    return mx.request("DELETE", f"/v1/documents/void/{document['id']}.json", json=body)


@pytest.mark.bsale(country="MX")
def test_tickets_join_a_global_invoice_for_the_period_sent(bsale: Any) -> None:
    mx = bsale.client
    first, second, third = ticket(mx), ticket(mx), ticket(mx)
    target = global_invoice(mx)
    path = f"{BASE}/global.json"
    refused = [
        ({"period": 5, "tickets": [{"idDocTicket": first["id"]}]}, {"error": "invalid period"}),
        ({"period": "2.5", "tickets": [{"idDocTicket": first["id"]}]}, TYPE_MISMATCH),
        ({"tickets": [{"numTicket": first["number"]}]}, {"error": "idDocTicket can't be blank"}),
        ({"tickets": [{"idDocTicket": first["id"], "numTicket": "1.5"}]}, TYPE_MISMATCH),
    ]
    for body, error in refused:
        assert post(mx, path, {"idDocInvoice": target["id"], **body}, 400) == error, body
    wrong_number = {"idDocTicket": first["id"], "numTicket": first["number"] + 1000}
    answer = post(mx, path, {"idDocInvoice": target["id"], "period": 2,
                             "tickets": [wrong_number, {"idDocTicket": second["id"], "numTicket": second["number"]}]})
    data = answer["data"]
    assert (data["idDocTicketsSuccess"], data["idDocTicketsFailed"]) == ([second["id"]], [first["id"]])
    post(mx, path, {"idDocInvoice": target["id"], "period": 3, "tickets": [{"idDocTicket": third["id"]}]})
    covered = mx.get(f"{BASE}/global/{target['id']}/tickets.json").json()["items"]
    assert [(row["documentId"], row["period"]) for row in covered] == [(second["id"], 2), (third["id"], 3)]
    assert '"period":2,' in mx.get(f"{BASE}/global/{target['id']}/tickets.json").text

    validate = f"{BASE}/{second['number']}/validate.json"
    on_its_day = {"total": second["totalAmount"], "date": iso_day(second["emissionDate"])}
    assert mx.get(validate, params=on_its_day).json() == {"error": "the ticket is already invoiced"}

    listed_invoices = mx.get(path, params={"init_date": 0}).json()["items"]
    stamp = next(row["vdtExtra"] for row in listed_invoices if row["documentId"] == target["id"])
    assert UUID4.fullmatch(stamp["uuid"]), stamp["uuid"]
    assert stamp["csdCerNumber"] == CSD_NUMBER

    def listed(**query: Any) -> list[int]:
        return [row["documentId"] for row in mx.get(path, params=query).json()["items"]]

    assert target["id"] in listed(payment_type_id=1, serial_number="FG00", csd_number=CSD_NUMBER)
    assert listed(csd_number="00001000000000000001") == []
    other = uuid_of(mx, invoice(mx))
    assert listed(uuid=other) == [] and listed(uuid=stamp["uuid"].lower()) == [target["id"]]

    cancelled = void(mx, target, reason="04", uuid=stamp["uuid"].lower())
    assert (cancelled.status_code, cancelled.json()) == (201, {"status": "OK"})
    assert bsale.state.row("documents", target["id"])["voidReason"] == "04"
    for freed in (second, third):
        row = bsale.state.row("documents", freed["id"])
        assert (row["globalInvoiceId"], row["globalPeriod"]) == (None, None)


@pytest.mark.bsale(country="MX")
def test_a_ticket_is_validated_to_the_cent_by_number_or_id(bsale: Any) -> None:
    mx = bsale.client
    cheap = post(mx, "/v1/documents.json", {"documentTypeId": TICKET, "officeId": 1,
                                            "details": [{"comment": "Chicle", "netUnitValue": 0.02, "quantity": 1}]})
    assert cheap["totalAmount"] == 0.02
    day = iso_day(cheap["emissionDate"])
    by_number = f"{BASE}/{cheap['number']}/validate.json"
    assert mx.get(by_number, params={"total": 0.02, "date": day}).status_code == 200
    mismatch = {"error": "the ticket total or date does not match"}
    assert mx.get(by_number, params={"total": 0.01, "date": day}).json() == mismatch
    by_id = f"{BASE}/{cheap['id']}/validate.json"
    assert mx.get(by_id, params={"total": 0.02, "date": day, "is_id_doc": "1.5"}).json() == TYPE_MISMATCH
    sold = invoice(mx)
    factura = {"total": sold["totalAmount"], "date": iso_day(sold["emissionDate"]), "is_id_doc": 1}
    assert sold["document_type"]["id"] == str(FACTURA)
    assert mx.get(f"{BASE}/{sold['id']}/validate.json", params=factura).status_code == 404


@pytest.mark.bsale(country="MX")
def test_tickets_are_listed_by_emission_day_bounds_included(bsale: Any) -> None:
    mx = bsale.client
    today = ticket(mx)["emissionDate"]
    sold = post(mx, "/v1/documents.json", {"documentTypeId": TICKET, "officeId": 1, "emissionDate": today - 86400,
                                           "details": [{"comment": "Ayer", "netUnitValue": 10, "quantity": 1}]})

    def listed(**query: Any) -> list[int]:
        return [row["documentId"] for row in mx.get(f"{BASE}.json", params=query).json()["items"]]

    day = sold["emissionDate"]
    assert day == today - 86400
    assert listed(init_date=day, end_date=day) == [sold["id"]]
    assert listed(init_date=day, end_date=f"{day}.5") == []
    assert listed(init_date=f"{day}.5", end_date=day) == []


@pytest.mark.bsale(country="MX")
def test_cancelling_a_cfdi_checks_what_is_sent_and_keeps_the_reason(bsale: Any) -> None:
    mx = bsale.client
    undeclared = invoice(mx, declare=0)
    assert void(mx, undeclared).json() == {"error": "the document has no CFDI to cancel"}
    sold = invoice(mx)
    uuid = uuid_of(mx, sold)
    assert UUID4.fullmatch(uuid), uuid
    assert void(mx, sold, uuid=uuid_of(mx, undeclared)).json() == {"error": "invalid uuid"}
    assert void(mx, sold, officeId=999).json() == {"error": "invalid office"}
    company_rfc = mx.get(f"/v1/instances/basic/{bsale.token}.json").json()["code"]
    assert company_rfc != CLIENT["code"]
    cancelled = void(mx, sold, uuid=uuid.lower(), rfc=company_rfc.lower(), officeId=1)
    assert (cancelled.status_code, cancelled.json()) == (201, {"status": "OK"})
    assert bsale.state.row("documents", sold["id"])["voidReason"] == "02"
    assert void(mx, sold).json() == {"error": "the document is already cancelled"}
