"""Clients with their contacts, addresses, attributes and points; matching a document's client."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.domain.clients import find_or_create_client
from mockbsale.domain.context import Ctx
from mockbsale.http.errors import BsaleError
from mockbsale.store.table import Row
from tests.conftest import TOKEN_A, documented_keys, reference_endpoints, snapshot

PERSON = 2  # seeded: a person, no payment type nor sale condition
COMPANY = 1  # seeded: a company with payment type 2 and sale condition 2, one contact
TYPE_MISMATCH = "no implicit conversion of String into Integer"


def client_keys(*links: str) -> list[str]:
    """Bsale's documented client keys, with `email` (served after `lastName`) and optional links."""
    keys = documented_keys("GET /v1/clients/{id}.json")
    keys.insert(keys.index("lastName") + 1, "email")
    at = keys.index("contacts")
    return keys[:at] + list(links) + keys[at:]


def request_example(endpoint: str) -> dict[str, Any]:
    return dict(reference_endpoints()[endpoint]["request"])


def test_client_keys_in_order_with_optional_links(api: httpx.Client) -> None:
    person = api.get(f"/v1/clients/{PERSON}.json").json()
    assert list(person) == client_keys()
    company = api.get(f"/v1/clients/{COMPANY}.json").json()
    assert list(company) == client_keys("payment_type", "sale_condition")
    assert company["payment_type"]["id"] == "2" and isinstance(company["id"], int)
    listed = api.get("/v1/clients.json").json()
    assert listed["count"] == 30 and list(listed["items"][1]) == client_keys()


@pytest.mark.parametrize(
    ("param", "key"),
    [("code", "code"), ("firstname", "firstName"), ("lastname", "lastName"), ("email", "email")],
)
def test_text_filters(api: httpx.Client, param: str, key: str) -> None:
    wanted = api.get("/v1/clients/7.json").json()[key]
    found = api.get("/v1/clients.json", params={param: wanted}).json()["items"]
    assert 7 in {item["id"] for item in found}
    assert all(item[key] == wanted for item in found)


def test_relation_and_state_filters_and_count(api: httpx.Client) -> None:
    companies = api.get("/v1/clients.json", params={"paymenttypeid": 2}).json()
    assert companies["count"] == 10
    assert api.get("/v1/clients.json", params={"salesconditionid": 2}).json()["count"] == 10
    api.delete(f"/v1/clients/{PERSON}.json")
    assert api.get("/v1/clients/count.json").json() == {"count": 30}
    assert api.get("/v1/clients/count.json", params={"state": 0}).json() == {"count": 29}
    assert api.get("/v1/clients.json", params={"state": 99}).json()["items"][0]["id"] == PERSON


def test_post_client_as_documented(api: httpx.Client) -> None:
    body = request_example("POST /v1/clients.json")
    response = api.post("/v1/clients.json", json=body)
    assert response.status_code == 201
    client = response.json()
    assert list(client) == client_keys()
    assert (client["id"], client["code"], client["email"], client["maxCredit"]) == (
        31, "98765432-1", "armando@paredes.cl", "100000.0"
    )
    assert (client["state"], client["points"], client["accumulatePoints"]) == (0, 0, 1)
    assert api.get(client["href"]).json() == client
    again = api.post("/v1/clients.json", json=body).json()
    assert again["id"] == 32 and again["code"] == client["code"]
    assert api.get("/v1/clients.json", params={"code": "98765432-1"}).json()["count"] == 2


def test_post_client_defaults(api: httpx.Client) -> None:
    client = api.post("/v1/clients.json", json={"firstName": "Ana", "lastName": "Rojas"}).json()
    assert (client["company"], client["activity"], client["pointsUpdated"]) == ("Ana Rojas", "Sin Giro", "")
    foreigner = api.post("/v1/clients.json", json={"company": "Mountain Apple Company Inc", "isForeigner": 1}).json()
    assert foreigner["code"] == "55555555-5"


def test_client_attributes(api: httpx.Client) -> None:
    attributes = api.get(f"/v1/clients/{PERSON}/attributes.json").json()
    item = attributes["items"][0]
    assert list(item) == documented_keys("GET /v1/clients/{clientId}/attributes.json")
    assert item["href"].endswith(f"/v1/dynamic_attributes/{item['id']}.json")
    assert api.get(item["href"]).json()["name"] == item["name"]
    birthday = next(entry["id"] for entry in attributes["items"] if entry["name"] == "Fecha de Nacimiento")
    body = {"firstName": "Ana", "dynamicAttributes": [{"description": "21/03/1983", "dynamicAttributeId": birthday}]}
    client = api.post("/v1/clients.json", json=body).json()
    values = {entry["id"]: entry["value"] for entry in api.get(client["attributes"]["href"]).json()["items"]}
    assert values[birthday] == "21/03/1983"
    api.put(client["href"], json={"dynamicAttributes": [{"description": "22/03/1983", "dynamicAttributeId": birthday}]})
    expanded = api.get(client["href"], params={"expand": "[attributes,contacts]"}).json()
    assert {entry["id"]: entry["value"] for entry in expanded["attributes"]["items"]}[birthday] == "22/03/1983"
    assert expanded["contacts"]["count"] == 0


