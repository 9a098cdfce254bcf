"""A Peruvian company on a real server: SUNAT's document types and series, IGV and ICBPER with totals
in soles, RUC/DNI checks with Bsale's messages, Peru's key names (never Chile's), its own endpoints
(and none of Chile's), webhooks as in Chile, a Chilean and a Peruvian company side by side."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from stdnum.pe import cui, ruc

from mockbsale import Engine, MockServer, Settings
from mockbsale.openapi import item_name, schema_name
from mockbsale.resources.registry import REGISTRY
from mockbsale_pytest.handle import Bsale
from mockbsale_pytest.receiver import WebhookReceiver
from tests.conftest import (
    REFERENCE,
    TOKEN_PE,
    assert_every_url_resolves,
    served_urls,
    snapshot,
)
from tests.test_openapi import validator

CHILEAN_KEYS = {"codeSii", "codesii", "municipality", "declareSii", "informedSii", "responseMsgSii", "urlTimbre",
                "ted", "rcofDate"}
RUC_REQUIRED = 'This document type has the following client attributes required: "Ruc del Cliente"'
RUC_OR_DNI_REQUIRED = 'This document type has the following client attributes required: "Ruc/Dni del Cliente"'
VALID_RUC = "20100070970"
FACTURA, BOLETA, GUIDE = 2, 3, 6
"""The seeded document type ids (SUNAT 01, 03, 09)."""
INLINE_CLIENT = {"activity": "Venta al por menor", "address": "Av. Larco 345", "city": "Lima",
                 "district": "Miraflores", "company": "Bodega Lucía S.A.C."}


def keys_in(value: Any) -> set[str]:
    """Every key at any depth of a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(keys_in(child) for child in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_in(child) for child in value))
    return set()


def reference() -> dict[str, Any]:
    return json.loads((REFERENCE / "pe_endpoints.json").read_text())


def concrete(template: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: TOKEN_PE if m.group(1) == "token" else "1", template)


def bag_variant(pe: httpx.Client) -> int:
    bag = pe.get("/v1/products.json", params={"name": "Bolsa Plástica Tienda"}).json()["items"][0]
    return pe.get(f"/v1/products/{bag['id']}/variants.json").json()["items"][0]["id"]


def test_instance_and_document_types_are_sunat_s(pe: httpx.Client) -> None:
    assert pe.get(f"/v1/instances/basic/{TOKEN_PE}.json").json()["country"] == "PE"
    types = pe.get("/v1/document_types.json").json()["items"]
    assert {row["code"] for row in types} == {"", "01", "03", "07", "08", "09"}
    assert all("codeSii" not in row for row in types)
    assert [row["name"] for row in pe.get("/v1/document_types.json", params={"code": "01"}).json()["items"]] == [
        "FACTURA ELECTRÓNICA"]
    taxes = {row["name"]: row for row in pe.get("/v1/taxes.json").json()["items"]}
    assert (taxes["IGV"]["percentage"], taxes["IGV"]["code"], taxes["IGV"]["amountTax"]) == (18.0, 1000, 0)
    assert (taxes["ICBPER"]["amountTax"], taxes["ICBPER"]["overTax"]) == (1, 0)
    coin = pe.get("/v1/coins/1.json").json()
    assert (coin["isoCode"], coin["decimals"], coin["roundDecimals"]) == ("PEN", 2, 2)


def test_no_chilean_key_in_any_peruvian_response(pe: httpx.Client) -> None:
    made = pe.post("/v1/documents.json", json={
        "code": "01", "declare": 1, "client": {"code": VALID_RUC, **INLINE_CLIENT},
        "details": [{"comment": "Servicio", "quantity": 1, "netUnitValue": 50, "taxId": [1]}],
        "references": [{"number": "77", "reason": "Orden de Compra", "code": "01"}]})
    assert made.status_code == 201
    seen: set[str] = keys_in(made.json())
    served = 0
    for endpoint in reference():
        method, template = endpoint.split(" ", 1)
        if method != "GET":
            continue
        response = pe.get(concrete(template))
        if response.headers.get("content-type", "").startswith("application/json") and response.status_code == 200:
            served += 1
            seen |= keys_in(response.json())
    expand = "[references,document_taxes,details,sellers,attributes,payments,client,office,document_type]"
    seen |= keys_in(pe.get(f"/v1/documents/{made.json()['id']}.json", params={"expand": expand}).json())
    assert served > 100
    assert {"code", "district", "informed", "responseMsg", "serialNumber", "stamp"} <= seen
    assert seen & CHILEAN_KEYS == set()


