"""Fault injection through the admin API, the Python API and the settings; and the request journal."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from tests.conftest import TOKEN_A, snapshot


def set_fault(api: httpx.Client, kind: str, cpn_id: int = 1, **options: Any) -> None:
    response = api.post("/_mock/faults", json={"cpnId": cpn_id, "kind": kind, **options})
    assert response.status_code == 201, response.text


def test_429_after_n_requests_with_retry_after(api: httpx.Client) -> None:
    set_fault(api, "429", after=2, retry_after=7)
    assert [api.get("/v1/offices.json").status_code for _ in range(2)] == [200, 200]
    refused = api.get("/v1/offices.json")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "7"
    assert refused.json() == {"error": "Too many requests", "retry_after": 7}


def test_500_is_bsales_not_available_and_a_refused_write_changes_nothing(api: httpx.Client, server: MockServer) -> None:
    set_fault(api, "500")
    before = snapshot(server)
    response = api.post("/v1/offices.json", json={"name": "Nunca"})
    assert response.status_code == 500
    assert response.json() == {"error": "The requested resource is not available"}
    assert snapshot(server) == before
    assert server.engine.server_errors == []


def test_503_strikes_only_v2_paths(api: httpx.Client) -> None:
    set_fault(api, "503")
    assert api.get("/v1/offices.json").status_code == 200
    answer = api.get("/v2/products/1.json")
    assert answer.status_code == 503
    assert answer.json() == {"error": "Service Unavailable"}


def test_spurious_401_with_a_good_token(api: httpx.Client) -> None:
    set_fault(api, "401", times=1)
    first = api.get("/v1/offices.json")
    assert first.status_code == 401
    assert first.json() == {"error": "Sorry, this request can not be authenticated"}
    assert api.get("/v1/offices.json").status_code == 200


def test_empty_items_keep_the_count(api: httpx.Client) -> None:
    normal = api.get("/v1/offices.json").json()
    set_fault(api, "empty")
    emptied = api.get("/v1/offices.json")
    assert emptied.status_code == 200
    assert emptied.json()["items"] == []
    assert emptied.json()["count"] == normal["count"] > 0
    assert int(emptied.headers["content-length"]) == len(emptied.content)


def test_duplicate_serves_the_same_record_on_two_pages(api: httpx.Client) -> None:
    set_fault(api, "duplicate")
    first = api.get("/v1/offices.json", params={"limit": 2}).json()
    second = api.get("/v1/offices.json", params={"limit": 2, "offset": 2}).json()
    assert first["items"][-1]["id"] == second["items"][0]["id"]


def test_latency_is_counted_and_the_answer_unchanged(api: httpx.Client, server: MockServer) -> None:
    set_fault(api, "latency", ms=20)
    assert api.get("/v1/offices/1.json").status_code == 200
    (latency,) = server.call(server.engine.faults.of, 1)
    assert (latency.kind, latency.injected) == ("latency", 1)


def statuses_under_seed(api: httpx.Client, seed: int) -> list[int]:
    api.delete("/_mock/faults")
    set_fault(api, "500", rate=0.5)
    assert api.post("/_mock/faults", json={"seed": seed}).status_code == 201
    return [api.get("/v1/offices/1.json").status_code for _ in range(24)]


def test_decisions_are_reproducible_under_a_seed(api: httpx.Client) -> None:
    first = statuses_under_seed(api, 42)
    assert set(first) == {200, 500}
    assert statuses_under_seed(api, 42) == first
    assert statuses_under_seed(api, 43) != first


def test_faults_are_per_company(api: httpx.Client, api_b: httpx.Client) -> None:
    set_fault(api, "500")
    assert api.get("/v1/offices.json").status_code == 500
    assert api_b.get("/v1/offices.json").status_code == 200


def test_python_api_and_clearing(api: httpx.Client, server: MockServer) -> None:
    server.call(lambda: server.engine.faults.set(1, "401", path="/v1/offices/"))
    assert api.get("/v1/offices.json").status_code == 200
    assert api.get("/v1/offices/1.json").status_code == 401
    listed = api.get("/_mock/faults").json()
    assert [fault["kind"] for fault in listed["companies"]["1"]] == ["401"]
    assert "duplicate" in listed["kinds"]
    assert api.delete("/_mock/faults", params={"cpnId": 1, "kind": "401"}).status_code == 200
    assert api.get("/v1/offices/1.json").status_code == 200


def test_reset_turns_faults_off(api: httpx.Client, server: MockServer) -> None:
    set_fault(api, "500")
    server.call(server.engine.reset)
    assert api.get("/v1/offices.json").status_code == 200


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"cpnId": 1, "kind": "teapot"}, 400),
        ({"cpnId": 1, "kind": "500", "rate": 2}, 400),
        ({"cpnId": 1, "kind": "500", "rate": "often"}, 400),
        ({"cpnId": 1, "kind": "500", "colour": "red"}, 400),
        ({"cpnId": 999, "kind": "500"}, 404),
    ],
)
def test_bad_fault_requests_are_refused(api: httpx.Client, body: dict[str, Any], status: int) -> None:
    response = api.post("/_mock/faults", json=body)
    assert response.status_code == status
    assert "error" in response.json()
    assert api.get("/_mock/faults").json()["companies"] == {}


def test_settings_faults_apply_to_every_company_and_survive_reset() -> None:
    settings = Settings(port=0, tokens=["x", "y"], faults=["429:after=1,retry_after=3"])
    with MockServer(settings) as live:
        for token in ("x", "y"):
            statuses = [httpx.get(f"{live.url}/v1/offices.json", headers={"access_token": token}).status_code
                        for _ in range(2)]
            assert statuses == [200, 429]
        live.call(live.engine.reset)
        assert httpx.get(f"{live.url}/v1/offices.json", headers={"access_token": "x"}).status_code == 200
        assert httpx.get(f"{live.url}/v1/offices.json", headers={"access_token": "x"}).status_code == 429


def test_journal_records_each_request_of_its_company(api: httpx.Client, api_b: httpx.Client) -> None:
    api.post("/v1/offices.json?x=1", json={"name": "Journal"})
    api.get("/v1/nowhere.json")
    api_b.get("/v1/offices/1.json")
    entries = api.get("/_mock/requests", params={"cpnId": 1}).json()
    assert [(e["method"], e["path"], e["query"], e["status"]) for e in entries] == [
        ("POST", "/v1/offices.json", "x=1", 201),
        ("GET", "/v1/nowhere.json", "", 404),
    ]
    assert entries[0]["body"] == {"name": "Journal"}
    assert [e["path"] for e in api.get("/_mock/requests", params={"cpnId": 2}).json()] == ["/v1/offices/1.json"]
    assert [e["cpnId"] for e in api.get("/_mock/requests", params={"method": "get"}).json()] == [1, 2]


def test_journal_keeps_unparsable_bodies_and_injected_faults(api: httpx.Client) -> None:
    set_fault(api, "500", times=1)
    api.post("/v1/offices.json", content=b"{broken")
    api.post("/v1/offices.json", content=b"{broken")
    entries = api.get("/_mock/requests", params={"cpnId": 1}).json()
    assert [(e["body"], e["status"], e["fault"]) for e in entries] == [("{broken", 500, "500"), ("{broken", 400, None)]


def test_journal_is_cleared_by_delete_and_by_reset(api: httpx.Client, server: MockServer) -> None:
    api.get("/v1/offices.json")
    assert api.delete("/_mock/requests", params={"cpnId": 1}).json() == {"cleared": True}
    assert api.get("/_mock/requests").json() == []
    api.get("/v1/offices.json")
    server.call(server.engine.reset)
    assert server.call(server.engine.journal.entries) == []


def test_instance_info_is_journaled_under_the_token_in_its_path(api: httpx.Client) -> None:
    httpx.get(f"{api.base_url}/v1/instances/basic/{TOKEN_A}.json")
    assert [e["path"] for e in api.get("/_mock/requests", params={"cpnId": 1}).json()] == [
        f"/v1/instances/basic/{TOKEN_A}.json"
    ]
