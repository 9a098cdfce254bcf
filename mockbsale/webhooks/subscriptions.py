"""Webhook subscriptions: a URL (used verbatim), the topics and actions it wants, its faults."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from mockbsale.events import Event
from mockbsale.webhooks.faults import Faults
from mockbsale.webhooks.payloads import TOPICS

ALL_ACTIONS = ("post", "put")


MAX_URL_LENGTH = 2048
"""The longest webhook URL (what browsers and most servers accept)."""


def check_url(url: Any) -> str:
    """`url` if it can be delivered to, else ValueError saying what is wrong with it."""
    if not isinstance(url, str) or not url:
        raise ValueError("webhook url must be an http(s) URL string")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"webhook url is longer than {MAX_URL_LENGTH} characters")
    if any(ord(char) <= 32 or ord(char) == 127 for char in url):
        raise ValueError("webhook url contains a space or a control character")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"webhook url must be an http(s) URL (http:// or https://), not {url[:40]!r}")
    if not parts.hostname:
        raise ValueError(f"webhook url has no host: {url[:80]!r}")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise ValueError(f"webhook url port must be a number from 1 to 65535: {url[:80]!r}")
    return url


def choice(kind: str, values: Iterable[str] | None, allowed: Iterable[str]) -> frozenset[str] | None:
    """`values` checked against `allowed`; None or empty means all of them."""
    if values is None:
        return None
    if isinstance(values, str):
        values = [value.strip() for value in values.split(",") if value.strip()]
    values = list(values) if isinstance(values, (list, tuple, set, frozenset)) else [values]
    if not all(isinstance(value, str) for value in values):
        raise ValueError(f"webhook {kind} must be a list of names, not {values!r}")
    chosen = frozenset(values)
    unknown = chosen - set(allowed)
    if unknown:
        raise ValueError(f"unknown webhook {kind}: {', '.join(sorted(map(str, unknown)))}; known: {', '.join(allowed)}")
    return chosen or None


@dataclass
class Subscription:
    """Where one company's notifications go. `topics`/`actions` None means every one."""

    id: int
    cpn_id: int
    url: str
    topics: frozenset[str] | None = None
    actions: frozenset[str] | None = None
    faults: Faults = field(default_factory=Faults)
    paused: bool = False
    """A paused subscription is kept but sent nothing."""

    def wants(self, event: Event) -> bool:
        return not self.paused and (self.topics is None or event.topic in self.topics) and (
            self.actions is None or event.action in self.actions
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "cpnId": self.cpn_id,
            "url": self.url,
            "topics": sorted(self.topics) if self.topics else list(TOPICS),
            "actions": sorted(self.actions) if self.actions else list(ALL_ACTIONS),
            "faults": self.faults.to_dict(),
            "paused": self.paused,
        }

