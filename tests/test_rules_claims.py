"""Claim rules a client sees (`/v1/dtes/claims.json`): the tracking number and date of an action
taken at a given instant, several actions in the same millisecond, a company whose instance has no
code, which document a claim names, the status query by document, and the claim kept in the data set."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from mockbsale import MockServer, Settings
from tests.conftest import snapshot
from tests.test_third_party_documents import claim, received

NOON = 1710504000  # 2024-03-15 12:00:00 UTC


def test_claims_at_one_instant_of_a_company_without_code(
    api: httpx.Client, server: MockServer, tmp_path: Path
) -> None:
    company = snapshot(server)["companies"][0]
    del company["instance"]["code"]  # an imported instance may come without it
    fixtures = tmp_path / "no_code.json"
    fixtures.write_text(json.dumps({"companies": [company]}))
    with MockServer(Settings(port=0, fixtures=str(fixtures))) as loaded, httpx.Client(
        base_url=loaded.url, headers={"access_token": company["token"]}, timeout=10
    ) as copy:
        loaded.call(setattr, loaded.engine, "clock", lambda: NOON)
        facturas = [item for item in received(copy) if item["codeSii"] == "33"]
        first = next(item for item in facturas if item["siiStatus"] == [])
        second = next(item for item in facturas if item is not first and not {"ACD", "RCD"} & set(item["siiStatus"]))
        cpn = company["cpnId"]
        accepted = claim(copy, first, "ACD")["data"]
        assert accepted["cpn"] == {"date": "2024-03-15T12:00:00.000+00:00", "id": cpn, "code": ""}
        assert accepted["trackingNumber"] == f"EVENT{NOON}000C{cpn}CL"
        # the same millisecond again: the next free one
        tracking = [claim(copy, *action)["data"]["trackingNumber"] for action in ((first, "ERM"), (second, "ACD"))]
        assert tracking == [f"EVENT{NOON}001C{cpn}CL", f"EVENT{NOON}002C{cpn}CL"]
        status = copy.get("/v1/dtes/claims.json", params={"tracking_number": tracking[0]}).json()
        assert status == {"code": 200, "data": {
            "trackingNumber": tracking[0], "cpnCode": "", "issuerCode": first["clientCode"], "actionCode": "ERM",
            "documentCode": "33", "documentNumber": str(first["number"]),
            "response": {"code": "0", "description": "Accion Completada OK"}, "generationDate": NOON}}
        by_document = copy.get("/v1/dtes/claims.json", params={"document_code": "33",
                                                                "document_number": second["number"]}).json()
        assert [row["trackingNumber"] for row in by_document["data"]] == [tracking[1]]
        kept = snapshot(loaded)["companies"][0]["tables"]["dte_claims"]["rows"]
        assert [row["thirdPartyDocumentId"] for row in kept] == [first["id"], first["id"], second["id"]]


def refused(api: httpx.Client, document: dict[str, Any]) -> Any:
    response = api.post("/v1/dtes/claims.json", json={"document": document, "actionCode": "ACD"})
    assert response.status_code == 400, response.text
    return response.json()


def test_a_claim_names_its_document_by_issuer_code_and_whole_number(api: httpx.Client) -> None:
    document = next(item for item in received(api) if item["siiStatus"] == [] and item["codeSii"] == "33")
    named = {"issuer": {"code": document["clientCode"]}, "code": "33", "number": document["number"]}
    assert refused(api, {**named, "issuer": {"code": "1-9"}}) == {"error": "invalid document"}
    assert refused(api, {**named, "code": "34"}) == {"error": "invalid document"}
    assert refused(api, {**named, "number": document["number"] + 0.5}) == {
        "error": "no implicit conversion of String into Integer"}
    assert api.get(document["href"]).json()["siiStatus"] == []
    assert claim(api, {**document, "number": str(document["number"])}, "ACD")["code"] == 200
