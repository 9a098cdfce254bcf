"""A real mock server on a free loopback port for the whole session; state reset before each test."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.webhooks.listen import Listener, Receiver

TOKEN_A = "token-company-a"
TOKEN_B = "token-company-b"
TOKEN_PE = "token-peru"
TOKEN_MX = "token-company-mx"
REFERENCE = Path(__file__).parent / "reference"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the `long` tests first, so that the two xdist workers share them and finish together
    (collected last, one of them would keep a worker busy after the other is done)."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


@pytest.fixture(scope="session")
def server() -> Iterator[MockServer]:
    with MockServer(Settings(port=0, tokens=[TOKEN_A, TOKEN_B], seed=7)) as live:
        yield live


@contextmanager
def country_server(country: str, token: str) -> Iterator[MockServer]:
    """A real mock server with one generated company of `country` (seed 7), on a free port."""
    with MockServer(Settings(port=0, tokens=[token], seed=7, country=country)) as live:
        yield live


@pytest.fixture(scope="session")
def peru_server() -> Iterator[MockServer]:
    """A Peruvian company on its own server, shared by every test module that needs one."""
    with country_server("PE", TOKEN_PE) as live:
        yield live


@pytest.fixture(scope="session")
def mexico() -> Iterator[MockServer]:
    """A Mexican company on its own server, shared by every test module that needs one."""
    with country_server("MX", TOKEN_MX) as live:
        yield live


@pytest.fixture
def pe(peru_server: MockServer) -> Iterator[httpx.Client]:
    """The Peruvian company's client, after it went back to its seeded data."""
    with company_client(peru_server, TOKEN_PE) as client:
        yield client


@pytest.fixture
def mx(mexico: MockServer) -> Iterator[httpx.Client]:
    """The Mexican company's client, after it went back to its seeded data."""
    with company_client(mexico, TOKEN_MX) as client:
        yield client


@contextmanager
def company_client(server: MockServer, token: str) -> Iterator[httpx.Client]:
    """An HTTP client for the company of `token`, after every company went back to its seeded data."""
    server.call(server.engine.reset)
    with httpx.Client(base_url=server.url, headers={"access_token": token}, timeout=10) as client:
        yield client


@pytest.fixture
def api(server: MockServer) -> Iterator[httpx.Client]:
    """An HTTP client for company A, after every company went back to its seeded data."""
    with company_client(server, TOKEN_A) as client:
        yield client


@pytest.fixture
def api_b(server: MockServer, api: httpx.Client) -> Iterator[httpx.Client]:
    """Company B's client (same reset as `api`)."""
    with httpx.Client(base_url=server.url, headers={"access_token": TOKEN_B}, timeout=10) as client:
        yield client


class EventProbe:
    """An engine listener that keeps `(topic, action, resource_id, extras)` of every published event."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str, int, dict[str, Any]]] = []

    def publish(self, company: Any, events: Any) -> None:
        self.events.extend((event.topic, event.action, event.resource_id, event.extras) for event in events)


@pytest.fixture
def published(server: MockServer, api: httpx.Client) -> Iterator[list[tuple[str, str, int, dict[str, Any]]]]:
    """The events published by the requests of this test (after the reset of `api`)."""
    probe = EventProbe()
    server.call(server.engine.listeners.append, probe)
    yield probe.events
    server.call(server.engine.listeners.remove, probe)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    """A real webhook receiver on a free loopback port (one per test module)."""
    with Listener(Receiver()) as running:
        yield running


@pytest.fixture
def hook(server: MockServer, api: httpx.Client, listener: Listener) -> Iterator[Receiver]:
    """The receiver, subscribed to every notification of company A (after the reset of `api`)."""
    listener.receiver.clear()
    server.call(server.engine.webhooks.subscribe, 1, listener.url + "/bsale")
    yield listener.receiver
    listener.receiver.release()


def reference_endpoints() -> dict[str, Any]:
    """Bsale's documented CL endpoints: filters, request and response examples (copied facts)."""
    return json.loads((REFERENCE / "cl_endpoints.json").read_text())


def documented_keys(endpoint: str) -> list[str]:
    """The keys of the documented response example of `"METHOD /path"` (first item for lists)."""
    example = reference_endpoints()[endpoint]["response"]
    if isinstance(example, dict) and "items" in example:
        example = example["items"][0]
    return list(example)


def snapshot(server: MockServer) -> dict[str, Any]:
    return server.call(server.engine.store.dump)


URL_KEYS = ("href", "next", "urlImg", "image")


def served_urls(value: Any) -> Iterator[str]:
    """Every URL inside a served value (`href`, `next`, and the online store's `urlImg`, `image`)."""
    if isinstance(value, dict):
        for key, child in value.items():
            if key in URL_KEYS and isinstance(child, str):
                yield child
            else:
                yield from served_urls(child)
    elif isinstance(value, list):
        for child in value:
            yield from served_urls(child)


def assert_every_url_resolves(api: httpx.Client, server: MockServer, path: str, at_least: int) -> None:
    """GET `path`, then every URL it hands out: each on the mock, each answering 200."""
    found = list(served_urls(api.get(path).json()))
    assert len(found) >= at_least, found
    for url in set(found):
        assert url.startswith(server.url + "/"), url
        assert api.get(url).status_code == 200, url
