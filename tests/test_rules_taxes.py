"""A price with its product's taxes (`variantValueWithTaxes`), worked out by hand: IVA 19 % alone, with
an ILA (20.5 % wines, 31.5 % spirits), rounded to whole pesos; Peru's IGV 18 % to the cent."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import TOKEN_PE, company_client
from tests.test_rules_clients import stored


def price_with_taxes(api: httpx.Client, product_name: str, net: float) -> float:
    """Set the net price of the product's first variant in list 1; its price with taxes as served."""
    product = api.get("/v1/products.json", params={"name": product_name}).json()["items"][0]
    variant_id = api.get(f"/v1/products/{product['id']}/variants.json").json()["items"][0]["id"]
    detail = api.get(f"/v1/price_lists/1/details.json?variantid={variant_id}").json()["items"][0]
    response = api.put(detail["href"], json={"variantValue": net, "id": detail["id"]})
    assert response.status_code == 200, response.text
    assert api.get(detail["href"]).json()["variantValueWithTaxes"] == response.json()["variantValueWithTaxes"]
    return response.json()["variantValueWithTaxes"]


@pytest.mark.parametrize(("product", "net", "expected"), [
    ("Polera Algodón Orgánico", 1000, 1190),
    ("Polera Algodón Orgánico", 1000.4, 1190),  # 1190.476
    ("Polera Algodón Orgánico", 1000.5, 1191),  # 1190.595
    ("Carmenere Reserva Valle del Maule", 1000, 1395),
    ("Pisco Reservado 35°", 1000, 1505),
])
def test_chilean_price_with_iva_and_ila(api: httpx.Client, product: str, net: float, expected: float) -> None:
    assert price_with_taxes(api, product, net) == expected


@pytest.fixture(scope="module")
def peru(peru_server: MockServer) -> Iterator[httpx.Client]:
    with company_client(peru_server, TOKEN_PE) as client:
        yield client


def test_peruvian_price_with_igv_to_the_cent(peru: httpx.Client) -> None:
    first = peru.get("/v1/products/1.json").json()["name"]
    assert price_with_taxes(peru, first, 10.1) == 11.92  # 11.918


def test_a_price_of_a_variant_the_company_lacks_has_no_taxes(api: httpx.Client, server: MockServer) -> None:
    """A dataset imported from Bsale may carry prices of variants it did not import."""
    detail = api.get("/v1/price_lists/1/details.json?variantid=2").json()["items"][0]
    server.call(lambda: server.engine.store.companies[1].table("variants").delete(2))
    served = api.get(detail["href"]).json()
    assert served["variantValueWithTaxes"] == round(detail["variantValue"]) != detail["variantValueWithTaxes"]


def test_a_peruvian_bag_price_adds_icbper_per_unit_after_igv(peru: httpx.Client) -> None:
    assert price_with_taxes(peru, "Bolsa Plástica Tienda", 0.85) == 1.5  # 1.003 -> 1.00 with IGV, + 0.50
    assert price_with_taxes(peru, "Bolsa Plástica Tienda", 0.1) == 0.62  # 0.118 -> 0.12, + 0.50


def test_icbper_counts_every_bag_of_a_document_and_is_marked_per_unit_in_a_state_file(peru: httpx.Client) -> None:
    bag = peru.get("/v1/products.json", params={"name": "Bolsa Plástica Tienda"}).json()["items"][0]
    variant_id = peru.get(f"/v1/products/{bag['id']}/variants.json").json()["items"][0]["id"]
    response = peru.post("/v1/documents.json", json={"code": "03", "details": [
        {"variantId": variant_id, "quantity": quantity, "netUnitValue": 0.85, "taxId": "[1,4]"}
        for quantity in (2, 3)]})
    assert response.status_code == 201, response.text
    document = response.json()
    taxes = peru.get(f"/v1/documents/{document['id']}/document_taxes.json").json()["items"]
    # IGV 18 % of 5 x 0.85 = 0.765 -> 0.77; ICBPER 5 bags x 0.50 = 2.50
    assert sorted((row["tax"]["id"], row["totalAmount"]) for row in taxes) == [("1", 0.77), ("4", 2.5)]
    line = peru.get(f"/v1/documents/{document['id']}/details.json").json()["items"][0]
    assert stored(peru, "document_details", line["id"])["taxes"] == "[[1,18.0],[4,0.5,1]]"  # IGV %, ICBPER a unit
