"""Configuration resources: shapes key for key against Bsale's examples, filters, counts, and the
hrefs they hand out."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import assert_every_url_resolves, documented_keys, reference_endpoints

# (served path, documented endpoint whose example it must match key for key)
SHAPES = [
    ("/v1/document_types/1.json", "GET /v1/document_types/{id}.json"),
    ("/v1/document_types.json?codesii=33", "GET /v1/document_types.json"),
    ("/v1/taxes/1.json", "GET /v1/taxes/{id}.json"),
    ("/v1/taxes.json", "GET /v1/taxes.json"),
    ("/v1/coins/1.json", "GET /v1/coins/{id}.json"),
    ("/v1/coins.json", "GET /v1/coins.json"),
    ("/v1/users/1.json", "GET /v1/users/{id}.json"),
    ("/v1/users.json", "GET /v1/users.json"),
    ("/v1/payment_types/1.json", "GET /v1/payment_types/{id}.json"),
    ("/v1/payment_types.json", "GET /v1/payment_types.json"),
    ("/v1/payment_types/5/dynamic_attributes.json", "GET /v1/payment_types/{paymentTypeId}/dynamic_attributes.json"),
    ("/v1/sale_conditions/1.json", "GET /v1/sale_conditions/{id}.json"),
    ("/v1/sale_conditions.json", "GET /v1/sale_conditions.json"),
    ("/v1/dynamic_attributes/1.json", "GET /v1/dynamic_attributes/{id}.json"),
    ("/v1/dynamic_attributes.json?documenttypeid=2", "GET /v1/dynamic_attributes.json"),
    ("/v1/dynamic_attributes/5/details.json", "GET /v1/dynamic_attributes/{dynamicAttributeId}/details.json"),
    ("/v1/dynamic_attributes/5/details/2.json", "GET /v1/dynamic_attributes/{dynamicAttributeId}/details/{id}.json"),
    ("/v1/book_types/1.json", "GET /v1/book_types/{id}.json"),
    ("/v1/book_types.json", "GET /v1/book_types.json"),
    ("/v1/dte_codes/8.json", "GET /v1/dte_codes/{id}.json"),
    ("/v1/dte_codes.json", "GET /v1/dte_codes.json"),
    ("/v1/shipping_types/6.json", "GET /v1/shipping_types/{id}.json"),
    ("/v1/shipping_types.json", "GET /v1/shipping_types.json"),
    ("/v1/discounts/1.json", "GET /v1/discounts/{id}.json"),
    ("/v1/discounts.json", "GET /v1/discounts.json"),
    ("/v1/document_types/caf.json?codesii=33", "GET /v1/document_types/caf.json"),
    ("/v1/document_types/number_availables.json?codesii=33", "GET /v1/document_types/number_availables.json"),
    ("/v1/coins/2/exchange_rate/1533223010.json", "GET /v1/coins/{coinId}/exchange_rate/{date}.json"),
]
COUNTS = ["document_types", "taxes", "coins", "payment_types", "sale_conditions", "book_types"]


def first_item(body: dict[str, Any]) -> dict[str, Any]:
    return body["items"][0] if "items" in body else body


@pytest.mark.parametrize(("path", "endpoint"), SHAPES, ids=[endpoint for _, endpoint in SHAPES])
def test_documented_keys_in_order_and_id_types(api: httpx.Client, path: str, endpoint: str) -> None:
    response = api.get(path)
    assert response.status_code == 200
    served = first_item(response.json())
    assert list(served) == documented_keys(endpoint)
    example = first_item(reference_endpoints()[endpoint]["response"])
    for key, value in served.items():
        if key == "id":
            assert isinstance(value, int)
        elif isinstance(example[key], dict) and "id" in example[key]:
            assert isinstance(value["id"], str)


@pytest.mark.parametrize("name", COUNTS)
def test_count_matches_the_list_and_the_state_filter(api: httpx.Client, name: str) -> None:
    listed = api.get(f"/v1/{name}.json", params={"limit": 50}).json()
    assert listed["count"] == len(listed["items"]) > 0
    assert api.get(f"/v1/{name}/count.json").json() == {"count": listed["count"]}
    by_state = [api.get(f"/v1/{name}/count.json", params={"state": state}).json()["count"] for state in (0, 1)]
    assert by_state == [api.get(f"/v1/{name}.json", params={"state": state}).json()["count"] for state in (0, 1)]
    assert sum(by_state) == listed["count"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/v1/document_types.json?codesii=39", {4}),
        ("/v1/document_types.json?issalesnote=1", {1}),
        ("/v1/document_types.json?booktypeid=3", {4, 5}),
        ("/v1/taxes.json?percentage=19", {1}),
        ("/v1/taxes.json?code=24", {2}),
        ("/v1/coins.json?default=true", {1}),
        ("/v1/coins.json?symbol=US$", {2}),
        ("/v1/users.json?officeid=1", {1, 2}),
        ("/v1/dynamic_attributes.json?paymenttypeid=5", {1, 2, 3}),
        ("/v1/dynamic_attributes.json?type=7", {5, 10}),
        ("/v1/dte_codes.json?codesii=61", {14}),
        ("/v1/shipping_types.json?codesii=5", {5}),
        ("/v1/discounts.json?state=1", {3}),
        ("/v1/book_types.json?dteprocess=Boleta", {3}),
        ("/v1/sale_conditions.json?timecondition=30", {2}),
    ],
)
def test_documented_filters(api: httpx.Client, path: str, expected: set[int]) -> None:
    assert {item["id"] for item in api.get(path).json()["items"]} == expected


@pytest.mark.parametrize(
    "path",
    [
        "/v1/users.json?expand=[office]",
        "/v1/document_types.json?expand=[book_type]",
        "/v1/dynamic_attributes.json?expand=[details,payment_type,document_type]",
        "/v1/payment_types.json",
        "/v1/payment_types/5/dynamic_attributes.json",
        "/v1/dte_codes.json?offset=20",
    ],
)
def test_every_href_resolves_on_the_mock(api: httpx.Client, server: MockServer, path: str) -> None:
    assert_every_url_resolves(api, server, path, at_least=6)


def test_document_type_links_its_book_only_when_it_has_one(api: httpx.Client) -> None:
    assert "book_type" not in api.get("/v1/document_types/1.json").json()
    invoice = api.get("/v1/document_types/2.json", params={"expand": "[book_type]"}).json()
    assert invoice["book_type"]["name"] == "Libro Venta"


def test_payment_type_links_its_dynamic_attributes_only_when_it_has_some(api: httpx.Client) -> None:
    assert "dynamic_attributes" not in api.get("/v1/payment_types/1.json").json()
    cheque = api.get("/v1/payment_types/5.json").json()
    attributes = api.get(cheque["dynamic_attributes"]["href"]).json()
    assert [item["name"] for item in attributes["items"]] == ["Banco", "Número", "Titular"]
    assert {item["payment_type"]["id"] for item in attributes["items"]} == {"5"}


def test_list_attribute_expands_its_options(api: httpx.Client) -> None:
    attribute = api.get("/v1/dynamic_attributes/10.json", params={"expand": "[details]"}).json()
    assert attribute["document_type"]["id"] == "6"
    assert attribute["details"]["count"] == 9
    assert attribute["details"]["items"][0]["name"] == "Operación Constituye Venta"
    assert "details" not in api.get("/v1/dynamic_attributes/1.json").json()


def test_caf_and_numbers_available_follow_the_next_folio(api: httpx.Client, server: MockServer) -> None:
    caf = api.get("/v1/document_types/caf.json", params={"documenttypeid": 2}).json()
    used = api.get("/v1/documents/count.json", params={"codesii": "33"}).json()["count"]
    assert (caf["startNumber"], caf["endNumber"], caf["lastNumberUsed"]) == (1, 5000, used)
    assert caf["numbersAvailable"] == 5000 - used and caf["expired"] is False
    assert caf["startDate"] < caf["expirationDate"]
    company = server.engine.store.by_token(api.headers["access_token"])
    assert company is not None
    server.call(company.table("document_types").update, 2, {"nextNumber": 51})
    after = api.get("/v1/document_types/caf.json", params={"codesii": "33", "nextnumber": 51}).json()
    assert (after["lastNumberUsed"], after["numbersAvailable"]) == (50, 4950)
    numbers = api.get("/v1/document_types/number_availables.json", params={"codesii": "33"}).json()
    assert numbers == {"numbers_available": 4950, "last": 50}


@pytest.mark.parametrize(
    "query",
    [{"codesii": "33", "nextnumber": 5001}, {"documenttypeid": 1}, {"codesii": "99"}, {}, {"documenttypeid": "x"}],
)
def test_no_caf_is_not_found(api: httpx.Client, query: dict[str, Any]) -> None:
    response = api.get("/v1/document_types/caf.json", params=query)
    assert (response.status_code, response.json()) == (404, {"error": "Resource not found"})


def test_exchange_rates_are_plausible_and_stable(api: httpx.Client) -> None:
    dollar = api.get("/v1/coins/2/exchange_rate/1533223010.json").json()["exchangeRate"]
    assert 800 < dollar < 1100
    assert api.get("/v1/coins/2/exchange_rate/1533223010.json").json()["exchangeRate"] == dollar
    assert api.get("/v1/coins/1/exchange_rate/1533223010.json").json() == {"exchangeRate": 1.0}
    assert api.get("/v1/coins/4/exchange_rate/1533223010.json").json()["exchangeRate"] > 30_000
    assert api.get("/v1/coins/99/exchange_rate/1533223010.json").status_code == 404
