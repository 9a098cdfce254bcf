"""The per-request context handed to resource handlers and domain services: the company, its
country, the clock, the base URL and the events a write raises. It knows nothing of the engine
or of HTTP."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mockbsale.domain.countries import Country, country
from mockbsale.events import Event
from mockbsale.store import Company, Table


@dataclass
class Ctx:
    company: Company
    base_url: str
    query: Mapping[str, str] = field(default_factory=dict)
    path_params: Mapping[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    clock: Callable[[], float] = time.time
    """The current time; the seed sets a fixed one so generated history does not depend on the clock."""

    @property
    def country(self) -> Country:
        return country(self.company.country)

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
