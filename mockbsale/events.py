"""Domain events: what a successful write changed, in the words of Bsale's webhooks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from mockbsale.store import Company

TOPICS = ("document", "stock", "product", "variant", "price", "payment", "courierOrder")


@dataclass(frozen=True)
class Event:
    """One change: `topic` and `action` as Bsale names them, the id, and topic-specific extras
    (`officeId` for document and stock, `priceListId` for price, `sellerId` and `userToken` for
    courierOrder)."""

    topic: str
    action: str
    resource_id: int
    extras: dict[str, Any] = field(default_factory=dict)


class Listener(Protocol):
    """Where the engine publishes the events of each successful write (the webhook hub, test
    probes); a listener may also have `async start()` and `async stop()`, run with the server."""

    def publish(self, company: Company, events: Sequence[Event]) -> None: ...
