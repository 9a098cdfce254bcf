"""Documents: every documented body form, folios, stock, salesId, filters, sub-resources, files."""

from __future__ import annotations

import html
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from xml.etree import ElementTree

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbsale import MockServer
from tests.conftest import TOKEN_A, documented_keys, reference_endpoints, snapshot

BOLETA, FACTURA, NOTA_DE_VENTA = 39, 33, 1
CLIENT = {
    "code": "76086428-5",
    "city": "Puerto Varas",
    "company": "Imaginex",
    "municipality": "Puerto Varas",
    "activity": "Desarrollo de software",
    "address": "Los Alamos 122",
}


def sell(api: httpx.Client, status: int = 201, **body: Any) -> dict[str, Any]:
    """POST a document (a boleta of one unit of variant 1 unless told otherwise); check the status."""
    payload = {"codeSii": BOLETA, "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]"}], **body}
    response = api.post("/v1/documents.json", json=payload)
    assert response.status_code == status, response.text
    return response.json()


def stock_quantity(api: httpx.Client, variant_id: int, office_id: int) -> float:
    items = api.get(f"/v1/stocks.json?variantid={variant_id}&officeid={office_id}").json()["items"]
    return items[0]["quantity"] if items else 0.0


def report_keys(endpoint: str) -> list[str]:
    """The keys of the first row of a documented report (a bare JSON list)."""
    return list(reference_endpoints()[endpoint]["response"][0])


def details_of(api: httpx.Client, document: dict[str, Any]) -> list[dict[str, Any]]:
    return api.get(document["details"]["href"]).json()["items"]


def test_document_keys_are_documented(api: httpx.Client) -> None:
    document = sell(api, client=CLIENT, codeSii=FACTURA)
    assert list(document) == documented_keys("POST /v1/documents.json")
    one = api.get(f"/v1/documents/{document['id']}.json").json()
    assert set(documented_keys("GET /v1/documents/{id}.json")) <= set(one)
    assert isinstance(one["id"], int) and one["office"]["id"] == "1"
    detail = details_of(api, document)[0]
    assert list(detail) == documented_keys("GET /v1/documents/{documentId}/details/{id}.json")
    assert detail["variant"]["id"] == 1 and isinstance(detail["variant"]["code"], str)
    tax = api.get(document["document_taxes"]["href"]).json()["items"][0]
    assert list(tax) == documented_keys("GET /v1/documents/{documentId}/document_taxes/{id}.json")
    seller = api.get(document["sellers"]["href"]).json()["items"][0]
    assert list(seller) == documented_keys("GET /v1/documents/{documentId}/sellers.json")
    assert api.get(seller["href"]).status_code == 200


def test_every_href_resolves(api: httpx.Client) -> None:
    document = sell(
        api,
        client=CLIENT,
        codeSii=FACTURA,
        references=[{"number": "123", "referenceDate": 1407715200, "reason": "Orden de Compra 123", "codeSii": 801}],
        dynamicAttributes=[{"description": "098", "dynamicAttributeId": 1}],
    )
    links = [value["href"] for value in document.values() if isinstance(value, dict)]
    links += [document[name] for name in ("urlPdf", "urlPublicView", "urlPdfOriginal", "urlPublicViewOriginal")]
    for name in ("references", "attributes", "details", "document_taxes", "sellers"):
        for item in api.get(document[name]["href"]).json()["items"]:
            links.append(item["href"])
            links += [value["href"] for value in item.values() if isinstance(value, dict)]
    for url in links:
        assert api.get(url).status_code == 200, url


