"""The webhook admin API (`/_mock/webhooks/...`): subscriptions per company, deliveries, errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer
from mockbsale.events import Event
from mockbsale.webhooks.listen import Listener, Receiver


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener(Receiver()) as running:
        yield running


@pytest.fixture
def admin(server: MockServer, api: httpx.Client, listener: Listener) -> Iterator[httpx.Client]:
    """An admin client on the reset session server, with an empty receiver."""
    listener.receiver.clear()
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def test_subscriptions_can_be_added_listed_changed_and_removed(admin: httpx.Client, listener: Listener) -> None:
    assert admin.get("/_mock/webhooks/subscriptions").json() == []
    created = admin.post("/_mock/webhooks/subscriptions", json={"cpnId": 2, "url": listener.url + "/h?k=1",
                                                                "topics": ["stock", "price"]})
    assert created.status_code == 201
    subscription = created.json()
    assert subscription == {
        "id": subscription["id"], "cpnId": 2, "url": listener.url + "/h?k=1", "topics": ["price", "stock"],
        "actions": ["post", "put"],
        "faults": {"drop": 0.0, "duplicate": 0.0, "delay": 0.0, "reorder": 0.0, "delay_seconds": 0.5, "seed": 0},
        "paused": False,
    }
    path = f"/_mock/webhooks/subscriptions/{subscription['id']}"
    assert admin.get("/_mock/webhooks/subscriptions", params={"cpnId": 2}).json() == [subscription]
    assert admin.get("/_mock/webhooks/subscriptions", params={"cpnId": 1}).json() == []
    changed = admin.put(path, json={"actions": "put", "faults": {"duplicate": 1, "seed": 9}}).json()
    assert changed["actions"] == ["put"] and changed["faults"]["duplicate"] == 1
    assert changed["topics"] == ["price", "stock"]
    assert admin.get(path).json() == changed
    assert admin.delete(path).json() == changed
    assert admin.get(path).status_code == 404
    assert admin.get("/_mock/webhooks/subscriptions").json() == []


BAD_SUBSCRIPTIONS = [
    ({"url": "ftp://example.com/x"}, 400, "webhook url must be an http(s) URL"),
    ({"url": 5}, 400, "webhook url must be an http(s) URL"),
    ({"url": "http://127.0.0.1:9/x", "topics": ["document", "nope"]}, 400, "unknown webhook topics: nope"),
    ({"url": "http://127.0.0.1:9/x", "topics": 7}, 400, "webhook topics must be a list of names"),
    ({"url": "http://127.0.0.1:9/x", "actions": ["delete"]}, 400, "unknown webhook actions: delete"),
    ({"url": "http://127.0.0.1:9/x", "faults": {"drop": 2}}, 400, "fault drop is a probability between 0 and 1"),
    ({"url": "http://127.0.0.1:9/x", "faults": {"explode": 1}}, 400, "unknown fault(s): explode"),
    ({"url": "http://127.0.0.1:9/x", "faults": [1]}, 400, "faults must be an object"),
    ({"url": "http://127.0.0.1:9/x", "secret": "x"}, 400, "unknown subscription field(s): secret"),
    ({"url": "http://127.0.0.1:9/x", "cpnId": 999}, 404, "no company with cpnId 999"),
]


@pytest.mark.parametrize(("body", "status", "message"), BAD_SUBSCRIPTIONS)
def test_bad_subscription_is_refused_and_changes_nothing(admin: httpx.Client, body: dict[str, Any], status: int,
                                                         message: str) -> None:
    answer = admin.post("/_mock/webhooks/subscriptions", json=body)
    assert answer.status_code == status
    assert answer.json()["error"].startswith(message)
    assert admin.get("/_mock/webhooks/subscriptions").json() == []


def test_bad_update_changes_nothing(admin: httpx.Client) -> None:
    created = admin.post("/_mock/webhooks/subscriptions", json={"url": "http://127.0.0.1:9/x"}).json()
    path = f"/_mock/webhooks/subscriptions/{created['id']}"
    answer = admin.put(path, json={"url": "http://127.0.0.1:9/y", "topics": ["nope"]})
    assert answer.status_code == 400
    assert admin.put(path, content=b"{not json").json() == {"error": "Invalid JSON object"}
    assert admin.get(path).json() == created
    assert admin.put("/_mock/webhooks/subscriptions/999", json={}).json() == {"error": "no webhook subscription 999"}


def test_deliveries_newest_first_with_every_attempt(admin: httpx.Client, server: MockServer,
                                                    listener: Listener) -> None:
    listener.receiver.script(500)
    admin.post("/_mock/webhooks/subscriptions", json={"cpnId": 1, "url": listener.url + "/in"})
    engine = server.engine
    events = [Event("product", "post", 10), Event("variant", "post", 11)]
    server.call(lambda: engine.publish(engine.store.companies[1], events))
    assert admin.post("/_mock/webhooks/drain", params={"timeout": 8}).json() == {"idle": True}
    log = admin.get("/_mock/webhooks/deliveries", params={"cpnId": 1}).json()
    assert log["count"] == 2
    newest, oldest = log["items"]
    assert (newest["payload"]["topic"], oldest["payload"]["topic"]) == ("variant", "product")
    assert newest["url"] == listener.url + "/in" and newest["state"] == "delivered"
    failed_first = newest if len(newest["attempts"]) == 2 else oldest
    first, second = failed_first["attempts"]
    assert (first["status"], first["error"], second["status"]) == (500, None, 200)
    assert set(first) == {"time", "status", "error", "latencyMs"}
    only = admin.get("/_mock/webhooks/deliveries", params={"topic": "product", "limit": 5}).json()
    assert [item["payload"]["resourceId"] for item in only["items"]] == ["10"]
    assert admin.get("/_mock/webhooks/deliveries", params={"cpnId": 2}).json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({}, 400, "topic can't be blank"),
        ({"topic": "rcof"}, 400, "unknown webhook topic 'rcof'"),
        ({"topic": "price", "action": "post"}, 400, "Bsale sends price notifications for put only"),
        ({"topic": "document", "cpnId": 77}, 404, "no company with cpnId 77"),
    ],
)
def test_bad_trigger_is_refused(admin: httpx.Client, body: dict[str, Any], status: int, message: str) -> None:
    answer = admin.post("/_mock/webhooks/trigger", json=body)
    assert answer.status_code == status
    assert answer.json()["error"].startswith(message)
