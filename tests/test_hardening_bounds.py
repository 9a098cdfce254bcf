"""What the mock accumulates is bounded (issue 14): server errors, the delivery log, a subscription's
backlog, a receiver."""

from __future__ import annotations

from typing import Any

import pytest

from mockbsale import Settings
from mockbsale.engine import MAX_PATH_KEPT, SERVER_ERRORS_KEPT, Engine
from mockbsale.webhooks import dispatcher
from mockbsale.webhooks.listen import RECEIVED_KEPT, Receiver
from mockbsale.webhooks.log import LOG_BYTES, LOG_SIZE, DeliveryLog


def test_server_errors_keep_the_newest_and_cut_long_paths() -> None:
    engine = Engine()
    for n in range(SERVER_ERRORS_KEPT + 50):
        engine.record_server_error("GET", f"/v1/{n}/" + "x" * 10_000)
    assert len(engine.server_errors) == SERVER_ERRORS_KEPT
    assert engine.server_errors[0].startswith("GET /v1/50/")
    assert all(len(text) <= len("GET ") + MAX_PATH_KEPT for text in engine.server_errors)
    engine.server_errors.clear()
    assert engine.server_errors == []


def test_the_delivery_log_is_bounded_in_count_and_bytes() -> None:
    log = DeliveryLog(attempts=6)
    payload: dict[str, Any] = {"topic": "stock"}
    for _ in range(LOG_SIZE + 10):
        log.new(1, 1, "http://127.0.0.1:9/hook", payload, b"{}")
    assert len(list(log)) == LOG_SIZE
    url = "http://127.0.0.1:9/" + "u" * 2000
    for _ in range(LOG_SIZE):
        log.new(1, 1, url, payload, b"x" * 4000)
    kept = list(log)
    assert sum(log.weight(delivery) for delivery in kept) <= LOG_BYTES
    assert len(kept) < LOG_SIZE and kept[0].id == 2 * LOG_SIZE + 10


def test_a_receiver_remembers_the_newest_notifications_only() -> None:
    receiver = Receiver()
    for n in range(RECEIVED_KEPT + 5):
        receiver.received.append(n)  # type: ignore[arg-type]
    assert len(receiver.received) == RECEIVED_KEPT and receiver.received[0] == 5


def test_a_subscription_that_cannot_keep_up_has_a_bounded_backlog(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dispatcher, "MAX_PENDING", 3)
    sending = dispatcher.Dispatcher(Settings())
    log = DeliveryLog()
    slow = [log.new(1, 1, "http://127.0.0.1:9/slow", {}, b"{}") for _ in range(5)]
    other = log.new(2, 2, "http://127.0.0.1:9/other", {}, b"{}")
    for delivery in [*slow, other]:
        sending.submit(delivery)
    assert [delivery.state for delivery in slow] == ["pending"] * 3 + ["failed"] * 2
    assert slow[-1].attempts[0].error == dispatcher.BACKLOG_FULL
    assert other.state == "pending" and not sending.idle
    sending.clear()
    assert sending.idle
    sending.submit(log.new(1, 1, "http://127.0.0.1:9/slow", {}, b"{}"))
    assert not sending.idle
