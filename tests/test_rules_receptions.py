"""Stock receptions and consumptions: how a detail names its variant, and an edit that both adds a
variant and changes one already received."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import snapshot

TYPE_MISMATCH = "no implicit conversion of String into Integer"
RECEPTIONS = "/v1/stocks/receptions.json"


def stock(api: httpx.Client, variant_id: int) -> float:
    [row] = api.get("/v1/stocks.json", params={"variantid": variant_id, "officeid": 1}).json()["items"]
    return row["quantity"]


@pytest.mark.parametrize(("line", "message"), [
    ({"variantId": 2.5}, TYPE_MISMATCH),
    ({"id": 2.5}, TYPE_MISMATCH),
    ({"variantId": 2**31}, '"variantId" is out of range for ActiveRecord::Type::Integer with limit 4'),
    ({"id": 2**31}, '"id" is out of range for ActiveRecord::Type::Integer with limit 4'),
])
@pytest.mark.parametrize("path", [RECEPTIONS, "/v1/stocks/consumptions.json"])
def test_a_detail_names_its_variant_by_a_4_byte_integer(api: httpx.Client, server: MockServer, path: str,
                                                       line: dict[str, Any], message: str) -> None:
    before = snapshot(server)
    answer = api.post(path, json={"officeId": 1, "details": [{"quantity": 1, **line}]})
    assert (answer.status_code, answer.json()) == (400, {"error": message})
    assert snapshot(server) == before


def test_a_detail_may_name_its_variant_by_id(api: httpx.Client) -> None:
    before = stock(api, 3)
    answer = api.post(RECEPTIONS, json={"officeId": 1, "details": [{"quantity": 2, "id": "3"}]})
    assert answer.status_code == 201, answer.text
    assert stock(api, 3) == before + 2


def test_an_edit_adds_a_new_variant_and_changes_one_already_received(api: httpx.Client) -> None:
    created = api.post(RECEPTIONS, json={"officeId": 1, "details": [{"variantId": 2, "quantity": 5, "cost": 100}]})
    assert created.status_code == 201, created.text
    two, three = stock(api, 2), stock(api, 3)
    edited = api.put(f"/v1/stocks/receptions/{created.json()['id']}.json", json={
        "details": [{"variantId": 3, "quantity": 1, "cost": 50}, {"variantId": 2, "quantity": 7, "cost": 90}]})
    assert edited.status_code == 200, edited.text
    details = api.get(f"/v1/stocks/receptions/{created.json()['id']}/details.json").json()["items"]
    assert sorted((int(d["variant"]["id"]), d["quantity"], d["cost"]) for d in details) == [(2, 7.0, 90.0),
                                                                                          (3, 1.0, 50.0)]
    assert (stock(api, 2), stock(api, 3)) == (two + 2, three + 1)
