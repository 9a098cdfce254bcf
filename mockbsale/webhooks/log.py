"""The delivery log: every notification, its target, each attempt and its final state."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

PENDING = "pending"
RETRYING = "retrying"
DELIVERED = "delivered"
FAILED = "failed"
DROPPED = "dropped"
UNDELIVERED = "undelivered"
"""States: waiting for a first attempt, waiting for a retry, done (2xx), out of attempts, dropped
on purpose by a fault, still pending when the server stopped."""

LOG_SIZE = 10_000
LOG_BYTES = 32 * 1024 * 1024
"""The log keeps the newest `LOG_SIZE` deliveries, fewer when they would weigh more than this."""
ATTEMPT_BYTES = 400
"""What one attempt weighs at most in the log (its error text is cut to `MAX_ERROR`)."""
MAX_ERROR = 200
DELIVERY_BYTES = 600
"""What a delivery weighs besides its payload, body, URL and attempts."""


@dataclass
class Attempt:
    time: float
    """Unix time the attempt started."""
    status: int | None
    error: str | None
    latency_ms: float

    def to_dict(self) -> dict[str, Any]:
        return {"time": self.time, "status": self.status, "error": self.error, "latencyMs": self.latency_ms}


@dataclass(eq=False)
class Delivery:
    """One notification to one subscription (compared by identity)."""

    id: int
    cpn_id: int
    subscription_id: int
    url: str
    payload: dict[str, Any]
    body: bytes
    state: str = PENDING
    attempts: list[Attempt] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)
    """Faults applied on purpose (`drop`, `duplicate`, `delay`, `reorder`)."""

    @property
    def done(self) -> bool:
        return self.state in (DELIVERED, FAILED, DROPPED, UNDELIVERED)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cpnId": self.cpn_id,
            "subscriptionId": self.subscription_id,
            "url": self.url,
            "payload": self.payload,
            "state": self.state,
            "attempts": [attempt.to_dict() for attempt in self.attempts],
            "faults": list(self.faults),
        }


class DeliveryLog:
    """The most recent deliveries, newest first: at most `LOG_SIZE`, and at most `LOG_BYTES` counting
    each delivery at its largest (payload and body, URL, every attempt it may make)."""

    def __init__(self, attempts: int = 6) -> None:
        self._items: deque[Delivery] = deque()
        self._next_id = 1
        self._attempts = attempts
        self._bytes = 0

    def weight(self, delivery: Delivery) -> int:
        return 2 * len(delivery.body) + len(delivery.url) + DELIVERY_BYTES + ATTEMPT_BYTES * self._attempts

    def new(self, cpn_id: int, subscription_id: int, url: str, payload: dict[str, Any], body: bytes) -> Delivery:
        delivery = Delivery(self._next_id, cpn_id, subscription_id, url, payload, body)
        self._next_id += 1
        self._items.appendleft(delivery)
        self._bytes += self.weight(delivery)
        while len(self._items) > LOG_SIZE or (self._bytes > LOG_BYTES and len(self._items) > 1):
            self._bytes -= self.weight(self._items.pop())
        return delivery

    def __iter__(self) -> Iterator[Delivery]:
        return iter(self._items)

    def clear(self) -> None:
        self._items.clear()
        self._next_id = 1
        self._bytes = 0
