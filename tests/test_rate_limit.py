"""Bsale's rate limit emulation: off by default, N requests per window per token, then 429."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.cli import build_parser
from tests.test_cli import serve


@pytest.fixture
def limited(api: httpx.Client) -> Iterator[httpx.Client]:
    """Company A's client under a limit of 3 requests per 300 s (reset puts the settings back)."""
    assert api.put("/_mock/rate-limit", json={"limit": 3, "window": 300}).json() == {"limit": 3, "window": 300.0}
    yield api


def test_off_by_default(api: httpx.Client) -> None:
    assert api.get("/_mock/rate-limit").json() == {"limit": 0, "window": 300.0}
    assert all(api.get("/v1/offices/1.json").status_code == 200 for _ in range(20))


def test_429_with_retry_after_header_and_body(limited: httpx.Client) -> None:
    assert [limited.get("/v1/offices.json").status_code for _ in range(3)] == [200, 200, 200]
    refused = limited.get("/v1/offices.json")
    assert refused.status_code == 429
    wait = int(refused.headers["Retry-After"])
    assert 1 <= wait <= 300
    assert refused.json() == {"error": "Too many requests", "retry_after": wait}


def test_the_limit_is_per_token(limited: httpx.Client, api_b: httpx.Client) -> None:
    for _ in range(4):
        limited.get("/v1/offices.json")
    assert limited.get("/v1/offices.json").status_code == 429
    assert api_b.get("/v1/offices.json").status_code == 200


def test_a_refused_write_changes_nothing(limited: httpx.Client, server: MockServer) -> None:
    for _ in range(3):
        limited.get("/v1/offices/1.json")
    before = server.call(server.engine.store.dump)
    assert limited.post("/v1/offices.json", json={"name": "Limitada"}).status_code == 429
    assert server.call(server.engine.store.dump) == before


@pytest.fixture
def clock(server: MockServer) -> Iterator[list[float]]:
    """The rate limiter's clock, moved by hand: `clock[0]` seconds (the real clock is put back after)."""
    now = [1000.0]
    limiter = server.engine.rate_limiter
    server.call(setattr, limiter, "clock", lambda: now[0])
    yield now
    server.call(setattr, limiter, "clock", time.monotonic)


def test_a_new_window_lets_requests_through(api: httpx.Client, clock: list[float]) -> None:
    api.put("/_mock/rate-limit", json={"limit": 1, "window": 300})
    assert [api.get("/v1/offices.json").status_code for _ in range(2)] == [200, 429]
    clock[0] += 299.5
    refused = api.get("/v1/offices.json")
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "1")
    clock[0] += 0.5
    assert api.get("/v1/offices.json").status_code == 200
    assert api.get("/v1/offices.json").status_code == 429, "the new window counts from its first request"


def test_reset_restores_the_settings(limited: httpx.Client, server: MockServer) -> None:
    server.call(server.engine.reset)
    assert limited.get("/_mock/rate-limit").json()["limit"] == 0


@pytest.mark.parametrize("body", [{"limit": -1}, {"window": 0}, {"limit": "many"}, {"limit": [3]}])
def test_bad_settings_are_refused(api: httpx.Client, body: dict[str, object]) -> None:
    response = api.put("/_mock/rate-limit", json=body)
    assert response.status_code == 400
    assert api.get("/_mock/rate-limit").json()["limit"] == 0


def test_flag_without_a_value_is_bsales_limit() -> None:
    args = build_parser().parse_args(["serve", "--rate-limit"])
    assert (args.rate_limit, args.rate_window) == (3000, 300.0)
    assert build_parser().parse_args(["serve"]).rate_limit == 0


def test_serve_with_the_flags() -> None:
    with serve("--port", "0", "--token", "rl", "--rate-limit", "2", "--fault", "latency:ms=1") as (url, _):
        statuses = [httpx.get(f"{url}/v1/offices.json", headers={"access_token": "rl"}).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        faults = httpx.get(f"{url}/_mock/faults").json()["companies"]["1"]
        assert [(fault["kind"], fault["ms"]) for fault in faults] == [("latency", 1)]