def test_put_client_as_documented(api: httpx.Client) -> None:
    body = {**request_example("PUT /v1/clients/{id}.json"), "id": str(COMPANY)}
    response = api.put(f"/v1/clients/{COMPANY}.json", json=body)
    assert response.status_code == 200
    client = response.json()
    assert (client["city"], client["lastName"], client["maxCredit"]) == ("Puerto Montt", "Muñoz", "100000.0")
    assert list(client) == client_keys("payment_type", "sale_condition")
    assert api.get(f"/v1/clients/{COMPANY}.json").json() == client
    linked = api.put(f"/v1/clients/{PERSON}.json", json={"priceListId": 2, "paymentTypeId": 1}).json()
    assert list(linked) == client_keys("payment_type", "price_list")
    cleared = api.put(f"/v1/clients/{PERSON}.json", json={"priceListId": 0}).json()
    assert "price_list" not in cleared


def test_delete_client_is_virtual(api: httpx.Client) -> None:
    deleted = api.delete(f"/v1/clients/{COMPANY}.json")
    assert deleted.status_code == 200 and deleted.json()["state"] == 99
    assert api.get(f"/v1/clients/{COMPANY}.json").json()["state"] == 99


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "message"),
    [
        ("POST", "/v1/clients.json", {"firstName": ["A"]}, 400, TYPE_MISMATCH),
        ("POST", "/v1/clients.json", {"firstName": "A", "paymentTypeId": 99}, 400, "Invalid payment type"),
        ("POST", "/v1/clients.json", {"firstName": "A", "saleConditionId": 99}, 400, "Invalid sale condition"),
        ("POST", "/v1/clients.json", {"firstName": "A", "priceListId": 99}, 400, "Invalid price list"),
        ("POST", "/v1/clients.json", {"dynamicAttributes": [{"dynamicAttributeId": 1}]}, 400,
         "Invalid dynamic attribute"),
        ("POST", "/v1/clients.json", {"dynamicAttributes": {"dynamicAttributeId": 11}}, 400, TYPE_MISMATCH),
        ("POST", "/v1/clients.json", {"hasCredit": 2**40}, 400,
         '"hasCredit" is out of range for ActiveRecord::Type::Integer with limit 4'),
        ("PUT", f"/v1/clients/{COMPANY}.json", {"maxCredit": "mucho"}, 400, TYPE_MISMATCH),
        ("PUT", "/v1/clients/999.json", {"firstName": "A"}, 404, "Resource not found"),
        ("POST", "/v1/clients/999/contacts.json", {"firstName": "A"}, 404, "Resource not found"),
        ("POST", "/v1/clients/999/addresses.json", {"address": "A"}, 404, "Resource not found"),
        ("DELETE", f"/v1/clients/{PERSON}/contacts/1.json", None, 404, "Resource not found"),
        ("PUT", "/v1/clients/points.json", {"clientId": 999, "points": 1}, 404, "Resource not found"),
        ("PUT", "/v1/clients/points.json", {"clientId": COMPANY}, 400, "points can't be blank"),
    ],
)
def test_rejected_client_writes_change_nothing(
    api: httpx.Client, server: MockServer, method: str, path: str, body: Any, status: int, message: str
) -> None:
    before = snapshot(server)
    response = api.request(method, path, json=body)
    assert (response.status_code, response.json()) == (status, {"error": message})
    assert snapshot(server) == before


def test_contacts(api: httpx.Client) -> None:
    listed = api.get(f"/v1/clients/{COMPANY}/contacts.json").json()
    assert listed["count"] == 1
    assert list(listed["items"][0]) == documented_keys("GET /v1/clients/{clientId}/contacts.json")
    example = reference_endpoints()["POST /v1/clients/{clientId}/contacts.json"]
    created = api.post(f"/v1/clients/{COMPANY}/contacts.json", json=example["request"])
    assert created.status_code == 201
    contact = created.json()
    assert list(contact) == list(example["response"])
    assert {key: contact[key] for key in example["request"]} == example["request"]
    assert contact["href"].endswith(f"/v1/clients/{COMPANY}/contacts/{contact['id']}.json")
    assert api.get(contact["href"]).json() == contact
    assert api.delete(contact["href"]).status_code == 200
    assert api.get(f"/v1/clients/{PERSON}/contacts/{contact['id']}.json").status_code == 404


