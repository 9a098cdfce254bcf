"""The per-request context handed to resource handlers and domain services."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mockbsale.events import Event
from mockbsale.store import Company, Table

if TYPE_CHECKING:
    from mockbsale.engine import Engine


@dataclass
class Ctx:
    engine: Engine
    company: Company
    base_url: str
    query: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    clock: Callable[[], float] = time.time
    """The current time; the seed sets a fixed one so generated history does not depend on the clock."""

    def table(self, name: str) -> Table:
        return self.company.table(name)

    def emit(self, topic: str, action: str, resource_id: int, **extras: Any) -> None:
        """Record a change; it is published only if the whole request succeeds, once per change
        (two lines of one document taking the same stock raise one stock event)."""
        event = Event(topic, action, resource_id, extras)
        if event not in self.events:
            self.events.append(event)

    def now(self) -> int:
        """The current Unix time in seconds, by `clock`."""
        return int(self.clock())

    def url(self, path: str) -> str:
        return self.base_url + path
