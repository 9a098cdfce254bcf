"""Webhook delivery: documented payloads, retries, timeouts, faults, reset, shutdown — against a
real receiver on 127.0.0.1 and a mock of our own whose webhook settings suit the checks."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mockbsale import MockServer, Settings
from mockbsale.events import Event
from mockbsale.webhooks import Delivery
from mockbsale.webhooks.listen import Listener, Receiver
from tests.conftest import REFERENCE, TOKEN_A, TOKEN_B

HOOK = "/hook/s3cr3t?secret=x&y=1"


@pytest.fixture(scope="module")
def receiver() -> Iterator[Listener]:
    with Listener(Receiver()) as listener:
        yield listener


@pytest.fixture(scope="module")
def server(receiver: Listener) -> Iterator[MockServer]:
    settings = Settings(
        port=0, tokens=[TOKEN_A, TOKEN_B], seed=7, webhook_urls=[receiver.url + HOOK],
        webhook_timeout=2, webhook_retries=5, webhook_backoff=0.05, webhook_grace=1,
    )
    with MockServer(settings) as live:
        yield live


@pytest.fixture
def hook(server: MockServer, receiver: Listener) -> Iterator[Receiver]:
    """The receiver, empty, after the mock went back to its seed (deliveries and subscriptions too)."""
    server.call(server.engine.reset)
    receiver.receiver.clear()
    yield receiver.receiver
    receiver.receiver.release()


def publish(server: MockServer, cpn_id: int, *events: Event) -> None:
    engine = server.engine
    server.call(lambda: engine.publish(engine.store.companies[cpn_id], list(events)))


def drain(server: MockServer, timeout: float = 8.0) -> bool:
    assert server.loop is not None
    return asyncio.run_coroutine_threadsafe(server.engine.webhooks.drain(timeout), server.loop).result(timeout + 2)


def deliveries(server: MockServer, cpn_id: int | None = None) -> list[Delivery]:
    return server.call(server.engine.webhooks.deliveries, cpn_id)


def wait_until(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.005)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def examples() -> dict[str, list[dict[str, Any]]]:
    return json.loads((REFERENCE / "webhook_examples.json").read_text())


EXTRAS = {"officeId": int, "priceListId": int, "sellerId": int, "userToken": str}


def event_of(example: dict[str, Any]) -> Event:
    """The domain event a write would emit for a documented payload (extras typed as resources emit them)."""
    extras = {name: kind(example[name]) for name, kind in EXTRAS.items() if name in example}
    return Event(example["topic"], example["action"], int(example["resourceId"]), extras)


DOCUMENTED = [(topic, example) for topic, items in examples().items() for example in items]


@pytest.mark.parametrize(("topic", "example"), DOCUMENTED, ids=[f"{t}-{e['action']}" for t, e in DOCUMENTED])
def test_every_documented_payload_arrives_exactly(server: MockServer, hook: Receiver, topic: str,
                                                  example: dict[str, Any]) -> None:
    before = int(time.time())
    publish(server, 2, event_of(example))
    assert drain(server)
    [arrived] = hook.received
    expected = {**example, "cpnId": 2, "send": arrived.payload.get("send")}
    assert list(arrived.payload.items()) == list(expected.items())
    assert isinstance(arrived.payload["send"], int) and before <= arrived.payload["send"] <= time.time()
    assert arrived.target == HOOK
    assert arrived.content_type == "application/json"


def test_document_without_send_is_the_documented_example_exactly(server: MockServer, hook: Receiver) -> None:
    [example] = examples()["document"]
    server.engine.settings.webhook_send_on_document = False
    try:
        publish(server, 2, event_of(example))
        assert drain(server)
    finally:
        server.engine.settings.webhook_send_on_document = True
    assert hook.payloads == [example]


def test_each_company_notifies_with_its_own_cpn_id(server: MockServer, hook: Receiver) -> None:
    publish(server, 1, Event("product", "put", 5))
    publish(server, 2, Event("product", "put", 6))
    assert drain(server)
    assert sorted((p["cpnId"], p["resourceId"]) for p in hook.payloads) == [(1, "5"), (2, "6")]
    assert [d.payload["resourceId"] for d in deliveries(server, 1)] == ["5"]


def test_delivered_on_the_third_attempt_after_two_500(server: MockServer, hook: Receiver) -> None:
    hook.script(500, 500)
    publish(server, 1, Event("variant", "post", 7079))
    assert drain(server)
    [delivery] = deliveries(server)
    assert delivery.state == "delivered"
    assert [attempt.status for attempt in delivery.attempts] == [500, 500, 200]
    assert all(attempt.error is None and attempt.latency_ms >= 0 for attempt in delivery.attempts)
    assert delivery.attempts[0].time <= delivery.attempts[1].time <= delivery.attempts[2].time
    assert len(hook.received) == 3 and len(hook.payloads) == 1


def test_failed_after_the_attempt_limit(server: MockServer, hook: Receiver) -> None:
    hook.script(status=503)
    publish(server, 1, Event("variant", "put", 1))
    assert drain(server)
    [delivery] = deliveries(server)
    assert delivery.state == "failed"
    assert [attempt.status for attempt in delivery.attempts] == [503] * 6


def test_receiver_down_then_up_is_delivered(server: MockServer, hook: Receiver) -> None:
    port = free_port()
    subscription = server.call(server.engine.webhooks.subscribe, 1, f"http://127.0.0.1:{port}/late", ["stock"])
    publish(server, 1, Event("stock", "put", 3, {"officeId": 1}))
    mine = lambda: [d for d in deliveries(server) if d.subscription_id == subscription.id]  # noqa: E731
    wait_until(lambda: mine()[0].attempts)
    late = Receiver()
    with Listener(late, port=port):
        assert drain(server)
    [delivery] = mine()
    assert delivery.state == "delivered"
    assert delivery.attempts[0].status is None and "ConnectError" in (delivery.attempts[0].error or "")
    assert delivery.attempts[-1].status == 200
    assert late.payloads == [delivery.payload]


def test_receiver_slower_than_the_timeout_is_retried(server: MockServer, hook: Receiver) -> None:
    hook.script(hold=30)
    publish(server, 1, Event("payment", "post", 3229))
    wait_until(lambda: deliveries(server)[0].attempts)
    hook.release()
    assert drain(server)
    [delivery] = deliveries(server)
    assert delivery.attempts[0].error == "timeout after 2 s" and delivery.attempts[0].status is None
    assert delivery.state == "delivered" and delivery.attempts[-1].status == 200


def test_subscription_topics_and_actions_choose_what_is_sent(server: MockServer, hook: Receiver) -> None:
    server.call(lambda: server.engine.webhooks.unsubscribe(server.engine.webhooks.subscriptions(1)[0]))
    receiver_url = hook_url(server)
    server.call(server.engine.webhooks.subscribe, 1, receiver_url + "/stock", ["stock"], ["put"])
    server.call(server.engine.webhooks.subscribe, 1, receiver_url + "/posts", None, "post")
    publish(server, 1, Event("stock", "put", 1, {"officeId": 1}), Event("product", "post", 2),
            Event("product", "put", 2))
    assert drain(server)
    got = sorted((item.target, item.payload["topic"], item.payload["action"]) for item in hook.received)
    assert got == [("/posts", "product", "post"), ("/stock", "stock", "put")]


def hook_url(server: MockServer) -> str:
    return server.engine.settings.webhook_urls[0].split("/hook")[0]


def test_reset_forgets_deliveries_and_restores_configured_subscriptions(server: MockServer, hook: Receiver) -> None:
    hub = server.engine.webhooks
    server.call(hub.subscribe, 2, "http://127.0.0.1:9/extra")
    publish(server, 1, Event("product", "put", 1))
    assert drain(server)
    server.call(server.engine.reset)
    assert deliveries(server) == []
    urls = server.call(lambda: [(s.id, s.url) for s in hub.subscriptions(1) + hub.subscriptions(2)])
    assert urls == [(1, server.engine.settings.webhook_urls[0]), (2, server.engine.settings.webhook_urls[0])]


def test_api_response_does_not_wait_for_a_receiver_that_never_answers(server: MockServer, hook: Receiver) -> None:
    hook.script(hold=30)
    publish(server, 1, Event("product", "put", 1))
    assert hook.arrived.wait(5)
    with httpx.Client(base_url=server.url, headers={"access_token": TOKEN_A}) as api:
        assert api.get("/v1/offices/1.json").status_code == 200
    [delivery] = deliveries(server)
    assert delivery.state == "pending" and delivery.attempts == []


def test_shutdown_reports_what_was_not_delivered(caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(port=0, tokens=["t"], webhook_urls=[f"http://127.0.0.1:{free_port()}/gone"],
                        webhook_backoff=5, webhook_grace=0.1)
    with caplog.at_level("WARNING", logger="mockbsale.webhooks"), MockServer(settings) as live:
        publish(live, 1, Event("product", "post", 952))
        wait_until(lambda: deliveries(live)[0].attempts)
        live.stop()
    [delivery] = live.engine.webhooks.deliveries()
    assert delivery.state == "undelivered" and len(delivery.attempts) == 1
    assert "not delivered before shutdown: #1 product /v2/products/952.json" in caplog.text


def with_faults(server: MockServer, **faults: Any) -> int:
    """Replace the configured subscription of company 1 by one with `faults`; its id."""
    hub = server.engine.webhooks
    return server.call(lambda: hub.update(hub.subscriptions(1)[0].id, faults=faults).id)


def products(server: MockServer, ids: range) -> None:
    publish(server, 1, *(Event("product", "put", id_) for id_ in ids))


def test_fault_drop_sends_nothing_and_logs_it(server: MockServer, hook: Receiver) -> None:
    with_faults(server, drop=1)
    products(server, range(1, 4))
    assert drain(server)
    assert hook.received == []
    assert [(d.state, d.faults, d.attempts) for d in deliveries(server)] == [("dropped", ["drop"], [])] * 3


def test_fault_duplicate_sends_twice(server: MockServer, hook: Receiver) -> None:
    with_faults(server, duplicate=1)
    products(server, range(1, 3))
    assert drain(server)
    assert sorted(p["resourceId"] for p in hook.payloads) == ["1", "1", "2", "2"]
    assert sorted(d.faults[0] for d in deliveries(server)) == ["duplicate"] * 4


def test_fault_reorder_sends_a_notification_after_the_next_one(server: MockServer, hook: Receiver) -> None:
    with_faults(server, reorder=1)
    products(server, range(1, 3))
    assert drain(server)
    assert [p["resourceId"] for p in hook.payloads] == ["2", "1"]


def test_fault_delay_holds_the_first_attempt(server: MockServer, hook: Receiver) -> None:
    with_faults(server, delay=1, delay_seconds=0.3)
    products(server, range(1, 2))
    published = time.time()
    assert drain(server)
    [delivery] = deliveries(server)
    assert delivery.faults == ["delay"] and delivery.attempts[0].time >= published + 0.25


def fault_pattern(server: MockServer, seed: int) -> list[tuple[int, str, list[str]]]:
    server.call(server.engine.reset)
    with_faults(server, drop=0.3, duplicate=0.3, seed=seed)
    products(server, range(1, 21))
    assert drain(server)
    return sorted((int(d.payload["resourceId"]), d.state, d.faults) for d in deliveries(server))


def test_faults_are_reproducible_under_a_seed(server: MockServer, hook: Receiver) -> None:
    first = fault_pattern(server, seed=3)
    assert fault_pattern(server, seed=3) == first
    assert fault_pattern(server, seed=4) != first
    assert {state for _, state, _ in first} == {"dropped", "delivered"}
    assert ["duplicate"] in [faults for _, _, faults in first]


def test_only_documented_topics_and_actions_are_sent(server: MockServer, hook: Receiver) -> None:
    publish(server, 1, Event("document", "put", 1, {"officeId": 1}), Event("price", "post", 1, {"priceListId": 1}),
            Event("payment", "delete", 1), Event("return", "post", 1), Event("stock", "put", 1, {"officeId": 2}))
    assert drain(server)
    assert [payload["topic"] for payload in hook.payloads] == ["stock"]