def test_factura_with_every_documented_part(api: httpx.Client) -> None:
    document = sell(
        api,
        documentTypeId=2,
        officeId=2,
        priceListId=1,
        emissionDate=1407715200,
        expirationDate=1407715200 + 30 * 86400,
        declareSii=1,
        client=CLIENT,
        details=[{"variantId": 1, "netUnitValue": 23438, "quantity": 1, "taxId": "[1]", "comment": "Producto 1"}],
        payments=[{"paymentTypeId": 2, "amount": 27891, "recordDate": 1407715200}],
        references=[{"number": 123, "referenceDate": 1407715200, "reason": "Orden de Compra 123", "codeSii": 801}],
    )
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (23438, 4453, 27891)
    assert document["emissionDate"] == 1407715200 and document["office"]["id"] == "2"
    assert document["address"] == CLIENT["address"] and document["city"] == CLIENT["city"]
    reference = api.get(document["references"]["href"]).json()["items"][0]
    assert list(reference) == documented_keys("GET /v1/documents/{documentId}/references/{id}.json")
    assert reference["number"] == "123" and reference["reason"] == "Orden de Compra 123"
    client = api.get(document["client"]["href"]).json()
    assert client["code"] == CLIENT["code"]
    payments = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"]
    assert [(p["amount"], p["payment_type"]["id"]) for p in payments] == [(27891, "2")]
    assert api.get("/v1/documents.json?referencecode=801&referencenumber=123").json()["count"] == 1
    assert api.get("/v1/documents.json?referencenumber=999").json()["count"] == 0


def test_details_by_sku_barcode_free_line_and_detail_id(api: httpx.Client) -> None:
    variant = api.get("/v1/variants/3.json").json()
    document = sell(
        api,
        details=[
            {"code": variant["code"], "quantity": 1, "netUnitValue": 1000, "taxId": "[1]"},
            {"barCode": variant["barCode"], "quantity": 2, "netUnitValue": 1000,
             "taxes": [{"code": 14, "percentage": 19}]},
            {"comment": "Despacho a domicilio", "quantity": 1, "netUnitValue": 2990, "taxId": [1]},
            {"comment": "Servicio exento", "quantity": 1, "netUnitValue": 500},
        ],
    )
    lines = details_of(api, document)
    assert [line["variant"] and line["variant"]["id"] for line in lines] == [3, 3, None, None]
    assert [line["taxAmount"] for line in lines] == [190, 380, 568, 0]
    assert (document["netAmount"], document["exemptAmount"]) == (5990, 500)
    assert document["taxAmount"] == 1138 and document["totalAmount"] == 5990 + 1138 + 500
    again = sell(api, details=[{"detailId": lines[2]["id"], "quantity": 3}])
    copied = details_of(api, again)[0]
    assert copied["relatedDetailId"] == lines[2]["id"] and copied["note"] == "Despacho a domicilio"
    assert copied["netAmount"] == 3 * 2990


def test_defaults_office_price_list_and_payment(api: httpx.Client) -> None:
    price = api.get("/v1/price_lists/1/details.json?variantid=5").json()["items"][0]["variantValue"]
    document = sell(api, details=[{"variantId": 5, "quantity": 2, "taxId": "[1]", "discount": 10}])
    line = details_of(api, document)[0]
    assert document["office"]["id"] == "1" and line["netUnitValue"] == price
    assert line["netAmount"] == round(2 * price * 0.9)
    assert line["netDiscount"] == round(2 * price) - line["netAmount"]
    payments = api.get(f"/v1/payments.json?documentid={document['id']}").json()["items"]
    assert [(p["amount"], p["payment_type"]["id"]) for p in payments] == [(document["totalAmount"], "1")]
    note = sell(api, documentTypeId=NOTA_DE_VENTA)
    assert api.get(f"/v1/payments/count.json?documentid={note['id']}").json() == {"count": 0}


def test_client_matched_by_code_or_given_by_id(api: httpx.Client) -> None:
    client_code = api.get("/v1/clients/4.json").json()["code"]
    seeded = api.get("/v1/documents.json?clientid=4").json()["count"]
    assert api.get(f"/v1/documents.json?clientcode={client_code}").json()["count"] == seeded
    first = sell(api, codeSii=FACTURA, client=CLIENT)
    second = sell(api, codeSii=FACTURA, client={**CLIENT, "address": "Otra 1"})
    assert first["client"]["id"] == second["client"]["id"]
    assert api.get(f"/v1/clients.json?code={CLIENT['code']}").json()["count"] == 1
    address = api.get("/v1/clients/4/addresses.json").json()["items"][0]
    by_id = sell(api, codeSii=FACTURA, clientId=4, addressId=address["id"], sellerId=2)
    assert by_id["client"]["id"] == "4" and by_id["address"] == address["address"]
    assert api.get(by_id["sellers"]["href"]).json()["items"][0]["id"] == 2
    assert api.get("/v1/documents.json?clientid=4").json()["count"] == seeded + 1
    assert api.get(f"/v1/documents.json?clientcode={client_code}").json()["count"] == seeded + 1


