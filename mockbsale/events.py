"""Domain events: what a successful write changed, in the words of Bsale's webhooks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
