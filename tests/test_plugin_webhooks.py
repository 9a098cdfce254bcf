"""The plugin's webhook side: subscribe the receiver, make real changes, wait for the notifications,
retry through scripted failures, trigger on demand; every notification of a real change has the
shape `strategies.webhook_payloads()` generates for its topic."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockbsale import strategies
from mockbsale_pytest.handle import Bsale
from mockbsale_pytest.receiver import WebhookReceiver


def resource_path(payload: dict[str, Any]) -> str:
    """The mock path answering a notification's `resource` (document resources are documented without `/v1`)."""
    path = payload["resource"]
    return "/v1" + path if path.startswith("/documents/") else path


def shape(payload: dict[str, Any]) -> tuple[list[str], list[type], str]:
    return list(payload), [type(value) for value in payload.values()], re.sub(r"\d+", "N", payload["resource"])


def generated_like(data: st.DataObject, payload: dict[str, Any]) -> dict[str, Any]:
    """A payload `webhook_payloads()` generates for the same topic and action (with `send` when it has one)."""
    return data.draw(
        strategies.webhook_payloads(topic=payload["topic"], action=payload["action"]).filter(
            lambda generated: ("send" in generated) == ("send" in payload)
        )
    )


def test_a_real_change_reaches_the_receiver(bsale: Bsale, bsale_webhook_receiver: WebhookReceiver) -> None:
    bsale.subscribe(bsale_webhook_receiver.url, topics=["product"])
    product = bsale.client.post("/v1/products.json", json={"name": "Manta de Alpaca", "productTypeId": 4}).json()
    payload = bsale_webhook_receiver.wait_for(topic="product", action="post", resource_id=product["id"])
    assert payload["cpnId"] == bsale.cpn_id
    assert bsale.client.get(resource_path(payload)).json()["data"]["name"] == "Manta de Alpaca"  # v2 envelope
    assert bsale.drain()
    [delivery] = bsale.deliveries
    assert delivery["state"] == "delivered" and delivery["payload"] == payload
    assert [attempt["status"] for attempt in delivery["attempts"]] == [200]


@pytest.mark.bsale(webhook_backoff=0.01)
def test_scripted_failures_are_retried(bsale: Bsale, bsale_webhook_receiver: WebhookReceiver) -> None:
    bsale_webhook_receiver.respond_with(500, 503)
    bsale.subscribe(bsale_webhook_receiver.url, topics=["variant"])
    variant = bsale.client.post("/v1/variants.json", json={"productId": 1, "description": "XXL"}).json()
    bsale_webhook_receiver.wait_for(topic="variant", resource_id=variant["id"])
    assert [call.status for call in bsale_webhook_receiver.calls] == [500, 503, 200]
    assert bsale.drain()
    assert [attempt["status"] for attempt in bsale.deliveries[0]["attempts"]] == [500, 503, 200]


def test_trigger_fires_a_notification(bsale: Bsale, bsale_webhook_receiver: WebhookReceiver) -> None:
    bsale.subscribe(bsale_webhook_receiver.url)
    [payload, *_] = bsale.trigger("stock")
    received = bsale_webhook_receiver.wait_for(topic="stock", resource_id=payload["resourceId"])
    assert received == {**payload, "send": received["send"]}
    with pytest.raises(ValueError, match="unknown webhook topic"):
        bsale.trigger("weather")


def test_subscriptions_end_with_the_test(bsale: Bsale) -> None:
    assert bsale.deliveries == []
    bsale.client.post("/v1/products.json", json={"name": "Sin suscripción", "productTypeId": 1})
    assert bsale.drain() and bsale.deliveries == []


CHANGES = settings(max_examples=15, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@CHANGES
@given(
    product=strategies.product_bodies(),
    variant=strategies.variant_bodies(),
    reception=strategies.stock_reception_bodies(),
    document=strategies.document_bodies(),
    data=st.data(),
)
def test_notifications_of_real_changes_match_the_strategy(
    bsale: Bsale,
    bsale_webhook_receiver: WebhookReceiver,
    product: dict[str, Any],
    variant: dict[str, Any],
    reception: dict[str, Any],
    document: dict[str, Any],
    data: st.DataObject,
) -> None:
    bsale.reset()
    bsale_webhook_receiver.clear()
    bsale.subscribe(bsale_webhook_receiver.url)
    for path, body in [("/v1/products.json", product), ("/v1/variants.json", variant),
                       ("/v1/stocks/receptions.json", reception), ("/v1/documents.json", document)]:
        assert bsale.client.post(path, json=body).status_code == 201
    assert bsale.drain()
    # deliveries arrive in any order; draw in a fixed one so that Hypothesis can replay the example
    received = sorted(bsale_webhook_receiver.received, key=lambda p: (p["topic"], p["action"], p["resource"]))
    assert {payload["topic"] for payload in received} >= {"product", "variant", "stock", "document"}
    for payload in received:
        assert shape(payload) == shape(generated_like(data, payload))
        assert bsale.client.get(resource_path(payload)).status_code == 200