def test_emission_date_is_the_utc_calendar_date(api: httpx.Client) -> None:
    local_midnight = 1407715200 + 4 * 3600
    document = sell(api, emissionDate=local_midnight + 123)
    assert document["emissionDate"] == 1407715200 and document["expirationDate"] == 1407715200
    assert document["generationDate"] > 1407715200


def test_folios_are_unique_and_gap_free_under_concurrency(server: MockServer, api: httpx.Client) -> None:
    first_factura = sell(api, codeSii=FACTURA, client=CLIENT)["number"]
    first = sell(api)["number"]

    def post(_: int) -> int:
        with httpx.Client(base_url=server.url, headers={"access_token": TOKEN_A}, timeout=10) as client:
            return sell(client)["number"]

    with ThreadPoolExecutor(16) as pool:
        numbers = list(pool.map(post, range(16)))
    assert sorted(numbers) == list(range(first + 1, first + 17))
    other_type = sell(api, codeSii=FACTURA, client=CLIENT)
    assert other_type["number"] == first_factura + 1


def test_dispatch_takes_stock_once_per_pair(api: httpx.Client, published: list) -> None:
    before = stock_quantity(api, 1, 2)
    document = sell(
        api,
        officeId=2,
        dispatch=1,
        details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}, {"variantId": 1, "quantity": 1, "taxId": "[1]"}],
    )
    assert stock_quantity(api, 1, 2) == before - 3
    assert [e for e in published if e[0] == "stock"] == [("stock", "put", 1, {"officeId": 2})]
    assert ("document", "post", document["id"], {"officeId": 2}) in published
    assert [e[:2] for e in published if e[0] == "payment"] == [("payment", "post")]
    undispatched = stock_quantity(api, 1, 1)
    sell(api)
    assert stock_quantity(api, 1, 1) == undispatched


def test_sales_id_returns_the_first_document(api: httpx.Client, server: MockServer, published: list) -> None:
    first = sell(api, salesId="AAA000012")
    before = snapshot(server)
    count = len(published)
    again = sell(api, status=200, salesId="AAA000012", details=[{"variantId": 2, "quantity": 5, "taxId": "[1]"}])
    assert again == first
    assert snapshot(server) == before and len(published) == count
    other_type = sell(api, salesId="AAA000012", documentTypeId=NOTA_DE_VENTA)
    assert other_type["id"] != first["id"]


def test_list_filters_and_count(api: httpx.Client) -> None:
    def ids(query: str) -> list[int]:
        return [item["id"] for item in api.get(f"/v1/documents.json?{query}&limit=50").json()["items"]]

    seeded = {query: ids(query) for query in ("codesii=33", "officeid=2", "informedsii=0&state=0")}
    seeded_count = api.get("/v1/documents/count.json?state=0").json()["count"]
    boleta = sell(api, emissionDate=1414800000)
    factura = sell(api, codeSii=FACTURA, client=CLIENT, emissionDate=1417391000, officeId=2)
    assert ids("emissiondaterange=[1414800000,1417391990]") == [boleta["id"], factura["id"]]
    assert ids("emissiondaterange=1414800000,1414900000") == [boleta["id"]]
    assert ids("emissiondate=1414800000") == [boleta["id"]]
    assert ids(f"number={factura['number']}&documenttypeid=2") == [factura["id"]]
    assert ids(f"token={boleta['token']}") == [boleta["id"]]
    assert ids("codesii=33") == [*seeded["codesii=33"], factura["id"]]
    assert ids("officeid=2") == [*seeded["officeid=2"], factura["id"]]
    assert ids(f"totalamount={boleta['totalAmount']}&codesii=39") == [boleta["id"]]
    assert ids("informedsii=0&state=0") == [*seeded["informedsii=0&state=0"], boleta["id"], factura["id"]]
    assert api.get("/v1/documents/count.json?state=0").json() == {"count": seeded_count + 2}
    page = api.get("/v1/documents.json?fields=[number,totalAmount]&limit=1").json()
    assert list(page["items"][0]) == ["href", "number", "totalAmount"] and "next" in page


