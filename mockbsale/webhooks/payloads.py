"""Bsale webhook payloads, one builder per topic, exactly as the documented examples.

Field order is the documented one: `cpnId`, the courier's `sellerId` and `userToken`, `resource`,
`resourceId`, `topic`, `action`, the topic's extra field (`officeId`, `priceListId`, as strings),
then `send` (Unix seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from mockbsale.events import Event

ResourcePath = Callable[[int, Mapping[str, Any]], str]
"""(resource id, event extras) -> the `resource` path Bsale names (relative to https://api.bsale.io)."""

RESOURCE_PATHS: dict[str, ResourcePath] = {
    "document": lambda id_, _: f"/documents/{id_}.json",
    "product": lambda id_, _: f"/v2/products/{id_}.json",
    "variant": lambda id_, _: f"/v2/variants/{id_}.json",
    "price": lambda id_, extras: f"/v2/price_lists/{extras['priceListId']}/details.json?variant={id_}",
    "stock": lambda id_, extras: f"/v2/stocks.json?variant={id_}&office={extras['officeId']}",
    "payment": lambda id_, _: f"/v1/payments/{id_}.json",
    "courierOrder": lambda id_, _: f"/v1/couriers/orders/{id_}.json",
}

LEADING_FIELDS: dict[str, tuple[str, ...]] = {
    "courierOrder": ("sellerId", "userToken"),
}
"""Fields right after `cpnId`, as the event carries them (`sellerId` a number, as documented)."""

EXTRA_FIELDS: dict[str, tuple[str, ...]] = {
    "document": ("officeId",),
    "price": ("priceListId",),
    "stock": ("officeId",),
}

ACTIONS: dict[str, tuple[str, ...]] = {
    "document": ("post",),
    "product": ("post", "put"),
    "variant": ("post", "put"),
    "price": ("put",),
    "stock": ("put",),
    "payment": ("post", "put"),
    "courierOrder": ("post",),
}
"""The actions Bsale documents per topic (what `--webhook-actions` and the trigger accept)."""

TOPICS = tuple(RESOURCE_PATHS)
"""Every topic the mock sends."""


def documented(event: Event) -> bool:
    """Whether Bsale sends a notification for this topic and action."""
    return event.action in ACTIONS.get(event.topic, ())


def build_payload(cpn_id: int, event: Event, send: int, *, send_on_document: bool = True) -> dict[str, Any]:
    """The notification for `event` in company `cpn_id`; `send_on_document=False` leaves `send` out
    of document notifications, as the documented document example does."""
    payload: dict[str, Any] = {"cpnId": cpn_id}
    for name in LEADING_FIELDS.get(event.topic, ()):
        payload[name] = event.extras[name]
    payload.update(
        resource=RESOURCE_PATHS[event.topic](event.resource_id, event.extras),
        resourceId=str(event.resource_id),
        topic=event.topic,
        action=event.action,
    )
    for name in EXTRA_FIELDS.get(event.topic, ()):
        payload[name] = str(event.extras[name])
    if event.topic != "document" or send_on_document:
        payload["send"] = send
    return payload
