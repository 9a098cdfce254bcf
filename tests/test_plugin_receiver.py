"""The webhook receiver of the plugin: recording, `wait_for`, scripted statuses, loud misses."""

from __future__ import annotations

import threading

import httpx
import pytest

from mockbsale_pytest.receiver import WebhookReceiver

pytest_plugins = ["pytester"]

STOCK = {"cpnId": 1, "resource": "/v2/stocks.json?variant=7&office=1", "resourceId": "7", "topic": "stock",
         "action": "put", "officeId": "1", "send": 1503500856}
PRODUCT = {"cpnId": 1, "resource": "/v2/products/3.json", "resourceId": "3", "topic": "product", "action": "post",
           "send": 1503500856}


@pytest.fixture
def receiver() -> WebhookReceiver:
    with WebhookReceiver() as live:
        yield live


def test_records_and_waits_for_matching_payloads(receiver: WebhookReceiver) -> None:
    assert httpx.post(receiver.url + "?secret=s3", json=PRODUCT).status_code == 200
    assert httpx.post(receiver.url, json=STOCK).status_code == 200
    assert receiver.wait_for(topic="stock", resource_id=7) == STOCK
    assert receiver.wait_for(action="post") == PRODUCT
    assert receiver.received == [PRODUCT, STOCK]
    first = receiver.calls[0]
    assert (first.method, first.path, first.query, first.status) == ("POST", "/webhooks", {"secret": "s3"}, 200)
    assert first.headers["content-type"] == "application/json"


def test_wait_for_waits_for_a_late_notification(receiver: WebhookReceiver) -> None:
    timer = threading.Timer(0.05, lambda: httpx.post(receiver.url, json=STOCK))
    timer.start()
    assert receiver.wait_for(topic="stock", timeout=5) == STOCK
    timer.join()


def test_each_wait_returns_a_new_payload(receiver: WebhookReceiver) -> None:
    httpx.post(receiver.url, json=STOCK)
    receiver.wait_for(topic="stock")
    with pytest.raises(AssertionError) as missed:
        receiver.wait_for(topic="stock", timeout=0.05)
    assert "no webhook with topic='stock' arrived" in str(missed.value)
    assert "answered 200: {'cpnId': 1" in str(missed.value)
    assert receiver.unmet_waits() == ["topic='stock'"]


def test_scripted_statuses_then_the_default(receiver: WebhookReceiver) -> None:
    receiver.respond_with(500, 503, default=202)
    statuses = [httpx.post(receiver.url, json=STOCK).status_code for _ in range(3)]
    assert statuses == [500, 503, 202]
    assert [call.status for call in receiver.calls] == [500, 503, 202]
    assert receiver.received == [STOCK]


def test_a_miss_lists_what_arrived_and_non_json_bodies(receiver: WebhookReceiver) -> None:
    httpx.post(receiver.url, content=b"not json")
    with pytest.raises(AssertionError, match=r"what arrived \(1\):\n  answered 200: b'not json'"):
        receiver.wait_for(topic="document", timeout=0.01)
    receiver.clear()
    with pytest.raises(AssertionError, match="nothing arrived at all"):
        receiver.wait_for(timeout=0.01)


def test_a_missed_wait_fails_the_test_at_teardown_even_if_caught(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import httpx

        def test_swallows_the_miss(bsale_webhook_receiver):
            try:
                bsale_webhook_receiver.wait_for(topic="stock", resource_id=9, timeout=0.01)
            except AssertionError:
                pass

        def test_receiver_is_emptied_between_tests(bsale_webhook_receiver):
            assert bsale_webhook_receiver.received == []
            httpx.post(bsale_webhook_receiver.url, json={"topic": "stock"})
            assert bsale_webhook_receiver.wait_for(topic="stock") == {"topic": "stock"}

        def test_sees_nothing_from_before(bsale_webhook_receiver):
            assert bsale_webhook_receiver.calls == []
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=3, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_swallows_the_miss*",
            "*webhooks waited for were never delivered: topic='stock', resourceId='9'*",
        ]
    )
