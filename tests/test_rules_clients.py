"""Client rules a client sees: what a new contact or address holds, what an edit keeps, how a
document's inline client is matched or made, points, and the write times of Mexico's clients."""

from __future__ import annotations

import time

import httpx

from mockbsale import MockServer
from tests.conftest import TOKEN_MX, company_client, snapshot
from tests.test_checkout import stopped_clock  # noqa: F401 (a fixture)

PERSON = 2  # seeded: a person, no payment type nor sale condition
COMPANY = 1  # seeded: a company with payment type 2 and sale condition 2, one contact
TYPE_MISMATCH = "no implicit conversion of String into Integer"
RUT_REQUIRED = 'This document type has the following client attributes required: "Rut del Cliente"'
LINE = {"variantId": 1, "quantity": 1, "taxId": "[1]"}


def stored(api: httpx.Client, table: str, row_id: int) -> dict:
    """A row of company A as `GET /_mock/snapshot` serves it (what a state file keeps)."""
    company = next(c for c in api.get("/_mock/snapshot").json()["companies"] if c["cpnId"] == 1)
    return next(row for row in company["tables"][table]["rows"] if row["id"] == row_id)


def test_a_contact_fills_what_it_leaves_out_with_empty_text(api: httpx.Client) -> None:
    contact = api.post(f"/v1/clients/{COMPANY}/contacts.json", json={"firstName": "Ana"}).json()
    assert (contact["firstName"], contact["lastName"], contact["phone"], contact["email"]) == ("Ana", "", "", "")


def test_an_address_edit_keeps_what_it_does_not_name(api: httpx.Client) -> None:
    body = {"addressName": "Casa", "address": "Av. Siempre Viva 742", "city": "Osorno", "municipality": "Osorno"}
    address = api.post(f"/v1/clients/{PERSON}/addresses.json", json=body).json()
    edited = api.put(address["href"], json={"city": "Valdivia"}).json()
    assert {key: edited[key] for key in (*body, "state")} == {**body, "city": "Valdivia", "state": 0}


def test_a_deleted_contact_is_kept_inactive(api: httpx.Client) -> None:
    contact = api.post(f"/v1/clients/{COMPANY}/contacts.json", json={"firstName": "Ana"}).json()
    assert stored(api, "client_contacts", contact["id"])["state"] == 0
    assert api.delete(contact["href"]).status_code == 200
    assert stored(api, "client_contacts", contact["id"])["state"] == 1


def test_points_are_added_unless_taken_and_dated_by_the_mock_s_clock(
    api: httpx.Client, stopped_clock: int,  # noqa: F811 (the fixture imported above)
) -> None:
    added = api.put("/v1/clients/points.json", json={"clientId": PERSON, "points": 30})
    assert added.status_code == 200
    assert (added.json()["points"], added.json()["pointsUpdated"]) == (30, stopped_clock)
    taken = api.put("/v1/clients/points.json", json={"clientId": str(PERSON), "points": "10", "type": "1"}).json()
    assert taken["points"] == 20