def test_document_urls_answer_pdf_page_and_xml(api: httpx.Client) -> None:
    document = sell(api, codeSii=FACTURA, client=CLIENT)
    with httpx.Client(timeout=10) as anonymous:
        pdf = anonymous.get(document["urlPdf"])
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-1.") and pdf.content.rstrip().endswith(b"%%EOF")
        assert anonymous.get(document["urlPdfOriginal"]).content == pdf.content
        page = anonymous.get(document["urlPublicView"])
        assert page.status_code == 200 and "FACTURA" in page.text
        xml = anonymous.get(document["urlXml"])
        assert f"<Folio>{document['number']}</Folio>" in xml.text and "<TED" in xml.text
        assert anonymous.get(document["urlPdf"].replace(document["token"], "000000000000")).status_code == 404
    note = sell(api, documentTypeId=NOTA_DE_VENTA)
    assert note["urlXml"] is None and note["ted"] is None


def test_document_views_show_items_and_totals_like_a_printed_document(api: httpx.Client) -> None:
    comment = "Regalo \u0000para\u001b Ana & <Luis> \ufffe"
    client = {**CLIENT, "code": "2-7", "company": "Rojas \u0000& Cía\u001b \uffff"}
    document = sell(api, codeSii=FACTURA, client=client, details=[
        {"variantId": 1, "quantity": 2, "netUnitValue": 1500, "taxId": "[1]", "comment": comment},
        {"comment": "Instalación", "quantity": 1, "netUnitValue": 4000, "taxId": "[1]"},
    ])
    variant = api.get("/v1/variants/1.json").json()
    product = api.get(variant["product"]["href"]).json()
    name = f"{product['name']} {variant['description']}"
    with httpx.Client(timeout=10) as anonymous:
        root = ElementTree.fromstring(anonymous.get(document["urlXml"]).content)
        first, second = root.iter("Detalle")
        assert (first.findtext("NmbItem"), first.findtext("QtyItem"), first.findtext("PrcItem")) == (name, "2", "1500")
        assert first.findtext("CdgItem/VlrCodigo") == variant["code"] and first.findtext("MontoItem") == "3000"
        assert first.findtext("DscItem") == "Regalo para Ana & <Luis> "
        assert (second.findtext("NmbItem"), second.findtext("MontoItem")) == ("Instalación", "4000")
        assert root.findtext(".//MntNeto") == "7000" and root.findtext(".//IVA") == "1330"
        assert root.findtext(".//MntTotal") == "8330" and root.findtext(".//IT1") == name[:40]
        assert (root.findtext(".//RR"), root.findtext(".//RSR")) == ("2-7", "Rojas & Cía ")
        page = anonymous.get(document["urlPublicView"]).text
        assert f"<td>{html.escape(name)}" in page and "<td>2</td><td>1500</td>" in page
        assert "<th>Total</th><td>8330</td>" in page and "\u0000" not in page
        pdf = anonymous.get(document["urlPdf"]).content
        assert f"2 x [{variant['code']}] {name} a $ 1500: $ 3000".encode("latin-1") in pdf
        assert b"Total: $ 8330" in pdf and b"Impuestos: $ 1330" in pdf


