"""The engine: the store of companies, the registry, and where domain events go."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import mockbsale.resources  # noqa: F401  (the resource modules register themselves)
from mockbsale.config import Settings
from mockbsale.data import generate_company
from mockbsale.data.tables import TABLES
from mockbsale.events import Event, Listener
from mockbsale.http.faults import Faults, parse_fault
from mockbsale.http.journal import Journal
from mockbsale.http.ratelimit import RateLimiter
from mockbsale.resources.registry import REGISTRY, Registry
from mockbsale.store import Company, Store
from mockbsale.webhooks import WebhookHub

log = logging.getLogger("mockbsale")

FIRST_CPN_ID = 1


def demo_token(seed: int) -> str:
    """The token of the single company made when no `--token` is given: 40 hex digits like a
    real Bsale token, the same for the same seed."""
    return hashlib.sha1(f"mockbsale-demo-{seed}".encode()).hexdigest()


class Engine:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.registry: Registry = REGISTRY
        schema = {name: set(keys) for name, keys in TABLES.items()}
        for name, keys in self.registry.schema().items():
            schema.setdefault(name, set()).update(keys)
        self.store = Store(schema)
        self.server_errors: list[str] = []
        self.listeners: list[Listener] = []
        """Where the events of each successful write go: the webhook hub, test probes."""
        self.webhooks = WebhookHub(self.settings, self.store.companies, api=self)
        """Bsale webhooks: subscriptions, deliveries, trigger (see `mockbsale.webhooks.hub`)."""
        self.listeners.append(self.webhooks)
        self.journal = Journal()
        """Every API request answered, per company (see `mockbsale.http.journal`)."""
        self.faults = Faults(self.settings.seed if self.settings.fault_seed is None else self.settings.fault_seed)
        """Injected misbehaviour per company: `faults.set(cpn_id, "429", after=10)`, `faults.clear()`."""
        self.rate_limiter = RateLimiter(self.settings.rate_limit, self.settings.rate_window)
        self.clock: Callable[[], float] = time.time
        """The mock's clock (Unix seconds) for every request: the dates it writes (tests stop it)."""

    def seed(self) -> None:
        """Fill the store: from `settings.fixtures`, or generated (one company per token)."""
        self.store.clear()
        if self.settings.fixtures:
            self.load_fixtures(json.loads(Path(self.settings.fixtures).read_text()))
        else:
            tokens = self.settings.tokens or [demo_token(self.settings.seed)]
            for index, token in enumerate(tokens):
                company = self.store.add_company(FIRST_CPN_ID + index, token, {})
                generate_company(company, seed=self.settings.seed + index)
        for company in self.store.companies.values():
            company.mark_seeded()
        self.apply_faults()

    def apply_faults(self) -> None:
        """Every company's faults back to those of `settings.faults` (none by default)."""
        self.faults.clear()
        for text in self.settings.faults:
            kind, options = parse_fault(text)
            for cpn_id in self.store.companies:
                self.faults.set(cpn_id, kind, **options)

    def load_fixtures(self, document: dict[str, Any]) -> None:
        for entry in document["companies"]:
            company = self.store.add_company(entry["cpnId"], entry["token"], entry.get("instance", {}))
            company.load_tables(entry["tables"])

    def publish(self, company: Company, events: Sequence[Event]) -> None:
        for listener in self.listeners:
            listener.publish(company, events)

    async def start(self) -> None:
        """Called on the server's event loop once it runs (webhook workers start here)."""
        for listener in self.listeners:
            start = getattr(listener, "start", None)
            if start is not None:
                await start()

    async def stop(self) -> None:
        for listener in self.listeners:
            stop = getattr(listener, "stop", None)
            if stop is not None:
                await stop()

    def reset(self) -> None:
        """Every company back to its seeded data; journal forgotten, faults and
        rate limit back to the settings (counts restart)."""
        self.store.reset()
        self.server_errors.clear()
        self.webhooks.reset()
        self.journal.clear()
        self.apply_faults()
        self.rate_limiter.configure(self.settings.rate_limit, self.settings.rate_window)
