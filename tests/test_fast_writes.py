"""The lean write path (`resources/writes.py`) answers exactly as Starlette's routes do: the same
requests sent to two servers seeded alike, one with the lean path switched off, get the same status,
headers and body, publish the same events and leave the same state (the engine's clock included)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.resources.writes import FastWrites
from tests.conftest import EventProbe

TOKEN = "token-fast-writes"
NOW = 1_700_000_000.0
DOCUMENT = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "declareSii": 0,
            "details": [{"variantId": 1, "quantity": 1, "netUnitValue": 1000}]}
Request = tuple[str, str, dict[str, Any]]
"""(method, path, httpx options)."""

CHILE: list[Request] = [
    ("POST", "/v1/documents.json", {"json": DOCUMENT}),
    ("POST", "/v1/documents.json", {"json": {**DOCUMENT, "salesId": "S-1"}}),
    ("POST", "/v1/documents.json", {"json": {**DOCUMENT, "salesId": "S-1"}}),
    ("POST", "/v1/documents.json", {"json": {**DOCUMENT, "details": [{"variantId": 999999, "quantity": 1}]}}),
    ("POST", "/v1/offices.json", {"content": b'{"name": "Casa'}),
    ("POST", "/v1/products.json", {"json": [{"name": "x"}]}),
    ("POST", "/v1/variants.json", {"content": b""}),
    ("POST", "/v1/offices.json", {"content": b'{"name": "' + b"x" * (3 * 1024 * 1024) + b'"}'}),
    ("POST", "/v1/offices.json", {"json": {"name": "Sin token"}, "headers": {"access_token": ""}}),
    ("POST", "/v1/offices.json", {"json": {"name": "Casa Matriz 2"}, "headers": {"host": "mock.example:8080"}}),
    ("PUT", "/v1/variants/1.json", {"json": {"description": "cambiada"}}),
    ("PUT", "/v1/variants/999999.json", {"json": {"description": "nadie"}}),
    ("PUT", "/v1/variants/12345678901.json", {"json": {"description": "id largo"}}),
    ("PUT", "/v1/offices/1.json", {"json": "name"}),
    ("DELETE", "/v1/variants/2.json", {}),
    ("DELETE", "/v1/documents/1.json?officeId=abc", {}),
    ("DELETE", "/v1/documents/1.json?officeId=1", {}),
]
MEXICO: list[Request] = [
    ("POST", "/v1/returns.json", {"json": {"documentTypeId": 1}}),
    ("POST", "/v1/markets/checkout.json", {"json": {}}),
    ("POST", "/v1/offices.json", {"json": {"name": "Sucursal"}}),
    ("PUT", "/v1/variants/1.json", {"json": {"description": "cambiada"}}),
]


def lean_path_off(server: MockServer) -> None:
    """Switch the server's `FastWrites` to passing every request on to Starlette's routes."""
    app: Any = server._server.config.app
    layer = app.middleware_stack
    while not isinstance(layer, FastWrites):
        layer = layer.app
    layer.collections.clear()
    layer.members.clear()


@pytest.fixture
def pair(request: pytest.FixtureRequest) -> Iterator[tuple[MockServer, MockServer, list[EventProbe]]]:
    """(lean, through Starlette) servers of one generated company of the parametrized country, a
    stopped clock each, and a probe of the events each publishes."""
    with ExitStack() as stack:
        servers = [stack.enter_context(MockServer(Settings(port=0, tokens=[TOKEN], seed=7, country=request.param)))
                   for _ in range(2)]
        probes = []
        for server in servers:
            probe = EventProbe()
            server.call(server.engine.listeners.append, probe)
            server.engine.clock = lambda: NOW
            httpx.get(f"{server.url}/v1/offices/count.json", headers={"access_token": TOKEN}).raise_for_status()
            probes.append(probe)
        lean_path_off(servers[1])
        yield servers[0], servers[1], probes


def answer(server: MockServer, method: str, path: str, options: dict[str, Any]) -> tuple[int, list[Any], bytes]:
    headers = {"access_token": TOKEN, "host": "mock.test", **options.get("headers", {})}
    sent = httpx.request(method, server.url + path, **{**options, "headers": headers}, timeout=30)
    """Status, headers and body (one Host for both servers: the same links)."""
    kept = sorted((name, value) for name, value in sent.headers.items() if name not in ("date", "server"))
    return sent.status_code, kept, sent.content


@pytest.mark.parametrize(("pair", "requests"), [("CL", CHILE), ("MX", MEXICO)], indirect=["pair"])
def test_lean_writes_answer_change_and_publish_as_starlettes_routes(
    pair: tuple[MockServer, MockServer, list[EventProbe]], requests: list[Request]
) -> None:
    lean, routed, probes = pair
    statuses = set()
    for method, path, options in requests:
        expected = answer(routed, method, path, options)
        assert answer(lean, method, path, options) == expected, f"{method} {path}"
        statuses.add(expected[0])
    assert probes[0].events == probes[1].events
    assert probes[0].events, "no request published an event"
    assert lean.call(lambda: [c.dump() for c in lean.engine.store.companies.values()]) == routed.call(
        lambda: [c.dump() for c in routed.engine.store.companies.values()])
    assert len(statuses) > 2, statuses