def test_addresses(api: httpx.Client) -> None:
    example = reference_endpoints()["POST /v1/clients/{clientId}/addresses.json"]
    created = api.post(f"/v1/clients/{PERSON}/addresses.json", json=example["request"])
    assert created.status_code == 201
    address = created.json()
    assert list(address) == list(example["response"]) and address["state"] == 0
    put = reference_endpoints()["PUT /v1/clients/{clientId}/addresses/{id}.json"]
    edited = api.put(address["href"], json=put["request"]).json()
    assert {key: edited[key] for key in put["request"]} == put["request"]
    deleted = api.delete(address["href"]).json()
    assert list(deleted) == documented_keys("DELETE /v1/clients/{clientId}/addresses/{id}.json")
    assert deleted["state"] == 1
    listed = api.get(f"/v1/clients/{PERSON}/addresses.json").json()
    assert listed["count"] == 2
    assert api.get(f"/v1/clients/{PERSON}/addresses.json", params={"state": 1}).json()["items"] == [deleted]
    assert api.get(f"/v1/clients/{PERSON}/addresses.json", params={"city": "STGO"}).json()["count"] == 1


def test_points_add_and_subtract(api: httpx.Client) -> None:
    body = {**request_example("PUT /v1/clients/points.json"), "clientId": PERSON, "points": 120}
    added = api.put("/v1/clients/points.json", json=body)
    assert added.status_code == 200
    assert added.json()["points"] == 120 and isinstance(added.json()["pointsUpdated"], int)
    taken = api.put("/v1/clients/points.json", json={**body, "type": 1, "points": 20}).json()
    assert taken["points"] == 100


def test_discount_count_under_clients(api: httpx.Client) -> None:
    assert api.get("/v1/clients/discounts.json").json() == {"count": 3}
    assert api.get("/v1/clients/discounts.json", params={"state": 0}).json() == {"count": 2}


def match(server: MockServer, data: Any, **options: Any) -> Row:
    """`find_or_create_client` on company A, run on the server's loop as a request would."""
    company = server.engine.store.by_token(TOKEN_A)
    assert company is not None
    ctx = Ctx(company=company, base_url=server.url)
    return server.call(lambda: find_or_create_client(ctx, data, **options))


def test_document_client_is_matched_by_code(api: httpx.Client, server: MockServer) -> None:
    code = api.get(f"/v1/clients/{COMPANY}.json").json()["code"]
    before = snapshot(server)
    assert match(server, {"code": code, "company": "Otra"})["id"] == COMPANY
    assert snapshot(server) == before
    created = match(server, {"code": "11111111-1", "firstName": "Nueva"}, tax_document="33")
    assert created["id"] == 31 and api.get("/v1/clients/31.json").json()["firstName"] == "Nueva"
    assert match(server, {"code": "11111111-1"})["id"] == 31


@pytest.mark.parametrize(
    ("data", "options", "message"),
    [
        ({"code": "12345678-9"}, {"tax_document": "33"}, 'This document type has the following client attributes '
                                                      'required: "Rut del Cliente"'),
        ({"firstName": "Sin RUT"}, {"tax_document": "33"}, 'This document type has the following client attributes '
                                                        'required: "Rut del Cliente"'),
        ({"code": "11111111-1", "phone": ["x"]}, {}, TYPE_MISMATCH),
        (["not", "an", "object"], {}, TYPE_MISMATCH),
    ],
)
def test_invalid_document_client_is_refused(
    api: httpx.Client, server: MockServer, data: Any, options: dict[str, Any], message: str
) -> None:
    before = snapshot(server)
    with pytest.raises(BsaleError) as refused:
        match(server, data, **options)
    assert refused.value.message == message
    assert snapshot(server) == before


def test_duplicate_codes_make_a_document_client_ambiguous(api: httpx.Client, server: MockServer) -> None:
    code = api.get(f"/v1/clients/{PERSON}.json").json()["code"]
    duplicate = api.post("/v1/clients.json", json={"code": code, "firstName": "Doble"}).json()
    with pytest.raises(BsaleError) as refused:
        match(server, {"code": code})
    assert refused.value.message == f'There are more than a client with the code "{code}", client id: "{PERSON}"'
    api.delete(duplicate["href"])
    assert match(server, {"code": code})["id"] == PERSON