def test_factura_with_igv_is_totalled_in_soles(pe: httpx.Client, peru_server: MockServer) -> None:
    client = next(row for row in pe.get("/v1/clients.json", params={"limit": 50}).json()["items"]
                  if len(row["code"]) == 11)
    response = pe.post("/v1/documents.json", json={
        "documentTypeId": FACTURA, "clientId": client["id"], "details": [
            {"comment": "Polo algodón pima", "quantity": 3, "netUnitValue": 10.5, "discount": 10, "taxId": "[1]"},
            {"comment": "Casaca impermeable", "quantity": 1, "netUnitValue": 99.99, "taxId": [1]},
        ]})
    assert response.status_code == 201
    document = response.json()
    # 3 x 10.50 less 10 % = 28.35; IGV on the sum 128.34 x 18 % = 23.1012 -> 23.10
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (128.34, 23.10, 151.44)
    assert document["notExemptAmount"] == 128.34 and document["exemptAmount"] == 0.0
    assert document["serialNumber"] == f"F001-{document['number']}"
    assert (document["informed"], document["responseMsg"]) == (
        0, f"El Comprobante  numero F001-{document['number']}, ha sido aceptado")
    details = pe.get(f"/v1/documents/{document['id']}/details.json").json()["items"]
    assert [(d["netAmount"], d["taxAmount"], d["totalAmount"]) for d in details] == [
        (28.35, 5.10, 33.45), (99.99, 18.0, 117.99)]
    stamp = pe.get(document["stamp"])
    assert (stamp.status_code, stamp.headers["content-type"]) == (200, "image/png")
    assert_every_url_resolves(pe, peru_server, f"/v1/documents/{document['id']}.json", at_least=8)
    assert "<th>Total</th><td>151.44</td>" in pe.get(document["urlPublicView"]).text
    assert "<MntTotal>151.44</MntTotal>" in pe.get(document["urlXml"]).text


def test_plastic_bags_carry_icbper_per_unit(pe: httpx.Client) -> None:
    response = pe.post("/v1/documents.json", json={"code": "03", "details": [
        {"variantId": bag_variant(pe), "quantity": 2, "netUnitValue": 0.85, "taxId": "[1,4]"},
        {"comment": "Polo", "quantity": 3, "netUnitValue": 10.5, "taxId": [1]},
    ]})
    assert response.status_code == 201
    document = response.json()
    assert document["serialNumber"] == f"B001-{document['number']}"
    # IGV 18 % of 1.70 + 31.50 = 5.976 -> 5.98; ICBPER 2 bags x 0.50 = 1.00
    assert (document["netAmount"], document["taxAmount"], document["totalAmount"]) == (33.2, 6.98, 40.18)
    taxes = pe.get(f"/v1/documents/{document['id']}/document_taxes.json").json()["items"]
    assert sorted((row["tax"]["id"], row["totalAmount"]) for row in taxes) == [("1", 5.98), ("4", 1.0)]
    bags = pe.get(f"/v1/documents/{document['id']}/details.json").json()["items"][0]
    assert (bags["netAmount"], bags["taxAmount"], bags["totalAmount"], bags["totalUnitValue"]) == (1.7, 1.31, 3.01, 1.5)


