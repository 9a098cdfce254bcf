"""Offices: the exemplar resource for the registry conventions."""

from __future__ import annotations

import httpx

from tests.conftest import documented_keys, snapshot


def test_office_has_documented_keys_in_order(api: httpx.Client) -> None:
    office = api.get("/v1/offices/1.json").json()
    assert list(office) == documented_keys("GET /v1/offices/{id}.json")
    assert isinstance(office["id"], int)
    assert office["href"] == f"{api.base_url}/v1/offices/1.json".replace("//v1", "/v1")


def test_post_put_delete_office(api: httpx.Client) -> None:
    created = api.post("/v1/offices.json", json={"name": "Imaginex", "city": "Puerto Varas", "isVirtual": 0})
    assert created.status_code == 201
    office = created.json()
    assert office["name"] == "Imaginex" and office["state"] == 0
    updated = api.put(f"/v1/offices/{office['id']}.json", json={"id": str(office["id"]), "name": "Imaginex TI"})
    assert updated.json()["name"] == "Imaginex TI"
    deleted = api.delete(f"/v1/offices/{office['id']}.json")
    assert deleted.json()["state"] == 1
    assert api.get(f"/v1/offices/{office['id']}.json").json()["state"] == 1


def test_rejected_office_changes_nothing(api: httpx.Client, server) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(server)
    response = api.post("/v1/offices.json", json={"name": ["not", "a", "string"]})
    assert response.status_code == 400
    assert response.json() == {"error": "no implicit conversion of String into Integer"}
    assert snapshot(server) == before
