"""CFDI rules a Mexican client sees: a global invoice's periodicity, month and year (sent, or the
emission's), the bounds and types of each CFDI field, who the receiver is and what it must carry,
the payment method of a small or free paid sale, and the stamp's date."""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from tests.test_mexico import CLIENT, FACTURA_GLOBAL, TICKET, invoice, post
from tests.test_rules_global_invoices import BASE, TYPE_MISMATCH


def global_body(**fields: Any) -> dict[str, Any]:
    return {"documentTypeId": FACTURA_GLOBAL, "officeId": 1, "cfdiUse": "S01", "globalCfdiPeriodicity": 2,
            "details": [{"netUnitValue": 50, "quantity": 1, "comment": "Global", "taxId": "[1]"}], **fields}


@pytest.mark.bsale(country="MX")
def test_a_global_invoice_s_periodicity_month_and_year(bsale: Any) -> None:
    mx = bsale.client
    refused = [
        ({"globalCfdiMonth": 13}, {"error": "invalid globalCfdiMonth"}),
        ({"globalCfdiYear": 2101}, {"error": "invalid globalCfdiYear"}),
        ({"globalCfdiPeriodicity": 5}, {"error": "invalid globalCfdiPeriodicity"}),
        ({"globalCfdiPeriodicity": "1.5"}, TYPE_MISMATCH),
        ({"globalCfdiMonth": "1.5"}, TYPE_MISMATCH),
        ({"globalCfdiYear": "2001.5"}, TYPE_MISMATCH),
        ({"cfdiOrigin": "1.5"}, TYPE_MISMATCH),
    ]
    for fields, error in refused:
        assert post(mx, "/v1/documents.json", global_body(**fields), 400) == error, fields
    first = post(mx, "/v1/documents.json", global_body(globalCfdiMonth=1, globalCfdiYear=2000, cfdiOrigin="1"))
    last = post(mx, "/v1/documents.json", global_body(globalCfdiMonth="12", globalCfdiYear="2100"))
    march = calendar.timegm((2025, 3, 15, 0, 0, 0))
    past = post(mx, "/v1/documents.json", global_body(emissionDate=march))
    expected = {first["id"]: ("01", "2000"), last["id"]: ("12", "2100"), past["id"]: ("03", "2025")}
    for document in (first, last, past):
        months, year = expected[document["id"]]
        xml = mx.get(document["urlXml"]).text
        assert f'<cfdi:InformacionGlobal Periodicidad="02" Meses="{months}" Año="{year}"/>' in xml, xml
        assert 'UsoCFDI="S01"' in xml and 'Rfc="XAXX010101000"' in xml
    listed = mx.get(f"{BASE}/global.json", params={"init_date": 0}).json()["items"]
    served = {row["documentId"]: (row["period"], row["periodicityMonth"], row["periodicityYear"]) for row in listed}
    assert served[first["id"]] == (2, "1", "2000") and served[last["id"]] == (2, "12", "2100")
    assert bsale.state.row("documents", first["id"])["cfdiOrigin"] == 1


@pytest.mark.bsale(country="MX")
def test_the_receiver_and_the_payment_method_of_a_cfdi(bsale: Any) -> None:
    mx = bsale.client
    plain = post(mx, "/v1/documents.json", {"documentTypeId": TICKET, "officeId": 1, "globalCfdiPeriodicity": "",
                                            "details": [{"comment": "Agua", "netUnitValue": 10, "quantity": 1}]})
    assert plain["client"] is None
    bare = {key: value for key, value in CLIENT.items() if key not in ("postalCode", "regime")}
    assert invoice(mx, 400, client=bare) == {"error": "client attribute required : postalCode,regime"}
    small = invoice(mx, details=[{"comment": "Chicle", "netUnitValue": 0.5, "quantity": 1, "taxId": "[1]"}])
    assert small["totalAmount"] == 0.58
    xml = mx.get(small["urlXml"]).text
    assert 'MetodoPago="PUE"' in xml and 'Total="0.58"' in xml
    free = invoice(mx, details=[{"comment": "Regalo", "netUnitValue": 10, "quantity": 1, "discount": 100}])
    assert free["totalAmount"] == 0
    assert 'MetodoPago="PUE"' in mx.get(free["urlXml"]).text


@pytest.mark.bsale(country="MX")
def test_a_stamp_is_dated_when_the_document_was_generated(bsale: Any) -> None:
    mx = bsale.client
    seeded = mx.get(f"{BASE}/global.json", params={"init_date": 0}).json()["items"][0]
    generated = datetime.fromtimestamp(seeded["docGenerationDate"], UTC).strftime("%Y-%m-%dT%H:%M:%S")
    assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d", generated)
    assert seeded["vdtExtra"]["stampDate"] == generated
    assert f'FechaTimbrado="{generated}"' in mx.get(seeded["urlXml"]).text