def test_webhook_paths_answer(api: httpx.Client) -> None:
    document = sell(api, officeId=2, dispatch=1)
    assert api.get(f"/documents/{document['id']}.json").json() == document
    v2 = api.get(f"/v2/stocks/documents/{document['id']}.json?office=2").json()
    assert v2["code"] == 200 and v2["data"]["id"] == document["id"]
    stocks = v2["data"]["details"][0]["stocks"]
    assert [s["office"]["id"] for s in stocks] == ["2"] and stocks[0]["quantity"] == stock_quantity(api, 1, 2)
    assert len(api.get(f"/v2/stocks/documents/{document['id']}.json").json()["data"]["details"][0]["stocks"]) == 3
    assert api.get("/documents/999999.json").status_code == 404


def test_delete_returns_dispatched_stock(api: httpx.Client, published: list) -> None:
    before = stock_quantity(api, 1, 1)
    note = sell(api, documentTypeId=NOTA_DE_VENTA, dispatch=1, details=[{"variantId": 1, "quantity": 4}])
    assert stock_quantity(api, 1, 1) == before - 4
    published.clear()
    deleted = api.delete(f"/v1/documents/{note['id']}.json?officeId=1")
    assert deleted.status_code == 200 and deleted.json()["state"] == 1
    assert stock_quantity(api, 1, 1) == before
    assert published == [("stock", "put", 1, {"officeId": 1})]
    assert api.get("/v1/documents.json?state=1").json()["count"] == 1


def test_summary_and_costs(api: httpx.Client) -> None:
    per_boleta = "/v1/documents/summary.json?codesii=[39]&perdocument=1&limit=50"
    seeded = [row["documentId"] for row in api.get(per_boleta).json()]
    first = sell(api, emissionDate=1404187200, dispatch=1, details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}])
    second = sell(api, emissionDate=1404187200)
    summary = api.get(per_boleta).json()
    assert list(summary[0]) == report_keys("GET /v1/documents/summary.json")
    assert [row["documentId"] for row in summary] == [*seeded, first["id"], second["id"]]
    grouped = api.get("/v1/documents/summary.json?emissiondaterange=[1404000000,1406779200]").json()
    assert len(grouped) == 1 and grouped[0]["count"] == 2 and (grouped[0]["month"], grouped[0]["year"]) == (7, 2014)
    assert grouped[0]["totalAmount"] == first["totalAmount"] + second["totalAmount"]
    assert grouped[0]["taxes"][0]["taxAmount"] == first["taxAmount"] + second["taxAmount"]
    ticket = api.get("/v1/documents/summary/ticket.json?rcofdaterange=[1404000000,1406779200]").json()
    assert list(ticket[0]) == report_keys("GET /v1/documents/summary/ticket.json") and ticket[0]["count"] == 2
    costs = api.get(f"/v1/documents/costs.json?documentid={first['id']}").json()
    assert list(costs) == documented_keys("GET /v1/documents/costs.json")
    detail = costs["cost_detail"][0]["shipping_detail"]
    assert detail["quantity"] == 2 and detail["variantTotalCost"] == round(2 * detail["variantCost"], 2)
    assert api.get(detail["href"]).status_code == 200
    assert api.get(f"/v1/documents/costs.json?codesii=39&number={second['number']}").json()["cost_detail"] == []


def test_companies_are_apart(api: httpx.Client, api_b: httpx.Client) -> None:
    used_in_b = api_b.get("/v1/document_types/caf.json", params={"codesii": "39"}).json()["lastNumberUsed"]
    document = sell(api)
    assert api_b.get(f"/v1/documents/{document['id']}.json").status_code == 404
    assert sell(api_b)["number"] == used_in_b + 1


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(comment=st.text(max_size=40), company=st.text(min_size=1, max_size=40))
def test_every_served_xml_parses_whatever_the_text(api: httpx.Client, comment: str, company: str) -> None:
    response = api.post("/v1/documents.json", json={
        "codeSii": FACTURA, "client": {**CLIENT, "company": company},
        "details": [{"variantId": 1, "quantity": 1, "taxId": "[1]", "comment": comment}]})
    assert response.status_code in (201, 400), response.text
    if response.status_code == 201:
        root = ElementTree.fromstring(httpx.get(response.json()["urlXml"], timeout=10).content)
        assert root.findtext(".//Folio") == str(response.json()["number"])
