"""Hardening of the admin API (issue 14, rows 6, 10, 15, 17): bad values answer 400 naming the field
and install nothing, subscription URLs are checked, writes take JSON only from the mock's own origin."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from tests.conftest import snapshot

PYTHON_WORDS = ("invalid literal", "could not convert", "object of type", "Traceback", "NoneType", "-1")


def admin_state(api: httpx.Client) -> dict[str, Any]:
    return {
        "faults": api.get("/_mock/faults").json(),
        "rate": api.get("/_mock/rate-limit").json(),
        "subscriptions": api.get("/_mock/webhooks/subscriptions").json(),
    }


BAD_BODIES = [
    ("PUT", "/_mock/rate-limit", {"window": "inf"}, "window"),
    ("PUT", "/_mock/rate-limit", {"window": "nan"}, "window"),
    ("PUT", "/_mock/rate-limit", {"window": 1e308}, "window"),
    ("PUT", "/_mock/rate-limit", {"window": 0}, "window"),
    ("PUT", "/_mock/rate-limit", {"limit": "abc"}, "limit"),
    ("PUT", "/_mock/rate-limit", {"limit": 10**30}, "limit"),
    ("POST", "/_mock/faults", {"kind": "429", "retry_after": 1e300}, "retry_after"),
    ("POST", "/_mock/faults", {"kind": "latency", "ms": 10**12}, "ms"),
    ("POST", "/_mock/faults", {"kind": "500", "after": -1}, "after"),
    ("POST", "/_mock/faults", {"kind": "500", "rate": "nan"}, "rate"),
    ("POST", "/_mock/faults", {"seed": "abc"}, "seed"),
    ("POST", "/_mock/faults", {"seed": 10**40}, "seed"),
    ("POST", "/_mock/faults", {"kind": "500", "seed": 1.5}, "seed"),
    ("POST", "/_mock/webhooks/trigger", {"topic": "stock", "resourceId": "abc"}, "resourceId"),
    ("POST", "/_mock/webhooks/trigger", {"topic": "stock", "resourceId": 10**30}, "resourceId"),
    ("POST", "/_mock/webhooks/subscriptions", {"url": "http://127.0.0.1:9/x", "faults": {"delay_seconds": 1e300}},
     "delay_seconds"),
    ("POST", "/_mock/webhooks/subscriptions", {"url": "http://127.0.0.1:9/x", "faults": {"seed": 10**30}}, "seed"),
]


@pytest.mark.parametrize(("method", "path", "body", "field"), BAD_BODIES,
                         ids=[f"{path[7:]}-{body}"[:60] for _, path, body, _ in BAD_BODIES])
def test_a_bad_admin_value_is_refused_naming_the_field_and_installs_nothing(
    api: httpx.Client, server: MockServer, method: str, path: str, body: dict[str, Any], field: str
) -> None:
    before, state = admin_state(api), snapshot(server)
    answer = api.request(method, path, json=body)
    assert answer.status_code == 400, answer.text
    message = answer.json()["error"]
    assert field in message and not any(word in message for word in PYTHON_WORDS), message
    assert admin_state(api) == before
    assert snapshot(server) == state
    assert api.get("/v1/offices.json").status_code == 200
    assert server.engine.server_errors == []


BAD_URLS = [
    ("http://127.0.0.1:9/a\x00b", "control character"),
    ("http://127.0.0.1:9/" + "a" * 70_000, "longer than 2048"),
    ("http://:80/", "no host"),
    ("http://127.0.0.1:99999/", "port"),
    ("ftp://127.0.0.1/x", "http://"),
    ("javascript:alert(1)", "http://"),
    ("", "http(s) URL"),
    (42, "http(s) URL"),
]


@pytest.mark.parametrize(("url", "says"), BAD_URLS, ids=[repr(url)[:30] for url, _ in BAD_URLS])
def test_a_bad_subscription_url_is_refused_naming_what_is_wrong(api: httpx.Client, url: Any, says: str) -> None:
    answer = api.post("/_mock/webhooks/subscriptions", json={"url": url})
    assert answer.status_code == 400, answer.text
    message = answer.json()["error"]
    assert says in message and len(message) < 200, message
    assert api.get("/_mock/webhooks/subscriptions").json() == []
    made = api.post("/_mock/webhooks/subscriptions", json={"url": "http://127.0.0.1:9/ok"})
    assert made.status_code == 201
    changed = api.put(f"/_mock/webhooks/subscriptions/{made.json()['id']}", json={"url": url})
    assert changed.status_code == 400 and says in changed.json()["error"]


def test_drain_timeout_is_capped(api: httpx.Client) -> None:
    assert api.post("/_mock/webhooks/drain", params={"timeout": 1e300}).json() == {"idle": True}
    refused = api.post("/_mock/webhooks/drain", params={"timeout": "abc"})
    assert refused.status_code == 400 and "timeout" in refused.json()["error"]


FOREIGN = [
    ({"Content-Type": "text/plain"}, 415),
    ({"Content-Type": "application/x-www-form-urlencoded"}, 415),
    ({"Content-Type": "application/json", "Origin": "https://evil.example"}, 403),
    ({"Content-Type": "text/plain", "Origin": "null"}, 403),
    ({"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"}, 403),
]


@pytest.mark.parametrize(("headers", "status"), FOREIGN, ids=[str(h) for h, _ in FOREIGN])
@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/_mock/reset", b""),
    ("POST", "/_mock/faults", b'{"kind": "500"}'),
    ("PUT", "/_mock/rate-limit", b'{"limit": 1}'),
    ("POST", "/_mock/webhooks/subscriptions", b'{"url": "http://127.0.0.1:9/x"}'),
    ("DELETE", "/_mock/faults", b""),
])
def test_admin_writes_take_json_from_the_same_origin_only(
    api: httpx.Client, server: MockServer, headers: dict[str, str], status: int, method: str, path: str, body: bytes
) -> None:
    api.post("/_mock/faults", json={"kind": "latency", "ms": 1, "cpnId": 1})
    api.post("/v1/offices.json", json={"name": "Antes del ataque"})
    before, state = admin_state(api), snapshot(server)
    answer = api.request(method, path, content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert "admin API" in answer.json()["error"]
    assert admin_state(api) == before
    assert snapshot(server) == state


def test_same_origin_json_admin_writes_still_work(api: httpx.Client, server: MockServer) -> None:
    origin = {"Origin": server.url}
    assert api.put("/_mock/rate-limit", json={"limit": 5, "window": 10}, headers=origin).json() == {
        "limit": 5, "window": 10.0}
    assert api.post("/_mock/reset", headers=origin).json() == {"reset": True}
    assert api.post("/_mock/faults", content=b'{"kind": "500"}',
                    headers={"Content-Type": "application/json; charset=utf-8"}).status_code == 201
