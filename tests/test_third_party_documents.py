"""Third-party (received purchase) documents: the seeded ones as Bsale serves them, filters, count,
and their acceptance or claim through `/v1/dtes/claims.json`."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from stdnum.cl import rut

from mockbsale import MockServer
from tests.conftest import reference_endpoints, snapshot

TRACKING = re.compile(r"EVENT\d{13}C1CL")


def documented(endpoint: str) -> Any:
    return reference_endpoints()[endpoint]["response"]


def received(api: httpx.Client, **query: Any) -> list[dict[str, Any]]:
    return api.get("/v1/third_party_documents.json", params={"limit": 50, **query}).json()["items"]


def without_status(api: httpx.Client) -> dict[str, Any]:
    return next(item for item in received(api) if item["siiStatus"] == [] and item["codeSii"] == "33")


def claim(api: httpx.Client, document: dict[str, Any], action: str, status: int = 200) -> Any:
    body = {"document": {"issuer": {"code": document["clientCode"]}, "code": document["codeSii"],
                         "number": document["number"]}, "actionCode": action}
    response = api.post("/v1/dtes/claims.json", json=body)
    assert response.status_code == status, response.text
    return response.json()


def test_seeded_documents_are_served_as_documented(api: httpx.Client) -> None:
    items = received(api)
    assert len(items) >= 5
    example = documented("GET /v1/third_party_documents/{id}.json")
    for item in items:
        assert list(item) == list(example)
        assert rut.is_valid(item["clientCode"]) and item["bookType"] == "compra"
        assert item["totalAmount"] == item["netAmount"] + item["ivaAmount"] + item["exemptAmount"]
        assert isinstance(item["id"], int) and isinstance(item["siiStatus"], list)
        assert api.get(item["href"]).json() == item
    assert api.get("/v1/third_party_documents/count.json").json() == {"count": len(items)}
    assert api.get("/v1/third_party_documents/99999.json").status_code == 404


def test_filters(api: httpx.Client) -> None:
    everything = received(api)
    first = everything[0]

    def ids(**query: Any) -> list[int]:
        return [item["id"] for item in received(api, **query)]

    def expected(**match: Any) -> list[int]:
        return [item["id"] for item in everything if all(item[key] == value for key, value in match.items())]

    assert ids(codesii="33") == expected(codeSii="33") != []
    assert ids(number=first["number"]) == expected(number=first["number"])
    assert ids(clientcode=first["clientCode"]) == expected(clientCode=first["clientCode"])
    assert ids(year=first["year"], month=first["month"]) == expected(year=first["year"], month=first["month"])
    assert ids(emissiondate=first["emissionDate"]) == expected(emissionDate=first["emissionDate"])
    assert first["id"] in ids(receptiondate=first["siiReceptionDate"])
    count = api.get("/v1/third_party_documents/count.json", params={"codesii": "33"}).json()["count"]
    assert count == len(expected(codeSii="33"))


def test_accepting_a_document_is_registered_and_tracked(api: httpx.Client) -> None:
    document = without_status(api)
    answer = claim(api, document, "ACD")
    example = documented("POST /v1/dtes/claims.json")
    assert list(answer) == list(example) and list(answer["data"]) == list(example["data"])
    data = answer["data"]
    assert answer["code"] == 200 and TRACKING.fullmatch(data["trackingNumber"])
    assert data["document"] == {"number": str(document["number"]), "code": "33",
                                "issuer": {"code": document["clientCode"]}}
    assert list(data["cpn"]) == ["date", "id", "code"] and data["cpn"]["id"] == 1
    assert rut.is_valid(data["cpn"]["code"])
    assert api.get(document["href"]).json()["siiStatus"] == ["ACD"]
    tracked = api.get("/v1/dtes/claims.json", params={"tracking_number": data["trackingNumber"]}).json()
    status_example = documented("GET /v1/dtes/claims.json")
    assert list(tracked) == list(status_example) and list(tracked["data"]) == list(status_example["data"])
    assert tracked["data"]["response"] == {"code": "0", "description": "Accion Completada OK"}
    assert (tracked["data"]["actionCode"], tracked["data"]["issuerCode"]) == ("ACD", document["clientCode"])
    claim(api, document, "ERM")
    by_document = api.get("/v1/dtes/claims.json", params={"document_code": "33",
                                                          "document_number": document["number"]}).json()
    assert [row["actionCode"] for row in by_document["data"]] == ["ACD", "ERM"]
    assert api.get(document["href"]).json()["siiStatus"] == ["ACD", "ERM"]


def test_a_second_action_on_the_same_matter_is_answered_registered_before(api: httpx.Client) -> None:
    document = without_status(api)
    claim(api, document, "RCD")
    second = claim(api, document, "ACD")["data"]["trackingNumber"]
    tracked = api.get("/v1/dtes/claims.json", params={"tracking_number": second}).json()["data"]
    assert tracked["response"] == {"code": "7", "description": "Evento registrado previamente"}
    assert api.get(document["href"]).json()["siiStatus"] == ["RCD"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"actionCode": "XYZ"}, "invalid actionCode"),
        ({"actionCode": None}, "invalid actionCode"),
        ({"document": None}, "invalid document"),
        ({"document": "33"}, "no implicit conversion of String into Integer"),
        ({"document": {"issuer": {"code": "1-9"}, "code": "33", "number": 1}}, "invalid document"),
    ],
)
def test_refused_claims_change_nothing(
    api: httpx.Client, server: MockServer, change: dict[str, Any], message: str
) -> None:
    document = without_status(api)
    body = {"document": {"issuer": {"code": document["clientCode"]}, "code": "33", "number": document["number"]},
            "actionCode": "ACD", **change}
    before = snapshot(server)
    response = api.post("/v1/dtes/claims.json", json=body)
    assert (response.status_code, response.json()) == (400, {"error": message})
    assert snapshot(server) == before


def test_claim_status_queries(api: httpx.Client) -> None:
    missing = api.get("/v1/dtes/claims.json")
    assert missing.status_code == 400 and "tracking_number" in missing.json()["error"]
    assert api.get("/v1/dtes/claims.json", params={"document_code": "33"}).status_code == 400
    assert api.get("/v1/dtes/claims.json", params={"tracking_number": "EVENT1C1CL"}).status_code == 404
    none = api.get("/v1/dtes/claims.json", params={"document_code": "33", "document_number": "1"}).json()
    assert none == {"code": 200, "data": []}


def test_companies_are_apart(api: httpx.Client, api_b: httpx.Client) -> None:
    document = without_status(api)
    tracking = claim(api, document, "ERM")["data"]["trackingNumber"]
    assert api_b.get("/v1/dtes/claims.json", params={"tracking_number": tracking}).status_code == 404