def test_points_with_a_bad_value_change_nothing(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    for body, message in (
        ({"points": 5}, "clientId can't be blank"),
        ({"clientId": 2.5, "points": 5}, TYPE_MISMATCH),
        ({"clientId": PERSON, "points": 2.5}, TYPE_MISMATCH),
        ({"clientId": PERSON, "points": 5, "type": 0.5}, TYPE_MISMATCH),
        ({"clientId": PERSON, "points": 5, "description": ["Suma"]}, TYPE_MISMATCH),
        ({"clientId": PERSON, "points": 5, "orderId": {"id": 1}}, TYPE_MISMATCH),
    ):
        response = api.put("/v1/clients/points.json", json=body)
        assert (response.status_code, response.json()) == (400, {"error": message}), body
    assert snapshot(server) == before


def test_a_client_edit_keeps_what_it_does_not_name(api: httpx.Client) -> None:
    before = api.get(f"/v1/clients/{COMPANY}.json").json()
    edited = api.put(f"/v1/clients/{COMPANY}.json", json={"city": "Valdivia"}).json()
    assert edited == {**before, "city": "Valdivia"}


def test_a_document_client_is_checked_through_the_api(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    for client in ("Imaginex", ["Imaginex"]):
        response = api.post("/v1/documents.json", json={"codeSii": 39, "client": client, "details": [LINE]})
        assert (response.status_code, response.json()) == (400, {"error": TYPE_MISMATCH}), client
    assert snapshot(server) == before


def test_a_foreign_client_of_a_factura_needs_no_rut(api: httpx.Client, server: MockServer) -> None:
    client = {"company": "Mountain Apple Company Inc", "code": "P-4711", "activity": "Computadores",
              "address": "1 Infinite Loop", "municipality": "Cupertino", "city": "Cupertino"}
    before = snapshot(server)
    response = api.post("/v1/documents.json", json={"codeSii": 33, "client": client, "details": [LINE]})
    assert (response.status_code, response.json()) == (400, {"error": RUT_REQUIRED})
    assert snapshot(server) == before
    response = api.post("/v1/documents.json", json={
        "codeSii": 33, "client": {**client, "isForeigner": "1"}, "details": [LINE]})
    assert response.status_code == 201, response.text
    made = stored(api, "clients", int(response.json()["client"]["id"]))
    assert (made["company"], made["code"], made["isForeigner"]) == ("Mountain Apple Company Inc", "P-4711", 1)


def test_a_document_client_without_code_is_a_new_client(api: httpx.Client) -> None:
    odd = api.post("/v1/clients.json", json={"firstName": "Raro", "code": "XXXX"}).json()
    response = api.post("/v1/documents.json", json={"codeSii": 39, "client": {"firstName": "Ana"}, "details": [LINE]})
    made = api.get(response.json()["client"]["href"]).json()
    assert made["id"] not in (odd["id"], PERSON) and (made["firstName"], made["code"]) == ("Ana", "")


def test_a_mexican_client_carries_the_times_of_its_writes(mexico: MockServer) -> None:
    """Mexico's clients stamp `createdAt` and `updatedAt` by the mock's clock; Chile's carry neither."""
    with company_client(mexico, TOKEN_MX) as mx:
        try:
            mexico.call(setattr, mexico.engine, "clock", lambda: 1710504000)
            body = {"firstName": "Armando", "code": "XAXX010101000", "postalCode": "06700", "regime": "616"}
            created = mx.post("/v1/clients.json", json=body).json()
            assert (created["createdAt"], created["updatedAt"]) == (1710504000, 1710504000)
            mexico.call(setattr, mexico.engine, "clock", lambda: 1710507600)
            edited = mx.put(created["href"], json={"lastName": "Paredes"}).json()
            assert (edited["createdAt"], edited["updatedAt"]) == (1710504000, 1710507600)
        finally:
            mexico.call(setattr, mexico.engine, "clock", time.time)


def test_a_chilean_client_carries_no_write_times(api: httpx.Client) -> None:
    created = api.post("/v1/clients.json", json={"firstName": "Ana"}).json()
    edited = api.put(created["href"], json={"lastName": "Rojas"}).json()
    assert not {"createdAt", "updatedAt"} & (set(created) | set(edited) | set(stored(api, "clients", created["id"])))


def test_a_new_client_holds_bsale_s_defaults(api: httpx.Client) -> None:
    body = {"firstName": "Ana", "lastName": "Rojas", "dynamicAttributes": [{"dynamicAttributeId": "13"}]}
    created = api.post("/v1/clients.json", json=body).json()
    assert stored(api, "clients", created["id"]) == {
        "id": created["id"], "firstName": "Ana", "lastName": "Rojas", "email": "", "code": "", "phone": "",
        "company": "Ana Rojas", "note": "", "facebook": "", "twitter": "", "hasCredit": 0, "maxCredit": "0.0",
        "state": 0, "activity": "Sin Giro", "city": "", "municipality": "", "address": "", "companyOrPerson": 0,
        "accumulatePoints": 0, "sendDte": 0, "isForeigner": 0, "points": 0, "pointsUpdated": "",
        "commerciallyBlocked": 0, "prestashopClienId": 0, "paymentTypeId": None, "priceListId": None,
        "saleConditionId": None,
    }
    values = api.get(created["attributes"]["href"]).json()["items"]
    assert sorted((item["id"], item["value"]) for item in values) == [(11, ""), (12, ""), (13, "")]


def test_dynamic_attributes_name_a_client_attribute_by_a_whole_id(api: httpx.Client, server: MockServer) -> None:
    before = snapshot(server)
    for entries, message in (
        ([13], TYPE_MISMATCH),
        ([{"dynamicAttributeId": 13}, "Rubro"], TYPE_MISMATCH),
        ([{"description": "Minería"}], "dynamicAttributeId can't be blank"),
        ([{"dynamicAttributeId": 12.5, "description": "7"}], TYPE_MISMATCH),
    ):
        response = api.post("/v1/clients.json", json={"firstName": "Ana", "dynamicAttributes": entries})
        assert (response.status_code, response.json()) == (400, {"error": message}), entries
    assert snapshot(server) == before


def test_an_empty_relation_clears_it_and_a_fraction_is_refused(api: httpx.Client, server: MockServer) -> None:
    cleared = api.put(f"/v1/clients/{COMPANY}.json", json={"paymentTypeId": None, "saleConditionId": ""}).json()
    assert "payment_type" not in cleared and "sale_condition" not in cleared
    before = snapshot(server)
    for key in ("paymentTypeId", "saleConditionId", "priceListId"):
        response = api.put(f"/v1/clients/{COMPANY}.json", json={key: 1.5})
        assert (response.status_code, response.json()) == (400, {"error": TYPE_MISMATCH}), key
    assert snapshot(server) == before


def test_points_take_a_text_order_id_and_description(api: httpx.Client) -> None:
    body = {"clientId": PERSON, "points": 5, "description": "Compra web", "orderId": "PED-77"}
    response = api.put("/v1/clients/points.json", json=body)
    assert (response.status_code, response.json()["points"]) == (200, 5)


def test_a_new_client_keeps_the_relations_it_names(api: httpx.Client) -> None:
    body = {"firstName": "Ana", "paymentTypeId": 2, "saleConditionId": "2", "priceListId": 2}
    created = api.post("/v1/clients.json", json=body).json()
    assert [created[name]["id"] for name in ("payment_type", "sale_condition", "price_list")] == ["2", "2", "2"]