@pytest.mark.parametrize(
    ("type_id", "client", "message"),
    [
        (FACTURA, {"code": "45678912"}, RUC_REQUIRED),  # a DNI: a factura needs a RUC
        (FACTURA, {"code": "20100070971"}, RUC_REQUIRED),  # wrong check digit
        (FACTURA, {"code": "12345678-5"}, RUC_REQUIRED),  # a Chilean RUT
        (FACTURA, None, RUC_REQUIRED),
        (GUIDE, {"code": "123"}, RUC_OR_DNI_REQUIRED),
    ],
)
def test_tax_ids_are_checked_with_bsale_s_messages(
    pe: httpx.Client, peru_server: MockServer, type_id: int, client: dict[str, str] | None, message: str
) -> None:
    before = snapshot(peru_server)
    body: dict[str, Any] = {"documentTypeId": type_id, "details": [{"comment": "x", "quantity": 1, "netUnitValue": 5}]}
    if client is not None:
        body["client"] = {**INLINE_CLIENT, **client}
    response = pe.post("/v1/documents.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(peru_server) == before


@pytest.mark.parametrize(("type_id", "code"), [(FACTURA, VALID_RUC), (GUIDE, "45678912"), (GUIDE, VALID_RUC)])
def test_valid_ruc_or_dni_makes_the_client(pe: httpx.Client, type_id: int, code: str) -> None:
    response = pe.post("/v1/documents.json", json={
        "documentTypeId": type_id, "declare": 0, "client": {**INLINE_CLIENT, "code": code},
        "details": [{"comment": "x", "quantity": 1, "netUnitValue": 5, "taxId": [1]}]})
    assert response.status_code == 201
    document = response.json()
    assert (document["district"], document["informed"], document["responseMsg"]) == ("Miraflores", 1, None)
    client = pe.get(f"/v1/clients/{document['client']['id']}.json").json()
    assert (client["code"], client["district"], client["isForeigner"]) == (code, "Miraflores", 0)


def test_peru_names_in_requests_and_filters(pe: httpx.Client) -> None:
    created = pe.post("/v1/clients.json", json={"firstName": "Rosa", "lastName": "Quispe", "code": "45678912",
                                                 "district": "Barranco", "city": "Lima"}).json()
    assert created["district"] == "Barranco" and "municipality" not in created
    assert [row["id"] for row in pe.get("/v1/clients.json", params={"code": "45678912"}).json()["items"]] == [
        created["id"]]
    address = pe.post(f"/v1/clients/{created['id']}/addresses.json", json={
        "addressName": "Casa", "address": "Jr. Junín 120", "city": "Lima", "district": "Cercado de Lima"}).json()
    assert address["district"] == "Cercado de Lima"
    office = pe.put("/v1/offices/1.json", json={"district": "San Isidro"}).json()
    assert (office["district"], office["email"], office["defaultPriceList"]) == ("San Isidro", "", 1)
    assert pe.get("/v1/offices.json", params={"district": "San Isidro"}).json()["count"] == 2
    boletas = pe.get("/v1/documents.json", params={"code": "03", "limit": 50}).json()["items"]
    assert boletas and {row["serialNumber"][:4] for row in boletas} == {"B001"}
    assert pe.get("/v1/documents/count.json", params={"informed": 0}).json()["count"] == pe.get(
        "/v1/documents/count.json", params={"codesii": "nothing"}).json()["count"] - 1  # the sales note



def test_peru_only_endpoints(pe: httpx.Client, api: httpx.Client) -> None:
    codes = pe.get("/v1/cpe_codes.json", params={"limit": 50}).json()
    assert codes["count"] == 30 and set(codes["items"][0]) == {"href", "id", "name", "code", "state"}
    assert pe.get("/v1/cpe_codes/8.json").json() == {
        "href": f"{pe.base_url}/v1/cpe_codes/8.json".replace("//v1", "/v1"), "id": 8, "name": "BOLETA - A4",
        "code": "03", "state": 0}
    assert api.get("/v1/cpe_codes.json").status_code == 404  # a Chilean company
    assert api.get("/v1/cpe_codes/8.json").status_code == 404


@pytest.mark.parametrize("path", ["/v1/dte_codes.json", "/v1/dte_codes/1.json", "/v1/book_types.json",
                                  "/v1/third_party_documents.json", "/v1/documents/summary/ticket.json",
                                  "/v1/dtes/claims.json"])
def test_chile_only_endpoints_are_not_found_in_peru(pe: httpx.Client, path: str) -> None:
    response = pe.get(path)
    assert (response.status_code, response.json()) == (404, {"error": "Resource not found"})


def test_checkout_is_posted_on_v1_checkout_in_peru(pe: httpx.Client, api: httpx.Client) -> None:
    """The documented Peruvian request, on a variant of the seeded store."""
    web = pe.get("/v2/products/list/market_info.json").json()["data"][0]
    body = reference()["POST /v1/checkout.json"]["request"]
    body["cartDetails"][0].update(idVarianteProducto=web["idVariantDefault"], productWebId=web["id"])
    made = pe.post("/v1/checkout.json", json=body)
    assert made.status_code == 201 and made.json()["code"] == 201
    assert pe.get(made.json()["data"]["url"]).json()["data"]["clientName"] == "Benito"
    assert pe.post("/v1/markets/checkout.json", json=body).status_code == 404
    assert api.post("/v1/checkout.json", json=body).status_code == 404  # Chile posts on /v1/markets/checkout


def test_summary_and_reference_codes_use_peru_s_names(pe: httpx.Client) -> None:
    summary = pe.get("/v1/documents/summary.json").json()
    assert summary and all("code" in row and "codeSii" not in row for row in summary)
    made = pe.post("/v1/documents.json", json={
        "code": "01", "client": {**INLINE_CLIENT, "code": VALID_RUC},
        "details": [{"comment": "x", "quantity": 1, "netUnitValue": 5, "taxId": [1]}],
        "references": [{"number": "12", "reason": "Guía", "code": "09", "referenceDate": 1700000000}]}).json()
    [reference] = pe.get(f"/v1/documents/{made['id']}/references.json").json()["items"]
    assert pe.get(reference["dte_code"]["href"]).json()["code"] == "09"


def test_seed_is_deterministic_with_valid_ruc_and_dni() -> None:
    def generated(seed: int) -> dict[str, Any]:
        engine = Engine(Settings(seed=seed, tokens=["t"], country="PE"))
        engine.seed()
        return engine.store.dump()

    first = generated(3)
    assert first == generated(3) and first != generated(4)
    [company] = first["companies"]
    assert company["country"] == "PE" and ruc.is_valid(company["instance"]["code"])
    codes = [row["code"] for row in company["tables"]["clients"]["rows"]]
    assert all(ruc.is_valid(code) if len(code) == 11 else cui.is_valid(code) for code in codes)
    assert {len(code) for code in codes} == {8, 11}
    assert {row["country"] for row in company["tables"]["offices"]["rows"]} == {"Perú"}
    documents = company["tables"]["documents"]["rows"]
    assert any(amount != round(amount) for amount in (row["totalAmount"] for row in documents))


def test_a_chilean_and_a_peruvian_company_side_by_side(tmp_path: Path) -> None:
    chile, peru = Engine(Settings(tokens=["cl"], seed=2)), Engine(Settings(tokens=["pe"], seed=2, country="PE"))
    chile.seed()
    peru.seed()
    [peruvian] = peru.store.dump()["companies"]
    fixtures = tmp_path / "two.json"
    fixtures.write_text(json.dumps({"companies": [*chile.store.dump()["companies"], {**peruvian, "cpnId": 2}]}))
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as server:
        for token, country, key in (("cl", "CL", "codeSii"), ("pe", "PE", "code")):
            with httpx.Client(base_url=server.url, headers={"access_token": token}, timeout=10) as client:
                assert client.get(f"/v1/instances/basic/{token}.json").json()["country"] == country
                assert key in client.get("/v1/document_types/2.json").json()
        assert server.call(lambda: {c.cpn_id: c.country for c in server.engine.store.companies.values()}) == {
            1: "CL", 2: "PE"}
        dumped = server.call(server.engine.store.dump)
    assert [company["country"] for company in dumped["companies"]] == ["CL", "PE"]


@pytest.mark.bsale(country="PE")
def test_the_marker_serves_a_peruvian_company_whose_webhooks_are_chile_s(
    bsale: Bsale, bsale_webhook_receiver: WebhookReceiver
) -> None:
    assert bsale.client.get(f"/v1/instances/basic/{bsale.token}.json").json()["country"] == "PE"
    bsale.subscribe(bsale_webhook_receiver.url)
    document = bsale.client.post("/v1/documents.json", json={
        "code": "03", "officeId": 1, "dispatch": 1, "details": [{"variantId": 1, "quantity": 1}]}).json()
    payload = bsale_webhook_receiver.wait_for(topic="document", action="post", resource_id=document["id"])
    assert list(payload)[:5] == ["cpnId", "resource", "resourceId", "topic", "action"]
    assert (payload["cpnId"], payload["resource"]) == (bsale.cpn_id, f"/documents/{document['id']}.json")
    stock = bsale_webhook_receiver.wait_for(topic="stock", action="put")
    assert stock["resource"].startswith("/v2/stocks.json?") and stock["cpnId"] == bsale.cpn_id
    assert bsale.client.get("/v1" + payload["resource"]).json()["serialNumber"].startswith("B001-")


def test_a_remission_guide_takes_sunat_s_transport_attributes(pe: httpx.Client, peru_server: MockServer) -> None:
    """The documented Peruvian shipping request, with the external transport's attributes."""
    transport = [{"alias": "shipmentTransportModeCode", "values": ["01"]},
                 {"alias": "shipmentCarrierCode", "values": ["20538856674"]},
                 {"alias": "shipmentGrossWeightMeasure", "values": [3]}]
    body = {**reference()["POST /v1/shippings.json"]["request"], "documentTypeId": GUIDE,
            "dynamicAttributes": transport, "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 12}]}
    body["client"] = {**body["client"], "code": VALID_RUC}
    made = pe.post("/v1/shippings.json", json=body)
    assert made.status_code == 201, made.text
    assert made.json()["district"] == "Lima" and "municipality" not in made.json()
    guide = pe.get(made.json()["guide"]["href"]).json()
    assert guide["serialNumber"] == f"T001-{guide['number']}"
    stored = peru_server.call(lambda: peru_server.engine.store.by_token(TOKEN_PE).table("documents").rows[guide["id"]])
    assert json.loads(stored["shipmentAttributes"]) == {"shipmentTransportModeCode": ["01"],
                                                        "shipmentCarrierCode": ["20538856674"],
                                                        "shipmentGrossWeightMeasure": ["3"]}
    broken = pe.post("/v1/shippings.json", json={**body, "dynamicAttributes": [{"alias": "x", "values": "01"}]})
    assert broken.status_code == 400


def test_served_peruvian_items_match_the_peruvian_openapi_document(pe: httpx.Client) -> None:
    document = pe.get("/openapi.json", params={"country": "PE"}).json()
    checked = 0
    for resource in REGISTRY:
        if resource.parent_param or not resource.listable or "PE" not in (resource.countries or ("PE",)):
            continue
        page = pe.get(f"{resource.path}.json", params={"limit": 3})
        assert page.status_code == 200, resource.path
        items = page.json()["data" if resource.v2 else "items"]
        check = validator(document, item_name(resource, REGISTRY))
        assert [e.message for item in items for e in check.iter_errors(item)] == [], resource.path
        assert validator(document, f"{schema_name(resource)}List").is_valid(page.json()), resource.path
        checked += bool(items)
    assert checked >= 25
    properties = document["components"]["schemas"]["Documents"]["properties"]
    assert {"serialNumber", "stamp", "district", "informed"} <= set(properties)
    assert set(properties) & CHILEAN_KEYS == set()


def test_a_return_makes_a_sunat_credit_note_and_its_annulment_a_debit_note(pe: httpx.Client) -> None:
    sale = pe.post("/v1/documents.json", json={"code": "01", "clientId": 1, "dispatch": 1, "details": [
        {"variantId": 1, "quantity": 2, "netUnitValue": 10.25, "taxId": [1]}]}).json()
    detail = pe.get(f"/v1/documents/{sale['id']}/details.json").json()["items"][0]
    returned = pe.post("/v1/returns.json", json={
        "documentTypeId": 4, "officeId": 1, "referenceDocumentId": sale["id"], "motive": "Falla", "declare": 1,
        "client": {**INLINE_CLIENT, "code": VALID_RUC, "district": "Lince"},
        "details": [{"documentDetailId": detail["id"], "quantity": 1, "unitValue": 0}]})
    assert returned.status_code == 201, returned.text
    assert returned.json()["amount"] == 12.1  # 10.25 + IGV 1.845 -> 1.85
    note = pe.get(returned.json()["credit_note"]["href"]).json()
    assert (note["serialNumber"], note["district"]) == ("FC01-1", "Lince")
    annulment = pe.post(f"/v1/returns/{returned.json()['id']}/annulments.json", json={"declare": 1})
    assert annulment.status_code == 201, annulment.text
    debit = pe.get(annulment.json()["debit_note"]["href"]).json()
    assert (debit["serialNumber"], debit["totalAmount"]) == ("FD01-1", 12.1)


@pytest.mark.parametrize(("topic", "action"), [("document", "post"), ("payment", "post"), ("stock", "put"),
                                               ("courierOrder", "post"), ("product", "put")])
def test_every_trigger_works_on_a_peruvian_company(
    pe: httpx.Client, peru_server: MockServer, topic: str, action: str
) -> None:
    answer = httpx.post(f"{peru_server.url}/_mock/webhooks/trigger", json={"topic": topic, "action": action})
    assert answer.status_code == 201, answer.text
    payloads = answer.json()["payloads"]
    assert payloads and {(p["topic"], p["action"]) for p in payloads} >= {(topic, action)}
    if topic == "document":
        document = pe.get("/v1" + payloads[0]["resource"]).json()
        assert document["serialNumber"].startswith("B001-") and document["informed"] == 0


def test_every_url_a_peruvian_company_is_handed_resolves(pe: httpx.Client, peru_server: MockServer) -> None:
    """Every `href`/`next` of every documented Peruvian GET (one URL per path shape) answers 200."""
    by_shape: dict[str, str] = {}
    for endpoint in reference():
        method, template = endpoint.split(" ", 1)
        response = pe.get(concrete(template)) if method == "GET" else None
        if response is None or response.status_code != 200 or "json" not in response.headers["content-type"]:
            continue
        for url in served_urls(response.json()):
            by_shape.setdefault(re.sub(r"\d+", "N", url.split("?")[0]), url)
    assert len(by_shape) > 80
    for url in by_shape.values():
        assert url.startswith(peru_server.url + "/"), url
        assert pe.get(url).status_code == 200, url


def test_caf_and_folios_left_are_asked_by_sunat_code(pe: httpx.Client) -> None:
    assert pe.get("/v1/document_types/number_availables.json", params={"code": "01"}).status_code == 200
    caf = pe.get("/v1/document_types/caf.json", params={"code": "01"})
    assert caf.status_code == 200 and caf.json() == pe.get("/v1/document_types/caf.json",
                                                           params={"documenttypeid": FACTURA}).json()
    assert pe.get("/v1/document_types/caf.json", params={"codesii": "33"}).status_code == 404


def test_a_sales_note_has_no_series_its_serial_number_is_its_number(pe: httpx.Client) -> None:
    types = pe.get("/v1/document_types.json", params={"name": "NOTA DE VENTA"}).json()["items"]
    response = pe.post("/v1/documents.json", json={"documentTypeId": types[0]["id"], "details": [
        {"comment": "Polo", "quantity": 1, "netUnitValue": 10.5, "taxId": [1]}]})
    assert response.status_code == 201, response.text
    assert response.json()["serialNumber"] == str(response.json()["number"])
