"""Shippings: dispatch guides and transfers through `POST /v1/shippings.json`, the shipping of every
dispatched document, filters, expand, and the refusals that change nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import documented_keys, reference_endpoints, snapshot
from tests.test_documents import CLIENT, details_of, sell, stock_quantity

GUIDE_TYPE = 6
TRANSFER = 5


def ship(api: httpx.Client, status: int = 201, **body: Any) -> dict[str, Any]:
    """POST a dispatch guide (two units of variant 1 from office 1 to CLIENT unless told otherwise)."""
    payload = {
        "codeSii": 52,
        "officeId": 1,
        "emissionDate": 1462527931,
        "shippingTypeId": 6,
        "municipality": "Puerto Varas",
        "city": "Puerto Varas",
        "address": "la quebrada 1005",
        "declareSii": 1,
        "recipient": "Edison Packard",
        "details": [{"quantity": 2, "variantId": 1, "netUnitValue": 12000}],
        "client": CLIENT,
        **body,
    }
    response = api.post("/v1/shippings.json", json=payload)
    assert response.status_code == status, response.text
    return response.json()


def place(shipping: dict[str, Any]) -> tuple[Any, ...]:
    return shipping["address"], shipping["municipality"], shipping["city"], shipping["recipient"]


def test_documented_example_makes_a_guide_and_takes_stock(api: httpx.Client, published: list) -> None:
    request = reference_endpoints()["POST /v1/shippings.json"]["request"]
    code = api.get("/v1/variants/1.json").json()["code"]
    before = stock_quantity(api, 1, 1)
    details = [{**request["details"][0], "code": code, "quantity": 2}]
    body = {**request, "documentTypeId": GUIDE_TYPE, "client": CLIENT, "details": details}
    shipping = ship(api, **body)
    assert list(shipping) == documented_keys("POST /v1/shippings.json")
    assert place(shipping) == ("la quebrada 1005", "Puerto Varas", "Puerto Varas", "Edison Packard")
    assert shipping["shippingDate"] == 1462492800 and shipping["state"] == 0
    assert shipping["shipping_type"]["id"] == "6" and shipping["office"]["id"] == "1"
    guide = api.get(shipping["guide"]["href"]).json()
    assert guide["document_type"]["id"] == str(GUIDE_TYPE) and guide["emissionDate"] == 1462492800
    assert stock_quantity(api, 1, 1) == before - 2
    assert ("document", "post", guide["id"], {"officeId": 1}) in published
    assert ("stock", "put", 1, {"officeId": 1}) in published
    assert not [event for event in published if event[0] == "payment"]


def test_served_keys_and_every_href_resolves(api: httpx.Client) -> None:
    shipping = ship(api)
    one = api.get(shipping["href"]).json()
    assert one == shipping
    assert set(documented_keys("GET /v1/shippings/{id}.json")) <= set(one)
    assert isinstance(one["id"], int) and isinstance(one["guide"]["id"], str)
    details = api.get(one["details"]["href"]).json()
    assert details["count"] == 1
    detail = details["items"][0]
    assert list(detail) == documented_keys("GET /v1/shippings/{shippingId}/details/{id}.json")
    assert detail["quantity"] == 2 and detail["variant"]["id"] == "1"
    assert detail["variantStock"] == stock_quantity(api, 1, 1)
    assert api.get(detail["href"]).json() == detail
    links = [value["href"] for value in one.values() if isinstance(value, dict)] + [detail["variant"]["href"]]
    for url in links:
        assert api.get(url).status_code == 200, url


def test_transfer_moves_stock_between_offices(api: httpx.Client, published: list) -> None:
    origin, destination = stock_quantity(api, 1, 1), stock_quantity(api, 1, 2)
    shipping = ship(api, shippingTypeId=TRANSFER, destinationOfficeId=2)
    assert shipping["shipping_type"]["id"] == str(TRANSFER)
    assert (stock_quantity(api, 1, 1), stock_quantity(api, 1, 2)) == (origin - 2, destination + 2)
    stock_events = [event for event in published if event[0] == "stock"]
    assert stock_events == [("stock", "put", 1, {"officeId": 1}), ("stock", "put", 1, {"officeId": 2})]


def test_guide_from_an_existing_document(api: httpx.Client) -> None:
    factura = sell(api, codeSii=33, client=CLIENT, details=[{"variantId": 3, "quantity": 4, "taxId": "[1]"}])
    detail = details_of(api, factura)[0]
    before = stock_quantity(api, 3, 1)
    shipping = ship(api, details=[{"detailId": detail["id"], "quantity": 3}])
    guide_detail = details_of(api, api.get(shipping["guide"]["href"]).json())[0]
    assert guide_detail["relatedDetailId"] == detail["id"] and guide_detail["quantity"] == 3
    assert stock_quantity(api, 3, 1) == before - 3
    assert api.get(shipping["details"]["href"]).json()["items"][0]["variant"]["id"] == "3"


def test_every_dispatched_document_has_a_shipping(api: httpx.Client) -> None:
    boleta = sell(api, dispatch=1, officeId=2, details=[{"variantId": 1, "quantity": 2, "taxId": "[1]"}])
    listed = api.get(f"/v1/shippings.json?documentid={boleta['id']}").json()
    assert listed["count"] == 1
    shipping = listed["items"][0]
    assert place(shipping) == (None, "", "", None)
    assert shipping["shipping_type"]["id"] == "1" and shipping["office"]["id"] == "2"
    costs = api.get(f"/v1/documents/costs.json?documentid={boleta['id']}").json()
    shipped = api.get(shipping["details"]["href"]).json()["items"][0]
    assert costs["cost_detail"][0]["shipping_detail"]["href"] == shipped["href"]
    assert api.get(f"/v1/shippings.json?documentid={sell(api)['id']}").json()["count"] == 0


def test_list_filters_and_expand(api: httpx.Client) -> None:
    def ids(query: str) -> list[int]:
        return [item["id"] for item in api.get(f"/v1/shippings.json?{query}&limit=50").json()["items"]]

    seeded = {query: ids(query) for query in ("officeid=2", "shippingtypeid=5", "state=0")}
    transfer = ship(api, shippingTypeId=TRANSFER, destinationOfficeId=3, officeId=2, emissionDate=1407715200)
    note = sell(api, documentTypeId=1, dispatch=1, emissionDate=1407715200)
    assert ids("shippingdate=1407715200") == [transfer["id"], transfer["id"] + 1]
    assert ids("officeid=2") == [*seeded["officeid=2"], transfer["id"]]
    assert ids("shippingtypeid=5") == [*seeded["shippingtypeid=5"], transfer["id"]]
    assert ids(f"documentid={note['id']}") == [transfer["id"] + 1]
    assert api.delete(f"/v1/documents/{note['id']}.json").status_code == 200
    assert ids("state=1") == [transfer["id"] + 1]
    assert ids("state=0") == [*seeded["state=0"], transfer["id"]]
    expanded = api.get(f"/v1/shippings/{transfer['id']}.json?expand=[guide,shipping_type,details]").json()
    assert expanded["guide"]["id"] == int(transfer["guide"]["id"])
    assert expanded["shipping_type"]["name"] == "Traslados internos"
    assert expanded["details"]["count"] == 1 and expanded["details"]["items"][0]["quantity"] == 2
    page = api.get("/v1/shippings.json?fields=[shippingdate,recipient]&limit=1").json()
    assert list(page["items"][0]) == ["href", "shippingDate", "recipient"] and "next" in page


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"codeSii": 39}, "invalid documentType"),
        ({"codeSii": None, "documentTypeId": 99}, "invalid documentType"),
        ({"shippingTypeId": 99}, "invalid shipping type"),
        ({"shippingTypeId": TRANSFER}, "invalid destination office"),
        ({"shippingTypeId": TRANSFER, "destinationOfficeId": 1}, "invalid destination office"),
        ({"shippingTypeId": TRANSFER, "destinationOfficeId": 99}, "invalid destination office"),
        ({"client": None}, 'This document type has the following client attributes required: "Rut del Cliente"'),
        ({"officeId": 99}, "invalid office"),
        ({"details": [{"variantId": 1, "quantity": 0}]}, "invalid quantity"),
        ({"details": [{"variantId": 99999, "quantity": 1}]}, "invalid variant"),
    ],
)
def test_refused_shippings_change_nothing(
    api: httpx.Client, server: MockServer, published: list, body: dict[str, Any], message: str
) -> None:
    before = snapshot(server)
    assert ship(api, status=400, **body) == {"error": message}
    assert snapshot(server) == before and published == []


def test_shipping_more_than_the_stock_is_refused(api: httpx.Client, server: MockServer, published: list) -> None:
    code = api.get("/v1/variants/1.json").json()["code"]
    before = snapshot(server)
    too_many = stock_quantity(api, 1, 1) + 1
    refused = ship(api, status=400, details=[{"variantId": 1, "quantity": too_many}])
    assert refused == {"error": f"There is no stock for this products: {code}"}
    assert snapshot(server) == before and published == []


def test_companies_are_apart(api: httpx.Client, api_b: httpx.Client) -> None:
    count_b = api_b.get("/v1/shippings.json").json()["count"]
    shipping = ship(api)
    assert api_b.get(f"/v1/shippings/{shipping['id']}.json").status_code == 404
    assert api_b.get("/v1/shippings.json").json()["count"] == count_b
