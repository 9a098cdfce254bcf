"""Access tokens: every resource refuses a missing or unknown token with Bsale's 401, a company
never sees another's ids, and the instance info tells which company a token opens."""

from __future__ import annotations

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.resources.registry import REGISTRY
from tests.conftest import TOKEN_A, TOKEN_B, documented_keys, snapshot

NOT_AUTHENTICATED = {"error": "Sorry, this request can not be authenticated"}
NOT_FOUND = {"error": "Resource not found"}
EXTRA_PATHS = [
    "/v1/document_types/caf.json?codesii=33",
    "/v1/document_types/number_availables.json?codesii=33",
    "/v1/coins/2/exchange_rate/1533223010.json",
    "/v1/clients/discounts.json",
    "/v1/users/sales_summary.json",
    "/v1/users/1/sales.json",
    "/v1/users/1/returns.json",
    "/v1/coins/1/sales.json",
]


def served_paths() -> list[str]:
    """A list and a member URL of every registered resource (parent ids set to 1)."""
    paths: list[str] = []
    for resource in REGISTRY:
        base = resource.path
        if resource.parent_param:
            base = base.replace("{" + resource.parent_param + "}", "1")
        if resource.listable:
            paths.append(f"{base}.json")
        if resource.member and not resource.serves:
            paths.append(f"{base}/1.json")
    return paths + EXTRA_PATHS


@pytest.mark.parametrize("path", served_paths())
@pytest.mark.parametrize("headers", [{}, {"access_token": "not-a-token"}], ids=["missing", "unknown"])
def test_missing_or_unknown_token_is_refused(server: MockServer, path: str, headers: dict[str, str]) -> None:
    response = httpx.get(server.url + path, headers=headers)
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/clients.json", {"firstName": "Intrusa"}),
        ("PUT", "/v1/clients/1.json", {"firstName": "Intrusa"}),
        ("DELETE", "/v1/clients/1.json", None),
        ("POST", "/v1/clients/1/contacts.json", {"firstName": "Intrusa"}),
        ("PUT", "/v1/document_types.json", {"id": 1, "name": "Intrusa"}),
        ("POST", "/v1/payment_types.json", {"name": "Intrusa"}),
        ("PUT", "/v1/clients/points.json", {"clientId": 1, "points": 10}),
    ],
)
def test_writes_without_a_valid_token_change_nothing(
    api: httpx.Client, server: MockServer, method: str, path: str, body: object
) -> None:
    before = snapshot(server)
    response = httpx.request(method, server.url + path, json=body, headers={"access_token": "not-a-token"})
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)
    assert snapshot(server) == before


def test_another_companys_clients_are_unknown(api: httpx.Client, api_b: httpx.Client, server: MockServer) -> None:
    client = api_b.post("/v1/clients.json", json={"firstName": "Cliente de B"}).json()
    contact = api_b.post(f"/v1/clients/{client['id']}/contacts.json", json={"firstName": "Contacto de B"}).json()
    address = api_b.post("/v1/clients/1/addresses.json", json={"address": "Calle de B"}).json()
    payment_type = api_b.post("/v1/payment_types.json", json={"name": "Pago de B"}).json()
    before = snapshot(server)
    for path in (client["href"], contact["href"], address["href"], payment_type["href"],
                 f"/v1/clients/1/contacts/{contact['id']}.json", f"/v1/clients/{client['id']}/attributes.json"):
        assert (api.get(path).status_code, api.get(path).json()) == (404, NOT_FOUND), path
    assert api.put(client["href"], json={"firstName": "Robada"}).json() == NOT_FOUND
    assert api.delete(client["href"]).json() == NOT_FOUND
    assert api.delete(address["href"]).json() == NOT_FOUND
    assert api.put("/v1/document_types.json", json={"id": 2, "name": "Robada"}).status_code == 200
    assert api_b.get("/v1/document_types/2.json").json()["name"] == "FACTURA ELECTRÓNICA"
    assert api.put("/v1/clients/points.json", json={"clientId": client["id"], "points": 5}).json() == NOT_FOUND
    after = snapshot(server)
    assert after["companies"][1] == before["companies"][1]
    assert api_b.get(client["href"]).json()["firstName"] == "Cliente de B"


@pytest.mark.parametrize("token", [TOKEN_A, TOKEN_B])
def test_instance_info_names_the_company_of_the_token(server: MockServer, token: str) -> None:
    response = httpx.get(f"{server.url}/v1/instances/basic/{token}.json")
    assert response.status_code == 200
    instance = response.json()
    assert list(instance) == documented_keys("GET /v1/instances/basic/{token}.json")
    company = server.engine.store.by_token(token)
    assert company is not None
    assert (instance["id"], instance["country"], instance["state"]) == (company.cpn_id, "CL", 0)
    with httpx.Client(base_url=server.url, headers={"access_token": token}) as client:
        assert client.get("/v1/clients/count.json").status_code == 200


def test_instance_info_of_an_unknown_token(server: MockServer) -> None:
    response = httpx.get(f"{server.url}/v1/instances/basic/not-a-token.json")
    assert (response.status_code, response.json()) == (401, NOT_AUTHENTICATED)
