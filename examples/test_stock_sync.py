"""The example app's tests, written as a user of the mockbsale pytest plugin would write them: no
conftest, just the `bsale` and `bsale_webhook_receiver` fixtures and the strategies."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from hypothesis import HealthCheck, given, settings
from stock_sync import create_app

from mockbsale import strategies
from mockbsale_pytest import Bsale, WebhookReceiver


@pytest.fixture
def shop(bsale: Bsale) -> Iterator[str]:
    """The example app, live on a free port, talking to the mock."""
    server = uvicorn.Server(uvicorn.Config(create_app(bsale.url, bsale.token), port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the example shop stopped before it listened (see its log above)"
        assert time.monotonic() < deadline, "the example shop did not listen within 30 s"
        time.sleep(0.001)
    yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    server.should_exit = True
    thread.join()


def test_a_stock_reception_reaches_the_shop(bsale: Bsale, shop: str) -> None:
    bsale.subscribe(f"{shop}/webhooks/bsale", topics=["stock"])
    before = bsale.state.stock(variant_id=1, office_id=1)
    reception = {"officeId": 1, "details": [{"variantId": 1, "quantity": 5}]}
    assert bsale.client.post("/v1/stocks/receptions.json", json=reception).status_code == 201
    assert bsale.drain()
    assert httpx.get(f"{shop}/stock/1/1").json() == {"quantity": before + 5}
    [delivery] = bsale.deliveries
    assert delivery["state"] == "delivered"
    assert [(r.method, r.path) for r in bsale.requests][-1] == ("GET", "/v2/stocks.json")  # the shop read it once


def test_a_sale_notifies_the_stock_it_took(bsale: Bsale, bsale_webhook_receiver: WebhookReceiver) -> None:
    bsale.subscribe(bsale_webhook_receiver.url, topics=["stock"])
    sale = {"documentTypeId": 1, "officeId": 1, "dispatch": 1, "details": [{"variantId": 2, "quantity": 1}]}
    assert bsale.client.post("/v1/documents.json", json=sale).status_code == 201
    payload = bsale_webhook_receiver.wait_for(topic="stock", resource_id=2)
    assert payload["resource"] == "/v2/stocks.json?variant=2&office=1"


def test_the_shop_retries_after_a_bsale_rate_limit(bsale: Bsale, shop: str) -> None:
    bsale.subscribe(f"{shop}/webhooks/bsale", topics=["stock"])
    bsale.faults("429", retry_after=1, times=1)
    [payload, *_] = bsale.trigger("stock", resource_id=3)
    assert bsale.drain()
    [delivery] = bsale.deliveries
    assert [attempt["status"] for attempt in delivery["attempts"]] == [502, 200]  # Bsale said 429: not synced yet
    office = int(payload["officeId"])
    assert httpx.get(f"{shop}/stock/3/{office}").json() == {"quantity": bsale.state.stock(3, office)}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=strategies.malformed_webhook_payloads())
def test_malformed_notifications_never_crash_the_shop(shop: str, body: bytes) -> None:
    assert httpx.post(f"{shop}/webhooks/bsale", content=body).status_code in (200, 400)
